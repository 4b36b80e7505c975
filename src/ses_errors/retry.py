"""Retry decisions for SES errors: SES's schedule as data, runners, and hooks for retry libraries.

SES's guidance is to retry server-side failures and throttling, waiting 5, 10 and 30 seconds;
if the retry after the 30-second wait fails too, to wait 20 minutes and try the set again; and
never to retry what cannot succeed (a rejected message, a used-up daily quota). ``Schedule()``
is that guidance, and ``call``, ``acall`` and ``retrying`` follow it. The hooks at the end fit
stamina, tenacity and Celery without this module importing any of them.
"""

from __future__ import annotations

import functools
import time
from typing import TYPE_CHECKING, Any, ParamSpec, Protocol, TypeVar

import attrs

from ses_errors._convert import as_ses_error
from ses_errors._generated import ServerSideError, ThrottlingError
from ses_errors._table import RETRY_ROUND_PAUSE, RETRY_ROUNDS, RETRY_WAITS

if TYPE_CHECKING:
    import random
    from collections.abc import Awaitable, Callable, Iterable

    from ses_errors._base import SESError

P = ParamSpec("P")
T = TypeVar("T")


def is_retryable(exc: BaseException) -> bool:
    """Whether retrying the call that raised ``exc`` can succeed, by SES's guidance.

    True for server-side failures (5xx) and throttling, except the daily sending quota; False
    for every other SES error and for anything that is not an SES error. A botocore
    ``ClientError`` and an smtplib reply exception are judged as the SES error they stand for.
    """
    error = as_ses_error(exc)
    return error is not None and error.is_retryable


def _non_negative(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not value >= 0:  # also refuses NaN
        msg = f"{attribute.name} must be zero or more, not {value!r}"
        raise ValueError(msg)


def _waits_valid(
    _instance: object, _attribute: attrs.Attribute[Any], value: tuple[float, ...]
) -> None:
    if not value or not all(wait >= 0 for wait in value):
        msg = f"waits must be one or more waits of zero seconds or more, not {value!r}"
        raise ValueError(msg)


def _as_waits(value: Iterable[float]) -> tuple[float, ...]:
    return tuple(float(wait) for wait in value)


@attrs.frozen
class Schedule:
    """How long to wait before each retry, and when to give up.

    Within a round the waits are ``waits``; each later round starts after ``pause`` seconds and
    then follows ``waits`` again. The default is SES's guidance: 5, 10, 30, 1200, 5, 10, 30
    seconds, eight attempts in all. ``jitter`` spreads each wait by up to that fraction either
    way (0.1 turns 10 s into 9 to 11 s), so that many senders do not retry in step.
    """

    waits: tuple[float, ...] = attrs.field(
        default=RETRY_WAITS, converter=_as_waits, validator=_waits_valid
    )
    rounds: int = attrs.field(default=RETRY_ROUNDS, validator=attrs.validators.ge(1))
    pause: float = attrs.field(default=RETRY_ROUND_PAUSE, validator=_non_negative)
    jitter: float = attrs.field(
        default=0.0, validator=[_non_negative, attrs.validators.le(1.0)], kw_only=True
    )

    @property
    def delays(self) -> tuple[float, ...]:
        """Every wait, in order, before jitter: one per retry."""
        later_round = (self.pause, *self.waits)
        return self.waits + later_round * (self.rounds - 1)

    @property
    def max_attempts(self) -> int:
        """How many calls the schedule allows in all: the first and one per wait."""
        return len(self.delays) + 1

    def wait(self, attempts: int, *, rng: random.Random | None = None) -> float | None:
        """Seconds to wait after ``attempts`` failed calls, or None once the schedule is spent."""
        delays = self.delays
        if not 1 <= attempts <= len(delays):
            return None
        delay = delays[attempts - 1]
        if self.jitter:
            if rng is None:
                # Imported here: random costs a tenth of the package's import time.
                import random  # noqa: PLC0415

                rng = random.Random()  # noqa: S311 - spreading waits, not cryptography
            delay *= 1 + rng.uniform(-self.jitter, self.jitter)
        return delay


DEFAULT_SCHEDULE = Schedule()


def wait_for(
    exc: BaseException, attempts: int, schedule: Schedule = DEFAULT_SCHEDULE
) -> float | None:
    """Seconds to wait before retrying after ``exc`` ended call number ``attempts``, or None.

    None means do not retry: the error cannot succeed on a retry, or the schedule is spent.
    """
    if not is_retryable(exc):
        return None
    return schedule.wait(attempts)


def call(
    fn: Callable[..., T],
    *args: Any,  # noqa: ANN401 - passed through to fn unchanged
    schedule: Schedule = DEFAULT_SCHEDULE,
    sleep: Callable[[float], object] = time.sleep,
    **kwargs: Any,  # noqa: ANN401 - passed through to fn unchanged
) -> T:
    """Call ``fn(*args, **kwargs)``, retrying on SES's schedule while its error is retryable.

    The last error is re-raised unchanged. A non-retryable error ends it at once: one call, no
    sleep. ``sleep`` is injectable so that tests, and event-loop-free schedulers, never block.
    """
    attempts = 0
    while True:
        attempts += 1
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            delay = wait_for(exc, attempts, schedule)
            if delay is None:
                raise
        sleep(delay)


async def acall(
    fn: Callable[..., Awaitable[T]],
    *args: Any,  # noqa: ANN401 - passed through to fn unchanged
    schedule: Schedule = DEFAULT_SCHEDULE,
    sleep: Callable[[float], Awaitable[object]] | None = None,
    **kwargs: Any,  # noqa: ANN401 - passed through to fn unchanged
) -> T:
    """Await ``fn(*args, **kwargs)`` with the retries of ``call``; waits through ``sleep``.

    ``sleep`` defaults to ``asyncio.sleep``.
    """
    if sleep is None:
        # Imported here, not with the package: asyncio alone costs more than the whole package.
        import asyncio  # noqa: PLC0415

        sleep = asyncio.sleep
    attempts = 0
    while True:
        attempts += 1
        try:
            return await fn(*args, **kwargs)
        except Exception as exc:
            delay = wait_for(exc, attempts, schedule)
            if delay is None:
                raise
        await sleep(delay)


def retrying(
    schedule: Schedule = DEFAULT_SCHEDULE, sleep: Callable[[float], object] = time.sleep
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Decorate a function so that each call of it runs through ``call``."""

    def decorate(fn: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            return call(fn, *args, schedule=schedule, sleep=sleep, **kwargs)

        return wrapper

    return decorate


# --- stamina -------------------------------------------------------------------------------------


def stamina_on(exc: Exception) -> bool | float:
    """Tell ``stamina.retry(on=...)`` to wait 5 s after a retryable error and not retry others.

    stamina shows a hook the error only, not how many attempts came before it, so this hook
    cannot walk the schedule; it gives every retryable error SES's first wait (5 s) and leaves
    the count to stamina's ``attempts``. To follow the whole schedule, use ``ScheduleHook``.
    """
    error = as_ses_error(exc)
    return error.retry_after if error is not None and error.retry_after is not None else False


class ScheduleHook:
    """A stamina backoff hook that walks a schedule, for one ``stamina.retry_context`` loop.

    It counts the retries it grants, so it must not be shared between calls: make a new one for
    each loop, ``stamina.retry_context(on=ScheduleHook(), attempts=None, timeout=None)``.
    """

    def __init__(self, schedule: Schedule = DEFAULT_SCHEDULE) -> None:
        """Start at the schedule's first wait."""
        self.schedule = schedule
        self.attempts = 0

    def __call__(self, exc: Exception) -> bool | float:
        """Return the next wait for a retryable error, else False (stamina then re-raises)."""
        self.attempts += 1
        delay = wait_for(exc, self.attempts, self.schedule)
        return False if delay is None else delay


# --- tenacity ------------------------------------------------------------------------------------


class _Outcome(Protocol):
    def exception(self) -> BaseException | None: ...


class RetryState(Protocol):
    """The part of tenacity's ``RetryCallState`` the tenacity hooks read."""

    @property
    def attempt_number(self) -> int:
        """How many calls have been made, the one that just ended included."""
        ...

    @property
    def outcome(self) -> _Outcome | None:
        """The ended call's result or error."""
        ...


def tenacity_retry(retry_state: RetryState) -> bool:
    """Tell tenacity (as ``retry=``) to retry when the call raised a retryable error."""
    outcome = retry_state.outcome
    exc = outcome.exception() if outcome is not None else None
    return exc is not None and is_retryable(exc)


def tenacity_wait(schedule: Schedule = DEFAULT_SCHEDULE) -> Callable[[RetryState], float]:
    """Return a ``wait=`` strategy for tenacity that follows ``schedule``."""

    def wait(retry_state: RetryState) -> float:
        delay = schedule.wait(retry_state.attempt_number)
        return 0.0 if delay is None else delay  # past the end, tenacity_stop has stopped it

    return wait


def tenacity_stop(schedule: Schedule = DEFAULT_SCHEDULE) -> Callable[[RetryState], bool]:
    """Return a ``stop=`` condition for tenacity: stop once ``schedule`` has no wait left."""

    def stop(retry_state: RetryState) -> bool:
        return retry_state.attempt_number >= schedule.max_attempts

    return stop


# --- Celery --------------------------------------------------------------------------------------


class _CeleryRequest(Protocol):
    @property
    def retries(self) -> int: ...


class CeleryTask(Protocol):
    """The part of a bound Celery task (``bind=True``) that ``celery_retry`` uses."""

    @property
    def request(self) -> _CeleryRequest:
        """The running task's request; ``retries`` counts the retries so far."""
        ...

    def retry(
        self,
        *,
        exc: BaseException | None = ...,
        countdown: float | None = ...,
        max_retries: int | None = ...,
        throw: bool = ...,
    ) -> BaseException:
        """Schedule the task again and return Celery's ``Retry`` exception."""
        ...


def celery_retry(
    task: CeleryTask, exc: BaseException, schedule: Schedule = DEFAULT_SCHEDULE
) -> BaseException:
    """Return the exception for a bound Celery task to raise after ``exc``: ``raise`` it.

    For a retryable error with a wait left in ``schedule``, the task is queued again with that
    wait as its countdown (the worker is not blocked while it waits) and Celery's ``Retry`` is
    returned. Otherwise ``exc`` itself is returned, so the task fails with the typed error.
    """
    countdown = wait_for(exc, task.request.retries + 1, schedule)
    if countdown is None:
        return exc
    return task.retry(
        exc=exc, countdown=countdown, max_retries=schedule.max_attempts - 1, throw=False
    )


def _not_retryable_below(roots: tuple[type[SESError], ...]) -> tuple[type[SESError], ...]:
    found: dict[type[SESError], None] = {}  # ordered, and a class with two parents counts once
    stack = list(roots)
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if not cls.is_retryable:
            found[cls] = None
    return tuple(found)


# For Celery's autoretry_for= and dont_autoretry_for=: the retryable families, and the classes
# below them that must not be retried (DailyQuotaExceeded is a Throttling, but not retryable).
AUTORETRY_FOR: tuple[type[SESError], ...] = (ServerSideError, ThrottlingError)
DONT_AUTORETRY_FOR: tuple[type[SESError], ...] = _not_retryable_below(AUTORETRY_FOR)
