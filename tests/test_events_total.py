"""The events' entry points are total: junk gets a documented answer, interrupts pass through."""

from __future__ import annotations

import http
import importlib.util
import io
import json
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from event_samples import TOPIC, in_sns, record, subscription_confirmation
from ses_errors import _events
from ses_errors._sns import is_sns_url
from ses_errors.events import (
    Event,
    EventParseError,
    SignatureError,
    SnsEndpoint,
    parse_event,
    wsgi_app,
)


class InterruptError(ValueError):
    """What a signal handler might raise in the middle of a parse."""


def test_an_interrupt_during_decoding_is_not_taken_for_junk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ValueError raised while the JSON is decoded propagates; it is not "not-json"."""

    def interrupted(_: str) -> object:
        raise InterruptError

    monkeypatch.setattr(_events._JSON, "decode", interrupted)
    with pytest.raises(InterruptError):
        parse_event(json.dumps(record("Bounce")))


def test_events_and_their_errors_pickle() -> None:
    """An event, EventParseError and SignatureError survive pickling whole."""
    event = parse_event(json.dumps(in_sns(record("Bounce"))))
    assert pickle.loads(pickle.dumps(event))  # noqa: S301 - our own bytes == event
    for error in (EventParseError("unknown-kind", 12), SignatureError("certificate-url")):
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
        assert (type(copy), str(copy)) == (type(error), str(error))


def test_a_huge_integer_stays_text() -> None:
    """A JSON integer too long for int() is kept as text, not an error."""
    body = json.dumps(record("Delivery")).replace(
        '"processingTimeMillis": 1892', '"processingTimeMillis": ' + "9" * 5000
    )
    event = parse_event(body)
    assert event.record["delivery"]["processingTimeMillis"] == "9" * 5000  # type: ignore[index]
    assert parse_event(record("Delivery")).record["delivery"]["processingTimeMillis"] == 1892  # type: ignore[index]


def _never(_: Event) -> None:
    pytest.fail("an unverified message reached the callback")


ENDPOINT = SnsEndpoint(topics={TOPIC}, on_event=_never, certificate=b"junk", confirm=print)

SNS_MEMBERS = st.dictionaries(
    st.sampled_from(
        ["Type", "TopicArn", "Message", "Signature", "SignatureVersion", "SigningCertURL"]
    ),
    st.none()
    | st.integers()
    | st.text(max_size=20)
    | st.sampled_from(["Notification", TOPIC, "2"]),
)


@pytest.mark.skipif(
    importlib.util.find_spec("cryptography") is None, reason="cryptography is not installed"
)
@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=100),
        SNS_MEMBERS.map(json.dumps),
        st.just(json.dumps(in_sns(record("Bounce")))),
        st.just(json.dumps(subscription_confirmation())),
    )
)
def test_the_endpoint_answers_any_body_and_believes_no_unsigned_one(body: Any) -> None:
    """Any body gets a 400 or a 403; nothing unsigned reaches the callback or is confirmed."""
    receipt = ENDPOINT(body)
    assert receipt.status in {400, 403}
    assert receipt.event is None


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80) | st.from_regex(r"https://sns\.[a-z0-9.:@\\-]{0,30}/[a-z.]{0,8}"))
def test_the_sns_host_check_never_raises(url: str) -> None:
    """Any text is an SNS URL or not; the check itself never fails."""
    assert is_sns_url(url, suffix=".pem") in {True, False}


@pytest.mark.parametrize(
    ("environ", "status"),
    [
        ({"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "abc"}, 400),
        ({"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "-5"}, 400),
        ({"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "\uff11\uff12"}, 400),
        ({"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "9" * 400}, 413),
        ({"REQUEST_METHOD": "POST"}, 400),
        ({"REQUEST_METHOD": "PUT", "CONTENT_LENGTH": "2"}, 405),
        ({}, 405),
    ],
)
def test_the_wsgi_app_answers_junk_requests(environ: dict[str, Any], status: int) -> None:
    """A bad Content-Length, a missing body or another method gets its status, never a crash."""
    started: list[str] = []

    def start_response(line: str, _headers: list[tuple[str, str]], _info: object = None) -> Any:
        started.append(line)

    answer = wsgi_app(ENDPOINT)({**environ, "wsgi.input": io.BytesIO(b"")}, start_response)
    # the reason phrase is Python's own (3.13 calls 413 "Content Too Large")
    assert started == [f"{status} {http.HTTPStatus(status).phrase}"]
    assert b"".join(answer)
