"""Raw HTTPS-style calls to moto's server with requests, httpx and aiohttp, read by duck typing."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import ses_errors

# moto checks only that a request is signed for SES, not the signature itself.
AUTH = {
    "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/ses/aws4_request, "
    "SignedHeaders=host, Signature=0"
}
UNVERIFIED_SEND = {
    "Action": "SendEmail",
    "Source": "a@unverified.example",
    "Destination.ToAddresses.member.1": "to@example.com",
    "Message.Subject.Data": "s",
    "Message.Body.Text.Data": "b",
}
V2_MISSING_IDENTITY = "/v2/email/identities/missing@example.com"


def _check_v1(error: ses_errors.SESError) -> None:
    # moto's "Email address not verified ..." decides as SES's own wording does.
    assert type(error) is ses_errors.AddressNotVerified
    assert (error.code, error.http_status, error.fault) == ("MessageRejected", 400, "Sender")
    assert error.request_id


def _check_v2(error: ses_errors.SESError) -> None:
    assert type(error) is ses_errors.NotFoundException
    assert (error.code, error.http_status) == ("NotFoundException", 404)
    assert error.message == "missing@example.com"
    assert error.request_id  # from the x-amzn-RequestId header


def test_requests_v1_and_v2(moto_url: str) -> None:
    """Requests' responses to the Query API and the v2 API give the typed errors."""
    requests = pytest.importorskip("requests")
    v1 = requests.post(moto_url, data=UNVERIFIED_SEND, headers=AUTH, timeout=10)
    _check_v1(ses_errors.http.from_response(v1))
    with pytest.raises(ses_errors.MessageRejected):
        ses_errors.http.raise_for_ses(v1)
    v2 = requests.get(moto_url + V2_MISSING_IDENTITY, headers=AUTH, timeout=10)
    _check_v2(ses_errors.http.from_response(v2))


def test_requests_success_is_not_an_error(moto_url: str) -> None:
    """raise_for_ses does nothing for a 2xx response; from_response refuses one."""
    requests = pytest.importorskip("requests")
    ok = requests.post(moto_url, data={"Action": "GetSendQuota"}, headers=AUTH, timeout=10)
    assert ok.status_code == 200
    ses_errors.http.raise_for_ses(ok)
    with pytest.raises(ValueError, match="not an error response"):
        ses_errors.http.from_response(ok)


def test_httpx_sync_and_async(moto_url: str) -> None:
    """Httpx's sync and async responses give the typed errors."""
    httpx = pytest.importorskip("httpx")
    _check_v1(
        ses_errors.http.from_response(httpx.post(moto_url, data=UNVERIFIED_SEND, headers=AUTH))
    )

    async def run() -> ses_errors.SESError:
        async with httpx.AsyncClient() as client:
            response = await client.get(moto_url + V2_MISSING_IDENTITY, headers=AUTH)
            with pytest.raises(ses_errors.NotFoundException):
                await ses_errors.http.araise_for_ses(response)
            return await ses_errors.http.afrom_response(response)

    _check_v2(asyncio.run(run()))


def test_aiohttp(moto_url: str) -> None:
    """Aiohttp's responses (status, read()) give the typed errors."""
    aiohttp = pytest.importorskip("aiohttp")

    async def run() -> tuple[ses_errors.SESError, ses_errors.SESError]:
        async with aiohttp.ClientSession() as session:
            async with session.post(moto_url, data=UNVERIFIED_SEND, headers=AUTH) as v1:
                first = await ses_errors.http.afrom_response(v1)
            async with session.get(moto_url + V2_MISSING_IDENTITY, headers=AUTH) as v2:
                second = await ses_errors.http.afrom_response(v2)
        return first, second

    v1_error, v2_error = asyncio.run(run())
    _check_v1(v1_error)
    _check_v2(v2_error)


def test_async_helper_refuses_what_is_not_a_response() -> None:
    """afrom_response raises TypeError for an object with no status or body reader."""
    with pytest.raises(TypeError, match="aiohttp or httpx response"):
        asyncio.run(ses_errors.http.afrom_response(object()))


class _ProxyPage:
    """A response a proxy made: an HTML 502 page (the shape requests and httpx share)."""

    status_code = 502
    headers: dict[str, Any] = {"Content-Type": "text/html", "x-amzn-RequestId": "r-1"}  # noqa: RUF012
    content = b"<html><body><h1>502 Bad Gateway</h1></body></html>"


def test_unreadable_body_still_gives_the_status_error() -> None:
    """An HTML error page gives the status's family class, with the request id header kept."""
    error = ses_errors.http.from_response(_ProxyPage())
    assert type(error) is ses_errors.ServerSideError
    assert (error.code, error.http_status, error.request_id) == (None, 502, "r-1")
