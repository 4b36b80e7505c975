"""Shared helpers: the real-shaped SES bodies in tests/fixtures."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    """Return the bytes of one fixture file."""
    return (FIXTURES / name).read_bytes()
