"""`make dist`: every artifact of a release opened and used, not just listed.

Two releases are built once per session, at the same time, from the same
tree and with the same throwaway signing key (generated here, never stored):
one is examined, the two are compared byte for byte. Small unit tests of the
signature format, the archive writers and the verifier come first.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from nginx_mirror import NginxMirror, free_port

from sitetools import minisign as sign
from sitetools.data import load_all
from sitetools.release.dist import NAME, NEUTRAL_NAME, Release, _parser, sha256sums
from sitetools.release.tree import (
    language_tree,
    missing_references,
    neutralize_links,
    offline_tree,
    read_archive,
    tar_gz_bytes,
    zip_bytes,
)
from sitetools.release.verify import CANNOT_TELL, GENUINE, NOT_GENUINE, check_set
from sitetools.release.verify import main as verify_main
from sitetools.release.zim import illustration
from sitetools.render.release_key import release_key_markdown

from conftest import LANGS, ROOT

VOCABULARY = load_all(ROOT / "data").vocabulary

SITE_URL = "https://guide.example.org/"
EPOCH = 1795305600  # 2026-11-22 00:00 UTC, any fixed date


# ------------------------------------------------------------ unit: the 404 page


def test_the_offline_archive_404_page_links_relative_to_its_folder() -> None:
    from sitetools.postbuild.site import render_not_found

    page = render_not_found(["index.html", "ru", "uk"], None, VOCABULARY).encode()
    assert b'<a href="/ru/index.html" data-root="ru/index.html">' in page  # for a server
    tree = offline_tree({"404.html": page, "index.html": b"", "ru/index.html": b"",
                         "uk/index.html": b"", "search/search_index.json": b"{}"})
    assert b'<a href="ru/index.html" data-root="ru/index.html">' in tree["404.html"]
    assert missing_references(tree) == [] and "search/search_index.json" not in tree


# ------------------------------------------------------------ unit: signing

def test_signature_round_trip_and_tampering() -> None:
    key = sign.generate_key()
    signature = sign.sign(b"checksums\n", key, "timestamp:1\tfile:SHA256SUMS\thashed")
    parsed = sign.parse_signature(signature.file_text())
    assert sign.verify(b"checksums\n", parsed, key.public_key).startswith("timestamp:1")
    with pytest.raises(sign.SignError, match="does not match the file"):
        sign.verify(b"checksums!\n", parsed, key.public_key)
    forged = sign.Signature(parsed.algorithm, parsed.key_id, parsed.signature,
                            "timestamp:2", parsed.global_signature)
    with pytest.raises(sign.SignError, match="trusted comment was changed"):
        sign.verify(b"checksums\n", forged, key.public_key)
    with pytest.raises(sign.SignError, match="not with the trusted key"):
        sign.verify(b"checksums\n", parsed, sign.generate_key().public_key)


def test_key_files_round_trip_with_and_without_password() -> None:
    key = sign.generate_key()
    assert sign.parse_secret_key(sign.secret_key_text(key)) == key
    text = sign.secret_key_text(key, "pw", opslimit=32768, memlimit=16 << 20)
    assert sign.parse_secret_key(text, "pw") == key
    with pytest.raises(sign.SignError, match="set SIGNING_KEY_PASSWORD"):
        sign.parse_secret_key(text)
    with pytest.raises(sign.SignError, match="wrong password"):
        sign.parse_secret_key(text, "nope")
    public = sign.parse_public_key(key.public_key.file_text())
    assert public == key.public_key
    assert key.public_key.file_text().splitlines()[1].startswith("RW")  # b"Ed"…


def test_bad_key_files_give_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(sign.SignError, match="cannot read the signing key"):
        sign.load_secret_key(tmp_path / "missing.key")
    (tmp_path / "x.pub").write_text("hello\n")
    with pytest.raises(sign.SignError, match="not a minisign public key"):
        sign.load_public_key(tmp_path / "x.pub")
    with pytest.raises(sign.SignError, match="placeholder"):
        sign.load_public_key(ROOT / "keys" / "release.pub")


def test_release_key_marker_text() -> None:
    placeholder = (ROOT / "keys" / "release.pub").read_text(encoding="utf-8")
    assert "No release key" in release_key_markdown(placeholder, "en", VOCABULARY)
    key = sign.generate_key().public_key
    shown = release_key_markdown(key.file_text(), "ru", VOCABULARY)
    assert key.key_id_hex in shown and key.line() in shown


# ------------------------------------------------- unit: trees and archives

PAGE = ('<html><head><link rel="alternate" href="../index.html" hreflang="en">\n'
        '<link rel="alternate" href="index.html" hreflang="ru">\n</head><body>'
        '<nav class="page-languages-nav" aria-label="x"><a href="../index.html">English</a>'
        '</nav><p><a href="../law/x.html#a">same page in English</a> '
        '<a href="../uk/only.html">Ukrainian only</a> <a href="https://example.org/">out</a>'
        "</p></body></html>")


def test_one_language_links_fall_back_or_become_text() -> None:
    present = {"ru/index.html", "ru/law/x.html"}
    out = neutralize_links("ru/index.html", PAGE, present, "ru", LANGS, "en")
    assert 'hreflang="en"' not in out and 'hreflang="ru"' in out
    assert "page-languages" not in out
    assert '<a href="law/x.html#a">same page in English</a>' in out
    assert "</a> Ukrainian only <a" in out and '<a href="https://example.org/">' in out


def test_language_tree_keeps_one_language_and_its_search() -> None:
    index = {"config": {"lang": ["en"]}, "docs": [
        {"location": "index.html", "title": "a", "text": ""},
        {"location": "ru/index.html#x", "title": "b", "text": ""},
        {"location": "uk/index.html", "title": "c", "text": ""}]}
    site = {"index.html": b"<html></html>", "ru/index.html": b"<html></html>",
            "uk/index.html": b"<html></html>", "assets/a.css": b"",
            "search/search_index.js": ("var __index = " + json.dumps(index)).encode(),
            "search/search_index.json": json.dumps(index).encode(),
            "search/search_index.uk.js": b"", "search/search_index.ru.js": b""}
    tree = language_tree(site, "ru", LANGS, "en", title="t", link_text="open")
    assert sorted(tree) == ["assets/a.css", "index.html", "ru/index.html",
                            "search/search_index.js", "search/search_index.ru.js"]
    docs = json.loads(tree["search/search_index.js"].decode().removeprefix("var __index = "))
    assert [d["location"] for d in docs["docs"]] == ["ru/index.html#x"]
    assert b'url=ru/index.html' in tree["index.html"]
    assert missing_references(tree) == []


def test_archives_are_reproducible_and_normalized() -> None:
    tree = {"b.txt": b"b", "a/x.html": b"x" * 1000}
    assert zip_bytes(tree, "top", EPOCH) == zip_bytes(dict(reversed(tree.items())), "top", EPOCH)
    with zipfile.ZipFile(io.BytesIO(zip_bytes(tree, "top", EPOCH))) as zf:
        assert zf.namelist() == ["top/a/x.html", "top/b.txt"]
        assert {i.external_attr >> 16 for i in zf.infolist()} == {0o100644}
    tgz = tar_gz_bytes(tree, "top", EPOCH)
    assert tgz == tar_gz_bytes(tree, "top", EPOCH)
    assert int.from_bytes(tgz[4:8], "little") == EPOCH  # gzip header mtime


def test_read_archive_strips_the_top_folder(tmp_path: Path) -> None:
    path = tmp_path / "x.tar.gz"
    path.write_bytes(tar_gz_bytes({"a/b.txt": b"1"}, "top", EPOCH))
    assert read_archive(path) == {"a/b.txt": b"1"}


def test_illustration_is_a_48px_png() -> None:
    png = illustration(48)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png[12:16] == b"IHDR"
    assert int.from_bytes(png[16:20], "big") == 48 == int.from_bytes(png[20:24], "big")


def test_neutral_names_option() -> None:
    assert _parser().parse_args(["--neutral-names"]).neutral_names
    assert Release("1", EPOCH, "c", False, {}, {}, {}, "", True).prefix == NEUTRAL_NAME
    assert Release("1", EPOCH, "c", False, {}, {}, {}, "", False).prefix == NAME
    assert "desert" not in NEUTRAL_NAME and "guide" not in NEUTRAL_NAME


def test_missing_chromium_or_key_is_one_line(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    from sitetools.release.dist import main

    monkeypatch.delenv("SIGNING_KEY", raising=False)
    assert main(["--out", str(tmp_path / "d"), "--chromium", "/nonexistent/chromium"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Chromium not found" in err and "apt-get" in err
    monkeypatch.setenv("SIGNING_KEY", str(tmp_path / "no.key"))
    assert main(["--out", str(tmp_path / "d"), "--no-pdf"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read the signing key" in err
    assert main(["--out", str(tmp_path / "d"), "--pdf", "en,de"]) == 1
    err = capsys.readouterr().err
    assert err == "error: no language 'de' to print (languages: en, ru, uk)\n"
    assert not (tmp_path / "d").exists()


# ------------------------------------------------------------ unit: verify

def _sealed(key: sign.SecretKey, files: dict[str, bytes], scope: str = "tree") -> dict:
    files = dict(files)
    files["SHA256SUMS"] = sha256sums(files)
    comment = f"timestamp:1\tfile:SHA256SUMS\thashed\trelease:t\tscope:{scope}"
    files["SHA256SUMS.minisig"] = sign.sign(files["SHA256SUMS"], key, comment).file_text().encode()
    return files


def test_verify_set_genuine_changed_missing_added_unsigned() -> None:
    key = sign.generate_key()
    files = _sealed(key, {"index.html": b"a", "ru/index.html": b"b"})
    assert check_set(files, key.public_key).status == GENUINE
    changed = {**files, "ru/index.html": b"B"}
    report = check_set(changed, key.public_key)
    assert report.status == NOT_GENUINE and "ru/index.html: changed" in report.text("x")
    missing = {k: v for k, v in files.items() if k != "index.html"}
    assert check_set(missing, key.public_key).status == NOT_GENUINE
    added = {**files, "evil.html": b"<script>"}
    assert check_set(added, key.public_key).status == NOT_GENUINE
    assert check_set(added, key.public_key, allow_extra=True).status == GENUINE
    unsigned = {k: v for k, v in files.items() if k != "SHA256SUMS.minisig"}
    assert check_set(unsigned, key.public_key).status == CANNOT_TELL
    assert check_set(files, None).status == CANNOT_TELL
    assert check_set(files, sign.generate_key().public_key).status == NOT_GENUINE


# ------------------------------------------------------- the release build

def _dist(out: Path, key: Path, *options: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "SIGNING_KEY": str(key),
           "NO_MKDOCS_2_WARNING": "1"}
    for name in ("SIGNING_KEY_PASSWORD", "NEUTRAL_NAMES", "SITE_URL", "VERSION"):
        env.pop(name, None)
    return subprocess.Popen(
        [sys.executable, "-m", "sitetools.release.dist", "--out", str(out), "--site-url", SITE_URL,
         "--chromium", env.get("CHROMIUM", "/usr/bin/chromium"), *options],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="session")
def release_key(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throwaway key pair for this session (never the maintainers' key)."""
    folder = tmp_path_factory.mktemp("key")
    key = sign.generate_key()
    (folder / "test.key").write_text(sign.secret_key_text(key), encoding="ascii")
    (folder / "test.pub").write_text(key.public_key.file_text(), encoding="ascii")
    return folder / "test.key", folder / "test.pub"


@pytest.fixture(scope="session")
def releases(tmp_path_factory: pytest.TempPathFactory, release_key: tuple[Path, Path],
             chromium_path: str) -> tuple[Path, Path]:
    """Two releases of the same tree, built side by side: the whole release, and one that
    prints only the English PDF (a PDF is most of a release's time, and the same printing,
    under the same load, shows whether Chromium's PDFs come out the same)."""
    base = tmp_path_factory.mktemp("dist")
    outs = (base / "a", base / "b")
    procs = [_dist(outs[0], release_key[0]), _dist(outs[1], release_key[0], "--pdf", "en")]
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=900)
        if proc.returncode != 0:
            pytest.fail(f"make dist failed:\n{stderr[-3000:]}\n{stdout[-1000:]}", pytrace=False)
    return outs


@pytest.fixture(scope="session")
def release(releases: tuple[Path, Path]) -> Path:
    return releases[0]


def _name(kind: str, lang: str = "") -> str:
    return {"zip": f"{NAME}-{lang}.zip", "html": f"{NAME}-{lang}.html",
            "pdf": f"{NAME}-{lang}.pdf"}[kind]


@pytest.mark.build
@pytest.mark.browser
def test_release_lists_every_artifact(release: Path) -> None:
    names = {p.name for p in release.iterdir()}
    for lang in LANGS:
        assert {_name("zip", lang), _name("html", lang), _name("pdf", lang)} <= names
        assert any(n.startswith(f"{NAME}_{lang}_") and n.endswith(".zim") for n in names)
    assert {f"{NAME}-all.zip", f"{NAME}-mirror.tar.gz", "nginx-mirror.conf", "manifest.json",
            "SHA256SUMS", "SHA256SUMS.minisig", "release.pub", "mirror"} <= names
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["commit"] and manifest["version"] and manifest["date"]
    assert manifest["reference_period"]["reviewed_to"]
    listed = {f["name"] for f in manifest["files"]}
    assert listed == names - {"manifest.json", "SHA256SUMS", "SHA256SUMS.minisig",
                              "release.pub", "mirror"}
    assert not list((release / "mirror").rglob("*.map"))
    with zipfile.ZipFile(release / f"{NAME}-all.zip") as zf:
        assert not [n for n in zf.namelist() if n.endswith(".map")]
    page = (release / "mirror" / "about" / "mirrors.html").read_text(encoding="utf-8")
    placeholder = sign.is_placeholder((ROOT / "keys" / "release.pub").read_text("utf-8"))
    assert ("No release key has been published yet" in page) == placeholder


# ------------------------------------------------------- browser helpers

class Tab:
    """A page plus every request it made (none may leave the copy)."""

    def __init__(self, context, base: str) -> None:
        self.base = base
        self.requests: list[str] = []
        self.violations: list[str] = []
        context.on("request", lambda r: self.requests.append(r.url))
        self.page = context.new_page()
        self.page.on("console", lambda m: self.violations.append(m.text)
                     if "Content Security Policy" in m.text else None)

    def outside(self) -> list[str]:
        origin = urlsplit(self.base)
        return [u for u in self.requests
                if urlsplit(u).scheme not in ("data", "blob", "about")
                and (urlsplit(u).scheme, urlsplit(u).netloc) != (origin.scheme, origin.netloc)]


def _search(page, query: str) -> list[str]:
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    # "glossary.html?h=word#id" -> "glossary.html"
    return [(a.get_attribute("href") or "").split("#")[0].split("?")[0] for a in results.all()]


def _unzip(archive: Path, dest: Path) -> Path:
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(dest)
    (top,) = list(dest.iterdir())
    return top


# ------------------------------------------------------- offline archives

@pytest.mark.build
@pytest.mark.browser
def test_all_languages_archive_browses_searches_and_switches(
        release: Path, browser, tmp_path: Path) -> None:
    top = _unzip(release / f"{NAME}-all.zip", tmp_path)
    assert not (top / "search" / "search_index.json").exists()
    context = browser.new_context()
    tab = Tab(context, top.as_uri() + "/")
    tab.page.goto(tab.base + "index.html")
    tab.page.locator('.md-nav a[href$="law/index.html"]').first.click()
    tab.page.wait_for_url("**/law/index.html")
    assert any(h.endswith("/glossary.html") for h in _search(tab.page, "glossary"))
    tab.page.goto(tab.base + "law/index.html")
    tab.page.locator('.page-languages a[hreflang="ru"]').click()
    tab.page.wait_for_url(tab.base + "ru/law/index.html")
    assert any("glossary.html" in h for h in _search(tab.page, "словарь"))
    tab.page.goto(tab.base + "uk/index.html")
    assert any("glossary.html" in h for h in _search(tab.page, "словник"))
    context.close()
    assert tab.outside() == []


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query", "start"), [
    ("en", "glossary", "index.html"), ("ru", "словарь", "ru/index.html"),
    ("uk", "словник", "uk/index.html")])
def test_one_language_archive_has_no_dead_links_and_searches(
        release: Path, browser, tmp_path: Path, lang: str, query: str, start: str) -> None:
    top = _unzip(release / _name("zip", lang), tmp_path)
    files = {p.relative_to(top).as_posix(): p.read_bytes() for p in top.rglob("*")
             if p.is_file()}
    assert missing_references(files) == []
    others = [o for o in LANGS if o != lang and o != "en"]
    assert not any(name.startswith(tuple(f"{o}/" for o in others)) for name in files)
    context = browser.new_context()
    tab = Tab(context, top.as_uri() + "/")
    tab.page.goto(tab.base + "index.html")
    tab.page.wait_for_url(tab.base + start)
    assert tab.page.locator(".md-select, .page-languages").count() == 0
    hrefs = _search(tab.page, query)
    assert any("glossary.html" in h for h in hrefs), hrefs
    context.close()
    assert tab.outside() == []


# ---------------------------------------------------- single-file edition

@pytest.mark.build
@pytest.mark.browser
def test_single_file_edition_alone_jumps_to_anchors(
        release: Path, browser, tmp_path: Path) -> None:
    alone = tmp_path / "x.html"  # the file on its own, renamed as a messenger might
    shutil.copy(release / _name("html", "ru"), alone)
    text = alone.read_text(encoding="utf-8")
    assert "<script" not in text
    assert not re.findall(r'(?:href|src)="(?!#|data:|https?:|mailto:|tel:)[^"]+"', text)
    context = browser.new_context()
    tab = Tab(context, alone.as_uri())
    tab.page.goto(alone.as_uri())
    link = tab.page.locator('section.edition-page a[href^="#p-"]').first
    target = link.get_attribute("href")
    link.click()
    assert tab.page.url == alone.as_uri() + target
    assert tab.page.locator(target.replace(":", "\\:")).is_visible()
    # footnotes: a reference jumps to its note, the note's back-link returns
    ids = set(re.findall(r' id="([^"]+)"', text))
    internal = re.findall(r'href="#([^"]+)"', text)
    assert internal and not [h for h in internal if h not in ids]
    ref = tab.page.locator("a.footnote-ref").first
    note = ref.get_attribute("href")
    assert re.fullmatch(r"#fn\d+-\d+", note)
    ref.click()
    assert tab.page.locator(note).is_visible()
    assert tab.page.locator(note + " a.footnote-backref").first.get_attribute("title") == \
        "Назад к тексту"
    assert tab.page.evaluate("document.scripts.length") == 0
    context.close()
    assert set(tab.requests) == {alone.as_uri()}, tab.requests


# ------------------------------------------------------------------- PDF

@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize(("lang", "word", "reviewed"), [
    ("en", "Desertion", "Reviewed"), ("ru", "Дезертирство", "Проверено"),
    ("uk", "Дезертирство", "Перевірено")])
def test_pdf_has_contents_page_numbers_and_the_statute(
        release: Path, lang: str, word: str, reviewed: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(release / _name("pdf", lang))
    total = len(reader.pages)
    assert total > 1
    names = reader.named_destinations
    start = reader.get_destination_page_number(names["/p-law-military-crimes"])
    caption = r"(?:Article|Статья|Стаття) 338 [^\n]*" + word
    pages = {i: reader.pages[i].extract_text() for i in range(start, min(start + 15, total))}
    table = next(i for i, text in pages.items() if re.search(caption, text))
    assert "15" in pages[table] + pages.get(table + 1, "")
    for number in (1, total // 2, total):  # header and footer on every page
        text = reader.pages[number - 1].extract_text()
        assert f"{number} / {total}" in text
        assert urlsplit(SITE_URL).netloc in text and reviewed in text
    contents = "\n".join(reader.pages[i].extract_text() for i in range(3))
    numbers = [int(n) for n in re.findall(r"^(\d{1,3})$", contents, re.M)]
    assert len(numbers) >= 10 and numbers == sorted(numbers) and numbers[-1] <= total
    assert start + 1 in numbers  # the contents give the page a section starts on
    assert len(reader.outline) > 5
    assert reader.metadata["/CreationDate"].startswith("D:2026")


# ------------------------------------------------------------------- ZIM

@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize(("lang", "path", "query"), [
    ("ru", "ru/law/military-crimes.html", "дезертирство"),
    ("en", "law/military-crimes.html", "desertion")])
def test_zim_reads_back_and_searches(release: Path, lang: str, path: str, query: str) -> None:
    from libzim.reader import Archive
    from libzim.search import Query, Searcher

    (zim,) = release.glob(f"{NAME}_{lang}_*.zim")
    archive = Archive(zim)
    for key in ("Title", "Description", "Language", "Creator", "Publisher", "Date", "Name",
                "Illustration_48x48@1"):
        assert archive.get_metadata(key), key
    assert archive.get_metadata("Illustration_48x48@1").startswith(b"\x89PNG")
    assert len(archive.get_metadata("Title").decode()) <= 30
    assert archive.main_entry.get_item().path.endswith("index.html")
    html = bytes(archive.get_entry_by_path(path).get_item().content).decode("utf-8")
    assert "338" in html
    assert archive.has_fulltext_index
    results = list(Searcher(archive).search(Query().set_query(query)).getResults(0, 10))
    assert any(r.endswith(".html") for r in results), results


@pytest.mark.build
@pytest.mark.browser
def test_zims_pass_the_integrity_check_of_the_libzim_that_wrote_them(
        release: Path, tmp_path: Path) -> None:
    from sitetools.release.zim import check_zim

    zims = sorted(release.glob(f"{NAME}_*.zim"))
    assert len(zims) == 3
    assert {zim.name: check_zim(zim) for zim in zims} == {zim.name: [] for zim in zims}
    damaged = tmp_path / zims[0].name
    data = bytearray(zims[0].read_bytes())
    for i in range(len(data) // 2, len(data) // 2 + 64):
        data[i] ^= 0x55
    damaged.write_bytes(bytes(data))
    assert check_zim(damaged), "a damaged ZIM passed"


def test_zim_check_finds_a_link_to_a_missing_page(tmp_path: Path) -> None:
    from sitetools.release.zim import ZimMeta, check_zim, write_zim

    page = '<html><head><title>{}</title></head><body><a href="{}">x</a></body></html>'
    tree = {"index.html": page.format("Start", "law/a.html#top").encode(),
            "law/a.html": page.format("A", "../index.html").encode(),
            "law/b.html": page.format("B", "c.html").encode()}
    meta = ZimMeta(name="t_en", title="T", description="d", long_description="", lang="en",
                   creator="c", publisher="p", date="2026-11-22", main_path="index.html")
    write_zim(tree, meta, tmp_path / "t.zim", uuid_seed="s")
    assert check_zim(tmp_path / "t.zim") == [
        "law/b.html: links to c.html, which is not in the file"]


# ------------------------------------------------------------ verification

def _verify(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = verify_main(list(args))
    return code, out.getvalue()


@pytest.mark.build
@pytest.mark.browser
def test_verify_passes_then_fails_after_one_byte(
        release: Path, release_key: tuple[Path, Path], tmp_path: Path) -> None:
    pub = str(release_key[1])
    code, text = _verify(str(release), "--pubkey", pub)
    assert code == 0 and text.startswith("GENUINE"), text
    zip_ru = release / _name("zip", "ru")
    assert _verify(str(zip_ru), "--pubkey", pub)[0] == 0
    copy = tmp_path / "copy"
    shutil.copytree(release, copy)
    page = copy / "mirror" / "ru" / "law" / "index.html"
    data = bytearray(page.read_bytes())
    data[len(data) // 2] ^= 1
    page.write_bytes(bytes(data))
    code, text = _verify(str(copy / "mirror"), "--pubkey", pub)
    assert code == 1 and text.startswith("NOT GENUINE"), text
    assert "ru/law/index.html: changed" in text
    archive = copy / _name("zip", "uk")
    data = bytearray(archive.read_bytes())
    data[100] ^= 1
    archive.write_bytes(bytes(data))
    code, text = _verify(str(copy), "--pubkey", pub)
    assert code == 1 and f"{_name('zip', 'uk')}: changed" in text, text
    if sign.is_placeholder((ROOT / "keys" / "release.pub").read_text(encoding="utf-8")):
        code, text = _verify(str(release))
        assert code == 2 and "no trusted public key" in text


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("damage", ["flip", "truncate", "not-an-archive"])
@pytest.mark.parametrize("kind", ["zip", "tar.gz"])
def test_a_damaged_archive_is_not_genuine_with_a_reason(
        release: Path, tmp_path: Path, damage: str, kind: str) -> None:
    source = release / (_name("zip", "ru") if kind == "zip" else f"{NAME}-mirror.tar.gz")
    archive = tmp_path / source.name  # alone: nothing next to it to compare with
    data = bytearray(source.read_bytes())
    if damage == "flip":
        for i in range(len(data) // 3, len(data) // 3 + 64):
            data[i] ^= 0x55
    elif damage == "truncate":
        data = data[: len(data) // 2]
    else:
        data = bytearray(b"<html>not an archive</html>")
    archive.write_bytes(bytes(data))
    code, text = _verify(str(archive))
    assert code == 1 and text.startswith("NOT GENUINE"), text
    assert "Traceback" not in text and len(text.splitlines()) <= 4, text
    assert re.search(r"damaged|changed|no SHA256SUMS inside", text), text


@pytest.mark.build
@pytest.mark.browser
def test_an_unsigned_release_with_a_changed_or_added_file_is_not_genuine(
        release: Path, tmp_path: Path) -> None:
    copy = tmp_path / "dist"
    copy.mkdir()
    shutil.copy(release / "SHA256SUMS", copy)
    shutil.copy(release / "nginx-mirror.conf", copy)
    shutil.copytree(release / "mirror", copy / "mirror")
    for sig in copy.rglob("SHA256SUMS.minisig"):
        sig.unlink()
    code, text = _verify(str(copy))
    assert code == 2 and text.startswith("CANNOT TELL") and "not signed" in text, text
    page = copy / "mirror" / "ru" / "law" / "index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</body>", b"<p>x</p></body>"))
    code, text = _verify(str(copy))
    assert code == 1 and text.startswith("NOT GENUINE"), text
    assert "mirror/: ru/law/index.html: changed" in text
    page.write_bytes(original)
    for added in (copy / "mirror" / "ru" / "evil.html", copy / "guide-update.apk"):
        added.write_bytes(b"x")
        code, text = _verify(str(copy))
        assert code == 1 and text.startswith("NOT GENUINE"), text
        assert f"not part of the release: {added.name}" in text or \
            f"not part of the release: ru/{added.name}" in text, text
        added.unlink()


@pytest.mark.build
@pytest.mark.browser
def test_the_readme_stock_tool_check_notices_an_added_file(
        release: Path, release_key: tuple[Path, Path], tmp_path: Path) -> None:
    if shutil.which("minisign") is None or shutil.which("bash") is None:
        pytest.fail("minisign and bash are needed (Debian: apt-get install minisign)",
                    pytrace=False)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (command,) = [line for line in readme.splitlines()
                  if line.startswith("minisign -Vm SHA256SUMS") and "diff <(" in line]
    mirror = tmp_path / "mirror"
    shutil.copytree(release / "mirror", mirror)

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-c", command], cwd=mirror, capture_output=True,
                              text=True, env={**os.environ, "KEY": str(release_key[1])})

    proc = check()
    assert proc.returncode == 0 and proc.stdout.endswith("GENUINE\n"), proc.stdout + proc.stderr
    (mirror / "ru" / "law" / "update.html").write_text("<p>new</p>", encoding="utf-8")
    proc = check()
    assert proc.returncode != 0 and "> ru/law/update.html" in proc.stdout, proc.stdout
    (mirror / "ru" / "law" / "update.html").unlink()
    page = mirror / "ru" / "law" / "index.html"
    page.write_bytes(page.read_bytes() + b" ")
    proc = check()
    assert proc.returncode != 0 and "ru/law/index.html: FAILED" in proc.stdout, proc.stdout


@pytest.mark.build
@pytest.mark.browser
def test_stock_minisign_verifies_the_release(
        release: Path, release_key: tuple[Path, Path], tmp_path: Path) -> None:
    tool = shutil.which("minisign")
    if tool is None:
        pytest.fail("minisign not found: install it (Debian: apt-get install minisign)",
                    pytrace=False)
    proc = subprocess.run([tool, "-Vm", "SHA256SUMS", "-p", str(release_key[1])],
                          cwd=release, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "release:" in proc.stdout
    proc = subprocess.run([tool, "-Vm", "SHA256SUMS", "-p", "release.pub"],
                          cwd=release / "mirror", capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    # and the other way: minisign signs with our key file, our verifier accepts it
    (tmp_path / "f").write_bytes(b"data\n")
    proc = subprocess.run([tool, "-S", "-s", str(release_key[0]), "-m", str(tmp_path / "f")],
                          capture_output=True, text=True, input="")
    assert proc.returncode == 0, proc.stderr
    signature = sign.parse_signature((tmp_path / "f.minisig").read_text())
    sign.verify(b"data\n", signature, sign.load_public_key(release_key[1]))


# ---------------------------------------------------------- reproducible

@pytest.mark.build
@pytest.mark.browser
def test_two_builds_are_byte_identical(releases: tuple[Path, Path]) -> None:
    """Every file of the second release (one PDF) is the first's, byte for byte; only the
    lists of files (manifest, checksums and their signature) leave out the 2 PDFs."""
    a, b = releases

    def digests(root: Path) -> dict[str, str]:
        return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(root.rglob("*")) if p.is_file()}

    first, second = digests(a), digests(b)
    lists = {"manifest.json", "SHA256SUMS", "SHA256SUMS.minisig"}
    assert sorted(set(first) - set(second)) == [_name("pdf", "ru"), _name("pdf", "uk")]
    assert set(second) <= set(first) and _name("pdf", "en") in second
    differ = sorted(name for name in second if name not in lists and first[name] != second[name])
    assert differ == [], f"not reproducible: {differ}"
    entries = [{f["name"]: f for f in json.loads((root / "manifest.json").read_text())["files"]}
               for root in (a, b)]
    assert {n: f for n, f in entries[0].items() if n in entries[1]} == entries[1]


@pytest.mark.build
def test_sitemap_and_dates_follow_source_date_epoch(tmp_path: Path) -> None:
    """The online profile's sitemap dates come from SOURCE_DATE_EPOCH, not the clock."""
    from conftest import build_site, small_site

    site = tmp_path / "site"
    build_site(site, project=small_site(tmp_path / "project"),
               env={"SITE_URL": "https://guide.example.org/", "OFFLINE": "false",
                    "SOURCE_DATE_EPOCH": "1700000000"})
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>",
                          (site / "sitemap.xml").read_text(encoding="utf-8"))) == {"2023-11-14"}
    assert int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little") == 1699920000


# ------------------------------------------------------------- the mirror

def _policy(conf: str) -> dict[str, str]:
    return dict(re.findall(r'^\s*add_header (\S+) "([^"]*)" always;', conf, re.M))


class _Mirror(SimpleHTTPRequestHandler):
    """Serves the mirror tree under /guide/ with the example's headers."""

    headers_to_send: dict[str, str] = {}

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / "guide" / "404.html"
        if code != 404:
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def mirror_url(release: Path, tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "www"
    shutil.copytree(release / "mirror", root / "guide")
    conf = (release / "nginx-mirror.conf").read_text(encoding="utf-8")
    handler = type("H", (_Mirror,), {"headers_to_send": _policy(conf)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/guide/"
    server.shutdown()


@pytest.mark.build
@pytest.mark.browser
def test_mirror_works_under_its_strict_policy(release: Path, browser, mirror_url: str) -> None:
    conf = (release / "nginx-mirror.conf").read_text(encoding="utf-8")
    csp = _policy(conf)["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    context = browser.new_context()
    tab = Tab(context, mirror_url)
    tab.page.goto(mirror_url + "ru/law/index.html")
    assert any("glossary.html" in h for h in _search(tab.page, "словарь"))
    tab.page.locator(".md-search__input").press("Escape")
    tab.page.locator('.page-languages a[hreflang="uk"]').click()
    tab.page.wait_for_url(mirror_url + "uk/law/index.html")
    response = tab.page.goto(mirror_url + "law/deep/missing.html")
    assert response is not None and response.status == 404
    assert tab.page.locator('section[lang="ru"] a').get_attribute("href") == \
        urlsplit(mirror_url).path + "ru/index.html"
    context.close()
    assert tab.violations == [] and tab.outside() == []


@pytest.mark.build
@pytest.mark.browser
def test_mirror_precompressed_copies_match(release: Path) -> None:
    import brotli

    mirror = release / "mirror"
    gz = sorted(mirror.rglob("*.html.gz"))
    assert gz and sorted(mirror.rglob("*.html.br"))
    for path in gz[:20]:
        original = path.with_suffix("")
        assert gzip.decompress(path.read_bytes()) == original.read_bytes()
        assert brotli.decompress(path.with_suffix(".br").read_bytes()) == original.read_bytes()


def test_pdf_structure_ids_are_renumbered_in_order_and_width() -> None:
    from sitetools.release.pdf import renumber_node_ids

    pdf = b"/ID (node00000388)>> /ID (node00000391) [(node00000388) 7 0 R (node00000391)]"
    assert renumber_node_ids(pdf) == (
        b"/ID (node00000001)>> /ID (node00000002) [(node00000001) 7 0 R (node00000002)]")
    assert len(renumber_node_ids(pdf)) == len(pdf)


# ------------------------------------------------------- the mirror on nginx

@pytest.fixture(scope="session")
def nginx(release: Path) -> Iterator[NginxMirror]:
    server = NginxMirror(release / "mirror",
                         (release / "nginx-mirror.conf").read_text(encoding="utf-8"))
    yield server
    server.remove()


@pytest.fixture(scope="session")
def nginx_url(nginx: NginxMirror) -> Iterator[str]:
    with nginx.serving() as url:
        yield url


@pytest.mark.build
@pytest.mark.browser
def test_the_nginx_example_passes_nginx_t_as_it_is_and_with_https(
        nginx: NginxMirror, tmp_path: Path) -> None:
    """Debian 12's nginx 1.22 too: no `http2 on;` (1.25.1), no brotli_static (a module).
    `nginx -t` binds the ports it listens on: they are moved to free local ones."""
    local = nginx.local(free_port())
    proc = nginx.test(local, "as-is")
    assert proc.returncode == 0, proc.stderr
    directives = [line.split("#")[0].strip() for line in nginx.conf.splitlines()]
    assert not [d for d in directives if d.startswith(("http2 ", "brotli"))], directives
    # the HTTPS lines, uncommented, with a throwaway certificate
    cert, key = _self_signed(nginx.base)
    https = local
    for old, new in (
            ("    # listen 443 ssl http2;\n", f"    listen 127.0.0.1:{free_port()} ssl http2;\n"),
            ("    # ssl_certificate     /etc/letsencrypt/live/mirror.example.org/fullchain.pem;",
             f"    ssl_certificate {cert};"),
            ("    # ssl_certificate_key /etc/letsencrypt/live/mirror.example.org/privkey.pem;",
             f"    ssl_certificate_key {key};")):
        assert old in https, old
        https = https.replace(old, new)
    proc = nginx.test(https, "https")
    assert proc.returncode == 0, proc.stderr


def _self_signed(folder: Path) -> tuple[Path, Path]:
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mirror.example.org")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    for path in (cert_path, key_path):
        path.chmod(0o644)
    return cert_path, key_path


class _Watch:
    """Every CSP violation and failed request of a browser context."""

    def __init__(self, context) -> None:
        self.violations: list[str] = []
        self.failed: list[str] = []
        context.on("requestfailed", self._request_failed)
        context.on("response", self._response)
        context.on("page", lambda page: page.on("console", self._console))

    def _request_failed(self, request) -> None:
        # ERR_ABORTED: the test went on to the next page before this one was done
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url} ({response.status})")

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(message.text[:300])


@pytest.mark.build
@pytest.mark.browser
def test_nginx_mirror_search_quick_exit_and_addresses_without_html(
        nginx_url: str, browser) -> None:
    context = browser.new_context()
    watch = _Watch(context)
    tab = context.new_page()
    response = tab.goto(nginx_url + "index.html")
    # gzip_static serves the precompressed copy, with the kit's policy (every page is loaded
    # under the same file's headers in the phone pass of tests/every_page.py)
    assert response is not None and response.headers.get("content-encoding") == "gzip"
    assert response.headers.get("content-security-policy", "").startswith("default-src 'none'")
    assert any(h.endswith("glossary.html") for h in _search(tab, "glossary"))
    tab.goto(nginx_url + "ru/index.html")
    assert any(h.endswith("ru/situations/summons.html") or "summons" in h
               for h in _search(tab, "повестками"))
    tab.goto(nginx_url + "uk/law/index.html")
    tab.locator("a.quick-exit").click()
    tab.wait_for_url(nginx_url + "uk/neutral.html")
    for address in ("ru/law/military-crimes", "ru/law/military-crimes/"):
        response = tab.goto(nginx_url + address)
        assert response is not None and response.status == 200, address
        assert tab.url.startswith(nginx_url + "ru/law/military-crimes"), tab.url
        assert tab.locator("h1").first.inner_text().strip()
        # its relative links work: the stylesheet applied, the language links resolve
        assert tab.evaluate("getComputedStyle(document.querySelector('.md-header'))"
                            ".position") in ("sticky", "fixed")
        href = tab.locator('.page-languages a[hreflang="uk"]').evaluate("a => a.href")
        assert href == nginx_url + "uk/law/military-crimes.html", href
    assert tab.goto(nginx_url + "ru/law/").status == 200
    assert watch.violations == [] and watch.failed == [], (watch.violations, watch.failed)
    assert tab.goto(nginx_url + "ru/law/nothing-here/").status == 404
    context.close()
