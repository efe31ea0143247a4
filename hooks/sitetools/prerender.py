"""Render the later languages' tables beside the build, into ``.cache/render``.

mkdocs-static-i18n builds English first, then Russian, then Ukrainian. On a
fresh clone's first build, ``sitetools.warm``'s command (on its own CPU) has
the data parsed long before the English pages are done; it then renders the
tables, charts and lists of the Russian and Ukrainian pages with the same
expanders the hooks use, so that the build finds them in the render cache
(``sitetools.cache.refresh_renders`` when each language starts).

Nothing here decides what a page shows: each value is kept under the data,
the code and the arguments it was rendered from, exactly as the build keeps
what it renders itself. A page whose markers do not expand (an error the
build will report) is skipped; the build renders what is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import DEFAULT_LANGUAGE, cache
from .data import SiteData

_Expand = Callable[[str, SiteData, str, str, str], str]


def _expanders() -> list[_Expand]:
    """The hooks' expanders, in the hooks' order (mkdocs.yml)."""
    from .countries import expand_country_markers  # noqa: PLC0415 - the command's imports
    from .help import expand_help_markers  # noqa: PLC0415
    from .policy import expand_markers as expand_policy  # noqa: PLC0415
    from .tables import expand_markers as expand_tables  # noqa: PLC0415

    return [
        lambda md, site, lang, source, path: expand_tables(md, site, lang, source=source),
        lambda md, site, lang, source, path: expand_country_markers(
            md, site, lang, source=source, page_path=path),
        lambda md, site, lang, source, path: expand_help_markers(md, site, lang, source=source),
        lambda md, site, lang, source, path: expand_policy(md, site, lang, source=source),
    ]


def pages(docs_dir: Path, lang: str) -> Iterator[tuple[str, Path]]:
    """(path inside the language folder, file) of each page built in ``lang``:
    its own file, or the English one it falls back to."""
    docs_dir = Path(docs_dir)
    own, default = docs_dir / lang, docs_dir / DEFAULT_LANGUAGE
    paths = {p.relative_to(default).as_posix() for p in default.rglob("*.md")}
    if own != default:
        paths |= {p.relative_to(own).as_posix() for p in own.rglob("*.md")}
    for path in sorted(paths):
        mine = own / path
        yield path, mine if mine.is_file() else default / path


def prerender(site: SiteData, docs_dir: Path, languages: Iterable[str]) -> int:
    """Expand the markers of every page of ``languages``; the number of pages done."""
    if getattr(site, "fingerprint", None) is None:
        return 0  # nothing would be kept
    from mkdocs.utils.meta import get_data  # noqa: PLC0415 - the front matter, as MkDocs reads it

    expanders = _expanders()
    done = 0
    for lang in languages:
        for path, file in pages(docs_dir, lang):
            try:
                markdown, _meta = get_data(file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
            if "md:" not in markdown:
                continue
            source = f"{Path(docs_dir).name}/{lang}/{path}"
            try:
                for expand in expanders:
                    markdown = expand(markdown, site, lang, source, path)
            except Exception:  # noqa: BLE001, S112 - the build reports it, with context
                continue
            done += 1
        cache.save_renders()  # each language as soon as it is done
    return done
