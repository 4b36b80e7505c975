"""The recipients a send request names, read from botocore's request parameters.

SES counts recipients, not calls, and judges some errors for one destination: reading them is
one job, shared by the bulk results (which destination an outcome is) and the fleet gate.
Every reader takes the parameters as a caller passed them and never raises on their shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from ses_errors._botocore import as_mapping

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

# The address lists of a Destination, in SES's order.
ADDRESS_FIELDS = ("ToAddresses", "CcAddresses", "BccAddresses")


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
