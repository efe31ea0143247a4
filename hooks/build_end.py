"""MkDocs hook, at the end of the build (once, after every language):

* the citation check: every source id cited by a page or a data file exists
  in data/sources.yml, and every source is cited somewhere (WARNINGs on
  ``mkdocs.plugins.citations``: a ``--strict`` build fails);
* the site is finished for mirrors and offline use (``sitetools.postbuild.site``):
  one search index per language, CDN URLs in Material's bundle made inert,
  the trilingual 404 page and the neutral quick-exit page, no sitemap
  without ``site_url``;
* then every file of the site that is not a page (checked as it was written:
  ``hooks/page_html.py``) is checked for executable content: HTML or SVG copied
  from ``docs/`` may run nothing, the 404 page only its own script (WARNINGs on
  ``mkdocs.plugins.site``).
"""

from __future__ import annotations

import logging
from pathlib import Path

import _context
from _context import i18n_building, project_root, site_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from sitetools.postbuild.citations import citation_report
from sitetools.postbuild.site import check_other_files, finish_site

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
    for line in finish_site(Path(config.site_dir), config.site_url or None,
                            site_data(config).vocabulary):
        log.debug(line)
    for found in check_other_files(Path(config.site_dir), config.site_url or None,
                                   _context.STATE.pages):
        site_log.warning("%s (in the built site): %s. Pages may run only the project's own "
                         "scripts: remove it (see sitetools/postbuild/active.py).",
                         found.file, found.what)
