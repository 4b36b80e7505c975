"""A Django view for an SNS subscription of SES events: verified, then handed to a callback.

::

    from ses_errors.events import SnsEndpoint
    from ses_errors.integrations.django_sns import sns_view

    urlpatterns = [
        path("ses/events", sns_view(SnsEndpoint(topics={TOPIC_ARN}, on_event=record))),
    ]

The view takes POSTs only and needs no CSRF token (SNS has none to send). This module imports
Django.
"""

# Django ships no type information; the view is typed by the two members it reads.
# pyright: reportMissingTypeStubs=false, reportUnknownVariableType=false

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.http import HttpResponse, HttpResponseNotAllowed

if TYPE_CHECKING:
    from collections.abc import Callable

    from ses_errors._receiver import SnsEndpoint

__all__ = ["sns_view"]


class Request(Protocol):
    """What the view reads of Django's HttpRequest."""

    @property
    def method(self) -> str | None:
        """The HTTP method."""
        ...

    @property
    def body(self) -> bytes:
        """The request body."""
        ...


def sns_view(endpoint: SnsEndpoint) -> Callable[[Request], Any]:
    """Return a view that answers SNS's POSTs with ``endpoint`` (see ``receive_sns``).

    It is exempt from Django's CSRF check (SNS sends no token) and answers other methods 405.
    """

    def view(request: Request) -> Any:  # noqa: ANN401 - Django's HttpResponse, untyped
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        receipt = endpoint(request.body)
        return HttpResponse(
            receipt.reason.encode(), status=receipt.status, content_type="text/plain"
        )

    # What django.views.decorators.csrf.csrf_exempt sets, without its untyped wrapper.
    view.csrf_exempt = True  # type: ignore[attr-defined]  # Django reads it off the callback
    return view
