"""MkDocs hook, for each page's Markdown: everything the build adds to a page
(``sitetools.render.page.complete_page``: markers, tooltips, source footnotes, the
dates line, the notice), in the language being built. A page missing in a
translation falls back to the English file, and still gets its tables in the
reader's language.

Every front-matter value is escaped as HTML text first: Material's templates
print ``page.meta`` without escaping. (Front matter MkDocs cannot read has
already stopped the build: hooks/build_start.py.)
"""

from __future__ import annotations

import _context
from _context import build_language, page_name, page_path, page_titles, project_root, site_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitetools import LANGUAGES
from sitetools.render.markers import MarkerError
from sitetools.render.markers import Page as MarkerPage
from sitetools.render.page import CHANGES_PAGE, complete_page
from sitetools.render.pages import PageError, escape_front_matter


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig,
                     files: Files) -> str | None:
    lang = build_language(config, page)
    name = page_name(config, page)
    guard = _context.STATE.guard
    source = page.file.content_string
    page.meta = escape_front_matter(page.meta)  # templates print it without escaping
    language_folder = page.file.src_uri.split("/")[0]
    # box titles in the language of the text: an English page shown in place of a
    # missing translation keeps English ones (its content is marked lang="en")
    locale = getattr(page.file, "locale", None)
    try:
        return complete_page(markdown, MarkerPage(
            site=site_data(config), lang=lang, source=name,
            path=page_path(page), url=page.url, use_directory_urls=config.use_directory_urls,
            translation_statuses=guard.statuses if guard else None,
            release_key_file=project_root(config) / "keys" / "release.pub",
            page_titles=page_titles(config, lang),
            line_offset=source.count("\n") - markdown.count("\n") if source else 0,
        ), page.meta, has_changes_page=bool(
            files.get_file_from_path(f"{language_folder}/{CHANGES_PAGE}")),
            text_lang=locale if locale in LANGUAGES else lang)
    except (MarkerError, PageError) as error:
        raise PluginError(str(error)) from error
