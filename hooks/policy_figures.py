"""MkDocs hook: charts of data/statistics.yml and the EU policy asks of data/policy.yml.

Markers (see CONVENTIONS.md), each alone on its line, starting at column 1:

    <!-- md:chart <id> -->       SVG chart + caption with period and sources + table
    <!-- md:policy-asks -->      the policy asks (addressee, ask, evidence, status, sources)
    <!-- md:policy-appeals -->   the earlier appeals to EU institutions

The generated blocks cite their sources as footnote references
(``[^source-id]``), so this hook must run before hooks/pages.py, which adds
the footnote definitions. Blocks are rendered in the language being built.
The logic is in ``sitetools.policy`` and ``sitetools.charts``; this file
only adapts it to MkDocs events.
"""

from __future__ import annotations

from _context import build_language, page_name, site_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitetools.policy import MarkerError, expand_markers


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    """Replace the chart and policy markers with HTML in the language being built."""
    try:
        return expand_markers(
            markdown,
            site_data(config),
            build_language(config, page),
            source=page_name(config, page),
        )
    except MarkerError as exc:
        raise PluginError(str(exc)) from exc
