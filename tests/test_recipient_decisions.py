"""Decisions where SES makes them: per recipient, message and connection, on every surface."""

from __future__ import annotations

import asyncio
import json
import smtplib
import socket
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ses_errors
from conftest import CLIENT_KWARGS
from ses_errors import Action, Scope, bulk, retry
from ses_errors._table import BULK_STATUSES, CASES, ROWS, SMTP_REPLIES, Match, MessageCase

if TYPE_CHECKING:
    from collections.abc import Iterator

NS = "http://ses.amazonaws.com/doc/2010-12-01/"
CODES = {row.code for row in ROWS}
V2_CODES = {row.code for row in ROWS if "v2" in row.apis}


def _xml(code: str, message: str) -> bytes:
    return (
        f'<ErrorResponse xmlns="{NS}"><Error><Type>Sender</Type><Code>{code}</Code>'
        f"<Message>{message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>"
    ).encode()


def _json(code: str, message: str) -> ses_errors.SESError:
    return ses_errors.parse_error(
        json.dumps({"message": message}), http_status=400, headers={"x-amzn-ErrorType": code}
    )


def _client_error(code: str, message: str, operation: str = "SendEmail") -> Exception:
    exceptions = pytest.importorskip("botocore.exceptions")
    response = {
        "Error": {"Code": code, "Message": message, "Type": "Sender"},
        "ResponseMetadata": {"HTTPStatusCode": 400, "RequestId": "r-1"},
    }
    error: Exception = exceptions.ClientError(response, operation)
    return error


def _bulk_xml(*members: tuple[str, str]) -> bytes:
    entries = "".join(
        f"<member><Status>{status}</Status><Error>{error}</Error></member>"
        for status, error in members
    )
    return (
        f'<SendBulkTemplatedEmailResponse xmlns="{NS}"><SendBulkTemplatedEmailResult><Status>'
        f"<member><Status>Success</Status><MessageId>m-0</MessageId></member>{entries}"
        "</Status></SendBulkTemplatedEmailResult><ResponseMetadata><RequestId>r-b</RequestId>"
        "</ResponseMetadata></SendBulkTemplatedEmailResponse>"
    ).encode()


# --- the conditions, in SES's own words, on each surface that carries them ------------------

ADDRESS_WORDINGS = [
    "Missing final '@domain'",
    "Missing domain",
    "Missing local name",
    "Local address contains control or whitespace",
    "Local address contains illegal character",
    "Domain contains illegal character",
    "Domain contains control or whitespace",
    "Illegal address",
]


@pytest.mark.parametrize("text", ADDRESS_WORDINGS)
def test_an_address_syntax_error_drops_one_recipient_on_every_surface(text: str) -> None:
    """SES's address-syntax wordings are InvalidAddress, RECIPIENT/DROP, however they come."""
    errors = {
        "query xml": ses_errors.parse_error(_xml("InvalidParameterValue", text), http_status=400),
        "v2 json": _json("BadRequestException", text),
        "botocore": ses_errors.from_client_error(_client_error("InvalidParameterValue", text)),
        "smtp 554": ses_errors.smtp.from_smtp_reply(554, f"Transaction failed: {text}"),
        "by hand": ses_errors.InvalidParameterValue(text),
        "bulk v1": bulk.bulk_outcomes_from_xml(_bulk_xml(("InvalidParameterValue", text)))
        .outcomes[1]
        .error,
        "bulk v2": bulk.bulk_outcomes(
            {"BulkEmailEntryResults": [{"Status": "INVALID_PARAMETER", "Error": text}]}
        )
        .outcomes[0]
        .error,
    }
    for surface, error in errors.items():
        assert type(error) is ses_errors.InvalidAddress, surface
        assert isinstance(error, ses_errors.InvalidParameterValue), surface
        assert (error.scope, error.action) == (Scope.RECIPIENT, Action.DROP), surface
        assert not ses_errors.is_retryable(error), surface


def test_a_refused_recipient_over_smtp_is_an_invalid_address() -> None:
    """SES's 501 reply to RCPT TO is InvalidAddress; its reply to MAIL FROM is a sender fix."""
    recipient = ses_errors.smtp.from_smtp_reply(501, "Invalid RCPT TO address provided")
    assert type(recipient) is ses_errors.InvalidAddress
    assert (recipient.scope, recipient.action) == (Scope.RECIPIENT, Action.DROP)
    sender = ses_errors.smtp.from_smtp_reply(501, "Invalid MAIL FROM address provided")
    assert type(sender) is ses_errors.SmtpInvalidMailFrom
    assert (sender.scope, sender.action) == (Scope.SENDER, Action.FIX)


def test_an_oversized_message_is_one_class_on_the_api_and_over_smtp() -> None:
    """The API's length text and SMTP's 552 reply are both MessageTooLong, MESSAGE/DROP."""
    api = ses_errors.parse_error(
        _xml(
            "InvalidParameterValue", "Message length is more than 10485760 bytes long: '12078147'."
        ),
        http_status=400,
    )
    smtp = ses_errors.smtp.from_smtp_reply(552, "Message is too long.")
    for error in (api, smtp):
        assert type(error) is ses_errors.MessageTooLong
        assert (error.scope, error.action) == (Scope.MESSAGE, Action.DROP)
    assert (api.code, smtp.code, smtp.smtp_code) == (
        "InvalidParameterValue",
        "InvalidParameterValue",
        552,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Duplicate header 'List-Unsubscribe'.",
        "Duplicate header 'MIME-Version'.",
        "Illegal header '<!DOCTYPE html PUBLIC'.",
        "Empty header names are illegal.",
        "Missing required header 'From'.",
        "Header section too long.",
    ],
)
def test_a_header_error_is_a_request_fix_on_both_surfaces(text: str) -> None:
    """A duplicate or malformed header is InvalidHeader, REQUEST/FIX, from the API and SMTP."""
    api = ses_errors.from_client_error(_client_error("InvalidParameterValue", text))
    smtp = ses_errors.smtp.from_smtp_reply(554, f"Transaction failed: {text}")
    for error in (api, smtp):
        assert type(error) is ses_errors.InvalidHeader
        assert (error.scope, error.action) == (Scope.REQUEST, Action.FIX)
    # Those who caught SMTP's own class still catch it.
    assert isinstance(smtp, ses_errors.SmtpTransactionFailed)


def test_a_suppressed_recipient_is_a_recipient_drop() -> None:
    """SES's "Address blacklisted." refuses one recipient: RECIPIENT/DROP on the API and SMTP."""
    api = ses_errors.parse_error(_xml("MessageRejected", "Address blacklisted."), http_status=400)
    smtp = ses_errors.smtp.from_smtp_reply(554, "Message rejected: Address blacklisted.")
    for error in (api, smtp):
        assert type(error) is ses_errors.RecipientSuppressed
        assert isinstance(error, ses_errors.MessageRejected)
        assert (error.scope, error.action) == (Scope.RECIPIENT, Action.DROP)


def test_the_session_limit_reconnects() -> None:
    """SMTP 421 "Maximum message count per session reached." is CONNECTION/RECONNECT, retryable."""
    for text in (
        "Maximum message count per session reached.",
        "4.4.2 Maximum message count per session reached",
        "Connection closed by server. Maximum message count per session reached.",
    ):
        error = ses_errors.smtp.from_smtp_reply(421, text)
        assert type(error) is ses_errors.SmtpSessionLimit, text
        assert (error.scope, error.action) == (Scope.CONNECTION, Action.RECONNECT)
        assert error.is_retryable
        assert retry.wait_for(error, 1) == 5.0


def test_too_many_recipients_is_a_request_fix() -> None:
    """SES's "Recipient count exceeds 50." (API and SMTP) is TooManyRecipients, REQUEST/FIX."""
    api = ses_errors.parse_error(
        _xml("InvalidParameterValue", "Recipient count exceeds 50."), http_status=400
    )
    smtp = ses_errors.smtp.from_smtp_reply(554, "Transaction failed: Recipient count exceeds 50.")
    for error in (api, smtp):
        assert type(error) is ses_errors.TooManyRecipients
        assert (error.scope, error.action) == (Scope.REQUEST, Action.FIX)


@pytest.mark.parametrize(
    "message",
    [
        "Daily message quota exceeded.",
        "daily message quota exceeded.",
        "DAILY MESSAGE QUOTA EXCEEDED",
        "Daily message quota exceeded!",
        "Daily message quota exceeded. Please try again later.",
        "Daily message quota exceeded; the quota resets over 24 hours.",
    ],
)
def test_the_daily_quota_is_told_from_the_rate_in_any_spelling(message: str) -> None:
    """The daily quota is deferred whatever its case, final mark or the sentence after it."""
    errors = [
        ses_errors.parse_error(_xml("Throttling", message), http_status=400),
        _json("TooManyRequestsException", message),
        ses_errors.smtp.from_smtp_reply(454, f"Throttling failure: {message}"),
        ses_errors.Throttling(message),
    ]
    for error in errors:
        assert type(error) is ses_errors.DailyQuotaExceeded
        assert error.action is Action.DEFER
        assert not ses_errors.is_retryable(error)


def test_the_rate_is_still_the_rate_when_its_sentence_says_more() -> None:
    """A first sentence that says more than the case's text keeps the code's class."""
    error = ses_errors.Throttling("Daily message quota exceeded for identity x.")
    assert type(error) is ses_errors.Throttling
    assert error.is_retryable


# --- one condition, one decision, on every surface that carries it --------------------------


def _surfaces(case: MessageCase, message: str) -> dict[str, ses_errors.SESError]:
    """Build the error for ``message`` on every surface that carries one of the case's parents."""
    errors: dict[str, ses_errors.SESError] = {}
    for parent in case.parents:
        if parent in CODES:
            errors[f"xml {parent}"] = ses_errors.parse_error(_xml(parent, message), http_status=400)
            errors[f"botocore {parent}"] = ses_errors.from_client_error(
                _client_error(parent, message)
            )
            parent_class = ses_errors.lookup.class_for_name(parent)
            assert parent_class is not None
            errors[f"by hand {parent}"] = parent_class(message)
        if parent in V2_CODES:
            errors[f"json {parent}"] = _json(parent, message)
        for reply in SMTP_REPLIES:
            if reply.target == parent and not reply.anywhere:
                errors[f"smtp {reply.smtp_code} {parent}"] = ses_errors.smtp.from_smtp_reply(
                    reply.smtp_code, f"{reply.text} {message}"
                )
        for row in BULK_STATUSES:
            if row.target == parent:
                v2 = {"BulkEmailEntryResults": [{"Status": row.v2, "Error": message}]}
                error = bulk.bulk_outcomes(v2).outcomes[0].error
                assert error is not None
                errors[f"bulk {row.v2}"] = error
    return errors


@st.composite
def _case_messages(draw: st.DrawFn) -> tuple[MessageCase, str]:
    """Draw a case and one of its texts as a sender may meet it: case, marks and tails changed."""
    case = draw(st.sampled_from(CASES))
    text = draw(st.sampled_from(case.texts)).removesuffix(".")
    text = draw(st.sampled_from([text, text.lower(), text.upper()]))
    if case.match is Match.EXACT:
        text += draw(st.sampled_from(["", ".", "!", ". Try again later.", ": see the console"]))
    else:
        text += draw(st.sampled_from(["", ".", " 'x@y'.", ": a@b.c", " in region US-EAST-1."]))
    return case, text


@given(_case_messages())
def test_one_condition_gets_one_decision_on_every_surface(drawn: tuple[MessageCase, str]) -> None:
    """A case's wording gives the case's class and decision on every surface that carries it."""
    case, message = drawn
    errors = _surfaces(case, message)
    assert errors
    for surface, error in errors.items():
        assert type(error).__name__ == case.name, (surface, message)
        assert (error.scope, error.action) == (case.decision.scope, case.decision.action)


# --- moto decides as production does ---------------------------------------------------------


@pytest.fixture
def moto_ses(moto_url: str) -> Any:
    """Return a patched boto3 SES client on moto's server, with one verified sender."""
    boto3 = pytest.importorskip("boto3")
    client = boto3.client("ses", endpoint_url=moto_url, **CLIENT_KWARGS)
    client.verify_email_identity(EmailAddress="sender@example.com")
    return ses_errors.patch_client(client, as_client_error=False)


def _send(client: Any, source: str, to: list[str]) -> None:
    client.send_email(
        Source=source,
        Destination={"ToAddresses": to},
        Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
    )


def test_moto_wordings_decide_as_ses_wordings_do(moto_ses: Any) -> None:
    """Moto's own texts for an unverified sender, a bad address and 51 recipients decide as SES."""
    with pytest.raises(ses_errors.AddressNotVerified) as unverified:
        _send(moto_ses, "nobody@unverified.example", ["to@example.com"])
    assert (unverified.value.scope, unverified.value.action) == (Scope.SENDER, Action.FIX)
    with pytest.raises(ses_errors.AddressNotVerified):
        moto_ses.send_raw_email(
            Source="nobody@unverified.example", RawMessage={"Data": b"Subject: s\r\n\r\nt"}
        )
    with pytest.raises(ses_errors.InvalidAddress) as bad_address:
        _send(moto_ses, "sender@example.com", ["not-an-address"])
    assert (bad_address.value.scope, bad_address.value.action) == (Scope.RECIPIENT, Action.DROP)
    with pytest.raises(ses_errors.TooManyRecipients) as too_many:
        _send(moto_ses, "sender@example.com", [f"to{i}@example.com" for i in range(51)])
    assert (too_many.value.scope, too_many.value.action) == (Scope.REQUEST, Action.FIX)


# --- bulk sends: recipient drops go with the drops, naming the destination --------------------


def test_bulk_recipient_drops_name_their_destination() -> None:
    """A bulk entry refused for its address is dropped with its recipients; the rest are sent."""
    request = {
        "Destinations": [
            {"Destination": {"ToAddresses": ["ok@example.com"]}},
            {"Destination": {"ToAddresses": ["bad@@example.com"], "CcAddresses": ["cc@ex.com"]}},
            {"Destination": {"BccAddresses": ["gone@example.com"]}},
            {"Destination": {"ToAddresses": ["big@example.com"]}},
        ]
    }
    body = _bulk_xml(
        ("InvalidParameterValue", "Domain contains illegal character"),
        ("MessageRejected", "Address blacklisted."),
        ("MessageRejected", "Email address is not verified."),
    )
    result = bulk.bulk_outcomes_from_xml(body, request=request)
    assert [o.recipients for o in result.sent] == [("ok@example.com",)]
    assert [o.recipients for o in result.to_drop] == [
        ("bad@@example.com", "cc@ex.com"),
        ("gone@example.com",),
    ]
    assert {o.error.scope for o in result.to_drop if o.error} == {Scope.RECIPIENT}
    assert [o.recipients for o in result.to_fix] == [("big@example.com",)]
    v2_request = {"BulkEmailEntries": request["Destinations"][:2]}
    v2 = bulk.bulk_outcomes(
        {
            "BulkEmailEntryResults": [
                {"Status": "SUCCESS", "MessageId": "m-1"},
                {"Status": "INVALID_PARAMETER", "Error": "Missing final '@domain'"},
            ]
        },
        request=v2_request,
    )
    assert [(o.recipients, o.action) for o in v2.to_drop] == [
        (("bad@@example.com", "cc@ex.com"), Action.DROP)
    ]


@pytest.mark.parametrize(
    "request_params",
    [None, {}, {"Destinations": "x"}, {"Destinations": [1, {"Destination": [2]}]}, [1]],
)
def test_bulk_request_of_any_shape_names_nothing_and_never_raises(request_params: Any) -> None:
    """A request that is not a bulk send's parameters leaves every outcome's recipients empty."""
    result = bulk.bulk_outcomes_from_xml(
        _bulk_xml(("MessageRejected", "x")), request=request_params
    )
    assert [o.recipients for o in result.outcomes] == [(), ()]


# --- RECONNECT: sent again on a new connection, on SES's schedule -----------------------------


class SessionLimitHandler:
    """Accept messages as SES does, closing each session after ``limit`` of them with a 421."""

    def __init__(self, limit: int) -> None:
        """Count what every session carries; remember every message accepted."""
        self.limit = limit
        self.sessions = 0
        self.delivered: list[str] = []
        self._carried: dict[int, int] = {}

    async def handle_EHLO(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        """Count a new session."""
        del server, envelope
        session.host_name = hostname
        self.sessions += 1
        return responses

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        """Accept up to ``limit`` messages a session; then answer 421 and hang up, as SES does."""
        carried = self._carried.get(id(session), 0)
        if carried == self.limit:
            asyncio.get_running_loop().call_soon(server.transport.close)
            return "421 Maximum message count per session reached."
        self._carried[id(session)] = carried + 1
        self.delivered.append(envelope.content.decode().splitlines()[-1])
        return "250 Ok"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def limited_smtp() -> Iterator[tuple[int, SessionLimitHandler]]:
    """Run aiosmtpd on loopback with SES's per-session message limit (2 a session here)."""
    controller_module = pytest.importorskip("aiosmtpd.controller")
    handler = SessionLimitHandler(limit=2)
    controller = controller_module.Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller.port, handler
    controller.stop()


def test_a_session_limit_is_sent_again_on_a_new_connection(
    limited_smtp: tuple[int, SessionLimitHandler],
) -> None:
    """retry.call resends after SES's 421; a send function that connects itself delivers all."""
    port, handler = limited_smtp
    outbox = [f"body-{n}" for n in range(5)]
    sleeps: list[float] = []

    met: list[type[ses_errors.SESError]] = []

    def send_outbox() -> None:
        # The pattern the docs show: each call opens its own connection.
        with smtplib.SMTP("127.0.0.1", port, timeout=5) as client:
            while outbox:
                message = f"From: a@example.com\r\nSubject: s\r\n\r\n{outbox[0]}"
                try:
                    client.sendmail("a@example.com", ["b@example.com"], message)
                except smtplib.SMTPDataError as exc:
                    met.append(type(ses_errors.smtp.from_smtp_error(exc)))
                    raise
                outbox.pop(0)

    retry.call(send_outbox, sleep=sleeps.append)
    assert met == [ses_errors.SmtpSessionLimit, ses_errors.SmtpSessionLimit]
    assert handler.delivered == [f"body-{n}" for n in range(5)]
    assert handler.sessions == 3  # 2 + 2 + 1 messages
    assert sleeps == [5.0, 10.0]  # SES's schedule, one wait a reconnection


# --- transport failures, by family, however they were raised -----------------------------------


def _transport_failures() -> list[BaseException]:
    exceptions = pytest.importorskip("botocore.exceptions")
    aiohttp = pytest.importorskip("aiohttp")
    return [
        exceptions.EndpointConnectionError(endpoint_url="https://email.us-east-1.amazonaws.com"),
        exceptions.ConnectTimeoutError(endpoint_url="https://email.us-east-1.amazonaws.com"),
        exceptions.ProxyConnectionError(proxy_url="http://proxy:3128", error="refused"),
        exceptions.ReadTimeoutError(endpoint_url="https://email.us-east-1.amazonaws.com"),
        exceptions.ConnectionClosedError(endpoint_url="https://email.us-east-1.amazonaws.com"),
        socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
        aiohttp.ServerDisconnectedError(),
        aiohttp.ClientConnectionError("connection reset"),
    ]


def test_every_transport_failure_is_retryable_raised_on_its_own() -> None:
    """Botocore's families, aiohttp's and DNS failures are retryable with no chain behind them."""
    for failure in _transport_failures():
        assert failure.__cause__ is None
        assert failure.__context__ is None
        assert ses_errors.is_retryable(failure), type(failure).__name__
        assert retry.wait_for(failure, 1) == 5.0


def test_a_transport_failure_re_raised_by_a_wrapper_is_retryable() -> None:
    """A wrapper raised from a transport failure is retryable; one raised from nothing is not."""

    class SendFailedError(Exception):
        """A library's own error."""

    for failure in _transport_failures():
        wrapper = SendFailedError("send failed")
        wrapper.__cause__ = failure
        assert ses_errors.is_retryable(wrapper), type(failure).__name__
    assert not ses_errors.is_retryable(SendFailedError("send failed"))
    assert not ses_errors.is_retryable(OSError("disk full"))


# --- bounded runners ---------------------------------------------------------------------------


class FakeClock:
    """A clock that moves only when the runner sleeps."""

    def __init__(self) -> None:
        """Start at zero."""
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        """Return the time now."""
        return self.now

    def sleep(self, seconds: float) -> None:
        """Move the clock on, as sleeping would."""
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        """Move the clock on, as awaiting a sleep would."""
        self.sleep(seconds)


def _failing(calls: list[float], clock: FakeClock) -> Any:
    def send() -> None:
        calls.append(clock())
        raise ses_errors.ServiceUnavailable("busy")

    return send


def test_a_deadline_raises_the_last_error_instead_of_a_wait_past_it() -> None:
    """With deadline=60 the 20-minute pause is never slept: the fourth failure is raised at once."""
    clock, calls = FakeClock(), list[float]()
    with pytest.raises(ses_errors.ServiceUnavailable):
        retry.call(_failing(calls, clock), sleep=clock.sleep, clock=clock, deadline=60)
    assert calls == [0.0, 5.0, 15.0, 45.0]
    assert clock.sleeps == [5.0, 10.0, 30.0]


def test_acall_and_retrying_keep_the_deadline() -> None:
    """Acall and the retrying decorator stop at the deadline as call does."""
    clock, calls = FakeClock(), list[float]()

    async def send() -> None:
        _failing(calls, clock)()

    with pytest.raises(ses_errors.ServiceUnavailable):
        asyncio.run(retry.acall(send, sleep=clock.asleep, clock=clock, deadline=20))
    assert clock.sleeps == [5.0, 10.0]
    with pytest.raises(ses_errors.ServiceUnavailable):
        retry.retrying(sleep=lambda _: None, deadline=0)(_failing([], clock))()


def test_without_a_deadline_the_schedule_runs_to_its_end() -> None:
    """No deadline: every wait of SES's schedule, the 20-minute pause included."""
    clock, calls = FakeClock(), list[float]()
    with pytest.raises(ses_errors.ServiceUnavailable):
        retry.call(_failing(calls, clock), sleep=clock.sleep, clock=clock)
    assert clock.sleeps == list(retry.DEFAULT_SCHEDULE.delays)


@pytest.mark.parametrize("deadline", [-1, float("nan"), float("inf"), "10", True, 10**400])
def test_a_deadline_that_cannot_work_is_refused(deadline: Any) -> None:
    """A negative, infinite, non-number or bool deadline is a ValueError, before any call."""
    calls: list[float] = []
    with pytest.raises(ValueError, match="deadline"):
        retry.call(calls.append, 1.0, deadline=deadline)
    with pytest.raises(ValueError, match="deadline"):
        retry.retrying(deadline=deadline)
    assert calls == []


def test_every_case_and_smtp_class_names_its_source() -> None:
    """Each message case and SMTP class of the table says where its wording was seen."""
    from ses_errors._table import SMTP_CLASSES  # noqa: PLC0415 - the table under test

    for row in (*CASES, *SMTP_CLASSES):
        assert row.source.strip(), row.name
    for reply in SMTP_REPLIES:
        assert ses_errors.lookup.class_for_name(reply.target) is not None, reply
