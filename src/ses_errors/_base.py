"""SESError, the registry of codes, and class_for_code().

Every class below SESError is generated from the code table (``_generated.py``): one family
class per kind of failure (``ServerSideError``, ``ThrottlingError``, ``AuthError``...), one class
per code below its family, one per message case below its code's classes (``DailyQuotaExceeded``
is a ``Throttling``), and one per SMTP-only reply. The whole tree is drawn once, generated from
the table, in the README's "Catching SES errors" section.

Facts from the table live on the class (``http_status``, ``description``, ``scope``, ``action``,
``is_retryable``, ``operations``, ``row``); facts from the wire live on the instance (``code``,
``message``, ``request_id``, ``fault``, the ``http_status`` actually seen, and ``details``, the
extra members SES put inside ``<Error>``, and, when botocore raised it, the ``operation`` and
its ``attempts``). The family classes double as the errors raised for a response that carried
no readable code: their instance ``code`` is then None.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar, cast

import attrs

from ses_errors import _operations as ops
from ses_errors._table import (
    CASES,
    FAMILIES,
    RETRY_WAITS,
    ROWS,
    SMTP_CLASSES,
    Action,
    Decision,
    ErrorRow,
    Family,
    FamilyRow,
    Match,
    MessageCase,
    Scope,
    SmtpClassRow,
)
from ses_errors._wire import as_text

_ROW_BY_CODE: dict[str, ErrorRow] = {row.code: row for row in ROWS}
_FAMILY_ROW_BY_FAMILY: dict[Family, FamilyRow] = {family.family: family for family in FAMILIES}
_CASE_BY_NAME: dict[str, MessageCase] = {case.name: case for case in CASES}
_SMTP_ROW_BY_NAME: dict[str, SmtpClassRow] = {row.name: row for row in SMTP_CLASSES}

# Filled as the generated classes are defined. Lookups are exact dict lookups by design: a code
# from the wire is never used as an attribute name, so "__class__" or "mro" are just unknown codes.
_CLASS_BY_CODE: dict[str, type[SESError]] = {}
# A known code's other spelling (with or without the "Exception" suffix v2 adds) -> its class.
# Kept apart so that a code the table lists itself always wins over another's spelling.
_CLASS_BY_OTHER_SPELLING: dict[str, type[SESError]] = {}
_CLASS_BY_NAME: dict[str, type[SESError]] = {}
_CLASS_BY_FAMILY: dict[Family, type[SESError]] = {}


# Where a sentence ends, for a case matched by the message's first sentence.
_SENTENCE_END = re.compile("[.!:;]")


def _folded(text: str) -> str:
    """Return ``text`` compared without regard to case or runs of white space."""
    return " ".join(text.split()).casefold()


class _MessageCases:
    """The message cases of one class, indexed so that matching costs a dict lookup or two.

    A text is compared folded (``_folded``): an exact text with the message's first sentence,
    whatever punctuation ends it, a prefix with the message's beginning. Every text is also
    kept as written, so that a message in SES's own words is found before anything is folded:
    folding is for the rest. No exact text of a class and prefix of it begin alike (a table
    test checks), so looking exact texts up first gives the table's order of precedence.
    """

    __slots__ = ("exact", "exact_as_sent", "prefixes", "prefixes_as_sent")

    def __init__(self) -> None:
        self.exact_as_sent: dict[str, type[SESError]] = {}
        self.exact: dict[str, type[SESError]] = {}
        self.prefixes_as_sent: tuple[tuple[str, type[SESError]], ...] = ()
        self.prefixes: tuple[tuple[str, type[SESError]], ...] = ()

    def add(self, case: MessageCase, cls: type[SESError]) -> None:
        for text in case.texts:
            key = _folded(text).removesuffix(".")
            if case.match is Match.EXACT:
                self.exact_as_sent.setdefault(text, cls)
                self.exact.setdefault(key, cls)
            else:
                self.prefixes_as_sent += ((text.removesuffix("."), cls),)
                self.prefixes += ((key, cls),)

    def find(self, message: str) -> type[SESError] | None:
        """Return the case class for ``message``, or None when it is no case of this class."""
        found = self.exact_as_sent.get(message) or _prefixed(message, self.prefixes_as_sent)
        if found is not None:
            return found
        folded = _folded(message)
        end = _SENTENCE_END.search(folded)
        first_sentence = folded if end is None else folded[: end.start()].rstrip(" ")
        return self.exact.get(first_sentence) or _prefixed(folded, self.prefixes)


def _prefixed(
    message: str, prefixes: tuple[tuple[str, type[SESError]], ...]
) -> type[SESError] | None:
    for prefix, cls in prefixes:
        if message.startswith(prefix):
            return cls
    return None


# A row's class -> the message cases that may refine it.
_CASES_BY_CLASS: dict[type[SESError], _MessageCases] = {}


class _SlottedError(Exception):
    """Slots for the wire facts that only an instance has; SESError's only base.

    ``code`` and ``http_status`` are not among them: every class has its own (the table's),
    and an instance stores another only when SES sent a different one, in its ``__dict__``.
    Most errors therefore need no instance dict at all, so that a retained error (a bulk run
    keeps thousands) stays small.
    """

    __slots__ = ("attempts", "details", "fault", "message", "operation", "request_id", "smtp_code")


# attrs removes the class-level defaults of the fields below, which uncovers these slots.
@attrs.define(auto_exc=True, slots=False, init=False)
class SESError(_SlottedError):
    """An error response from Amazon SES.

    Catch this to handle every SES error; catch a subclass (``MessageRejected``,
    ``ThrottlingError``...) to handle one code or one family. Fields are positional so that
    pickling and ``copy`` rebuild the same exception. ``code`` and ``http_status`` default to
    the class's own; ``details`` is copied.
    """

    message: str = ""
    code: str | None = None
    http_status: int = 400
    request_id: str | None = None
    fault: str | None = None
    details: dict[str, str] = attrs.field(factory=dict[str, str])
    # Set from a botocore ClientError: the API operation, and how many HTTP attempts botocore
    # made (its own retries included), so that retries are not stacked unknowingly.
    operation: str | None = None
    attempts: int | None = None
    # Set when the error came from an SMTP reply: its reply code (``http_status`` is then the
    # class's documented status, since there was no HTTP response).
    smtp_code: int | None = None

    # Written by hand: attrs cannot default a field to the class's own fact (code, status).
    def __init__(  # noqa: PLR0913, PLR0917 - the wire facts, positional for pickle
        self,
        message: str = "",
        code: str | None = None,
        http_status: int | None = None,
        request_id: str | None = None,
        fault: str | None = None,
        details: Mapping[str, str] | None = None,
        operation: str | None = None,
        attempts: int | None = None,
        smtp_code: int | None = None,
    ) -> None:
        """Build the error; ``code`` and ``http_status`` default to the class's.

        A message that is not a str is turned into one (or left empty), so that ``str()`` of
        the error never fails.
        """
        cls = type(self)
        if type(message) is not str:
            message = as_text(message) or ""
        # A message case decides, whoever built the error: Throttling("Daily message quota
        # exceeded.") becomes a DailyQuotaExceeded, a subclass of the class named. Its code and
        # status are the named class's unless given.
        if message and (cases := _CASES_BY_CLASS.get(cls)) is not None:
            refined = cases.find(message)
            if refined is not None:
                code = cls.code if code is None else code
                http_status = cls.http_status if http_status is None else http_status
                # A case class is a subclass of the class named, which typeshed cannot see.
                self.__class__ = refined  # pyright: ignore[reportAttributeAccessIssue]
                cls = refined
        # The instance stores a code or status only when it is not the class's own.
        if code is None:
            code = cls.code
        elif code != cls.code:
            self.code = code
        if http_status is None:
            http_status = cls.http_status
        elif http_status != cls.http_status:
            self.http_status = http_status
        details = dict(details) if details else {}
        # Pickle and copy call cls(*args) to rebuild: args hold every field, defaults filled in.
        self.args = (
            message,
            code,
            http_status,
            request_id,
            fault,
            details,
            operation,
            attempts,
            smtp_code,
        )
        self.message = message
        self.request_id = request_id
        self.fault = fault
        self.details = details
        self.operation = operation
        self.attempts = attempts
        self.smtp_code = smtp_code

    description: ClassVar[str]
    scope: ClassVar[Scope]
    action: ClassVar[Action]
    decision: ClassVar[Decision]
    is_retryable: ClassVar[bool]
    retry_after: ClassVar[float | None]
    operations: ClassVar[frozenset[str]]
    row: ClassVar[ErrorRow | None] = None
    case: ClassVar[MessageCase | None] = None
    family: ClassVar[Family]

    def __init_subclass__(
        cls,
        *,
        code: str | None = None,
        family: Family | None = None,
        case: str | None = None,
        smtp: str | None = None,
        **kwargs: object,
    ) -> None:
        """Give a generated class its table facts and register it under its wire codes."""
        super().__init_subclass__(**kwargs)
        if code is not None:
            _bind_row(cls, _ROW_BY_CODE[code])
        elif family is not None:
            _bind_family(cls, _FAMILY_ROW_BY_FAMILY[family])
        elif case is not None:
            _bind_case(cls, _CASE_BY_NAME[case])
        elif smtp is not None:
            _bind_smtp(cls, _SMTP_ROW_BY_NAME[smtp])

    def __str__(self) -> str:
        """One line: code (or class), status, operation and attempts, message, request id."""
        if self.smtp_code is not None:
            line = f"{self.code or type(self).__name__} [SMTP {self.smtp_code}]"
        else:
            head = self.code or f"{type(self).__name__} (no error code)"
            line = f"{head} [HTTP {self.http_status}]"
        if self.operation:
            line += f" calling {self.operation}"
        if self.attempts is not None:
            line += f" after {self.attempts} attempt{'' if self.attempts == 1 else 's'}"
        if self.message:
            line += ": " + " ".join(self.message.split())
        if self.request_id:
            line += f" (request id {self.request_id})"
        return line

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the wire facts and the decision-relevant table facts."""
        return {
            "error": type(self).__name__,
            "code": self.code,
            "message": self.message,
            "http_status": self.http_status,
            "request_id": self.request_id,
            "fault": self.fault,
            "details": dict(self.details),
            "operation": self.operation,
            "attempts": self.attempts,
            "smtp_code": self.smtp_code,
            "scope": self.scope.value,
            "action": self.action.value,
            "is_retryable": self.is_retryable,
            "retry_after": self.retry_after,
        }

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> SESError:
        """Rebuild an error from ``to_dict()`` output, through the same funnel as the wire.

        The class named under ``error`` is kept (its message cases still apply); an unknown
        name falls back by code, then by status. A field of the wrong type is left out, as a
        wire value would be. Raises TypeError when ``data`` is not a mapping.
        """
        # Imported here: the builder imports this module, and this is its one use here.
        from ses_errors._build import error_from_facts  # noqa: PLC0415
        from ses_errors._wire import wire_facts  # noqa: PLC0415

        if not isinstance(data, Mapping):  # pyright: ignore[reportUnnecessaryIsInstance] - untyped callers
            msg = f"from_dict takes a mapping, not {type(data).__name__}"
            raise TypeError(msg)
        name: object = data.get("error")
        details: object = data.get("details")
        facts = wire_facts(
            data.get("code"),
            data.get("message"),
            http_status=data.get("http_status"),
            request_id=data.get("request_id"),
            fault=data.get("fault"),
            details=cast("Mapping[object, object]", details) if isinstance(details, dict) else None,
            operation=data.get("operation"),
            attempts=data.get("attempts"),
            smtp_code=data.get("smtp_code"),
            target=name if type(name) is str and name in _CLASS_BY_NAME else None,
        )
        return error_from_facts(facts)


def _register(cls: type[SESError]) -> None:
    cls.__module__ = "ses_errors"
    _CLASS_BY_NAME[cls.__name__] = cls


def _set_decision(cls: type[SESError], decision: Decision) -> None:
    cls.decision = decision
    cls.scope = decision.scope
    cls.action = decision.action
    cls.is_retryable = decision.is_retryable
    # The first wait of SES's schedule; None where waiting seconds or minutes cannot help.
    cls.retry_after = RETRY_WAITS[0] if decision.is_retryable else None


def _set_facts(  # noqa: PLR0913 - one keyword per class fact
    cls: type[SESError],
    *,
    row: ErrorRow | None,
    code: str | None,
    http_status: int,
    description: str,
    decision: Decision,
    operations: frozenset[str],
    family: Family,
) -> None:
    cls.row = row
    cls.code = code
    cls.http_status = http_status
    cls.description = description
    _set_decision(cls, decision)
    cls.operations = operations
    cls.family = family
    _register(cls)


def _bind_row(cls: type[SESError], row: ErrorRow) -> None:
    _set_facts(
        cls,
        row=row,
        code=row.code,
        http_status=row.http_status,
        description=row.description,
        decision=row.decided,
        operations=row.operations,
        family=row.family,
    )
    for code in (row.code, *row.aliases):
        _CLASS_BY_CODE[code] = cls
        for spelling in _other_spellings(code):
            _CLASS_BY_OTHER_SPELLING.setdefault(spelling, cls)


def _bind_family(cls: type[SESError], family: FamilyRow) -> None:
    _set_facts(
        cls,
        row=None,
        code=None,
        http_status=family.http_status,
        description=family.description,
        decision=family.decision,
        operations=ops.EVERY,
        family=family.family,
    )
    _CLASS_BY_FAMILY[family.family] = cls


def _bind_smtp(cls: type[SESError], row: SmtpClassRow) -> None:
    _set_facts(
        cls,
        row=None,
        code=None,
        http_status=row.http_status,
        description=row.description,
        decision=row.decision,
        operations=frozenset({"SendRawEmail"}),  # what SES's SMTP interface performs
        family=row.family,
    )


def _bind_case(cls: type[SESError], case: MessageCase) -> None:
    # code, http_status, row and family come from the first parent through the MRO.
    parents = [_CLASS_BY_NAME[name] for name in case.parents]
    cls.case = case
    cls.description = case.description
    _set_decision(cls, case.decision)
    cls.operations = frozenset().union(*(parent.operations for parent in parents))
    _register(cls)
    for parent in parents:
        # Keyed by the parent's class, which every spelling of its code shares.
        _CASES_BY_CLASS.setdefault(parent, _MessageCases()).add(case, cls)


_bind_family(SESError, _FAMILY_ROW_BY_FAMILY[Family.GENERAL])


def class_for_name(name: str) -> type[SESError] | None:
    """Return the class of that name (a code, family, message case or SMTP class), or None."""
    return _CLASS_BY_NAME.get(name)


def class_for_code(code: str, message: str = "") -> type[SESError]:
    """Return the exception class for an SES wire code; SESError itself for an unknown code.

    Both spellings of a code that SES v1 and v2 write differently (``AlreadyExists`` and
    ``AlreadyExistsException``) return the same class; so does any code that differs from a
    known one only by an ``Exception`` suffix, the way v2 names v1's codes. With the
    ``message``, a code whose meanings SES tells apart by message gets the class of the
    meaning (``Throttling`` with "Daily message quota exceeded." is ``DailyQuotaExceeded``);
    any other message keeps the code's class. Raises TypeError for a code or message that is
    not a str.
    """
    cls = _CLASS_BY_CODE.get(code) or _CLASS_BY_OTHER_SPELLING.get(code)
    if cls is None:
        if not isinstance(code, str):  # pyright: ignore[reportUnnecessaryIsInstance]
            msg = f"a code is a str, not {type(code).__name__}"
            raise TypeError(msg)
        return SESError
    if not isinstance(message, str):  # pyright: ignore[reportUnnecessaryIsInstance]
        msg = f"a message is a str, not {type(message).__name__}"
        raise TypeError(msg)
    return refined_by_message(cls, message)


def refined_by_message(cls: type[SESError], message: str) -> type[SESError]:
    """Return the message case of ``cls`` that ``message`` stands for, else ``cls`` itself."""
    cases = _CASES_BY_CLASS.get(cls) if message else None
    return cls if cases is None else cases.find(message) or cls


def _other_spellings(code: str) -> tuple[str, ...]:
    """Return the wire codes that name ``code`` by adding or dropping an ``Exception`` suffix.

    A code read from the wire drops its suffix if it has one, else gains it; this lists, the
    other way round, every code that reads as ``code`` under that rule.
    """
    base = code.removesuffix("Exception")
    if base == code or base.endswith("Exception"):
        return (code + "Exception",)
    return (code + "Exception", base)


def class_for_status(http_status: int) -> type[SESError]:
    """Return the family class that stands for an HTTP status when no code could be read.

    5xx is a server-side error, 429 throttling, 401 and 403 an authentication or permission
    error; every other status gets SESError itself.
    """
    if http_status >= 500:
        return _CLASS_BY_FAMILY[Family.SERVER]
    if http_status == 429:
        return _CLASS_BY_FAMILY[Family.THROTTLING]
    if http_status in (401, 403):
        return _CLASS_BY_FAMILY[Family.AUTH]
    return SESError
