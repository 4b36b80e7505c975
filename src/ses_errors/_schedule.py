"""SES's retry guidance as data and predicates: is an error retryable, and how long to wait.

SES's guidance is to retry server-side failures and throttling, waiting 5, 10 and 30 seconds;
if the retry after the 30-second wait fails too, to wait 20 minutes and try the set again; and
never to retry what cannot succeed (a rejected message, a used-up daily quota). ``Schedule()``
is that guidance. Nothing here sleeps: the runners (``_runners``) and the hooks for retry
libraries (``integrations``) do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from ses_errors._convert import as_ses_error, is_transport_failure
from ses_errors._table import RETRY_ROUND_PAUSE, RETRY_ROUNDS, RETRY_WAITS

if TYPE_CHECKING:
    import random
    from collections.abc import Iterable


def is_retryable(exc: BaseException) -> bool:
    """Whether retrying the call that raised ``exc`` can succeed, by SES's guidance.

    True for server-side failures (5xx) and throttling, except the daily sending quota (an
    error whose action is RETRY), and for a failure to reach SES or hear back from it (a
    connection error or a timeout: see ``is_transport_failure`` for the risk of a duplicate
    send). False for every other SES error and anything else. A botocore ``ClientError``, an
    smtplib reply exception and any exception raised from one are judged as the SES error
    they stand for (``as_ses_error``).
    """
    error = as_ses_error(exc)
    if error is not None:
        return error.is_retryable
    return is_transport_failure(exc)


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
