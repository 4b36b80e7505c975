"""From replies of SES's SMTP interface, and smtplib's exceptions, to the same classes as the API.

Where an SMTP reply means what an API code means (``454 Throttling failure: ...`` is
``Throttling``), the reply gets that code's class, and the text after the reply's fixed
beginning picks a message case exactly as an API message would. Replies with no API meaning get
an SMTP class. Unknown replies follow SMTP's own rule: 4xx is transient, 5xx is permanent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from ses_errors._base import build
from ses_errors._table import (
    SMTP_PERMANENT_FALLBACK,
    SMTP_REPLIES,
    SMTP_TRANSIENT_FALLBACK,
    SMTP_UNREADABLE,
)
from ses_errors._wire import XML_SPACE, as_text, wire_facts

if TYPE_CHECKING:
    import smtplib

    from ses_errors._base import SESError

# An RFC 3463 enhanced status code ("5.7.8 ") that some servers put before the text.
_ENHANCED_STATUS = re.compile(r"[245]\.[0-9]{1,3}\.[0-9]{1,3}[ \t\r\n]+")
# smtplib joins a multi-line reply with newlines; SES's texts are one line.
_SPACE_RUN = re.compile(f"[{XML_SPACE}]+")

# A reply code -> (a pattern for its fixed text, without regard to case; the class it names).
# The pattern runs on the reply itself, so that what follows it is cut at the right place.
_REPLIES_BY_CODE: dict[int, list[tuple[re.Pattern[str], str]]] = {}
for _row in SMTP_REPLIES:
    _REPLIES_BY_CODE.setdefault(_row.smtp_code, []).append(
        (
            re.compile(("" if _row.anywhere else "^") + re.escape(_row.text), re.IGNORECASE),
            _row.target,
        )
    )


def from_smtp_reply(code: int, text: str | bytes) -> SESError:
    """Return the SES error for an SMTP error reply (a 4xx or 5xx code and its text).

    The instance's ``smtp_code`` is the reply code and its ``message`` the reply text; ``code``
    is the API code of the same meaning, or None for an SMTP-only class. A reply that is no
    SMTP error reply (smtplib's -1 for one it could not read, any code outside 400-599, a
    text that is neither str nor bytes) gives ``SmtpUnreadableReply``, whose action is to
    reconnect: a garbled reply gets a decision, never an exception.
    """
    # Untyped callers and smtplib itself (its -1) hand over anything: check, do not trust.
    if type(code) is int and 400 <= code <= 599 and isinstance(text, str | bytes):  # pyright: ignore[reportUnnecessaryIsInstance]
        return _from_reply(code, text)
    return build(wire_facts(None, as_text(text) or "", smtp_code=code), named=SMTP_UNREADABLE)


def _from_reply(code: int, text: str | bytes) -> SESError:
    """Return the error of a reply: the class its fixed beginning names, the rest for a case."""
    message = _reply_text(code, text)
    facts = wire_facts(None, message, smtp_code=code)
    for pattern, named in _REPLIES_BY_CODE.get(code, ()):
        found = pattern.search(message)
        if found is not None:
            rest = message[found.end() :].strip(XML_SPACE)
            return build(facts, named=named, case_text=rest)
    fallback = SMTP_TRANSIENT_FALLBACK if code < 500 else SMTP_PERMANENT_FALLBACK
    return build(facts, named=fallback)


def from_smtp_error(exc: smtplib.SMTPResponseException) -> SESError:
    """Return the SES error for an smtplib exception that carries a reply.

    That is ``SMTPResponseException`` and its subclasses (``SMTPDataError``,
    ``SMTPSenderRefused``, ``SMTPAuthenticationError``...). For ``SMTPRecipientsRefused``, which
    holds one reply per recipient, use ``from_smtp_recipients``. A reply that is no SMTP error
    reply (smtplib's code -1 for one it could not read, a code outside 400-599, a text that is
    neither str nor bytes) gives ``SmtpUnreadableReply``, whose action is to reconnect. Raises
    TypeError only for an exception that carries no reply at all.
    """
    if not hasattr(exc, "smtp_code") or not hasattr(exc, "smtp_error"):
        msg = f"expected an smtplib exception with a reply, not {type(exc).__name__}"
        raise TypeError(msg)
    code: Any = getattr(exc, "smtp_code", None)
    text: Any = getattr(exc, "smtp_error", None)
    return from_smtp_reply(code, text)


def from_smtp_recipients(
    refused: smtplib.SMTPRecipientsRefused | Mapping[str, tuple[int, bytes | str]],
) -> dict[str, SESError]:
    """Return the SES error for each refused recipient, by address.

    Takes ``SMTPRecipientsRefused`` (every recipient refused) or the dict that ``sendmail`` and
    ``send_message`` return when only some were.
    """
    replies: object = (
        refused if isinstance(refused, Mapping) else getattr(refused, "recipients", None)
    )
    if not isinstance(replies, Mapping):
        msg = f"expected SMTPRecipientsRefused or a mapping, not {type(refused).__name__}"
        raise TypeError(msg)
    errors: dict[str, SESError] = {}
    for address, reply in cast("Mapping[str, object]", replies).items():
        kind = type(reply).__name__
        pair = cast("tuple[object, ...]", reply) if isinstance(reply, tuple) else ()
        if len(pair) != 2:
            msg = f"a refused recipient's reply is a (code, text) pair, not a {kind}"
            raise TypeError(msg)
        code, text = cast("tuple[int, bytes | str]", pair)
        errors[address] = from_smtp_reply(code, text)
    return errors


def _reply_text(code: int, text: str | bytes) -> str:
    return _read_line(code, _SPACE_RUN.sub(" ", as_text(text) or "").strip(" "))[1]


def _read_line(code: int, text: str) -> tuple[str | None, str]:
    """Split a reply's text into its enhanced status code (or None) and the words after it."""
    for separator in (" ", "-"):  # the code itself, when a caller passed the whole line
        text = text.removeprefix(f"{code}{separator}")
    found = _ENHANCED_STATUS.match(text)
    if found is None:
        return None, text
    return found.group().rstrip(XML_SPACE), text[found.end() :]


# A whole reply line: its three-digit code, then a space, a hyphen or nothing.
_REPLY_CODE = re.compile(r"([2-5][0-9][0-9])(?:[ -]|$)")


def read_reply_line(line: str) -> tuple[int, str | None, str] | None:
    """Read one whole SMTP reply line ("550 5.1.1 User unknown") as it is quoted in a report.

    Returns its code, its enhanced status code (or None) and its text, runs of white space
    made one space; None for a line that does not start with a reply code.
    """
    line = _SPACE_RUN.sub(" ", line).strip(" ")
    found = _REPLY_CODE.match(line)
    if found is None:
        return None
    code = int(found.group(1))
    status, text = _read_line(code, line)
    return code, status, text
