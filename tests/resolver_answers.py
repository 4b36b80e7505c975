"""The class every public way of choosing one gives, for every code, spelling, case and status.

Run as a script it prints the answers as JSON; ``test_resolver.py`` compares them with the
answers recorded before the resolver was made one (``fixtures/resolver_answers.json``). The
spellings tried are each row's code and aliases, and each with its ``Exception`` suffix added
or dropped; the texts, those of the message cases under the row, an empty one and another.
"""

from __future__ import annotations

import json
import sys

import ses_errors
from ses_errors import _table as table

NAMES = {name for row in table.ROWS for name in (row.code, *row.aliases)}


def _spellings() -> list[str]:
    others = {
        code.removesuffix("Exception") if code.endswith("Exception") else code + "Exception"
        for code in NAMES
    }
    return sorted(NAMES | others | {"Exception", "", "Unknown", "throttling"})


def _texts_for(code: str) -> list[str]:
    """Return the texts worth trying under ``code``: those of its row's cases, and two others."""
    base = code.removesuffix("Exception")
    near = {code, base, base + "Exception"}
    rows = {row.code for row in table.ROWS if near & {row.code, *row.aliases}}
    rows |= {name for name in NAMES if name in {code, base}} | {code}
    texts = {text for case in table.CASES if set(case.parents) & rows for text in case.texts}
    return sorted(texts | {"", "Other text."})


def _xml(code: str, text: str) -> bytes:
    return (
        f"<ErrorResponse><Error><Code>{code}</Code><Message>{text}</Message></Error>"
        "</ErrorResponse>"
    ).encode()


def _by_code() -> dict[str, str]:
    found: dict[str, str] = {}
    for code in _spellings():
        for text in _texts_for(code):
            found[f"code {code!r} {text!r}"] = ses_errors.lookup.class_for_code(code, text).__name__
            if code:
                error = ses_errors.parse_error(_xml(code, text), http_status=400)
                found[f"xml {code!r} {text!r}"] = type(error).__name__
    return found


def _by_surface() -> dict[str, str]:
    found = {
        f"status {status}": type(ses_errors.http.error_for_status(status)).__name__
        for status in range(100, 600)
    }
    for reply in table.SMTP_REPLIES:
        for text in _texts_for(reply.target):
            error = ses_errors.smtp.from_smtp_reply(reply.smtp_code, f"{reply.text} {text}")
            found[f"smtp {reply.smtp_code} {reply.text!r} {text!r}"] = type(error).__name__
    for code in (400, 421, 450, 451, 454, 500, 550, 552, 554, 599, 600, -1):
        found[f"smtp {code} 'x'"] = type(ses_errors.smtp.from_smtp_reply(code, "x")).__name__
    for status in table.BULK_STATUSES:
        for spelling in (status.v1, status.v2):
            for text in _texts_for(status.target or ""):
                entry = {"Status": spelling, "Error": text}
                outcome = ses_errors.bulk.bulk_outcomes({"Status": [entry]}).outcomes[0]
                found[f"bulk {spelling!r} {text!r}"] = type(outcome.error).__name__
    return found


def answers() -> dict[str, str]:
    """Return, for each input written as a key, the name of the class it resolves to."""
    found = _by_code() | _by_surface()
    for name in sorted(dir(ses_errors)):
        cls = getattr(ses_errors, name)
        if isinstance(cls, type) and issubclass(cls, ses_errors.SESError):
            found[f"name {name}"] = str(ses_errors.lookup.class_for_name(name))
    return found


if __name__ == "__main__":
    json.dump(answers(), sys.stdout, indent=0, sort_keys=True)
