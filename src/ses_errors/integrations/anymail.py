"""django-anymail's Amazon SES backend with its client patched: the SES classes, from settings.

::

    EMAIL_BACKEND = "ses_errors.integrations.anymail.EmailBackend"

(or a mailer's ``BACKEND`` in ``MAILERS``, from Django 6.1 on). Everything anymail does stays:
its settings, its ``AnymailAPIError`` around every failed send and its ``fail_silently``, since
the patched client's errors are still botocore ``ClientError``s. The SES error is the
wrapper's ``__cause__``, and ``ses_errors.as_ses_error(wrapper)`` finds it.

This module imports django-anymail (``pip install 'django-anymail[amazon-ses]'``).
"""

# anymail ships no type stubs; pyright reads its source, mypy takes its classes as Any.
# pyright: reportMissingTypeStubs=false

from __future__ import annotations

import anymail.backends.amazon_ses

from ses_errors.integrations._backends import patch_new_client

__all__ = ["EmailBackend"]


class EmailBackend(anymail.backends.amazon_ses.EmailBackend):  # type: ignore[misc]  # anymail ships no types
    """anymail's Amazon SES backend, its boto3 client patched by ``patch_client`` when opened.

    Set ``as_client_error = False`` on a subclass for the SES classes alone; anymail then no
    longer recognises the errors, which escape its ``fail_silently``.
    """

    as_client_error = True

    def open(self) -> bool | None:
        """Open the connection as anymail does, then patch the client if it is a new one.

        Returns what anymail's ``open()`` returns.
        """
        created: bool | None = super().open()
        client: object = getattr(self, "client", None)  # untyped in the library
        patch_new_client(self, client, as_client_error=self.as_client_error)
        return created
