"""Invariants of the code table, checked on every row."""

from __future__ import annotations

import pytest

from ses_errors import _operations as ops
from ses_errors._table import ROWS, ErrorRow, Family, Source

ERRORS_PAGE_STATUSES = {
    "ConfigurationSetDoesNotExist": 400,
    "IncompleteSignature": 400,
    "InternalFailure": 500,
    "InvalidAction": 400,
    "InvalidClientTokenId": 403,
    "InvalidParameterCombination": 400,
    "InvalidParameterValue": 400,
    "InvalidQueryParameter": 400,
    "MailFromDomainNotVerified": 400,
    "MalformedQueryString": 404,
    "MessageRejected": 400,
    "MissingAction": 400,
    "MissingAuthenticationToken": 403,
    "MissingParameter": 400,
    "OptInRequired": 403,
    "RequestExpired": 400,
    "ServiceUnavailable": 503,
    "Throttling": 400,
}
BY_CODE = {row.code: row for row in ROWS}
ALL_WIRE_CODES = {code: row for row in ROWS for code in (row.code, *row.aliases)}


def test_codes_and_aliases_are_unique() -> None:
    """No wire spelling appears twice, as a code or as an alias."""
    spellings = [code for row in ROWS for code in (row.code, *row.aliases)]
    assert len(spellings) == len(set(spellings))


def test_errors_page_codes_have_its_statuses() -> None:
    """All 18 codes of the SES errors page are rows, with that page's statuses exactly."""
    assert {code: BY_CODE[code].http_status for code in ERRORS_PAGE_STATUSES} == (
        ERRORS_PAGE_STATUSES
    )
    assert {row.code for row in ROWS if Source.ERRORS_PAGE in row.sources} == set(
        ERRORS_PAGE_STATUSES
    )


def test_exactly_three_errors_page_codes_are_retryable() -> None:
    """Of the errors page's codes, only InternalFailure, ServiceUnavailable and Throttling retry."""
    retryable = {code for code in ERRORS_PAGE_STATUSES if BY_CODE[code].is_retryable}
    assert retryable == {"InternalFailure", "ServiceUnavailable", "Throttling"}


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("AccessDeniedException", 400),
        ("NotAuthorized", 400),
        ("ThrottlingException", 400),
        ("ValidationError", 400),
        ("SignatureDoesNotMatch", 403),
        ("AccessDenied", 403),
        ("UnrecognizedClientException", 403),
    ],
)
def test_common_errors_are_rows(code: str, status: int) -> None:
    """The AWS common errors SES answers with are rows with their statuses."""
    assert BY_CODE[code].http_status == status


def test_throttling_exception_is_retryable() -> None:
    """ThrottlingException, the JSON spelling, is retryable like Throttling."""
    assert BY_CODE["ThrottlingException"].is_retryable


def test_every_errors_page_code_but_three_applies_to_every_action() -> None:
    """All errors page codes apply to every action except the three the v1 model scopes."""
    scoped = {c for c in ERRORS_PAGE_STATUSES if BY_CODE[c].operations != ops.EVERY}
    assert scoped == {
        "MessageRejected",
        "MailFromDomainNotVerified",
        "ConfigurationSetDoesNotExist",
    }


def test_scoped_actions_match_the_models() -> None:
    """MessageRejected's actions are the union over both APIs; the others are the v1 model's."""
    assert BY_CODE["MessageRejected"].operations == {
        "SendBounce",
        "SendBulkTemplatedEmail",
        "SendCustomVerificationEmail",
        "SendEmail",
        "SendRawEmail",
        "SendTemplatedEmail",
        "SendBulkEmail",
        "CreateDeliverabilityTestReport",
    }
    assert len(BY_CODE["ConfigurationSetDoesNotExist"].operations) == 16
    assert {"SendEmail", "SendRawEmail"} <= BY_CODE["MailFromDomainNotVerified"].operations


def test_every_action_is_the_union_of_both_apis() -> None:
    """ops.EVERY holds the 71 v1 and 117 v2 operations (174 distinct names)."""
    assert len(ops.V1) == 71
    assert len(ops.V2) == 117
    assert len(ops.EVERY) == 174


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.code)
def test_row_invariants(row: ErrorRow) -> None:
    """Each row is self-consistent: identifier code, known actions, description, derived facts."""
    assert row.code.isidentifier()
    assert row.operations
    assert row.operations <= ops.EVERY
    assert row.description.endswith(".")
    assert row.sources
    assert (row.family is Family.SERVER) == (row.http_status >= 500)
    assert row.is_retryable == (row.http_status >= 500 or row.family is Family.THROTTLING)
    assert row.fault == ("Receiver" if row.http_status >= 500 else "Sender")
    if Source.COMMON_ERRORS not in row.sources and Source.ERRORS_PAGE not in row.sources:
        assert Source.V1_MODEL in row.sources or Source.V2_MODEL in row.sources or row.note


def _model_errors(service: str) -> dict[str, tuple[int, set[str]]]:
    """Return each wire code of an installed botocore model: its status, the operations."""
    session = pytest.importorskip("botocore.session", reason="botocore is not installed")
    model = session.get_session().get_service_model(service)
    errors: dict[str, tuple[int, set[str]]] = {}
    for operation in model.operation_names:
        for shape in model.operation_model(operation).error_shapes:
            status = shape.metadata.get("error", {}).get("httpStatusCode", 400)
            errors.setdefault(shape.error_code, (status, set()))[1].add(operation)
    return errors


@pytest.mark.parametrize("service", ["ses", "sesv2"])
def test_every_model_shape_reaches_a_row_with_its_status(service: str) -> None:
    """Every error of botocore's SES v1 and v2 models reaches a row with the model's status."""
    errors = _model_errors(service)
    assert len(errors) >= 13
    for code, (status, operations) in errors.items():
        row = ALL_WIRE_CODES[code]
        assert row.http_status == status, code
        assert operations <= row.operations, code


def test_different_v1_and_v2_spellings_share_a_row() -> None:
    """AlreadyExists/AlreadyExistsException and LimitExceeded/LimitExceededException are one row."""
    assert ALL_WIRE_CODES["AlreadyExistsException"] is BY_CODE["AlreadyExists"]
    assert ALL_WIRE_CODES["LimitExceededException"] is BY_CODE["LimitExceeded"]
    assert (
        ALL_WIRE_CODES["MailFromDomainNotVerifiedException"] is BY_CODE["MailFromDomainNotVerified"]
    )


def test_row_count_by_source() -> None:
    """The table has 65 rows: 18 from the errors page, 7 common errors and the models' others."""
    assert len(ROWS) == 65
    assert sum(Source.ERRORS_PAGE in row.sources for row in ROWS) == 18
    assert sum(Source.V1_MODEL in row.sources for row in ROWS) == 34
    assert sum(Source.V2_MODEL in row.sources for row in ROWS) == 13
