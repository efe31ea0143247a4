"""data/countries.yml: the transit countries, their treaties and documented cases."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from .cases import Case, build_case
from .common import EMPTY, Context, Localized, localized


@dataclass(frozen=True)
class Fact:
    """A statement and the sources that say it."""

    text: Localized
    checked: date
    sources: tuple[str, ...] = ()
    short: Localized | None = None  # a few words for the comparison table


@dataclass(frozen=True)
class Entry:
    """The documents a Russian citizen can enter with (as far as the sources say)."""

    documents: tuple[str, ...]  # keys of CountryGuide.documents
    text: Localized
    sources: tuple[str, ...]
    checked: date
    confirmed_until: int | None = None  # the last year a source confirms; None: current


@dataclass(frozen=True)
class Treaty:
    id: str
    name: Localized
    summary: Localized
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Membership:
    treaty: str  # a Treaty id
    status: str  # member | party | applies | not-verified
    text: Localized | None = None  # None: the treaty's summary applies
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Searched:
    """What was searched for cases, and when: the date of any "no case" or "N cases"."""

    checked: date
    text: Localized


@dataclass(frozen=True)
class Country:
    id: str  # also the page: docs/<lang>/countries/<id>.md
    name: Localized
    checked: date  # the entry as a whole: "As of" on its page and in the table
    risk: str  # documented | others-expelled | reported | unknown
    risk_summary: Fact
    treaties: tuple[Membership, ...] = ()
    cases: tuple[Case, ...] = ()
    practical: tuple[Fact, ...] = ()
    not_verified: tuple[Localized, ...] = ()
    entry: Entry | None = None  # None: no verified information
    stay: Fact | None = None  # None: no verified information
    military_presence: Fact | None = None  # None: no verified information
    warning: Localized | None = None
    searched: Searched | None = None  # what was searched for cases, and when


@dataclass(frozen=True)
class CountryGuide:
    """Everything in data/countries.yml: the treaties and the countries (the words of the
    table and boxes are in data/vocabulary.yml)."""

    treaties: Mapping[str, Treaty]
    countries: Mapping[str, Country]


# Placeholders of each phrase in countries.yml "formats"; labels have none.


def _build_fact(raw: Mapping[str, Any], ctx: Context, entry: str, where: str) -> Fact:
    return Fact(
        text=localized(raw["text"]),
        checked=date.fromisoformat(raw["checked"]),
        sources=ctx.check_ids(
            raw.get("sources", ()), "sources", "source id", entry=entry, field=f"{where}.sources"
        ),
        short=localized(raw["short"]) if "short" in raw else None,
    )


def _build_memberships(
    raw: list[Mapping[str, Any]], treaties: Mapping[str, Treaty], ctx: Context, entry: str
) -> tuple[Membership, ...]:
    rows: list[Membership] = []
    for index, item in enumerate(raw):
        where = f"treaties[{index}]"
        if item["treaty"] not in treaties:
            raise ctx.fail(
                f"unknown treaty id '{item['treaty']}'", entry=entry, field=f"{where}.treaty"
            )
        if any(row.treaty == item["treaty"] for row in rows):
            raise ctx.fail(
                f"treaty '{item['treaty']}' is listed twice", entry=entry, field=f"{where}.treaty"
            )
        if item["status"] != "not-verified" and not item.get("sources"):
            raise ctx.fail(
                f"status '{item['status']}' needs sources (or use 'not-verified')",
                entry=entry,
                field=f"{where}.sources",
            )
        rows.append(
            Membership(
                treaty=item["treaty"],
                status=item["status"],
                text=localized(item["text"]) if "text" in item else None,
                sources=ctx.check_ids(
                    item.get("sources", ()),
                    "sources",
                    "source id",
                    entry=entry,
                    field=f"{where}.sources",
                ),
            )
        )
    return tuple(rows)


def build_countries(document: Mapping[str, Any], ctx: Context) -> CountryGuide:
    treaties: dict[str, Treaty] = {}
    for index, raw in enumerate(document["treaties"]):
        if raw["id"] in treaties:
            raise ctx.fail(f"duplicate treaty id '{raw['id']}'", field=f"treaties[{index}].id")
        for i, source in enumerate(raw["sources"]):
            if source not in ctx.built.get("sources", EMPTY):
                raise ctx.fail(
                    f"unknown source id '{source}'", field=f"treaties[{index}].sources[{i}]"
                )
        treaties[raw["id"]] = Treaty(
            id=raw["id"],
            name=localized(raw["name"]),
            summary=localized(raw["summary"]),
            sources=tuple(raw["sources"]),
        )
    countries: dict[str, Country] = {}
    for name, raw in ctx.each(document):
        if raw["risk"] != "unknown" and not raw["risk_summary"].get("sources"):
            raise ctx.fail(
                f"risk '{raw['risk']}' needs sources for its summary",
                entry=name,
                field="risk_summary.sources",
            )
        entry = raw.get("entry")
        countries[raw["id"]] = Country(
            id=raw["id"],
            name=localized(raw["name"]),
            checked=date.fromisoformat(raw["checked"]),
            risk=raw["risk"],
            risk_summary=_build_fact(raw["risk_summary"], ctx, name, "risk_summary"),
            treaties=_build_memberships(raw["treaties"], treaties, ctx, name),
            cases=tuple(
                build_case(case, ctx, name, f"cases[{i}]") for i, case in enumerate(raw["cases"])
            ),
            practical=tuple(
                _build_fact(fact, ctx, name, f"practical[{i}]")
                for i, fact in enumerate(raw["practical"])
            ),
            not_verified=tuple(localized(text) for text in raw["not_verified"]),
            entry=Entry(
                documents=tuple(entry["documents"]),
                confirmed_until=int(entry["confirmed_until"])
                if "confirmed_until" in entry
                else None,
                text=localized(entry["text"]),
                sources=ctx.check_ids(
                    entry["sources"], "sources", "source id", entry=name, field="entry.sources"
                ),
                checked=date.fromisoformat(entry["checked"]),
            )
            if entry is not None
            else None,
            stay=_build_fact(raw["stay"], ctx, name, "stay") if "stay" in raw else None,
            military_presence=_build_fact(raw["military_presence"], ctx, name, "military_presence")
            if "military_presence" in raw
            else None,
            warning=localized(raw["warning"]) if "warning" in raw else None,
            searched=Searched(date.fromisoformat(raw["searched"]["checked"]),
                              localized(raw["searched"]["text"]))
            if "searched" in raw else None,
        )
    return CountryGuide(
        treaties=MappingProxyType(treaties),
        countries=MappingProxyType(countries),
    )
