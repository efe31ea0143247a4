"""MkDocs hook: organizations, fakes, glossary and sources blocks; glossary tooltips;
the citation check.

* ``<!-- md:organizations -->`` (or ``kind=ngo,network,state-programme``),
  ``<!-- md:fakes -->``, ``<!-- md:glossary -->`` and ``<!-- md:sources -->``
  (or ``group=russian-law,...``) become HTML in the language being built.
* Every page gets ``*[form]: definition`` lines for the glossary's tooltip
  forms in that language; the ``abbr`` extension turns them into tooltips.
  Added to the Markdown MkDocs renders, not to the source files, so the
  translation check never sees them.
* Once per build (not once per language): every source id cited by a page or
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

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitetools import DEFAULT_LANGUAGE, LANGUAGES
from sitetools.data import DataError, SiteData, load_all
from sitetools.help import HelpError, abbreviations, citation_report, expand_help_markers

log = logging.getLogger("mkdocs.plugins.help_pages")


def _root(config: MkDocsConfig) -> Path:
    if config.config_file_path:
        return Path(config.config_file_path).resolve().parent
    return Path(config.docs_dir).resolve().parent


def _site_data(config: MkDocsConfig) -> SiteData:
    try:
        return load_all(_root(config) / "data")
    except DataError as exc:
        raise PluginError(str(exc)) from exc


def _language(page: Page, config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    for lang in (getattr(i18n, "current_language", None), getattr(page.file, "locale", None)):
        if lang in LANGUAGES:
            return lang
    return DEFAULT_LANGUAGE


def _i18n_building(config: MkDocsConfig) -> bool:
    """True while mkdocs-static-i18n rebuilds the site for another language."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


@event_priority(40)
def on_pre_build(*, config: MkDocsConfig) -> None:
    if _i18n_building(config):
        return
    report = citation_report(Path(config.docs_dir), _root(config) / "data", _site_data(config))
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
    site = _site_data(config)
    lang = _language(page, config)
    try:
        markdown = expand_help_markers(
            markdown, site, lang, source=f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        )
    except HelpError as exc:
        raise PluginError(str(exc)) from exc
    tooltips = abbreviations(site, lang)
    if not tooltips:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + tooltips + "\n"
