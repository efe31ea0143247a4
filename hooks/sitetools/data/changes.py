"""data/changes.yml: what changed on the site, for readers and mirrors.

Each entry is dated and says what kind of change it was (a correction of
the site's own error, a change in the law or practice, new facts, a new
page), which pages it touched and its sources. The "What changed" page and
the Atom feeds are made from it (``render.changes``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .common import Context, Localized, localized

KINDS = ("correction", "law", "update", "new-page")


@dataclass(frozen=True)
class Change:
    id: str
    date: date
    kind: str  # one of KINDS
    title: Localized
    text: Localized
    pages: tuple[str, ...]  # docs paths inside a language folder: countries/kyrgyzstan.md
    sources: tuple[str, ...]


def build_changes(document: Mapping[str, Any], ctx: Context) -> tuple[Change, ...]:
    """The changes, newest first (the file's order is checked, not trusted)."""
    rows: list[Change] = []
    for name, raw in ctx.each(document):
        if raw["kind"] != "new-page" and not raw["sources"]:
            raise ctx.fail("a change needs sources (only a new page may have none)",
                           entry=name, field="sources")
        change = Change(
            id=raw["id"],
            date=date.fromisoformat(raw["date"]),
            kind=raw["kind"],
            title=localized(raw["title"]),
            text=localized(raw["text"]),
            pages=tuple(raw["pages"]),
            sources=ctx.sources(raw["sources"], entry=name, field="sources"),
        )
        if rows and change.date > rows[-1].date:
            raise ctx.fail(f"dated {change.date}, after the entry above it: list the newest "
                           "first", entry=name, field="date")
        rows.append(change)
    return tuple(rows)
