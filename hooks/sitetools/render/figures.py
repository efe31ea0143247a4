"""Figures drawn at build time as inline SVG (no JavaScript, no files).

- ``timeline_svg``: the acts of data/acts.yml, one row per act, top to bottom,
  360 units wide so it reads on a phone.
- ``penalty_chart_svg``: for each Criminal Code article with prison terms,
  the longest term of deprivation of liberty in peacetime and in wartime
  (mobilization, martial law, war), computed from data/statutes.yml.
- ``render_figure``: a figure inside ``<figure>`` with its caption, followed
  by the same numbers as a table (for screen readers and readers without
  images).

Each SVG has ``role="img"``, a ``<title>`` and a ``<desc>`` named by
``aria-labelledby``, inherits the page font, and draws text and lines in
``currentColor`` (so it follows light and dark mode). SVG text does not wrap
by itself: lines are broken here from an estimate of the glyph widths.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..data import Article, Punishment, SiteData, fill
from .statutes import acts_by_date, format_term
from .svg import FONT_SIZE, LINE_HEIGHT, WIDTH, Text, round1, wrap
from .templates import RenderError, format_date, render_template

__all__ = [
    "FIGURES",
    "MaxTerm",
    "PenaltyRow",
    "penalty_chart_svg",
    "penalty_rows",
    "render_figure",
    "timeline_svg",
    "wrap",
]

# Bar fills on a white page (contrast with white: 6.7:1 and 6.5:1); the
# stylesheet swaps them for lighter ones in dark mode.
COLOURS = {"peacetime": "#1d4ed8", "wartime": "#b91c1c"}
CIRCUMSTANCES = ("peacetime", "wartime")

_YEARS_PER_UNIT = {"years": 1.0, "months": 1 / 12, "days": 1 / 365, "hours": 1 / (365 * 24)}


# --------------------------------------------------------------------------
# Timeline


@dataclass(frozen=True)
class _TimelineRow:
    dot_x: float
    dot_y: float
    date: Text
    name: Text


def timeline_svg(site_data: SiteData, lang: str, *, id_prefix: str = "timeline") -> str:
    """A vertical timeline of all acts, oldest first, in ``lang``."""
    vocabulary = site_data.vocabulary
    texts = vocabulary.figures["timeline"]
    acts = acts_by_date(site_data)
    dot_x, text_x, top, gap = 12, 28, 8, 14
    text_room = WIDTH - text_x - 4
    rows = []
    y = top
    for act in acts:
        date = Text(text_x, y + FONT_SIZE, (format_date(act.date, lang, vocabulary),), bold=True)
        name_lines = tuple(wrap(act.name[lang], text_room, FONT_SIZE))
        name = Text(text_x, y + FONT_SIZE + LINE_HEIGHT, name_lines)
        rows.append(_TimelineRow(dot_x, y + FONT_SIZE / 2 + 1, date, name))
        y += date.height + name.height + gap
    line = None
    if len(rows) > 1:
        line = {"x": dot_x, "y1": rows[0].dot_y, "y2": rows[-1].dot_y}
    first = format_date(acts[0].date, lang, vocabulary) if acts else ""
    last = format_date(acts[-1].date, lang, vocabulary) if acts else ""
    return render_template(
        "timeline.html",
        id=id_prefix,
        width=WIDTH,
        height=math.ceil(y - gap + top),
        font_size=FONT_SIZE,
        title=texts["title"][lang],
        desc=fill(texts["desc"][lang], first=first, last=last),
        line=line,
        rows=rows,
    )


def _timeline_table(site_data: SiteData, lang: str) -> tuple[list[str], list[list[str]]]:
    vocabulary = site_data.vocabulary
    headers = [vocabulary.labels["date"][lang], vocabulary.labels["act"][lang]]
    rows = [
        [format_date(act.date, lang, vocabulary), act.name[lang]] for act in acts_by_date(site_data)
    ]
    return headers, rows


# --------------------------------------------------------------------------
# Penalty chart


@dataclass(frozen=True)
class MaxTerm:
    """The longest prison term for one article and circumstance."""

    life: bool
    value: int | float | None = None  # as in the data (None for life)
    unit: str | None = None

    @property
    def years(self) -> float:
        if self.life or self.value is None or self.unit is None:
            return math.inf
        return self.value * _YEARS_PER_UNIT[self.unit]


@dataclass(frozen=True)
class PenaltyRow:
    article: Article
    peacetime: MaxTerm | None
    wartime: MaxTerm | None
    # circumstances without a term only because the penalties are not confirmed
    unconfirmed: frozenset[str] = frozenset()
    # circumstances the article has no part for (looting is an offence only in war)
    absent: frozenset[str] = frozenset()

    def term(self, circumstance: str) -> MaxTerm | None:
        return self.peacetime if circumstance == "peacetime" else self.wartime

    def label(self, circumstance: str, site_data: SiteData, lang: str) -> str:
        if circumstance == "peacetime" and circumstance in self.absent:
            return site_data.vocabulary.labels["not_in_peacetime"][lang]
        return _term_label(
            self.term(circumstance), site_data, lang,
            unconfirmed=circumstance in self.unconfirmed,
        )


def max_term(article: Article, circumstance: str) -> MaxTerm | None:
    """Longest deprivation of liberty in the parts that apply in ``circumstance``.

    Parts for "any" circumstances count for both; parts whose punishments are
    unverified are left out.
    """
    best: MaxTerm | None = None
    for part in article.parts:
        if part.circumstances not in (circumstance, "any") or "punishments" in part.unverified:
            continue
        for punishment in part.punishments:
            if punishment.kind == "life-imprisonment":
                return MaxTerm(life=True)
            if (
                punishment.kind == "deprivation-of-liberty"
                and punishment.max is not None
                and punishment.unit
            ):
                term = MaxTerm(life=False, value=punishment.max, unit=punishment.unit)
                if best is None or term.years > best.years:
                    best = term
    return best


def penalty_rows(site_data: SiteData, articles: Sequence[str] | None = None) -> list[PenaltyRow]:
    """Articles with their longest prison terms.

    By default every Criminal Code article with a prison term, in file
    order; with ``articles``, those articles in that order (``RenderError``
    for an unknown article or one without a prison term).
    """
    if articles is None:
        chosen = [a for a in site_data.articles.values() if a.code == "cc"]
    else:
        if not articles or len(set(articles)) != len(articles):
            raise RenderError("list each article once")
        unknown = [a for a in articles if a not in site_data.articles]
        if unknown:
            raise RenderError(f"unknown article '{unknown[0]}'")
        chosen = [site_data.articles[a] for a in articles]
    rows = []
    for article in chosen:
        peacetime, wartime = max_term(article, "peacetime"), max_term(article, "wartime")
        unconfirmed = frozenset(
            c for c, term in zip(CIRCUMSTANCES, (peacetime, wartime), strict=True)
            if term is None and any(
                p.circumstances in (c, "any") and "punishments" in p.unverified
                for p in article.parts
            )
        )
        absent = frozenset(
            c for c in CIRCUMSTANCES
            if not any(p.circumstances in (c, "any") for p in article.parts)
        )
        row = PenaltyRow(article, peacetime, wartime, unconfirmed, absent)
        if row.peacetime or row.wartime:
            rows.append(row)
        elif articles is not None:
            raise RenderError(f"article '{article.id}' has no prison term to chart")
    return rows


def _term_label(
    term: MaxTerm | None, site_data: SiteData, lang: str, *, unconfirmed: bool = False
) -> str:
    labels = site_data.vocabulary.labels
    if term is None:
        return labels["not_confirmed" if unconfirmed else "no_prison_term"][lang]
    if term.life:
        return labels["life"][lang]
    exact = Punishment("deprivation-of-liberty", min=term.value, max=term.value, unit=term.unit)
    return format_term(exact, lang, site_data.vocabulary)


def _article_label(article: Article, site_data: SiteData, lang: str) -> str:
    return fill(
        site_data.vocabulary.formats["article_short"][lang],
        article=article.article,
        title=article.title[lang],
    )


@dataclass(frozen=True)
class _Bar:
    key: str
    colour: str
    x: float
    y: float
    width: float
    height: float
    label: Text


@dataclass(frozen=True)
class _ChartRow:
    heading: Text
    bars: tuple[_Bar, ...]


def penalty_chart_svg(
    site_data: SiteData,
    lang: str,
    *,
    id_prefix: str = "penalty-chart",
    articles: Sequence[str] | None = None,
) -> str:
    """Horizontal bars: longest prison term per article, peacetime and wartime, in ``lang``.

    ``articles`` limits the chart to those articles, in that order (see ``penalty_rows``).
    """
    vocabulary = site_data.vocabulary
    labels = vocabulary.labels
    texts = vocabulary.figures["penalty_chart"]
    data = penalty_rows(site_data, articles)
    left, right, label_room = 8, 8, 92
    bar_room = WIDTH - left - right - label_room  # the longest bar (life imprisonment)
    finite = [t.years for row in data for t in (row.peacetime, row.wartime) if t and not t.life]
    scale_max = max(5, math.ceil(max(finite, default=5) / 5) * 5)
    scale_px = bar_room * 0.88  # finite terms end before the life bars
    bar_height, bar_gap, row_gap = 16, 4, 16

    y = 8.0
    legend = []
    for key in CIRCUMSTANCES:
        label = Text(left + 18, y + 11, (labels[key][lang],), size=13)
        legend.append({"key": key, "colour": COLOURS[key], "x": left, "y": y, "label": label})
        y += 18
    y += 8
    grid_top = y
    rows = []
    for row in data:
        heading_lines = tuple(
            wrap(
                _article_label(row.article, site_data, lang),
                WIDTH - left - right,
                FONT_SIZE,
                bold=True,
            )
        )
        heading = Text(left, y + FONT_SIZE, heading_lines, bold=True)
        y += heading.height + 4
        bars = []
        for key in CIRCUMSTANCES:
            term = row.term(key)
            if term is None:
                width = 0.0
            elif term.life:
                width = float(bar_room)
            else:
                width = round1(scale_px * term.years / scale_max)
            label = Text(
                round1(left + width + 6),
                round1(y + bar_height - 4),
                (row.label(key, site_data, lang),),
                size=13,
            )
            bars.append(_Bar(key, COLOURS[key], left, round1(y), width, bar_height, label))
            y += bar_height + bar_gap
        rows.append(_ChartRow(heading, tuple(bars)))
        y += row_gap - bar_gap
    grid_bottom = y - row_gap + 6
    ticks = []
    step = 5 if scale_max <= 30 else 10
    for years in range(0, scale_max + 1, step):
        x = round1(left + scale_px * years / scale_max)
        ticks.append(
            {"x": x, "label": Text(x, grid_bottom + 15, (str(years),), size=12, anchor="middle")}
        )
    axis = Text(
        round1(left + scale_px), grid_bottom + 32, (texts["axis"][lang],), size=12, anchor="end"
    )
    height = math.ceil(grid_bottom + 32 + 8)

    summary = " ".join(
        f"{_article_label(row.article, site_data, lang)} — "
        + "; ".join(
            f"{labels[key][lang]}: {row.label(key, site_data, lang)}"
            for key in CIRCUMSTANCES
        )
        + "."
        for row in data
    )
    return render_template(
        "penalty-chart.html",
        id=id_prefix,
        width=WIDTH,
        height=height,
        font_size=FONT_SIZE,
        title=texts["title"][lang],
        desc=f"{texts['desc'][lang]} {summary}".strip(),
        legend=legend,
        ticks=ticks,
        grid_top=round1(grid_top),
        grid_bottom=round1(grid_bottom),
        axis=axis,
        rows=rows,
    )


def _penalty_table(
    site_data: SiteData, lang: str, articles: Sequence[str] | None = None
) -> tuple[list[str], list[list[str]]]:
    labels = site_data.vocabulary.labels
    headers = [labels["article"][lang], *(labels[key][lang] for key in CIRCUMSTANCES)]
    rows = [
        [
            _article_label(row.article, site_data, lang),
            *(row.label(k, site_data, lang) for k in CIRCUMSTANCES),
        ]
        for row in penalty_rows(site_data, articles)
    ]
    return headers, rows


# --------------------------------------------------------------------------
# Figure with caption and table


@dataclass(frozen=True)
class _Figure:
    vocabulary_key: str
    svg: Callable[..., str]
    table: Callable[..., tuple[list[str], list[list[str]]]]
    options: frozenset[str] = frozenset()  # keyword options the figure accepts


FIGURES: Mapping[str, _Figure] = {
    "timeline": _Figure("timeline", timeline_svg, _timeline_table),
    "penalty-chart": _Figure(
        "penalty_chart", penalty_chart_svg, _penalty_table, frozenset({"articles"})
    ),
}


def render_figure(
    site_data: SiteData,
    name: str,
    lang: str,
    *,
    id_prefix: str | None = None,
    articles: Sequence[str] | None = None,
) -> str:
    """``<figure>`` with the SVG and its caption, then the numbers as a table.

    ``id_prefix`` names the SVG's title and desc ids; give each figure on a
    page its own. ``articles`` (penalty-chart only) limits the chart to
    those articles. Raises ``KeyError`` for an unknown figure name and
    ``RenderError`` for options the figure does not take or unknown articles.
    """
    figure = FIGURES[name]
    options = {"articles": articles} if articles is not None else {}
    unknown = set(options) - figure.options
    if unknown:
        raise RenderError(f"figure '{name}' takes no option '{sorted(unknown)[0]}'")
    texts = site_data.vocabulary.figures[figure.vocabulary_key]
    headers, rows = figure.table(site_data, lang, **options)
    svg = figure.svg(site_data, lang, id_prefix=id_prefix or f"figure-{name}", **options)
    return render_template(
        "figure.html",
        lang=lang,
        kind=name,
        svg=Markup(svg),  # noqa: S704 - rendered by an autoescaping template
        caption=texts["caption"][lang],
        summary=site_data.vocabulary.labels["figure_data"][lang],
        headers=headers,
        rows=rows,
    )
