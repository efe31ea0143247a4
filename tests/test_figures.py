"""SVG figures (hooks/sitetools/figures.py): well-formed, accessible, and true to the data."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape as html_escape

from sitetools.data import Localized, Punishment, SiteData, load_all
from sitetools.render.figures import (
    WIDTH,
    MaxTerm,
    penalty_chart_svg,
    penalty_rows,
    render_figure,
    timeline_svg,
)
from sitetools.render.svg import text_width, wrap
from sitetools.render.templates import RenderError, format_date

from conftest import LANGS, SVG, fixture_data_dir
from conftest import parse_svg as parse

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteData:
    """The fixture data set (with the repository's schemas and vocabulary)."""
    return load_all(fixture_data_dir(tmp_path_factory.mktemp("site")))


def lines_of(element: ET.Element) -> list[str]:
    """Each <text> element's lines joined with spaces."""
    return [
        " ".join(t.text or "" for t in text.iter(f"{SVG}tspan"))
        for text in element.iter(f"{SVG}text")
    ]


def assert_accessible(root: ET.Element, prefix: str) -> None:
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{prefix}-title {prefix}-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == f"{prefix}-title" and title.text
    assert desc is not None and desc.get("id") == f"{prefix}-desc" and desc.text
    assert root.get("fill") == "currentColor"
    assert "font-family" not in ET.tostring(root, encoding="unicode")  # inherits the page font
    x, y, width, height = map(float, root.get("viewBox").split())
    assert (x, y, width) == (0, 0, WIDTH)
    assert height == float(root.get("height"))


# --------------------------------------------------------------------------
# Timeline


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_is_accessible_svg(site: SiteData, lang: str) -> None:
    root = parse(timeline_svg(site, lang, id_prefix="t1"))
    assert_accessible(root, "t1")
    assert root.find(f"{SVG}title").text == site.vocabulary.figures["timeline"]["title"][lang]


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_rows_equal_the_acts(site: SiteData, lang: str) -> None:
    root = parse(timeline_svg(site, lang))
    rows = root.findall(f"{SVG}g")
    acts = sorted(site.acts.values(), key=lambda act: act.date)
    assert len(rows) == len(acts) == len(root.findall(f".//{SVG}circle"))
    for row, act in zip(rows, acts, strict=True):
        date_text, name_text = lines_of(row)
        assert date_text == format_date(act.date, lang, site.vocabulary)
        assert name_text == act.name[lang]
    dots = [float(c.get("cy")) for c in root.iter(f"{SVG}circle")]
    assert dots == sorted(dots)
    assert float(root.get("height")) > dots[-1]


def test_timeline_text_is_escaped_and_wrapped(site: SiteData) -> None:
    svg = timeline_svg(site, "en")
    assert "&#34;On announcing" in svg and "mobilization&#34;" in svg
    for text in parse(svg).iter(f"{SVG}text"):
        for tspan in text.iter(f"{SVG}tspan"):
            right = float(tspan.get("x")) + text_width(
                tspan.text, 14, bold=text.get("font-weight") == "bold"
            )
            assert right <= WIDTH


# --------------------------------------------------------------------------
# Penalty chart


def test_penalty_rows_are_computed_from_the_data(site: SiteData) -> None:
    rows = {row.article.id: (row.peacetime, row.wartime) for row in penalty_rows(site)}
    assert rows == {
        "cc-338": (MaxTerm(False, 10, "years"), MaxTerm(False, 15, "years")),
        # part 5 (wartime) is unverified and left out; 'any' parts count for both
        "cc-337": (MaxTerm(False, 5, "years"), MaxTerm(False, 5, "years")),
        "cc-328": (MaxTerm(False, 2, "years"), MaxTerm(False, 2, "years")),
        "cc-275": (MaxTerm(True), MaxTerm(True)),
    }  # koap-21.5 has no prison term


def test_penalty_rows_for_chosen_articles(site: SiteData) -> None:
    assert [r.article.id for r in penalty_rows(site, ["cc-337", "cc-338"])] == ["cc-337", "cc-338"]
    with pytest.raises(RenderError, match="no prison term"):
        penalty_rows(site, ["koap-21.5"])
    with pytest.raises(RenderError, match="unknown article 'cc-1'"):
        penalty_rows(site, ["cc-1"])


@pytest.mark.parametrize("lang", LANGS)
def test_penalty_chart_is_accessible_svg(site: SiteData, lang: str) -> None:
    root = parse(penalty_chart_svg(site, lang, id_prefix="c1"))
    assert_accessible(root, "c1")


def _bars(root: ET.Element) -> list[tuple[str, float, str]]:
    """(circumstance, bar width, value label) for each bar, top to bottom."""
    bars = []
    for row in root.findall(f"{SVG}g"):
        labels = [
            " ".join(t.text for t in text.iter(f"{SVG}tspan"))
            for text in row.iter(f"{SVG}text")
            if text.get("class") == "data-figure__value"
        ]
        rects = {float(r.get("y")): r for r in row.iter(f"{SVG}rect")}
        ys = sorted(
            float(t.get("y"))
            for t in row.iter(f"{SVG}text")
            if t.get("class") == "data-figure__value"
        )
        for label, y in zip(labels, ys, strict=True):
            rect = next((r for ry, r in rects.items() if ry < y <= ry + 16), None)
            key = re.sub(r".*--", "", rect.get("class")) if rect is not None else None
            bars.append((key, float(rect.get("width")) if rect is not None else 0.0, label))
    return bars


def test_penalty_chart_numbers_equal_the_data(site: SiteData) -> None:
    root = parse(penalty_chart_svg(site, "ru"))
    bars = _bars(root)
    expected = []
    for row in penalty_rows(site):
        for key in ("peacetime", "wartime"):
            term = row.term(key)
            label = (
                "пожизненно"
                if term.life
                else f"{term.value} {'лет' if term.value >= 5 else 'года'}"
            )
            expected.append((key, label))
    assert [(key, label.replace(NBSP, " ")) for key, _, label in bars] == expected
    # bar length is proportional to the term; life imprisonment is the longest bar
    finite = [
        (w, row.term(k).years)
        for (k, w, _), (row, k) in zip(
            bars,
            [(r, k) for r in penalty_rows(site) for k in ("peacetime", "wartime")],
            strict=True,
        )
        if not row.term(k).life
    ]
    ratios = [width / years for width, years in finite]
    assert max(ratios) - min(ratios) < 0.1  # widths are rounded to 0.1
    assert max(w for _, w, _ in bars) > max(w for w, _ in finite)


def test_penalty_chart_desc_lists_the_numbers(site: SiteData) -> None:
    desc = parse(penalty_chart_svg(site, "en")).find(f"{SVG}desc").text.replace(NBSP, " ")
    assert "Art. 338. Desertion — Peacetime: 10 years; Mobilization or war: 15 years." in desc
    assert "Art. 275. High treason — Peacetime: life; Mobilization or war: life." in desc


def test_article_without_peacetime_term_has_no_bar(site: SiteData) -> None:
    root = parse(penalty_chart_svg(site, "en", articles=["cc-338", "cc-337"]))
    assert len(root.findall(f"{SVG}g")) == 2
    only_wartime = dataclasses.replace(
        site.articles["cc-338"],
        parts=tuple(p for p in site.articles["cc-338"].parts if p.circumstances == "wartime"),
    )
    changed = dataclasses.replace(site, articles={**site.articles, "cc-338": only_wartime})
    bars = _bars(parse(penalty_chart_svg(changed, "en", articles=["cc-338"])))
    assert [(k, label.replace(NBSP, " ")) for k, _, label in bars] == [
        (None, "not an offence in peacetime"),  # no part for peacetime at all (looting)
        ("wartime", "15 years"),
    ]
    arrest = Punishment("arrest", max=6, unit="months")
    no_prison = dataclasses.replace(
        site.articles["cc-338"],
        parts=tuple(
            dataclasses.replace(p, punishments=(arrest,)) if p.circumstances == "peacetime" else p
            for p in site.articles["cc-338"].parts
        ),
    )
    changed = dataclasses.replace(site, articles={**site.articles, "cc-338": no_prison})
    bars = _bars(parse(penalty_chart_svg(changed, "en", articles=["cc-338"])))
    assert [label.replace(NBSP, " ") for _, _, label in bars][0] == "no prison term"


def test_chart_text_is_escaped(site: SiteData) -> None:
    article = dataclasses.replace(
        site.articles["cc-338"], title=Localized(en='A & "B" <c>', ru="р", uk="у")
    )
    changed = dataclasses.replace(site, articles={**site.articles, "cc-338": article})
    svg = penalty_chart_svg(changed, "en")
    assert "A &amp; &#34;B&#34; &lt;c&gt;" in svg
    parse(svg)


# --------------------------------------------------------------------------
# Figure with caption and table


@pytest.mark.parametrize("name", ["timeline", "penalty-chart"])
@pytest.mark.parametrize("lang", LANGS)
def test_figure_has_caption_and_the_same_numbers_as_a_table(
    site: SiteData, name: str, lang: str
) -> None:
    html = render_figure(site, name, lang, id_prefix="f")
    assert html.startswith(
        f'<div class="data-figure data-figure--{name}" lang="{lang}">\n<figure>\n<svg '
    )
    assert "\n\n" not in html
    key = name.replace("-", "_")
    caption = html_escape(site.vocabulary.figures[key]["caption"][lang])  # autoescaped
    assert f"<figcaption>{caption}</figcaption>" in html
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    parse(svg)
    table = html[html.index("<table") :]
    cells = [
        re.sub(r"<[^>]+>", "", c)
        for c in re.findall(r"<t[hd] [^>]*>.*?</t[hd]>", table.split("</thead>")[1])
    ]
    if name == "timeline":
        acts = sorted(site.acts.values(), key=lambda act: act.date)
        expected = [
            x
            for act in acts
            for x in (format_date(act.date, lang, site.vocabulary), act.name[lang])
        ]
        assert [c.replace("&#34;", '"') for c in cells] == expected
        svg_lines = [line for g in parse(svg).findall(f"{SVG}g") for line in lines_of(g)]
        assert [c.replace("&#34;", '"') for c in cells] == svg_lines
    else:
        labels = [label for _, _, label in _bars(parse(svg))]
        values = [c for i, c in enumerate(cells) if i % 3]
        assert values == labels


def test_unknown_figure_and_option(site: SiteData) -> None:
    with pytest.raises(KeyError):
        render_figure(site, "pie", "en")
    with pytest.raises(RenderError, match="figure 'timeline' takes no option 'articles'"):
        render_figure(site, "timeline", "en", articles=["cc-338"])


# --------------------------------------------------------------------------
# Line breaking


@given(
    st.lists(
        st.text(
            alphabet="abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщыьэюя",
            min_size=1,
            max_size=12,
        ),
        min_size=1,
        max_size=30,
    )
)
def test_wrap_keeps_every_word_and_fits(words: list[str]) -> None:
    text = " ".join(words)
    lines = wrap(text, 200, 14)
    assert " ".join(lines) == text
    for line in lines:
        assert text_width(line, 14) <= 200 or " " not in line


def test_unconfirmed_penalties_are_not_shown_as_no_prison_term(site: SiteData) -> None:
    article = site.articles["cc-338"]
    parts = tuple(
        dataclasses.replace(p, punishments=(), unverified=frozenset({"punishments"}))
        if p.circumstances == "peacetime" else p
        for p in article.parts
    )
    changed = dataclasses.replace(
        site, articles={**site.articles, "cc-338": dataclasses.replace(article, parts=parts)}
    )
    (row,) = penalty_rows(changed, ["cc-338"])
    assert row.peacetime is None and row.unconfirmed == {"peacetime"}
    assert row.label("peacetime", changed, "en") == "not confirmed — see the source"
    assert row.label("peacetime", changed, "ru") == "не подтверждено — см. источник"
    assert "15" in row.label("wartime", changed, "en")
    svg = penalty_chart_svg(changed, "en", articles=["cc-338"])
    assert "not confirmed — see the source" in svg and "no prison term" not in svg
