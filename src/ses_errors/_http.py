"""From an HTTP client's response (requests, httpx, aiohttp) to the SES error, by duck typing.

For raw HTTPS calls to the SES Query API (v1) or the SES v2 API. Nothing here imports an HTTP
client: a response is read through ``status_code`` or ``status``, ``headers``, and its body
(``content``; ``read()`` or ``aread()`` when awaited).
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from ses_errors._api import parse_error
from ses_errors._parse import MAX_BODY_BYTES

if TYPE_CHECKING:
    from ses_errors._base import SESError
    from ses_errors.typing import SyncResponse


def from_response(response: SyncResponse, *, max_bytes: int = MAX_BODY_BYTES) -> SESError:
    """Return the SES error an error response (status 300 or more) stands for.

    Raises ValueError for a successful response. An unreadable body still gives an error,
    chosen by the status (``parse_error`` with ``http_status``).
    """
    return _error(response.status_code, response.headers, response.content, max_bytes)


def raise_for_ses(response: SyncResponse, *, max_bytes: int = MAX_BODY_BYTES) -> None:
    """Raise the SES error for an error response; do nothing for a successful one."""
    if response.status_code >= 300:
        raise from_response(response, max_bytes=max_bytes)


async def afrom_response(response: object, *, max_bytes: int = MAX_BODY_BYTES) -> SESError:
    """Return the SES error for an async response: aiohttp's or httpx's (read if not yet read).

    aiohttp's ``ClientResponse`` has ``status`` and ``read()``; httpx's async ``Response`` has
    ``status_code`` and ``aread()``. Raises ValueError for a successful response.
    """
    status = _async_status(response)
    headers: object = getattr(response, "headers", None)
    reader = getattr(response, "aread", None) or getattr(response, "read", None)
    if not isinstance(status, int) or reader is None:
        msg = f"expected an aiohttp or httpx response, not {type(response).__name__}"
        raise TypeError(msg)
    body = reader()
    if inspect.isawaitable(body):
        body = await body
    if not isinstance(body, bytes | str):
        msg = f"the response body must be bytes or str, not {type(body).__name__}"
        raise TypeError(msg)
    return _error(status, headers, body, max_bytes)


async def araise_for_ses(response: object, *, max_bytes: int = MAX_BODY_BYTES) -> None:
    """Raise the SES error for an async error response; do nothing for a successful one."""
    status = _async_status(response)
    if isinstance(status, int) and status < 300:
        return
    raise await afrom_response(response, max_bytes=max_bytes)


def _async_status(response: object) -> object:
    # httpx names it status_code, aiohttp status.
    status: object = getattr(response, "status_code", None)
    return getattr(response, "status", None) if status is None else status


def _error(status: int, headers: object, body: bytes | str, max_bytes: int) -> SESError:
    if status < 300:
        msg = f"HTTP {status} is not an error response"
        raise ValueError(msg)
    # requests', httpx's and aiohttp's header types are all Mappings (case-insensitive ones);
    # parse_error reads any Mapping, turning names and values into lower-case str itself.
    header_map = cast("Mapping[str, str]", headers) if isinstance(headers, Mapping) else None
    return parse_error(body, http_status=status, headers=header_map, max_bytes=max_bytes)
