"""The gate's events reach the listeners: grants, waits, closings, reopenings, cuts, faults."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

import pytest

import ses_errors
from conftest import restart_redis_server, start_redis_server
from ses_errors import fleet, instrumentation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ses_errors.instrumentation import GateEvent

RATE = 100.0
QUOTA = ses_errors.Throttling("Daily message quota exceeded.")


@pytest.fixture
def events() -> Iterator[list[GateEvent]]:
    """Listen to every gate event for the test; leave no listener behind."""
    told: list[GateEvent] = []
    instrumentation.set_gate_hooks([told.append])
    yield told
    instrumentation.set_gate_hooks([])


def _gate(**kwargs: object) -> fleet.Gate:
    options: dict[str, object] = {"max_rate": RATE, "sleep": lambda _: None, "jitter": 0.0}
    return fleet.Gate(None, account=f"events-{uuid.uuid4().hex}", **{**options, **kwargs})  # type: ignore[arg-type]  # the options above are Gate's own


def test_each_grant_wait_closing_and_reopening_is_told(events: list[GateEvent]) -> None:
    """A grant with its wait, a cut, a closing, a refusal and an operator's reopening."""
    gate = _gate(hold=600)
    for _ in range(2):
        with gate.slot(recipients=10):
            pass
    gate.record(ses_errors.Throttling("Maximum sending rate exceeded."))
    gate.record(QUOTA)
    with pytest.raises(fleet.Closed), gate.slot():
        pass
    gate.open()
    kinds = [event.kind for event in events]
    assert kinds == ["granted", "granted", "cut", "closed", "refused", "reopened"]
    assert events[1].wait == pytest.approx(10 / RATE, abs=1e-3)
    assert (events[1].recipients, events[1].lane) == (10, "default")
    assert (events[3].reason, events[3].scope) == ("DailyQuotaExceeded", "account")
    assert events[4].reason == "DailyQuotaExceeded"
    assert events[5].reason == "operator"
    assert all(event.account == gate.account for event in events)


def test_a_fallback_and_the_return_are_told(
    events: list[GateEvent], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Redis killed: a fallback event with the cause; restarted: a return."""
    from ses_errors import _fleet_link  # noqa: PLC0415 - its retry period, shortened

    monkeypatch.setattr(_fleet_link, "RETRY_EVERY", 0.0)
    server, url = start_redis_server()
    gate = fleet.Gate(url, account=f"events-{uuid.uuid4().hex}", max_rate=RATE)
    try:
        with gate.slot():
            pass
        server.kill()
        server.wait(timeout=10)
        with gate.slot():
            pass
        server = restart_redis_server(url)
        with gate.slot():
            pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    kinds = [event.kind for event in events]
    assert kinds == ["granted", "fallback", "granted", "returned", "granted"]
    assert (events[1].reason or "").startswith("ConnectionError")


def test_a_listener_that_raises_stops_no_send(caplog: pytest.LogCaptureFixture) -> None:
    """A broken listener is logged and skipped; the slot is still granted."""

    def broken(_event: GateEvent) -> None:
        raise RuntimeError

    instrumentation.set_gate_hooks([broken])
    try:
        with _gate().slot() as granted:
            assert granted.recipients == 1
    finally:
        instrumentation.set_gate_hooks([])
    assert any("hook" in record.getMessage() for record in caplog.records)


def test_a_hook_that_is_no_callable_is_refused() -> None:
    """set_gate_hooks takes callables only."""
    with pytest.raises(TypeError, match="callable"):
        instrumentation.set_gate_hooks(["print"])  # type: ignore[list-item]  # the wrong type on purpose


def test_the_logging_listener_logs_each_event(caplog: pytest.LogCaptureFixture) -> None:
    """logging_hook writes one line an event on the ses_errors.fleet logger."""
    caplog.set_level(logging.INFO, logger="ses_errors.fleet")
    instrumentation.set_gate_hooks([instrumentation.logging_hook])
    try:
        gate = _gate(hold=600)
        with gate.slot(recipients=3):
            pass
        gate.record(QUOTA)
    finally:
        instrumentation.set_gate_hooks([])
    lines = [r.getMessage() for r in caplog.records if r.name == "ses_errors.fleet"]
    assert lines[0].startswith(f"gate granted for {gate.account}: lane='default', recipients=3")
    assert lines[1].startswith(f"gate closed for {gate.account}: reason='DailyQuotaExceeded'")


def test_the_prometheus_listener_counts_and_times() -> None:
    """prometheus_hook counts events by kind and lane and observes the waits, in a registry."""
    prometheus_client = pytest.importorskip("prometheus_client")
    registry = prometheus_client.CollectorRegistry()
    instrumentation.set_gate_hooks([instrumentation.prometheus_hook(registry)])
    try:
        gate = _gate(hold=600)
        for _ in range(3):
            with gate.slot():
                pass
        gate.record(QUOTA)
    finally:
        instrumentation.set_gate_hooks([])
    labels = {"account": gate.account, "lane": "default"}
    granted = registry.get_sample_value(
        "ses_errors_gate_events_total", {"kind": "granted", **labels}
    )
    assert granted == 3
    closed = {"kind": "closed", "account": gate.account, "lane": ""}
    assert registry.get_sample_value("ses_errors_gate_events_total", closed) == 1
    assert registry.get_sample_value("ses_errors_gate_wait_seconds_count", labels) == 3
