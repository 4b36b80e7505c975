"""Property-based tests of the other surfaces: any input gives their documented outcome."""

from __future__ import annotations

import pickle
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import ses_errors
from ses_errors._wire import (
    MAX_CODE_CHARS,
    MAX_DETAIL_CHARS,
    MAX_DETAILS,
    MAX_MESSAGE_CHARS,
    MAX_REQUEST_ID_CHARS,
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# JSON-like values, as botocore's parsers produce them.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=300),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=20), inner, max_size=4)
    ),
    max_leaves=12,
)


class FakeClientError(Exception):
    """Shaped like botocore's ClientError: a response dict and an operation name."""

    def __init__(self, response: Any, operation_name: Any) -> None:
        """Keep whatever was given, however malformed."""
        super().__init__("client error")
        self.response = response
        self.operation_name = operation_name


def _bounded(error: ses_errors.SESError) -> None:
    assert error.code is None or len(error.code) <= MAX_CODE_CHARS
    assert len(error.message) <= MAX_MESSAGE_CHARS
    assert error.request_id is None or len(error.request_id) <= MAX_REQUEST_ID_CHARS
    assert 100 <= error.http_status <= 599
    assert len(error.details) <= MAX_DETAILS
    assert all(len(name) <= MAX_CODE_CHARS for name in error.details)
    assert all(len(text) <= MAX_DETAIL_CHARS for text in error.details.values())
    str(error)
    clone = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert clone.to_dict() == error.to_dict()


@SETTINGS
@given(
    error=st.dictionaries(
        st.sampled_from(["Code", "Message", "Type", "Extra"])
        | st.text(max_size=10)
        | st.text(min_size=MAX_CODE_CHARS, max_size=2 * MAX_CODE_CHARS),
        JSON_VALUES | st.text(min_size=MAX_DETAIL_CHARS, max_size=2 * MAX_DETAIL_CHARS),
    ),
    meta=st.dictionaries(
        st.sampled_from(["RequestId", "HTTPStatusCode", "RetryAttempts", "HTTPHeaders"]),
        JSON_VALUES | st.integers(-5, 1000),
    ),
    operation=JSON_VALUES,
)
@example(  # botocore's Query parser keeps every member of <Error>, whatever its name
    error={"Code": "Throttling", "N" * 300: "v" * 3000}, meta={}, operation="SendEmail"
)
def test_any_client_error_response_gives_a_bounded_error(
    error: dict[str, Any], meta: dict[str, Any], operation: object
) -> None:
    """from_client_error turns any response dict into a bounded, picklable SES error."""
    exc = FakeClientError({"Error": error, "ResponseMetadata": meta}, operation)
    _bounded(ses_errors.from_client_error(exc))


@SETTINGS
@given(code=st.integers(400, 599), text=st.binary(max_size=6000) | st.text(max_size=6000))
def test_any_smtp_reply_gives_a_bounded_error(code: int, text: bytes | str) -> None:
    """from_smtp_reply turns any 4xx/5xx reply into a bounded error keeping the reply code."""
    error = ses_errors.smtp.from_smtp_reply(code, text)
    _bounded(error)
    assert error.smtp_code == code
    if type(error) in (ses_errors.SmtpTransientFailure, ses_errors.SmtpPermanentFailure):
        assert error.is_retryable is (code < 500)  # SMTP's rule for replies SES does not document


@SETTINGS
@given(
    entries=st.lists(
        st.dictionaries(st.sampled_from(["Status", "Error", "MessageId"]), JSON_VALUES),
        max_size=8,
    ),
    v2=st.booleans(),
)
@example(entries=[{"Status": "SUCCESS", "MessageId": "m" * 5000}], v2=True)
def test_any_bulk_response_gives_one_outcome_per_entry(
    entries: list[dict[str, Any]], v2: bool
) -> None:
    """bulk_outcomes gives each entry exactly one of sent, retry or drop."""
    response = {"BulkEmailEntryResults" if v2 else "Status": entries}
    result = ses_errors.bulk.bulk_outcomes(response)
    assert len(result.outcomes) == len(entries)
    groups = (result.sent, result.to_retry, result.to_defer, result.to_fix, result.to_drop)
    for outcome in result.outcomes:
        assert sum(outcome in group for group in groups) == 1
        assert outcome.message_id is None or len(outcome.message_id) <= MAX_REQUEST_ID_CHARS
        assert len(outcome.status) <= MAX_CODE_CHARS
        if outcome.error is not None:
            _bounded(outcome.error)


@SETTINGS
@given(body=st.binary(max_size=2048))
def test_any_bulk_body_is_read_or_refused(body: bytes) -> None:
    """bulk_outcomes_from_xml reads a body or raises ResponseParseError, nothing else."""
    try:
        result = ses_errors.bulk.bulk_outcomes_from_xml(body)
    except ses_errors.ResponseParseError as refused:
        assert refused.size == len(body)  # noqa: PT017 - either outcome is allowed here
    else:
        assert all(o.is_sent or o.error is not None for o in result.outcomes)
