"""Accessibility (axe-core) and narrow phones (360 px) in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

LANG_PREFIX = {"en": "", "ru": "ru/", "uk": "uk/"}
# One page of each template: home, section index, a content page (tables,
# footnotes), the generated-data pages, and the two standalone pages.
TEMPLATES = ["index.html", "law/index.html", "law/military-crimes.html",
             "situations/left-unit.html", "glossary.html", "sources.html",
             "countries/index.html", "countries/armenia.html", "figures/index.html",
             "eu-policy/index.html", "help/index.html", "about/translation-status.html"]


def all_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.name not in ("404.html", "neutral.html"))


@pytest.fixture(scope="module", params=[True, False], ids=["js", "no-js"])
def phone(browser, request):
    """A 360 px phone, with JavaScript and without (Tor Browser "Safest")."""
    context = browser.new_context(viewport={"width": 360, "height": 740},
                                  device_scale_factor=2, is_mobile=True, has_touch=True,
                                  java_script_enabled=request.param)
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


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_axe_finds_no_serious_or_critical_violation(browser, offline_site: Path,
                                                     lang: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context()
    page = context.new_page()
    problems = []
    pages = [LANG_PREFIX[lang] + t for t in TEMPLATES] + (["404.html", "neutral.html"]
                                                           if lang == "en" else [])
    for rel in pages:
        page.goto((offline_site / rel).as_uri())
        results = axe.run(page)
        for v in results.response["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"]][:3]
                problems.append(f"{rel}: {v['id']} ({v['impact']}): {v['help']} {targets}")
    context.close()
    assert not problems, "\n".join(problems)


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
