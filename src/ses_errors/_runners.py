"""Runners that call a function and retry it on SES's schedule while its error is retryable."""

from __future__ import annotations

import functools
import time
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from ses_errors._schedule import DEFAULT_SCHEDULE, Schedule, wait_for

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

P = ParamSpec("P")
T = TypeVar("T")


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
