"""SES events in every format and envelope, typed and decided; junk and hostile input refused."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from event_samples import (
    ACCOUNT,
    KIND_OBJECTS,
    MESSAGE_ID,
    NOTIFICATION_KINDS,
    TOPIC,
    bounce,
    complaint,
    delivery_delay,
    in_eventbridge,
    in_sns,
    record,
    subscription_confirmation,
)
from ses_errors import Action, Scope
from ses_errors._event_table import EVENT_ROWS
from ses_errors.events import (
    BounceSubtype,
    BounceType,
    DelayType,
    Event,
    EventKind,
    EventParseError,
    FeedbackType,
    parse_event,
)

if TYPE_CHECKING:
    from collections.abc import Callable

R, M, A, SV = Scope.RECIPIENT, Scope.MESSAGE, Scope.ACCOUNT, Scope.SERVICE

# The decision pinned for each event kind as its sample sends it.
KIND_DECISIONS = {
    "Bounce": (R, Action.DROP),
    "Complaint": (R, Action.DROP),
    "Delivery": (R, Action.NONE),
    "Send": (M, Action.NONE),
    "Reject": (M, Action.DROP),
    "DeliveryDelay": (R, Action.DEFER),
    "Rendering Failure": (M, Action.DROP),
    "Open": (R, Action.NONE),
    "Click": (R, Action.NONE),
    "Subscription": (R, Action.NONE),
}

# Every way a record reaches a receiver: bare, inside SNS (as text, bytes or a dict), inside
# EventBridge.
WRAPPINGS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "bare": lambda r: r,
    "bare-text": json.dumps,
    "sns": lambda r: json.dumps(in_sns(r)).encode(),
    "sns-dict": in_sns,
    "eventbridge": lambda r: json.dumps(in_eventbridge(r)),
}


def _forms(kind: str) -> list[tuple[str, dict[str, Any]]]:
    spellings = ["eventType", "notificationType"] if kind in NOTIFICATION_KINDS else ["eventType"]
    return [(spelling, record(kind, spelling)) for spelling in spellings]


CASES = [
    (kind, spelling, wrapping)
    for kind in KIND_OBJECTS
    for spelling, _ in _forms(kind)
    for wrapping in WRAPPINGS
    if not (wrapping == "eventbridge" and spelling == "notificationType")
]


@pytest.mark.parametrize(("kind", "spelling", "wrapping"), CASES)
def test_every_kind_reads_in_every_spelling_and_envelope(
    kind: str, spelling: str, wrapping: str
) -> None:
    """Each kind, spelled either way, reads the same bare, through SNS and through EventBridge."""
    event = parse_event(WRAPPINGS[wrapping](record(kind, spelling)))
    assert event.kind is EventKind(kind)
    assert (event.decision.scope, event.decision.action) == KIND_DECISIONS[kind]
    assert event.message_id == MESSAGE_ID
    assert event.account == ACCOUNT
    assert event.source == "Sender <sender@example.com>"
    assert event.tags == {"ses:configuration-set": ("transactional",), "campaign": ("receipts",)}
    assert event.outcomes, "every kind has an outcome per recipient"
    assert all(o.decision == event.decision for o in event.outcomes)
    assert event.outcomes[0].address == "recipient@example.net"
    assert event.envelope == {"sns": "sns", "sns-dict": "sns", "eventbridge": "eventbridge"}.get(
        wrapping
    )
    assert event.topic_arn == (TOPIC if wrapping.startswith("sns") else None)


def test_a_bounce_reads_its_recipient_s_smtp_reply() -> None:
    """A bounced recipient's diagnostic code is read as the SMTP bridge reads a reply."""
    event = parse_event(record("Bounce"))
    (outcome,) = event.outcomes
    assert event.bounce_type is BounceType.PERMANENT
    assert event.bounce_subtype is BounceSubtype.GENERAL
    assert outcome.status == "5.1.1"
    assert outcome.smtp_code == 550
    assert outcome.reply == "<recipient@example.net>: user unknown"
    assert outcome.diagnostic == "smtp; 550 5.1.1 <recipient@example.net>: user unknown"
    assert event.timestamp == dt.datetime(2026, 11, 30, 9, 15, 3, 402000, tzinfo=dt.UTC)
    assert event.feedback_id == "0100018c1f2e3f00-feedback-000000"


def test_a_diagnostic_of_another_type_is_kept_but_not_read_as_smtp() -> None:
    """Only an "smtp;" diagnostic is an SMTP reply; another is kept as it is."""
    entry = {"emailAddress": "a@example.net", "diagnosticCode": "X-Postfix; host not found"}
    (outcome,) = parse_event(record("Bounce", about=bounce(recipients=[entry]))).outcomes
    assert (outcome.smtp_code, outcome.reply, outcome.status) == (None, None, None)
    assert outcome.diagnostic == "X-Postfix; host not found"


def test_a_delivery_reads_the_smtp_response_for_each_recipient() -> None:
    """A delivery's SMTP response gives each recipient its 250 and enhanced status."""
    (outcome,) = parse_event(record("Delivery", "notificationType")).outcomes
    assert (outcome.smtp_code, outcome.status, outcome.reply) == (250, "2.6.0", "Message received")


BOUNCE_DECISIONS = [
    ("Permanent", "General", R, Action.DROP),
    ("Permanent", "NoEmail", R, Action.DROP),
    ("Permanent", "Suppressed", R, Action.DROP),
    ("Permanent", "OnAccountSuppressionList", R, Action.DROP),
    ("Permanent", "UnsubscribedRecipient", R, Action.DROP),
    ("Transient", "General", R, Action.DEFER),
    ("Transient", "MailboxFull", R, Action.DEFER),
    ("Transient", "MessageTooLarge", M, Action.DROP),
    ("Transient", "ContentRejected", M, Action.DROP),
    ("Transient", "AttachmentRejected", M, Action.DROP),
    ("Undetermined", "Undetermined", R, Action.DEFER),
    # a subtype SES adds later falls back on its type's decision
    ("Permanent", "SomethingNew", R, Action.DROP),
    ("Transient", "SomethingNew", R, Action.DEFER),
    ("SomethingNew", "General", R, Action.DEFER),
]


@pytest.mark.parametrize(("bounce_type", "subtype", "scope", "action"), BOUNCE_DECISIONS)
def test_each_bounce_subtype_is_decided(
    bounce_type: str, subtype: str, scope: Scope, action: Action
) -> None:
    """Permanent bounces drop the address, transient ones hold it, content ones the message."""
    event = parse_event(record("Bounce", about=bounce(bounce_type, subtype)))
    assert (event.decision.scope, event.decision.action) == (scope, action)
    assert (event.outcomes[0].scope, event.outcomes[0].action) == (scope, action)
    known = subtype in BounceSubtype._value2member_map_
    assert (event.bounce_subtype is not None) == known
    assert event.record["bounce"]["bounceSubType"] == subtype  # type: ignore[index]  # kept as sent


@pytest.mark.parametrize("feedback", [*(t.value for t in FeedbackType), None, "new-kind"])
def test_each_complaint_feedback_type_is_decided(feedback: str | None) -> None:
    """A complaint drops the address, unless the report says the mail was not spam."""
    event = parse_event(record("Complaint", about=complaint(feedback)))
    expected = Action.NONE if feedback == "not-spam" else Action.DROP
    assert (event.decision.scope, event.decision.action) == (R, expected)
    assert event.feedback_type is (
        FeedbackType(feedback) if feedback != "new-kind" and feedback else None
    )


DELAY_DECISIONS = {
    DelayType.INTERNAL_FAILURE: (SV, Action.DEFER),
    DelayType.SENDING_DEFERRAL: (A, Action.DEFER),
    DelayType.IP_FAILURE: (A, Action.DEFER),
}


@pytest.mark.parametrize("delay", list(DelayType))
def test_each_delay_type_is_decided(delay: DelayType) -> None:
    """A delay holds the recipient, or the account or SES where the delay is theirs."""
    event = parse_event(record("DeliveryDelay", about=delivery_delay(delay.value)))
    assert event.delay_type is delay
    decided = (event.decision.scope, event.decision.action)
    assert decided == DELAY_DECISIONS.get(delay, (R, Action.DEFER))
    (outcome,) = event.outcomes
    assert (outcome.smtp_code, outcome.status) == (452, "4.2.2")


def test_a_rendering_failure_names_its_template_and_a_reject_its_reason() -> None:
    """A rendering failure carries the template and SES's message; a reject its reason."""
    failure = parse_event(record("Rendering Failure"))
    assert failure.template == "welcome"
    assert failure.reason == "Attribute 'name' is not present in the rendering data."
    assert parse_event(record("Reject")).reason == "Bad content"
    assert parse_event({**record("Reject"), "eventType": "RenderingFailure"}).kind is (
        EventKind.RENDERING_FAILURE
    )


@pytest.mark.parametrize(
    "kind", [EventKind.SUBSCRIPTION_CONFIRMATION, EventKind.UNSUBSCRIBE_CONFIRMATION]
)
def test_sns_subscription_messages_are_recognised(kind: EventKind) -> None:
    """SNS's confirmation messages read as their own kind, with the URL to confirm."""
    event = parse_event(json.dumps(subscription_confirmation(kind.value)))
    assert event.kind is kind
    assert event.outcomes == ()
    assert event.topic_arn == TOPIC
    assert event.subscribe_url is not None
    assert event.subscribe_url.startswith("https://sns.us-east-1.amazonaws.com/")
    assert (event.decision.scope, event.decision.action) == (A, Action.NONE)


def test_every_kind_has_a_row_without_details() -> None:
    """The event table decides every kind even when SES sends a detail it does not know."""
    assert {row.kind for row in EVENT_ROWS if not row.details} == set(EventKind)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "2026-11-30T09:15:03.402Z",
            dt.datetime(2026, 11, 30, 9, 15, 3, 402000, dt.UTC),
        ),
        (
            "2026-11-30T09:15:03+02:00",
            dt.datetime(2026, 11, 30, 7, 15, 3, tzinfo=dt.UTC),
        ),
        ("2026-02-29T00:00:00Z", None),
        ("2026-13-01T00:00:00Z", None),
        ("2026-11-30T24:00:00Z", None),
        ("2026-11-30T09:15:03", None),
        ("2026-11-30T09:15:03+24:00", None),
        (1701337703, None),
    ],
)
def test_timestamps_read_only_when_they_are_real(value: object, expected: object) -> None:
    """An ISO 8601 time in UTC or with an offset reads; an impossible one is None, not an error."""
    about = {**bounce(), "timestamp": value}
    about_mail = record("Bounce", about=about)
    about_mail["mail"]["timestamp"] = value
    assert parse_event(about_mail).timestamp == expected


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (b"[1, 2]", "not-json"),
        (b"{", "not-json"),
        (b"\xff\xfe\x00", "not-json"),
        (b"[" * 100_000 + b"]" * 100_000, "not-json"),
        (b"{}", "not-an-event"),
        (b'{"eventType": "Bounce"}', "not-an-event"),
        (b'{"eventType": "Received", "mail": {}}', "unknown-kind"),
        (b'{"Type": "Notification", "TopicArn": "t", "Message": 5}', "not-an-event"),
        (b'{"Type": "Notification", "TopicArn": "t", "Message": "no"}', "not-json"),
    ],
)
def test_junk_is_refused_with_a_documented_reason(body: bytes, reason: str) -> None:
    """Empty, unreadable, foreign and too deep bodies raise EventParseError, with no chain."""
    with pytest.raises(EventParseError) as caught:
        parse_event(body)
    assert caught.value.reason == reason
    assert caught.value.__context__ is None
    assert caught.value.__cause__ is None


def test_bounds_hold_on_size_recipients_and_texts() -> None:
    """Oversized bodies and recipient lists are refused; long texts are cut."""
    with pytest.raises(EventParseError, match="size cap") as caught:
        parse_event(b" " * 20, max_bytes=10)
    assert caught.value.reason == "too-large"
    many = [{"emailAddress": f"r{i}@example.net"} for i in range(51)]
    with pytest.raises(EventParseError) as caught:
        parse_event(record("Bounce", about=bounce(recipients=many)))
    assert caught.value.reason == "too-many-recipients"
    long_address = {"emailAddress": "x" * 10_000, "diagnosticCode": "smtp; 550 " + "y" * 50_000}
    (outcome,) = parse_event(record("Bounce", about=bounce(recipients=[long_address]))).outcomes
    assert len(outcome.address) == 320
    assert outcome.diagnostic is not None
    assert len(outcome.diagnostic) == 1024


def test_the_body_never_reaches_the_error() -> None:
    """The error text names the reason and the size, never what the body said."""
    with pytest.raises(EventParseError) as caught:
        parse_event(b'{"eventType": "SECRET-KIND", "mail": {}}')
    assert "SECRET" not in str(caught.value)
    assert "SECRET" not in repr(caught.value)


def test_a_non_body_is_a_type_error() -> None:
    """Anything but bytes, str or a dict is the caller's bug: TypeError."""
    with pytest.raises(TypeError, match="not list"):
        parse_event([])  # type: ignore[arg-type]  # the wrong type is the point


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def shaped_records(draw: st.DrawFn) -> dict[str, Any]:
    """Draw an SES-shaped record whose members hold any JSON value, known or not."""
    kind = draw(st.sampled_from(list(KIND_OBJECTS)))
    found = record(kind, draw(st.sampled_from(["eventType", "notificationType"])))
    member = KIND_OBJECTS[kind][0]
    about = dict(found[member]) if isinstance(found[member], dict) else {}
    for key in draw(st.lists(st.sampled_from([*about, "bounceType", "delayType"]), max_size=3)):
        about[key] = draw(JSON)
    found[member] = about
    for key in draw(st.lists(st.sampled_from(list(found["mail"])), max_size=3)):
        found["mail"][key] = draw(JSON)
    return found


@settings(max_examples=400, deadline=None)
@given(shaped_records())
def test_every_outcome_of_a_readable_event_has_a_scope_and_an_action(found: dict[str, Any]) -> None:
    """Whatever values an SES-shaped record holds, each outcome is decided or the event refused."""
    try:
        event = parse_event(found)
    except EventParseError:
        return
    assert isinstance(event, Event)
    for outcome in event.outcomes:
        assert isinstance(outcome.scope, Scope)
        assert isinstance(outcome.action, Action)
        assert isinstance(outcome.address, str)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(st.binary(max_size=200), JSON.map(json.dumps), JSON.map(lambda v: in_sns({"x": v})))
)
def test_junk_gives_an_event_or_the_documented_error(body: Any) -> None:
    """Random bytes, JSON and SNS messages give an Event or EventParseError, nothing else."""
    if isinstance(body, dict):
        body = json.dumps(body)
    with contextlib.suppress(EventParseError):
        assert isinstance(parse_event(body), Event)
