"""From wire facts to the exception: the one place a class is resolved and an error is built.

``class_for_facts`` picks the class, in this order: the ``target`` a surface's table named (an
SMTP reply's, a bulk status's, or the class ``to_dict`` recorded), else the code (either
spelling), refined by a message case; an unknown or missing code gets the family of the HTTP
status, or of the fault side when no status was seen. ``error_from_facts`` builds it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ses_errors._base import SESError, class_for_code, class_for_name, class_for_status

if TYPE_CHECKING:
    from ses_errors._wire import WireFacts


def class_for_facts(facts: WireFacts) -> type[SESError]:
    """Return the exception class the facts stand for."""
    case_text = facts.message if facts.case_text is None else facts.case_text
    if facts.target is not None:
        cls = class_for_code(facts.target, case_text)
        if cls is SESError:  # a message case, a family, an SMTP class or SESError, by name
            cls = class_for_name(facts.target) or SESError
        return cls
    cls = SESError if facts.code is None else class_for_code(facts.code, case_text)
    if cls is SESError:
        status = facts.http_status
        if status is None:
            status = 500 if facts.fault == "Receiver" else 400
        cls = class_for_status(status)
    return cls


def error_from_facts(facts: WireFacts) -> SESError:
    """Return the exception for the facts, every field given to its constructor at once.

    Pickle and copy rebuild an error from its constructor's arguments, so nothing is set on
    the instance afterwards. A status that was not seen gives the class's own.
    """
    return class_for_facts(facts)(
        facts.message,
        facts.code,
        facts.http_status,
        facts.request_id,
        facts.fault,
        facts.details,
        facts.operation,
        facts.attempts,
        facts.smtp_code,
    )
