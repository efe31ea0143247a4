"""What the hook files share: the project's folders, the data and the guard's report
for the build under way, the language being built, and the theme's compiled templates.

Not a hook itself: the hook files import it (MkDocs puts ``hooks/`` on
``sys.path`` while it loads them).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitetools import DEFAULT_LANGUAGE, LANGUAGES
from sitetools.data import DataError, SiteData, load_all
from sitetools.guard.report import GuardReport
from sitetools.postbuild.active import Allowed
from sitetools.render.pages import front_matter_titles


def project_root(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml (data/, keys/ and docs/ live there)."""
    return _root(config.config_file_path, config.docs_dir)


@functools.lru_cache(maxsize=8)
def _root(config_file: str | None, docs_dir: str) -> Path:
    return Path(config_file or docs_dir).resolve().parent


def site_data(config: MkDocsConfig) -> SiteData:
    """data/*.yml, loaded and checked once per build (``load_all`` reads the files again
    only when one changed); bad data -> a one-line PluginError naming the file, entry and
    field."""
    folder = project_root(config) / "data"
    if STATE.data is None or STATE.data[0] != folder:
        try:
            STATE.data = (folder, load_all(folder))
        except DataError as exc:
            raise PluginError(str(exc)) from exc
    return STATE.data[1]


@dataclass
class BuildState:
    """What one build learns once and every language's pages use."""

    data: tuple[Path, SiteData] | None = None  # data/ and what it holds (site_data)
    guard: GuardReport | None = None  # the translation guard's report
    titles: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> path -> title
    # what the pages at one depth may run, by their base URL (hooks/page_html.py)
    allowed: dict[str, Allowed] = field(default_factory=dict)
    # the pages checked for executable content as they were written (site paths);
    # the end of the build checks every other file
    pages: set[str] = field(default_factory=set)


# Replaced at the start of each build (hooks/build_start.py; `mkdocs serve` rebuilds in
# the same process), filled in as the build goes.
STATE = BuildState()


def page_titles(config: MkDocsConfig, lang: str) -> dict[str, str]:
    """Every page's title in ``lang`` by its path inside the language folder (the English
    title where a translation is missing), read once per build from the files' front matter."""
    if lang not in STATE.titles:
        docs = Path(config.docs_dir)
        STATE.titles[lang] = {
            **front_matter_titles(docs / DEFAULT_LANGUAGE), **front_matter_titles(docs / lang)}
    return STATE.titles[lang]


def page_name(config: MkDocsConfig, page: Page) -> str:
    """The page's file as error messages name it: ``docs/ru/law/desertion.md``."""
    return f"{Path(config.docs_dir).name}/{page.file.src_uri}"


def page_path(page: Page) -> str:
    """The page inside its language folder: ``ru/law/x.md`` -> ``law/x.md``."""
    first, sep, rest = page.file.src_uri.partition("/")
    return rest if sep and first in LANGUAGES else page.file.src_uri


def build_language(config: MkDocsConfig, page: Page | None = None) -> str:
    """The language being built: the i18n plugin's, else the page file's, else English.

    mkdocs-static-i18n builds each language in turn; a page missing in one
    language is built from the English file, so ``page.file.locale`` is the
    file's language, not the output's.
    """
    i18n = config.plugins.get("i18n")
    candidates = [getattr(i18n, "current_language", None)]
    if page is not None:
        candidates.append(getattr(page.file, "locale", None))
    for lang in candidates:
        if lang in LANGUAGES:
            return lang
    return DEFAULT_LANGUAGE


def i18n_building(config: MkDocsConfig) -> bool:
    """True while mkdocs-static-i18n rebuilds the site for another language."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, by Jinja's key for a template file and its text's checksum: every
    language's environment (hooks/build_start.py, ``on_env``) and every rebuild share them."""

    def __init__(self) -> None:
        self.codes: dict[str, tuple[str, CodeType | None]] = {}  # key -> (checksum, code)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        checksum, code = self.codes.get(bucket.key, ("", None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = (bucket.checksum, bucket.code)


COMPILED = _CompiledTemplates()
