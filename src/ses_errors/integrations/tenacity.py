"""Hooks for tenacity: ``retry=``, ``wait=`` and ``stop=`` that follow SES's schedule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ses_errors._schedule import DEFAULT_SCHEDULE, Schedule, is_retryable

if TYPE_CHECKING:
    from collections.abc import Callable

    from ses_errors.typing import RetryState

__all__ = ["tenacity_retry", "tenacity_stop", "tenacity_wait"]


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
