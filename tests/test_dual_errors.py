"""Dual errors: a patched client's error is both its SES class and the ClientError it replaces."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
from typing import Any

import pytest

import ses_errors
from conftest import CLIENT_KWARGS
from ses_errors import testing

boto3 = pytest.importorskip("boto3")
botocore_config = pytest.importorskip("botocore.config")
ClientError = pytest.importorskip("botocore.exceptions").ClientError

NO_RETRIES = botocore_config.Config(retries={"total_max_attempts": 1})
UNVERIFIED_SEND = {
    "Source": "unverified@example.com",
    "Destination": {"ToAddresses": ["to@example.com"]},
    "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}},
}


def _ses(url: str, *, as_client_error: bool = True) -> Any:
    client = boto3.client("ses", endpoint_url=url, config=NO_RETRIES, **CLIENT_KWARGS)
    return ses_errors.patch_client(client, as_client_error=as_client_error)


def _rejected(client: Any) -> Any:
    with pytest.raises(ses_errors.SESError) as caught:
        client.send_email(**UNVERIFIED_SEND)
    return caught.value


def test_old_client_error_handlers_still_catch_a_patched_clients_error(moto_url: str) -> None:
    """Old handlers (ClientError, response["Error"]["Code"], client.exceptions.X) still work."""
    client = _ses(moto_url)
    with pytest.raises(ClientError) as old_style:
        client.send_email(**UNVERIFIED_SEND)
    assert old_style.value.response["Error"]["Code"] == "MessageRejected"
    assert old_style.value.operation_name == "SendEmail"
    with pytest.raises(client.exceptions.MessageRejected):
        client.send_email(**UNVERIFIED_SEND)
    with pytest.raises(ses_errors.MessageRejected) as new_style:
        client.send_email(**UNVERIFIED_SEND)
    assert new_style.value.attempts == 1
    assert new_style.value.__cause__ is None  # it is the ClientError: no second one behind it


def test_without_the_client_error_side_the_ses_class_is_raised_alone(moto_url: str) -> None:
    """patch_client(as_client_error=False) raises the SES class, the ClientError as its cause."""
    error = _rejected(_ses(moto_url, as_client_error=False))
    assert type(error) is ses_errors.AddressNotVerified  # moto's wording of SES's case
    assert not isinstance(error, ClientError)
    assert isinstance(error.__cause__, ClientError)


def test_the_last_patching_decides_the_client_error_side(moto_url: str) -> None:
    """Patching again with the other choice switches it; the error is raised once either way."""
    client = _ses(moto_url, as_client_error=False)
    ses_errors.patch_client(client)
    assert isinstance(_rejected(client), ClientError)
    ses_errors.patch_client(client, as_client_error=False)
    assert not isinstance(_rejected(client), ClientError)


def test_a_dual_error_pickles_as_both_and_keeps_every_field(moto_url: str) -> None:
    """Pickle and copy keep the SES class, the ClientError side, response and every field."""
    error = _rejected(_ses(moto_url))
    for clone in (
        pickle.loads(pickle.dumps(error)),  # noqa: S301 - our own bytes
        copy.copy(error),
        copy.deepcopy(error),
    ):
        assert isinstance(clone, ses_errors.MessageRejected)
        assert isinstance(clone, ClientError)
        assert clone.to_dict() == error.to_dict()
        assert clone.response == error.response
        assert clone.operation_name == "SendEmail"
        assert str(clone) == str(error)


def test_a_dual_error_unpickles_as_both_in_a_fresh_process(moto_url: str) -> None:
    """Another interpreter, which never made the dual class, unpickles the same error."""
    error = _rejected(_ses(moto_url))
    code = (
        "import pickle, sys, ses_errors; from botocore.exceptions import ClientError; "
        "e = pickle.loads(sys.stdin.buffer.read()); "
        "print(isinstance(e, ses_errors.MessageRejected), isinstance(e, ClientError), "
        "e.response['Error']['Code'], e.operation_name, e.request_id)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], input=pickle.dumps(error), capture_output=True, check=True
    )
    expected = f"True True MessageRejected SendEmail {error.request_id}"
    assert result.stdout.decode().split() == expected.split()


def test_typed_errors_raises_a_dual_of_the_clients_own_class(moto_url: str) -> None:
    """typed_errors() raises the SES class that is also the modeled ClientError, its cause."""
    client = boto3.client("ses", endpoint_url=moto_url, config=NO_RETRIES, **CLIENT_KWARGS)
    with pytest.raises(client.exceptions.MessageRejected) as caught, ses_errors.typed_errors():
        client.send_email(**UNVERIFIED_SEND)
    assert isinstance(caught.value, ses_errors.MessageRejected)
    dual: Any = caught.value
    assert isinstance(dual.__cause__, client.exceptions.MessageRejected)
    assert dual.response == dual.__cause__.response
    with (
        pytest.raises(ses_errors.MessageRejected) as plain,
        ses_errors.typed_errors(as_client_error=False),
    ):
        client.send_email(**UNVERIFIED_SEND)
    assert not isinstance(plain.value, ClientError)


def test_typed_errors_leaves_a_patched_clients_error_as_it_is(moto_url: str) -> None:
    """Inside typed_errors(), a patched client's dual error is raised unchanged, not again."""
    client = _ses(moto_url)
    with pytest.raises(ses_errors.MessageRejected) as caught, ses_errors.typed_errors():
        client.send_email(**UNVERIFIED_SEND)
    assert caught.value.__cause__ is None
    assert caught.value.attempts == 1


def test_from_client_error_gives_the_client_error_side_on_request() -> None:
    """from_client_error is the SES class alone unless asked; asked, it keeps exc's class."""
    raw = testing.client_error(ses_errors.MessageRejected("a reason"))
    plain = ses_errors.from_client_error(raw)
    assert type(plain) is ses_errors.MessageRejected
    dual = ses_errors.from_client_error(raw, as_client_error=True)
    assert isinstance(dual, ses_errors.MessageRejected)
    assert isinstance(dual, ClientError)
    again = ses_errors.from_client_error(dual, as_client_error=True)
    assert type(again) is type(dual)  # a dual of a dual is the same dual class
    assert again.to_dict() == dual.to_dict() == plain.to_dict()


def test_a_message_case_keeps_its_class_on_both_sides() -> None:
    """A daily-quota Throttling is a DailyQuotaExceeded and a ClientError, pickled or not."""
    raw = testing.client_error(ses_errors.Throttling("Daily message quota exceeded."))
    dual = ses_errors.from_client_error(raw, as_client_error=True)
    clone = pickle.loads(pickle.dumps(dual))  # noqa: S301 - our own bytes
    for error in (dual, clone):
        assert isinstance(error, ses_errors.DailyQuotaExceeded)
        assert isinstance(error, ClientError)
        assert not error.is_retryable
