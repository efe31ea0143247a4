"""Search per language, and inflected Russian and Ukrainian queries.

What Material and mkdocs-static-i18n give: one lunr index for all three
languages (a Russian reader gets English and Ukrainian pages too), which
Material fetches on every page over HTTP (2.5 MB here); and every query word
becomes a prefix query ("повестками*"), which lunr does not stem, so an
inflected query finds only pages with that very form. Material 9 has no hook
for custom search code, and lunr has no Ukrainian stemmer.

What this module does, once after every language is built (``split_index``,
called from ``postbuild.site.finish_site``):

* It writes one index per language, ``search/search_index.<lang>.js``: a script,
  ``(self.__siteSearch=self.__siteSearch||{})["ru"]={config, docs}``, so that it
  also loads from ``file://``. A document belongs to the language of its page's
  ``<html lang>``, the attribute the browser side reads.
* The shared ``search/search_index.json`` and ``.js`` become stubs (the same
  config, no documents): Material still loads them on every page (and reads
  the separator from them to highlight terms on a result page), so they must
  exist, but they are now a few hundred bytes.
* The words readers use for the site's terms (``aliases`` in data/glossary.yml:
  «СЗЧ», «Госуслуги»), and each term's own name, become search tags of the
  pages that answer them (``answers``): the most weighted field in Material's
  search, so «СЗЧ» finds the page for soldiers who left their unit first, not
  only the glossary. The situation and help pages get a boost.
* Every index gets the same config: lunr's built-in English pipeline with only
  its stop word filter (no stemmer, no trimmer, so no lunr language file is
  loaded), and a separator that also splits at punctuation, quotes and
  apostrophes (Material's default splits at spaces and hyphens only, and
  without a trimmer «повестка» would be indexed with its guillemets). ``ё``
  becomes ``е`` in the indexed text, as it does in queries.

The browser side (``overrides/assets/javascripts/``): ``search-lang.js``, on
every page (about 1.5 KB gzip), wraps Material's search worker. Only when the
reader searches does it start the worker with the page language's index and,
on Russian and Ukrainian pages, load ``search-stem.js``, whose stemmers cut each
query word back (``повестками`` -> ``повест``) before Material turns it into a
prefix query, which then matches every form in the unstemmed index. Nothing is
stored in the browser.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .. import LANGUAGES
from ..data import SiteData
from ..render.status import page_url

INDEX_DIR = "search"
INDEX_JSON = "search_index.json"
INDEX_JS = "search_index.js"
JS_PREFIX = "var __index = "  # how Material's offline plugin writes search_index.js

# Splits words at white space, dashes, punctuation, quotes and apostrophes
# (Material's default splits at white space and hyphens only); a dot splits
# unless a digit follows (Art. 352.1).
SEPARATOR = (
    r"[\s\-–—‐‑,:;!?=\[\](){}\"'`«»„“”‘’ʼ/№·…]+|\.(?!\d)|&[lg]t;|&amp;|&quot;"
)
# lunr's built-in (English) pipeline: no language file to load; the stemmer
# and trimmer are off (Material removes what is not listed here).
LUNR_LANG = ["en"]
PIPELINE = ["stopWordFilter"]

_HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"", re.I)
# The pages a frightened reader needs first: results from them rank above the
# law, glossary and sources pages that use the same words.
READER_PAGES = ("situations/", "help/", "index.html")


def page_language(site_dir: Path, location: str, cache: dict[str, str]) -> str:
    """The ``<html lang>`` of the page a search document points to."""
    path = location.split("#", 1)[0] or "index.html"
    if path.endswith("/"):
        path += "index.html"
    if path not in cache:
        lang = ""
        file = site_dir / path
        if file.is_file():
            with file.open(encoding="utf-8") as fh:
                m = _HTML_LANG.search(fh.read(4096))
            lang = m.group(1).split("-")[0].lower() if m else ""
        cache[path] = lang
    return cache[path]


def normalize(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def index_config(config: dict) -> dict:
    return {**config, "lang": LUNR_LANG, "separator": SEPARATOR, "pipeline": PIPELINE}


def split_docs(site_dir: Path, docs: list[dict], default: str = "en") -> dict[str, list[dict]]:
    """Documents by the language of their page, in the original order."""
    cache: dict[str, str] = {}
    by_lang: dict[str, list[dict]] = {}
    for doc in docs:
        lang = page_language(site_dir, doc["location"], cache) or default
        doc = {**doc, "title": normalize(doc.get("title", "")),
               "text": normalize(doc.get("text", ""))}
        by_lang.setdefault(lang, []).append(doc)
    return by_lang


_SCRIPT = '(self.__siteSearch=self.__siteSearch||{{}})["{lang}"]='
_SCRIPT_RE = re.compile(r'^\(self\.__siteSearch=self\.__siteSearch\|\|\{\}\)\["([a-z-]+)"\]=')


def language_script(lang: str, index: dict) -> str:
    """A language's index as a script that registers it (loads from file:// too)."""
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return _SCRIPT.format(lang=lang) + data + ";\n"


def read_language_script(text: str) -> tuple[str, dict]:
    """The language and index of a script written by ``language_script``."""
    m = _SCRIPT_RE.match(text)
    if not m:
        raise ValueError("not a search index script")
    return m.group(1), json.loads(text[m.end():].rstrip().rstrip(";"))


_CONFIG_START = '{"config":'


def read_language_config(text: str) -> tuple[str, dict]:
    """The language and the config of a script written by ``language_script``.

    Reads only the config, which comes first, not the documents after it.
    """
    m = _SCRIPT_RE.match(text)
    if not m or not text.startswith(_CONFIG_START, m.end()):
        lang, index = read_language_script(text)
        return lang, index["config"]
    config, _ = json.JSONDecoder().raw_decode(text, m.end() + len(_CONFIG_START))
    return m.group(1), config


def read_index(site_dir: Path) -> dict | None:
    path = site_dir / INDEX_DIR / INDEX_JSON
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def reader_words(site: SiteData, lang: str) -> dict[str, list[str]]:
    """The words a reader may type for a term (its name and the glossary's ``aliases``),
    by the location of the pages that answer it (``ru/situations/left-unit.html``)."""
    found: dict[str, list[str]] = {}
    for term in site.glossary.values():
        if not term.answers:
            continue
        words = [term.term[lang], *term.aliases.get(lang, ())]
        for page in term.answers:
            location = page_url(lang, page, use_directory_urls=False)
            found.setdefault(location, [])
            found[location] += [w for w in words if w not in found[location]]
    return found


def boost(location: str, lang: str) -> float | None:
    """Pages written for a reader's situation and the help pages come first in results."""
    path = location.split("#")[0].removeprefix(f"{lang}/")
    return 2.0 if path.startswith(READER_PAGES) else None


def with_reader_words(docs: list[dict], words: dict[str, list[str]], lang: str) -> list[dict]:
    """Each page's first document gets the readers' words for it as tags (lunr's most
    weighted field in Material's search); reader pages get a boost."""
    out = []
    for doc in docs:
        extra = {}
        location = doc["location"]
        if location in words:
            extra["tags"] = [normalize(w) for w in [*doc.get("tags", []), *words[location]]]
        if (factor := boost(location, lang)) is not None:
            extra["boost"] = factor
        out.append({**doc, **extra})
    return out


def split_index(site_dir: Path, site: SiteData | None = None) -> list[str]:
    """Write one index per language and stub the shared one; returns what it did.

    With ``site``, the glossary's reader words lead to the pages that answer them."""
    index = read_index(site_dir)
    if index is None or not index.get("docs"):
        return []  # no search plugin, or already split
    config = index_config(index["config"])
    out = site_dir / INDEX_DIR
    done = []
    for lang, docs in split_docs(site_dir, index["docs"]).items():
        if site is not None and lang in LANGUAGES:
            docs = with_reader_words(docs, reader_words(site, lang), lang)
        name = f"search_index.{lang}.js"
        (out / name).write_text(language_script(lang, {"config": config, "docs": docs}),
                                encoding="utf-8")
        done.append(f"wrote {INDEX_DIR}/{name} ({len(docs)} documents)")
    stub = json.dumps({"config": config, "docs": []}, ensure_ascii=False,
                      separators=(",", ":"))
    (out / INDEX_JSON).write_text(stub, encoding="utf-8")
    if (out / INDEX_JS).is_file():
        (out / INDEX_JS).write_text(JS_PREFIX + stub, encoding="utf-8")  # as Material writes it
    done.append(f"stubbed {INDEX_DIR}/{INDEX_JSON} and {INDEX_JS}")
    return done


def language_indexes(site_dir: Path) -> dict[str, Path]:
    """The per-language index scripts of a built site, by language."""
    return {p.name.split(".")[1]: p
            for p in sorted((site_dir / INDEX_DIR).glob("search_index.*.js"))}


def lunr_files_needed(site_dir: Path) -> set[str]:
    """The lunr language files Material's worker will load for this site's indexes.

    It loads ``lunr.<lang>.min.js`` for every non-English entry of an index's
    ``config.lang``, with ``lunr.stemmer.support.min.js``, and
    ``lunr.multi.min.js`` when there are several.
    """
    configs = []
    index = read_index(site_dir)
    if index is not None:
        configs.append(index["config"])
    for path in language_indexes(site_dir).values():
        configs.append(read_language_config(path.read_text(encoding="utf-8"))[1])
    needed: set[str] = set()
    for config in configs:
        langs = config.get("lang") or []
        others = [lang for lang in langs if lang != "en"]
        if others:
            needed.add("lunr.stemmer.support.min.js")
            needed.update(f"lunr.{lang}.min.js" for lang in others)
        if len(langs) > 1:
            needed.add("lunr.multi.min.js")
    return needed
