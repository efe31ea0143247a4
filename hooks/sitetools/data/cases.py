"""data/cases.yml: what has happened to others, as dated cases in groups; and the dated case
itself, which data/countries.yml uses too.

A case is something that happened (a verdict, a count of prosecutions, a report, an
official's statement) with its date, as precise as the sources (``2024``, ``2024-12``,
``2024-12-04``), the date it was last checked, its text in every language and its
sources. A group is one list a page shows (``<!-- md:cases <group> -->``), oldest first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from .common import Context, Localized, localized, optional_date


@dataclass(frozen=True)
class Case:
    """A dated case: a detention or deportation (data/countries.yml), a verdict, a count of
    prosecutions, a report or a statement (data/cases.yml)."""

    date: date  # the first day of what ``precision`` says
    precision: str  # day | month | year
    kind: str  # the file's schema lists the kinds
    text: Localized
    sources: tuple[str, ...]
    checked: date
    person: Localized | None = None  # required in data/countries.yml
    place: Localized | None = None  # required in data/countries.yml, optional in data/cases.yml
    date_end: date | None = None  # last day of a span of days (same month)
    reported: bool = False  # the date is that of the first report


@dataclass(frozen=True)
class CaseGroup:
    """One list of cases, shown where a page has ``<!-- md:cases <id> -->``."""

    id: str
    cases: tuple[Case, ...]


def _case_date(raw: Mapping[str, Any], ctx: Context, entry: str, field: str) -> tuple[date, str]:
    text = raw["date"]
    parts = text.split("-")
    precision = ("year", "month", "day")[len(parts) - 1]
    numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
    try:
        day = date(*numbers)
    except ValueError:
        raise ctx.fail(
            f"'{text}' is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)", entry=entry, field=field
        ) from None
    return day, precision


def build_case(raw: Mapping[str, Any], ctx: Context, entry: str, where: str) -> Case:
    """One case of ``entry`` (a country, a group); ``where`` (``cases[2]``) leads the field
    paths of its messages."""
    start, precision = _case_date(raw, ctx, entry, f"{where}.date")
    end = optional_date(raw.get("date_end"))
    if end is not None:
        if precision != "day":
            raise ctx.fail(
                "a span of days needs a start date in the form YYYY-MM-DD",
                entry=entry,
                field=f"{where}.date_end",
            )
        if (end.year, end.month) != (start.year, start.month) or end <= start:
            raise ctx.fail(
                f"must be a later day of the same month as {start.isoformat()}",
                entry=entry,
                field=f"{where}.date_end",
            )
    checked = date.fromisoformat(raw["checked"])
    if checked < (end or start):
        raise ctx.fail(
            f"{checked.isoformat()} is before the case's date ({raw['date']}): a case is "
            "checked after it happened",
            entry=entry,
            field=f"{where}.checked",
        )
    return Case(
        date=start,
        precision=precision,
        kind=raw["kind"],
        person=localized(raw["person"]) if "person" in raw else None,
        place=localized(raw["place"]) if "place" in raw else None,
        text=localized(raw["text"]),
        sources=ctx.sources(raw["sources"], entry=entry, field=f"{where}.sources"),
        checked=checked,
        date_end=end,
        reported=bool(raw.get("reported", False)),
    )


def build_cases(document: Mapping[str, Any], ctx: Context) -> Mapping[str, CaseGroup]:
    """The groups by id, each one's cases oldest first (the file's order is checked)."""
    groups: dict[str, CaseGroup] = {}
    for name, raw in ctx.each(document):
        cases: list[Case] = []
        for index, item in enumerate(raw["cases"]):
            case = build_case(item, ctx, name, f"cases[{index}]")
            if cases and case.date < cases[-1].date:
                raise ctx.fail(
                    f"dated {item['date']}, before the case above it: list the oldest first",
                    entry=name,
                    field=f"cases[{index}].date",
                )
            cases.append(case)
        groups[raw["id"]] = CaseGroup(id=raw["id"], cases=tuple(cases))
    return MappingProxyType(groups)
