"""Charts of data/statistics.yml, drawn at build time as inline SVG.

``build_statistics`` turns the validated file into a ``Statistics`` (and
checks what a schema cannot: real dates, one kind of period per chart,
running totals from one start date, percentages apart from counts).
``render_chart`` returns a chart as one Markdown-in-HTML block: the SVG, a
caption with the period and footnote references to the sources
(``[^source-id]``, turned into footnotes by hooks/pages.py), and the same
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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from markupsafe import Markup

from . import LANGUAGES
from .cache import kept_renders
from .data import Localized, SiteData, Vocabulary, fill
from .figures import FONT_SIZE, WIDTH, _Text, text_width, wrap
from .plural import format_number, unit_word
from .statutes import RenderError, format_date, render_template

if TYPE_CHECKING:
    from .data import _Context

__all__ = [
    "COLOUR",
    "Chart",
    "ChartWords",
    "Item",
    "Period",
    "Statistics",
    "When",
    "build_statistics",
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
PERCENT = "percent"
QUALIFIERS = ("exact", "about", "at-least", "over")

# --------------------------------------------------------------------------
# Rows


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


# --------------------------------------------------------------------------
# Loading (called by sitetools.data for data/statistics.yml)

# Placeholders each word must have; words not listed have none.
_PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    **{f"qualifiers.{q}": frozenset({"value"}) for q in QUALIFIERS},
    "percent": frozenset({"value"}),
    "estimate_value": frozenset({"value"}),
    "month_year": frozenset({"month", "year"}),
    "year": frozenset({"year"}),
    "as_of": frozenset({"when"}),
    "running": frozenset({"since", "when"}),
    "range": frozenset({"start", "end"}),
    "years": frozenset({"start", "end"}),
    "caption_period": frozenset({"period"}),
    "caption_running": frozenset({"since"}),
}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_WHEN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def localized(raw: Mapping[str, str]) -> Localized:
    """A localized text with YAML's line breaks and space runs folded."""
    return Localized(
        **{lang: re.sub(r"[ \t\r\n]+", " ", raw[lang]).strip(" ") for lang in LANGUAGES}
    )


def check_placeholders(
    texts: Mapping[str, Localized],
    expected: Mapping[str, frozenset[str]],
    ctx: _Context,
    prefix: str,
) -> None:
    """Every text keeps exactly its placeholders, in every language."""
    for key, text in texts.items():
        want = expected.get(key, frozenset())
        for lang in LANGUAGES:
            found = frozenset(_PLACEHOLDER.findall(text[lang]))
            stray = _PLACEHOLDER.sub("", text[lang])
            if found != want or "{" in stray or "}" in stray:
                wanted = " ".join(f"{{{n}}}" for n in sorted(want)) or "none"
                have = " ".join(f"{{{n}}}" for n in sorted(found)) or "none"
                raise ctx.fail(
                    f"placeholders must be {wanted}, found {have}", field=f"{prefix}{key}.{lang}"
                )


def check_plain(node: Any, ctx: _Context, *, entry: str | None = None, field: str = "") -> None:
    """No footnote reference ('[^') in a data string: the build adds the citations."""
    if isinstance(node, str):
        if "[^" in node:
            raise ctx.fail(
                "contains '[^': data strings are plain text; list source ids in 'sources'",
                entry=entry,
                field=field or None,
            )
    elif isinstance(node, Mapping):
        for key, value in node.items():
            check_plain(value, ctx, entry=entry, field=f"{field}.{key}" if field else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            check_plain(value, ctx, entry=entry, field=f"{field}[{index}]")


def parse_when(value: str, ctx: _Context, *, entry: str, field: str) -> When:
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


def _words(raw: Mapping[str, Any], ctx: _Context) -> ChartWords:
    check_plain(raw, ctx, field="words")
    texts = {
        key: localized(value)
        for key, value in raw.items()
        if key not in ("qualifiers", "units", "months")
    }
    qualifiers = {key: localized(value) for key, value in raw["qualifiers"].items()}
    check_placeholders(texts, _PLACEHOLDERS, ctx, "words.")
    check_placeholders(
        qualifiers,
        {q: _PLACEHOLDERS[f"qualifiers.{q}"] for q in QUALIFIERS},
        ctx,
        "words.qualifiers.",
    )
    if PERCENT in raw["units"]:
        raise ctx.fail(
            f"'{PERCENT}' is built in (words.percent), not a unit word",
            field=f"words.units.{PERCENT}",
        )
    return ChartWords(
        texts=MappingProxyType(texts),
        qualifiers=MappingProxyType(qualifiers),
        units=MappingProxyType(
            {
                unit: MappingProxyType(
                    {lang: MappingProxyType(dict(forms)) for lang, forms in by_lang.items()}
                )
                for unit, by_lang in raw["units"].items()
            }
        ),
        months=MappingProxyType({lang: tuple(names) for lang, names in raw["months"].items()}),
    )


def _period(raw: Mapping[str, str], ctx: _Context, entry: str, field: str) -> Period:
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


def build_statistics(document: Mapping[str, Any], ctx: _Context) -> Statistics:
    """The ``Statistics`` of data/statistics.yml, cross-checked; ``DataError`` otherwise."""
    words = _words(document["words"], ctx)
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
    item: Item, before: Sequence[Item], ctx: _Context, entry: str, where: str
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
    footnote reference (``[^id]``) that hooks/pages.py would pick up.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return Markup(re.sub(r"[\[\]]", lambda m: _BRACKETS[m.group(0)], escaped))  # noqa: S704


def source_refs(ids: Iterable[str]) -> Markup:
    """Footnote references ``[^id][^id]`` (hooks/pages.py adds the definitions)."""
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
    label: _Text
    value: _Text
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
            label = _Text(x + 18, y + 11, (words[key][lang],), size=VALUE_SIZE)
            legend.append({"key": key, "x": x, "y": y, "label": label})
            x += 18 + text_width(words[key][lang], VALUE_SIZE) + 16
        y += 26

    rows = []
    for item in chart.items:
        label_lines = tuple(wrap(item_label(item, lang, site), room, FONT_SIZE, bold=True))
        label = _Text(LEFT, y + FONT_SIZE, label_lines, bold=True)
        y += label.height
        value_lines = tuple(wrap(format_value(item, lang, site), room, VALUE_SIZE))
        value = _Text(LEFT, y + VALUE_SIZE, value_lines, size=VALUE_SIZE, line_height=17)
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


@kept_renders  # in .cache/render, by the data, code and arguments
def render_chart(site: SiteData, chart_id: str, lang: str, *, id_prefix: str | None = None) -> str:
    """The chart with its caption and table, as one Markdown-in-HTML block.

    The caption and the source cells hold footnote references (``[^id]``)
    that hooks/pages.py defines, so the block must be rendered by a hook
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
