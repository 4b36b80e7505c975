"""The gate in one line: patch_client(client, gate=gate) paces every HTTP attempt of a send."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from typing import TYPE_CHECKING, Any

import pytest

import ses_errors
from conftest import CLIENT_KWARGS
from ses_errors import fleet

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

NS = "http://ses.amazonaws.com/doc/2010-12-01/"
SENT = (
    f'<SendEmailResponse xmlns="{NS}"><SendEmailResult><MessageId>m-1</MessageId>'
    "</SendEmailResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
    "</SendEmailResponse>"
).encode()
QUOTA_BODY = (
    f'<ErrorResponse xmlns="{NS}"><Error><Type>Sender</Type><Code>Throttling</Code>'
    "<Message>Daily message quota exceeded.</Message></Error><RequestId>r-2</RequestId>"
    "</ErrorResponse>"
).encode()
FAILURE = (
    f'<ErrorResponse xmlns="{NS}"><Error><Type>Receiver</Type><Code>InternalFailure</Code>'
    "<Message>x</Message></Error><RequestId>r-3</RequestId></ErrorResponse>"
).encode()
TO = {"ToAddresses": ["a@x.com", "b@x.com", "c@x.com"], "CcAddresses": ["d@x.com", "e@x.com"]}
MESSAGE = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}


class CountingGate(fleet.Gate):
    """A real gate that also notes each slot it was asked for, sync or async."""

    def __init__(self, target: object = None, **kwargs: Any) -> None:
        """Make the gate on a fresh account, where ``target`` says, with no waiting."""
        super().__init__(
            target,
            account=f"drop-in-{uuid.uuid4().hex}",
            max_rate=1000.0,
            sleep=lambda _: None,
            asleep=_no_wait,
            **kwargs,
        )
        self.asked: list[tuple[str, dict[str, Any]]] = []

    @contextlib.contextmanager
    def slot(self, **kwargs: Any) -> Iterator[fleet.Slot]:
        """Note the slot, then take it."""
        self.asked.append(("slot", kwargs))
        with super().slot(**kwargs) as granted:
            yield granted

    @contextlib.asynccontextmanager
    async def aslot(self, **kwargs: Any) -> AsyncIterator[fleet.Slot]:
        """Note the slot, then take it."""
        self.asked.append(("aslot", kwargs))
        async with super().aslot(**kwargs) as granted:
            yield granted


async def _no_wait(_seconds: float) -> None:
    """Wait for nothing."""


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let botocore's retries go without their backoff sleeps: only their count matters."""
    endpoint = pytest.importorskip("botocore.endpoint")
    monkeypatch.setattr(endpoint.time, "sleep", lambda _seconds: None)


def _client(port: int, mode: str = "standard") -> Any:
    boto3 = pytest.importorskip("boto3")
    config = pytest.importorskip("botocore.config")
    return boto3.client(
        "ses",
        endpoint_url=f"http://127.0.0.1:{port}",
        **CLIENT_KWARGS,
        config=config.Config(retries={"mode": mode}),
    )


@pytest.mark.parametrize(("mode", "attempts"), [("standard", 3), ("legacy", 5)])
@pytest.mark.usefixtures("no_backoff")
def test_one_slot_per_http_attempt_botocores_retries_included(
    fake_ses: tuple[int, dict[str, Any]], mode: str, attempts: int, gate_target: object
) -> None:
    """A 500 answered every time: botocore's attempts, each behind its own slot of 5 recipients."""
    port, state = fake_ses
    gate = CountingGate(gate_target)
    client = ses_errors.patch_client(_client(port, mode), gate=gate)
    state["hits"], state["response"] = 0, (500, "text/xml", FAILURE)
    with pytest.raises(ses_errors.InternalFailure):
        client.send_email(Source="s@x.com", Destination=TO, Message=MESSAGE)
    assert state["hits"] == attempts
    assert gate.asked == [("slot", {"recipients": 5, "lane": None, "configuration_set": None})] * (
        attempts
    )


def test_other_operations_take_no_slot(fake_ses: tuple[int, dict[str, Any]]) -> None:
    """GetSendQuota and other operations that send nothing go out without a slot."""
    port, state = fake_ses
    gate = CountingGate()
    client = ses_errors.patch_client(_client(port), gate=gate)
    body = (
        f'<GetSendQuotaResponse xmlns="{NS}"><GetSendQuotaResult><Max24HourSend>200'
        "</Max24HourSend><MaxSendRate>1</MaxSendRate><SentLast24Hours>0</SentLast24Hours>"
        "</GetSendQuotaResult></GetSendQuotaResponse>"
    ).encode()
    state["hits"], state["response"] = 0, (200, "text/xml", body)
    client.get_send_quota()
    assert (state["hits"], gate.asked) == (1, [])


def test_a_closed_gate_raises_from_the_call_with_nothing_sent(
    fake_ses: tuple[int, dict[str, Any]], gate_target: object
) -> None:
    """SES's quota answer closes the gate; the next call raises Closed and reaches no SES."""
    port, state = fake_ses
    gate = CountingGate(gate_target, hold=600)
    client = ses_errors.patch_client(_client(port), gate=gate, lane=None)
    state["hits"], state["response"] = 0, (400, "text/xml", QUOTA_BODY)
    with pytest.raises(ses_errors.DailyQuotaExceeded):
        client.send_email(Source="s@x.com", Destination=TO, Message=MESSAGE)
    assert state["hits"] == 1  # recorded by the gate, and not sent again by botocore
    with pytest.raises(fleet.Closed) as closed:
        client.send_email(Source="s@x.com", Destination=TO, Message=MESSAGE)
    assert closed.value.error is ses_errors.DailyQuotaExceeded
    assert state["hits"] == 1


def test_a_lane_and_a_configuration_set_go_with_each_slot(
    fake_ses: tuple[int, dict[str, Any]],
) -> None:
    """patch_client(lane=...) puts every send in the lane; the call's configuration set goes too."""
    port, state = fake_ses
    gate = CountingGate(lanes={"transactional": fleet.Lane(rate=0.5)})
    client = ses_errors.patch_client(_client(port), gate=gate, lane="transactional")
    state["hits"], state["response"] = 0, (200, "text/xml", SENT)
    client.send_email(
        Source="s@x.com", Destination=TO, Message=MESSAGE, ConfigurationSetName="marketing"
    )
    assert gate.asked == [
        ("slot", {"recipients": 5, "lane": "transactional", "configuration_set": "marketing"})
    ]
    with pytest.raises(ValueError, match="unknown lane"):
        ses_errors.patch_client(client, gate=gate, lane="newsletter")


def test_patching_again_replaces_or_removes_the_gate(fake_ses: tuple[int, dict[str, Any]]) -> None:
    """A second patch_client with another gate paces through that one; with none, through none."""
    port, state = fake_ses
    first, second = CountingGate(), CountingGate()
    client = ses_errors.patch_client(_client(port), gate=first)
    ses_errors.patch_client(client, gate=second)
    state["hits"], state["response"] = 0, (200, "text/xml", SENT)
    client.send_email(Source="s@x.com", Destination=TO, Message=MESSAGE)
    ses_errors.patch_client(client)
    client.send_email(Source="s@x.com", Destination=TO, Message=MESSAGE)
    assert (len(first.asked), len(second.asked), state["hits"]) == (0, 1, 2)


def test_an_aiobotocore_client_takes_its_slots_with_aslot(
    fake_ses: tuple[int, dict[str, Any]], gate_target: object
) -> None:
    """An aiobotocore client's sends take aslot() slots, one per attempt; Closed comes out too."""
    aiobotocore_session = pytest.importorskip("aiobotocore.session")
    config = pytest.importorskip("botocore.config")
    port, state = fake_ses
    gate = CountingGate(gate_target, hold=600)

    async def run() -> None:
        session = aiobotocore_session.get_session()
        async with session.create_client(
            "ses",
            endpoint_url=f"http://127.0.0.1:{port}",
            config=config.Config(retries={"total_max_attempts": 1}),
            **CLIENT_KWARGS,
        ) as client:
            ses_errors.patch_client(client, gate=gate)
            state["response"] = (200, "text/xml", SENT)
            await client.send_email(Source="s@x.com", Destination=TO, Message=MESSAGE)
            state["response"] = (400, "text/xml", QUOTA_BODY)
            with pytest.raises(ses_errors.DailyQuotaExceeded):
                await client.send_email(Source="s@x.com", Destination=TO, Message=MESSAGE)
            with pytest.raises(fleet.Closed):
                await client.send_email(Source="s@x.com", Destination=TO, Message=MESSAGE)
        await gate.aclose()

    state["hits"] = 0
    asyncio.run(run())
    assert [kind for kind, _ in gate.asked] == ["aslot", "aslot", "aslot"]
    assert state["hits"] == 2
