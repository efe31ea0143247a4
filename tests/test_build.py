"""The built site: every language, no third-party loads, mirrors, strictness."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sitetools.postbuild.scan import scan_site

from conftest import LANGS, ROOT, build_site, small_site

pytestmark = pytest.mark.build

DOCS = ROOT / "docs"


def english_pages() -> list[str]:
    return sorted(p.relative_to(DOCS / "en").as_posix() for p in (DOCS / "en").rglob("*.md"))


def built_path(site: Path, lang: str, page: str) -> Path:
    prefix = "" if lang == "en" else f"{lang}/"
    return site / (prefix + page[: -len(".md")] + ".html")


def test_every_page_is_built_in_every_language(offline_site: Path) -> None:
    missing = [
        built_path(offline_site, lang, page).relative_to(offline_site).as_posix()
        for page in english_pages() for lang in LANGS
        if not built_path(offline_site, lang, page).is_file()
    ]
    assert not missing, f"not built: {missing}"


def test_pages_declare_their_language(offline_site: Path) -> None:
    wrong = []
    for page in english_pages():
        for lang in LANGS:
            text = built_path(offline_site, lang, page).read_text(encoding="utf-8")
            if f'<html lang="{lang}"' not in text:
                wrong.append(f"{lang}/{page}")
    assert not wrong


@pytest.mark.parametrize("profile", ["offline_site", "online_site"])
def test_no_resource_is_loaded_from_another_host(profile: str, request) -> None:
    site: Path = request.getfixturevalue(profile)
    own = ("guide.example.org",) if profile == "online_site" else ()
    loads = scan_site(site, own)
    assert not loads, "third-party loads:\n" + "\n".join(map(str, loads))


def test_no_cdn_or_font_urls_left_anywhere(offline_site: Path) -> None:
    hits = []
    for path in offline_site.rglob("*"):
        if path.suffix in (".html", ".js", ".css") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            for host in ("fonts.googleapis.com", "fonts.gstatic.com", "unpkg.com",
                         "cdn.jsdelivr.net", "api.github.com", "google-analytics"):
                if host in text:
                    hits.append(f"{path.relative_to(offline_site)}: {host}")
    assert not hits


def test_heading_ids_are_ascii_and_identical_across_languages(offline_site: Path) -> None:
    problems = []
    for page in english_pages():
        ids = {}
        for lang in LANGS:
            text = built_path(offline_site, lang, page).read_text(encoding="utf-8")
            article = text.split('<article', 1)[1].split('</article>', 1)[0]
            found = re.findall(r'<h([1-6]) id="([^"]*)"', article)
            for level, hid in found:
                if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", hid) or hid.startswith("_"):
                    problems.append(f"{lang}/{page}: h{level} id {hid!r} is not an explicit id")
            ids[lang] = [h for _, h in found]
        for lang in ("ru", "uk"):
            if ids[lang] != ids["en"]:
                problems.append(f"{lang}/{page}: heading ids {ids[lang]} != en {ids['en']}")
    assert not problems, "\n".join(problems)


def test_offline_profile_has_no_broken_sitemap(offline_site: Path) -> None:
    for path in offline_site.rglob("sitemap.xml*"):
        pytest.fail(f"{path.relative_to(offline_site)} exists without site_url")
    for path in offline_site.rglob("*.html"):
        assert "None" not in re.findall(r'href="(None[^"]*)"', path.read_text("utf-8"))


def test_online_profile_has_sitemap_with_hreflang_alternates(online_site: Path) -> None:
    xml = (online_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "None" not in xml
    assert "<loc>https://guide.example.org/law/index.html</loc>" in xml
    for lang in ("ru", "uk"):
        assert (f'hreflang="{lang}" href="https://guide.example.org/{lang}/law/index.html"'
                in xml)


def test_404_is_self_contained_and_trilingual(offline_site: Path) -> None:
    page = (offline_site / "404.html").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f'<section lang="{lang}">' in page
    # served for a missing URL at any depth: without JavaScript its links are
    # root-absolute (a relative one resolved against the missing URL), and nothing
    # else is loaded from a path
    assert re.findall(r'<a href="([^"]*)"', page) == ["/index.html", "/ru/index.html",
                                                     "/uk/index.html"]
    assert "src=" not in page
    # no stylesheet or icon to miss under a sub-path; an empty icon keeps the browser
    # from asking for /favicon.ico (a failed request on every mirror)
    assert re.findall(r"<link[^>]*>", page) == [
        '<link rel="icon" href="data:image/gif;base64,'
        'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7">']
    assert not (offline_site / "ru" / "404.html").exists()


def test_linkchecker_finds_no_broken_link(offline_site: Path) -> None:
    exe = shutil.which("linkchecker", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("linkchecker is missing: run `make install`", pytrace=False)
    # Run as root, LinkChecker drops privileges to "nobody": give it a readable copy.
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(offline_site, copy)
        for path in [Path(tmp), *copy.rglob("*"), copy]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        proc = subprocess.run(
            [exe, "-f", str(ROOT / "tests" / "linkcheckerrc"), "--no-status",
             (copy / "index.html").as_uri()],
            capture_output=True, text=True, timeout=300,
        )
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert re.search(r"\b[1-9]\d* links? in \d+ URLs? checked", proc.stdout) or \
        "links in" in proc.stdout, proc.stdout[-2000:]


class _Anchors(HTMLParser):
    """The ids a page has and the links it makes (href, line)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attr.get(name):
                self.ids.add(attr[name])
        if tag == "a" and attr.get("href"):
            self.links.append((attr["href"], self.getpos()[0]))


def test_every_link_to_an_anchor_finds_it(offline_site: Path) -> None:
    # LinkChecker's AnchorCheck parses the target page once for every distinct
    # "page#anchor" (three minutes on this site); here each page is parsed once.
    # Footnote anchors are checked too.
    pages: dict[Path, _Anchors] = {}
    for path in offline_site.rglob("*.html"):
        parser = _Anchors()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.resolve()] = parser
    broken, checked = [], 0
    for source, parser in pages.items():
        for href, line in parser.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment:
                continue
            target = (source.parent / unquote(parts.path)).resolve() if parts.path else source
            if target.is_dir():
                target = target / "index.html"
            where = f"{source.relative_to(offline_site.resolve())}:{line}: {href}"
            if target not in pages:
                broken.append(f"{where}: no such page")
            elif unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{where}: no such anchor")
            checked += 1
    assert checked > 1000, f"only {checked} links to anchors found"
    assert not broken, "\n".join(broken[:40])


# ------------------------------------------------------------------ bad input

def _break(tmp_path: Path, page: str, text: str) -> subprocess.CompletedProcess[str]:
    project = small_site(tmp_path / "project")
    target = project / "docs" / page
    target.write_text(target.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    return build_site(tmp_path / "site", project=project, check=False)


def test_link_to_missing_page_fails_naming_the_file(tmp_path: Path) -> None:
    proc = _break(tmp_path, "ru/law/index.md", "[x](no-such-page.md)")
    assert proc.returncode != 0
    assert "ru/law/index.md" in proc.stderr and "no-such-page.md" in proc.stderr


def test_link_to_missing_anchor_fails_naming_the_file(tmp_path: Path) -> None:
    proc = _break(tmp_path, "uk/law/index.md", "[x](../index.md#no-such-anchor)")
    assert proc.returncode != 0
    assert "uk/law/index.md" in proc.stderr and "no-such-anchor" in proc.stderr


def test_external_resource_fails_naming_the_file(tmp_path: Path) -> None:
    proc = _break(tmp_path, "en/help/index.md",
                  '<img src="https://tracker.example.net/pixel.gif" alt="">')
    assert proc.returncode != 0
    assert "docs/en/help/index.md: loads a resource from another host: " \
           "https://tracker.example.net/pixel.gif" in proc.stderr


def _break_data(tmp_path: Path, name: str, old: str, new: str) -> subprocess.CompletedProcess[str]:
    project = small_site(tmp_path / "project")
    target = project / "data" / name
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return build_site(tmp_path / "site", project=project, check=False)


def test_malformed_data_fails_with_one_line_naming_the_file(tmp_path: Path) -> None:
    proc = _break_data(tmp_path, "statutes.yml", "articles:", "articles: [")
    assert proc.returncode != 0
    assert "data/statutes.yml" in proc.stderr and "Traceback" not in proc.stderr


def test_schema_violation_names_file_entry_and_field(tmp_path: Path) -> None:
    proc = _break_data(tmp_path, "statutes.yml", "unit: years", "unit: decades")
    assert proc.returncode != 0
    assert re.search(r"data/statutes\.yml: entry '[^']+': field '[^']*unit'", proc.stderr)
    assert "Traceback" not in proc.stderr


def test_unknown_article_in_a_marker_names_the_page(tmp_path: Path) -> None:
    proc = _break(tmp_path, "uk/law/index.md", "\n<!-- md:statute cc-999 -->\n")
    assert proc.returncode != 0
    assert "docs/uk/law/index.md" in proc.stderr and "cc-999" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_source_in_a_footnote_names_the_page(tmp_path: Path) -> None:
    proc = _break(tmp_path, "ru/law/index.md", "Факт.[^no-such-source]")
    assert proc.returncode != 0
    assert "docs/ru/law/index.md: unknown source id(s) no-such-source" in proc.stderr


def _table_numbers(page_html: str) -> list[str]:
    tables = re.findall(r'<div class="[^"]*statute-table[^"]*".*?</table>', page_html,
                        flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", "".join(tables)))
    return sorted(re.findall(r"\d+(?:[.,]\d+)?", text.replace("\u00a0", " ")))


def test_statute_tables_carry_the_same_numbers_in_every_language(offline_site: Path) -> None:
    import yaml

    data = yaml.safe_load((ROOT / "data" / "statutes.yml").read_text(encoding="utf-8"))
    articles = {a["id"]: a for a in data["articles"]}
    page = "law/military-crimes.html"
    numbers = {lang: _table_numbers(built_path(offline_site, lang, page[:-5] + ".md")
                                    .read_text(encoding="utf-8")) for lang in LANGS}
    assert numbers["en"], "no statute table on " + page
    assert numbers["ru"] == numbers["en"] and numbers["uk"] == numbers["en"]
    for art in ("cc-332", "cc-337", "cc-338", "cc-339"):
        for part in articles[art]["parts"]:
            for p in part.get("punishments", []):
                for key in ("min", "max"):
                    if key in p:
                        assert str(p[key]) in numbers["en"], (art, part["part"], key, p[key])


def test_missing_translation_falls_back_to_english_with_a_banner(tmp_path: Path) -> None:
    """With allow_missing, a page missing in Ukrainian is built from English,
    marked lang="en", under a localized banner; by default it blocks."""
    project = small_site(tmp_path / "project")
    (project / "docs" / "uk" / "law" / "index.md").unlink()
    blocked = build_site(tmp_path / "blocked", project=project, check=False)
    assert blocked.returncode != 0 and "docs/uk/law/index.md" in blocked.stderr
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "extra:\n", "extra:\n  translation_guard:\n    allow_missing: true\n", 1),
        encoding="utf-8")
    build_site(tmp_path / "site", project=project)
    page = (tmp_path / "site" / "uk" / "law" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="uk"' in page
    assert "translation-banner--fallback" in page and 'lang="uk"' in page
    assert '<div lang="en">' in page


def test_the_build_log_says_nothing_alarming_that_is_harmless(offline_site: Path) -> None:
    log = (offline_site.parent / "build.log").read_text(encoding="utf-8")
    assert "translation check:" in log  # the build's own lines stay
    assert "should be an absolute path" not in log
    assert "is not supported by lunr.js" not in log


def test_the_quiet_filter_drops_only_its_info_lines() -> None:
    import logging

    from sitetools.quiet import HARMLESS, HarmlessMessages

    name, texts = next(iter(HARMLESS.items()))
    quiet = HarmlessMessages(texts)

    def record(level: int, msg: str) -> logging.LogRecord:
        return logging.LogRecord(name, level, __file__, 1, msg, None, None)

    assert not quiet.filter(record(logging.INFO, f"x {texts[0]} y"))
    assert quiet.filter(record(logging.WARNING, f"x {texts[0]} y"))
    assert quiet.filter(record(logging.INFO, "Building 'uk' documentation"))
