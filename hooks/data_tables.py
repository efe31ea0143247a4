"""MkDocs hook: replace data markers in pages with generated tables and figures.

The markers (``<!-- md:statute cc-338 -->``, ``md:figure``, ``md:acts``; see
CONVENTIONS.md) and their checks are in ``sitetools.tables``; this file
adapts them to MkDocs events. Tables are rendered in the language being
built (the i18n plugin's current language), so a page that falls back to
English still gets tables in the reader's language. A fresh clone's first
build renders the later languages' tables beside the English pages
(``sitetools.prerender``).
"""

from __future__ import annotations

from _context import build_language, page_name, site_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitetools.data import SiteData
from sitetools.tables import MARKER_KINDS, OTHER_HOOKS_KINDS, TableMarkerError
from sitetools.tables import expand_markers as _expand_markers

__all__ = ["MARKER_KINDS", "OTHER_HOOKS_KINDS", "expand_markers", "on_page_markdown"]

# --------------------------------------------------------------------------
# Events


# No on_config: the data is loaded and checked when a hook first asks for it
# (the first page), so that a fresh clone's first build can parse it beside
# the build meanwhile (sitetools.warm).


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    """Replace the markers in a page with HTML in the language being built."""
    return expand_markers(
        markdown,
        site_data(config),
        build_language(config, page),
        source=page_name(config, page),
    )


# --------------------------------------------------------------------------
# MkDocs helpers


def expand_markers(markdown: str, site: SiteData, lang: str, *, source: str) -> str:
    """``sitetools.tables.expand_markers``, its errors as one-line ``PluginError``s."""
    try:
        return _expand_markers(markdown, site, lang, source=source)
    except TableMarkerError as exc:
        raise PluginError(str(exc)) from exc
