"""The event table: what SES reports after it accepted a message, and the decision for each.

The companion of the code table (``_table.py``) for what happens after "accepted": one row per
event kind, or per kind and the detail SES gives with it (a bounce's subtype, a complaint's
feedback type, a delivery delay's type). Each row says how far the outcome reaches and what to do,
in the code table's words (``Scope``, ``Action``), where the fact comes from and why, when that is
not plain. ``ses_errors.events`` decides from these rows alone, and the documentation's table of
event decisions is generated from them. Descriptions are our own words.

This module is plain data.
"""

from __future__ import annotations

import enum

import attrs

from ses_errors._table import Action, Decision, Scope


class EventKind(enum.Enum):
    """What an SES event reports; the value is SES's own spelling of it."""

    BOUNCE = "Bounce"
    COMPLAINT = "Complaint"
    DELIVERY = "Delivery"
    SEND = "Send"
    REJECT = "Reject"
    DELIVERY_DELAY = "DeliveryDelay"
    RENDERING_FAILURE = "Rendering Failure"
    OPEN = "Open"
    CLICK = "Click"
    SUBSCRIPTION = "Subscription"
    # Not SES events: the two SNS messages that start and end a subscription.
    SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation"
    UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation"


class BounceType(enum.Enum):
    """A bounce's ``bounceType``."""

    PERMANENT = "Permanent"
    TRANSIENT = "Transient"
    UNDETERMINED = "Undetermined"


class BounceSubtype(enum.Enum):
    """A bounce's ``bounceSubType``."""

    GENERAL = "General"
    NO_EMAIL = "NoEmail"
    SUPPRESSED = "Suppressed"
    ON_ACCOUNT_SUPPRESSION_LIST = "OnAccountSuppressionList"
    MAILBOX_FULL = "MailboxFull"
    MESSAGE_TOO_LARGE = "MessageTooLarge"
    CONTENT_REJECTED = "ContentRejected"
    ATTACHMENT_REJECTED = "AttachmentRejected"
    UNSUBSCRIBED_RECIPIENT = "UnsubscribedRecipient"
    UNDETERMINED = "Undetermined"


class FeedbackType(enum.Enum):
    """A complaint's ``complaintFeedbackType`` (the feedback report's type, RFC 5965)."""

    ABUSE = "abuse"
    AUTH_FAILURE = "auth-failure"
    FRAUD = "fraud"
    NOT_SPAM = "not-spam"
    OTHER = "other"
    VIRUS = "virus"


class DelayType(enum.Enum):
    """A delivery delay's ``delayType``."""

    INTERNAL_FAILURE = "InternalFailure"
    GENERAL = "General"
    MAILBOX_FULL = "MailboxFull"
    SPAM_DETECTED = "SpamDetected"
    RECIPIENT_SERVER_ERROR = "RecipientServerError"
    IP_FAILURE = "IPFailure"
    TRANSIENT_COMMUNICATION_FAILURE = "TransientCommunicationFailure"
    BYOIP_HOSTNAME_LOOKUP_UNAVAILABLE = "BYOIPHostNameLookupUnavailable"
    UNDETERMINED = "Undetermined"
    SENDING_DEFERRAL = "SendingDeferral"


Detail = BounceType | BounceSubtype | FeedbackType | DelayType


class EventSource(enum.Enum):
    """Where a row's facts were taken from."""

    NOTIFICATIONS = "notifications"  # SES's notification contents
    EVENT_PUBLISHING = "publishing"  # SES's event-publishing records
    SNS = "SNS"  # SNS's HTTP/S message format
    RFC_5965 = "RFC 5965"  # the feedback types of abuse reports


RECIPIENT_DROP = Decision(Scope.RECIPIENT, Action.DROP)
RECIPIENT_DEFER = Decision(Scope.RECIPIENT, Action.DEFER)
RECIPIENT_NONE = Decision(Scope.RECIPIENT, Action.NONE)
MESSAGE_DROP = Decision(Scope.MESSAGE, Action.DROP)
MESSAGE_NONE = Decision(Scope.MESSAGE, Action.NONE)
ACCOUNT_DEFER = Decision(Scope.ACCOUNT, Action.DEFER)
ACCOUNT_NONE = Decision(Scope.ACCOUNT, Action.NONE)
SERVICE_DEFER = Decision(Scope.SERVICE, Action.DEFER)


@attrs.frozen
class EventRow:
    """The decision for an event kind, or for a kind with one detail of it.

    ``details`` empty: the kind's decision whenever no row with a detail matches. For a bounce,
    a row may name the type and the subtype; it matches when every detail it names is the
    event's.
    """

    kind: EventKind
    details: tuple[Detail, ...]
    decision: Decision
    sources: tuple[EventSource, ...]
    why: str = ""


_BOTH = (EventSource.NOTIFICATIONS, EventSource.EVENT_PUBLISHING)
_PUBLISHING = (EventSource.EVENT_PUBLISHING,)

P, T, U = BounceType.PERMANENT, BounceType.TRANSIENT, BounceType.UNDETERMINED
S = BounceSubtype

EVENT_ROWS = (
    # Bounces: the type decides, the subtype refines; rows for a type alone are its fallback
    # for a subtype SES adds later.
    EventRow(EventKind.BOUNCE, (P,), RECIPIENT_DROP, _BOTH, "SES will not deliver to it again"),
    EventRow(EventKind.BOUNCE, (P, S.GENERAL), RECIPIENT_DROP, _BOTH),
    EventRow(EventKind.BOUNCE, (P, S.NO_EMAIL), RECIPIENT_DROP, _BOTH, "no such address"),
    EventRow(
        EventKind.BOUNCE,
        (P, S.SUPPRESSED),
        RECIPIENT_DROP,
        _BOTH,
        "on SES's global suppression list: SES did not even try",
    ),
    EventRow(
        EventKind.BOUNCE,
        (P, S.ON_ACCOUNT_SUPPRESSION_LIST),
        RECIPIENT_DROP,
        _BOTH,
        "on the account's own suppression list: SES did not even try",
    ),
    EventRow(
        EventKind.BOUNCE,
        (P, S.UNSUBSCRIBED_RECIPIENT),
        RECIPIENT_DROP,
        _BOTH,
        "the contact unsubscribed through SES's list management",
    ),
    EventRow(
        EventKind.BOUNCE, (T,), RECIPIENT_DEFER, _BOTH, "the receiving server may take it later"
    ),
    EventRow(EventKind.BOUNCE, (T, S.GENERAL), RECIPIENT_DEFER, _BOTH),
    EventRow(EventKind.BOUNCE, (T, S.MAILBOX_FULL), RECIPIENT_DEFER, _BOTH, "until it is emptied"),
    EventRow(
        EventKind.BOUNCE,
        (T, S.MESSAGE_TOO_LARGE),
        MESSAGE_DROP,
        _BOTH,
        "this message is too large for the recipient's server: a smaller one may pass",
    ),
    EventRow(
        EventKind.BOUNCE,
        (T, S.CONTENT_REJECTED),
        MESSAGE_DROP,
        _BOTH,
        "the server refused this content: the same message will be refused again",
    ),
    EventRow(
        EventKind.BOUNCE,
        (T, S.ATTACHMENT_REJECTED),
        MESSAGE_DROP,
        _BOTH,
        "the server refused an attachment: the same message will be refused again",
    ),
    EventRow(
        EventKind.BOUNCE, (), RECIPIENT_DEFER, _BOTH, "a type not known here: held, not dropped"
    ),
    EventRow(
        EventKind.BOUNCE,
        (U,),
        RECIPIENT_DEFER,
        _BOTH,
        "SES could not tell why: held, not dropped, on one bounce",
    ),
    # Complaints: any feedback type but not-spam means the recipient does not want the mail.
    EventRow(
        EventKind.COMPLAINT,
        (),
        RECIPIENT_DROP,
        _BOTH,
        "the recipient marked it as spam: never send to the address again",
    ),
    EventRow(
        EventKind.COMPLAINT,
        (FeedbackType.NOT_SPAM,),
        RECIPIENT_NONE,
        (*_BOTH, EventSource.RFC_5965),
        "a report that the mail was wrongly taken for spam",
    ),
    EventRow(
        EventKind.DELIVERY_DELAY,
        (),
        RECIPIENT_DEFER,
        _PUBLISHING,
        "SES is still trying: do not send it again, hold the address until it resolves",
    ),
    EventRow(
        EventKind.DELIVERY_DELAY,
        (DelayType.INTERNAL_FAILURE,),
        SERVICE_DEFER,
        _PUBLISHING,
        "a failure inside SES, not the recipient's",
    ),
    EventRow(
        EventKind.DELIVERY_DELAY,
        (DelayType.SENDING_DEFERRAL,),
        ACCOUNT_DEFER,
        _PUBLISHING,
        "SES itself is holding the account's mail back",
    ),
    EventRow(
        EventKind.DELIVERY_DELAY,
        (DelayType.IP_FAILURE,),
        ACCOUNT_DEFER,
        _PUBLISHING,
        "the sending IP address is refused: every recipient there is held",
    ),
    EventRow(
        EventKind.REJECT,
        (),
        MESSAGE_DROP,
        _BOTH,
        "SES found a virus in it: the same message is refused again",
    ),
    EventRow(
        EventKind.RENDERING_FAILURE,
        (),
        MESSAGE_DROP,
        _PUBLISHING,
        "the template did not render with this data: fix the template or the data",
    ),
    EventRow(EventKind.DELIVERY, (), RECIPIENT_NONE, _BOTH, "delivered"),
    EventRow(EventKind.SEND, (), MESSAGE_NONE, _PUBLISHING, "accepted by SES"),
    EventRow(EventKind.OPEN, (), RECIPIENT_NONE, _PUBLISHING),
    EventRow(EventKind.CLICK, (), RECIPIENT_NONE, _PUBLISHING),
    EventRow(
        EventKind.SUBSCRIPTION,
        (),
        RECIPIENT_NONE,
        _PUBLISHING,
        "a change of topic preferences: SES's list management applies it",
    ),
    EventRow(
        EventKind.SUBSCRIPTION_CONFIRMATION,
        (),
        ACCOUNT_NONE,
        (EventSource.SNS,),
        "confirm it by its SubscribeURL, for a topic of the account's own",
    ),
    EventRow(
        EventKind.UNSUBSCRIBE_CONFIRMATION,
        (),
        ACCOUNT_NONE,
        (EventSource.SNS,),
        "the subscription has ended: no more events come",
    ),
)
