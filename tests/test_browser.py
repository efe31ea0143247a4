"""The built site in a real browser (Debian's Chromium via Playwright).

Run from file:// (an unpacked offline copy) and from a mirror that serves the
site under a sub-path. Every request the pages make is recorded: none may
leave the local copy. Every page's Content-Security-Policy is enforced: what
the site does itself (search, quick exit, language links) must not break it,
and a script injected into a page must be blocked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import serving

pytestmark = [pytest.mark.browser, pytest.mark.build]

SEARCHES = {  # language -> (query, page the results must include)
    "en": ("glossary", "glossary.html"),
    "ru": ("словарь", "ru/glossary.html"),
    "uk": ("словник", "uk/glossary.html"),
}


class Tab:
    """A page plus the requests it made."""

    def __init__(self, context, base: str) -> None:
        self.base = base
        self.requests: list[str] = []
        self.violations: list[str] = []  # Content-Security-Policy, any frame
        context.on("request", lambda r: self.requests.append(r.url))
        self.page = context.new_page()
        self.page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(message.text[:300])

    def goto(self, rel: str):
        return self.page.goto(self.base + rel)

    def outside_requests(self) -> list[str]:
        origin = urlsplit(self.base)
        bad = []
        for url in self.requests:
            u = urlsplit(url)
            if u.scheme in ("data", "blob", "about"):
                continue
            if u.scheme == "file" and origin.scheme == "file":
                continue
            if (u.scheme, u.netloc) == (origin.scheme, origin.netloc):
                continue
            bad.append(url)
        return bad


@pytest.fixture(params=["file", "mirror"])
def tab(request, browser, offline_site: Path) -> Iterator[Tab]:
    base = (offline_site.as_uri() + "/") if request.param == "file" else \
        request.getfixturevalue("mirror")
    context = browser.new_context()
    t = Tab(context, base)
    yield t
    context.close()
    assert not t.outside_requests(), f"requests left the site: {t.outside_requests()}"
    assert not t.violations, f"Content-Security-Policy violations: {t.violations}"


def test_navigation_reaches_a_section(tab: Tab) -> None:
    tab.goto("index.html")
    tab.page.locator('.md-nav a[href$="law/index.html"]').first.click()
    tab.page.wait_for_url("**/law/index.html")
    assert tab.page.locator("h1").first.inner_text().strip().startswith("The law")


@pytest.mark.parametrize(("start", "lang", "expected"), [
    ("law/index.html", "ru", "ru/law/index.html"),
    ("ru/law/index.html", "uk", "uk/law/index.html"),
    ("uk/law/index.html", "en", "law/index.html"),
])
def test_language_links_land_on_the_same_page(tab: Tab, start: str, lang: str,
                                              expected: str) -> None:
    tab.goto(start)
    tab.page.locator(f'.page-languages a[hreflang="{lang}"]').click()
    tab.page.wait_for_url(tab.base + expected)
    assert tab.page.locator("html").get_attribute("lang") == lang


def test_theme_language_selector_lands_on_the_same_page(tab: Tab) -> None:
    tab.goto("law/index.html")
    tab.page.locator('.md-header .md-select__link[hreflang="uk"]').dispatch_event("click")
    tab.page.wait_for_url(tab.base + "uk/law/index.html")


@pytest.mark.parametrize("switch", [".page-languages", ".md-header .md-select__list"])
def test_switching_language_keeps_the_place_on_the_page(tab: Tab, switch: str) -> None:
    def at_section() -> bool:  # the page opened at the section, not at its top
        return tab.page.evaluate("window.scrollY > 1000 && Math.abs(document.getElementById("
                                 "'art-338').getBoundingClientRect().top) < 200")

    # the #anchor of the address, where there is one
    tab.goto("ru/law/military-crimes.html#art-338")
    tab.page.locator(f'{switch} a[hreflang="uk"]').dispatch_event("click")
    tab.page.wait_for_url(tab.base + "uk/law/military-crimes.html#art-338")
    tab.page.wait_for_load_state()
    assert at_section()
    # else the section being read (a reader who scrolled down a 27,000 px page)
    tab.page.evaluate("history.replaceState(null, '', location.pathname);"
                      "window.scrollBy(0, document.getElementById('art-338')"
                      ".getBoundingClientRect().top + 300)")
    tab.page.locator(f'{switch} a[hreflang="en"]').dispatch_event("click")
    tab.page.wait_for_url(tab.base + "law/military-crimes.html#art-338")
    tab.page.wait_for_load_state()
    assert at_section()


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_search_finds_a_page_in_each_language(tab: Tab, lang: str) -> None:
    query, target = SEARCHES[lang]
    tab.goto("index.html" if lang == "en" else f"{lang}/index.html")
    box = tab.page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    results = tab.page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    hrefs = [a.get_attribute("href") or "" for a in results.all()]
    assert any(h.split("#")[0].split("?")[0].endswith(target) for h in hrefs), hrefs


def test_ukrainian_search_count_reads_right_for_every_number(tab: Tab) -> None:
    # Material's «Знайдено 23 збігів» is wrong for 2-4, 21-24...: the number comes last
    tab.goto("uk/index.html")
    box = tab.page.locator(".md-search__input")
    box.click()
    box.fill("закон")
    box.press("End")
    tab.page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    meta = tab.page.locator(".md-search-result__meta").inner_text().strip()
    assert re.fullmatch(r"Знайдено збігів: \d+|Знайдено 1 збіг", meta), meta


@pytest.fixture
def root_server(offline_site: Path) -> Iterator[str]:
    """The offline build served at the root of a host (the mirror kit's nginx example,
    an onion service): missing files get /404.html."""
    with serving(offline_site) as url:
        yield url


def test_404_page_links_home_without_javascript(browser, root_server: str) -> None:
    # relative links resolved against the missing address: /ru/law/nothing.html linked
    # the start page to /ru/law/index.html and Russian to /ru/law/ru/index.html
    context = browser.new_context(java_script_enabled=False)
    t = Tab(context, root_server)
    response = t.goto("ru/law/nothing.html")
    assert response is not None and response.status == 404
    t.page.locator('section[lang="ru"] a').click()
    t.page.wait_for_url(root_server + "ru/index.html")
    assert t.page.locator("html").get_attribute("lang") == "ru"
    context.close()


def test_an_injected_inline_script_is_blocked(tab: Tab) -> None:
    """As if a script had got into a page: the page's policy blocks it and says so."""
    tab.goto("ru/law/index.html")
    result = tab.page.evaluate("""() => new Promise(resolve => {
        document.addEventListener("securitypolicyviolation",
            e => resolve({ran: !!window.__injected, directive: e.effectiveDirective}));
        const s = document.createElement("script");
        s.textContent = "window.__injected = true";
        document.body.appendChild(s);
        setTimeout(() => resolve({ran: !!window.__injected, directive: null}), 2000);
    })""")
    assert result == {"ran": False, "directive": "script-src-elem"}
    assert tab.violations  # Chromium's console says so too
    tab.violations.clear()


def test_mirror_404_page_links_home_from_any_depth(browser, mirror: str) -> None:
    context = browser.new_context()
    t = Tab(context, mirror)
    response = t.goto("law/deep/missing.html")
    assert response is not None and response.status == 404
    for lang, home in (("en", "index.html"), ("ru", "ru/index.html"), ("uk", "uk/index.html")):
        assert t.page.locator(f'section[lang="{lang}"] a').get_attribute("href") == \
            urlsplit(mirror).path + home
    t.page.locator('section[lang="ru"] a').click()
    t.page.wait_for_url(mirror + "ru/index.html")
    assert not t.outside_requests()
    context.close()


def test_404_page_works_from_the_file_system(browser, offline_site: Path) -> None:
    context = browser.new_context()
    t = Tab(context, offline_site.as_uri() + "/")
    t.goto("404.html")
    t.page.locator('section[lang="uk"] a').click()
    t.page.wait_for_url(t.base + "uk/index.html")
    context.close()


# ------------------------------------------------------------ reader safety

def _storage(page) -> dict[str, object]:
    return page.evaluate("""async () => ({
        local: Object.keys(localStorage), session: Object.keys(sessionStorage),
        cookies: document.cookie,
        idb: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
    })""")


def test_browsing_and_searching_store_nothing(browser, mirror: str) -> None:
    context = browser.new_context()
    t = Tab(context, mirror)
    for rel in ("index.html", "ru/law/index.html", "uk/rights/index.html"):
        t.goto(rel)
        box = t.page.locator(".md-search__input")
        box.click()
        box.fill("закон")
        box.press("End")
        t.page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        box.press("Escape")
        t.page.locator('.page-languages a[hreflang="en"]').click()
        t.page.wait_for_load_state()
        stored = _storage(t.page)
        assert stored == {"local": [], "session": [], "cookies": "", "idb": []}, (rel, stored)
    assert context.cookies() == []
    context.close()


@pytest.mark.parametrize("how", ["click", "shift"])
def test_quick_exit_replaces_the_page_without_a_history_entry(tab: Tab, how: str) -> None:
    tab.goto("index.html")
    tab.goto("ru/law/index.html")
    if how == "click":
        tab.page.locator("a.quick-exit").click()
    else:
        for _ in range(3):
            tab.page.keyboard.press("Shift")
    # the neutral page in the reader's language: «Заметки», not "Notes"
    tab.page.wait_for_url("**/ru/neutral.html")
    assert tab.page.title() == "Заметки"
    assert tab.page.locator("html").get_attribute("lang") == "ru"
    tab.page.go_back()
    tab.page.wait_for_load_state()
    assert tab.page.url.endswith("/index.html") and "/ru/" not in tab.page.url


def test_without_javascript_content_navigation_language_and_exit_work(
        browser, offline_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    t = Tab(context, offline_site.as_uri() + "/")
    t.goto("index.html")
    assert t.page.locator("article h1").first.is_visible()
    t.page.locator('.md-nav a[href$="law/index.html"]').first.click()
    t.page.wait_for_url("**/law/index.html")
    t.page.locator('.page-languages a[hreflang="uk"]').click()
    t.page.wait_for_url(t.base + "uk/law/index.html")
    assert t.page.locator("article h1").first.inner_text().strip().startswith("Закон")
    t.page.locator("a.quick-exit").click()
    t.page.wait_for_url("**/neutral.html")
    context.close()


def test_online_pages_request_nothing_that_fails(browser, online_site: Path) -> None:
    """The online profile (sitemap, Atom feeds): Material fetched sitemap.xml next to
    every <link rel="alternate">, the feed's too: ru/sitemap.xml and uk/sitemap.xml, 404."""
    failed: list[str] = []
    with serving(online_site) as base:
        context = browser.new_context()
        context.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
        context.on("response", lambda r: failed.append(f"HTTP {r.status}: {r.url}")
                   if r.status >= 400 else None)
        page = context.new_page()
        for path in ("index.html", "ru/law/military-crimes.html", "uk/help/index.html"):
            page.goto(base + path, wait_until="networkidle")
        context.close()
    assert failed == []
