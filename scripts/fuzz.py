"""Coverage-guided fuzzing of parse_error with atheris (run by hand, not in CI).

    pip install atheris
    python scripts/fuzz.py -runs=1000000 fuzz-corpus tests/fixtures

Any exception other than ResponseParseError, or a result outside the documented bounds, is a
finding: atheris stops and writes the input that caused it to a crash-* file.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import ses_errors
    from ses_errors._wire import MAX_CODE_CHARS, MAX_MESSAGE_CHARS


def test_one_input(data: bytes) -> None:
    """Parse one input with and without a status; check the outcome is a documented one."""
    for status in (None, 503):
        try:
            exc = ses_errors.parse_error(data, http_status=status)
        except ses_errors.ResponseParseError:
            if status is not None:
                raise
            continue
        if exc.code is not None and len(exc.code) > MAX_CODE_CHARS:
            raise AssertionError("code longer than the bound")
        if len(exc.message) > MAX_MESSAGE_CHARS:
            raise AssertionError("message longer than the bound")
        str(exc)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
