"""The files derived from the code table match it (the drift test)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ses_errors._table import CASES, FAMILIES, ROWS, SMTP_CLASSES

if TYPE_CHECKING:
    from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "generate.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ses_errors_generate", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()


@pytest.mark.parametrize("path", list(GENERATOR.expected_files()), ids=lambda p: p.name)
def test_committed_file_matches_the_table(path: Path) -> None:
    """Each derived file is exactly what the generator renders from the table today."""
    assert path.read_text("utf-8") == GENERATOR.expected_files()[path], (
        f"{path.name} is stale: run python scripts/generate.py"
    )


def test_generated_module_defines_one_class_per_row() -> None:
    """The rendered module has one class per row, family, message case and SMTP class, no other."""
    source = GENERATOR.render_classes()
    expected = len(ROWS) + len(FAMILIES) - 1 + len(CASES) + len(SMTP_CLASSES)
    assert source.count("\nclass ") == expected
    for row in ROWS:
        assert f'code="{row.code}"' in source
    for case in CASES:
        assert f"\nclass {case.name}(" in source
    # One keyword, psycopg's shape: a class without a code binds by its own name.
    assert "family=" not in source
    assert "case=" not in source
    assert "smtp=" not in source
