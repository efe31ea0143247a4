"""MkDocs hook: the translation guard during the build.

* Options (mkdocs.yml): ``extra: {translation_guard: {allow_missing: true}}``
  turns untranslated pages into INFO messages instead of build failures.
* Once per build (not once per language: mkdocs-static-i18n re-runs the
  build for ru and uk), run ``sitetools.guard.check_tree``: as its own
  command (``python -m sitetools.guard --format json``) beside the English
  pages where that helps (``sitetools.background``; ``SITETOOLS_BACKGROUND=0``
  keeps it in the build's process). The guard keeps each page's checks in
  ``.cache/guard-pages`` (``sitetools.cache``): a rebuild checks only the
  pages edited since. Blocking
  problems are logged as WARNING on ``mkdocs.plugins.translations`` (a
  ``--strict`` build fails); stale pages and glossary hints are logged as INFO.
  They are logged when the report is first needed, at the latest at the end
  of the build.
* ``<!-- md:translation-status -->`` becomes the translation status tables
  (in ``on_page_context``, when the guard has surely finished).
* Stale translations get a banner; English fallback pages (a page missing in
  the language being built) get a banner and their content is wrapped in
  ``<div lang="en">``.

The logic lives in ``sitetools.guard`` (the checks), ``sitetools.guard_report`` (its
report, which is all this hook imports unless the checks run here) and
``sitetools.guard_status``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from _context import WARMING, build_language, i18n_building
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitetools.background import Background, python_module
from sitetools.guard_report import BLOCKING, SOURCE_LANG, STALE, GuardReport, parse_json
from sitetools.guard_status import (
    banner_html,
    page_url,
    relative_url,
    render_status,
    wrap_fallback,
)

log = logging.getLogger("mkdocs.plugins.translations")

MARKER = "<!-- md:translation-status -->"


@dataclass
class _State:
    """The guard's run for the current build; replaced (never grown) on each build."""

    job: Background[GuardReport] | None = None
    logged: bool = False

    def report(self) -> GuardReport | None:
        """The report (waits for the guard if it still runs); logs its problems once."""
        if self.job is None:
            return None
        report = self.job.result()
        if not self.logged:
            self.logged = True
            for problem in report.problems:
                if problem.severity == BLOCKING:
                    log.warning(str(problem))
                else:
                    log.info(str(problem))
            log.info(report.summary())
        return report


_STATE = _State()


# --------------------------------------------------------------------------
# Events


@event_priority(50)
def on_pre_build(*, config: MkDocsConfig) -> None:
    if i18n_building(config) and _STATE.job is not None:
        return
    root = Path(config.config_file_path or ".").resolve().parent
    options = (getattr(config, "extra", None) or {}).get("translation_guard") or {}
    allow_missing = bool(options.get("allow_missing", False))
    docs, data = Path(config.docs_dir).resolve(), root / "data"

    def compute() -> GuardReport:  # in this process: on one CPU, or if the command fails
        from sitetools.guard import check_tree  # the checks: imported only when run here

        return check_tree(docs, data, root=root, allow_missing=allow_missing)

    # The guard's own command runs beside the English pages (sitetools.background);
    # its answer is first needed by the status page or the first translated page.
    try:
        relative = docs.relative_to(root).as_posix()
    except ValueError:
        relative = None  # docs outside the project: paths would differ, check here
    args = ["--format", "json", "--docs", relative or str(docs), "--data", "data",
            *(["--allow-missing"] if allow_missing else [])]
    # A fresh clone's first build: the command warming the cache runs it next,
    # rather than a second command beside it (sitetools.warm)
    process = WARMING.then_run("sitetools.guard", args, cwd=root) if relative else None
    _STATE.job = Background(
        compute, command=python_module("sitetools.guard", *args) if relative else None,
        process=process, parse=parse_json, cwd=root,
        ok_codes=(0, 1),  # 1: blocking problems found (reported, not a failure)
    )
    _STATE.logged = False


@event_priority(-50)
def on_post_build(*, config: MkDocsConfig) -> None:
    # a site without translated pages never asked: log the problems before
    # the build ends, so that a strict build still fails on them
    _STATE.report()


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    if MARKER not in markdown:
        return None
    # The marker (an HTML comment) passes through Markdown untouched and is
    # replaced in on_page_context: pages are rendered in file order, so the
    # status page (about/) comes early, and the guard may still be running.
    return markdown.replace(MARKER, f"\n\n{MARKER}\n\n")


@event_priority(50)  # before the search plugin indexes the page
def on_page_context(
    context: dict, *, page: Page, config: MkDocsConfig, nav: object
) -> dict | None:
    if not page.content or MARKER not in page.content:
        return None
    report = _STATE.report()
    if report is None:
        return None
    table = render_status(
        report.statuses,
        ui_lang=build_language(config),
        from_url=page.url,
        use_directory_urls=config.use_directory_urls,
    )
    page.content = page.content.replace(MARKER, table)
    return context


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    language = build_language(config)
    if language == SOURCE_LANG:
        return None
    source_lang, path = _page_source(page)
    english = page_url(SOURCE_LANG, path, use_directory_urls=config.use_directory_urls)
    href = relative_url(page.url, english)
    if source_lang != language:
        return banner_html("fallback", lang=language, english_href=href) + wrap_fallback(html)
    report = _STATE.report()
    status = report.status_of(language, path) if report else None
    if status is not None and status.status == STALE:
        return banner_html("stale", lang=language, english_href=href) + html
    return None


# --------------------------------------------------------------------------
# Helpers


def _page_source(page: Page) -> tuple[str, str]:
    """The language folder the page's file comes from, and its path inside it."""
    locale = getattr(page.file, "locale", None)
    norm = getattr(page.file, "norm_src_uri", None)
    if isinstance(locale, str) and isinstance(norm, str):
        return locale, norm
    parts = PurePosixPath(page.file.src_uri).parts
    if len(parts) > 1 and parts[0] in ("en", "ru", "uk"):
        return parts[0], "/".join(parts[1:])
    return SOURCE_LANG, page.file.src_uri
