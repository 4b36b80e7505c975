"""SES's retry guidance as code: the schedule as data, and runners that follow it.

SES's guidance is to retry server-side failures and throttling, waiting 5, 10 and 30 seconds;
if the retry after the 30-second wait fails too, to wait 20 minutes and try the set again; and
never to retry what cannot succeed (a rejected message, a used-up daily quota). ``Schedule()``
is that guidance, and ``call``, ``acall`` and ``retrying`` follow it. Whether an error is worth
retrying at all is ``ses_errors.is_retryable``; the hooks for stamina, tenacity and Celery live
in ``ses_errors.integrations``, one module per library.
"""

from ses_errors._runners import acall, call, retrying
from ses_errors._schedule import DEFAULT_SCHEDULE, Schedule, wait_for

__all__ = ["DEFAULT_SCHEDULE", "Schedule", "acall", "call", "retrying", "wait_for"]
