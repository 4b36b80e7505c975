"""SES events, in every format SES delivers them, to one typed ``Event`` with its decisions.

SES says what became of an accepted message in two spellings: notifications (a
``notificationType``: Bounce, Complaint, Delivery) and event publishing (an ``eventType``: those
and Send, Reject, DeliveryDelay, Rendering Failure, Open, Click, Subscription). Either arrives
bare (a Firehose record, a queue message), inside an SNS message (its ``Message`` is the record
as a JSON string) or inside an EventBridge event (its ``detail``). ``parse_event`` reads all of
them; the decisions come from the event table (``_event_table``) alone.

The reading is total and bounded like the error parser's: a body over the size cap is refused
before it is decoded, only the members SES defines are read, every text is bounded, a record
naming more recipients than a message can have is refused, and junk gives ``EventParseError``
with a fixed reason, raised outside any handler so nothing of the body is in its chain.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Literal, TypeVar, cast

import attrs

from ses_errors._event_table import (
    EVENT_ROWS,
    BounceSubtype,
    BounceType,
    DelayType,
    Detail,
    EventKind,
    EventRow,
    FeedbackType,
)
from ses_errors._parse import capped_bytes, json_value
from ses_errors._smtp import read_reply_line
from ses_errors._table import Action, Decision, Scope
from ses_errors._wire import MAX_CODE_CHARS, MAX_DETAIL_CHARS, stripped_text

if TYPE_CHECKING:
    from collections.abc import Mapping

# An SNS message is at most 256 KiB; its JSON escaping of the record can nearly double that.
MAX_EVENT_BYTES = 1024 * 1024
# A message has at most 50 recipients; a record that names more is not SES's.
MAX_RECIPIENTS = 50
MAX_ADDRESS_CHARS = 320  # an address's longest legal form (64 + 1 + 255)
MAX_TAGS = 50
MAX_TAG_VALUES = 10
MAX_URL_CHARS = 2048


def _json_int(digits: str) -> int | str:
    """Return a JSON integer as an int while it is short; a longer one stays text.

    int() of more than 4,300 digits raises a bare ValueError, which could not be told from an
    exception a signal handler raises; SES's numbers (milliseconds, counts) are short.
    """
    return int(digits) if len(digits) <= 64 else digits


_JSON = json.JSONDecoder(parse_int=_json_int)

D = TypeVar("D", BounceType, BounceSubtype, FeedbackType, DelayType)

EventReason = Literal[
    "empty",
    "too-large",
    "not-json",
    "not-an-event",
    "unknown-kind",
    "too-many-recipients",
]

_REASON_TEXT: dict[EventReason, str] = {
    "empty": "the event body is empty",
    "too-large": "the event body is larger than the size cap",
    "not-json": "the event body is not a JSON object",
    "not-an-event": "the document is neither an SES event nor an SNS message",
    "unknown-kind": "the event is of a kind SES is not known to send",
    "too-many-recipients": "the event names more recipients than a message can have",
}


@attrs.define(auto_exc=True, slots=False)
class EventParseError(ValueError):
    """The body held no readable SES event.

    ``reason`` is one of ``empty``, ``too-large``, ``not-json``, ``not-an-event``,
    ``unknown-kind`` and ``too-many-recipients``; ``size`` is the body's length in bytes (0 for
    a parsed document). The body itself is never included.
    """

    reason: EventReason = "not-an-event"
    size: int = 0

    def __str__(self) -> str:
        """Say what was wrong, without quoting the body."""
        return f"{_REASON_TEXT[self.reason]} ({self.size} bytes)"


EventParseError.__module__ = "ses_errors.events"  # the public path, for tracebacks and pickles


@attrs.frozen
class Outcome:
    """What became of the message for one recipient, and what to do about it.

    ``status`` is the enhanced status code (``5.1.1``) and ``diagnostic`` the receiving server's
    report, where SES gives them; ``smtp_code`` and ``reply`` are read from that report when it
    quotes an SMTP reply (``smtp; 550 5.1.1 User unknown``), or from a delivery's SMTP response.
    """

    address: str
    scope: Scope
    action: Action
    status: str | None = None
    diagnostic: str | None = None
    smtp_code: int | None = None
    reply: str | None = None

    @property
    def decision(self) -> Decision:
        """The scope and the action together."""
        return Decision(self.scope, self.action)


@attrs.frozen
class Event:
    """One SES event, typed: its kind, the message it is about, and an outcome per recipient.

    ``decision`` is the event's, from the event table; each outcome carries it for its
    recipient. The kind's own details are typed values (None where the event has no such
    detail, or SES sent a value not known here; ``record`` still holds it). ``envelope`` says
    what carried the record (``"sns"``, ``"eventbridge"`` or None for a bare record);
    ``record`` is SES's record as it was read.
    """

    kind: EventKind
    decision: Decision
    message_id: str | None = None
    account: str | None = None
    source: str | None = None
    timestamp: dt.datetime | None = None
    destination: tuple[str, ...] = ()
    tags: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict[str, tuple[str, ...]])
    outcomes: tuple[Outcome, ...] = ()
    bounce_type: BounceType | None = None
    bounce_subtype: BounceSubtype | None = None
    feedback_type: FeedbackType | None = None
    delay_type: DelayType | None = None
    template: str | None = None
    reason: str | None = None
    feedback_id: str | None = None
    topic_arn: str | None = None
    subscribe_url: str | None = None
    envelope: Literal["sns", "eventbridge"] | None = None
    record: Mapping[str, object] = attrs.field(factory=dict[str, object], repr=False)


def parse_event(
    body: bytes | str | Mapping[str, object], *, max_bytes: int = MAX_EVENT_BYTES
) -> Event:
    """Read one SES event (or an SNS subscription message) into an ``Event``.

    ``body`` is the JSON text (bytes or str) or the dict it was parsed into, of an SNS message,
    an EventBridge event or a bare SES record, in either spelling (``notificationType`` or
    ``eventType``). An SNS SubscriptionConfirmation or UnsubscribeConfirmation gives an event
    of that kind with its ``subscribe_url`` and no outcomes. Raises ``EventParseError`` for
    anything else, and TypeError for a body that is no bytes, str or dict. Signatures are not
    checked here: see ``verify_signature``.
    """
    document, size = read_document(body, max_bytes)
    sns_type = _text(document, "Type")
    if sns_type in _SNS_CONTROL:
        return _subscription_event(document, _SNS_CONTROL[sns_type])
    if sns_type == "Notification" and "TopicArn" in document:
        message = document.get("Message")
        if not isinstance(message, str):
            raise EventParseError("not-an-event", size)
        record, _ = read_document(message, max_bytes)
        return _record_event(record, "sns", size, topic_arn=_text(document, "TopicArn"))
    detail = document.get("detail")
    if isinstance(detail, dict) and "detail-type" in document:
        return _record_event(cast("dict[str, object]", detail), "eventbridge", size)
    return _record_event(document, None, size)


_SNS_CONTROL = {
    "SubscriptionConfirmation": EventKind.SUBSCRIPTION_CONFIRMATION,
    "UnsubscribeConfirmation": EventKind.UNSUBSCRIBE_CONFIRMATION,
}


SNS_TYPES = frozenset({"Notification", *_SNS_CONTROL})


def read_document(body: object, max_bytes: int) -> tuple[dict[str, object], int]:
    """Return the JSON object ``body`` holds (a dict as it is), and its size in bytes.

    Raises EventParseError (too-large, empty, not-json), and TypeError for a body that is no
    bytes, str or dict.
    """
    if isinstance(body, dict):
        return cast("dict[str, object]", body), 0
    if not isinstance(body, bytes | str):
        msg = f"an event is bytes, str or a dict, not {type(body).__name__}"
        raise TypeError(msg)
    data, size = capped_bytes(body, max_bytes)
    if data is None:
        raise EventParseError("too-large", size)
    if not data.strip():
        raise EventParseError("empty", size)
    value = json_value(data, _JSON)
    if not isinstance(value, dict):
        raise EventParseError("not-json", size)
    return cast("dict[str, object]", value), size


def _subscription_event(document: dict[str, object], kind: EventKind) -> Event:
    return Event(
        kind,
        decide(kind, ()),
        message_id=_text(document, "MessageId"),
        timestamp=timestamp_of(document.get("Timestamp")),
        topic_arn=_text(document, "TopicArn"),
        subscribe_url=_text(document, "SubscribeURL", MAX_URL_CHARS),
        record=document,
    )


# Both spellings of each kind; "RenderingFailure" as it is written without its space.
_KINDS = {kind.value: kind for kind in EventKind if kind.value not in _SNS_CONTROL} | {
    "RenderingFailure": EventKind.RENDERING_FAILURE
}
# Each kind's own object in the record, named as SES names it.
_KIND_MEMBER = {
    EventKind.BOUNCE: "bounce",
    EventKind.COMPLAINT: "complaint",
    EventKind.DELIVERY: "delivery",
    EventKind.SEND: "send",
    EventKind.REJECT: "reject",
    EventKind.DELIVERY_DELAY: "deliveryDelay",
    EventKind.RENDERING_FAILURE: "failure",
    EventKind.OPEN: "open",
    EventKind.CLICK: "click",
    EventKind.SUBSCRIPTION: "subscription",
}


def _record_event(
    record: dict[str, object],
    envelope: Literal["sns", "eventbridge"] | None,
    size: int,
    *,
    topic_arn: str | None = None,
) -> Event:
    spelled = _text(record, "eventType") or _text(record, "notificationType")
    mail = _object(record, "mail")
    if spelled is None or mail is None:
        raise EventParseError("not-an-event", size)
    kind = _KINDS.get(spelled)
    if kind is None:
        raise EventParseError("unknown-kind", size)
    about = _object(record, _KIND_MEMBER[kind]) or {}
    details = _details(kind, about)
    decision = decide(kind, details)
    destination = _addresses(mail.get("destination"), size)
    outcomes = _outcomes(kind, about, decision, destination, size)
    failure = kind is EventKind.RENDERING_FAILURE
    return Event(
        kind,
        decision,
        message_id=_text(mail, "messageId"),
        account=_text(mail, "sendingAccountId"),
        source=_text(mail, "source", MAX_ADDRESS_CHARS),
        timestamp=timestamp_of(about.get("timestamp") or mail.get("timestamp")),
        destination=destination,
        tags=_tags(mail.get("tags")),
        outcomes=outcomes,
        bounce_type=_typed(BounceType, details),
        bounce_subtype=_typed(BounceSubtype, details),
        feedback_type=_typed(FeedbackType, details),
        delay_type=_typed(DelayType, details),
        template=_text(about, "templateName") if failure else None,
        reason=_text(about, "errorMessage" if failure else "reason", MAX_DETAIL_CHARS),
        feedback_id=_text(about, "feedbackId"),
        topic_arn=topic_arn,
        envelope=envelope,
        record=record,
    )


def _details(kind: EventKind, about: dict[str, object]) -> tuple[Detail, ...]:
    """Return the typed details of the kind's object that SES sent and this table knows."""
    found: list[Detail | None] = []
    if kind is EventKind.BOUNCE:
        found += [
            _known(BounceType, about.get("bounceType")),
            _known(BounceSubtype, about.get("bounceSubType")),
        ]
    elif kind is EventKind.COMPLAINT:
        found.append(_known(FeedbackType, about.get("complaintFeedbackType")))
    elif kind is EventKind.DELIVERY_DELAY:
        found.append(_known(DelayType, about.get("delayType")))
    return tuple(detail for detail in found if detail is not None)


def _known(kind: type[D], value: object) -> D | None:
    """Return the member of ``kind`` whose value is ``value``, else None."""
    if not isinstance(value, str):
        return None
    return cast("dict[str, D]", kind._value2member_map_).get(value)


def _typed(kind: type[D], details: tuple[Detail, ...]) -> D | None:
    return next((detail for detail in details if isinstance(detail, kind)), None)


def decide(kind: EventKind, details: tuple[Detail, ...]) -> Decision:
    """Return the decision of the table's row for ``kind`` that names most of ``details``."""
    best: tuple[int, Decision] | None = None
    for row in _ROWS_BY_KIND.get(kind, ()):
        matches = all(detail in details for detail in row.details)
        if matches and (best is None or len(row.details) > best[0]):
            best = (len(row.details), row.decision)
    # Every kind has a row without details (a test holds the table to it).
    return best[1] if best is not None else Decision(Scope.MESSAGE, Action.NONE)


_ROWS_BY_KIND: dict[EventKind, list[EventRow]] = {}
for _row in EVENT_ROWS:
    _ROWS_BY_KIND.setdefault(_row.kind, []).append(_row)


def _outcomes(
    kind: EventKind,
    about: dict[str, object],
    decision: Decision,
    destination: tuple[str, ...],
    size: int,
) -> tuple[Outcome, ...]:
    """Return one outcome per recipient the kind's object names, else per destination."""
    listed = {
        EventKind.BOUNCE: "bouncedRecipients",
        EventKind.COMPLAINT: "complainedRecipients",
        EventKind.DELIVERY_DELAY: "delayedRecipients",
    }.get(kind)
    if listed is not None:
        entries = _list(about.get(listed), size)
        return tuple(_recipient_outcome(entry, decision) for entry in entries)
    if kind is EventKind.DELIVERY:
        smtp_code, status, reply = _reply(_text(about, "smtpResponse", MAX_DETAIL_CHARS))
        return tuple(
            Outcome(address, decision.scope, decision.action, status, None, smtp_code, reply)
            for address in _addresses(about.get("recipients"), size)
        )
    return tuple(Outcome(address, decision.scope, decision.action) for address in destination)


def _recipient_outcome(entry: object, decision: Decision) -> Outcome:
    fields = cast("dict[str, object]", entry) if isinstance(entry, dict) else {}
    diagnostic = _text(fields, "diagnosticCode", MAX_DETAIL_CHARS)
    smtp_code, reply_status, reply = _reply(_smtp_part(diagnostic))
    return Outcome(
        _text(fields, "emailAddress", MAX_ADDRESS_CHARS) or "",
        decision.scope,
        decision.action,
        _text(fields, "status") or reply_status,
        diagnostic,
        smtp_code,
        reply,
    )


# A diagnostic code names its type first: "smtp; 550 ...". Only SMTP's is an SMTP reply.
_SMTP_DIAGNOSTIC = re.compile(r"smtp;[ \t]*", re.IGNORECASE)


def _smtp_part(diagnostic: str | None) -> str | None:
    if diagnostic is None:
        return None
    found = _SMTP_DIAGNOSTIC.match(diagnostic)
    return diagnostic[found.end() :] if found else None


def _reply(line: str | None) -> tuple[int | None, str | None, str | None]:
    """Return an SMTP reply's code, enhanced status and text, read as the SMTP bridge reads."""
    read = None if line is None else read_reply_line(line)
    return read if read is not None else (None, None, None)


# --- bounded reading of a record's members ---------------------------------------------------


def _text(fields: dict[str, object], key: str, limit: int = MAX_CODE_CHARS) -> str | None:
    """Return the member ``key`` when it is text, stripped and bounded; None otherwise."""
    value = fields.get(key)
    return stripped_text(value, limit) if isinstance(value, str) else None


def _object(fields: dict[str, object], key: str) -> dict[str, object] | None:
    value = fields.get(key)
    return cast("dict[str, object]", value) if isinstance(value, dict) else None


def _list(value: object, size: int) -> list[object]:
    if not isinstance(value, list):
        return []
    entries = cast("list[object]", value)
    if len(entries) > MAX_RECIPIENTS:
        raise EventParseError("too-many-recipients", size)
    return entries


def _addresses(value: object, size: int) -> tuple[str, ...]:
    texts = (stripped_text(entry, MAX_ADDRESS_CHARS) for entry in _list(value, size))
    return tuple(text for text in texts if text is not None)


def _tags(value: object) -> dict[str, tuple[str, ...]]:
    """Return the message's tags, at most ``MAX_TAGS`` names of ``MAX_TAG_VALUES`` values."""
    if not isinstance(value, dict):
        return {}
    tags: dict[str, tuple[str, ...]] = {}
    for name, values in cast("dict[object, object]", value).items():
        key = stripped_text(name, MAX_CODE_CHARS) if isinstance(name, str) else None
        if key is None or not isinstance(values, list) or len(tags) >= MAX_TAGS:
            continue
        entries = cast("list[object]", values)[:MAX_TAG_VALUES]
        texts = (stripped_text(entry, MAX_DETAIL_CHARS) for entry in entries)
        tags[key] = tuple(text for text in texts if text is not None)
    return tags


# SES writes ISO 8601 in UTC: 2016-01-27T14:59:38.237Z (an offset is read as well).
_TIMESTAMP = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})\Z"
)


def timestamp_of(value: object) -> dt.datetime | None:
    """Return an SES timestamp as an aware datetime; None for anything that is not one.

    Checked field by field rather than by catching datetime's ValueError, so an exception a
    signal handler raises mid-parse is never mistaken for a bad timestamp.
    """
    found = _TIMESTAMP.match(value) if isinstance(value, str) else None
    if found is None:
        return None
    year, month, day, hour, minute, second = (int(part) for part in found.groups()[:6])
    fraction, zone = found.group(7) or "", found.group(8)
    in_range = (
        year >= 1
        and 1 <= month <= 12
        and 1 <= day <= calendar.monthrange(year, month)[1]
        and hour <= 23
        and minute <= 59
        and second <= 59
    )
    offset = 0 if zone == "Z" else int(zone[1:3]) * 60 + int(zone[4:6])
    if not in_range or offset >= 24 * 60:
        return None
    tz = dt.timezone(dt.timedelta(minutes=-offset if zone[0] == "-" else offset))
    micro = int(fraction[:6].ljust(6, "0"))
    return dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)
