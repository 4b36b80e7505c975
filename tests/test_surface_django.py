"""Real Django sends through django-anymail's Amazon SES backend and django-ses, on loopback."""

from __future__ import annotations

import json
from typing import Any

import pytest

import ses_errors
from conftest import CLIENT_KWARGS, DJANGO_SENDER, configure_django
from ses_errors import retry
from ses_errors.integrations import stamina as stamina_hooks

django = pytest.importorskip("django")
pytest.importorskip("anymail")
pytest.importorskip("django_ses")

from django.conf import settings  # noqa: E402 - only once Django is known to be installed
from django.core.mail import EmailMessage  # noqa: E402

UNVERIFIED = DJANGO_SENDER


@pytest.fixture(scope="module", autouse=True)
def _django() -> None:
    """Configure Django once, with no project: the backends get everything as arguments."""
    configure_django()


def _anymail(endpoint_url: str, backend: type[Any] | None = None, **kwargs: Any) -> Any:
    """Return anymail's Amazon SES backend (or ``backend``, a subclass) for ``endpoint_url``.

    The backend is made directly, not through ``get_connection``, which Django 6.1 deprecates.
    """
    if backend is None:
        import anymail.backends.amazon_ses  # noqa: PLC0415 - skipped above when not installed

        backend = anymail.backends.amazon_ses.EmailBackend
    return backend(
        client_params={
            "endpoint_url": endpoint_url,
            "config": {"retries": {"total_max_attempts": 1}},
            "aws_access_key_id": CLIENT_KWARGS["aws_access_key_id"],
            "aws_secret_access_key": CLIENT_KWARGS["aws_secret_access_key"],
            "region_name": CLIENT_KWARGS["region_name"],
        },
        **kwargs,
    )


def _django_ses(endpoint_url: str, backend: type[Any] | None = None) -> Any:
    if backend is None:
        import django_ses  # noqa: PLC0415 - skipped above when not installed

        backend = django_ses.SESBackend
    return backend(
        aws_access_key=CLIENT_KWARGS["aws_access_key_id"],
        aws_secret_key=CLIENT_KWARGS["aws_secret_access_key"],
        aws_region_name=CLIENT_KWARGS["region_name"],
        aws_region_endpoint=endpoint_url,
    )


def _send(backend: Any, sender: str = UNVERIFIED) -> int:
    """Send one message through ``backend`` as Django's ``EmailMessage.send()`` does.

    The backend is handed the message directly: Django 6.1 deprecates both ``get_connection``
    and ``EmailMessage(connection=...)`` in favour of configured mailers.
    """
    sent: int = backend.send_messages([EmailMessage("Subject", "Body", sender, ["to@example.com"])])
    return sent


def test_an_anymail_send_refused_by_ses_is_the_ses_class(moto_url: str) -> None:
    """An AnymailAPIError stands for the MessageRejected it was raised from."""
    with pytest.raises(Exception) as caught:  # noqa: PT011 - anymail's own error, checked below
        _send(_anymail(moto_url))
    assert type(caught.value).__name__ == "AnymailAPIError"
    error = ses_errors.as_ses_error(caught.value)
    assert isinstance(error, ses_errors.MessageRejected)
    assert error.operation == "SendEmail"
    assert not ses_errors.is_retryable(caught.value)


def test_an_anymail_send_that_is_throttled_is_retried_by_the_hooks(
    fake_ses: tuple[int, dict[str, Any]],
) -> None:
    """A throttled send through anymail is retryable for call, stamina, tenacity and Celery."""
    port, state = fake_ses
    state["response"] = (
        429,
        "application/json",
        json.dumps({"message": "Maximum sending rate exceeded."}).encode(),
        {"x-amzn-ErrorType": "TooManyRequestsException:http://internal.amazon.com/coral/sesv2/"},
    )
    with pytest.raises(Exception) as caught:  # noqa: PT011 - anymail's own error
        _send(_anymail(f"http://127.0.0.1:{port}"))
    wrapper = caught.value
    assert type(wrapper).__name__ == "AnymailAPIError"
    assert type(ses_errors.as_ses_error(wrapper)) is ses_errors.MaxSendRateExceeded
    assert ses_errors.is_retryable(wrapper)
    assert retry.wait_for(wrapper, 1) == 5.0
    assert stamina_hooks.stamina_on(wrapper) == 5.0


# Anymail warns that it will drop fail_silently after Django 6.2; the behaviour is what counts.
@pytest.mark.filterwarnings("ignore:Anymail will drop support for fail_silently:DeprecationWarning")
def test_anymail_fail_silently_still_swallows_the_error(moto_url: str) -> None:
    """With fail_silently=True anymail reports 0 sent and raises nothing, as before."""
    assert _send(_anymail(moto_url, fail_silently=True)) == 0


def test_a_django_ses_send_refused_by_ses_raises_the_ses_class(moto_url: str) -> None:
    """Inside typed_errors(), a django-ses send SES refuses raises ses_errors.MessageRejected."""
    with pytest.raises(ses_errors.MessageRejected) as caught, ses_errors.typed_errors():
        _send(_django_ses(moto_url))
    assert caught.value.request_id
    assert type(caught.value.__cause__).__name__ == "MessageRejected"  # botocore's, as the cause


def test_a_django_ses_send_that_succeeds_sends(moto_url: str) -> None:
    """Once the sender is verified, the same django-ses send goes through: the setup is real."""
    boto3 = pytest.importorskip("boto3")
    boto3.client("ses", endpoint_url=moto_url, **CLIENT_KWARGS).verify_email_identity(
        EmailAddress="verified@example.com"
    )
    assert _send(_django_ses(moto_url), sender="verified@example.com") == 1


ANYMAIL_BACKEND = "ses_errors.integrations.anymail.EmailBackend"
DJANGO_SES_BACKEND = "ses_errors.integrations.django_ses.SESBackend"


def _backend(path: str) -> type[Any]:
    """Load a backend class by the dotted path a Django setting names, as Django loads it."""
    from django.utils.module_loading import import_string  # noqa: PLC0415

    cls: type[Any] = import_string(path)
    return cls


def test_a_patched_anymail_client_keeps_anymails_own_error_handling(moto_url: str) -> None:
    """With a patched client, anymail still wraps the error, and it is the SES class within."""
    with pytest.raises(Exception) as caught:  # noqa: PT011 - anymail's own error, checked below
        _send(_anymail(moto_url, _backend(ANYMAIL_BACKEND)))
    assert type(caught.value).__name__ == "AnymailAPIError"
    assert isinstance(caught.value.__cause__, ses_errors.MessageRejected)
    assert caught.value.__cause__.attempts == 1


@pytest.mark.filterwarnings("ignore:Anymail will drop support for fail_silently:DeprecationWarning")
def test_a_patched_anymail_client_keeps_fail_silently(moto_url: str) -> None:
    """fail_silently=True still reports 0 sent with a patched client, and raises nothing."""
    assert _send(_anymail(moto_url, _backend(ANYMAIL_BACKEND), fail_silently=True)) == 0


def test_without_the_client_error_side_the_error_escapes_anymail(moto_url: str) -> None:
    """Without the ClientError side anymail misses the error: why that side is the default."""

    class SESClassesAlone(_backend(ANYMAIL_BACKEND)):  # type: ignore[misc]  # loaded by path
        as_client_error = False

    with pytest.raises(ses_errors.MessageRejected):
        _send(_anymail(moto_url, SESClassesAlone))


def test_a_patched_django_ses_client_raises_what_both_kinds_of_handler_catch(
    moto_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """django-ses's backend, loaded by path, raises a ClientError-too SES class; patches once."""
    # django-ses opens before every send; its client is patched once, the first time.
    client_error = pytest.importorskip("botocore.exceptions").ClientError
    from ses_errors.integrations import _backends  # noqa: PLC0415 - after the skips above

    patched: list[object] = []

    def counting_patch(client: object, *, as_client_error: bool, **gate: Any) -> object:
        patched.append(client)
        return ses_errors.patch_client(client, as_client_error=as_client_error, **gate)

    monkeypatch.setattr(_backends, "patch_client", counting_patch)
    backend = _django_ses(moto_url, _backend(DJANGO_SES_BACKEND))
    for _ in range(2):
        with pytest.raises(ses_errors.MessageRejected) as caught:
            _send(backend)
        assert isinstance(caught.value, client_error)
        assert caught.value.request_id
    assert patched == [backend.connection]


def test_django_ses_fail_silently_does_not_hide_what_ses_refused(moto_url: str) -> None:
    """django-ses raises SES's refusal even with fail_silently=True, patched or not."""
    client_error = pytest.importorskip("botocore.exceptions").ClientError
    import django_ses  # noqa: PLC0415 - skipped above when not installed

    for backend in (django_ses.SESBackend, _backend(DJANGO_SES_BACKEND)):
        connection = backend(
            fail_silently=True,
            aws_access_key=CLIENT_KWARGS["aws_access_key_id"],
            aws_secret_key=CLIENT_KWARGS["aws_secret_access_key"],
            aws_region_name=CLIENT_KWARGS["region_name"],
            aws_region_endpoint=moto_url,
        )
        with pytest.raises(client_error):
            _send(connection)


# --- the fleet gate from the SES_ERRORS setting, with no code at the send ------------------------


@pytest.mark.parametrize("path", [ANYMAIL_BACKEND, DJANGO_SES_BACKEND])
def test_both_backends_take_the_gate_from_the_setting(
    moto_url: str, redis_url: str, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """SES_ERRORS["GATE"] paces every send of the backend: a budget of 2 stops the third send."""
    import uuid  # noqa: PLC0415 - a fresh account for each backend

    from ses_errors import fleet  # noqa: PLC0415

    boto3 = pytest.importorskip("boto3")
    boto3.client("ses", endpoint_url=moto_url, **CLIENT_KWARGS).verify_email_identity(
        EmailAddress="verified@example.com"
    )
    account = f"django-{uuid.uuid4().hex}"
    gate_settings = {"REDIS": redis_url, "ACCOUNT": account, "MAX_RATE": 100, "DAILY_QUOTA": 2}
    monkeypatch.setattr(settings, "SES_ERRORS", {"GATE": gate_settings}, raising=False)
    backend = _backend(path)
    make = _anymail if path == ANYMAIL_BACKEND else _django_ses
    for _ in range(2):
        assert _send(make(moto_url, backend), sender="verified@example.com") == 1
    with pytest.raises(Exception) as caught:  # noqa: PT011 - the backend's own wrapper, or Closed
        _send(make(moto_url, backend), sender="verified@example.com")
    chain = [caught.value, caught.value.__cause__, caught.value.__context__]
    closed = next(link for link in chain if isinstance(link, fleet.Closed))
    assert closed.reason == "budget"
    reader = fleet.Gate(redis_url, account=account, max_rate=1.0)
    assert reader.status()["budget"]["lanes"]["default"]["used"] == 2.0


def test_a_gate_setting_that_cannot_work_is_improperly_configured(
    moto_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A GATE setting without its account, or with a rate of no number: ImproperlyConfigured."""
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415

    for gate_settings in ({"MAX_RATE": 10}, {"ACCOUNT": "a", "MAX_RATE": "fast"}):
        monkeypatch.setattr(settings, "SES_ERRORS", {"GATE": gate_settings}, raising=False)
        with pytest.raises(ImproperlyConfigured, match="GATE"):
            _send(_django_ses(moto_url, _backend(DJANGO_SES_BACKEND)), sender="v@example.com")
