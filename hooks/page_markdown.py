"""MkDocs hook, for each page's Markdown: everything the build adds to a page.

In this order, in the language being built (a page missing in a translation
falls back to the English file, and still gets its tables in the reader's
language):

1. every ``<!-- md:kind … -->`` marker becomes its block (``sitetools.render.markers``,
   one registry of every kind; see CONVENTIONS.md);
2. glossary tooltips: ``*[form]: definition`` lines that the ``abbr`` extension
   turns into tooltips (added to what MkDocs renders, never to the files);
3. a footnote for every cited source id (``[^cc-rf-338]``) from data/sources.yml;
4. the reviewed date (and the date the law is described at) under the title;
5. the "information, not legal advice" notice at the end.

Every front-matter value is escaped as HTML text first: Material's templates
print ``page.meta`` without escaping.
"""

from __future__ import annotations

import _context
from _context import build_language, page_name, page_path, project_root, site_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitetools.render.help import abbreviations
from sitetools.render.markers import MarkerError, expand_markers
from sitetools.render.markers import Page as MarkerPage
from sitetools.render.pages import (
    PageError,
    add_source_footnotes,
    escape_front_matter,
    front_matter_problem,
    help_link,
    insert_after_title,
    page_footer,
    page_header,
)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig,
                     files: Files) -> str | None:
    site = site_data(config)
    lang = build_language(config, page)
    name = page_name(config, page)
    guard = _context.STATE.guard
    source = page.file.content_string
    if not page.meta and (problem := front_matter_problem(source, name)):
        raise PluginError(problem)
    page.meta = escape_front_matter(page.meta)  # templates print it without escaping
    try:
        markdown = expand_markers(markdown, MarkerPage(
            site=site, lang=lang, source=name, path=page_path(page), url=page.url,
            use_directory_urls=config.use_directory_urls,
            translation_statuses=guard.statuses if guard else None,
            release_key_file=project_root(config) / "keys" / "release.pub",
            line_offset=source.count("\n") - markdown.count("\n") if source else 0,
        ))
        if tooltips := abbreviations(site, lang):
            markdown = markdown.rstrip("\n") + "\n\n" + tooltips + "\n"
        markdown = add_source_footnotes(markdown, site.sources, lang, site.vocabulary, page=name)
        markdown = insert_after_title(
            markdown, page_header(page.meta, lang, site.vocabulary, page=name))
    except (MarkerError, PageError) as error:
        raise PluginError(str(error)) from error
    return (markdown.rstrip("\n") + "\n\n"
            + page_footer(lang, help_link(page.file.src_uri), site.vocabulary))

