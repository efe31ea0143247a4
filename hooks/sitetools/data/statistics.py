"""data/statistics.yml: the figures the charts show, each with its period and sources.

``build_statistics`` checks what a schema cannot: real dates, one kind of
period per chart, running totals from one start date, percentages apart
from counts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from .common import Context, Localized, check_plain, localized

PERCENT = "percent"
QUALIFIERS = ("exact", "about", "at-least", "over")


@dataclass(frozen=True, order=True)
class When:
    """A calendar year, month or day, as precise as the source."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day:
            return date(self.year, self.month or 1, self.day)
        if self.month:
            following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(self.year, 12, 31)


@dataclass(frozen=True)
class Period:
    """as_of (with since), a from-to range, or one year/month ("in")."""

    kind: Literal["as_of", "range", "in"]
    start: When | None  # range: from; in: the year or month; as_of: since (or None)
    end: When  # range: to; in: same as start; as_of: the date


@dataclass(frozen=True)
class Item:
    period: Period
    sources: tuple[str, ...]
    checked: date
    unit: str
    label: Localized | None = None
    value: int | float | None = None  # None: the source gives no number
    qualifier: str = "exact"
    estimate: bool = False


@dataclass(frozen=True)
class Chart:
    id: str
    title: Localized
    items: tuple[Item, ...]
    note: Localized | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources of all items, in order of first use."""
        return tuple(dict.fromkeys(s for item in self.items for s in item.sources))

    @property
    def percent(self) -> bool:
        return self.items[0].unit == PERCENT


@dataclass(frozen=True)
class ChartWords:
    """The words of data/statistics.yml (``words``)."""

    texts: Mapping[str, Localized]
    qualifiers: Mapping[str, Localized]
    units: Mapping[str, Mapping[str, Mapping[str, str]]]  # unit -> lang -> category -> word
    months: Mapping[str, tuple[str, ...]]  # nominative


@dataclass(frozen=True)
class Statistics:
    words: ChartWords
    charts: Mapping[str, Chart]


# Placeholders each word must have; words not listed have none.
_WHEN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_when(value: str, ctx: Context, *, entry: str, field: str) -> When:
    """'2025', '2024-06' or '2023-12-05' (the schema has checked the form)."""
    match = _WHEN.match(value)
    if match is None:  # pragma: no cover - the schema rejects it first
        raise ctx.fail(
            f"'{value}' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD",
            entry=entry,
            field=field,
        )
    year, month, day = (int(g) if g is not None else None for g in match.groups())
    assert year is not None
    try:
        date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        raise ctx.fail(f"'{value}' is not a valid date", entry=entry, field=field) from None
    return When(year, month, day)


def _words(ctx: Context) -> ChartWords:
    """The charts' words, from data/vocabulary.yml (checked there)."""
    vocabulary = ctx.built["vocabulary"]
    return ChartWords(
        texts=vocabulary.words["charts"],
        qualifiers=vocabulary.words["chart_qualifiers"],
        units=vocabulary.units,
        months=vocabulary.months_standalone,
    )


def _period(raw: Mapping[str, str], ctx: Context, entry: str, field: str) -> Period:
    keys = set(raw)

    def when(key: str) -> When:
        return parse_when(raw[key], ctx, entry=entry, field=f"{field}.{key}")

    if keys == {"as_of"} or keys == {"as_of", "since"}:
        end = when("as_of")
        start = when("since") if "since" in raw else None
        if start is not None and start.first_day() > end.last_day():
            raise ctx.fail(
                f"'since' {raw['since']} is after 'as_of' {raw['as_of']}",
                entry=entry,
                field=f"{field}.since",
            )
        return Period("as_of", start, end)
    if keys == {"from", "to"}:
        start, end = when("from"), when("to")
        if start.first_day() > end.last_day():
            raise ctx.fail(
                f"'from' {raw['from']} is after 'to' {raw['to']}",
                entry=entry,
                field=f"{field}.from",
            )
        return Period("range", start, end)
    if keys == {"in"}:
        single = when("in")
        if single.day is not None:
            raise ctx.fail(
                "'in' takes a year or a month (YYYY or YYYY-MM)", entry=entry, field=f"{field}.in"
            )
        return Period("in", single, single)
    raise ctx.fail(
        "give exactly one of: as_of (optionally with since), from and to, or in",
        entry=entry,
        field=field,
    )


def build_statistics(document: Mapping[str, Any], ctx: Context) -> Statistics:
    """The ``Statistics`` of data/statistics.yml, cross-checked; ``DataError`` otherwise."""
    words = _words(ctx)
    charts: dict[str, Chart] = {}
    for name, raw in ctx.each(document):
        check_plain(raw, ctx, entry=name)
        items: list[Item] = []
        for index, raw_item in enumerate(raw["items"]):
            where = f"items[{index}]"
            unit = raw_item.get("unit", raw.get("unit"))
            if unit is None:
                raise ctx.fail(
                    "no unit: give 'unit' here or for the chart", entry=name, field=f"{where}.unit"
                )
            if unit != PERCENT and unit not in words.units:
                known = ", ".join([*words.units, PERCENT])
                raise ctx.fail(
                    f"unknown unit '{unit}' (known: {known})",
                    entry=name,
                    field=f"{where}.unit" if "unit" in raw_item else "unit",
                )
            value = raw_item.get("value")
            if value is None:
                for key in ("qualifier", "estimate"):
                    if key in raw_item:
                        raise ctx.fail(
                            f"'{key}' without a value: remove it, or give the value",
                            entry=name,
                            field=f"{where}.{key}",
                        )
            item = Item(
                period=_period(raw_item["period"], ctx, name, f"{where}.period"),
                sources=ctx.check_ids(
                    raw_item["sources"],
                    "sources",
                    "source id",
                    entry=name,
                    field=f"{where}.sources",
                ),
                checked=date.fromisoformat(raw_item["checked"]),
                unit=unit,
                label=localized(raw_item["label"]) if "label" in raw_item else None,
                value=value,
                qualifier=raw_item.get("qualifier", "exact"),
                estimate=raw_item.get("estimate", False),
            )
            _check_compatible(item, items, ctx, name, where)
            if unit == PERCENT and value is not None and value > 100:
                raise ctx.fail(
                    f"a percentage above 100 ({value})", entry=name, field=f"{where}.value"
                )
            items.append(item)
        charts[raw["id"]] = Chart(
            id=raw["id"],
            title=localized(raw["title"]),
            items=tuple(items),
            note=localized(raw["note"]) if "note" in raw else None,
        )
    return Statistics(words=words, charts=MappingProxyType(charts))


def _check_compatible(
    item: Item, before: Sequence[Item], ctx: Context, entry: str, where: str
) -> None:
    """Figures that cannot be compared never share a chart."""
    if not before:
        return
    first = before[0]
    if (item.unit == PERCENT) != (first.unit == PERCENT):
        raise ctx.fail(
            f"'{item.unit}' next to '{first.unit}' (items[0]): "
            "percentages and counts cannot share a chart",
            entry=entry,
            field=f"{where}.unit",
        )
    kinds = {"as_of": "as_of", "range": "from/to", "in": "in"}
    if (item.period.kind == "as_of") != (first.period.kind == "as_of"):
        raise ctx.fail(
            f"a '{kinds[item.period.kind]}' period next to "
            f"'{kinds[first.period.kind]}' (items[0]): "
            "running totals and counts for a period cannot share a chart",
            entry=entry,
            field=f"{where}.period",
        )
    if item.period.kind == "as_of" and item.period.start != first.period.start:
        mine = item.period.start.iso if item.period.start else "none"
        theirs = first.period.start.iso if first.period.start else "none"
        raise ctx.fail(
            f"running total since {mine} next to one since {theirs} (items[0]): "
            "totals counted from different start dates cannot share a chart",
            entry=entry,
            field=f"{where}.period.since",
        )
