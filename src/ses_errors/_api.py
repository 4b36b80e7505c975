"""From a response (body, status, headers) to the right SES exception instance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ses_errors._base import build
from ses_errors._parse import MAX_BODY_BYTES, ResponseParseError, parse_body
from ses_errors._wire import request_id_from_headers, shown, wire_facts

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ses_errors._base import SESError


def parse_error(
    body: bytes | str,
    *,
    http_status: int | None = None,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_BODY_BYTES,
) -> SESError:
    """Turn an SES error response into the matching exception, ready to raise.

    ``body`` is the raw response body (SES v1 Query XML or SES v2 JSON); the body decides how
    it is read. ``http_status`` is the status the response came with: it is kept on the
    exception, and when the body holds no readable SES error it picks the family class (see
    ``error_for_status``). Without a status, an unreadable body raises ``ResponseParseError``.
    ``headers`` (a mapping) supply the request id (``x-amzn-RequestId``) and, for a body that
    names no code, the SES v2 error type (``x-amzn-ErrorType``).

    Raises TypeError for a body that is not bytes or str, headers that are not a mapping or a
    status that is not an int, and ValueError for a status outside 100-599.
    """
    check_status(http_status)
    try:
        facts = parse_body(body, http_status=http_status, headers=headers, max_bytes=max_bytes)
    except ResponseParseError:
        if http_status is None:
            raise
        request_id = request_id_from_headers(headers)
        facts = wire_facts(None, http_status=http_status, request_id=request_id)
    return build(facts)


def error_for_status(
    http_status: int, *, request_id: str | None = None, message: str = ""
) -> SESError:
    """Return the error that stands for a response with this status and no readable code.

    Its ``code`` is None (SES sent none); its class follows the status: ``ServerSideError``
    for 5xx, ``ThrottlingError`` for 429, ``AuthError`` for 401 and 403, else ``SESError``.
    Raises TypeError and ValueError as ``parse_error`` does for a bad status.
    """
    check_status(http_status)
    facts = wire_facts(None, message, http_status=http_status, request_id=request_id)
    return build(facts)


def check_status(http_status: int | None) -> None:
    """Refuse a caller's status that is not None or an int from 100 to 599."""
    if http_status is None:
        return
    # Guard untyped callers: a bool or a str status is a bug to report, not a status to keep.
    if type(http_status) is not int:
        msg = f"http_status must be an int, not {type(http_status).__name__}"
        raise TypeError(msg)
    if not 100 <= http_status <= 599:
        msg = f"http_status must be an HTTP status between 100 and 599, not {shown(http_status)}"
        raise ValueError(msg)
