"""The ``ses-errors`` command: parse a response body, explain a code, list the codes.

It only formats what the library returns. Bad input gets one line on stderr and exit status 2;
output that cannot be written (stdout closed, a full disk) one line and exit status 1. It reads
at most the body size cap and one byte more, and text output escapes every character that is
not printable, so that a body can neither flood memory nor write to the terminal itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import ses_errors
from ses_errors import _cli_gate, lookup
from ses_errors import _operations as ops
from ses_errors._api import parse_error
from ses_errors._base import SESError
from ses_errors._parse import MAX_BODY_BYTES, ResponseParseError
from ses_errors._table import CASES, ROWS, ErrorRow, MessageCase

if TYPE_CHECKING:
    from collections.abc import Callable

EXIT_OK = 0
EXIT_NO_OUTPUT = 1
EXIT_BAD_INPUT = 2


class _UsageError(Exception):
    """Input the command cannot work with; its text is the one line shown to the user."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    args = _parser().parse_args(argv)
    out = sys.stdout
    if out is None:  # started with stdout closed
        return _cannot_write("standard output is closed")
    try:
        args.run(args, out)
        out.flush()
    except _UsageError as exc:
        sys.stderr.write(f"ses-errors: {exc}\n")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly.
        _discard_stdout()
    except OSError as exc:
        _discard_stdout()
        return _cannot_write(exc.strerror or type(exc).__name__)
    return EXIT_OK


def _cannot_write(reason: str) -> int:
    sys.stderr.write(f"ses-errors: cannot write the output: {reason}\n")
    return EXIT_NO_OUTPUT


def _discard_stdout() -> None:
    # What is still buffered would fail again in Python's exit-time flush, with a traceback.
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        sys.stdout = None  # nothing left to flush at exit


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ses-errors", description="Typed facts about Amazon SES error responses."
    )
    parser.add_argument("--version", action=_PrintVersion, help="print the version and exit")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    parse = commands.add_parser("parse", help="parse an SES error response body")
    parse.add_argument("file", nargs="?", default="-", help="file with the body; - for stdin")
    parse.add_argument("--status", type=_http_status, help="the HTTP status it came with")
    parse.add_argument(
        "--header",
        action="append",
        default=[],
        metavar="NAME:VALUE",
        help="a response header, e.g. x-amzn-RequestId:abc (may be repeated)",
    )
    parse.add_argument("--json", action="store_true", help="print JSON")
    parse.set_defaults(run=_run_parse)

    explain = commands.add_parser("explain", help="explain one SES error code")
    explain.add_argument(
        "code", help="an SES error code (MessageRejected) or a class name (DailyQuotaExceeded)"
    )
    explain.add_argument("--json", action="store_true", help="print JSON")
    explain.set_defaults(run=_run_explain)

    codes = commands.add_parser("codes", help="list every SES error code")
    codes.add_argument("--json", action="store_true", help="print JSON")
    codes.set_defaults(run=_run_codes)
    _cli_gate.add_commands(commands, _UsageError, _print_json, _print_fields)
    return parser


class _PrintVersion(argparse.Action):
    """argparse's version action, reading the version only when asked.

    The installed metadata takes longer to import than the whole package; other commands
    should not pay for it.
    """

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        sys.stdout.write(f"{parser.prog} {ses_errors.__version__}\n")  # as argparse's own does
        parser.exit()


def _http_status(text: str) -> int:
    try:
        status = int(text)
    except ValueError:
        status = 0
    if not 100 <= status <= 599:
        msg = f"not an HTTP status: {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return status


def _headers(pairs: list[str]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition(":")
        if not sep or not name.strip():
            msg = f"a header must be NAME:VALUE, got {pair!r}"
            raise _UsageError(msg)
        headers[name.strip()] = value.strip()
    return headers


def _read_body(file: str) -> bytes:
    """Read at most the size cap and one byte more: enough to tell a body that is too large."""
    limit = MAX_BODY_BYTES + 1
    try:
        if file == "-":
            body = sys.stdin.buffer.read(limit)
        else:
            with Path(file).open("rb") as stream:
                body = stream.read(limit)
    except OSError as exc:
        msg = f"cannot read {_printable(file)}: {exc.strerror or type(exc).__name__}"
        raise _UsageError(msg) from None
    if len(body) > MAX_BODY_BYTES:
        msg = f"the input is larger than {MAX_BODY_BYTES} bytes, which no SES error body is"
        raise _UsageError(msg)
    return body


def _run_parse(args: argparse.Namespace, out: TextIO) -> None:
    headers = _headers(args.header)
    body = _read_body(args.file)
    try:
        error = parse_error(body, http_status=args.status, headers=headers)
    except ResponseParseError as exc:
        msg = f"cannot read an SES error: {exc}; pass --status to get the status's error"
        raise _UsageError(msg) from None
    facts = {**error.to_dict(), "description": error.description}
    details = [(f"detail {name}", "details", _item(name)) for name in error.details]
    _render(str(error), facts, [*_ERROR_LAYOUT, *details, _DESCRIPTION], args.json, out)


def _run_explain(args: argparse.Namespace, out: TextIO) -> None:
    cls = lookup.class_for_code(args.code)
    named = lookup.class_for_name(args.code)
    if cls.row is None and named is not None and named is not SESError:
        _render(named.__name__, _class_dict(named), _CLASS_LAYOUT, args.json, out)
        return
    if cls.row is None:
        msg = f"unknown SES error code {args.code!r}; it would be raised as {cls.__name__}"
        raise _UsageError(msg)
    _render(cls.row.code, _row_dict(cls.row), _ROW_LAYOUT, args.json, out)


# How a command's facts read as text: (label, key of the facts, the text of its value; with no
# key, the text of all the facts). A label whose value reads as None is left out.
Layout = list[tuple[str, "str | None", "Callable[[Any], str | None]"]]


def _render(title: str, facts: dict[str, Any], layout: Layout, as_json: bool, out: TextIO) -> None:
    """Print one set of facts, built once: as JSON, or as a title and aligned fields."""
    if as_json:
        _print_json(facts, out)
        return
    fields = [(label, text(facts if key is None else facts[key])) for label, key, text in layout]
    _print_fields(title, [(label, value) for label, value in fields if value is not None], out)


def _item(name: str) -> Callable[[Any], str]:
    return lambda details: str(details[name])


def _or(absent: str) -> Callable[[Any], str]:
    return lambda value: absent if value is None or value == "" else str(value)


def _joined(separator: str, absent: str = "(none)") -> Callable[[Any], str]:
    return lambda values: separator.join(map(str, values)) or absent


def _omitted_if_empty(value: Any) -> str | None:  # noqa: ANN401 - a fact of any type
    return str(value) if value else None


def _messages_text(facts: dict[str, Any]) -> str:
    return f"{_quoted(facts['messages'])} ({facts['match']})"


def _class_dict(cls: type[SESError]) -> dict[str, Any]:
    """Return the facts of a class that is not one code's: a message case, family or SMTP class."""
    case = cls.case
    return {
        "class": cls.__name__,
        "subclass of": [base.__name__ for base in cls.__bases__],
        "messages": list(case.texts) if case else None,
        "match": case.match.value if case else None,
        "scope": cls.scope.value,
        "action": cls.action.value,
        "retryable": cls.is_retryable,
        "retry_after": cls.retry_after,
        "http_status": cls.http_status,
        "description": cls.description,
    }


def _cases_of(row: ErrorRow) -> list[MessageCase]:
    return [case for case in CASES if row.code in case.parents]


def _case_text(case: dict[str, Any]) -> str:
    retry = "retryable" if case["retryable"] else "not retryable"
    return f"{case['class']} ({_quoted(case['messages'])}, {retry})"


def _quoted(texts: list[str]) -> str:
    return " or ".join(map(repr, texts))


def _retry_after_text(seconds: float | None) -> str:
    return "do not retry" if seconds is None else f"{seconds:g} s, then SES's schedule"


def _run_codes(args: argparse.Namespace, out: TextIO) -> None:
    rows = sorted(ROWS, key=lambda row: row.code)
    if args.json:
        _print_json([_row_dict(row) for row in rows], out)
        return
    width = max(len(row.code) for row in rows)
    for row in rows:
        retry = "retryable" if row.is_retryable else "-"
        out.write(f"{row.code:<{width}}  {row.http_status}  {retry:<9}  {row.description}\n")


def _class_path(cls: type[SESError]) -> str:
    parent = cls.__mro__[1].__name__
    return (
        f"ses_errors.{cls.__name__} (a {parent})" if cls is not SESError else "ses_errors.SESError"
    )


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _row_dict(row: ErrorRow) -> dict[str, Any]:
    return {
        "code": row.code,
        "class": row.code,
        "aliases": list(row.aliases),
        "http_status": row.http_status,
        "scope": row.decided.scope.value,
        "action": row.decided.action.value,
        "why": row.why,
        "retryable": row.is_retryable,
        "family": row.family.value,
        "fault": row.fault,
        "apis": sorted(row.apis),
        "operations": "every" if row.operations == ops.EVERY else sorted(row.operations),
        "members": list(row.members),
        "sources": [source.value for source in row.sources],
        "note": row.note,
        "cases": [
            {
                "class": case.name,
                "messages": list(case.texts),
                "scope": case.decision.scope.value,
                "action": case.decision.action.value,
                "retryable": case.is_retryable,
            }
            for case in _cases_of(row)
        ],
        "description": row.description,
    }


def _print_json(data: object, out: TextIO) -> None:
    # ASCII only: JSON escapes C0 controls itself, but would leave DEL, C1 controls such as
    # CSI (U+009B) and the line separators raw.
    out.write(json.dumps(data, indent=2, ensure_ascii=True) + "\n")


def _print_fields(title: str, fields: list[tuple[str, str]], out: TextIO) -> None:
    width = max(len(name) for name, _ in fields)
    out.write(_printable(title) + "\n")
    out.writelines(f"  {name:<{width}}  {_printable(value)}\n" for name, value in fields)


def _printable(text: str) -> str:
    """Return ``text`` with every character that is not printable written as an escape.

    Newlines, escape sequences, BEL, bidirectional controls and lone surrogates from a body
    would otherwise move the cursor, forge output lines, or fail to encode.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


_DESCRIPTION = ("description", "description", str)
_ERROR_LAYOUT: Layout = [
    ("class", "error", lambda name: _class_path(lookup.class_for_name(name) or SESError)),
    ("code", "code", _or("(none in the response)")),
    ("HTTP status", "http_status", str),
    ("message", "message", _or("(none)")),
    ("request id", "request_id", _or("(none)")),
    ("fault", "fault", _or("(not stated)")),
    ("scope", "scope", str),
    ("action", "action", str),
    ("retryable", "is_retryable", _yes_no),
    ("retry after", "retry_after", _retry_after_text),
]
_ROW_LAYOUT: Layout = [
    ("class", "class", lambda name: _class_path(lookup.class_for_name(name) or SESError)),
    ("other spellings", "aliases", _joined(", ")),
    ("HTTP status", "http_status", str),
    ("scope", "scope", str),
    ("action", "action", str),
    ("why", "why", _omitted_if_empty),
    ("retryable", "retryable", _yes_no),
    ("fault", "fault", str),
    ("APIs", "apis", _joined(", ")),
    (
        "operations",
        "operations",
        lambda ops: "every operation" if ops == "every" else ", ".join(ops),
    ),
    ("extra members", "members", _joined(", ")),
    ("sources", "sources", _joined("; ")),
    ("note", "note", _omitted_if_empty),
    ("message cases", "cases", lambda cases: "; ".join(map(_case_text, cases)) or "(none)"),
    _DESCRIPTION,
]
_CLASS_LAYOUT: Layout = [
    ("class", "class", lambda name: f"ses_errors.{name}"),
    ("subclass of", "subclass of", _joined(", ")),
    ("messages", None, lambda facts: facts["messages"] and _messages_text(facts)),
    ("scope", "scope", str),
    ("action", "action", str),
    ("retryable", "retryable", _yes_no),
    ("retry after", "retry_after", _retry_after_text),
    _DESCRIPTION,
]
