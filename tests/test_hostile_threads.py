"""Parsing from many threads gives exactly the results of a serial run."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import ses_errors
from conftest import FIXTURES

THREADS = 8
ROUNDS = 200


def _bodies() -> list[tuple[bytes, int | None]]:
    bodies: list[tuple[bytes, int | None]] = [
        (path.read_bytes(), None) for path in sorted(FIXTURES.iterdir())
    ]
    bodies += [(path.read_bytes(), 502) for path in sorted(FIXTURES.iterdir())]
    bodies += [(b"<!DOCTYPE x><x/>", None), (b"not xml at all", None), (b"<Err", 503)]
    return bodies


def _result(body: bytes, status: int | None) -> tuple[object, ...]:
    try:
        exc = ses_errors.parse_error(body, http_status=status)
    except ses_errors.ResponseParseError as error:
        return ("refused", error.reason, error.size)
    return (type(exc).__name__, exc.code, exc.message, exc.http_status, exc.request_id, exc.fault)


def test_eight_threads_match_a_serial_run() -> None:
    """Mixed bodies parsed from 8 threads give identical results to parsing them one by one."""
    work = _bodies() * ROUNDS
    serial = [_result(body, status) for body, status in work]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        parallel = list(pool.map(lambda item: _result(*item), work))
    assert parallel == serial
    assert len({r[0] for r in serial}) > 3  # the mix really is mixed
