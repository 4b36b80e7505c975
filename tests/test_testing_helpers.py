"""ses_errors.testing: rendered bodies and ClientErrors read back as the same error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ses_errors
from conftest import CLIENT_KWARGS
from ses_errors import testing
from ses_errors._base import _CLASS_BY_NAME  # pyright: ignore[reportPrivateUsage]
from ses_errors._table import CASES, ROWS

SAMPLES = [
    *(
        ses_errors.lookup.class_for_code(row.code)(
            "a <reason> & more", row.code, row.http_status, "req-1", None, {"Name": "x"}
        )
        for row in ROWS
    ),
    *(
        ses_errors.lookup.class_for_name(case.name)(case.texts[0], case.parents[0], 400, "req-2")  # type: ignore[misc]  # names from the table are classes
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
    """parse_error(render_xml(e)) equals e field by field, its fault (here none) included."""
    back = ses_errors.parse_error(testing.render_xml(error), http_status=error.http_status)
    _same(back, error)
    assert back.fault is None


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
    assert (back.attempts, back.fault) == (None, None)


def test_code_less_error_cannot_be_rendered() -> None:
    """An error with no code (a family fallback) has no SES body to render."""
    with pytest.raises(ValueError, match="has no code"):
        testing.render_xml(ses_errors.http.error_for_status(503))


# --- every class, any fields: what is rendered reads back the same -------------------------

EVERY_CODED_CLASS = [
    cls
    for cls in sorted(set(_CLASS_BY_NAME.values()), key=lambda c: c.__name__)
    if cls.code is not None
]
TEXT = st.text(
    alphabet=st.characters(categories=["L", "N"], include_characters=" -.:"), max_size=40
)


@st.composite
def errors(draw: st.DrawFn) -> ses_errors.SESError:
    """Draw an error of any coded class, with any message, request id, fault and members."""
    cls = draw(st.sampled_from(EVERY_CODED_CLASS))
    message = draw(TEXT.map(str.strip))
    if cls.case is not None:  # a message case is its text: without it, it is its parent
        message = cls.case.texts[0] + (f" {message}" if cls.case.match.value == "prefix" else "")
    details = draw(
        st.dictionaries(
            st.sampled_from(["TemplateName", "Name", "Extra"]),
            TEXT.filter(str.strip).map(str.strip),
            max_size=2,
        )
    )
    return cls(
        message,
        cls.code,
        draw(st.sampled_from([400, 403, 404, 429, 500, 503])),
        draw(st.none() | st.uuids().map(str)),
        draw(st.sampled_from([None, "Sender", "Receiver"])),
        details,
        draw(st.sampled_from(["SendEmail", "SendRawEmail"])),
        draw(st.none() | st.integers(1, 5)),
    )


def _wire(error: ses_errors.SESError) -> dict[str, object]:
    facts = error.to_dict()
    return {
        key: facts[key]
        for key in ("error", "code", "message", "http_status", "request_id", "fault", "details")
    }


@settings(max_examples=300, deadline=None)
@given(error=errors())
def test_every_class_round_trips_through_xml(error: ses_errors.SESError) -> None:
    """parse_error(render_xml(e)) gives e's class and wire facts, a fault only when set."""
    back = ses_errors.parse_error(testing.render_xml(error), http_status=error.http_status)
    assert _wire(back) == _wire(error)


@settings(max_examples=300, deadline=None)
@given(error=errors())
def test_every_class_round_trips_through_json(error: ses_errors.SESError) -> None:
    """parse_error of render_json(e) gives e's class and wire facts (SES v2 sends no fault)."""
    body, headers = testing.render_json(error)
    back = ses_errors.parse_error(body, http_status=error.http_status, headers=headers)
    assert _wire(back) == {**_wire(error), "fault": None}


@settings(max_examples=300, deadline=None)
@given(error=errors())
def test_every_class_round_trips_through_a_client_error(error: ses_errors.SESError) -> None:
    """from_client_error(client_error(e)) gives every field of e back, operation and attempts."""
    pytest.importorskip("botocore")
    back = ses_errors.from_client_error(testing.client_error(error))
    assert back.to_dict() == error.to_dict()


@settings(max_examples=100, deadline=None)
@given(error=errors())
def test_every_class_round_trips_through_botocore_s_stubber(error: ses_errors.SESError) -> None:
    """A real client stubbed with stubber_error(e) raises what from_client_error reads as e."""
    boto3 = pytest.importorskip("boto3")
    stub = pytest.importorskip("botocore.stub")
    client = boto3.client("ses", **CLIENT_KWARGS)
    with stub.Stubber(client) as stubber:
        stubber.add_client_error("get_send_quota", **testing.stubber_error(error))
        with pytest.raises(Exception) as caught:  # noqa: PT011 - botocore's ClientError
            client.get_send_quota()
    assert _wire(ses_errors.from_client_error(caught.value)) == _wire(error)
