"""Every page at desktop width, opened from ``file://`` (tests/every_page.py): console
and network, axe-core, footnote numbers, the quick exit, the boxes, the A4 print layout;
and one page printed to PDF by Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGS
from every_page import check_every_page, report, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="module")
def findings(offline_site: Path, mirror: str, shell_path: str) -> dict[str, list[str]]:
    return check_every_page(offline_site, mirror, shell_path, "desktop")


def test_every_page_loads_from_a_file_without_console_errors_or_failed_requests(
        findings) -> None:
    # Material's language switch asked for sitemap.xml next to each language's page: 3
    # failed requests and CORS errors a page view; CSP violations count too
    assert not findings.get("console"), report(findings, "console")


def test_axe_finds_nothing_serious_at_desktop_width(findings) -> None:
    assert not findings.get("axe"), report(findings, "axe")


def test_printed_pages_fit_a4_and_show_no_controls_but_address_and_date(findings) -> None:
    # the last column of a table was cut off; the quick exit and language links printed
    assert not findings.get("print"), report(findings, "print")


def test_footnote_numbers_are_separated_only_from_each_other(findings) -> None:
    # «формирований».,² : a CSS comma before every footnote that followed another one
    assert not findings.get("footnotes"), report(findings, "footnotes")


def test_quick_exit_covers_no_text_on_a_desktop(findings) -> None:
    assert not findings.get("quick exit"), report(findings, "quick exit")


def test_boxes_are_set_at_the_size_of_the_text_on_a_desktop(findings) -> None:
    assert not findings.get("boxes"), report(findings, "boxes")


def test_the_checks_cover_every_language_and_the_standalone_pages(offline_site: Path) -> None:
    pages = site_pages(offline_site)
    assert "404.html" in pages
    for lang in LANGS:
        prefix = "" if lang == "en" else f"{lang}/"
        assert f"{prefix}index.html" in pages and f"{prefix}neutral.html" in pages


def test_a_page_printed_to_a4_by_chromium(browser, mirror: str, tmp_path: Path) -> None:
    """ru/law/military-crimes printed to PDF from a mirror: its last table column was cut
    off, the quick exit printed on 15 of 20 pages, the language links printed."""
    from pypdf import PdfReader

    context = browser.new_context()
    page = context.new_page()
    page.goto(mirror + "ru/law/military-crimes.html")
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    context.close()
    reader = PdfReader(pdf)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert len(reader.pages) > 5
    for sheet in reader.pages:  # A4 portrait, in points
        assert (round(float(sheet.mediabox.width)), round(float(sheet.mediabox.height))) == \
            (595, 842)
    assert "Быстрый выход" not in text and "Українська" not in text
    # over http(s) the address the page was opened at
    assert f"Адрес этой страницы: {mirror}ru/law/military-crimes.html" in text
    assert "Проверено " in text  # the reviewed date
    assert "Кем введена или изменена" in text  # the last column of the statute tables
