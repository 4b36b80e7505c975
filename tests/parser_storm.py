"""Run parses under attack in a process of their own; print what came out as one JSON line.

Run by test_parser_state.py as ``python parser_storm.py KIND``, so that a deadlock is a test
that times out rather than a suite that hangs. KIND is one of:

* ``finalizer``: 30,000 parses, good and malformed bodies in turn, with the garbage collector's
  threshold moving from 1 to 40 and a finalizer that parses on every collection;
* ``ValueError``, ``KeyError``, ``KeyboardInterrupt``: SIGALRM every 40 microseconds for two
  seconds, its handler raising a subclass of that exception whenever it interrupts the package;
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
PACKAGE = str(Path(ses_errors.__file__).parent)


def _is_right(error: ses_errors.SESError, body: bytes) -> bool:
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


def storm(kind: str) -> dict[str, int]:
    """Parse for two seconds under a signal every 40 microseconds."""
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
        if frame is None or not frame.f_code.co_filename.startswith(PACKAGE):
            return  # only parses are attacked, not this loop's own bookkeeping
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
    signal.setitimer(signal.ITIMER_REAL, 40e-6, 40e-6)
    end = time.monotonic() + 2.0
    try:
        while time.monotonic() < end:
            counts["parses"] += 1
            try:
                error = ses_errors.parse_error(GOOD)
            except interrupt:
                counts["interrupted"] += 1
            except BaseException:  # noqa: BLE001 - a swallowed or changed interrupt is the defect
                counts["wrong"] += 1
            else:
                counts["right" if _is_right(error, GOOD) else "wrong"] += 1
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
