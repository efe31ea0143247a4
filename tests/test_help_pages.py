"""Help, glossary and sources pages, glossary tooltips and the citation check
(sitetools/render/help.py, their markers, the organizations and glossary data)."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from sitetools import LANGUAGES
from sitetools.data import DataError, load_all
from sitetools.postbuild.citations import citation_report, data_citations, page_citations
from sitetools.render.help import (
    abbreviations,
    render_fakes,
    render_glossary,
    render_glossary_notes,
    render_organizations,
    render_sources,
)
from sitetools.render.markers import MarkerError

from conftest import ROOT, build_site, expand, site_markdown, small_site

DATA = ROOT / "data"
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def site():
    return load_all(DATA)


def _site_of(url: str) -> str:
    host = re.sub(r"^https?://", "", url).split("/")[0].lower()
    return ".".join(host.split(".")[-2:])


# --------------------------------------------------------------------------
# The data


def test_organizations_and_glossary_are_loaded_as_typed_rows(site) -> None:
    assert "ovd-info" in site.organizations
    org = site.organizations["ovd-info"]
    assert org.name["ru"] == "ОВД-Инфо"
    assert org.channels and org.channels[0].checked.year >= 2026
    assert site.contact_safety.advice and site.contact_safety.cases
    assert "desertion" in site.glossary
    assert site.glossary["desertion"].tooltip["en"] == ("desertion",)


def test_every_channel_was_seen_on_the_organizations_own_website(site) -> None:
    """The rule that keeps clone handles off the site: seen_on is the org's own site."""
    for org in site.organizations.values():
        for channel in org.channels:
            assert org.website, org.id
            assert _site_of(channel.seen_on) == _site_of(org.website), (org.id, channel.value)


def test_the_surrender_programme_lists_no_contact_and_warns(site) -> None:
    org = site.organizations["i-want-to-live"]
    assert org.kind == "state-programme"
    assert not org.channels and org.website is None
    warning = " ".join(w["en"] for w in org.warnings)
    assert "352.1" in warning and "treason" in warning


def test_networks_say_they_are_not_help_lines(site) -> None:
    for org_id in ("ebco", "wri"):
        org = site.organizations[org_id]
        assert org.kind == "network" and org.help == ("advocacy",)


def _data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("incoming"))
    return data


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unknown_source_id_in_organizations_is_a_one_line_error(tmp_path: Path) -> None:
    data = _data_dir(tmp_path)
    _edit(data / "organizations.yml", "sources: [ovdinfo-2023-06-report]",
          "sources: [no-such-source]")
    with pytest.raises(DataError) as info:
        load_all(data)
    assert str(info.value) == (
        "data/organizations.yml: entry 'ovd-info': field 'sources[0]': "
        "unknown source id 'no-such-source'"
    )


def test_an_unknown_source_id_in_a_fake_case_is_an_error(tmp_path: Path) -> None:
    data = _data_dir(tmp_path)
    _edit(data / "organizations.yml", "sources: [tagilnews-2025-12-01-fsb-bot]",
          "sources: [nope]")
    with pytest.raises(DataError, match="entry 'fsb-sting-chatbot': field 'sources\\[0\\]'"):
        load_all(data)


def test_glossary_related_ids_and_tooltip_forms_are_checked(tmp_path: Path) -> None:
    data = _data_dir(tmp_path)
    _edit(data / "glossary.yml", "related: [unauthorized-abandonment]", "related: [nope]")
    with pytest.raises(DataError, match="entry 'desertion': field 'related\\[0\\]': unknown"):
        load_all(data)
    data = _data_dir(tmp_path / "2")
    _edit(data / "glossary.yml", "      en: [suspended sentence]", "      en: [desertion]")
    with pytest.raises(DataError, match="tooltip form 'desertion' is also a tooltip of"):
        load_all(data)


def test_a_tooltip_form_may_not_carry_markup(tmp_path: Path) -> None:
    data = _data_dir(tmp_path)
    _edit(data / "glossary.yml", "      en: [desertion]", "      en: ['desertion]']")
    with pytest.raises(DataError, match="tooltip.en\\[0\\]"):
        load_all(data)


# --------------------------------------------------------------------------
# Organizations and fakes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_organization_is_rendered_with_its_facts(site, lang: str) -> None:
    html = render_organizations(site, lang)
    for org in site.organizations.values():
        assert f'id="org-{org.id}"' in html
        assert org.name[lang].replace('"', "&#34;").replace("'", "&#39;") in html
        for channel in org.channels:
            assert channel.value in html
            assert channel.seen_on in html
    assert html.count('class="admonition danger"') == len(
        site.organizations["i-want-to-live"].warnings
    )


def test_every_contact_has_the_fake_check_and_links_to_existing_cases(site) -> None:
    cards = render_organizations(site, "en")
    fakes = render_fakes(site, "en")
    with_website = [o for o in site.organizations.values() if o.website]
    assert cards.count("help-org__check") == len(with_website)
    targets = set(re.findall(r'href="#(fake-[a-z0-9-]+)"', cards))
    anchors = set(re.findall(r'id="(fake-[a-z0-9-]+)"', fakes))
    assert targets and targets == anchors
    for case in site.contact_safety.cases:
        for source_id in case.sources:
            url = site.sources[source_id].url
            assert url is None or url in fakes


def test_a_website_seen_only_on_a_third_party_page_is_flagged(site) -> None:
    # No organization in the data has such a website any more (Get Lost's
    # Wikipedia-sourced address was removed): give it one here.
    org = replace(
        site.organizations["idite-lesom"],
        website="https://example.org/",
        website_seen_on="https://en.wikipedia.org/wiki/Example",
    )
    orgs = dict(site.organizations, **{"idite-lesom": org})
    site = replace(site, organizations=MappingProxyType(orgs))
    html = render_organizations(site, "en", ["ngo"])
    card = html.split('id="org-idite-lesom"')[1].split("</section>")[0]
    assert "address taken from a third-party page" in card
    ovd = html.split('id="org-ovd-info"')[1].split("</section>")[0]
    assert "third-party" not in ovd


def test_data_cannot_inject_markup(site) -> None:
    org = site.organizations["ovd-info"]
    evil = replace(org, name=replace(org.name, en='<script>alert(1)</script>'),
                   services=replace(org.services, en='"><img src=x onerror=alert(1)>'))
    evil_site = replace(site, organizations=MappingProxyType({"ovd-info": evil}))
    html = render_organizations(evil_site, "en")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_kinds_select_organizations(site) -> None:
    html = render_organizations(site, "en", ["state-programme"])
    assert html.count("<section") == 1 and 'id="org-i-want-to-live"' in html


# --------------------------------------------------------------------------
# Markers


PAGE = """# Help {#top}

## Fakes {#fakes}

<!-- md:fakes -->

## Organizations {#organizations}

<!-- md:organizations kind=ngo,network -->

<!-- md:organizations kind=state-programme -->

<!-- md:statute cc-338 -->

```
<!-- md:organizations -->
```
"""


def test_markers_are_replaced_and_others_left_alone(site) -> None:
    out = expand(PAGE, site, "ru", source="docs/ru/help/index.md")
    assert "<!-- md:fakes -->" not in out
    assert '<div class="data-table statute-table"' in out  # one registry: every kind
    assert "```\n<!-- md:organizations -->\n```" in out
    assert 'lang="ru"' in out and "ОВД-Инфо" in out


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("<!-- md:organizations kind=ngo -->\n\n<!-- md:fakes -->\n",
         "organizations of kind network, state-programme are not rendered"),
        ("<!-- md:organizations -->\n", "must also have '<!-- md:fakes -->'"),
        ("<!-- md:fakes -->\n\n<!-- md:organizations -->\n\n<!-- md:organizations kind=ngo -->\n",
         "p.md:5: marker '<!-- md:organizations kind=ngo -->': organizations of kind ngo "
         "already rendered"),
        ("<!-- md:organizations kind=charity -->\n", "unknown organization kind 'charity'"),
        ("<!-- md:organizations ngo -->\n", "unexpected 'ngo'"),
        ("<!-- md:glossary x=1 -->\n", "expected '<!-- md:glossary -->' without arguments"),
        ("<!-- md:sources group=courts -->\n", "are not rendered: add '<!-- md:sources group="),
        ("<!-- md:sources group=nope -->\n", "unknown source group 'nope'"),
    ],
)
def test_marker_errors_name_the_page_and_problem(site, page: str, message: str) -> None:
    with pytest.raises(MarkerError) as info:
        expand(page, site, "en", source="p.md")
    assert message in str(info.value)
    assert str(info.value).startswith("p.md")


def test_the_real_pages_expand(site) -> None:
    for lang in LANGUAGES:
        for page in ("help/index.md", "glossary.md", "sources.md"):
            text = (DOCS / lang / page).read_text(encoding="utf-8")
            out = expand(text, site, lang, source=f"docs/{lang}/{page}", path=page)
            assert "<!-- md:organizations" not in out and "<!-- md:sources" not in out


# --------------------------------------------------------------------------
# Glossary and tooltips


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_lists_every_term_in_alphabetical_order(site, lang: str) -> None:
    html = render_glossary(site, lang)
    ids = re.findall(r'<dt id="term-([a-z0-9.-]+)">', html)
    assert sorted(ids) == sorted(site.glossary)
    shown = [site.glossary[i].term[lang] for i in ids]
    folded = [s.translate(str.maketrans("ёЁ«»\"'", "еЕ    ")).replace(" ", "").casefold()
              for s in shown]
    assert folded == sorted(folded)
    for code in LANGUAGES:
        assert f'lang="{code}"' in html
    assert "help-glossary__avoid" not in html  # notes for translators: not for readers
    for word in ("unconfirmed", "avoid"):
        assert site.vocabulary.words["help"][word][lang] not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translators_notes_are_on_their_own_block(site, lang: str) -> None:
    html = render_glossary_notes(site, lang, page_path="about/translation-status.md")
    for term in site.glossary.values():
        if term.unconfirmed or any(term.avoid.values()):
            assert f'href="../glossary.html#term-{term.id}"' in html
        for variant in term.avoid.get(lang, ()):
            assert variant.replace("*", "…") in html


def test_abbreviation_lines_cover_exactly_the_tooltip_forms(site) -> None:
    for lang in LANGUAGES:
        lines = abbreviations(site, lang).splitlines()
        forms = [f for t in site.glossary.values() for f in t.tooltip[lang]]
        assert [re.match(r"^\*\[(.+?)\]: ", line).group(1) for line in lines] == forms
        assert 4 <= len(forms) <= 25  # a small set of key terms
        assert all("\n" not in line and "<" not in line for line in lines)


def _render(md_text: str) -> str:
    return site_markdown(md_text)


def test_tooltips_keep_headings_links_and_code_intact(site) -> None:
    source = (
        "## Unauthorized abandonment or desertion? {#awol-or-desertion}\n\n"
        "See [desertion](../law/military-crimes.md) and `desertion` in code.\n\n"
        "Desertion at the start of a sentence stays as it is; desertions too.\n\n"
        "!!! warning\n    During martial law, desertion carries more.[^x]\n\n"
        "[^x]: A note.\n\n" + abbreviations(site, "en") + "\n"
    )
    html = _render(source)
    assert '<h2 id="awol-or-desertion">' in html
    assert "{#" not in html and "*[" not in html
    assert '<a href="../law/military-crimes.md"><abbr title=' in html
    assert "<code>desertion</code>" in html
    assert "Desertion at the start" in html and "desertions too" in html
    assert '<abbr title="A special legal regime' in html  # martial law, in an admonition
    assert html.count("<abbr") == 4


def test_tooltips_in_russian_and_ukrainian(site) -> None:
    ru = _render("В период военного положения СОЧ наказывается строже.\n\n"
                 + abbreviations(site, "ru"))
    assert ru.count("<abbr") == 2
    uk = _render("Під час воєнного стану СЗЧ карається суворіше.\n\n" + abbreviations(site, "uk"))
    assert uk.count("<abbr") == 2


def test_source_pages_never_contain_abbreviation_definitions() -> None:
    """The hook adds them at build time; the translation check reads the sources."""
    for path in DOCS.rglob("*.md"):
        assert not re.search(r"^\*\[", path.read_text(encoding="utf-8"), re.M), path


# --------------------------------------------------------------------------
# Sources


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_source_appears_once_on_the_sources_page(site, lang: str) -> None:
    text = (DOCS / lang / "sources.md").read_text(encoding="utf-8")
    html = expand(text, site, lang, source=f"docs/{lang}/sources.md", path="sources.md")
    ids = re.findall(r'<li id="source-([^"]+)"', html)
    assert sorted(ids) == sorted(site.sources)


def test_all_groups_at_once_get_headings(site) -> None:
    html = render_sources(site, "uk")
    groups = re.findall(r'<h2 id="group-([a-z-]+)">', html)
    assert set(groups) == {s.group for s in site.sources.values()}
    source = next(iter(site.sources.values()))
    assert f'id="source-{source.id}"' in html


# --------------------------------------------------------------------------
# Citations


def test_every_cited_source_exists(site) -> None:
    report = citation_report(DOCS, DATA, site)
    assert not report.unknown, report.unknown


def test_every_source_is_cited_somewhere(site) -> None:
    report = citation_report(DOCS, DATA, site)
    assert not report.uncited, f"not cited by any page or data file: {report.uncited}"


def test_citation_report_finds_unknown_and_uncited(site, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    first, second, *_ = site.sources
    (docs / "en" / "a.md").write_text(
        f"# A\n\nText.[^{first}][^ghost]\n\n```\n[^in-code]\n```\n", encoding="utf-8"
    )
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.yml").write_text(
        f"items:\n  - id: one\n    sources: [{second}, phantom]\n"
        "    labels:\n      sources: {en: Sources}\n",
        encoding="utf-8",
    )
    report = citation_report(docs, data, site)
    assert report.unknown == (("docs/en/a.md", "ghost"), ("data/x.yml: one", "phantom"))
    assert first not in report.uncited and second not in report.uncited
    assert len(report.uncited) == len(site.sources) - 2
    assert page_citations(docs) == {"docs/en/a.md": [first, "ghost"]}
    assert data_citations(data) == {"data/x.yml: one": [second, "phantom"]}


# --------------------------------------------------------------------------
# The built site


@pytest.mark.build
def test_built_help_pages(offline_site: Path) -> None:
    for prefix, exit_word in (("", "Exit"), ("ru/", "выход"), ("uk/", "вихід")):
        page = (offline_site / f"{prefix}help/index.html").read_text(encoding="utf-8")
        assert 'id="org-ovd-info"' in page and 'id="fake-legion-phishing-sites"' in page
        assert "<!-- md:" not in page
        reading = (offline_site / f"{prefix}help/reading-safely.html").read_text(encoding="utf-8")
        assert exit_word in reading
        glossary = (offline_site / f"{prefix}glossary.html").read_text(encoding="utf-8")
        assert 'id="term-desertion"' in glossary
        status = (offline_site / f"{prefix}about/translation-status.html").read_text(
            encoding="utf-8")
        assert "<!-- md:translation-status -->" not in status
    military = (offline_site / "law/military-crimes.html").read_text(encoding="utf-8")
    assert "<abbr title=" in military
    for path in offline_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "*[" not in text or "<pre" in text, f"{path}: an abbreviation line leaked"


@pytest.mark.build
def test_an_uncited_source_fails_the_strict_build(tmp_path: Path) -> None:
    project = small_site(tmp_path / "project")
    with (project / "data" / "sources.yml").open("a", encoding="utf-8") as sources:
        sources.write(
            "  - id: nobody-cites-this\n    publisher: X\n    title: Y\n"
            "    accessed: 2026-11-20\n    language: en\n    kind: secondary\n    group: media\n"
        )
    proc = build_site(tmp_path / "site", project=project, check=False)
    assert proc.returncode != 0
    assert "not cited by any page or data file: nobody-cites-this" in proc.stderr
