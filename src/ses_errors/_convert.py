"""One entry point for every surface: turn whatever was raised into the SES error, if it is one.

A wrapper (django-anymail's ``AnymailAPIError``, a task queue's own error, a ``raise ... from``
in the sender's code) stands for the SES error it was raised from, so the exception's chain is
followed, through ``__cause__`` and ``__context__``, a bounded number of links and never round
a cycle.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ses_errors._base import SESError
from ses_errors._botocore import from_client_error, is_ses_client_error
from ses_errors._smtp import from_smtp_error

if TYPE_CHECKING:
    from collections.abc import Iterator

# How many exceptions of a chain are looked at, the first included. Real wrappers add one or
# two links; the bound keeps a pathological chain from costing more than a few checks.
MAX_CHAIN_LINKS = 16


def as_ses_error(exc: BaseException) -> SESError | None:
    """Return the SES error ``exc`` stands for, or None when it is not an SES error.

    Accepts an SES error itself, a botocore ``ClientError`` of an SES v1 or v2 operation, an
    smtplib exception that carries a reply (``SMTPResponseException`` and its subclasses), or
    any exception raised from one of those: the first one found along ``__cause__`` and
    ``__context__`` counts. A ``ClientError`` of another service's operation is not an SES error.
    """
    for link in exception_chain(exc):
        error = _as_ses_error_itself(link)
        if error is not None:
            return error
    return None


def exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """Yield ``exc``, then what it was raised from or during, breadth first, each once."""
    seen: set[int] = set()
    queue: list[BaseException] = [exc]
    while queue and len(seen) < MAX_CHAIN_LINKS:
        link = queue.pop(0)
        if id(link) in seen:
            continue
        seen.add(id(link))
        yield link
        queue += [
            linked
            for linked in (link.__cause__, link.__context__)
            if isinstance(linked, BaseException)
        ]


def _as_ses_error_itself(exc: BaseException) -> SESError | None:
    if isinstance(exc, SESError):
        return exc
    if is_ses_client_error(exc):
        return from_client_error(exc)
    if "smtplib" not in sys.modules:  # not imported: no smtplib exception can exist
        return None
    import smtplib  # noqa: PLC0415 - already imported; this is a sys.modules lookup

    if isinstance(exc, smtplib.SMTPResponseException):
        return from_smtp_error(exc)
    return None


# The connection failures of the libraries a sender reaches SES through, by module and class:
# each is looked up only in a module already imported, since without the module none of its
# exceptions can exist. botocore's two families cover EndpointConnectionError,
# ConnectTimeoutError, ProxyConnectionError and SSLError (its ConnectionError), and
# ReadTimeoutError, ConnectionClosedError and ResponseStreamingError (HTTPClientError); aiohttp's
# reach aiobotocore's callers unwrapped; requests and httpx are the raw HTTPS surfaces.
_TRANSPORT_FAILURES = (
    ("botocore.exceptions", "ConnectionError"),
    ("botocore.exceptions", "HTTPClientError"),
    ("aiohttp", "ClientConnectionError"),
    ("requests.exceptions", "ConnectionError"),
    ("requests.exceptions", "Timeout"),
    ("httpx", "NetworkError"),
    ("httpx", "TimeoutException"),
    ("smtplib", "SMTPServerDisconnected"),
    ("socket", "gaierror"),  # a DNS failure: an OSError, but no ConnectionError
)


def is_transport_failure(exc: BaseException) -> bool:
    """Whether ``exc``, or what it was raised from, is a failure to reach SES or to hear back.

    botocore's connection and timeout errors, every one of its ``ConnectionError`` and
    ``HTTPClientError`` families (``EndpointConnectionError``, ``ConnectTimeoutError``,
    ``ProxyConnectionError``, ``ReadTimeoutError``, ``ConnectionClosedError``...), however
    they were raised; aiohttp's ``ClientConnectionError`` (under aiobotocore); the connection
    errors and timeouts of requests and httpx; smtplib's ``SMTPServerDisconnected``; a DNS
    failure (``socket.gaierror``); and the socket errors a sender meets (``ConnectionError``,
    ``TimeoutError``). A timeout after the request went out may mean SES accepted it: a retry
    can then send the message twice.
    """
    families = _transport_families()
    return any(isinstance(link, families) for link in exception_chain(exc))


def _transport_families() -> tuple[type[BaseException], ...]:
    families: list[type[BaseException]] = [ConnectionError, TimeoutError]
    for module_name, name in _TRANSPORT_FAILURES:
        found: object = getattr(sys.modules.get(module_name), name, None)
        if isinstance(found, type) and issubclass(found, BaseException):
            families.append(found)
    return tuple(families)
