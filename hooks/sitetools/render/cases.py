"""Dated cases: a group of data/cases.yml as a list, and the date of any case in words (the
transit countries' cases use it too).

Pure functions: ``SiteData``, a group and a language in, HTML out, from the Jinja template
``overrides/partials/data/cases.html`` (autoescaped). Each case is a list item: its date
(and place) in bold, its text, and its sources as footnote references ``[^source-id]``,
whose text ``render.pages`` adds in the page's language (so this runs before it). The
item carries ``markdown="span"`` (the ``md_in_html`` extension); data text in it is
escaped twice, Markdown punctuation with a backslash, then HTML by Jinja.

Marker (``render.markers``)::

    <!-- md:cases crimea-draft-prosecutions -->    the cases of one group, oldest first
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data import Case, CaseGroup, SiteData, fill
from .templates import RenderError, format_date, md_escape, render_template

__all__ = ["CaseTime", "case_group_ids", "case_time", "format_case_date", "render_cases"]


@dataclass(frozen=True)
class CaseTime:
    """The date of a case for a ``<time>`` element: ``iso`` as precise as the sources."""

    iso: str  # "2024", "2024-12", "2024-12-04"
    text: str  # "December 2024", «декабрь 2024 года»


def format_case_date(case: Case, lang: str, site: SiteData) -> str:
    """ "2024", "December 2022", "6–7 December 2023", "9 April 2024 (date of the report)"."""
    formats = site.vocabulary.words["countries"]
    day = case.date
    if case.precision == "year":
        text = fill(formats["date_year"][lang], year=str(day.year))
    elif case.precision == "month":
        text = fill(
            formats["date_month"][lang],
            month=site.vocabulary.months_standalone[lang][day.month - 1],
            year=str(day.year),
        )
    elif case.date_end is not None:
        text = fill(
            formats["date_range"][lang],
            start=str(day.day),
            end=str(case.date_end.day),
            month=site.vocabulary.months[lang][day.month - 1],
            year=str(day.year),
        )
    else:
        text = format_date(day, lang, site.vocabulary)
    if case.reported:
        text = fill(formats["reported"][lang], date=text)
    return text


def case_time(case: Case, lang: str, site: SiteData) -> CaseTime:
    """The case's date in words, as it starts a line («Декабрь 2023 года»), and as a
    machine-readable date of the same precision."""
    iso = {
        "year": f"{case.date.year:04d}",
        "month": f"{case.date.year:04d}-{case.date.month:02d}",
    }.get(case.precision, case.date.isoformat())
    text = format_case_date(case, lang, site)
    return CaseTime(iso, text[:1].upper() + text[1:])


@dataclass(frozen=True)
class _Item:
    date: CaseTime
    place_md: str | None  # Markdown-escaped
    text_md: str  # Markdown-escaped
    sources: tuple[str, ...]
    stop: str  # the full stop after the date (and place), unless it ends with one: «2023 р.»


def case_group_ids(site: SiteData) -> list[str]:
    """The groups a ``<!-- md:cases <group> -->`` marker may name."""
    return list(site.cases)


def _group(site: SiteData, group_id: str) -> CaseGroup:
    if not site.cases:
        raise RenderError("there is no data/cases.yml")
    try:
        return site.cases[group_id]
    except KeyError:
        known = ", ".join(site.cases)
        raise RenderError(f"unknown case group '{group_id}' (known: {known})") from None


def render_cases(site: SiteData, group_id: str, lang: str) -> str:
    """The cases of one group in ``lang``, oldest first; ``RenderError`` for an unknown group."""
    group = _group(site, group_id)
    items = []
    for case in group.cases:
        when = case_time(case, lang, site)
        place = case.place[lang] if case.place is not None else None
        items.append(_Item(
            date=when,
            place_md=md_escape(place) if place is not None else None,
            text_md=md_escape(case.text[lang]),
            sources=case.sources,
            stop="" if (place or when.text).endswith(".") else ".",
        ))
    return render_template("cases.html", lang=lang, group=group.id, cases=items)
