"""The gate in the operator's hands: status() as data, and ses-errors gate status/open/close."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import uuid
from typing import Any

import pytest

import ses_errors
from ses_errors import _cli, fleet

RATE = 100.0
QUOTA = ses_errors.Throttling("Daily message quota exceeded.")
LANES = {"transactional": fleet.Lane(rate=0.3, quota=0.1)}


def test_status_says_the_state_as_data(redis_url: str) -> None:
    """Rate, cut, budget per lane, what is closed and the workers, JSON-ready."""
    account = f"status-{uuid.uuid4().hex}"
    gate = fleet.Gate(
        redis_url, account=account, max_rate=RATE, daily_quota=100, lanes=LANES, hold=600,
        sleep=lambda _: None,
    )  # fmt: skip
    with gate.slot(recipients=30):
        pass
    gate.record(ses_errors.Throttling("Maximum sending rate exceeded."))
    gate.record(QUOTA)
    status = gate.status()
    assert json.loads(json.dumps(status)) == status
    assert (status["account"], status["max_rate"], status["workers"]) == (account, RATE, 1)
    assert status["rate"] == pytest.approx(RATE / 2, rel=0.05)
    assert status["cut"]["full_in"] > 25
    assert status["budget"]["lanes"] == {
        "default": {"used": 30.0, "left": 60.0},
        "transactional": {"used": 0.0, "left": 70.0},
    }
    [closed] = status["closed"]
    assert (closed["scope"], closed["error"], closed["trial_out"]) == (
        "account",
        "DailyQuotaExceeded",
        False,
    )
    assert 590 < closed["seconds_left"] <= 600
    assert (status["fallen_back"], status["cause"]) == (False, None)


WORKER = textwrap.dedent(
    """
    import sys
    from ses_errors import fleet
    gate = fleet.Gate(sys.argv[1], account=sys.argv[2], max_rate=100.0, daily_quota=1000)
    try:
        with gate.slot():
            print("sent")
    except fleet.Closed as closed:
        print("closed by", closed.reason)
    """
)


def _worker(redis_url: str, account: str) -> str:
    """Take one slot in another process; say what happened."""
    done = subprocess.run(  # noqa: S603 - this interpreter and our own script
        [sys.executable, "-c", WORKER, redis_url, account],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout.strip()


def _cli_run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = _cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_cli_closes_and_opens_the_gate_for_a_worker_elsewhere(
    redis_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Gate close --hold stops another process's sends; gate open lets them go at once."""
    account = f"cli-{uuid.uuid4().hex}"
    where = ["--redis", redis_url, "--account", account]
    assert _worker(redis_url, account) == "sent"
    code, out, _ = _cli_run(capsys, "gate", "close", "--hold", "600", *where)
    assert code == 0
    assert "account by operator" in out
    assert _worker(redis_url, account) == "closed by operator"
    code, out, _ = _cli_run(capsys, "gate", "open", *where, "--json")
    assert code == 0
    status: dict[str, Any] = json.loads(out)
    assert status["closed"] == []
    assert status["budget"]["quota"] == 1000  # the fleet's own, read from the state
    assert _worker(redis_url, account) == "sent"
    code, out, _ = _cli_run(capsys, "gate", "status", *where)
    assert code == 0
    assert "2 used, 998 left" in out


def test_the_cli_says_when_redis_does_not_answer(capsys: pytest.CaptureFixture[str]) -> None:
    """An unreachable Redis: exit 2 and one line saying so, no traceback, nothing changed."""
    pytest.importorskip("redis", reason="redis-py is not installed")
    code, out, err = _cli_run(
        capsys, "gate", "open", "--redis", "redis://127.0.0.1:1/0", "--account", "nowhere"
    )
    assert (code, out) == (2, "")
    assert "Redis did not answer (ConnectionError" in err
    assert "Traceback" not in err


def test_the_cli_names_the_extra_when_redis_py_is_missing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Redis URL without redis-py: exit 2 and one line naming the extra to install."""
    monkeypatch.setitem(sys.modules, "redis", None)  # what an absent package looks like
    code, out, err = _cli_run(
        capsys, "gate", "status", "--redis", "redis://127.0.0.1:1/0", "--account", "nowhere"
    )
    assert (code, out) == (2, "")
    assert "pip install 'ses-errors[redis]'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("hold", ["-5", "nan"])
def test_the_cli_refuses_a_hold_that_is_no_time(
    redis_url: str, capsys: pytest.CaptureFixture[str], hold: str
) -> None:
    """Gate close --hold with a negative or no number of seconds: exit 2, one line."""
    code, _, err = _cli_run(
        capsys, "gate", "close", "--hold", hold, "--redis", redis_url, "--account", "x"
    )
    assert code == 2
    assert "hold" in err
