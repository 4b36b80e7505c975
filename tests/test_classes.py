"""The generated exception classes: facts, registry, behaviour as exceptions."""

from __future__ import annotations

import copy
import pickle

import pytest

import ses_errors
from ses_errors import _operations as ops
from ses_errors._table import CASES, FAMILIES, ROWS, ErrorRow, Family

ROW_CLASSES = [ses_errors.lookup.class_for_code(row.code) for row in ROWS]
FAMILY_CLASSES = [getattr(ses_errors, family.family.value) for family in FAMILIES]
CASE_CLASSES = [getattr(ses_errors, case.name) for case in CASES]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.code)
def test_each_row_has_a_class_named_by_its_code(row: ErrorRow) -> None:
    """Every row's class is importable from ses_errors under its wire code, with the row's facts."""
    cls = getattr(ses_errors, row.code)
    assert cls.__name__ == row.code
    assert cls.__module__ == "ses_errors"
    assert cls.code == row.code
    assert cls.http_status == row.http_status
    assert cls.description == row.description
    assert cls.is_retryable is row.is_retryable
    assert cls.operations == row.operations
    assert cls.row is row
    assert issubclass(cls, getattr(ses_errors, row.family.value))
    assert row.description in (cls.__doc__ or "")


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.code)
def test_every_wire_spelling_reaches_the_class(row: ErrorRow) -> None:
    """class_for_code returns the row's class for its code and for each alias."""
    cls = getattr(ses_errors, row.code)
    for code in (row.code, *row.aliases):
        assert ses_errors.lookup.class_for_code(code) is cls
        assert getattr(ses_errors, code) is cls


def test_v1_and_v2_spellings_are_caught_by_one_clause() -> None:
    """One except clause catches AlreadyExists whichever API's spelling SES sent."""
    for code in ("AlreadyExists", "AlreadyExistsException"):
        with pytest.raises(ses_errors.AlreadyExists) as info:
            raise ses_errors.lookup.class_for_code(code)("exists", code)
        assert info.value.code == code


def test_unknown_code_gives_ses_error() -> None:
    """An unknown code falls back to SESError, never to an attribute of a module or dict."""
    look_alike = "Thr\u043ettling"  # with a Cyrillic o
    for code in ("NoSuchCode", "__class__", "mro", "SESError", "ThrottlingError", look_alike):
        assert ses_errors.lookup.class_for_code(code) is ses_errors.SESError


def test_action_membership() -> None:
    """Actions answer membership as the table says."""
    assert "SendEmail" in ses_errors.MessageRejected.operations
    assert "CreateReceiptRule" not in ses_errors.MessageRejected.operations
    assert ses_errors.InternalFailure.operations >= ops.EVERY


def test_families_group_the_codes() -> None:
    """The intermediate classes catch their members: throttling, auth, validation, sending."""
    assert issubclass(ses_errors.Throttling, ses_errors.ThrottlingError)
    assert issubclass(ses_errors.TooManyRequestsException, ses_errors.ThrottlingError)
    assert issubclass(ses_errors.InvalidClientTokenId, ses_errors.AuthError)
    assert issubclass(ses_errors.MissingParameter, ses_errors.InvalidRequestError)
    assert issubclass(ses_errors.MessageRejected, ses_errors.SendingRefusedError)
    assert issubclass(ses_errors.InternalFailure, ses_errors.ServerSideError)
    assert ses_errors.ServerSideError.is_retryable
    assert ses_errors.ThrottlingError.is_retryable
    assert not ses_errors.SESError.is_retryable


def test_family_names_clash_with_no_wire_code() -> None:
    """No family class shares its name with a wire code."""
    codes = {code for row in ROWS for code in (row.code, *row.aliases)}
    assert not codes & {family.family.value for family in FAMILIES}


def test_defaults_come_from_the_class() -> None:
    """A directly built error takes its code and status from its class."""
    exc = ses_errors.MalformedQueryString("bad query")
    assert (exc.code, exc.http_status, exc.message) == ("MalformedQueryString", 404, "bad query")
    assert exc.request_id is None
    assert exc.fault is None
    assert exc.details == {}


def test_str_is_one_readable_line() -> None:
    """str() names code, status, message and request id on one line."""
    exc = ses_errors.MessageRejected("Email address is\nnot verified.", request_id="req-1")
    assert str(exc) == (
        "MessageRejected [HTTP 400]: Email address is not verified. (request id req-1)"
    )
    fallback = ses_errors.http.error_for_status(502)
    assert str(fallback) == "ServerSideError (no error code) [HTTP 502]"


def _wire_facts(exc: ses_errors.SESError) -> tuple[object, ...]:
    return (
        type(exc),
        exc.code,
        exc.message,
        exc.http_status,
        exc.request_id,
        exc.fault,
        exc.details,
        exc.operation,
        exc.attempts,
    )


def _samples() -> list[ses_errors.SESError]:
    samples: list[ses_errors.SESError] = [
        cls("a message", cls.code, 418, "req-id", "Sender", {"Name": "x"}, "SendEmail", 3)
        for cls in ROW_CLASSES + FAMILY_CLASSES + CASE_CLASSES
    ]
    samples.append(ses_errors.http.error_for_status(503, request_id="r"))
    samples.append(ses_errors.SESError("unknown", "SomethingNew", 400))
    samples.append(ses_errors.MessageRejected("the class's code and status"))
    samples.append(ses_errors.AlreadyExists("v2's spelling", "AlreadyExistsException"))
    return samples


def test_given_code_and_status_are_kept_and_defaults_are_the_class_facts() -> None:
    """An instance reports the code and status it was given, else its class's, per instance."""
    given = ses_errors.AlreadyExists("m", "AlreadyExistsException", 409)
    default = ses_errors.AlreadyExists("m")
    assert (given.code, given.http_status) == ("AlreadyExistsException", 409)
    assert (default.code, default.http_status) == (
        "AlreadyExists",
        ses_errors.AlreadyExists.http_status,
    )
    assert (ses_errors.AlreadyExists.code, ses_errors.AlreadyExists.http_status) == (
        "AlreadyExists",
        default.http_status,
    )
    given.code = "Changed"
    assert (given.code, default.code, ses_errors.AlreadyExists.code) == (
        "Changed",
        "AlreadyExists",
        "AlreadyExists",
    )


@pytest.mark.parametrize("exc", _samples(), ids=lambda exc: type(exc).__name__ + str(exc.code))
def test_pickle_and_copy_keep_class_and_fields(exc: ses_errors.SESError) -> None:
    """pickle, copy and deepcopy rebuild the same class with the same wire facts."""
    for clone in (
        pickle.loads(pickle.dumps(exc)),  # noqa: S301 - our own bytes
        copy.copy(exc),
        copy.deepcopy(exc),
    ):
        assert _wire_facts(clone) == _wire_facts(exc)


@pytest.mark.parametrize("exc", _samples(), ids=lambda exc: type(exc).__name__ + str(exc.code))
def test_to_dict_round_trips(exc: ses_errors.SESError) -> None:
    """to_dict() is JSON-ready and from_dict() rebuilds the same class and fields."""
    data = exc.to_dict()
    assert data["is_retryable"] is exc.is_retryable
    assert _wire_facts(ses_errors.SESError.from_dict(data)) == _wire_facts(exc)


def test_from_dict_with_unknown_class_name_falls_back_by_code() -> None:
    """from_dict picks the class by code when the class name is not one of ours."""
    data = ses_errors.Throttling("slow down").to_dict() | {"error": "__class__"}
    assert type(ses_errors.SESError.from_dict(data)) is ses_errors.Throttling


def test_family_kinds_cover_every_row() -> None:
    """Every row's kind has a family class."""
    assert {row.family for row in ROWS} <= {family.family for family in FAMILIES}
    assert Family.GENERAL.value == "SESError"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("AlreadyExistsException", "AlreadyExists"),  # v2's spelling, an alias on the row
        ("LimitExceededException", "LimitExceeded"),
        ("MailFromDomainNotVerifiedException", "MailFromDomainNotVerified"),
        ("ThrottlingException", "ThrottlingException"),  # a code of its own
        ("ConfigurationSetAlreadyExistsException", "ConfigurationSetAlreadyExists"),  # moto's
        ("TemplateDoesNotExistException", "SESError"),  # in no model, nor moto: none of SES's
        ("MessageRejectedException", "SESError"),
        ("NotFound", "SESError"),
        ("Exception", "SESError"),
    ],
)
def test_a_second_spelling_resolves_only_where_a_row_lists_it(code: str, expected: str) -> None:
    """A code's other spelling reaches its class only as an alias on its row; none is made up."""
    assert ses_errors.lookup.class_for_code(code).__name__ == expected


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.code)
def test_every_spelling_a_row_lists_reaches_its_class(row: ErrorRow) -> None:
    """The code and every alias of a row resolve to the one class of that row."""
    classes = {ses_errors.lookup.class_for_code(code) for code in (row.code, *row.aliases)}
    assert classes == {getattr(ses_errors, row.code)}
