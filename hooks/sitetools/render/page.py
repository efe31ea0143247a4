"""Everything the build adds to one page's Markdown, as one plain function.

The MkDocs hook (``hooks/page_markdown.py``) and ``make export`` (``sitetools.export``)
both call ``complete_page``, so the exported Markdown is what the site shows. In order:

0. every box (``!!! warning``) without a title of its own gets its kind's title in the
   language of the text (data/vocabulary.yml, ``words.admonitions``);
1. every ``<!-- md:kind … -->`` marker becomes its block (``markers``);
2. glossary tooltips: ``*[form]: definition`` lines for the ``abbr`` extension;
3. a footnote for every cited source id (``[^cc-rf-338]``) from data/sources.yml;
4. the reviewed date (and the date the law is described at) under the title, with a
   link to what changed on the site;
5. the "information, not legal advice" notice at the end.
"""

from __future__ import annotations

from collections.abc import Mapping

from .help import abbreviations
from .markers import Page, expand_markers
from .pages import (
    add_source_footnotes,
    help_link,
    insert_after_title,
    localize_admonitions,
    page_footer,
    page_header,
)

CHANGES_PAGE = "about/changes.md"  # "What changed", linked from every page's dates line


def complete_page(markdown: str, page: Page, meta: Mapping[str, object], *,
                  has_changes_page: bool, text_lang: str | None = None) -> str:
    """``markdown`` (the page without its front matter) as the site shows it, in
    ``page.lang``; raises ``MarkerError`` or ``PageError`` with one line naming the page.
    ``text_lang``: the language the page is written in, when it is not ``page.lang`` (an
    English page shown in place of a missing translation)."""
    site, lang = page.site, page.lang
    src_uri = f"{lang}/{page.path}"  # links are relative to the language folder
    markdown = localize_admonitions(markdown, text_lang or lang, site.vocabulary,
                                    page=page.source, line_offset=page.line_offset)
    markdown = expand_markers(markdown, page)
    if tooltips := abbreviations(site, lang):
        markdown = markdown.rstrip("\n") + "\n\n" + tooltips + "\n"
    markdown = add_source_footnotes(markdown, site.sources, lang, site.vocabulary,
                                    page=page.source)
    changes_link = help_link(src_uri, CHANGES_PAGE) if has_changes_page else None
    markdown = insert_after_title(markdown, page_header(
        meta, lang, site.vocabulary, page=page.source, changes_link=changes_link))
    return (markdown.rstrip("\n") + "\n\n"
            + page_footer(lang, help_link(src_uri), site.vocabulary))
