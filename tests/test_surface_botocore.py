"""boto3 ses and sesv2 clients against moto's server: every path reaches the same typed error."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from typing import TYPE_CHECKING, Any

import pytest

import ses_errors
from conftest import CLIENT_KWARGS
from ses_errors import testing
from ses_errors._wire import MAX_CODE_CHARS

if TYPE_CHECKING:
    from collections.abc import Callable

boto3 = pytest.importorskip("boto3")
botocore_config = pytest.importorskip("botocore.config")
botocore_exceptions = pytest.importorskip("botocore.exceptions")
ClientError = botocore_exceptions.ClientError

NO_RETRIES = botocore_config.Config(retries={"total_max_attempts": 1})
MESSAGE = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}
TO = {"ToAddresses": ["to@example.com"]}


class RawCapture:
    """Keep the last raw HTTP response a client received (botocore's before-parse event)."""

    def __init__(self) -> None:
        """Start with nothing seen."""
        self.status = 0
        self.headers: dict[str, str] = {}
        self.body = b""

    def __call__(self, response_dict: dict[str, Any], **_: Any) -> None:
        """Record the status, headers and body."""
        self.status = response_dict["status_code"]
        self.headers = dict(response_dict["headers"])
        self.body = response_dict["body"]


def _client(service: str, url: str, capture: RawCapture | None = None) -> Any:
    client = boto3.client(service, endpoint_url=url, config=NO_RETRIES, **CLIENT_KWARGS)
    if capture is not None:
        client.meta.events.register("before-parse", capture)
    return client


def _setup_v1(url: str) -> None:
    client = _client("ses", url)
    client.create_template(Template={"TemplateName": "dup", "SubjectPart": "s", "TextPart": "t"})
    client.create_configuration_set(ConfigurationSet={"Name": "dup-set"})


# (what to call on the v1 client, the class it must raise, the code it keeps)
V1_CASES: list[tuple[str, Callable[[Any], object], type[ses_errors.SESError], str]] = [
    (
        "unverified sender",
        lambda c: c.send_email(Source="a@unverified.example", Destination=TO, Message=MESSAGE),
        ses_errors.AddressNotVerified,  # moto's wording, decided as SES's
        "MessageRejected",
    ),
    (
        "missing configuration set",
        lambda c: c.describe_configuration_set(ConfigurationSetName="missing"),
        ses_errors.ConfigurationSetDoesNotExist,
        "ConfigurationSetDoesNotExist",
    ),
    (
        "missing template",
        lambda c: c.get_template(TemplateName="missing"),
        ses_errors.TemplateDoesNotExist,
        "TemplateDoesNotExist",
    ),
    (
        "duplicate template",
        lambda c: c.create_template(
            Template={"TemplateName": "dup", "SubjectPart": "s", "TextPart": "t"}
        ),
        ses_errors.AlreadyExists,
        "AlreadyExists",
    ),
    (
        "duplicate configuration set",
        lambda c: c.create_configuration_set(ConfigurationSet={"Name": "dup-set"}),
        ses_errors.ConfigurationSetAlreadyExists,
        "ConfigurationSetAlreadyExists",
    ),
    (
        "missing receipt rule set",
        lambda c: c.describe_receipt_rule_set(RuleSetName="missing"),
        ses_errors.RuleSetDoesNotExist,
        "RuleSetDoesNotExist",
    ),
    (
        "raw message without a source",
        lambda c: c.send_raw_email(RawMessage={"Data": b"not a message"}),
        ses_errors.MessageRejected,
        "MessageRejected",
    ),
]

V2_CASES: list[tuple[str, Callable[[Any], object], type[ses_errors.SESError], str]] = [
    (
        "missing identity",
        lambda c: c.get_email_identity(EmailIdentity="missing@example.com"),
        ses_errors.NotFoundException,
        "NotFoundException",
    ),
    (
        "missing configuration set",
        lambda c: c.get_configuration_set(ConfigurationSetName="missing"),
        ses_errors.NotFoundException,
        "NotFoundException",
    ),
    (
        # moto spells this ConfigurationSetAlreadyExistsException: the Exception suffix rule
        "duplicate configuration set",
        lambda c: c.create_configuration_set(ConfigurationSetName="dup-set"),
        ses_errors.ConfigurationSetAlreadyExists,
        "ConfigurationSetAlreadyExistsException",
    ),
    (
        "unverified sender",
        lambda c: c.send_email(
            FromEmailAddress="a@unverified.example",
            Destination=TO,
            Content={"Simple": MESSAGE},
        ),
        ses_errors.AddressNotVerified,  # moto's wording, decided as SES's
        "MessageRejected",
    ),
    (
        "missing contact list",
        lambda c: c.get_contact_list(ContactListName="missing"),
        ses_errors.NotFoundException,
        "NotFoundException",
    ),
]


@pytest.fixture(scope="module")
def seeded(moto_url: str) -> str:
    """Create what the duplicate cases collide with, once per module."""
    _setup_v1(moto_url)
    return moto_url


def _all_cases() -> list[Any]:
    return [
        pytest.param(service, call, cls, code, id=f"{service}: {name}")
        for service, cases in (("ses", V1_CASES), ("sesv2", V2_CASES))
        for name, call, cls, code in cases
    ]


@pytest.mark.parametrize(("service", "call", "cls", "code"), _all_cases())
def test_raw_body_and_client_error_and_patch_agree(
    seeded: str,
    service: str,
    call: Callable[[Any], object],
    cls: type[ses_errors.SESError],
    code: str,
) -> None:
    """The raw body, the ClientError and the patched client give the same class and facts."""
    # The patched client's error is also the very ClientError class the client raised unpatched.
    capture = RawCapture()
    client = _client(service, seeded, capture)
    with pytest.raises(ClientError) as caught:
        call(client)
    from_raw = ses_errors.parse_error(
        capture.body, http_status=capture.status, headers=capture.headers
    )
    from_client = ses_errors.from_client_error(caught.value)
    with pytest.raises(ses_errors.SESError) as patched:
        call(ses_errors.patch_client(_client(service, seeded)))
    assert type(from_raw) is type(from_client) is cls
    assert isinstance(patched.value, cls)
    assert isinstance(patched.value, type(caught.value))
    assert patched.value.to_dict()["error"] == cls.__name__
    for error in (from_raw, from_client, patched.value):
        assert error.code == code
        assert error.http_status == capture.status
        assert error.message == caught.value.response["Error"]["Message"]
        assert error.request_id
    assert from_client.request_id == from_raw.request_id
    assert from_client.operation == caught.value.operation_name
    assert from_client.attempts == 1
    dual: Any = patched.value
    assert dual.response["Error"] == caught.value.response["Error"]
    assert dual.operation_name == caught.value.operation_name == patched.value.operation


def test_typed_errors_block_raises_the_class_with_the_cause(seeded: str) -> None:
    """Inside typed_errors(), a ClientError surfaces as the SES class, the original as cause."""
    client = _client("ses", seeded)
    with pytest.raises(ses_errors.TemplateDoesNotExist) as caught, ses_errors.typed_errors():
        client.get_template(TemplateName="missing")
    assert isinstance(caught.value.__cause__, ClientError)
    with pytest.raises(KeyError), ses_errors.typed_errors():  # anything else passes through
        raise KeyError("x")


def test_patched_clients_raise_the_same_class_whichever_session(seeded: str) -> None:
    """Two sessions' clients raise the class importable from ses_errors, each also its own."""
    # Without the ClientError side the class is exactly the importable one; with it (the
    # default) each error is also its own session's modeled ClientError class.
    plain: list[tuple[ses_errors.SESError, type[Exception]]] = []
    dual: list[tuple[ses_errors.SESError, type[Exception]]] = []
    for _ in range(2):
        session = boto3.session.Session(**CLIENT_KWARGS)
        client = session.client("ses", endpoint_url=seeded, config=NO_RETRIES)
        for as_client_error, errors in ((False, plain), (True, dual)):
            ses_errors.patch_client(client, as_client_error=as_client_error)
            ses_errors.patch_client(client, as_client_error=as_client_error)  # twice: one handler
            with pytest.raises(ses_errors.SESError) as caught:
                client.get_template(TemplateName="missing")
            errors.append((caught.value, client.exceptions.TemplateDoesNotExistException))
    assert type(plain[0][0]) is type(plain[1][0]) is ses_errors.TemplateDoesNotExist
    for error, modeled in dual:
        assert isinstance(error, ses_errors.TemplateDoesNotExist)
        assert isinstance(error, modeled)


def test_moto_html_500_becomes_a_server_side_error(seeded: str) -> None:
    """Moto answers some calls with an HTML 500 page; the patched client raises ServerSideError."""
    capture = RawCapture()
    client = _client("ses", seeded, capture)
    with pytest.raises(pytest.importorskip("botocore.parsers").ResponseParserError):
        client.set_identity_notification_topic(Identity="x@example.com", NotificationType="Bounce")
    assert capture.status == 500
    assert capture.body.lstrip().lower().startswith(b"<!doctype html>")
    patched = ses_errors.patch_client(_client("ses", seeded))
    with pytest.raises(ses_errors.ServerSideError) as caught:
        patched.set_identity_notification_topic(Identity="x@example.com", NotificationType="Bounce")
    assert (caught.value.code, caught.value.http_status) == (None, 500)
    assert caught.value.is_retryable
    assert caught.value.operation == "SetIdentityNotificationTopic"
    raw = ses_errors.parse_error(capture.body, http_status=500, headers=capture.headers)
    assert type(raw) is ses_errors.ServerSideError


def test_bare_status_client_error_matches_parse_error(seeded: str) -> None:
    """Botocore's bare-status code ("404" for moto's missing v2 route) gives parse_error's error."""
    capture = RawCapture()
    client = _client("sesv2", seeded, capture)
    with pytest.raises(ClientError) as caught:
        client.send_bulk_email(
            FromEmailAddress="a@example.com",
            DefaultContent={"Template": {"TemplateName": "t", "TemplateData": "{}"}},
            BulkEmailEntries=[{"Destination": TO}],
        )
    assert caught.value.response["Error"]["Code"] == "404"
    from_client = ses_errors.from_client_error(caught.value)
    from_raw = ses_errors.parse_error(
        capture.body, http_status=capture.status, headers=capture.headers
    )
    assert type(from_client) is type(from_raw) is ses_errors.SESError
    assert (from_client.code, from_client.http_status) == (from_raw.code, from_raw.http_status)
    assert (from_client.code, from_client.http_status) == (None, 404)


@pytest.mark.parametrize(
    ("code", "status", "expected"),
    [("503", 503, ses_errors.ServerSideError), ("429", 429, ses_errors.ThrottlingError),
     ("403", 403, ses_errors.AuthError), ("", 502, ses_errors.ServerSideError),
     ("503\n", 503, ses_errors.ServerSideError), (" 429 ", 429, ses_errors.ThrottlingError)],
)  # fmt: skip
def test_bare_status_codes_pick_the_family(
    code: str, status: int, expected: type[ses_errors.SESError]
) -> None:
    """A ClientError coded by a bare status, or with no code, gets the status's family class."""
    response = {
        "Error": {"Code": code, "Message": ""},
        "ResponseMetadata": {"HTTPStatusCode": status},
    }
    error = ses_errors.from_client_error(ClientError(response, "SendEmail"))
    assert type(error) is expected
    assert (error.code, error.http_status, error.operation) == (None, status, "SendEmail")


def test_botocore_retries_are_counted(seeded: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """When botocore retried a throttled call, the error's attempts count every HTTP attempt."""
    monkeypatch.setattr("time.sleep", lambda _seconds: None)  # botocore's backoff, not ours
    capture = RawCapture()
    client = boto3.client(
        "ses",
        endpoint_url=seeded,
        config=botocore_config.Config(retries={"total_max_attempts": 3, "mode": "standard"}),
        **CLIENT_KWARGS,
    )
    body = testing.render_xml(ses_errors.Throttling("Maximum sending rate exceeded.", "Throttling"))

    def throttle(**_: Any) -> Any:
        return botocore_awsresponse(400, body)

    client.meta.events.register("before-send", throttle)
    client.meta.events.register("before-parse", capture)
    with pytest.raises(ClientError) as caught:
        client.get_send_quota()
    error = ses_errors.from_client_error(caught.value)
    assert type(error) is ses_errors.MaxSendRateExceeded
    assert error.attempts == 3


def botocore_awsresponse(status: int, body: bytes) -> Any:
    """Build the response object botocore's HTTP layer returns, for a before-send answer."""
    awsrequest = pytest.importorskip("botocore.awsrequest")

    class _Raw:
        def __init__(self, data: bytes) -> None:
            self.data = data

        def stream(self, **_: Any) -> Any:
            yield self.data

    return awsrequest.AWSResponse("http://ses", status, {}, _Raw(body))


@pytest.mark.parametrize("cls", [ses_errors.Throttling, ses_errors.MessageRejected])
def test_stubber_with_the_testing_helper(cls: type[ses_errors.SESError]) -> None:
    """Stubber.add_client_error(**stubber_error(e)) makes a client raise what becomes e again."""
    stub = pytest.importorskip("botocore.stub")
    client = boto3.client("ses", **CLIENT_KWARGS)
    expected = cls("a reason", cls.code, 400, "req-1", "Sender")
    with stub.Stubber(client) as stubber:
        stubber.add_client_error("send_email", **testing.stubber_error(expected))
        with pytest.raises(ClientError) as caught:
            client.send_email(Source="a@example.com", Destination=TO, Message=MESSAGE)
    got = ses_errors.from_client_error(caught.value)
    assert type(got) is cls
    assert (got.code, got.message, got.http_status, got.request_id) == (
        expected.code,
        "a reason",
        400,
        "req-1",
    )


def _garbage_after_a_caught_error(client: Any) -> int:
    """Return how many objects the cycle collector finds after one error is raised and caught."""
    stub = pytest.importorskip("botocore.stub")
    error = ses_errors.MessageRejected("Illegal address")
    with stub.Stubber(client) as stubber:
        stubber.add_client_error("send_email", **testing.stubber_error(error))
        gc.collect()
        gc.disable()
        try:
            with contextlib.suppress(ClientError, ses_errors.SESError):
                client.send_email(Source="a@example.com", Destination=TO, Message=MESSAGE)
            return gc.collect()
        finally:
            gc.enable()


@pytest.mark.parametrize("as_client_error", [True, False])
def test_a_patched_client_s_error_leaves_no_reference_cycle(as_client_error: bool) -> None:
    """A patched client's error, dual or not, leaves the collector no more than unpatched."""
    unpatched = boto3.client("ses", **CLIENT_KWARGS)
    patched = ses_errors.patch_client(
        boto3.client("ses", **CLIENT_KWARGS), as_client_error=as_client_error
    )
    for client in (unpatched, patched):
        _garbage_after_a_caught_error(client)  # the first call fills botocore's caches
    # The collector counts every thread's garbage: a moto server thread that ends an earlier
    # test's connection while one error is raised adds its own, once. A cycle the patched
    # path makes comes with every error, so the fewest of three raises still shows it.
    patched_garbage = min(_garbage_after_a_caught_error(patched) for _ in range(3))
    assert patched_garbage <= min(_garbage_after_a_caught_error(unpatched) for _ in range(3))


def test_aiobotocore_client_raises_typed_errors(seeded: str) -> None:
    """An aiobotocore sesv2 client, patched or inside typed_errors(), raises the SES classes."""
    aiobotocore_session = pytest.importorskip("aiobotocore.session")

    async def run() -> tuple[ses_errors.SESError, ses_errors.SESError]:
        session = aiobotocore_session.get_session()
        async with session.create_client(
            "sesv2", endpoint_url=seeded, config=NO_RETRIES, **CLIENT_KWARGS
        ) as client:
            with pytest.raises(ses_errors.NotFoundException) as in_block, ses_errors.typed_errors():
                await client.get_email_identity(EmailIdentity="missing@example.com")
            ses_errors.patch_client(client)
            with pytest.raises(ses_errors.NotFoundException) as patched:
                await client.get_email_identity(EmailIdentity="missing@example.com")
        return in_block.value, patched.value

    in_block, patched = asyncio.run(run())
    for error in (in_block, patched):
        assert error.code == "NotFoundException"
        assert error.http_status == 404
        assert error.operation == "GetEmailIdentity"
        assert isinstance(error, ClientError)
    assert isinstance(in_block.__cause__, ClientError)


def test_is_retryable_judges_a_client_error_as_its_ses_error() -> None:
    """is_retryable and the runners read a raw ClientError as the SES error it stands for."""
    throttled = testing.client_error(ses_errors.Throttling("Maximum sending rate exceeded."))
    quota = testing.client_error(ses_errors.Throttling("Daily message quota exceeded."))
    assert ses_errors.is_retryable(throttled)
    assert not ses_errors.is_retryable(quota)
    assert ses_errors.as_ses_error(KeyError("x")) is None


def test_runner_retries_a_raw_client_on_the_schedule(seeded: str) -> None:
    """retry.call on an unpatched client retries its throttled ClientError, not its quota one."""
    from ses_errors import retry  # noqa: PLC0415

    client = _client("ses", seeded)
    answers = [
        testing.render_xml(ses_errors.Throttling("Maximum sending rate exceeded.")),
        testing.render_xml(ses_errors.Throttling("Daily message quota exceeded.")),
    ]
    calls: list[int] = []

    def answer(**_: Any) -> Any:
        calls.append(1)
        return botocore_awsresponse(400, answers[0] if len(calls) <= 2 else answers[1])

    client.meta.events.register("before-send", answer)
    slept: list[float] = []
    with pytest.raises(ClientError) as caught:
        retry.call(client.get_send_quota, sleep=slept.append)
    assert caught.value.response["Error"]["Message"] == "Daily message quota exceeded."
    assert len(calls) == 3  # two throttled calls retried, the quota not
    assert slept == [5.0, 10.0]


def test_long_member_names_in_a_client_error_are_bounded_as_in_the_body() -> None:
    """Extra <Error> members botocore keeps are bounded exactly as parse_error bounds them."""
    name, text = "N" * 300, "v" * 3000
    body = (
        f"<ErrorResponse><Error><Type>Sender</Type><Code>MessageRejected</Code>"
        f"<Message>no</Message><{name}>{text}</{name}></Error></ErrorResponse>"
    ).encode()
    client = boto3.client("ses", **CLIENT_KWARGS)
    client.meta.events.register("before-send", lambda **_: botocore_awsresponse(400, body))
    with pytest.raises(ClientError) as caught:
        client.get_send_quota()
    from_botocore = ses_errors.from_client_error(caught.value).details
    assert from_botocore == ses_errors.parse_error(body, http_status=400).details
    assert [len(key) for key in from_botocore] == [MAX_CODE_CHARS]
