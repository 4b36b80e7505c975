"""The ses-errors command line: parse, explain, codes, and its handling of bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES
from ses_errors._cli import main
from ses_errors._table import ROWS


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; return its exit status, stdout and stderr."""
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_parse_file_shows_the_error(capsys: pytest.CaptureFixture[str]) -> None:
    """`parse FILE` prints the class, code, message, request id and retry decision."""
    status, out, err = run(["parse", str(FIXTURES / "message_rejected.xml")], capsys)
    assert status == 0
    assert err == ""
    assert "ses_errors.AddressNotVerified (a MessageRejected)" in out
    assert "5a7c1e3f-2b6d-4c8e-9f01-23456789abcd" in out
    assert "retryable    no" in out


def test_parse_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    """`parse --json` prints to_dict() plus the description."""
    status, out, _ = run(
        ["parse", str(FIXTURES / "throttling_rate.xml"), "--status", "400", "--json"], capsys
    )
    data = json.loads(out)
    assert status == 0
    assert data["error"] == "MaxSendRateExceeded"
    assert data["code"] == "Throttling"
    assert data["is_retryable"] is True
    assert data["retry_after"] == 5.0
    assert data["http_status"] == 400
    assert data["description"]


def test_parse_stdin_with_status_fallback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`parse -` reads stdin; a non-SES body with --status gives the status's family."""
    monkeypatch.setattr(sys, "stdin", _BytesStdin(b"<html>Bad Gateway</html>"))
    status, out, _ = run(
        ["parse", "-", "--status", "502", "--header", "x-amzn-RequestId:r1"], capsys
    )
    assert status == 0
    assert "ServerSideError" in out
    assert "r1" in out


class _BytesStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", str(FIXTURES / "proxy_502.html")],
        ["parse", "no/such/file.xml"],
        ["explain", "NoSuchCode"],
        ["parse", str(FIXTURES / "message_rejected.xml"), "--header", "no-colon"],
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad input prints one line on stderr, nothing on stdout, and exits with status 2."""
    status, out, err = run(argv, capsys)
    assert status == 2
    assert out == ""
    assert err.startswith("ses-errors: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_bad_status_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A --status that is not an HTTP status is refused by argparse with status 2."""
    with pytest.raises(SystemExit) as info:
        main(["parse", str(FIXTURES / "message_rejected.xml"), "--status", "999"])
    assert info.value.code == 2
    assert "not an HTTP status" in capsys.readouterr().err


@pytest.mark.parametrize("code", ["LimitExceeded", "LimitExceededException"])
def test_explain_accepts_either_spelling(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`explain` shows the row for a code or its other spelling."""
    status, out, _ = run(["explain", code, "--json"], capsys)
    data = json.loads(out)
    assert status == 0
    assert data["code"] == "LimitExceeded"
    assert data["aliases"] == ["LimitExceededException"]
    assert data["retryable"] is False


def test_explain_text(capsys: pytest.CaptureFixture[str]) -> None:
    """`explain` in text names status, retry decision, operations and description."""
    status, out, _ = run(["explain", "InternalFailure"], capsys)
    assert status == 0
    assert "HTTP status      500" in out
    assert "retryable        yes" in out
    assert "every operation" in out


def test_codes_lists_every_row(capsys: pytest.CaptureFixture[str]) -> None:
    """`codes --json` lists every row once; the text form has a line per row."""
    _, out, _ = run(["codes", "--json"], capsys)
    assert [item["code"] for item in json.loads(out)] == sorted(row.code for row in ROWS)
    _, out, _ = run(["codes"], capsys)
    assert len(out.splitlines()) == len(ROWS) + 1  # and a header


def test_python_dash_m_runs_the_cli() -> None:
    """`python -m ses_errors` is the same command."""
    result = subprocess.run(
        [sys.executable, "-m", "ses_errors", "explain", "Throttling"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Throttling\n")


def test_shipped_example_parses(capsys: pytest.CaptureFixture[str]) -> None:
    """The example body the README's set-up command uses parses to MessageRejected."""
    example = Path(__file__).resolve().parents[1] / "examples" / "message_rejected.xml"
    status, out, _ = run(["parse", str(example), "--status", "400"], capsys)
    assert status == 0
    assert out.startswith("MessageRejected [HTTP 400]")


def test_explain_a_message_case(capsys: pytest.CaptureFixture[str]) -> None:
    """`explain` takes a message case's class name: its parents, message and decision."""
    status, out, _ = run(["explain", "DailyQuotaExceeded"], capsys)
    assert status == 0
    assert "Throttling, ThrottlingException, TooManyRequestsException, LimitExceeded" in out
    assert "'Daily message quota exceeded.' (exact)" in out
    assert "retry after  do not retry" in out


def test_explain_a_code_lists_its_message_cases(capsys: pytest.CaptureFixture[str]) -> None:
    """`explain Throttling` names both of its message cases and their decisions, in JSON too."""
    _, out, _ = run(["explain", "Throttling"], capsys)
    assert "MaxSendRateExceeded ('Maximum sending rate exceeded.', retryable)" in out
    assert "DailyQuotaExceeded ('Daily message quota exceeded.', not retryable)" in out
    _, out, _ = run(["explain", "Throttling", "--json"], capsys)
    cases = {case["class"]: case["retryable"] for case in json.loads(out)["cases"]}
    assert cases == {"MaxSendRateExceeded": True, "DailyQuotaExceeded": False}


def test_parse_shows_when_to_retry(capsys: pytest.CaptureFixture[str]) -> None:
    """`parse` says how long to wait for a retryable error and not to retry the daily quota."""
    _, out, _ = run(["parse", str(FIXTURES / "throttling_rate.xml")], capsys)
    assert "retry after  5 s, then SES's schedule" in out
    _, out, _ = run(["parse", str(FIXTURES / "throttling_daily_quota.xml")], capsys)
    assert "retry after  do not retry" in out


def _cli(args: list[str], **streams: Any) -> subprocess.CompletedProcess[bytes]:
    """Run the CLI as a user's shell would, in a process of its own; capture what is not given."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **streams}
    return subprocess.run(  # noqa: S603 - this interpreter and our own module
        [sys.executable, "-m", "ses_errors", *args], check=False, timeout=60, **streams
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_input_is_refused_after_the_cap() -> None:
    """`parse /dev/zero` reads the cap and one byte, then refuses in one line with status 2."""
    done = _cli(["parse", "/dev/zero"])
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().splitlines() == [
        "ses-errors: the input is larger than 65536 bytes, which no SES error body is"
    ]


def test_a_huge_stdin_is_refused_having_read_little_more_than_the_cap(tmp_path: Path) -> None:
    """Of 200 MB on standard input the CLI reads about the cap, then refuses in one line."""
    huge = tmp_path / "huge"
    with huge.open("wb") as stream:
        stream.truncate(200 * 1024 * 1024)  # sparse: 200 MB of zeros that take no disk
    with huge.open("rb") as stdin:
        done = _cli(["parse", "-"], stdin=stdin)
        # The child shared this descriptor, so its offset shows how much the child read.
        consumed = os.lseek(stdin.fileno(), 0, os.SEEK_CUR)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == [
        "ses-errors: the input is larger than 65536 bytes, which no SES error body is"
    ]
    assert 65536 < consumed <= 2 * 65536


def test_a_closed_stdout_gives_one_line_and_status_1() -> None:
    """With standard output closed, the CLI says so on stderr in one line, with no traceback."""
    done = _cli(
        ["parse", str(FIXTURES / "message_rejected.xml")],
        stdout=None,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        "ses-errors: cannot write the output: standard output is closed"
    ]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_gives_one_line_and_status_1() -> None:
    """Writing to /dev/full fails with one line on stderr and status 1, with no traceback."""
    with Path("/dev/full").open("wb") as full:
        done = _cli(["parse", str(FIXTURES / "message_rejected.xml")], stdout=full)
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        "ses-errors: cannot write the output: No space left on device"
    ]


HOSTILE_MESSAGE = "hi\x1b[2J\nclass        ses_errors.Fake\x07\u009b31m\u2028\u202e\ud800"


def _hostile_body(tmp_path: Path) -> str:
    body = tmp_path / "hostile.json"
    body.write_text(json.dumps({"message": HOSTILE_MESSAGE}), encoding="utf-8")
    return str(body)


def test_a_hostile_message_cannot_reach_the_terminal(tmp_path: Path) -> None:
    """Escape sequences, BEL and newlines in a message come out escaped, one field per line."""
    done = _cli(["parse", "--header", "x-amzn-ErrorType:MessageRejected", _hostile_body(tmp_path)])
    assert done.returncode == 0
    lines = done.stdout.decode().split("\n")
    assert lines.pop() == ""  # the output ends with a newline, and has no other line breaks
    assert lines[0].startswith("MessageRejected [HTTP 400]: hi\\x1b[2J")
    assert [line.split()[0] for line in lines[1:]] == [
        "class",
        "code",
        "HTTP",
        "message",
        "request",
        "fault",
        "scope",
        "action",
        "retryable",
        "retry",
        "description",
    ]
    assert all(char.isprintable() for line in lines for char in line)


def test_a_hostile_message_in_json_output_is_escaped(tmp_path: Path) -> None:
    """`--json` writes printable ASCII only, and the message reads back whole."""
    header = "x-amzn-ErrorType:MessageRejected"
    done = _cli(["parse", "--json", "--header", header, _hostile_body(tmp_path)])
    assert done.returncode == 0
    assert all(32 <= byte < 127 or byte == 10 for byte in done.stdout)
    assert json.loads(done.stdout)["message"] == HOSTILE_MESSAGE


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    """`ses-errors --version` prints the program name and the installed version, exit 0."""
    from importlib.metadata import version  # noqa: PLC0415 - the check, not the CLI

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"ses-errors {version('ses-errors')}\n"


@pytest.mark.parametrize(
    ("typed", "title"),
    [("messagerejected", "MessageRejected"), ("DAILYQUOTAEXCEEDED", "DailyQuotaExceeded")],
)
def test_explain_takes_a_code_or_class_in_any_case(
    typed: str, title: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Explain finds a code or a class name however it is capitalised."""
    status, out, _ = run(["explain", typed], capsys)
    assert status == 0
    assert out.splitlines()[0] == title


def test_explain_suggests_the_names_a_typo_is_close_to(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown name gets exit 2 and the known names it is close to."""
    status, _, err = run(["explain", "MesageRejected"], capsys)
    assert status == 2
    assert "did you mean MessageRejected?" in err


def test_explain_reads_an_smtp_reply(capsys: pytest.CaptureFixture[str]) -> None:
    """Explain on an SMTP reply shows the class and decision the reply gets."""
    reply = "454 Throttling failure: Daily message quota exceeded."
    status, out, _ = run(["explain", reply], capsys)
    assert status == 0
    assert "ses_errors.DailyQuotaExceeded" in out
    assert "action       defer" in out
    status, out, _ = run(["explain", reply, "--json"], capsys)
    facts = json.loads(out)
    assert (facts["smtp_code"], facts["class"], facts["action"]) == (
        454,
        "DailyQuotaExceeded",
        "defer",
    )


def test_codes_has_a_header_scope_and_action_and_filters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Codes prints a header and each row's scope and action; a filter keeps matching rows."""
    status, out, _ = run(["codes"], capsys)
    lines = out.splitlines()
    assert status == 0
    assert lines[0].split()[:5] == ["CODE", "STATUS", "SCOPE", "ACTION", "RETRY"]
    assert len(lines) == len(ROWS) + 1
    status, out, _ = run(["codes", "THROTTL"], capsys)
    assert [line.split()[0] for line in out.splitlines()[1:]] == [
        "Throttling",
        "ThrottlingException",
        "TooManyRequestsException",
    ]
    status, out, _ = run(["codes", "reconnect", "--json"], capsys)
    assert all(row["action"] == "reconnect" for row in json.loads(out))
    status, _, err = run(["codes", "no-such-thing"], capsys)
    assert status == 2
    assert "no code matches" in err


class _TerminalStdin:
    """A terminal's stdin: isatty() is true; reading it gives ``data`` or raises ``stop``."""

    def __init__(self, data: bytes, stop: type[BaseException] | None = None) -> None:
        """Hold what reading gives."""
        self.buffer = self
        self._data, self._stop = data, stop

    def isatty(self) -> bool:
        """Say that a person is typing."""
        return True

    def read(self, _limit: int) -> bytes:
        """Give the data, or raise what a Ctrl-C raises."""
        if self._stop is not None:
            raise self._stop
        return self._data


def test_parse_on_a_terminal_says_it_reads_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no file and a terminal on stdin, parse says where it reads and how to end."""
    body = (FIXTURES / "message_rejected.xml").read_bytes()
    monkeypatch.setattr(sys, "stdin", _TerminalStdin(body))
    status, out, err = run(["parse"], capsys)
    assert status == 0
    assert "reading the body from standard input" in err
    assert "AddressNotVerified" in out


def test_ctrl_c_exits_130_quietly(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ctrl-C while parse waits for stdin ends with status 130 and no traceback."""
    monkeypatch.setattr(sys, "stdin", _TerminalStdin(b"", KeyboardInterrupt))
    status, out, err = run(["parse"], capsys)
    assert (status, out) == (130, "")
    assert "Traceback" not in err


def test_errors_under_json_are_json_objects(capsys: pytest.CaptureFixture[str]) -> None:
    """With --json, a usage error is one JSON object on stderr, and exit 2."""
    status, out, err = run(["explain", "NoSuchCode", "--json"], capsys)
    assert (status, out) == (2, "")
    assert "unknown SES error code" in json.loads(err)["error"]


def test_a_v2_body_without_its_header_is_told_to_pass_the_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A JSON body with no code points at the x-amzn-ErrorType header, not at --status."""
    body = tmp_path / "v2.json"
    body.write_bytes(b'{"message": "Too Many Requests"}')
    status, _, err = run(["parse", str(body)], capsys)
    assert status == 2
    assert "--header x-amzn-ErrorType:CODE" in err


@pytest.mark.parametrize(
    ("argv", "closed"), [(["explain", "NoSuchCode"], "stderr"), (["parse", "-"], "stdin")]
)
def test_exit_codes_hold_with_a_stream_closed(argv: list[str], closed: str) -> None:
    """With stderr or stdin closed, bad input still exits 2, with no traceback."""
    streams: dict[str, Any] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    code = "import sys; from ses_errors._cli import main; sys.exit(main(sys.argv[1:]))"
    if closed == "stderr":
        # The child's stderr is closed from its start, as `2>&-` leaves it.
        code = "import os; os.close(2); " + code
    else:
        code = "import sys; sys.stdin = None; " + code
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code, *argv], check=False, **streams
    )
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
