"""Retry decisions for SES errors: predicates, no hidden sleeping.

``is_retryable`` is typed ``(BaseException) -> bool`` so that it fits ``stamina.retry(on=...)``,
``tenacity.retry_if_exception(...)`` and Celery's retry hooks as it is.
"""

from __future__ import annotations

from ses_errors._base import SESError


def is_retryable(exc: BaseException) -> bool:
    """Whether retrying the call that raised ``exc`` can succeed, by SES's guidance.

    True for server-side failures (5xx) and throttling; False for every other SES error and
    for anything that is not an SES error.
    """
    return isinstance(exc, SESError) and exc.is_retryable
