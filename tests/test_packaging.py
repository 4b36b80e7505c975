"""The test group's resolved versions (tests/constraints.txt) still satisfy the group."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

packaging_requirements = pytest.importorskip("packaging.requirements")
packaging_utils = pytest.importorskip("packaging.utils")

ROOT = Path(__file__).parent.parent


def _pins() -> dict[str, str]:
    """Return each pinned package's normalised name and its version."""
    pins = {}
    for line in (ROOT / "tests" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[packaging_utils.canonicalize_name(name)] = version
    return pins


def test_every_package_of_the_test_group_is_pinned_at_a_version_it_accepts() -> None:
    """Adding or raising a test requirement without running scripts/lock-tests fails here."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = _pins()
    wrong = []
    for text in [*project["project"]["dependencies"], *project["dependency-groups"]["test"]]:
        requirement = packaging_requirements.Requirement(text)
        version = pins.get(packaging_utils.canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version):
            wrong.append(f"{text} (pinned: {version})")
    assert wrong == []
