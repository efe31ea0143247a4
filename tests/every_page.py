"""Every page of the built site as readers meet it, in Chromium: the checks that
tests/test_every_page_desktop.py and tests/test_every_page_phone.py run (two files, so
that pytest-xdist's two workers share them).

One browser page per condition checks one site page after another, several site pages
at a time in browser contexts of their own:

* desktop (1280 px), opened from ``file://``: console and network, axe-core (the rules
  that read colours on the header and sidebars: the text is the phone's), the footnote numbers,
  the quick-exit button, the boxes' type size; then the page laid out for printing on
  A4 (print media at the printable width): nothing wider than the paper, nothing
  interactive, the page's address and reviewed date;
* phone (360 px), over HTTP from a real nginx with the mirror kit's configuration
  (tests/nginx_mirror.py: its headers, its Content-Security-Policy): console, network
  and policy, the page's width, axe-core, the quick exit and the boxes again; then the
  menu drawer opened (it shows something to tap; axe-core on the navigation).

axe-core (the copy axe-playwright-python ships) is asked for critical and serious
violations; its CSS preload is off (it would request every stylesheet again).
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import CHROMIUM_ARGS

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
# A4 (210 mm) less the print stylesheet's side margins (2 x 12 mm, site.css @page), in
# CSS px (96 a inch): Chromium lays a printed page out at this width.
PRINT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)
PRINT_HEIGHT = round((297 - 2 * 14) / 25.4 * 96)
CONCURRENCY = 2  # site pages checked at a time, each in a browser context of its own
STANDALONE = ("404.html", "neutral.html")  # no Material page around them
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}
SERIOUS = ("serious", "critical")
# At desktop width every rule runs on the whole page, and the two rules that read colours
# (colour contrast; links told apart from the text around them) only where the layout
# differs from the phone's (header, sidebars): the text's colours are the phone's, checked
# there. They are axe's costliest rules: 85 % of its time on a long page.
DESKTOP_AXE = {"rules": [
    {"id": "color-contrast", "selector": ".md-header *, .md-sidebar *"},
    {"id": "link-in-text-block",  # axe's own selector, a[href], [role=link], in those parts
     "selector": ", ".join(f"{part} {link}" for part in (".md-header", ".md-sidebar")
                           for link in ("a[href]", "[role=link]"))},
]}

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

# the layout viewport (documentElement.clientWidth): a phone zooms out to show a page
# wider than the screen, and innerWidth grows with it
WIDTH = """() => { const w = document.documentElement.scrollWidth,
  screen = document.documentElement.clientWidth;
  return w > screen ? [`${w}px wide on a ${screen}px screen`] : []; }"""

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


async def axe_serious(page, source: str, context: object = None,
                      configure: dict | None = None) -> list[str]:
    """axe-core's critical and serious violations on the page (or in ``context``; rules
    changed by ``configure``, for this page). axe is put into the page's main frame only
    (an init script would also be parsed in the search iframe Material opens from file://)."""
    if not await page.evaluate("typeof axe !== 'undefined'"):
        await page.evaluate(source)
    if configure:
        await page.evaluate("c => axe.configure(c)", configure)
    result = await page.evaluate(
        "([c, o]) => axe.run(c || document, o).then(r => r.violations)",
        [context, AXE_OPTIONS])
    return [f"{v['id']} ({v['impact']}): {v['help']} "
            f"{[n['target'] for n in v['nodes']][:3]}"
            for v in result if v["impact"] in SERIOUS]


async def run_checks(site: Path, mirror: str, chromium: str,
                     condition: str) -> tuple[dict, dict]:
    """Check every page in ``condition`` ("desktop" or "phone"); returns
    (check -> [problem], step -> seconds)."""
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
        standalone = rel.split("/")[-1] in STANDALONE
        note("axe", rel, await timed("axe", axe_serious(
            page, axe_source, configure=None if standalone else DESKTOP_AXE)))
        if not standalone:
            note("footnotes", rel, await page.evaluate(FOOTNOTES))
            note("quick exit", rel, await page.evaluate(f"() => {{ {QUICK_EXIT} }}"))
            note("boxes", rel, await page.evaluate(BOX_TEXT))
        note("console", rel, watch.take() + await page.evaluate("window.__csp"))
        if not standalone:
            start = time.perf_counter()
            await page.set_viewport_size({"width": PRINT_WIDTH, "height": PRINT_HEIGHT})
            await page.emulate_media(media="print")
            # from a file the address printed is the page's path in the guide
            note("print", rel, await page.evaluate(f"(address) => {{ {PRINT} }}", rel))
            await page.emulate_media(media="screen")
            await page.set_viewport_size(DESKTOP)
            spent["print"] += time.perf_counter() - start

    async def phone_checks(page, watch: Watch, rel: str) -> None:
        response = await timed("load", page.goto(mirror + rel))
        policy = response.headers.get("content-security-policy") if response else None
        note("headers", rel, [] if policy else ["no Content-Security-Policy header"])
        note("width", rel, await page.evaluate(WIDTH))
        note("axe", rel, await timed("axe", axe_serious(page, axe_source)))
        if rel.split("/")[-1] not in STANDALONE:
            note("quick exit", rel, await page.evaluate(f"() => {{ {QUICK_EXIT} }}"))
            note("boxes", rel, await page.evaluate(BOX_TEXT))
            await page.click('.md-header label[for="__drawer"]')
            note("menu", rel, await page.evaluate(f"() => {{ {DRAWER} }}"))
            note("axe menu", rel,
                 await timed("axe menu", axe_serious(page, axe_source, ".md-sidebar--primary")))
        note("console", rel, watch.take() + await page.evaluate("window.__csp"))

    checks = desktop_checks if condition == "desktop" else phone_checks

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)

        async def worker() -> None:
            # transitions off (Material's CSS honours reduced motion), so that a check reads
            # the final layout at once (the drawer slides in): a style put into the page
            # would break the mirror's policy
            if condition == "desktop":
                context = await browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
            else:
                # the layout of a phone in CSS px (a device scale of 1: nothing is looked
                # at, and painting 4 times the pixels costs time)
                context = await browser.new_context(viewport=PHONE, is_mobile=True,
                                                    has_touch=True, reduced_motion="reduce")
            await context.add_init_script(script=CSP_LISTENER)
            page = await context.new_page()
            watch = Watch(page)
            while not queue.empty():
                await checks(page, watch, queue.get_nowait())
            await context.close()

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        spent["total"] = time.perf_counter() - start
        await browser.close()
    return dict(found), dict(spent)


def check_every_page(site: Path, mirror: str, chromium: str,
                     condition: str) -> dict[str, list[str]]:
    """run_checks in a thread of its own (the sync Playwright of the other browser tests
    in the worker keeps an event loop running in the main thread); prints the time."""
    with ThreadPoolExecutor(1) as pool:
        found, spent = pool.submit(
            asyncio.run, run_checks(site, mirror, chromium, condition)).result()
    print(f"\n{condition}: {len(site_pages(site))} pages checked in {spent['total']:.1f}s (" +
          ", ".join(f"{k} {v:.1f}s" for k, v in spent.items() if k != "total")
          + f", summed over {CONCURRENCY} at a time)")
    return found


def report(found: dict[str, list[str]], *kinds: str) -> str:
    lines = [line for kind in kinds for line in found.get(kind, [])]
    return f"{len(lines)} problem(s):\n" + "\n".join(lines[:40])
