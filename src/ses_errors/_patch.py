"""``patch_client``: a botocore ``ses`` or ``sesv2`` client that raises the SES classes itself.

It works through the client's own events and changes nothing else about it:

* ``before-parse`` notes each HTTP attempt's status and headers (nothing is parsed);
* ``needs-retry``, asked first, answers "do not retry" for an error the code table knows cannot
  succeed on a retry (a used-up daily quota, a rejected message), and otherwise leaves the
  decision to botocore, whose retries run as they would unpatched;
* ``needs-retry`` also builds the error, once per response, from what botocore parsed;
* ``after-call`` raises that error once botocore is done, with the attempts it made, by
  default as a dual error: also the botocore ClientError (the client's modeled class when
  there is one) that the client would have raised, so that existing handlers still catch it;
* ``after-call-error`` turns botocore's ``ResponseParserError`` (a body it could not read at all,
  which it does not retry) into the error its HTTP status stands for.

Nothing here imports botocore until a client is patched.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from ses_errors._base import build
from ses_errors._botocore import ERROR_KEY, Built, as_mapping, client_error_facts
from ses_errors._wire import request_id_from_headers, wire_facts

if TYPE_CHECKING:
    from ses_errors.fleet import Gate

ClientT = TypeVar("ClientT")

SES_SERVICES = frozenset({"ses", "sesv2"})
# Where the request context keeps how many attempts botocore has made so far.
_ATTEMPTS_KEY = "ses_errors_attempts"
# The unique ids of the handlers, one per event, so that patching again replaces them.
_HANDLER_IDS = {
    "before-parse": "ses-errors-note",
    "needs-retry": "ses-errors-needs-retry",
    "after-call": "ses-errors-after-call",
    "after-call-error": "ses-errors-after-call-error",
}


def patch_client(
    client: ClientT,
    *,
    as_client_error: bool = True,
    gate: Gate | None = None,
    lane: str | None = None,
) -> ClientT:
    """Make a botocore/boto3/aiobotocore ``ses`` or ``sesv2`` client raise SES errors itself.

    Every error the client would raise as a ClientError is raised as the SES error instead,
    with the HTTP attempts in ``attempts``. By default that error is also the ClientError the
    client would have raised (its modeled class, ``client.exceptions.MessageRejected``, when
    botocore has one), with the same ``response`` and ``operation_name``, so that existing
    ``except ClientError`` handlers keep working; with ``as_client_error=False`` it is the SES
    class alone, with the ClientError as ``__cause__``. botocore's own retries run as they
    would unpatched, except that a response the code table knows cannot succeed on a retry
    (the daily quota, a rejected message) is not sent again. A body botocore cannot read at
    all is raised as the error its HTTP status stands for. Patching again changes only the
    ``as_client_error`` choice. Returns the client. Raises TypeError for an object that is not
    a botocore client and ValueError for a client of another service.

    With a ``gate`` (``fleet.Gate``), every send operation of the client takes a slot for its
    recipients (``fleet.recipients_of``), in ``lane``, before each HTTP attempt, botocore's
    retries included, and the gate records what SES answered; a refused slot raises
    ``fleet.Closed`` from the call, with nothing sent. Other operations are untouched. An
    aiobotocore client takes its slots with ``aslot``. Patching again with another gate (or
    none) replaces it.
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
    handlers = PatchedClient(client, as_client_error=as_client_error)
    # The last patching's handlers hold: each replaces an earlier one of its event.
    for event, method in (
        ("before-parse", handlers.note_response),
        ("needs-retry", handlers.refuse_hopeless_retry),
        ("after-call", handlers.raise_typed),
        ("after-call-error", handlers.raise_unreadable),
    ):
        unique_id = _HANDLER_IDS[event]
        events.unregister(f"{event}.{service}", unique_id=unique_id)
        if event == "needs-retry":
            events.register_first(f"{event}.{service}", method, unique_id=unique_id)
        else:
            events.register(f"{event}.{service}", method, unique_id=unique_id)
    _register_gate(events, service, client, gate, lane)
    return client


# The events the gate's handlers take, with the name of the handler for each.
_GATE_EVENTS = (
    ("before-parameter-build", "count"),
    ("before-send", "take"),
    ("needs-retry", "answered"),
)


def _register_gate(
    events: Any,  # noqa: ANN401 - botocore's event emitter
    service: str,
    client: object,
    gate: Gate | None,
    lane: str | None,
) -> None:
    """Register the gate's handlers for the client's sends, replacing an earlier gate's."""
    for event, name in _GATE_EVENTS:
        events.unregister(f"{event}.{service}", unique_id=f"ses-errors-gate-{name}")
    if gate is None:
        return
    from ses_errors import _gated  # noqa: PLC0415 - it imports the fleet, needed with a gate only

    gate.check_lane(lane)
    is_async = type(client).__module__.startswith("aiobotocore")
    handlers = (_gated.AsyncGateHandlers if is_async else _gated.GateHandlers)(gate, lane)
    for event, name in _GATE_EVENTS:
        events.register(
            f"{event}.{service}", getattr(handlers, name), unique_id=f"ses-errors-gate-{name}"
        )


class _HttpResponse(Protocol):
    """The part of botocore's ``AWSResponse`` the handlers read."""

    @property
    def status_code(self) -> int: ...


class _OperationModel(Protocol):
    """The part of botocore's ``OperationModel`` the handlers read."""

    @property
    def name(self) -> str: ...


class PatchedClient:
    """The handlers of one patched client's events, and the state they hand each other.

    What a handler learns of one request it keeps in that request's botocore context; only
    before-parse has none, so what it notes is kept per thread or task (a ``ContextVar`` of
    this client's own).
    """

    def __init__(self, client: object, *, as_client_error: bool) -> None:
        """Handle ``client``'s events, raising dual errors when ``as_client_error``."""
        self._client: Any = client  # botocore's clients are typed per service by the stubs
        self._as_client_error = as_client_error
        # botocore's dict of the last response this thread or task saw, None for a success.
        self._last_error_response: ContextVar[Mapping[str, Any] | None] = ContextVar(
            "ses_errors_last_error_response", default=None
        )

    def note_response(self, response_dict: Mapping[str, Any], **_: object) -> None:
        """Note an attempt's response (before-parse), a success as None."""
        # Every response is noted, so that what after-call-error reads is always the one
        # botocore just failed to parse, never an earlier one. The dict is kept as it is: it
        # is read only in the rare case botocore could not parse the body.
        status = response_dict.get("status_code")
        error_response = response_dict if type(status) is int and status >= 300 else None
        self._last_error_response.set(error_response)

    def refuse_hopeless_retry(
        self,
        response: tuple[_HttpResponse, Mapping[str, Any]] | None,
        attempts: int,
        operation: _OperationModel,
        request_dict: Mapping[str, Any],
        **_: object,
    ) -> bool | None:
        """Answer False (do not retry) for an error the table knows cannot succeed; else None.

        The error is built here, once, and kept in the request context for after-call.
        """
        context = as_mapping(request_dict.get("context"))
        if isinstance(context, dict):
            context[_ATTEMPTS_KEY] = attempts
        if response is None:
            return None  # a connection error: botocore's to judge
        http_response, parsed = response
        if http_response.status_code < 300:
            return None
        facts = client_error_facts(as_mapping(parsed), operation.name, attempts)
        error = build(facts)
        if isinstance(context, dict):
            context[ERROR_KEY] = (parsed, facts, error)
        known = type(error).row is not None or type(error).case is not None
        # An unknown code is left to botocore, which may know it as transient.
        return False if known and not error.is_retryable else None

    def raise_typed(
        self,
        http_response: _HttpResponse,
        parsed: dict[str, Any],
        model: _OperationModel,
        context: dict[str, Any],
        **_: object,
    ) -> None:
        """Raise the SES error for an error response (after-call), dual by default."""
        if http_response.status_code < 300:
            return
        built: Built | None = context.pop(ERROR_KEY, None)
        # The facts needs-retry read from this very response, else read here.
        if built is None or built[0] is not parsed:
            facts, error = client_error_facts(parsed, model.name), None
        else:
            _, facts, error = built
        # The class botocore would raise: the same code it looks up after after-call.
        code = context.get("error_code_override") or as_mapping(parsed.get("Error")).get("Code")
        client_class: type[BaseException] = self._client.exceptions.from_code(code)
        if self._as_client_error:
            error = build(facts, dual_with=client_class, response=parsed, operation_name=model.name)
            cause = None
        else:
            error = error or build(facts)
            cause = client_class(parsed, model.name)
        try:
            raise error from cause
        finally:
            # The raised error's traceback holds this frame: without these, the frame and the
            # error would hold each other until the cycle collector ran.
            error = cause = built = None

    def raise_unreadable(
        self,
        exception: BaseException,
        context: Mapping[str, Any],
        event_name: str = "",
        **_: object,
    ) -> None:
        """Raise the error of an HTTP status whose body botocore could not read at all."""
        parsers = sys.modules.get("botocore.parsers")
        if parsers is None or not isinstance(exception, parsers.ResponseParserError):
            return
        seen = self._last_error_response.get()
        if seen is None:
            return
        self._last_error_response.set(None)
        headers: object = seen.get("headers")  # botocore's HeadersDict: a mapping, not a dict
        attempts = as_mapping(context).get(_ATTEMPTS_KEY, 0)
        error = build(
            wire_facts(
                None,
                http_status=seen.get("status_code"),
                request_id=request_id_from_headers(
                    cast("Mapping[str, str]", headers) if isinstance(headers, Mapping) else None
                ),
                operation=event_name.rpartition(".")[2] or None,  # after-call-error.ses.SendEmail
                attempts=attempts + 1 if type(attempts) is int else None,
            )
        )
        try:
            raise error from None
        finally:
            del error  # as in raise_typed: no cycle through this frame
