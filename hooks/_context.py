"""What every hook asks of the MkDocs build: the project root, the site's data,
the language being built, and whether static-i18n is rebuilding another language.

Not a hook itself: the hook files import it (MkDocs puts ``hooks/`` on
``sys.path`` while it loads them).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitetools import DEFAULT_LANGUAGE, LANGUAGES, cache
from sitetools.data import DataError, SiteData, load_all
from sitetools.memo import KeptFor
from sitetools.warm import Warming

# A fresh clone's first build: the data files are parsed and the templates
# compiled beside the build, from now on, into .cache/ (sitetools.warm).
# Started once per process, as the hooks are first loaded: the earliest moment.
WARMING = Warming(cache.PROJECT_ROOT / "data")


def project_root(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml (data/, keys/ and docs/ live there)."""
    if config.config_file_path:
        return Path(config.config_file_path).resolve().parent
    return Path(config.docs_dir).resolve().parent


_DATA: KeptFor[SiteData] = KeptFor()


def site_data(config: MkDocsConfig) -> SiteData:
    """data/*.yml, loaded and checked once per build; bad data -> one-line PluginError.

    Every page event asks for the data, so the answer is kept with the
    config it was loaded for: the build (all its languages) sees one
    reading of the files, and a new build (``mkdocs serve`` reloads the
    config each time) reads them again if they changed (``load_all`` caches
    by file stamps).
    """

    def load() -> SiteData:
        data = project_root(config) / "data"
        if data.resolve() == WARMING.data_dir:
            WARMING.wait_for_data()  # parsed beside the build: read from .cache/yaml
        try:
            return load_all(data)
        except DataError as exc:
            raise PluginError(str(exc)) from exc

    return _DATA.get(config, None, load)


def page_name(config: MkDocsConfig, page: Page) -> str:
    """The page's file as error messages name it: ``docs/ru/law/desertion.md``."""
    return f"{Path(config.docs_dir).name}/{page.file.src_uri}"


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
