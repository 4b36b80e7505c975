"""The fleet gate in one line: a patched client takes a slot before each HTTP attempt of a send.

``patch_client(client, gate=gate)`` registers these handlers on the client's own events:

* ``before-parameter-build`` counts the call's recipients (``fleet.recipients_of``) and notes
  its configuration set in the request context; an operation that sends nothing is left alone;
* ``before-send``, emitted before each HTTP attempt (botocore's own retries included), takes a
  slot for them: it waits for the account's send time, or raises ``fleet.Closed`` out of the
  call with nothing sent;
* ``needs-retry``, emitted after each attempt, leaves the slot with what SES answered (the
  error the patch built from it, a transport failure, or success), so that the gate records it.

aiobotocore awaits its handlers, so an aiobotocore client gets the same handlers as coroutines,
on ``aslot``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ses_errors._botocore import ERROR_KEY, as_mapping
from ses_errors._recipients import recipients_of
from ses_errors.fleet import MAX_RECIPIENTS

if TYPE_CHECKING:
    from collections.abc import Mapping
    from contextlib import AbstractAsyncContextManager, AbstractContextManager

    from ses_errors.fleet import Gate, Slot

# Where the request context keeps what the handlers pass one another.
_SLOT_REQUEST = "ses_errors_slot_request"  # (recipients, configuration set) of the call
_SLOT = "ses_errors_slot"  # the slot the current attempt holds, until it is answered


class GateHandlers:
    """The handlers of one patched client, bound to its gate and lane."""

    def __init__(self, gate: Gate, lane: str | None) -> None:
        """Keep the gate and the lane every send of the client is in."""
        self.gate = gate
        self.lane = lane

    def count(self, params: Mapping[str, Any], model: Any, context: Any, **_: Any) -> None:  # noqa: ANN401 - botocore's untyped handler arguments
        """Note a send's recipients and configuration set in the request context."""
        recipients = recipients_of(model.name, params)
        request_context = as_mapping(context)
        if recipients and isinstance(request_context, dict):
            configuration_set = as_mapping(params).get("ConfigurationSetName")
            request_context[_SLOT_REQUEST] = (
                min(recipients, MAX_RECIPIENTS),
                configuration_set if isinstance(configuration_set, str) else None,
            )

    def take(self, request: Any, **_: Any) -> None:  # noqa: ANN401 - botocore's AWSPreparedRequest
        """Take a slot before an HTTP attempt of a send; raises ``fleet.Closed`` when refused."""
        wanted = _wanted(request)
        if wanted is None:
            return
        context, recipients, configuration_set = wanted
        held: AbstractContextManager[Slot] = self.gate.slot(
            recipients=recipients, lane=self.lane, configuration_set=configuration_set
        )
        held.__enter__()
        context[_SLOT] = held

    def answered(
        self,
        request_dict: Mapping[str, Any],
        response: Any = None,  # noqa: ANN401 - botocore's (http_response, parsed) or None
        caught_exception: BaseException | None = None,
        **_: Any,  # noqa: ANN401
    ) -> None:
        """Leave the attempt's slot with what SES answered, so that the gate records it."""
        ended = _ended(request_dict, response, caught_exception)
        if ended is not None:
            held, error = ended
            held.__exit__(type(error) if error else None, error, error and error.__traceback__)


class AsyncGateHandlers(GateHandlers):
    """The same handlers as coroutines, on ``aslot``, for aiobotocore clients."""

    async def take(self, request: Any, **_: Any) -> None:  # type: ignore[override]  # noqa: ANN401 - aiobotocore awaits its handlers
        """Take a slot before an HTTP attempt of a send, waiting with asyncio."""
        wanted = _wanted(request)
        if wanted is None:
            return
        context, recipients, configuration_set = wanted
        held: AbstractAsyncContextManager[Slot] = self.gate.aslot(
            recipients=recipients, lane=self.lane, configuration_set=configuration_set
        )
        await held.__aenter__()
        context[_SLOT] = held

    async def answered(  # type: ignore[override]
        self,
        request_dict: Mapping[str, Any],
        response: Any = None,  # noqa: ANN401
        caught_exception: BaseException | None = None,
        **_: Any,  # noqa: ANN401
    ) -> None:
        """Leave the attempt's slot with what SES answered."""
        ended = _ended(request_dict, response, caught_exception)
        if ended is not None:
            held, error = ended
            await held.__aexit__(
                type(error) if error else None, error, error and error.__traceback__
            )


def _wanted(request: object) -> tuple[dict[str, Any], int, str | None] | None:
    """Return the request context and the slot a send's attempt wants, or None for no send."""
    context = as_mapping(getattr(request, "context", None))
    wanted = context.get(_SLOT_REQUEST)
    if wanted is None or not isinstance(context, dict):
        return None
    recipients, configuration_set = wanted
    return context, recipients, configuration_set


def _ended(
    request_dict: Mapping[str, Any],
    response: Any,  # noqa: ANN401 - botocore's (http_response, parsed) or None
    caught_exception: BaseException | None,
) -> tuple[Any, BaseException | None] | None:
    """Take the attempt's slot out of the context with what ended it, or None if it had none."""
    context = as_mapping(request_dict.get("context"))
    held = context.get(_SLOT)
    if held is None or not isinstance(context, dict):
        return None
    del context[_SLOT]
    return held, _answer(context, response, caught_exception)


def _answer(
    context: Mapping[str, Any],
    response: Any,  # noqa: ANN401 - botocore's (http_response, parsed) or None
    caught_exception: BaseException | None,
) -> BaseException | None:
    """Return what an attempt ended with: the SES error built from it, a failure, or None."""
    if caught_exception is not None:
        return caught_exception
    if response is None or response[0].status_code < 300:
        return None
    built = context.get(ERROR_KEY)
    return built[2] if built is not None else None
