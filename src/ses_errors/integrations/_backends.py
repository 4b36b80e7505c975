"""What the Django backends share: patching the client a backend's ``open()`` made, once.

With a ``SES_ERRORS`` setting the client is also patched with a fleet gate, so that every send
of the backend is paced and counted for the whole fleet without a line of code::

    SES_ERRORS = {
        "GATE": {
            "REDIS": "redis://127.0.0.1:6379/0",  # or "myproject.redis.client", or None
            "ACCOUNT": "123456789012/us-east-1",
            "MAX_RATE": "account",  # or a number of recipients a second
            "DAILY_QUOTA": "account",  # or a number, or None (no budget)
            "LANE": "transactional",  # optional
            "LANES": {"transactional": {"rate": 0.3, "quota": 0.1}},  # optional
        }
    }

``"account"`` reads the account's own figures (GetSendQuota, or GetAccount for sesv2) through
the first client opened; the gate is made once a process, and every backend shares it.
"""

# Django ships no type stubs; pyright reads its source.
# pyright: reportMissingTypeStubs=false

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING, Any, NoReturn, cast

from ses_errors._patch import patch_client

if TYPE_CHECKING:
    from ses_errors.fleet import Gate

_GATES: dict[tuple[object, ...], Gate] = {}
_GATES_LOCK = threading.Lock()
_FROM_ACCOUNT = "account"


def patch_new_client(backend: object, client: object, *, as_client_error: bool) -> None:
    """Patch ``client`` unless it is None or the one ``backend`` patched last.

    Django backends call ``open()`` before every send; a client is patched once, when it is new,
    with the fleet gate of the ``SES_ERRORS`` setting when there is one.
    """
    if client is not None and client is not getattr(backend, "_ses_errors_patched", None):
        settings = _gate_settings()
        gate = None if settings is None else _gate(settings, client)
        lane = None if settings is None else settings.get("LANE")
        patch_client(client, as_client_error=as_client_error, gate=gate, lane=lane)
        # The backends' classes are untyped subclasses: an attribute of our own, set here.
        setattr(backend, "_ses_errors_patched", client)  # noqa: B010


def _gate_settings() -> dict[str, Any] | None:
    from django.conf import settings  # noqa: PLC0415 - a backend runs inside Django

    options: object = getattr(settings, "SES_ERRORS", None)
    gate: object = (
        cast("dict[str, object]", options).get("GATE") if isinstance(options, dict) else None
    )
    if gate is None:
        return None
    if not isinstance(gate, dict):
        _improper('SES_ERRORS["GATE"] is a dict with at least "ACCOUNT" and "MAX_RATE"')
    checked = cast("dict[str, Any]", gate)
    if "ACCOUNT" not in checked or "MAX_RATE" not in checked:
        _improper('SES_ERRORS["GATE"] is a dict with at least "ACCOUNT" and "MAX_RATE"')
    return checked


def _gate(settings: dict[str, Any], client: object) -> Gate:
    """Return the process's gate for these settings, made on first use with ``client``."""
    from ses_errors import fleet  # noqa: PLC0415 - only a setting with a gate needs it

    key = (repr(sorted(settings.items())),)
    with _GATES_LOCK:
        found = _GATES.get(key)
        if found is not None:
            return found
        quota = None
        if _FROM_ACCOUNT in (settings["MAX_RATE"], settings.get("DAILY_QUOTA")):
            quota = fleet.send_quota(client)
        try:
            gate = fleet.Gate(
                _redis(settings.get("REDIS")),
                account=settings["ACCOUNT"],
                max_rate=quota.max_send_rate
                if quota is not None and settings["MAX_RATE"] == _FROM_ACCOUNT
                else settings["MAX_RATE"],
                daily_quota=quota
                if settings.get("DAILY_QUOTA") == _FROM_ACCOUNT
                else settings.get("DAILY_QUOTA"),
                lanes={
                    name: fleet.Lane(**{k.lower(): v for k, v in shares.items()})
                    for name, shares in settings.get("LANES", {}).items()
                },
            )
        except (TypeError, ValueError, ImportError) as exc:
            _improper(f'SES_ERRORS["GATE"] cannot make a gate: {exc}')
        _GATES[key] = gate
        return gate


def _redis(where: object) -> object:
    """Return a URL or None as it is; import a dotted path to a client (or a maker of one)."""
    if where is None or (isinstance(where, str) and "://" in where):
        return where
    if not isinstance(where, str) or "." not in where:
        _improper('SES_ERRORS["GATE"]["REDIS"] is a Redis URL, a dotted path to a client, or None')
    module, _, name = where.rpartition(".")
    found: object = getattr(importlib.import_module(module), name)
    return found() if callable(found) and not hasattr(found, "register_script") else found


def _improper(message: str) -> NoReturn:
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415

    raise ImproperlyConfigured(message)
