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

import sys
from typing import TYPE_CHECKING, Any, cast

from botocore.exceptions import ClientError

from ses_errors._base import SESError

if TYPE_CHECKING:
    from collections.abc import Mapping

# (SES class, ClientError class) -> the class that derives from both. Filled on first use; a
# race makes one class twice, and setdefault keeps the first for everyone.
_DUAL_CLASSES: dict[tuple[type[SESError], type[ClientError]], type[SESError]] = {}


def make_dual(
    error: SESError,
    response: Mapping[str, Any],
    operation_name: str,
    base: type[BaseException],
) -> SESError:
    """Make ``error`` also a ``base`` (a ClientError class) carrying ``response`` and return it.

    ``base`` may itself be a dual class: its ClientError side is taken.

    ``response`` and ``operation_name`` are what botocore's ClientError carries; the error's
    own fields, its message and ``str()`` stay the SES error's.
    """
    # The dual class adds no slots, so the instance can take it in place: the error was built
    # once, by the funnel, and stays the same object.
    error.__class__ = _dual_class(_ses_class_of(type(error)), _client_class_of(base))
    dual: Any = error  # the dual's ClientError side is invisible to the type checker
    dual.response = response
    dual.operation_name = operation_name
    return error


def _dual_class(cls: type[SESError], base: type[ClientError]) -> type[SESError]:
    """Return the class that is both ``cls`` and ``base``, the same one on every call."""
    found = _DUAL_CLASSES.get((cls, base))
    if found is None:
        namespace = {
            "__module__": cls.__module__,
            "__qualname__": cls.__qualname__,
            "__doc__": cls.__doc__,
            "__reduce__": _reduce,
        }
        made = type(cls.__name__, (cls, base), namespace)
        found = _DUAL_CLASSES.setdefault((cls, base), made)
    return found


def _reduce(error: SESError) -> tuple[object, ...]:
    """Pickle as the SES class, its ClientError class when importable, args and state.

    A client's modeled class (``client.exceptions.MessageRejected``) lives on that client alone
    and cannot be found by name in another process, so it comes back as ClientError itself;
    botocore's own modeled exceptions cannot be pickled at all.
    """
    cls = type(error)
    client_class = _client_class_of(cls)
    if not _importable(client_class):
        client_class = ClientError
    return (rebuild, (_ses_class_of(cls), client_class, error.args), dict(vars(error)))


def _client_class_of(cls: type[BaseException]) -> type[ClientError]:
    """Return the ClientError class of ``cls``: its second base for a dual class, else itself."""
    found: Any = cls.__bases__[1] if issubclass(cls, SESError) else cls
    return cast("type[ClientError]", found)


def _ses_class_of(cls: type[SESError]) -> type[SESError]:
    """Return the SES class of a dual class, or ``cls`` itself when it is not one."""
    return cls.__bases__[0] if issubclass(cls, ClientError) else cls


def _importable(cls: type) -> bool:
    module = sys.modules.get(cls.__module__)
    return getattr(module, cls.__qualname__, None) is cls


def rebuild(
    ses_class: type[SESError], client_class: type[ClientError], args: tuple[Any, ...]
) -> SESError:
    """Rebuild a pickled dual error; pickle then restores its state (``response`` among it)."""
    error = ses_class(*args)
    error.__class__ = _dual_class(type(error), client_class)
    return error
