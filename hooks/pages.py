"""MkDocs hook: per-page additions in the language being built.

Source footnotes from ``data/sources.yml``, the reviewed date (and the date the
law is described at) under the title, and the "not legal advice" line at the
end. A thin adapter over ``sitetools.pages``.
"""

from __future__ import annotations

from _context import build_language, page_name, site_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitetools import LANGUAGES
from sitetools.pages import (
    PageError,
    add_source_footnotes,
    help_link,
    insert_after_title,
    localize_backlinks,
    page_footer,
    page_header,
)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig,
                     files: Files) -> str | None:
    lang = build_language(config, page)
    name = page_name(config, page)
    try:
        site = site_data(config)
        markdown = add_source_footnotes(markdown, site.sources, lang, site.vocabulary, page=name)
        markdown = insert_after_title(
            markdown, page_header(page.meta, lang, site.vocabulary, page=name))
    except PageError as error:
        raise PluginError(str(error)) from error
    return markdown.rstrip("\n") + "\n\n" + page_footer(lang, help_link(page.file.src_uri))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    # the language of the text: an English page shown in place of a missing
    # translation keeps English titles (its content is marked lang="en")
    lang = getattr(page.file, "locale", None)
    if lang not in LANGUAGES:
        lang = build_language(config, page)
    return localize_backlinks(html, lang)
