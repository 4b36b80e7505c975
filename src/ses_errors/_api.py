"""From a response (body, status, headers) to the right SES exception instance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ses_errors._base import SESError, class_for_code, class_for_status
from ses_errors._parse import (
    MAX_BODY_BYTES,
    ParsedError,
    ResponseParseError,
    parse_body,
    request_id_from_headers,
)

if TYPE_CHECKING:
    from collections.abc import Mapping


def parse_error(
    body: bytes | str,
    *,
    http_status: int | None = None,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_BODY_BYTES,
) -> SESError:
    """Turn an SES error response into the matching exception, ready to raise.

    ``body`` is the raw response body (SES v1 Query XML or SES v2 JSON). ``http_status`` is
    the status the response came with: it is kept on the exception, and when the body holds no
    readable SES error it picks the family class (see ``error_for_status``). Without a status,
    an unreadable body raises ``ResponseParseError``. ``headers`` supply the request id
    (``x-amzn-RequestId``) and, for SES v2, the error type (``x-amzn-ErrorType``).
    """
    _check_status(http_status)
    try:
        parsed = parse_body(body, headers=headers, max_bytes=max_bytes)
    except ResponseParseError:
        if http_status is None:
            raise
        return error_for_status(http_status, request_id=request_id_from_headers(headers))
    return build_error(parsed, http_status)


def error_for_status(
    http_status: int, *, request_id: str | None = None, message: str = ""
) -> SESError:
    """Return the error that stands for a response with this status and no readable code.

    Its ``code`` is None (SES sent none); its class follows the status: ``ServerSideError``
    for 5xx, ``ThrottlingError`` for 429, ``AuthError`` for 401 and 403, else ``SESError``.
    """
    _check_status(http_status)
    return status_error(http_status, request_id=request_id, message=message)


def status_error(
    http_status: int,
    *,
    request_id: str | None = None,
    message: str = "",
    operation: str | None = None,
    attempts: int | None = None,
) -> SESError:
    """Build ``error_for_status``'s error from a status already known to be valid.

    The botocore bridge passes the operation and attempts too; every field is given to the
    constructor at once, since pickle and copy rebuild an error from those arguments.
    """
    cls = class_for_status(http_status)
    return cls(message, None, http_status, request_id, None, None, operation, attempts)


def build_error(
    parsed: ParsedError,
    http_status: int | None,
    *,
    operation: str | None = None,
    attempts: int | None = None,
) -> SESError:
    """Return the exception for parsed error facts: by code and message, else by status."""
    code, message, request_id, fault, details = parsed
    cls = class_for_code(code, message)
    if cls is SESError:
        # An unknown code: the status (seen, or implied by the fault side) picks the family.
        if http_status is None:
            http_status = 500 if fault == "Receiver" else 400
        cls = class_for_status(http_status)
    # No status gives the class's own; details are copied by the constructor.
    return cls(message, code, http_status, request_id, fault, details, operation, attempts)


def _check_status(http_status: int | None) -> None:
    if http_status is None:
        return
    # Guard untyped callers: a bool or a str status is a bug to report, not a status to keep.
    if type(http_status) is not int:
        msg = f"http_status must be an int, not {type(http_status).__name__}"
        raise TypeError(msg)
    if not 100 <= http_status <= 599:
        msg = f"http_status must be an HTTP status between 100 and 599, not {http_status}"
        raise ValueError(msg)
