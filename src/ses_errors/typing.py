"""The shapes ses-errors reads from other libraries' objects, for type annotations.

Each is a Protocol that the real object (a bound Celery task, tenacity's retry state, a
response of requests or httpx) satisfies without ses-errors importing its library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["CeleryTask", "RetryState", "SyncResponse"]


class SyncResponse(Protocol):
    """A response whose body is already read: requests' and httpx's ``Response``."""

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        ...

    @property
    def headers(self) -> Mapping[str, str]:
        """The response headers."""
        ...

    @property
    def content(self) -> bytes:
        """The raw body."""
        ...


class _CeleryRequest(Protocol):
    @property
    def retries(self) -> int: ...


class CeleryTask(Protocol):
    """The part of a bound Celery task (``bind=True``) that ``celery_retry`` uses."""

    @property
    def request(self) -> _CeleryRequest:
        """The running task's request; ``retries`` counts the retries so far."""
        ...

    def retry(
        self,
        *,
        exc: BaseException | None = ...,
        countdown: float | None = ...,
        max_retries: int | None = ...,
        throw: bool = ...,
        **options: Any,  # noqa: ANN401 - apply_async's options: headers=, queue=, priority=...
    ) -> BaseException:
        """Schedule the task again and return Celery's ``Retry`` exception."""
        ...


class _Outcome(Protocol):
    def exception(self) -> BaseException | None: ...


class RetryState(Protocol):
    """The part of tenacity's ``RetryCallState`` the tenacity hooks read."""

    @property
    def attempt_number(self) -> int:
        """How many calls have been made, the one that just ended included."""
        ...

    @property
    def outcome(self) -> _Outcome | None:
        """The ended call's result or error."""
        ...
