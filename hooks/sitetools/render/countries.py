"""Transit countries: the comparison table and the facts box of one country.

Pure functions: ``SiteData`` and a language in, HTML out, from the Jinja
templates ``overrides/partials/data/countries.html`` and ``country.html``
(autoescaped). The HTML carries ``markdown="1"`` / ``markdown="span"`` on the
elements that hold a link or a citation (the ``md_in_html`` extension), so

* a country page link is a Markdown link to ``countries/<id>.md``, which
  MkDocs checks and rewrites like any other link, and
* every fact cites its sources as footnote references ``[^source-id]``, whose
  text ``render.pages`` adds in the page's language (so this runs before it).

Data text in those elements is escaped twice: Markdown punctuation gets a
backslash, then Jinja escapes HTML. Data cannot inject markup either way.

Markers (``render.markers``)::

    <!-- md:countries -->          the comparison table of all countries
    <!-- md:country armenia -->    the facts box of one country
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..data import (
    Case,
    Country,
    CountryGuide,
    Fact,
    Localized,
    Searched,
    SiteData,
    Vocabulary,
    fill,
)
from .cases import CaseTime, case_time, format_case_date
from .templates import RenderError, format_date, md_escape, render_template

__all__ = [
    "country_href",
    "country_ids",
    "format_case_date",
    "md_escape",
    "render_comparison",
    "render_country",
]

COUNTRIES_FOLDER = "countries"


# --------------------------------------------------------------------------
# Words


def _guide(site: SiteData) -> CountryGuide:
    if site.countries is None:
        raise RenderError("there is no data/countries.yml")
    return site.countries


def _split(template: str, key: str) -> tuple[str, str]:
    """The text of a one-placeholder phrase before and after ``{key}``."""
    before, _, after = fill(template, **{key: "\x00"}).partition("\x00")
    return before, after


def country_href(page_path: str, country_id: str) -> str:
    """The relative link from ``page_path`` (``situations/abroad.md``) to a country page."""
    start = posixpath.dirname(page_path) or "."
    return posixpath.relpath(f"{COUNTRIES_FOLDER}/{country_id}.md", start)


# --------------------------------------------------------------------------
# Views (plain data for the templates; ``md`` fields are Markdown-escaped)


@dataclass(frozen=True)
class _Cited:
    md: str  # Markdown-escaped text
    sources: tuple[str, ...]


@dataclass(frozen=True)
class _Date:
    iso: str
    text: str


@dataclass(frozen=True)
class _Row:
    name: str
    documents: str
    stay: str
    risk: str
    cases: str
    href: str
    link_md: str


@dataclass(frozen=True)
class _CaseView:
    date: CaseTime
    place_md: str | None  # always given in data/countries.yml
    person_md: str | None
    kind_md: str
    text: _Cited


def _cited(text: str, sources: Iterable[str]) -> _Cited:
    return _Cited(md=md_escape(text), sources=tuple(dict.fromkeys(sources)))


def _fact(fact: Fact | None, lang: str) -> _Cited | None:
    return _cited(fact.text[lang], fact.sources) if fact is not None else None


def _years(cases: Sequence[Case]) -> str:
    years = sorted({case.date.year for case in cases})
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _documents(country: Country, lang: str, vocabulary: Vocabulary) -> str:
    words = vocabulary.words["countries"]
    if country.entry is None:
        return words["no_information"][lang]
    names = [vocabulary.words["country_documents"][key][lang] for key in country.entry.documents]
    text = ", ".join(names[:1] + [name[:1].lower() + name[1:] for name in names[1:]])
    if country.entry.confirmed_until is not None:
        year = str(country.entry.confirmed_until)
        text = f"{text} ({fill(words['confirmed_until'][lang], year=year)})"
    return text


def _searched(country: Country) -> Searched:
    if country.searched is None:
        raise RenderError(f"data/countries.yml: entry '{country.id}': field 'searched': missing "
                          "(what was searched for cases, and when: every count and every "
                          "\"no case\" is shown with it)")
    return country.searched


def _cases_cell(country: Country, lang: str, site: SiteData) -> str:
    """ "3 (2023–2024), known to us as of 6 December 2026" or "None known to us as of …"."""
    words = site.vocabulary.words["countries"]
    when = format_date(_searched(country).checked, lang, site.vocabulary)
    if not country.cases:
        return fill(words["none_known"][lang], date=when)
    return fill(words["cases_known"][lang], count=str(len(country.cases)),
                years=_years(country.cases), date=when)


def _date_view(day: date, lang: str, site: SiteData) -> _Date:
    return _Date(day.isoformat(), format_date(day, lang, site.vocabulary))


# --------------------------------------------------------------------------
# Comparison table


def render_comparison(site: SiteData, lang: str, *, page_path: str) -> str:
    """The HTML table comparing all countries in ``lang``; links relative to ``page_path``."""
    guide = _guide(site)
    labels = formats = site.vocabulary.words["countries"]
    rows = [
        _Row(
            name=country.name[lang],
            documents=_documents(country, lang, site.vocabulary),
            stay=country.stay.short[lang]
            if country.stay is not None and country.stay.short is not None
            else labels["no_information"][lang],
            risk=site.vocabulary.words["country_risks"][country.risk][lang],
            cases=_cases_cell(country, lang, site),
            href=country_href(page_path, country.id),
            link_md=md_escape(f"{labels['details_link'][lang]}: {country.name[lang]}"),
        )
        for country in guide.countries.values()
    ]
    checked = min(country.checked for country in guide.countries.values())
    before, after = _split(formats["table_as_of"][lang], "date")
    return render_template(
        "countries.html",
        lang=lang,
        caption=labels["table_caption"][lang],
        headers=[
            labels[key][lang]
            for key in ("country", "documents", "stay", "risk", "cases", "page")
        ],
        rows=rows,
        note=labels["table_note"][lang],
        checked=_date_view(checked, lang, site),
        checked_before=before,
        checked_after=after,
    )


# --------------------------------------------------------------------------
# Facts box


def _country(guide: CountryGuide, country_id: str) -> Country:
    try:
        return guide.countries[country_id]
    except KeyError:
        known = ", ".join(guide.countries)
        raise RenderError(f"unknown country '{country_id}' (known: {known})") from None


def _localized_md(text: Localized | None, lang: str) -> str | None:
    return md_escape(text[lang]) if text is not None else None


def _case_views(country: Country, lang: str, site: SiteData) -> list[_CaseView]:
    return [
        _CaseView(
            date=case_time(case, lang, site),
            place_md=_localized_md(case.place, lang),
            person_md=_localized_md(case.person, lang),
            kind_md=md_escape(site.vocabulary.words["case_kinds"][case.kind][lang]),
            text=_cited(case.text[lang], case.sources),
        )
        for case in country.cases
    ]


def _searched_line(country: Country, lang: str, site: SiteData) -> str:
    """What was searched for cases, and when (every list of cases is "as of" that date)."""
    labels = site.vocabulary.words["countries"]
    searched = _searched(country)
    return fill(labels["cases_searched" if country.cases else "no_cases"][lang],
                date=format_date(searched.checked, lang, site.vocabulary),
                searched=searched.text[lang])


def render_country_cases(site: SiteData, country_id: str, lang: str, *, page_path: str) -> str:
    """The documented cases of one country, with what was searched and when
    (``<!-- md:country-cases <id> -->``). On the country's own page, the list itself, under
    the page's question about them; on a page that speaks of several countries, in a block
    that opens under the country's name (a ``<details>``, which needs no script) and links
    to its page."""
    country = _country(_guide(site), country_id)
    cases, searched = _case_views(country, lang, site), _searched_line(country, lang, site)
    if page_path == f"{COUNTRIES_FOLDER}/{country.id}.md":
        return render_template("country-cases.html", cases=cases, searched=searched)
    labels = site.vocabulary.words["countries"]
    return render_template(
        "country-cases-block.html",
        lang=lang,
        country_id=country.id,
        country_name=country.name[lang],
        cases=cases,
        searched=searched,
        link_md=md_escape(f"{labels['details_link'][lang]}: {country.name[lang]}"),
        href=country_href(page_path, country.id),
    )


def render_country(site: SiteData, country_id: str, lang: str) -> str:
    """The facts box of one country in ``lang``; raises ``RenderError`` for an unknown id."""
    guide = _guide(site)
    country = _country(guide, country_id)
    labels = formats = site.vocabulary.words["countries"]
    no_information = labels["no_information"][lang]
    entry = None
    if country.entry is not None:
        entry = _cited(
            f"{_documents(country, lang, site.vocabulary)}. {country.entry.text[lang]}",
            country.entry.sources,
        )
    treaties = []
    for membership in country.treaties:
        treaty = guide.treaties[membership.treaty]
        heading = fill(
            formats["membership"][lang],
            treaty=treaty.name[lang],
            status=site.vocabulary.words["treaty_statuses"][membership.status][lang],
        )
        if membership.text is not None:
            body, sources = membership.text[lang], membership.sources
        else:
            body, sources = treaty.summary[lang], (*membership.sources, *treaty.sources)
        treaties.append(_cited(f"{heading}. {body}", sources))
    risk = _cited(
        f"{site.vocabulary.words['country_risks'][country.risk][lang]}. "
        f"{country.risk_summary.text[lang]}",
        country.risk_summary.sources,
    )
    as_of_before, as_of_after = _split(formats["as_of"][lang], "date")
    return render_template(
        "country.html",
        lang=lang,
        country_id=country.id,
        caption=fill(formats["facts_caption"][lang], country=country.name[lang]),
        as_of=_date_view(country.checked, lang, site),
        as_of_before=as_of_before,
        as_of_after=as_of_after,
        warning_label=labels["warning"][lang],
        warning=_localized_md(country.warning, lang),
        rows=[
            (labels["documents"][lang], entry),
            (labels["stay"][lang], _fact(country.stay, lang)),
            (labels["military_presence"][lang], _fact(country.military_presence, lang)),
            (labels["risk"][lang], risk),
            # the count only: the cases themselves stand under the page's own question
            # (<!-- md:country-cases <id> --> on the country's page)
            (labels["cases"][lang], _cited(_cases_cell(country, lang, site), ())),
        ],
        no_information=md_escape(no_information),
        treaties_heading=labels["treaties"][lang],
        treaties=treaties,
        practical_heading=labels["practical"][lang],
        practical=[_cited(fact.text[lang], fact.sources) for fact in country.practical],
        not_verified_heading=labels["not_verified"][lang],
        not_verified=[md_escape(text[lang]) for text in country.not_verified],
    )


def country_ids(site: SiteData) -> list[str]:
    """The ids a ``<!-- md:country <id> -->`` marker may name."""
    return list(_guide(site).countries)
