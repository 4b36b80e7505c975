"""The fleet gate: one rate and one open-or-closed state for every worker of an account."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import itertools
import json
import logging
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

import ses_errors
from conftest import CLIENT_KWARGS, start_redis_server
from ses_errors import fleet

RATE = 20.0
QUOTA = ses_errors.Throttling("Daily message quota exceeded.")
SEND_RATE = ses_errors.Throttling("Maximum sending rate exceeded.")


@pytest.fixture
def make_gate(gate_target: object) -> Any:
    """Return a maker of gates on a fresh account: in this process, on Redis, on a Cluster."""
    account = f"test-{uuid.uuid4().hex}"

    def make(**kwargs: Any) -> fleet.Gate:
        options: dict[str, Any] = {"max_rate": RATE, "sleep": lambda _: None, "jitter": 0.0}
        return fleet.Gate(gate_target, account=account, **{**options, **kwargs})

    return make


def _times(gate: fleet.Gate, count: int, **slot: Any) -> list[float]:
    times: list[float] = []
    for _ in range(count):
        with gate.slot(**slot) as granted:
            times.append(granted.at)
    return times


def _gaps(times: list[float]) -> list[float]:
    ordered = sorted(times)
    return [later - earlier for earlier, later in itertools.pairwise(ordered)]


def test_sends_are_spaced_at_the_shared_rate(make_gate: Any) -> None:
    """Each slot is due one interval of the rate after the one before."""
    gaps = _gaps(_times(make_gate(), 20))
    assert min(gaps) >= 1 / RATE - 1e-6


def test_two_gates_of_one_account_share_one_rate(make_gate: Any) -> None:
    """Two gates of the same account interleave their slots on one schedule."""
    first, second = make_gate(), make_gate()
    times = [*_times(first, 5), *_times(second, 5), *_times(first, 5)]
    assert min(_gaps(times)) >= 1 / RATE - 1e-6


def test_a_send_rate_error_halves_the_shared_rate(make_gate: Any) -> None:
    """After MaxSendRateExceeded, slots come at half the rate, for every gate of the account."""
    gate, other = make_gate(), make_gate()
    _times(gate, 3)
    assert gate.record(SEND_RATE) is False  # it paces; it does not close
    gaps = _gaps(_times(other, 5))
    assert min(gaps) >= 2 / RATE * 0.9  # recovering from half the rate, never faster


def test_a_quota_error_closes_the_gate_for_every_worker(make_gate: Any) -> None:
    """DailyQuotaExceeded recorded by one gate makes another's slot() raise Closed, unsent."""
    gate, other = make_gate(hold=600), make_gate(hold=600)
    with pytest.raises(ses_errors.DailyQuotaExceeded), gate.slot():
        raise QUOTA
    sent: list[int] = []
    with pytest.raises(fleet.Closed) as closed, other.slot():
        sent.append(1)
    assert sent == []
    assert closed.value.error is ses_errors.DailyQuotaExceeded
    assert closed.value.scope is ses_errors.Scope.ACCOUNT
    assert 590 < closed.value.retry_after <= 600


@pytest.mark.parametrize(
    "error",
    [
        ses_errors.SendingPausedForAccount("Sending paused for this account."),
        ses_errors.InvalidClientTokenId("no such key"),
        ses_errors.AccountSuspendedException("suspended"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_every_account_wide_error_that_cannot_be_retried_closes_it(
    make_gate: Any, error: ses_errors.SESError
) -> None:
    """Paused or suspended sending and invalid credentials close the gate as the quota does."""
    gate = make_gate()
    assert gate.record(error) is True
    with pytest.raises(fleet.Closed), gate.slot():
        pass


@pytest.mark.parametrize(
    "error",
    [
        SEND_RATE,
        ses_errors.MessageRejected("bad address"),
        ses_errors.InternalFailure("x"),
        ValueError(),
    ],
    ids=["send-rate", "message", "server", "not-ses"],
)
def test_other_errors_leave_the_gate_open(make_gate: Any, error: BaseException) -> None:
    """A message's error, a server error or a non-SES error closes nothing."""
    gate = make_gate()
    assert gate.record(error) is False
    _times(gate, 1)


def test_after_the_hold_exactly_one_trial_is_let_through(make_gate: Any) -> None:
    """Once the hold is over, one slot is a trial; others wait until it ends."""
    gate = make_gate(hold=0.2)
    gate.record(QUOTA)
    time.sleep(0.3)
    with gate.slot() as trial:
        assert trial.is_trial
        with pytest.raises(fleet.Closed) as waiting, gate.slot():
            pass
        # The trial's own lease, not the hold's.
        assert 0.2 < waiting.value.retry_after <= fleet.TRIAL_LEASE
    # The trial ended without an error: the gate is open again for everyone.
    with gate.slot() as after:
        assert not after.is_trial


def test_a_trial_that_fails_closes_the_gate_for_another_hold(make_gate: Any) -> None:
    """The trial send meeting the quota again closes the gate anew."""
    gate = make_gate(hold=0.2)
    gate.record(QUOTA)
    time.sleep(0.3)
    trials: list[bool] = []

    def send_into_the_quota() -> None:
        with gate.slot() as trial:
            trials.append(trial.is_trial)
            raise QUOTA

    with pytest.raises(ses_errors.DailyQuotaExceeded):
        send_into_the_quota()
    assert trials == [True]
    with pytest.raises(fleet.Closed) as closed, gate.slot():
        pass
    assert 0 < closed.value.retry_after <= 0.2


def test_a_trial_that_meets_a_message_error_reopens(make_gate: Any) -> None:
    """A trial answered by SES with a message's own error shows the account can send."""
    gate = make_gate(hold=0.2)
    gate.record(QUOTA)
    time.sleep(0.3)
    with pytest.raises(ses_errors.MessageRejected), gate.slot():
        raise ses_errors.MessageRejected("bad address")
    _times(gate, 1)


def test_a_probe_reopens_the_gate_before_the_hold_ends(make_gate: Any) -> None:
    """A probe that says the account can send reopens a closed gate at once."""
    gate = make_gate(hold=600, probe=lambda: True)
    gate.record(QUOTA)
    with gate.slot() as granted:
        assert not granted.is_trial
    assert make_gate(hold=600, probe=lambda: False).record(QUOTA)
    with pytest.raises(fleet.Closed), make_gate(probe=lambda: False).slot():
        pass


def test_a_configuration_set_error_closes_only_that_set(make_gate: Any) -> None:
    """A missing configuration set stops the sends that name it, and no others."""
    gate = make_gate()
    missing = ses_errors.ConfigurationSetDoesNotExist("Configuration set <a> does not exist.")
    assert gate.record(missing, configuration_set="a") is True
    with pytest.raises(fleet.Closed) as closed, gate.slot(configuration_set="a"):
        pass
    assert closed.value.scope is ses_errors.Scope.CONFIGURATION_SET
    assert closed.value.configuration_set == "a"
    _times(gate, 1, configuration_set="b")
    _times(gate, 1)


def test_a_wrapped_quota_error_closes_the_gate_too(make_gate: Any) -> None:
    """An exception raised from the quota error (a wrapper) is recorded as the quota."""
    gate = make_gate()
    wrapper = RuntimeError("send failed")
    wrapper.__cause__ = QUOTA
    assert gate.record(wrapper) is True


# --- many processes, one Redis ----------------------------------------------------------------

WORKER = textwrap.dedent(
    """
    import json, sys, time
    import ses_errors
    from ses_errors import fleet
    url, account, action, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    gate = fleet.Gate(url, account=account, max_rate=float(sys.argv[5]), hold=float(sys.argv[6]))
    out = {"at": [], "closed": 0, "trials": 0}
    if action == "quota":
        out["closed_it"] = gate.record(ses_errors.Throttling("Daily message quota exceeded."))
    for _ in range(count):
        try:
            with gate.slot() as granted:
                out["at"].append(granted.at)
                out["trials"] += granted.is_trial
                if granted.is_trial:
                    time.sleep(0.5)  # hold the trial while the others ask
        except fleet.Closed:
            out["closed"] += 1
    print(json.dumps(out))
    """
)


def _workers(
    redis_url: str, account: str, actions: list[str], count: int, hold: float
) -> list[dict[str, Any]]:
    processes = [
        subprocess.Popen(  # noqa: S603 - this interpreter and our own script
            [
                sys.executable,
                "-c",
                WORKER,
                redis_url,
                account,
                action,
                str(count),
                str(RATE),
                str(hold),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for action in actions
    ]
    results = []
    for process in processes:
        out, _ = process.communicate(timeout=60)
        assert process.returncode == 0
        results.append(json.loads(out))
    return results


def test_four_processes_share_one_rate(redis_url: str) -> None:
    """Four worker processes on one account get slots one interval of the rate apart."""
    results = _workers(redis_url, f"p-{uuid.uuid4().hex}", ["send"] * 4, 10, hold=600)
    times = [at for result in results for at in result["at"]]
    assert len(times) == 40
    assert min(_gaps(times)) >= 1 / RATE - 1e-6


def test_one_quota_error_closes_the_gate_for_every_process(redis_url: str) -> None:
    """A process that records the quota stops the other processes' sends."""
    account = f"q-{uuid.uuid4().hex}"
    first = _workers(redis_url, account, ["quota"], 1, hold=600)[0]
    assert first["closed_it"] is True
    others = _workers(redis_url, account, ["send"] * 3, 2, hold=600)
    assert [result["closed"] for result in others] == [2, 2, 2]
    assert all(result["at"] == [] for result in others)


def test_exactly_one_process_gets_the_trial(redis_url: str) -> None:
    """After the hold, of six processes asking at once, one gets the trial slot."""
    account = f"t-{uuid.uuid4().hex}"
    _workers(redis_url, account, ["quota"], 0, hold=0.3)
    time.sleep(0.4)
    results = _workers(redis_url, account, ["send"] * 6, 1, hold=0.3)
    assert sum(result["trials"] for result in results) == 1


def test_keys_are_namespaced_and_expire(redis_url: str) -> None:
    """An account's state is one key, ses-errors:{ACCOUNT}:gate, with a time to live."""
    redis = pytest.importorskip("redis")
    account = f"k-{uuid.uuid4().hex}"
    gate = fleet.Gate(redis_url, account=account, max_rate=RATE, sleep=lambda _: None)
    _times(gate, 1)
    gate.record(QUOTA)
    with redis.Redis.from_url(redis_url) as client:
        keys = client.keys(f"*{account}*")
        assert [key.decode() for key in keys] == [f"ses-errors:{{{account}}}:gate"]
        assert all(client.ttl(key) > 0 for key in keys)


def test_a_redis_that_goes_away_leaves_sends_going(caplog: pytest.LogCaptureFixture) -> None:
    """With Redis gone mid-run, slot() goes on in this process, with one warning naming why."""
    server, url = start_redis_server()
    try:
        gate = fleet.Gate(url, account="gone", max_rate=RATE, sleep=lambda _: None)
        _times(gate, 1)
        assert not gate.fallen_back  # on Redis, before it goes away
    finally:
        server.terminate()
        server.wait(timeout=10)
    caplog.set_level(logging.WARNING, logger="ses_errors.fleet")
    assert len(_times(gate, 5)) == 5
    assert gate.fallen_back
    assert gate.record(QUOTA) is True
    with pytest.raises(fleet.Closed), gate.slot():
        pass
    warnings = [record for record in caplog.records if record.name == "ses_errors.fleet"]
    assert len(warnings) == 1
    assert "Redis failed (ConnectionError: " in warnings[0].getMessage()


def test_the_runners_never_swallow_a_closed_gate(make_gate: Any) -> None:
    """retry.call re-raises fleet.Closed at once: a closed gate is not a retryable error."""
    gate = make_gate()
    gate.record(QUOTA)
    calls: list[int] = []

    def send() -> None:
        calls.append(1)
        with gate.slot():
            pass

    with pytest.raises(fleet.Closed):
        ses_errors.retry.call(send, sleep=lambda _: None)
    assert calls == [1]


def test_send_quota_reads_the_account_limits_from_ses_v1(moto_url: str) -> None:
    """send_quota reads GetSendQuota from a real botocore client against moto's server."""
    boto3 = pytest.importorskip("boto3")
    client = boto3.client("ses", endpoint_url=moto_url, **CLIENT_KWARGS)
    quota = fleet.send_quota(client)
    assert quota.max_send_rate > 0
    assert quota.max_24_hour_send > quota.sent_last_24_hours >= 0
    assert fleet.quota_probe(client)() == quota


def test_send_quota_reads_the_account_limits_from_ses_v2(
    fake_ses: tuple[int, dict[str, Any]],
) -> None:
    """send_quota reads sesv2 GetAccount's SendQuota; the probe is False on a spent quota."""
    boto3 = pytest.importorskip("boto3")
    port, state = fake_ses
    account = {"SendQuota": {"Max24HourSend": 300.0, "MaxSendRate": 14.0, "SentLast24Hours": 300.0}}
    state["response"] = (200, "application/json", json.dumps(account).encode())
    client = boto3.client("sesv2", endpoint_url=f"http://127.0.0.1:{port}", **CLIENT_KWARGS)
    assert fleet.send_quota(client) == fleet.SendQuota(14.0, 300.0, 300.0)
    assert fleet.quota_probe(client)() == fleet.SendQuota(14.0, 300.0, 300.0)


def test_send_quota_refuses_another_service() -> None:
    """send_quota on an S3 client raises ValueError."""
    boto3 = pytest.importorskip("boto3")
    with pytest.raises(ValueError, match="ses or sesv2"):
        fleet.send_quota(boto3.client("s3", **CLIENT_KWARGS))


def test_a_closed_gate_asks_its_probe_at_most_once_a_minute(make_gate: Any) -> None:
    """Refused slots do not each call the probe: it is asked once per PROBE_EVERY seconds."""
    calls: list[int] = []

    def probe() -> bool:
        calls.append(1)
        return False

    gate = make_gate(hold=600, probe=probe)
    gate.record(QUOTA)
    for _ in range(5):
        with pytest.raises(fleet.Closed), gate.slot():
            pass
    assert calls == [1]


def test_a_probe_that_fails_keeps_the_gate_closed(make_gate: Any) -> None:
    """A probe that raises says nothing: the gate stays closed, and slot() raises Closed."""

    def probe() -> bool:
        raise ConnectionError

    gate = make_gate(hold=600, probe=probe)
    gate.record(QUOTA)
    with pytest.raises(fleet.Closed), gate.slot():
        pass


# --- aslot, for asyncio senders ---------------------------------------------------------------


def test_aslot_paces_concurrent_sends_at_the_shared_rate(make_gate: Any) -> None:
    """Ten aslot()s gathered at once are given send times one interval of the rate apart."""
    gate: fleet.Gate = make_gate(max_rate=200.0)

    async def one() -> float:
        async with gate.aslot() as granted:
            return granted.at

    async def many() -> list[float]:
        try:
            return list(await asyncio.gather(*(one() for _ in range(10))))
        finally:
            await gate.aclose()

    times = asyncio.run(many())
    assert min(_gaps(times)) >= 1 / 200.0 - 1e-6


def test_aslot_and_slot_share_one_state(make_gate: Any) -> None:
    """A quota error raised in an aslot() closes slot() too, and the other way round."""
    gate: fleet.Gate = make_gate(hold=600)

    async def send_into_the_quota() -> None:
        try:
            async with gate.aslot():
                raise QUOTA
        finally:
            await gate.aclose()

    with pytest.raises(ses_errors.DailyQuotaExceeded):
        asyncio.run(send_into_the_quota())
    with pytest.raises(fleet.Closed), gate.slot():
        pass

    async def ask() -> None:
        try:
            async with gate.aslot():
                pass
        finally:
            await gate.aclose()

    other = make_gate(hold=600)
    other.record(ses_errors.SendingPausedForAccount("Sending paused for this account."))
    with pytest.raises(fleet.Closed) as closed:
        asyncio.run(ask())
    assert closed.value.error in {ses_errors.DailyQuotaExceeded, ses_errors.SendingPausedForAccount}


def test_an_aslot_trial_that_succeeds_reopens_the_gate(make_gate: Any) -> None:
    """After the hold, an aslot() trial that ends without an error opens the gate for slot()."""
    gate: fleet.Gate = make_gate(hold=0.2)
    gate.record(QUOTA)
    time.sleep(0.3)

    async def trial() -> bool:
        try:
            async with gate.aslot() as granted:
                return granted.is_trial
        finally:
            await gate.aclose()

    assert asyncio.run(trial()) is True
    with gate.slot() as after:
        assert not after.is_trial


# --- the whole path: worker processes, patched boto3 clients, a loopback SES, Redis ----------


def test_four_processes_through_the_gate_lose_nothing_and_stop_at_the_quota(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four processes send 60 through the gate to a quota of 40: 40 out, 20 deferred, 0 lost."""
    # None is throttled either, and at most one request per worker meets the spent quota
    # (the sends already under way when it closed).
    pytest.importorskip("boto3")
    scripts = str(Path(__file__).resolve().parents[1] / "scripts")
    monkeypatch.syspath_prepend(scripts)  # spawned workers import the benchmark by name
    bench = importlib.import_module("bench_fleet")
    args = argparse.Namespace(workers=4, rate=50.0, quota=40, messages=60)
    row = bench._run_mode("gate", args, redis_url)
    assert (row["sent"], row["lost"], row["deferred"]) == (40, 0, 20)
    assert row["requests on a spent quota"] <= 4
    assert row["throttled per 1,000 sent"] == 0


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("max_rate", 0),
        ("max_rate", -1.0),
        ("max_rate", float("nan")),
        ("max_rate", float("inf")),
        ("max_rate", 10**5000),
        ("max_rate", True),
        ("max_rate", "14"),
        ("hold", -1),
        ("jitter", 2.0),
    ],
    ids=lambda value: (
        type(value).__name__ if isinstance(value, int) and abs(value) > 10**9 else repr(value)
    ),
)
def test_a_gate_refuses_a_rate_hold_or_jitter_that_is_no_number_of_its_kind(
    argument: str, value: object
) -> None:
    """A rate that is no finite positive number, a negative hold, a jitter past 1: ValueError."""
    options: dict[str, Any] = {"max_rate": RATE, argument: value}
    with pytest.raises(ValueError, match=argument):
        fleet.Gate(None, account="bad", **options)


def test_a_scope_still_closed_takes_no_trial_from_another(make_gate: Any) -> None:
    """With the account's hold over but its set's still on, no trial is taken in the account."""
    gate = make_gate(hold=0.2)
    gate.record(QUOTA)
    time.sleep(0.3)  # the account's hold is over: its trial is free
    long_gate = make_gate(hold=600)
    missing = ses_errors.ConfigurationSetDoesNotExist("Configuration set <a> does not exist.")
    long_gate.record(missing, configuration_set="a")
    with pytest.raises(fleet.Closed) as closed, gate.slot(configuration_set="a"):
        pass
    assert (closed.value.scope, closed.value.configuration_set) == (
        ses_errors.Scope.CONFIGURATION_SET,
        "a",
    )
    with gate.slot() as trial:  # the account's trial is still free for a send without the set
        assert trial.is_trial
