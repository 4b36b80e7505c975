"""An SNS subscription's HTTP endpoint: verify each message, then hand its event to the caller.

``receive_sns`` is the whole of it, for any framework: it takes the request body and returns a
``Receipt`` (the HTTP status to answer and a word saying why). ``wsgi_app`` and the Django view
(``ses_errors.integrations.django_sns``) are thin shells around it.

What it answers: 400 for a body that is no SNS message; 403 for a topic the caller did not
name or a signature that does not verify; 200 for a confirmed subscription, an ended one, a
delivered event, and an event it cannot read (SNS would only send that again). The callback's
own exception propagates, so the framework answers 5xx and SNS delivers the message again.
"""

from __future__ import annotations

import http
from typing import TYPE_CHECKING

import attrs

from ses_errors._event_table import EventKind
from ses_errors._events import (
    MAX_EVENT_BYTES,
    SNS_TYPES,
    Event,
    EventParseError,
    parse_event,
    read_document,
)
from ses_errors._sns import SignatureError, confirm_subscription, verify_signature

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment


@attrs.frozen
class Receipt:
    """What an SNS endpoint answers: the HTTP status, a word saying why, and the event read."""

    status: int
    reason: str
    event: Event | None = None


@attrs.frozen
class SnsEndpoint:
    """The settings of an SNS endpoint; calling it with a request body handles the request.

    ``topics`` are the topic ARNs whose messages are believed; ``on_event`` gets each event
    of a verified notification. ``certificate`` (PEM) or ``fetch_certificate`` supply the
    signing certificate (by default it is fetched from SNS and cached); ``confirm`` visits a
    subscription's SubscribeURL (by default over https, after checking its host).
    """

    topics: Collection[str]
    on_event: Callable[[Event], object]
    certificate: bytes | None = None
    fetch_certificate: Callable[[str], bytes] | None = None
    confirm: Callable[[str], object] = confirm_subscription
    max_bytes: int = MAX_EVENT_BYTES

    def __call__(self, body: bytes | str) -> Receipt:
        """Handle one request body: see ``receive_sns``."""
        try:
            message, _ = read_document(body, self.max_bytes)
        except EventParseError as unread:
            # Without a readable SNS message there is nothing to verify or acknowledge.
            return Receipt(400, unread.reason)
        return self._refusal(message) or self._delivery(message)

    def _refusal(self, message: dict[str, object]) -> Receipt | None:
        """Return why ``message`` is not to be believed, or None when it is SNS's, verified."""
        if message.get("Type") not in SNS_TYPES:
            return Receipt(400, "not-an-sns-message")
        topic = message.get("TopicArn")
        if not isinstance(topic, str) or topic not in self.topics:
            return Receipt(403, "topic")
        try:
            verify_signature(
                message, certificate=self.certificate, fetch_certificate=self.fetch_certificate
            )
        except SignatureError as refused:
            return Receipt(403, refused.reason)
        return None

    def _delivery(self, message: dict[str, object]) -> Receipt:
        """Act on a verified message: confirm it, or hand its event to the callback."""
        try:
            event = parse_event(message, max_bytes=self.max_bytes)
        except EventParseError as unread:
            # Signed by SNS, yet no event read here: acknowledged, since SNS would only
            # send it again.
            return Receipt(200, unread.reason)
        if event.kind is EventKind.SUBSCRIPTION_CONFIRMATION:
            self.confirm(event.subscribe_url or "")
            return Receipt(200, "confirmed", event)
        if event.kind is EventKind.UNSUBSCRIBE_CONFIRMATION:
            return Receipt(200, "unsubscribed", event)
        self.on_event(event)
        return Receipt(200, "delivered", event)


def receive_sns(  # noqa: PLR0913 - the endpoint's settings, each a keyword
    body: bytes | str,
    *,
    topics: Collection[str],
    on_event: Callable[[Event], object],
    certificate: bytes | None = None,
    fetch_certificate: Callable[[str], bytes] | None = None,
    confirm: Callable[[str], object] = confirm_subscription,
    max_bytes: int = MAX_EVENT_BYTES,
) -> Receipt:
    """Handle the body of one request SNS made to a subscribed HTTP/S endpoint.

    The message's topic must be one of ``topics`` and its signature must verify (see
    ``verify_signature``) before anything else happens: then a SubscriptionConfirmation is
    confirmed through ``confirm`` and a notification's event goes to ``on_event``. Returns the
    ``Receipt`` to answer with; the callback's and ``confirm``'s exceptions propagate.
    """
    endpoint = SnsEndpoint(topics, on_event, certificate, fetch_certificate, confirm, max_bytes)
    return endpoint(body)


def wsgi_app(endpoint: SnsEndpoint) -> WSGIApplication:
    """Return a WSGI application that answers SNS's POSTs with ``endpoint``."""

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        receipt = _wsgi_receipt(environ, endpoint)
        phrase = http.HTTPStatus(receipt.status).phrase
        text = receipt.reason.encode()
        start_response(
            f"{receipt.status} {phrase}",
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(text)))],
        )
        return [text]

    return app


def _wsgi_receipt(environ: WSGIEnvironment, endpoint: SnsEndpoint) -> Receipt:
    if environ.get("REQUEST_METHOD") != "POST":
        return Receipt(405, "post-only")
    length_text = str(environ.get("CONTENT_LENGTH") or "0")
    length = int(length_text) if length_text.isascii() and length_text.isdecimal() else -1
    if length < 0:
        return Receipt(400, "content-length")
    if length > endpoint.max_bytes:
        return Receipt(413, "too-large")
    return endpoint(environ["wsgi.input"].read(length))
