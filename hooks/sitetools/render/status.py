"""What readers see of the translation guard: the status page and the banners.

Pure functions from statuses to HTML.
The status table is HTML (not Markdown links) because it links across
languages, which MkDocs cannot resolve as ``.md`` links.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Sequence

from ..data import Vocabulary, fill
from ..guard.report import MISSING, STALE, TRANSLATIONS, UP_TO_DATE, PageStatus
from .templates import render_partial

DEFAULT_LANG = "en"

# --------------------------------------------------------------------------
# URLs


def page_url(lang: str, path: str, *, use_directory_urls: bool) -> str:
    """The site-relative URL of ``path`` (``law/x.md``) in ``lang`` (i18n folder layout)."""
    stem = path[:-3] if path.endswith(".md") else path
    directory, name = posixpath.split(stem)
    if name in ("index", "README"):
        url = directory + "/" if directory else ""
        if not use_directory_urls:
            url += "index.html"
    else:
        url = stem + "/" if use_directory_urls else stem + ".html"
    return url if lang == DEFAULT_LANG else f"{lang}/{url}"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    rel = posixpath.relpath("/" + to_url, "/" + base.rstrip("/"))
    if rel == ".":
        return "./"
    if to_url.endswith("/") or not to_url:
        rel += "/"
    return rel


# --------------------------------------------------------------------------
# Status page and banners (templates: overrides/partials/translation-*.html)


def render_status(
    statuses: Sequence[PageStatus],
    vocabulary: Vocabulary,
    *,
    ui_lang: str,
    from_url: str,
    use_directory_urls: bool,
    languages: Sequence[str] = TRANSLATIONS,
) -> str:
    """HTML for ``<!-- md:translation-status -->``: one table per translation."""
    words = {key: text[ui_lang] for key, text in vocabulary.words["translation_status"].items()}
    tables = []
    for lang in languages:
        rows = sorted((s for s in statuses if s.lang == lang), key=lambda s: s.path)
        counts = Counter(s.status for s in rows)
        caption = fill(words["summary"], name=words[f"language_{lang}"], up=str(counts[UP_TO_DATE]),
                       total=str(len(rows)), stale=str(counts[STALE]),
                       missing=str(counts[MISSING]))
        tables.append({"lang": lang, "caption": caption, "rows": [
            {
                "english": relative_url(from_url, page_url(
                    DEFAULT_LANG, status.path, use_directory_urls=use_directory_urls)),
                "title": status.title,
                "translation": None if status.status == MISSING else relative_url(
                    from_url, page_url(lang, status.path, use_directory_urls=use_directory_urls)),
                "translation_title": status.translation_title or status.title,
                "status": status.status,
                "label": words[status.status],
            }
            for status in rows
        ]})
    return render_partial("translation-status.html", words=words, tables=tables)


def banner_html(kind: str, vocabulary: Vocabulary, *, lang: str, english_href: str) -> str:
    """The notice above a stale translation (``stale``) or an English fallback page."""
    words = vocabulary.words["translation_status"]
    return render_partial(
        "translation-banner.html", kind=kind, lang=lang, href=english_href,
        title=words[f"{kind}_title"][lang], before=words[f"{kind}_before"][lang],
        link=words[f"{kind}_link"][lang]) + "\n"


def wrap_fallback(html: str) -> str:
    """English content shown under a translation's URL: mark its language."""
    return f'<div lang="en">\n{html}\n</div>'
