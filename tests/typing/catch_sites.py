"""What users write at a catch site: mypy --strict and pyright (strict) must accept all of it.

This file is type-checked, not run by pytest; assert_type pins what each expression is.
"""

from __future__ import annotations

from typing import Any, assert_type

import ses_errors


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
    except ses_errors.ThrottlingError as exc:
        assert_type(exc.is_retryable, bool)
    except (ses_errors.AlreadyExists, ses_errors.LimitExceededException) as exc:
        assert_type(exc.description, str)
    except ses_errors.SESError as exc:
        assert_type(exc.actions, frozenset[str])
        assert_type(ses_errors.is_retryable(exc), bool)


def class_level_facts() -> None:
    """Table facts are readable on the class itself."""
    assert_type(ses_errors.MessageRejected.http_status, int)
    assert_type(ses_errors.MessageRejected.is_retryable, bool)
    assert_type(ses_errors.MessageRejected.actions, frozenset[str])
    assert_type(ses_errors.MessageRejected.description, str)
    assert "SendEmail" in ses_errors.Throttling.actions


def parse_and_raise(body: bytes, status: int, headers: dict[str, str]) -> None:
    """parse_error returns an SESError that can be raised; the lookups are typed."""
    error = ses_errors.parse_error(body, http_status=status, headers=headers)
    assert_type(error, ses_errors.SESError)
    assert_type(ses_errors.class_for_code("Throttling"), type[ses_errors.SESError])
    assert_type(error.to_dict(), dict[str, Any])
    raise error


def handle_unreadable(body: str) -> ses_errors.SESError | None:
    """Catch the one documented parse exception, which carries the body's size."""
    try:
        return ses_errors.parse_error(body)
    except ses_errors.ResponseParseError as exc:
        assert_type(exc.size, int)
        return None
