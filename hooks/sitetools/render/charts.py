"""Charts of data/statistics.yml, drawn at build time as inline SVG.

``render_chart`` returns a chart as one Markdown-in-HTML block: the SVG, a
caption with the period and footnote references to the sources
(``[^source-id]``, turned into footnotes by ``render.pages``), and the same
numbers as a table. ``chart_svg`` is the SVG alone.

Each SVG is 360 units wide (one phone screen), has ``role="img"``, a
``<title>`` and a ``<desc>`` (every value with its period) named by
``aria-labelledby``, draws its text in ``currentColor`` and inherits the
page font. Every bar has its label and value written above it, so nothing
is read off an axis. Estimates are hatched and say "(estimate)".
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from markupsafe import Markup

from ..data import PERCENT, Chart, Item, Period, SiteData, Statistics, Vocabulary, When, fill
from .plural import format_number, unit_word
from .svg import FONT_SIZE, WIDTH, Text, text_width, wrap
from .templates import RenderError, format_date, render_template

__all__ = [
    "COLOUR",
    "chart_svg",
    "chart_table",
    "format_period",
    "format_value",
    "format_when",
    "md_span",
    "render_chart",
    "source_refs",
]

# Bar colour on a white page (contrast 6.7:1); the stylesheet
# (policy-figures.css) swaps it for a lighter one in dark mode.
COLOUR = "#1d4ed8"

# --------------------------------------------------------------------------
# Words


def _statistics(site: SiteData) -> Statistics:
    statistics: Statistics | None = getattr(site, "statistics", None)
    if statistics is None:
        raise RenderError("no chart data: data/statistics.yml is missing")
    return statistics


def format_when(
    when: When, lang: str, site: SiteData, *, case: Literal["nominative", "genitive"] = "nominative"
) -> str:
    """ "2025" / «2025 г.», "June 2024" / «июнь 2024 года» (genitive «июня 2024 года»),
    "5 May 2023"."""
    vocabulary: Vocabulary = site.vocabulary
    texts = _statistics(site).words.texts
    if when.day is not None:
        return format_date(date(when.year, when.month or 1, when.day), lang, vocabulary)
    if when.month is not None:
        names = _statistics(site).words.months if case == "nominative" else vocabulary.months
        return fill(
            texts["month_year"][lang], month=names[lang][when.month - 1], year=str(when.year)
        )
    return fill(texts["year"][lang], year=str(when.year))


def _range(start: When, end: When, lang: str, site: SiteData) -> str:
    texts = _statistics(site).words.texts
    if start == end:
        return format_when(start, lang, site)
    if start.month is None and end.month is None:  # "2021 to 2023", «2021–2023 гг.»
        return fill(texts["years"][lang], start=str(start.year), end=str(end.year))
    first = format_when(start, lang, site)
    if start.year == end.year and start.month and end.month and not start.day and not end.day:
        first = _statistics(site).words.months[lang][start.month - 1]  # "June to August 2023"
    return fill(texts["range"][lang], start=first, end=format_when(end, lang, site))


def format_period(period: Period, lang: str, site: SiteData) -> str:
    """ "as of June 2024", "running total from September 2022 to June 2024", "2021"."""
    texts = _statistics(site).words.texts
    if period.kind == "as_of":
        when = format_when(period.end, lang, site)
        if period.start is None:
            return fill(texts["as_of"][lang], when=when)
        since = format_when(period.start, lang, site, case="genitive")
        return fill(texts["running"][lang], since=since, when=when)
    if period.kind == "range":
        assert period.start is not None
        return _range(period.start, period.end, lang, site)
    return format_when(period.end, lang, site)


def _short_period(period: Period, lang: str, site: SiteData) -> str:
    """The label of a bar that has none: its date or period."""
    if period.kind == "range":
        assert period.start is not None
        return _range(period.start, period.end, lang, site)
    return format_when(period.end, lang, site)


def item_label(item: Item, lang: str, site: SiteData) -> str:
    """The item's label, or its period («Июнь 2023 года») where it has none."""
    if item.label:
        return item.label[lang]
    text = _short_period(item.period, lang, site)
    return text[:1].upper() + text[1:]


def format_value(item: Item, lang: str, site: SiteData) -> str:
    """ "about 1,500,000 people (estimate)", «более 3 500 дел», "60%", "not given in the source"."""
    words = _statistics(site).words
    if item.value is None:
        return words.texts["not_given"][lang]
    number = format_number(item.value, lang)
    if item.unit == PERCENT:
        amount = fill(words.texts["percent"][lang], value=number)
    else:
        case = "nominative" if item.qualifier == "exact" else "genitive"
        word = unit_word(words.units[item.unit][lang], item.value, lang, case)
        amount = f"{number}\u00a0{word}"
    text = fill(words.qualifiers[item.qualifier][lang], value=amount)
    if item.estimate:
        text = fill(words.texts["estimate_value"][lang], value=text)
    return text


# --------------------------------------------------------------------------
# Markdown helpers (the caption and the table cells are Markdown spans)

_MD_SPECIAL = re.compile(r"([\\`*_#|!])")
_BRACKETS = {"[": "&#91;", "]": "&#93;"}


def md_span(text: str) -> Markup:
    """Plain text as a literal Markdown span inside HTML: escaped for both.

    Brackets become character references, so no text can form a link or a
    footnote reference (``[^id]``) that render/pages.py would pick up.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return Markup(re.sub(r"[\[\]]", lambda m: _BRACKETS[m.group(0)], escaped))  # noqa: S704


def source_refs(ids: Iterable[str]) -> Markup:
    """Footnote references ``[^id][^id]`` (render/pages.py adds the definitions)."""
    return Markup("".join(f"[^{i}]" for i in dict.fromkeys(ids)))  # noqa: S704 - ids are slugs


def _chart(site: SiteData, chart_id: str) -> Chart:
    charts = _statistics(site).charts
    if chart_id not in charts:
        raise RenderError(f"unknown chart '{chart_id}' (known: {', '.join(charts)})")
    return charts[chart_id]


# --------------------------------------------------------------------------
# SVG

LEFT = RIGHT = 8
BAR_HEIGHT = 16
VALUE_SIZE = 13
ITEM_GAP = 14


@dataclass(frozen=True)
class _Bar:
    x: float
    y: float
    width: float
    height: float
    estimate: bool


@dataclass(frozen=True)
class _Row:
    label: Text
    value: Text
    bar: _Bar | None
    track: _Bar | None  # percentages: the whole (100%)


def _round(value: float) -> float:
    return round(value, 1)


def chart_svg(site: SiteData, chart_id: str, lang: str, *, id_prefix: str | None = None) -> str:
    """The chart as an SVG string in ``lang`` (``RenderError`` for an unknown chart)."""
    chart = _chart(site, chart_id)
    words = _statistics(site).words.texts
    prefix = id_prefix or f"chart-{chart.id}"
    room = WIDTH - LEFT - RIGHT
    values = [item.value for item in chart.items if item.value is not None]
    scale_max = 100 if chart.percent else max(values, default=0)

    y = 8.0
    legend = []
    estimates = [item.estimate for item in chart.items if item.value is not None]
    if any(estimates):
        keys = (["reported"] if not all(estimates) else []) + ["estimate"]
        x = float(LEFT)
        for key in keys:
            label = Text(x + 18, y + 11, (words[key][lang],), size=VALUE_SIZE)
            legend.append({"key": key, "x": x, "y": y, "label": label})
            x += 18 + text_width(words[key][lang], VALUE_SIZE) + 16
        y += 26

    rows = []
    for item in chart.items:
        label_lines = tuple(wrap(item_label(item, lang, site), room, FONT_SIZE, bold=True))
        label = Text(LEFT, y + FONT_SIZE, label_lines, bold=True)
        y += label.height
        value_lines = tuple(wrap(format_value(item, lang, site), room, VALUE_SIZE))
        value = Text(LEFT, y + VALUE_SIZE, value_lines, size=VALUE_SIZE, line_height=17)
        y += value.height + 2
        bar = track = None
        if item.value is not None:
            width = room * item.value / scale_max if scale_max else 0.0
            if item.value > 0:
                width = max(width, 2.0)  # a small value stays visible
            bar = _Bar(LEFT, _round(y), _round(width), BAR_HEIGHT, item.estimate)
            if chart.percent:
                track = _Bar(LEFT, _round(y), float(room), BAR_HEIGHT, False)
            y += BAR_HEIGHT
        rows.append(_Row(label, value, bar, track))
        y += ITEM_GAP
    height = math.ceil(y - ITEM_GAP + 8)

    desc = " ".join(_sentence(_describe(item, lang, site)) for item in chart.items)
    return render_template(
        "chart-bars.html",
        id=prefix,
        width=WIDTH,
        height=height,
        font_size=FONT_SIZE,
        colour=COLOUR,
        title=chart.title[lang],
        desc=desc,
        legend=legend,
        rows=rows,
    )


def _describe(item: Item, lang: str, site: SiteData) -> str:
    """ "Deserters: at least 50,000 people (estimate), as of 2025" (a bar labelled by its
    period is not told its period twice)."""
    text = f"{item_label(item, lang, site)}: {format_value(item, lang, site)}"
    if item.label is not None or item.period.kind == "as_of":
        text += f", {format_period(item.period, lang, site)}"
    return text


def _sentence(text: str) -> str:
    """``text`` ending in one full stop («… 2025 г.» stays as it is)."""
    return text if text.endswith(".") else text + "."


# --------------------------------------------------------------------------
# Caption, table and the whole figure


def _caption_period(chart: Chart, lang: str, site: SiteData) -> str:
    """The period sentence of the caption, e.g. "Period: as of 2025." (never «г..»)."""
    return re.sub(r"\.\.$", ".", _caption_period_text(chart, lang, site))


def _caption_period_text(chart: Chart, lang: str, site: SiteData) -> str:
    words = _statistics(site).words.texts
    periods = {item.period for item in chart.items}
    if len(periods) == 1:
        return fill(
            words["caption_period"][lang], period=format_period(chart.items[0].period, lang, site)
        )
    first = chart.items[0].period
    if first.kind == "as_of":
        if first.start is None:
            return words["caption_each"][lang]
        since = format_when(first.start, lang, site, case="genitive")
        return fill(words["caption_running"][lang], since=since)
    # counts for periods: the span they cover ("June to November 2023")
    start = min((p.start for p in periods if p.start), key=When.first_day)
    end = max((p.end for p in periods), key=When.last_day)
    return fill(words["caption_period"][lang], period=_range(start, end, lang, site))


def chart_caption(chart: Chart, lang: str, site: SiteData) -> Markup:
    """Title, period, note, the estimate key and the sources (as footnote references)."""
    words = _statistics(site).words.texts
    parts = [_sentence(chart.title[lang]), _caption_period(chart, lang, site)]
    if chart.note:
        parts.append(chart.note[lang])
    if any(item.estimate for item in chart.items):
        parts.append(words["caption_estimates"][lang])
    sources = chart.sources
    parts.append(words["source_one" if len(sources) == 1 else "source_many"][lang])
    return Markup(" ").join(md_span(p) for p in parts) + source_refs(sources)


def chart_table(site: SiteData, chart_id: str, lang: str) -> tuple[list[str], list[list[str]]]:
    """Headers and plain-text rows (what, number, period, sources) of a chart."""
    chart = _chart(site, chart_id)
    words = _statistics(site).words.texts
    headers = [
        words[k][lang] for k in ("column_item", "column_value", "column_period", "column_source")
    ]
    rows = [
        [
            item_label(item, lang, site),
            format_value(item, lang, site),
            format_period(item.period, lang, site),
            " ".join(item.sources),
        ]
        for item in chart.items
    ]
    return headers, rows


def render_chart(site: SiteData, chart_id: str, lang: str, *, id_prefix: str | None = None) -> str:
    """The chart with its caption and table, as one Markdown-in-HTML block.

    The caption and the source cells hold footnote references (``[^id]``)
    that render/pages.py defines, so the block must be rendered by a hook
    that runs before it. ``RenderError`` for an unknown chart.
    """
    chart = _chart(site, chart_id)
    headers, rows = chart_table(site, chart_id, lang)
    svg = chart_svg(site, chart_id, lang, id_prefix=id_prefix)
    cells = [
        [md_span(label), md_span(value), md_span(period), source_refs(item.sources)]
        for (label, value, period, _), item in zip(rows, chart.items, strict=True)
    ]
    return render_template(
        "chart.html",
        lang=lang,
        chart_id=chart.id,
        svg=Markup(svg),  # noqa: S704 - rendered by an autoescaping template
        caption=chart_caption(chart, lang, site),
        summary=site.vocabulary.labels["figure_data"][lang],
        headers=headers,
        rows=cells,
    )
