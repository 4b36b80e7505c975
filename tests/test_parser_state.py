"""A parse leaves nothing behind that changes the next one: not an error, not an interruption.

Each attack runs in a process of its own (``parser_storm.py``), so that a deadlock fails its
test by timing out instead of hanging the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import ses_errors
from conftest import FIXTURES

THROTTLING = (FIXTURES / "throttling_rate.xml").read_bytes()
STORM = Path(__file__).parent / "parser_storm.py"


def _run_storm(kind: str) -> dict[str, int]:
    done = subprocess.run(  # noqa: S603 - our own script, with a fixed argument
        [sys.executable, str(STORM), kind], capture_output=True, text=True, timeout=120, check=True
    )
    result: dict[str, int] = json.loads(done.stdout)
    return result


def test_a_finalizer_that_parses_inside_a_parse_neither_deadlocks_nor_misreads() -> None:
    """30,000 parses with finalizers that parse, collected at thresholds 1 to 40, all read right."""
    counts = _run_storm("finalizer")
    assert counts["parses"] == 30_000
    assert counts["wrong"] == 0
    assert counts["finalizer_parses"] > 10_000  # the finalizers did run, inside parses among others
    assert counts["finalizer_wrong"] == 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGALRM and setitimer are POSIX")
@pytest.mark.parametrize("base", ["ValueError", "KeyError", "KeyboardInterrupt"])
def test_an_exception_from_a_signal_handler_propagates_unchanged(base: str) -> None:
    """In a signal storm, every XML and JSON parse reads right or raises the handler's exception."""
    counts = _run_storm(base)
    assert counts["interrupted"] > 0  # the storm did reach the parses
    assert counts["right"] > 0  # and let some complete: both outcomes were possible
    assert counts["wrong"] == 0
    assert counts["right"] + counts["interrupted"] == counts["parses"]
    assert counts["after_right"] == 100


@pytest.mark.skipif(sys.platform == "win32", reason="SIGALRM and setitimer are POSIX")
def test_a_signal_handler_that_parses_gets_and_leaves_right_answers() -> None:
    """A handler that parses inside a parse reads its own body right, and so does the parse."""
    counts = _run_storm("parsing")
    assert counts["handler_parses"] > 0
    assert counts["wrong"] == 0
    assert counts["right"] == counts["parses"]
    assert counts["after_right"] == 100


@pytest.mark.parametrize(
    "broken",
    [
        b"<ErrorResponse><Error><Code>Throttling</Code>",  # cut off
        b"<ErrorResponse></Error>",  # mismatched
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


def test_a_parse_error_carries_no_lxml_exception_in_its_chain() -> None:
    """A refused body's ResponseParseError has neither a cause nor a context from lxml."""
    with pytest.raises(ses_errors.ResponseParseError) as refused:
        ses_errors.parse_error(b"<ErrorResponse><Code>secret-tag-name</Code")
    assert refused.value.__cause__ is None
    assert refused.value.__context__ is None


def test_the_first_parses_import_nothing_a_nested_parse_could_find_half_made() -> None:
    """After `import ses_errors`, the first XML and JSON parses import no module at all."""
    # A module imported on first use is half made while it runs; a finalizer or signal handler
    # that parsed then (Python 3.13 runs the collector at such points) would find it so.
    code = (
        "import sys, ses_errors; before = set(sys.modules); "
        "ses_errors.parse_error(sys.stdin.buffer.read()); "
        'ses_errors.parse_error(b\'{"message": "m"}\', http_status=400); '
        "print(sorted(set(sys.modules) - before))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], input=THROTTLING, capture_output=True, check=True
    )
    assert done.stdout.decode().strip() == "[]"
