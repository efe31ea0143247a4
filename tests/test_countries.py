"""Transit countries: data/countries.yml (loader), sitetools/render/countries.py (renderers)
and their markers."""

from __future__ import annotations

import dataclasses
import re
from functools import partial
from pathlib import Path

import pytest

from sitetools.data import Localized, SiteData, load_all
from sitetools.render.countries import (
    country_href,
    format_case_date,
    md_escape,
    render_comparison,
    render_country,
    render_country_cases,
)
from sitetools.render.markers import MarkerError
from sitetools.render.templates import RenderError

from conftest import (
    FIXTURES,
    LANGS,
    NBSP,
    edit,
    expand,
    fixture_data_dir,
    load_error,
    site_markdown,
    text_of,
)
from conftest import ROOT as REPO
from conftest import assert_well_formed as _assert_well_formed


def countries_fixture_text() -> str:
    """The fixture treaties and countries as a data/countries.yml."""
    entries = (FIXTURES / "countries" / "entries.yml").read_text(encoding="utf-8")
    return "# yaml-language-server: $schema=schemas/countries.schema.json\n" + entries


def make_data_dir(root: Path, *, with_countries: bool = True) -> Path:
    data = fixture_data_dir(root)
    if with_countries:
        (data / "countries.yml").write_text(countries_fixture_text(), encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteData:
    return load_all(make_data_dir(tmp_path_factory.mktemp("countries")))


def to_html(text: str) -> str:
    return site_markdown(text)


# Tags nest and close properly; an end tag of a void element (<br/>) is let pass.
assert_well_formed = partial(_assert_well_formed, void_end_tags=True)


# --------------------------------------------------------------------------
# Loading


def test_fixture_loads(site: SiteData) -> None:
    guide = site.countries
    assert guide is not None
    assert list(guide.countries) == ["alpha", "beta"]
    assert list(guide.treaties) == ["pact-a", "pact-b"]
    alpha = guide.countries["alpha"]
    assert [(c.precision, c.reported) for c in alpha.cases] == [
        ("day", False),
        ("month", False),
        ("year", False),
        ("day", True),
    ]
    assert alpha.cases[0].date_end is not None and alpha.cases[0].date_end.day == 7
    assert alpha.entry is not None
    assert alpha.entry.documents == ("internal-passport", "international-passport")
    assert alpha.treaties[1].status == "not-verified" and alpha.treaties[1].sources == ()
    beta = guide.countries["beta"]
    assert beta.entry is None and beta.stay is None and beta.military_presence is None
    assert beta.warning == Localized(
        en="Nothing is known here.", ru="Здесь ничего не известно.", uk="Тут нічого не відомо."
    )
    assert site.vocabulary.months_standalone["ru"][11] == "декабрь"
    assert beta.searched is not None and beta.searched.checked.isoformat() == "2026-11-20"


def test_countries_file_is_optional(tmp_path: Path) -> None:
    site = load_all(make_data_dir(tmp_path, with_countries=False))
    assert site.countries is None
    with pytest.raises(RenderError, match="there is no data/countries.yml"):
        render_comparison(site, "en", page_path="countries/index.md")


EDITS = [
    pytest.param(
        "        sources: [mediazona-337]\n      - date: 2022-12",
        "        sources: [nope]\n      - date: 2022-12",
        "data/countries.yml: entry 'alpha': field 'cases[0].sources[0]': unknown source id 'nope'",
        id="unknown-source",
    ),
    pytest.param(
        "    sources: [cc-rf]\n  - id: pact-b",
        "    sources: [nope]\n  - id: pact-b",
        "data/countries.yml: field 'treaties[0].sources[0]': unknown source id 'nope'",
        id="unknown-treaty-source",
    ),
    pytest.param(
        "  - id: pact-b\n",
        "  - id: pact-a\n",
        "data/countries.yml: field 'treaties[1].id': duplicate treaty id 'pact-a'",
        id="duplicate-treaty",
    ),
    pytest.param(
        "      - treaty: pact-a",
        "      - treaty: pact-z",
        "data/countries.yml: entry 'alpha': field 'treaties[0].treaty': unknown treaty id 'pact-z'",
        id="unknown-treaty",
    ),
    pytest.param(
        "      - treaty: pact-b",
        "      - treaty: pact-a",
        "data/countries.yml: entry 'alpha': field 'treaties[1].treaty': treaty 'pact-a' is "
        "listed twice",
        id="treaty-twice",
    ),
    pytest.param(
        "        status: member\n        sources: [fz-365-text]\n",
        "        status: member\n",
        "data/countries.yml: entry 'alpha': field 'treaties[0].sources': status 'member' needs "
        "sources (or use 'not-verified')",
        id="status-needs-sources",
    ),
    pytest.param(
        "      - date: 2022-12\n",
        "      - date: 2022-13\n",
        "data/countries.yml: entry 'alpha': field 'cases[1].date': '2022-13' is not a valid date "
        "(YYYY, YYYY-MM or YYYY-MM-DD)",
        id="impossible-month",
    ),
    pytest.param(
        "      - date: 2022-12\n",
        "      - date: 2022/12\n",
        "data/countries.yml: entry 'alpha': field 'cases[1].date': '2022/12' is not a date in "
        "the form YYYY, YYYY-MM or YYYY-MM-DD",
        id="date-form",
    ),
    pytest.param(
        "      - date: '2024'\n",
        "      - date: 2024\n",
        "data/countries.yml: entry 'alpha': field 'cases[2].date': expected a string, got the "
        "number 2024 (quote it)",
        id="unquoted-year",
    ),
    pytest.param(
        "      - date: 2022-12\n",
        "      - date: 2022-12\n        date_end: 2022-12-05\n",
        "data/countries.yml: entry 'alpha': field 'cases[1].date_end': a span of days needs a "
        "start date in the form YYYY-MM-DD",
        id="span-without-day",
    ),
    pytest.param(
        "        date_end: 2023-12-07",
        "        date_end: 2024-01-02",
        "data/countries.yml: entry 'alpha': field 'cases[0].date_end': must be a later day of "
        "the same month as 2023-12-06",
        id="span-across-months",
    ),
    pytest.param(
        "      sources: [mediazona-337]\n    entry:",
        "    entry:",
        "data/countries.yml: entry 'alpha': field 'risk_summary.sources': risk 'documented' "
        "needs sources for its summary",
        id="risk-needs-sources",
    ),
    pytest.param(
        "    risk: documented",
        "    risk: medium",
        "data/countries.yml: entry 'alpha': field 'risk': unknown value 'medium' (expected one "
        "of: documented, others-expelled, reported, unknown)",
        id="risk-enum",
    ),
    pytest.param(
        "      documents: [internal-passport, international-passport]",
        "      documents: [passport]",
        "data/countries.yml: entry 'alpha': field 'entry.documents[0]': unknown value "
        "'passport' (expected one of: internal-passport, international-passport)",
        id="document-enum",
    ),
    pytest.param(
        "  - id: beta\n",
        "  - id: alpha\n",
        "data/countries.yml: entry #2: field 'id': duplicate id 'alpha' (first used by entry #1)",
        id="duplicate-country",
    ),
    pytest.param(
        "    name: {en: Alphaland, ru: Альфаленд, uk: Альфаленд}",
        "    name: {en: Alphaland, ru: Альфаленд}",
        "data/countries.yml: entry 'alpha': field 'name.uk': missing translation",
        id="missing-translation",
    ),
    pytest.param(
        "          en: Deported.",
        "          en: Deported <b>home</b>.",
        "data/countries.yml: entry 'alpha': field 'cases[1].text.en': contains markup ('<'): "
        "data strings are plain text, escaped when rendered",
        id="markup",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), EDITS)
def test_bad_edit(tmp_path: Path, old: str, new: str, message: str) -> None:
    data = make_data_dir(tmp_path)
    edit(data / "countries.yml", old, new)
    assert load_error(data) == message


@pytest.mark.parametrize(("old", "new", "message"), [
    pytest.param(
        'as_of: {en: "As of {date}", ru: "По состоянию на {date}"',
        'as_of: {en: "As of {date}", ru: "По состоянию на дату"',
        "data/vocabulary.yml: field 'words.countries.as_of.ru': placeholders must be {date}, "
        "found none",
        id="format-placeholder",
    ),
    pytest.param(
        "    country: {en: Country,",
        '    country: {en: "Country {name}",',
        "data/vocabulary.yml: field 'words.countries.country.en': placeholders must be none, "
        "found {name}",
        id="label-placeholder",
    ),
])
def test_the_words_are_checked_in_the_vocabulary(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    data = make_data_dir(tmp_path)
    edit(data / "vocabulary.yml", old, new)
    assert load_error(data) == message


# --------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, ("6–7 December 2023", "6–7 декабря 2023 года", "6–7 грудня 2023 року")),
        (1, ("December 2022", "декабрь 2022 года", "грудень 2022 року")),
        (2, ("2024", "2024 г.", "2024 р.")),
        (
            3,
            (
                "9 April 2024 (date of the report)",
                "9 апреля 2024 года (дата сообщения)",
                "9 квітня 2024 року (дата повідомлення)",
            ),
        ),
    ],
)
def test_case_dates(site: SiteData, index: int, expected: tuple[str, str, str]) -> None:
    assert site.countries is not None
    case = site.countries.countries["alpha"].cases[index]
    got = tuple(format_case_date(case, lang, site).replace(NBSP, " ") for lang in LANGS)
    assert got == expected


# --------------------------------------------------------------------------
# Comparison table

COMPARISON = {
    "en": (
        ["Country", "Documents for entry", "Stay", "Risk of extradition or handover",
         "Documented cases", "Country page"],
        "Internal passport, international passport",
        "None known to us as of 20 November 2026",
        "Details: Alphaland",
    ),
    "ru": (
        ["Страна", "Документы для въезда", "Срок пребывания", "Риск выдачи или передачи",
         "Задокументированные случаи", "Страница страны"],
        "Внутренний паспорт, заграничный паспорт",
        "Неизвестны нам на 20 ноября 2026 года",
        "Подробнее: Альфаленд",
    ),
    "uk": (
        ["Країна", "Документи для в'їзду", "Строк перебування", "Ризик видачі або передачі",
         "Задокументовані випадки", "Сторінка країни"],
        "Внутрішній паспорт, закордонний паспорт",
        "Невідомі нам станом на 20 листопада 2026 року",
        "Докладніше: Альфаленд",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
def test_comparison_table(site: SiteData, lang: str) -> None:
    headers, documents, none_found, link_text = COMPARISON[lang]
    raw = render_comparison(site, lang, page_path="countries/index.md")
    assert_well_formed(raw)
    assert "\n\n" not in raw
    assert f'lang="{lang}"' in raw
    html = to_html(raw)
    assert_well_formed(html)
    assert 'markdown="' not in html
    html = html.replace("&#x27;", "'").replace("&#39;", "'")
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert re.findall(r"<th [^>]*>([^<]*)</th>", head) == headers
    text = text_of(html)
    assert documents in text
    assert "4 (2022–2024)," in text  # a count says when it was known
    assert none_found in text  # and so does "none"
    assert f'<a href="alpha.md">{link_text}</a>' in html
    assert '<a href="beta.md">' in html
    # the oldest "as of" date of all countries
    assert 'datetime="2026-11-18"' in html
    # cards on phones: every body cell carries its column name
    body = html[html.index("<tbody>") :]
    for header in headers:
        assert body.count(f'data-label="{header}"') == 2


@pytest.mark.parametrize(
    ("page_path", "expected"),
    [
        ("countries/index.md", "alpha.md"),
        ("countries/alpha.md", "alpha.md"),
        ("situations/abroad.md", "../countries/alpha.md"),
        ("index.md", "countries/alpha.md"),
    ],
)
def test_links_are_relative_to_the_page(
    site: SiteData, page_path: str, expected: str
) -> None:
    assert country_href(page_path, "alpha") == expected
    assert f"]({expected})" in render_comparison(site, "en", page_path=page_path)


# --------------------------------------------------------------------------
# Facts box


def test_facts_box_cites_every_source_as_a_footnote(site: SiteData) -> None:
    raw = render_country(site, "alpha", "en")
    assert_well_formed(raw)
    assert "\n\n" not in raw
    cited = re.findall(r"\[\^([a-z0-9.-]+)\]", raw)
    assert set(cited) == {"mediazona-337", "koap-rf", "cc-rf", "fz-365-text"}
    definitions = "\n".join(f"[^{i}]: Source {i}." for i in sorted(set(cited)))
    html = to_html("Intro.\n\n" + raw + "\n\n" + definitions + "\n")
    assert_well_formed(html)
    assert "[^" not in html
    assert html.count('class="footnote-ref"') == len(cited)
    text = text_of(html)
    assert "Alphaland: key facts" in text
    assert "As of 20 November 2026" in text
    assert "Internal passport, international passport. Both passports are accepted." in text
    assert "Pact A: member. Members share a wanted list." in text
    assert "Pact B: not verified. No source says whether it is a party." in text
    # the cases are counted here; they stand under the page's own question about them
    assert "Documented cases 4 (2022–2024), known to us as of 20 November 2026 " in text
    assert "Taken across the border." not in text and "(abduction)" not in text
    assert ("High: people wanted in Russia have been sent back there. "
            "Deserters were handed over.") in text


@pytest.mark.parametrize("lang", LANGS)
def test_facts_box_says_what_is_not_known(site: SiteData, lang: str) -> None:
    assert site.countries is not None
    labels = site.vocabulary.words["countries"]
    html = to_html(render_country(site, "beta", lang))
    assert_well_formed(html)
    text = text_of(html)
    assert text.count(labels["no_information"][lang]) == 4  # entry, stay, military, treaties
    # "no case" only with the date
    none_known = labels["none_known"][lang]
    assert none_known[: none_known.index("{date}")] in text
    assert {"en": "20 November 2026", "ru": "20 ноября 2026", "uk": "20 листопада 2026"}[lang] \
        in text
    assert f"{labels['warning'][lang]}:" in text
    assert labels["practical"][lang] not in text  # no practical notes: no heading


def test_unknown_country(site: SiteData) -> None:
    with pytest.raises(RenderError, match=r"unknown country 'gamma' \(known: alpha, beta\)"):
        render_country(site, "gamma", "en")


# --------------------------------------------------------------------------
# The cases (<!-- md:country-cases <id> -->): on the country's page and elsewhere


def test_cases_on_the_country_page(site: SiteData) -> None:
    """On the country's own page: the list, with dates, sources and what was searched,
    standing open under the page's question (no block, no link to the page itself)."""
    raw = render_country_cases(site, "alpha", "en", page_path="countries/alpha.md")
    assert_well_formed(raw)
    assert "\n\n" not in raw and "<details" not in raw and "alpha.md" not in raw
    html = to_html("Intro.\n\n" + raw + "\n\n[^mediazona-337]: Source.\n")
    assert_well_formed(html)
    assert "markdown=" not in html
    text = text_of(html)
    assert "6–7 December 2023, Capital. A. One (abduction). Taken across the border." in text
    assert '<time datetime="2022-12">December 2022</time>' in html
    assert '<time datetime="2024">2024</time>' in html
    assert site.countries.countries["alpha"].searched.text["en"] in text


@pytest.mark.parametrize("lang", LANGS)
def test_cases_elsewhere_are_the_country_page_cases(site: SiteData, lang: str) -> None:
    """On another page: the same list and "searched, as of" line, in every language, in a
    block that opens under the country's name and links to its page."""
    alone = render_country_cases(site, "alpha", lang, page_path="situations/abroad.md")
    assert_well_formed(alone)
    assert "\n\n" not in alone
    own = render_country_cases(site, "alpha", lang, page_path="countries/alpha.md")
    items = re.findall(r"<li markdown=\"span\">\*\*<time.*?</li>", own)
    assert len(items) == len(site.countries.countries["alpha"].cases) == 4
    assert re.findall(r"<li markdown=\"span\">\*\*<time.*?</li>", alone) == items
    searched = re.search(r'<p class="data-table__searched">.*?</p>', own)
    assert searched is not None and searched.group(0) in alone
    html = to_html("Intro.\n\n" + alone + "\n")
    assert_well_formed(html)
    assert "markdown=" not in html and "<p><ul" not in html  # Markdown read inside the block
    name = site.countries.countries["alpha"].name[lang]
    assert re.search(rf'<details class="danger country-cases"[^>]*>\s*<summary>{name}</summary>',
                     html)
    assert "<strong><time" in html
    assert '<a href="../countries/alpha.md">' in html
    text = text_of(html)
    assert {"en": "20 November 2026", "ru": "20 ноября 2026", "uk": "20 листопада 2026"}[lang] \
        in text


@pytest.mark.parametrize("lang", LANGS)
def test_no_cases_alone_says_as_of_when(site: SiteData, lang: str) -> None:
    labels = site.vocabulary.words["countries"]
    alone = render_country_cases(site, "beta", lang, page_path="situations/abroad.md")
    text = text_of(to_html(alone))
    assert labels["no_cases"][lang][: labels["no_cases"][lang].index("{date}")] in text
    assert "<li" not in alone


# --------------------------------------------------------------------------
# Escaping

HOSTILE = "<script>alert(1)</script> *bold* _it_ [link](http://x.example) `code` {#id} | #"


def hostile_site(site: SiteData) -> SiteData:
    assert site.countries is not None
    hostile = Localized(en=HOSTILE, ru=HOSTILE, uk=HOSTILE)
    alpha = site.countries.countries["alpha"]
    case = dataclasses.replace(alpha.cases[0], text=hostile, person=hostile)
    alpha = dataclasses.replace(
        alpha, name=hostile, cases=(case, *alpha.cases[1:]), not_verified=(hostile,)
    )
    countries = dataclasses.replace(
        site.countries, countries={**site.countries.countries, "alpha": alpha}
    )
    return dataclasses.replace(site, countries=countries)


@pytest.mark.parametrize("which", ["comparison", "facts", "cases"])
def test_data_cannot_inject_markup(site: SiteData, which: str) -> None:
    bad = hostile_site(site)
    raw = {
        "comparison": partial(render_comparison, bad, "en", page_path="countries/index.md"),
        "facts": partial(render_country, bad, "alpha", "en"),
        "cases": partial(render_country_cases, bad, "alpha", "en", page_path="x.md"),
    }[which]()
    assert "<script>" not in raw
    assert_well_formed(raw)
    html = to_html(raw)
    assert_well_formed(html)
    for tag in ("<script", "<em>", "<strong>bold", "<code>", 'href="http://x.example"'):
        assert tag not in html
    assert 'id="id"' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *bold* _it_ [link](http://x.example)" in html
    assert "\\" not in html  # no escaping backslash shows (one before &lt; would)


def test_md_escape() -> None:
    assert md_escape("a*b_c[d]`e`{f}#g|h\\i") == r"a\*b\_c\[d\]\`e\`\{f\}\#g\|h\\i"


# --------------------------------------------------------------------------
# Markers


def test_markers_are_replaced_outside_code(site: SiteData) -> None:
    page = "\n".join(
        [
            "# Title",
            "",
            "<!-- md:countries -->",
            "",
            "```",
            "<!-- md:country alpha -->",
            "```",
            "",
            "<!-- md:country alpha -->",
            "",
            "<!-- md:country-cases alpha -->",
            "",
        ]
    )
    out = expand(page, site, "ru", source="docs/ru/countries/x.md", path="countries/x.md")
    assert out.count('class="data-table countries-table" lang="ru"') == 1
    assert out.count('class="data-table country-facts" lang="ru"') == 1
    assert out.count('<details class="danger country-cases" lang="ru" data-country="alpha"') == 1
    assert "```\n<!-- md:country alpha -->\n```" in out


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("<!-- md:country gamma -->", "unknown country 'gamma' (known: alpha, beta)"),
        (
            "<!-- md:country -->",
            "expected '<!-- md:country <country-id> -->' with an id from: alpha, beta",
        ),
        (
            "<!-- md:country alpha beta -->",
            "expected '<!-- md:country <country-id> -->' with an id from: alpha, beta",
        ),
        ("<!-- md:countries all -->", "expected '<!-- md:countries -->' without arguments"),
        ("<!-- md:country-cases gamma -->", "unknown country 'gamma' (known: alpha, beta)"),
        (
            "<!-- md:country-cases -->",
            "expected '<!-- md:country-cases <country-id> -->' with an id from: alpha, beta",
        ),
    ],
)
def test_marker_errors(site: SiteData, line: str, problem: str) -> None:
    with pytest.raises(MarkerError) as info:
        expand(f"# Title\n\n{line}\n", site, "en")
    assert str(info.value) == f"docs/en/x.md:3: marker '{line}': {problem}"


# --------------------------------------------------------------------------
# The real data and pages


def test_every_country_has_its_pages() -> None:
    """Each country in data/countries.yml has a page in every language with its facts box."""
    if not (REPO / "data" / "countries.yml").is_file():
        pytest.skip("data/countries.yml not written yet")
    site = load_all(REPO / "data")
    assert site.countries is not None
    for country_id in site.countries.countries:
        for lang in LANGS:
            page = REPO / "docs" / lang / "countries" / f"{country_id}.md"
            assert page.is_file(), page
            text = page.read_text(encoding="utf-8")
            assert f"\n<!-- md:country {country_id} -->\n" in text, page


@pytest.mark.parametrize(
    ("lang", "caveat"),
    [
        ("en", "Internal passport, international passport (sources up to 2024; not confirmed "
               "since)"),
        ("ru", "Внутренний паспорт, заграничный паспорт (по источникам до 2024 года; позднее не "
               "подтверждено)"),
        ("uk", "Внутрішній паспорт, закордонний паспорт (за джерелами до 2024 року; пізніше не "
               "підтверджено)"),
    ],
)
def test_documents_no_current_source_confirms_say_so(
    tmp_path: Path, lang: str, caveat: str
) -> None:
    data = make_data_dir(tmp_path)
    edit(data / "countries.yml", "      documents: [internal-passport, international-passport]\n",
         '      documents: [internal-passport, international-passport]\n'
         '      confirmed_until: "2024"\n')
    site = load_all(data)
    table = text_of(render_comparison(site, lang, page_path="countries/index.md"))
    box = text_of(render_country(site, "alpha", lang))
    assert caveat in table and caveat in box
    plain = load_all(make_data_dir(tmp_path / "plain"))  # no confirmed_until: no caveat
    caveat_only = caveat[caveat.index("(") :]
    plain_table = render_comparison(plain, lang, page_path="countries/index.md")
    assert caveat_only not in text_of(plain_table)


def test_every_country_page_shows_its_cases_and_its_facts_box() -> None:
    """The facts box only counts a country's cases: its page must show them, once, from data
    (the guard holds ru and uk to the English page's markers)."""
    site = load_all(REPO / "data")
    assert site.countries is not None
    for country_id in site.countries.countries:
        text = (REPO / "docs" / "en" / "countries" / f"{country_id}.md").read_text(
            encoding="utf-8")
        assert text.count(f"<!-- md:country {country_id} -->") == 1, country_id
        assert text.count(f"<!-- md:country-cases {country_id} -->") == 1, country_id
