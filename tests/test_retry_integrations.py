"""The retry hooks against the real stamina, tenacity and Celery (each skipped when missing)."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

import pytest

import ses_errors
from ses_errors import fleet, retry, testing
from ses_errors.integrations import celery as celery_hooks
from ses_errors.integrations import stamina as stamina_hooks
from ses_errors.integrations import tenacity as tenacity_hooks
from ses_errors.integrations.celery import DEFERRALS_HEADER

if TYPE_CHECKING:
    from collections.abc import Iterator

# Waits short enough to really sleep through in a test, shaped like SES's (two rounds).
FAST = ses_errors.retry.Schedule(waits=(0.01, 0.02, 0.03), pause=0.05)
QUOTA = ses_errors.DailyQuotaExceeded("Daily message quota exceeded.", "Throttling", 400, "req-q")


class Counter:
    """Counts calls and raises ``error`` on each of the first ``failures`` calls.

    ``first`` errors, if given, are raised before those, one a call.
    """

    def __init__(
        self, error: BaseException, failures: int, first: tuple[BaseException, ...] = ()
    ) -> None:
        """Fail with each of ``first``, then ``failures`` times with ``error``, then succeed."""
        self.errors = [*first, *[error] * failures]
        self.error, self.failures, self.calls = error, len(self.errors), 0
        self.lock = threading.Lock()
        self.headers: list[object] = []

    def __call__(self) -> str:
        """Count the call; raise while failures are left, else return "sent"."""
        with self.lock:
            self.calls += 1
            if self.calls <= self.failures:
                raise self.errors[self.calls - 1]
        return "sent"


# --- stamina -------------------------------------------------------------------------------------


@pytest.fixture
def stamina_waits() -> Iterator[list[float]]:
    """Record every wait stamina announces through its on-retry instrumentation."""
    stamina = pytest.importorskip("stamina")
    from stamina.instrumentation import RetryDetails, set_on_retry_hooks  # noqa: PLC0415

    waits: list[float] = []

    def record(details: RetryDetails) -> None:
        waits.append(details.wait_for)

    set_on_retry_hooks([record])
    yield waits
    set_on_retry_hooks(None)
    stamina.set_testing(False)


def test_stamina_on_answers_a_wait_or_false() -> None:
    """stamina_on gives 5 s for a retryable SES error and False for any other error."""
    assert stamina_hooks.stamina_on(ses_errors.Throttling("x")) == 5.0
    assert stamina_hooks.stamina_on(QUOTA) is False
    assert stamina_hooks.stamina_on(ses_errors.MessageRejected("x")) is False
    assert stamina_hooks.stamina_on(KeyError("x")) is False


def test_stamina_retries_retryable_errors_with_stamina_on(stamina_waits: list[float]) -> None:
    """stamina.retry(on=stamina_on) retries a throttled call until it succeeds."""
    import stamina  # noqa: PLC0415

    stamina.set_testing(True, attempts=5)  # stamina's test mode: no real sleeping
    send = Counter(ses_errors.Throttling("Maximum sending rate exceeded."), failures=2)
    assert stamina.retry(on=stamina_hooks.stamina_on)(send)() == "sent"
    assert send.calls == 3
    assert len(stamina_waits) == 2


def test_stamina_does_not_retry_the_daily_quota(stamina_waits: list[float]) -> None:
    """stamina.retry(on=stamina_on) makes one call for the daily quota and re-raises it."""
    import stamina  # noqa: PLC0415

    send = Counter(QUOTA, failures=10)
    with pytest.raises(ses_errors.DailyQuotaExceeded):
        stamina.retry(on=stamina_hooks.stamina_on, attempts=5)(send)()
    assert send.calls == 1
    assert stamina_waits == []


def test_stamina_schedule_hook_walks_the_schedule(stamina_waits: list[float]) -> None:
    """A ScheduleHook per retry_context loop makes stamina wait the schedule's waits in order."""
    import stamina  # noqa: PLC0415

    send = Counter(ses_errors.InternalFailure("oops"), failures=100)
    with pytest.raises(ses_errors.InternalFailure):  # noqa: PT012 - the loop is the retry
        for attempt in stamina.retry_context(
            on=stamina_hooks.ScheduleHook(FAST), attempts=None, timeout=None
        ):
            with attempt:
                send()
    assert send.calls == FAST.max_attempts
    assert stamina_waits == pytest.approx(list(FAST.delays))


# --- tenacity ------------------------------------------------------------------------------------


def _tenacity_run(fn: Counter) -> tuple[str, list[float]]:
    tenacity = pytest.importorskip("tenacity")
    slept: list[float] = []
    retrying = tenacity.Retrying(
        retry=tenacity_hooks.tenacity_retry,
        wait=tenacity_hooks.tenacity_wait(),
        stop=tenacity_hooks.tenacity_stop(),
        sleep=slept.append,
        reraise=True,
    )
    return retrying(fn), slept


def test_tenacity_follows_the_ses_schedule() -> None:
    """Tenacity with our retry/wait/stop makes 8 calls, sleeping exactly SES's waits."""
    error = ses_errors.ServiceUnavailable("busy")
    send = Counter(error, failures=100)
    with pytest.raises(ses_errors.ServiceUnavailable) as caught:
        _tenacity_run(send)
    assert caught.value is error
    assert send.calls == 8


def test_tenacity_sleeps_each_wait_in_order() -> None:
    """Four throttled calls then success: tenacity sleeps 5, 10, 30 and 1200 s (recorded)."""
    send = Counter(ses_errors.Throttling("Maximum sending rate exceeded."), failures=4)
    result, slept = _tenacity_run(send)
    assert result == "sent"
    assert slept == [5.0, 10.0, 30.0, 1200.0]


def test_tenacity_does_not_retry_the_daily_quota() -> None:
    """Tenacity with our predicate makes one call for the daily quota, with no sleep."""
    send = Counter(QUOTA, failures=100)
    with pytest.raises(ses_errors.DailyQuotaExceeded):
        _tenacity_run(send)
    assert send.calls == 1


# --- Celery --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def celery_app() -> Iterator[Any]:
    """Run a real Celery worker for an app with an in-memory broker and result backend."""
    celery = pytest.importorskip("celery")
    from celery.contrib.testing.worker import start_worker  # noqa: PLC0415

    app = celery.Celery("ses_errors_tests", broker="memory://", backend="cache+memory://")
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        broker_transport_options={"polling_interval": 0.01},  # the default polls once a second
    )
    _define_tasks(app)
    # The worker consumes a second queue too, where one task sends its retries.
    with start_worker(
        app,
        pool="solo",
        perform_ping_check=False,
        shutdown_timeout=10,
        queues=["celery", "retries"],
    ):
        yield app


RUNS: dict[str, Counter] = {}


def _define_tasks(app: Any) -> None:
    @app.task(bind=True, name="send_with_schedule")
    def send_with_schedule(self: Any, key: str) -> str:
        try:
            return RUNS[key]()
        except Exception as exc:  # noqa: BLE001 - an SES error, a wrapper, a closed gate
            raise celery_hooks.celery_retry(self, exc, FAST, defer_after=0.05) from None

    @app.task(bind=True, name="send_elsewhere")
    def send_elsewhere(self: Any, key: str) -> str:
        RUNS[key].headers.append(self.request.delivery_info.get("routing_key"))
        try:
            return RUNS[key]()
        except Exception as exc:  # noqa: BLE001 - as above
            raise celery_hooks.celery_retry(self, exc, FAST, queue="retries") from None

    @app.task(
        bind=True,
        name="send_with_autoretry",
        autoretry_for=celery_hooks.AUTORETRY_FOR,
        dont_autoretry_for=celery_hooks.DONT_AUTORETRY_FOR,
        retry_kwargs={"countdown": 0.01, "max_retries": 3},
    )
    def send_with_autoretry(self: Any, key: str) -> str:  # noqa: ARG001
        return RUNS[key]()


def test_celery_task_retries_on_the_schedule_without_blocking(celery_app: Any) -> None:
    """A task that is throttled twice is re-queued with countdowns and then succeeds."""
    RUNS["throttled"] = Counter(ses_errors.Throttling("Maximum sending rate exceeded."), 2)
    result = celery_app.tasks["send_with_schedule"].delay("throttled")
    assert result.get(timeout=20) == "sent"
    assert RUNS["throttled"].calls == 3


def test_celery_task_is_deferred_by_the_daily_quota_not_failed(celery_app: Any) -> None:
    """The daily quota re-queues the task (DEFER) until it can send; nothing is lost."""
    RUNS["quota"] = Counter(QUOTA, 2)
    result = celery_app.tasks["send_with_schedule"].delay("quota")
    assert result.get(timeout=20) == "sent"
    assert RUNS["quota"].calls == 3


def test_celery_task_is_deferred_by_a_closed_gate_without_using_its_schedule(
    celery_app: Any,
) -> None:
    """Three deferrals by a closed gate, then a failing server: the whole schedule still runs."""
    closed = fleet.Closed(0.02, "DailyQuotaExceeded", "account")
    down = ses_errors.ServiceUnavailable("busy", request_id="r1")
    RUNS["closed"] = Counter(down, 100, first=(closed, closed, closed))
    result = celery_app.tasks["send_with_schedule"].delay("closed")
    with pytest.raises(ses_errors.ServiceUnavailable):
        result.get(timeout=30)
    assert RUNS["closed"].calls == 3 + FAST.max_attempts


def test_celery_task_fails_at_once_with_the_typed_error(celery_app: Any) -> None:
    """An error that can never succeed fails the task on its first run, typed, intact."""
    rejected = ses_errors.MessageRejected("Illegal address", None, 400, "req-q")
    RUNS["rejected"] = Counter(rejected, 100)
    result = celery_app.tasks["send_with_schedule"].delay("rejected")
    with pytest.raises(ses_errors.MessageRejected) as caught:
        result.get(timeout=20)
    assert RUNS["rejected"].calls == 1
    got = caught.value
    assert (got.code, got.message, got.http_status, got.request_id) == (
        "MessageRejected",
        "Illegal address",
        400,
        "req-q",
    )


def test_celery_retries_go_to_the_queue_asked_for(celery_app: Any) -> None:
    """celery_retry passes queue= to task.retry: the retry is routed to that queue."""
    RUNS["elsewhere"] = Counter(ses_errors.Throttling("Maximum sending rate exceeded."), 1)
    celery_app.tasks["send_elsewhere"].delay("elsewhere")
    deadline = time.monotonic() + 10
    while len(RUNS["elsewhere"].headers) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert RUNS["elsewhere"].headers == ["celery", "retries"]


def test_celery_task_gives_up_when_the_schedule_is_spent(celery_app: Any) -> None:
    """A task failing every time runs once per schedule attempt and then fails typed."""
    RUNS["down"] = Counter(ses_errors.ServiceUnavailable("busy", request_id="r1"), 100)
    result = celery_app.tasks["send_with_schedule"].delay("down")
    with pytest.raises(ses_errors.ServiceUnavailable):
        result.get(timeout=30)
    assert RUNS["down"].calls == FAST.max_attempts


def test_celery_autoretry_skips_what_must_not_be_retried(celery_app: Any) -> None:
    """With autoretry_for/dont_autoretry_for, throttling is retried and the daily quota is not."""
    RUNS["auto-rate"] = Counter(ses_errors.MaxSendRateExceeded("x", "Throttling"), 1)
    RUNS["auto-quota"] = Counter(QUOTA, 100)
    task = celery_app.tasks["send_with_autoretry"]
    assert task.delay("auto-rate").get(timeout=20) == "sent"
    assert RUNS["auto-rate"].calls == 2
    with pytest.raises(ses_errors.DailyQuotaExceeded):
        task.delay("auto-quota").get(timeout=20)
    assert RUNS["auto-quota"].calls == 1


def test_celery_task_fails_with_a_dual_error_typed_and_intact(celery_app: Any) -> None:
    """A patched client's dual error fails the task and reaches result.get() as its SES class."""
    pytest.importorskip("botocore")
    raw = testing.client_error(ses_errors.MessageRejected("Illegal address", request_id="req-d"))
    dual = ses_errors.from_client_error(raw, as_client_error=True)
    RUNS["dual"] = Counter(dual, 100)
    result = celery_app.tasks["send_with_schedule"].delay("dual")
    with pytest.raises(ses_errors.MessageRejected) as caught:
        result.get(timeout=20)
    assert RUNS["dual"].calls == 1
    assert (caught.value.message, caught.value.request_id) == ("Illegal address", "req-d")


# --- RECONNECT: an SMTP reply that ends the session is retried by every hook ---------------------

SESSION_LIMIT = ses_errors.smtp.from_smtp_reply(421, "Maximum message count per session reached.")


def test_every_hook_retries_a_reconnect_error(stamina_waits: list[float]) -> None:
    """stamina, tenacity and SES's schedule retry SES's 421 session limit, which reconnects."""
    stamina = pytest.importorskip("stamina")
    assert SESSION_LIMIT.action is ses_errors.Action.RECONNECT
    stamina.set_testing(True, attempts=5)
    send = Counter(SESSION_LIMIT, failures=2)
    assert stamina.retry(on=stamina_hooks.stamina_on)(send)() == "sent"
    assert send.calls == 3
    assert len(stamina_waits) == 2  # stamina's test mode announces no real wait
    assert stamina_hooks.stamina_on(SESSION_LIMIT) == 5.0
    result, slept = _tenacity_run(Counter(SESSION_LIMIT, failures=2))
    assert (result, slept) == ("sent", [5.0, 10.0])
    assert retry.wait_for(SESSION_LIMIT, 1) == 5.0


def test_celery_retries_a_reconnect_error_on_the_schedule(celery_app: Any) -> None:
    """celery_retry re-queues a task that met SES's 421 session limit, and it then succeeds."""
    RUNS["session limit"] = Counter(SESSION_LIMIT, 2)
    result = celery_app.tasks["send_with_schedule"].delay("session limit")
    assert result.get(timeout=20) == "sent"
    assert RUNS["session limit"].calls == 3


# --- Celery's redelivery: no countdown past the broker's visibility timeout -------------------


class BoundTask:
    """The part of a bound task celery_retry uses, on a real Celery app's configuration."""

    def __init__(self, app: Any) -> None:
        """Start as a task's first run."""
        self.app = app
        self.request = type("Request", (), {"retries": 0, "headers": {}})()
        self.retried: list[dict[str, Any]] = []

    def retry(self, **options: Any) -> BaseException:
        """Note how the task would be queued again."""
        self.retried.append(options)
        return RuntimeError("retry")


def _app(broker: str, **transport: Any) -> Any:
    celery = pytest.importorskip("celery")
    app = celery.Celery("visibility", broker=broker)
    app.conf.broker_transport_options = transport
    return app


@pytest.mark.parametrize(
    ("broker", "transport", "countdown"),
    [
        ("redis://127.0.0.1:6379/0", {}, 3240.0),  # nine tenths of the default hour
        ("redis://127.0.0.1:6379/0", {"visibility_timeout": 600}, 540.0),
        ("sqs://", {"visibility_timeout": 120}, 108.0),
        ("amqp://127.0.0.1//", {}, 86_400.0),  # RabbitMQ redelivers only a lost connection's
    ],
)
def test_a_deferral_never_outlasts_the_brokers_visibility_timeout(
    broker: str, transport: dict[str, Any], countdown: float
) -> None:
    """A day-long Closed is deferred in steps below the visibility timeout, nothing used up."""
    task = BoundTask(_app(broker, **transport))
    celery_hooks.celery_retry(task, fleet.Closed(86_400.0, "budget"))
    [options] = task.retried
    assert options["countdown"] == countdown
    assert options["headers"] == {DEFERRALS_HEADER: 1}


def test_a_schedule_wait_is_cut_to_the_visibility_timeout_and_counts() -> None:
    """SES's 20-minute pause under a 10-minute visibility timeout: 540 s, a retry that counts."""
    task = BoundTask(_app("redis://127.0.0.1:6379/0", visibility_timeout=600))
    task.request.retries = 3  # the fourth failure: the schedule's pause comes next
    celery_hooks.celery_retry(task, ses_errors.ServiceUnavailable("busy"))
    [options] = task.retried
    assert options["countdown"] == 540.0
    assert options["headers"] == {DEFERRALS_HEADER: 0}
