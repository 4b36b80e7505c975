"""After SES accepts a message: bounces, complaints, delays and the rest, typed and decided.

``parse_event`` reads an SES event in any of the formats SES delivers (an SNS message, an
EventBridge event, a bare notification or event-publishing record) into an ``Event`` with one
``Outcome`` per recipient, each with a ``Scope`` and an ``Action`` from the event table.
``receive_sns`` (and its shells ``SnsEndpoint``, ``wsgi_app`` and the Django view in
``ses_errors.integrations.django_sns``) serve an SNS subscription: verify, then hand each event
to a callback. Signatures are checked with ``cryptography`` (``pip install 'ses-errors[sns]'``).
"""

from ses_errors._event_table import BounceSubtype, BounceType, DelayType, EventKind, FeedbackType
from ses_errors._events import Event, EventParseError, Outcome, parse_event
from ses_errors._receiver import Receipt, SnsEndpoint, receive_sns, wsgi_app
from ses_errors._sns import SignatureError, fetch_pem, verify_signature

__all__ = [
    "BounceSubtype",
    "BounceType",
    "DelayType",
    "Event",
    "EventKind",
    "EventParseError",
    "FeedbackType",
    "Outcome",
    "Receipt",
    "SignatureError",
    "SnsEndpoint",
    "fetch_pem",
    "parse_event",
    "receive_sns",
    "verify_signature",
    "wsgi_app",
]
