"""MkDocs hook: organizations, fakes, glossary and sources blocks; glossary tooltips;
the citation check.

* ``<!-- md:organizations -->`` (or ``kind=ngo,network,state-programme``),
  ``<!-- md:fakes -->``, ``<!-- md:glossary -->`` and ``<!-- md:sources -->``
  (or ``group=russian-law,...``) become HTML in the language being built.
* Every page gets ``*[form]: definition`` lines for the glossary's tooltip
  forms in that language; the ``abbr`` extension turns them into tooltips.
  Added to the Markdown MkDocs renders, not to the source files, so the
  translation check never sees them.
* Once per build (not once per language), after the pages: every source id cited by a page or
  a data file must exist in ``data/sources.yml``, and every source must be
  cited somewhere. Problems are WARNINGs on ``mkdocs.plugins.help_pages``, so
  a ``--strict`` build fails.

Runs after ``hooks/data_tables.py`` (which checks marker syntax and leaves
these kinds alone) and before ``hooks/pages.py``. The logic is in
``sitetools.help``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from _context import build_language, i18n_building, page_name, project_root, site_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitetools.help import HelpError, abbreviations, citation_report, expand_help_markers

log = logging.getLogger("mkdocs.plugins.help_pages")


# After the pages, not before: a first build parses the data beside the
# build until the first page asks for it (sitetools.warm). A strict build
# fails on these warnings all the same.
@event_priority(40)
def on_post_build(*, config: MkDocsConfig) -> None:
    if i18n_building(config):
        return
    data = project_root(config) / "data"
    report = citation_report(Path(config.docs_dir), data, site_data(config))
    for where, source_id in report.unknown:
        log.warning("%s: cites source id '%s', which is not in data/sources.yml",
                    where, source_id)
    if report.uncited:
        log.warning(
            "data/sources.yml: %d source(s) not cited by any page or data file: %s "
            "(cite each where it belongs, or remove it)",
            len(report.uncited), ", ".join(report.uncited),
        )


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    site = site_data(config)
    lang = build_language(config, page)
    try:
        markdown = expand_help_markers(
            markdown, site, lang, source=page_name(config, page)
        )
    except HelpError as exc:
        raise PluginError(str(exc)) from exc
    tooltips = abbreviations(site, lang)
    if not tooltips:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + tooltips + "\n"
