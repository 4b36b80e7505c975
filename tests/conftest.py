"""Shared helpers: the real-shaped SES bodies in tests/fixtures, and moto's server."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    """Return the bytes of one fixture file."""
    return (FIXTURES / name).read_bytes()


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    """Run moto's server on a free loopback port for the whole session; yield its URL."""
    server_module = pytest.importorskip("moto.server", reason="moto[server] is not installed")
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


# What a client needs to reach moto: no real credentials, no botocore retries of its own.
CLIENT_KWARGS: dict[str, Any] = {
    "region_name": "us-east-1",
    "aws_access_key_id": "testing",
    "aws_secret_access_key": "testing",
}
