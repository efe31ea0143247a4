"""MkDocs hook: keep every page free of third-party loads, and finish the site
once after every language is built (404 page, sitemap, CDN URLs in the bundle).
After each language, keep its rendered tables in ``.cache/`` (``sitetools.cache``);
on a fresh clone's first build, have the later languages' tables rendered
beside the English pages (``sitetools.prerender``) and take them in as each
language starts.

A thin adapter over ``sitetools.site`` and ``sitetools.scan`` (see there for why).
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from _context import WARMING, build_language, i18n_building, project_root
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from sitetools import LANGUAGES, cache
from sitetools.scan import scan_text
from sitetools.site import finish_site

log = logging.getLogger("mkdocs.plugins.site")


def _own_hosts(config: MkDocsConfig) -> tuple[str, ...]:
    host = urlsplit(config.site_url or "").hostname
    return (host,) if host else ()


@event_priority(60)  # before hooks/translations.py hands the warm-up command the guard
def on_pre_build(*, config: MkDocsConfig) -> None:
    if i18n_building(config):
        cache.refresh_renders()  # what sitetools.prerender rendered meanwhile
    elif (project_root(config) / "data").resolve() == WARMING.data_dir:
        first = build_language(config)
        WARMING.prerender(Path(config.docs_dir), [x for x in LANGUAGES if x != first])


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    """A page that makes the browser load anything from another host fails the build."""
    for load in scan_text(page.file.dest_uri, output, _own_hosts(config)):
        log.warning(
            "docs/%s: loads a resource from another host: %s (%s). Readers' browsers "
            "must not contact third parties; copy the file into the site instead.",
            page.file.src_uri, load.url, load.context,
        )
    return None


@event_priority(-110)  # after mkdocs-static-i18n has built every language
def on_post_build(*, config: MkDocsConfig) -> None:
    cache.save_renders()  # this language's tables, for the next build
    WARMING.finish()  # long done: the templates compiled beside the build are kept
    if i18n_building(config):
        return
    for line in finish_site(Path(config.site_dir), config.site_url or None):
        log.debug(line)
