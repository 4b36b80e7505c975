"""A parse leaves nothing behind that changes the next one: not an error, not an interruption."""

from __future__ import annotations

import inspect
import sys
from typing import TYPE_CHECKING

import pytest

import ses_errors
from conftest import FIXTURES
from ses_errors import _parse

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType

    from _typeshed import TraceFunction

THROTTLING = (FIXTURES / "throttling_rate.xml").read_bytes()


def _line_of(function: Callable[..., object], text: str) -> int:
    lines, first = inspect.getsourcelines(function)
    return first + next(number for number, line in enumerate(lines) if text in line)


def _interrupt_at(line: int) -> None:
    """Raise KeyboardInterrupt when the feed path reaches ``line``, as a signal handler would."""
    code = _parse._parse_utf8.__code__  # pyright: ignore[reportPrivateUsage] - the path under test

    def local(frame: FrameType, event: str, _arg: object) -> TraceFunction:
        if event == "line" and frame.f_lineno == line:
            raise KeyboardInterrupt
        return local

    def calls(frame: FrameType, _event: str, _arg: object) -> TraceFunction | None:
        return local if frame.f_code is code else None

    sys.settrace(calls)


def test_an_interruption_between_feed_and_close_does_not_reach_the_next_parse() -> None:
    """A parse interrupted after feeding its body leaves the thread's next parse unaffected."""
    close_line = _line_of(_parse._parse_utf8, "parser.close()")  # pyright: ignore[reportPrivateUsage]
    _interrupt_at(close_line)
    try:
        with pytest.raises(KeyboardInterrupt):
            ses_errors.parse_error(THROTTLING)
    finally:
        sys.settrace(None)
    exc = ses_errors.parse_error(THROTTLING)
    assert type(exc) is ses_errors.MaxSendRateExceeded
    assert exc.message == "Maximum sending rate exceeded."


@pytest.mark.parametrize(
    "broken",
    [
        b"<ErrorResponse><Error><Code>Throttling</Code>",  # cut off: fails in close()
        b"<ErrorResponse></Error>",  # mismatched: fails in feed()
        b"<ErrorResponse/><extra/>",  # content after the root
        b"<a>\xff</a>",  # not UTF-8
    ],
)
def test_a_body_that_fails_to_parse_does_not_reach_the_next_one(broken: bytes) -> None:
    """After a malformed UTF-8 body is refused, the same thread reads a valid body exactly."""
    with pytest.raises(ses_errors.ResponseParseError) as refused:
        ses_errors.parse_error(broken)
    assert refused.value.reason == "not-xml"
    exc = ses_errors.parse_error(THROTTLING)
    assert (type(exc), exc.code) == (ses_errors.MaxSendRateExceeded, "Throttling")


def test_bodies_in_other_encodings_and_utf8_alternate_freely() -> None:
    """UTF-32, UTF-16 and UTF-8 bodies in turn each read the same error."""
    text = THROTTLING.decode()
    bodies: list[bytes | str] = [
        THROTTLING,
        text.encode("utf-32"),
        text.encode("utf-16"),
        THROTTLING,
        text,
    ]
    read = [(type(exc), exc.message) for exc in map(ses_errors.parse_error, bodies)]
    assert read == [(ses_errors.MaxSendRateExceeded, "Maximum sending rate exceeded.")] * len(
        bodies
    )
