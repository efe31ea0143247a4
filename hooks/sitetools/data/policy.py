"""data/policy.yml: the policy paper's asks to EU institutions and the earlier appeals.

A status says only what a source reports; without one it reads "No public
response found as of <date>".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from .common import Context, Localized, check_plain, localized
from .statistics import When, parse_when


@dataclass(frozen=True)
class Point:
    """One piece of evidence with its sources."""

    text: Localized
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Status:
    response: str  # "none-found" | "reported"
    checked: date  # a none-found status is "as of" this date
    text: Localized | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ask:
    id: str
    title: Localized
    addressee: Localized
    ask: Localized
    why: tuple[Point, ...]
    status: Status
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Appeal:
    id: str
    date: When
    name: Localized
    initiators: Localized
    addressees: Localized
    summary: Localized
    sources: tuple[str, ...]
    checked: date
    signatories: Localized | None = None


@dataclass(frozen=True)
class Policy:
    words: Mapping[str, Localized]
    asks: Mapping[str, Ask]
    appeals: Mapping[str, Appeal]




def _status(raw: Mapping[str, Any], ctx: Context, entry: str) -> Status:
    if raw["response"] == "reported" and "text" not in raw:
        raise ctx.fail(
            "a reported response needs 'text' saying what the source reports",
            entry=entry,
            field="status.text",
        )
    if "text" in raw and "sources" not in raw:
        raise ctx.fail("'text' needs 'sources'", entry=entry, field="status.sources")
    if "sources" in raw and "text" not in raw:
        raise ctx.fail(
            "'sources' without 'text': say what they report", entry=entry, field="status.text"
        )
    return Status(
        response=raw["response"],
        checked=date.fromisoformat(raw["checked"]),
        text=localized(raw["text"]) if "text" in raw else None,
        sources=ctx.check_ids(
            raw.get("sources", ()), "sources", "source id", entry=entry, field="status.sources"
        ),
    )


def build_policy(document: Mapping[str, Any], ctx: Context) -> Policy:
    """The ``Policy`` of data/policy.yml, cross-checked; ``DataError`` otherwise."""
    words = ctx.built["vocabulary"].words["policy"]  # checked in data/vocabulary.yml
    asks: dict[str, Ask] = {}
    for name, raw in ctx.each(document):
        check_plain(raw, ctx, entry=name)
        asks[raw["id"]] = Ask(
            id=raw["id"],
            title=localized(raw["title"]),
            addressee=localized(raw["addressee"]),
            ask=localized(raw["ask"]),
            why=tuple(
                Point(
                    text=localized(point["text"]),
                    sources=ctx.check_ids(
                        point["sources"],
                        "sources",
                        "source id",
                        entry=name,
                        field=f"why[{i}].sources",
                    ),
                )
                for i, point in enumerate(raw["why"])
            ),
            status=_status(raw["status"], ctx, name),
            sources=ctx.check_ids(
                raw["sources"], "sources", "source id", entry=name, field="sources"
            ),
        )
    appeals: dict[str, Appeal] = {}
    for index, raw in enumerate(document.get("appeals", ())):
        name = f"'{raw['id']}'"
        if raw["id"] in appeals or raw["id"] in asks:
            raise ctx.fail(
                f"duplicate id '{raw['id']}'", entry=f"#{index + 1} of appeals", field="id"
            )
        check_plain(raw, ctx, entry=name)
        appeals[raw["id"]] = Appeal(
            id=raw["id"],
            date=parse_when(raw["date"], ctx, entry=name, field="date"),
            name=localized(raw["name"]),
            initiators=localized(raw["initiators"]),
            addressees=localized(raw["addressees"]),
            summary=localized(raw["summary"]),
            sources=ctx.check_ids(
                raw["sources"], "sources", "source id", entry=name, field="sources"
            ),
            checked=date.fromisoformat(raw["checked"]),
            signatories=localized(raw["signatories"]) if "signatories" in raw else None,
        )
    return Policy(
        words=words,
        asks=MappingProxyType(asks),
        appeals=MappingProxyType(appeals),
    )
