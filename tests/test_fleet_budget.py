"""The gate counts what SES counts: recipients, a quota budget, lanes; on both stores and shells."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ses_errors
from ses_errors import Scope, fleet

RATE = 100.0
QUOTA = ses_errors.Throttling("Daily message quota exceeded.")


class Shell:
    """Take slots through ``slot()`` or through ``aslot()``: the behaviour must be the same."""

    def __init__(self, name: str) -> None:
        """Name the shell: "sync" or "async"."""
        self.name = name

    def take(self, gate: fleet.Gate, **slot: Any) -> fleet.Slot:
        """Take one slot and leave it at once; return it (Closed propagates)."""
        if self.name == "sync":
            with gate.slot(**slot) as granted:
                return granted

        async def take() -> fleet.Slot:
            try:
                async with gate.aslot(**slot) as granted:
                    return granted
            finally:
                await gate.aclose()

        return asyncio.run(take())

    def fail(self, gate: fleet.Gate, error: BaseException, **slot: Any) -> None:
        """Take one slot and raise ``error`` in it, as a send that failed would."""
        if self.name == "sync":
            with pytest.raises(type(error)), gate.slot(**slot):
                raise error
            return

        async def fail() -> None:
            try:
                async with gate.aslot(**slot):
                    raise error
            finally:
                await gate.aclose()

        with pytest.raises(type(error)):
            asyncio.run(fail())


@pytest.fixture(params=["sync", "async"])
def shell(request: pytest.FixtureRequest) -> Shell:
    """Each behaviour through both shells."""
    return Shell(request.param)


@pytest.fixture
def make_gate(gate_target: object) -> Any:
    """Return a maker of gates on a fresh account: in this process, on Redis, on a Cluster."""
    account = f"budget-{uuid.uuid4().hex}"

    def make(**kwargs: Any) -> fleet.Gate:
        options: dict[str, Any] = {
            "max_rate": RATE,
            "sleep": lambda _: None,
            "asleep": _no_wait,
            "jitter": 0.0,
        }
        return fleet.Gate(gate_target, account=account, **{**options, **kwargs})

    return make


async def _no_wait(_seconds: float) -> None:
    """Wait for nothing: the slots' times are what the tests read."""


# --- recipients against the rate ------------------------------------------------------------


def test_a_slot_counts_its_recipients_against_the_rate(make_gate: Any, shell: Shell) -> None:
    """A slot for n recipients moves the schedule on by n sends: the next is n / rate later."""
    gate = make_gate()
    # 40 recipients put 0.4 s of backlog ahead: the later slots are due after it, however long
    # a take lasts on a loaded machine.
    first = shell.take(gate, recipients=40)
    second = shell.take(gate, recipients=1)
    third = shell.take(gate)
    assert second.at - first.at == pytest.approx(40 / RATE, abs=1e-4)
    assert third.at - second.at == pytest.approx(1 / RATE, abs=1e-4)
    assert (first.recipients, third.recipients) == (40, 1)


@pytest.mark.parametrize("recipients", [0, -1, True, 1.5, "3", None, fleet.MAX_RECIPIENTS + 1])
def test_a_recipient_count_that_is_no_whole_number_is_refused(
    make_gate: Any, shell: Shell, recipients: object
) -> None:
    """recipients= must be an int from 1 to MAX_RECIPIENTS: anything else is a ValueError."""
    with pytest.raises(ValueError, match="recipients"):
        shell.take(make_gate(), recipients=recipients)


# --- the quota budget -----------------------------------------------------------------------


def test_the_budget_refuses_a_send_it_has_no_room_for(make_gate: Any, shell: Shell) -> None:
    """With 30 recipients a window, a fourth slot of 10 is refused until the window frees."""
    window = 2.0
    gate = make_gate(daily_quota=30, quota_window=window)
    for _ in range(3):
        shell.take(gate, recipients=10)
    started = time.monotonic()
    with pytest.raises(fleet.Closed) as refused:
        shell.take(gate, recipients=10)
    closed = refused.value
    assert (closed.reason, closed.error, closed.scope) == ("budget", None, Scope.ACCOUNT)
    # Not a fixed hold: when enough of the window ages out (buckets add at most two widths).
    assert window - 0.2 < closed.retry_after <= window + 2 * window / 96 + 0.1
    time.sleep(max(0.0, closed.retry_after - (time.monotonic() - started)) + 0.05)
    assert shell.take(gate, recipients=10).recipients == 10


def test_the_budget_starts_from_what_the_account_has_sent(make_gate: Any, shell: Shell) -> None:
    """daily_quota=SendQuota(...) seeds the window with SentLast24Hours: only the rest is room."""
    gate = make_gate(daily_quota=fleet.SendQuota(14.0, 100.0, 90.0))
    with pytest.raises(fleet.Closed):
        shell.take(gate, recipients=11)
    shell.take(gate, recipients=10)
    with pytest.raises(fleet.Closed):
        shell.take(gate, recipients=1)


def test_an_unlimited_quota_keeps_no_budget(make_gate: Any, shell: Shell) -> None:
    """A quota of -1, SES's "unlimited", refuses nothing."""
    gate = make_gate(daily_quota=fleet.SendQuota(14.0, -1.0, 5000.0))
    for _ in range(3):
        shell.take(gate, recipients=fleet.MAX_RECIPIENTS)


def test_a_quota_error_with_a_budget_rereads_the_window_from_the_probe(
    make_gate: Any, shell: Shell
) -> None:
    """SES's DailyQuotaExceeded closes the gate; the probe's count reopens it with that count."""
    answers = [fleet.SendQuota(14.0, 100.0, 100.0), fleet.SendQuota(14.0, 100.0, 60.0)]
    gate = make_gate(daily_quota=100, hold=600, probe=lambda: answers[0])
    shell.fail(gate, QUOTA)  # another sender on the account spent it
    with pytest.raises(fleet.Closed) as closed:
        shell.take(gate)
    assert closed.value.error is ses_errors.DailyQuotaExceeded
    # The probe said the window is full: closed, and asked no more than once a minute.
    answers.pop(0)
    with pytest.raises(fleet.Closed):
        shell.take(gate)
    gate.open()
    # Reopened by hand; with the probe's count of 100 the budget has no room yet.
    with pytest.raises(fleet.Closed) as budget:
        shell.take(gate)
    assert budget.value.reason == "budget"


def test_a_probe_with_room_reopens_and_reseeds_the_window(make_gate: Any, shell: Shell) -> None:
    """A probe whose SendQuota has room reopens the gate; its count is the window's from then."""
    gate = make_gate(daily_quota=100, hold=600, probe=lambda: fleet.SendQuota(14.0, 100.0, 70.0))
    shell.fail(gate, QUOTA)
    shell.take(gate, recipients=30)  # the probe reopened it: 70 sent, 30 of room
    with pytest.raises(fleet.Closed) as budget:
        shell.take(gate)
    assert budget.value.reason == "budget"


# --- lanes -----------------------------------------------------------------------------------

LANES = {"transactional": fleet.Lane(rate=0.3, quota=0.1)}


def test_other_lanes_never_spend_a_lanes_reserve(make_gate: Any, shell: Shell) -> None:
    """With a 10 % reserve of 100, the default lane stops at 90; the lane itself may use it."""
    gate = make_gate(daily_quota=100, lanes=LANES)
    shell.take(gate, recipients=90)
    with pytest.raises(fleet.Closed) as refused:
        shell.take(gate, recipients=1)
    assert (refused.value.reason, refused.value.lane) == ("budget", "default")
    shell.take(gate, recipients=10, lane="transactional")
    with pytest.raises(fleet.Closed) as full:
        shell.take(gate, recipients=1, lane="transactional")
    assert full.value.lane == "transactional"


def test_a_lane_does_not_wait_behind_other_lanes_backlog(make_gate: Any, shell: Shell) -> None:
    """Bulk booked 5 s ahead: a transactional slot is due now; its next at its own share."""
    gate = make_gate(lanes=LANES)
    start = shell.take(gate, recipients=50)
    for _ in range(9):
        backlog = shell.take(gate, recipients=50)
    assert backlog.at - start.at == pytest.approx(9 * 50 / RATE, abs=1e-3)
    first = shell.take(gate, lane="transactional", recipients=3)
    second = shell.take(gate, lane="transactional", recipients=3)
    assert first.at < backlog.at - 4
    assert second.at - first.at == pytest.approx(3 / (0.3 * RATE), abs=1e-3)
    # And it pushed the others back by its share of the pace.
    assert shell.take(gate).at >= backlog.at + 50 / RATE + 2 * 3 / RATE - 1e-6


def test_one_lane_alone_reaches_the_full_rate(make_gate: Any, shell: Shell) -> None:
    """Capacity the other lanes leave unused is the lane's: alone, it paces at the whole rate."""
    gate = make_gate(lanes=LANES)
    # Gaps of 0.4 s: far longer than a take (an event loop and a connection of its own for
    # aslot), so that each slot is due after the last one, never at the moment it was taken.
    times = [shell.take(gate, lane="transactional", recipients=40).at for _ in range(6)]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert gaps == pytest.approx([40 / RATE] * 5, abs=1e-4)


@pytest.mark.parametrize(
    ("lanes", "match"),
    [
        ({"a": fleet.Lane(rate=0.6), "b": fleet.Lane(rate=0.6)}, "rate shares"),
        ({"a": fleet.Lane(quota=0.7), "b": fleet.Lane(quota=0.4)}, "quota shares"),
        ({"": fleet.Lane()}, "lanes"),
        ({"a": 0.3}, "lanes"),
        ([("a", fleet.Lane())], "lanes"),
    ],
)
def test_lanes_that_cannot_work_are_refused(lanes: Any, match: str) -> None:
    """Shares past the whole, a nameless lane or one that is no Lane: ValueError at once."""
    with pytest.raises(ValueError, match=match):
        fleet.Gate(None, account="lanes", max_rate=RATE, lanes=lanes)


@pytest.mark.parametrize("share", [-0.1, 1.5, True, "0.3", float("nan")])
def test_a_lane_share_is_a_number_from_0_to_1(share: object) -> None:
    """A Lane's rate or quota share outside 0..1, or no number, is a ValueError."""
    with pytest.raises(ValueError, match="share"):
        fleet.Lane(rate=share)  # type: ignore[arg-type]  # the wrong type on purpose
    with pytest.raises(ValueError, match="share"):
        fleet.Lane(quota=share)  # type: ignore[arg-type]  # the wrong type on purpose


def test_an_unknown_lane_is_refused(make_gate: Any, shell: Shell) -> None:
    """slot(lane=...) with a lane the gate does not have is a ValueError."""
    with pytest.raises(ValueError, match="unknown lane"):
        shell.take(make_gate(lanes=LANES), lane="newsletter")


# --- names, keys and arguments -------------------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("account", ""),
        ("account", "x" * (fleet.MAX_ACCOUNT_CHARS + 1)),
        ("account", b"acme"),
        ("daily_quota", -2),
        ("daily_quota", float("inf")),
        ("daily_quota", "100"),
        ("quota_window", 0),
        ("trial_lease", -1),
    ],
    ids=lambda value: repr(value)[:20],
)
def test_gate_arguments_that_cannot_work_are_refused(argument: str, value: object) -> None:
    """Names past their bound, quotas and windows that are no number of their kind: ValueError."""
    options: dict[str, Any] = {"account": "a", "max_rate": RATE, argument: value}
    with pytest.raises(ValueError, match=argument):
        fleet.Gate(None, **options)


@pytest.mark.parametrize("name", ["", "x" * 65, 7, b"set"])
def test_a_configuration_set_name_past_its_bound_is_refused(
    make_gate: Any, shell: Shell, name: object
) -> None:
    """A configuration set name that is no text of 1 to 64 characters is a ValueError."""
    with pytest.raises(ValueError, match="configuration_set"):
        shell.take(make_gate(), configuration_set=name)


def test_account_and_set_names_never_share_a_key(redis_url: str) -> None:
    """Account acme's set "rate" closing leaves account "acme:scope:configuration-set" paced."""
    redis = pytest.importorskip("redis")
    suffix = uuid.uuid4().hex
    options: dict[str, Any] = {"max_rate": RATE, "sleep": lambda _: None, "jitter": 0.0}
    tricky = fleet.Gate(redis_url, account=f"acme{suffix}:scope:configuration-set", **options)
    plain = fleet.Gate(redis_url, account=f"acme{suffix}", **options)
    times = []
    for _ in range(3):
        with tricky.slot() as granted:
            times.append(granted.at)
    missing = ses_errors.ConfigurationSetDoesNotExist("Configuration set <rate> does not exist.")
    assert plain.record(missing, configuration_set="rate") is True
    with tricky.slot() as granted:
        assert granted.at >= times[-1] + 1 / RATE - 1e-6  # its schedule was not wiped
    tricky.record(QUOTA)
    with plain.slot() as granted:  # nor did the other's close reach this account
        assert not granted.is_trial
    with redis.Redis.from_url(redis_url) as client:
        keys = {key.decode() for key in client.keys(f"*{suffix}*")}
    assert len(keys) == 2


def test_an_8_mib_account_name_is_refused_before_redis() -> None:
    """An account name of 8 MiB is a ValueError, not 20 MiB in Redis for a day."""
    with pytest.raises(ValueError, match="account"):
        fleet.Gate("redis://127.0.0.1:1/0", account="a" * (8 << 20), max_rate=RATE)


# --- recipients_of ---------------------------------------------------------------------------

RAW = (
    b"From: a@example.com\r\nTo: b@example.com, C <c@example.com>\r\n"
    b"Cc: d@example.com\r\nBcc: e@example.com\r\nSubject: s\r\n\r\nTo: not@a.header\r\n"
)
TO = {"ToAddresses": ["a@x.com", "b@x.com"], "CcAddresses": ["c@x.com"], "BccAddresses": []}


@pytest.mark.parametrize(
    ("operation", "params", "expected"),
    [
        ("SendEmail", {"Source": "s@x.com", "Destination": TO, "Message": {}}, 3),
        ("SendTemplatedEmail", {"Destination": TO, "Template": "t"}, 3),
        ("SendRawEmail", {"RawMessage": {"Data": RAW}}, 4),
        ("SendRawEmail", {"RawMessage": {"Data": RAW.decode()}}, 4),
        ("SendRawEmail", {"Destinations": ["only@x.com"], "RawMessage": {"Data": RAW}}, 1),
        (
            "SendBulkTemplatedEmail",
            {"Destinations": [{"Destination": TO}, {"Destination": {"ToAddresses": ["z@x"]}}]},
            4,
        ),
        ("SendEmail", {"FromEmailAddress": "s@x.com", "Destination": TO, "Content": {}}, 3),
        ("SendEmail", {"Content": {"Raw": {"Data": RAW}}}, 4),
        ("SendBulkEmail", {"BulkEmailEntries": [{"Destination": TO}] * 3}, 9),
        ("SendBounce", {"OriginalMessageId": "m"}, 1),
        ("SendCustomVerificationEmail", {"EmailAddress": "a@x.com"}, 1),
        ("SendEmail", {"Destination": {}}, 1),
        ("GetSendQuota", {}, 0),
        ("ListIdentities", {"Destination": TO}, 0),
    ],
)
def test_recipients_of_counts_what_ses_counts(
    operation: str, params: dict[str, Any], expected: int
) -> None:
    """Every send operation's recipients, v1 and v2, raw messages by their headers."""
    assert fleet.recipients_of(operation, params) == expected


JUNK = st.recursive(
    st.none() | st.integers() | st.text(max_size=20) | st.binary(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=15), inner),
    max_leaves=12,
)


@given(
    operation=st.sampled_from(
        ["SendEmail", "SendRawEmail", "SendBulkEmail", "SendBulkTemplatedEmail", "Other"]
    ),
    params=JUNK,
)
def test_recipients_of_never_raises_on_junk(operation: str, params: object) -> None:
    """Parameters of any shape give a count, never an exception."""
    count = fleet.recipients_of(operation, params)  # type: ignore[arg-type]  # junk on purpose
    assert count >= (0 if operation == "Other" else 1)


# --- faults, against a real redis-server -----------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys, time
    from ses_errors import fleet
    gate = fleet.Gate(sys.argv[1], account=sys.argv[2], max_rate=100.0, trial_lease=1.0)
    with gate.slot() as granted:
        print("trial" if granted.is_trial else "go", flush=True)
        time.sleep(60)  # killed here, holding the trial
    """
)


def test_a_dead_trial_holder_frees_the_trial_within_its_lease(redis_url: str) -> None:
    """A worker killed while it holds the trial stops the fleet for one lease, not a minute."""
    account = f"dead-{uuid.uuid4().hex}"
    gate = fleet.Gate(redis_url, account=account, max_rate=100.0, hold=0.1, trial_lease=1.0)
    gate.record(QUOTA)
    time.sleep(0.2)
    holder = subprocess.Popen(  # noqa: S603 - this interpreter and our own script
        [sys.executable, "-c", HOLDER, redis_url, account], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "trial"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    holder.stdout.close()
    killed = time.monotonic()
    with pytest.raises(fleet.Closed) as closed, gate.slot():
        pass
    assert closed.value.retry_after <= 1.0
    time.sleep(closed.value.retry_after + 0.05)
    with gate.slot() as granted:
        assert granted.is_trial
    assert time.monotonic() - killed < 1.5


@pytest.mark.parametrize("seen_ahead", [True, False], ids=["clock-stepped-back", "schedule-only"])
def test_a_send_time_far_ahead_is_repaired(redis_url: str, seen_ahead: bool) -> None:
    """A stored schedule 60 s ahead (a clock that stepped back, a stale replica) costs no wait."""
    account = f"clock-{uuid.uuid4().hex}"
    waits: list[float] = []
    gate = fleet.Gate(redis_url, account=account, max_rate=RATE, sleep=waits.append, jitter=0)
    with gate.slot():
        pass
    redis = pytest.importorskip("redis")
    key = f"ses-errors:{{{account}}}:gate"
    with redis.Redis.from_url(redis_url) as client:
        state = json.loads(client.get(key))
        state["tat"] += 60
        state["reserved"] = [[end + 60, n] for end, n in state["reserved"]]
        if seen_ahead:
            state["seen"] += 60
        client.set(key, json.dumps(state), ex=600)
    for _ in range(3):
        with gate.slot():
            pass
    assert max(waits) < 0.1


PACER = textwrap.dedent(
    """
    import json, sys
    from ses_errors import fleet
    gate = fleet.Gate(sys.argv[1], account=sys.argv[2], max_rate=float(sys.argv[3]), jitter=0)
    times = []
    for _ in range(int(sys.argv[4])):
        with gate.slot() as granted:
            times.append(granted.at)
    print(json.dumps(times))
    """
)


def test_the_schedule_keeps_the_resolution_a_fast_account_needs(redis_url: str) -> None:
    """8 processes at 3,000 sends a second: no two slots closer than the rate allows."""
    account, rate, count = f"fast-{uuid.uuid4().hex}", 3000.0, 150
    processes = [
        subprocess.Popen(  # noqa: S603 - this interpreter and our own script
            [sys.executable, "-c", PACER, redis_url, account, str(rate), str(count)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    times = sorted(t for p in processes for t in json.loads(p.communicate(timeout=120)[0]))
    assert len(times) == 8 * count
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    # The clock's own resolution (a microsecond, as a float near 2e9) is all that is lost.
    assert min(gaps) >= 1 / rate - 1e-6
    achieved = (len(times) - 1) / (times[-1] - times[0])
    assert achieved <= rate * (1 + 1e-3)
