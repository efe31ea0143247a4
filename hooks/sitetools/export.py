"""``make export``: the content in a form that can move to another engine, and the data
as a dataset other organizations' tools can reuse.

    python -m sitetools.export --out export

writes, for each language, ``export/<lang>/docs/`` (every page with every marker
expanded into plain Markdown and HTML, its sources as footnotes, the dates line and
the notice, exactly as the site shows them: ``render.page.complete_page``) and
``export/<lang>/mkdocs.yml`` (plain MkDocs + Material, the same Markdown extensions,
no hooks and no plugin of this project), so that each language builds on its own;
and ``export/data/``: every data file as JSON, its JSON Schema, and ``dataset.json`` with
the version and the date each file was last changed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from . import DEFAULT_LANGUAGE, LANGUAGES
from .data import REGISTRY, DataError, load_all
from .guard.check import check_tree
from .render.markers import MarkerError, Page
from .render.page import CHANGES_PAGE, complete_page
from .render.pages import PageError, front_matter_titles

ROOT = Path(__file__).resolve().parents[2]
_FRONT_MATTER = re.compile(r"^---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)
# Front-matter keys that belong to this project's tooling, not to the content
_TOOLING_KEYS = ("source_revision",)


class ExportError(RuntimeError):
    """The export cannot be made (one line saying why)."""


def _split(text: str) -> tuple[dict, str, int]:
    """(front matter, the Markdown below it, the number of lines above it)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    meta = yaml.safe_load(match.group(1)) or {}
    body = text[match.end():].lstrip("\n")
    return meta, body, text.count("\n") - body.count("\n")


def _config(root: Path, lang: str) -> dict:
    """The export's mkdocs.yml for one language: the project's, without its hooks,
    overrides and plugins, with the navigation in that language."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    project = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506
    i18n = next(p["i18n"] for p in project["plugins"] if isinstance(p, dict) and "i18n" in p)
    language = next(x for x in i18n["languages"] if x["locale"] == lang)
    words = language.get("nav_translations", {})

    def nav(items: list) -> list:
        out = []
        for item in items:
            if isinstance(item, dict):  # a section, or a page with its own title
                (title, children), = item.items()
                out.append({words.get(title, title):
                            nav(children) if isinstance(children, list) else children})
            else:
                out.append(item)
        return out

    return {
        "site_name": language.get("site_name") or project["site_name"],
        "site_description": language.get("site_description") or project["site_description"],
        "copyright": language.get("copyright") or project["copyright"],
        "docs_dir": "docs",
        "use_directory_urls": False,
        "theme": {"name": "material", "language": lang, "font": False},
        "markdown_extensions": project["markdown_extensions"],
        "nav": nav(project["nav"]),
        "validation": project["validation"],
    }


def export_pages(root: Path, out: Path) -> list[str]:
    """Every language's pages with every marker expanded; returns what it wrote."""
    docs, data = root / "docs", root / "data"
    try:
        site = load_all(data)
    except DataError as error:
        raise ExportError(str(error)) from error
    report = check_tree(docs, data, root=root, site=site, use_git=False)
    english = sorted(p.relative_to(docs / DEFAULT_LANGUAGE).as_posix()
                     for p in (docs / DEFAULT_LANGUAGE).rglob("*.md"))
    written = []
    for lang in LANGUAGES:
        titles = {**front_matter_titles(docs / DEFAULT_LANGUAGE),
                  **front_matter_titles(docs / lang)}
        target = out / lang / "docs"
        for path in english:
            file = docs / lang / path
            if not file.is_file():
                file = docs / DEFAULT_LANGUAGE / path  # not yet translated: as the site does
            meta, body, offset = _split(file.read_text(encoding="utf-8"))
            page = Page(site=site, lang=lang, source=f"docs/{lang}/{path}", path=path,
                        url=("" if lang == DEFAULT_LANGUAGE else f"{lang}/")
                        + path.removesuffix(".md") + ".html",
                        translation_statuses=report.statuses,
                        release_key_file=root / "keys" / "release.pub", page_titles=titles,
                        line_offset=offset)
            try:
                markdown = complete_page(body, page, meta,
                                         has_changes_page=(docs / lang / CHANGES_PAGE).is_file())
            except (MarkerError, PageError) as error:
                raise ExportError(str(error)) from error
            kept = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                    for k, v in meta.items() if k not in _TOOLING_KEYS}
            front = yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=1000)
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_text(f"---\n{front}---\n\n{markdown}", encoding="utf-8")
        assets = root / "overrides" / "assets"
        shutil.copytree(assets / "images", target / "assets" / "images", dirs_exist_ok=True)
        (out / lang / "mkdocs.yml").write_text(
            "# The exported content of one language: plain MkDocs + Material, no hooks.\n"
            + yaml.safe_dump(_config(root, lang), allow_unicode=True, sort_keys=False),
            encoding="utf-8")
        written.append(f"{lang}: {len(english)} pages")
    return written


def export_data(root: Path, out: Path) -> list[str]:
    """Every data file as JSON beside its JSON Schema, and ``dataset.json`` (what is in it)."""
    data = root / "data"
    site = load_all(data)
    target = out / "data"
    (target / "schemas").mkdir(parents=True, exist_ok=True)
    files = {}
    for data_file in REGISTRY:
        path = (data / data_file.name).resolve()
        if path not in site.documents:
            continue
        name = data_file.name.removesuffix(".yml")
        (target / f"{name}.json").write_text(
            json.dumps(site.documents[path], ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8")
        shutil.copy(data / "schemas" / data_file.schema, target / "schemas" / data_file.schema)
        files[f"{name}.json"] = {"schema": f"schemas/{data_file.schema}",
                                 "changed": _last_change(root, data / data_file.name)}
    manifest = {
        "name": "Military service and the law: data",
        "version": _version(root),
        "licence": "CC BY 4.0 (LICENSE-content.md)",
        "languages": list(LANGUAGES),
        "files": files,
        "notes": "Every fact entry carries the date it was last checked ('checked') and the "
                 "ids of its sources (sources.json). Texts are plain text in en, ru and uk.",
    }
    (target / "dataset.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [f"data: {len(files)} files"]


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def _version(root: Path) -> str:
    return _git(root, "describe", "--tags", "--always", "--dirty") or "unknown"


def _last_change(root: Path, path: Path) -> str | None:
    return _git(root, "log", "-1", "--format=%cs", "--", str(path.relative_to(root))) or None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitetools.export",
        description="Write the pages with every marker expanded, and the data as JSON.")
    parser.add_argument("--out", type=Path, default=Path("export"))
    args = parser.parse_args(argv)
    out = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    try:
        done = export_pages(ROOT, out) + export_data(ROOT, out)
    except ExportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for line in done:
        print(f"{args.out}/{line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
