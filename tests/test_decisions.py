"""Decisions: one meaning gets one decision on every path a sender meets, with real peers."""

from __future__ import annotations

import contextlib
import itertools
import json
import smtplib
import socket
import threading
from typing import TYPE_CHECKING, Any

import pytest

import ses_errors
from conftest import CLIENT_KWARGS
from ses_errors import Action, Scope, retry
from ses_errors._base import _CLASS_BY_NAME  # pyright: ignore[reportPrivateUsage]
from ses_errors._table import CASES, ROWS, SMTP_REPLIES, ErrorRow
from ses_errors.integrations import stamina as stamina_hooks

if TYPE_CHECKING:
    from collections.abc import Iterator

NS = "http://ses.amazonaws.com/doc/2010-12-01/"
EVERY_CLASS = sorted(set(_CLASS_BY_NAME.values()), key=lambda cls: cls.__name__)


def _xml(code: str, message: str) -> bytes:
    return (
        f'<ErrorResponse xmlns="{NS}"><Error><Type>Sender</Type><Code>{code}</Code>'
        f"<Message>{message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>"
    ).encode()


class FakeClientError(Exception):
    """Shaped like botocore's ClientError: a response dict and an operation name."""

    def __init__(
        self, code: str, message: str, operation: str = "SendEmail", status: int = 400
    ) -> None:
        """Build the response dict botocore builds for an error response."""
        super().__init__(code)
        self.response = {
            "Error": {"Code": code, "Message": message, "Type": "Sender"},
            "ResponseMetadata": {"HTTPStatusCode": status, "RequestId": "r-1"},
        }
        self.operation_name = operation


def _client_error(
    code: str, message: str, operation: str = "SendEmail", status: int = 400
) -> Exception:
    """Return botocore's own ClientError, as a client raises it (botocore needed)."""
    exceptions = pytest.importorskip("botocore.exceptions")
    response = FakeClientError(code, message, operation, status).response
    error: Exception = exceptions.ClientError(response, operation)
    return error


# --- every class has a decision ------------------------------------------------------------


@pytest.mark.parametrize("cls", EVERY_CLASS, ids=lambda cls: cls.__name__)
def test_every_class_has_a_scope_and_an_action_and_retries_on_retry_or_reconnect(
    cls: type[ses_errors.SESError],
) -> None:
    """Each class's scope and action are enum members; it is retryable on RETRY or RECONNECT."""
    assert isinstance(cls.scope, Scope)
    assert isinstance(cls.action, Action)
    assert cls.is_retryable is (cls.action in {Action.RETRY, Action.RECONNECT})
    assert (cls.retry_after is not None) is cls.is_retryable
    instance = cls("m")
    assert (instance.scope, instance.action) == (cls.scope, cls.action)
    assert instance.to_dict()["action"] == cls.action.value


@pytest.mark.parametrize(
    ("name", "scope", "action"),
    [
        ("DailyQuotaExceeded", Scope.ACCOUNT, Action.DEFER),
        ("MaxSendRateExceeded", Scope.ACCOUNT, Action.RETRY),
        ("Throttling", Scope.ACCOUNT, Action.RETRY),
        ("InternalFailure", Scope.SERVICE, Action.RETRY),
        ("InvalidClientTokenId", Scope.ACCOUNT, Action.FIX),
        ("ConfigurationSetDoesNotExist", Scope.CONFIGURATION_SET, Action.FIX),
        ("MailFromDomainNotVerified", Scope.SENDER, Action.FIX),
        ("MissingParameter", Scope.REQUEST, Action.FIX),
        ("SmtpClientTimeout", Scope.CONNECTION, Action.RECONNECT),
        ("MessageRejected", Scope.MESSAGE, Action.DROP),
        ("SendingPausedForAccount", Scope.ACCOUNT, Action.FIX),
        ("AccountSuspendedException", Scope.ACCOUNT, Action.FIX),
    ],
)
def test_the_decisions_the_issue_pins(name: str, scope: Scope, action: Action) -> None:
    """The decisions senders rely on hold as stated."""
    cls = ses_errors.lookup.class_for_name(name)
    assert cls is not None
    assert (cls.scope, cls.action) == (scope, action)


def test_a_message_rejected_with_no_case_drops_only_the_message() -> None:
    """A MessageRejected whose message is no case is MESSAGE/DROP."""
    exc = ses_errors.parse_error(_xml("MessageRejected", "Illegal address"), http_status=400)
    assert type(exc) is ses_errors.MessageRejected
    assert (exc.scope, exc.action) == (Scope.MESSAGE, Action.DROP)


def test_every_row_that_differs_from_its_family_says_why_or_is_plain() -> None:
    """A row's own decision differs from its family's; a stated reason is a sentence."""
    from ses_errors._table import FAMILIES, ROWS  # noqa: PLC0415 - the table under test

    family_decision = {row.family: row.decision for row in FAMILIES}
    for row in ROWS:
        assert isinstance(row, ErrorRow)
        if row.decision is not None:
            assert row.decision != family_decision[row.family], row.code
        assert not row.why or row.why.endswith("."), row.code


# --- every message case, through every surface and spelling ----------------------------------


def _spellings(code: str) -> list[str]:
    """Return the codes that reach a row: its own and its aliases (SES's other spellings)."""
    row = ses_errors.lookup.class_for_code(code).row
    assert row is not None
    return [row.code, *row.aliases]


CODED_PARENTS = {row.code for row in ROWS}
CASE_SURFACES = [
    (case, text, parent, spelling)
    for case in CASES
    for text in case.texts
    for parent in case.parents
    if parent in CODED_PARENTS
    for spelling in _spellings(parent)
]


@pytest.mark.parametrize(
    ("case", "text", "parent", "spelling"),
    CASE_SURFACES,
    ids=[f"{c.name}-{t}-{s}" for c, t, _, s in CASE_SURFACES],
)
def test_every_case_decides_on_every_surface_and_spelling(
    case: Any, text: str, parent: str, spelling: str
) -> None:
    """A case's text under any code and spelling of it decides as the case, however it came."""
    text += " (region us-east-1)" if case.match.value == "prefix" else ""
    v2_headers = {"x-amzn-ErrorType": f"{spelling}:http://internal.amazon.com/coral/sesv2/"}
    errors = {
        "xml": ses_errors.parse_error(_xml(spelling, text), http_status=400),
        "json": ses_errors.parse_error(json.dumps({"message": text}), headers=v2_headers),
        "botocore": ses_errors.from_client_error(FakeClientError(spelling, text)),
        "by hand": ses_errors.lookup.class_for_code(spelling)(text, spelling),
        "from_dict": ses_errors.SESError.from_dict(
            {"error": parent, "code": spelling, "message": text}
        ),
    }
    for surface, error in errors.items():
        assert type(error).__name__ == case.name, (surface, parent, spelling)
        assert (error.scope, error.action) == (case.decision.scope, case.decision.action), surface
        assert error.code == spelling, surface


SMTP_CASES = [
    (case, text, reply)
    for case in CASES
    for text in case.texts
    for reply in SMTP_REPLIES
    if reply.target in case.parents
]


@pytest.mark.parametrize(
    ("case", "text", "reply"), SMTP_CASES, ids=[f"{c.name}-{t}" for c, t, _ in SMTP_CASES]
)
def test_every_case_decides_through_an_smtp_reply(case: Any, text: str, reply: Any) -> None:
    """An SMTP reply whose text after its fixed beginning is a case's gets the case's decision."""
    error = ses_errors.smtp.from_smtp_reply(reply.smtp_code, f"{reply.text} {text}")
    assert type(error).__name__ == case.name
    assert (error.scope, error.action) == (case.decision.scope, case.decision.action)
    assert error.smtp_code == reply.smtp_code


def test_a_hand_built_daily_quota_is_not_retried() -> None:
    """Throttling built by hand with the daily-quota text is deferred: retry.call calls once."""
    calls: list[int] = []

    def send() -> None:
        calls.append(1)
        raise ses_errors.Throttling("Daily message quota exceeded.")

    with pytest.raises(ses_errors.Throttling) as caught:
        retry.call(send, sleep=lambda _: None)
    assert len(calls) == 1
    assert isinstance(caught.value, ses_errors.DailyQuotaExceeded)
    assert caught.value.action is Action.DEFER
    assert ses_errors.is_retryable(caught.value) is False


def test_the_v2_throttling_spelling_of_the_daily_quota_is_not_retried() -> None:
    """ThrottlingException with the daily-quota text (SES's sending-quota page) is deferred."""
    error = ses_errors.from_client_error(
        FakeClientError("ThrottlingException", "Daily message quota exceeded.")
    )
    assert isinstance(error, ses_errors.ThrottlingException)
    assert isinstance(error, ses_errors.DailyQuotaExceeded)
    assert error.code == "ThrottlingException"
    assert not ses_errors.is_retryable(error)


# --- wrapped errors, and errors of other services ---------------------------------------------


class WrapperError(Exception):
    """A library's own error, raised from the SES error it stands for."""


def test_a_wrapper_stands_for_the_ses_error_it_was_raised_from() -> None:
    """An exception raised from (or during) an SES ClientError is judged as that error."""
    cause = _client_error("Throttling", "Maximum sending rate exceeded.")
    for link in ("cause", "context"):
        wrapper = WrapperError("the send failed")
        setattr(wrapper, f"__{link}__", cause)
        error = ses_errors.as_ses_error(wrapper)
        assert type(error) is ses_errors.MaxSendRateExceeded, link
        assert ses_errors.is_retryable(wrapper)
        assert retry.wait_for(wrapper, 1) == 5.0
        assert stamina_hooks.stamina_on(wrapper) == 5.0


def test_a_chain_with_a_cycle_or_no_end_is_followed_a_bounded_way() -> None:
    """A cycle ends the walk; a chain of a thousand links is looked at only so far."""
    first, second = WrapperError("a"), WrapperError("b")
    first.__context__, second.__context__ = second, first
    assert ses_errors.as_ses_error(first) is None
    links = [WrapperError(str(i)) for i in range(1000)]
    for outer, inner in itertools.pairwise(links):
        outer.__cause__ = inner
    links[-1].__cause__ = _client_error("InternalFailure", "deep")
    assert ses_errors.as_ses_error(links[0]) is None
    assert ses_errors.is_retryable(links[0]) is False


def test_a_client_error_of_another_service_is_no_ses_error() -> None:
    """S3's SlowDown on PutObject is not taken for an SES error, nor retried as one."""
    slow_down = _client_error("SlowDown", "Please reduce your request rate.", "PutObject", 503)
    assert ses_errors.as_ses_error(slow_down) is None
    assert ses_errors.is_retryable(slow_down) is False
    with pytest.raises(type(slow_down)) as caught, ses_errors.typed_errors():
        raise slow_down
    assert caught.value is slow_down
    same_code_from_ses = _client_error("Throttling", "Maximum sending rate exceeded.")
    assert ses_errors.is_retryable(same_code_from_ses)


def test_patch_client_refuses_a_client_of_another_service() -> None:
    """patch_client on a real S3 client raises ValueError and registers nothing."""
    boto3 = pytest.importorskip("boto3")
    s3 = boto3.client("s3", **CLIENT_KWARGS)
    with pytest.raises(ValueError, match="ses or sesv2"):
        ses_errors.patch_client(s3)


# --- transport failures, with real botocore clients and sockets -----------------------------


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def silent_server() -> Iterator[int]:
    """Run a loopback server that accepts connections and never answers; yield its port."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def _ses_client(port: int, **config: Any) -> Any:
    boto3 = pytest.importorskip("boto3")
    botocore_config = pytest.importorskip("botocore.config")
    return boto3.client(
        "ses",
        endpoint_url=f"http://127.0.0.1:{port}",
        **CLIENT_KWARGS,
        config=botocore_config.Config(retries={"total_max_attempts": 1}, **config),
    )


def _send(client: Any) -> None:
    client.send_email(
        Source="a@example.com",
        Destination={"ToAddresses": ["b@example.com"]},
        Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
    )


def _calls_with_retries(client: Any) -> tuple[int, BaseException]:
    calls: list[int] = []

    def send() -> None:
        calls.append(1)
        _send(client)

    schedule = retry.Schedule(waits=(0.0, 0.0), rounds=1)
    with pytest.raises(Exception) as caught:  # noqa: PT011 - the transport error, checked below
        retry.call(send, schedule=schedule, sleep=lambda _: None)
    return len(calls), caught.value


def test_a_refused_connection_is_retried_on_the_ses_schedule() -> None:
    """A refused connection (botocore's EndpointConnectionError) is retryable."""
    calls, error = _calls_with_retries(_ses_client(_closed_port(), connect_timeout=1))
    assert type(error).__name__ == "EndpointConnectionError"
    assert ses_errors.is_retryable(error)
    assert calls == 3  # the first call and one per wait


def test_a_server_that_never_answers_is_retried_on_the_ses_schedule(silent_server: int) -> None:
    """A read timeout (botocore's ReadTimeoutError) from a silent server is retryable."""
    calls, error = _calls_with_retries(_ses_client(silent_server, read_timeout=0.3))
    assert type(error).__name__ == "ReadTimeoutError"
    assert ses_errors.is_retryable(error)
    assert calls == 3


@contextlib.contextmanager
def _scripted_smtp_server(answers: list[bytes | None]) -> Iterator[int]:
    """Serve one SMTP connection on loopback: greet, then answer each command in turn.

    None as an answer hangs up instead; after the last answer the server hangs up too.
    """
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def serve() -> None:
        connection = server.accept()[0]
        connection.sendall(b"220 ready\r\n")
        for answer in answers:
            connection.recv(1024)
            if answer is None:
                break
            connection.sendall(answer)
        connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        thread.join(timeout=5)
        server.close()


def test_an_smtp_server_that_hangs_up_is_retryable() -> None:
    """A server that closes after its greeting (smtplib's SMTPServerDisconnected) is retryable."""
    with _scripted_smtp_server([None]) as port:
        client = smtplib.SMTP("127.0.0.1", port, timeout=5)
        with pytest.raises(smtplib.SMTPServerDisconnected) as caught:
            client.ehlo()
        client.close()
    assert ses_errors.is_retryable(caught.value)


# --- a garbled SMTP reply, from a real smtplib session on loopback --------------------------


def test_a_garbled_smtp_reply_gets_a_decision_and_never_raises() -> None:
    """A reply smtplib cannot read (its code -1) gives SmtpUnreadableReply: reconnect, retryable."""
    with (
        _scripted_smtp_server([b"250 ok\r\n", b"xz9 what\r\n"]) as port,
        smtplib.SMTP("127.0.0.1", port, timeout=5) as client,
    ):
        client.ehlo()
        with pytest.raises(smtplib.SMTPSenderRefused) as caught:
            client.sendmail("a@example.com", ["b@example.com"], b"Subject: s\r\n\r\nt")
    assert caught.value.smtp_code == -1
    error = ses_errors.smtp.from_smtp_error(caught.value)
    assert type(error) is ses_errors.SmtpUnreadableReply
    assert (error.smtp_code, error.action, error.scope) == (-1, Action.RECONNECT, Scope.CONNECTION)
    assert type(ses_errors.as_ses_error(caught.value)) is ses_errors.SmtpUnreadableReply
    # Retryable on SES's schedule, on a new connection (tests/test_reconnect.py sends again).
    assert ses_errors.is_retryable(caught.value) is True
    assert retry.wait_for(caught.value, 1) == 5.0


# --- patch_client: botocore's attempts, exactly, against a loopback SES ----------------------

DAILY_QUOTA = _xml("Throttling", "Daily message quota exceeded.")
RESPONSES = {
    "text/plain 503": (503, "text/plain", b"Service Unavailable"),
    "<!DOCTYPE html> 502": (502, "text/html", b"<!DOCTYPE html><html><body>Bad</body></html>"),
    "<html> 502": (502, "text/html", b"<html><body>Bad Gateway</body></html>"),
    "InternalFailure": (500, "text/xml", _xml("InternalFailure", "x")),
    "send rate": (400, "text/xml", _xml("Throttling", "Maximum sending rate exceeded.")),
    "MessageRejected": (400, "text/xml", _xml("MessageRejected", "Email address is not verified.")),
    "daily quota": (400, "text/xml", DAILY_QUOTA),
}


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let botocore's retries go without their backoff sleeps: only their count matters here."""
    endpoint = pytest.importorskip("botocore.endpoint")
    monkeypatch.setattr(endpoint.time, "sleep", lambda _seconds: None)


def _attempts(port: int, state: dict[str, Any], response: str, mode: str, patched: bool) -> int:
    boto3 = pytest.importorskip("boto3")
    botocore_config = pytest.importorskip("botocore.config")
    client = boto3.client(
        "ses",
        endpoint_url=f"http://127.0.0.1:{port}",
        **CLIENT_KWARGS,
        config=botocore_config.Config(retries={"mode": mode}),
    )
    if patched:
        ses_errors.patch_client(client)
    state["hits"], state["response"] = 0, RESPONSES[response]
    with pytest.raises(Exception) as caught:  # noqa: PT011 - each client's own error
        _send(client)
    if patched:
        assert isinstance(caught.value, ses_errors.SESError)
        assert caught.value.attempts == state["hits"]
    hits: int = state["hits"]
    return hits


@pytest.mark.parametrize("mode", ["standard", "legacy"])
@pytest.mark.parametrize("response", [r for r in RESPONSES if r != "daily quota"])
@pytest.mark.usefixtures("no_backoff")
def test_a_patched_client_makes_the_attempts_an_unpatched_one_makes(
    fake_ses: tuple[int, dict[str, Any]], response: str, mode: str
) -> None:
    """For every response but a hopeless one, patching changes neither attempts nor timing."""
    port, state = fake_ses
    unpatched = _attempts(port, state, response, mode, patched=False)
    assert _attempts(port, state, response, mode, patched=True) == unpatched


@pytest.mark.parametrize(("mode", "unpatched"), [("standard", 3), ("legacy", 5)])
@pytest.mark.usefixtures("no_backoff")
def test_a_patched_client_does_not_resend_a_used_up_daily_quota(
    fake_ses: tuple[int, dict[str, Any]], mode: str, unpatched: int
) -> None:
    """Unpatched, botocore sends the daily quota 3 (standard) or 5 (legacy) times; patched, once."""
    port, state = fake_ses
    assert _attempts(port, state, "daily quota", mode, patched=False) == unpatched
    assert _attempts(port, state, "daily quota", mode, patched=True) == 1


@pytest.mark.usefixtures("no_backoff")
def test_an_unreadable_success_body_is_never_taken_for_an_earlier_error(
    fake_ses: tuple[int, dict[str, Any]],
) -> None:
    """After a readable error, a 200 body botocore cannot read stays botocore's own error."""
    port, state = fake_ses
    parsers = pytest.importorskip("botocore.parsers")
    client = ses_errors.patch_client(_ses_client(port))
    state["response"] = RESPONSES["InternalFailure"]
    with pytest.raises(ses_errors.InternalFailure):
        _send(client)
    state["response"] = (200, "text/xml", b"<not closed")
    with pytest.raises(parsers.ResponseParserError):
        _send(client)


@pytest.mark.usefixtures("no_backoff")
def test_an_unreadable_error_body_keeps_the_request_id_from_its_headers(
    fake_ses: tuple[int, dict[str, Any]],
) -> None:
    """A 503 body botocore cannot read is raised with the x-amzn-RequestId its headers carry."""
    port, state = fake_ses
    client = ses_errors.patch_client(_ses_client(port))
    state["response"] = (503, "text/xml", b"<not closed", {"x-amzn-RequestId": "req-503"})
    with pytest.raises(ses_errors.ServerSideError) as caught:
        _send(client)
    assert (caught.value.http_status, caught.value.request_id) == (503, "req-503")


@pytest.mark.parametrize(
    ("response", "head"),
    [
        ("text/plain 503", "ServerSideError (no error code) [HTTP 503] calling SendEmail"),
        ("<html> 502", "ServerSideError (no error code) [HTTP 502] calling SendEmail"),
        ("InternalFailure", "InternalFailure [HTTP 500] calling SendEmail"),
        ("MessageRejected", "MessageRejected [HTTP 400] calling SendEmail"),
    ],
)
@pytest.mark.usefixtures("no_backoff")
def test_a_patched_client_error_names_its_operation_and_attempts(
    fake_ses: tuple[int, dict[str, Any]], response: str, head: str
) -> None:
    """str() of a patched client's error keeps botocore's operation and attempt count."""
    port, state = fake_ses
    boto3 = pytest.importorskip("boto3")
    client = ses_errors.patch_client(
        boto3.client("ses", endpoint_url=f"http://127.0.0.1:{port}", **CLIENT_KWARGS)
    )
    state["hits"], state["response"] = 0, RESPONSES[response]
    with pytest.raises(ses_errors.SESError) as caught:
        _send(client)
    attempts = state["hits"]
    plural = "attempt" if attempts == 1 else "attempts"
    assert str(caught.value).startswith(f"{head} after {attempts} {plural}")


@pytest.mark.usefixtures("no_backoff")
def test_an_unreadable_body_names_its_operation_and_attempts(
    fake_ses: tuple[int, dict[str, Any]],
) -> None:
    """A body botocore cannot parse at all still names SendEmail and the attempts in str()."""
    port, state = fake_ses
    client = ses_errors.patch_client(_ses_client(port))
    state["hits"], state["response"] = 0, (503, "text/xml", b"<not closed")
    with pytest.raises(ses_errors.ServerSideError) as caught:
        _send(client)
    assert str(caught.value).startswith(
        "ServerSideError (no error code) [HTTP 503] calling SendEmail after 1 attempt"
    )
