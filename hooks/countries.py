"""MkDocs hook: transit-country markers -> comparison table and facts boxes.

Markers (see CONVENTIONS.md), each alone on its line, starting at column 1:

    <!-- md:countries -->          comparison table of data/countries.yml
    <!-- md:country armenia -->    facts box of one country

The rendered HTML cites sources as footnote references ``[^source-id]``, so
this hook must run before ``hooks/pages.py``, which adds the footnote text
(mkdocs.yml lists it right after ``hooks/data_tables.py``, which checks the
form of every marker and leaves these to this hook). The logic is in
``sitetools.countries``; this file only adapts it to MkDocs events.
"""

from __future__ import annotations

from _context import build_language, page_name, site_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitetools import LANGUAGES
from sitetools.countries import CountryMarkerError, expand_country_markers


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    """Replace the country markers of a page with HTML in the language being built."""
    if "md:countr" not in markdown:
        return None
    src_uri = page.file.src_uri
    try:
        return expand_country_markers(
            markdown,
            site_data(config),
            build_language(config, page),
            source=page_name(config, page),
            page_path=_page_path(src_uri),
        )
    except CountryMarkerError as exc:
        raise PluginError(str(exc)) from exc


def _page_path(src_uri: str) -> str:
    """The page's path inside its language folder: ``en/countries/x.md`` -> ``countries/x.md``."""
    first, sep, rest = src_uri.partition("/")
    return rest if sep and first in LANGUAGES else src_uri
