"""Bytes to wire facts: the only place an XML (or JSON) parser is built.

``parse_body`` knows no exception classes. It turns an SES error response body into
``WireFacts`` (through ``_wire.wire_facts``, like every surface) or raises
``ResponseParseError`` saying what was wrong, never echoing the body and never passing on
lxml's own exception, not even as ``__context__`` (its text can quote the body, and lxml's error
log holds entries from earlier, unrelated parses in the same thread).

Parsing is re-entrant and leaves nothing behind: a parse nested in another on the same thread
(a finalizer, a signal handler) gets a parser of its own, and an exception lxml did not raise
propagates unchanged. lxml and json are imported with this module, not on the first parse: a
finalizer or signal handler that ran during such a first-use import, and parsed, would find the
module half made.

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

import json
import threading
from typing import TYPE_CHECKING, Literal, cast

from lxml import etree

from ses_errors._wire import (
    MAX_DETAILS,
    XML_SPACE,
    WireFacts,
    dropped_code,
    read_headers,
    wire_facts,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

SES_NAMESPACE = "http://ses.amazonaws.com/doc/2010-12-01/"

# A real SES error body is well under 2 KiB; 64 KiB leaves room for any of them while keeping
# the worst case (a body of empty elements) to a few MiB of tree.
MAX_BODY_BYTES = 64 * 1024

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
    "too-many-entries",
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
    "too-many-entries": "the bulk-send response has more entries than SES's 50 destinations",
}


class ResponseParseError(ValueError):
    """The response held no readable SES error and no HTTP status was given to fall back on.

    ``reason`` is one of a fixed set of words (``empty``, ``too-large``, ``not-xml``,
    ``doctype``, ``not-json``, ``not-an-error-document``, ``no-code``, ``code-too-long``, and
    ``not-a-bulk-response`` and ``too-many-entries`` from ``bulk_outcomes_from_xml``);
    ``size`` is the body's length in bytes. The body itself is never included.
    """

    # A plain exception class, not an attrs one, so that importing the package imports no attrs
    # (a third of its import time, docs' performance page) for two fields.
    def __init__(self, reason: Reason = "not-an-error-document", size: int = 0) -> None:
        """Keep the reason and the size; ``args`` holds both, so that pickling rebuilds it."""
        super().__init__(reason, size)
        self.reason: Reason = reason
        self.size = size

    def __repr__(self) -> str:
        """Show the reason and the size by name."""
        return f"ResponseParseError(reason={self.reason!r}, size={self.size!r})"

    def __str__(self) -> str:
        """Say what was wrong and how large the body was, without quoting it."""
        return f"{_REASON_TEXT[self.reason]} ({self.size} bytes)"


ResponseParseError.__module__ = "ses_errors"  # the public path, for tracebacks and pickles


def _new_parser(*, encoding: str | None) -> etree.XMLParser:
    # Every safety option spelled out, defaults included, so a change of lxml default cannot
    # loosen them. collect_ids is left at its default on purpose: lxml passes collect_ids=False
    # to libxml2 as a DTD-loading flag, and libxml2 then opens the file an external DTD or a
    # parameter entity names, which the byte search for a DOCTYPE cannot see in UTF-16 or UTF-32.
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
        recover=False,
    )


class _IdleParsers(threading.local):
    """Each thread's parsers that no parse is using: one list for bytes, one for text bodies.

    lxml locks a parser for the length of a parse, so a parse that starts inside another on
    the same thread (a finalizer run by the garbage collector, a signal handler) must not get
    the same parser: it would wait on that lock for ever. A parse therefore takes a parser
    off its list, or builds one when the list is empty, and puts it back only after a parse
    that ended normally; a parse ended by any other exception drops its parser, so nothing it
    left can reach a later parse.
    """

    def __init__(self) -> None:
        self.for_bytes: list[etree.XMLParser] = []
        self.for_text: list[etree.XMLParser] = []


_IDLE = _IdleParsers()
# More idle parsers than parses nested on one thread at once would never be used.
_MAX_IDLE = 2


def _parse_root(data: bytes, *, from_text: bool) -> etree._Element | None:
    """Parse ``data`` with a parser of this thread's that no other parse holds; None if not XML.

    A str body was encoded as UTF-8 before it came here, whatever its XML declaration says,
    so it is read by a parser that is told so.
    """
    idle = _IDLE.for_text if from_text else _IDLE.for_bytes
    try:
        parser = idle.pop()
    except IndexError:
        parser = _new_parser(encoding="utf-8" if from_text else None)
    try:
        root: etree._Element | None = etree.fromstring(data, parser)
    except etree.LxmlError:
        # Only lxml's own errors mean "not XML": anything else (a signal handler's exception,
        # a MemoryError) propagates unchanged.
        root = None
    if len(idle) < _MAX_IDLE:
        idle.append(parser)
    return root


def parse_body(
    body: bytes | str,
    *,
    http_status: int | None = None,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_BODY_BYTES,
) -> WireFacts:
    """Read an SES error response body (Query XML or v2 JSON) into its ``WireFacts``.

    The body decides how it is read: one that starts with "{" or "[" is JSON, any other is
    XML. The ``x-amzn-ErrorType`` header gives the code only when the body has none.
    ``http_status`` is carried into the facts as it is. Raises ``ResponseParseError`` for
    anything that is not a readable SES error, and TypeError for headers that are not a mapping.
    """
    data = _capped_bytes(body, max_bytes)
    header_type, header_request_id = read_headers(headers)
    # An XML body nearly always starts right at "<": only other bodies are stripped to tell.
    if not data.startswith(b"<"):
        stripped = data.lstrip(b" \t\r\n")
        if stripped[:1] in {b"{", b"["} or (not stripped and header_type is not None):
            return _parse_json(stripped, header_type, header_request_id, http_status, len(data))
        if not stripped:
            raise ResponseParseError("empty", len(data))
    from_text = isinstance(body, str)
    # Without the header there is no code to fall back on, so no handler: catching and raising
    # again cost a sixteenth of an unreadable body's parse_error (an HTML page's, say).
    if header_type is None:
        return _parse_xml(data, from_text, header_request_id, http_status)
    try:
        return _parse_xml(data, from_text, header_request_id, http_status)
    except ResponseParseError as unreadable:
        if unreadable.reason in {"doctype", "code-too-long"}:
            raise
    # A body that is XML, or meant to be, with no code of its own: the header's code stands.
    return _parse_json(b"", header_type, header_request_id, http_status, len(data))


def _capped_bytes(body: bytes | str, max_bytes: int) -> bytes:
    """Return the body as bytes, or refuse it as too large before any parser sees it."""
    data, size = capped_bytes(body, max_bytes)
    if data is None:
        raise ResponseParseError("too-large", size)
    return data


def capped_bytes(body: bytes | str, max_bytes: int) -> tuple[bytes | None, int]:
    """Return the body as bytes and its size; None for the bytes when it is over ``max_bytes``.

    A str is encoded as UTF-8 only once it is known to be short enough. Raises TypeError for
    a body that is neither bytes nor str.
    """
    if isinstance(body, bytes):
        return (None if len(body) > max_bytes else body), len(body)
    # Guard untyped callers: anything but bytes or str is a bug to report, not a body to read.
    if not isinstance(body, str):  # pyright: ignore[reportUnnecessaryIsInstance]
        msg = f"body must be bytes or str, not {type(body).__name__}"
        raise TypeError(msg)
    # A str of n characters encodes to at least n bytes: refuse oversized text before encoding.
    if len(body) > max_bytes:
        return None, len(body)
    # Lone surrogates cannot be encoded; "replace" keeps them from raising here.
    data = str.encode(body, "utf-8", errors="replace")
    return (None if len(data) > max_bytes else data), len(data)


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
    return _xml_root(data, from_text=isinstance(body, str))


# What can follow a first "<" before the root element: a comment or DOCTYPE, a processing
# instruction or XML declaration, or the NUL of a UTF-16 or UTF-32 "<".
_PROLOG_STARTS = frozenset({b"!", b"?", b"\x00", b""})


def _xml_root(data: bytes, *, from_text: bool) -> etree._Element:
    size = len(data)
    # A DOCTYPE must come before the root element, so a document whose root element starts
    # at its first byte has none: the common case, an SES body, needs no search for one.
    prolog = data[1:2] in _PROLOG_STARTS or data[:1] != b"<"
    # Refused before any parser sees it: a DOCTYPE spelled in ASCII bytes. (It is not needed
    # for safety, since the parser loads nothing a DOCTYPE names, but libxml2 then never reads
    # a hostile internal subset at all.)
    if prolog and b"<!DOCTYPE" in data:
        raise ResponseParseError("doctype", size)
    root = _parse_root(data, from_text=from_text)
    # Raised here, outside any except clause, so that lxml's exception (whose text may quote
    # the body, and whose error log holds earlier parses) is not even its __context__.
    if root is None:
        raise ResponseParseError("not-xml", size)
    # Asked of the parsed document too, so that a DOCTYPE in any encoding (UTF-16, UTF-32,
    # UTF-7...) is refused; the parser has loaded nothing it names.
    if prolog:
        docinfo = root.getroottree().docinfo
        if docinfo.internalDTD is not None or docinfo.externalDTD is not None:
            raise ResponseParseError("doctype", size)
    return root


def _parse_xml(
    data: bytes, from_text: bool, header_request_id: str | None, http_status: int | None
) -> WireFacts:
    """Read the first ``<Error>`` (directly or in ``<Errors>``), with the root's request id."""
    size = len(data)
    # A proxy's or load balancer's HTML page (a 5xx) is no SES error document: told by its first
    # bytes, as botocore tells it, so that it costs no parse.
    if data[:5].lower() == b"<html":
        raise ResponseParseError("not-an-error-document", size)
    root = _xml_root(data, from_text=from_text)
    error: etree._Element | None = None
    request_id: str | None = None
    if root.tag in _ROOT_TAGS:
        # A slice, not iteration: lxml builds the list of children in one call.
        for child in root[:]:
            name = _ROOT_CHILD_TAGS.get(child.tag)
            if name == "Error":
                error = child if error is None else error
            elif name in {"RequestId", "RequestID"}:
                if request_id is None and not len(child):
                    # Stripped here only to tell a blank one; the constructor bounds it.
                    request_id = (child.text or "").strip(XML_SPACE) or None
            elif name == "Errors" and error is None:
                error = next((e for e in child if _ROOT_CHILD_TAGS.get(e.tag) == "Error"), None)
    if error is None:
        raise ResponseParseError("not-an-error-document", size)
    return _read_error(error, request_id or header_request_id, http_status, size)


def _read_error(
    error: etree._Element, request_id: str | None, http_status: int | None, size: int
) -> WireFacts:
    # The first of each member wins. A member with child elements reads as empty, except the
    # Message, whose text is joined across them.
    found: dict[str, str] = {}
    details: dict[str, str] = {}
    for child in error[:]:
        tag = child.tag
        name = _ERROR_CHILD_TAGS.get(tag)
        if name is None:
            member = _local_name(tag)
            text = None if len(child) else child.text
            if member is not None and text and len(details) < MAX_DETAILS:
                details.setdefault(member, text)
        elif name not in found:
            if not len(child):
                found[name] = child.text or ""
            else:
                found[name] = "".join(child.itertext()) if name == "Message" else ""
    raw_code = found.get("Code")
    facts = wire_facts(
        raw_code,
        found.get("Message", ""),
        http_status=http_status,
        request_id=request_id or found.get("RequestId") or found.get("RequestID"),
        fault=found.get("Type"),
        details=details,
    )
    if facts.code is None:
        _refuse_code(raw_code, size)
    return facts


def _refuse_code(raw: str | None, size: int) -> None:
    """Refuse a document whose code the constructor dropped, for the reason it gives."""
    reason = cast("Reason", dropped_code(raw) or "no-code")
    raise ResponseParseError(reason, size)


# --- JSON (SES v2) ------------------------------------------------------------------------


def _code_from_type(value: str) -> str:
    """Cut an error type to its code: ``ns#Code:http://...`` gives ``Code``."""
    return value.partition(":")[0].rpartition("#")[2]


# Integers stay text: int() of a long run of digits raises a bare ValueError, and an extra
# member's value is kept as text anyway. Made once: json.loads with any option makes a decoder
# on every call.
_JSON = json.JSONDecoder(parse_int=str)


class NotJson:
    """What ``json_value`` returns for bytes that are no JSON text."""


NOT_JSON = NotJson()


def json_value(data: bytes, decoder: json.JSONDecoder = _JSON) -> object:
    """Return the JSON value ``data`` holds (in any of JSON's encodings), else ``NOT_JSON``."""
    try:
        text = data.decode(json.detect_encoding(data), "surrogatepass")
        return decoder.decode(text)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        # Only json's own refusals mean "not JSON": any other ValueError (a signal handler's
        # exception) propagates unchanged, as on the XML path.
        return NOT_JSON


def _parse_json(
    data: bytes,
    header_type: str | None,
    request_id: str | None,
    http_status: int | None,
    size: int,
) -> WireFacts:
    document: dict[str, object] = {}
    if data:
        loaded = json_value(data)
        if isinstance(loaded, dict):
            document = cast("dict[str, object]", loaded)
        elif header_type is None:
            raise ResponseParseError("not-json", size)
    raw_code = header_type
    if raw_code is None:
        raw_code = _first_str(document, ("__type", "code", "Code"))
    code = _code_from_type(raw_code) if raw_code else None
    facts = wire_facts(
        code,
        _first_str(document, ("message", "Message")) or "",
        http_status=http_status,
        request_id=request_id,
        details=_json_details(document),
    )
    if facts.code is None:
        _refuse_code(code, size)
    return facts


_JSON_ENVELOPE_KEYS = frozenset({"__type", "code", "Code", "message", "Message"})


def _json_details(document: dict[str, object]) -> dict[str, object]:
    """Return the error's other members (v2's modeled fields); the constructor keeps the text."""
    if document.keys() <= _JSON_ENVELOPE_KEYS:
        return {}  # the common case: nothing but the code and the message
    return {key: value for key, value in document.items() if key not in _JSON_ENVELOPE_KEYS}


def _first_str(document: dict[str, object], keys: tuple[str, ...]) -> str | None:
    """Return the first of ``keys`` whose value is a string."""
    for key in keys:
        value = document.get(key)
        if isinstance(value, str):
            return value
    return None
