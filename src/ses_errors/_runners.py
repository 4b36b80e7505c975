"""Runners that call a function and retry it on SES's schedule while its error is retryable."""

from __future__ import annotations

import functools
import time
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from ses_errors._schedule import DEFAULT_SCHEDULE, Schedule, wait_for
from ses_errors._wire import finite_number, shown

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

P = ParamSpec("P")
T = TypeVar("T")


def _seconds(deadline: object) -> float:
    """Return a deadline as seconds; ValueError unless it is a finite int or float, 0 or more."""
    seconds = finite_number(deadline)
    if seconds is None or seconds < 0:
        msg = f"deadline must be a finite number of seconds, zero or more, not {shown(deadline)}"
        raise ValueError(msg)
    return seconds


class _Budget:
    """When a run must end: the next wait is taken only while it ends before the deadline."""

    __slots__ = ("clock", "ends_at", "schedule")

    def __init__(
        self, schedule: Schedule, deadline: float | None, clock: Callable[[], float]
    ) -> None:
        self.schedule = schedule
        self.clock = clock
        self.ends_at = None if deadline is None else clock() + _seconds(deadline)

    def wait(self, exc: BaseException, attempts: int) -> float | None:
        """Seconds to wait before the next call, or None to re-raise ``exc`` now."""
        delay = wait_for(exc, attempts, self.schedule)
        if delay is None or (self.ends_at is not None and self.clock() + delay > self.ends_at):
            return None
        return delay


def call(
    fn: Callable[..., T],
    *args: Any,  # noqa: ANN401 - passed through to fn unchanged
    schedule: Schedule = DEFAULT_SCHEDULE,
    sleep: Callable[[float], object] = time.sleep,
    deadline: float | None = None,
    clock: Callable[[], float] = time.monotonic,
    **kwargs: Any,  # noqa: ANN401 - passed through to fn unchanged
) -> T:
    """Call ``fn(*args, **kwargs)``, retrying on SES's schedule while its error is retryable.

    The last error is re-raised unchanged. A non-retryable error ends it at once: one call, no
    sleep. ``deadline`` bounds the run, in seconds from its start by ``clock``: when the next
    wait would end past it, the last error is raised at once, so a caller that must answer
    soon (a web request) never sleeps through SES's 20-minute pause. ``sleep`` and ``clock``
    are injectable so that tests, and event-loop-free schedulers, never block. Raises
    ValueError for a deadline that is negative, infinite or no number.
    """
    budget = _Budget(schedule, deadline, clock)
    attempts = 0
    while True:
        attempts += 1
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            delay = budget.wait(exc, attempts)
            if delay is None:
                raise
        sleep(delay)


async def acall(
    fn: Callable[..., Awaitable[T]],
    *args: Any,  # noqa: ANN401 - passed through to fn unchanged
    schedule: Schedule = DEFAULT_SCHEDULE,
    sleep: Callable[[float], Awaitable[object]] | None = None,
    deadline: float | None = None,
    clock: Callable[[], float] = time.monotonic,
    **kwargs: Any,  # noqa: ANN401 - passed through to fn unchanged
) -> T:
    """Await ``fn(*args, **kwargs)`` with the retries and deadline of ``call``.

    Waits through ``sleep``, which defaults to ``asyncio.sleep``.
    """
    if sleep is None:
        # Imported here, not with the package: asyncio alone costs more than the whole package.
        import asyncio  # noqa: PLC0415

        sleep = asyncio.sleep
    budget = _Budget(schedule, deadline, clock)
    attempts = 0
    while True:
        attempts += 1
        try:
            return await fn(*args, **kwargs)
        except Exception as exc:
            delay = budget.wait(exc, attempts)
            if delay is None:
                raise
        await sleep(delay)


def retrying(
    schedule: Schedule = DEFAULT_SCHEDULE,
    sleep: Callable[[float], object] = time.sleep,
    *,
    deadline: float | None = None,
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Decorate a function so that each call of it runs through ``call``, with its deadline.

    Raises ValueError at once for a deadline ``call`` would refuse.
    """
    _Budget(schedule, deadline, time.monotonic)  # refuse a bad deadline where it is written

    def decorate(fn: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            return call(
                fn,
                *args,
                schedule=schedule,
                sleep=sleep,
                deadline=deadline,
                clock=time.monotonic,
                **kwargs,
            )

        return wrapper

    return decorate
