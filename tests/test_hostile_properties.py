"""Property-based tests: no input escapes the documented outcomes, valid bodies round-trip."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ses_errors
from conftest import FIXTURES
from ses_errors._wire import MAX_CODE_CHARS, MAX_MESSAGE_CHARS, MAX_REQUEST_ID_CHARS

SEEDS = [path.read_bytes() for path in sorted(FIXTURES.iterdir())]
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _outcome_is_documented(body: bytes | str, status: int | None) -> None:
    """parse_error returns a bounded SESError or raises ResponseParseError; nothing else."""
    try:
        exc = ses_errors.parse_error(body, http_status=status)
    except ses_errors.ResponseParseError:
        # Documented only when there is no status to fall back on.
        assert status is None
        return
    assert isinstance(exc, ses_errors.SESError)
    assert exc.code is None or 0 < len(exc.code) <= MAX_CODE_CHARS
    assert len(exc.message) <= MAX_MESSAGE_CHARS
    assert exc.request_id is None or len(exc.request_id) <= MAX_REQUEST_ID_CHARS
    if status is not None:
        assert exc.http_status == status
    str(exc)
    exc.to_dict()


@SETTINGS
@given(body=st.binary(max_size=2048), status=st.none() | st.integers(100, 599))
def test_arbitrary_bytes_have_a_documented_outcome(body: bytes, status: int | None) -> None:
    """Any bytes give an SESError or ResponseParseError, never an lxml error or a crash."""
    _outcome_is_documented(body, status)


@SETTINGS
@given(body=st.text(max_size=1024), status=st.none() | st.integers(100, 599))
def test_arbitrary_text_has_a_documented_outcome(body: str, status: int | None) -> None:
    """Any str, lone surrogates included, gives a documented outcome."""
    _outcome_is_documented(body, status)


@st.composite
def mutated_seed(draw: st.DrawFn) -> bytes:
    """Draw a real-shaped SES body with bytes flipped, inserted, deleted or the tail cut off."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "splice"]))
        if action == "flip":
            data[position] = draw(st.integers(0, 255))
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 16))]
        elif action == "truncate":
            del data[position:]
        else:
            data[position:position] = draw(
                st.sampled_from(
                    [b"<!DOCTYPE x>", b"&amp;", b"&#0;", b"<![CDATA[", b"]]>", b"<!--", b"\x00"]
                )
            )
    return bytes(data)


@SETTINGS
@given(body=mutated_seed(), status=st.none() | st.integers(100, 599))
def test_mutated_ses_bodies_have_a_documented_outcome(body: bytes, status: int | None) -> None:
    """Mutations of real SES bodies never raise anything but the documented exception."""
    _outcome_is_documented(body, status)


# Characters XML 1.0 can carry (no other control characters); '\r' is escaped as a reference
# because XML turns a literal carriage return into a newline.
_XML_CHAR = st.characters(exclude_categories=["Cs"], exclude_characters="\x00\ufffe\uffff").filter(
    lambda c: c in "\t\n\r" or c >= " "
)
CODES = st.text(
    alphabet=st.characters(categories=["Lu", "Ll", "Nd"]),
    min_size=1,
    max_size=MAX_CODE_CHARS,
)
MESSAGES = st.text(alphabet=_XML_CHAR, max_size=MAX_MESSAGE_CHARS)
REQUEST_IDS = st.text(
    alphabet=st.characters(categories=["Lu", "Ll", "Nd"], include_characters="-"),
    min_size=1,
    max_size=MAX_REQUEST_ID_CHARS,
)


def _xml_text(text: str) -> str:
    return escape(text).replace("\r", "&#13;")


@SETTINGS
@given(code=CODES, message=MESSAGES, request_id=REQUEST_IDS, prefixed=st.booleans())
def test_valid_bodies_round_trip(code: str, message: str, request_id: str, prefixed: bool) -> None:
    """A valid SES body built from any code, message and request id gives them back exactly."""
    p = "ses:" if prefixed else ""
    body = (
        f'<{p}ErrorResponse xmlns{":ses" if prefixed else ""}="http://ses.amazonaws.com/doc/2010-12-01/">'
        f"<{p}Error><{p}Type>Sender</{p}Type><{p}Code>{_xml_text(code)}</{p}Code>"
        f"<{p}Message>{_xml_text(message)}</{p}Message></{p}Error>"
        f"<{p}RequestId>{request_id}</{p}RequestId></{p}ErrorResponse>"
    ).encode()
    exc = ses_errors.parse_error(body)
    assert (exc.code, exc.message, exc.request_id) == (code, message, request_id)
    assert type(exc) is ses_errors.lookup.class_for_code(code) or ses_errors.lookup.class_for_code(
        code
    ) is (ses_errors.SESError)


# The encodings a DOCTYPE might hide in from a byte search, each with Python's codec name.
_PROLOG_ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-7",
    "cp500",
    "latin-1",
]


@st.composite
def prolog_bodies(draw: st.DrawFn) -> tuple[bytes, bool]:
    """Draw an error body behind any prolog, in any encoding; say whether it has a DOCTYPE."""
    encoding = draw(st.sampled_from(_PROLOG_ENCODINGS))
    # Declared as encoded, or not: a declaration that lies about the encoding is a trick too.
    declared = draw(st.sampled_from([encoding, *_PROLOG_ENCODINGS])).removesuffix("-sig")
    quote = draw(st.sampled_from("\"'"))
    prolog = draw(
        st.sampled_from(
            [
                "",
                f"<?xml version={quote}1.0{quote}?>",
                f"<?xml version={quote}1.0{quote} encoding={quote}{declared}{quote}?>",
                f"<?xml version={quote}1.0{quote} encoding={quote}{declared.upper()}{quote}?>",
            ]
        )
    )
    prolog += draw(st.sampled_from(["", "<!-- c -->", "\n"]))
    doctype = draw(
        st.sampled_from(
            ["", "<!DOCTYPE r>", '<!DOCTYPE r [<!ENTITY x "y">]>', '<!DOCTYPE r SYSTEM "r">']
        )
    )
    body = "<ErrorResponse><Error><Code>Throttling</Code><Message>!&#60;!DOCTYPE x&#62;</Message>"
    body += "</Error></ErrorResponse>"
    return (prolog + doctype + body).encode(encoding), bool(doctype)


@SETTINGS
@given(drawn=prolog_bodies())
def test_a_doctype_in_any_encoding_is_refused(drawn: tuple[bytes, bool]) -> None:
    """A body with a DOCTYPE is refused whatever its encoding; one without is not refused for it."""
    body, has_doctype = drawn
    if has_doctype:
        with pytest.raises(ses_errors.ResponseParseError) as refused:
            ses_errors.parse_error(body)
        assert refused.value.reason in ("doctype", "not-xml")
        return
    try:
        ses_errors.parse_error(body)
    except ses_errors.ResponseParseError as refused_for_another_reason:
        assert refused_for_another_reason.reason == "not-xml"  # noqa: PT017 - either outcome is fine


# One parser for every example, as in a long-lived thread: each parse must start clean.
