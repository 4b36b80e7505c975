"""One sending gate for every worker of an SES account: its send rate, and closing on its errors.

SES's limits belong to the account in its region, not to a process. ``Gate`` paces every worker
to the account's one send rate and, when an error means the account cannot send now (the daily
quota, paused or suspended sending, invalid credentials), stops all of them at once::

    from ses_errors import fleet

    gate = fleet.Gate("redis://127.0.0.1:6379/0", account="123456789012/us-east-1", max_rate=14)

    with gate.slot():            # waits for a send slot at the shared rate; raises fleet.Closed
        client.send_email(...)   # when the account cannot send now. An SES error raised in the
                                 # block is recorded for every worker.

``Gate(None, ...)`` keeps the same state inside this process, one per account, for its
threads. With a URL the state is in Redis (``pip install 'ses-errors[redis]'``); if Redis
cannot be reached, or fails mid-run, the gate goes on in this process with one logged warning,
so sends go on.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import math
import random
import threading
import time
import uuid
import weakref
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from ses_errors._convert import as_ses_error
from ses_errors._fleet_store import (
    Answer,
    AsyncRedisClient,
    AsyncRedisStore,
    LocalStore,
    RedisClient,
    RedisStore,
)
from ses_errors._table import DEFER_SECONDS, Action, Family, Scope
from ses_errors._wire import shown

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Callable, Generator

    from ses_errors._base import SESError

__all__ = [
    "DEFAULT_HOLD",
    "PROBE_EVERY",
    "Closed",
    "Gate",
    "SendQuota",
    "Slot",
    "quota_probe",
    "send_quota",
]

T = TypeVar("T")

DEFAULT_HOLD = DEFER_SECONDS
ACCOUNT_SCOPE = "account"
# Keys expire a day after their last use: a gate left alone leaves nothing behind.
KEY_TTL = 86_400
# A closed gate asks its probe at most this often, not on every slot() it refuses.
PROBE_EVERY = 60.0
_CLOSING_ACTIONS = frozenset({Action.DEFER, Action.FIX})
_log = logging.getLogger(__name__)


class Closed(Exception):  # noqa: N818 - the gate's state, as the issue names it
    """The gate is closed: the account (or the configuration set) cannot send now.

    ``retry_after`` is the seconds until a trial send is allowed; ``error`` the name of the
    error class that closed it; ``scope`` what is closed (``account`` or
    ``configuration-set:NAME``). Nothing was sent.
    """

    def __init__(self, retry_after: float, error: str, scope: str) -> None:
        """Keep the seconds to wait, the closing error's class name and the scope."""
        super().__init__(retry_after, error, scope)
        self.retry_after = retry_after
        self.error = error
        self.scope = scope

    def __str__(self) -> str:
        """Say what is closed, by what, and for how long."""
        return f"{self.scope} closed by {self.error}; a trial in {self.retry_after:.0f} s"


class Slot:
    """One send the gate let through: when it was due, and whether it is the trial."""

    __slots__ = ("at", "is_trial")

    def __init__(self, at: float, *, is_trial: bool) -> None:
        """Keep the send's due time (the store's clock) and whether it is a trial send."""
        self.at = at
        self.is_trial = is_trial


class Gate:
    """A sending gate shared by every worker of one account, in Redis or in this process."""

    def __init__(  # noqa: PLR0913 - the contract's arguments, and the injectable parts
        self,
        url: str | None,
        *,
        account: str,
        max_rate: float,
        hold: float = DEFAULT_HOLD,
        probe: Callable[[], bool] | None = None,
        sleep: Callable[[float], object] = time.sleep,
        jitter: float = 0.1,
    ) -> None:
        """Make a gate for ``account`` at ``max_rate`` sends a second.

        ``hold`` is how long a closed gate stays closed before one worker gets a trial send;
        ``probe`` (for example a GetSendQuota call returning whether sending is possible) may
        reopen it earlier. ``jitter`` spreads each wait by up to that fraction of one send's
        interval, so workers do not move in step.
        """
        self.account = account
        self.max_rate = _positive("max_rate", max_rate)
        self.hold = _positive("hold", hold, zero=True)
        if not 0 <= _positive("jitter", jitter, zero=True) <= 1:
            msg = f"jitter is a fraction from 0 to 1, not {shown(jitter)}"
            raise ValueError(msg)
        self._probe = probe
        self._next_probe = 0.0
        self._sleep = sleep
        self._jitter = jitter
        self._random = random.Random()  # noqa: S311 - spreading waits, not cryptography
        self._local = _local_store(account)
        self._store: LocalStore | RedisStore = self._local
        # redis.asyncio clients belong to their event loop: one store per loop, made on its
        # first aslot(), and forgotten with the loop.
        self._async_stores: weakref.WeakKeyDictionary[object, LocalStore | AsyncRedisStore] = (
            weakref.WeakKeyDictionary()
        )
        self._url = url
        self._prefix = f"ses-errors:{account}"
        if url is not None:
            self._store = self._redis_store(url)

    def _redis_store(self, url: str) -> LocalStore | RedisStore:
        try:
            import redis  # noqa: PLC0415 - an optional dependency, ses-errors[redis]

            client: RedisClient = redis.Redis.from_url(  # pyright: ignore[reportUnknownMemberType]  # redis-py's from_url is partly untyped
                url, socket_timeout=2, socket_connect_timeout=2
            )
            return RedisStore(client, self._prefix, key_ttl=KEY_TTL)
        except Exception:  # noqa: BLE001 - no redis-py, a bad URL: this process goes on alone
            self._fall_back("could not set up")
            return self._local

    def _fall_back(self, what: str) -> None:
        if self._store is not self._local:
            _log.warning(
                "ses-errors fleet gate for %s: Redis %s; pacing in this process only",
                self.account,
                what,
            )
        self._store = self._local

    def _call(self, operation: Callable[[LocalStore | RedisStore], T]) -> T:
        """Run a store operation; if Redis fails, go on with this process's store."""
        try:
            return operation(self._store)
        except Exception:
            if self._store is self._local:
                raise
            self._fall_back("failed")
            return operation(self._store)

    @contextlib.contextmanager
    def slot(self, *, configuration_set: str | None = None) -> Generator[Slot]:
        """Wait for a send slot at the shared rate; raise ``Closed`` if the account cannot send.

        An exception raised inside the block is recorded (``record``) and re-raised. A trial
        send that ends without an error, or with one that does not close the gate, reopens it.
        """
        scopes = _scopes(configuration_set)
        token = uuid.uuid4().hex
        answer = self._acquire(scopes, token)
        self._sleep(self._wait_for(answer))
        slot = Slot(answer.at, is_trial=answer.verdict == "trial")
        try:
            yield slot
        except BaseException as exc:
            closed = self.record(exc, configuration_set=configuration_set)
            if slot.is_trial and not closed:
                reopen = as_ses_error(exc) is not None  # SES answered: the account can send
                self._end_trial(scopes, token, reopen=reopen)
            raise
        if slot.is_trial:
            self._end_trial(scopes, token, reopen=True)

    def _wait_for(self, answer: Answer) -> float:
        """Seconds until the slot is due, spread by up to ``jitter`` of one send's interval."""
        return answer.wait + self._random.uniform(0, self._jitter / self.max_rate)

    def _acquire(self, scopes: list[str], token: str) -> Answer:
        answer = self._call(lambda store: store.acquire(scopes, token, self.max_rate))
        if answer.verdict == "closed" and self._probe_says_open():
            self._call(lambda store: store.reopen(answer.scope))
            answer = self._call(lambda store: store.acquire(scopes, token, self.max_rate))
        if answer.verdict == "closed":
            raise Closed(answer.wait, answer.reason, answer.scope)
        return answer

    def _probe_says_open(self) -> bool:
        """Ask the probe, at most every PROBE_EVERY seconds, whether the account can send."""
        now = time.monotonic()
        if self._probe is None or now < self._next_probe:
            return False
        self._next_probe = now + PROBE_EVERY
        try:
            return bool(self._probe())
        except Exception:  # noqa: BLE001 - a probe that fails says nothing: the gate stays closed
            _log.warning("ses-errors fleet gate for %s: the probe failed", self.account)
            return False

    def _end_trial(self, scopes: list[str], token: str, *, reopen: bool) -> None:
        for scope in scopes:
            self._end_trial_of(scope, token, reopen=reopen)

    def _end_trial_of(self, scope: str, token: str, *, reopen: bool) -> None:
        self._call(lambda store: store.end_trial(scope, token, reopen=reopen))

    def record(self, exc: BaseException, *, configuration_set: str | None = None) -> bool:
        """Record an error for every worker; return whether it closed the gate.

        A send-rate error lowers the shared rate at once (it recovers over half a minute).
        An error of the whole account that cannot be retried (the daily quota, paused or
        suspended sending, invalid credentials) closes the gate for ``hold`` seconds; one of a
        configuration set closes only the sends that name that set. Anything else is ignored.
        """
        effect = _effect_of(exc, configuration_set)
        if effect is None:
            return False
        scope, reason = effect
        if scope is None:
            self._call(lambda store: store.rate_exceeded(self.max_rate))
            return False
        self._call(lambda store: store.close(scope, self.hold, reason))
        return True

    # --- the same, for asyncio senders (aiobotocore), on redis.asyncio -------------------------

    @contextlib.asynccontextmanager
    async def aslot(self, *, configuration_set: str | None = None) -> AsyncGenerator[Slot]:
        """``slot()`` for asyncio: waits with ``asyncio.sleep``, and talks to Redis asynchronously.

        It shares the account's state with every ``slot()`` and ``aslot()`` of it, on Redis or
        in this process; if Redis fails, it goes on in this process as ``slot()`` does.
        """
        import asyncio  # noqa: PLC0415 - asyncio is heavier than the package; only aslot needs it

        scopes = _scopes(configuration_set)
        token = uuid.uuid4().hex
        answer = await self._aacquire(scopes, token)
        await asyncio.sleep(self._wait_for(answer))
        slot = Slot(answer.at, is_trial=answer.verdict == "trial")
        try:
            yield slot
        except BaseException as exc:
            closed = await self.arecord(exc, configuration_set=configuration_set)
            if slot.is_trial and not closed:
                reopen = as_ses_error(exc) is not None
                for scope in scopes:
                    await self._aend_trial_of(scope, token, reopen=reopen)
            raise
        if slot.is_trial:
            for scope in scopes:
                await self._aend_trial_of(scope, token, reopen=True)

    async def arecord(self, exc: BaseException, *, configuration_set: str | None = None) -> bool:
        """``record()`` for asyncio."""
        effect = _effect_of(exc, configuration_set)
        if effect is None:
            return False
        scope, reason = effect
        if scope is None:
            await self._acall(lambda store: store.rate_exceeded(self.max_rate))
            return False
        await self._acall(lambda store: store.close(scope, self.hold, reason))
        return True

    async def aclose(self) -> None:
        """Close this event loop's Redis connections; await it before the loop ends.

        A gate keeps one redis.asyncio client per event loop. ``asyncio.run`` ends its loop
        with the coroutine, so a coroutine that used ``aslot()`` should end with this.
        """
        import asyncio  # noqa: PLC0415 - see aslot

        store = self._async_stores.pop(asyncio.get_running_loop(), None)
        if isinstance(store, AsyncRedisStore):
            await store.aclose()

    async def _aacquire(self, scopes: list[str], token: str) -> Answer:
        import asyncio  # noqa: PLC0415 - see aslot

        answer: Answer = await self._acall(
            lambda store: store.acquire(scopes, token, self.max_rate)
        )
        if answer.verdict == "closed" and await asyncio.to_thread(self._probe_says_open):
            await self._acall(lambda store: store.reopen(answer.scope))
            answer = await self._acall(lambda store: store.acquire(scopes, token, self.max_rate))
        if answer.verdict == "closed":
            raise Closed(answer.wait, answer.reason, answer.scope)
        return answer

    async def _aend_trial_of(self, scope: str, token: str, *, reopen: bool) -> None:
        await self._acall(lambda store: store.end_trial(scope, token, reopen=reopen))

    async def _acall(self, operation: Callable[[LocalStore | AsyncRedisStore], Any]) -> Any:  # noqa: ANN401 - the store's answer, awaited where it is a coroutine
        """Run a store operation asynchronously; if Redis fails, go on in this process."""
        import asyncio  # noqa: PLC0415 - see aslot

        loop = asyncio.get_running_loop()
        store = self._async_stores.get(loop)
        if store is None:
            store = self._async_stores[loop] = self._new_async_store()
        try:
            result = operation(store)
            return await result if inspect.isawaitable(result) else result
        except Exception:
            if store is self._local:
                raise
            self._fall_back("failed")
            self._async_stores[loop] = self._local
            return operation(self._local)

    def _new_async_store(self) -> LocalStore | AsyncRedisStore:
        if self._url is None or self._store is self._local:
            return self._local
        try:
            import redis.asyncio  # noqa: PLC0415 - ses-errors[redis]

            client: AsyncRedisClient = redis.asyncio.Redis.from_url(  # pyright: ignore[reportUnknownMemberType]  # partly untyped
                self._url, socket_timeout=2, socket_connect_timeout=2
            )
            return AsyncRedisStore(client, self._prefix, key_ttl=KEY_TTL)
        except Exception:  # noqa: BLE001 - as in _redis_store: go on in this process
            self._fall_back("could not set up")
            return self._local


def _effect_of(exc: BaseException, configuration_set: str | None) -> tuple[str | None, str] | None:
    """Say what recording ``exc`` does: (None, _) cuts the rate, (scope, reason) closes one.

    None means it changes nothing.
    """
    error = as_ses_error(exc)
    if error is None:
        return None
    if _is_rate_error(error):
        return None, ""
    if error.action not in _CLOSING_ACTIONS:
        return None
    if error.scope is Scope.ACCOUNT:
        return ACCOUNT_SCOPE, type(error).__name__
    if error.scope is Scope.CONFIGURATION_SET and configuration_set is not None:
        return _set_scope(configuration_set), type(error).__name__
    return None


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


# One in-process state per account, shared by every gate of it in this process.
_LOCAL_STORES: dict[str, LocalStore] = {}
_LOCAL_STORES_LOCK = threading.Lock()


def _local_store(account: str) -> LocalStore:
    with _LOCAL_STORES_LOCK:
        return _LOCAL_STORES.setdefault(account, LocalStore())


def _scopes(configuration_set: str | None) -> list[str]:
    if configuration_set is None:
        return [ACCOUNT_SCOPE]
    return [ACCOUNT_SCOPE, _set_scope(configuration_set)]


def _set_scope(configuration_set: str) -> str:
    return f"configuration-set:{configuration_set}"


def _is_rate_error(error: SESError) -> bool:
    """Whether SES refused for the account's send rate (MaxSendRateExceeded, its SMTP reply)."""
    return (
        error.family is Family.THROTTLING
        and error.scope is Scope.ACCOUNT
        and error.action is Action.RETRY
    )


class SendQuota(NamedTuple):
    """The account's sending limits, as SES reports them."""

    max_send_rate: float
    max_24_hour_send: float
    sent_last_24_hours: float


def send_quota(client: Any) -> SendQuota:  # noqa: ANN401 - a boto3 or botocore ses/sesv2 client
    """Read the account's limits: GetSendQuota (ses) or GetAccount (sesv2).

    ``Gate(url, account=..., max_rate=send_quota(client).max_send_rate)`` paces to the
    account's own rate. Raises ValueError for a client of another service.
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


def quota_probe(client: Any) -> Callable[[], bool]:  # noqa: ANN401 - as for send_quota
    """Return a gate probe: whether the rolling 24-hour quota has room again."""

    def probe() -> bool:
        quota = send_quota(client)
        return quota.sent_last_24_hours < quota.max_24_hour_send

    return probe
