"""The EU policy asks and appeals of data/policy.yml, and the policy/figures markers.

``build_policy`` turns the validated file into a ``Policy``.
``render_asks`` and ``render_appeals`` return them as Markdown-in-HTML
blocks in a language, citing their sources as footnote references
(``[^source-id]``) that hooks/pages.py turns into footnotes.
``expand_markers`` replaces the markers this module owns:

    <!-- md:chart <id> -->      a chart of data/statistics.yml (sitetools.charts)
    <!-- md:policy-asks -->     the asks, each with addressee, ask, evidence, status, sources
    <!-- md:policy-appeals -->  the earlier appeals to EU institutions

A status says only what a source reports; without one it reads "No public
response found as of <date>".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .cache import kept_renders
from .charts import (
    When,
    check_placeholders,
    check_plain,
    format_when,
    localized,
    md_span,
    parse_when,
    render_chart,
    source_refs,
)
from .data import Localized, SiteData, fill
from .markers import marker_lines
from .statutes import RenderError, format_date, render_template

if TYPE_CHECKING:
    from .data import _Context

__all__ = [
    "MARKER_KINDS",
    "Appeal",
    "Ask",
    "MarkerError",
    "Point",
    "Policy",
    "Status",
    "build_policy",
    "expand_markers",
    "render_appeals",
    "render_asks",
]

MARKER_KINDS = frozenset({"chart", "policy-asks", "policy-appeals"})


# --------------------------------------------------------------------------
# Rows


@dataclass(frozen=True)
class Point:
    """One piece of evidence with its sources."""

    text: Localized
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Status:
    response: str  # "none-found" | "reported"
    as_of: date
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
    signatories: Localized | None = None


@dataclass(frozen=True)
class Policy:
    words: Mapping[str, Localized]
    asks: Mapping[str, Ask]
    appeals: Mapping[str, Appeal]


# --------------------------------------------------------------------------
# Loading (called by sitetools.data for data/policy.yml)

_PLACEHOLDERS = {
    "ask_title": frozenset({"number", "title"}),
    "no_response": frozenset({"date"}),
    "appeal_title": frozenset({"date", "name"}),
}


def _status(raw: Mapping[str, Any], ctx: _Context, entry: str) -> Status:
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
        as_of=date.fromisoformat(raw["as_of"]),
        text=localized(raw["text"]) if "text" in raw else None,
        sources=ctx.check_ids(
            raw.get("sources", ()), "sources", "source id", entry=entry, field="status.sources"
        ),
    )


def build_policy(document: Mapping[str, Any], ctx: _Context) -> Policy:
    """The ``Policy`` of data/policy.yml, cross-checked; ``DataError`` otherwise."""
    check_plain(document["words"], ctx, field="words")
    words = {key: localized(value) for key, value in document["words"].items()}
    check_placeholders(words, _PLACEHOLDERS, ctx, "words.")
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
            signatories=localized(raw["signatories"]) if "signatories" in raw else None,
        )
    return Policy(
        words=MappingProxyType(words),
        asks=MappingProxyType(asks),
        appeals=MappingProxyType(appeals),
    )


# --------------------------------------------------------------------------
# Rendering


def _policy(site: SiteData) -> Policy:
    policy: Policy | None = getattr(site, "policy", None)
    if policy is None:
        raise RenderError("no policy data: data/policy.yml is missing")
    return policy


def _cited(text: str, sources: tuple[str, ...]) -> Markup:
    return md_span(text) + source_refs(sources)


def _status_text(status: Status, lang: str, site: SiteData) -> Markup:
    words = _policy(site).words
    parts: list[Markup] = []
    if status.response == "none-found":
        when = format_date(status.as_of, lang, site.vocabulary)
        parts.append(md_span(fill(words["no_response"][lang], date=when)))
    if status.text is not None:
        parts.append(_cited(status.text[lang], status.sources))
    return Markup(" ").join(parts)


@kept_renders  # in .cache/render, by the data, code and arguments
def render_asks(site: SiteData, lang: str) -> str:
    """All asks in file order, numbered, in ``lang``."""
    policy = _policy(site)
    words = policy.words
    asks = [
        {
            "id": ask.id,
            "title": fill(words["ask_title"][lang], number=str(number), title=ask.title[lang]),
            "addressee": md_span(ask.addressee[lang]),
            "ask": md_span(ask.ask[lang]),
            "why": [_cited(point.text[lang], point.sources) for point in ask.why],
            "status": _status_text(ask.status, lang, site),
            "sources": source_refs(ask.sources),
        }
        for number, ask in enumerate(policy.asks.values(), start=1)
    ]
    return render_template(
        "policy-asks.html",
        lang=lang,
        labels={
            key: words[key][lang] for key in ("addressee", "asked", "why", "status", "sources")
        },
        asks=asks,
    )


@kept_renders  # in .cache/render, by the data, code and arguments
def render_appeals(site: SiteData, lang: str) -> str:
    """The appeals in file order, in ``lang``."""
    policy = _policy(site)
    words = policy.words
    if not policy.appeals:
        raise RenderError("no appeals in data/policy.yml")
    appeals = [
        {
            "id": appeal.id,
            "iso": appeal.date.iso,
            "title": fill(
                words["appeal_title"][lang],
                date=format_when(appeal.date, lang, site),
                name=appeal.name[lang],
            ),
            "initiators": md_span(appeal.initiators[lang]),
            "addressees": md_span(appeal.addressees[lang]),
            "summary": md_span(appeal.summary[lang]),
            "signatories": md_span(
                appeal.signatories[lang] if appeal.signatories else words["no_count"][lang]
            ),
            "sources": source_refs(appeal.sources),
        }
        for appeal in policy.appeals.values()
    ]
    return render_template(
        "policy-appeals.html",
        lang=lang,
        labels={
            key: words[key][lang]
            for key in ("initiators", "addressees", "summary", "signatories", "sources")
        },
        appeals=appeals,
    )


# --------------------------------------------------------------------------
# Markers



class MarkerError(ValueError):
    """A marker of this module that cannot be rendered (one line: page, line, marker, why)."""


def _expand(kind: str, args: list[str], site: SiteData, lang: str, counter: Counter[str]) -> str:
    if kind == "chart":
        if len(args) != 1 or "=" in args[0]:
            raise RenderError("expected '<!-- md:chart <id> -->' with one chart id")
        chart_id = args[0]
        counter[chart_id] += 1
        suffix = "" if counter[chart_id] == 1 else f"-{counter[chart_id]}"
        return render_chart(site, chart_id, lang, id_prefix=f"chart-{chart_id}{suffix}")
    if args:
        raise RenderError(f"expected '<!-- md:{kind} -->' without arguments")
    if kind == "policy-asks":
        return render_asks(site, lang)
    return render_appeals(site, lang)


def expand_markers(markdown: str, site: SiteData, lang: str, *, source: str) -> str:
    """Replace the chart and policy markers in ``markdown`` with their HTML in ``lang``.

    Other markers and anything inside fenced code blocks are left alone.
    ``source`` names the page in error messages; raises ``MarkerError``.
    """
    if "md:" not in markdown:  # no marker at all (most pages): nothing to read
        return markdown
    out: list[str] = []
    counter: Counter[str] = Counter()
    for number, line, match in marker_lines(markdown):
        if not match or match.group("kind") not in MARKER_KINDS:
            out.append(line)
            continue
        try:
            html = _expand(match.group("kind"), match.group("args").split(), site, lang, counter)
        except RenderError as exc:
            raise MarkerError(f"{source}:{number}: marker '{line.strip()}': {exc}") from exc
        out.extend(["", html, ""])
    return "\n".join(out)
