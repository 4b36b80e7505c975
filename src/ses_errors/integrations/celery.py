"""Hooks for Celery: ``celery_retry`` in a bound task, and the classes for ``autoretry_for``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ses_errors._generated import ServerSideError, ThrottlingError
from ses_errors._schedule import DEFAULT_SCHEDULE, Schedule, wait_for

if TYPE_CHECKING:
    from ses_errors._base import SESError

__all__ = ["AUTORETRY_FOR", "DONT_AUTORETRY_FOR", "CeleryTask", "celery_retry"]


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
