"""MkDocs hook, for each page's HTML: what is added after Markdown, and what no page
may contain.

* ``on_page_context``: the interface words of data/vocabulary.yml, in the language
  being built, for the theme templates (``words``).
* ``on_page_content``: footnote back-links titled in the page's language, a comma
  between adjacent footnote numbers, column names on the cells of Markdown tables
  (cards on phones);
  a banner over a stale translation, and over an English page shown in place
  of a missing translation (its content marked ``lang="en"``).
  Also the page's Content-Security-Policy (``csp``, ``sitetools.postbuild.csp``).
* ``on_post_page``: a page that makes the browser load anything from another
  host (``sitetools.postbuild.scan``), or holds anything that can run or
  navigate by itself other than the project's own scripts
  (``sitetools.postbuild.active``), fails the build, naming the file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

import _context
from _context import build_language, page_path, site_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitetools import LANGUAGES
from sitetools.guard.report import SOURCE_LANG, STALE
from sitetools.postbuild.active import Allowed, active_content, allowed_in_page
from sitetools.postbuild.csp import PolicyError, base_url
from sitetools.postbuild.scan import scan_text
from sitetools.render.pages import (
    keep_labels_with_numbers,
    keep_numbers_together,
    label_table_cells,
    localize_backlinks,
    separate_footnote_refs,
    words_in,
)
from sitetools.render.status import banner_html, page_url, relative_url, wrap_fallback

log = logging.getLogger("mkdocs.plugins.site")


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    # the language of the text: an English page shown in place of a missing
    # translation keeps English titles (its content is marked lang="en")
    locale = getattr(page.file, "locale", None)
    language = build_language(config)
    vocabulary = site_data(config).vocabulary
    html = localize_backlinks(html, locale if locale in LANGUAGES else language, vocabulary)
    html = label_table_cells(separate_footnote_refs(keep_labels_with_numbers(html)))
    if locale in ("ru", "uk"):
        html = keep_numbers_together(html)
    if language == SOURCE_LANG:
        return html
    path = page_path(page)
    english = page_url(SOURCE_LANG, path, use_directory_urls=config.use_directory_urls)
    href = relative_url(page.url, english)
    if locale != language:
        banner = banner_html("fallback", vocabulary, lang=language, english_href=href)
        return banner + wrap_fallback(html)
    report = _context.STATE.guard
    status = report.status_of(language, path) if report else None
    if status is not None and status.status == STALE:
        return banner_html("stale", vocabulary, lang=language, english_href=href) + html
    return html


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """The interface words of data/vocabulary.yml in the language being built, for the
    theme templates (overrides/main.html): ``words.quick_exit.exit``."""
    context["words"] = words_in(site_data(config), build_language(config))
    context["csp"] = page_allowed(config, page).policy
    return context


def page_allowed(config: MkDocsConfig, page: Page) -> Allowed:
    """The scripts a page may run and its Content-Security-Policy (the same for every page
    at the same depth: worked out once per build)."""
    base = base_url(page.file.dest_uri)
    if base not in _context.STATE.allowed:
        try:
            _context.STATE.allowed[base] = allowed_in_page(page.file.dest_uri,
                                                           Path(config.theme.custom_dir))
        except PolicyError as error:
            raise PluginError(str(error)) from error
    return _context.STATE.allowed[base]


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    """A page that makes the browser load anything from another host, or that can run
    anything but the project's scripts, fails the build."""
    host = urlsplit(config.site_url or "").hostname
    for load in scan_text(page.file.dest_uri, output, (host,) if host else ()):
        log.warning(
            "docs/%s: loads a resource from another host: %s (%s). Readers' browsers "
            "must not contact third parties; copy the file into the site instead.",
            page.file.src_uri, load.url, load.context,
        )
    for found in active_content(page.file.dest_uri, output, page_allowed(config, page)):
        log.warning("docs/%s: %s. Pages may run only the project's own scripts: remove it "
                    "(see sitetools/postbuild/active.py).", page.file.src_uri, found.what)
    _context.STATE.pages.add(page.file.dest_uri)
    return None
