"""Claims of absence or completeness (issue 15 §3): data/claims.yml, its loader, the
marker <!-- md:claim <id> -->, and make review-due."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import markdown
import pytest

from sitetools.data import SiteData, load_all
from sitetools.render.claims import claim_text, render_claim
from sitetools.render.markers import MarkerError
from sitetools.review import NO_PAGE, due, shown_on

from conftest import FIXTURES, edit, expand, fixture_data_dir, load_error

CLAIMS = FIXTURES / "claims"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteData:
    return load_all(fixture_data_dir(tmp_path_factory.mktemp("claims"), CLAIMS))


# --------------------------------------------------------------------------
# The data


def test_claims_load(site: SiteData) -> None:
    assert list(site.claims) == ["no-case", "no-total"]
    claim = site.claims["no-case"]
    assert claim.checked == date(2026, 12, 6)
    assert claim.searched.text["uk"] == "судові рішення і новини з 2022 року"
    assert claim.sources == ("mediazona-337", "cc-rf")
    assert site.claims["no-total"].sources == ()


def test_the_file_is_optional(tmp_path: Path) -> None:
    assert load_all(fixture_data_dir(tmp_path)).claims == {}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("sources: [mediazona-337, cc-rf]", "sources: [mediazona-337, nowhere]",
         "data/claims.yml: entry 'no-case': field 'sources[1]': unknown source id 'nowhere'"),
        ("Станом на {date}", "Станом на 6 грудня 2026 року",
         "data/claims.yml: entry 'no-case': field 'text.uk': placeholders must be {date} "
         "{searched}, found {searched}"),
        ("we found no total for 2024 in {searched}.", "we found no total for 2024.",
         "data/claims.yml: entry 'no-total': field 'text.en': placeholders must be {date} "
         "{searched}, found {date}"),
        ("{searched} show no case", "{searched} {place} show no case",
         "data/claims.yml: entry 'no-case': field 'text.en': placeholders must be {date} "
         "{searched}, found {date} {place} {searched}"),
        ('      uk: "Станом на {date} підсумкової цифри за 2024 рік ми в {searched} не знайшли."\n',
         "",
         "data/claims.yml: entry 'no-total': field 'text.uk': missing translation"),
        ("checked: 2026-11-22", "checked: 2026-11-31",
         "data/claims.yml: entry 'no-total': field 'checked': '2026-11-31' is not a valid date"),
        ("  no-total:\n    checked: 2026-11-22\n", "  no-total:\n",
         "data/claims.yml: entry 'no-total': field 'checked': missing"),
        ("  no-total:", "  No_Total:",
         "data/claims.yml: entry 'No_Total': not a valid id (lowercase ASCII"),
        ("we found no total for 2024", "we found no total for 2024[^cc-rf]",
         "data/claims.yml: entry 'no-total': field 'text.en': "),
    ],
    ids=["unknown-source", "no-date", "no-searched", "other-placeholder",
         "missing-language", "bad-date", "no-checked", "bad-id", "footnote-in-text"],
)
def test_bad_claims(tmp_path: Path, old: str, new: str, message: str) -> None:
    data = fixture_data_dir(tmp_path, CLAIMS)
    edit(data / "claims.yml", old, new)
    assert load_error(data).startswith(message)


# --------------------------------------------------------------------------
# Rendering


def test_a_claim_in_each_language(site: SiteData) -> None:
    assert claim_text(site, "no-total", "en") == (
        "As of 22 November 2026, we found no total for 2024 in the sources we searched.")
    assert claim_text(site, "no-total", "ru") == (
        "По состоянию на 22 ноября 2026\u00a0года итоговой цифры за 2024 год мы в "
        "просмотренных источниках не нашли.")
    assert claim_text(site, "no-total", "uk") == (
        "Станом на 22 листопада 2026\u00a0року підсумкової цифри за 2024 рік ми в "
        "переглянутих джерелах не знайшли.")
    assert render_claim(site, "no-case", "ru") == (
        "По состоянию на 6 декабря 2026\u00a0года судебные решения и новости с 2022 года не "
        "сообщают ни об одном случае выдачи дезертира.[^mediazona-337][^cc-rf]")
    assert render_claim(site, "no-case", "uk").startswith(
        "Станом на 6 грудня 2026\u00a0року судові рішення і новини з 2022 року")


def test_a_claim_is_escaped_for_markdown_and_html(site: SiteData) -> None:
    out = render_claim(site, "no-case", "en")
    assert out.startswith("As of 6 December 2026, court records and news from 2022 on show")
    assert out.endswith("[^mediazona-337][^cc-rf]")
    html = markdown.markdown(out)
    assert "<em>" not in html and "<a" not in html
    assert "a *deserter* &#91;handed over&#93; &amp; sent back." in html


def test_the_marker(site: SiteData) -> None:
    out = expand("# T\n\nBefore.\n\n<!-- md:claim no-total -->\n\nAfter.\n", site, "uk")
    assert "\n\nСтаном на 22 листопада 2026\u00a0року підсумкової" in out
    assert "<!--" not in out


def test_an_unknown_claim_lists_the_known_ones(site: SiteData) -> None:
    with pytest.raises(MarkerError) as info:
        expand("# T\n\n<!-- md:claim nope -->\n", site, source="docs/en/x.md")
    assert str(info.value) == (
        "docs/en/x.md:3: marker '<!-- md:claim nope -->': unknown claim 'nope' "
        "(known: no-case, no-total)")
    with pytest.raises(MarkerError, match="expected '<!-- md:claim <claim-id> -->'"):
        expand("# T\n\n<!-- md:claim -->\n", site)


def test_an_indented_marker_renders_inside_its_box(site: SiteData) -> None:
    page = "# T\n\n!!! warning\n    <!-- md:claim no-total -->\n\n    Ask a lawyer.\n\nOutside.\n"
    html = markdown.markdown(expand(page, site, "en"), extensions=["admonition"])
    box = html[html.index('<div class="admonition warning">'):html.index("</div>")]
    assert "As of 22 November 2026, we found no total" in box
    assert "Ask a lawyer." in box
    assert "Outside." not in box


def test_every_line_of_an_indented_marker_block_is_indented(site: SiteData) -> None:
    page = "# T\n\n- An item.\n\n    <!-- md:acts ids=fz-365-2022 -->\n\nAfter.\n"
    out = expand(page, site, "en")
    block = out[out.index("- An item.") + len("- An item."):out.index("After.")]
    lines = [line for line in block.split("\n") if line.strip()]
    assert len(lines) > 3
    assert all(line.startswith("    ") for line in lines)


def test_an_indented_marker_outside_a_box_or_list_fails_naming_the_line(site: SiteData) -> None:
    # an indented line after a paragraph is a code block: the claim would show as raw text
    with pytest.raises(MarkerError) as info:
        expand("# T\n\nA paragraph.\n\n    <!-- md:claim no-total -->\n", site,
               source="docs/ru/x.md")
    assert str(info.value) == (
        "docs/ru/x.md:5: marker '<!-- md:claim no-total -->': an indented marker must stand "
        "inside a box (!!! …) or a list item; an indented line on its own is a code block "
        "(start it at column 1)")
    # inside a box, after a line of the box, and in a list item after a blank line: fine
    for page in ("!!! tip\n    Text.\n\n    <!-- md:claim no-total -->\n",
                 "1. An item.\n\n    <!-- md:claim no-total -->\n"):
        assert "we found no total" in expand(page, site, "en")


# --------------------------------------------------------------------------
# make review-due


def test_review_lists_a_claim_under_the_pages_that_show_it(site: SiteData,
                                                          tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "en" / "law").mkdir(parents=True)
    (docs / "en" / "law" / "x.md").write_text(
        "---\ntitle: X\nreviewed: 2026-12-01\n---\n# X\n\n!!! note\n"
        "    <!-- md:claim no-case -->\n", encoding="utf-8")
    assert shown_on(docs, site)[("claim", "no-case")] == ["law/x.md"]
    found = due(docs, site, today=date(2027, 7, 1), days=180)
    assert "data/claims.yml: no-case" in [i.what for i in found["law/x.md"]]
    assert "data/claims.yml: no-total" in [i.what for i in found[NO_PAGE]]
    assert [i.checked for i in found[NO_PAGE] if i.what == "data/claims.yml: no-total"] == [
        date(2026, 11, 22)]
