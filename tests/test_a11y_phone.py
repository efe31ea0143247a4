"""Narrow phones (360 px) without JavaScript, and the keyboard.

axe-core on every page at phone and desktop width, and the width of every page at 360 px
with JavaScript, are in tests/every_page.py."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

def all_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.name not in ("404.html", "neutral.html"))


@pytest.fixture(scope="module")
def phone(browser):
    """A 360 px phone without JavaScript (Tor Browser "Safest")."""
    context = browser.new_context(viewport={"width": 360, "height": 740},
                                  device_scale_factor=1, is_mobile=True, has_touch=True,
                                  java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_no_page_is_wider_than_a_360px_phone(phone, offline_site: Path) -> None:
    # without JavaScript Material does not wrap tables in its scrolling box,
    # and the header's closed language list is still laid out: both must stay
    # inside the screen
    too_wide = []
    for rel in all_pages(offline_site):
        phone.goto((offline_site / rel).as_uri())
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide.append(f"{rel}: {width}px")
    assert not too_wide, "pages wider than the viewport:\n" + "\n".join(too_wide)


def test_keyboard_reaches_quick_exit_language_links_and_navigation(browser,
                                                                   offline_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((offline_site / "ru/law/index.html").as_uri())
    reached = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement;
            return [e.className || '', e.getAttribute('hreflang') || '',
                    (e.closest('.md-nav') ? 'nav' : '')]; }""")
        if "quick-exit" in info[0]:
            reached.add("exit")
        if info[1]:
            reached.add("lang")
        if info[2]:
            reached.add("nav")
    context.close()
    assert reached == {"exit", "lang", "nav"}, reached
