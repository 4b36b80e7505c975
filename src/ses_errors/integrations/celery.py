"""Hooks for Celery: ``celery_retry`` in a bound task, and the classes for ``autoretry_for``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, cast

from ses_errors._base import SESError
from ses_errors._convert import as_ses_error
from ses_errors._generated import ServerSideError, ThrottlingError
from ses_errors._schedule import DEFAULT_SCHEDULE, Schedule, wait_for
from ses_errors._table import DEFER_SECONDS, Action
from ses_errors._wire import finite_number, shown

if TYPE_CHECKING:
    from ses_errors.fleet import Closed
    from ses_errors.typing import CeleryTask

__all__ = ["AUTORETRY_FOR", "DEFERRALS_HEADER", "DONT_AUTORETRY_FOR", "celery_retry"]


# The message header that counts a task's deferrals, so that they do not use up its schedule.
DEFERRALS_HEADER = "ses_errors_deferrals"


def celery_retry(
    task: CeleryTask,
    exc: BaseException,
    schedule: Schedule = DEFAULT_SCHEDULE,
    *,
    defer_after: float = DEFER_SECONDS,
    **retry_options: Any,  # noqa: ANN401 - passed to task.retry: queue=, priority=, ...
) -> BaseException:
    """Return the exception for a bound Celery task to raise after ``exc``: ``raise`` it.

    * A closed fleet gate (``fleet.Closed``), or an error whose action is DEFER (the daily
      quota), re-queues the task after the gate's ``retry_after`` (else ``defer_after``
      seconds). The task is not failed, and deferrals do not use up the retry schedule.
    * A retryable error with a wait left in ``schedule`` re-queues it after that wait (the
      worker is not blocked while it waits).
    * Anything else is returned as it is, so the task fails with the typed error.

    Either way Celery's ``Retry`` is returned for a re-queue. ``retry_options`` go to
    ``task.retry`` as they are: ``queue=`` or ``priority=`` send retries elsewhere.

    On a broker that redelivers what is not acknowledged within a visibility timeout (Redis,
    SQS: ``broker_transport_options["visibility_timeout"]``, an hour by default), no countdown
    is longer than nine tenths of it, so that the broker never delivers a waiting task twice. A
    longer deferral is taken in steps: the task runs, meets the closed gate (or the quota)
    again and is deferred again, using up nothing of the schedule. A wait of the schedule is
    cut to that bound (the default hour keeps SES's 20-minute pause whole).

    Raises ValueError when ``task.request.retries`` is no whole number of zero or more (Celery
    counts the retries so far there), or ``defer_after`` no finite seconds of zero or more.
    """
    retries: object = task.request.retries
    if type(retries) is not int or retries < 0:
        msg = f"task.request.retries is a whole number of zero or more, not {shown(retries)}"
        raise ValueError(msg)
    if (seconds := finite_number(defer_after)) is None or seconds < 0:
        msg = f"defer_after must be finite seconds of zero or more, not {shown(defer_after)}"
        raise ValueError(msg)
    deferrals = min(_deferrals(task), retries)
    longest = _longest_countdown(task)
    countdown = _deferral(exc, defer_after)
    if countdown is not None:
        return task.retry(
            exc=exc,
            countdown=min(countdown, longest),
            max_retries=retries + 1,  # a deferral is always allowed
            throw=False,
            headers={DEFERRALS_HEADER: deferrals + 1},
            **retry_options,
        )
    countdown = wait_for(exc, retries - deferrals + 1, schedule)
    if countdown is None:
        return exc
    return task.retry(
        exc=exc,
        countdown=min(countdown, longest),
        max_retries=schedule.max_attempts - 1 + deferrals,
        throw=False,
        headers={DEFERRALS_HEADER: deferrals},
        **retry_options,
    )


# Brokers that redeliver a message not acknowledged within the visibility timeout, which an
# ETA or countdown task is not until it runs; their default timeout is an hour.
_VISIBILITY_SCHEMES = ("redis", "rediss", "sentinel", "sqs")
_DEFAULT_VISIBILITY = 3600.0


def _longest_countdown(task: CeleryTask) -> float:
    """Return the longest countdown the task's broker keeps without redelivering it."""
    conf: object = getattr(getattr(task, "app", None), "conf", None)
    url: object = getattr(conf, "broker_url", None)
    if not isinstance(url, str) or not url.partition(":")[0].startswith(_VISIBILITY_SCHEMES):
        return float("inf")
    options: object = getattr(conf, "broker_transport_options", None)
    timeout: object = (
        cast("dict[str, object]", options).get("visibility_timeout")
        if isinstance(options, dict)
        else None
    )
    if type(timeout) not in {int, float} or not 0 < cast("float", timeout) < float("inf"):
        timeout = _DEFAULT_VISIBILITY
    return max(1.0, 0.9 * cast("float", timeout))


def _deferral(exc: BaseException, defer_after: float) -> float | None:
    """Seconds to defer a task for after ``exc``, or None when it is not deferred."""
    # Without ses_errors.fleet imported no fleet.Closed can exist, and importing it here would
    # bring its dependencies to every Celery worker.
    fleet = sys.modules.get("ses_errors.fleet")
    if fleet is not None and isinstance(exc, fleet.Closed):
        return cast("Closed", exc).retry_after
    error = as_ses_error(exc)
    return defer_after if error is not None and error.action is Action.DEFER else None


def _deferrals(task: CeleryTask) -> int:
    request: object = task.request
    headers: object = getattr(request, "headers", None)
    count: object = getattr(request, DEFERRALS_HEADER, None)
    if count is None and isinstance(headers, dict):
        count = cast("dict[str, object]", headers).get(DEFERRALS_HEADER)
    return count if type(count) is int and count >= 0 else 0


def _below(
    roots: tuple[type[SESError], ...], *, retryable: bool, stop: bool
) -> tuple[type[SESError], ...]:
    """Return the classes at or below ``roots`` whose ``is_retryable`` is ``retryable``.

    With ``stop`` a class found is not looked below: the highest such classes only.
    """
    found: dict[type[SESError], None] = {}  # ordered, and a class with two parents counts once
    stack = list(roots)
    while stack:
        cls = stack.pop(0)
        if cls.is_retryable is retryable:
            found[cls] = None
            if stop:
                continue
        stack.extend(cls.__subclasses__())
    return tuple(found)


# For Celery's autoretry_for= and dont_autoretry_for=: the highest retryable classes (the
# server-side and throttling families first, then the SMTP replies that end a session), and
# the classes below them that must not be retried (DailyQuotaExceeded is a Throttling, but not
# retryable).
AUTORETRY_FOR: tuple[type[SESError], ...] = (
    ServerSideError,
    ThrottlingError,
    *(
        cls
        for cls in _below((SESError,), retryable=True, stop=True)
        if not issubclass(cls, (ServerSideError, ThrottlingError))
    ),
)
DONT_AUTORETRY_FOR: tuple[type[SESError], ...] = _below(AUTORETRY_FOR, retryable=False, stop=False)
