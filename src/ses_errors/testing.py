"""Helpers for your own tests: render an SES error as the server would send it.

``render_xml`` gives the SES v1 (Query API) error body, ``render_json`` the SES v2 body and
headers, ``client_error`` the botocore ``ClientError`` a client would raise, and
``stubber_error`` the arguments of botocore's ``Stubber.add_client_error``. What is read back
equals the original field by field (a fault only when one is set; SES v2's JSON carries none)::

    error = ses_errors.DailyQuotaExceeded("Daily message quota exceeded.", "Throttling")
    body = ses_errors.testing.render_xml(error)
    assert ses_errors.parse_error(body, http_status=400).to_dict() == error.to_dict()
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ses_errors._parse import SES_NAMESPACE

if TYPE_CHECKING:
    from ses_errors._base import SESError

__all__ = ["client_error", "render_json", "render_xml", "stubber_error"]


def _code_of(error: SESError) -> str:
    if error.code is None:
        msg = f"{type(error).__name__} has no code: SES never sends a code-less error body"
        raise ValueError(msg)
    return error.code


def _error_members(error: SESError) -> dict[str, str]:
    """Return what SES puts in ``<Error>`` (and botocore in ``response["Error"]``).

    ``Type`` only when the error has a fault: SES's own bodies always carry one, and an error
    without one must read back without one.
    """
    fault = {"Type": error.fault} if error.fault is not None else {}
    return {**fault, "Code": _code_of(error), "Message": error.message, **error.details}


def render_xml(error: SESError) -> bytes:
    """Return the SES v1 Query API error body for ``error``, as SES would send it."""
    from lxml import etree  # noqa: PLC0415 - lxml is loaded on first use, as for parsing

    root = etree.Element(f"{{{SES_NAMESPACE}}}ErrorResponse", nsmap={None: SES_NAMESPACE})
    element = etree.SubElement(root, f"{{{SES_NAMESPACE}}}Error")
    for name, value in _error_members(error).items():
        etree.SubElement(element, f"{{{SES_NAMESPACE}}}{name}").text = value
    if error.request_id is not None:
        etree.SubElement(root, f"{{{SES_NAMESPACE}}}RequestId").text = error.request_id
    return etree.tostring(root, encoding="utf-8")


def render_json(error: SESError) -> tuple[bytes, dict[str, str]]:
    """Return the SES v2 error body and headers for ``error``, as SES v2 would send them."""
    headers = {
        "Content-Type": "application/json",
        "x-amzn-ErrorType": f"{_code_of(error)}:http://internal.amazon.com/coral/com.amazonaws.sesv2/",
    }
    if error.request_id is not None:
        headers["x-amzn-RequestId"] = error.request_id
    body = json.dumps({"message": error.message, **error.details}).encode()
    return body, headers


def client_error(error: SESError, operation_name: str = "SendEmail") -> Exception:
    """Return the botocore ``ClientError`` a client raises for ``error`` (botocore needed).

    Its operation is the error's, else ``operation_name``; its retry count is there only when
    the error has ``attempts``.
    """
    from botocore.exceptions import ClientError  # noqa: PLC0415 - an optional dependency

    meta: dict[str, Any] = {"HTTPStatusCode": error.http_status, "HTTPHeaders": {}}
    if error.request_id is not None:
        meta["RequestId"] = error.request_id
    if error.attempts is not None:
        meta["RetryAttempts"] = error.attempts - 1
    response: Any = {"Error": _error_members(error), "ResponseMetadata": meta}
    return ClientError(response, error.operation or operation_name)


def stubber_error(error: SESError) -> dict[str, Any]:
    """Return keyword arguments for ``Stubber.add_client_error(method, **kwargs)``.

    The fault and the extra members go in ``service_error_meta``, where botocore's Query
    parser would have put them.
    """
    extra = {
        key: value for key, value in _error_members(error).items() if key not in {"Code", "Message"}
    }
    return {
        "service_error_code": _code_of(error),
        "service_message": error.message,
        "http_status_code": error.http_status,
        "service_error_meta": extra,
        "response_meta": {"RequestId": error.request_id or ""},
    }
