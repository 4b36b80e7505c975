"""Bytes to plain parsed details: the only place an XML (or JSON) parser is built.

``parse_body`` knows no exception classes. It turns an SES error response body into a frozen
``ParsedError`` or raises ``ResponseParseError`` saying what was wrong, never echoing the body and
never passing on lxml's own error text (lxml's error log can hold entries from earlier,
unrelated parses in the same thread).

Untrusted input is handled under these rules:

* a body larger than ``max_bytes`` is refused before any parser sees it;
* any DOCTYPE is refused, so no entity is ever declared, expanded or loaded;
* the lxml parser resolves no entities, loads no DTD, touches no network, builds no huge trees,
  and drops comments and processing instructions;
* codes, messages, request ids and extra members are length-bounded.
"""

# lxml names its element type _Element and offers no public alias for annotations.
# pyright: reportPrivateUsage=false

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Literal, NamedTuple, cast

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from lxml import etree

SES_NAMESPACE = "http://ses.amazonaws.com/doc/2010-12-01/"

# A real SES error body is well under 2 KiB; 64 KiB leaves room for any of them while keeping
# the worst case (a body of empty elements) to a few MiB of tree.
MAX_BODY_BYTES = 64 * 1024
MAX_CODE_CHARS = 128
MAX_MESSAGE_CHARS = 4096
MAX_REQUEST_ID_CHARS = 128
MAX_DETAIL_CHARS = 1024
MAX_DETAILS = 32
TRUNCATION_MARK = "…"

Reason = Literal[
    "empty",
    "too-large",
    "not-xml",
    "doctype",
    "not-json",
    "not-an-error-document",
    "no-code",
    "code-too-long",
    "not-a-bulk-response",
]

_REASON_TEXT: dict[Reason, str] = {
    "empty": "the response body is empty",
    "too-large": "the response body is larger than the size cap",
    "not-xml": "the response body is neither a well-formed XML document nor JSON",
    "doctype": "the response body declares a DOCTYPE, which an SES error never does",
    "not-json": "the response body is not a JSON object",
    "not-an-error-document": "the response body is not an SES error document",
    "no-code": "the SES error document carries no error code",
    "code-too-long": "the error code is longer than any SES code",
    "not-a-bulk-response": "the response body is not an SES bulk-send response",
}


@attrs.define(auto_exc=True, slots=False)
class ResponseParseError(ValueError):
    """The response held no readable SES error and no HTTP status was given to fall back on.

    ``reason`` is one of a fixed set of words (``empty``, ``too-large``, ``not-xml``,
    ``doctype``, ``not-json``, ``not-an-error-document``, ``no-code``, ``code-too-long``, and
    ``not-a-bulk-response`` from ``bulk_outcomes_from_xml``);
    ``size`` is the body's length in bytes. The body itself is never included.
    """

    reason: Reason = "not-an-error-document"
    size: int = 0

    def __str__(self) -> str:
        """Say what was wrong and how large the body was, without quoting it."""
        return f"{_REASON_TEXT[self.reason]} ({self.size} bytes)"


class ParsedError(NamedTuple):
    """What an SES error response says, before any exception class is chosen.

    A named tuple, not an attrs class: one is built per parse, and a tuple is built in a
    quarter of the time of a frozen attrs instance.
    """

    code: str
    message: str = ""
    request_id: str | None = None
    fault: str | None = None
    details: Mapping[str, str] = {}  # never mutated; each parse passes its own


class _EntryPoints:
    """lxml's and json's entry points, looked up once, on the first body that needs each.

    Both modules are imported on first use, not with the package. An ``import`` statement
    inside the parse path would cost half a microsecond per parse even once the module is
    loaded; reading these attributes costs nothing.
    """

    fromstring: Callable[[bytes, etree.XMLParser], etree._Element]
    xml_errors: tuple[type[Exception], ...] = ()
    json_loads: Callable[[bytes], object] | None = None


_ENTRY = _EntryPoints()


def _new_parser(*, encoding: str | None = None) -> etree.XMLParser:
    # lxml is imported on the first XML parse, not with the package: it is a third of the
    # package's import time, and a process that only catches errors never needs it.
    from lxml import etree  # noqa: PLC0415

    _ENTRY.fromstring = etree.fromstring
    _ENTRY.xml_errors = (etree.LxmlError, ValueError, LookupError)
    # Every safety option spelled out, defaults included, so a change of lxml default cannot
    # loosen them.
    return etree.XMLParser(
        encoding=encoding,
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        remove_blank_text=False,
        strip_cdata=True,
        collect_ids=False,
        recover=False,
    )


# lxml serializes the use of one parser across threads and a parser keeps per-document state,
# so each thread gets parsers of its own, built on its first parse.
_local = threading.local()


def _parser_for(body: bytes | str) -> etree.XMLParser:
    """Return this thread's parser for a body given as bytes, or as text (encoded as UTF-8)."""
    try:
        parser: etree.XMLParser = (
            _local.text_parser if isinstance(body, str) else _local.bytes_parser
        )
    except AttributeError:
        # This thread's first parse: build both parsers. A str body was encoded as UTF-8
        # here, whatever its XML declaration says.
        _local.text_parser = _new_parser(encoding="utf-8")
        _local.bytes_parser = _new_parser()
        return _parser_for(body)
    return parser


def _discard_parsers() -> None:
    """Drop this thread's parsers; its next parse builds new ones."""
    vars(_local).clear()


def parse_body(
    body: bytes | str,
    *,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_BODY_BYTES,
) -> ParsedError:
    """Read an SES error response body (Query XML or v2 JSON) into a ``ParsedError``.

    Raises ``ResponseParseError`` for anything that is not a readable SES error.
    """
    data = _capped_bytes(body, max_bytes)
    header_type = header_request_id = None
    if headers:
        header_map = _lower_keys(headers)
        header_type = header_map.get("x-amzn-errortype")
        header_request_id = _request_id_from_lowered(header_map)
    # An XML body nearly always starts right at "<": only other bodies are stripped to tell.
    if header_type is not None or not data.startswith(b"<"):
        stripped = data.lstrip(b" \t\r\n")
        if header_type is not None or stripped[:1] in {b"{", b"["}:
            return _parse_json(stripped, header_type, header_request_id, len(data))
        if not stripped:
            raise ResponseParseError("empty", len(data))
    # The parser is picked first: the first one built imports lxml.
    return _parse_xml(data, _parser_for(body), header_request_id)


def request_id_from_headers(headers: Mapping[str, str] | None) -> str | None:
    """Return the ``x-amzn-RequestId`` header's value (any case), length-bounded, or None."""
    return _request_id_from_lowered(_lower_keys(headers))


def _request_id_from_lowered(headers: dict[str, str]) -> str | None:
    """Read the request id from headers whose names are already lower-case."""
    value = headers.get("x-amzn-requestid", "").strip()
    return bounded_text(value, MAX_REQUEST_ID_CHARS) if value else None


def _capped_bytes(body: bytes | str, max_bytes: int) -> bytes:
    """Return the body as bytes, or refuse it as too large before any parser sees it."""
    # A str of n characters encodes to at least n bytes: refuse oversized text before encoding.
    if len(body) > max_bytes:
        raise ResponseParseError("too-large", len(body))
    if isinstance(body, bytes):
        return body
    data = _text_to_bytes(body)
    if len(data) > max_bytes:
        raise ResponseParseError("too-large", len(data))
    return data


def _text_to_bytes(body: str) -> bytes:
    # Guard untyped callers: anything but bytes or str is a bug to report, not a body to read.
    if not isinstance(body, str):  # pyright: ignore[reportUnnecessaryIsInstance]
        msg = f"body must be bytes or str, not {type(body).__name__}"
        raise TypeError(msg)
    # Lone surrogates cannot be encoded; "replace" keeps them from raising here.
    return body.encode("utf-8", errors="replace")


def _lower_keys(headers: Mapping[str, str] | None) -> dict[str, str]:
    if not headers:
        return {}
    return {str(key).lower(): str(value) for key, value in headers.items()}


def bounded_text(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - len(TRUNCATION_MARK)] + TRUNCATION_MARK


def _checked_code(raw: str | None, size: int) -> str:
    code = (raw or "").strip()
    if not code:
        raise ResponseParseError("no-code", size)
    if len(code) > MAX_CODE_CHARS:
        raise ResponseParseError("code-too-long", size)
    return code


# --- XML (SES v1, the Query API) ----------------------------------------------------------

_SES = f"{{{SES_NAMESPACE}}}"


def _our_tags(*names: str) -> dict[object, str]:
    """Map each name, bare and in the SES namespace, to the bare name (one dict lookup a tag)."""
    tags: dict[object, str] = {name: name for name in names}
    return tags | {_SES + name: name for name in names}


_ROOT_TAGS = _our_tags("ErrorResponse", "Response")
_ROOT_CHILD_TAGS = _our_tags("Error", "Errors", "RequestId", "RequestID")
_ERROR_CHILD_TAGS = _our_tags("Code", "Message", "Type", "RequestId", "RequestID", "Detail")


def _local_name(tag: object) -> str | None:
    """Return a tag's name if it is in no namespace or in the SES one, else None."""
    if not isinstance(tag, str):
        return None
    if tag.startswith(_SES):
        return tag[len(_SES) :]
    return None if tag.startswith("{") else tag


def hardened_root(body: bytes | str, *, max_bytes: int = MAX_BODY_BYTES) -> etree._Element:
    """Parse an untrusted XML body with every guard of ``parse_body``; return its root element.

    Raises ``ResponseParseError`` (too-large, empty, doctype, not-xml) instead of parsing
    anything unsafe. Used for the SES documents that are not errors, such as bulk-send results.
    """
    data = _capped_bytes(body, max_bytes)
    if not data.strip():
        raise ResponseParseError("empty", len(data))
    return _xml_root(data, _parser_for(body))


def _xml_root(data: bytes, parser: etree.XMLParser) -> etree._Element:
    size = len(data)
    # Early refusal, before any parser sees the body, of a DOCTYPE spelled in ASCII bytes.
    # Testing for the one byte "!" first is ten times cheaper than for the word, and most
    # bodies hold no "!" at all.
    if _EXCLAMATION_MARK in data and b"<!DOCTYPE" in data:
        raise ResponseParseError("doctype", size)
    utf8 = _read_as_utf8(data)
    try:
        root = _parse_utf8(data, parser) if utf8 else _ENTRY.fromstring(data, parser)
    except _ENTRY.xml_errors:
        # lxml's message may quote the body or earlier parses: keep only our own reason.
        raise ResponseParseError("not-xml", size) from None
    if not utf8:
        # Its DOCTYPE may be spelled in another encoding (UTF-16, UTF-32, UTF-7...), unseen by
        # the byte search: ask the parsed document.
        docinfo = root.getroottree().docinfo
        if docinfo.internalDTD is not None or docinfo.externalDTD is not None:
            raise ResponseParseError("doctype", size)
    return root


def _parse_utf8(data: bytes, parser: etree.XMLParser) -> etree._Element:
    """Parse a UTF-8 body whole through lxml's feed interface, with the same parser options.

    On SES-sized bodies, feed() and close() take about 10% less time than fromstring()
    (``scripts/bench.py`` prints both). lxml's push parser does not read UTF-32, so bodies in
    other encodings still go to fromstring().
    """
    try:
        parser.feed(data)
        return parser.close()
    except _ENTRY.xml_errors:
        raise  # lxml has already reset the parser for the next document
    except BaseException:
        # Interrupted between feed() and close(), or failing inside lxml: the parser may still
        # hold this document, which must never run into the next body. Build fresh ones.
        _discard_parsers()
        raise


_EXCLAMATION_MARK = ord("!")
_LESS_THAN = ord("<")
_QUESTION_MARK = ord("?")

# XML declarations that leave a body in UTF-8, spelled out in full up to their closing "?>".
_UTF8_DECLARATIONS = tuple(
    f"<?xml version={q}1.0{q}{encoding}?>".encode()
    for q in "\"'"
    for encoding in ("", f" encoding={q}UTF-8{q}", f" encoding={q}utf-8{q}")
)


def _read_as_utf8(data: bytes) -> bool:
    """Whether libxml2 surely reads ``data`` as UTF-8, where a DOCTYPE is the bytes ``<!DOCTYPE``.

    A body whose first byte is "<" and whose second is neither "?" nor zero has no byte-order
    mark, no XML declaration to name another encoding, and none of the first bytes by which
    libxml2 recognises UTF-16, UTF-32 or EBCDIC; libxml2 reads such a body as UTF-8, as it
    does one that opens with a declaration naming UTF-8 or no encoding. SES's own bodies
    start one of these ways. Checking costs a few byte reads, where asking the parsed
    document costs ten times as much.
    """
    # Bytes are compared as ints: slicing out one-byte strings costs twice as much.
    if len(data) < 2 or data[0] != _LESS_THAN:
        return False
    second = data[1]
    if second == _QUESTION_MARK:
        return data.startswith(_UTF8_DECLARATIONS)
    return second != 0


def _parse_xml(data: bytes, parser: etree.XMLParser, header_request_id: str | None) -> ParsedError:
    """Read the first ``<Error>`` (directly or in ``<Errors>``), with the root's request id."""
    size = len(data)
    root = _xml_root(data, parser)
    error: etree._Element | None = None
    request_id: str | None = None
    if root.tag in _ROOT_TAGS:
        # Children are walked with getnext(), here and in _read_error, not iterated: building
        # an lxml iterator costs more than reading a member, and these loops run per error.
        child = root[0] if len(root) else None
        while child is not None:
            name = _ROOT_CHILD_TAGS.get(child.tag)
            if name == "Error":
                error = child if error is None else error
            elif name in {"RequestId", "RequestID"}:
                if request_id is None and not len(child):
                    request_id = (child.text or "").strip() or None
            elif name == "Errors" and error is None:
                error = next((e for e in child if _ROOT_CHILD_TAGS.get(e.tag) == "Error"), None)
            child = child.getnext()
    if error is None:
        raise ResponseParseError("not-an-error-document", size)
    return _read_error(error, request_id or header_request_id, size)


def _read_error(error: etree._Element, request_id: str | None, size: int) -> ParsedError:
    # The first of each member wins. A member with child elements reads as empty, except the
    # Message, whose text is joined across them.
    found: dict[str, str] = {}
    details: dict[str, str] = {}
    child = error[0] if len(error) else None
    while child is not None:
        tag = child.tag
        name = _ERROR_CHILD_TAGS.get(tag)
        if name is None:
            if len(details) < MAX_DETAILS:
                _add_detail(details, tag, child)
        elif name not in found:
            if not len(child):
                found[name] = child.text or ""
            else:
                found[name] = "".join(child.itertext()) if name == "Message" else ""
        child = child.getnext()
    code = _checked_code(found.get("Code"), size)
    message = found.get("Message", "")
    request_id = request_id or (found.get("RequestId") or found.get("RequestID") or "").strip()
    fault = found.get("Type", "").strip()
    # Tested here rather than in bounded_text: the call would cost more than the test, and
    # SES's own texts are never too long.
    if len(message) > MAX_MESSAGE_CHARS:
        message = bounded_text(message, MAX_MESSAGE_CHARS)
    if len(request_id) > MAX_REQUEST_ID_CHARS:
        request_id = bounded_text(request_id, MAX_REQUEST_ID_CHARS)
    if len(fault) > MAX_CODE_CHARS:
        fault = bounded_text(fault, MAX_CODE_CHARS)
    # Built the way NamedTuple's _make builds one, skipping the call through its generated
    # __new__ (a Python function): about 1% of a parse. typeshed leaves tuple.__new__'s
    # element type open, hence the ignore.
    fields = (code, message, request_id or None, fault or None, details)
    return tuple.__new__(ParsedError, fields)  # pyright: ignore[reportUnknownMemberType]


def _leaf_text(element: etree._Element) -> str | None:
    """Return a leaf element's text (CDATA and character references included), else None."""
    if len(element):
        return None
    return element.text or ""


def _add_detail(details: dict[str, str], tag: object, child: etree._Element) -> None:
    """Keep a member SES added beyond the envelope's (the first of each name), bounded."""
    member = _local_name(tag)
    if member is not None and member not in details:
        text = _leaf_text(child)
        if text:
            details[bounded_text(member, MAX_CODE_CHARS)] = bounded_text(text, MAX_DETAIL_CHARS)


# --- JSON (SES v2) ------------------------------------------------------------------------


def _code_from_type(value: str) -> str:
    """Cut an error type to its code: ``ns#Code:http://...`` gives ``Code``."""
    return value.partition(":")[0].rpartition("#")[2]


def _parse_json(
    data: bytes, header_type: str | None, request_id: str | None, size: int
) -> ParsedError:
    document: dict[str, object] = {}
    if data:
        try:
            loaded: object = _json_loads()(data)
        except (ValueError, RecursionError):
            loaded = None
        if isinstance(loaded, dict):
            document = cast("dict[str, object]", loaded)
        elif header_type is None:
            raise ResponseParseError("not-json", size)
    raw_code = header_type
    if raw_code is None:
        raw_code = _first_str(document, ("__type", "code", "Code"))
    code = _checked_code(_code_from_type(raw_code) if raw_code else None, size)
    message = _first_str(document, ("message", "Message")) or ""
    return ParsedError(
        code, bounded_text(message, MAX_MESSAGE_CHARS), request_id, None, _json_details(document)
    )


def _json_loads() -> Callable[[bytes], object]:
    if _ENTRY.json_loads is None:
        import json  # noqa: PLC0415 - only SES v2 bodies need it

        _ENTRY.json_loads = json.loads
    return _ENTRY.json_loads


_JSON_ENVELOPE_KEYS = frozenset({"__type", "code", "Code", "message", "Message"})


def _json_details(document: dict[str, object]) -> dict[str, str]:
    """Return the error's other string members (v2's modeled fields), bounded as in XML."""
    details: dict[str, str] = {}
    if document.keys() <= _JSON_ENVELOPE_KEYS:
        return details  # the common case: nothing but the code and the message
    for key, value in document.items():
        if len(details) >= MAX_DETAILS:
            break
        if isinstance(value, str) and value and key not in _JSON_ENVELOPE_KEYS:
            details[bounded_text(key, MAX_CODE_CHARS)] = bounded_text(value, MAX_DETAIL_CHARS)
    return details


def _first_str(document: dict[str, object], keys: tuple[str, ...]) -> str | None:
    """Return the first of ``keys`` whose value is a string."""
    for key in keys:
        value = document.get(key)
        if isinstance(value, str):
            return value
    return None
