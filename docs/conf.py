"""Sphinx configuration: furo, MyST Markdown pages, the API from the docstrings."""

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
# Anchors for the headings down to ###, so that pages link to each other's sections.
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"ses-errors {release}"
# Output blocks (text, console) wrap rather than scroll: see _static/ses-errors.css.
html_static_path = ["_static"]
html_css_files = ["ses-errors.css"]

# The docstrings are reStructuredText; signatures keep the annotations as written.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
# attrs writes its classes' __init__: their defaults read right only as values.
autodoc_preserve_defaults = False
autodoc_default_options = {"members": True, "undoc-members": False}
