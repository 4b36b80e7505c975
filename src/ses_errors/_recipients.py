"""The recipients a send request names, read from botocore's request parameters.

SES counts recipients, not calls, and judges some errors for one destination: reading them is
one job, shared by the bulk results (which destination an outcome is) and the fleet gate.
Every reader takes the parameters as a caller passed them and never raises on their shape.
"""

from __future__ import annotations

import email.parser
import email.policy
import email.utils
from typing import TYPE_CHECKING, Any, cast

from ses_errors._botocore import as_mapping
from ses_errors._wire import as_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

# The address lists of a Destination, in SES's order.
ADDRESS_FIELDS = ("ToAddresses", "CcAddresses", "BccAddresses")
# The headers of a raw message that name its recipients when the request names none.
RAW_RECIPIENT_HEADERS = ("To", "Cc", "Bcc")
# Only a raw message's header section is read, and only this much of the message for it.
MAX_RAW_HEADER_BYTES = 256 * 1024
# The operations that send one message to the one address the request names.
_ONE_RECIPIENT = frozenset({"SendBounce", "SendCustomVerificationEmail"})


def recipients_of(operation_name: str, params: Mapping[str, Any]) -> int:
    """Return how many recipients SES counts for one call of a send operation; 0 for another.

    SES counts recipients, not calls, against the send rate and the quota. This counts them
    from the call's parameters as botocore takes them: v1 ``SendEmail`` and
    ``SendTemplatedEmail`` (the Destination's To, Cc and Bcc), ``SendRawEmail`` (its
    ``Destinations``, else the raw message's To, Cc and Bcc headers), ``SendBulkTemplatedEmail``
    (every destination), v2 ``SendEmail`` (the Destination, else the raw message) and
    ``SendBulkEmail`` (every entry); ``SendBounce`` and ``SendCustomVerificationEmail`` send to
    one address. A send the parameters name no recipient of counts as 1 (SES refuses it, but
    the call is made); parameters of any other shape never raise.
    """
    if operation_name in _ONE_RECIPIENT:
        return 1
    fields = as_mapping(params)
    if operation_name in {"SendBulkTemplatedEmail", "SendBulkEmail"}:
        return max(1, sum(map(len, bulk_destinations(fields))))
    if operation_name not in {"SendEmail", "SendTemplatedEmail", "SendRawEmail"}:
        return 0
    listed = [a for a in _listed(fields.get("Destinations")) if isinstance(a, str)]
    count = len(listed) or len(destination_addresses(fields.get("Destination")))
    if not count:
        raw = as_mapping(fields.get("RawMessage")) or as_mapping(
            as_mapping(fields.get("Content")).get("Raw")
        )
        count = len(raw_recipients(raw.get("Data")))
    return max(1, count)


def raw_recipients(data: object) -> tuple[str, ...]:
    """Return the addresses a raw message's To, Cc and Bcc headers name (() for no message)."""
    text = as_text(data[:MAX_RAW_HEADER_BYTES] if isinstance(data, bytes | str) else None)
    if not text:
        return ()
    headers = email.parser.HeaderParser(policy=email.policy.compat32).parsestr(
        text, headersonly=True
    )
    values = [str(value) for name in RAW_RECIPIENT_HEADERS for value in headers.get_all(name, [])]
    return tuple(address for _, address in email.utils.getaddresses(values) if address)


def destination_addresses(destination: object) -> tuple[str, ...]:
    """Return the To, Cc and Bcc addresses of one ``Destination`` mapping, in that order.

    Anything that is not a mapping, or a list member that is not a str, counts for nothing.
    """
    fields = as_mapping(destination)
    return tuple(
        address
        for field in ADDRESS_FIELDS
        for address in _listed(fields.get(field))
        if isinstance(address, str)
    )


def bulk_destinations(params: Mapping[str, Any] | None) -> tuple[tuple[str, ...], ...]:
    """Return the addresses of each entry of a bulk send's parameters, in the request's order.

    That is each member of v1 ``SendBulkTemplatedEmail``'s ``Destinations`` or v2
    ``SendBulkEmail``'s ``BulkEmailEntries``; () for parameters of neither shape.
    """
    fields = as_mapping(params)
    entries = fields.get("BulkEmailEntries", fields.get("Destinations"))
    return tuple(
        destination_addresses(as_mapping(entry).get("Destination")) for entry in _listed(entries)
    )


def _listed(value: object) -> Iterable[object]:
    return cast("Iterable[object]", value) if isinstance(value, list | tuple) else ()
