"""The public surface: what `import ses_errors` offers, and what it must not import."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import ses_errors
from ses_errors._table import CASES, FAMILIES, ROWS, SMTP_CLASSES


def test_all_is_exactly_the_public_names() -> None:
    """__all__ lists every class, alias and function, each importable, and nothing else."""
    expected = {code for row in ROWS for code in (row.code, *row.aliases)}
    expected |= {family.family.value for family in FAMILIES}
    expected |= {case.name for case in CASES}
    expected |= {smtp.name for smtp in SMTP_CLASSES}
    expected |= {
        "Action",
        "Decision",
        "ResponseParseError",
        "SESError",
        "Scope",
        "as_ses_error",
        "from_client_error",
        "is_retryable",
        "parse_error",
        "patch_client",
        "typed_errors",
    }
    assert set(ses_errors.__all__) == expected
    assert len(ses_errors.__all__) == len(expected)
    for name in ses_errors.__all__:
        assert hasattr(ses_errors, name)


# The package's public submodules (its own list, which another test holds to its imports) and
# the integration modules, each the one home of the names in its __all__.
PUBLIC_MODULES = (
    *sorted(ses_errors._SUBMODULES),
    "integrations.anymail",
    "integrations.celery",
    "integrations.django_ses",
    "integrations.django_sns",
    "integrations.stamina",
    "integrations.tenacity",
)


def test_every_public_name_has_one_home() -> None:
    """No name is in the __all__ of two public modules (the package's own included)."""
    pytest.importorskip("django")  # the Django backends import it
    homes: dict[str, list[str]] = {name: ["ses_errors"] for name in ses_errors.__all__}
    for module in PUBLIC_MODULES:
        for name in importlib.import_module(f"ses_errors.{module}").__all__:
            homes.setdefault(name, []).append(module)
    assert {name: where for name, where in homes.items() if len(where) > 1} == {}


def test_each_public_submodule_is_an_attribute_of_the_package() -> None:
    """ses_errors.bulk, .http, .smtp, .lookup, .retry... are there after `import ses_errors`."""
    for module in PUBLIC_MODULES:
        if "." not in module:
            assert getattr(ses_errors, module).__name__ == f"ses_errors.{module}"


def _fresh_python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (nothing imported yet); return its stdout."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_import_pulls_in_no_optional_package() -> None:
    """`import ses_errors` imports neither botocore nor any optional integration's package."""
    code = (
        "import sys, ses_errors; "
        "bad = [m for m in ('botocore', 'boto3', 'aiobotocore', 'stamina', 'tenacity', 'celery', "
        "'aiosmtpd', 'smtplib', 'requests', 'httpx', 'aiohttp', 'moto') "
        "if m in sys.modules]; print(bad)"
    )
    assert _fresh_python(code).strip() == "[]"


def test_import_builds_no_attrs_class() -> None:
    """`import ses_errors` does not import attrs: its classes are compiled at import, a cost."""
    code = "import sys, ses_errors; print('attr' in sys.modules, 'attrs' in sys.modules)"
    assert _fresh_python(code).strip() == "False False"


def test_bridges_and_runners_load_on_first_use() -> None:
    """`import ses_errors` loads no bridge, runner or bulk module; first use loads each."""
    code = (
        "import sys, ses_errors; "
        "lazy = ('ses_errors.retry', 'ses_errors.bulk', 'ses_errors._botocore', "
        "'ses_errors._http', 'ses_errors._smtp', 'ses_errors.testing', 'asyncio'); "
        "print([m for m in lazy if m in sys.modules]); "
        "ses_errors.smtp.from_smtp_reply; ses_errors.retry.call; ses_errors.testing.render_xml; "
        "print([m for m in lazy[:6] if m not in sys.modules])"
    )
    assert _fresh_python(code).split("\n")[:2] == ["[]", "['ses_errors.bulk', 'ses_errors._http']"]


def test_unknown_attribute_is_an_attribute_error() -> None:
    """A name the package does not have raises AttributeError; dir() lists the lazy names."""
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = ses_errors.nope  # type: ignore[attr-defined]  # the missing name is the point
    assert "from_client_error" in dir(ses_errors)


def test_the_lazy_names_are_the_type_checking_imports() -> None:
    """_LAZY and _SUBMODULES name exactly what __init__ imports under TYPE_CHECKING."""
    source = Path(ses_errors.__file__).read_text(encoding="utf-8")
    guarded = next(
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    imported = {
        alias.name: node.module
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    submodules = {name for name, module in imported.items() if module == "ses_errors"}
    assert submodules == ses_errors._SUBMODULES
    assert {name: imported[name] for name in imported.keys() - submodules} == ses_errors._LAZY


@pytest.mark.parametrize(
    "name",
    [
        "ses_errors.bulk",
        "ses_errors.retry",
        "ses_errors.testing",
        "ses_errors.integrations.stamina",
        "ses_errors.integrations.tenacity",
        "ses_errors.integrations.celery",
    ],
)
def test_each_public_submodule_lists_what_it_offers(name: str) -> None:
    """A public submodule's __all__ names exactly its public functions, classes and constants."""
    module = importlib.import_module(name)
    assert module.__file__ is not None
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    defined = {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    } | {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    public = {attr for attr in defined if not attr.startswith("_") and len(attr) > 1}
    assert set(module.__all__) >= public
    assert all(hasattr(module, attr) for attr in module.__all__)


def test_the_version_is_the_installed_distribution_s() -> None:
    """ses_errors.__version__ is read from the installed metadata, on first use."""
    from importlib.metadata import version  # noqa: PLC0415 - the check, not the package

    assert ses_errors.__version__ == version("ses-errors")
