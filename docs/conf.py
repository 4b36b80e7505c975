"""Sphinx configuration: furo, MyST Markdown pages, the API reference from the docstrings."""

from __future__ import annotations

from importlib.metadata import version as installed_version

project = "ses-errors"
author = "The ses-errors developers"
copyright = "2026, the ses-errors developers"  # noqa: A001 - Sphinx's own name for it
release = installed_version("ses-errors")
version = release

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
# Anchors for the headings of every page down to ###, so that pages link to each other's sections.
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"ses-errors {release}"
html_static_path: list[str] = []

# The docstrings are reStructuredText; signatures keep the annotations as written.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
# attrs writes its classes' __init__ itself, so their defaults read right only as values.
autodoc_preserve_defaults = False
autodoc_default_options = {"members": True, "undoc-members": False}
