"""Where a fleet gate keeps its state: in Redis for many processes, or in this process.

A store has one operation, ``transact(decide)``: it hands ``decide`` the account's state and the
store's clock, keeps what ``decide`` leaves in the state, and returns what it returns, as if no
other worker ran meanwhile. The decisions themselves are the policy's (``_gate_policy``); a
store knows nothing of them.

In the process the state is a dict under a lock, on ``time.monotonic``. In Redis it is one JSON
string per account, exchanged by one Lua script (``gate_exchange.lua``) on Redis's own clock:
read the state, decide, and write it back only if no one wrote it meanwhile, else decide again
on what is there now. The exchange is written once, as steps (``_exchange_steps``), which the
sync and asyncio stores each drive with their own client.
"""

from __future__ import annotations

import importlib.resources
import json
import threading
import time
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Generator, Sequence

    from ses_errors._gate_policy import State

T = TypeVar("T")

# The exchange script, from the package's own file.
EXCHANGE_SCRIPT = (
    importlib.resources.files("ses_errors").joinpath("gate_exchange.lua").read_text("utf-8")
)
_READ_ONLY = "?"
# Each failed exchange means another worker's succeeded; past this many, something is wrong.
MAX_EXCHANGES = 1000


class Script(Protocol):
    """A Lua script registered with redis-py: called with keys and arguments."""

    def __call__(self, keys: Sequence[str], args: Sequence[str | float]) -> object:
        """Run the script (by its hash, loading it once) and return its reply."""
        ...


class RedisClient(Protocol):
    """The part of redis-py's ``Redis`` (or ``RedisCluster``) the store uses."""

    def register_script(self, script: str) -> Script:
        """Return a callable that runs ``script`` (by its hash) with keys and arguments."""
        ...


class AsyncScript(Protocol):
    """A Lua script registered with redis-py's asyncio client."""

    def __call__(self, keys: Sequence[str], args: Sequence[str | float]) -> Awaitable[object]:
        """Run the script and return its reply, when awaited."""
        ...


class AsyncRedisClient(Protocol):
    """The part of redis-py's ``redis.asyncio.Redis`` the async store uses."""

    def register_script(self, script: str) -> AsyncScript:
        """Return a callable that runs ``script`` with keys and arguments, to be awaited."""
        ...

    def aclose(self) -> Awaitable[None]:
        """Close the client's connections, when awaited."""
        ...


class LocalStore:
    """The state in this process, shared by its threads under one lock."""

    def __init__(self) -> None:
        """Start with no state: every scope open, the full rate."""
        self._lock = threading.Lock()
        self._state: State = {}

    def transact(self, decide: Callable[[State, float], T]) -> T:
        """Run ``decide`` on the state and the monotonic clock, alone."""
        with self._lock:
            return decide(self._state, time.monotonic())

    async def atransact(self, decide: Callable[[State, float], T]) -> T:
        """``transact`` for the asyncio shell (the lock is held only while deciding)."""
        return self.transact(decide)


class RedisStore:
    """The state in Redis, one JSON string under ``key``; each change one atomic exchange."""

    def __init__(self, client: RedisClient, key: str, key_ttl: int) -> None:
        """Register the exchange script with a redis-py client."""
        self._key, self._ttl = key, key_ttl
        self._exchange = client.register_script(EXCHANGE_SCRIPT)
        self._last = _LastSeen()

    def transact(self, decide: Callable[[State, float], T]) -> T:
        """Run ``decide`` on the state in Redis and Redis's clock, as if alone."""
        steps = _exchange_steps(decide, self._last)
        args = next(steps)
        while True:
            try:
                args = steps.send(self._exchange([self._key], [*args, self._ttl]))
            except StopIteration as done:
                return cast("T", done.value)


class AsyncRedisStore:
    """The Redis store for ``aslot``: the same key and exchange, through redis.asyncio."""

    def __init__(self, client: AsyncRedisClient, key: str, key_ttl: int) -> None:
        """Register the exchange script with a redis.asyncio client."""
        self._key, self._ttl = key, key_ttl
        self._client = client
        self._exchange = client.register_script(EXCHANGE_SCRIPT)
        self._last = _LastSeen()

    async def atransact(self, decide: Callable[[State, float], T]) -> T:
        """``RedisStore.transact``, awaited."""
        steps = _exchange_steps(decide, self._last)
        args = next(steps)
        while True:
            try:
                args = steps.send(await self._exchange([self._key], [*args, self._ttl]))
            except StopIteration as done:
                return cast("T", done.value)

    async def aclose(self) -> None:
        """Close the client's connections."""
        await self._client.aclose()


class _LastSeen:
    """What a Redis store last wrote: the state, Redis's clock then, and ours then.

    A store that wrote the state last (a lone worker, or a burst of one worker's sends) decides
    on it at once, on Redis's clock as ours has moved since, and exchanges once instead of
    reading first: one round trip a slot instead of two. When another worker wrote meanwhile,
    the exchange fails and returns the state as it is, and the decision runs again on that.
    The three are kept as one tuple, so that threads sharing the store read them together.
    """

    __slots__ = ("seen",)

    def __init__(self) -> None:
        self.seen: tuple[str, float, float] | None = None

    def keep(self, text: str, redis_now: float) -> None:
        self.seen = (text, redis_now, time.monotonic())


def _exchange_steps(
    decide: Callable[[State, float], T], last: _LastSeen
) -> Generator[list[str], object, T]:
    """Yield the exchange script's arguments, one exchange at a time; receive each reply.

    ``decide`` runs on the state last seen, else on the state read first; what it leaves is
    written in its place unless another worker wrote first, in which case ``decide`` runs again
    on what that worker left (the failed exchange returns it).
    """
    seen = last.seen
    if seen is None:
        _, now, current = _reply((yield [_READ_ONLY, ""]))
    else:
        current, redis_then, local_then = seen
        now = redis_then + (time.monotonic() - local_then)
    for _ in range(MAX_EXCHANGES):
        state = cast("State", json.loads(current) if current else {})
        result = decide(state, now)
        text = json.dumps(state, separators=(",", ":"))
        written, now, there = _reply((yield [current, text]))
        if written:
            last.keep(text, now)
            return result
        current = there
    msg = f"the gate's state changed under {MAX_EXCHANGES} exchanges in a row"
    raise RuntimeError(msg)


def _reply(reply: object) -> tuple[bool, float, str]:
    """Read the script's reply: whether it wrote, Redis's clock, and the state it holds."""
    written, seconds, micros, current = cast("list[object]", reply)
    text = current.decode() if isinstance(current, bytes) else str(current)
    # Seconds and microseconds apart, so that the clock keeps its full resolution.
    return written == 1, int(cast("int", seconds)) + int(cast("int", micros)) / 1e6, text
