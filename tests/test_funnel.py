"""One funnel: every surface's values are checked, converted and bounded the same way."""

from __future__ import annotations

import sys
import tracemalloc
from typing import Any

import pytest

import ses_errors
from conftest import fixture_bytes
from ses_errors import bulk
from ses_errors._wire import MAX_CODE_CHARS, as_text, wire_facts

NBSP, IDEOGRAPHIC_SPACE = "\u00a0", "\u3000"


class FakeClientError(Exception):
    """Shaped like botocore's ClientError: a response dict and an operation name."""

    def __init__(self, response: Any, operation_name: Any = "SendEmail") -> None:
        """Keep whatever was given, however malformed."""
        super().__init__("client error")
        self.response = response
        self.operation_name = operation_name


def _client_error(code: object, message: object = "m", status: object = 400) -> FakeClientError:
    return FakeClientError(
        {
            "Error": {"Code": code, "Message": message, "Type": "Sender"},
            "ResponseMetadata": {"HTTPStatusCode": status, "RequestId": "r"},
        }
    )


def _deep(depth: int) -> list[object]:
    nested: list[object] = []
    for _ in range(depth):
        nested = [nested]
    return nested


def test_a_pretty_printed_bulk_status_is_read_as_the_status() -> None:
    """A bulk status with white space around it is the status: Success means sent."""
    body = fixture_bytes("bulk_templated_mixed.xml").replace(
        b"<Status>Success</Status>", b"<Status>\n          Success\n        </Status>"
    )
    result = ses_errors.bulk.bulk_outcomes_from_xml(body)
    assert result.outcomes[0].is_sent
    assert result.outcomes[0].status == "Success"
    assert result.outcomes[0] not in result.to_drop


def test_a_bulk_status_in_a_botocore_dict_is_stripped_too() -> None:
    """The dict surface strips statuses as the XML one does."""
    result = ses_errors.bulk.bulk_outcomes({"Status": [{"Status": " Success\n", "MessageId": "m"}]})
    assert result.outcomes[0].is_sent


@pytest.mark.parametrize("space", [NBSP, IDEOGRAPHIC_SPACE])
def test_only_xml_white_space_is_stripped_from_a_code(space: str) -> None:
    """NBSP and U+3000 around a code are part of it: the code is not taken for a known one."""
    body = f"<ErrorResponse><Error><Code>{space}Throttling{space}</Code></Error></ErrorResponse>"
    exc = ses_errors.parse_error(body)
    assert exc.code == f"{space}Throttling{space}"
    assert type(exc) is ses_errors.SESError


def test_xml_white_space_around_a_code_is_stripped() -> None:
    """Spaces, tabs and newlines around a code are not part of it."""
    body = "<ErrorResponse><Error><Code>\n\t Throttling \r\n</Code></Error></ErrorResponse>"
    assert type(ses_errors.parse_error(body)) is ses_errors.Throttling


@pytest.mark.parametrize(
    "value",
    [
        10**5000,  # str() of it raises: more digits than int-to-str allows
        _deep(5000),  # str() of it recurses past the limit
        {"nested": _deep(5000)},
        1.5,
        object(),
    ],
    ids=["huge-int", "deep-list", "deep-dict", "float", "object"],
)
def test_a_client_error_with_junk_values_still_gives_an_error(value: object) -> None:
    """Any value in any field of a ClientError's response gives an SES error, never a crash."""
    for response in (
        {"Error": {"Code": value, "Message": value}, "ResponseMetadata": {"RequestId": value}},
        {"Error": {"Code": "Throttling", "Extra": value}, "ResponseMetadata": {}},
        {"Error": value, "ResponseMetadata": value, value.__class__.__name__: value},
    ):
        exc = ses_errors.from_client_error(FakeClientError(response, value))
        assert isinstance(exc, ses_errors.SESError)
        str(exc)


@pytest.mark.parametrize("code", ["1" * 500, "9999", "099"])
@pytest.mark.parametrize(("status", "seen"), [(503, 503), (None, 500)])
def test_a_code_of_digits_that_are_not_a_status_gives_a_server_error(
    code: str, status: int | None, seen: int
) -> None:
    """A code of ASCII digits that is no HTTP status is no code: the status seen, else 500."""
    exc = ses_errors.from_client_error(_client_error(code, status=status))
    assert (type(exc), exc.code, exc.http_status) == (ses_errors.ServerSideError, None, seen)


@pytest.mark.parametrize("code", ["²", "٣", "5\uff103"])
def test_a_code_of_other_digits_is_an_unknown_code_that_survives(code: str) -> None:
    """Superscript, Arabic-Indic or full-width digits are no bare status: the raw code is kept."""
    exc = ses_errors.from_client_error(_client_error(code, status=None))
    assert (type(exc), exc.code, exc.http_status) == (ses_errors.SESError, code, 400)


def test_a_bare_status_code_without_a_status_gives_that_status() -> None:
    """Botocore's answer to an unreadable body, the code "503", gives the 503 error."""
    exc = ses_errors.from_client_error(_client_error("503", status=None))
    assert (type(exc), exc.code, exc.http_status) == (ses_errors.ServerSideError, None, 503)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"error": "Throttling"},
        {"http_status": "four hundred"},
        {"http_status": 10**400},
        {"http_status": 400, "message": 12},
        {"http_status": 400, "message": ["not", "text"], "code": {"a": 1}},
        {"error": ["unhashable"], "details": "not a mapping", "attempts": -4},
        {"error": "Throttling", "details": {1: 2, "k": 10**5000}},
    ],
    ids=lambda data: "-".join(sorted(data)) or "empty",
)
def test_from_dict_turns_junk_into_an_error_whose_str_works(data: dict[str, Any]) -> None:
    """from_dict on any mapping gives an SES error; a non-text message never breaks str()."""
    exc = ses_errors.SESError.from_dict(data)
    assert isinstance(exc, ses_errors.SESError)
    assert isinstance(exc.message, str)
    str(exc)


def test_from_dict_refuses_what_is_not_a_mapping() -> None:
    """from_dict on a list raises the documented TypeError."""
    with pytest.raises(TypeError, match="mapping"):
        ses_errors.SESError.from_dict(["error", "Throttling"])  # type: ignore[arg-type]  # the junk under test


def test_a_hand_built_error_with_a_non_text_message_still_prints() -> None:
    """An error built with an int message keeps it as text, so str() works."""
    exc = ses_errors.MessageRejected(42)  # type: ignore[arg-type]  # an untyped caller's mistake
    assert exc.message == "42"
    assert str(exc) == "MessageRejected [HTTP 400]: 42"


def test_an_smtp_reply_without_text_is_unreadable() -> None:
    """from_smtp_reply with a text of None gives the unreadable reply's decision, no exception."""
    error = ses_errors.smtp.from_smtp_reply(454, None)  # type: ignore[arg-type]  # the junk under test
    assert type(error) is ses_errors.SmtpUnreadableReply
    assert (error.smtp_code, error.message) == (454, "")


def test_headers_that_are_not_a_mapping_are_a_type_error() -> None:
    """parse_error with headers given as a list raises the documented TypeError."""
    with pytest.raises(TypeError, match="mapping"):
        ses_errors.parse_error(fixture_bytes("throttling_rate.xml"), headers=[("a", "b")])  # type: ignore[arg-type]  # the junk under test


def test_an_xml_body_is_read_as_xml_whatever_the_error_type_header_says() -> None:
    """An XML daily-quota body with an x-amzn-ErrorType header keeps its message and decision."""
    exc = ses_errors.parse_error(
        fixture_bytes("throttling_daily_quota.xml"),
        http_status=400,
        headers={"x-amzn-ErrorType": "Throttling:http://internal.amazon.com/coral/"},
    )
    assert type(exc) is ses_errors.DailyQuotaExceeded
    assert exc.message == "Daily message quota exceeded."
    assert not exc.is_retryable


def test_the_error_type_header_gives_the_code_when_an_xml_body_has_none() -> None:
    """A code-less XML body takes the header's code."""
    exc = ses_errors.parse_error(
        b"<ErrorResponse><Error><Message>m</Message></Error></ErrorResponse>",
        headers={"x-amzn-ErrorType": "MessageRejected:http://internal.amazon.com/coral/"},
    )
    assert (type(exc), exc.code) == (ses_errors.MessageRejected, "MessageRejected")


def test_a_json_body_still_takes_its_code_from_the_header() -> None:
    """SES v2's JSON body and its error-type header read as before."""
    body = fixture_bytes("v2_not_found.json")
    headers = {"x-amzn-ErrorType": "NotFoundException:http://internal.amazon.com/coral/sesv2/"}
    assert type(ses_errors.parse_error(body, headers=headers)) is ses_errors.NotFoundException


def _bulk_body(members: int) -> bytes:
    return (
        b'<SendBulkTemplatedEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">'
        b"<SendBulkTemplatedEmailResult><Status>"
        + b"<member/>" * members
        + b"</Status></SendBulkTemplatedEmailResult></SendBulkTemplatedEmailResponse>"
    )


def test_a_bulk_body_of_fifty_entries_is_read() -> None:
    """SES's own limit, 50 destinations, is read in full."""
    assert len(ses_errors.bulk.bulk_outcomes_from_xml(_bulk_body(50)).outcomes) == 50


def test_a_bulk_body_of_more_than_fifty_entries_is_refused() -> None:
    """A 51st entry refuses the body: SES never sends one."""
    with pytest.raises(ses_errors.ResponseParseError) as refused:
        ses_errors.bulk.bulk_outcomes_from_xml(_bulk_body(51))
    assert refused.value.reason == "too-many-entries"


def test_a_mebibyte_of_bulk_entries_is_refused_in_bounded_time_and_memory() -> None:
    """1 MiB of <member/> is refused before parsing, with no outcome built."""
    body = _bulk_body(1024 * 1024 // len(b"<member/>"))
    tracemalloc.start()
    try:
        with pytest.raises(ses_errors.ResponseParseError) as refused:
            ses_errors.bulk.bulk_outcomes_from_xml(body)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.reason == "too-large"
    assert peak < 1024 * 1024


def test_the_largest_accepted_bulk_body_of_empty_entries_builds_no_outcomes() -> None:
    """A body just under the bulk cap, all <member/>, stops at the 51st entry."""
    members = (bulk.MAX_BULK_BODY_BYTES - len(_bulk_body(0))) // len(b"<member/>")
    tracemalloc.start()
    try:
        with pytest.raises(ses_errors.ResponseParseError, match="more entries"):
            ses_errors.bulk.bulk_outcomes_from_xml(_bulk_body(members))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024  # Python-side: 51 rows at most, never one per member


def test_a_botocore_bulk_response_of_more_than_fifty_entries_is_refused() -> None:
    """The dict surface refuses more entries than SES's limit with a ValueError."""
    entries = [{"Status": "SUCCESS", "MessageId": "m"}] * 51
    with pytest.raises(ValueError, match="at most 50"):
        ses_errors.bulk.bulk_outcomes({"BulkEmailEntryResults": entries})


class _LyingStr:
    """Claims to be a str through __class__; isinstance() believes it."""

    @property  # type: ignore[misc]  # a read-only __class__ is the lie under test
    def __class__(self) -> type:
        return str


class _RaisingClass:
    """Its __class__ property raises, as hostile objects can."""

    @property  # type: ignore[misc]  # a raising __class__ is the hostility under test
    def __class__(self) -> type:
        raise RuntimeError


class _LoudStr(str):
    """A str subclass whose __str__ raises."""

    __slots__ = ()

    def __str__(self) -> str:
        raise RuntimeError


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("plain", "plain"),
        (_LoudStr("sub"), "sub"),
        (b"caf\xc3\xa9 \xff", "café \ufffd"),
        (bytearray(b"ba"), "ba"),
        (-12, "-12"),
        (True, None),
        pytest.param(10**200, None, id="int-of-201-digits"),
        (None, None),
        ([1], None),
        pytest.param(_LyingStr(), None, id="lying-class"),
        pytest.param(_RaisingClass(), None, id="raising-class"),
    ],
)
def test_text_conversion_never_raises(value: object, text: str | None) -> None:
    """as_text gives the text of str, bytes and modest ints, else None, and never raises."""
    converted = as_text(value)
    assert converted == text
    assert converted is None or type(converted) is str


def test_the_constructor_drops_a_code_longer_than_any_ses_code() -> None:
    """A code past the bound is no code, never a truncated one."""
    assert wire_facts("X" * (MAX_CODE_CHARS + 1)).code is None
    assert wire_facts("X" * MAX_CODE_CHARS).code == "X" * MAX_CODE_CHARS


def test_the_constructor_keeps_only_statuses_that_are_http_statuses() -> None:
    """A bool, a str or an out-of-range status is absent; 100 and 599 are kept."""
    statuses = [True, "400", 99, 600, 100, 599, sys.maxsize]
    assert [wire_facts("X", http_status=s).http_status for s in statuses] == [
        None,
        None,
        None,
        None,
        100,
        599,
        None,
    ]
