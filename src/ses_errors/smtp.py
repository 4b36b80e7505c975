"""SES's SMTP interface: from smtplib's exceptions and raw replies to the same classes."""

from ses_errors._smtp import from_smtp_error, from_smtp_recipients, from_smtp_reply

__all__ = ["from_smtp_error", "from_smtp_recipients", "from_smtp_reply"]
