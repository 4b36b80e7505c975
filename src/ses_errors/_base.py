"""SESError, the registry of its classes, and the one resolver that picks a class.

Every class below SESError is generated from the code table (``_generated.py``): one family
class per kind of failure (``ServerSideError``, ``ThrottlingError``, ``AuthError``...), one class
per code below its family (``class Throttling(ThrottlingError, code="Throttling")``), one per
message case below its code's classes (``DailyQuotaExceeded`` is a ``Throttling``), and one per
SMTP-only reply. A class with a code binds to that code's row; any other generated class binds
to the table's entry of its own name. The whole tree is drawn once, generated from the table,
in the README's "Catching SES errors" section.

Facts from the table live on the class (``http_status``, ``description``, ``scope``, ``action``,
``is_retryable``, ``operations``, ``row``); facts from the wire live on the instance, one per
field of ``WireFacts`` (``message``, ``code``, ``http_status``, ``request_id``, ``fault``,
``details``, and, when botocore raised it, the ``operation`` and its ``attempts``, and an SMTP
reply's ``smtp_code``). The family classes double as the errors raised for a response that
carried no readable code: their instance ``code`` is then None.

``resolve`` is the only place a class is chosen for wire facts; ``build`` makes the error of the
class it chose. An error is always made as the class it ends up with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar, cast

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
from ses_errors._wire import (
    MAX_MESSAGE_CHARS,
    Fields,
    WireFacts,
    as_text,
    bounded_text,
    typed_facts,
    wire_facts,
)

_ROW_BY_CODE: dict[str, ErrorRow] = {row.code: row for row in ROWS}
# The table's entries that have no code of their own, by the name of their class.
_ENTRY_BY_NAME: dict[str, FamilyRow | MessageCase | SmtpClassRow] = {
    **{family.family.value: family for family in FAMILIES},
    **{case.name: case for case in CASES},
    **{smtp.name: smtp for smtp in SMTP_CLASSES},
}

# The registry, filled as the generated classes are defined: every wire code (and alias) and
# every class name. Lookups are exact dict lookups by design: a code from the wire is never
# used as an attribute name, so "__class__" or "mro" are just unknown codes.
_CLASS_BY_CODE: dict[str, type[SESError]] = {}
_CLASS_BY_NAME: dict[str, type[SESError]] = {}
# Beside the registry, its index of message cases: a class -> the cases that refine it (keyed
# by the class itself, so that neither its cases nor its dual classes inherit them).
_CASES_BY_CLASS: dict[type[SESError], _MessageCases] = {}

# The module whose classes the table binds by their names.
_GENERATED_MODULE = "ses_errors._generated"

# Makes an instance without running SESError.__new__: the resolver has chosen the class.
_NEW = BaseException.__new__

# Where a sentence ends, for a case matched by the message's first sentence.
_SENTENCE_END = re.compile("[.!:;]")


class _MessageCases:
    """The message cases of one class, indexed so that matching costs a dict lookup or two.

    A text is compared folded (lower case, runs of white space as one space): an exact text
    with the message's first sentence, whatever punctuation ends it, a prefix with the
    message's beginning. Every text is also kept as written, so that a message in SES's own
    words is found before anything is folded. Only the message's first ``words`` words are
    ever folded, one pass: no text is longer, so the rest cannot change the answer. No exact
    text of a class and prefix of it begin alike (a table test checks), so looking exact texts
    up first gives the table's order of precedence.
    """

    __slots__ = ("exact", "exact_as_sent", "longest_exact", "prefixes", "prefixes_as_sent", "words")

    def __init__(self) -> None:
        self.exact_as_sent: dict[str, type[SESError]] = {}
        self.longest_exact = 0
        self.exact: dict[str, type[SESError]] = {}
        self.prefixes_as_sent: tuple[tuple[str, type[SESError]], ...] = ()
        self.prefixes: tuple[tuple[str, type[SESError]], ...] = ()
        self.words = 1

    def add(self, case: MessageCase, cls: type[SESError]) -> None:
        for text in case.texts:
            words = text.split()
            key = " ".join(words).casefold().removesuffix(".")
            self.words = max(self.words, len(words) + 1)
            if case.match is Match.EXACT:
                self.exact_as_sent.setdefault(text, cls)
                self.longest_exact = max(self.longest_exact, len(text))
                self.exact.setdefault(key, cls)
            else:
                self.prefixes_as_sent += ((text.removesuffix("."), cls),)
                self.prefixes += ((key, cls),)

    def find(self, message: str) -> type[SESError] | None:
        """Return the case class for ``message``, or None when it is no case of this class."""
        # Looked up only when it can be one of the texts: a dict lookup hashes the whole
        # message, a second pass over a long one.
        exact = self.exact_as_sent.get(message) if len(message) <= self.longest_exact else None
        found = exact or _prefixed(message, self.prefixes_as_sent)
        if found is not None:
            return found
        folded = " ".join(message.split(maxsplit=self.words)[: self.words]).casefold()
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


class _SlottedError(Exception):
    """Slots for the wire facts that only an instance has; SESError's only base.

    ``code`` and ``http_status`` are not among them: every class has its own (the table's),
    and an instance stores another only when SES sent a different one, in its ``__dict__``.
    Most errors therefore need no instance dict at all, so that a retained error (a bulk run
    keeps thousands) stays small.
    """

    __slots__ = ("attempts", "details", "fault", "message", "operation", "request_id", "smtp_code")


class SESError(_SlottedError):
    """An error response from Amazon SES.

    Catch this to handle every SES error; catch a subclass (``MessageRejected``,
    ``ThrottlingError``...) to handle one code or one family. The arguments are the fields of
    ``WireFacts``, in its order, and become the attributes of those names; ``args`` holds them
    all, defaults filled in, so that pickling and ``copy`` rebuild the same exception.
    ``code`` and ``http_status`` default to the class's own.

    Naming a class whose code SES gives several meanings by message makes the error of the
    meaning: ``Throttling("Daily message quota exceeded.")`` is a ``DailyQuotaExceeded`` (a
    subclass of ``Throttling``, with ``Throttling``'s code), as it would be from the wire.
    """

    # The class's own code and status; an instance keeps another only when it was sent one.
    # The other wire fields are an instance's alone: _take sets them, typed as WireFacts
    # declares them (through Fields, its tuple form, which build holds it to).
    code: str | None = None
    http_status: int = 400

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

    def __init__(  # noqa: PLR0913, PLR0917 - the fields of WireFacts, positional for pickle
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

        A value of the wrong type is turned into one of the right type or left out
        (``typed_facts``), so that ``str()``, ``repr()`` and ``to_dict()`` never fail, whoever
        built the error.
        """
        facts = typed_facts(
            message, code, http_status, request_id, fault, details, operation, attempts, smtp_code
        )
        self._take(facts)

    def _take(self, facts: Fields) -> None:
        """Keep ``facts``; the instance stores a code or status only when not the class's."""
        cls = type(self)
        message, code, http_status, request_id, fault, details, operation, attempts, smtp_code = (
            facts
        )
        if code is None:
            code = self.code  # the class's, or the one a case's __new__ kept
        elif code != cls.code:
            self.code = code
        if http_status is None:
            http_status = self.http_status
        elif http_status != cls.http_status:
            self.http_status = http_status
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

    def __init_subclass__(cls, *, code: str | None = None, **kwargs: object) -> None:
        """Give a generated class its table facts and register it under its wire codes."""
        super().__init_subclass__(**kwargs)
        if code is not None:
            _bind_row(cls, _ROW_BY_CODE[code])
        elif cls.__module__ == _GENERATED_MODULE:
            entry = _ENTRY_BY_NAME[cls.__name__]
            if isinstance(entry, FamilyRow):
                _bind_family(cls, entry)
            elif isinstance(entry, MessageCase):
                _bind_case(cls, entry)
            else:
                _bind_smtp(cls, entry)

    def __repr__(self) -> str:
        """Show the class and every wire field, by name."""
        fields = ", ".join(
            f"{name}={value!r}" for name, value in zip(FIELDS, self.args, strict=False)
        )
        return f"{type(self).__name__}({fields})"

    def __str__(self) -> str:
        """One line: code (or class), status, operation and attempts, message, request id."""
        name = ses_class_of(type(self)).__name__
        if self.smtp_code is not None:
            line = f"{self.code or name} [SMTP {self.smtp_code}]"
        else:
            head = self.code or f"{name} (no error code)"
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
        cls = ses_class_of(type(self))
        facts = dict(zip(FIELDS, self.args, strict=False))
        facts["details"] = dict(self.details)
        return {
            "error": cls.__name__,
            **facts,
            "scope": cls.scope.value,
            "action": cls.action.value,
            "is_retryable": cls.is_retryable,
            "retry_after": cls.retry_after,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SESError:
        """Rebuild an error from ``to_dict()`` output, through the same funnel as the wire.

        The class named under ``error`` is kept (its message cases still apply); an unknown
        name falls back by code, then by status. A field of the wrong type is left out, as a
        wire value would be. Raises TypeError when ``data`` is not a mapping.
        """
        if not isinstance(data, Mapping):  # pyright: ignore[reportUnnecessaryIsInstance] - untyped callers
            msg = f"from_dict takes a mapping, not {type(data).__name__}"
            raise TypeError(msg)
        fields: dict[str, Any] = {name: data.get(name) for name in FIELDS}
        if not isinstance(fields["details"], dict):
            fields["details"] = None
        name: object = data.get("error")
        named = name if type(name) is str and name in _CLASS_BY_NAME else None
        return build(wire_facts(**fields), named=named)


# The wire fields, in the order of SESError's arguments and of ``args``.
FIELDS = WireFacts._fields


def resolve(  # noqa: PLR0913 - the facts that choose a class, and the surface's hints
    code: str | None,
    message: str = "",
    http_status: int | None = None,
    fault: str | None = None,
    *,
    named: str | None = None,
    case_text: str | None = None,
    dual_with: type[BaseException] | None = None,
) -> type[SESError]:
    """Return the one class for an error's facts; the only place a class is chosen.

    In this order: the class a surface's own table ``named`` (an SMTP reply's, a bulk status's,
    or the one ``to_dict`` recorded: a code or a class name), else the ``code`` (or an alias of
    it); then the message case of that class that ``case_text`` (else ``message``) stands for.
    An unknown or missing code gets the family of the HTTP status, or of the fault side when no
    status was seen. With ``dual_with`` (a botocore ClientError class) the class is the one
    that derives from both, made once per pair.
    """
    if named is not None:
        cls = _CLASS_BY_CODE.get(named) or _CLASS_BY_NAME.get(named) or SESError
    else:
        cls = SESError if code is None else _CLASS_BY_CODE.get(code, SESError)
        if cls is SESError:
            if http_status is not None:
                cls = class_for_status(http_status)
            elif fault == "Receiver":
                cls = class_for_status(500)
    cases = _CASES_BY_CLASS.get(cls)
    text = message if case_text is None else case_text
    if cases is not None and text:
        cls = cases.find(text) or cls
    if dual_with is not None:
        # Imported here: a ClientError class exists, so botocore is importable.
        from ses_errors._dual import dual_class  # noqa: PLC0415

        cls = dual_class(cls, dual_with)
    return cls


def build(  # noqa: PLR0913 - the facts, and what resolve() takes besides
    facts: WireFacts,
    *,
    named: str | None = None,
    case_text: str | None = None,
    dual_with: type[BaseException] | None = None,
    response: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
) -> SESError:
    """Return the error the facts stand for, made as the class ``resolve`` picks.

    A dual error (``dual_with``) also carries botocore's ``response`` and ``operation_name``.
    """
    message, code, http_status, _, fault = facts[:5]
    if case_text is not None:
        case_text = bounded_text(case_text, MAX_MESSAGE_CHARS)
    cls = resolve(
        code, message, http_status, fault, named=named, case_text=case_text, dual_with=dual_with
    )
    error = _NEW(cls)
    # Typed, so that a checker holds WireFacts to Fields, the types of the attributes _take sets.
    # The funnel checked the facts already: no typed_facts() again.
    error._take(facts)  # noqa: SLF001  # pyright: ignore[reportPrivateUsage] - SESError's builder
    if dual_with is not None:
        dual: Any = error  # botocore's attributes, which only the dual class declares
        dual.response = response
        dual.operation_name = operation_name
    return error


def ses_class_of(cls: type[SESError]) -> type[SESError]:
    """Return the registered class of ``cls``: itself, or a dual class's SES side."""
    found: type[SESError] = cls.__dict__.get("_ses_class", cls)
    return found


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


def _new_of_a_case(
    cls: type[SESError], message: object = "", *_args: object, **_kwargs: object
) -> SESError:
    """Make the error of the message case ``message`` stands for, else of ``cls``.

    The ``__new__`` of every class that has message cases (``_bind_case`` sets it), so that
    naming the class gives the error SES's message means; other classes keep the C one.
    """
    cases = _CASES_BY_CLASS.get(cls)
    text = message if type(message) is str else as_text(message)
    refined = cases.find(text) if cases is not None and text else None
    if refined is None:
        return _NEW(cls)
    error: SESError = _NEW(refined)
    # The code and status named are kept: a case has its first parent's.
    if refined.code != cls.code:
        error.code = cls.code
    if refined.http_status != cls.http_status:
        error.http_status = cls.http_status
    return error


def _bind_case(cls: type[SESError], case: MessageCase) -> None:
    # code, http_status, row and family come from the first parent through the MRO.
    parents = [_CLASS_BY_NAME[name] for name in case.parents]
    cls.case = case
    cls.description = case.description
    _set_decision(cls, case.decision)
    cls.operations = frozenset().union(*(parent.operations for parent in parents))
    _register(cls)
    for parent in parents:
        # Keyed by the parent itself: a subclass (a case, a dual class) has no cases of its own.
        if parent not in _CASES_BY_CLASS:
            _CASES_BY_CLASS[parent] = _MessageCases()
            # Set on the class, not declared: typeshed's Exception has no such attribute.
            setattr(parent, "__new__", staticmethod(_new_of_a_case))  # noqa: B010
        _CASES_BY_CLASS[parent].add(case, cls)


_bind_family(SESError, cast("FamilyRow", _ENTRY_BY_NAME[Family.GENERAL.value]))


def class_for_name(name: str) -> type[SESError] | None:
    """Return the class of that name (a code, family, message case or SMTP class), or None."""
    return _CLASS_BY_NAME.get(name)


def class_for_code(code: str, message: str = "") -> type[SESError]:
    """Return the exception class for an SES wire code; SESError itself for an unknown code.

    Both spellings of a code that SES v1 and v2 write differently (``AlreadyExists`` and
    ``AlreadyExistsException``) return the same class. With the ``message``, a code whose
    meanings SES tells apart by message gets the class of the meaning (``Throttling`` with
    "Daily message quota exceeded." is ``DailyQuotaExceeded``); any other message keeps the
    code's class. Raises TypeError for a code or message that is not a str.
    """
    if not isinstance(code, str):  # pyright: ignore[reportUnnecessaryIsInstance]
        msg = f"a code is a str, not {type(code).__name__}"
        raise TypeError(msg)
    if not isinstance(message, str):  # pyright: ignore[reportUnnecessaryIsInstance]
        msg = f"a message is a str, not {type(message).__name__}"
        raise TypeError(msg)
    # With no status and no fault, the resolver gives an unknown code SESError itself.
    return resolve(code, message)


# The family classes' names, read once: an enum member's value is a property, slow to read on
# a path that every unreadable response takes.
_SERVER, _THROTTLING, _AUTH = Family.SERVER.value, Family.THROTTLING.value, Family.AUTH.value


def class_for_status(http_status: int) -> type[SESError]:
    """Return the family class that stands for an HTTP status when no code could be read.

    5xx is a server-side error, 429 throttling, 401 and 403 an authentication or permission
    error; every other status gets SESError itself.
    """
    if http_status >= 500:
        return _CLASS_BY_NAME[_SERVER]
    if http_status == 429:
        return _CLASS_BY_NAME[_THROTTLING]
    if http_status in (401, 403):
        return _CLASS_BY_NAME[_AUTH]
    return SESError
