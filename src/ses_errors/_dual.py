"""Errors that are both their SES class and a botocore ``ClientError``, for existing handlers.

A team that adopts the library keeps its ``except ClientError`` handlers, its
``e.response["Error"]["Code"]`` reads and the wrappers built on them (django-anymail's among
them) while new code catches ``ses_errors.MessageRejected``: ``patch_client`` and
``typed_errors`` raise one exception that is both. Its class derives from the SES class and
from the ClientError class it replaces (the client's own ``client.exceptions.MessageRejected``
when botocore models the code), so every ``except`` that caught either still does.

This module imports botocore; only code that already holds a ClientError or a client imports it.
"""

from __future__ import annotations

import copy
import sys
from typing import TYPE_CHECKING, Any, cast

from botocore.exceptions import ClientError

if TYPE_CHECKING:
    from ses_errors._base import SESError

# (SES class, ClientError class) -> the class that derives from both. Filled on first use; a
# race makes one class twice, and setdefault keeps the first for everyone.
_DUAL_CLASSES: dict[tuple[type[SESError], type[ClientError]], type[SESError]] = {}


def dual_class(cls: type[SESError], base: type[BaseException]) -> type[SESError]:
    """Return the class that is both ``cls`` and ``base`` (a ClientError class), made once.

    Its name says both sides (``MessageRejectedClientError``); ``isinstance`` holds for
    either, and ``to_dict`` names the SES side. Its qualified name is the SES class's, so that
    what finds a class by module and qualified name (Celery's JSON results) finds the SES
    class. ``base`` may itself be a dual class: its ClientError side is taken.
    """
    # A dual class keeps its sides in its own namespace; any other class is its own SES side.
    key = (cls.__dict__.get("_ses_class", cls), _client_class_of(base))
    found = _DUAL_CLASSES.get(key)
    if found is None:
        ses_class, client_class = key
        name = f"{ses_class.__name__}ClientError"
        namespace = {
            "__module__": ses_class.__module__,
            "__qualname__": ses_class.__qualname__,
            "__doc__": ses_class.__doc__,
            "_ses_class": ses_class,
            "_client_class": client_class,
            "__reduce__": _reduce,
            "__copy__": _copy,
            "__deepcopy__": _deepcopy,
        }
        made = type(name, key, namespace)
        found = _DUAL_CLASSES.setdefault(key, made)
    return found


def _reduce(error: SESError) -> tuple[object, ...]:
    """Pickle as the SES class, its ClientError class when importable, args and state.

    A client's modeled class (``client.exceptions.MessageRejected``) lives on that client alone
    and cannot be found by name in another process, so it comes back as ClientError itself;
    botocore's own modeled exceptions cannot be pickled at all. A copy keeps it (``_copy``).
    """
    cls = type(error)
    client_class = _client_class_of(cls)
    if not _importable(client_class):
        client_class = ClientError
    return (rebuild, (cls.__dict__["_ses_class"], client_class, error.args), dict(vars(error)))


def _copy(error: SESError) -> SESError:
    """Return a copy of the same dual class, sharing the response as ``copy.copy`` does."""
    copied = type(error)(*error.args)
    vars(copied).update(vars(error))
    return copied


def _deepcopy(error: SESError, memo: dict[int, object]) -> SESError:
    """Return a copy of the same dual class, with its own copy of everything it holds."""
    copied = type(error)(*copy.deepcopy(error.args, memo))
    memo[id(error)] = copied
    vars(copied).update(copy.deepcopy(vars(error), memo))
    return copied


def _client_class_of(cls: type[BaseException]) -> type[ClientError]:
    """Return the ClientError class of ``cls``: a dual class's client side, else ``cls``."""
    found: Any = cls.__dict__.get("_client_class", cls)
    return cast("type[ClientError]", found)


def _importable(cls: type) -> bool:
    module = sys.modules.get(cls.__module__)
    return getattr(module, cls.__qualname__, None) is cls


def rebuild(
    ses_class: type[SESError], client_class: type[ClientError], args: tuple[Any, ...]
) -> SESError:
    """Rebuild a pickled dual error; pickle then restores its state (``response`` among it)."""
    return dual_class(ses_class, client_class)(*args)
