"""One entry point for every surface: turn whatever was raised into the SES error, if it is one."""

from __future__ import annotations

import sys

from ses_errors._base import SESError
from ses_errors._botocore import from_client_error, is_client_error
from ses_errors._smtp import from_smtp_error


def as_ses_error(exc: BaseException) -> SESError | None:
    """Return the SES error ``exc`` stands for, or None when it is not an SES error.

    Accepts an SES error itself, a botocore ``ClientError`` and an smtplib exception that
    carries a reply (``SMTPResponseException`` and its subclasses).
    """
    if isinstance(exc, SESError):
        return exc
    if is_client_error(exc):
        return from_client_error(exc)
    if "smtplib" not in sys.modules:  # not imported: no smtplib exception can exist
        return None
    import smtplib  # noqa: PLC0415 - already imported; this is a sys.modules lookup

    if isinstance(exc, smtplib.SMTPResponseException):
        return from_smtp_error(exc)
    return None
