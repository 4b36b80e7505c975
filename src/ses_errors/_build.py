"""From wire facts to the exception: the one place a class is resolved and an error is built.

``error_from_facts`` picks the class, in this order: the ``target`` a surface's table named (an
SMTP reply's, a bulk status's, or the class ``to_dict`` recorded), else the code (either
spelling), refined by a message case; an unknown or missing code gets the family of the HTTP
status, or of the fault side when no status was seen. Then it builds the exception.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ses_errors._base import (
    SESError,
    class_for_code,
    class_for_name,
    class_for_status,
    refined_by_message,
)

if TYPE_CHECKING:
    from ses_errors._wire import WireFacts


def error_from_facts(facts: WireFacts) -> SESError:
    """Return the exception the facts stand for, every field given to its constructor at once.

    Pickle and copy rebuild an error from its constructor's arguments, so nothing is set on
    the instance afterwards. A status that was not seen gives the class's own.
    """
    (
        code,
        message,
        http_status,
        request_id,
        fault,
        details,
        operation,
        attempts,
        smtp_code,
        target,
        case_text,
    ) = facts
    text = message if case_text is None else case_text
    if target is not None:
        cls = class_for_code(target, text)
        if cls is SESError:  # a message case, a family, an SMTP class or SESError, by name
            cls = refined_by_message(class_for_name(target) or SESError, text)
    else:
        cls = SESError if code is None else class_for_code(code, text)
        if cls is SESError:
            if http_status is not None:
                cls = class_for_status(http_status)
            elif fault == "Receiver":
                cls = class_for_status(500)
    return cls(
        message, code, http_status, request_id, fault, details, operation, attempts, smtp_code
    )
