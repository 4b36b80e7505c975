"""One resolver picks every class, an error is made as the class it ends up with, and no more."""

from __future__ import annotations

import ast
import copy
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import ses_errors
from conftest import FIXTURES
from resolver_answers import answers
from ses_errors import _base, _wire, testing
from ses_errors import _table as table

SOURCE = Path(ses_errors.__file__).parent


def _named_by_a_row(key: str) -> bool:
    """Whether a recorded answer's code (if it has one) is a code or alias some row lists."""
    kind, _, rest = key.partition(" ")
    if kind not in {"code", "xml"}:
        return True
    code = ast.literal_eval(rest.partition("' ")[0] + "'")
    return code in {name for row in table.ROWS for name in (row.code, *row.aliases)}


def test_the_resolver_answers_as_before_for_every_code_spelling_case_and_status() -> None:
    """Every code, alias, case text, status, SMTP reply and bulk status gets the class it got."""
    before: dict[str, str] = json.loads((FIXTURES / "resolver_answers.json").read_text("utf-8"))
    now = answers()
    kept = {key: name for key, name in before.items() if _named_by_a_row(key)}
    assert {key: now[key] for key in kept} == kept
    # A spelling no row lists (an Exception suffix made up) is no code of SES's any more.
    made_up = set(before) - set(kept)
    assert made_up  # the record holds such spellings, so this line can fail
    assert {now[key] for key in made_up} == {"SESError"}


def _dual(error: ses_errors.SESError) -> Any:
    pytest.importorskip("botocore")
    return ses_errors.from_client_error(testing.client_error(error), as_client_error=True)


def test_a_dual_error_is_made_as_a_class_whose_name_says_both_sides() -> None:
    """A dual error's type is one class: named for both sides, both in its bases, once each."""
    exceptions = pytest.importorskip("botocore.exceptions")
    dual = _dual(ses_errors.MessageRejected("Illegal address"))
    kind = type(dual)
    assert kind.__name__ == "MessageRejectedClientError"
    assert kind.__bases__ == (ses_errors.MessageRejected, exceptions.ClientError)
    assert isinstance(dual, ses_errors.MessageRejected)
    assert isinstance(dual, exceptions.ClientError)
    names = [cls.__name__ for cls in kind.__mro__]
    assert names.count("MessageRejected") == 1
    assert dual.to_dict()["error"] == "MessageRejected"
    assert str(dual).startswith("MessageRejected [HTTP 400]")


def test_a_dual_error_of_a_message_case_is_of_the_case() -> None:
    """The resolver picks the case first, then makes the dual class of the case."""
    dual = _dual(ses_errors.Throttling("Daily message quota exceeded."))
    assert type(dual).__name__ == "DailyQuotaExceededClientError"
    assert isinstance(dual, ses_errors.DailyQuotaExceeded)
    assert dual.code == "Throttling"


@pytest.mark.parametrize("how", [copy.copy, copy.deepcopy])
def test_a_copy_of_a_dual_error_keeps_both_sides(how: Any) -> None:
    """copy.copy and copy.deepcopy give the same dual class, fields and botocore response."""
    dual = _dual(ses_errors.MessageRejected("Illegal address", request_id="r-1"))
    copied = how(dual)
    assert type(copied) is type(dual)
    assert copied.args == dual.args
    assert copied.response == dual.response
    assert copied.operation_name == dual.operation_name


def test_a_pickled_dual_error_comes_back_dual() -> None:
    """Pickling keeps both sides: the SES class and botocore's ClientError, response and all."""
    dual = _dual(ses_errors.MessageRejected("Illegal address"))
    back = pickle.loads(pickle.dumps(dual))  # noqa: S301 - our own bytes
    assert type(back) is type(dual)
    assert back.response == dual.response


def test_naming_a_code_class_with_a_case_message_makes_the_case() -> None:
    """Throttling("Daily message quota exceeded.") is made a DailyQuotaExceeded, code kept."""
    error = ses_errors.Throttling("Daily message quota exceeded.")
    assert type(error) is ses_errors.DailyQuotaExceeded
    assert (error.code, error.http_status) == ("Throttling", 400)
    many = ses_errors.MessageRejected("Recipient count exceeds 50.")
    assert type(many) is ses_errors.TooManyRecipients
    assert many.code == "MessageRejected"  # the class named, not the case's first parent


class _CountedHashes(str):
    """A message that counts how often it is hashed (each hash reads the whole text)."""

    __slots__ = ()
    hashes = 0

    def __hash__(self) -> int:
        """Count the hash, then give str's."""
        type(self).hashes += 1
        return super().__hash__()


def test_a_message_longer_than_every_case_text_is_never_hashed() -> None:
    """A long message is told from the exact case texts by its length, not a dict lookup."""
    _CountedHashes.hashes = 0
    other = _CountedHashes("word " * 800)
    assert _base.resolve("Throttling", other) is ses_errors.Throttling
    # Still found by its first sentence, which is read folded.
    case_first = _CountedHashes("Daily message quota exceeded. " + "word " * 800)
    assert _base.resolve("Throttling", case_first) is ses_errors.DailyQuotaExceeded
    assert _CountedHashes.hashes == 0
    exact = _CountedHashes("Daily message quota exceeded.")
    assert _base.resolve("Throttling", exact) is ses_errors.DailyQuotaExceeded
    assert _CountedHashes.hashes == 1  # the counter counts: a text of a case's length is looked up


def test_no_code_assigns_a_class_to_an_object() -> None:
    """No module of the package sets __class__: every error is made as its class."""
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                assert node.attr != "__class__", path.name


def test_the_wire_fields_are_declared_once() -> None:
    """SESError declares no wire field's type but its class defaults; WireFacts declares them."""
    tree = ast.parse((SOURCE / "_base.py").read_text("utf-8"))
    body = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "SESError").body
    declared = {
        n.target.id for n in body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
    }
    assert {"code", "http_status"} <= declared  # the class defaults: annotations are read
    assert declared & set(_wire.WireFacts._fields) == {"code", "http_status"}


def _imports(path: Path) -> set[str]:
    """Return the package modules ``path`` imports when it runs, at any depth of its code."""
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):  # what only a type checker reads is no import at run time
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            node.body = []
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("ses_errors")
        ):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("ses_errors"))
    return found


def test_the_package_has_no_import_circle() -> None:
    """Following every import between the package's modules never comes back to the start."""
    modules = {
        ".".join(("ses_errors", *path.relative_to(SOURCE).with_suffix("").parts)).removesuffix(
            ".__init__"
        ): path
        for path in SOURCE.rglob("*.py")
    }
    graph = {name: _imports(path) & set(modules) for name, path in modules.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for step in graph[start] - seen:
            if step == goal or reaches(step, goal, seen | {step}):
                return True
        return False

    # The package itself imports its modules to re-export them; a circle through it is none.
    circles = [
        name for name in graph if name != "ses_errors" and reaches(name, name, {"ses_errors"})
    ]
    assert circles == [], {name: sorted(graph[name]) for name in circles}
