"""SES's retry guidance as data and predicates: is an error retryable, and how long to wait.

SES's guidance is to retry server-side failures and throttling, waiting 5, 10 and 30 seconds;
if the retry after the 30-second wait fails too, to wait 20 minutes and try the set again; and
never to retry what cannot succeed (a rejected message, a used-up daily quota). ``Schedule()``
is that guidance. Nothing here sleeps: the runners (``_runners``) and the hooks for retry
libraries (``integrations``) do.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, cast

import attrs

from ses_errors._convert import as_ses_error, is_transport_failure
from ses_errors._table import RETRY_ROUND_PAUSE, RETRY_ROUNDS, RETRY_WAITS
from ses_errors._wire import finite_number, shown

# A schedule is read whole (``delays``): these bound what one can hold.
_MAX_WAITS = 1000
_MAX_ROUNDS = 1000

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


def _is_seconds(value: object) -> bool:
    """Whether ``value`` is a finite int or float of zero or more (a bool is no number here)."""
    seconds = finite_number(value)
    return seconds is not None and seconds >= 0


def _non_negative(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not _is_seconds(value):
        msg = f"{attribute.name} must be a finite number of zero or more, not {shown(value)}"
        raise ValueError(msg)


def _whole_rounds(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not 1 <= value <= _MAX_ROUNDS:
        msg = f"{attribute.name} must be a whole number from 1 to {_MAX_ROUNDS}, not {shown(value)}"
        raise ValueError(msg)


def _as_waits(value: Iterable[float]) -> tuple[float, ...]:
    """Return the waits as floats; ValueError for anything but one or more finite seconds."""
    # A str is iterable too, and float("5") would take it: only numbers are waits.
    waits = None if isinstance(value, str | bytes) else _bounded_tuple(value)
    if not waits or not all(map(_is_seconds, waits)):
        msg = f"waits must be one or more finite numbers of seconds, not {shown(value)}"
        raise ValueError(msg)
    return tuple(map(float, cast("tuple[float, ...]", waits)))


def _bounded_tuple(value: object) -> tuple[object, ...] | None:
    """Return the first ``_MAX_WAITS`` + 1 items of an iterable, None for anything else."""
    try:
        return tuple(itertools.islice(cast("Iterable[object]", value), _MAX_WAITS + 1))
    except TypeError:
        return None


@attrs.frozen
class Schedule:
    """How long to wait before each retry, and when to give up.

    Within a round the waits are ``waits``; each later round starts after ``pause`` seconds and
    then follows ``waits`` again. The default is SES's guidance: 5, 10, 30, 1200, 5, 10, 30
    seconds, eight attempts in all. ``jitter`` spreads each wait by up to that fraction either
    way (0.1 turns 10 s into 9 to 11 s), so that many senders do not retry in step.

    Raises ValueError for waits (1 to 1,000 of them), a pause or a jitter that are no finite
    numbers of zero or more, a jitter above 1, or rounds that are no whole number from 1 to
    1,000.
    """

    waits: tuple[float, ...] = attrs.field(default=RETRY_WAITS, converter=_as_waits)
    rounds: int = attrs.field(default=RETRY_ROUNDS, validator=_whole_rounds)
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
        """Seconds to wait after ``attempts`` failed calls, or None once the schedule is spent.

        Raises TypeError when ``attempts`` is not an int.
        """
        if type(attempts) is not int:
            msg = f"attempts is a whole number, not {shown(attempts)}"
            raise TypeError(msg)
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


#: SES's guidance: 5, 10 and 30 s, a 20-minute pause, then the same three again.
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
