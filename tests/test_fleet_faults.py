"""The gate's honest fallback: a named cause, a return to Redis, a share of the pace; clients."""

from __future__ import annotations

import asyncio
import itertools
import logging
import threading
import time
import uuid
from typing import TYPE_CHECKING, Any

import pytest

import ses_errors
from conftest import restart_redis_server, start_redis_server
from ses_errors import _fleet_link, fleet

if TYPE_CHECKING:
    import subprocess
    from collections.abc import Iterator

RATE = 100.0
QUOTA = ses_errors.Throttling("Daily message quota exceeded.")


@pytest.fixture
def own_redis(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """Run a redis-server of this test's own, to stop and start; try Redis again every 0.2 s."""
    monkeypatch.setattr(_fleet_link, "RETRY_EVERY", 0.2)
    server, url = start_redis_server()
    yield server, url
    server.terminate()
    server.wait(timeout=10)


@pytest.mark.parametrize("url", ["http://127.0.0.1:6379", "redis://:notaport/0", "nonsense"])
def test_a_url_that_cannot_be_read_raises_at_construction(url: str) -> None:
    """A URL redis-py cannot read is a ValueError when the gate is made, not a quiet fallback."""
    pytest.importorskip("redis")
    with pytest.raises(ValueError, match=r"(?i)redis|scheme|port"):
        fleet.Gate(url, account="bad-url", max_rate=RATE)


@pytest.mark.parametrize("target", [42, b"redis://127.0.0.1/0", object()])
def test_a_target_that_is_no_url_or_client_is_refused(target: object) -> None:
    """The gate takes a URL, a redis-py client or None: anything else is a TypeError."""
    with pytest.raises(TypeError, match="Redis URL"):
        fleet.Gate(target, account="bad-target", max_rate=RATE)


def test_the_gate_returns_to_redis_once_it_answers_again(
    own_redis: tuple[subprocess.Popen[bytes], str], caplog: pytest.LogCaptureFixture
) -> None:
    """Killed, then restarted: the gate paces alone meanwhile, then shares Redis again."""
    server, url = own_redis
    caplog.set_level(logging.WARNING, logger="ses_errors.fleet")
    account = f"back-{uuid.uuid4().hex}"
    gate = fleet.Gate(url, account=account, max_rate=RATE, sleep=lambda _: None)
    with gate.slot():
        pass
    server.kill()
    server.wait(timeout=10)
    with gate.slot():
        pass
    assert gate.fallen_back
    restarted = restart_redis_server(url)
    try:
        time.sleep(0.3)
        with gate.slot():
            pass
        assert not gate.fallen_back
        other = fleet.Gate(url, account=account, max_rate=RATE, sleep=lambda _: None, hold=600)
        other.record(QUOTA)  # in Redis: the first gate sees it, so it is on Redis again
        with pytest.raises(fleet.Closed), gate.slot():
            pass
    finally:
        restarted.terminate()
        restarted.wait(timeout=10)
    messages = [r.getMessage() for r in caplog.records if r.name == "ses_errors.fleet"]
    assert len(messages) == 2
    assert "Redis failed" in messages[0]
    assert "answers again" in messages[1]


def test_a_wrong_password_is_named_but_never_logged(
    own_redis: tuple[subprocess.Popen[bytes], str], caplog: pytest.LogCaptureFixture
) -> None:
    """A refused password falls back with a warning that names the fault, not the password."""
    _, url = own_redis
    redis = pytest.importorskip("redis")
    with redis.Redis.from_url(url) as admin:
        admin.config_set("requirepass", "right-horse-battery")
    secret = "wrong-staple-42"  # noqa: S105 - a wrong password, on purpose
    caplog.set_level(logging.WARNING, logger="ses_errors.fleet")
    wrong = url.replace("redis://", f"redis://:{secret}@")
    gate = fleet.Gate(wrong, account="pw", max_rate=RATE, sleep=lambda _: None)
    with gate.slot():
        pass
    assert gate.fallen_back
    text = " ".join(r.getMessage() for r in caplog.records)
    assert "AuthenticationError" in text or "ResponseError" in text
    assert secret not in text
    assert "right-horse-battery" not in text


def test_alone_a_process_paces_at_its_share_of_the_account(
    own_redis: tuple[subprocess.Popen[bytes], str],
) -> None:
    """Four workers were live: fallen back, each paces at a quarter of the account's rate."""
    server, url = own_redis
    account = f"share-{uuid.uuid4().hex}"
    gates = [
        fleet.Gate(url, account=account, max_rate=RATE, sleep=lambda _: None, jitter=0)
        for _ in range(4)
    ]
    for gate in gates:
        with gate.slot():
            pass
    with gates[0].slot():
        pass  # it has now heard of all four
    server.kill()
    server.wait(timeout=10)
    times = []
    for _ in range(5):
        with gates[0].slot() as granted:
            times.append(granted.at)
    assert gates[0].fallen_back
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= 4 / RATE - 1e-6


def test_a_ready_client_is_taken_as_it_is(redis_url: str) -> None:
    """A redis.Redis made by the caller (Sentinel, TLS, a cluster: any) carries the state."""
    redis = pytest.importorskip("redis")
    account = f"ready-{uuid.uuid4().hex}"
    with redis.Redis.from_url(redis_url) as client:
        gate = fleet.Gate(client, account=account, max_rate=RATE, sleep=lambda _: None, hold=600)
        by_url = fleet.Gate(redis_url, account=account, max_rate=RATE, sleep=lambda _: None)
        gate.record(QUOTA)
        with pytest.raises(fleet.Closed), by_url.slot():
            pass

        async def aslot() -> None:
            async with gate.aslot():  # a sync client serves aslot() from a thread
                pass

        with pytest.raises(fleet.Closed):
            asyncio.run(aslot())


def test_a_ready_asyncio_client_serves_aslot_only(redis_url: str) -> None:
    """A redis.asyncio client paces aslot(); slot() says to use aslot()."""
    redis_asyncio = pytest.importorskip("redis.asyncio")
    account = f"ready-async-{uuid.uuid4().hex}"

    async def run() -> list[float]:
        client = redis_asyncio.Redis.from_url(redis_url)
        gate = fleet.Gate(client, account=account, max_rate=RATE, jitter=0)
        times = []
        for _ in range(3):
            async with gate.aslot() as granted:
                times.append(granted.at)
        with pytest.raises(TypeError, match="aslot"), gate.slot():
            pass
        await client.aclose()
        return times

    times = asyncio.run(run())
    assert min(b - a for a, b in itertools.pairwise(times)) >= 1 / RATE - 1e-6


def test_a_full_pool_is_no_redis_failure(redis_url: str) -> None:
    """200 aslot() tasks and 150 threads on one gate wait for connections; none falls back."""
    account = f"pool-{uuid.uuid4().hex}"
    gate = fleet.Gate(redis_url, account=account, max_rate=1e6, jitter=0)

    async def many() -> None:
        async def one() -> None:
            async with gate.aslot():
                await asyncio.sleep(0.01)

        try:
            await asyncio.gather(*(one() for _ in range(200)))
        finally:
            await gate.aclose()

    asyncio.run(many())
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(4):
                with gate.slot():
                    time.sleep(0.001)
        except BaseException as exc:  # noqa: BLE001 - any error reaching a caller is the bug
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(150)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert not gate.fallen_back


def _fault(kind: str, admin: Any) -> tuple[str, Any]:
    """Bring a fault of ``kind`` on; return the gate's URL user part and how to lift it."""
    if kind == "out of memory":
        admin.config_set("maxmemory-policy", "noeviction")
        admin.config_set("maxmemory", "1")
        return "", lambda: admin.config_set("maxmemory", "0")
    if kind == "acl denied":
        admin.acl_setuser("gate", enabled=True, passwords=["+gate-pw"], keys=["*"],
                          commands=["+@all", "-evalsha", "-eval"])  # fmt: skip
        return "gate:gate-pw@", lambda: admin.acl_setuser("gate", commands=["+@all"])
    # paused: every command waits past the client's timeout, then Redis serves again
    admin.execute_command("CLIENT", "PAUSE", "2500", "ALL")
    return "", lambda: time.sleep(2.6)


@pytest.mark.parametrize("kind", ["out of memory", "acl denied", "paused"])
def test_after_any_fault_the_gate_returns_to_redis(
    own_redis: tuple[subprocess.Popen[bytes], str], kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    """OOM, an ACL that denies the script, a paused Redis: alone meanwhile, back on Redis after."""
    _, url = own_redis
    redis = pytest.importorskip("redis")
    caplog.set_level(logging.WARNING, logger="ses_errors.fleet")
    account = f"fault-{uuid.uuid4().hex}"
    with redis.Redis.from_url(url) as admin:
        user, lift = _fault(kind, admin)
        gate = fleet.Gate(
            url.replace("redis://", f"redis://{user}"),
            account=account,
            max_rate=RATE,
            sleep=lambda _: None,
        )
        with gate.slot():
            pass
        assert gate.fallen_back
        lift()
        time.sleep(0.3)
        with gate.slot():
            pass
        assert not gate.fallen_back
        assert admin.exists(f"ses-errors:{{{account}}}:gate")
    messages = [r.getMessage() for r in caplog.records if r.name == "ses_errors.fleet"]
    assert len(messages) == 2
    assert "answers again" in messages[1]
