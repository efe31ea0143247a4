"""Charts of data/statistics.yml and policy asks of data/policy.yml
(sitetools/data/statistics.py, policy.py; sitetools/render/charts.py, policy.py).

Loader errors are one exact line; data strings are escaped in the SVG and in
the Markdown they become; every SVG is well-formed and accessible; and the
numbers drawn and tabulated are the numbers in the data, in every language.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sitetools.data import SiteData, load_all
from sitetools.render.charts import (
    chart_svg,
    chart_table,
    format_period,
    format_value,
    md_span,
    render_chart,
)
from sitetools.render.markers import MarkerError
from sitetools.render.pages import add_source_footnotes
from sitetools.render.plural import format_number
from sitetools.render.policy import render_appeals, render_asks
from sitetools.render.svg import WIDTH

from conftest import LANGS, SVG, edit, fixture_data_dir, load_error, site_markdown
from conftest import ROOT as REPO
from conftest import expand as expand_markers
from conftest import parse_svg as parse

NBSP = "\u00a0"


STATISTICS = """\
charts:
  - id: counts
    title: {en: Cases by year, ru: Дела по годам, uk: Справи за роками}
    note: {en: A note., ru: Примечание., uk: Примітка.}
    unit: cases
    items:
      - value: 900
        qualifier: about
        period: {in: "2021"}
        sources: [mediazona-337]
        checked: 2026-11-20
      - value: 3521
        qualifier: over
        period: {in: "2023"}
        sources: [mediazona-337, cc-rf]
        checked: 2026-11-20
      - period: {in: "2024"}
        sources: [mediazona-337]
        checked: 2026-11-20
  - id: running
    title: {en: Running totals, ru: Нарастающий итог, uk: Наростаючий підсумок}
    unit: cases
    items:
      - value: 4121
        period: {since: 2022-09, as_of: 2023-12-05}
        sources: [mediazona-337]
        checked: 2026-11-20
      - value: 9059
        period: {since: 2022-09, as_of: 2024-06}
        sources: [mediazona-337]
        checked: 2026-11-20
  - id: estimates
    title: {en: Estimates, ru: Оценки, uk: Оцінки}
    items:
      - label:
          en: "Army & 'navy' *sea*_x_ [note] #1 | q"
          ru: "Армия & *флот*_x_ [note]"
          uk: "Армія & *флот*_x_ [note]"
        value: 1500000
        unit: people
        qualifier: at-least
        estimate: true
        period: {as_of: "2025"}
        sources: [cc-rf]
        checked: 2026-11-20
      - label: {en: Requests, ru: Обращения, uk: Звернення}
        value: 2086
        unit: requests
        period: {as_of: "2025"}
        sources: [cc-rf]
        checked: 2026-11-20
  - id: share
    title: {en: Share, ru: Доля, uk: Частка}
    unit: percent
    items:
      - label: {en: In hiding, ru: Скрываются, uk: Переховуються}
        value: 60
        qualifier: about
        estimate: true
        period: {from: 2023-06, to: 2023-08}
        sources: [cc-rf]
        checked: 2026-11-20
"""

POLICY = """\
asks:
  - id: guidance
    title: {en: Guidance, ru: Разъяснение, uk: Роз'яснення}
    addressee: {en: DG HOME, ru: DG HOME, uk: DG HOME}
    ask: {en: "Clarify *this* & [later] #2", ru: Разъяснить, uk: Роз'яснити}
    why:
      - text: {en: Evidence one., ru: Довод один., uk: Довід один.}
        sources: [cc-rf, mediazona-337]
    status:
      response: none-found
      checked: 2026-11-20
    sources: [cc-rf]
  - id: corridors
    title: {en: Corridors, ru: Коридоры, uk: Коридори}
    addressee: {en: EU, ru: ЕС, uk: ЄС}
    ask: {en: Corridors., ru: Коридоры., uk: Коридори.}
    why:
      - text: {en: Evidence two., ru: Довод два., uk: Довід два.}
        sources: [mediazona-337]
    status:
      response: reported
      checked: 2026-11-20
      text: {en: A response was reported., ru: Сообщалось о реакции., uk: Є реакція.}
      sources: [koap-rf]
    sources: [cc-rf]
appeals:
  - id: june-2022
    date: 2022-06
    name: {en: First appeal, ru: Первое обращение, uk: Перше звернення}
    initiators: {en: A and B, ru: А и Б, uk: А і Б}
    addressees: {en: Parliament, ru: Парламент, uk: Парламент}
    summary: {en: Protection., ru: Защита., uk: Захист.}
    signatories: {en: 60 organizations, ru: 60 организаций, uk: 60 організацій}
    sources: [cc-rf]
    checked: 2026-11-20
  - id: july-2023
    date: 2023-07-11
    name: {en: Second appeal, ru: Второе обращение, uk: Друге звернення}
    initiators: {en: C, ru: В, uk: В}
    addressees: {en: Commission, ru: Комиссия, uk: Комісія}
    summary: {en: Measures., ru: Меры., uk: Заходи.}
    sources: [koap-rf]
    checked: 2026-11-20
"""


def make_data_dir(root: Path) -> Path:
    """The fixture set, the repository's schemas and vocabulary, and test charts and asks."""
    data = fixture_data_dir(root)
    header = "# yaml-language-server: $schema=schemas/{}.schema.json\n"
    (data / "statistics.yml").write_text(
        header.format("statistics") + STATISTICS, encoding="utf-8"
    )
    (data / "policy.yml").write_text(
        header.format("policy") + POLICY, encoding="utf-8"
    )
    return data


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteData:
    return load_all(make_data_dir(tmp_path_factory.mktemp("charts")))


def texts_of(root: ET.Element) -> list[str]:
    return [
        " ".join(t.text or "" for t in text.iter(f"{SVG}tspan")) for text in root.iter(f"{SVG}text")
    ]


def to_html(block: str, site: SiteData, lang: str) -> str:
    """A generated block through the page pipeline: footnotes, then Markdown."""
    page = add_source_footnotes(block, site.sources, lang, site.vocabulary, page="test.md")
    return site_markdown(page)


# --------------------------------------------------------------------------
# Loading


def test_fixture_loads(site: SiteData) -> None:
    assert list(site.statistics.charts) == ["counts", "running", "estimates", "share"]
    counts = site.statistics.charts["counts"]
    assert counts.sources == ("mediazona-337", "cc-rf")
    assert counts.items[2].value is None
    assert list(site.policy.asks) == ["guidance", "corridors"]
    assert list(site.policy.appeals) == ["june-2022", "july-2023"]
    assert site.policy.appeals["july-2023"].signatories is None


BAD_STATISTICS = [
    (
        "sources: [mediazona-337, cc-rf]",
        "sources: [mediazona-337, nope]",
        "data/statistics.yml: entry 'counts': field 'items[1].sources[1]': "
        "unknown source id 'nope'",
    ),
    (
        "period: {since: 2022-09, as_of: 2024-06}",
        "period: {since: 2022-02, as_of: 2024-06}",
        "data/statistics.yml: entry 'running': field 'items[1].period.since': running total since "
        "2022-02 next to one since 2022-09 (items[0]): totals counted from different start dates "
        "cannot share a chart",
    ),
    (
        "period: {since: 2022-09, as_of: 2024-06}",
        "period: {as_of: 2024-06}",
        "data/statistics.yml: entry 'running': field 'items[1].period.since': running total since "
        "none next to one since 2022-09 (items[0]): totals counted from different start dates "
        "cannot share a chart",
    ),
    (
        'period: {in: "2023"}',
        "period: {as_of: 2023-12-31}",
        "data/statistics.yml: entry 'counts': field 'items[1].period': a 'as_of' period next to "
        "'in' (items[0]): running totals and counts for a period cannot share a chart",
    ),
    (
        "        unit: requests\n",
        "        unit: percent\n",
        "data/statistics.yml: entry 'estimates': field 'items[1].unit': 'percent' next to 'people' "
        "(items[0]): percentages and counts cannot share a chart",
    ),
    (
        "        value: 60\n",
        "        value: 160\n",
        "data/statistics.yml: entry 'share': field 'items[0].value': a percentage above 100 (160)",
    ),
    (
        "period: {since: 2022-09, as_of: 2023-12-05}",
        "period: {since: 2022-09, as_of: 2023-13-05}",
        "data/statistics.yml: entry 'running': field 'items[0].period.as_of': "
        "'2023-13-05' is not a "
        "valid date",
    ),
    (
        "period: {since: 2022-09, as_of: 2023-12-05}",
        "period: {since: 2024-09, as_of: 2023-12-05}",
        "data/statistics.yml: entry 'running': field 'items[0].period.since': "
        "'since' 2024-09 is after "
        "'as_of' 2023-12-05",
    ),
    (
        "period: {from: 2023-06, to: 2023-08}",
        "period: {from: 2023-09, to: 2023-08}",
        "data/statistics.yml: entry 'share': field 'items[0].period.from': 'from' 2023-09 is after "
        "'to' 2023-08",
    ),
    (
        'period: {in: "2021"}',
        'period: {in: "2021", as_of: "2021"}',
        "data/statistics.yml: entry 'counts': field 'items[0].period': give exactly one of: as_of "
        "(optionally with since), from and to, or in",
    ),
    (
        'period: {in: "2021"}',
        "period: {in: 2021-03-01}",
        "data/statistics.yml: entry 'counts': field 'items[0].period.in': 'in' takes a year or a "
        "month (YYYY or YYYY-MM)",
    ),
    (
        'period: {in: "2021"}',
        "period: {in: 2021}",
        "data/statistics.yml: entry 'counts': field 'items[0].period.in': expected a string, got "
        "the number 2021 (quote it)",
    ),
    (
        '      - period: {in: "2024"}\n',
        '      - period: {in: "2024"}\n        qualifier: over\n',
        "data/statistics.yml: entry 'counts': field 'items[2].qualifier': 'qualifier' without a "
        "value: remove it, or give the value",
    ),
    (
        "        unit: requests\n",
        "        unit: bottles\n",
        "data/statistics.yml: entry 'estimates': field 'items[1].unit': unknown unit 'bottles' "
        "(known: years, months, days, hours, rubles, people, requests, cases, attempts, percent)",
    ),
    (
        "title: {en: Share, ru: Доля, uk: Частка}",
        'title: {en: Share, ru: Доля, uk: "Частка [^cc-rf]"}',
        "data/statistics.yml: entry 'share': field 'title.uk': contains '[^': data strings are "
        "plain text; list source ids in 'sources'",
    ),
    (
        "title: {en: Share, ru: Доля, uk: Частка}",
        'title: {en: Share, ru: Доля, uk: "**Частка**"}',
        "data/statistics.yml: entry 'share': field 'title.uk': "
        "contains markup ('**'): data strings "
        "are plain text, escaped when rendered",
    ),
    (
        "title: {en: Share, ru: Доля, uk: Частка}",
        "title: {en: Share, ru: Доля}",
        "data/statistics.yml: entry 'share': field 'title.uk': missing translation",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), BAD_STATISTICS)
def test_statistics_errors_are_one_exact_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    data = make_data_dir(tmp_path)
    edit(data / "statistics.yml", old, new)
    assert load_error(data) == message


BAD_POLICY = [
    (
        "sources: [cc-rf, mediazona-337]",
        "sources: [cc-rf, nope]",
        "data/policy.yml: entry 'guidance': field 'why[0].sources[1]': unknown source id 'nope'",
    ),
    (
        "      text: {en: A response was reported., ru: Сообщалось о реакции., uk: Є реакція.}\n"
        "      sources: [koap-rf]\n",
        "",
        "data/policy.yml: entry 'corridors': field 'status.text': a reported response needs 'text' "
        "saying what the source reports",
    ),
    (
        "      sources: [koap-rf]\n",
        "",
        "data/policy.yml: entry 'corridors': field 'status.sources': 'text' needs 'sources'",
    ),
    (
        "      response: none-found\n",
        "      response: maybe\n",
        "data/policy.yml: entry 'guidance': field 'status.response': unknown value 'maybe' "
        "(expected one of: none-found, reported)",
    ),
    (
        "  - id: july-2023\n",
        "  - id: june-2022\n",
        "data/policy.yml: entry #2 of appeals: field 'id': duplicate id 'june-2022'",
    ),
    (
        "    date: 2022-06\n",
        "    date: 2022-00\n",
        "data/policy.yml: entry 'june-2022': field 'date': '2022-00' is not a valid date",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), [
    (
        'as_of: {en: "as of {when}", ru: "на {when}", uk: "станом на {when}"}',
        'as_of: {en: "as of {when}", ru: "на", uk: "станом на {when}"}',
        "data/vocabulary.yml: field 'words.charts.as_of.ru': placeholders must be {when}, "
        "found none",
    ),
    (
        '      en: "No public response found as of {date}."',
        '      en: "No public response found."',
        "data/vocabulary.yml: field 'words.policy.no_response.en': placeholders must be {date}, "
        "found none",
    ),
])
def test_chart_and_policy_words_are_checked_in_the_vocabulary(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    data = make_data_dir(tmp_path)
    edit(data / "vocabulary.yml", old, new)
    assert load_error(data) == message


@pytest.mark.parametrize(("old", "new", "message"), BAD_POLICY)
def test_policy_errors_are_one_exact_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    data = make_data_dir(tmp_path)
    edit(data / "policy.yml", old, new)
    assert load_error(data) == message


def test_files_are_optional(tmp_path: Path) -> None:
    data = make_data_dir(tmp_path)
    (data / "statistics.yml").unlink()
    (data / "policy.yml").unlink()
    site = load_all(data)
    assert site.statistics is None and site.policy is None
    with pytest.raises(MarkerError, match=r"^p\.md:1: marker '<!-- md:chart x -->': no chart data"):
        expand_markers("<!-- md:chart x -->", site, "en", source="p.md")


# --------------------------------------------------------------------------
# Words


@pytest.mark.parametrize(
    ("chart", "index", "lang", "value", "period"),
    [
        ("counts", 0, "en", f"about 900{NBSP}cases", "2021"),
        ("counts", 0, "ru", f"около 900{NBSP}дел", f"2021{NBSP}г."),
        ("counts", 1, "uk", f"понад 3{NBSP}521{NBSP}справи", f"2023{NBSP}р."),
        ("counts", 2, "en", "not given in the source", "2024"),
        (
            "running",
            0,
            "en",
            f"4,121{NBSP}cases",
            "running total from September 2022 to 5 December 2023",
        ),
        (
            "running",
            0,
            "ru",
            f"4{NBSP}121{NBSP}дело",
            f"нарастающим итогом с сентября 2022{NBSP}года по 5 декабря 2023{NBSP}года",
        ),
        (
            "running",
            1,
            "uk",
            f"9{NBSP}059{NBSP}справ",
            f"наростальним підсумком з вересня 2022{NBSP}року по червень 2024{NBSP}року",
        ),
        ("estimates", 1, "ru", f"2{NBSP}086{NBSP}обращений", f"на 2025{NBSP}г."),
        ("share", 0, "en", "about 60% (estimate)", "June to August 2023"),
        ("share", 0, "ru", f"около 60{NBSP}% (оценка)", f"июнь — август 2023{NBSP}года"),
        ("share", 0, "uk", "близько 60% (оцінка)", f"червень — серпень 2023{NBSP}року"),
    ],
)
def test_values_and_periods(
    site: SiteData, chart: str, index: int, lang: str, value: str, period: str
) -> None:
    item = site.statistics.charts[chart].items[index]
    assert format_value(item, lang, site) == value
    assert format_period(item.period, lang, site) == period


def test_estimates_are_marked(site: SiteData) -> None:
    item = site.statistics.charts["estimates"].items[0]
    assert format_value(item, "en", site) == f"at least 1,500,000{NBSP}people (estimate)"
    root = parse(chart_svg(site, "estimates", "en"))
    hatched = [r for r in root.iter(f"{SVG}rect") if (r.get("fill") or "").startswith("url(#")]
    assert len(hatched) == 2  # the legend key and the estimate's bar
    assert {"Estimate", "Reported figure"} <= set(texts_of(root))


# --------------------------------------------------------------------------
# SVG


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart", ["counts", "running", "estimates", "share"])
def test_svg_is_accessible(site: SiteData, chart: str, lang: str) -> None:
    root = parse(chart_svg(site, chart, lang, id_prefix="c1"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "c1-title"
    assert title.text == site.statistics.charts[chart].title[lang]
    assert desc is not None and desc.get("id") == "c1-desc" and desc.text
    assert root.get("fill") == "currentColor"
    svg = ET.tostring(root, encoding="unicode")
    assert "font-family" not in svg and "<script" not in svg
    x, y, width, height = map(float, root.get("viewBox").split())
    assert (x, y, width) == (0, 0, WIDTH)
    assert height == float(root.get("height"))
    for rect in root.iter(f"{SVG}rect"):
        if rect.get("width"):
            assert float(rect.get("x", 0)) + float(rect.get("width")) <= WIDTH
    for text in root.iter(f"{SVG}text"):
        assert float(text.get("font-size", 14)) >= 12  # readable at 360 px


LABEL = "Army & 'navy' *sea*_x_ [note] #1 | q"


def _with_label(site: SiteData, text: str) -> SiteData:
    """The fixture with the first estimate's English label replaced (bypassing the loader)."""
    statistics = site.statistics
    chart = statistics.charts["estimates"]
    item = dataclasses.replace(
        chart.items[0], label=dataclasses.replace(chart.items[0].label, en=text)
    )
    charts = dict(statistics.charts)
    charts["estimates"] = dataclasses.replace(chart, items=(item, *chart.items[1:]))
    return dataclasses.replace(site, statistics=dataclasses.replace(statistics, charts=charts))


def test_svg_escapes_data(site: SiteData) -> None:
    svg = chart_svg(site, "estimates", "en")
    root = parse(svg)
    assert LABEL in " ".join(texts_of(root))  # wrapped lines joined by spaces
    assert LABEL in (root.find(f"{SVG}desc").text or "")
    # markup that got past the loader is still only text
    hostile = _with_label(site, "<script>alert(1)</script> & </text>")
    svg = chart_svg(hostile, "estimates", "en")
    assert "<script" not in svg and "</text> &" not in svg
    assert "<script>alert(1)</script> & </text>" in " ".join(texts_of(parse(svg)))


def test_md_span_escapes_markdown_and_html() -> None:
    text = "Army <b>&</b> *navy*_x_ [^note] #1 | `x`"
    html = site_markdown(f'<p markdown="span">{md_span(text)}</p>')
    assert html == "<p>Army &lt;b&gt;&amp;&lt;/b&gt; *navy*_x_ &#91;^note&#93; #1 | `x`</p>"
    assert "[^" not in md_span(text)  # render/pages.py sees no footnote reference


# --------------------------------------------------------------------------
# Figure with caption, footnotes and table


@pytest.mark.parametrize("lang", LANGS)
def test_rendered_chart_has_caption_footnotes_and_table(site: SiteData, lang: str) -> None:
    block = render_chart(site, "counts", lang)
    assert "\n\n" not in block
    assert "[^mediazona-337][^cc-rf]" in block  # caption: all sources, in order of use
    html = to_html(block, site, lang)
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1)
    assert caption.startswith(site.statistics.charts["counts"].title[lang])
    assert caption.count('class="footnote-ref"') == 2
    assert '<div class="footnote">' in html
    assert html.count('id="fn:') == 2  # one definition per source
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert len(rows) == 1 + 3  # header and one row per item
    assert rows[2].count('class="footnote-ref"') == 2  # item 2 cites 2 sources


def test_rendered_chart_escapes_data(site: SiteData) -> None:
    html = to_html(render_chart(site, "estimates", "en"), site, "en")
    assert "<em>" not in html and "<strong>" not in html
    assert "Army &amp; 'navy' *sea*_x_ &#91;note&#93; #1 | q" in html
    hostile = _with_label(site, "<script>alert(1)</script> [^cc-rf] *x*")
    html = to_html(render_chart(hostile, "estimates", "en"), hostile, "en")
    assert "<script" not in html and "<em>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#91;^cc-rf&#93; *x*" in html


def test_numbers_in_svg_and_table_equal_the_fixture(site: SiteData) -> None:
    for chart in site.statistics.charts.values():
        for lang in LANGS:
            _assert_numbers(site, chart.id, lang)


def _assert_numbers(site: SiteData, chart_id: str, lang: str) -> None:
    chart = site.statistics.charts[chart_id]
    root = parse(chart_svg(site, chart_id, lang))
    drawn = " ".join(texts_of(root))
    desc = root.find(f"{SVG}desc").text or ""
    headers, rows = chart_table(site, chart_id, lang)
    assert len(headers) == 4 and len(rows) == len(chart.items)
    widths = []
    for item, row in zip(chart.items, rows, strict=True):
        if item.value is None:
            assert row[1] == site.statistics.words.texts["not_given"][lang]
            continue
        number = format_number(item.value, lang)
        assert number in row[1], (chart_id, lang, row)
        assert row[1] in drawn and row[1] in desc
        assert row[2] == format_period(item.period, lang, site)
        assert row[3] == " ".join(item.sources)
        widths.append(item.value)
    # bar lengths are proportional to the values (percentages: to 100)
    drawn_widths = [
        float(r.get("width"))
        for g in root.iter(f"{SVG}g")
        for r in g.iter(f"{SVG}rect")
        if r.get("stroke") != "currentColor"
    ]
    assert len(drawn_widths) == len(widths)
    top = 100 if chart.percent else max(widths)
    room = WIDTH - 16
    for value, width in zip(widths, drawn_widths, strict=True):
        expected = max(room * value / top, 2.0) - (1 if _is_estimate(chart, value) else 0)
        assert abs(width - expected) <= 1.1, (chart_id, value, width, expected)


def _is_estimate(chart, value) -> bool:
    return any(item.estimate for item in chart.items if item.value == value)


# --------------------------------------------------------------------------
# Policy asks and appeals


@pytest.mark.parametrize("lang", LANGS)
def test_asks_render_with_footnotes(site: SiteData, lang: str) -> None:
    block = render_asks(site, lang)
    assert "\n\n" not in block
    html = to_html(block, site, lang)
    policy = site.policy
    for number, ask in enumerate(policy.asks.values(), start=1):
        assert f'id="ask-{ask.id}"' in html
        assert str(number) in re.search(rf'id="ask-{ask.id}">(.*?)<', html).group(1)
    assert html.count("<section") == 2
    # the none-found status names its date; the reported one says what the source says
    assert "2026" in html
    assert policy.asks["corridors"].status.text[lang] in html
    assert html.count('id="fn:') == 3  # cc-rf, mediazona-337, koap-rf


def test_asks_escape_data(site: SiteData) -> None:
    html = to_html(render_asks(site, "en"), site, "en")
    assert "Clarify *this* &amp; &#91;later&#93; #2" in html
    assert "<em>" not in html
    assert "No public response found as of 20 November 2026." in html


@pytest.mark.parametrize("lang", LANGS)
def test_appeals_keep_counts_apart(site: SiteData, lang: str) -> None:
    html = to_html(render_appeals(site, lang), site, lang)
    june, july = re.findall(r"<section.*?</section>", html, re.S)
    assert 'id="appeal-june-2022"' in june and 'id="appeal-july-2023"' in july
    assert site.policy.appeals["june-2022"].signatories[lang] in june
    assert "60" not in july
    assert site.policy.words["no_count"][lang] in july


# --------------------------------------------------------------------------
# Markers


def test_markers_expand_and_leave_others(site: SiteData) -> None:
    page = "\n".join(
        [
            "# T",
            "",
            "<!-- md:chart counts -->",
            "",
            "<!-- md:chart counts -->",
            "",
            "<!-- md:policy-asks -->",
            "",
            "<!-- md:statute cc-338 -->",
            "",
            "```",
            "<!-- md:chart nope -->",
            "```",
        ]
    )
    out = expand_markers(page, site, "en", source="docs/en/x.md")
    assert 'id="chart-counts-title"' in out and 'id="chart-counts-2-title"' in out
    assert 'class="policy-asks"' in out
    assert "<!-- md:statute cc-338 -->" not in out  # one registry: every kind
    assert "<!-- md:chart nope -->" in out


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        (
            "<!-- md:chart nope -->",
            "docs/en/x.md:3: marker '<!-- md:chart nope -->': unknown chart 'nope' "
            "(known: counts, running, estimates, share)",
        ),
        (
            "<!-- md:chart -->",
            "docs/en/x.md:3: marker '<!-- md:chart -->': "
            "expected '<!-- md:chart <id> -->' with one "
            "chart id",
        ),
        (
            "<!-- md:policy-asks all -->",
            "docs/en/x.md:3: marker '<!-- md:policy-asks all -->': "
            "expected '<!-- md:policy-asks -->' "
            "without arguments",
        ),
    ],
)
def test_marker_errors_are_one_line(site: SiteData, marker: str, message: str) -> None:
    with pytest.raises(MarkerError) as info:
        expand_markers(f"# T\n\n{marker}\n", site, "en", source="docs/en/x.md")
    assert str(info.value) == message


# --------------------------------------------------------------------------
# The real data: the numbers drawn and tabulated are the data's, in every language


def _real_site() -> SiteData:
    if not (REPO / "data" / "statistics.yml").is_file():
        pytest.skip("data/statistics.yml not written yet")
    return load_all(REPO / "data")


@pytest.mark.parametrize("lang", LANGS)
def test_real_charts_match_their_data(lang: str) -> None:
    site = _real_site()
    assert site.statistics.charts
    for chart in site.statistics.charts.values():
        _assert_numbers(site, chart.id, lang)
        html = to_html(render_chart(site, chart.id, lang), site, lang)
        for source in chart.sources:
            assert f'id="fn:{source}"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_real_policy_renders(lang: str) -> None:
    site = _real_site()
    html = to_html(render_asks(site, lang) + "\n\n" + render_appeals(site, lang), site, lang)
    assert html.count('class="policy-ask"') == len(site.policy.asks) == 4
    assert "[^" not in html  # every reference became a footnote
    # the "60 organizations" count belongs to the June 2022 appeal only
    appeals = list(site.policy.appeals.values())
    june = [a for a in appeals if a.date.year == 2022 and a.date.month == 6]
    july = [a for a in appeals if a.date.year == 2023 and a.date.month == 7]
    assert len(june) == 1 and len(july) == 1
    assert "60" in june[0].signatories[lang]
    assert july[0].signatories is None


@pytest.mark.parametrize(
    ("lang", "period"),
    [
        ("en", "Period: 2021 to 2024."),
        ("ru", f"Период: 2021–2024{NBSP}гг."),
        ("uk", f"Період: 2021–2024{NBSP}рр."),
    ],
)
def test_captions_and_descriptions_read_well(site: SiteData, lang: str, period: str) -> None:
    block = render_chart(site, "counts", lang)
    caption = re.search(r"<figcaption markdown=\"span\">(.*?)</figcaption>", block, re.S).group(1)
    assert period in caption
    for chart in site.statistics.charts:
        svg = chart_svg(site, chart, lang)
        html = render_chart(site, chart, lang)
        assert ".." not in svg and ".." not in html
        desc = parse(svg).find(f"{SVG}desc").text
        # a bar labelled with its period does not repeat it
        assert desc.count(f"2021{NBSP}г.") <= 1 if lang == "ru" else True


@pytest.mark.parametrize("lang", LANGS)
def test_the_sources_of_an_ask_are_readable_titles(lang: str) -> None:
    """Not a bare footnote number: the publisher and title of each source, and the asks
    are the policy paper's (#19: one voice)."""
    site = load_all(REPO / "data")
    html = render_asks(site, lang)
    first = next(iter(site.policy.asks.values()))
    source = site.sources[first.sources[0]]
    assert "<cite" in html and source.title.replace("'", "&#39;") in html
    title = site.vocabulary.words["policy"]["ask_title"][lang]
    assert title.split("{number}")[0].replace("'", "&#39;") in html
