"""Statute and acts tables (sitetools/render/statutes.py), the marker registry
(sitetools/render/markers.py) and the page event (hooks/page_markdown.py)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import page_markdown
import pytest
from mkdocs.exceptions import PluginError

from sitetools.data import Localized, Punishment, SiteData, load_all
from sitetools.render.markers import MarkerError
from sitetools.render.statutes import (
    format_punishment,
    format_term,
    render_acts_table,
    render_statute,
)
from sitetools.render.templates import RenderError, format_date

from conftest import FIXTURES, NBSP, assert_well_formed, fixture_data_dir, site_markdown, text_of
from conftest import expand as expand_markers


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteData:
    """The fixture data set (with the repository's schemas and vocabulary)."""
    return load_all(fixture_data_dir(tmp_path_factory.mktemp("site")))


# --------------------------------------------------------------------------
# Words


TERMS = [
    (
        Punishment("deprivation-of-liberty", max=7, unit="years"),
        "up to 7 years",
        "до 7 лет",
        "до 7 років",
    ),
    (
        Punishment("deprivation-of-liberty", min=5, max=15, unit="years"),
        "5 to 15 years",
        "от 5 до 15 лет",
        "від 5 до 15 років",
    ),
    (Punishment("deprivation-of-liberty", min=1, max=1, unit="years"), "1 year", "1 год", "1 рік"),
    (
        Punishment("deprivation-of-liberty", min=2, max=2, unit="years"),
        "2 years",
        "2 года",
        "2 роки",
    ),
    (
        Punishment("deprivation-of-liberty", min=5, max=5, unit="years"),
        "5 years",
        "5 лет",
        "5 років",
    ),
    (Punishment("arrest", max=1, unit="years"), "up to 1 year", "до 1 года", "до 1 року"),
    (Punishment("arrest", max=21, unit="years"), "up to 21 years", "до 21 года", "до 21 року"),
    (Punishment("arrest", max=6, unit="months"), "up to 6 months", "до 6 месяцев", "до 6 місяців"),
    (Punishment("arrest", max=2, unit="months"), "up to 2 months", "до 2 месяцев", "до 2 місяців"),
    (
        Punishment("compulsory-works", max=480, unit="hours"),
        "up to 480 hours",
        "до 480 часов",
        "до 480 годин",
    ),
    (Punishment("arrest", max=15, unit="days"), "up to 15 days", "до 15 дней", "до 15 днів"),
    (
        Punishment("fine", max=200000, unit="rubles"),
        "up to 200,000 rubles",
        "до 200 000 рублей",
        "до 200 000 рублів",
    ),
    (
        Punishment("fine", min=10000, max=30000, unit="rubles"),
        "10,000 to 30,000 rubles",
        "от 10 000 до 30 000 рублей",
        "від 10 000 до 30 000 рублів",
    ),
    (
        Punishment("deprivation-of-liberty", min=8, unit="years"),
        "at least 8 years",
        "не менее 8 лет",
        "не менше 8 років",
    ),
    (
        Punishment("deprivation-of-liberty", max=1.5, unit="years"),
        "up to 1.5 years",
        "до 1,5 года",
        "до 1,5 року",
    ),
]


@pytest.mark.parametrize(("punishment", "en", "ru", "uk"), TERMS)
def test_format_term(site: SiteData, punishment: Punishment, en: str, ru: str, uk: str) -> None:
    got = [
        format_term(punishment, lang, site.vocabulary).replace(NBSP, " ")
        for lang in ("en", "ru", "uk")
    ]
    assert got == [en, ru, uk]


@pytest.mark.parametrize(
    ("punishment", "lang", "expected"),
    [
        (Punishment("life-imprisonment"), "en", "life imprisonment"),
        (Punishment("life-imprisonment"), "ru", "пожизненное лишение свободы"),
        (Punishment("life-imprisonment"), "uk", "довічне позбавлення волі"),
        (
            Punishment("deprivation-of-liberty", max=7, unit="years"),
            "en",
            "deprivation of liberty for up to 7 years",
        ),
        (
            Punishment("deprivation-of-liberty", max=7, unit="years"),
            "ru",
            "лишение свободы на срок до 7 лет",
        ),
        (
            Punishment("deprivation-of-liberty", max=7, unit="years"),
            "uk",
            "позбавлення волі на строк до 7 років",
        ),
        (
            Punishment("disciplinary-military-unit", max=2, unit="years"),
            "ru",
            "содержание в дисциплинарной воинской части на срок до 2 лет",
        ),
        (
            Punishment("disciplinary-military-unit", max=2, unit="years"),
            "uk",
            "тримання в дисциплінарній військовій частині на строк до 2 років",
        ),
        (
            Punishment("restriction-in-military-service", max=1, unit="years"),
            "ru",
            "ограничение по военной службе на срок до 1 года",
        ),
        (
            Punishment("restriction-in-military-service", max=1, unit="years"),
            "uk",
            "обмеження по військовій службі на строк до 1 року",
        ),
        (Punishment("fine", max=200000, unit="rubles"), "ru", "штраф в размере до 200 000 рублей"),
        (
            Punishment("fine-income", max=18, unit="months"),
            "uk",
            "штраф у розмірі заробітної плати або іншого доходу засудженого "
            "за період до 18 місяців",
        ),
    ],
)
def test_format_punishment(
    site: SiteData, punishment: Punishment, lang: str, expected: str
) -> None:
    assert format_punishment(punishment, lang, site.vocabulary).replace(NBSP, " ") == expected


def test_format_date(site: SiteData) -> None:
    day = date(2022, 9, 24)
    got = [
        format_date(day, lang, site.vocabulary).replace(NBSP, " ") for lang in ("en", "ru", "uk")
    ]
    assert got == ["24 September 2022", "24 сентября 2022 года", "24 вересня 2022 року"]
    assert (
        format_date(date(2023, 3, 1), "uk", site.vocabulary).replace(NBSP, " ")
        == "1 березня 2023 року"
    )


# --------------------------------------------------------------------------
# Statute table


def test_statute_table_en(site: SiteData) -> None:
    html = render_statute(site, "cc-338", None, "en")
    assert_well_formed(html)
    assert html.startswith('<div class="data-table statute-table" lang="en" data-article="cc-338">')
    assert "\n\n" not in html
    assert "<caption>Article 338 of the Russian Criminal Code. Desertion</caption>" in html
    text = text_of(html)
    for phrase in (
        "Part Conduct Circumstances Punishment Introduced or amended by",
        "Deprivation of liberty for up to 7 years",
        "Deprivation of liberty for 3 to 10 years",
        "Deprivation of liberty for 5 to 15 years",
        "Introduced: Federal Law No. 365-FZ (24 September 2022)",
        "Checked against the sources: 20 November 2026.",
    ):
        assert phrase in text
    assert html.count('<tr>') == 4  # header + 3 parts
    assert html.count('<tr class="data-table__special">') == 1  # + 1 special rule


@pytest.mark.parametrize(
    ("lang", "header", "introduced"),
    [
        ("en", "Special rule (to part 3)", "Introduced: Federal Law on electronic summonses "
                                           "(14 April 2023)"),
        ("ru", "Специальная норма (к части 3)", "Введена: Закон об электронных повестках "
                                                "(14 апреля 2023 года)"),
        ("uk", "Спеціальна норма (до частини 3)", "Запроваджена: Закон про електронні повістки "
                                                  "(14 квітня 2023 року)"),
    ],
)
def test_special_rule_stands_under_the_part_it_extends(
    site: SiteData, lang: str, header: str, introduced: str
) -> None:
    html = render_statute(site, "cc-338", None, lang)
    assert_well_formed(html)
    rows = re.findall(r'<th scope="row" data-label="[^"]*">([^<]*)</th>', html)
    assert rows == ["1", "2", "3", header]
    special = html.split('<tr class="data-table__special">')[1].split("</tr>")[0]
    text = text_of(special)
    assert re.search(r"\b10\b.*\b20\b", text)  # the same numbers in every language
    assert introduced in text
    assert "Mediazona" in text_of(html)  # the rule's source joins the article's sources


def test_special_rule_follows_the_selection_of_its_part(site: SiteData) -> None:
    assert "data-table__special" not in render_statute(site, "cc-338", ["1", "2"], "en")
    html = render_statute(site, "cc-338", ["3"], "en")
    assert "data-table__special" in html
    assert "Mediazona" in text_of(html)


@pytest.mark.parametrize(
    ("lang", "caption", "phrases"),
    [
        (
            "ru",
            "Статья 337 УК РФ. Самовольное оставление части или места службы",
            [
                "Ограничение по военной службе на срок до 1 года или арест на срок до 6 месяцев "
                "или содержание в дисциплинарной воинской части на срок до 1 года",
                "Не подтверждено — см. источник",
                "Введена: не подтверждено — см. источник",
                "Освобождение от ответственности (части 1, 4):",
                "Введена: Федеральный закон № 365-ФЗ (24 сентября 2022 года)",
            ],
        ),
        (
            "uk",
            "Стаття 337 КК РФ. Самовільне залишення частини або місця служби",
            [
                "Обмеження по військовій службі на строк до 1 року або арешт на строк до 6 місяців "
                "або тримання в дисциплінарній військовій частині на строк до 1 року",
                "Не підтверджено — див. джерело",
                "Звільнення від відповідальності (частини 1, 4):",
                "Змінена: Федеральний закон № 365-ФЗ (24 вересня 2022 року)",
            ],
        ),
    ],
)
def test_statute_table_translated(
    site: SiteData, lang: str, caption: str, phrases: list[str]
) -> None:
    html = render_statute(site, "cc-337", None, lang)
    assert_well_formed(html)
    assert f"<caption>{caption}</caption>" in html
    text = text_of(html)
    for phrase in phrases:
        assert phrase in text


def test_only_listed_parts_and_their_notes(site: SiteData) -> None:
    html = render_statute(site, "cc-337", ["4", "2.1"], "en")
    rows = re.findall(r'<th scope="row" data-label="Part">([^<]*)</th>', html)
    assert rows == ["2.1", "4"]  # in the order of the code
    text = text_of(html)
    assert "Release from liability (part 4):" in text
    assert "Note: The code counts days as days" in text  # applies to the whole article
    only_first = text_of(render_statute(site, "cc-338", ["1"], "en"))
    assert "365-FZ" not in only_first


def test_unknown_article_or_part(site: SiteData) -> None:
    with pytest.raises(RenderError, match=r"^unknown article 'cc-999'$"):
        render_statute(site, "cc-999", None, "en")
    with pytest.raises(RenderError, match=r"^article 'cc-338' has no part '9'$"):
        render_statute(site, "cc-338", ["1", "9"], "en")
    with pytest.raises(RenderError, match=r"^part '1' is listed twice$"):
        render_statute(site, "cc-338", ["1", "1"], "en")


def test_data_strings_are_escaped(site: SiteData) -> None:
    html = render_statute(site, "cc-337", None, "en")
    assert "Courts &amp; soldiers: how &#34;SOCh&#34; cases end" in html
    acts = render_acts_table(site, "en")
    assert "Decree No. 647 &#34;On announcing partial mobilization&#34;" in acts
    assert "Criminal Code &amp; raised the terms." in acts


def test_markup_that_bypassed_the_loader_is_still_escaped(site: SiteData) -> None:
    article = site.articles["cc-338"]
    evil = dataclasses.replace(
        article, title=Localized(en='<script>alert("x")</script>', ru="<b>", uk="'&'")
    )
    hacked = dataclasses.replace(site, articles={**site.articles, "cc-338": evil})
    html = render_statute(hacked, "cc-338", None, "en")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&#39;&amp;&#39;" in render_statute(hacked, "cc-338", None, "uk")


def test_sources_of_the_table(site: SiteData) -> None:
    html = render_statute(site, "cc-338", None, "en")
    assert html.count("<a href=") == 3  # cc-rf, fz-365-text, mediazona-337 (each once)
    assert 'hreflang="ru"' in html and '<cite lang="ru">' in html
    assert 'lang="ru"' not in render_statute(site, "cc-338", None, "ru").split("<p class")[1]


def test_acts_table_is_in_date_order(site: SiteData) -> None:
    html = render_acts_table(site, "ru")
    assert_well_formed(html)
    dates = re.findall(r'<time datetime="([0-9-]+)">', html)
    assert dates == ["2022-09-21", "2022-09-24", "2023-04-14"]
    assert "21 сентября 2022" in html
    assert text_of(html).startswith("Дата Акт Что изменилось")


# --------------------------------------------------------------------------
# Markers in pages (sitetools/render/markers.py)


def expand(site: SiteData, page: str, lang: str = "en") -> str:
    return expand_markers(
        (FIXTURES / "pages" / page).read_text(encoding="utf-8"),
        site,
        lang,
        source=f"docs/en/{page}",
        path=page,
    )


def test_markers_are_replaced(site: SiteData) -> None:
    out = expand(site, "markers.md", "uk")
    assert "<!-- md:statute cc-338 -->" not in out.split("```")[0]
    assert out.count('<div class="data-table statute-table" lang="uk"') == 2
    assert out.count('<div class="data-figure') == 2
    assert out.count('<div class="data-table acts-table" lang="uk">') == 1
    assert 'id="figure-timeline-title"' in out and 'id="figure-penalty-chart-title"' in out


def test_markers_in_code_are_left_alone(site: SiteData) -> None:
    source = (FIXTURES / "pages" / "markers.md").read_text(encoding="utf-8")
    out = expand(site, "markers.md")
    for kept in (
        "`<!-- md:statute cc-999 -->`",
        "```markdown\n<!-- md:statute cc-999 -->\n<!-- md:figure nothing -->\n```",
        "> ~~~\n> <!-- md:acts extra -->\n> ~~~",
    ):
        assert kept in source and kept in out


def test_expanded_page_survives_markdown(site: SiteData) -> None:
    """The HTML blocks come out of Python-Markdown (with the site's extensions) unchanged."""
    out = expand(site, "markers.md", "ru")
    html = site_markdown(out)
    assert "<p><div" not in html and "</div></p>" not in html and "<p><svg" not in html
    blocks = [
        c.strip("\n") for c in out.split("\n\n") if c.strip("\n").startswith('<div class="data-')
    ]
    assert len(blocks) == 5
    for block in blocks:
        assert block in html
    assert html.count("<table") == out.count("<table")
    assert 'class="footnote"' in html


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            "unknown-article.md",
            "docs/en/unknown-article.md:5: marker '<!-- md:statute cc-999 -->': unknown "
            "article 'cc-999'",
        ),
        (
            "unknown-part.md",
            "docs/en/unknown-part.md:3: marker '<!-- md:statute cc-338 parts=1,9 -->': article "
            "'cc-338' has no part '9'",
        ),
    ],
)
def test_bad_marker_page(site: SiteData, page: str, message: str) -> None:
    with pytest.raises(MarkerError) as info:
        expand(site, page)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "<!-- md:statutes cc-338 -->",
            "unknown marker kind 'statutes' (known: acts, cases, changes, chart, claim, countries, "
            "country, country-cases, fakes, figure, glossary, glossary-notes, organizations, "
            "policy-appeals, policy-asks, release-key, sources, statute, translation-status)",
        ),
        ("<!-- md:figure pie -->", "unknown figure 'pie' (known: penalty-chart, timeline)"),
        (
            "<!-- md:figure timeline articles=cc-338 -->",
            "figure 'timeline' takes no option 'articles'",
        ),
        (
            "<!-- md:figure penalty-chart articles=koap-21.5 -->",
            "article 'koap-21.5' has no prison term to chart",
        ),
        ("<!-- md:figure penalty-chart articles=cc-1 -->", "unknown article 'cc-1'"),
        (
            "<!-- md:statute -->",
            "expected '<!-- md:statute <article-id> -->' or "
            "'<!-- md:statute <article-id> parts=1,2.1 -->'",
        ),
        (
            "<!-- md:statute cc-338 part=1 -->",
            "unexpected 'part=1' (expected '<!-- md:statute <article-id> -->' or "
            "'<!-- md:statute <article-id> parts=1,2.1 -->')",
        ),
        ("<!-- md:acts all -->", "expected '<!-- md:acts -->', '<!-- md:acts kind=treaty,eu-act "
         "-->' or '<!-- md:acts ids=a,b -->'"),
        ("<!-- md:acts ids=nope -->", "unknown act id(s) nope (see data/acts.yml)"),
        ("<!-- md:reviewed -->", "do not use it: the reviewed date is shown automatically"),
        (
            "Text <!-- md:acts --> in a paragraph",
            "a marker must be alone on its line, starting at column 1 or indented with spaces "
            "(to show one, use a fenced code block)",
        ),
        (  # indented with spaces is allowed (inside a box or a list item), with a tab is not
            "\t<!-- md:acts -->",
            "a marker must be alone on its line, starting at column 1 or indented with spaces "
            "(to show one, use a fenced code block)",
        ),
    ],
)
def test_bad_markers(site: SiteData, line: str, problem: str) -> None:
    with pytest.raises(MarkerError) as info:
        expand_markers(f"# Page\n\n{line}\n", site, "en", source="docs/en/page.md")
    marker = re.search(r"<!--.*?-->", line).group(0)
    assert str(info.value) == f"docs/en/page.md:3: marker '{marker}': {problem}"


def test_two_figures_of_one_kind_get_distinct_ids(site: SiteData) -> None:
    page = "<!-- md:figure timeline -->\n\n<!-- md:figure timeline -->\n"
    out = expand_markers(page, site, "en", source="docs/en/x.md")
    ids = re.findall(r' id="([^"]+)"', out)
    assert len(ids) == len(set(ids)) == 4


# --------------------------------------------------------------------------
# The MkDocs events, with stand-ins for the config and the page


def _event_config(root: Path, current_language: str | None) -> SimpleNamespace:
    i18n = SimpleNamespace(current_language=current_language)
    return SimpleNamespace(
        config_file_path=str(root / "mkdocs.yml"),
        docs_dir=str(root / "docs"),
        plugins={"i18n": i18n} if current_language else {},
        use_directory_urls=False,
    )


NO_FILES = SimpleNamespace(get_file_from_path=lambda path: None)  # no "What changed" page


def _event_page(src_uri: str, locale: str | None, content: str) -> SimpleNamespace:
    file = SimpleNamespace(src_uri=src_uri, locale=locale, content_string=content)
    return SimpleNamespace(file=file, meta={"reviewed": "2026-01-01"}, url="x.html")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    fixture_data_dir(root)
    return root


@pytest.mark.parametrize(
    ("current", "locale", "expected"),
    [("uk", "en", "uk"), (None, "ru", "ru"), (None, None, "en")],
)
def test_page_event_renders_in_the_language_being_built(
    project: Path, current: str | None, locale: str | None, expected: str
) -> None:
    """A page missing in uk is built from the English file: its tables are still in uk."""
    config = _event_config(project, current)
    page = _event_page("en/law/x.md", locale, "<!-- md:acts -->")
    out = page_markdown.on_page_markdown("<!-- md:acts -->", page=page, config=config,
                                         files=NO_FILES)
    assert f'<div class="data-table acts-table" lang="{expected}">' in out


def test_page_event_names_the_page_and_its_line_in_errors(project: Path) -> None:
    """The line is the file's, front matter included (MkDocs hands the hook the text below it)."""
    config = _event_config(project, "ru")
    source = "---\nreviewed: 2026-01-01\n---\n\n# X\n\n<!-- md:statute cc-1 -->\n"
    page = _event_page("ru/law/x.md", "ru", source)
    with pytest.raises(PluginError) as info:
        page_markdown.on_page_markdown(
            "# X\n\n<!-- md:statute cc-1 -->\n", page=page, config=config, files=NO_FILES
        )
    assert (
        str(info.value)
        == "docs/ru/law/x.md:7: marker '<!-- md:statute cc-1 -->': unknown article 'cc-1'"
    )


def test_page_event_turns_data_errors_into_plugin_errors(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    page = _event_page("en/x.md", "en", "# X\n")
    with pytest.raises(
        PluginError, match=r"^data/vocabulary.yml: missing \(a required data file\)$"
    ):
        page_markdown.on_page_markdown("# X\n", page=page, config=_event_config(tmp_path, "en"),
                                       files=NO_FILES)
