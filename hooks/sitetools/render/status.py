"""What readers see of the translation guard: the status page and the banners.

Pure functions from statuses to HTML.
The status table is HTML (not Markdown links) because it links across
languages, which MkDocs cannot resolve as ``.md`` links.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Sequence
from html import escape

from ..guard.report import MISSING, STALE, TRANSLATIONS, UP_TO_DATE, PageStatus

DEFAULT_LANG = "en"

LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"ru": "Russian", "uk": "Ukrainian"},
    "ru": {"ru": "Русский", "uk": "Украинский"},
    "uk": {"ru": "Російська", "uk": "Українська"},
}

STATUS_LABELS: dict[str, dict[str, str]] = {
    "en": {UP_TO_DATE: "up to date", STALE: "may be outdated", MISSING: "not yet translated"},
    "ru": {UP_TO_DATE: "актуален", STALE: "может быть устаревшим", MISSING: "ещё не переведён"},
    "uk": {UP_TO_DATE: "актуальний", STALE: "може бути застарілим", MISSING: "ще не перекладено"},
}

TABLE_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "page": "Page (English)",
        "translation": "Translation",
        "status": "Status",
        "summary": "{name}: {up} of {total} pages up to date, {stale} may be outdated, "
        "{missing} not yet translated.",
    },
    "ru": {
        "page": "Страница (английский оригинал)",
        "translation": "Перевод",
        "status": "Состояние",
        "summary": "{name}: актуальных страниц — {up} из {total}, возможно устаревших — "
        "{stale}, непереведённых — {missing}.",
    },
    "uk": {
        "page": "Сторінка (англійський оригінал)",
        "translation": "Переклад",
        "status": "Стан",
        "summary": "{name}: актуальних сторінок — {up} із {total}, можливо застарілих — "
        "{stale}, неперекладених — {missing}.",
    },
}

BANNERS: dict[str, dict[str, tuple[str, str, str]]] = {
    # kind -> lang -> (title, text before the link, link text)
    "stale": {
        "en": (
            "This translation may be outdated",
            "The English original of this page has changed since it was translated. See ",
            "the English version",
        ),
        "ru": (
            "Этот перевод может быть устаревшим",
            "Английский оригинал этой страницы изменился после перевода. Сверьтесь с ",
            "английской версией",
        ),
        "uk": (
            "Цей переклад може бути застарілим",
            "Англійський оригінал цієї сторінки змінився після перекладу. Звіряйтеся з ",
            "англійською версією",
        ),
    },
    "fallback": {
        "en": (
            "Not yet translated",
            "This page has not been translated yet; the text below is in English. See ",
            "the English version",
        ),
        "ru": (
            "Страница ещё не переведена",
            "Эта страница ещё не переведена на русский язык, ниже — английский текст. "
            "Смотрите также ",
            "английскую версию сайта",
        ),
        "uk": (
            "Сторінку ще не перекладено",
            "Цю сторінку ще не перекладено українською, нижче — англійський текст. Дивіться також ",
            "англійську версію сайту",
        ),
    },
}


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
# Status page


def _row(cells: Sequence[str], tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{cell}</{tag}>" for cell in cells) + "</tr>"


def _link(href: str, text: str, lang: str) -> str:
    return f'<a href="{escape(href)}" hreflang="{lang}">{escape(text)}</a>'


def render_status(
    statuses: Sequence[PageStatus],
    *,
    ui_lang: str,
    from_url: str,
    use_directory_urls: bool,
    languages: Sequence[str] = TRANSLATIONS,
) -> str:
    """HTML for ``<!-- md:translation-status -->``: one table per translation."""
    words = TABLE_LABELS.get(ui_lang, TABLE_LABELS[DEFAULT_LANG])
    labels = STATUS_LABELS.get(ui_lang, STATUS_LABELS[DEFAULT_LANG])
    names = LANGUAGE_NAMES.get(ui_lang, LANGUAGE_NAMES[DEFAULT_LANG])
    blocks: list[str] = []
    for lang in languages:
        rows = sorted((s for s in statuses if s.lang == lang), key=lambda s: s.path)
        counts = Counter(s.status for s in rows)
        caption = words["summary"].format(
            name=names.get(lang, lang),
            up=counts[UP_TO_DATE],
            total=len(rows),
            stale=counts[STALE],
            missing=counts[MISSING],
        )
        body = [_row([words["page"], words["translation"], words["status"]], "th")]
        for status in rows:
            english = relative_url(
                from_url, page_url(DEFAULT_LANG, status.path, use_directory_urls=use_directory_urls)
            )
            cells = [_link(english, status.title, DEFAULT_LANG)]
            if status.status == MISSING:
                cells.append("—")
            else:
                target = page_url(lang, status.path, use_directory_urls=use_directory_urls)
                title = status.translation_title or status.title
                cells.append(_link(relative_url(from_url, target), title, lang))
            cells.append(
                f'<span class="translation-status translation-status--{status.status}">'
                f"{escape(labels[status.status])}</span>"
            )
            body.append(_row(cells))
        blocks.append(
            f'<table class="translation-status-table" data-lang="{lang}">'
            f"<caption>{escape(caption)}</caption>" + "".join(body) + "</table>"
        )
    return "\n".join(blocks)


# --------------------------------------------------------------------------
# Banners


def banner_html(kind: str, *, lang: str, english_href: str) -> str:
    """The notice above a stale translation (``stale``) or an English fallback page."""
    texts = BANNERS[kind]
    title, before, link_text = texts.get(lang, texts[DEFAULT_LANG])
    return (
        f'<div class="admonition warning translation-banner translation-banner--{kind}" '
        f'role="note" lang="{lang}">'
        f'<p class="admonition-title">{escape(title)}</p>'
        f"<p>{escape(before)}"
        f'<a href="{escape(english_href)}" hreflang="en">{escape(link_text)}</a>.</p></div>\n'
    )


def wrap_fallback(html: str) -> str:
    """English content shown under a translation's URL: mark its language."""
    return f'<div lang="en">\n{html}\n</div>'
