"""SNS signatures checked against certificates made here; the endpoint served by real servers."""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import configure_django
from event_samples import CERT_URL, TOPIC, in_sns, record, subscription_confirmation
from ses_errors._sns import confirm_subscription, is_sns_url, signed_text
from ses_errors.events import (
    Event,
    EventKind,
    SignatureError,
    SnsEndpoint,
    fetch_pem,
    receive_sns,
    verify_signature,
    wsgi_app,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

pytest.importorskip("cryptography")

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def _certificate(key: rsa.RSAPrivateKey, *, days: tuple[int, int] = (-30, 300)) -> bytes:
    """Return a self-signed PEM certificate for ``key``, valid ``days`` around NOW."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.amazonaws.com")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW + dt.timedelta(days=days[0]))
        .not_valid_after(NOW + dt.timedelta(days=days[1]))
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    """Return the signing key of these tests' SNS."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def pem(key: rsa.RSAPrivateKey) -> bytes:
    """Return its certificate."""
    return _certificate(key)


def _signed(message: dict[str, Any], key: rsa.RSAPrivateKey) -> dict[str, Any]:
    """Return ``message`` signed as SNS signs its SignatureVersion."""
    text = signed_text(message)
    assert text is not None
    digest = hashes.SHA1() if message["SignatureVersion"] == "1" else hashes.SHA256()  # noqa: S303
    signature = key.sign(text, padding.PKCS1v15(), digest)
    return message | {"Signature": base64.b64encode(signature).decode()}


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("with_subject", [False, True])
def test_a_signed_notification_verifies(
    key: rsa.RSAPrivateKey, pem: bytes, version: str, with_subject: bool
) -> None:
    """Both signature versions verify, with and without a Subject, through a fetch callable."""
    message = in_sns(record("Bounce"), SignatureVersion=version)
    if with_subject:
        message["Subject"] = "Amazon SES Email Event Notification"
    fetched: list[str] = []

    def fetch(url: str) -> bytes:
        fetched.append(url)
        return pem

    verify_signature(_signed(message, key), fetch_certificate=fetch, now=NOW)
    assert fetched == [CERT_URL]


@pytest.mark.parametrize("kind", ["SubscriptionConfirmation", "UnsubscribeConfirmation"])
def test_a_signed_subscription_message_verifies(
    key: rsa.RSAPrivateKey, pem: bytes, kind: str
) -> None:
    """The confirmation messages sign their Token and SubscribeURL too."""
    verify_signature(_signed(subscription_confirmation(kind), key), certificate=pem, now=NOW)


FORGERIES = {
    "changed message": lambda m: m | {"Message": json.dumps(record("Complaint"))},
    "changed topic": lambda m: m | {"TopicArn": TOPIC + "-other"},
    "added subject": lambda m: m | {"Subject": "x"},
    "other version": lambda m: m | {"SignatureVersion": "1"},
}


@pytest.mark.parametrize("forgery", FORGERIES)
def test_a_forged_notification_is_refused(key: rsa.RSAPrivateKey, pem: bytes, forgery: str) -> None:
    """Any change after signing fails the signature."""
    message = FORGERIES[forgery](_signed(in_sns(record("Bounce")), key))
    with pytest.raises(SignatureError) as caught:
        verify_signature(message, certificate=pem, now=NOW)
    assert caught.value.reason == "signature"
    assert caught.value.__context__ is None


def test_a_key_other_than_the_certificate_s_is_refused(pem: bytes) -> None:
    """A message signed by another key does not verify with SNS's certificate."""
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(SignatureError, match="does not verify"):
        verify_signature(_signed(in_sns(record("Bounce")), other), certificate=pem, now=NOW)


WRONG_URLS = [
    "http://sns.us-east-1.amazonaws.com/cert.pem",
    "https://sns.us-east-1.amazonaws.com.example.com/cert.pem",
    "https://example.com/sns.us-east-1.amazonaws.com/cert.pem",
    "https://user@sns.us-east-1.amazonaws.com/cert.pem",
    "https://sns.us-east-1.amazonaws.com:8443/cert.pem",
    "https://sns.us-east-1.amazonaws.com/cert.pem#x",
    "https://sns.us-east-1.amazonaws.com/cert.txt",
    "https://s3.amazonaws.com/cert.pem",
    "https://sns.us-east-1.amazonaws.com\\@example.com/cert.pem",
    "",
]


@pytest.mark.parametrize("url", WRONG_URLS)
def test_a_certificate_url_off_sns_is_refused_before_any_fetch(
    key: rsa.RSAPrivateKey, url: str
) -> None:
    """A certificate URL that is not https on an SNS host is refused, and nothing is fetched."""
    message = _signed(in_sns(record("Bounce"), SigningCertURL=url), key)

    def fetch(_: str) -> bytes:
        pytest.fail("fetched a certificate from a URL that is not SNS's")

    with pytest.raises(SignatureError) as caught:
        verify_signature(message, fetch_certificate=fetch, now=NOW)
    assert caught.value.reason == "certificate-url"
    with pytest.raises(SignatureError):
        fetch_pem(url)
    assert not is_sns_url(url, suffix=".pem")


def test_the_china_regions_hosts_are_sns_hosts() -> None:
    """SNS's hosts in the China regions end in .amazonaws.com.cn."""
    assert is_sns_url("https://sns.cn-north-1.amazonaws.com.cn/x.pem", suffix=".pem")
    assert is_sns_url("https://sns.us-east-1.amazonaws.com:443/x.pem", suffix=".pem")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"Signature": None}, "unsigned"),
        ({"Signature": ""}, "unsigned"),
        ({"Signature": "!!not base64!!"}, "unsigned"),
        ({"Timestamp": 5}, "unsigned"),
        ({"Type": "Other"}, "unsigned"),
        ({"SignatureVersion": "3"}, "unsupported-version"),
        ({"SignatureVersion": 2}, "unsupported-version"),
    ],
)
def test_unsigned_and_unknown_versions_are_refused(
    key: rsa.RSAPrivateKey, change: dict[str, Any], reason: str
) -> None:
    """A message missing what its signature covers, or of another version, is refused unfetched."""
    message = _signed(in_sns(record("Bounce")), key) | change

    def fetch(_: str) -> bytes:
        pytest.fail("fetched a certificate for a message that is not signed")

    with pytest.raises(SignatureError) as caught:
        verify_signature(message, fetch_certificate=fetch, now=NOW)
    assert caught.value.reason == reason


def test_a_certificate_that_is_junk_or_out_of_date_is_refused(key: rsa.RSAPrivateKey) -> None:
    """Junk certificate bytes and a certificate outside its dates are refused."""
    message = _signed(in_sns(record("Bounce")), key)
    for junk, reason in [
        (b"not a certificate", "certificate"),
        (b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "certificate"),
        (_certificate(key, days=(-400, -1)), "certificate-expired"),
        (_certificate(key, days=(1, 400)), "certificate-expired"),
    ]:
        with pytest.raises(SignatureError) as caught:
            verify_signature(message, certificate=junk, now=NOW)
        assert caught.value.reason == reason


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "Type",
                "Message",
                "MessageId",
                "Timestamp",
                "TopicArn",
                "Signature",
                "SignatureVersion",
                "SigningCertURL",
                "Subject",
                "Token",
                "SubscribeURL",
            ]
        ),
        st.none()
        | st.integers()
        | st.text(max_size=30)
        | st.sampled_from(["Notification", "SubscriptionConfirmation", "1", "2", CERT_URL, "AAAA"]),
    )
)
def test_any_message_verifies_or_raises_signature_error(message: dict[str, Any]) -> None:
    """Whatever a message holds, verification raises SignatureError and nothing else."""
    with pytest.raises(SignatureError):
        verify_signature(message, certificate=b"junk", now=NOW)


# --- the endpoint ----------------------------------------------------------------------------


class Received:
    """What the endpoint handed over: events, and URLs it confirmed."""

    def __init__(self) -> None:
        """Start with nothing received."""
        self.events: list[Event] = []
        self.confirmed: list[str] = []


def _endpoint(pem: bytes, received: Received) -> SnsEndpoint:
    return SnsEndpoint(
        topics={TOPIC},
        on_event=received.events.append,
        certificate=pem,
        confirm=received.confirmed.append,
    )


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *_: object) -> None:
        """Keep the test output clean."""


@pytest.fixture
def wsgi_server(pem: bytes) -> Iterator[tuple[str, Received]]:
    """Serve the endpoint from a real WSGI server on loopback; yield its URL and what it got."""
    received = Received()
    server = make_server(
        "127.0.0.1", 0, wsgi_app(_endpoint(pem, received)), handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _post(url: str, body: bytes, method: str = "POST") -> tuple[int, str]:
    request = urllib.request.Request(url, data=body if method == "POST" else None, method=method)  # noqa: S310 - a loopback URL of the test
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback http
            return response.status, response.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode()


def _claiming_length(url: str, length: int) -> tuple[int, str]:
    """POST a small body under a Content-Length header of ``length``; return the answer."""
    connection = http.client.HTTPConnection(urllib.parse.urlsplit(url).netloc, timeout=10)
    try:
        connection.putrequest("POST", "/")
        connection.putheader("Content-Length", str(length))
        connection.endheaders(b"{}")
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def _now_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the endpoint's clock NOW, so the certificate made for NOW is in date."""
    import ses_errors._sns as sns  # noqa: PLC0415

    real = sns.verify_signature

    def at_now(message: Any, **kwargs: Any) -> None:
        real(message, **kwargs, now=NOW)

    monkeypatch.setattr("ses_errors._receiver.verify_signature", at_now)


def test_the_wsgi_endpoint_delivers_verified_events_and_refuses_the_rest(
    wsgi_server: tuple[str, Received], key: rsa.RSAPrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over real HTTP: a signed event reaches the callback; forged, foreign and junk do not."""
    _now_valid(monkeypatch)
    url, received = wsgi_server
    good = _signed(in_sns(record("Bounce")), key)
    assert _post(url, json.dumps(good).encode()) == (200, "delivered")
    assert [event.kind for event in received.events] == [EventKind.BOUNCE]
    assert received.events[0].outcomes[0].address == "recipient@example.net"

    forged = good | {"Message": json.dumps(record("Complaint"))}
    assert _post(url, json.dumps(forged).encode()) == (403, "signature")
    foreign = _signed(in_sns(record("Bounce"), TopicArn=TOPIC + "-theirs"), key)
    assert _post(url, json.dumps(foreign).encode()) == (403, "topic")
    assert _post(url, b"junk") == (400, "not-json")
    assert _post(url, json.dumps(record("Bounce")).encode()) == (400, "not-an-sns-message")
    assert _post(url, b"", method="GET") == (405, "post-only")
    assert _claiming_length(url, 2 * 1024 * 1024) == (413, "too-large")
    assert len(received.events) == 1

    confirmation = _signed(subscription_confirmation(), key)
    assert _post(url, json.dumps(confirmation).encode()) == (200, "confirmed")
    assert received.confirmed == [confirmation["SubscribeURL"]]
    unknown = _signed(in_sns({"notificationType": "Received", "mail": {}}), key)
    assert _post(url, json.dumps(unknown).encode()) == (200, "unknown-kind")


def test_receive_sns_lets_the_callback_s_error_through(
    key: rsa.RSAPrivateKey, pem: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A callback that fails makes the request fail, so SNS delivers the event again."""
    _now_valid(monkeypatch)

    def failing(_: Event) -> None:
        raise RuntimeError("database down")

    body = json.dumps(_signed(in_sns(record("Bounce")), key))
    with pytest.raises(RuntimeError, match="database down"):
        receive_sns(body, topics=[TOPIC], on_event=failing, certificate=pem)


def test_confirming_a_subscription_refuses_a_url_off_sns() -> None:
    """The default confirmation visits nothing but an SNS host over https."""
    with pytest.raises(SignatureError) as caught:
        confirm_subscription("https://example.com/?Action=ConfirmSubscription")
    assert caught.value.reason == "subscribe-url"


def test_the_django_view_serves_the_endpoint(
    key: rsa.RSAPrivateKey, pem: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real Django, CSRF checks on: the view delivers a signed event and refuses a GET."""
    pytest.importorskip("django")
    configure_django()
    from django.conf import settings as django_settings  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.urls import path  # noqa: PLC0415

    from ses_errors.integrations.django_sns import sns_view  # noqa: PLC0415

    _now_valid(monkeypatch)
    received = Received()
    urls = type(
        "urls", (), {"urlpatterns": [path("ses/events", sns_view(_endpoint(pem, received)))]}
    )
    monkeypatch.setattr(django_settings, "ROOT_URLCONF", urls, raising=False)
    monkeypatch.setattr(
        django_settings,
        "MIDDLEWARE",
        ["django.middleware.csrf.CsrfViewMiddleware"],
        raising=False,
    )
    client = Client(enforce_csrf_checks=True)
    body = json.dumps(_signed(in_sns(record("Complaint")), key))
    answer = client.post("/ses/events", data=body, content_type="text/plain")
    assert (answer.status_code, answer.content) == (200, b"delivered")
    assert [event.kind for event in received.events] == [EventKind.COMPLAINT]
    assert client.get("/ses/events").status_code == 405
