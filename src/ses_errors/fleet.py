"""One sending gate for every worker of an SES account: its send rate, its quota, closing on errors.

SES's limits belong to the account in its region, not to a process, and SES counts recipients,
not calls: a message to 10 addresses is 10 sends against the send rate and 10 against the
rolling 24-hour quota. ``Gate`` paces every worker to the account's one rate in recipients,
keeps the quota's budget so that no request reaches SES on a spent quota, keeps lanes of mail
(password resets ahead of a newsletter), and, when an error means the account cannot send now
(the daily quota, paused or suspended sending, invalid credentials), stops every worker at
once::

    from ses_errors import fleet

    gate = fleet.Gate(
        "redis://127.0.0.1:6379/0",
        account="123456789012/us-east-1",
        max_rate=14,
        daily_quota=fleet.send_quota(client),  # or a number of recipients
        lanes={"transactional": fleet.Lane(rate=0.3, quota=0.1)},
    )

    with gate.slot(recipients=3, lane="transactional"):  # waits for the slot; raises
        client.send_email(...)                           # fleet.Closed when it cannot send

``Gate(None, ...)`` keeps the same state inside this process, one per account, for its
threads. With a URL the state is in Redis (``pip install 'ses-errors[redis]'``); if Redis
cannot be reached, or fails mid-run, the gate goes on in this process with one logged warning,
so sends go on.

The decisions are the policy's (``_gate_policy``); this module holds the shells that run them
in a store (``_fleet_store``), sync and asyncio, and the names a sender uses.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import random
import time
import urllib.parse
import uuid
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

import attrs

from ses_errors._base import class_for_name
from ses_errors._convert import as_ses_error
from ses_errors._fleet_link import Link
from ses_errors._gate_policy import (
    ACCOUNT,
    BUDGET,
    DEFAULT_LANE,
    OPERATOR,
    PROBE_EVERY,
    TRIAL_LEASE,
    Answer,
    Lane,
    Policy,
    Request,
    State,
    configuration_set_of,
    set_scope,
)
from ses_errors._recipients import recipients_of
from ses_errors._table import DEFER_SECONDS, Action, Family, Scope
from ses_errors._wire import finite_number, shown
from ses_errors.instrumentation import tell

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Mapping

    from ses_errors._base import SESError

__all__ = [
    "DEFAULT_HOLD",
    "DEFAULT_LANE",
    "MAX_ACCOUNT_CHARS",
    "MAX_CONFIGURATION_SET_CHARS",
    "MAX_RECIPIENTS",
    "PROBE_EVERY",
    "TRIAL_LEASE",
    "Closed",
    "Gate",
    "Lane",
    "SendQuota",
    "Slot",
    "quota_probe",
    "recipients_of",
    "send_quota",
]

T = TypeVar("T")

#: How long ``Gate.close()`` holds the gate when no hold is given, in seconds.
DEFAULT_HOLD = DEFER_SECONDS
# State expires a day after its last use (or a window, if longer): a gate left alone leaves
# nothing behind.
KEY_TTL = 86_400
#: The longest account name a gate takes (it goes into the Redis key, escaped).
MAX_ACCOUNT_CHARS = 256
#: The longest configuration set name a slot takes: SES's own limit.
MAX_CONFIGURATION_SET_CHARS = 64
#: One slot's recipients at the most: SES takes 50 a message, and 50 destinations of 50 in a
#: bulk send.
MAX_RECIPIENTS = 2500
_CLOSING_ACTIONS = frozenset({Action.DEFER, Action.FIX})
_log = logging.getLogger(__name__)


_YEAR = 365 * 86_400.0


class Closed(Exception):  # noqa: N818 - the gate's state, as the issue names it
    """The gate refused a slot: nothing was sent.

    ``retry_after`` is the seconds until a send may be tried again: the end of the hold (a
    trial send), or, for the budget, when enough of the quota window ages out for this send.
    ``error`` is the class of the error that closed the gate, or None when it is the quota
    budget (``reason`` names either as text); ``scope`` is ``Scope.ACCOUNT`` or
    ``Scope.CONFIGURATION_SET`` (then ``configuration_set`` names the set); ``lane`` is the
    lane of the refused send.
    """

    def __init__(
        self,
        retry_after: float,
        reason: str,
        scope: str = ACCOUNT,
        lane: str = DEFAULT_LANE,
        configuration_set: str | None = None,
    ) -> None:
        """Keep the seconds to wait, what closed it (a class name, or "budget"), and where.

        Raises ValueError for a ``retry_after`` that is no number of seconds from zero to a
        year, or a ``scope`` that is no ``Scope``; TypeError for a name that is not a str.
        """
        seconds = finite_number(retry_after)
        if seconds is None or not 0 <= seconds <= _YEAR:
            msg = f"retry_after must be seconds from zero to a year, not {shown(retry_after)}"
            raise ValueError(msg)
        names = (reason, lane, scope, "" if configuration_set is None else configuration_set)
        if not all(isinstance(name, str) for name in names):  # pyright: ignore[reportUnnecessaryIsInstance] - untyped callers
            msg = "reason, scope, lane and configuration_set are str"
            raise TypeError(msg)
        super().__init__(retry_after, reason, scope, lane, configuration_set)
        self.retry_after = retry_after
        self.reason = reason
        self.scope = Scope(scope)
        self.lane = lane
        self.configuration_set = configuration_set

    @property
    def error(self) -> type[SESError] | None:
        """The class of the error that closed the gate; None when the budget refused."""
        return None if self.reason == BUDGET else class_for_name(self.reason)

    def __str__(self) -> str:
        """Say what is closed, by what, and for how long."""
        where = self.scope.value + (
            f" {self.configuration_set}" if self.configuration_set is not None else ""
        )
        what = "the quota budget" if self.reason == BUDGET else self.reason
        return (
            f"{where} closed by {what} for the {self.lane} lane; retry in {self.retry_after:.0f} s"
        )


class Slot:
    """One send the gate let through: when it was due, for how many recipients, in which lane."""

    __slots__ = ("at", "is_trial", "lane", "recipients")

    def __init__(
        self, at: float, *, is_trial: bool, recipients: int = 1, lane: str = DEFAULT_LANE
    ) -> None:
        """Keep the send's due time (the store's clock), whether it is the trial, and its size."""
        self.at = at
        self.is_trial = is_trial
        self.recipients = recipients
        self.lane = lane


class SendQuota(NamedTuple):
    """The account's sending limits, as SES reports them."""

    max_send_rate: float
    max_24_hour_send: float
    sent_last_24_hours: float


class Gate:
    """A sending gate shared by every worker of one account, in Redis or in this process."""

    def __init__(  # noqa: PLR0913 - the contract's arguments, and the injectable parts
        self,
        redis: str | object | None,
        *,
        account: str,
        max_rate: float,
        hold: float = DEFAULT_HOLD,
        probe: Callable[[], bool | SendQuota] | None = None,
        sleep: Callable[[float], object] = time.sleep,
        asleep: Callable[[float], Awaitable[object]] | None = None,
        jitter: float = 0.1,
        daily_quota: float | SendQuota | None = None,
        quota_window: float = 86_400.0,
        lanes: Mapping[str, Lane] | None = None,
        trial_lease: float = TRIAL_LEASE,
    ) -> None:
        """Make a gate for ``account`` at ``max_rate`` recipients a second.

        ``redis`` is where the account's state is shared: a Redis URL, a ready redis-py client
        (``redis.Redis``, ``redis.RedisCluster``, a Sentinel-managed client, one over TLS; or a
        ``redis.asyncio`` one, for ``aslot`` only), or None for this process alone.

        ``hold`` is how long a closed gate stays closed before one worker gets a trial send;
        ``probe`` (``quota_probe(client)``, or any callable returning whether the account can
        send) may reopen it earlier, and is asked at most once a minute by the whole fleet.
        ``daily_quota`` is the account's budget of recipients in ``quota_window`` seconds: a
        number, or the ``SendQuota`` that ``send_quota(client)`` returns (its count seeds the
        window); -1 (SES's "unlimited") or None keeps no budget. ``lanes`` names the lanes a
        slot may take and their shares. ``jitter`` spreads each wait by up to that fraction of
        one send's interval, so workers do not move in step. ``sleep`` (``slot``) and ``asleep``
        (``aslot``, ``asyncio.sleep`` by default) do the waiting. Raises ValueError for an
        argument that cannot work.
        """
        self.account = _name("account", account, MAX_ACCOUNT_CHARS)
        self.max_rate = _positive("max_rate", max_rate)
        if not 0 <= _positive("jitter", jitter, zero=True) <= 1:
            msg = f"jitter is a fraction from 0 to 1, not {shown(jitter)}"
            raise ValueError(msg)
        quota, seed = _budget(daily_quota)
        self._policy = Policy(
            max_rate=self.max_rate,
            hold=_positive("hold", hold, zero=True),
            lanes=_lanes(lanes),
            quota=quota,
            window=_positive("quota_window", quota_window),
            seed=seed,
            trial_lease=_positive("trial_lease", trial_lease),
        )
        self.hold = self._policy.hold
        self._probe = probe
        self._sleep = sleep
        self._asleep = asleep
        self._jitter = jitter
        self._random = random.Random()  # noqa: S311 - spreading waits, not cryptography
        self._worker = uuid.uuid4().hex
        self._fleet_size = 1  # the account's workers, as Redis last told
        self._link = Link(
            redis,
            key=_key(self.account),
            ttl=max(KEY_TTL, math.ceil(self._policy.window)),
            account=self.account,
        )

    @property
    def lanes(self) -> Mapping[str, Lane]:
        """The lanes a slot may name, beside the default lane."""
        return self._policy.lanes

    @property
    def fallen_back(self) -> bool:
        """Whether this process paces alone now, at its share, because Redis did not answer."""
        return self._link.fallen_back

    def _decide(self, name: str, **kwargs: Any) -> Callable[[bool], Callable[[State, float], Any]]:  # noqa: ANN401 - the policy's own keywords
        """Return the policy's decision ``name``: the fleet's, or this process's alone."""

        def decide_for(shared: bool) -> Callable[[State, float], Any]:
            # Alone, a process paces at its share of the account: its rate over the workers
            # Redis last counted.
            policy = (
                self._policy
                if shared
                else attrs.evolve(self._policy, max_rate=self.max_rate / self._fleet_size)
            )
            return functools.partial(getattr(policy, name), **kwargs)

        return decide_for

    def _call(self, name: str, **kwargs: Any) -> Any:  # noqa: ANN401 - the decision's answer
        """Run the policy's decision ``name`` where the account's state is."""
        return self._link.transact(self._decide(name, **kwargs))

    async def _acall(self, name: str, **kwargs: Any) -> Any:  # noqa: ANN401 - as _call
        """``_call`` for asyncio."""
        return await self._link.atransact(self._decide(name, **kwargs))

    def check_lane(self, lane: object) -> str:
        """Return the lane a slot of ``lane`` is in; ValueError for a lane the gate lacks."""
        name = DEFAULT_LANE if lane is None else lane
        if name != DEFAULT_LANE and name not in self._policy.lanes:
            msg = f"unknown lane {shown(lane)}: the gate's lanes are {sorted(self._policy.lanes)}"
            raise ValueError(msg)
        return str(name)

    def _request(self, recipients: object, lane: object, configuration_set: object) -> Request:
        """Check a slot's arguments; return the request the policy decides on."""
        if not (type(recipients) is int and 1 <= recipients <= MAX_RECIPIENTS):
            msg = (
                f"recipients is a whole number from 1 to {MAX_RECIPIENTS}, not {shown(recipients)}"
            )
            raise ValueError(msg)
        name = self.check_lane(lane)
        scopes: tuple[str, ...] = (ACCOUNT,)
        if configuration_set is not None:
            name_of_set = _name("configuration_set", configuration_set, MAX_CONFIGURATION_SET_CHARS)
            scopes += (set_scope(name_of_set),)
        return Request(recipients, name, scopes, uuid.uuid4().hex, self._worker)

    @contextlib.contextmanager
    def slot(
        self,
        *,
        recipients: int = 1,
        lane: str | None = None,
        configuration_set: str | None = None,
    ) -> Generator[Slot]:
        """Wait for a slot for ``recipients`` at the shared rate; raise ``Closed`` if refused.

        The slot counts ``recipients`` against the rate and the quota budget, in ``lane``
        (the default lane when None). An exception raised inside the block is recorded
        (``record``) and re-raised. A trial send that ends without an error, or with one that
        does not close the gate, reopens it. Raises ValueError for a recipient count that is
        no whole number from 1 to ``MAX_RECIPIENTS``, an unknown lane, or a configuration set
        name that is no text of 1 to 64 characters.
        """
        request = self._request(recipients, lane, configuration_set)
        answer = self._acquire(request)
        self._tell_granted(answer, request)
        self._sleep(self._wait_for(answer))
        slot = Slot(
            answer.at, is_trial=answer.verdict == "trial", recipients=recipients, lane=request.lane
        )
        try:
            yield slot
        except BaseException as exc:
            closed = self.record(exc, configuration_set=configuration_set)
            if slot.is_trial and not closed:
                # SES answered: the account can send, so the trial reopens the gate.
                self._call("end_trial", request=request, reopen=as_ses_error(exc) is not None)
            raise
        if slot.is_trial:
            self._call("end_trial", request=request, reopen=True)
            tell("reopened", self.account, reason="trial", lane=request.lane)

    def _wait_for(self, answer: Answer) -> float:
        """Seconds until the slot is due, spread by up to ``jitter`` of one send's interval."""
        return answer.wait + self._random.uniform(0, self._jitter / self.max_rate)

    def _acquire(self, request: Request) -> Answer:
        answer: Answer = self._call("acquire", request=request)
        if answer.probe and (probed := self._ask_probe(answer)) is not None:
            self._call("probed", **probed)
            answer = self._call("acquire", request=request)
            if answer.verdict != "closed":
                tell("reopened", self.account, reason="probe", scope=probed["scope"])
        return self._granted(answer, request)

    def _granted(self, answer: Answer, request: Request) -> Answer:
        if not self._link.fallen_back:
            self._fleet_size = answer.workers
        if answer.verdict != "closed":
            return answer
        tell(
            "refused",
            self.account,
            lane=request.lane,
            recipients=request.recipients,
            reason=answer.reason,
            scope=answer.scope,
        )
        raise Closed(
            answer.wait,
            answer.reason,
            ACCOUNT
            if configuration_set_of(answer.scope) is None
            else Scope.CONFIGURATION_SET.value,
            request.lane,
            configuration_set_of(answer.scope),
        )

    def _ask_probe(self, answer: Answer) -> dict[str, Any] | None:
        """Ask the probe; return what the policy's ``probed`` takes, or None if it said nothing."""
        if self._probe is None:
            return None
        try:
            said = self._probe()
        except Exception:  # noqa: BLE001 - a probe that fails says nothing: the gate stays closed
            _log.warning("ses-errors fleet gate for %s: the probe failed", self.account)
            return None
        if not isinstance(said, SendQuota):
            return {"scope": answer.scope, "room": bool(said)}
        quota, sent = said.max_24_hour_send, said.sent_last_24_hours
        return {
            "scope": answer.scope,
            "room": quota < 0 or sent < quota,
            "sent": sent,
            "quota": quota,
        }

    def record(self, exc: BaseException, *, configuration_set: str | None = None) -> bool:
        """Record an error for every worker; return whether it closed the gate.

        A send-rate error lowers the shared rate at once (it recovers over half a minute).
        An error of the whole account that cannot be retried (the daily quota, paused or
        suspended sending, invalid credentials) closes the gate for ``hold`` seconds; one of a
        configuration set closes only the sends that name that set. Anything else is ignored.
        """
        effect = self._effect(exc, configuration_set)
        if effect is None:
            return False
        self._call(effect.name, **effect.keywords)
        return self._told(effect)

    def _told(self, effect: _Effect) -> bool:
        """Tell the listeners what a recorded error did; return whether it closed a scope."""
        if effect.name == "close":
            tell("closed", self.account, reason=effect.error, scope=effect.scope)
            return True
        tell("cut", self.account)
        return False

    def _tell_granted(self, answer: Answer, request: Request) -> None:
        tell(
            "granted",
            self.account,
            lane=request.lane,
            recipients=request.recipients,
            wait=answer.wait,
            trial=answer.verdict == "trial",
        )

    def _effect(self, exc: BaseException, configuration_set: str | None) -> _Effect | None:
        """Return the decision that records ``exc`` and its keywords, or None for no change."""
        error = as_ses_error(exc)
        if error is None:
            return None
        if _is_rate_error(error):
            return _Effect("rate_exceeded")
        if error.action not in _CLOSING_ACTIONS:
            return None
        scope = None
        if error.scope is Scope.ACCOUNT:
            scope = ACCOUNT
        elif error.scope is Scope.CONFIGURATION_SET and configuration_set is not None:
            scope = set_scope(configuration_set)
        if scope is None:
            return None
        return _Effect("close", scope, type(error).__name__)

    def open(self, scope: str | None = None) -> None:
        """Open the gate (one scope, or every one) at once, for every worker."""
        self._call("reopen", scope=scope)
        tell("reopened", self.account, reason=OPERATOR, scope=scope)

    def close(self, hold: float) -> None:
        """Close the account's gate by hand for ``hold`` seconds, for every worker.

        Slots are refused with ``Closed`` (its ``reason`` is "operator") until the hold ends,
        then a trial goes as after any closing; ``open()`` ends it sooner.
        """
        seconds = _positive("hold", hold, zero=True)
        self._call("close", scope=ACCOUNT, error=OPERATOR, hold=seconds)
        tell("closed", self.account, reason=OPERATOR, scope=ACCOUNT)

    def status(self) -> dict[str, Any]:
        """Return the account's gate as data, JSON-ready, for an operator.

        ``rate`` and ``max_rate`` (recipients a second), ``cut`` (the rate after a send-rate
        error and the seconds until it is full again, or None), ``budget`` (the quota, the
        window and, per lane, the recipients ``used`` and ``left``, or None without a budget),
        ``closed`` (each closed scope with its ``error``, ``seconds_left`` and whether a trial
        is out), ``workers`` (those that asked for a slot in the last minute), and
        ``fallen_back`` with its ``cause`` (this process pacing alone, and why).
        """
        status: dict[str, Any] = self._call("status")
        return {
            "account": self.account,
            **status,
            "fallen_back": self._link.fallen_back,
            "cause": self._link.cause,
        }

    # --- the same, for asyncio senders (aiobotocore), on redis.asyncio -------------------------

    @contextlib.asynccontextmanager
    async def aslot(
        self,
        *,
        recipients: int = 1,
        lane: str | None = None,
        configuration_set: str | None = None,
    ) -> AsyncGenerator[Slot]:
        """``slot()`` for asyncio: waits with ``asyncio.sleep``, and talks to Redis asynchronously.

        It shares the account's state with every ``slot()`` and ``aslot()`` of it, on Redis or
        in this process; if Redis fails, it goes on in this process as ``slot()`` does.
        """
        import asyncio  # noqa: PLC0415 - asyncio is heavier than the package; only aslot needs it

        request = self._request(recipients, lane, configuration_set)
        answer: Answer = await self._acall("acquire", request=request)
        if answer.probe and (probed := await asyncio.to_thread(self._ask_probe, answer)):
            await self._acall("probed", **probed)
            answer = await self._acall("acquire", request=request)
            if answer.verdict != "closed":
                tell("reopened", self.account, reason="probe", scope=probed["scope"])
        answer = self._granted(answer, request)
        self._tell_granted(answer, request)
        await (self._asleep or asyncio.sleep)(self._wait_for(answer))
        slot = Slot(
            answer.at, is_trial=answer.verdict == "trial", recipients=recipients, lane=request.lane
        )
        try:
            yield slot
        except BaseException as exc:
            closed = await self.arecord(exc, configuration_set=configuration_set)
            if slot.is_trial and not closed:
                await self._acall(
                    "end_trial", request=request, reopen=as_ses_error(exc) is not None
                )
            raise
        if slot.is_trial:
            await self._acall("end_trial", request=request, reopen=True)
            tell("reopened", self.account, reason="trial", lane=request.lane)

    async def arecord(self, exc: BaseException, *, configuration_set: str | None = None) -> bool:
        """``record()`` for asyncio."""
        effect = self._effect(exc, configuration_set)
        if effect is None:
            return False
        await self._acall(effect.name, **effect.keywords)
        return self._told(effect)

    async def aclose(self) -> None:
        """Close this event loop's Redis connections; await it before the loop ends.

        A gate keeps one redis.asyncio client per event loop (from a URL). ``asyncio.run``
        ends its loop with the coroutine, so a coroutine that used ``aslot()`` should end with
        this.
        """
        await self._link.aclose()


class _Effect(NamedTuple):
    """A decision that records an error: its name, and the scope and error it closes."""

    name: str
    scope: str = ""
    error: str = ""

    @property
    def keywords(self) -> dict[str, str]:
        """The decision's keywords: the scope it closes and the error, when it closes one."""
        return {"scope": self.scope, "error": self.error} if self.name == "close" else {}


def _is_rate_error(error: SESError) -> bool:
    """Whether SES refused for the account's send rate (MaxSendRateExceeded, its SMTP reply)."""
    return (
        error.family is Family.THROTTLING
        and error.scope is Scope.ACCOUNT
        and error.action is Action.RETRY
    )


def _positive(name: str, value: object, *, zero: bool = False) -> float:
    """Return ``value`` as a finite float above zero (or at zero), else raise ValueError."""
    number = math.nan
    if isinstance(value, int | float) and not isinstance(value, bool):
        with contextlib.suppress(OverflowError):
            number = float(value)
    if not (math.isfinite(number) and (number >= 0 if zero else number > 0)):
        least = "of zero or more" if zero else "above zero"
        msg = f"{name} must be a finite number {least}, not {shown(value)}"
        raise ValueError(msg)
    return number


def _name(what: str, value: object, limit: int) -> str:
    """Return ``value`` if it is a str of 1 to ``limit`` characters, else raise ValueError."""
    if not (type(value) is str and 0 < len(value) <= limit):
        msg = f"{what} is a name of 1 to {limit} characters, not {shown(value)}"
        raise ValueError(msg)
    return value


def _key(account: str) -> str:
    """Return the Redis key of an account's state, unambiguous for any account name.

    The name is percent-escaped, so that no character of it (a colon, a brace) can make two
    accounts' keys meet; the braces make it Redis Cluster's hash tag.
    """
    return f"ses-errors:{{{urllib.parse.quote(account, safe='')}}}:gate"


def _budget(daily_quota: object) -> tuple[float | None, float]:
    """Return the budget (None for none) and the recipients already sent in its window."""
    if daily_quota is None:
        return None, 0.0
    quota: object = daily_quota
    seed: object = 0.0
    if isinstance(daily_quota, SendQuota):
        quota, seed = daily_quota.max_24_hour_send, daily_quota.sent_last_24_hours
    if type(quota) in {int, float} and quota == -1:
        return None, 0.0  # SES's "unlimited"
    return _positive("daily_quota", quota, zero=True), _positive("sent", seed, zero=True)


def _lanes(lanes: object) -> dict[str, Lane]:
    """Check the lanes: names of text, Lane values, shares adding up to no more than 1."""
    if lanes is None:
        return {}
    items = list(cast("dict[object, object]", lanes).items()) if isinstance(lanes, dict) else None
    if items is None or not all(
        type(name) is str and name and isinstance(lane, Lane) for name, lane in items
    ):
        msg = "lanes is a dict of lane names to fleet.Lane"
        raise ValueError(msg)
    checked = cast("dict[str, Lane]", dict(items))
    for share in ("rate", "quota"):
        if sum(getattr(lane, share) for lane in checked.values()) > 1:
            msg = f"the lanes' {share} shares add up to more than 1"
            raise ValueError(msg)
    return checked


def send_quota(client: Any) -> SendQuota:  # noqa: ANN401 - a boto3 or botocore ses/sesv2 client
    """Read the account's limits: GetSendQuota (ses) or GetAccount (sesv2).

    ``Gate(url, account=..., max_rate=quota.max_send_rate, daily_quota=quota)`` paces to the
    account's own rate and keeps its quota's budget. Raises ValueError for a client of another
    service.
    """
    service = client.meta.service_model.service_name
    if service == "ses":
        quota = client.get_send_quota()
    elif service == "sesv2":
        quota = client.get_account()["SendQuota"]
    else:
        msg = f"send_quota takes an ses or sesv2 client, not {service!r}"
        raise ValueError(msg)
    return SendQuota(
        float(quota["MaxSendRate"]),
        float(quota["Max24HourSend"]),
        float(quota["SentLast24Hours"]),
    )


def quota_probe(client: Any) -> Callable[[], SendQuota]:  # noqa: ANN401 - as for send_quota
    """Return a gate probe: the account's quota now, from which the gate reads its room."""
    return functools.partial(send_quota, client)
