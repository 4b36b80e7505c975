"""Every Python example of the README and the docs pages runs, against real peers on loopback.

Each page runs in a process of its own (``docs_runner.py`` says how), in the order a reader
types its blocks; doctest blocks must print what they show.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

for _needed in ("sybil", "boto3", "moto.server", "django", "celery", "anymail", "django_ses"):
    pytest.importorskip(_needed)

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).with_name("docs_runner.py")
PAGES = sorted(
    path
    for path in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    if "```python" in path.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("page", PAGES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_example_of_the_page_runs(page: Path, moto_url: str, redis_url: str) -> None:
    """Each Python block of the page runs in order; doctest blocks print what they show."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(RUNNER), str(page), moto_url, redis_url],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    outcome = json.loads(result.stdout.splitlines()[-1])
    assert outcome["ran"], f"no example of {page.name} ran (skipped: {outcome['skipped']})"
    # Only the skips the pages explain: SES's own SMTP endpoint, and aiobotocore where the
    # matrix leaves it out.
    unexplained = [
        skip
        for skip in outcome["skipped"]
        if "SMTP endpoint" not in skip and "aiobotocore" not in skip
    ]
    assert unexplained == []
