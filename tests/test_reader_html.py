"""What readers see, read from the built HTML (no browser): box titles in the page's
language, ids that ARIA attributes point at, the search index, the printed address."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitetools.data import load_all

from conftest import LANGS, ROOT

pytestmark = [pytest.mark.build]

VOCABULARY = load_all(ROOT / "data").vocabulary
_BOX_TITLE = re.compile(r'<div class="admonition ([\w-]+)[^"]*">\s*<p class="admonition-title">'
                        r"([^<]*)</p>")


def pages(site: Path, lang: str) -> list[Path]:
    root = site if lang == "en" else site / lang
    return [p for p in sorted(root.rglob("*.html"))
            if p.name not in ("404.html", "neutral.html")
            and (lang != "en" or p.relative_to(site).parts[0] not in LANGS)]


@pytest.mark.parametrize("lang", LANGS)
def test_box_titles_are_in_the_page_language(offline_site: Path, lang: str) -> None:
    titles = VOCABULARY.words["admonitions"]
    english = {t["en"] for t in titles.values()}
    seen, wrong = 0, []
    for page in pages(offline_site, lang):
        for kind, title in _BOX_TITLE.findall(page.read_text(encoding="utf-8")):
            seen += 1
            if lang != "en" and title in english:
                wrong.append(f"{page.relative_to(offline_site)}: {kind} box titled {title!r}")
    assert seen > 50  # the site has boxes in every language
    assert not wrong, "\n".join(wrong[:20])
    # a box without a title of its own has its kind's title in this language
    text = (offline_site / ("" if lang == "en" else lang) / "help/index.html").read_text(
        encoding="utf-8")
    assert f'<p class="admonition-title">{titles["warning"][lang]}</p>' in text or \
        f'<p class="admonition-title">{titles["danger"][lang]}</p>' in text


def test_aria_attributes_point_at_ids_that_exist(offline_site: Path) -> None:
    # the phone menu of one-page sections was labelled by "__nav_6_label", which no
    # element had (axe: aria-valid-attr-value, critical)
    missing = []
    for page in sorted(offline_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        for attr, value in re.findall(r'\s(aria-(?:labelledby|describedby|controls))="([^"]*)"',
                                      html):
            missing += [f"{page.relative_to(offline_site)}: {attr}={ref}"
                        for ref in value.split() if ref not in ids]
    assert not missing, "\n".join(missing[:20])


def test_translation_status_page_is_not_in_readers_search(offline_site: Path) -> None:
    for lang in LANGS:
        text = (offline_site / "search" / f"search_index.{lang}.js").read_text(
            encoding="utf-8")
        index = json.loads(re.search(r'\["' + lang + r'"\]=(\{.*\})', text, re.S).group(1))
        locations = [d["location"] for d in index["docs"]]
        assert any("about/mirrors.html" in loc for loc in locations), lang
        assert not [loc for loc in locations if "translation-status" in loc], lang


def test_every_page_carries_its_address_for_print(offline_site: Path,
                                                  online_site: Path) -> None:
    # offline: the page's path in the guide (page-links.js shows the http(s) address)
    text = (offline_site / "ru/law/military-crimes.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="page-address">Военная служба и закон: справочник · '
                     r'Адрес этой страницы:\s*<span data-page-address>'
                     r"ru/law/military-crimes.html</span></p>", text)
    online = (online_site / "uk/law/military-crimes.html").read_text(encoding="utf-8")
    assert ("<span data-page-address>https://guide.example.org/uk/law/military-crimes.html"
            "</span>") in online


def test_the_quick_exit_page_is_neutral_in_each_language(offline_site: Path) -> None:
    # it said "Notes" in English to Russian and Ukrainian readers
    for lang in LANGS:
        page = offline_site / ("" if lang == "en" else lang) / "neutral.html"
        text = page.read_text(encoding="utf-8")
        title = VOCABULARY.words["neutral"]["title"][lang]
        assert f'<html lang="{lang}">' in text and f"<title>{title}</title>" in text, lang
        main = (offline_site / ("" if lang == "en" else lang) / "index.html").read_text(
            encoding="utf-8")
        assert 'class="quick-exit" href="neutral.html"' in main, lang
