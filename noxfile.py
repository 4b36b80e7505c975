"""The test matrix, one command for developers and CI alike: ``nox``.

Sessions (``nox -l`` lists them):

* ``check``: the README's test command on Python 3.11: format, lint, types, drift, tests;
* ``tests``: the suite on Python 3.12 and 3.13, with the newest releases that resolve there
  (Django 6 among them), not the versions of ``tests/constraints.txt``;
* ``oldest``: the suite on the oldest lxml and attrs that pyproject.toml claims;
* ``newest``: the suite on the newest boto3 and botocore (aiobotocore, which pins an older
  botocore, is left out and its tests skip);
* ``bare``: the suite without any optional package (the integration tests skip);
* ``docs``: the documentation site, warnings as errors, checked in headless Chromium;
* ``release``: the sdist and wheel built and checked, and the benchmarks once, quick.

nox looks for ``python3.11``, ``python3.12`` and ``python3.13`` on PATH; a missing one is
skipped locally and an error in CI (``--error-on-missing-interpreters``).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"

ROOT = Path(__file__).parent
OLDEST = "3.11"


def _install(session: nox.Session, group: str, *options: str) -> None:
    """Install the package and a dependency group of pyproject.toml (PEP 735).

    pip reads dependency groups from 25.1 on; a new environment's bundled pip may be older.
    """
    session.install("--upgrade", "pip>=25.1")
    session.install("-e", ".", "--group", group, *options)


def _claimed_floors() -> list[str]:
    """Return ``name==version`` for each runtime dependency's ``>=`` floor in pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = []
    for requirement in project["dependencies"]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", requirement)
        if match is None:
            msg = f"a runtime dependency without a plain >= floor: {requirement!r}"
            raise ValueError(msg)
        floors.append(f"{match[1]}=={match[2]}")
    return floors


# The test group's versions as last resolved together on Python 3.11 (scripts/lock-tests):
# the README's test command installs them, and so do the sessions that stand for it.
RESOLVED = ("-c", str(ROOT / "tests" / "constraints.txt"))


@nox.session(python=OLDEST)
def check(session: nox.Session) -> None:
    """Run the README's test command: format, lint, types, drift and the whole suite."""
    _install(session, "test", *RESOLVED)
    session.run("scripts/check", *session.posargs, external=True)


@nox.session(python=["3.12", "3.13"])
def tests(session: nox.Session) -> None:
    """Run the whole suite with every optional package, on the newer interpreters."""
    _install(session, "test")
    session.run("python", "-m", "pytest", "-q", *session.posargs)


@nox.session(python=OLDEST)
def oldest(session: nox.Session) -> None:
    """Run the whole suite on the oldest lxml and attrs that pyproject.toml claims."""
    floors = _claimed_floors()
    constraints = Path(session.create_tmp()) / "oldest.txt"
    constraints.write_text("\n".join(floors) + "\n", encoding="utf-8")
    _install(session, "test", "-c", str(constraints))
    versions = "import lxml, attrs; print('lxml', lxml.__version__, 'attrs', attrs.__version__)"
    session.run("python", "-c", versions)
    session.run("python", "-m", "pytest", "-q", *session.posargs)


@nox.session(python=OLDEST)
def newest(session: nox.Session) -> None:
    """Run the whole suite on the newest boto3 and botocore; aiobotocore's tests skip."""
    _install(session, "test")
    session.run("python", "-m", "pip", "uninstall", "--quiet", "--yes", "aiobotocore")
    session.install("--upgrade", "boto3", "botocore", "botocore-stubs")
    versions = "import boto3, botocore; print('boto3', boto3.__version__, botocore.__version__)"
    session.run("python", "-c", versions)
    session.run("python", "-m", "pytest", "-q", *session.posargs)


@nox.session(python=OLDEST)
def bare(session: nox.Session) -> None:
    """Run the suite with no optional package: the integration tests skip, the rest pass."""
    session.install("-e", ".", "pytest", "hypothesis")
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *session.posargs)


@nox.session(python=OLDEST)
def docs(session: nox.Session) -> None:
    """Build the site with every warning an error, then load it in headless Chromium."""
    _install(session, "docs")
    out = Path(session.create_tmp()) / "html"
    session.run("sphinx-build", "-W", "--keep-going", "-q", "-b", "html", "docs", str(out))
    session.run("python", "scripts/check_docs.py", str(out))


@nox.session(python=OLDEST)
def release(session: nox.Session) -> None:
    """Build the sdist and wheel, check their metadata, and run each benchmark once, quick."""
    _install(session, "test", *RESOLVED)
    dist = Path(session.create_tmp()) / "dist"
    session.run("python", "-m", "build", "--outdir", str(dist), ".", silent=True)
    session.run("twine", "check", "--strict", *map(str, dist.iterdir()))
    session.run("python", "scripts/bench.py", "--quick")
    session.run("python", "scripts/bench_fleet.py", "--quick")
