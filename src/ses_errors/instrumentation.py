"""What the fleet gate does, told to listeners: grants, waits, closings, reopenings, cuts, faults.

In stamina's manner, listeners are plain callables taking one ``GateEvent``, set for the whole
process with ``set_gate_hooks``; two are ready: ``logging_hook`` (one log line an event) and
``prometheus_hook()`` (counters and a histogram of waits, with ``pip install
'ses-errors[prometheus]'``)::

    from ses_errors import instrumentation

    hooks = [instrumentation.logging_hook, instrumentation.prometheus_hook()]
    instrumentation.set_gate_hooks(hooks)

A listener that raises is logged and skipped: it never stops a send.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "GateEvent",
    "GateHook",
    "get_gate_hooks",
    "logging_hook",
    "prometheus_hook",
    "set_gate_hooks",
]

EventKind = Literal["granted", "refused", "closed", "reopened", "cut", "fallback", "returned"]


@attrs.frozen
class GateEvent:
    """One thing a gate did, for an account.

    ``kind``: ``granted`` (a slot; ``wait`` is how long its sender waits for it, ``trial``
    whether it is the trial), ``refused`` (``Closed``; ``reason`` says by what), ``closed`` (an
    error or an operator closed a scope), ``reopened`` (a trial, a probe or an operator opened
    it), ``cut`` (a send-rate error halved the rate), ``fallback`` (Redis failed; ``reason`` is
    the cause, without a password) and ``returned`` (Redis answers again).
    """

    kind: EventKind
    account: str
    lane: str | None = None
    recipients: int | None = None
    wait: float | None = None
    reason: str | None = None
    scope: str | None = None
    trial: bool = False


#: A listener: told each event, its answer ignored.
GateHook = Callable[[GateEvent], object]
_hooks: tuple[GateHook, ...] = ()
_log = logging.getLogger("ses_errors.fleet")


def set_gate_hooks(hooks: Iterable[GateHook]) -> None:
    """Set the listeners every gate of this process tells its events to (replacing the old)."""
    global _hooks  # noqa: PLW0603 - one set of listeners per process, as stamina keeps its own
    checked = tuple(hooks)
    if not all(callable(hook) for hook in checked):
        msg = "a gate hook is a callable taking one GateEvent"
        raise TypeError(msg)
    _hooks = checked


def get_gate_hooks() -> tuple[GateHook, ...]:
    """Return the listeners set now."""
    return _hooks


def tell(kind: EventKind, account: str, **details: Any) -> None:  # noqa: ANN401 - GateEvent's fields
    """Tell every listener; cheap when there is none, and a listener's error stops nothing."""
    if not _hooks:
        return
    event = GateEvent(kind, account, **details)
    for hook in _hooks:
        try:
            hook(event)
        except Exception:  # noqa: BLE001 - a listener never stops a send
            _log.warning("ses-errors gate hook %r failed on %s", hook, kind, exc_info=True)


def logging_hook(event: GateEvent) -> None:
    """Log an event on the ``ses_errors.fleet`` logger: faults as warnings, the rest as info."""
    level = logging.WARNING if event.kind in {"fallback", "closed", "cut"} else logging.INFO
    details = ", ".join(
        f"{name}={value!r}"
        for name, value in attrs.asdict(event).items()
        if name not in {"kind", "account"} and value not in (None, False)
    )
    _log.log(level, "gate %s for %s: %s", event.kind, event.account, details or "-")


def prometheus_hook(registry: Any = None) -> Callable[[GateEvent], None]:  # noqa: ANN401 - prometheus_client's CollectorRegistry
    """Return a listener that counts events and times waits with prometheus-client.

    ``ses_errors_gate_events_total{kind, account, lane}`` counts every event and
    ``ses_errors_gate_wait_seconds{account, lane}`` is a histogram of the waits for granted
    slots; both go to ``registry`` (prometheus-client's default one when None). Raises
    ImportError without prometheus-client (``pip install 'ses-errors[prometheus]'``).
    """
    import prometheus_client  # noqa: PLC0415 - the optional extra

    options: dict[str, Any] = {} if registry is None else {"registry": registry}
    events = prometheus_client.Counter(
        "ses_errors_gate_events",
        "Events of the ses-errors fleet gate",
        ["kind", "account", "lane"],
        **options,
    )
    waits = prometheus_client.Histogram(
        "ses_errors_gate_wait_seconds",
        "Seconds a sender waits for a slot of the ses-errors fleet gate",
        ["account", "lane"],
        **options,
    )

    def hook(event: GateEvent) -> None:
        lane = event.lane or ""
        events.labels(event.kind, event.account, lane).inc()
        if event.kind == "granted" and event.wait is not None:
            waits.labels(event.account, lane).observe(event.wait)

    return hook
