"""Benchmark many workers sending through one account: no gate, botocore's adaptive mode, the gate.

    pip install -e . --group test    # boto3, redis; redis-server from the distribution
    python scripts/bench_fleet.py     # N=4 workers, R=20 sends/s, Q=300, 400 messages
    python scripts/bench_fleet.py --quick

A loopback fake SES (the only SES that throttles on cue) enforces a token bucket of R sends a
second and a daily quota of Q, answering with SES's own bodies for both errors. N worker
processes send the same messages through patched boto3 clients in three modes, one after the
other in this run:

* ``no gate``: a throttled send is retried after a short random pause;
* ``adaptive``: botocore's adaptive retry mode, per client, does the pacing;
* ``gate``: every send takes a ``fleet.Gate`` slot on a real redis-server;
* ``limits`` and ``pyrate-limiter``: the two rate-limiting libraries on the same Redis, for
  pacing alone (neither closes on the quota nor lowers its rate), as the limiter comparison.
  They run when installed (``pip install limits pyrate-limiter``).

In every mode a message the quota refuses is deferred (kept for later), never dropped; a
message is lost when it ends neither sent nor deferred. Nothing here asserts; it prints a table.
"""

from __future__ import annotations

import argparse
import http.server
import json
import math
import multiprocessing
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from typing import Any, NamedTuple

import boto3
from botocore.config import Config

import ses_errors
from ses_errors import fleet

NS = "http://ses.amazonaws.com/doc/2010-12-01/"


def _error(message: str) -> bytes:
    return (
        f'<ErrorResponse xmlns="{NS}"><Error><Type>Sender</Type><Code>Throttling</Code>'
        f"<Message>{message}</Message></Error><RequestId>{uuid.uuid4()}</RequestId>"
        "</ErrorResponse>"
    ).encode()


def _sent() -> bytes:
    return (
        f'<SendEmailResponse xmlns="{NS}"><SendEmailResult><MessageId>{uuid.uuid4()}</MessageId>'
        f"</SendEmailResult><ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId>"
        "</ResponseMetadata></SendEmailResponse>"
    ).encode()


class FakeSES:
    """A loopback SES that counts recipients, as SES does, against a rate and a rolling quota.

    A token bucket of ``rate`` recipients a second (one second of burst, as SES allows short
    bursts) and a quota of ``quota`` recipients in any ``window`` seconds; a request over either
    is answered with SES's own body for it.
    """

    def __init__(self, rate: float, quota: float, window: float = 86_400.0) -> None:
        """Start serving on a free loopback port."""
        self.rate, self.quota, self.window = rate, quota, window
        self.lock = threading.Lock()
        self.tokens, self.refilled = rate, time.monotonic()
        self.sent = self.recipients = self.throttled = self.on_spent_quota = 0
        self.requests = 0
        self.first_sent = self.last_sent = 0.0
        self.log: list[tuple[float, int]] = []  # (when, recipients) of each accepted send
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # http.server's hook name
                form = self.rfile.read(int(self.headers["Content-Length"])).decode()
                status, body = fake.answer(_recipients(form))
                self.send_response(status)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def answer(self, recipients: int) -> tuple[int, bytes]:
        """Answer one send: sent, throttled, or refused for the spent quota."""
        with self.lock:
            now = time.monotonic()
            self.requests += 1
            self.tokens = min(self.rate, self.tokens + (now - self.refilled) * self.rate)
            self.refilled = now
            in_window = sum(n for at, n in self.log if at > now - self.window)
            if in_window + recipients > self.quota:
                self.on_spent_quota += 1
                return 400, _error("Daily message quota exceeded.")
            if self.tokens < recipients:
                self.throttled += 1
                return 400, _error("Maximum sending rate exceeded.")
            self.tokens -= recipients
            self.sent += 1
            self.recipients += recipients
            self.log.append((now, recipients))
            self.first_sent = self.first_sent or now
            self.last_sent = now
            return 200, _sent()

    def achieved(self) -> float:
        """Recipients a second between the first send and the last (the last one's own excluded)."""
        if len(self.log) < 2:
            return 0.0
        span = self.log[-1][0] - self.log[0][0]
        return (self.recipients - self.log[-1][1]) / span if span > 0 else 0.0

    def stop(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


def _recipients(form: str) -> int:
    """Count a Query API send's recipients: its Destination's lists, or its Destinations."""
    fields = urllib.parse.parse_qs(form)
    listed = ("Destination.ToAddresses", "Destination.CcAddresses", "Destination.BccAddresses")
    count = sum(1 for name in fields if name.startswith(listed) or name.startswith("Destinations."))
    return max(1, count)


class Job(NamedTuple):
    """What one worker process does."""

    mode: str
    ses_url: str
    redis_url: str
    account: str
    messages: int
    rate: float


def worker(job: Job) -> dict[str, Any]:
    """Send ``job.messages`` messages in ``job.mode``; return how many ended which way."""
    mode, url, redis_url, account, count, rate = job  # count: the messages to send
    retries: Any = (
        {"mode": "adaptive", "max_attempts": 10}
        if mode == "adaptive"
        else {"total_max_attempts": 1}
    )
    client = ses_errors.patch_client(
        boto3.client(
            "ses",
            endpoint_url=url,
            region_name="us-east-1",
            aws_access_key_id="bench",
            aws_secret_access_key="bench",  # noqa: S106 - the fake SES checks nothing
            config=Config(retries=retries, max_pool_connections=4),
        )
    )
    gate = fleet.Gate(redis_url, account=account, max_rate=rate) if mode == "gate" else None
    wait_for_turn = _library_pacer(mode, redis_url, account, rate)
    outcome = {"sent": 0, "deferred": 0, "lost": 0}
    request = {
        "Source": "a@example.com",
        "Destination": {"ToAddresses": ["b@example.com"]},
        "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
    }
    for _ in range(count):
        for _attempt in range(100):
            try:
                if gate is None:
                    wait_for_turn()
                    client.send_email(**request)
                else:
                    with gate.slot():
                        client.send_email(**request)
                outcome["sent"] += 1
                break
            except fleet.Closed:
                outcome["deferred"] += 1
                break
            except ses_errors.SESError as exc:
                if exc.action is ses_errors.Action.DEFER:
                    outcome["deferred"] += 1
                    break
                if not exc.is_retryable:
                    outcome["lost"] += 1
                    break
                if mode == "no gate":
                    time.sleep(random.uniform(0.01, 0.1))  # noqa: S311 - a pause, not a secret
        else:
            outcome["lost"] += 1
    return outcome


def _library_pacer(mode: str, redis_url: str, account: str, rate: float) -> Any:  # noqa: ANN401
    """Return a callable that blocks until the library lets one more send go (or a no-op)."""
    if mode == "limits":
        from limits import RateLimitItemPerSecond, storage, strategies  # noqa: PLC0415

        window = strategies.MovingWindowRateLimiter(storage.RedisStorage(redis_url))
        item = RateLimitItemPerSecond(int(rate))

        def limits_pacer() -> None:
            while not window.hit(item, account):
                reset = window.get_window_stats(item, account).reset_time
                time.sleep(max(0.001, reset - time.time()))

        return limits_pacer
    if mode == "pyrate-limiter":
        import redis  # noqa: PLC0415
        from pyrate_limiter import Duration, Limiter, Rate, RedisBucket  # noqa: PLC0415

        bucket = RedisBucket.init(
            [Rate(int(rate), Duration.SECOND)], redis.Redis.from_url(redis_url), account
        )
        bucket_limiter = Limiter(bucket)
        return lambda: bucket_limiter.try_acquire(account, blocking=True)
    return lambda: None


def _run_mode(mode: str, args: argparse.Namespace, redis_url: str) -> dict[str, Any]:
    fake = FakeSES(args.rate, args.quota)
    account = f"bench-{uuid.uuid4().hex}"
    per_worker = args.messages // args.workers
    context = multiprocessing.get_context("spawn")
    started = time.monotonic()
    with context.Pool(args.workers) as pool:
        job = Job(mode, fake.url, redis_url, account, per_worker, args.rate)
        outcomes = pool.map(worker, [job] * args.workers)
    elapsed = time.monotonic() - started
    fake.stop()
    total = {key: sum(o[key] for o in outcomes) for key in outcomes[0]}
    window = max(fake.last_sent - fake.first_sent, 1e-9)
    return {
        "mode": mode,
        "achieved / R": (fake.sent - 1) / window / args.rate if fake.sent > 1 else 0.0,
        "throttled per 1,000 sent": 1000 * fake.throttled / max(fake.sent, 1),
        "requests on a spent quota": fake.on_spent_quota,
        "sent": fake.sent,
        "lost": total["lost"],
        "deferred": total["deferred"],
        "seconds": elapsed,
    }


def _modes() -> list[str]:
    modes = ["no gate", "adaptive", "gate"]
    for mode, module in (("limits", "limits"), ("pyrate-limiter", "pyrate_limiter")):
        try:
            __import__(module)
        except ImportError:
            continue
        modes.append(mode)
    return modes


def _redis_server() -> tuple[subprocess.Popen[bytes], str]:
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(  # the distribution's redis-server, on loopback
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    return server, f"redis://127.0.0.1:{port}/0"


def slot_cost(redis_url: str, count: int) -> dict[str, float]:
    """Time one acquisition alone, at a rate high enough never to wait."""
    costs = {}
    for label, url in (("the gate, in this process", None), ("the gate, on Redis", redis_url)):
        gate = fleet.Gate(
            url, account=f"cost-{uuid.uuid4().hex}", max_rate=1e9, sleep=lambda _: None
        )
        started = time.perf_counter()
        for _ in range(count):
            with gate.slot():
                pass
        costs[label] = 1e6 * (time.perf_counter() - started) / count
    for mode in _modes()[3:]:
        pacer = _library_pacer(mode, redis_url, f"cost-{uuid.uuid4().hex}", 1e6)
        started = time.perf_counter()
        for _ in range(count):
            pacer()
        costs[f"{mode}, on Redis"] = 1e6 * (time.perf_counter() - started) / count
    return costs


# --- SES counts recipients: the gate's figures (a) to (d) ----------------------------------------


class Sender(NamedTuple):
    """One worker process of a recipients scenario."""

    ses_url: str
    redis_url: str
    account: str
    rate: float
    sizes: list[int]  # the recipients of each message it sends, in order
    quota: float | None  # the gate's budget, if it knows one
    window: float
    lane: str | None
    every: float  # seconds between sends (a transactional sender), or 0 to send at once
    until: float  # time.time() to stop at, or 0 to send every message
    drop_in: bool = False  # the client takes the slots itself: the worker has no slot()


LANES = {"transactional": fleet.Lane(rate=0.3, quota=0.1)}
# The gate paces this far under the account's rate. SES measures the rate as requests arrive,
# and a few milliseconds of delay on one request and not the next compress a schedule paced
# at exactly R; a 50-recipient message after it then meets an empty bucket. (The docs say so.)
PACE = 0.95


def recipients_worker(job: Sender) -> dict[str, Any]:
    """Send every message of ``job`` through the gate; defer what it refuses, and come back.

    A message ends sent or lost; one the gate refuses (``Closed``) is kept, waited for and
    sent when the gate says. Returns the counts and each slot's wait.
    """
    gate = fleet.Gate(
        job.redis_url,
        account=job.account,
        max_rate=PACE * job.rate,
        daily_quota=job.quota,
        quota_window=job.window,
        hold=job.window,
        lanes=LANES,
    )
    # Drop-in: the gate rides on the client, and the worker's code below takes no slot.
    client = ses_errors.patch_client(
        _client(job.ses_url, 1), gate=gate if job.drop_in else None, lane=job.lane
    )
    out: dict[str, Any] = {"sent": 0, "deferred": 0, "lost": 0, "waits": []}
    started = time.monotonic()
    for index, size in enumerate(job.sizes):
        if job.until and time.time() > job.until:
            break
        if job.every:  # one send every `every` seconds, on a fixed beat
            time.sleep(max(0.0, started + job.every * index - time.monotonic()))
        out[_send_until_done(client, gate, job, size, out["waits"])] += 1
    return out


def _send_until_done(
    client: Any,  # noqa: ANN401 - a boto3 client
    gate: fleet.Gate,
    job: Sender,
    size: int,
    waits: list[float],
) -> str:
    deferred = False
    for _attempt in range(1000):
        asked = time.monotonic()
        try:
            if job.drop_in:
                client.send_email(**_request(size))
            else:
                with gate.slot(recipients=size, lane=job.lane):
                    waits.append(time.monotonic() - asked)
                    client.send_email(**_request(size))
        except fleet.Closed as closed:
            deferred = True
            time.sleep(closed.retry_after + 0.01)
        except ses_errors.SESError as exc:
            if not exc.is_retryable and exc.action is not ses_errors.Action.DEFER:
                return "lost"
        else:
            return "deferred" if deferred else "sent"
    return "lost"


def _client(url: str, attempts: int) -> Any:  # noqa: ANN401 - a boto3 client
    return boto3.client(
        "ses",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",  # noqa: S106 - the fake SES checks nothing
        config=Config(retries={"total_max_attempts": attempts}, max_pool_connections=4),
    )


def _request(size: int) -> dict[str, Any]:
    return {
        "Source": "a@example.com",
        "Destination": {"ToAddresses": [f"r{n}@example.com" for n in range(size)]},
        "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
    }


def _sizes(count: int, seed: int) -> list[int]:
    rng = random.Random(seed)  # noqa: S311 - message sizes, not secrets
    return [rng.randint(1, 50) for _ in range(count)]


def _scenario(fake: FakeSES, senders: list[Sender]) -> tuple[list[dict[str, Any]], float]:
    context = multiprocessing.get_context("spawn")
    started = time.monotonic()
    with context.Pool(len(senders)) as pool:
        outcomes = pool.map(recipients_worker, senders)
    fake.stop()
    return outcomes, time.monotonic() - started


def recipients_figures(redis_url: str, *, quick: bool) -> dict[str, Any]:
    """Run scenarios (a) to (c) against the recipient-counting fake SES; time (d)."""
    rate, workers = 50.0, 8
    figures: dict[str, Any] = {}

    def senders(fake: FakeSES, per_worker: int, **overrides: Any) -> list[Sender]:  # noqa: ANN401 - Sender's fields
        account = f"bench-{uuid.uuid4().hex}"
        base = Sender(fake.url, redis_url, account, rate, [], None, 86_400.0, None, 0.0, 0.0)
        return [
            base._replace(sizes=_sizes(per_worker, seed), **overrides) for seed in range(workers)
        ]

    for mode, drop_in in (("", False), (" drop-in", True)):
        figures |= _counting_figures(senders, rate, workers, mode, drop_in=drop_in, quick=quick)
    figures["c"] = _lanes_figures(redis_url, rate, workers, quick=quick)
    figures["d"] = slot_against_ping(redis_url, 200 if quick else 3000)
    return figures


def _counting_figures(  # noqa: PLR0913 - the scenario's settings
    senders: Any,  # noqa: ANN401 - recipients_figures' maker of senders
    rate: float,
    workers: int,
    mode: str,
    *,
    drop_in: bool,
    quick: bool,
) -> dict[str, Any]:
    """Run (a) and (b), the worker taking its slots, or (drop-in) the client taking them."""
    figures: dict[str, Any] = {}
    # (a) 8 processes, 1 to 50 recipients a message, R = 50 recipients a second.
    fake = FakeSES(rate, math.inf)
    outcomes, seconds = _scenario(fake, senders(fake, 2 if quick else 8, drop_in=drop_in))
    figures["a" + mode] = {
        "achieved / R": fake.achieved() / rate,
        "throttled": fake.throttled,
        "requests": fake.requests,
        "recipients sent": fake.recipients,
        "lost": sum(o["lost"] for o in outcomes),
        "seconds": seconds,
    }
    # (b) a quota known to the gate, in a short window: nothing on a spent quota.
    window, quota = (4.0, 100.0) if quick else (15.0, 300.0)
    fake = FakeSES(rate, quota, window)
    outcomes, seconds = _scenario(
        fake, senders(fake, 2 if quick else 3, quota=quota, window=window, drop_in=drop_in)
    )
    messages = (2 if quick else 3) * workers
    figures["b" + mode] = {
        "requests on a spent quota": fake.on_spent_quota,
        "messages sent": fake.sent,
        "of": messages,
        "deferred, then sent": sum(o["deferred"] for o in outcomes),
        "lost": sum(o["lost"] for o in outcomes),
        "seconds": seconds,
    }
    return figures


def _lanes_figures(redis_url: str, rate: float, workers: int, *, quick: bool) -> dict[str, Any]:
    """(c) bulk saturating the account from 8 workers, a transactional send once a second."""
    seconds = 8.0 if quick else 30.0
    results: dict[str, Any] = {}
    for with_transactional in (True, False):
        fake = FakeSES(rate, math.inf)
        account = f"bench-{uuid.uuid4().hex}"
        until = time.time() + seconds
        bulk = [
            Sender(
                fake.url,
                redis_url,
                account,
                rate,
                _sizes(1000, seed),
                None,
                86_400.0,
                None,
                0.0,
                until,
            )
            for seed in range(workers)
        ]
        transactional = Sender(
            fake.url,
            redis_url,
            account,
            rate,
            [1] * int(seconds),
            None,
            86_400.0,
            "transactional",
            1.0,
            until,
        )
        outcomes, _ = _scenario(fake, [*bulk, transactional] if with_transactional else bulk)
        if with_transactional:
            waits = sorted(outcomes[-1]["waits"])
            results["transactional p99 wait (s)"] = waits[
                min(len(waits) - 1, int(0.99 * len(waits)))
            ]
            results["its bound: 2 / (share x R) + 50 ms"] = 2 / (0.3 * rate) + 0.05
            results["transactional sent"] = outcomes[-1]["sent"]
            results["throttled"], results["requests"] = fake.throttled, fake.requests
        else:
            results["bulk alone: achieved / R"] = fake.achieved() / rate
    return results


def slot_against_ping(redis_url: str, count: int) -> dict[str, float]:
    """(d) one slot on Redis against a bare round trip (PING) on the same server, as a ratio."""
    import redis  # noqa: PLC0415 - the bench's own dependency

    client = redis.Redis.from_url(redis_url)
    gate = fleet.Gate(
        redis_url, account=f"cost-{uuid.uuid4().hex}", max_rate=1e9, sleep=lambda _: None
    )
    for _ in range(50):  # warm both up: connections made, the script loaded
        client.ping()
        with gate.slot():
            pass
    started = time.perf_counter()
    for _ in range(count):
        client.ping()
    ping = (time.perf_counter() - started) / count
    started = time.perf_counter()
    for _ in range(count):
        with gate.slot():
            pass
    slot = (time.perf_counter() - started) / count
    client.close()
    return {"PING µs": 1e6 * ping, "slot µs": 1e6 * slot, "slot / PING": slot / ping}


def main(argv: list[str] | None = None) -> int:
    """Run the comparison of modes and the recipients figures; print them as tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--quota", type=int, default=300)
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument(
        "--only", choices=["compare", "recipients"], help="run one part: the modes, or (a)-(d)"
    )
    parser.add_argument("--quick", action="store_true", help="a small run: proves it works")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if args.quick:
        args.rate, args.quota, args.messages = 50.0, 40, 60
    server, redis_url = _redis_server()
    rows: list[dict[str, Any]] = []
    costs: dict[str, float] = {}
    figures: dict[str, Any] = {}
    try:
        if args.only != "recipients":
            rows = [_run_mode(mode, args, redis_url) for mode in _modes()]
            costs = slot_cost(redis_url, 200 if args.quick else 5000)
        if args.only != "compare":
            figures = recipients_figures(redis_url, quick=args.quick)
    finally:
        server.terminate()
        server.wait(timeout=10)
    if args.json:
        print(json.dumps({"rows": rows, "slot_cost_us": costs, "recipients": figures}, indent=2))
        return 0
    if rows:
        _print_modes(args, rows, costs)
    for name, values in figures.items():
        print(f"({name}) " + ", ".join(f"{key}: {_cell(value)}" for key, value in values.items()))
    return 0


def _print_modes(
    args: argparse.Namespace, rows: list[dict[str, Any]], costs: dict[str, float]
) -> None:
    print(f"N={args.workers} workers, R={args.rate:g}/s, Q={args.quota}, {args.messages} messages")
    columns = [c for c in rows[0] if c != "mode"]
    print("| mode | " + " | ".join(columns) + " |")
    print("| --- |" + " --- |" * len(columns))
    for row in rows:
        cells = [row["mode"], *(_cell(row[c]) for c in columns)]
        print("| " + " | ".join(cells) + " |")
    print()
    for label, cost in costs.items():
        print(f"one acquisition alone, {label}: {cost:.0f} µs")
    print()


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


if __name__ == "__main__":
    raise SystemExit(main())
