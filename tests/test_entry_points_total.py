"""Every public entry point is total: any input gives its result or a documented exception."""

from __future__ import annotations

import json
import pickle
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ses_errors

if TYPE_CHECKING:
    from collections.abc import Callable

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What an untyped caller or a broken peer might hand over: scalars of every kind, huge and
# negative ints, bytes, and containers of them, nested.
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    # Built when drawn: hypothesis shows a strategy's values, and repr() of 10**5000 raises.
    | st.builds(pow, st.just(10), st.sampled_from([400, 5000])).map(lambda n: -n if n % 3 else n)
    | st.sampled_from([2**63, float("nan"), float("inf")])
    | st.floats(allow_nan=True)
    | st.text(max_size=50)
    | st.binary(max_size=50)
    | st.sampled_from(["Throttling", "MessageRejected", "²", "503", " 454 ", "Success", "\u3000"])
)
JUNK = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=12) | st.integers(), inner, max_size=4)
    ),
    max_leaves=10,
)
DOCUMENTED = (TypeError, ValueError)  # ResponseParseError is a ValueError


class ShapedError(Exception):
    """Shaped like botocore's ClientError or an smtplib reply exception, with junk inside."""

    def __init__(self, response: object, name: object, code: object, text: object) -> None:
        """Keep whatever was given."""
        super().__init__("shaped")
        self.response = response
        self.operation_name = name
        self.smtp_code = code
        self.smtp_error = text


def _total(call: Callable[[], object]) -> None:
    try:
        call()
    except DOCUMENTED as documented:
        # The int-to-str limit is a ValueError too, but never a documented one.
        assert "integer string conversion" not in str(documented)  # noqa: PT017 - any outcome of the two


@SETTINGS
@given(body=JUNK, status=JUNK, headers=JUNK, max_bytes=st.integers(-5, 10**6))
def test_parse_error_is_total(body: Any, status: Any, headers: Any, max_bytes: int) -> None:
    """parse_error on any arguments returns an error or raises TypeError or ValueError."""
    _total(lambda: ses_errors.parse_error(body, http_status=status, headers=headers))
    _total(lambda: ses_errors.parse_error(body, max_bytes=max_bytes))


@SETTINGS
@given(status=JUNK, request_id=JUNK, message=JUNK)
def test_error_for_status_is_total(status: Any, request_id: Any, message: Any) -> None:
    """error_for_status on any arguments returns an error or raises TypeError or ValueError."""
    _total(lambda: ses_errors.http.error_for_status(status, request_id=request_id, message=message))


@SETTINGS
@given(response=JUNK, error=JUNK, meta=JUNK, name=JUNK)
def test_from_client_error_is_total(response: Any, error: Any, meta: Any, name: Any) -> None:
    """from_client_error on any response gives an error, or TypeError when it has no dict."""
    _total(lambda: ses_errors.from_client_error(ShapedError(response, name, None, None)))
    shaped = ShapedError(
        {"Error": error, "ResponseMetadata": meta, "x": response}, name, None, None
    )
    assert isinstance(ses_errors.from_client_error(shaped), ses_errors.SESError)


@SETTINGS
@given(code=JUNK, text=JUNK, recipients=JUNK)
def test_the_smtp_entry_points_are_total(code: Any, text: Any, recipients: Any) -> None:
    """The SMTP entry points raise nothing but TypeError or ValueError."""
    _total(lambda: ses_errors.smtp.from_smtp_reply(code, text))
    _total(lambda: ses_errors.smtp.from_smtp_error(ShapedError(None, None, code, text)))  # type: ignore[arg-type]  # junk
    _total(lambda: ses_errors.smtp.from_smtp_recipients(recipients))


@SETTINGS
@given(response=JUNK, entries=JUNK, body=JUNK)
def test_the_bulk_entry_points_are_total(response: Any, entries: Any, body: Any) -> None:
    """bulk_outcomes and bulk_outcomes_from_xml raise only TypeError or ValueError."""
    _total(lambda: ses_errors.bulk.bulk_outcomes(response))
    _total(lambda: ses_errors.bulk.bulk_outcomes({"BulkEmailEntryResults": entries}))
    _total(lambda: ses_errors.bulk.bulk_outcomes({"Status": entries}))
    _total(lambda: ses_errors.bulk.bulk_outcomes_from_xml(body))


@SETTINGS
@given(
    data=JUNK,
    fields=st.dictionaries(st.sampled_from(list(ses_errors.Throttling().to_dict())), JUNK),
)
def test_from_dict_is_total(data: Any, fields: dict[str, Any]) -> None:
    """SESError.from_dict on any value gives an error whose str() works, or TypeError."""
    _total(lambda: ses_errors.SESError.from_dict(data))
    str(ses_errors.SESError.from_dict(fields))


@SETTINGS
@given(value=JUNK, message=JUNK)
def test_the_lookups_and_decisions_are_total(value: Any, message: Any) -> None:
    """class_for_code, class_for_name, class_for_status and the decisions never crash."""
    _total(lambda: ses_errors.lookup.class_for_code(value, message))
    _total(lambda: ses_errors.lookup.class_for_name(value))
    _total(lambda: ses_errors.lookup.class_for_status(value))
    shaped = ShapedError(value, message, value, message)
    assert ses_errors.is_retryable(shaped) in {True, False}
    _total(lambda: ses_errors.as_ses_error(shaped))


@SETTINGS
@given(name=JUNK, code=JUNK)
def test_a_client_error_with_any_operation_name_is_judged(name: Any, code: Any) -> None:
    """A real ClientError whose operation_name is junk is judged, and retry.call re-raises it."""
    exceptions = pytest.importorskip("botocore.exceptions")
    error = exceptions.ClientError({"Error": {"Code": "Throttling"}}, "SendEmail")
    error.operation_name = name
    error.response["Error"]["Code"] = code
    assert ses_errors.is_retryable(error) in {True, False}
    _total(lambda: ses_errors.as_ses_error(error))

    def fails() -> None:
        raise error

    with pytest.raises(exceptions.ClientError) as raised:
        ses_errors.retry.call(fails, schedule=ses_errors.retry.Schedule(waits=[0], rounds=1))
    assert raised.value is error  # the caller's own error, never one of ours in its place


@SETTINGS
@given(fields=st.tuples(*[JUNK] * 9))
def test_an_error_built_from_any_values_shows_and_pickles(fields: tuple[Any, ...]) -> None:
    """SESError(...) from junk keeps only typed values: str, repr, to_dict and pickle all work."""
    error = ses_errors.Throttling(*fields)
    assert all(type(value) in {str, type(None)} for value in (error.code, error.request_id))
    assert type(error.http_status) is int
    str(error), repr(error), json.dumps(error.to_dict())
    copied = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert (type(copied), copied.args) == (type(error), error.args)


class _Request:
    """The part of a Celery task's request that celery_retry reads."""

    def __init__(self, retries: object) -> None:
        """Keep the retry count, whatever it is."""
        self.retries = retries
        self.headers: dict[str, object] = {}


class _Task:
    """A bound task's shape, whose retry() only returns what a real one would raise."""

    def __init__(self, retries: object) -> None:
        """Give the task a request with that retry count."""
        self.request = _Request(retries)

    def retry(self, **_options: object) -> BaseException:
        """Return what a real task returns here when told not to throw."""
        return RuntimeError("retry")


@SETTINGS
@given(value=JUNK, other=JUNK)
def test_the_fleet_and_retry_constructors_are_total(value: Any, other: Any) -> None:
    """Gate, slot, Schedule, Closed and celery_retry take any value, or raise a documented error."""
    from ses_errors import fleet  # noqa: PLC0415 - beside the other entry points' imports
    from ses_errors.integrations import celery  # noqa: PLC0415

    _total(lambda: fleet.Gate(None, account=value, max_rate=other))
    gate = fleet.Gate(None, account="total", max_rate=1000.0, sleep=lambda _: None)

    def take(**kwargs: Any) -> None:
        with gate.slot(**kwargs):
            pass

    _total(lambda: take(configuration_set=value, lane=other if other is not None else "default"))
    _total(lambda: take(recipients=value))
    _total(lambda: ses_errors.retry.Schedule(waits=value))
    _total(lambda: ses_errors.retry.Schedule(rounds=value, pause=other))
    _total(lambda: ses_errors.retry.Schedule(jitter=value).wait(other))
    _total(lambda: str(fleet.Closed(value, other)))
    _total(lambda: str(fleet.Closed(1.0, "budget", scope=value, lane=other)))
    throttled = ses_errors.Throttling()
    _total(lambda: celery.celery_retry(_Task(value), throttled, defer_after=other))  # type: ignore[arg-type]  # a task's shape, with junk inside
