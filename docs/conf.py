"""Sphinx configuration for the coopgame documentation site.

Build with ``make docs``; warnings are errors. The build needs no network:
intersphinx has no inventories and the theme loads no external assets.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import coopgame  # noqa: E402

# -- Project information -------------------------------------------------------
project = "coopgame"
author = "The coopgame developers"
copyright = "2026, The coopgame developers"
version = coopgame.__version__
release = coopgame.__version__

# -- General configuration -----------------------------------------------------
extensions = [
    "myst_nb",  # MyST pages (myst-nb includes myst-parser) and notebooks executed at build time
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # ships MathJax with the site, so formulas render without a network
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "Thumbs.db",
    ".DS_Store",
    "auto_examples/*.ipynb",
    "auto_examples/*.py",
    "auto_examples/*.zip",
    "auto_examples/*.md5",
    "auto_examples/*.pickle",
    "auto_examples/*.json",
    "sg_execution_times.rst",
]
templates_path: list[str] = []

# MyST: dollar maths, definition lists, and ``{eval-rst}`` for autosummary tables.
myst_enable_extensions = ["dollarmath", "amsmath", "deflist", "colon_fence"]
myst_heading_anchors = 3

# myst-nb: docs/notebooks/ are executed at every build (so they show what the library shows
# now); an error in a cell fails the build.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_execution_excludepatterns = ["auto_examples/*"]

# autodoc / autosummary
autosummary_generate = True
autosummary_imported_members = True
autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "none"  # numpydoc docstrings already state the types

# numpydoc
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()

# MathJax is served from a CDN by default; the build itself never fetches it.

# sphinx-gallery: every script in ../examples becomes a page in auto_examples/.
sphinx_gallery_conf = {
    "examples_dirs": str(ROOT / "examples"),
    "gallery_dirs": str(HERE / "auto_examples"),
    "filename_pattern": r"/plot_",
    "ignore_pattern": r"__init__\.py",
    "download_all_examples": False,
    "remove_config_comments": True,
    "matplotlib_animations": False,
    "within_subsection_order": "FileNameSortKey",
    "reset_modules": ("matplotlib",),
    "write_computation_times": False,
    "show_memory": False,
    "plot_gallery": "True",
}

# -- HTML output ---------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"coopgame {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "navbar_align": "left",
    "icon_links": [],
    "footer_start": ["copyright"],
    "footer_end": [],
    "secondary_sidebar_items": ["page-toc"],
}
html_context = {"default_mode": "light"}

nitpicky = False
suppress_warnings: list[str] = []
