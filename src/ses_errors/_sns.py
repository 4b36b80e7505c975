"""SNS message signatures: checked before an event from the network is believed.

An SNS message over HTTP/S is signed (signature version 1: RSA with SHA-1; version 2: RSA with
SHA-256) by the key of a certificate SNS publishes at ``SigningCertURL``. Anyone can POST a
message that looks like SNS's, so a receiver checks, in this order: that the certificate's URL
is an https URL on an SNS host of AWS (so a forger cannot point at a certificate of their own),
that the certificate is within its dates, and that the signature over SNS's canonical text of
the message verifies with its key. The topic is the caller's to check: a message signed by SNS
may still come from somebody else's topic.

RSA and X.509 come from ``cryptography`` (``pip install 'ses-errors[sns]'``), imported on the
first check, so that ``ses_errors.events`` reads events without it.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import re
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Literal, TypeVar, cast

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

SignatureReason = Literal[
    "unsigned",
    "unsupported-version",
    "certificate-url",
    "certificate",
    "certificate-expired",
    "signature",
    "subscribe-url",
]

_REASON_TEXT: dict[SignatureReason, str] = {
    "unsigned": "the message lacks a member its signature covers, or the signature",
    "unsupported-version": "the message's SignatureVersion is neither 1 nor 2",
    "certificate-url": "the signing certificate's URL is not an https URL on an SNS host of AWS",
    "certificate": "the signing certificate is not a PEM X.509 certificate with an RSA key",
    "certificate-expired": "the signing certificate is outside its validity dates",
    "signature": "the signature does not verify with the certificate's key",
    "subscribe-url": "the SubscribeURL is not an https URL on an SNS host of AWS",
}


@attrs.define(auto_exc=True, slots=False)
class SignatureError(ValueError):
    """An SNS message whose signature could not be verified: believe nothing it says.

    ``reason`` is one of ``unsigned``, ``unsupported-version``, ``certificate-url``,
    ``certificate``, ``certificate-expired``, ``signature`` and (for a subscription to
    confirm) ``subscribe-url``.
    """

    reason: SignatureReason = "signature"

    def __str__(self) -> str:
        """Say which check failed."""
        return _REASON_TEXT[self.reason]


SignatureError.__module__ = "ses_errors.events"  # the public path, for tracebacks and pickles

# SNS's hosts: sns.<region>.amazonaws.com, and .amazonaws.com.cn in the China regions.
_SNS_HOST = re.compile(r"sns\.[a-z0-9-]{1,40}\.amazonaws\.com(?:\.cn)?")

# The members each kind of message signs, in SNS's order; Subject only when present.
_SIGNED = {
    "Notification": ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"),
    "SubscriptionConfirmation": (
        "Message",
        "MessageId",
        "SubscribeURL",
        "Timestamp",
        "Token",
        "TopicArn",
        "Type",
    ),
}
_SIGNED["UnsubscribeConfirmation"] = _SIGNED["SubscriptionConfirmation"]
_OPTIONAL = frozenset({"Subject"})

MAX_CERTIFICATE_BYTES = 64 * 1024

C = TypeVar("C")


def is_sns_url(url: object, *, suffix: str = "") -> bool:
    """Whether ``url`` is an https URL on an SNS host of AWS (its path ending in ``suffix``).

    No user, no port but 443, no fragment: the shapes a forged URL would use to look like one.
    """
    if not isinstance(url, str) or len(url) > 2048:
        return False
    parts = urllib.parse.urlsplit(url)
    return (
        parts.scheme == "https"
        and parts.username is None
        and parts.password is None
        and parts.netloc in {parts.hostname, f"{parts.hostname}:443"}
        and _SNS_HOST.fullmatch(parts.hostname or "") is not None
        and parts.path.endswith(suffix)
        and not parts.fragment
    )


def signed_text(message: Mapping[str, object]) -> bytes | None:
    """Return SNS's canonical text of ``message`` that its signature covers, or None.

    None when the message is of no signed type or lacks a member its type signs.
    """
    kind = message.get("Type")
    names = _SIGNED.get(kind, ()) if isinstance(kind, str) else ()
    lines: list[str] = []
    for name in names:
        value = message.get(name)
        if value is None and name in _OPTIONAL:
            continue
        if not isinstance(value, str):
            return None
        lines += [name, value]
    return "".join(f"{line}\n" for line in lines).encode() if names else None


def verify_signature(
    message: Mapping[str, object],
    *,
    certificate: bytes | None = None,
    fetch_certificate: Callable[[str], bytes] | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Check an SNS message's signature; return None when it holds, else raise SignatureError.

    ``message`` is the SNS message as parsed from the request's JSON body. The certificate
    is ``certificate`` (PEM bytes the caller already holds) or what ``fetch_certificate``
    returns for the message's ``SigningCertURL`` (by default ``fetch_certificate``, which
    caches); the URL is checked before anything is fetched. ``now`` is for tests.
    Raises ImportError when ``cryptography`` is not installed.
    """
    from cryptography import x509  # noqa: PLC0415 - the optional [sns] extra
    from cryptography.exceptions import InvalidSignature  # noqa: PLC0415
    from cryptography.hazmat.primitives import hashes  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric import padding, rsa  # noqa: PLC0415

    text = signed_text(message)
    signature = _signature(message.get("Signature"))
    if text is None or signature is None:
        raise SignatureError("unsigned")
    version = message.get("SignatureVersion")
    if version not in {"1", "2"}:
        raise SignatureError("unsupported-version")
    url = message.get("SigningCertURL")
    if not is_sns_url(url, suffix=".pem"):
        raise SignatureError("certificate-url")
    pem = certificate if certificate is not None else (fetch_certificate or fetch_pem)(str(url))
    loaded = _certificate(pem, x509.load_pem_x509_certificate)
    key = loaded.public_key() if loaded is not None else None
    if loaded is None or not isinstance(key, rsa.RSAPublicKey):
        raise SignatureError("certificate")
    moment = now or dt.datetime.now(dt.UTC)
    if not loaded.not_valid_before_utc <= moment <= loaded.not_valid_after_utc:
        raise SignatureError("certificate-expired")
    digest = hashes.SHA1() if version == "1" else hashes.SHA256()  # noqa: S303 - SNS's version 1
    verified = True
    try:
        key.verify(signature, text, padding.PKCS1v15(), digest)
    except InvalidSignature:
        verified = False
    if not verified:  # raised here, outside the handler: nothing of the message in its chain
        raise SignatureError("signature")


def _signature(value: object) -> bytes | None:
    # An empty signature is no signature: refused before any certificate is fetched.
    if not isinstance(value, str) or not value or not value.isascii() or len(value) > 4096:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error:
        return None


def _certificate(pem: object, load: Callable[[bytes], C]) -> C | None:
    if not isinstance(pem, bytes) or len(pem) > MAX_CERTIFICATE_BYTES:
        return None
    try:
        return load(pem)
    except ValueError:  # cryptography's refusal of what is no PEM certificate
        return None


def _read(url: str, timeout: float, limit: int) -> bytes:
    """Read at most ``limit`` bytes from a URL its caller checked is an SNS host's https URL."""
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - https, checked
        return cast("bytes", response.read(limit))


# SNS signs with few certificates, for months each: the last ones fetched are kept by URL.
@functools.lru_cache(maxsize=16)
def _cached_pem(url: str, timeout: float) -> bytes:
    return _read(url, timeout, MAX_CERTIFICATE_BYTES + 1)


def fetch_pem(url: str, *, timeout: float = 5.0) -> bytes:
    """Return the PEM certificate at ``url``, an SNS host's https URL, fetched once and cached.

    Raises SignatureError ("certificate-url") for any other URL, before any connection; the
    network's own errors (OSError) propagate. At most ``MAX_CERTIFICATE_BYTES`` are read.
    """
    if not is_sns_url(url, suffix=".pem"):
        raise SignatureError("certificate-url")
    return _cached_pem(url, timeout)


def confirm_subscription(url: str, *, timeout: float = 5.0) -> None:
    """Confirm an SNS subscription by visiting its SubscribeURL, an SNS host's https URL.

    Raises SignatureError ("subscribe-url") for any other URL, before any connection; the
    network's own errors (OSError) propagate.
    """
    if not is_sns_url(url):
        raise SignatureError("subscribe-url")
    _read(url, timeout, MAX_CERTIFICATE_BYTES)
