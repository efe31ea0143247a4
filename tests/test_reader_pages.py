"""Every page of the built site as readers meet it, in Chromium, checked once per run.

One browser page per site page and condition does several checks, several site pages
at a time in their own browser contexts:

* desktop (1280 px), opened from ``file://``: console and network, axe-core, the
  footnote numbers, the quick-exit button, the boxes' type size;
* phone (360 px), over HTTP from a mirror under a sub-path: console and network, the
  page's width, axe-core, the quick exit and boxes again; then the menu drawer opened
  (it shows links; axe-core on the navigation); then the page laid out for printing
  on A4 (print media at the printable width): nothing wider than the paper, nothing
  interactive, the page's address and reviewed date.

The module fixture collects what each check finds; each test below asserts one kind.
axe-core (the copy that axe-playwright-python ships) reports critical and serious
violations only; its CSS preload is off (it would request every stylesheet again).
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import CHROMIUM_ARGS, LANGS

pytestmark = [pytest.mark.browser, pytest.mark.build]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
# A4 (210 mm) less the print stylesheet's side margins (2 x 12 mm, site.css @page), in
# CSS px (96 a inch): Chromium lays a printed page out at this width.
PRINT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)
PRINT_HEIGHT = round((297 - 2 * 14) / 25.4 * 96)
CONCURRENCY = 2  # site pages checked at a time (each in its own desktop and phone context)
STANDALONE = ("404.html", "neutral.html")  # no Material page around them
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}
SERIOUS = ("serious", "critical")

# Transitions off, so that a check reads the final layout at once (the drawer slides in).
NO_MOTION = """document.addEventListener("DOMContentLoaded", () => {
  const s = document.createElement("style");
  s.textContent = "*,*::before,*::after{transition:none!important;animation:none!important}";
  document.head.append(s);
});"""
# Content-Security-Policy violations, as the page sees them.
CSP_LISTENER = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));"""

# Checks that read the laid-out page (in the page; each returns a list of problems).
DESCRIBE = """const describe = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
  (el.classList.length ? "." + [...el.classList].join(".") : "");
const overlap = (a, b) => a.left < b.right - 0.5 && a.right > b.left + 0.5 &&
  a.top < b.bottom - 0.5 && a.bottom > b.top + 0.5;
const shown = el => { const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"; };"""

FOOTNOTES = """() => { const out = [];
  for (const sup of document.querySelectorAll('sup[id^="fnref"]')) {
    const before = getComputedStyle(sup, "::before").content;
    if (before !== "none" && before !== "normal")
      out.push(`${sup.id}: ${before} drawn before it by CSS`);
    let prev = sup.previousSibling;
    while (prev && prev.nodeType === 3 && !prev.textContent.trim()) prev = prev.previousSibling;
    if (prev && prev.nodeType === 1 && prev.matches('sup[id^="fnref"]'))
      out.push(`${prev.id} and ${sup.id}: no comma between the numbers`);
  }
  return out; }"""

QUICK_EXIT = DESCRIBE + """
return (() => { const out = [];
  const exit = document.querySelector("a.quick-exit[data-quick-exit]");
  if (!exit || !shown(exit)) return ["no quick-exit button on screen"];
  window.scrollTo(0, document.documentElement.scrollHeight / 3);
  const e = exit.getBoundingClientRect(), h = document.querySelector(".md-header")
    .getBoundingClientRect();
  if (e.top < h.top - 0.5 || e.bottom > h.bottom + 0.5 || h.top !== 0)
    out.push("not inside the header bar at the top: it floats over the text");
  for (const el of document.querySelectorAll(".md-header__inner > *, .md-header .md-search"))
    if (shown(el) && overlap(e, el.getBoundingClientRect())) out.push("covers " + describe(el));
  window.scrollTo(0, 0);
  return out; })();"""

BOX_TEXT = """() => { const out = [];
  const text = document.querySelector(".md-content__inner");
  if (!text) return out;
  const body = parseFloat(getComputedStyle(text).fontSize);
  for (const p of text.querySelectorAll(".admonition > p:not(.admonition-title)")) {
    const size = parseFloat(getComputedStyle(p).fontSize);
    if (Math.abs(size - body) > 0.25) {
      out.push(`box text ${size}px, body text ${body}px`); break; }
  }
  return out; }"""

WIDTH = """() => { const w = document.documentElement.scrollWidth;
  return w > innerWidth ? [`${w}px wide on a ${innerWidth}px screen`] : []; }"""

DRAWER = DESCRIBE + """
return (() => { const out = [];
  const drawer = document.querySelector(".md-sidebar--primary");
  const d = drawer.getBoundingClientRect();
  // what can be tapped: links, and the labels that open a section or the page's contents
  const links = [...drawer.querySelectorAll(".md-nav__link")].filter(a => {
    const r = a.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return hit === a || a.contains(hit);
  });
  if (!links.length) out.push("the open menu shows nothing to tap (an empty panel)");
  const exit = document.querySelector("a.quick-exit");
  if (!exit || !shown(exit)) out.push("the quick exit is not on screen with the menu open");
  else { const e = exit.getBoundingClientRect();
    if (overlap(e, d)) out.push("the quick exit covers the open menu");
    const x = e.left + e.width / 2, y = e.top + e.height / 2, hit = document.elementFromPoint(x, y);
    if (!(hit === exit || exit.contains(hit))) out.push("the quick exit is under the menu"); }
  return out; })();"""

PRINT = DESCRIBE + """
return (() => { const out = [], W = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > W + 1)
    out.push(`the page is ${document.documentElement.scrollWidth}px wide on ${W}px of paper`);
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || (r.right <= W + 1 && r.left >= -1)) continue;
    if (getComputedStyle(el).visibility === "hidden" || wide.some(w => w.contains(el))) continue;
    wide.push(el);
    out.push(`${describe(el)} reaches ${Math.round(r.left)}..${Math.round(r.right)}px`);
  }
  const interactive = ".quick-exit, .page-languages-nav, .md-header, .md-sidebar, .md-search, " +
    ".md-footer, .md-top, .md-skip, button, input:not([type=hidden]), select, textarea, " +
    ".headerlink, .footnote-backref";
  for (const el of document.querySelectorAll(interactive))
    if (shown(el)) out.push("printed: " + describe(el));
  const where = document.querySelector(".page-address");
  if (!where || !shown(where)) out.push("the page's address is not printed");
  else if (!where.textContent.includes(address)) out.push("address printed: " +
    where.textContent.trim());
  const reviewed = document.querySelector(".page-reviewed");
  if (!reviewed || !shown(reviewed)) out.push("the reviewed date is not printed");
  return out; })();"""


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


class Watch:
    """What a browser page reports while a site page loads and is checked: console
    errors, uncaught exceptions, failed requests and HTTP errors. One browser page is
    used for one site page after another (a new one costs a renderer process)."""

    def __init__(self, page) -> None:
        self.seen: list[str] = []
        page.on("console", lambda m: self.seen.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "assert") else None)
        page.on("pageerror", lambda e: self.seen.append(f"uncaught: {e}"))
        page.on("requestfailed", lambda r: self.seen.append(
            f"request failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: self.seen.append(f"HTTP {r.status}: {r.url}")
                if r.status >= 400 else None)

    def take(self) -> list[str]:
        seen, self.seen = self.seen, []
        return seen


async def axe_serious(page, source: str, context: object = None) -> list[str]:
    """axe-core's critical and serious violations on the page (or in ``context``). axe is
    put into the page's main frame only (an init script would also be parsed in the
    search iframe that Material opens from file://)."""
    if not await page.evaluate("typeof axe !== 'undefined'"):
        await page.evaluate(source)
    result = await page.evaluate(
        "([c, o]) => axe.run(c || document, o).then(r => r.violations)",
        [context, AXE_OPTIONS])
    return [f"{v['id']} ({v['impact']}): {v['help']} "
            f"{[n['target'] for n in v['nodes']][:3]}"
            for v in result if v["impact"] in SERIOUS]


async def run_checks(site: Path, mirror: str, chromium: str) -> tuple[dict, dict]:
    """Check every page; returns (check -> [problem], timing -> seconds)."""
    from axe_playwright_python import async_playwright as axe_module
    from playwright.async_api import async_playwright

    axe_source = (Path(axe_module.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    found: dict[str, list[str]] = defaultdict(list)
    spent: dict[str, float] = defaultdict(float)
    queue: asyncio.Queue[str] = asyncio.Queue()
    for rel in site_pages(site):
        queue.put_nowait(rel)

    def note(kind: str, rel: str, problems: list[str]) -> None:
        found[kind] += [f"{rel}: {p}" for p in problems]

    async def timed(kind: str, coro):
        start = time.perf_counter()
        try:
            return await coro
        finally:
            spent[kind] += time.perf_counter() - start

    async def desktop_checks(page, watch: Watch, rel: str) -> None:
        await timed("load", page.goto((site / rel).as_uri()))
        note("axe desktop", rel, await timed("axe", axe_serious(page, axe_source)))
        if rel.split("/")[-1] not in STANDALONE:
            note("footnotes", rel, await page.evaluate(FOOTNOTES))
            note("quick exit", rel, await page.evaluate(f"() => {{ {QUICK_EXIT} }}"))
            note("boxes", rel, await page.evaluate(BOX_TEXT))
        note("console file://", rel, watch.take() + await page.evaluate("window.__csp"))

    async def phone_checks(page, watch: Watch, rel: str) -> None:
        await timed("load", page.goto(mirror + rel))
        note("phone width", rel, await page.evaluate(WIDTH))
        note("axe phone", rel, await timed("axe", axe_serious(page, axe_source)))
        if rel.split("/")[-1] not in STANDALONE:
            note("quick exit", rel, await page.evaluate(f"() => {{ {QUICK_EXIT} }}"))
            note("boxes", rel, await page.evaluate(BOX_TEXT))
            await page.click('.md-header label[for="__drawer"]')
            note("menu", rel, await page.evaluate(f"() => {{ {DRAWER} }}"))
            note("axe phone menu", rel,
                 await timed("axe", axe_serious(page, axe_source, ".md-sidebar--primary")))
            await page.evaluate("document.getElementById('__drawer').checked = false")
            start = time.perf_counter()
            await page.set_viewport_size({"width": PRINT_WIDTH, "height": PRINT_HEIGHT})
            await page.emulate_media(media="print")
            note("print", rel, await page.evaluate(f"(address) => {{ {PRINT} }}",
                                                   mirror + rel))
            await page.emulate_media(media="screen")
            await page.set_viewport_size(PHONE)
            spent["print"] += time.perf_counter() - start
        note("console http", rel, watch.take() + await page.evaluate("window.__csp"))

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)

        async def worker() -> None:
            desktop = await browser.new_context(viewport=DESKTOP)
            # the layout of a phone in CSS px (a device scale of 1: nothing is looked at,
            # and painting 4 times the pixels costs time)
            phone = await browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            for context in (desktop, phone):
                for script in (NO_MOTION, CSP_LISTENER):
                    await context.add_init_script(script=script)
            pages = [await desktop.new_page(), await phone.new_page()]
            watches = [Watch(page) for page in pages]
            while not queue.empty():
                rel = queue.get_nowait()
                await desktop_checks(pages[0], watches[0], rel)
                await phone_checks(pages[1], watches[1], rel)
            await desktop.close()
            await phone.close()

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        spent["total"] = time.perf_counter() - start
        await browser.close()
    return dict(found), dict(spent)


@pytest.fixture(scope="module")
def findings(offline_site: Path, mirror: str, chromium_path: str) -> dict[str, list[str]]:
    # in a thread of its own: the sync Playwright of the other browser tests in this
    # worker keeps an event loop running in the main thread
    with ThreadPoolExecutor(1) as pool:
        found, spent = pool.submit(
            asyncio.run, run_checks(offline_site, mirror, chromium_path)).result()
    pages = len(site_pages(offline_site))
    print(f"\n{pages} pages checked in {spent['total']:.1f}s: " + ", ".join(
        f"{k} {v:.1f}s" for k, v in spent.items() if k != "total"))
    return found


def report(found: dict[str, list[str]], *kinds: str) -> str:
    lines = [line for kind in kinds for line in found.get(kind, [])]
    return f"{len(lines)} problem(s):\n" + "\n".join(lines[:40])


def test_every_page_loads_without_console_errors_or_failed_requests(findings) -> None:
    # Material's language switch asked for sitemap.xml next to each language's page
    # (3 failed requests a page view; CORS errors from file://); CSP violations count too
    kinds = ("console file://", "console http")
    assert not any(findings.get(k) for k in kinds), report(findings, *kinds)


def test_axe_finds_nothing_serious_at_phone_and_desktop_width_menu_open_or_closed(
        findings) -> None:
    kinds = ("axe desktop", "axe phone", "axe phone menu")
    assert not any(findings.get(k) for k in kinds), report(findings, *kinds)


def test_no_page_is_wider_than_a_phone(findings) -> None:
    # tables are cards on phones: no table is wider than the screen
    assert not findings.get("phone width"), report(findings, "phone width")


def test_the_phone_menu_opens_on_links(findings) -> None:
    # Facts and figures and EU policy (one-page sections) opened an empty panel
    assert not findings.get("menu"), report(findings, "menu")


def test_printed_pages_fit_a4_and_show_no_controls_but_address_and_date(findings) -> None:
    assert not findings.get("print"), report(findings, "print")


def test_footnote_numbers_are_separated_only_from_each_other(findings) -> None:
    # «формирований».,² : a CSS comma before every footnote that followed another one
    assert not findings.get("footnotes"), report(findings, "footnotes")


def test_quick_exit_is_one_tap_away_and_covers_no_text(findings) -> None:
    assert not findings.get("quick exit"), report(findings, "quick exit")


def test_boxes_are_set_at_the_size_of_the_text(findings) -> None:
    assert not findings.get("boxes"), report(findings, "boxes")


def test_the_checks_saw_every_language(offline_site: Path) -> None:
    pages = site_pages(offline_site)
    for lang in LANGS:
        prefix = "" if lang == "en" else f"{lang}/"
        assert f"{prefix}index.html" in pages and f"{prefix}neutral.html" in pages


# ---------------------------------------------------------------- one page, in depth


def test_a_page_printed_to_a4_by_chromium(browser, offline_site: Path, tmp_path: Path) -> None:
    """ru/law/military-crimes printed to PDF: its last table column was cut off, the quick
    exit printed on 15 of 20 pages, the language links printed."""
    from pypdf import PdfReader

    context = browser.new_context()
    page = context.new_page()
    page.goto((offline_site / "ru/law/military-crimes.html").as_uri())
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
    assert "Адрес этой страницы: ru/law/military-crimes.html" in text
    assert "Проверено " in text  # the reviewed date
    assert "Кем введена или изменена" in text  # the last column of the statute tables


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
