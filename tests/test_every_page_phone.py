"""Every page on a 360 px phone, over HTTP from nginx serving the build with the mirror
kit's nginx example (tests/every_page.py, tests/nginx_mirror.py): console, network and
the kit's Content-Security-Policy, width, axe-core with the menu closed and open, the
menu's first panel, the quick exit, the boxes; and the tables' semantics."""

from __future__ import annotations

from pathlib import Path

import pytest
from nginx_mirror import NginxMirror, kit_conf

from every_page import PHONE, check_every_page, report

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="module")
def findings(offline_site: Path, shell_path: str) -> dict[str, list[str]]:
    server = NginxMirror(offline_site, kit_conf(offline_site))
    try:
        with server.serving() as url:
            return check_every_page(offline_site, url, shell_path, "phone")
    finally:
        server.remove()


def test_every_page_loads_over_http_without_console_errors_or_failed_requests(
        findings) -> None:
    # Material's language switch asked for sitemap.xml next to each language's page: 3
    # requests a page view that fail on a mirror; a violation of the kit's policy (sent by
    # nginx as a header, stricter than the page's own) counts too
    assert not findings.get("console"), report(findings, "console")
    assert not findings.get("headers"), report(findings, "headers")


def test_axe_finds_nothing_serious_on_a_phone_menu_closed_or_open(findings) -> None:
    assert not any(findings.get(k) for k in ("axe", "axe menu")), \
        report(findings, "axe", "axe menu")


def test_no_page_is_wider_than_a_phone(findings) -> None:
    # tables are cards on phones: none is wider than the screen
    assert not findings.get("width"), report(findings, "width")


def test_the_phone_menu_opens_on_something_to_tap(findings) -> None:
    # Facts and figures and EU policy (one-page sections) opened an empty panel
    assert not findings.get("menu"), report(findings, "menu")


def test_quick_exit_is_one_tap_away_and_covers_no_text_on_a_phone(findings) -> None:
    assert not findings.get("quick exit"), report(findings, "quick exit")


def test_boxes_are_set_at_the_size_of_the_text_on_a_phone(findings) -> None:
    # 12.8 px against 14 px: the most important advice was the hardest to read
    assert not findings.get("boxes"), report(findings, "boxes")


def test_tables_as_cards_keep_their_table_semantics(browser, offline_site: Path) -> None:
    """On a phone a table is shown as cards (display: block): screen readers still get
    a table, its rows and cells (Chromium keeps them without ARIA roles)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto((offline_site / "ru/law/military-crimes.html").as_uri())
    table = page.locator(".data-table table").first
    assert table.evaluate("t => getComputedStyle(t).display") == "block"
    tree = table.aria_snapshot()
    context.close()
    assert tree.startswith("- table")
    assert "- row " in tree and "- cell " in tree and "- rowheader " in tree
