"""SESError, the registry of codes, and class_for_code().

Every class below SESError is generated from the code table (``_generated.py``); the tree is::

    Exception
     └── SESError                      any SES error; also an unknown code's class
          ├── ServerSideError          HTTP 5xx, retryable: InternalFailure, ServiceUnavailable, ...
          ├── ThrottlingError          retryable: Throttling, ThrottlingException, ...
          ├── AuthError                credentials, signature, permissions: AccessDenied, ...
          ├── InvalidRequestError      malformed input: InvalidParameterValue, MissingParameter, ...
          ├── SendingRefusedError      MessageRejected, MailFromDomainNotVerified, paused sending...
          ├── ResourceNotFoundError    ConfigurationSetDoesNotExist, TemplateDoesNotExist, ...
          ├── ResourceConflictError    AlreadyExists, CannotDelete, ConflictException, ...
          └── LimitExceeded

A few codes carry several meanings that SES tells apart only by the message; each meaning is a
subclass of its code's class (``DailyQuotaExceeded`` is a ``Throttling``), generated from the
message cases in the table, with its own retry decision.

Facts from the table live on the class (``http_status``, ``description``, ``is_retryable``,
``actions``, ``row``); facts from the wire live on the instance (``code``, ``message``,
``request_id``, ``fault``, the ``http_status`` actually seen, and ``details``, the extra members
SES put inside ``<Error>``, and, when botocore raised it, the ``operation`` and its ``attempts``).
The family classes double as the errors raised for a response that
carried no readable code: their instance ``code`` is then None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from ses_errors._table import (
    CASES,
    EVERY_ACTION,
    FAMILIES,
    RETRY_WAITS,
    ROWS,
    SMTP_CLASSES,
    ErrorRow,
    FamilyRow,
    Kind,
    MessageCase,
    SmtpClassRow,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

_ROW_BY_CODE: dict[str, ErrorRow] = {row.code: row for row in ROWS}
_FAMILY_BY_KIND: dict[Kind, FamilyRow] = {family.kind: family for family in FAMILIES}
_CASE_BY_NAME: dict[str, MessageCase] = {case.name: case for case in CASES}
_SMTP_ROW_BY_NAME: dict[str, SmtpClassRow] = {row.name: row for row in SMTP_CLASSES}

# Filled as the generated classes are defined. Lookups are exact dict lookups by design: a code
# from the wire is never used as an attribute name, so "__class__" or "mro" are just unknown codes.
_CLASS_BY_CODE: dict[str, type[SESError]] = {}
_CLASS_BY_NAME: dict[str, type[SESError]] = {}
_CLASS_BY_KIND: dict[Kind, type[SESError]] = {}
# Wire code -> the message-case classes that may refine it, in table order.
_CASES_BY_CODE: dict[str, list[tuple[MessageCase, type[SESError]]]] = {}


def _code_of_class(self: SESError) -> str | None:
    return type(self).code


def _status_of_class(self: SESError) -> int:
    return type(self).http_status


def _as_details(value: Mapping[str, str] | None) -> dict[str, str]:
    return dict(value) if value else {}


@attrs.define(auto_exc=True, slots=False, init=True)
class SESError(Exception):
    """An error response from Amazon SES.

    Catch this to handle every SES error; catch a subclass (``MessageRejected``,
    ``ThrottlingError``...) to handle one code or one family. Fields are positional so that
    pickling and ``copy`` rebuild the same exception.
    """

    # Positional fields with defaults: BaseException pickles as cls(*args), and attrs puts
    # every field in args, so keyword-only fields would break pickle, copy and Celery.
    message: str = ""
    code: str | None = attrs.field(default=attrs.Factory(_code_of_class, takes_self=True))
    http_status: int = attrs.field(default=attrs.Factory(_status_of_class, takes_self=True))
    request_id: str | None = None
    fault: str | None = None
    details: dict[str, str] = attrs.field(factory=dict[str, str], converter=_as_details)
    # Set from a botocore ClientError: the API operation, and how many HTTP attempts botocore
    # made (its own retries included), so that retries are not stacked unknowingly.
    operation: str | None = None
    attempts: int | None = None
    # Set when the error came from an SMTP reply: its reply code (``http_status`` is then the
    # class's documented status, since there was no HTTP response).
    smtp_code: int | None = None

    description: ClassVar[str]
    is_retryable: ClassVar[bool]
    retry_after: ClassVar[float | None]
    actions: ClassVar[frozenset[str]]
    row: ClassVar[ErrorRow | None] = None
    case: ClassVar[MessageCase | None] = None
    family: ClassVar[Kind]

    def __init_subclass__(
        cls,
        *,
        code: str | None = None,
        family: Kind | None = None,
        case: str | None = None,
        smtp: str | None = None,
        **kwargs: object,
    ) -> None:
        """Give a generated class its table facts and register it under its wire codes."""
        super().__init_subclass__(**kwargs)
        if code is not None:
            _bind_row(cls, _ROW_BY_CODE[code])
        elif family is not None:
            _bind_family(cls, _FAMILY_BY_KIND[family])
        elif case is not None:
            _bind_case(cls, _CASE_BY_NAME[case])
        elif smtp is not None:
            _bind_smtp(cls, _SMTP_ROW_BY_NAME[smtp])

    def __str__(self) -> str:
        """One line: code (or the class when SES sent none), status, message, request id."""
        head = self.code if self.code is not None else f"{type(self).__name__} (no error code)"
        if self.smtp_code is not None:
            line = f"{self.code or type(self).__name__} [SMTP {self.smtp_code}]"
        else:
            line = f"{head} [HTTP {self.http_status}]"
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
            "is_retryable": self.is_retryable,
            "retry_after": self.retry_after,
        }

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> SESError:
        """Rebuild an error from ``to_dict()`` output; an unknown class name falls back by code."""
        code = data.get("code")
        message = data.get("message", "")
        cls = _CLASS_BY_NAME.get(str(data.get("error")))
        if cls is None:
            cls = class_for_code(code, message) if isinstance(code, str) else SESError
        return cls(
            message,
            code,
            int(data["http_status"]),
            data.get("request_id"),
            data.get("fault"),
            data.get("details") or {},
            data.get("operation"),
            data.get("attempts"),
            data.get("smtp_code"),
        )


def _register(cls: type[SESError]) -> None:
    cls.__module__ = "ses_errors"
    _CLASS_BY_NAME[cls.__name__] = cls


def _retry_after(retryable: bool) -> float | None:
    # The first wait of SES's schedule; None where waiting seconds or minutes cannot help.
    return RETRY_WAITS[0] if retryable else None


def _bind_row(cls: type[SESError], row: ErrorRow) -> None:
    cls.row = row
    cls.code = row.code
    cls.http_status = row.http_status
    cls.description = row.description
    cls.is_retryable = row.retryable
    cls.retry_after = _retry_after(row.retryable)
    cls.actions = row.actions
    cls.family = row.kind
    _register(cls)
    for code in (row.code, *row.aliases):
        _CLASS_BY_CODE[code] = cls


def _bind_family(cls: type[SESError], family: FamilyRow) -> None:
    cls.row = None
    cls.code = None
    cls.http_status = family.http_status
    cls.description = family.description
    cls.is_retryable = family.retryable
    cls.retry_after = _retry_after(family.retryable)
    cls.actions = EVERY_ACTION
    cls.family = family.kind
    _register(cls)
    _CLASS_BY_KIND[family.kind] = cls


def _bind_case(cls: type[SESError], case: MessageCase) -> None:
    # code, http_status, row and family come from the first parent through the MRO.
    cls.case = case
    cls.description = case.description
    cls.is_retryable = case.retryable
    cls.retry_after = _retry_after(case.retryable)
    cls.actions = frozenset().union(*(_ROW_BY_CODE[code].actions for code in case.parents))
    _register(cls)
    for parent in case.parents:
        row = _ROW_BY_CODE[parent]
        for code in (row.code, *row.aliases):
            _CASES_BY_CODE.setdefault(code, []).append((case, cls))


_bind_family(SESError, _FAMILY_BY_KIND[Kind.GENERAL])


def _bind_smtp(cls: type[SESError], row: SmtpClassRow) -> None:
    cls.row = None
    cls.code = None
    cls.http_status = row.http_status
    cls.description = row.description
    cls.is_retryable = row.retryable
    cls.retry_after = _retry_after(row.retryable)
    cls.actions = frozenset({"SendRawEmail"})  # what SES's SMTP interface performs
    cls.family = row.kind
    _register(cls)


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
    any other message keeps the code's class.
    """
    cls = _CLASS_BY_CODE.get(code) or _CLASS_BY_CODE.get(_other_spelling(code))
    if cls is None:
        return SESError
    cases = _CASES_BY_CODE.get(cls.code or "") if message else None
    if cases:
        text = " ".join(message.split())
        for case, case_cls in cases:
            if case.matches(text):
                return case_cls
    return cls


def _other_spelling(code: str) -> str:
    return code.removesuffix("Exception") if code.endswith("Exception") else code + "Exception"


def class_for_status(http_status: int) -> type[SESError]:
    """Return the family class that stands for an HTTP status when no code could be read.

    5xx is a server-side error, 429 throttling, 401 and 403 an authentication or permission
    error; every other status gets SESError itself.
    """
    if http_status >= 500:
        return _CLASS_BY_KIND[Kind.SERVER]
    if http_status == 429:
        return _CLASS_BY_KIND[Kind.THROTTLING]
    if http_status in (401, 403):
        return _CLASS_BY_KIND[Kind.AUTH]
    return SESError
