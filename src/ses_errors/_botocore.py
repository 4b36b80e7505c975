"""From botocore's ClientError (boto3, aiobotocore; SES v1 and v2) to the same classes.

Nothing here imports botocore: a ClientError is read through the ``response`` dict and
``operation_name`` it carries (``_patch`` makes a client raise the classes itself). Whether an
exception is a botocore ClientError is checked only when botocore is already imported, since
without it no ClientError can exist.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any, cast

from ses_errors import _operations as ops
from ses_errors._base import SESError, build
from ses_errors._wire import (
    XML_SPACE,
    WireFacts,
    dropped_code,
    request_id_from_headers,
    wire_facts,
)

if TYPE_CHECKING:
    from collections.abc import Generator, Mapping


# Keys of a ClientError's response (and of its "Error") that are not extra modeled members.
_ENVELOPE_KEYS = frozenset({"Error", "ResponseMetadata", "Code", "Message", "Type", "message"})


# Where a patched client's handlers keep, in botocore's request context, the last response
# botocore parsed, its facts and the error built from them: after-call raises what
# needs-retry built, and the fleet gate's handlers record it.
ERROR_KEY = "ses_errors_error"
Built = tuple[Any, WireFacts, SESError]


def is_client_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a botocore ClientError (False when botocore is not even imported)."""
    exceptions = sys.modules.get("botocore.exceptions")
    return exceptions is not None and isinstance(exc, exceptions.ClientError)


def is_ses_client_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a botocore ClientError of an SES v1 or v2 operation."""
    # An exact str only: a subclass could hash as it likes, a list cannot hash at all.
    name: object = getattr(exc, "operation_name", None)
    return is_client_error(exc) and type(name) is str and name in ops.EVERY


def from_client_error(exc: BaseException, *, as_client_error: bool = False) -> SESError:
    """Return the SES error for a botocore ``ClientError`` from an ``ses`` or ``sesv2`` client.

    Keeps the code, message, HTTP status, request id, fault (``Error.Type``), the operation
    name, botocore's attempt count (``RetryAttempts`` + 1) and the modeled extra members as
    ``details``. A code that is a bare HTTP status ("503", botocore's answer to a body it
    could not read) gives the same status-derived error ``parse_error`` gives.
    ``raise from_client_error(exc) from exc`` keeps the original as ``__cause__``.

    With ``as_client_error=True`` the error is also of ``exc``'s own ClientError class, with
    its ``response`` and ``operation_name``, so that handlers of the ClientError still catch it.
    """
    raw: object = getattr(exc, "response", None)
    if not isinstance(raw, dict):
        msg = f"expected a botocore ClientError, not {type(exc).__name__}"
        raise TypeError(msg)
    response = as_mapping(cast("object", raw))
    operation: object = getattr(exc, "operation_name", None)
    facts = client_error_facts(response, operation)
    if as_client_error and is_client_error(exc):
        return build(
            facts, dual_with=type(exc), response=response, operation_name=cast("str", operation)
        )
    return build(facts)


def client_error_facts(
    response: Mapping[str, Any], operation: object, attempts: int | None = None
) -> WireFacts:
    """Return the wire facts of a ClientError's response dict (or botocore's parsed dict).

    ``attempts`` stands in for the response's own count (``RetryAttempts`` + 1) when given.
    """
    error = as_mapping(response.get("Error"))
    meta = as_mapping(response.get("ResponseMetadata"))
    status: object = meta.get("HTTPStatusCode")
    code: object = error.get("Code")
    if type(status) is not int or not 100 <= status <= 599:
        # Neither a code nor a status: botocore raised it for a failure of the server's.
        reason = dropped_code(code, code_may_be_status=True)
        status = 500 if reason in {"no-code", "code-too-long"} else None
    request_id: object = meta.get("RequestId")
    if not (type(request_id) is str and request_id.strip(XML_SPACE)):
        request_id = request_id_from_headers(as_mapping(meta.get("HTTPHeaders")))
    if attempts is None:
        retries = meta.get("RetryAttempts")
        attempts = retries + 1 if type(retries) is int and retries >= 0 else None
    return wire_facts(
        code,
        error.get("Message"),
        http_status=status,
        request_id=request_id,
        fault=error.get("Type"),
        details=_details(error, response),
        operation=operation,
        attempts=attempts,
        code_may_be_status=True,
    )


@contextlib.contextmanager
def typed_errors(*, as_client_error: bool = True) -> Generator[None]:
    """Raise the SES error in place of a botocore ClientError of an SES operation in the block.

    The ClientError stays attached as ``__cause__``, and the error raised is also of its
    ClientError class (``as_client_error=False`` for the SES class alone), so that handlers
    outside the block that catch the ClientError still do. Works around sync and async calls::

        with ses_errors.typed_errors():
            await client.send_email(...)
    """
    try:
        yield
    except Exception as exc:
        if is_ses_client_error(exc) and not isinstance(exc, SESError):
            raise from_client_error(exc, as_client_error=as_client_error) from exc
        raise


def as_mapping(value: object) -> Mapping[str, Any]:
    """Read one of botocore's untyped JSON-like dicts as a str-keyed mapping ({} if no dict)."""
    return cast("Mapping[str, Any]", value) if isinstance(value, dict) else {}


def _details(error: Mapping[str, Any], response: Mapping[str, Any]) -> dict[object, object]:
    """Return the members beyond the envelope; the constructor keeps those with text, bounded.

    Query (v1) puts extra members in "Error"; rest-json (v2) puts modeled ones at the top.
    """
    if error.keys() <= _ENVELOPE_KEYS and response.keys() <= _ENVELOPE_KEYS:
        return {}  # nearly every error: a set comparison instead of a loop
    members: dict[object, object] = {}
    for source in (error, response):
        for key, value in source.items():
            if key not in _ENVELOPE_KEYS:
                members.setdefault(key, value)
    return members
