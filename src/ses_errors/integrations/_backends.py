"""What the Django backends share: patching the client a backend's ``open()`` made, once."""

from __future__ import annotations

from ses_errors._patch import patch_client


def patch_new_client(backend: object, client: object, *, as_client_error: bool) -> None:
    """Patch ``client`` unless it is None or the one ``backend`` patched last.

    Django backends call ``open()`` before every send; a client is patched once, when it is new.
    """
    if client is not None and client is not getattr(backend, "_ses_errors_patched", None):
        patch_client(client, as_client_error=as_client_error)
        # The backends' classes are untyped subclasses: an attribute of our own, set here.
        setattr(backend, "_ses_errors_patched", client)  # noqa: B010
