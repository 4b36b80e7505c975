"""The ``ses-errors`` command: parse a response body, explain a code, list the codes.

It only formats what the library returns. Bad input gets one line on stderr and exit status 2;
output that cannot be written (stdout closed, a full disk) one line and exit status 1. It reads
at most the body size cap and one byte more, and text output escapes every character that is
not printable, so that a body can neither flood memory nor write to the terminal itself.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import ses_errors
from ses_errors import _cli_gate, lookup, smtp
from ses_errors import _operations as ops
from ses_errors._api import parse_error
from ses_errors._base import SESError
from ses_errors._parse import MAX_BODY_BYTES, ResponseParseError
from ses_errors._table import CASES, FAMILIES, ROWS, SMTP_CLASSES, ErrorRow, MessageCase

if TYPE_CHECKING:
    from collections.abc import Callable

EXIT_OK = 0
EXIT_NO_OUTPUT = 1
EXIT_BAD_INPUT = 2


class _UsageError(Exception):
    """Input the command cannot work with; its text is the one line shown to the user."""


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command ended by Ctrl-C


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    try:
        args = _parser().parse_args(argv)
        out = sys.stdout
        if out is None:  # started with stdout closed
            return _cannot_write("standard output is closed", as_json=args.json)
        try:
            args.run(args, out)
            out.flush()
        except _UsageError as exc:
            _complain(str(exc), as_json=args.json)
            return EXIT_BAD_INPUT
        except BrokenPipeError:
            # The reader (e.g. `| head`) went away: stop quietly.
            _discard_stdout()
        except OSError as exc:
            _discard_stdout()
            return _cannot_write(exc.strerror or type(exc).__name__, as_json=args.json)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED  # the user asked to stop: no traceback, no message
    return EXIT_OK


def _cannot_write(reason: str, *, as_json: bool) -> int:
    _complain(f"cannot write the output: {reason}", as_json=as_json)
    return EXIT_NO_OUTPUT


def _complain(text: str, *, as_json: bool) -> None:
    """Write one line on stderr: the text, or under --json a JSON object holding it.

    A closed or broken stderr leaves the exit status to say it all.
    """
    line = json.dumps({"error": text}, ensure_ascii=True) if as_json else f"ses-errors: {text}"
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


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
    parser.set_defaults(json=False)  # a usage error before a command is read is plain text
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

    explain = commands.add_parser(
        "explain", help="explain an SES error code, a class or an SMTP reply"
    )
    explain.add_argument(
        "code",
        help=(
            "an SES error code (MessageRejected), a class name (DailyQuotaExceeded), in any"
            " case, or an SMTP reply ('454 Throttling failure: Daily message quota exceeded.')"
        ),
    )
    explain.add_argument("--json", action="store_true", help="print JSON")
    explain.set_defaults(run=_run_explain)

    codes = commands.add_parser("codes", help="list the SES error codes")
    codes.add_argument(
        "filter",
        nargs="?",
        default="",
        help="only the codes whose code, family, scope or action holds this text (any case)",
    )
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
            if sys.stdin is None:
                msg = "standard input is closed: name a file to read"
                raise _UsageError(msg)
            is_terminal = getattr(sys.stdin, "isatty", None)  # a stand-in stdin may have none
            if callable(is_terminal) and is_terminal():
                _complain("reading the body from standard input; end it with Ctrl-D", as_json=False)
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
        hint = "pass --status to get the status's error"
        if exc.reason == "no-code" and body.lstrip()[:1] == b"{":
            # SES v2 puts the code in a header, not in the body.
            hint = "an SES v2 body names its code in a header: pass --header x-amzn-ErrorType:CODE"
        msg = f"cannot read an SES error: {exc}; {hint}"
        raise _UsageError(msg) from None
    facts = {**error.to_dict(), "description": error.description}
    details = [(f"detail {name}", "details", _item(name)) for name in error.details]
    _render(str(error), facts, [*_ERROR_LAYOUT, *details, _DESCRIPTION], args.json, out)


def _run_explain(args: argparse.Namespace, out: TextIO) -> None:
    text: str = args.code.strip()
    reply = _SMTP_REPLY.fullmatch(text)
    if reply is not None:
        error = smtp.from_smtp_reply(int(reply[1]), reply[2])
        cls = type(error)
        facts = {"smtp_code": error.smtp_code, "code": error.code, **_class_dict(cls)}
        _render(str(error), facts, [_SMTP_CODE, *_CLASS_LAYOUT], args.json, out)
        return
    name = _NAMES_BY_FOLDED.get(text.casefold(), text)
    cls = lookup.class_for_code(name)
    named = lookup.class_for_name(name)
    if cls.row is None and named is not None and named is not SESError:
        _render(named.__name__, _class_dict(named), _CLASS_LAYOUT, args.json, out)
        return
    if cls.row is None:
        close = difflib.get_close_matches(text.casefold(), _NAMES_BY_FOLDED, n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(_NAMES_BY_FOLDED[c] for c in close)}?" if close else ""
        msg = f"unknown SES error code {text!r}; it would be raised as {cls.__name__}{hint}"
        raise _UsageError(msg)
    _render(cls.row.code, _row_dict(cls.row), _ROW_LAYOUT, args.json, out)


# An SMTP reply as a person pastes it: three digits, then its text.
_SMTP_REPLY = re.compile(r"([1-9][0-9][0-9])[ -](.*)", re.DOTALL)


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
    wanted: str = args.filter.casefold()
    rows = [
        row
        for row in sorted(ROWS, key=lambda row: row.code)
        if not wanted
        or any(
            wanted in field.casefold()
            for field in (
                row.code,
                *row.aliases,
                row.family.value,
                row.decided.scope.value,
                row.decided.action.value,
            )
        )
    ]
    if args.json:
        _print_json([_row_dict(row) for row in rows], out)
        return
    if not rows:
        msg = f"no code matches {args.filter!r}"
        raise _UsageError(msg)
    table = [("CODE", "STATUS", "SCOPE", "ACTION", "RETRY", "DESCRIPTION")]
    table += [
        (
            row.code,
            str(row.http_status),
            row.decided.scope.value,
            row.decided.action.value,
            "yes" if row.is_retryable else "no",
            row.description,
        )
        for row in rows
    ]
    widths = [max(len(line[column]) for line in table) for column in range(5)]
    for line in table:
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=False)]
        out.write(_printable("  ".join([*cells, line[5]])) + "\n")


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
_SMTP_CODE = ("SMTP reply", "smtp_code", str)

# Every code, alias and class name of the table, by its case-folded spelling, for explain.
_NAMES_BY_FOLDED = {
    name.casefold(): name
    for name in (
        *(code for row in ROWS for code in (row.code, *row.aliases)),
        *(family.family.value for family in FAMILIES),
        *(case.name for case in CASES),
        *(smtp_class.name for smtp_class in SMTP_CLASSES),
    )
}
