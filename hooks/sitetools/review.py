"""When was each fact last checked? ``make review-due`` and the overdue test.

Every fact entry in ``data/`` carries the date it was last checked against
its sources (``checked``), and every page the date it was last reviewed
(``reviewed`` in its front matter). This lists those older than a number of
days, grouped by the page a reader sees them on (found through the page's
markers), oldest first:

    python -m sitetools.review              # older than 180 days (make review-due)
    python -m sitetools.review --days 365   # what `make test` fails on

A fact that no page shows is listed under "(on no page)".
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import DEFAULT_LANGUAGE, LANGUAGES
from .data import Country, DataError, SiteData, load_all
from .render.markers import MARKER_LINE, code_aware_lines
from .render.pages import front_matter_dates
from .render.statutes import acts_by_date

DUE_DAYS = 180  # make review-due
OVERDUE_DAYS = 365  # make test fails
NO_PAGE = "(on no page)"


@dataclass(frozen=True, order=True)
class Checked:
    """One dated check: a data entry or a page."""

    checked: date
    what: str  # "data/countries.yml: kazakhstan: cases[1]" or "docs/ru/law/x.md: reviewed"
    key: tuple[str, ...] = ()  # what markers show it: ("country", "kazakhstan")


def data_checks(site: SiteData) -> Iterator[Checked]:
    """Every fact entry of the data with its ``checked`` date."""
    for act in site.acts.values():
        yield Checked(act.checked, f"data/acts.yml: {act.id}", ("act", act.id))
    for article in site.articles.values():
        key = ("statute", article.id)
        yield Checked(article.checked, f"data/statutes.yml: {article.id}", key)
        for part in article.parts:
            if part.checked:
                yield Checked(part.checked, f"data/statutes.yml: {article.id}: part {part.part}",
                              key)
        for rule in article.special_rules:
            if rule.checked:
                yield Checked(rule.checked, f"data/statutes.yml: {article.id}: special rule "
                              f"for part {rule.extends}", key)
    for org in site.organizations.values():
        key = ("organizations", org.id)
        yield Checked(org.checked, f"data/organizations.yml: {org.id}", key)
        for channel in org.channels:
            yield Checked(channel.checked,
                          f"data/organizations.yml: {org.id}: {channel.kind} {channel.value}", key)
    if site.countries is not None:
        for country in site.countries.countries.values():
            yield from _country_checks(country)
    for group in site.cases.values():
        for index, case in enumerate(group.cases):
            yield Checked(case.checked, f"data/cases.yml: {group.id}: cases[{index}]",
                          ("cases", group.id))
    if site.statistics is not None:
        for chart in site.statistics.charts.values():
            for index, item in enumerate(chart.items):
                yield Checked(item.checked, f"data/statistics.yml: {chart.id}: items[{index}]",
                              ("chart", chart.id))
    if site.policy is not None:
        for ask in site.policy.asks.values():
            yield Checked(ask.status.checked, f"data/policy.yml: {ask.id}: status",
                          ("policy-asks",))
        for appeal in site.policy.appeals.values():
            yield Checked(appeal.checked, f"data/policy.yml: {appeal.id}", ("policy-appeals",))
    for claim in site.claims.values():
        yield Checked(claim.checked, f"data/claims.yml: {claim.id}", ("claim", claim.id))


def _country_checks(country: Country) -> Iterator[Checked]:
    where, key = f"data/countries.yml: {country.id}", ("country", country.id)
    yield Checked(country.checked, where, key)
    if country.searched is not None:
        yield Checked(country.searched.checked, f"{where}: searched", key)
    for name in ("risk_summary", "entry", "stay", "military_presence"):
        fact = getattr(country, name)
        if fact is not None:
            yield Checked(fact.checked, f"{where}: {name}", key)
    for index, fact in enumerate(country.practical):
        yield Checked(fact.checked, f"{where}: practical[{index}]", key)
    for index, case in enumerate(country.cases):
        yield Checked(case.checked, f"{where}: cases[{index}]", key)


def shown_on(docs: Path, site: SiteData) -> dict[tuple[str, ...], list[str]]:
    """For each kind of fact (``("country", "armenia")``), the pages that show it: found
    through the markers of the English pages (every language has the same markers)."""
    shown: dict[tuple[str, ...], list[str]] = {}
    english = docs / DEFAULT_LANGUAGE
    for path in sorted(english.rglob("*.md")):
        page = path.relative_to(english).as_posix()
        for key in _keys_on_page(path.read_text(encoding="utf-8", errors="replace"), site):
            pages = shown.setdefault(key, [])
            if page not in pages:
                pages.append(page)
    return shown


def _keys_on_page(text: str, site: SiteData) -> Iterator[tuple[str, ...]]:
    for _number, line, in_code in code_aware_lines(text):
        match = None if in_code else MARKER_LINE.match(line)
        if match is None:
            continue
        kind, args = match.group("kind"), match.group("args").split()
        options = dict(a.split("=", 1) for a in args if "=" in a)
        plain = [a for a in args if "=" not in a]
        if kind == "statute" and plain:
            yield ("statute", plain[0])
        elif kind == "figure" and plain == ["penalty-chart"]:
            chosen = options.get("articles")
            for article in chosen.split(",") if chosen else site.articles:
                yield ("statute", article)
        elif kind == "figure" and plain == ["timeline"] or kind == "acts":
            kinds = options["kind"].split(",") if "kind" in options else None
            ids = options["ids"].split(",") if "ids" in options else None
            try:
                acts = acts_by_date(site, kinds=kinds, ids=ids)
            except ValueError:
                continue  # the build reports the marker
            yield from (("act", act.id) for act in acts)
        elif kind in ("country", "country-cases") and plain:
            yield ("country", plain[0])
        elif kind == "countries" and site.countries is not None:
            yield from (("country", c) for c in site.countries.countries)
        elif kind in ("cases", "chart", "claim") and plain:
            yield (kind, plain[0])
        elif kind in ("policy-asks", "policy-appeals"):
            yield (kind,)
        elif kind == "organizations":
            yield from (("organizations", o.id) for o in site.organizations.values()
                        if "kind" not in options or o.kind in options["kind"].split(","))


def page_checks(docs: Path) -> Iterator[tuple[str, Checked]]:
    """(page path inside a language folder, its reviewed date) for every page and language."""
    for lang in LANGUAGES:
        for page, reviewed in front_matter_dates(docs / lang, "reviewed").items():
            yield page, Checked(reviewed, f"docs/{lang}/{page}: reviewed")


def due(docs: Path, site: SiteData, *, today: date, days: int) -> dict[str, list[Checked]]:
    """What was last checked more than ``days`` before ``today``, by page; the pages with
    the oldest checks first, and within a page the oldest first."""
    limit = today - timedelta(days=days)
    shown = shown_on(docs, site)
    found: dict[str, list[Checked]] = {}
    for item in data_checks(site):
        if item.checked < limit:
            for page in shown.get(item.key, [NO_PAGE]):
                found.setdefault(page, []).append(item)
    for page, item in page_checks(docs):
        if item.checked < limit:
            found.setdefault(page, []).append(item)
    for items in found.values():
        items.sort()
    return dict(sorted(found.items(), key=lambda entry: (entry[1][0], entry[0])))


def format_due(found: dict[str, list[Checked]], *, today: date, days: int) -> str:
    if not found:
        return f"Nothing was last checked more than {days} days before {today}."
    lines = [f"Last checked more than {days} days before {today}, by page (oldest first):"]
    for page, items in found.items():
        lines.append(f"{page}")
        lines.extend(f"  {item.checked}  {item.what}" for item in items)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitetools.review",
        description="List the facts and pages whose last check is older than --days.")
    parser.add_argument("--days", type=int, default=DUE_DAYS)
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(),
                        help="the day to count from (YYYY-MM-DD; default: today)")
    args = parser.parse_args(argv)
    try:
        site = load_all(args.data)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    found = due(args.docs, site, today=args.today, days=args.days)
    print(format_due(found, today=args.today, days=args.days))
    return 0


if __name__ == "__main__":
    sys.exit(main())

