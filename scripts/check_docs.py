"""Check the built documentation site in a real headless browser (Chromium).

    python scripts/check_docs.py BUILD_DIR

Serves BUILD_DIR on loopback and loads pages in headless Chromium, reading the DOM it renders
(after the pages' scripts ran):

* every page of the site renders: its title, furo's page layout, and every file the browser
  asked for while loading it (styles, scripts, fonts) served without an error;
* the code table on the codes page has one row per row of the code table in the source;
* the search page, driven by its own JavaScript and search index, finds a code on the codes page;
* at 1280 and 1920 pixels, no table and no code block of any page is wider than the main column
  (measured by a script the server adds to each page it serves for this check);
* every public name (the package's ``__all__`` and each public module's) has an entry in the
  API index that Sphinx generated.

Exits 1 with one line per failure, 2 when no Chromium is installed.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from lxml import html

from ses_errors._table import ROWS

ROOT = Path(__file__).resolve().parents[1]
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
# No sandbox (CI runs as root), no GPU, nothing the browser would fetch on its own, and every
# host name but the loopback server's refused, so that a page can only load what the site has.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--virtual-time-budget=5000",
)
SEARCHED_CODE = "TemplateDoesNotExist"
# The window widths every page is measured at: a laptop's and a desktop's.
WIDTHS = (1280, 1920)


class _Server(http.server.ThreadingHTTPServer):
    """A loopback server of the built site that remembers every request and its status."""

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(_Handler, directory=str(directory))
        super().__init__(("127.0.0.1", 0), handler)
        self.requests: list[tuple[str, int]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


# Added to every page served with ?measure: it writes, as an attribute of <body> that the
# dumped DOM keeps, each table and code block of the main column that is wider than the column
# (or than its own box, for a block that scrolls), and the width of the column itself.
MEASURE = b"""<script>
window.addEventListener("load", () => {
  const main = document.querySelector("article[role=main]");
  const wide = [];
  if (main) {
    const limit = main.clientWidth + 1;
    for (const el of main.querySelectorAll("table, pre")) {
      const box = el.getBoundingClientRect();
      if (box.width > limit || el.scrollWidth > el.clientWidth + 1) {
        const where = el.closest("section[id]");
        wide.push(`${el.tagName.toLowerCase()} of ${Math.round(Math.max(box.width,
          el.scrollWidth))} px in #${where ? where.id : "?"}`);
      }
    }
    const page = document.documentElement;
    if (page.scrollWidth > page.clientWidth + 1) {
      wide.push(`the page scrolls: ${page.scrollWidth} px`);
    }
  }
  document.body.setAttribute("data-wide", JSON.stringify(wide));
  document.body.setAttribute("data-column", main ? String(main.clientWidth) : "0");
});
</script>"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        """Serve the site; an HTML page asked for with ?measure gets the measuring script."""
        path, _, query = self.path.partition("?")
        if query != "measure" or not path.endswith(".html"):
            super().do_GET()
            return
        page = Path(self.translate_path(path))
        if not page.is_file():
            self.send_error(404)
            return
        body = page.read_bytes().replace(b"</body>", MEASURE + b"</body>", 1)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        del size
        self.server.requests.append((self.path, int(code) if str(code).isdigit() else 0))

    def log_message(self, *_: object) -> None:
        pass


def _browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def _rendered(
    browser: str, server: _Server, page: str, width: int = 1280
) -> tuple[html.HtmlElement, list[str]]:
    """Return the DOM Chromium rendered for ``page`` at ``width`` and its failed requests."""
    server.requests.clear()
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                browser,
                *FLAGS,
                f"--window-size={width},1000",
                f"--user-data-dir={profile}",
                "--dump-dom",
                f"{server.url}/{page}",
            ],
            capture_output=True,
            check=False,
            timeout=120,
        )
    failed = [
        f"{path} answered {status}"
        for path, status in server.requests
        if status != 200 and path != "/favicon.ico"  # asked for by the browser, not the page
    ]
    if result.returncode != 0 or not result.stdout.strip():
        failed.append(f"chromium exited {result.returncode} with no page")
        return html.fromstring("<html></html>"), failed
    return html.fromstring(result.stdout), failed


def _text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _title_of(source: Path) -> str:
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].replace("`", "").strip()
    return ""


def check_pages(browser: str, server: _Server) -> list[str]:
    """Check each page at each width: title, furo's layout, files served, nothing too wide."""
    problems = []
    for source in sorted((ROOT / "docs").glob("*.md")):
        page = f"{source.stem}.html"
        for width in WIDTHS:
            dom, failed = _rendered(browser, server, f"{page}?measure", width)
            where = f"{page} at {width} px"
            problems += [f"{where}: {failure}" for failure in failed]
            problems += _layout_problems(dom, _title_of(source), where)
            problems += _width_problems(dom, where)
    return problems


def _layout_problems(dom: html.HtmlElement, title: str, where: str) -> list[str]:
    headings = [_text(h1) for h1 in dom.iter("h1")]
    problems = []
    if title and not any(heading.startswith(title) for heading in headings):
        problems.append(f"{where}: no heading {title!r} rendered (saw {headings[:3]})")
    if not dom.xpath("//article[@role='main']") or not dom.xpath("//aside"):
        problems.append(f"{where}: furo's layout (article and sidebars) is missing")
    return problems


def _width_problems(dom: html.HtmlElement, where: str) -> list[str]:
    wide = dom.xpath("//body/@data-wide")
    if not wide:
        return [f"{where}: the measuring script did not run"]
    column = dom.xpath("//body/@data-column")[0]
    return [f"{where}: {found} (column {column} px)" for found in json.loads(str(wide[0]))]


def check_code_table(browser: str, server: _Server) -> list[str]:
    """Check that the codes page's table has one body row per code of the source table."""
    dom, failed = _rendered(browser, server, "codes.html")
    tables = dom.xpath("//article//table")
    if not tables:
        return [*failed, "codes.html: no table rendered"]
    rows = tables[0].xpath(".//tbody/tr")
    # A code SES spells two ways shows both in its cell: "AlreadyExists / AlreadyExistsException".
    codes = {code for row in rows if len(row) for code in _text(row[0]).split(" / ")}
    missing = sorted({row.code for row in ROWS} - codes)
    problems = list(failed)
    if len(rows) != len(ROWS) or missing:
        problems.append(
            f"codes.html: {len(rows)} rows for {len(ROWS)} codes, missing {missing[:5]}"
        )
    return problems


def check_search(browser: str, server: _Server) -> list[str]:
    """Check that the site's own search, run by the browser, finds a code on the codes page."""
    dom, failed = _rendered(browser, server, f"search.html?q={SEARCHED_CODE}")
    results = dom.xpath("//ul[contains(@class, 'search')]/li/a/@href")
    summary = " ".join(_text(p) for p in dom.xpath("//p[contains(@class, 'search-summary')]"))
    problems = list(failed)
    if not any(str(href).startswith("codes.html") for href in results):
        problems.append(f"search for {SEARCHED_CODE}: codes.html not among {results} ({summary!r})")
    if not re.search(r"found [1-9]\d* page", summary):
        problems.append(f"search for {SEARCHED_CODE}: summary says {summary!r}")
    return problems


def _public_names() -> list[str]:
    """Return every public name with its documented path: ses_errors.X, ses_errors.module.X."""
    import importlib  # noqa: PLC0415

    import ses_errors  # noqa: PLC0415

    names = [f"ses_errors.{name}" for name in ses_errors.__all__ if name != "__version__"]
    for module in sorted(ses_errors._SUBMODULES):  # noqa: SLF001 - the package's own list
        found = importlib.import_module(f"ses_errors.{module}")
        names += [f"ses_errors.{module}.{name}" for name in found.__all__]
    return names


def check_index(browser: str, server: _Server) -> list[str]:
    """Check that the generated index has an entry for every public name."""
    dom, failed = _rendered(browser, server, "genindex.html")
    anchors = {str(href).partition("#")[2] for href in dom.xpath("//a/@href")}
    missing = [name for name in _public_names() if name not in anchors]
    return [*failed, *(f"genindex.html: no entry for {name}" for name in missing)]


def main(argv: list[str] | None = None) -> int:
    """Serve the site, run every check, print what failed, and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir", type=Path, help="the HTML that sphinx-build wrote")
    args = parser.parse_args(argv)
    browser = _browser()
    if browser is None:
        print("no Chromium found: install the distribution's chromium package", file=sys.stderr)
        return 2
    server = _Server(args.build_dir)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        problems = [
            *check_pages(browser, server),
            *check_code_table(browser, server),
            *check_search(browser, server),
            *check_index(browser, server),
        ]
    finally:
        server.shutdown()
        server.server_close()
    for problem in problems:
        print(problem, file=sys.stderr)
    pages = len(list((ROOT / "docs").glob("*.md")))
    checked = (
        f"{pages} pages at {' and '.join(map(str, WIDTHS))} px, the code table, search and the"
        f" index, in {Path(browser).name}"
    )
    print(f"{checked}: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
