"""MkDocs hook, at the start of a build: check the data and the translations once, and
compile the theme's templates once.

``on_pre_build`` runs once per language (mkdocs-static-i18n rebuilds the
site for ru and uk); the work here is done once, for the first language:

* the data files are loaded and checked (``sitetools.data``): bad data stops
  the build with one line naming the file, entry and field;
* the translation guard (``sitetools.guard``) compares every ru/uk page with
  English. Blocking problems are WARNINGs on ``mkdocs.plugins.translations``
  (a ``--strict`` build fails); stale pages and glossary hints are INFO.
  Its report feeds the translation-status page and the banners. A page MkDocs
  cannot read (a byte that is not UTF-8, front matter that is not YAML) stops
  the build at once with the guard's one line, before MkDocs reads it.

``on_env`` runs once per language too, with a new Jinja environment each time: it
gives them all one in-memory store of compiled templates (``_context.COMPILED``), so
the theme's templates are compiled once per process (``_context`` outlives the
rebuilds of ``mkdocs serve``), not three times per build and again on every rebuild
(about 0.25 s of a 5 s build). A template whose text changed is compiled again: Jinja
checks each one's checksum.

Loading this hook also leaves two harmless INFO lines of mkdocs-static-i18n out of the
build's log (``sitetools.quiet`` says which and why).

Option (mkdocs.yml): ``extra: {translation_guard: {allow_missing: true}}``
turns untranslated pages into INFO messages instead of build failures.
"""

from __future__ import annotations

import logging
from pathlib import Path

import _context
import jinja2
from _context import i18n_building, project_root, site_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from sitetools.guard.check import check_tree
from sitetools.guard.report import BLOCKING
from sitetools.quiet import quiet_harmless_messages

log = logging.getLogger("mkdocs.plugins.translations")
quiet_harmless_messages()
# problems that leave MkDocs unable to read a page as its author wrote it
UNREADABLE = ("encoding", "frontmatter")


def on_pre_build(*, config: MkDocsConfig) -> None:
    if i18n_building(config):
        return
    _context.STATE = _context.BuildState()
    site = site_data(config)
    options = (getattr(config, "extra", None) or {}).get("translation_guard") or {}
    root = project_root(config)
    report = check_tree(Path(config.docs_dir).resolve(), root / "data", root=root, site=site,
                        allow_missing=bool(options.get("allow_missing", False)))
    if unreadable := [p for p in report.problems if p.kind in UNREADABLE]:
        first = unreadable[0]
        more = f" (and {len(unreadable) - 1} more)" if len(unreadable) > 1 else ""
        raise PluginError(f"{first.path}:{first.line}: {first.message}{more}")
    for problem in report.problems:
        if problem.severity == BLOCKING:
            log.warning(str(problem))
        else:
            log.info(str(problem))
    log.info(report.summary())
    _context.STATE.guard = report


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: object) -> jinja2.Environment:
    env.bytecode_cache = _context.COMPILED
    return env
