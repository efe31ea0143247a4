"""``<!-- md:changes -->``: what changed on the site (data/changes.yml), newest first.

Each change shows its date, its kind (a correction of the site's own error, a
change in the law or practice, new facts, a new page), what changed, links to
the pages it touched (with their titles in the page's language) and its
sources as footnotes. The Atom feeds (``atom_feed``) carry the same entries.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from datetime import UTC, datetime, time

from ..data import Change, SiteData, Vocabulary
from .charts import md_span, source_refs
from .templates import RenderError, format_date, render_partial, render_template


def _link(page_path: str, target: str) -> str:
    """The relative Markdown link from ``page_path`` to ``target`` (both in one language)."""
    return posixpath.relpath(target, posixpath.dirname(page_path) or ".")


def _kind(change: Change, vocabulary: Vocabulary, lang: str) -> str:
    return vocabulary.words["changes"][f"kind_{change.kind.replace('-', '_')}"][lang]


def render_changes(site: SiteData, lang: str, *, page_path: str,
                   titles: Mapping[str, str]) -> str:
    """Every change, newest first, as one Markdown-in-HTML block; ``titles`` are the pages'
    titles in ``lang`` by path (a change naming a page that does not exist fails)."""
    if not site.changes:
        raise RenderError("data/changes.yml has no changes")
    words = site.vocabulary.words["changes"]
    entries = []
    for change in site.changes:
        unknown = [p for p in change.pages if p not in titles]
        if unknown:
            raise RenderError(f"data/changes.yml: entry '{change.id}': unknown page(s) "
                              f"{', '.join(unknown)}")
        entries.append({
            "id": change.id,
            "date": {"iso": change.date.isoformat(),
                     "text": format_date(change.date, lang, site.vocabulary)},
            "kind": change.kind,
            "kind_text": _kind(change, site.vocabulary, lang),
            "title": md_span(change.title[lang]),
            "text": md_span(change.text[lang]) + source_refs(change.sources),
            "pages": [{"href": _link(page_path, p), "title": md_span(titles[p])}
                      for p in change.pages],
        })
    return render_template("changes.html", lang=lang, entries=entries,
                           pages_label=words["pages"][lang])


def atom_feed(site: SiteData, lang: str, *, site_url: str, feed_url: str, page_url: str,
              title: str, page_urls: Mapping[str, str]) -> str:
    """The changes as an Atom feed in ``lang`` (absolute URLs: the online profile only)."""
    words = site.vocabulary.words["changes"]

    def stamp(change: Change) -> str:
        return datetime.combine(change.date, time(0), UTC).isoformat().replace("+00:00", "Z")

    entries = [{
        "id": f"{feed_url}#{change.id}",
        "updated": stamp(change),
        "title": f"{_kind(change, site.vocabulary, lang)}: {change.title[lang]}",
        "text": change.text[lang],
        "links": [page_urls[p] for p in change.pages if p in page_urls],
    } for change in site.changes]
    updated = entries[0]["updated"] if entries else "1970-01-01T00:00:00Z"
    return render_partial("atom-feed.html", lang=lang, title=title, feed_url=feed_url,
                          page_url=page_url, site_url=site_url, updated=updated,
                          entries=entries, author=words["feed_author"][lang]) + "\n"

