"""The SES retry schedule and the runners that follow it; nothing here really sleeps."""

from __future__ import annotations

import asyncio
import random
from typing import NoReturn

import pytest

import ses_errors
from ses_errors import retry

SES_WAITS = (5.0, 10.0, 30.0, 1200.0, 5.0, 10.0, 30.0)

NEVER_RETRIED = [
    ses_errors.DailyQuotaExceeded("Daily message quota exceeded.", "Throttling"),
    ses_errors.SendingPausedForAccount("Sending paused for this account.", "MessageRejected"),
    ses_errors.SendingPausedException("Sending paused for this account."),
    ses_errors.AddressNotVerified("Email address is not verified.", "MessageRejected"),
    ses_errors.AccessDenied("no"),
    ses_errors.SignatureDoesNotMatch("no"),
    ses_errors.InvalidParameterValue("bad"),
    ses_errors.ValidationError("bad"),
    ValueError("not an SES error"),
]


class Flaky:
    """A callable that raises the given errors in turn, then returns "sent"."""

    def __init__(self, *errors: BaseException) -> None:
        """Raise ``errors`` one per call, in order."""
        self.errors = list(errors)
        self.calls = 0

    def __call__(self, *_args: object, **_kwargs: object) -> str:
        """Count the call; raise the next error or return "sent"."""
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "sent"


class Always:
    """A callable that raises the same error on every call."""

    def __init__(self, error: BaseException) -> None:
        """Raise ``error`` on every call."""
        self.error = error
        self.calls = 0

    def __call__(self) -> NoReturn:
        """Count the call and raise."""
        self.calls += 1
        raise self.error


def test_default_schedule_is_ses_guidance() -> None:
    """The default waits are exactly 5, 10, 30, 1200, 5, 10, 30 s: eight attempts in all."""
    assert retry.DEFAULT_SCHEDULE.delays == SES_WAITS
    assert retry.DEFAULT_SCHEDULE.max_attempts == 8
    assert [retry.DEFAULT_SCHEDULE.wait(n) for n in range(1, 9)] == [*SES_WAITS, None]
    assert retry.DEFAULT_SCHEDULE.wait(0) is None


def test_rounds_and_waits_are_configurable() -> None:
    """One round gives the short waits only; three rounds repeat the pause and the waits."""
    assert ses_errors.retry.Schedule(rounds=1).delays == (5.0, 10.0, 30.0)
    three = ses_errors.retry.Schedule(waits=[1, 2], rounds=3, pause=60)
    assert three.delays == (1.0, 2.0, 60.0, 1.0, 2.0, 60.0, 1.0, 2.0)
    assert three.max_attempts == 9


def test_jitter_stays_within_its_fraction() -> None:
    """With jitter 0.1 each wait lies within 10% of its base, and varies."""
    schedule = ses_errors.retry.Schedule(jitter=0.1)
    rng = random.Random(7)  # noqa: S311 - a seeded generator for a repeatable test
    seen = [schedule.wait(2, rng=rng) for _ in range(200)]
    assert all(w is not None and 9.0 <= w <= 11.0 for w in seen)
    assert len(set(seen)) > 100


@pytest.mark.parametrize(
    "kwargs",
    [{"waits": ()}, {"waits": (5, -1)}, {"rounds": 0}, {"pause": -1}, {"jitter": 1.5},
     {"jitter": -0.1}, {"pause": float("nan")}],
)  # fmt: skip
def test_nonsense_schedules_are_refused(kwargs: dict[str, object]) -> None:
    """Empty or negative waits, no rounds, NaN and jitter outside 0..1 raise ValueError."""
    with pytest.raises(ValueError, match="must"):
        ses_errors.retry.Schedule(**kwargs)  # type: ignore[arg-type]  # deliberately loose kwargs


@pytest.mark.parametrize("kwargs", [{"waits": [10**400]}, {"pause": 10**400}])
def test_seconds_no_float_can_hold_are_refused(kwargs: dict[str, object]) -> None:
    """A wait or pause of 10**400 seconds: ValueError, not an OverflowError or a huge pause."""
    with pytest.raises(ValueError, match="finite"):
        ses_errors.retry.Schedule(**kwargs)  # type: ignore[arg-type]  # deliberately loose kwargs


def test_a_closed_gate_may_say_retry_now() -> None:
    """Closed takes zero seconds, and a year, as retry_after; past a year is a ValueError."""
    from ses_errors import fleet  # noqa: PLC0415 - the schedule's tests need no fleet otherwise

    assert fleet.Closed(0, "budget").retry_after == 0
    assert fleet.Closed(365 * 86_400.0, "budget").retry_after == 365 * 86_400.0
    with pytest.raises(ValueError, match="a year"):
        fleet.Closed(365 * 86_400.0 + 1, "budget")


def test_call_retries_on_the_schedule_and_reraises_the_last_error() -> None:
    """A call throttled every time is made 8 times, sleeps the SES waits, re-raises unchanged."""
    error = ses_errors.Throttling("Rate exceeded")
    fn = Always(error)
    slept: list[float] = []
    with pytest.raises(ses_errors.Throttling) as caught:
        retry.call(fn, sleep=slept.append)
    assert caught.value is error
    assert fn.calls == 8
    assert tuple(slept) == SES_WAITS


def test_call_returns_once_a_retry_succeeds() -> None:
    """Two retryable failures, then success: three calls, waits of 5 and 10 s, the result."""
    fn = Flaky(ses_errors.InternalFailure("oops"), ses_errors.MaxSendRateExceeded("x"))
    slept: list[float] = []
    assert retry.call(fn, "to@example.com", sleep=slept.append, subject="hi") == "sent"
    assert fn.calls == 3
    assert slept == [5.0, 10.0]


@pytest.mark.parametrize("error", NEVER_RETRIED, ids=lambda e: type(e).__name__)
def test_call_makes_one_call_and_no_sleep_for_a_non_retryable_error(error: Exception) -> None:
    """Daily quota, paused, unverified, auth, validation and foreign errors: one call, no sleep."""
    fn = Always(error)
    slept: list[float] = []
    with pytest.raises(type(error)) as caught:
        retry.call(fn, sleep=slept.append)
    assert caught.value is error
    assert fn.calls == 1
    assert slept == []


def test_call_follows_a_custom_schedule() -> None:
    """A one-round schedule gives up after its three waits."""
    fn = Always(ses_errors.ServiceUnavailable("busy"))
    slept: list[float] = []
    with pytest.raises(ses_errors.ServiceUnavailable):
        retry.call(fn, schedule=ses_errors.retry.Schedule(rounds=1), sleep=slept.append)
    assert fn.calls == 4
    assert slept == [5.0, 10.0, 30.0]


def test_acall_retries_with_an_async_sleep() -> None:
    """The async runner awaits the injected sleep between attempts, then returns the result."""
    slept: list[float] = []

    async def fake_sleep(delay: float) -> None:
        slept.append(delay)

    failures = [ses_errors.Throttling("Maximum sending rate exceeded.")] * 3

    async def send(to: str) -> str:
        if failures:
            raise failures.pop()
        return f"sent to {to}"

    assert asyncio.run(retry.acall(send, "a@b.c", sleep=fake_sleep)) == "sent to a@b.c"
    assert slept == [5.0, 10.0, 30.0]


def test_acall_does_not_retry_the_daily_quota() -> None:
    """The async runner raises a non-retryable error after one await and no sleep."""
    slept: list[float] = []
    calls: list[int] = []

    async def fake_sleep(delay: float) -> None:
        slept.append(delay)

    async def send() -> str:
        calls.append(1)
        raise ses_errors.DailyQuotaExceeded("Daily message quota exceeded.")

    with pytest.raises(ses_errors.DailyQuotaExceeded):
        asyncio.run(retry.acall(send, sleep=fake_sleep))
    assert (calls, slept) == ([1], [])


def test_retrying_decorator_keeps_the_function_and_retries() -> None:
    """@retrying wraps a function (name kept) and retries it on the given schedule."""
    slept: list[float] = []
    fn = Flaky(ses_errors.InternalFailure("oops"))

    @retry.retrying(sleep=slept.append)
    def send(to: str) -> str:
        """Send a message."""
        return fn(to)

    assert send("a@b.c") == "sent"
    assert send.__name__ == "send"
    assert send.__doc__ == "Send a message."
    assert slept == [5.0]


def test_wait_for_is_none_when_spent_or_not_retryable() -> None:
    """wait_for gives the schedule's wait for a retryable error, else None."""
    throttled = ses_errors.Throttling("x")
    assert retry.wait_for(throttled, 1) == 5.0
    assert retry.wait_for(throttled, 4) == 1200.0
    assert retry.wait_for(throttled, 8) is None
    assert retry.wait_for(ses_errors.MessageRejected("x"), 1) is None
