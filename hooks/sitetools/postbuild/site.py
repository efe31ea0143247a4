"""Whole-site post-processing that the stack does not do right for mirrors.

* The offline/mirror profile has no ``site_url``: the sitemap the i18n plugin
  writes then holds ``None…`` URLs (a sitemap needs absolute URLs), so it is
  removed; the online profile keeps it (with hreflang alternates).
* MkDocs' ``404.html`` links its assets root-absolute without ``site_url``,
  which breaks under ``file://`` and on a mirror under a sub-path. It is
  replaced by a self-contained trilingual page (inline styles, no assets). A
  server shows it for a missing URL at any depth, so relative links would
  resolve against that URL (``/ru/law/nothing.html`` → ``/ru/law/ru/index.html``):
  its links are root-absolute (right, without JavaScript, for a site at the
  root of its host, like the mirror kit's nginx example or an onion service),
  and a tiny inline script puts the real site root in front of them (a mirror
  under a sub-path, ``file://``).
* Every page carries a Content-Security-Policy; :func:`check_other_files`
  looks for executable content in every file that is not a page (the 404 and
  neutral pages, HTML or SVG copied from ``docs/``) after the site is finished.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..data import SiteData, Vocabulary
from ..render.templates import render_partial
from .active import ActiveContent, Allowed, active_files, scan_files
from .csp import page_policy
from .scan import neutralize_bundle
from .search import lunr_files_needed, split_index

SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


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


def not_found_allowed(top_level: list[str], site_url: str | None) -> Allowed:
    """What the 404 page runs (its script only without site_url) and its policy."""
    scripts = frozenset() if site_url else frozenset([not_found_script(top_level)])
    return Allowed(inline_scripts=scripts, policy=page_policy(scripts))


NEUTRAL = Allowed(policy=page_policy([]))


def render_not_found(top_level: list[str], site_url: str | None, vocabulary: Vocabulary) -> str:
    """A self-contained 404 page in all three languages."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    words = vocabulary.words["not_found"]
    sections = []
    for lang in LANGUAGES:
        home_path = "index.html" if lang == DEFAULT_LANGUAGE else f"{lang}/index.html"
        sections.append({"lang": lang, "heading": words["heading"][lang],
                         "body": words["body"][lang], "home": words["home"][lang],
                         "home_path": home_path, "href": base + home_path})
    script = "" if site_url else not_found_script(top_level)
    return render_partial("not-found.html", sections=sections, script=script,
                          policy=not_found_allowed(top_level, site_url).policy) + "\n"


def render_neutral(lang: str, vocabulary: Vocabulary) -> str:
    """The quick-exit page in ``lang``: a blank page of notes."""
    title = vocabulary.words["neutral"]["title"][lang]
    return render_partial("neutral.html", lang=lang, title=title,
                          policy=NEUTRAL.policy) + "\n"


def neutral_path(lang: str) -> str:
    return "neutral.html" if lang == DEFAULT_LANGUAGE else f"{lang}/neutral.html"


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


def finish_site(site_dir: Path, site_url: str | None, site: SiteData) -> list[str]:
    """Post-process a built site in place; returns what it changed (for the log)."""
    done = [f"neutralized CDN URLs in {p}" for p in neutralize_bundle(site_dir)]
    done += split_index(site_dir, site)  # one search index per language (postbuild.search)
    done += [f"removed unused {p}"
             for p in prune_search_languages(site_dir, lunr_files_needed(site_dir))]
    if not site_url:
        for name in SITEMAPS:
            for path in [site_dir / name, *site_dir.glob(f"*/{name}")]:
                if path.exists():
                    path.unlink()
                    done.append(f"removed {path.relative_to(site_dir)} (no site_url)")
    vocabulary = site.vocabulary
    page = render_not_found(top_level_entries(site_dir), site_url, vocabulary)
    for path in [site_dir / "404.html", *site_dir.glob("*/404.html")]:
        if path.parent != site_dir:
            path.unlink()  # one trilingual 404 at the root is enough
            done.append(f"removed {path.relative_to(site_dir)}")
    (site_dir / "404.html").write_text(page, encoding="utf-8")
    done.append("wrote 404.html")
    for lang in LANGUAGES:
        path = site_dir / neutral_path(lang)
        if path.parent.is_dir():
            path.write_text(render_neutral(lang, vocabulary), encoding="utf-8")
            done.append(f"wrote {neutral_path(lang)}")
    return done


def check_other_files(site_dir: Path, site_url: str | None,
                      pages: set[str]) -> list[ActiveContent]:
    """Executable content in the finished site's files other than ``pages`` (checked as they
    were written): the 404 page may run its own script, nothing else may run anything."""
    allowed = {neutral_path(lang): NEUTRAL for lang in LANGUAGES}
    allowed["404.html"] = not_found_allowed(top_level_entries(site_dir), site_url)
    names = [name for name in active_files(site_dir) if name not in pages]
    return scan_files(site_dir, names, allowed)
