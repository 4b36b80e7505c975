"""Bulk sends, per recipient: which entries were sent, which to retry, which to drop.

SES answers a bulk send with HTTP 200 and a status per destination (v1
``SendBulkTemplatedEmail``) or per entry (v2 ``SendBulkEmail``). ``bulk_outcomes`` reads either
botocore response dict, ``bulk_outcomes_from_xml`` the raw v1 body; each failed entry gets the
SES error of its status, with the same retry decision as the API error of that meaning::

    result = ses_errors.bulk.bulk_outcomes(client.send_bulk_email(**request))
    resend = [entries[o.index] for o in result.to_retry]
    for o in result.to_drop:
        log.warning("dropped %s: %s", entries[o.index], o.error)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from ses_errors._base import SESError, class_for_code, class_for_name
from ses_errors._botocore import as_mapping
from ses_errors._parse import (
    MAX_BODY_BYTES,
    MAX_CODE_CHARS,
    MAX_MESSAGE_CHARS,
    MAX_REQUEST_ID_CHARS,
    SES_NAMESPACE,
    ResponseParseError,
    bounded_text,
    hardened_root,
)
from ses_errors._table import BULK_STATUSES

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

_SENT = object()  # the target of the statuses that mean the entry was sent
_TARGET_BY_STATUS: dict[str, object] = {}
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

    @property
    def sent(self) -> bool:
        """Whether SES accepted this entry."""
        return self.error is None

    @property
    def retry(self) -> bool:
        """Whether to send this entry again later (its error is retryable)."""
        return self.error is not None and self.error.is_retryable

    @property
    def drop(self) -> bool:
        """Whether to give this entry up: it failed, and retrying cannot help."""
        return self.error is not None and not self.error.is_retryable


@attrs.frozen
class BulkResult:
    """Every entry's outcome, and the three groups a sender acts on."""

    outcomes: tuple[BulkOutcome, ...]
    request_id: str | None = None

    @property
    def sent(self) -> tuple[BulkOutcome, ...]:
        """The entries SES accepted."""
        return tuple(o for o in self.outcomes if o.sent)

    @property
    def to_retry(self) -> tuple[BulkOutcome, ...]:
        """The entries to send again later, on the retry schedule."""
        return tuple(o for o in self.outcomes if o.retry)

    @property
    def to_drop(self) -> tuple[BulkOutcome, ...]:
        """The entries that failed for good."""
        return tuple(o for o in self.outcomes if o.drop)


def bulk_outcomes(response: Mapping[str, Any]) -> BulkResult:
    """Read a botocore response of ``SendBulkTemplatedEmail`` (v1) or ``SendBulkEmail`` (v2)."""
    if "BulkEmailEntryResults" in response:  # v2
        entries = response["BulkEmailEntryResults"]
    elif "Status" in response:  # v1
        entries = response["Status"]
    else:
        msg = "not a bulk-send response: it has neither Status nor BulkEmailEntryResults"
        raise ValueError(msg)
    meta = as_mapping(response.get("ResponseMetadata"))
    rows = (
        (_str(e.get("Status")), _str(e.get("Error")), _str(e.get("MessageId")))
        for e in map(as_mapping, entries)
    )
    return _result(rows, _str(meta.get("RequestId")))


def bulk_outcomes_from_xml(
    body: bytes | str, *, max_bytes: int = MAX_BODY_BYTES * 16
) -> BulkResult:
    """Read the raw v1 ``SendBulkTemplatedEmail`` response body (HTTP 200) with the guarded parser.

    The cap is larger than for an error body, since a bulk send has up to 50 destinations.
    Raises ``ResponseParseError`` for a body that is unsafe, unreadable or another document.
    """
    root = hardened_root(body, max_bytes=max_bytes)
    ns = {"ses": SES_NAMESPACE}
    if root.tag != f"{{{SES_NAMESPACE}}}SendBulkTemplatedEmailResponse":
        raise ResponseParseError("not-a-bulk-response", len(body))
    members = root.iterfind("ses:SendBulkTemplatedEmailResult/ses:Status/ses:member", ns)
    rows = (
        (
            member.findtext("ses:Status", None, ns),
            member.findtext("ses:Error", None, ns),
            member.findtext("ses:MessageId", None, ns),
        )
        for member in members
    )
    request_id = root.findtext("ses:ResponseMetadata/ses:RequestId", None, ns)
    return _result(rows, request_id)


def _result(
    rows: Iterable[tuple[str | None, str | None, str | None]], request_id: str | None
) -> BulkResult:
    request_id = bounded_text(request_id, MAX_REQUEST_ID_CHARS) if request_id else None
    # An entry with a message id and no status was sent (moto, for one, leaves Status out).
    outcomes = tuple(
        _outcome(index, status or ("Success" if message_id else ""), error, message_id, request_id)
        for index, (status, error, message_id) in enumerate(rows)
    )
    return BulkResult(outcomes, request_id)


def _outcome(
    index: int, status: str, message: str | None, message_id: str | None, request_id: str | None
) -> BulkOutcome:
    status = bounded_text(status, MAX_CODE_CHARS)
    # An id SES minted is far shorter; a longer one came from a hostile or broken body.
    message_id = bounded_text(message_id, MAX_REQUEST_ID_CHARS) if message_id else message_id
    target = _TARGET_BY_STATUS.get(status, "SESError")  # an unknown status is a failure
    if target is _SENT:
        return BulkOutcome(index, status, message_id)
    text = bounded_text(message or "", MAX_MESSAGE_CHARS)
    cls = class_for_code(str(target), text)
    if cls is SESError:  # a case, a family or SESError itself, by class name
        cls = class_for_name(str(target)) or SESError
    # The entry's status is the code SES sent; the status of the whole response was 200, so
    # the class's documented status stands in for the entry's.
    error = cls(text, status, cls.http_status, request_id)
    return BulkOutcome(index, status, message_id, error)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None
