"""Reader tasks (#19): a frightened reader's question, in his own words, answered within two
steps: the words he types into the site's search lead to the page that answers (among the
first 3 results), and that page shows the answer on its first two phone screens (360 x 780).

The tasks are in tests/reader_tasks.yml (at least 12 per language, questions of both new
situation pages included). Served over HTTP as a mirror serves them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import LANGS, ROOT

TASKS = yaml.safe_load((ROOT / "tests" / "reader_tasks.yml").read_text(encoding="utf-8"))["tasks"]
PHONE = {"width": 360, "height": 780}
SCREENS = 2


def test_there_are_enough_tasks_in_every_language() -> None:
    for lang in LANGS:
        tasks = [t for t in TASKS if t["lang"] == lang]
        assert len(tasks) >= 12, lang
        pages = {t["page"] for t in tasks}
        assert {"situations/occupied-territories.md",
                "situations/new-citizens-and-foreigners.md"} <= pages, lang
        assert all(t["phrase"] and t["query"] for t in tasks), lang


def _url(base: str, lang: str, page: str) -> str:
    prefix = "" if lang == "en" else f"{lang}/"
    return base + prefix + page.removesuffix(".md") + ".html"


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_the_readers_words_find_the_answer(browser, mirror: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(_url(mirror, lang, "index.md"))
    box = page.locator(".md-search__input")
    failures = []
    for task in (t for t in TASKS if t["lang"] == lang):
        box.click()
        box.fill("")
        box.press("End")
        # (not wait_for_function: the page's Content-Security-Policy forbids evaluating a string)
        page.locator(".md-search-result__item").first.wait_for(state="detached")
        box.fill(task["query"])
        box.press("End")
        try:
            page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        except Exception:  # noqa: BLE001 - no result at all: a failure to report
            failures.append(f"{task['query']!r}: no result")
            continue
        found = page.eval_on_selector_all(
            ".md-search-result__item > a:first-child",
            "els => els.map(a => a.href.split('#')[0].split('?')[0])")
        first = list(dict.fromkeys(found))[:3]
        if _url(mirror, lang, task["page"]) not in first:
            shown = [u.removeprefix(mirror) for u in first]
            failures.append(f"{task['query']!r}: {task['page']} not in the first 3 results {shown}")
    context.close()
    assert failures == [], "\n".join(failures)


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_the_answer_is_on_the_first_two_phone_screens(browser, mirror: str, lang: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    failures = []
    for task in (t for t in TASKS if t["lang"] == lang):
        page.goto(_url(mirror, lang, task["page"]))
        top = page.evaluate(
            """phrase => {
                const walker = document.createTreeWalker(
                    document.querySelector('article') || document.body, NodeFilter.SHOW_TEXT);
                let text = '', nodes = [];
                while (walker.nextNode()) { nodes.push([text.length, walker.currentNode]);
                                            text += walker.currentNode.nodeValue; }
                const clean = s => s.replace(/\\s+/g, ' ');
                const at = clean(text).indexOf(clean(phrase));
                if (at < 0) return null;
                // the node holding the phrase's first character (whitespace folded alike)
                let folded = 0;
                for (const [, node] of nodes) {
                    const len = clean(node.nodeValue).length;
                    if (folded + len > at) {
                        const range = document.createRange();
                        range.selectNodeContents(node);
                        return range.getBoundingClientRect().top + window.scrollY;
                    }
                    folded += len;
                }
                return null;
            }""", task["phrase"])
        if top is None:
            failures.append(f"{task['page']}: {task['phrase']!r} not on the page")
        elif top > SCREENS * PHONE["height"]:
            failures.append(f"{task['page']}: {task['phrase']!r} at {top / PHONE['height']:.1f} "
                            f"screens (more than {SCREENS})")
    context.close()
    assert failures == [], "\n".join(failures)


def test_the_tasks_file_names_real_pages() -> None:
    for task in TASKS:
        assert Path(ROOT / "docs" / task["lang"] / task["page"]).is_file(), task


SITUATIONS = sorted(p.name for p in (ROOT / "docs" / "en" / "situations").glob("*.md")
                    if p.name != "index.md")
# where a block ends, in px from the top of the page ([] if the page lacks it)
BOTTOM = """selector => [...document.querySelectorAll(selector)].map(
    el => el.getBoundingClientRect().bottom + window.scrollY)"""


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_the_first_screens_hold_the_choice_the_short_answer_and_who_helps(
        browser, mirror: str, lang: str) -> None:
    """On a 360 x 780 phone: the home page's "Where are you now?" list on the first screen;
    each situation page's "In short" (3 to 6 lines) on its first screen; the help page's
    "Who helps with what?" within two screens; no situation page and not the help page
    longer than 10 screens before its notes."""
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    screen = PHONE["height"]
    failures = []

    def within(name: str, selector: str, screens: int) -> None:
        ends = page.evaluate(BOTTOM, selector)
        if not ends:
            failures.append(f"{name}: no {selector}")
        elif max(ends) > screens * screen:
            failures.append(f"{name}: {selector} ends at {max(ends) / screen:.1f} screens "
                            f"(more than {screens})")

    page.goto(_url(mirror, lang, "index.md"))
    within("index", "#where-are-you-now + ul > li", 1)
    for name in SITUATIONS:
        page.goto(_url(mirror, lang, f"situations/{name}"))
        within(name, "#in-short + ul > li", 1)
        lines = page.locator("#in-short + ul > li").count()
        if not 3 <= lines <= 6:
            failures.append(f"{name}: {lines} lines in short (3 to 6)")
        within(name, "article > :not(.footnote):not(.page-reviewed):not(.page-address)", 10)
    page.goto(_url(mirror, lang, "help/index.md"))
    within("help", "#who-helps + ul > li", 2)
    within("help", "article > :not(.footnote):not(.page-reviewed):not(.page-address)", 10)
    context.close()
    assert failures == [], "\n".join(failures)
