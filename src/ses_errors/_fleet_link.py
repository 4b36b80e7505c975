"""The gate's way to its shared state: Redis (from a URL or a ready client), or this process.

``Link.transact`` runs a decision where the account's state is. When Redis fails, of any cause
(down, restarted, paused, out of memory, a wrong password, an ACL that denies), the decision
runs in this process instead, with one warning that names the cause (never a password), and
the link tries Redis again every ``RETRY_EVERY`` seconds, one caller at a time, until it answers;
then it says so once and the fleet's state is in Redis again. A decision is asked for by
``decide_for(shared)``: the shared one, or the one for a process pacing alone.

A connection pool that is full is no failure: URL-made clients wait for a free connection
(redis-py's blocking pool) instead of failing over.
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.parse
import weakref
from typing import TYPE_CHECKING, TypeVar, cast

from ses_errors._fleet_store import (
    AsyncRedisClient,
    AsyncRedisStore,
    LocalStore,
    RedisClient,
    RedisStore,
)
from ses_errors.instrumentation import tell

if TYPE_CHECKING:
    from collections.abc import Callable

    from ses_errors._gate_policy import State

T = TypeVar("T")

# After a fault, Redis is tried again this often (by one caller at a time), not on every slot.
RETRY_EVERY = 3.0
# URL-made clients: this many connections a process, and a caller waits this long for a free
# one before the wait counts as a fault.
POOL_SIZE = 64
POOL_WAIT = 10.0
_log = logging.getLogger("ses_errors.fleet")


class Link:
    """Where one gate's account state is, and whether Redis answers now."""

    def __init__(self, target: object, *, key: str, ttl: int, account: str) -> None:
        """Connect (lazily) to ``target``: None, a Redis URL, or a ready redis-py client.

        Raises ValueError for a URL redis-py cannot read, ImportError when a URL is given
        without redis-py installed, and TypeError for a target that is none of those.
        """
        self._key, self._ttl, self._account = key, ttl, account
        self._local = local_store(key)
        self._sync: RedisStore | None = None
        self._async: AsyncRedisStore | None = None  # a ready asyncio client's
        self._async_url: str | None = None
        self._async_stores: weakref.WeakKeyDictionary[object, AsyncRedisStore] = (
            weakref.WeakKeyDictionary()
        )
        self._secrets: tuple[str, ...] = ()
        self._lock = threading.Lock()
        self._down: str | None = None  # the cause, while Redis is not answering
        self._retry_at = 0.0
        if target is None:
            self.shared = False
        elif isinstance(target, str):
            self._from_url(target)
        elif callable(getattr(target, "register_script", None)):
            self._from_client(target)
        else:
            kind = type(target).__name__
            msg = f"the gate takes a Redis URL, a redis-py client or None, not a {kind}"
            raise TypeError(msg)

    def _from_url(self, url: str) -> None:
        try:
            import redis  # noqa: PLC0415 - ses-errors[redis]; a URL without it cannot work
        except ImportError:
            msg = "a Redis URL needs redis-py: pip install 'ses-errors[redis]'"
            raise ImportError(msg, name="redis") from None

        self.shared = True
        self._secrets = tuple(filter(None, [urllib.parse.urlsplit(url).password]))
        pool = redis.BlockingConnectionPool.from_url(  # pyright: ignore[reportUnknownMemberType]  # partly untyped
            url,
            max_connections=POOL_SIZE,
            timeout=POOL_WAIT,
            socket_timeout=2,
            socket_connect_timeout=2,
        )
        client: RedisClient = redis.Redis(connection_pool=pool)
        self._sync = RedisStore(client, self._key, self._ttl)
        self._async_url = url

    def _from_client(self, client: object) -> None:
        self.shared = True
        kwargs: object = getattr(getattr(client, "connection_pool", None), "connection_kwargs", {})
        password: object = (
            cast("dict[str, object]", kwargs).get("password") if isinstance(kwargs, dict) else None
        )
        self._secrets = (password,) if isinstance(password, str) and password else ()
        if type(client).__module__.startswith("redis.asyncio"):
            self._async = AsyncRedisStore(cast("AsyncRedisClient", client), self._key, self._ttl)
        else:
            self._sync = RedisStore(cast("RedisClient", client), self._key, self._ttl)

    @property
    def fallen_back(self) -> bool:
        """Whether this process is pacing alone because Redis did not answer."""
        return self._down is not None

    @property
    def cause(self) -> str | None:
        """Why Redis is not used now (no password in it), or None while it answers."""
        return self._down

    def transact(self, decide_for: Callable[[bool], Callable[[State, float], T]]) -> T:
        """Run a decision where the state is; on a Redis fault, in this process."""
        if self._sync is None:
            if self._async is not None:
                msg = "this gate was given an asyncio Redis client: take slots with aslot()"
                raise TypeError(msg)
            return self._local.transact(decide_for(True))
        if not self._may_try():
            return self._local.transact(decide_for(False))
        try:
            result = self._sync.transact(decide_for(True))
        except Exception as exc:  # noqa: BLE001 - any fault of Redis: go on in this process
            self._fell(exc)
            return self._local.transact(decide_for(False))
        self._answered()
        return result

    async def atransact(self, decide_for: Callable[[bool], Callable[[State, float], T]]) -> T:
        """``transact`` for asyncio: this loop's redis.asyncio store, or a sync one in a thread."""
        store = self._async or self._loop_store()
        if store is None:
            if self._sync is None:
                return self._local.transact(decide_for(True))
            import asyncio  # noqa: PLC0415 - asyncio is heavier than the package

            return await asyncio.to_thread(self.transact, decide_for)
        if not self._may_try():
            return self._local.transact(decide_for(False))
        try:
            result = await store.atransact(decide_for(True))
        except Exception as exc:  # noqa: BLE001 - as in transact
            self._fell(exc)
            return self._local.transact(decide_for(False))
        self._answered()
        return result

    def _loop_store(self) -> AsyncRedisStore | None:
        """Return this loop's redis.asyncio store, made on first use (a client has one loop)."""
        if self._async_url is None:
            return None
        import asyncio  # noqa: PLC0415 - see atransact

        loop = asyncio.get_running_loop()
        store = self._async_stores.get(loop)
        if store is None:
            import redis.asyncio  # noqa: PLC0415 - ses-errors[redis], there since the URL was read

            pool = redis.asyncio.BlockingConnectionPool.from_url(  # pyright: ignore[reportUnknownMemberType]  # partly untyped
                self._async_url,
                max_connections=POOL_SIZE,
                timeout=POOL_WAIT,
                socket_timeout=2,
                socket_connect_timeout=2,
            )
            # The client owns the pool, so that closing it (aclose) closes the connections.
            client: AsyncRedisClient = redis.asyncio.Redis.from_pool(pool)
            store = self._async_stores[loop] = AsyncRedisStore(client, self._key, self._ttl)
        return store

    async def aclose(self) -> None:
        """Close this loop's redis.asyncio connections (a ready client is its owner's to close)."""
        import asyncio  # noqa: PLC0415 - see atransact

        store = self._async_stores.pop(asyncio.get_running_loop(), None)
        if store is not None:
            await store.aclose()

    def _may_try(self) -> bool:
        """Whether to ask Redis now: it answers, or it is this caller's turn to try again."""
        if self._down is None:
            return True
        with self._lock:
            now = time.monotonic()
            if now < self._retry_at:
                return False
            self._retry_at = now + RETRY_EVERY  # the others keep pacing alone meanwhile
            return True

    def _fell(self, exc: BaseException) -> None:
        with self._lock:
            first = self._down is None
            self._down = self._cause(exc)
            self._retry_at = time.monotonic() + RETRY_EVERY
        if first:
            tell("fallback", self._account, reason=self._down)
            _log.warning(
                "ses-errors fleet gate for %s: Redis failed (%s); pacing in this process at "
                "its share of the account, and trying Redis again every %g s",
                self._account,
                self._down,
                RETRY_EVERY,
            )

    def _answered(self) -> None:
        if self._down is not None and self._recovered():
            tell("returned", self._account)
            _log.warning(
                "ses-errors fleet gate for %s: Redis answers again; the fleet's state is shared",
                self._account,
            )

    def _recovered(self) -> bool:
        """Clear the fault; whether this caller is the one that cleared it (it says so once)."""
        with self._lock:
            was, self._down = self._down, None
        return was is not None

    def _cause(self, exc: BaseException) -> str:
        """Name a fault: its class and message, bounded, with any password taken out."""
        text = f"{type(exc).__name__}: {exc}"[:300]
        for secret in self._secrets:
            text = text.replace(secret, "***")
            text = text.replace(urllib.parse.quote(secret, safe=""), "***")
        return text


# One in-process state per account, shared by every gate of it in this process.
_LOCAL_STORES: dict[str, LocalStore] = {}
_LOCAL_STORES_LOCK = threading.Lock()


def local_store(key: str) -> LocalStore:
    """Return this process's store of the account whose key is ``key``."""
    with _LOCAL_STORES_LOCK:
        return _LOCAL_STORES.setdefault(key, LocalStore())
