"""Whole-site post-processing that the stack does not do right for mirrors.

* The offline/mirror profile has no ``site_url``: the sitemap the i18n plugin
  writes then holds ``None…`` URLs (a sitemap needs absolute URLs), so it is
  removed; the online profile keeps it (with hreflang alternates).
* MkDocs' ``404.html`` uses root-absolute links without ``site_url``, which
  break under ``file://`` and on a mirror under a sub-path. It is replaced by a
  self-contained trilingual page (inline styles, no assets) whose links are
  relative to the site root, corrected by a tiny inline script when the page
  is served for a missing URL deeper in the tree.
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass
from pathlib import Path

from .scan import neutralize_bundle
from .search import lunr_files_needed, split_index

SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


@dataclass(frozen=True)
class NotFoundText:
    lang: str
    heading: str
    body: str
    home: str
    home_path: str  # relative to the site root


NOT_FOUND_TEXTS = (
    NotFoundText(
        "en",
        "Page not found",
        "This page does not exist in this copy of the guide. It may have moved.",
        "Go to the start page",
        "index.html",
    ),
    NotFoundText(
        "ru",
        "Страница не найдена",
        "В этой копии справочника такой страницы нет. Возможно, она переехала.",
        "Перейти на главную страницу",
        "ru/index.html",
    ),
    NotFoundText(
        "uk",
        "Сторінку не знайдено",
        "У цій копії довідника такої сторінки немає. Можливо, її перенесено.",
        "Перейти на головну сторінку",
        "uk/index.html",
    ),
)

_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,"
    "'DejaVu Sans',sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#1f2933;background:#fff}"
    "section{margin:0 0 2rem}h1{font-size:1.4rem;margin:0 0 .5rem}"
    "a{color:#3f51b5}"
    "@media (prefers-color-scheme:dark){body{color:#e4e7eb;background:#1e2129}a{color:#9fa8da}}"
)

# Finds the site root from the URL the 404 page is served at: the part of the
# path before the first segment that is a top-level entry of the site.
_SCRIPT = (
    "(function(){var top=%s;var p=location.pathname.split('/');var i=p.length-1;"
    "for(var k=1;k<p.length-1;k++){if(top.indexOf(p[k])>=0){i=k;break}}"
    "var base=p.slice(0,i).join('/')+'/';"
    "var a=document.querySelectorAll('a[data-root]');"
    "for(var j=0;j<a.length;j++){a[j].href=base+a[j].getAttribute('data-root')}})();"
)


def not_found_script(top_level: list[str]) -> str:
    """The inline script of the 404 page (its hash goes into a mirror's CSP)."""
    return _SCRIPT % json.dumps(sorted(top_level))


def script_csp_hash(script: str) -> str:
    import base64

    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_not_found(top_level: list[str], site_url: str | None) -> str:
    """A self-contained 404 page in all three languages."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    sections = []
    for t in NOT_FOUND_TEXTS:
        href = html.escape(base + t.home_path)
        sections.append(
            f'<section lang="{t.lang}"><h1>{html.escape(t.heading)}</h1>'
            f"<p>{html.escape(t.body)}</p>"
            f'<p><a href="{href}" data-root="{html.escape(t.home_path)}">'
            f"{html.escape(t.home)}</a></p></section>"
        )
    script = "" if site_url else f"<script>{not_found_script(top_level)}</script>"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="robots" content="noindex">'
        "<title>404 · Page not found · Страница не найдена · Сторінку не знайдено</title>"
        f"<style>{_STYLE}</style></head><body>"
        + "".join(sections)
        + script
        + "</body></html>\n"
    )


# The page the quick-exit control leads to: local (works offline), neutral,
# with nothing that names this guide.
NEUTRAL_PAGE = (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width,initial-scale=1">'
    '<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer">'
    "<title>Notes</title><style>body{font-family:system-ui,sans-serif;margin:2rem;"
    "color:#222;background:#fff}h1{font-size:1.3rem;font-weight:400}</style></head>"
    "<body><h1>Notes</h1></body></html>\n"
)


def top_level_entries(site_dir: Path) -> list[str]:
    return sorted(p.name for p in site_dir.iterdir() if p.name not in ("404.html",
                                                                       "neutral.html"))


# Search language files for Material's one mixed index (English is built into
# lunr; Ukrainian has no lunr stemmer). Material loads lunr.<lang>.min.js by
# name at runtime; finish_site keeps exactly the files that the site's search
# indexes name (search.lunr_files_needed), after splitting them.
LUNR_KEEP = {"lunr.ru.min.js", "lunr.multi.min.js", "lunr.stemmer.support.min.js"}


def prune_search_languages(site_dir: Path, keep: set[str] = LUNR_KEEP) -> list[str]:
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    removed = []
    if not lunr.is_dir():
        return removed
    for path in sorted(lunr.rglob("*.js")):
        if path.name not in keep:
            path.unlink()
            removed.append(path.relative_to(site_dir).as_posix())
    return removed


def finish_site(site_dir: Path, site_url: str | None) -> list[str]:
    """Post-process a built site in place; returns what it changed (for the log)."""
    done = [f"neutralized CDN URLs in {p}" for p in neutralize_bundle(site_dir)]
    done += split_index(site_dir)  # one search index per language (postbuild.search)
    done += [f"removed unused {p}"
             for p in prune_search_languages(site_dir, lunr_files_needed(site_dir))]
    if not site_url:
        for name in SITEMAPS:
            for path in [site_dir / name, *site_dir.glob(f"*/{name}")]:
                if path.exists():
                    path.unlink()
                    done.append(f"removed {path.relative_to(site_dir)} (no site_url)")
    page = render_not_found(top_level_entries(site_dir), site_url)
    for path in [site_dir / "404.html", *site_dir.glob("*/404.html")]:
        if path.parent != site_dir:
            path.unlink()  # one trilingual 404 at the root is enough
            done.append(f"removed {path.relative_to(site_dir)}")
    (site_dir / "404.html").write_text(page, encoding="utf-8")
    done.append("wrote 404.html")
    (site_dir / "neutral.html").write_text(NEUTRAL_PAGE, encoding="utf-8")
    done.append("wrote neutral.html")
    return done
