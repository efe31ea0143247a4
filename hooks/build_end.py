"""MkDocs hook, at the end of the build (once, after every language):

* the citation check: every source id cited by a page or a data file exists
  in data/sources.yml, and every source is cited somewhere (WARNINGs on
  ``mkdocs.plugins.citations``: a ``--strict`` build fails);
* the site is finished for mirrors and offline use (``sitetools.postbuild.site``):
  one search index per language, CDN URLs in Material's bundle made inert,
  the trilingual 404 page and the neutral quick-exit page, no sitemap
  without ``site_url``;
* with ``site_url`` (the online profile), an Atom feed of data/changes.yml
  per language: ``feed.xml``, ``ru/feed.xml``, ``uk/feed.xml``.
* then every file of the site that is not a page (checked as it was written:
  ``hooks/page_html.py``) is checked for executable content: HTML or SVG copied
  from ``docs/`` may run nothing, the 404 page only its own script (WARNINGs on
  ``mkdocs.plugins.site``).
"""

from __future__ import annotations

import logging
from pathlib import Path

import _context
from _context import i18n_building, page_titles, project_root, site_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from sitetools import DEFAULT_LANGUAGE, LANGUAGES
from sitetools.data import SiteData
from sitetools.postbuild.citations import citation_report
from sitetools.postbuild.site import check_other_files, finish_site
from sitetools.render.changes import atom_feed
from sitetools.render.status import page_url

log = logging.getLogger("mkdocs.plugins.citations")
site_log = logging.getLogger("mkdocs.plugins.site")


@event_priority(-110)  # after mkdocs-static-i18n has built every language (priority -100)
def on_post_build(*, config: MkDocsConfig) -> None:
    if i18n_building(config):
        return
    report = citation_report(Path(config.docs_dir), project_root(config) / "data",
                             site_data(config))
    for where, source_id in report.unknown:
        log.warning("%s: cites source id '%s', which is not in data/sources.yml",
                    where, source_id)
    if report.uncited:
        log.warning(
            "data/sources.yml: %d source(s) not cited by any page or data file: %s "
            "(cite each where it belongs, or remove it)",
            len(report.uncited), ", ".join(report.uncited),
        )
    site = site_data(config)
    for line in finish_site(Path(config.site_dir), config.site_url or None, site):
        log.debug(line)
    if config.site_url and site.changes:
        write_feeds(config, site)

    for found in check_other_files(Path(config.site_dir), config.site_url or None,
                                   _context.STATE.pages):
        site_log.warning("%s (in the built site): %s. Pages may run only the project's own "
                         "scripts: remove it (see sitetools/postbuild/active.py).",
                         found.file, found.what)


def write_feeds(config: MkDocsConfig, site: SiteData) -> None:
    """The Atom feed of data/changes.yml per language (online profile: absolute URLs)."""
    base = config.site_url.rstrip("/") + "/"
    i18n = config.plugins.get("i18n")
    names = {lang.locale: lang.site_name for lang in i18n.config.languages} if i18n else {}
    original = getattr(i18n, "original_configs", {}).get("site_name", config.site_name)
    for lang in LANGUAGES:
        prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
        titles = page_titles(config, lang)
        page_urls = {path: base + prefix + page_url(DEFAULT_LANGUAGE, path,
                                                     use_directory_urls=config.use_directory_urls)
                     for path in titles}
        feed = atom_feed(site, lang, site_url=base, feed_url=f"{base}{prefix}feed.xml",
                         page_url=page_urls.get("about/changes.md", base + prefix),
                         title=f"{names.get(lang) or original} · "
                               f"{site.vocabulary.words['changes']['feed_title'][lang]}",
                         page_urls=page_urls)
        target = Path(config.site_dir) / prefix / "feed.xml"
        if target.parent.is_dir():  # a language not built (make serve LANG=ru) has none
            target.write_text(feed, encoding="utf-8")
