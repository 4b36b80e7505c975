"""django-ses's backend with its client patched: sends raise the SES classes, from settings.

::

    EMAIL_BACKEND = "ses_errors.integrations.django_ses.SESBackend"

(or a mailer's ``BACKEND`` in ``MAILERS``, from Django 6.1 on). django-ses lets botocore's
errors through; with this backend they are ``ses_errors.MessageRejected`` and the rest, which
are still ``ClientError``s for the handlers already written.

This module imports django-ses (``pip install django-ses``).
"""

# django-ses ships no type stubs; pyright reads its source, mypy takes its classes as Any.
# pyright: reportMissingTypeStubs=false

from __future__ import annotations

import django_ses

from ses_errors.integrations._backends import patch_new_client

__all__ = ["SESBackend"]


class SESBackend(django_ses.SESBackend):  # type: ignore[misc]  # django-ses ships no types
    """django-ses's backend, its boto3 client patched by ``patch_client`` when opened.

    Set ``as_client_error = False`` on a subclass for the SES classes alone.
    """

    as_client_error = True

    # django-ses's open() is untyped; pyright infers Literal[False] | None from its body, which
    # is narrower than Django's bool | None, the contract this override keeps.
    def open(self) -> bool | None:  # pyright: ignore[reportIncompatibleMethodOverride]
        """Open the connection as django-ses does, then patch the client if it is a new one.

        Returns what django-ses's ``open()`` returns.
        """
        created: bool | None = super().open()
        client: object = getattr(self, "connection", None)  # untyped in the library
        patch_new_client(self, client, as_client_error=self.as_client_error)
        return created
