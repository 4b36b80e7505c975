"""Shared helpers: the real-shaped SES bodies in tests/fixtures, and moto's server."""

from __future__ import annotations

import http.server
import random
import shutil
import socket
import subprocess
import tempfile
import threading
import time
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


@pytest.fixture(scope="module")
def fake_ses() -> Iterator[tuple[int, dict[str, Any]]]:
    """Run a loopback SES that answers with the response a test sets, and counts requests.

    moto cannot throttle or fail on cue; this can. A test sets ``state["response"]`` to
    ``(status, content type, body)`` or ``(status, content type, body, headers)``.
    """
    state: dict[str, Any] = {"hits": 0, "response": (500, "text/plain", b"unset")}

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state["hits"] += 1
            status, content_type, body, *headers = state["response"]
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers[0] if headers else {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = _answer  # noqa: N815 - http.server's hook names

        def log_message(self, *_: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], state
    server.shutdown()
    server.server_close()


def start_redis_server(port: int | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start the distribution's redis-server on loopback (a free port, or ``port``).

    Returns it and its URL. Skips the test when redis-py or redis-server is not installed.
    """
    pytest.importorskip("redis", reason="redis-py is not installed")
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    if port is None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603 - the distribution's redis-server, on loopback
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.05)
    return server, f"redis://127.0.0.1:{port}/0"


def restart_redis_server(url: str) -> subprocess.Popen[bytes]:
    """Start a redis-server again on the port of ``url`` (after it was stopped); return it."""
    port = int(url.rsplit(":", 1)[1].split("/", maxsplit=1)[0])
    server, _ = start_redis_server(port=port)
    return server


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """Run a real redis-server on a free loopback port for the session; yield its URL."""
    server, url = start_redis_server()
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def redis_cluster_url() -> Iterator[str]:
    """Build a real three-master Redis Cluster on loopback for the session; yield a node's URL.

    Skips the test when redis-py, redis-server or redis-cli is not installed.
    """
    pytest.importorskip("redis", reason="redis-py is not installed")
    cli = shutil.which("redis-cli")
    binary = shutil.which("redis-server")
    if cli is None or binary is None:
        pytest.skip("redis-server and redis-cli are not installed")
    workdir = Path(tempfile.mkdtemp(prefix="ses-errors-cluster-"))
    servers: list[subprocess.Popen[bytes]] = []
    ports: list[int] = []
    for _ in range(3):
        port = _free_cluster_port(ports)
        node = workdir / str(port)
        node.mkdir()
        servers.append(
            subprocess.Popen(  # noqa: S603 - the distribution's redis-server, on loopback
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes",
                 "--cluster-config-file", "nodes.conf", "--dir", str(node), "--save", "",
                 "--appendonly", "no"],
                stdout=subprocess.DEVNULL,
            )
        )  # fmt: skip
        ports.append(port)
    try:
        for port in ports:
            _wait_for_port(port)
        subprocess.run(  # noqa: S603 - the distribution's redis-cli, on loopback
            [cli, "--cluster", "create", *(f"127.0.0.1:{p}" for p in ports),
             "--cluster-replicas", "0", "--cluster-yes"],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=60,
        )  # fmt: skip
        _wait_for_cluster(cli, ports[0])
        yield f"redis://127.0.0.1:{ports[0]}/0"
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def _free_cluster_port(taken: list[int]) -> int:
    """Return a free loopback port whose cluster bus port (10,000 above it) is free too.

    A node listens on both, so the port must be below 55,536; the kernel's own choice of a
    free port is often above.
    """
    rng = random.Random()  # noqa: S311 - a port, not a secret
    for _ in range(1000):
        port = rng.randrange(20_000, 45_000)
        if port in taken:
            continue
        try:
            for candidate in (port, port + 10_000):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", candidate))
        except OSError:
            continue
        return port
    msg = "no free pair of loopback ports for a cluster node"
    raise RuntimeError(msg)


def _wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
        else:
            return


def _wait_for_cluster(cli: str, port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        info = subprocess.run(  # noqa: S603 - the distribution's redis-cli, on loopback
            [cli, "-p", str(port), "cluster", "info"], capture_output=True, text=True, check=False
        ).stdout
        if "cluster_state:ok" in info:
            return
        time.sleep(0.1)
    msg = "the Redis Cluster did not come up"
    raise RuntimeError(msg)


@pytest.fixture(params=["embedded", "redis", "cluster"])
def gate_target(request: pytest.FixtureRequest) -> Iterator[object]:
    """Where a gate keeps its state: this process, a real redis-server, a real Redis Cluster."""
    if request.param == "embedded":
        yield None
    elif request.param == "redis":
        yield request.getfixturevalue("redis_url")
    else:
        redis = pytest.importorskip("redis")
        cluster = redis.RedisCluster.from_url(request.getfixturevalue("redis_cluster_url"))
        yield cluster
        cluster.close()


DJANGO_SENDER = "unverified@example.com"


def configure_django() -> None:
    """Configure Django once for every test module that uses it, with no project.

    The backends get everything else as arguments; the SNS view's test sets its own URLs.
    """
    import django  # noqa: PLC0415 - the callers skip when Django is not installed
    from django.conf import settings  # noqa: PLC0415

    if not settings.configured:
        settings.configure(
            DEFAULT_FROM_EMAIL=DJANGO_SENDER,
            AWS_SES_REGION_NAME="us-east-1",
            ALLOWED_HOSTS=["testserver"],
        )
        django.setup()
