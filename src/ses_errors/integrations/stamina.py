"""Hooks for stamina: ``stamina.retry(on=stamina_on)``, or ``ScheduleHook`` for the schedule."""

from __future__ import annotations

from ses_errors._schedule import DEFAULT_SCHEDULE, Schedule, is_retryable, wait_for
from ses_errors._table import RETRY_WAITS

__all__ = ["ScheduleHook", "stamina_on"]


def stamina_on(exc: Exception) -> bool | float:
    """Tell ``stamina.retry(on=...)`` to wait 5 s after a retryable error and not retry others.

    stamina shows a hook the error only, not how many attempts came before it, so this hook
    cannot walk the schedule; it gives every retryable error SES's first wait (5 s) and leaves
    the count to stamina's ``attempts``. To follow the whole schedule, use ``ScheduleHook``.
    """
    return RETRY_WAITS[0] if is_retryable(exc) else False


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
