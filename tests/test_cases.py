"""Dated cases: data/cases.yml (loader), sitetools/render/cases.py (the list), the
<!-- md:cases <group> --> marker, and make review-due finding them through it."""

from __future__ import annotations

import dataclasses
import re
import shutil
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from sitetools.data import Localized, SiteData, load_all
from sitetools.render.cases import format_case_date, render_cases
from sitetools.render.markers import MarkerError
from sitetools.render.templates import RenderError
from sitetools.review import due, shown_on

from conftest import (
    FIXTURES,
    LANGS,
    NBSP,
    ROOT,
    edit,
    expand,
    fixture_data_dir,
    load_error,
    site_markdown,
    text_of,
)
from conftest import assert_well_formed as _assert_well_formed

# Tags nest and close properly; an end tag of a void element (<hr/>) is let pass.
assert_well_formed = partial(_assert_well_formed, void_end_tags=True)


def make_data_dir(root: Path, *, with_cases: bool = True) -> Path:
    data = fixture_data_dir(root)
    if with_cases:
        shutil.copy(FIXTURES / "cases" / "cases.yml", data)
    return data


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteData:
    return load_all(make_data_dir(tmp_path_factory.mktemp("cases")))


# --------------------------------------------------------------------------
# Loading


def test_fixture_loads(site: SiteData) -> None:
    assert list(site.cases) == ["court-cases", "statements"]
    cases = site.cases["court-cases"].cases
    assert [(c.precision, c.date) for c in cases] == [
        ("year", date(2023, 1, 1)),
        ("month", date(2024, 5, 1)),
        ("day", date(2024, 6, 3)),
    ]
    assert cases[0].place is None and cases[0].person is None
    assert cases[1].place == Localized(en="Northtown", ru="Нортаун", uk="Нортаун")
    assert cases[1].sources == ("mediazona-337", "fz-365-text")
    assert cases[2].date_end == date(2024, 6, 5)
    assert site.cases["statements"].cases[0].reported


def test_cases_file_is_optional(tmp_path: Path) -> None:
    site = load_all(make_data_dir(tmp_path, with_cases=False))
    assert dict(site.cases) == {}
    with pytest.raises(RenderError, match=r"^there is no data/cases\.yml$"):
        render_cases(site, "court-cases", "en")


FILE = "data/cases.yml: entry 'court-cases': "

EDITS = [
    pytest.param(
        "sources: [mediazona-337]\n      - date: 2024-05",
        "sources: [nope]\n      - date: 2024-05",
        FILE + "field 'cases[0].sources[0]': unknown source id 'nope'",
        id="unknown-source",
    ),
    pytest.param(
        "        sources: [mediazona-337]\n  - id: statements",
        "        sources: []\n  - id: statements",
        FILE + "field 'cases[2].sources': empty list",
        id="no-source",
    ),
    pytest.param(
        "          uk: Газета повідомила про облави на ринку.\n",
        "",
        FILE + "field 'cases[2].text.uk': missing translation",
        id="missing-translation",
    ),
    pytest.param(
        "- date: 2024-05\n",
        "- date: 2024-13\n",
        FILE + "field 'cases[1].date': '2024-13' is not a valid date (YYYY, YYYY-MM or "
        "YYYY-MM-DD)",
        id="bad-date",
    ),
    pytest.param(
        "- date: 2024-05\n",
        "- date: 2024/05\n",
        FILE + "field 'cases[1].date': '2024/05' is not a date in the form YYYY, YYYY-MM or "
        "YYYY-MM-DD",
        id="date-form",
    ),
    pytest.param(
        "- date: 2024-05\n        checked: 2026-11-20\n",
        "- date: 2024-05\n        checked: 2024-04-30\n",
        FILE + "field 'cases[1].checked': 2024-04-30 is before the case's date (2024-05): a "
        "case is checked after it happened",
        id="checked-before-date",
    ),
    pytest.param(
        "        date_end: 2024-06-05\n        checked: 2026-11-20\n",
        "        date_end: 2024-06-05\n        checked: 2024-06-04\n",
        FILE + "field 'cases[2].checked': 2024-06-04 is before the case's date (2024-06-03): "
        "a case is checked after it happened",
        id="checked-before-end",
    ),
    pytest.param(
        "- date: 2024-05\n        checked: 2026-11-20\n",
        "- date: 2024-05\n",
        FILE + "field 'cases[1].checked': missing",
        id="no-checked",
    ),
    pytest.param(
        "date_end: 2024-06-05",
        "date_end: 2024-07-01",
        FILE + "field 'cases[2].date_end': must be a later day of the same month as 2024-06-03",
        id="span-across-months",
    ),
    pytest.param(
        "- date: 2024-05\n",
        "- date: 2022-05\n",
        FILE + "field 'cases[1].date': dated 2022-05, before the case above it: list the "
        "oldest first",
        id="out-of-order",
    ),
    pytest.param(
        "kind: verdict",
        "kind: sentence",
        FILE + "field 'cases[1].kind': unknown value 'sentence' (expected one of: verdict, "
        "charge, count, report, statement)",
        id="unknown-kind",
    ),
    pytest.param(
        "en: A newspaper reported raids on a market.",
        "en: A newspaper reported <b>raids</b> on a market.",
        FILE + "field 'cases[2].text.en': contains markup ('<'): data strings are plain text, "
        "escaped when rendered",
        id="markup",
    ),
    pytest.param(
        "  - id: statements",
        "  - id: court-cases",
        "data/cases.yml: entry #2: field 'id': duplicate id 'court-cases' (first used by entry "
        "#1)",
        id="duplicate-group",
    ),
    pytest.param(
        "        kind: count\n",
        "        kind: count\n        person: {en: A, ru: А, uk: А}\n",
        FILE + "field 'cases[0].person': unknown field",
        id="unknown-field",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), EDITS)
def test_bad_edit(tmp_path: Path, old: str, new: str, message: str) -> None:
    data = make_data_dir(tmp_path)
    edit(data / "cases.yml", old, new)
    assert load_error(data) == message


# --------------------------------------------------------------------------
# Rendering

EXPECTED = {
    "en": [
        "2023. A regional court heard 12 cases in 2023, as of 31 December 2023.",
        "May 2024, Northtown. A court sentenced a soldier who had left his unit to 5 years.",
        "3–5 June 2024. A newspaper reported raids on a market.",
    ],
    "ru": [
        "2023 г. Областной суд рассмотрел 12 дел в 2023 году, по состоянию на 31 декабря "
        "2023 года.",
        "Май 2024 года, Нортаун. Суд приговорил военнослужащего, оставившего часть, к 5 годам.",
        "3–5 июня 2024 года. Газета сообщила об облавах на рынке.",
    ],
    "uk": [
        "2023 р. Обласний суд розглянув 12 справ у 2023 році, станом на 31 грудня 2023 року.",
        "Травень 2024 року, Нортаун. Суд засудив військовослужбовця, який залишив частину, до "
        "5 років.",
        "3–5 червня 2024 року. Газета повідомила про облави на ринку.",
    ],
}


@pytest.mark.parametrize("lang", LANGS)
def test_each_case_is_a_list_item_with_its_date_place_and_text(site: SiteData, lang: str) -> None:
    raw = render_cases(site, "court-cases", lang)
    assert_well_formed(raw)
    assert raw.startswith(f'<ul class="case-list" lang="{lang}" data-cases="court-cases" ')
    html = site_markdown(raw + "\n\n[^mediazona-337]: M.\n[^fz-365-text]: F.\n")
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    assert len(items) == 3
    got = [re.sub(r"\d+$", "", text_of(item.split("<sup")[0])).strip() for item in items]
    assert got == [text.replace(NBSP, " ") for text in EXPECTED[lang]]
    # the date (and place) in bold, as a machine-readable <time> of the same precision
    assert '<strong><time datetime="2023">' in items[0]
    assert '<strong><time datetime="2024-05">' in items[1] and ", Нортаун." not in items[0]
    assert '<time datetime="2024-06-03">' in items[2]


def test_sources_are_footnotes_in_the_pages_order(site: SiteData) -> None:
    raw = render_cases(site, "court-cases", "en")
    assert raw.count("[^mediazona-337]") == 3
    assert "to 5 years.[^mediazona-337][^fz-365-text]</li>" in raw
    html = site_markdown(raw + "\n\n[^mediazona-337]: M.\n[^fz-365-text]: F.\n")
    assert html.count('class="footnote-ref"') == 4
    assert 'href="#fn:fz-365-text"' in html


def test_a_reported_date_says_so(site: SiteData) -> None:
    case = site.cases["statements"].cases[0]
    got = [format_case_date(case, lang, site).replace(NBSP, " ") for lang in LANGS]
    assert got == [
        "10 January 2025 (date of the report)",
        "10 января 2025 года (дата сообщения)",
        "10 січня 2025 року (дата повідомлення)",
    ]
    assert "[^cc-rf]" in render_cases(site, "statements", "uk")


HOSTILE = ("<script>alert(1)</script> [x](javascript:alert(1)) *bold* _it_ `code` {#id} | # "
           "[^cc-rf]")


def test_data_cannot_inject_markup(site: SiteData) -> None:
    hostile = Localized(en=HOSTILE, ru=HOSTILE, uk=HOSTILE)
    group = site.cases["court-cases"]
    case = dataclasses.replace(group.cases[1], text=hostile, place=hostile)
    bad = dataclasses.replace(
        site, cases={**site.cases, "court-cases": dataclasses.replace(group, cases=(case,))}
    )
    raw = render_cases(bad, "court-cases", "en")
    assert "<script>" not in raw
    assert_well_formed(raw)
    html = site_markdown(raw + "\n\n[^mediazona-337]: M.\n[^fz-365-text]: F.\n[^cc-rf]: C.\n")
    assert_well_formed(html)
    for tag in ("<script", "javascript:alert(1)\"", "href=\"javascript", "<em>", "<strong>bold",
                "<code>", 'id="id"', 'href="#fn:cc-rf"'):
        assert tag not in html
    # shown as the text it is (a backslash before "&lt;" stays visible, as in the countries'
    # boxes; the schema keeps "<" out of real data)
    assert "&lt;script" in html
    assert "[x](javascript:alert(1)) *bold* _it_ `code` {#id} | # [^cc-rf]" in html
    # the case's own sources are still its footnotes
    assert 'href="#fn:mediazona-337"' in html


# --------------------------------------------------------------------------
# The marker


def test_marker_is_replaced_outside_code(site: SiteData) -> None:
    page = "\n".join([
        "# Title", "", "Lead.", "", "<!-- md:cases court-cases -->", "",
        "```", "<!-- md:cases statements -->", "```", "",
        "<details markdown=\"1\">", "<summary>More</summary>", "",
        "<!-- md:cases statements -->", "", "</details>", "",
    ])
    out = expand(page, site, "ru", source="docs/ru/x.md")
    assert out.count('class="case-list" lang="ru"') == 2
    assert out.count('data-cases="court-cases"') == 1
    assert "```\n<!-- md:cases statements -->\n```" in out


@pytest.mark.parametrize(("line", "problem"), [
    ("<!-- md:cases nope -->",
     "unknown case group 'nope' (known: court-cases, statements)"),
    ("<!-- md:cases -->",
     "expected '<!-- md:cases <group> -->' with a group from: court-cases, statements"),
    ("<!-- md:cases court-cases statements -->",
     "expected '<!-- md:cases <group> -->' with a group from: court-cases, statements"),
    ("<!-- md:cases court-cases order=newest -->",
     "unexpected 'order=newest' (expected one case group from: court-cases, statements)"),
])
def test_marker_errors(site: SiteData, line: str, problem: str) -> None:
    with pytest.raises(MarkerError) as info:
        expand(f"# Title\n\n{line}\n", site, "en")
    assert str(info.value) == f"docs/en/x.md:3: marker '{line}': {problem}"


# --------------------------------------------------------------------------
# make review-due


def test_review_lists_each_case_under_the_page_that_shows_it(
    site: SiteData, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    for lang in LANGS:
        (docs / lang / "situations").mkdir(parents=True)
        (docs / lang / "situations" / "x.md").write_text(
            "---\ntitle: X\nreviewed: 2026-11-20\n---\n\n# X\n\n"
            "<!-- md:cases court-cases -->\n", encoding="utf-8")
    assert shown_on(docs, site)[("cases", "court-cases")] == ["situations/x.md"]
    found = due(docs, site, today=date(2027, 12, 1), days=180)
    what = [item.what for item in found["situations/x.md"]]
    assert [w for w in what if w.startswith("data/cases.yml")] == [
        f"data/cases.yml: court-cases: cases[{i}]" for i in range(3)
    ]
    assert [i.what for i in found["(on no page)"] if i.what.startswith("data/cases.yml")] == [
        "data/cases.yml: statements: cases[0]"]
    assert not due(docs, site, today=date(2026, 12, 1), days=180)


# --------------------------------------------------------------------------
# The real data and pages


def test_every_group_is_shown_on_one_page() -> None:
    """Each group of data/cases.yml stands on one English page (the translations have the
    same markers: the translation guard compares them)."""
    site = load_all(ROOT / "data")
    shown = shown_on(ROOT / "docs", site)
    for group in site.cases:
        assert len(shown.get(("cases", group), [])) == 1, group
    assert "situations/occupied-territories.md" in shown[("cases", "crimea-draft-prosecutions")]
    assert "situations/new-citizens-and-foreigners.md" in shown[("cases", "kyrgyzstan-verdicts")]
