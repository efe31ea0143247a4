"""Search per language and inflected Russian and Ukrainian queries.

hooks/sitetools/search.py splits Material's one index into one per language;
overrides/assets/javascripts/search-lang.js loads the page language's index
when the reader searches, and search-stem.js cuts Russian and Ukrainian query
words back to their stems. Tested here: the stemmers (in Chromium, where they
run), the build step, and real searches from file:// and from a mirror path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitetools.postbuild import search

from conftest import LANGS, ROOT

STEM_JS = ROOT / "overrides" / "assets" / "javascripts" / "search-stem.js"

# Inflected forms of key terms, each with the pages one of which must be among
# the first five results. Chosen to be absent from the pages as written (as the
# content grows a form may appear; test_inflected_queries_are_not_verbatim_on_
# the_site wants at least six absent ones per language).
INFLECTED = {
    "ru": [
        ("повесткой", {"situations/summons.html", "law/electronic-summons.html"}),
        ("повестками", {"situations/summons.html", "law/electronic-summons.html"}),
        ("дезертирства", {"law/military-crimes.html", "situations/left-unit.html"}),
        ("мобилизованными", {"situations/mobilized-or-contract.html"}),
        ("убежищем", {"situations/asylum.html", "rights/asylum-in-practice.html"}),
        ("паспортами", {"law/passports.html"}),
        ("загранпаспортом", {"law/passports.html"}),
        ("военкоматов", {"situations/summons.html"}),
        ("самовольным", {"law/military-crimes.html", "situations/left-unit.html"}),
        ("пленом", {"law/surrender-and-treason.html"}),
        ("альтернативным", {"rights/conscientious-objection.html"}),
    ],
    "uk": [
        ("повістками", {"situations/summons.html", "law/electronic-summons.html"}),
        ("дезертирству", {"law/military-crimes.html", "situations/left-unit.html"}),
        ("мобілізованими", {"situations/mobilized-or-contract.html"}),
        ("притулком", {"situations/asylum.html", "rights/asylum-in-practice.html"}),
        ("паспортах", {"law/passports.html"}),
        ("військкомати", {"situations/summons.html"}),
        ("відмовниками", {"law/speaking-out.html"}),
        ("альтернативній", {"rights/conscientious-objection.html"}),
        ("самовільному", {"law/military-crimes.html", "situations/left-unit.html"}),
        ("полоном", {"law/surrender-and-treason.html"}),
    ],
    # English keeps Material's own prefix search
    "en": [
        ("summons", {"situations/summons.html", "law/electronic-summons.html"}),
        ("passport", {"law/passports.html"}),
        ("desertion", {"law/military-crimes.html", "situations/left-unit.html"}),
        ("asylum", {"situations/asylum.html", "rights/asylum-in-practice.html",
                    "rights/evidence.html"}),
        ("conscientious objection", {"rights/conscientious-objection.html"}),
        ("surrender", {"law/surrender-and-treason.html"}),
        ("mobilization", {"law/decree-647.html", "situations/mobilized-or-contract.html"}),
    ],
}

# Forms of one word each: every form's stem must be a prefix of every form,
# so that the prefix query finds them all.
LEMMAS = {
    "ru": [
        "повестка повестки повестке повестку повесткой повестками повестках повесток",
        "дезертирство дезертирства дезертирстве дезертирством",
        "дезертир дезертира дезертиры дезертиров дезертирам дезертирами",
        "мобилизованный мобилизованных мобилизованные мобилизованным мобилизованными "
        "мобилизован мобилизованы",
        "мобилизация мобилизации мобилизацию мобилизацией",
        "убежище убежища убежищу убежищем",
        "паспорт паспорта паспортов паспортами паспортом паспортах",
        "отказчик отказчики отказчиков отказчикам отказчиками",
        "призыв призыва призыву призывом призывы призывов",
        "военкомат военкомата военкоматы военкоматов военкоматом",
        "отсрочка отсрочки отсрочку отсрочек отсрочкой отсрочкам",
        "альтернативная альтернативной альтернативную альтернативным альтернативные",
        "самовольное самовольного самовольным самовольном",
        "сдача сдачи сдаче сдачу сдачей",
        "плен плена плену пленом",
        "уклонение уклонения уклонению уклонением",
        "преследование преследования преследований преследованиям",
        "учёт учета учёта учету",
    ],
    "uk": [
        "повістка повістки повістку повісткою повістками повісток повістках повістці",
        "дезертирство дезертирства дезертирству дезертирством",
        "дезертир дезертира дезертири дезертирів дезертирам дезертирами дезертирові",
        "мобілізований мобілізованих мобілізовані мобілізованим мобілізованими "
        "мобілізованого",
        "мобілізація мобілізації мобілізацію мобілізацією мобілізацій",
        "притулок притулку притулком притулки",
        "паспорт паспорта паспортів паспорти паспортом паспортами",
        "відмовник відмовника відмовники відмовників відмовникам відмовниками",
        "альтернативна альтернативної альтернативну альтернативною альтернативний "
        "альтернативних альтернативній",
        "самовільне самовільного самовільним самовільному",
        "призов призову призовом",
        "військкомат військкомату військкоматом військкомати військкоматів",
        "відстрочка відстрочки відстрочку відстрочок відстрочкою",
        "кримінальний кримінального кримінальної кримінальні кримінальних кримінальну",
        "полон полону полоні полоном",
        "ухилення ухиленням ухилень",
        "служба служби службу службою службі",
        "переслідування переслідувань переслідуванням",
    ],
}


# ------------------------------------------------------------ the stemmers

@pytest.fixture(scope="module")
def stem_page(browser) -> Iterator[object]:
    page = browser.new_page()
    page.add_script_tag(path=str(STEM_JS))
    yield page
    page.close()


def stems(page, lang: str, words: list[str]) -> list[str]:
    return page.evaluate("([lang, words]) => words.map(w => siteSearchStem.stem[lang](w))",
                         [lang, words])


def rewrite(page, query: str, lang: str) -> str:
    return page.evaluate("([q, lang]) => siteSearchStem.rewrite(q, lang)", [query, lang])


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_every_stem_is_a_prefix_of_all_forms_of_its_word(stem_page, lang: str) -> None:
    bad = []
    for group in LEMMAS[lang]:
        forms = group.replace("ё", "е").split()
        for form, stem in zip(forms, stems(stem_page, lang, forms), strict=True):
            if len(stem) < 3 or not all(f.startswith(stem) for f in forms):
                bad.append(f"{form} -> {stem} (forms: {' '.join(forms)})")
    assert not bad, "\n".join(bad)


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "word", "stem"), [
    ("ru", "повестками", "повест"),      # fleeting vowel: повесток
    ("ru", "повесток", "повест"),
    ("ru", "мобилизованных", "мобилизова"),
    ("ru", "паспортов", "паспорт"),
    ("ru", "призыв", "призыв"),          # not Snowball's bare -ыв gerund (приз)
    ("ru", "устав", "устав"),
    ("ru", "ещё", "еще"),
    ("uk", "притулку", "притул"),        # притулок
    ("uk", "паспорти", "паспорт"),       # not the infinitive -ти
    ("uk", "паспортів", "паспорт"),
    ("uk", "мобілізацією", "мобілізац"),
    ("uk", "відмовників", "відмовник"),
    ("uk", "кандидати", "кандида"),      # verb endings keep the theme vowel
    ("uk", "служити", "служи"),
    ("uk", "служив", "служи"),
    ("uk", "прав", "прав"),              # no past -в cut below four letters
    ("uk", "призов", "призов"),          # nor after о
    ("uk", "відмовляються", "відмовля"),
])
def test_stems(stem_page, lang: str, word: str, stem: str) -> None:
    assert stems(stem_page, lang, [word]) == [stem]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_short_and_foreign_words_are_left_alone(stem_page, lang: str) -> None:
    words = ["суд", "ЕС", "law", "ФЗ", "365-фз"]
    assert stems(stem_page, lang, words) == [w.lower() for w in words]


@pytest.mark.browser
def test_query_rewrite_keeps_material_syntax_and_drops_function_words(stem_page) -> None:
    assert rewrite(stem_page, "отказ от службы", "ru") == "отказ служб"
    assert rewrite(stem_page, '+повестками -дезертирам "в армии"', "ru") == \
        '+повест -дезертир "в арм"'
    assert rewrite(stem_page, "title:повестками", "ru") == "title:повест"
    assert rewrite(stem_page, "«повісткою» на ЄС", "uk") == "«повіст» єс"
    assert rewrite(stem_page, "на и в", "ru") == "на и в"  # only function words: unchanged
    assert rewrite(stem_page, "deserters повестками", "ru") == "deserters повест"
    assert rewrite(stem_page, "deserters", "en") == "deserters"


# ------------------------------------------------------- the build step

def _page(lang: str) -> str:
    return f'<!doctype html>\n<html lang="{lang}" class="no-js"><head></head></html>\n'


def _tiny_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for rel, lang in (("index.html", "en"), ("law/a.html", "en"), ("ru/index.html", "ru"),
                      ("ru/law/a.html", "ru"), ("uk/law/a.html", "uk")):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(_page(lang), encoding="utf-8")
    docs = [
        {"location": "index.html", "title": "Home", "text": "<p>Hello</p>"},
        {"location": "law/a.html#x", "title": "A", "text": "<p>x</p>"},
        {"location": "ru/index.html", "title": "Главная", "text": "<p>Учёт\u2028</p>"},
        {"location": "ru/law/a.html", "title": "Ёж", "text": "<p>повестка</p>"},
        {"location": "uk/law/a.html#y", "title": "Повістка", "text": "<p>зв'язок</p>"},
    ]
    index = {"config": {"lang": ["en", "ru"], "separator": "[\\s\\-]+",
                        "pipeline": ["stopWordFilter"], "fields": {"title": {"boost": 1000}}},
             "docs": docs}
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (site / "search" / "search_index.js").write_text("var __index = " + json.dumps(index),
                                                     encoding="utf-8")
    return site


def test_split_index_writes_one_index_per_page_language(tmp_path: Path) -> None:
    site = _tiny_site(tmp_path)
    assert search.lunr_files_needed(site) == {
        "lunr.ru.min.js", "lunr.multi.min.js", "lunr.stemmer.support.min.js"}
    done = search.split_index(site)
    assert any("search_index.ru.js" in line for line in done)
    found = {}
    for lang, path in search.language_indexes(site).items():
        got_lang, index = search.read_language_script(path.read_text(encoding="utf-8"))
        assert got_lang == lang
        # the config alone, read without the documents, is the same
        assert search.read_language_config(path.read_text(encoding="utf-8")) == (
            lang, index["config"])
        assert index["config"]["separator"] == search.SEPARATOR
        assert index["config"]["lang"] == ["en"]
        found[lang] = [(d["location"], d["title"]) for d in index["docs"]]
    assert found == {
        "en": [("index.html", "Home"), ("law/a.html#x", "A")],
        "ru": [("ru/index.html", "Главная"), ("ru/law/a.html", "Еж")],  # ё -> е
        "uk": [("uk/law/a.html#y", "Повістка")],
    }
    text = (site / "search" / "search_index.ru.js").read_text(encoding="utf-8")
    assert "\u2028" not in text and "Учет" in text
    for name in ("search_index.json", "search_index.js"):
        raw = (site / "search" / name).read_text(encoding="utf-8")
        stub = json.loads(raw[raw.index("{"): raw.rindex("}") + 1])
        assert stub["docs"] == [] and stub["config"]["separator"] == search.SEPARATOR
    assert search.lunr_files_needed(site) == set()  # no lunr language file is loaded
    assert search.split_index(site) == []  # a second run changes nothing
    assert len(search.language_indexes(site)) == 3


def test_separator_splits_words_at_punctuation_but_not_in_numbers() -> None:
    text = "«Повестка», зв'язок; ст. 352.1 (Art. 328)—закон/право"
    assert [t for t in re.split(search.SEPARATOR, text) if t] == [
        "Повестка", "зв", "язок", "ст", "352.1", "Art", "328", "закон", "право"]


# ---------------------------------------------------------- the built site

def _language_index(site: Path, lang: str) -> dict:
    path = site / "search" / f"search_index.{lang}.js"
    return search.read_language_script(path.read_text(encoding="utf-8"))[1]


def _words(index: dict) -> set[str]:
    words: set[str] = set()
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}").lower()
        words.update(re.findall(r"\w+", text))
    return words


@pytest.mark.build
def test_each_language_has_its_own_index_and_pages_load_none(offline_site: Path) -> None:
    for lang in LANGS:
        index = _language_index(offline_site, lang)
        assert index["docs"], lang
        for doc in index["docs"]:
            page = (offline_site / doc["location"].split("#")[0]).read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in page, doc["location"]
    stub = json.loads((offline_site / "search" / "search_index.json").read_text("utf-8"))
    assert stub["docs"] == []
    lunr = offline_site / "assets" / "javascripts" / "lunr"
    assert not any(lunr.rglob("*.js")), "unused lunr language files left"
    for page in ("index.html", "ru/law/index.html", "uk/rights/index.html"):
        html = (offline_site / page).read_text(encoding="utf-8")
        assert "search-lang.js" in html
        assert "search_index." not in html and "search-stem.js" not in html


@pytest.mark.build
@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_inflected_queries_are_not_verbatim_on_the_site(offline_site: Path, lang: str) -> None:
    """At least six query forms are absent from the pages: only stemming finds them."""
    words = _words(_language_index(offline_site, lang))
    absent = [q for q, _ in INFLECTED[lang] if not set(q.split()) & words]
    assert len(absent) >= 6, f"too many query forms occur verbatim; absent: {absent}"


# ------------------------------------------------------------ in a browser

class Reader:
    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.requests: list[str] = []
        self.context = browser.new_context()
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.context.new_page()

    def open(self, lang: str) -> None:
        self.page.goto(self.base + ("index.html" if lang == "en" else f"{lang}/index.html"))

    def search(self, query: str) -> tuple[list[str], list[str]]:
        """(result pages in order, every result link) for a query, relative to the site."""
        box = self.page.locator(".md-search__input")
        box.click()
        box.fill("")
        box.press("End")
        # (not wait_for_function: it evaluates a string, which the page's
        # Content-Security-Policy forbids)
        self.page.locator(".md-search-result__item").first.wait_for(state="detached")
        box.fill(query)
        box.press("End")
        self.page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        pages = self.page.eval_on_selector_all(
            ".md-search-result__item > a:first-child", "els => els.map(a => a.href)")
        links = self.page.eval_on_selector_all(
            ".md-search-result__item a", "els => els.map(a => a.href)")
        rel = [self.relative(u) for u in pages]
        return rel, [self.relative(u) for u in links]

    def relative(self, url: str) -> str:
        assert url.startswith(self.base), url
        return url[len(self.base):].split("?")[0].split("#")[0]

    def outside_requests(self) -> list[str]:
        origin = urlsplit(self.base)
        return [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob", "about")
                and not (urlsplit(u).scheme == origin.scheme == "file")
                and (urlsplit(u).scheme, urlsplit(u).netloc) != (origin.scheme, origin.netloc)]


@pytest.fixture(params=["file", "mirror"])
def base(request, offline_site: Path) -> str:
    if request.param == "file":
        return offline_site.as_uri() + "/"
    return request.getfixturevalue("mirror")


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_inflected_queries_find_their_page_in_the_readers_language(
        browser, base: str, lang: str) -> None:
    reader = Reader(browser, base)
    reader.open(lang)
    prefix = "" if lang == "en" else f"{lang}/"
    misses, foreign = [], []
    for query, expected in INFLECTED[lang]:
        pages, links = reader.search(query)
        if not {prefix + p for p in expected} & set(pages[:5]):
            misses.append(f"{query!r}: {pages[:5]}")
        for link in links:
            in_lang = link.startswith(prefix) if prefix else \
                not link.startswith(tuple(f"{other}/" for other in LANGS))
            if not in_lang:
                foreign.append(f"{query!r}: {link}")
    reader.context.close()
    assert not misses, "expected page not among the first 5 results:\n" + "\n".join(misses)
    assert not foreign, "results in another language:\n" + "\n".join(foreign)
    assert not reader.outside_requests()


@pytest.mark.browser
@pytest.mark.build
def test_the_index_is_loaded_only_when_the_reader_searches(browser, mirror: str) -> None:
    reader = Reader(browser, mirror)
    reader.open("uk")
    reader.page.wait_for_load_state("networkidle")
    loaded = [reader.relative(u) for u in reader.requests]
    assert "search/search_index.json" in loaded  # Material's stub: a few hundred bytes
    assert not [u for u in loaded if "search_index." in u and not u.endswith(".json")
                or "search-stem" in u or "/workers/" in u], loaded
    pages, _ = reader.search("повістками")
    assert "uk/situations/summons.html" in pages[:5]
    loaded = [reader.relative(u) for u in reader.requests]
    assert "search/search_index.uk.js" in loaded
    assert "assets/javascripts/search-stem.js" in loaded
    assert not {"search/search_index.en.js", "search/search_index.ru.js"} & set(loaded)
    reader.context.close()
