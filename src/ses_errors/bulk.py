"""Bulk sends, per recipient: which entries were sent, which to retry, which to drop.

SES answers a bulk send with HTTP 200 and a status per destination (v1
``SendBulkTemplatedEmail``) or per entry (v2 ``SendBulkEmail``). ``bulk_outcomes`` reads either
botocore response dict, ``bulk_outcomes_from_xml`` the raw v1 body; each failed entry gets the
SES error of its status, with the same decision as the API error of that meaning, and the
result groups the entries by what to do with them::

    result = ses_errors.bulk.bulk_outcomes(client.send_bulk_email(**request), request=request)
    resend = [entries[o.index] for o in result.to_retry]
    tomorrow = [entries[o.index] for o in result.to_defer]  # the daily quota
    for o in (*result.to_fix, *result.to_drop):
        log.warning("not sent to %s: %s", ", ".join(o.recipients), o.error)

Given the ``request`` it answered, each outcome names its destination's addresses. An entry SES
refused for one recipient (an address that is not well formed, one on the suppression list) is
dropped with the other drops; its error's ``scope`` is ``RECIPIENT``, and the rest still go.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import attrs

from ses_errors._base import build
from ses_errors._botocore import as_mapping
from ses_errors._parse import (
    MAX_BODY_BYTES,
    SES_NAMESPACE,
    ResponseParseError,
    hardened_root,
)
from ses_errors._recipients import bulk_destinations
from ses_errors._table import BULK_STATUSES, Action
from ses_errors._wire import MAX_CODE_CHARS, MAX_REQUEST_ID_CHARS, stripped_text, wire_facts

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ses_errors._base import SESError

__all__ = [
    "MAX_BULK_BODY_BYTES",
    "MAX_BULK_ENTRIES",
    "BulkOutcome",
    "BulkResult",
    "bulk_outcomes",
    "bulk_outcomes_from_xml",
]

#: SES takes at most 50 destinations (v1) or entries (v2) in one bulk send, and answers with
#: one status each.
MAX_BULK_ENTRIES = 50
#: Room for 50 entries that each carry an error text of the longest kept length, and the
#: envelope; a larger body is refused before it is parsed, so parsing stays proportional.
MAX_BULK_BODY_BYTES = 4 * MAX_BODY_BYTES

_SENT = "sent"  # the target of the statuses that mean the entry was sent
_TARGET_BY_STATUS: dict[str, str] = {}
for _row in BULK_STATUSES:
    for _spelling in (_row.v1, _row.v2):
        _TARGET_BY_STATUS[_spelling] = _SENT if _row.target is None else _row.target


@attrs.frozen
class BulkOutcome:
    """What happened to one destination (v1) or entry (v2), in the request's order."""

    index: int
    status: str
    message_id: str | None = None
    error: SESError | None = None
    # The destination's To, Cc and Bcc addresses, when the request was given.
    recipients: tuple[str, ...] = ()

    @property
    def is_sent(self) -> bool:
        """Whether SES accepted this entry."""
        return self.error is None

    @property
    def action(self) -> Action | None:
        """What to do with this entry, by its error's decision; None once it was sent."""
        return None if self.error is None else self.error.action


@attrs.frozen
class BulkResult:
    """Every entry's outcome, and the groups a sender acts on: one per action, and the sent."""

    outcomes: tuple[BulkOutcome, ...]
    request_id: str | None = None

    @property
    def sent(self) -> tuple[BulkOutcome, ...]:
        """The entries SES accepted."""
        return tuple(o for o in self.outcomes if o.is_sent)

    @property
    def to_retry(self) -> tuple[BulkOutcome, ...]:
        """The entries to send again after the wait (throttled, SES-side failures)."""
        return self._with(Action.RETRY)

    @property
    def to_defer(self) -> tuple[BulkOutcome, ...]:
        """The entries to keep and send once the condition lifts (the daily quota)."""
        return self._with(Action.DEFER)

    @property
    def to_fix(self) -> tuple[BulkOutcome, ...]:
        """The entries to keep until a person fixes the setup (an unverified sender, ...)."""
        return self._with(Action.FIX)

    @property
    def to_drop(self) -> tuple[BulkOutcome, ...]:
        """The entries that can never be sent as they are (a rejected message, ...)."""
        return self._with(Action.DROP)

    def _with(self, action: Action) -> tuple[BulkOutcome, ...]:
        return tuple(o for o in self.outcomes if o.action is action)


def bulk_outcomes(
    response: Mapping[str, Any], *, request: Mapping[str, Any] | None = None
) -> BulkResult:
    """Read a botocore response of ``SendBulkTemplatedEmail`` (v1) or ``SendBulkEmail`` (v2).

    ``request``, the parameters the response answers, names each outcome's recipients.
    Raises ValueError for a response that is neither, or that holds more entries than SES's
    50 destinations.
    """
    response = as_mapping(response)
    if "BulkEmailEntryResults" in response:  # v2
        entries: object = response["BulkEmailEntryResults"]
    elif "Status" in response:  # v1
        entries = response["Status"]
    else:
        msg = "not a bulk-send response: it has neither Status nor BulkEmailEntryResults"
        raise ValueError(msg)
    if not isinstance(entries, list | tuple):
        msg = "not a bulk-send response: its entries are not a list"
        raise ValueError(msg)  # noqa: TRY004 - wrong content of a response, not a wrong argument
    count = len(cast("list[object]", entries))
    if count > MAX_BULK_ENTRIES:
        msg = f"a bulk-send response has at most {MAX_BULK_ENTRIES} entries, not {count}"
        raise ValueError(msg)
    meta = as_mapping(response.get("ResponseMetadata"))
    rows = (
        (e.get("Status"), e.get("Error"), e.get("MessageId"))
        for e in map(as_mapping, cast("Iterable[object]", entries))
    )
    return _result(rows, meta.get("RequestId"), request)


def bulk_outcomes_from_xml(
    body: bytes | str,
    *,
    max_bytes: int = MAX_BULK_BODY_BYTES,
    request: Mapping[str, Any] | None = None,
) -> BulkResult:
    """Read the raw v1 ``SendBulkTemplatedEmail`` response body (HTTP 200) with the guarded parser.

    ``request``, the parameters the body answers, names each outcome's recipients. The cap is
    larger than for an error body, since a bulk send has up to 50 destinations.
    Raises ``ResponseParseError`` for a body that is unsafe, unreadable or another document
    (``not-a-bulk-response``), or that holds more than 50 entries (``too-many-entries``).
    """
    root = hardened_root(body, max_bytes=max_bytes)
    ns = {"ses": SES_NAMESPACE}
    if root.tag != f"{{{SES_NAMESPACE}}}SendBulkTemplatedEmailResponse":
        raise ResponseParseError("not-a-bulk-response", len(body))
    members = root.iterfind("ses:SendBulkTemplatedEmailResult/ses:Status/ses:member", ns)
    rows: list[tuple[object, object, object]] = []
    for member in members:  # counted as read, so that a body of many members stops early
        if len(rows) == MAX_BULK_ENTRIES:
            raise ResponseParseError("too-many-entries", len(body))
        rows.append(
            (
                member.findtext("ses:Status", None, ns),
                member.findtext("ses:Error", None, ns),
                member.findtext("ses:MessageId", None, ns),
            )
        )
    return _result(rows, root.findtext("ses:ResponseMetadata/ses:RequestId", None, ns), request)


def _result(
    rows: Iterable[tuple[object, object, object]],
    request_id: object,
    request: Mapping[str, Any] | None,
) -> BulkResult:
    request_text = stripped_text(request_id, MAX_REQUEST_ID_CHARS)
    destinations = bulk_destinations(request)
    outcomes = tuple(
        _outcome(
            index, *row, request_text, destinations[index] if index < len(destinations) else ()
        )
        for index, row in enumerate(rows)
    )
    return BulkResult(outcomes, request_text)


def _outcome(  # noqa: PLR0913, PLR0917 - an entry's read fields, then what the request adds
    index: int,
    raw_status: object,
    message: object,
    raw_message_id: object,
    request_id: str | None,
    recipients: tuple[str, ...],
) -> BulkOutcome:
    status = stripped_text(raw_status, MAX_CODE_CHARS)
    # An id SES minted is far shorter; a longer one came from a hostile or broken body.
    message_id = stripped_text(raw_message_id, MAX_REQUEST_ID_CHARS)
    if status is None:
        # An entry with a message id and no status was sent (moto, for one, leaves Status out).
        status = "Success" if message_id else ""
    target = _TARGET_BY_STATUS.get(status, "SESError")  # an unknown status is a failure
    if target == _SENT:
        return BulkOutcome(index, status, message_id, recipients=recipients)
    # The entry's status is the code SES sent; the status of the whole response was 200, so
    # the class's documented status stands in for the entry's.
    facts = wire_facts(status, message, request_id=request_id)
    return BulkOutcome(index, status, message_id, build(facts, named=target), recipients)
