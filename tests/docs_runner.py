"""Run one docs page's Python examples in this process of its own; print what ran as JSON.

Run by test_docs_examples.py as ``python docs_runner.py PAGE MOTO_URL REDIS_URL``: every page
gets a fresh interpreter, so what its examples set up for good (a Celery app whose tasks join
every app made later, Django's settings, prometheus-client's default registry, the gate's
listeners) never reaches another page or another test.

Sybil reads the page's code blocks (and the doctest ones, output compared) and runs them in
order in one namespace, as a reader would type them. The namespace holds what a page takes as
given (a request, a logger, a body from the wire), and the environment points boto3 at moto's
server, so the examples run unchanged: moto for SES v1 and v2 (in a region of the pages' own,
so moto keeps their identities, templates and count of sends apart from the other tests'), a
real redis-server for the gate, Celery in memory, Django with its real backends. An example
that cannot run here (one that needs SES's own SMTP endpoint) is skipped by a comment beside
it, and the page says why.
"""

from __future__ import annotations

import collections
import doctest
import json
import logging
import os
import sys
import unittest
import urllib.parse
from pathlib import Path
from typing import Any

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser

from conftest import configure_django, fixture_bytes
from event_samples import in_sns, record

SYBIL = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE),
        SkipParser(),
    ],
)
SENDER = "sender@example.com"
REGION = "eu-west-1"
RECIPIENTS = ["one@example.net", "two@example.net", "three@example.net"]


def _point_at_moto(url: str) -> None:
    """Point every boto3 client and Django backend at moto, with a verified sender, a template."""
    import boto3  # noqa: PLC0415
    from django.conf import settings  # noqa: PLC0415

    os.environ.update(
        {
            "AWS_ENDPOINT_URL": url,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": REGION,
        }
    )
    configure_django()
    # anymail's backend, the one the surfaces page catches the wrapper of
    settings.EMAIL_BACKEND = "anymail.backends.amazon_ses.EmailBackend"
    # django-ses names SES's endpoint itself, where boto3 reads the environment's.
    settings.AWS_SES_REGION_ENDPOINT_URL = url
    settings.AWS_SES_REGION_NAME = REGION
    ses = boto3.client("ses")
    ses.verify_email_identity(EmailAddress=SENDER)
    if not ses.list_templates()["TemplatesMetadata"]:
        ses.create_template(
            Template={"TemplateName": "receipt", "SubjectPart": "Receipt", "TextPart": "Hi"}
        )


def _signed_query(url: str) -> tuple[str, dict[str, str]]:
    """Return a SendEmail Query request for moto, signed with SigV4 as an HTTP client sends it."""
    from botocore.auth import SigV4Auth  # noqa: PLC0415
    from botocore.awsrequest import AWSRequest  # noqa: PLC0415
    from botocore.credentials import Credentials  # noqa: PLC0415

    query = urllib.parse.urlencode(
        {
            "Action": "SendEmail",
            "Version": "2010-12-01",
            "Source": SENDER,
            "Destination.ToAddresses.member.1": RECIPIENTS[0],
            "Message.Subject.Data": "Receipt",
            "Message.Body.Text.Data": "Thank you.",
        }
    )
    request = AWSRequest(
        method="POST",
        url=url,
        data=query,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    SigV4Auth(Credentials("testing", "testing"), "ses", REGION).add_auth(request)
    return query, dict(request.headers.items())


class Outbox(list[str]):
    """A plain-loop example's queue: what it iterates, and where it puts a message back."""

    def put_back(self, message: str) -> None:
        """Keep a message for later."""
        self.append(message)


class Suppressed(dict[str, str]):
    """The events page's suppression list."""

    def add(self, address: str, *, reason: str) -> None:
        """Suppress an address, saying why."""
        self[address] = reason


def _namespace(url: str, redis_url: str) -> dict[str, Any]:
    """Return what the pages take as given, by the names they use."""
    import celery  # noqa: PLC0415
    from django.core.mail import EmailMessage  # noqa: PLC0415

    import ses_errors  # noqa: PLC0415

    signed_query, signed_headers = _signed_query(url)
    notification = json.dumps(in_sns(record("Bounce"))).encode()
    delivered: list[str] = []
    content = {"Subject": {"Data": "Receipt"}, "Body": {"Text": {"Data": "Thank you."}}}
    return {
        "ses_errors": ses_errors,
        "log": logging.getLogger("docs"),
        # a send SES accepts, as each API spells it
        "request": {
            "FromEmailAddress": SENDER,
            "Destination": {"ToAddresses": RECIPIENTS[:1]},
            "Content": {"Simple": content},
        },
        "params": {
            "Source": SENDER,
            "Destination": {"ToAddresses": RECIPIENTS[:1]},
            "Message": content,
        },
        "three_recipients": {
            "Source": SENDER,
            "Destination": {"ToAddresses": RECIPIENTS},
            "Message": content,
        },
        "bulk_request": {
            "Source": SENDER,
            "Template": "receipt",
            "DefaultTemplateData": "{}",
            "Destinations": [{"Destination": {"ToAddresses": [address]}} for address in RECIPIENTS],
        },
        "sender": SENDER,
        "recipients": RECIPIENTS[:1],
        "content": content,
        "to": RECIPIENTS[0],
        "subject": "Receipt",
        "text": "Thank you.",
        # a body and headers from the wire
        "body": fixture_bytes("message_rejected.xml"),
        "headers": {"x-amzn-RequestId": "5a7c1e3f-2b6d-4c8e-9f01-23456789abcd"},
        "endpoint": url,
        "signed_query": signed_query,
        "signed_headers": signed_headers,
        "client": ses_errors.patch_client(_boto3_client("sesv2")),
        "redis_url": redis_url,
        # Celery in memory, and what its tasks call
        "app": celery.Celery("docs", broker="memory://", backend="cache+memory://"),
        "deliver": delivered.append,
        "message_id": "m-1",
        "queue": Outbox(["m-1"]),
        "handle": lambda message, action: delivered.append(f"{message}: {action}"),
        # through the project's backend: Django 6 refuses send(fail_silently=...) on a
        # message made with a connection of its own
        "message": EmailMessage("Receipt", "Thank you.", SENDER, RECIPIENTS[:1]),
        # SES events
        "notification": notification,
        "request_body": notification,
        "record_event": delivered.append,
        "suppress": delivered.append,
        "suppressed": Suppressed(),
        "counts": collections.Counter[str](),
        "HAVE_AIOBOTOCORE": _installed("aiobotocore"),
    }


def _boto3_client(service: str) -> Any:
    import boto3  # noqa: PLC0415

    return boto3.client(service)


def _installed(module: str) -> bool:
    import importlib.util  # noqa: PLC0415

    return importlib.util.find_spec(module) is not None


def run_page(page: Path, url: str, redis_url: str) -> dict[str, list[Any]]:
    """Run the page's examples in order; return the lines that ran and the skips with reasons.

    Raises the first failure (Sybil's, or the example's own exception).
    """
    _point_at_moto(url)
    document = SYBIL.parse(page)
    document.namespace.update(_namespace(url, redis_url))
    ran: list[int] = []
    skipped: list[str] = []
    for example in document:
        try:
            example.evaluate()
        except unittest.SkipTest as skip:
            skipped.append(f"line {example.line}: {skip}")
        else:
            ran.append(example.line)
    return {"ran": ran, "skipped": skipped}


if __name__ == "__main__":
    page_path, moto_url, redis = sys.argv[1:4]
    sys.stdout.write(json.dumps(run_page(Path(page_path), moto_url, redis)) + "\n")
