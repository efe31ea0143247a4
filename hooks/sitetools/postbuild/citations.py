"""The citation check, once per build: every source id cited by a page or a data
file exists in ``data/sources.yml``, and every source there is cited somewhere."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..data import SiteData, safe_load
from ..render.pages import cited_ids


@dataclass(frozen=True)
class CitationReport:
    unknown: tuple[tuple[str, str], ...]  # (where, id) of ids not in sources.yml
    uncited: tuple[str, ...]  # ids in sources.yml that nothing cites
    cited_by: Mapping[str, tuple[str, ...]]  # id -> pages and data entries citing it

    @property
    def ok(self) -> bool:
        return not self.unknown and not self.uncited


def page_citations(docs_dir: Path) -> dict[str, list[str]]:
    """``docs/<lang>/<path>`` -> the source ids its footnotes cite (every language)."""
    found: dict[str, list[str]] = {}
    for path in sorted(Path(docs_dir).rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        ids = cited_ids(path.read_text(encoding="utf-8"))
        if ids:
            found[f"{Path(docs_dir).name}/{rel}"] = ids
    return found


def data_citations(data_dir: Path, parsed: Mapping[Path, Any] | None = None
                   ) -> dict[str, list[str]]:
    """``data/<file>: <entry id>`` -> the source ids it cites, for every data file.

    Any list of strings under a key named ``sources`` (or ``..._sources``) counts, in every file
    except ``sources.yml`` itself, so a data file cites its sources even
    before it is registered in ``sitetools.data.load.REGISTRY``. ``parsed``: files
    already read (``SiteData.documents``, by resolved path), not read again.
    """
    found: dict[str, list[str]] = {}

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                where = f"{where.split(': ')[0]}: {node['id']}"
            for key, value in node.items():
                if (
                    (key == "sources" or key.endswith("_sources"))  # alias_sources too
                    and isinstance(value, list)
                    and all(isinstance(v, str) for v in value)
                ):
                    found.setdefault(where, []).extend(value)
                else:
                    walk(value, where)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    folder = Path(data_dir)
    for path in sorted(folder.glob("*.yml")):
        if path.name == "sources.yml":
            continue
        if parsed and path.resolve() in parsed:
            document = parsed[path.resolve()]
        else:
            try:
                document = safe_load(path.read_text(encoding="utf-8"))
            except (OSError, yaml.YAMLError):
                continue  # the data loader reports broken files
        walk(document, f"{folder.name}/{path.name}")
    return found


def citation_report(docs_dir: Path, data_dir: Path, site: SiteData) -> CitationReport:
    """Cited ids that do not exist, and sources that nothing cites."""
    citations = {**page_citations(docs_dir), **data_citations(data_dir, site.documents)}
    unknown = []
    cited_by: dict[str, list[str]] = {}
    for where, ids in citations.items():
        for source_id in dict.fromkeys(ids):
            if source_id not in site.sources:
                unknown.append((where, source_id))
            cited_by.setdefault(source_id, []).append(where)
    uncited = tuple(i for i in site.sources if i not in cited_by)
    return CitationReport(
        unknown=tuple(unknown),
        uncited=uncited,
        cited_by={k: tuple(v) for k, v in cited_by.items()},
    )
