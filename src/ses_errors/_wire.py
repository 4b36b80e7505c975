"""The wire facts of one SES error, and the one constructor every surface builds them with.

Every surface (an XML or JSON body, a botocore ``ClientError``, an SMTP reply, a bulk entry,
``SESError.from_dict``) hands what it read to ``wire_facts``. It checks each value's type,
turns text into ``str`` by a conversion that cannot raise, strips XML white space only
(#x20 #x9 #xD #xA, never NBSP or U+3000) and bounds every field. A value of the wrong type is
absent, not an error: wire data is never trusted to be well-typed. ``_base.build`` then
picks the class (``resolve``) and makes the exception.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple, cast

MAX_CODE_CHARS = 128
MAX_MESSAGE_CHARS = 4096
MAX_REQUEST_ID_CHARS = 128
MAX_DETAIL_CHARS = 1024
MAX_DETAILS = 32
MAX_ATTEMPTS = 1 << 31
TRUNCATION_MARK = "…"

# An x-amzn-ErrorType value is a code, a namespace and a URL.
MAX_HEADER_CHARS = 1024

# The longest bad value an error message quotes.
MAX_SHOWN_CHARS = 40

# XML's white space: str.strip() with no argument would also remove NBSP, U+3000 and others,
# which are part of a value in XML.
XML_SPACE = " \t\r\n"

# How a code that may be a bare status ("503", " 429 ") can end; a code that ends otherwise
# needs no closer look.
_NOT_CODE_END = frozenset("0123456789" + XML_SPACE)

# An int is turned into text only while its digits are few; str() of a huge one is slow and,
# past 4,300 digits, raises. 2**420 has 127 digits, just inside MAX_CODE_CHARS.
_MAX_INT_BITS = 420


class WireFacts(NamedTuple):
    """What one SES error said on the wire, checked and bounded; built only by ``wire_facts``.

    The one declaration of the wire fields: ``SESError`` takes them in this order, keeps them
    in ``args`` and writes them in ``to_dict`` by these names; its attributes of the same
    names have these types (``code`` and ``http_status`` default to the class's).
    """

    message: str
    code: str | None
    http_status: int | None
    request_id: str | None
    fault: str | None
    details: dict[str, str]
    # From a botocore ClientError: the API operation, and how many HTTP attempts botocore
    # made (its own retries included), so that retries are not stacked unknowingly.
    operation: str | None
    attempts: int | None
    # From an SMTP reply: its reply code (``http_status`` is then the class's documented
    # status, since there was no HTTP response).
    smtp_code: int | None


# WireFacts as a plain tuple, in its order: what typed_facts returns and SESError._take reads.
Fields = tuple[
    str,
    str | None,
    int | None,
    str | None,
    str | None,
    dict[str, str],
    str | None,
    int | None,
    int | None,
]


def wire_facts(  # noqa: PLR0913 - one keyword per wire fact
    code: object,
    message: object = "",
    *,
    http_status: object = None,
    request_id: object = None,
    fault: object = None,
    details: Mapping[Any, object] | None = None,
    operation: object = None,
    attempts: object = None,
    smtp_code: object = None,
    code_may_be_status: bool = False,
) -> WireFacts:
    """Return the checked, converted and bounded wire facts of one error.

    A code longer than any SES code is no code at all (None), like an empty one
    (``dropped_code`` says why). With ``code_may_be_status`` (botocore's code for a body it
    could not read is the bare status, "503"), a code of ASCII digits is no code either, and
    the status it names stands in for one that was not seen. A message is kept as sent but
    bounded; every other text is stripped of XML white space. An HTTP status outside 100-599,
    an attempt count below 1 or an SMTP code outside -1 to 999 (smtplib's -1 stands for a reply
    it could not read) is absent.
    """
    # Each field has a fast path for a value that is already an exact str or int within its
    # bounds, the common case on every surface; any other value takes the full conversion.
    # The fast paths pay over 5 % of a parse (the docs' performance page). None, the absent
    # value of every surface, needs no conversion either.
    if code is None:
        pass
    elif (
        type(code) is str
        and 0 < len(code) <= MAX_CODE_CHARS
        and (not code_may_be_status or code[-1] not in _NOT_CODE_END)
    ):
        code = code.strip(XML_SPACE) or None
    else:
        code, http_status = _converted_code(
            code, http_status, code_may_be_status=code_may_be_status
        )
    if type(message) is not str or len(message) > MAX_MESSAGE_CHARS:
        message = bounded_text(as_text(message) or "", MAX_MESSAGE_CHARS)
    if type(request_id) is str and len(request_id) <= MAX_REQUEST_ID_CHARS:
        request_id = request_id.strip(XML_SPACE) or None
    elif request_id is not None:
        request_id = stripped_text(request_id, MAX_REQUEST_ID_CHARS)
    if type(fault) is str and len(fault) <= MAX_CODE_CHARS:
        fault = fault.strip(XML_SPACE) or None
    elif fault is not None:
        fault = stripped_text(fault, MAX_CODE_CHARS)
    return WireFacts(
        message,
        code,
        _status(http_status),
        request_id,
        fault,
        bounded_details(details) if details else {},
        None if operation is None else stripped_text(operation, MAX_CODE_CHARS),
        None if attempts is None else int_in(attempts, 1, MAX_ATTEMPTS),
        None if smtp_code is None else int_in(smtp_code, -1, 999),
    )


def _converted_code(
    code: object, http_status: object, *, code_may_be_status: bool
) -> tuple[str | None, object]:
    """Return the code as bounded text or None, and the status, which a bare status may name."""
    text, dropped = _judged_code(code, code_may_be_status=code_may_be_status)
    if dropped == "status" and text is not None and _status(http_status) is None:
        # The code's status, else a failure of the server's.
        named = int(text) if len(text) <= 3 else 0
        http_status = named if 100 <= named <= 599 else 500
    return (None if dropped else text), http_status


def dropped_code(code: object, *, code_may_be_status: bool = False) -> str | None:
    """Say why ``wire_facts`` keeps no code for ``code``: "no-code", "code-too-long", "status".

    None when it keeps one. Any value that is no text, or only white space, is no code; with
    ``code_may_be_status``, a code of ASCII digits is a bare status ("status").
    """
    return _judged_code(code, code_may_be_status=code_may_be_status)[1]


def _judged_code(code: object, *, code_may_be_status: bool) -> tuple[str | None, str | None]:
    """Return the code as stripped text, and why ``wire_facts`` drops it (None when kept)."""
    text = stripped_text(code, MAX_CODE_CHARS + 1)
    if text is None:
        return None, "no-code"
    if len(text) > MAX_CODE_CHARS:
        return text, "code-too-long"
    return text, ("status" if code_may_be_status and _is_bare_status(text) else None)


def _is_bare_status(code: str) -> bool:
    return code.isascii() and code.isdecimal()


def typed_facts(  # noqa: PLR0913, PLR0917 - SESError's arguments, as it takes them
    message: object,
    code: object,
    http_status: object,
    request_id: object,
    fault: object,
    details: object,
    operation: object,
    attempts: object,
    smtp_code: object,
) -> Fields:
    """Return the fields of an error a caller built, each of the right type, nothing bounded.

    Text of another type is turned into ``str`` by ``as_text`` (or left out); a status outside
    100-599, or a count that is no int in its range, is left out; of ``details`` only members
    whose name and value are both text are kept. A plain tuple: a record costs more to make.
    """
    return (
        message if type(message) is str else as_text(message) or "",
        code if code is None or type(code) is str else as_text(code),
        _status(http_status),
        request_id if request_id is None or type(request_id) is str else as_text(request_id),
        fault if fault is None or type(fault) is str else as_text(fault),
        _text_details(details) if details else {},
        operation if operation is None or type(operation) is str else as_text(operation),
        None if attempts is None else int_in(attempts, 1, MAX_ATTEMPTS),
        None if smtp_code is None else int_in(smtp_code, -1, 999),
    )


def _status(value: object) -> int | None:
    return value if type(value) is int and 100 <= value <= 599 else None


def _text_details(details: object) -> dict[str, str]:
    """Return the members of ``details`` whose name and value are both text, as plain str."""
    if not isinstance(details, Mapping):
        return {}
    kept: dict[str, str] = {}
    for name, value in cast("Mapping[object, object]", details).items():
        key, text = as_text(name), as_text(value)
        if key is not None and text is not None:
            kept[key] = text
    return kept


def as_text(value: object) -> str | None:
    """Return ``value`` as a plain ``str``, or None when it is no text; never raises.

    A ``str`` (of any subclass) is copied by the base class's own method, so an overridden
    ``__str__`` never runs; bytes are decoded as UTF-8 with replacement; a modest int is
    written out in decimal. Anything else (None, containers, floats, objects) is no text.
    """
    if type(value) is str:
        return value
    # issubclass(type()) decides; isinstance() only narrows for the type checker once it holds
    # (on its own it may call a __class__ property, which can lie or raise). Base-class
    # methods are called, never the value's own.
    kind = type(value)
    if issubclass(kind, str) and isinstance(value, str):
        return str.__str__(value)
    if issubclass(kind, bytes) and isinstance(value, bytes):
        return bytes.decode(value, "utf-8", errors="replace")
    if issubclass(kind, bytearray) and isinstance(value, bytearray):
        return bytearray.decode(value, "utf-8", errors="replace")
    if issubclass(kind, int) and not issubclass(kind, bool) and isinstance(value, int):
        return int.__repr__(value) if int.bit_length(value) <= _MAX_INT_BITS else None
    return None


def shown(value: object) -> str:
    """Return a short, safe rendering of a caller's bad value, for an error message.

    A modest int or a short text is shown as it is; anything else by its type, since repr()
    of a huge int raises and repr() of an object runs its code.
    """
    text = as_text(value)
    if text is not None and len(text) <= MAX_SHOWN_CHARS and not isinstance(value, bytes):
        return repr(text) if isinstance(value, str) else text
    return f"a {type(value).__name__}"


def stripped_text(value: object, limit: int) -> str | None:
    """Return ``value`` as text without surrounding XML white space, bounded; None if empty."""
    text = as_text(value)
    if text is None:
        return None
    text = text.strip(XML_SPACE)
    return bounded_text(text, limit) if text else None


def bounded_text(text: str, limit: int) -> str:
    """Return ``text``, cut to ``limit`` characters with a final mark when it is longer."""
    if len(text) <= limit:
        return text
    return text[: limit - len(TRUNCATION_MARK)] + TRUNCATION_MARK


def bounded_details(details: Mapping[Any, object]) -> dict[str, str]:
    """Return at most ``MAX_DETAILS`` extra members with non-empty text, names and texts bounded.

    The first member of each (bounded) name wins; members whose name or value is no text are
    left out.
    """
    kept: dict[str, str] = {}
    for name, value in details.items():
        if len(kept) >= MAX_DETAILS:
            break
        key = stripped_text(name, MAX_CODE_CHARS)
        text = as_text(value)
        if key is not None and text and key not in kept:
            kept[key] = bounded_text(text, MAX_DETAIL_CHARS)
    return kept


def finite_number(value: object) -> float | None:
    """Return ``value`` as a float when it is an exact int or float that a float holds finitely.

    None for anything else: a bool, a str, an int too large for a float, NaN or an infinity.
    Every number of seconds or rate a caller passes is read through this one check.
    """
    if type(value) is float:
        return value if math.isfinite(value) else None
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:
            return None
    return None


def int_in(value: object, low: int, high: int) -> int | None:
    """Return ``value`` when it is an exact int from ``low`` to ``high``, else None."""
    # An exact int: a bool is no status, and an int subclass's comparisons could run user code.
    if type(value) is int and low <= value <= high:
        return value
    return None


def read_headers(headers: Mapping[str, str] | None) -> tuple[str | None, str | None]:
    """Return the error type and the request id among ``headers`` (names in any case)."""
    if not headers:
        return None, None
    if not isinstance(headers, Mapping):  # pyright: ignore[reportUnnecessaryIsInstance]
        msg = f"headers must be a mapping, not {type(headers).__name__}"
        raise TypeError(msg)
    error_type = request_id = None
    for name, value in headers.items():
        lowered = (as_text(name) or "").lower()
        if lowered == "x-amzn-errortype":
            error_type = stripped_text(value, MAX_HEADER_CHARS)
        elif lowered == "x-amzn-requestid":
            request_id = stripped_text(value, MAX_REQUEST_ID_CHARS)
    return error_type, request_id


def request_id_from_headers(headers: Mapping[str, str] | None) -> str | None:
    """Return the ``x-amzn-RequestId`` header's value (any case), length-bounded, or None."""
    return read_headers(headers)[1]
