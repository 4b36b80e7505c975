"""Attack-class bodies: each is refused or read without expansion, file access or network.

Every body here is built at run time. Tests that need a listener bind to loopback only.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import tracemalloc
from typing import TYPE_CHECKING

import pytest
from lxml import etree

import ses_errors
from ses_errors import _parse

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

NS = "http://ses.amazonaws.com/doc/2010-12-01/"
XINCLUDE = (
    '<ErrorResponse xmlns:xi="http://www.w3.org/2001/XInclude"><Error><Code>'
    '<xi:include href="{href}" parse="text"/></Code></Error></ErrorResponse>'
)
ERROR_TAIL = (
    "<ErrorResponse><Error><Code>{code}</Code><Message>{msg}</Message></Error></ErrorResponse>"
)


def _refused(body: bytes | str, reason: str | None = None) -> ses_errors.ResponseParseError:
    """Assert the body is refused with the documented exception (and reason); return it."""
    with pytest.raises(ses_errors.ResponseParseError) as info:
        ses_errors.parse_error(body)
    if reason is not None:
        assert info.value.reason == reason
    return info.value


def _falls_back(body: bytes | str) -> None:
    """With a status, the same body gives the status's family and no code."""
    exc = ses_errors.parse_error(body, http_status=503)
    assert type(exc) is ses_errors.ServerSideError
    assert exc.code is None


def test_billion_laughs_is_refused() -> None:
    """Nested entity amplification is refused before any expansion."""
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    body = f"<!DOCTYPE ErrorResponse [{''.join(decls)}]>" + ERROR_TAIL.format(
        code="Throttling", msg="&lol9;"
    )
    _refused(body.encode(), "doctype")
    _falls_back(body.encode())


def test_quadratic_blowup_is_refused() -> None:
    """One large entity referenced many times is refused."""
    body = f'<!DOCTYPE ErrorResponse [<!ENTITY a "{"x" * 20000}">]>' + ERROR_TAIL.format(
        code="Throttling", msg="&a;" * 2000
    )
    _refused(body.encode(), "doctype")


def test_internal_entity_in_code_is_never_expanded() -> None:
    """An entity declared as "Throttling" never turns into a Throttling error."""
    body = '<!DOCTYPE r [<!ENTITY x "Throttling">]>' + ERROR_TAIL.format(code="&x;", msg="m")
    _refused(body.encode(), "doctype")
    exc = ses_errors.parse_error(body.encode(), http_status=400)
    assert exc.code is None
    assert type(exc) is ses_errors.SESError


@pytest.mark.parametrize(
    "prefix",
    [
        b"",
        b"\xef\xbb\xbf",
        b"<!-- a comment first -->",
        b'<?xml version="1.0"?>\n<!-- c --><?pi x?>\n',
    ],
)
def test_doctype_after_bom_comment_or_declaration_is_refused(prefix: bytes) -> None:
    """A DOCTYPE is refused wherever it stands before the root."""
    body = (
        prefix
        + b"<!DOCTYPE ErrorResponse>"
        + ERROR_TAIL.format(code="Throttling", msg="m").encode()
    )
    _refused(body, "doctype")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_doctype_in_wide_encodings_is_refused(encoding: str) -> None:
    """A DOCTYPE hidden from a byte search by a wide encoding is still refused."""
    text = f'<?xml version="1.0" encoding="{encoding.upper()}"?>' if "-" in encoding else ""
    text += '<!DOCTYPE r [<!ENTITY x "Throttling">]>' + ERROR_TAIL.format(code="&x;", msg="m")
    body = text.encode(encoding)
    error = _refused(body)
    assert error.reason in ("doctype", "not-xml")


def test_doctype_in_utf7_is_refused() -> None:
    """A DOCTYPE spelled in UTF-7 (where '<' is '+ADw-') is refused."""
    body = (
        b'<?xml version="1.0" encoding="UTF-7"?>'
        b"+ADw-!DOCTYPE r +AFs-+ADw-!ENTITY x +ACI-Throttling+ACI-+AD4-+AF0-+AD4-"
        b"+ADw-ErrorResponse+AD4-+ADw-Error+AD4-+ADw-Code+AD4-+ACY-x+ADs-+ADw-/Code+AD4-"
        b"+ADw-/Error+AD4-+ADw-/ErrorResponse+AD4-"
    )
    error = _refused(body)
    assert error.reason in ("doctype", "not-xml")


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """Make a named pipe: a parser that opens it for reading blocks, which the test detects."""
    path = tmp_path / "secret.fifo"
    os.mkfifo(path)
    yield path
    # Release any reader that did open it, so a failing test cannot hang the run.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    os.close(fd)


def _parse_in_thread(body: bytes) -> tuple[bool, BaseException | ses_errors.SESError | None]:
    """Parse in a thread; return whether it finished within 5 s, and what it returned/raised."""
    outcome: list[BaseException | ses_errors.SESError] = []

    def work() -> None:
        try:
            outcome.append(ses_errors.parse_error(body))
        except BaseException as exc:  # noqa: BLE001 - handed back to the test to inspect
            outcome.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout=5)
    return (not thread.is_alive(), outcome[0] if outcome else None)


@pytest.mark.parametrize(
    "template",
    [
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file://{path}">]>'
        + ERROR_TAIL.format(code="&x;", msg="m"),
        '<!DOCTYPE r SYSTEM "file://{path}">' + ERROR_TAIL.format(code="Throttling", msg="m"),
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "file://{path}"> %p;]>'
        + ERROR_TAIL.format(code="Throttling", msg="m"),
        XINCLUDE.format(href="file://{path}"),
    ],
    ids=["external-entity", "external-dtd", "parameter-entity", "xinclude"],
)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-32"])
def test_file_references_are_never_opened(fifo: Path, template: str, encoding: str) -> None:
    """External entities, DTDs, parameter entities and XInclude never open a local file."""
    # In UTF-16 and UTF-32 the DOCTYPE is out of sight of the byte search that refuses it
    # before parsing, so the parser's own options must keep libxml2 from opening anything.
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding != "utf-8" else ""
    body = (declaration + template.format(path=fifo)).encode(encoding)
    finished, outcome = _parse_in_thread(body)
    assert finished, "the parser opened the file (it blocked on the named pipe)"
    assert isinstance(outcome, (ses_errors.ResponseParseError, ses_errors.SESError))
    if isinstance(outcome, ses_errors.SESError):
        assert outcome.code is None or "secret" not in outcome.code


@pytest.mark.parametrize(
    "template",
    [
        '<!DOCTYPE r SYSTEM "file://{path}"><r/>',
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "file://{path}"> %p;]><r/>',
    ],
    ids=["external-dtd", "parameter-entity"],
)
def test_the_parser_itself_opens_no_file_a_doctype_names(fifo: Path, template: str) -> None:
    """The hardened parser, given a DOCTYPE directly, loads neither its DTD nor its entities."""
    parser = _parse._new_parser(encoding=None)  # pyright: ignore[reportPrivateUsage]
    body = template.format(path=fifo).encode()
    outcome: list[object] = []
    thread = threading.Thread(
        target=lambda: outcome.append(etree.fromstring(body, parser)), daemon=True
    )
    thread.start()
    thread.join(timeout=5)
    assert not thread.is_alive(), "the parser opened the file (it blocked on the named pipe)"


def test_file_content_never_reaches_the_exception(tmp_path: Path) -> None:
    """A readable file named by an external entity contributes nothing to the result."""
    secret = tmp_path / "secret.txt"
    secret.write_text("Throttling-SECRET-MARKER")
    body = f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>' + ERROR_TAIL.format(
        code="&x;", msg="&x;"
    )
    error = _refused(body.encode(), "doctype")
    assert "SECRET" not in str(error)
    exc = ses_errors.parse_error(body.encode(), http_status=400)
    assert "SECRET" not in repr(exc.to_dict())


@pytest.fixture
def listener() -> Iterator[tuple[socket.socket, int]]:
    """Listen on loopback TCP; the test only asks whether anyone connected."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.3)
    yield server, server.getsockname()[1]
    server.close()


@pytest.mark.parametrize(
    "template",
    [
        '<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]>'
        + ERROR_TAIL.format(code="&x;", msg="m"),
        '<!DOCTYPE r SYSTEM "http://127.0.0.1:{port}/r.dtd">'
        + ERROR_TAIL.format(code="Throttling", msg="m"),
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p"> %p;]>'
        + ERROR_TAIL.format(code="Throttling", msg="m"),
        XINCLUDE.format(href="http://127.0.0.1:{port}/c"),
    ],
    ids=["external-entity", "external-dtd", "parameter-entity", "xinclude"],
)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_network_references_are_never_fetched(
    listener: tuple[socket.socket, int], template: str, encoding: str
) -> None:
    """No URL in a body makes the parser connect, even to a listener on loopback."""
    # With lxml 6.1.3 / libxml2 2.14 even a permissive parser (no_network=False) did not connect:
    # that libxml2 has no HTTP client. The test guards builds and versions that do have one.
    server, port = listener
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding != "utf-8" else ""
    body = (declaration + template.format(port=port)).encode(encoding)
    finished, outcome = _parse_in_thread(body)
    assert finished
    assert isinstance(outcome, (ses_errors.ResponseParseError, ses_errors.SESError))
    with pytest.raises(TimeoutError):
        server.accept()


def test_xinclude_is_not_processed() -> None:
    """An xi:include in <Code> is an element, not an inclusion: the code is unreadable."""
    body = XINCLUDE.format(href="data:,Throttling").encode()
    _refused(body, "no-code")


def test_deep_nesting_is_refused_quickly() -> None:
    """Nesting far past libxml2's depth limit is refused as malformed, without a crash."""
    depth = 20000
    body = b"<ErrorResponse>" + b"<a>" * depth + b"</a>" * depth + b"</ErrorResponse>"
    error = _refused(body)
    assert error.reason in ("not-xml", "too-large")


def test_deep_json_nesting_is_refused() -> None:
    """JSON nested deeper than the recursion limit is refused, not a RecursionError."""
    depth = 10_000  # deep enough to pass Python's recursion limit, small enough for the cap
    _refused(b"[" * depth + b"]" * depth, "not-json")
    _refused(b'{"a":' * depth + b"1" + b"}" * depth, "not-json")


@pytest.mark.parametrize("as_text", [False, True])
def test_fifty_megabyte_body_is_refused_by_size(as_text: bool) -> None:
    """A 50 MB body is refused by the size cap, without building a tree, in well under 10 ms."""
    raw = b"<ErrorResponse>" + b"<a/>" * (50 * 1024 * 1024 // 4)
    body: bytes | str = raw.decode() if as_text else raw
    tracemalloc.start()
    start = time.perf_counter()
    error = _refused(body, "too-large")
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert error.size >= 50 * 1024 * 1024
    # A generous bound, not a benchmark: it proves no parse ran (a parse takes seconds).
    assert elapsed < 0.5
    assert peak < 1024 * 1024


def test_size_cap_is_configurable() -> None:
    """max_bytes lowers or raises the cap."""
    body = ERROR_TAIL.format(code="Throttling", msg="m" * 200).encode()
    with pytest.raises(ses_errors.ResponseParseError):
        ses_errors.parse_error(body, max_bytes=100)
    assert type(ses_errors.parse_error(body, max_bytes=len(body))) is ses_errors.Throttling
    big = ERROR_TAIL.format(code="Throttling", msg="m" * 100_000).encode()
    assert type(ses_errors.parse_error(big, max_bytes=200_000)) is ses_errors.Throttling


def test_many_empty_elements_under_the_cap_stay_cheap() -> None:
    """The worst tree the default cap admits (all empty elements) parses in bounded memory."""
    count = (ses_errors.http.MAX_BODY_BYTES - 64) // 4
    body = b"<ErrorResponse>" + b"<a/>" * count + b"</ErrorResponse>"
    tracemalloc.start()
    _refused(body, "not-an-error-document")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # tracemalloc sees Python allocations only; the point is that nothing grows with the body.
    assert peak < 4 * 1024 * 1024
