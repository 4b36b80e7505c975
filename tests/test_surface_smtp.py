"""SES's SMTP replies, sent by a real SMTP server (aiosmtpd) on loopback to smtplib."""

from __future__ import annotations

import smtplib
import socket
from typing import TYPE_CHECKING, Any

import pytest

import ses_errors
from ses_errors._table import SMTP_REPLIES

if TYPE_CHECKING:
    from collections.abc import Iterator

UNVERIFIED = (
    "Message rejected: Email address is not verified. The following identities failed the "
    "check in region US-EAST-1: bad@example.com"
)
SEE_INBOX = (
    "For more information, please check the inbox of the email address associated with your "
    "AWS account."
)
PAUSED = f"Message rejected: Sending paused for this account. {SEE_INBOX}"
SUSPENDED = f"Message rejected: Sending suspended for this account. {SEE_INBOX}"
ACCESS = (
    "Access denied: User arn:aws:iam::123456789012:user/x is not authorized to perform "
    "ses:SendRawEmail"
)
RATE = "Throttling failure: Maximum sending rate exceeded."
QUOTA = "Throttling failure: Daily message quota exceeded."
S = ses_errors

# (the reply SES sends, the class it must become, the code it keeps, retryable)
SES_REPLIES: list[tuple[str, type[ses_errors.SESError], str | None, bool]] = [
    ("421 Too many concurrent SMTP connections", S.SmtpTooManyConnections, None, True),
    # Retryable, on a new connection: their action is to reconnect.
    ("421 Maximum message count per session reached.", S.SmtpSessionLimit, None, True),
    (
        "421 Connection closed by server. Maximum message count per session reached.",
        S.SmtpSessionLimit,
        None,
        True,
    ),
    ("451 Temporary service failure", S.InternalFailure, "InternalFailure", True),
    ("451 Timeout waiting for data from client", S.SmtpClientTimeout, None, True),
    (f"454 {RATE}", S.MaxSendRateExceeded, "Throttling", True),
    (f"454 {QUOTA}", S.DailyQuotaExceeded, "Throttling", False),
    (f"454 {QUOTA.removesuffix('.')}", S.DailyQuotaExceeded, "Throttling", False),
    ("454 Temporary authentication failure", S.SmtpTemporaryAuthFailure, None, True),
    ("454 Temporary service failure", S.ServiceUnavailable, "ServiceUnavailable", True),
    (
        "530 Authentication required",
        S.MissingAuthenticationToken,
        "MissingAuthenticationToken",
        False,
    ),
    ("535 Authentication Credentials Invalid", S.SmtpCredentialsInvalid, None, False),
    ("535 Account not subscribed to SES", S.OptInRequired, "OptInRequired", False),
    ("501 Invalid MAIL FROM address provided", S.SmtpInvalidMailFrom, None, False),
    ("501 Invalid RCPT TO address provided", S.InvalidAddress, "InvalidParameterValue", False),
    ("552 Message is too long.", S.MessageTooLong, "InvalidParameterValue", False),
    (f"554 {ACCESS}", S.AccessDenied, "AccessDenied", False),
    (f"554 {UNVERIFIED}", S.AddressNotVerified, "MessageRejected", False),
    (f"554 {PAUSED}", S.SendingPausedForAccount, "MessageRejected", False),
    (f"554 {SUSPENDED}", S.SendingSuspendedForAccount, "MessageRejected", False),
    ("554 Message rejected: Illegal header.", S.MessageRejected, "MessageRejected", False),
    ("554 Message rejected: Address blacklisted.", S.RecipientSuppressed, "MessageRejected", False),
    (
        "554 Transaction failed: Duplicate header 'MIME-Version'.",
        S.InvalidHeader,
        "InvalidParameterValue",
        False,
    ),
    (
        "554 Transaction failed: Missing final '@domain'",
        S.InvalidAddress,
        "InvalidParameterValue",
        False,
    ),
    (
        "554 Transaction failed: Recipient count exceeds 50.",
        S.TooManyRecipients,
        "InvalidParameterValue",
        False,
    ),
    ("554 Transaction failed: Something else.", S.SmtpTransactionFailed, None, False),
    ("450 Mailbox busy", S.SmtpTransientFailure, None, True),
    ("550 Something SES does not document", S.SmtpPermanentFailure, None, False),
]


class SesLikeHandler:
    """Answer DATA with the reply named in the message's X-Reply header, as SES would send it.

    MAIL and RCPT are refused with a reply taken from the address when the local part is
    ``reply-<n>`` (the n-th entry of SES_REPLIES), and accepted otherwise.
    """

    async def handle_MAIL(  # noqa: N802 - aiosmtpd's hook name
        self,
        server: Any,
        session: Any,  # noqa: ARG002
        envelope: Any,
        address: str,
        mail_options: list[str],  # noqa: ARG002
    ) -> str:
        """Refuse a reply-<n> sender, accept any other."""
        del server
        envelope.mail_from = address
        return _reply_for(address) or "250 OK"

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self,
        server: Any,  # noqa: ARG002
        session: Any,  # noqa: ARG002
        envelope: Any,
        address: str,
        rcpt_options: list[str],  # noqa: ARG002
    ) -> str:
        """Refuse a reply-<n> recipient, accept any other."""
        reply = _reply_for(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: ARG002, N802
        """Answer with the X-Reply header's reply, or accept."""
        content: bytes = envelope.content
        for line in content.decode().splitlines():
            if line.startswith("X-Reply: "):
                return line.removeprefix("X-Reply: ")
        return "250 Ok 0100018a-message-id"


def _reply_for(address: str) -> str | None:
    local = address.partition("@")[0]
    if local.startswith("reply-"):
        return SES_REPLIES[int(local.removeprefix("reply-"))][0]
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def smtp_port() -> Iterator[int]:
    """Run an aiosmtpd server on loopback that answers with SES's replies."""
    controller_module = pytest.importorskip("aiosmtpd.controller")
    controller = controller_module.Controller(
        SesLikeHandler(), hostname="127.0.0.1", port=_free_port()
    )
    controller.start()
    yield controller.port
    controller.stop()


def _message(reply: str) -> bytes:
    # Written by hand, not with the email package, so that the long X-Reply header stays on
    # one line for the handler.
    return f"From: sender@example.com\r\nX-Reply: {reply}\r\nSubject: hi\r\n\r\nbody\r\n".encode()


def _ids() -> list[str]:
    return [reply[:40] for reply, *_ in SES_REPLIES]


@pytest.mark.parametrize(("reply", "cls", "code", "retryable"), SES_REPLIES, ids=_ids())
def test_data_reply_becomes_the_class(
    smtp_port: int, reply: str, cls: type[ses_errors.SESError], code: str | None, retryable: bool
) -> None:
    """Each SES reply to DATA, raised by smtplib, becomes its class, code and decision."""
    with (
        smtplib.SMTP("127.0.0.1", smtp_port) as client,
        pytest.raises(smtplib.SMTPDataError) as caught,
    ):
        client.sendmail("sender@example.com", ["to@example.com"], _message(reply))
    error = ses_errors.smtp.from_smtp_error(caught.value)
    assert type(error) is cls
    assert error.code == code
    assert error.smtp_code == int(reply[:3])
    assert error.message == reply[4:]
    assert error.is_retryable is retryable
    assert ses_errors.is_retryable(caught.value) is retryable
    assert f"[SMTP {reply[:3]}]" in str(error)


def test_sender_refused_is_read(smtp_port: int) -> None:
    """A reply to MAIL (SMTPSenderRefused) is read like any other reply."""
    index = next(
        i for i, row in enumerate(SES_REPLIES) if row[1] is ses_errors.SendingPausedForAccount
    )
    with (
        smtplib.SMTP("127.0.0.1", smtp_port) as client,
        pytest.raises(smtplib.SMTPSenderRefused) as caught,
    ):
        client.sendmail(f"reply-{index}@example.com", ["to@example.com"], b"Subject: x\r\n\r\nx")
    assert type(ses_errors.smtp.from_smtp_error(caught.value)) is ses_errors.SendingPausedForAccount


def test_every_recipient_refused_gives_one_error_each(smtp_port: int) -> None:
    """SMTPRecipientsRefused gives each recipient's own error, by address."""
    unverified = next(
        i for i, row in enumerate(SES_REPLIES) if row[1] is ses_errors.AddressNotVerified
    )
    quota = next(i for i, row in enumerate(SES_REPLIES) if row[1] is ses_errors.DailyQuotaExceeded)
    to = [f"reply-{unverified}@example.com", f"reply-{quota}@example.com"]
    with (
        smtplib.SMTP("127.0.0.1", smtp_port) as client,
        pytest.raises(smtplib.SMTPRecipientsRefused) as caught,
    ):
        client.sendmail("sender@example.com", to, b"Subject: x\r\n\r\nx")
    errors = ses_errors.smtp.from_smtp_recipients(caught.value)
    assert {address: type(error) for address, error in errors.items()} == {
        to[0]: ses_errors.AddressNotVerified,
        to[1]: ses_errors.DailyQuotaExceeded,
    }


def test_some_recipients_refused_from_sendmail_result(smtp_port: int) -> None:
    """The dict sendmail returns when only some recipients were refused is read the same way."""
    index = next(i for i, row in enumerate(SES_REPLIES) if row[1] is ses_errors.AddressNotVerified)
    to = ["ok@example.com", f"reply-{index}@example.com"]
    with smtplib.SMTP("127.0.0.1", smtp_port) as client:
        refused = client.sendmail("sender@example.com", to, b"Subject: x\r\n\r\nx")
    errors = ses_errors.smtp.from_smtp_recipients(refused)
    assert list(errors) == [to[1]]
    assert type(errors[to[1]]) is ses_errors.AddressNotVerified


@pytest.fixture(scope="module")
def auth_smtp_port() -> Iterator[int]:
    """Run an aiosmtpd server that requires AUTH and refuses every credential."""
    controller_module = pytest.importorskip("aiosmtpd.controller")
    smtp_module = pytest.importorskip("aiosmtpd.smtp")

    def refuse(*_: object) -> Any:
        return smtp_module.AuthResult(success=False, handled=False)

    controller = controller_module.Controller(
        SesLikeHandler(),
        hostname="127.0.0.1",
        port=_free_port(),
        authenticator=refuse,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    yield controller.port
    controller.stop()


# The test servers run on loopback without TLS; aiosmtpd warns about AUTH without it.
NO_TLS_WARNING = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@NO_TLS_WARNING
def test_refused_login_is_credentials_invalid(auth_smtp_port: int) -> None:
    """A refused AUTH (aiosmtpd's 535 5.7.8 text) is SmtpCredentialsInvalid, not retryable."""
    with (
        smtplib.SMTP("127.0.0.1", auth_smtp_port) as client,
        pytest.raises(smtplib.SMTPAuthenticationError) as caught,
    ):
        client.login("user", "wrong")
    error = ses_errors.smtp.from_smtp_error(caught.value)
    assert type(error) is ses_errors.SmtpCredentialsInvalid
    assert not error.is_retryable


@NO_TLS_WARNING
def test_sending_without_login_is_authentication_required(auth_smtp_port: int) -> None:
    """MAIL before AUTH (530, with an enhanced status code) is MissingAuthenticationToken."""
    with (
        smtplib.SMTP("127.0.0.1", auth_smtp_port) as client,
        pytest.raises(smtplib.SMTPSenderRefused) as caught,
    ):
        client.sendmail("sender@example.com", ["to@example.com"], b"Subject: x\r\n\r\nx")
    error = ses_errors.smtp.from_smtp_error(caught.value)
    assert type(error) is ses_errors.MissingAuthenticationToken
    assert error.smtp_code == 530


def test_every_table_reply_has_a_sample() -> None:
    """Each reply of the SMTP table is exercised by a sample above."""
    for row in SMTP_REPLIES:
        assert any(reply.startswith(f"{row.smtp_code} {row.text}") for reply, *_ in SES_REPLIES), (
            row
        )


@pytest.mark.parametrize(
    ("code", "text"),
    [(454, b"4.7.0 Throttling failure: Daily message quota exceeded."),
     (454, "454 Throttling failure:\n Daily message quota exceeded."),
     (454, "454-Throttling failure: Daily message quota exceeded.")],
)  # fmt: skip
def test_reply_text_variants_are_normalised(code: int, text: str | bytes) -> None:
    """Bytes, an enhanced status code, the code repeated and line breaks do not hide the meaning."""
    assert type(ses_errors.smtp.from_smtp_reply(code, text)) is ses_errors.DailyQuotaExceeded


@pytest.mark.parametrize("code", [250, 354, 99, 600, -1, True, None])
def test_non_error_replies_get_the_unreadable_decision(code: int) -> None:
    """A reply code outside 400..599, or no int at all, is unreadable: reconnect, no exception."""
    error = ses_errors.smtp.from_smtp_reply(code, "x")
    assert type(error) is ses_errors.SmtpUnreadableReply
    assert error.action is ses_errors.Action.RECONNECT
    assert error.message == "x"
    assert error.smtp_code == (code if type(code) is int else None)


def test_exception_without_a_reply_is_refused() -> None:
    """from_smtp_error refuses an exception that carries no reply."""
    with pytest.raises(TypeError, match="smtplib exception with a reply"):
        ses_errors.smtp.from_smtp_error(smtplib.SMTPServerDisconnected("gone"))  # type: ignore[arg-type]  # the wrong type on purpose


def test_smtp_errors_pickle_with_their_reply_code() -> None:
    """An error from an SMTP reply pickles with its smtp_code and class."""
    import pickle  # noqa: PLC0415

    error = ses_errors.smtp.from_smtp_reply(
        454, "Throttling failure: Daily message quota exceeded."
    )
    clone = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert type(clone) is ses_errors.DailyQuotaExceeded
    assert clone.smtp_code == 454
    assert ses_errors.SESError.from_dict(error.to_dict()).smtp_code == 454
