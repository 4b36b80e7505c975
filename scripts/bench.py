"""Benchmark parse_error against the bare lxml floor and botocore's full path, side by side.

    pip install -e . --group bench
    python scripts/bench.py            # full run (about a minute)
    python scripts/bench.py --quick    # a few repeats only, to prove the script works

Everything is measured in this one process and reported as ratios, because these machines are
noisy: parse_error, the floor and botocore take turns within each of many short timeit rounds,
and each figure is its best round. Import times are measured in fresh processes (median of
several). Nothing here asserts on time.

The floor parses with ``fromstring``, as parse_error does. The run also prints lxml's feed
interface alone on one body: it is cheaper, but a fed parser that is used again keeps the
encoding of the document it read before (a UTF-32 body, then a UTF-8 one, fails), so
parse_error does not use it.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import timeit
import tracemalloc
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from lxml import etree

import ses_errors

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from botocore.exceptions import ClientError
    from botocore.parsers import ResponseParser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
NS = "{http://ses.amazonaws.com/doc/2010-12-01/}"

# (label, body, HTTP status, headers, SES API)
CASES: list[tuple[str, bytes, int, dict[str, str], str]] = [
    ("MessageRejected", (FIXTURES / "message_rejected.xml").read_bytes(), 400, {}, "v1"),
    ("Throttling", (FIXTURES / "throttling_rate.xml").read_bytes(), 400, {}, "v1"),
    ("InternalFailure", (FIXTURES / "internal_failure.xml").read_bytes(), 500, {}, "v1"),
    ("unknown code", (FIXTURES / "unknown_code.xml").read_bytes(), 400, {}, "v1"),
    (
        # A 4 KB message that matches no message case, runs of spaces inside: its cases are
        # looked up in one bounded pass, whatever its length.
        "MessageRejected, 4 KB message",
        (
            "<ErrorResponse><Error><Type>Sender</Type><Code>MessageRejected</Code><Message>"
            + "word     " * 450
            + "</Message></Error><RequestId>r</RequestId></ErrorResponse>"
        ).encode(),
        400,
        {},
        "v1",
    ),
    # A proxy's 5xx page: no SES error, so the status picks the family.
    ("HTML 502 page", (FIXTURES / "proxy_502.html").read_bytes(), 502, {}, "v1"),
    (
        "v2 JSON NotFound",
        b'{"message":"Template welcome does not exist."}',
        404,
        {"x-amzn-ErrorType": "NotFoundException:http://internal.amazon.com/coral/sesv2/"},
        "v2",
    ),
]

_FLOOR_PARSER = etree.XMLParser(
    resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
)


def floor_xml(body: bytes) -> str | None:
    """Parse at the floor: a hardened fromstring and one findtext, nothing else."""
    root = etree.fromstring(body, _FLOOR_PARSER)
    return root.findtext(f"{NS}Error/{NS}Code")


def floor_json(body: bytes, headers: dict[str, str]) -> str:
    """Read a v2 body at the floor: json.loads and the header's code."""
    json.loads(body)
    return headers["x-amzn-ErrorType"].partition(":")[0]


class BotocorePath:
    """botocore's full path for one SES API: parse the body, look the class up, build it."""

    def __init__(self, service: str, parser: ResponseParser) -> None:
        """Make an offline client for ``service`` (no request is ever sent)."""
        import botocore.session  # noqa: PLC0415 - an optional dependency of the benchmark

        self.client = botocore.session.get_session().create_client(
            service,
            region_name="us-east-1",
            aws_access_key_id="bench",
            aws_secret_access_key="bench",  # noqa: S106 - a dummy for an offline client
        )
        self.operation = self.client.meta.service_model.operation_model("SendEmail")
        self.parser = parser

    def __call__(self, body: bytes, status: int, headers: dict[str, str]) -> Exception:
        """Do what a botocore client does with an error response."""
        response = {"body": body, "headers": headers, "status_code": status}
        parsed = self.parser.parse(response, self.operation.output_shape)  # type: ignore[arg-type] # botocore accepts None for an operation without output
        # botocore-stubs types from_code as returning an instance; at run time it is the class.
        cls = cast("type[ClientError]", self.client.exceptions.from_code(parsed["Error"]["Code"]))
        return cls(parsed, "SendEmail")


def botocore_paths() -> dict[str, BotocorePath]:
    """Return botocore's full path for SES v1 (Query XML) and SES v2 (REST JSON)."""
    from botocore.parsers import QueryParser, RestJSONParser  # noqa: PLC0415

    return {"v1": BotocorePath("ses", QueryParser()), "v2": BotocorePath("sesv2", RestJSONParser())}


def per_call(fn: Callable[[], object], repeat: int, number: int) -> float:
    """Best seconds per call over ``repeat`` timeit runs of ``number`` calls."""
    return best_per_call({"fn": fn}, repeat, number)["fn"]


def best_per_call(
    fns: dict[str, Callable[[], object]], rounds: int, number: int
) -> dict[str, float]:
    """Best seconds per call of each function, timed in turn within each of ``rounds`` rounds.

    Taking turns puts every function through the same bursts of load from other tenants of
    the machine; the best of many rounds is the figure that load can only make worse.
    """
    timers = {name: timeit.Timer(fn) for name, fn in fns.items()}
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(rounds):
        for name, timer in timers.items():
            best[name] = min(best[name], timer.timeit(number) / number)
    return best


def import_times(statements: dict[str, str], runs: int) -> dict[str, float]:
    """Median seconds each statement takes in a fresh interpreter, the statements taking turns.

    Taking turns run by run, rather than running one statement ``runs`` times and then the
    next, puts every statement through the same phases of load on the machine.
    """
    # Bytecode caching on, as in any installed package.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(statement: str) -> float:
        code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
        return float(subprocess.check_output([sys.executable, "-c", code], text=True, env=env))

    for statement in statements.values():
        run(statement)  # the first run writes the .pyc files
    times: dict[str, list[float]] = {name: [] for name in statements}
    for _ in range(runs):
        for name, statement in statements.items():
            times[name].append(run(statement))
    return {name: statistics.median(values) for name, values in times.items()}


def memory_figures(count: int) -> tuple[float, int, int]:
    """Bytes per retained exception; peak traced memory parsing ``count`` errors one by one."""
    body = CASES[0][1]
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = [ses_errors.parse_error(body, http_status=400) for _ in range(10_000)]
    per_instance = (tracemalloc.get_traced_memory()[0] - before) / len(kept)
    del kept
    gc.collect()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    for _ in range(count):
        ses_errors.parse_error(body, http_status=400)
    streaming_peak = tracemalloc.get_traced_memory()[1] - base
    retained = [ses_errors.parse_error(body, http_status=400) for _ in range(count)]
    retained_peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    del retained
    return per_instance, streaming_peak, retained_peak


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repeats: proves it runs")
    args = parser.parse_args(argv)
    quick = (3, 200, 2, 1_000)
    # Many short rounds: the shorter a round, the likelier that one of them runs undisturbed.
    repeat, number, imports, memory_count = quick if args.quick else (200, 200, 15, 100_000)

    print(f"# ses-errors benchmark ({'quick' if args.quick else 'full'} run)")
    print(
        f"python {platform.python_version()}, lxml {etree.__version__}, {platform.machine()}, "
        f"{platform.platform()}"
    )
    botocore = botocore_paths()
    print()
    print(
        "| body | parse_error µs | lxml floor µs | botocore µs | ours / floor | botocore / ours |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for label, body, status, headers, api in CASES:
        floor_call = partial(floor_xml, body) if api == "v1" else partial(floor_json, body, headers)
        best = best_per_call(
            {
                "ours": partial(ses_errors.parse_error, body, http_status=status, headers=headers),
                "floor": floor_call,
                "botocore": partial(botocore[api], body, status, headers),
            },
            repeat,
            number,
        )
        ours, floor, theirs = best["ours"], best["floor"], best["botocore"]
        print(
            f"| {label} | {ours * 1e6:.2f} | {floor * 1e6:.2f} | {theirs * 1e6:.2f} "
            f"| {ours / floor:.2f}x | {theirs / ours:.2f}x |"
        )

    print_feed_against_fromstring(CASES[0][1], repeat, number)
    print_patched_client(repeat)

    huge = b"<ErrorResponse>" + b"<a/>" * (50 * 1024 * 1024 // 4)
    refuse = per_call(partial(_refuse, huge), repeat, 20)
    print()
    print(f"refusing a 50 MiB body: {refuse * 1e6:.1f} µs")

    imported = import_times(
        {
            "ours": "import ses_errors",
            "floor": "import lxml.etree, attrs",
            "boto3": "import boto3; boto3.client('ses', region_name='us-east-1', "
            "aws_access_key_id='x', aws_secret_access_key='y').exceptions.MessageRejected",
            "first parse": "import ses_errors; ses_errors.parse_error(b'<ErrorResponse><Error>"
            "<Code>Throttling</Code></Error></ErrorResponse>')",
        },
        imports,
    )
    ours_import, floor_import = imported["ours"], imported["floor"]
    boto_import, first_parse = imported["boto3"], imported["first parse"]
    print()
    print("| cold import (median of fresh processes) | ms | ratio |")
    print("| --- | --- | --- |")
    print(f"| import ses_errors | {ours_import * 1e3:.1f} | 1.00x |")
    print(
        f"| import lxml.etree, attrs | {floor_import * 1e3:.1f} "
        f"| ours {ours_import / floor_import:.2f}x of it |"
    )
    print(
        f"| import boto3 + ses client's MessageRejected | {boto_import * 1e3:.1f} "
        f"| {boto_import / ours_import:.1f}x ours |"
    )
    print(f"| import ses_errors + first parse_error | {first_parse * 1e3:.1f} | |")

    per_instance, streaming_peak, retained_peak = memory_figures(memory_count)
    print()
    print(f"bytes per retained MessageRejected instance: {per_instance:.0f}")
    print(
        f"peak traced memory parsing {memory_count:,} errors one at a time: "
        f"{streaming_peak / 1024:.0f} KiB"
    )
    print(
        f"peak traced memory parsing and keeping {memory_count:,} errors: "
        f"{retained_peak / 1024 / 1024:.1f} MiB"
    )
    return 0


_SENT = (
    b'<SendEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><SendEmailResult>'
    b"<MessageId>m-1</MessageId></SendEmailResult><ResponseMetadata><RequestId>r-1</RequestId>"
    b"</ResponseMetadata></SendEmailResponse>"
)
_SEND = {
    "Source": "a@example.com",
    "Destination": {"ToAddresses": ["b@example.com"]},
    "Message": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
}


class _Raw:
    """A raw HTTP body, as botocore's AWSResponse reads one."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: object) -> Iterator[bytes]:
        yield self.body


def _answered_client(body: bytes, status: int, *, patched: bool) -> Any:  # noqa: ANN401
    """Return a real botocore ses client whose requests are answered in-process, no network."""
    import botocore.session  # noqa: PLC0415 - an optional dependency of the benchmark
    from botocore.awsrequest import AWSResponse  # noqa: PLC0415
    from botocore.config import Config  # noqa: PLC0415

    client = botocore.session.get_session().create_client(
        "ses",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",  # noqa: S106 - nothing is sent anywhere
        config=Config(retries={"total_max_attempts": 1}),
    )

    def answer(request: Any, **_: object) -> AWSResponse:  # noqa: ANN401 - botocore's request
        return AWSResponse(request.url, status, {"content-type": "text/xml"}, _Raw(body))  # type: ignore[arg-type]  # duck-typed raw body

    # botocore-stubs types handlers as returning None; before-send's may return the response.
    client.meta.events.register("before-send.ses", answer)  # type: ignore[arg-type]
    return ses_errors.patch_client(client) if patched else client


def _send(client: Any) -> None:  # noqa: ANN401
    with contextlib.suppress(Exception):
        client.send_email(**_SEND)


def print_patched_client(repeat: int) -> None:
    """Print a patched client's cost end to end, against an unpatched one, on both paths."""
    print()
    for label, body, status in (
        ("error path (MessageRejected)", CASES[0][1], 400),
        ("success path", _SENT, 200),
    ):
        plain = _answered_client(body, status, patched=False)
        patched = _answered_client(body, status, patched=True)
        best = best_per_call(
            {"unpatched": partial(_send, plain), "patched": partial(_send, patched)},
            repeat,
            20,
        )
        print(
            f"patched client, {label}: {best['patched'] * 1e6:.0f} µs against "
            f"{best['unpatched'] * 1e6:.0f} µs unpatched "
            f"({best['patched'] / best['unpatched']:.3f}x)"
        )


def print_feed_against_fromstring(body: bytes, repeat: int, number: int) -> None:
    """Print lxml alone on one body: ``fromstring`` (the floor's) against feed() and close()."""
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )

    def feed() -> etree._Element:
        parser.feed(body)
        return parser.close()

    best = best_per_call(
        {"fromstring": partial(etree.fromstring, body, parser), "feed": feed}, repeat, number
    )
    print()
    print(
        f"lxml alone, {CASES[0][0]} body: fromstring {best['fromstring'] * 1e6:.2f} µs, "
        f"feed() and close() {best['feed'] * 1e6:.2f} µs "
        f"({best['feed'] / best['fromstring']:.2f}x; not used, see the docstring)"
    )


def _refuse(body: bytes) -> None:
    try:
        ses_errors.parse_error(body)
    except ses_errors.ResponseParseError:
        return
    raise AssertionError("a 50 MiB body was not refused")


if __name__ == "__main__":
    raise SystemExit(main())
