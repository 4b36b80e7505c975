"""Where a fleet gate keeps its state: in Redis for many processes, or in this process.

Both stores keep the same state and answer the same three questions, each atomically:

* ``acquire``: may a send go now, and at what time? A closed scope answers "closed" with the
  seconds left; once its hold is over, the first caller gets the one trial slot. Otherwise the
  caller reserves the next send time of a GCRA schedule at the account's current rate.
* ``rate_exceeded``: SES said the send rate was exceeded; halve the shared rate (at most once a
  second), from which it climbs back to the maximum over ``RECOVERY_SECONDS``.
* ``close`` / ``end_trial``: close a scope for a hold; end a trial by reopening or releasing.

The Redis store runs each as one Lua script on Redis's own clock (``TIME``), so every worker
reads the same time and no two of them can interleave a read and a write.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol, cast

if TYPE_CHECKING:
    from collections.abc import Awaitable, Sequence


class Script(Protocol):
    """A Lua script registered with redis-py: called with keys and arguments."""

    def __call__(self, keys: Sequence[str], args: Sequence[str | float]) -> object:
        """Run the script (by its hash, loading it once) and return its reply."""
        ...


class RedisClient(Protocol):
    """The part of redis-py's ``Redis`` the store uses."""

    def register_script(self, script: str) -> Script:
        """Return a callable that runs ``script`` (by its hash) with keys and arguments."""
        ...

    def delete(self, *names: str) -> object:
        """Delete keys."""
        ...


Verdict = Literal["go", "trial", "closed"]

# How long a trial slot is held for its sender before another worker may try.
TRIAL_SECONDS = 60.0
# After a cut, the rate climbs back to the maximum, linearly, over this long.
RECOVERY_SECONDS = 30.0
# A cut halves the rate, never below this fraction of the maximum.
MIN_RATE_FRACTION = 0.05
# Cuts closer together than this are one burst of throttling, and count once.
CUT_COOLDOWN_SECONDS = 1.0


class Answer(NamedTuple):
    """A store's answer to ``acquire``: go (or trial) at ``at``, or closed for ``seconds``."""

    verdict: Verdict
    at: float  # the store's clock: when the send may go, or when a trial may be had
    wait: float  # seconds from now until then
    reason: str = ""  # the class name of the error that closed the scope, if closed
    scope: str = ""  # the scope that is closed, if closed


def _current_rate(max_rate: float, cut_rate: float | None, cut_at: float, now: float) -> float:
    if cut_rate is None:
        return max_rate
    recovered = (max_rate - cut_rate) * max(0.0, now - cut_at) / RECOVERY_SECONDS
    return min(max_rate, cut_rate + recovered)


class LocalStore:
    """The state in this process, shared by its threads under one lock."""

    def __init__(self) -> None:
        """Start with every scope open and the full rate."""
        self._lock = threading.Lock()
        self._tat = 0.0
        self._cut_rate: float | None = None
        self._cut_at = 0.0
        # scope -> (closed until, reason, trial until, trial token)
        self._closed: dict[str, tuple[float, str, float, str]] = {}

    def acquire(self, scopes: Sequence[str], token: str, max_rate: float) -> Answer:
        """Answer whether a send may go, reserving its time if it may."""
        with self._lock:
            now = time.monotonic()
            # Every scope is checked before any trial is granted, so that a trial is never
            # taken in one scope by a send that another scope then stops.
            held = [(scope, self._closed[scope]) for scope in scopes if scope in self._closed]
            for scope, (until, reason, trial_until, _) in held:
                if now < until or now < trial_until:
                    later = max(until, trial_until)
                    return Answer("closed", later, later - now, reason, scope)
            verdict: Verdict = "trial" if held else "go"
            for scope, (until, reason, _, _) in held:
                self._closed[scope] = (until, reason, now + TRIAL_SECONDS, token)
            rate = _current_rate(max_rate, self._cut_rate, self._cut_at, now)
            at = max(self._tat, now)
            self._tat = at + 1.0 / rate
            return Answer(verdict, at, at - now)

    def rate_exceeded(self, max_rate: float) -> None:
        """Halve the shared rate, once per burst."""
        with self._lock:
            now = time.monotonic()
            if self._cut_rate is not None and now - self._cut_at < CUT_COOLDOWN_SECONDS:
                return
            rate = _current_rate(max_rate, self._cut_rate, self._cut_at, now)
            self._cut_rate = max(max_rate * MIN_RATE_FRACTION, rate / 2)
            self._cut_at = now

    def close(self, scope: str, hold: float, reason: str) -> None:
        """Close a scope for ``hold`` seconds; any trial in it ends."""
        with self._lock:
            self._closed[scope] = (time.monotonic() + hold, reason, 0.0, "")

    def end_trial(self, scope: str, token: str, *, reopen: bool) -> None:
        """End the trial ``token`` holds: reopen the scope, or let another worker try."""
        with self._lock:
            closed = self._closed.get(scope)
            if closed is None or closed[3] != token:
                return
            if reopen:
                del self._closed[scope]
            else:
                self._closed[scope] = (closed[0], closed[1], 0.0, "")

    def reopen(self, scope: str) -> None:
        """Open a scope at once (a probe said the account can send)."""
        with self._lock:
            self._closed.pop(scope, None)


_NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
"""

_RATE = """
local function current_rate(key, max_rate, now)
  local cut_rate = tonumber(redis.call('HGET', key, 'cut_rate'))
  if not cut_rate then return max_rate end
  local cut_at = tonumber(redis.call('HGET', key, 'cut_at'))
  local recovered = (max_rate - cut_rate) * math.max(0, now - cut_at) / RECOVERY
  return math.min(max_rate, cut_rate + recovered)
end
"""

# KEYS: the rate hash, then one hash per scope. ARGV: max rate, token, key ttl.
_ACQUIRE = (
    _NOW
    + _RATE
    + """
local max_rate = tonumber(ARGV[1])
local verdict = 'go'
-- Every scope is checked before any trial is granted (see LocalStore.acquire).
for i = 2, #KEYS do
  local until_ = tonumber(redis.call('HGET', KEYS[i], 'until'))
  if until_ then
    local trial_until = tonumber(redis.call('HGET', KEYS[i], 'trial_until') or '0')
    local later = math.max(until_, trial_until)
    if now < later then
      local reason = redis.call('HGET', KEYS[i], 'reason')
      return {'closed', tostring(later), tostring(later - now), reason, tostring(i - 1)}
    end
    verdict = 'trial'
  end
end
for i = 2, #KEYS do
  if redis.call('HEXISTS', KEYS[i], 'until') == 1 then
    redis.call('HSET', KEYS[i], 'trial_until', tostring(now + TRIAL), 'token', ARGV[2])
  end
end
local rate = current_rate(KEYS[1], max_rate, now)
local at = math.max(tonumber(redis.call('HGET', KEYS[1], 'tat') or '0'), now)
redis.call('HSET', KEYS[1], 'tat', tostring(at + 1 / rate))
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {verdict, tostring(at), tostring(at - now), '', '0'}
"""
)

# KEYS: the rate hash. ARGV: max rate, key ttl.
_RATE_EXCEEDED = (
    _NOW
    + _RATE
    + """
local max_rate = tonumber(ARGV[1])
local cut_at = tonumber(redis.call('HGET', KEYS[1], 'cut_at'))
if cut_at and now - cut_at < COOLDOWN then return 0 end
local rate = current_rate(KEYS[1], max_rate, now)
redis.call('HSET', KEYS[1], 'cut_rate', tostring(math.max(max_rate * MIN_FRACTION, rate / 2)),
  'cut_at', tostring(now))
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
"""
)

# KEYS: the scope hash. ARGV: hold, reason.
_CLOSE = (
    _NOW
    + """
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'until', tostring(now + tonumber(ARGV[1])), 'reason', ARGV[2])
redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[1]) + TRIAL) * 2)
return 1
"""
)

# KEYS: the scope hash. ARGV: token, 1 to reopen or 0 to release the trial.
_END_TRIAL = """
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
if ARGV[2] == '1' then
  redis.call('DEL', KEYS[1])
else
  redis.call('HDEL', KEYS[1], 'trial_until', 'token')
end
return 1
"""


def _with_constants(script: str) -> str:
    constants = {
        "TRIAL": TRIAL_SECONDS,
        "RECOVERY": RECOVERY_SECONDS,
        "COOLDOWN": CUT_COOLDOWN_SECONDS,
        "MIN_FRACTION": MIN_RATE_FRACTION,
    }
    header = "".join(f"local {name} = {value!r}\n" for name, value in constants.items())
    return header + script


# The four scripts, in the order the stores unpack them: acquire, rate exceeded, close, end trial.
SCRIPTS = tuple(map(_with_constants, (_ACQUIRE, _RATE_EXCEEDED, _CLOSE, _END_TRIAL)))


class Keys:
    """The Redis keys of one account's gate: its rate, and one hash per closable scope."""

    def __init__(self, prefix: str) -> None:
        """Name every key under ``prefix``."""
        self.rate = f"{prefix}:rate"
        self._prefix = prefix

    def scope(self, scope: str) -> str:
        """Return the key of a scope's open-or-closed state."""
        return f"{self._prefix}:scope:{scope}"

    def for_acquire(self, scopes: Sequence[str]) -> list[str]:
        """Return the keys the acquire script takes: the rate, then each scope's."""
        return [self.rate, *map(self.scope, scopes)]


class RedisStore:
    """The state in Redis, under keys namespaced by the account; each update one Lua script."""

    def __init__(self, client: RedisClient, prefix: str, key_ttl: int) -> None:
        """Register the scripts with a redis-py client; keys start with ``prefix``."""
        self._keys = Keys(prefix)
        self._key_ttl = key_ttl
        self._client = client
        self._acquire, self._rate_exceeded, self._close, self._end_trial = map(
            client.register_script, SCRIPTS
        )

    def acquire(self, scopes: Sequence[str], token: str, max_rate: float) -> Answer:
        """Answer whether a send may go, reserving its time if it may."""
        keys = self._keys.for_acquire(scopes)
        return _answer(self._acquire(keys, [max_rate, token, self._key_ttl]), scopes)

    def rate_exceeded(self, max_rate: float) -> None:
        """Halve the shared rate, once per burst."""
        self._rate_exceeded([self._keys.rate], [max_rate, self._key_ttl])

    def close(self, scope: str, hold: float, reason: str) -> None:
        """Close a scope for ``hold`` seconds; any trial in it ends."""
        self._close([self._keys.scope(scope)], [hold, reason])

    def end_trial(self, scope: str, token: str, *, reopen: bool) -> None:
        """End the trial ``token`` holds: reopen the scope, or let another worker try."""
        self._end_trial([self._keys.scope(scope)], [token, "1" if reopen else "0"])

    def reopen(self, scope: str) -> None:
        """Open a scope at once (a probe said the account can send)."""
        self._client.delete(self._keys.scope(scope))


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _answer(reply: object, scopes: Sequence[str]) -> Answer:
    verdict, at, wait, reason, closed = map(_text, cast("list[bytes]", reply))
    scope = scopes[int(closed) - 1] if int(closed) else ""
    # The script answers one of the three verdicts.
    return Answer(cast("Verdict", verdict), float(at), float(wait), reason, scope)


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

    def delete(self, *names: str) -> Awaitable[object]:
        """Delete keys, when awaited."""
        ...

    def aclose(self) -> Awaitable[None]:
        """Close the client's connections, when awaited."""
        ...


class AsyncRedisStore:
    """The Redis store for ``aslot``: the same scripts, keys and answers, through redis.asyncio."""

    def __init__(self, client: AsyncRedisClient, prefix: str, key_ttl: int) -> None:
        """Register the scripts with a redis.asyncio client; keys start with ``prefix``."""
        self._keys = Keys(prefix)
        self._key_ttl = key_ttl
        self._client = client
        self._acquire, self._rate_exceeded, self._close, self._end_trial = map(
            client.register_script, SCRIPTS
        )

    async def acquire(self, scopes: Sequence[str], token: str, max_rate: float) -> Answer:
        """Answer whether a send may go, reserving its time if it may."""
        keys = self._keys.for_acquire(scopes)
        return _answer(await self._acquire(keys, [max_rate, token, self._key_ttl]), scopes)

    async def rate_exceeded(self, max_rate: float) -> None:
        """Halve the shared rate, once per burst."""
        await self._rate_exceeded([self._keys.rate], [max_rate, self._key_ttl])

    async def close(self, scope: str, hold: float, reason: str) -> None:
        """Close a scope for ``hold`` seconds; any trial in it ends."""
        await self._close([self._keys.scope(scope)], [hold, reason])

    async def end_trial(self, scope: str, token: str, *, reopen: bool) -> None:
        """End the trial ``token`` holds: reopen the scope, or let another worker try."""
        await self._end_trial([self._keys.scope(scope)], [token, "1" if reopen else "0"])

    async def reopen(self, scope: str) -> None:
        """Open a scope at once (a probe said the account can send)."""
        await self._client.delete(self._keys.scope(scope))

    async def aclose(self) -> None:
        """Close the client's connections."""
        await self._client.aclose()
