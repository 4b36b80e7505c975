"""Bulk sends: per-recipient outcomes from botocore dicts (v1, v2) and raw v1 XML."""

from __future__ import annotations

from typing import Any

import pytest

import ses_errors
from conftest import CLIENT_KWARGS, fixture_bytes
from ses_errors import bulk
from ses_errors._table import BULK_STATUSES

# (class, retry, drop) for each entry of tests/fixtures/bulk_templated_mixed.xml, in order
A = ses_errors.Action
MIXED = [
    (None, None),
    (ses_errors.AddressNotVerified, A.FIX),
    (ses_errors.MaxSendRateExceeded, A.RETRY),
    (ses_errors.DailyQuotaExceeded, A.DEFER),
    (ses_errors.ServerSideError, A.RETRY),
    (ses_errors.SESError, A.FIX),
]


def _summary(
    result: bulk.BulkResult,
) -> list[tuple[type[ses_errors.SESError] | None, ses_errors.Action | None]]:
    return [(type(o.error) if o.error is not None else None, o.action) for o in result.outcomes]


def test_raw_v1_xml_gives_each_entry_its_decision() -> None:
    """The raw v1 body gives one outcome per destination, typed, grouped by its action."""
    result = ses_errors.bulk.bulk_outcomes_from_xml(fixture_bytes("bulk_templated_mixed.xml"))
    assert _summary(result) == MIXED
    assert [o.index for o in result.to_retry] == [2, 4]
    assert [o.index for o in result.to_defer] == [3]  # the daily quota: kept for later
    assert [o.index for o in result.to_fix] == [1, 5]
    assert result.to_drop == ()
    assert [o.index for o in result.sent] == [0]
    assert result.sent[0].message_id is not None
    rejected = result.outcomes[1].error
    assert rejected is not None
    assert rejected.code == "MessageRejected"
    assert rejected.request_id == result.request_id == "7d2f1c9e-3b4a-4e5f-8a6b-1c2d3e4f5a6b"
    assert isinstance(rejected, ses_errors.MessageRejected)
    assert result.outcomes[5].error is not None
    assert result.outcomes[5].error.code == "SomethingNew"  # the raw status survives


def test_v1_dict_matches_the_raw_body() -> None:
    """Botocore's v1 dict and the raw body give the same outcomes."""
    response: dict[str, Any] = {
        "Status": [
            {"Status": "Success", "MessageId": "m-0"},
            {"Status": "MessageRejected", "Error": "Email address is not verified. x"},
            {"Status": "AccountThrottled", "Error": "Maximum sending rate exceeded."},
            {"Status": "AccountDailyQuotaExceeded", "Error": "Daily message quota exceeded."},
            {"Status": "TransientFailure"},
            {"Status": "SomethingNew"},
        ],
        "ResponseMetadata": {"RequestId": "req"},
    }
    assert _summary(ses_errors.bulk.bulk_outcomes(response)) == MIXED


def test_v2_dict_uses_the_same_decisions() -> None:
    """SES v2 SendBulkEmail entries map to the same classes and decisions as v1."""
    response = {
        "BulkEmailEntryResults": [
            {"Status": "SUCCESS", "MessageId": "m-0"},
            {"Status": "MESSAGE_REJECTED", "Error": "Email address is not verified. x"},
            {"Status": "ACCOUNT_THROTTLED", "Error": "Maximum sending rate exceeded."},
            {"Status": "ACCOUNT_DAILY_QUOTA_EXCEEDED", "Error": "Daily message quota exceeded."},
            {"Status": "TRANSIENT_FAILURE"},
            {"Status": "SOMETHING_NEW"},
        ]
    }
    assert _summary(ses_errors.bulk.bulk_outcomes(response)) == MIXED


@pytest.mark.parametrize("row", BULK_STATUSES, ids=lambda row: row.v1)
def test_every_documented_status_has_a_decision(row: Any) -> None:
    """Each documented status, in both spellings, gives the table's class (or sent)."""
    for spelling in (row.v1, row.v2):
        outcome = ses_errors.bulk.bulk_outcomes({"Status": [{"Status": spelling}]}).outcomes[0]
        if row.target is None:
            assert outcome.is_sent
            continue
        assert outcome.error is not None
        assert type(outcome.error).__name__ == row.target
        assert outcome.error.code == spelling
        assert outcome.action is outcome.error.action


def test_not_a_bulk_response_is_refused() -> None:
    """An error body or another document is refused with a clear reason."""
    with pytest.raises(ses_errors.ResponseParseError) as caught:
        ses_errors.bulk.bulk_outcomes_from_xml(fixture_bytes("message_rejected.xml"))
    assert caught.value.reason == "not-a-bulk-response"
    with pytest.raises(ValueError, match="not a bulk-send response"):
        ses_errors.bulk.bulk_outcomes({"MessageId": "x"})


def test_hostile_bulk_body_is_refused() -> None:
    """The bulk reader uses the guarded parser: a DOCTYPE is refused, not expanded."""
    body = b'<!DOCTYPE x [<!ENTITY a "aaaa">]><SendBulkTemplatedEmailResponse/>'
    with pytest.raises(ses_errors.ResponseParseError) as caught:
        ses_errors.bulk.bulk_outcomes_from_xml(body)
    assert caught.value.reason == "doctype"


def test_moto_bulk_send_counts_as_sent(moto_url: str) -> None:
    """Moto's bulk answer (message ids, no Status element) reads as all sent, raw and as dict."""
    boto3 = pytest.importorskip("boto3")
    client = boto3.client("ses", endpoint_url=moto_url, **CLIENT_KWARGS)
    client.verify_email_identity(EmailAddress="bulk@example.com")
    client.create_template(Template={"TemplateName": "bulk", "SubjectPart": "s", "TextPart": "t"})
    raw: dict[str, bytes] = {}

    def keep(response_dict: dict[str, Any], **_: Any) -> None:
        raw["body"] = response_dict["body"]

    client.meta.events.register("before-parse", keep)
    response = client.send_bulk_templated_email(
        Source="bulk@example.com",
        Template="bulk",
        DefaultTemplateData="{}",
        Destinations=[{"Destination": {"ToAddresses": [f"to{i}@example.com"]}} for i in range(3)],
    )
    for result in (
        ses_errors.bulk.bulk_outcomes(response),
        ses_errors.bulk.bulk_outcomes_from_xml(raw["body"]),
    ):
        assert len(result.sent) == 3
        assert result.to_retry == result.to_defer == result.to_fix == result.to_drop == ()
