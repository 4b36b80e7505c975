"""SES event records in the shapes SES sends, with our own values, and the envelopes around them.

Each record is built in one of SES's two spellings: notifications (``notificationType``: Bounce,
Complaint, Delivery) and event publishing (``eventType``: every kind), and may be wrapped as SNS
delivers it (the record as a JSON string in ``Message``) or as EventBridge does (``detail``).
"""

from __future__ import annotations

import json
from typing import Any

MESSAGE_ID = "0100018c1f2e3d4c-5b6a7980-aaaa-bbbb-cccc-0123456789ab-000000"
ACCOUNT = "123456789012"
SOURCE = "Sender <sender@example.com>"
TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-events"
CERT_URL = (
    "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem"
)


def mail(destination: list[str] | None = None) -> dict[str, Any]:
    """Return the ``mail`` object every record carries."""
    return {
        "timestamp": "2026-11-30T09:15:02.118Z",
        "source": SOURCE,
        "sourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
        "sourceIp": "192.0.2.10",
        "sendingAccountId": ACCOUNT,
        "callerIdentity": "mailer",
        "messageId": MESSAGE_ID,
        "destination": destination or ["recipient@example.net"],
        "headersTruncated": False,
        "headers": [{"name": "Subject", "value": "Your receipt"}],
        "commonHeaders": {"subject": "Your receipt", "to": ["recipient@example.net"]},
        "tags": {"ses:configuration-set": ["transactional"], "campaign": ["receipts"]},
    }


def bounce(
    bounce_type: str = "Permanent",
    subtype: str = "General",
    recipients: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Return a bounce object."""
    return {
        "bounceType": bounce_type,
        "bounceSubType": subtype,
        "bouncedRecipients": recipients
        or [
            {
                "emailAddress": "recipient@example.net",
                "action": "failed",
                "status": "5.1.1",
                "diagnosticCode": "smtp; 550 5.1.1 <recipient@example.net>: user unknown",
            }
        ],
        "timestamp": "2026-11-30T09:15:03.402Z",
        "feedbackId": "0100018c1f2e3f00-feedback-000000",
        "reportingMTA": "dns; a1-23.smtp-out.amazonses.com",
    }


def complaint(feedback_type: str | None = "abuse") -> dict[str, Any]:
    """Return a complaint object (a feedback loop report, with its type when given)."""
    found: dict[str, Any] = {
        "complainedRecipients": [{"emailAddress": "recipient@example.net"}],
        "timestamp": "2026-11-30T10:00:00.000Z",
        "feedbackId": "0100018c1f2e4000-complaint-000000",
        "complaintSubType": None,
        "userAgent": "ExampleMail/1.0",
        "arrivalDate": "2026-11-30T09:59:58.000Z",
    }
    if feedback_type is not None:
        found["complaintFeedbackType"] = feedback_type
    return found


def delivery() -> dict[str, Any]:
    """Return a delivery object."""
    return {
        "timestamp": "2026-11-30T09:15:04.010Z",
        "processingTimeMillis": 1892,
        "recipients": ["recipient@example.net"],
        "smtpResponse": "250 2.6.0 Message received",
        "remoteMtaIp": "198.51.100.7",
        "reportingMTA": "a1-23.smtp-out.amazonses.com",
    }


def delivery_delay(delay_type: str = "MailboxFull") -> dict[str, Any]:
    """Return a delivery delay object."""
    return {
        "delayType": delay_type,
        "expirationTime": "2026-12-01T09:15:02.118Z",
        "delayedRecipients": [
            {
                "emailAddress": "recipient@example.net",
                "status": "4.2.2",
                "diagnosticCode": "smtp; 452 4.2.2 The email account is over quota",
            }
        ],
        "timestamp": "2026-11-30T09:45:00.000Z",
    }


# The kind's own object, for each event-publishing type.
KIND_OBJECTS: dict[str, tuple[str, Any]] = {
    "Bounce": ("bounce", bounce()),
    "Complaint": ("complaint", complaint()),
    "Delivery": ("delivery", delivery()),
    "Send": ("send", {}),
    "Reject": ("reject", {"reason": "Bad content"}),
    "DeliveryDelay": ("deliveryDelay", delivery_delay()),
    "Rendering Failure": (
        "failure",
        {
            "errorMessage": "Attribute 'name' is not present in the rendering data.",
            "templateName": "welcome",
        },
    ),
    "Open": (
        "open",
        {"ipAddress": "198.51.100.20", "timestamp": "2026-11-30T11:00:00.000Z", "userAgent": "x"},
    ),
    "Click": (
        "click",
        {
            "ipAddress": "198.51.100.20",
            "timestamp": "2026-11-30T11:01:00.000Z",
            "userAgent": "x",
            "link": "https://example.com/receipt",
            "linkTags": {"area": ["footer"]},
        },
    ),
    "Subscription": (
        "subscription",
        {
            "contactList": "newsletter",
            "timestamp": "2026-11-30T12:00:00.000Z",
            "source": "UnsubscribeHeader",
            "newTopicPreferences": {"unsubscribeAll": True},
            "oldTopicPreferences": {"unsubscribeAll": False},
        },
    ),
}

NOTIFICATION_KINDS = ("Bounce", "Complaint", "Delivery")


def record(kind: str, spelling: str = "eventType", about: Any = None) -> dict[str, Any]:
    """Return an SES record of ``kind`` in one spelling (``eventType`` or ``notificationType``)."""
    member, default = KIND_OBJECTS[kind]
    return {spelling: kind, "mail": mail(), member: default if about is None else about}


def in_sns(inner: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """Return the SNS message that delivers ``inner`` (unsigned; tests sign it)."""
    envelope = {
        "Type": "Notification",
        "MessageId": "6f1d2c3b-aaaa-bbbb-cccc-0123456789ab",
        "TopicArn": TOPIC,
        "Message": json.dumps(inner),
        "Timestamp": "2026-11-30T09:15:05.000Z",
        "SignatureVersion": "2",
        "Signature": "",
        "SigningCertURL": CERT_URL,
        "UnsubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&x=1",
    }
    return envelope | changes


def subscription_confirmation(kind: str = "SubscriptionConfirmation") -> dict[str, Any]:
    """Return the SNS message that asks to confirm (or says it ended) a subscription."""
    return {
        "Type": kind,
        "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
        "Token": "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f",
        "TopicArn": TOPIC,
        "Message": "You have chosen to subscribe to the topic. To confirm, visit the SubscribeURL.",
        "SubscribeURL": (
            "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=2336412f"
        ),
        "Timestamp": "2026-11-30T08:00:00.000Z",
        "SignatureVersion": "1",
        "Signature": "",
        "SigningCertURL": CERT_URL,
    }


EVENTBRIDGE_DETAIL_TYPES = {
    "Bounce": "Email Bounced",
    "Complaint": "Email Complaint Received",
    "Delivery": "Email Delivered",
    "Send": "Email Sent",
    "Reject": "Email Rejected",
    "DeliveryDelay": "Email Delivery Delayed",
    "Rendering Failure": "Email Rendering Failed",
    "Open": "Email Opened",
    "Click": "Email Clicked",
    "Subscription": "Email Subscribed",
}


def in_eventbridge(inner: dict[str, Any]) -> dict[str, Any]:
    """Return the EventBridge event that delivers ``inner`` (an event-publishing record)."""
    return {
        "version": "0",
        "id": "a1b2c3d4-0000-1111-2222-333344445555",
        "detail-type": EVENTBRIDGE_DETAIL_TYPES[inner["eventType"]],
        "source": "aws.ses",
        "account": ACCOUNT,
        "time": "2026-11-30T09:15:05Z",
        "region": "us-east-1",
        "resources": ["arn:aws:ses:us-east-1:123456789012:configuration-set/transactional"],
        "detail": inner,
    }
