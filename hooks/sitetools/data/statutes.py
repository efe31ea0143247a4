"""data/sources.yml, data/acts.yml and data/statutes.yml: the sources every fact cites,
the laws and events, and the Criminal Code articles with their parts and penalties."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from .common import Context, Localized, localized, optional_date, text
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    url: str | None  # None for a publication without a public web address
    accessed: date
    language: str
    kind: str
    group: str
    date: date | None = None


@dataclass(frozen=True)
class Act:
    id: str
    date: date
    kind: str
    name: Localized
    summary: Localized
    sources: tuple[str, ...]
    checked: date
    in_force: date | None = None
    number: str | None = None
    country: str | None = None  # a foreign-law: whose law (UA, UZ, ...)


@dataclass(frozen=True)
class Punishment:
    kind: str
    min: int | float | None = None
    max: int | float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Part:
    part: str
    conduct: Localized
    circumstances: str
    punishments: tuple[Punishment, ...]
    introduced_by: str | None = None
    amended_by: str | None = None
    sources: tuple[str, ...] = ()
    unverified: frozenset[str] = frozenset()
    checked: date | None = None  # checked on its own, later than the article


@dataclass(frozen=True)
class Note:
    kind: str
    text: Localized
    applies_to: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpecialRule:
    """A penalty for a group of people, for the conduct of part ``extends``.

    ``part`` is the rule's own part number, None until a source confirms it.
    """

    extends: str
    conduct: Localized
    circumstances: str
    punishments: tuple[Punishment, ...]
    introduced_by: str
    sources: tuple[str, ...]
    part: str | None = None
    checked: date | None = None  # checked on its own, later than the article


@dataclass(frozen=True)
class Article:
    id: str
    code: str
    article: str
    title: Localized
    checked: date
    sources: tuple[str, ...]
    parts: tuple[Part, ...]
    notes: tuple[Note, ...] = ()
    special_rules: tuple[SpecialRule, ...] = ()

    def part(self, number: str) -> Part:
        for part in self.parts:
            if part.part == number:
                return part
        raise KeyError(number)


# Units each punishment kind may be measured in.
_TIME_UNITS = frozenset({"years", "months", "days", "hours"})
_UNITS_OF_KIND: Mapping[str, frozenset[str]] = {
    "fine": frozenset({"rubles"}),
    "fine-income": frozenset({"years", "months"}),
}


def build_sources(document: Mapping[str, Any], ctx: Context) -> Mapping[str, Source]:
    rows = {}
    for _name, raw in ctx.each(document):
        rows[raw["id"]] = Source(
            id=raw["id"],
            publisher=text(raw["publisher"]),
            title=text(raw["title"]),
            url=raw.get("url"),
            accessed=date.fromisoformat(raw["accessed"]),
            language=raw["language"],
            kind=raw["kind"],
            group=raw["group"],
            date=optional_date(raw.get("date")),
        )
    return MappingProxyType(rows)


def build_acts(document: Mapping[str, Any], ctx: Context) -> Mapping[str, Act]:
    rows = {}
    for name, raw in ctx.each(document):
        if (raw["kind"] == "foreign-law") != ("country" in raw):
            raise ctx.fail("a foreign-law needs 'country' (and only a foreign-law has one)",
                           entry=name, field="country")
        rows[raw["id"]] = Act(
            id=raw["id"],
            date=date.fromisoformat(raw["date"]),
            kind=raw["kind"],
            name=localized(raw["name"]),
            summary=localized(raw["summary"]),
            sources=ctx.check_ids(
                raw["sources"], "sources", "source id", entry=name, field="sources"
            ),
            checked=date.fromisoformat(raw["checked"]),
            in_force=optional_date(raw.get("in_force")),
            number=text(raw["number"]) if "number" in raw else None,
            country=raw.get("country"),
        )
    return MappingProxyType(rows)


def _build_punishment(raw: Mapping[str, Any], ctx: Context, entry: str, field: str) -> Punishment:
    vocabulary: Vocabulary = ctx.built["vocabulary"]
    kind, unit = raw["kind"], raw.get("unit")
    if kind not in vocabulary.punishments:
        raise ctx.fail(
            f"unknown vocabulary key 'punishments.{kind}'", entry=entry, field=f"{field}.kind"
        )
    if unit is not None:
        if unit not in vocabulary.units:
            raise ctx.fail(
                f"unknown vocabulary key 'units.{unit}'", entry=entry, field=f"{field}.unit"
            )
        if unit not in _UNITS_OF_KIND.get(kind, _TIME_UNITS):
            raise ctx.fail(f"unit '{unit}' does not fit {kind}", entry=entry, field=f"{field}.unit")
    low, high = raw.get("min"), raw.get("max")
    if low is not None and high is not None and low > high:
        raise ctx.fail(f"min {low} is greater than max {high}", entry=entry, field=f"{field}.min")
    return Punishment(kind=kind, min=low, max=high, unit=unit)


def build_articles(document: Mapping[str, Any], ctx: Context) -> Mapping[str, Article]:
    vocabulary: Vocabulary = ctx.built["vocabulary"]
    rows = {}
    for name, raw in ctx.each(document):
        if raw["id"] != f"{raw['code']}-{raw['article']}":
            raise ctx.fail(
                f"id must be '{raw['code']}-{raw['article']}' (code and article number)",
                entry=name,
                field="id",
            )
        parts = []
        numbers: set[str] = set()
        for index, part in enumerate(raw["parts"]):
            where = f"parts[{index}]"
            if part["part"] in numbers:
                raise ctx.fail(
                    f"part '{part['part']}' is listed twice", entry=name, field=f"{where}.part"
                )
            numbers.add(part["part"])
            if part["circumstances"] not in vocabulary.circumstances:
                raise ctx.fail(
                    f"unknown vocabulary key 'circumstances.{part['circumstances']}'",
                    entry=name,
                    field=f"{where}.circumstances",
                )
            unverified = frozenset(part.get("unverified", ()))
            for key in ("introduced_by", "amended_by"):
                if key in unverified and key in part:
                    raise ctx.fail(
                        "listed as unverified: remove it, or remove it from 'unverified'",
                        entry=name,
                        field=f"{where}.{key}",
                    )
                if key in part:
                    ctx.check_id(part[key], "acts", "act id", entry=name, field=f"{where}.{key}")
            parts.append(
                Part(
                    part=part["part"],
                    conduct=localized(part["conduct"]),
                    circumstances=part["circumstances"],
                    punishments=tuple(
                        _build_punishment(p, ctx, name, f"{where}.punishments[{i}]")
                        for i, p in enumerate(part.get("punishments", ()))
                    ),
                    introduced_by=part.get("introduced_by"),
                    amended_by=part.get("amended_by"),
                    sources=ctx.check_ids(
                        part.get("sources", ()),
                        "sources",
                        "source id",
                        entry=name,
                        field=f"{where}.sources",
                    ),
                    unverified=unverified,
                    checked=optional_date(part.get("checked")),
                )
            )
        notes = []
        for index, note in enumerate(raw.get("notes", ())):
            where = f"notes[{index}]"
            for i, number in enumerate(note.get("applies_to", ())):
                if number not in numbers:
                    raise ctx.fail(
                        f"unknown part '{number}'", entry=name, field=f"{where}.applies_to[{i}]"
                    )
            notes.append(
                Note(
                    kind=note["kind"],
                    text=localized(note["text"]),
                    applies_to=tuple(note.get("applies_to", ())),
                    sources=ctx.check_ids(
                        note.get("sources", ()),
                        "sources",
                        "source id",
                        entry=name,
                        field=f"{where}.sources",
                    ),
                )
            )
        rows[raw["id"]] = Article(
            id=raw["id"],
            code=raw["code"],
            article=raw["article"],
            title=localized(raw["title"]),
            checked=date.fromisoformat(raw["checked"]),
            sources=ctx.check_ids(
                raw["sources"], "sources", "source id", entry=name, field="sources"
            ),
            parts=tuple(parts),
            notes=tuple(notes),
            special_rules=tuple(
                _build_special_rule(rule, ctx, name, f"special_rules[{index}]", numbers)
                for index, rule in enumerate(raw.get("special_rules", ()))
            ),
        )
    return MappingProxyType(rows)


def _build_special_rule(
    raw: Mapping[str, Any], ctx: Context, entry: str, where: str, numbers: set[str]
) -> SpecialRule:
    vocabulary: Vocabulary = ctx.built["vocabulary"]
    if raw["extends"] not in numbers:
        raise ctx.fail(f"unknown part '{raw['extends']}'", entry=entry, field=f"{where}.extends")
    if raw.get("part") in numbers:
        raise ctx.fail(
            f"part '{raw['part']}' is listed twice", entry=entry, field=f"{where}.part"
        )
    if raw["circumstances"] not in vocabulary.circumstances:
        raise ctx.fail(
            f"unknown vocabulary key 'circumstances.{raw['circumstances']}'",
            entry=entry,
            field=f"{where}.circumstances",
        )
    ctx.check_id(
        raw["introduced_by"], "acts", "act id", entry=entry, field=f"{where}.introduced_by"
    )
    return SpecialRule(
        extends=raw["extends"],
        part=raw.get("part"),
        conduct=localized(raw["conduct"]),
        circumstances=raw["circumstances"],
        punishments=tuple(
            _build_punishment(p, ctx, entry, f"{where}.punishments[{i}]")
            for i, p in enumerate(raw["punishments"])
        ),
        introduced_by=raw["introduced_by"],
        sources=ctx.check_ids(
            raw["sources"], "sources", "source id", entry=entry, field=f"{where}.sources"
        ),
        checked=optional_date(raw.get("checked")),
    )


