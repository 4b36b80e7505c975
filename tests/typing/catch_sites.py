"""What users write at a catch site: mypy --strict and pyright (strict) must accept all of it.

This file is type-checked, not run by pytest; assert_type pins what each expression is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, assert_type

import ses_errors
from ses_errors import retry

if TYPE_CHECKING:
    from collections.abc import Callable


def send() -> None:
    """Stand in for a call that sends mail."""


def catch_by_class() -> None:
    """Specific classes, families and the base class, with their wire and table facts."""
    try:
        send()
    except ses_errors.MessageRejected as exc:
        assert_type(exc.message, str)
        assert_type(exc.request_id, str | None)
        assert_type(exc.http_status, int)
        assert_type(exc.code, str | None)
        assert_type(exc.fault, str | None)
        assert_type(exc.details, dict[str, str])
        assert_type(exc.smtp_code, int | None)
    except ses_errors.ThrottlingError as exc:
        assert_type(exc.is_retryable, bool)
    except (ses_errors.AlreadyExists, ses_errors.LimitExceededException) as exc:
        assert_type(exc.description, str)
    except ses_errors.SESError as exc:
        assert_type(exc.operations, frozenset[str])
        assert_type(ses_errors.is_retryable(exc), bool)


def class_level_facts() -> None:
    """Table facts are readable on the class itself."""
    assert_type(ses_errors.MessageRejected.http_status, int)
    assert_type(ses_errors.MessageRejected.is_retryable, bool)
    assert_type(ses_errors.MessageRejected.operations, frozenset[str])
    assert_type(ses_errors.MessageRejected.description, str)
    assert "SendEmail" in ses_errors.Throttling.operations


def parse_and_raise(body: bytes, status: int, headers: dict[str, str]) -> None:
    """parse_error returns an SESError that can be raised; the lookups are typed."""
    error = ses_errors.parse_error(body, http_status=status, headers=headers)
    assert_type(error, ses_errors.SESError)
    assert_type(ses_errors.lookup.class_for_code("Throttling"), type[ses_errors.SESError])
    assert_type(error.to_dict(), dict[str, Any])
    raise error


def handle_unreadable(body: str) -> ses_errors.SESError | None:
    """Catch the one documented parse exception, which carries the body's size."""
    try:
        return ses_errors.parse_error(body)
    except ses_errors.ResponseParseError as exc:
        assert_type(exc.size, int)
        return None


def message_cases(deliver: Callable[[], str]) -> str | None:
    """Catch a message case before its parent; it carries the same typed facts."""
    try:
        return deliver()
    except ses_errors.DailyQuotaExceeded as exc:
        assert_type(exc.retry_after, float | None)
        return None
    except ses_errors.Throttling as exc:
        assert_type(exc.attempts, int | None)
        assert_type(exc.operation, str | None)
        raise


def retry_runners(deliver: Callable[[str], str]) -> str:
    """Run through the runners and the decorator, which keep the wrapped function's types."""
    assert_type(retry.call(deliver, "a@example.com", sleep=lambda _: None), str)
    schedule = ses_errors.retry.Schedule(rounds=1, jitter=0.1)
    assert_type(schedule.wait(1), float | None)

    @retry.retrying(schedule)
    def send_one(to: str) -> str:
        return deliver(to)

    typed: Callable[[str], str] = send_one
    return typed("a@example.com")


def every_surface(exc: Exception, body: bytes) -> ses_errors.SESError | None:
    """Use the bridges, loaded on first use, which are typed as if imported eagerly."""
    assert_type(ses_errors.smtp.from_smtp_reply(454, b"Throttling failure"), ses_errors.SESError)
    assert_type(
        ses_errors.bulk.bulk_outcomes_from_xml(body).to_retry,
        tuple[ses_errors.bulk.BulkOutcome, ...],
    )
    assert_type(ses_errors.is_retryable(exc), bool)
    with ses_errors.typed_errors():
        pass
    return ses_errors.as_ses_error(exc)


def catch_a_patched_clients_error_both_ways(client: Any) -> None:
    """Read a dual error from either side: as the SES class or as botocore's ClientError."""
    from botocore.exceptions import ClientError  # noqa: PLC0415 - optional, as in user code

    patched = ses_errors.patch_client(client, as_client_error=True)
    try:
        patched.send_email()
    except ses_errors.MessageRejected as exc:
        assert_type(exc.request_id, str | None)
        if isinstance(exc, ClientError):  # the botocore side of the same object
            assert_type(exc.operation_name, str)
            assert_type(exc.message, str)
    except ClientError as exc:
        error = ses_errors.as_ses_error(exc)
        assert_type(error, ses_errors.SESError | None)
    with ses_errors.typed_errors(as_client_error=False):
        patched.send_email()
    raw = ses_errors.from_client_error(ClientError({}, "SendEmail"), as_client_error=True)
    assert_type(raw, ses_errors.SESError)
