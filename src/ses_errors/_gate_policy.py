"""The fleet gate's decisions, written once and without I/O.

Every decision of a ``fleet.Gate`` is a function of the account's shared state and the store's
clock: whether a send may go and when, the one trial after a hold, when the fleet asks its
probe, what an error does, the lanes' shares and the quota budget. The shells (``slot`` and
``aslot``, ``record`` and ``arecord``) only run these functions inside a store's transaction,
which hands them the state as it is and keeps what they leave, atomically for every worker.

The state is one JSON-ready dict per account (``State``): small, bounded, and the same in
Redis and in the process. Times in it are the store's clock, in seconds.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypedDict, cast

import attrs

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

#: The lane of a send that names none.
DEFAULT_LANE = "default"
#: How long a trial send is held for its sender before another worker may try: a worker
#: killed while it holds the trial stops the fleet for no longer than this.
TRIAL_LEASE = 5.0
#: A closed gate lets the fleet ask its probe at most this often, not on every slot it
#: refuses.
PROBE_EVERY = 60.0
# After a cut, the rate climbs back to the maximum, linearly, over this long.
RECOVERY_SECONDS = 30.0
# A cut halves the rate, never below this fraction of the maximum.
MIN_RATE_FRACTION = 0.05
# Cuts closer together than this are one burst of throttling, and count once.
CUT_COOLDOWN_SECONDS = 1.0
# A clock reading this much behind the latest one seen is a clock that stepped back (or a
# failover to a replica whose clock is behind), not the order of two workers' calls.
CLOCK_STEP = 1.0
# A worker that has asked for no slot this long no longer counts among the account's workers.
WORKER_SEEN = 60.0
# The quota window is counted in this many buckets: memory stays bounded whatever is sent,
# and a send ages out between one and two buckets after the window, never before it.
BUCKETS = 96

ACCOUNT = "account"
BUDGET = "budget"  # the reason a send is refused when the quota budget has no room for it
OPERATOR = "operator"  # the reason a gate is closed by hand (the CLI's gate close)
_SET_PREFIX = "configuration-set:"

Verdict = Literal["go", "trial", "closed"]


class Closure(TypedDict):
    """A closed scope: until when, by what, and the trial that may be out."""

    until: float
    error: str
    trial_until: float
    token: str


class State(TypedDict, total=False):
    """One account's shared state, as the store keeps it (JSON-ready)."""

    seen: float  # the latest clock reading: a later one far behind it is a clock step
    tat: float  # the account's next free send time at its current rate
    lanes: dict[str, float]  # each lane with a share: its own next free send time
    cut: list[float]  # [rate after the last cut, when it was cut]
    closed: dict[str, Closure]  # scope -> its closure
    reserved: list[list[float]]  # [end, recipients] of each reservation whose pace is not over
    quota: float  # the budget: recipients in one window, once known
    used: list[list[object]]  # [bucket, {lane: recipients}] in the window, oldest first
    probe_at: float  # when the fleet may next ask the probe
    workers: dict[str, float]  # each worker (a gate) that asked lately -> when it last asked
    conf: dict[str, Any]  # the fleet's rate, window and lanes, as its workers last said


@attrs.frozen
class Lane:
    """A lane's own share of the account: of its send rate and of its quota budget.

    While a lane has sends waiting it gets at least ``rate`` of the account's pace, without
    waiting behind other lanes' backlog; the last ``quota`` of the budget is kept for it, and
    no other lane's sends spend it. What it leaves unused goes to the others.
    """

    rate: float = attrs.field(default=0.0, validator=lambda _, a, v: _share(a.name, v))
    quota: float = attrs.field(default=0.0, validator=lambda _, a, v: _share(a.name, v))


def _share(name: str, value: object) -> None:
    """Refuse a share that is no int or float from 0 to 1 (a bool is no share)."""
    if not (type(value) in {int, float} and 0 <= cast("float", value) <= 1):
        msg = f"a lane's {name} share is a number from 0 to 1, not {value!r:.40}"
        raise ValueError(msg)


class Answer(NamedTuple):
    """The policy's answer to a slot: go (or trial) at ``at``, or closed for ``wait`` seconds."""

    verdict: Verdict
    at: float  # the store's clock: when the send may go, or when a trial may be had
    wait: float  # seconds from now until then
    reason: str = ""  # closed: the class name of the closing error, or BUDGET
    scope: str = ""  # closed: the scope that is closed
    probe: bool = False  # closed: this caller is the one to ask the probe now
    workers: int = 1  # how many workers of the account asked for slots lately


class Request(NamedTuple):
    """What a slot asks for: its recipients, its lane and the scopes it sends in, and who asks."""

    recipients: int
    lane: str
    scopes: tuple[str, ...]
    token: str
    worker: str = ""


def set_scope(configuration_set: str) -> str:
    """Return the scope name of a configuration set."""
    return _SET_PREFIX + configuration_set


def configuration_set_of(scope: str) -> str | None:
    """Return the configuration set a scope names, or None for the account's own scope."""
    return scope.removeprefix(_SET_PREFIX) if scope.startswith(_SET_PREFIX) else None


@attrs.frozen
class Policy:
    """The decisions of one gate: its account's rate, hold, lanes and budget, and their rules."""

    max_rate: float
    hold: float
    lanes: Mapping[str, Lane] = attrs.field(factory=dict[str, Lane])
    quota: float | None = None  # recipients per window; None while unknown or unlimited
    window: float = 86_400.0
    seed: float = 0.0  # recipients already sent in the window when the budget was learnt
    trial_lease: float = TRIAL_LEASE

    # --- the clock, and bounds on what the state may say ------------------------------------

    def start(self, state: State, now: float) -> None:
        """Bring the state to ``now``: undo a clock step, drop what is past, bound the rest."""
        seen = state.get("seen", now)
        if now < seen - CLOCK_STEP:
            _shift(state, now - seen)
            seen = now
        state["seen"] = max(seen, now)
        # What the account's schedule holds: each reservation until its share of the pace
        # is over. The next free send time is never further out than they add up to at the
        # current rate; anything past that (a clock that jumped, a state written wrongly) is
        # repaired here.
        reserved = [entry for entry in state.get("reserved", []) if entry[0] > now]
        state["reserved"] = reserved
        backlog = sum(entry[1] for entry in reserved)
        state["tat"] = min(state.get("tat", now), now + backlog / self.current_rate(state, now))
        if self.quota is not None:
            self._start_budget(state, now)

    def _start_budget(self, state: State, now: float) -> None:
        if "quota" not in state and self.quota is not None:
            state["quota"] = self.quota
            state["used"] = _spread(self.seed, now, self.window)
        oldest = _bucket(now, self.window) - BUCKETS
        state["used"] = [entry for entry in state.get("used", []) if cast("int", entry[0]) > oldest]

    # --- slots -------------------------------------------------------------------------------

    def acquire(self, state: State, now: float, request: Request) -> Answer:
        """Answer a slot: closed, or go (or trial) at a time reserved for its recipients."""
        self.start(state, now)
        workers = _seen(state, now, request.worker)
        state["conf"] = self._conf()  # for an operator's status, who knows none of it
        closed = state.setdefault("closed", {})
        held = [(scope, closed[scope]) for scope in request.scopes if scope in closed]
        # Every scope is checked before any trial is granted, so that a trial is never
        # taken in one scope by a send that another scope then stops.
        for scope, closure in held:
            later = max(closure["until"], closure["trial_until"])
            if now < later:
                probe = self._probe_due(state, now)
                return Answer("closed", later, later - now, closure["error"], scope, probe, workers)
        refused = self._over_budget(state, now, request)
        if refused is not None:
            return refused._replace(workers=workers)
        for _, closure in held:
            closure["trial_until"] = now + self.trial_lease
            closure["token"] = request.token
        at = self._reserve(state, now, request)
        if self.quota is not None:
            _count(state, at, request, self.window)
        return Answer("trial" if held else "go", at, at - now, workers=workers)

    def _reserve(self, state: State, now: float, request: Request) -> float:
        """Take the next send time for the request's recipients on the shared schedule."""
        rate = self.current_rate(state, now)
        n = request.recipients
        tat = max(state.get("tat", now), now)
        at = tat
        share = self.lanes[request.lane].rate if request.lane in self.lanes else 0.0
        if share > 0:
            lanes = state.setdefault("lanes", {})
            # A lane with a share goes on its own schedule when the shared one is further out:
            # it does not wait behind other lanes' backlog.
            at = min(tat, max(lanes.get(request.lane, now), now))
            lanes[request.lane] = at + n / (share * rate)
        state["tat"] = tat + n / rate
        state.setdefault("reserved", []).append([state["tat"], n])
        return at

    def _over_budget(self, state: State, now: float, request: Request) -> Answer | None:
        """Refuse a send the budget has no room for, with when enough of the window ages out."""
        room = self._room(state, request.lane)
        if room is None or request.recipients <= room:
            return None
        # The oldest buckets age out first; the first one after which the send fits says when.
        needed = request.recipients - room
        for bucket, counts in state.get("used", []):
            needed -= sum(cast("dict[str, float]", counts).values())
            if needed <= 0:
                at = _ages_out(cast("int", bucket), self.window)
                return Answer("closed", at, max(0.0, at - now), BUDGET, ACCOUNT)
        return Answer("closed", now + self.window, self.window, BUDGET, ACCOUNT)

    def _conf(self) -> dict[str, Any]:
        return {
            "max_rate": self.max_rate,
            "window": self.window,
            "lanes": {name: [lane.rate, lane.quota] for name, lane in self.lanes.items()},
        }

    def _room(self, state: State, lane: str) -> float | None:
        """Recipients a lane may still send in the window (None: no budget).

        What the budget has left, less the part of other lanes' reserves they have not used.
        """
        quota = state.get("quota", math.inf)
        if self.quota is None or math.isinf(quota):
            return None
        by_lane = _by_lane(state.get("used", []))
        kept = sum(
            max(0.0, share.quota * quota - by_lane.get(name, 0.0))
            for name, share in self.lanes.items()
            if name != lane
        )
        return quota - kept - sum(by_lane.values())

    def status(self, state: State, now: float) -> dict[str, Any]:
        """Return the account's state as data: the rate, a cut, the budget, what is closed.

        The fleet's rate, window and lanes are read from the state, as its workers last wrote
        them, so that an operator who knows none of them sees the fleet's own.
        """
        conf = state.get("conf")
        if conf is not None and self._conf() != conf:
            fleets = attrs.evolve(
                self,
                max_rate=conf["max_rate"],
                window=conf["window"],
                lanes={name: Lane(*shares) for name, shares in conf["lanes"].items()},
                quota=state.get("quota", self.quota),
            )
            return fleets.status(state, now)
        self.start(state, now)
        cut = state.get("cut")
        rate = self.current_rate(state, now)
        budget = None
        if self._room(state, DEFAULT_LANE) is not None:
            used = _by_lane(state.get("used", []))
            lanes = sorted({DEFAULT_LANE, *self.lanes, *used})
            budget = {
                "quota": state.get("quota"),
                "window": self.window,
                "lanes": {
                    lane: {"used": used.get(lane, 0.0), "left": self._room(state, lane)}
                    for lane in lanes
                },
            }
        return {
            "rate": rate,
            "max_rate": self.max_rate,
            "cut": None
            if not cut or rate >= self.max_rate
            else {"rate": cut[0], "full_in": max(0.0, cut[1] + RECOVERY_SECONDS - now)},
            "budget": budget,
            "closed": [
                {
                    "scope": scope,
                    "error": closure["error"],
                    "seconds_left": max(0.0, closure["until"] - now),
                    "trial_out": now < closure["trial_until"],
                }
                for scope, closure in sorted(state.get("closed", {}).items())
            ],
            "workers": len(state.get("workers", {})),
        }

    # --- rate, closing, trials, the probe ---------------------------------------------------

    def current_rate(self, state: State, now: float) -> float:
        """Return the shared rate now: the maximum, or climbing back to it after a cut."""
        cut = state.get("cut")
        if not cut:
            return self.max_rate
        cut_rate, cut_at = cut
        recovered = (self.max_rate - cut_rate) * max(0.0, now - cut_at) / RECOVERY_SECONDS
        return min(self.max_rate, cut_rate + recovered)

    def rate_exceeded(self, state: State, now: float) -> None:
        """Halve the shared rate, once per burst of send-rate errors."""
        self.start(state, now)
        cut = state.get("cut")
        if cut and now - cut[1] < CUT_COOLDOWN_SECONDS:
            return
        rate = self.current_rate(state, now)
        state["cut"] = [max(self.max_rate * MIN_RATE_FRACTION, rate / 2), now]

    def close(
        self, state: State, now: float, scope: str, error: str, hold: float | None = None
    ) -> None:
        """Close a scope for the hold (or ``hold``); any trial in it ends. The fleet may probe."""
        self.start(state, now)
        state.setdefault("closed", {})[scope] = Closure(
            until=now + (self.hold if hold is None else hold),
            error=error,
            trial_until=0.0,
            token="",
        )
        state["probe_at"] = now

    def end_trial(self, state: State, now: float, request: Request, *, reopen: bool) -> None:
        """End the request's trial: reopen its scopes, or let another worker try."""
        self.start(state, now)
        closed = state.get("closed", {})
        for scope in request.scopes:
            closure = closed.get(scope)
            if closure is None or closure["token"] != request.token:
                continue
            if reopen:
                del closed[scope]
            else:
                closure["trial_until"], closure["token"] = 0.0, ""

    def _probe_due(self, state: State, now: float) -> bool:
        if now < state.get("probe_at", 0.0):
            return False
        state["probe_at"] = now + PROBE_EVERY
        return True

    def probed(  # noqa: PLR0913 - what the probe said, keyword by keyword
        self,
        state: State,
        now: float,
        scope: str,
        *,
        room: bool,
        sent: float | None = None,
        quota: float | None = None,
    ) -> None:
        """Take what the probe said: reopen ``scope`` if the account has room; re-read the window.

        ``sent`` and ``quota`` are the account's count of recipients in the window and its
        quota, when the probe read them (a quota below zero is SES's "unlimited").
        """
        self.start(state, now)
        if sent is not None and self.quota is not None:
            state["used"] = _spread(sent, now, self.window)
        if quota is not None and self.quota is not None:
            state["quota"] = math.inf if quota < 0 else quota
        if room:
            state.get("closed", {}).pop(scope, None)

    def reopen(self, state: State, now: float, scope: str | None = None) -> None:
        """Open one scope, or every scope, at once."""
        self.start(state, now)
        closed = state.get("closed", {})
        if scope is None:
            closed.clear()
        else:
            closed.pop(scope, None)


def _seen(state: State, now: float, worker: str) -> int:
    """Note that ``worker`` asked now; return how many workers asked within WORKER_SEEN."""
    workers = {name: at for name, at in state.get("workers", {}).items() if at > now - WORKER_SEEN}
    if worker:
        workers[worker] = now
    state["workers"] = workers
    return max(1, len(workers))


def _shift(state: State, by: float) -> None:
    """Move every time the state holds by ``by`` seconds (the clock stepped back by as much)."""
    if "tat" in state:
        state["tat"] += by
    if "probe_at" in state:
        state["probe_at"] += by
    lanes = state.get("lanes", {})
    for lane in lanes:
        lanes[lane] += by
    if "cut" in state:
        state["cut"][1] += by
    for closure in state.get("closed", {}).values():
        closure["until"] += by
        if closure["trial_until"]:
            closure["trial_until"] += by
    for entry in state.get("reserved", []):
        entry[0] += by
    workers = state.get("workers", {})
    for worker in workers:
        workers[worker] += by


def _bucket(at: float, window: float) -> int:
    return math.floor(at / (window / BUCKETS))


def _ages_out(bucket: int, window: float) -> float:
    """When a bucket leaves the window: one bucket's width after its last send does."""
    return (bucket + BUCKETS + 1) * (window / BUCKETS)


def _count(state: State, at: float, request: Request, window: float) -> None:
    """Count the request's recipients in the bucket of its send time."""
    bucket = _bucket(at, window)
    used = state.setdefault("used", [])
    for entry in reversed(used):
        if entry[0] == bucket:
            counts = cast("dict[str, float]", entry[1])
            counts[request.lane] = counts.get(request.lane, 0.0) + request.recipients
            return
    used.append([bucket, {request.lane: float(request.recipients)}])
    used.sort(key=lambda entry: cast("int", entry[0]))


def _spread(sent: float, now: float, window: float) -> list[list[object]]:
    """Return ``sent`` recipients spread evenly over the window up to ``now``.

    SES reports how many were sent in the last 24 hours, not when: spread, they age out
    steadily, neither all at once nor all at the end.
    """
    if sent <= 0:
        return []
    last = _bucket(now, window)
    buckets = range(last - BUCKETS + 1, last + 1)
    each = sent / len(buckets)
    return [[bucket, {DEFAULT_LANE: each}] for bucket in buckets]


def _by_lane(used: Sequence[Sequence[object]]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for _, counts in used:
        for lane, count in cast("dict[str, float]", counts).items():
            totals[lane] = totals.get(lane, 0.0) + count
    return totals
