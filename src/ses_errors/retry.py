"""Retry decisions for SES errors: SES's schedule as data, runners, and hooks for retry libraries.

SES's guidance is to retry server-side failures and throttling, waiting 5, 10 and 30 seconds;
if the retry after the 30-second wait fails too, to wait 20 minutes and try the set again; and
never to retry what cannot succeed (a rejected message, a used-up daily quota). ``Schedule()``
is that guidance, and ``call``, ``acall`` and ``retrying`` follow it. The hooks fit stamina,
tenacity and Celery without importing any of them.

This module is the public place for all of it; each job lives in a module of its own: the
decisions and the schedule in ``_schedule``, the runners in ``_runners``, and one module per
library in ``ses_errors.integrations``.
"""

from ses_errors._runners import acall, call, retrying
from ses_errors._schedule import DEFAULT_SCHEDULE, Schedule, is_retryable, wait_for
from ses_errors.integrations.celery import (
    AUTORETRY_FOR,
    DONT_AUTORETRY_FOR,
    CeleryTask,
    celery_retry,
)
from ses_errors.integrations.stamina import ScheduleHook, stamina_on
from ses_errors.integrations.tenacity import (
    RetryState,
    tenacity_retry,
    tenacity_stop,
    tenacity_wait,
)

__all__ = [
    "AUTORETRY_FOR",
    "DEFAULT_SCHEDULE",
    "DONT_AUTORETRY_FOR",
    "CeleryTask",
    "RetryState",
    "Schedule",
    "ScheduleHook",
    "acall",
    "call",
    "celery_retry",
    "is_retryable",
    "retrying",
    "stamina_on",
    "tenacity_retry",
    "tenacity_stop",
    "tenacity_wait",
    "wait_for",
]
