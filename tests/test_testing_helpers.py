"""ses_errors.testing: rendered bodies and ClientErrors read back as the same error."""

from __future__ import annotations

import pytest

import ses_errors
from ses_errors import testing
from ses_errors._table import CASES, ROWS

SAMPLES = [
    *(
        ses_errors.class_for_code(row.code)(
            "a <reason> & more", row.code, row.http_status, "req-1", None, {"Name": "x"}
        )
        for row in ROWS
    ),
    *(
        ses_errors.class_for_name(case.name)(case.text, case.parents[0], 400, "req-2")  # type: ignore[misc]  # names from the table are classes
        for case in CASES
    ),
]


def _ids(error: ses_errors.SESError) -> str:
    return type(error).__name__


def _same(a: ses_errors.SESError, b: ses_errors.SESError) -> None:
    assert type(a) is type(b)
    for field in ("code", "message", "http_status", "request_id", "details"):
        assert getattr(a, field) == getattr(b, field), field


@pytest.mark.parametrize("error", SAMPLES, ids=_ids)
def test_xml_round_trip(error: ses_errors.SESError) -> None:
    """parse_error(render_xml(e)) equals e field by field; the fault follows the status."""
    back = ses_errors.parse_error(testing.render_xml(error), http_status=error.http_status)
    _same(back, error)
    assert back.fault == ("Receiver" if error.http_status >= 500 else "Sender")


@pytest.mark.parametrize("error", SAMPLES, ids=_ids)
def test_json_round_trip(error: ses_errors.SESError) -> None:
    """parse_error(*render_json(e)) equals e field by field."""
    body, headers = testing.render_json(error)
    _same(ses_errors.parse_error(body, http_status=error.http_status, headers=headers), error)


@pytest.mark.parametrize("error", SAMPLES, ids=_ids)
def test_client_error_round_trip(error: ses_errors.SESError) -> None:
    """from_client_error(client_error(e)) equals e field by field, operation included."""
    pytest.importorskip("botocore")
    back = ses_errors.from_client_error(testing.client_error(error, "SendRawEmail"))
    _same(back, error)
    assert back.operation == "SendRawEmail"
    assert back.attempts == 1


def test_code_less_error_cannot_be_rendered() -> None:
    """An error with no code (a family fallback) has no SES body to render."""
    with pytest.raises(ValueError, match="has no code"):
        testing.render_xml(ses_errors.error_for_status(503))
