"""The wire facts of one SES error, and the one constructor every surface builds them with.

Every surface (an XML or JSON body, a botocore ``ClientError``, an SMTP reply, a bulk entry,
``SESError.from_dict``) hands what it read to ``wire_facts``. It checks each value's type,
turns text into ``str`` by a conversion that cannot raise, strips XML white space only
(#x20 #x9 #xD #xA, never NBSP or U+3000) and bounds every field. A value of the wrong type is
absent, not an error: wire data is never trusted to be well-typed. ``_build.error_from_facts``
then picks the class and builds the exception.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Mapping

MAX_CODE_CHARS = 128
MAX_MESSAGE_CHARS = 4096
MAX_REQUEST_ID_CHARS = 128
MAX_DETAIL_CHARS = 1024
MAX_DETAILS = 32
TRUNCATION_MARK = "…"

# The longest bad value an error message quotes.
MAX_SHOWN_CHARS = 40

# XML's white space: str.strip() with no argument would also remove NBSP, U+3000 and others,
# which are part of a value in XML.
XML_SPACE = " \t\r\n"

# An int is turned into text only while its digits are few; str() of a huge one is slow and,
# past 4,300 digits, raises. 2**420 has 127 digits, just inside MAX_CODE_CHARS.
_MAX_INT_BITS = 420


class WireFacts(NamedTuple):
    """What one SES error said on the wire, checked and bounded; built only by ``wire_facts``.

    ``target`` is the class name a surface's own table picked (an SMTP reply's, a bulk
    status's, or the class ``to_dict`` recorded); ``case_text`` is the text a message case is
    matched against when it is not the whole message (an SMTP reply's text after its fixed
    beginning).
    """

    code: str | None
    message: str
    http_status: int | None
    request_id: str | None
    fault: str | None
    details: Mapping[str, str]
    operation: str | None
    attempts: int | None
    smtp_code: int | None
    target: str | None
    case_text: str | None


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
    target: str | None = None,
    case_text: object = None,
) -> WireFacts:
    """Return the checked, converted and bounded wire facts of one error.

    A code longer than any SES code is no code at all (None), like an empty one. A message is
    kept as sent but bounded; every other text is stripped of XML white space. An HTTP status
    outside 100-599, an attempt count below 1 or an SMTP code outside -1 to 999 (smtplib's -1
    stands for a reply it could not read) is absent.
    """
    # Each field has a fast path for a value that is already an exact str or int within its
    # bounds, the common case on every surface; any other value takes the full conversion.
    # The fast paths are the one speed measure here that pays over 5 % of a parse (README).
    if type(code) is str and 0 < len(code) <= MAX_CODE_CHARS:
        code = code.strip(XML_SPACE) or None
    else:
        code = stripped_text(code, MAX_CODE_CHARS + 1)
        if code is not None and len(code) > MAX_CODE_CHARS:
            code = None
    if type(message) is not str or len(message) > MAX_MESSAGE_CHARS:
        message = bounded_text(as_text(message) or "", MAX_MESSAGE_CHARS)
    if type(request_id) is str and len(request_id) <= MAX_REQUEST_ID_CHARS:
        request_id = request_id.strip(XML_SPACE) or None
    else:
        request_id = stripped_text(request_id, MAX_REQUEST_ID_CHARS)
    if type(fault) is str and len(fault) <= MAX_CODE_CHARS:
        fault = fault.strip(XML_SPACE) or None
    else:
        fault = stripped_text(fault, MAX_CODE_CHARS)
    if not (type(http_status) is int and 100 <= http_status <= 599):
        http_status = None
    return WireFacts(
        code,
        message,
        http_status,
        request_id,
        fault,
        bounded_details(details) if details else {},
        None if operation is None else stripped_text(operation, MAX_CODE_CHARS),
        None if attempts is None else _int_in(attempts, 1, 1 << 31),
        None if smtp_code is None else _int_in(smtp_code, -1, 999),
        target,
        None if case_text is None else bounded_text(as_text(case_text) or "", MAX_MESSAGE_CHARS),
    )


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


def _int_in(value: object, low: int, high: int) -> int | None:
    # An exact int: a bool is no status, and an int subclass's comparisons could run user code.
    if type(value) is int and low <= value <= high:
        return value
    return None
