"""``patch_client``: a botocore ``ses`` or ``sesv2`` client that raises the SES classes itself.

It works through the client's own events and changes nothing else about it:

* ``before-parse`` notes each HTTP attempt's status and headers (nothing is parsed);
* ``needs-retry``, asked first, answers "do not retry" for an error the code table knows cannot
  succeed on a retry (a used-up daily quota, a rejected message), and otherwise leaves the
  decision to botocore, whose retries run as they would unpatched;
* ``after-call`` raises the typed error once botocore is done, with the attempts it made;
* ``after-call-error`` turns botocore's ``ResponseParserError`` (a body it could not read at all,
  which it does not retry) into the error its HTTP status stands for.

Nothing here imports botocore.
"""

from __future__ import annotations

import sys
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from ses_errors._botocore import as_mapping, client_error_facts, from_client_error
from ses_errors._build import error_from_facts
from ses_errors._parse import request_id_from_headers
from ses_errors._wire import wire_facts

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ses_errors._base import SESError

ClientT = TypeVar("ClientT")

SES_SERVICES = frozenset({"ses", "sesv2"})
# Where the request context keeps how many attempts botocore has made so far.
_ATTEMPTS_KEY = "ses_errors_attempts"
# The status and headers of the last response this thread or task saw, None for a success:
# before-parse, which notes it, has no request context.
_LAST_ERROR_RESPONSE: ContextVar[tuple[int, Mapping[str, Any]] | None] = ContextVar(
    "ses_errors_last_error_response", default=None
)


def patch_client(client: ClientT) -> ClientT:
    """Make a botocore/boto3/aiobotocore ``ses`` or ``sesv2`` client raise SES errors itself.

    Every error the client would raise as a ClientError is raised as the SES error instead,
    with that ClientError as ``__cause__`` and the HTTP attempts in ``attempts``. botocore's
    own retries run as they would unpatched, except that a response the code table knows
    cannot succeed on a retry (the daily quota, a rejected message) is not sent again. A body
    botocore cannot read at all is raised as the error its HTTP status stands for. Patching
    twice is harmless. Returns the client. Raises TypeError for an object that is not a
    botocore client and ValueError for a client of another service.
    """
    meta: Any = getattr(client, "meta", None)
    service_model: Any = getattr(meta, "service_model", None)
    if service_model is None:
        msg = f"expected a botocore client, not {type(client).__name__}"
        raise TypeError(msg)
    if service_model.service_name not in SES_SERVICES:
        msg = f"patch_client takes an ses or sesv2 client, not {service_model.service_name!r}"
        raise ValueError(msg)
    service = service_model.service_id.hyphenize()
    events = meta.events
    events.register(f"before-parse.{service}", _note_response, unique_id="ses-errors-note")
    events.register_first(
        f"needs-retry.{service}", _refuse_hopeless_retry, unique_id="ses-errors-needs-retry"
    )
    events.register(
        f"after-call.{service}", _typed_raiser(client), unique_id="ses-errors-after-call"
    )
    events.register(
        f"after-call-error.{service}", _raise_unreadable, unique_id="ses-errors-after-call-error"
    )
    return client


def _note_response(response_dict: Mapping[str, Any], **_: Any) -> None:  # noqa: ANN401
    # Every response is noted, a success as None, so that what after-call-error reads is
    # always the response botocore just failed to parse, never an earlier one.
    status = response_dict.get("status_code", 200)
    error_response = type(status) is int and status >= 300
    _LAST_ERROR_RESPONSE.set(
        (status, as_mapping(response_dict.get("headers"))) if error_response else None
    )


def _refuse_hopeless_retry(
    response: Any,  # noqa: ANN401 - botocore's (http_response, parsed) or None
    attempts: int,
    operation: Any,  # noqa: ANN401 - botocore's OperationModel
    request_dict: Mapping[str, Any],
    **_: Any,  # noqa: ANN401
) -> bool | None:
    """Answer False (do not retry) for an error the table knows cannot succeed; else None."""
    context = as_mapping(request_dict.get("context"))
    if isinstance(context, dict):
        context[_ATTEMPTS_KEY] = attempts
    if response is None:
        return None  # a connection error: botocore's to judge
    http_response, parsed = response
    if http_response.status_code < 300:
        return None
    error = error_from_facts(client_error_facts(as_mapping(parsed), operation.name, attempts))
    known = type(error).row is not None or type(error).case is not None
    # An unknown code is left to botocore, which may know it as transient.
    return False if known and not error.is_retryable else None


def _typed_raiser(client: Any) -> Any:  # noqa: ANN401 - botocore's event handlers are untyped
    def raise_typed(http_response: Any, parsed: dict[str, Any], model: Any, **_: Any) -> None:  # noqa: ANN401
        if http_response.status_code < 300:
            return
        code = as_mapping(parsed.get("Error")).get("Code", "")
        cause = client.exceptions.from_code(code)(parsed, model.name)
        raise from_client_error(cause) from cause

    return raise_typed


def _raise_unreadable(
    exception: BaseException,
    context: Mapping[str, Any],
    event_name: str = "",
    **_: Any,  # noqa: ANN401
) -> None:
    parsers = sys.modules.get("botocore.parsers")
    if parsers is None or not isinstance(exception, parsers.ResponseParserError):
        return
    seen = _LAST_ERROR_RESPONSE.get()
    if seen is None:
        return
    _LAST_ERROR_RESPONSE.set(None)
    status, headers = seen
    attempts = as_mapping(context).get(_ATTEMPTS_KEY, 0)
    error: SESError = error_from_facts(
        wire_facts(
            None,
            http_status=status,
            request_id=request_id_from_headers(headers),
            operation=event_name.rpartition(".")[2] or None,  # after-call-error.ses.SendEmail
            attempts=attempts + 1 if type(attempts) is int else None,
        )
    )
    raise error from None
