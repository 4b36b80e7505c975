"""Run parses under attack in a process of their own; print what came out as one JSON line.

Run by test_parser_state.py as ``python parser_storm.py KIND``, so that a deadlock is a test
that times out rather than a suite that hangs. KIND is one of:

* ``finalizer``: 30,000 parses, good and malformed bodies in turn, with the garbage collector's
  threshold moving from 1 to 40 and a finalizer that parses on every collection;
* ``ValueError``, ``KeyError``, ``KeyboardInterrupt``: SIGALRM for two seconds, XML and JSON
  bodies in turn, its handler raising a subclass of that exception whenever it interrupts the
  package; the timer's period is four times the parse time this machine measures first, so that
  some parses are cut and others complete, however fast the machine;
* ``parsing``: the same storm, its handler parsing another body instead of raising.
"""

from __future__ import annotations

import gc
import json
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import ses_errors

if TYPE_CHECKING:
    from types import FrameType

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = (FIXTURES / "throttling_rate.xml").read_bytes()
OTHER = (FIXTURES / "message_rejected.xml").read_bytes()
MALFORMED = b"<ErrorResponse><Error><Code>Throttling</Code>"
# SES v2's answer to too many requests, as a JSON body without its header.
JSON = b'{"__type": "TooManyRequestsException", "message": "Too Many Requests"}'
STORM_BODIES = (GOOD, JSON)


def _is_right(error: ses_errors.SESError, body: bytes) -> bool:
    if body is JSON:
        return (
            type(error) is ses_errors.TooManyRequestsException
            and error.code == "TooManyRequestsException"
        )
    if body is GOOD:
        return type(error) is ses_errors.MaxSendRateExceeded and error.code == "Throttling"
    return type(error) is ses_errors.AddressNotVerified and error.code == "MessageRejected"


def finalizer_loop() -> dict[str, int]:
    """Parse 30,000 times while finalizers that parse run inside the parses."""
    counts = {"parses": 0, "wrong": 0, "finalizer_parses": 0, "finalizer_wrong": 0}

    class ParsesWhenCollected:
        other: ParsesWhenCollected | None = None

        def __del__(self) -> None:
            counts["finalizer_parses"] += 1
            try:
                error = ses_errors.parse_error(OTHER)
            except Exception:  # noqa: BLE001 - any exception here is a wrong answer
                counts["finalizer_wrong"] += 1
                return
            counts["finalizer_wrong"] += not _is_right(error, OTHER)

    for index in range(30_000):
        gc.set_threshold(1 + index % 40)
        first, second = ParsesWhenCollected(), ParsesWhenCollected()
        first.other, second.other = second, first  # a cycle: only the collector frees it
        del first, second
        body = MALFORMED if index % 2 else GOOD
        counts["parses"] += 1
        try:
            error = ses_errors.parse_error(body)
        except ses_errors.ResponseParseError:
            counts["wrong"] += body is GOOD
        else:
            counts["wrong"] += body is MALFORMED or not _is_right(error, GOOD)
    gc.set_threshold(700, 10, 10)
    gc.collect()
    return counts


def _parse(body: bytes) -> ses_errors.SESError:
    return ses_errors.parse_error(body, http_status=429 if body is JSON else None)


def _period() -> float:
    """Return four times the time one storm parse takes on this machine (the median of 201)."""
    times = []
    for index in range(201):
        start = time.perf_counter()
        _parse(STORM_BODIES[index % 2])
        times.append(time.perf_counter() - start)
    return 4 * sorted(times)[100]


def storm(kind: str) -> dict[str, int]:
    """Parse for two seconds under a signal every four parse times."""
    base: type[BaseException] = {
        "ValueError": ValueError,
        "KeyError": KeyError,
        "KeyboardInterrupt": KeyboardInterrupt,
        "parsing": ValueError,
    }[kind]
    interrupt: type[BaseException] = type("Interrupt", (base,), {})
    counts = {"parses": 0, "right": 0, "wrong": 0, "interrupted": 0, "handler_parses": 0}
    in_handler = [False]

    def handler(_signum: int, frame: FrameType | None) -> None:
        if frame is None or frame.f_code.co_filename == __file__:
            return  # only parses (ours, lxml's and json's code) are attacked, not this loop
        if kind != "parsing":
            raise interrupt
        # A parse takes longer than the timer's period: without this, handlers would nest in
        # each other until Python's recursion limit.
        if in_handler[0]:
            return
        in_handler[0] = True
        try:
            counts["handler_parses"] += 1
            if not _is_right(ses_errors.parse_error(OTHER), OTHER):
                counts["wrong"] += 1
        finally:
            in_handler[0] = False

    signal.signal(signal.SIGALRM, handler)
    period = _period()
    counts["period_us"] = round(period * 1e6)
    signal.setitimer(signal.ITIMER_REAL, period, period)
    end = time.monotonic() + 2.0
    try:
        while time.monotonic() < end:
            body = STORM_BODIES[counts["parses"] % 2]
            counts["parses"] += 1
            try:
                error = _parse(body)
            except interrupt:
                counts["interrupted"] += 1
            except BaseException:  # noqa: BLE001 - a swallowed or changed interrupt is the defect
                counts["wrong"] += 1
            else:
                counts["right" if _is_right(error, body) else "wrong"] += 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    # After the storm, the thread's next parses are exact.
    counts["after_right"] = sum(_is_right(ses_errors.parse_error(GOOD), GOOD) for _ in range(100))
    return counts


if __name__ == "__main__":
    which = sys.argv[1]
    result = finalizer_loop() if which == "finalizer" else storm(which)
    sys.stdout.write(json.dumps(result) + "\n")
