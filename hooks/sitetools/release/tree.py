"""File trees of a release: the built site as data, its per-language subsets,
and reproducible zip / tar.gz archives of a tree.

A tree is a ``dict`` from a POSIX path relative to the tree's root to the
file's bytes. Nothing here reads the clock: archive dates come from the
caller (``SOURCE_DATE_EPOCH``), entries are sorted, permissions fixed.

Per-language trees (decided for readers who get one language only): the
language switcher (header menu, the links above each title, ``<link
rel=alternate>``) loses the languages that are not in the archive; a link in
the text to a page in another language falls back to the same page in the
archive's language, and a link to anything else that is absent becomes plain
text. :func:`missing_references` proves afterwards that nothing points outside
the tree.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import posixpath
import re
import tarfile
import time
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

Tree = dict[str, bytes]

SHARED_PREFIXES = ("assets/", "search/")
SEARCH_JSON = "search/search_index.json"
SEARCH_JS = "search/search_index.js"
_SOURCE_MAP = re.compile(rb"\n?(?://|/\*)# sourceMappingURL=[^\s*]+(?: \*/)?\s*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_REF = re.compile(r'(?P<pre>\s(?P<attr>href|src)=")(?P<url>[^"]*)(?P<post>")')
_ANCHOR = re.compile(r'<a\b(?P<attrs>[^>]*)>(?P<body>.*?)</a>', re.S)
_HREF = re.compile(r'\shref="([^"]*)"')
_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_HEADER_SELECT = re.compile(
    r'<div class="md-header__option">\s*<div class="md-select">.*?</ul>\s*</div>\s*</div>\s*</div>',
    re.S)
_LANG_INDEX = re.compile(r"^search/search_index\.([a-z]{2,3})\.(?:js|json)$")
_PAGE_LANGUAGES = re.compile(r'<nav class="page-languages-nav".*?</nav>', re.S)


# ------------------------------------------------------------------ reading

def load_site(site_dir: Path) -> Tree:
    """Every file of a built site, without source maps (nor the comments naming them)."""
    tree: Tree = {}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix == ".map":
            continue
        rel = path.relative_to(site_dir).as_posix()
        data = path.read_bytes()
        if path.suffix in (".js", ".css"):
            data = _SOURCE_MAP.sub(b"\n", data)
        tree[rel] = data
    return tree


def write_tree(tree: Mapping[str, bytes], dest: Path, epoch: int) -> None:
    """Write a tree to a directory; files get the release's modification time."""
    for rel in sorted(tree):
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(tree[rel])
        path.chmod(0o644)
        os.utime(path, (epoch, epoch))


# ------------------------------------------------------------- languages

def page_language(rel: str, languages: Iterable[str], default: str) -> str | None:
    """The language of a page path, or None for a shared file (assets, search, 404)."""
    if rel.startswith(SHARED_PREFIXES) or rel in ("404.html", "neutral.html"):
        return None
    first = rel.split("/", 1)[0]
    if "/" in rel and first in languages and first != default:
        return first
    return default if rel.endswith(".html") else None


def resolve(page: str, url: str) -> tuple[str, str] | None:
    """(target path in the tree, '#fragment' or '') of a relative link, None if not local."""
    if not url or url.startswith(("#", "//")) or _SCHEME.match(url):
        return None
    path, _, frag = url.partition("#")
    path = path.split("?", 1)[0]
    if not path:
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return target, ("#" + frag if frag else "")


def relative(page: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def counterpart(target: str, lang: str, languages: Iterable[str], default: str) -> str:
    """The same page in ``lang`` (``ru/law/x.html`` -> ``uk/law/x.html`` or ``law/x.html``)."""
    first, _, rest = target.partition("/")
    bare = rest if first in languages and first != default and rest else target
    return bare if lang == default else f"{lang}/{bare}"


def neutralize_links(page: str, text: str, present: set[str], lang: str,
                     languages: Iterable[str], default: str) -> str:
    """Drop switcher entries and fix or unwrap links to files absent from the tree."""
    languages = tuple(languages)
    text = _ALTERNATE.sub(
        lambda m: m.group(0) if _present(page, _HREF.search(m.group(0)).group(1), present)
        else "", text)
    text = _HEADER_SELECT.sub("", text)
    text = _PAGE_LANGUAGES.sub("", text)

    def anchor(m: re.Match[str]) -> str:
        href = _HREF.search(m.group("attrs"))
        found = resolve(page, href.group(1)) if href else None
        if found is None or found[0] in present:
            return m.group(0)
        other = counterpart(found[0], lang, languages, default)
        if other in present:
            new = relative(page, other) + found[1]
            return m.group(0).replace(f'href="{href.group(1)}"', f'href="{new}"', 1)
        return m.group("body")

    return _ANCHOR.sub(anchor, text)


def _present(page: str, url: str, present: set[str]) -> bool:
    found = resolve(page, url)
    return found is None or found[0] in present


def filter_search_index(data: bytes, keep: Callable[[str], bool]) -> dict:
    index = json.loads(data.decode("utf-8").removeprefix("var __index = "))
    index["docs"] = [doc for doc in index["docs"] if keep(doc["location"])]
    return index


def search_files(index: dict, *, with_json: bool) -> Tree:
    text = json.dumps(index, separators=(",", ":"))
    files = {SEARCH_JS: ("var __index = " + text).encode("utf-8")}
    if with_json:
        files[SEARCH_JSON] = text.encode("utf-8")
    return files


def redirect_page(target: str, lang: str, title: str, link_text: str) -> bytes:
    """A root ``index.html`` for a one-language archive whose pages live under ``lang/``."""
    import html

    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta http-equiv="refresh" content="0; url={html.escape(target)}">'
        f"<title>{html.escape(title)}</title></head><body>"
        f'<p><a href="{html.escape(target)}">{html.escape(link_text)}</a></p>'
        "</body></html>\n"
    ).encode()


def language_tree(site: Mapping[str, bytes], lang: str, languages: tuple[str, ...],
                  default: str, *, title: str, link_text: str, with_json: bool = False) -> Tree:
    """The pages of one language plus the shared assets, links made safe.

    The search index keeps this language's documents: the documents of the
    shared index are filtered, and a per-language index file of another
    language (``search/search_index.<lang>.js``) is left out.
    """
    tree: Tree = {}
    for rel, data in site.items():
        if rel in (SEARCH_JSON, SEARCH_JS, "404.html"):
            continue
        m = _LANG_INDEX.match(rel)
        if m and m.group(1) in languages and m.group(1) != lang:
            continue
        owner = page_language(rel, languages, default)
        if owner is None or owner == lang:
            tree[rel] = data
    if SEARCH_JS in site:
        index = filter_search_index(
            site[SEARCH_JS],
            lambda loc: page_language(loc.split("#")[0] or "index.html", languages,
                                      default) == lang)
        tree.update(search_files(index, with_json=with_json))
    if lang != default:
        tree["index.html"] = redirect_page(f"{lang}/index.html", lang, title, link_text)
    present = set(tree)
    for rel in sorted(tree):
        if rel.endswith(".html") and not (rel == "index.html" and lang != default):
            text = tree[rel].decode("utf-8")
            tree[rel] = neutralize_links(rel, text, present, lang, languages,
                                         default).encode("utf-8")
    return tree


_ROOT_LINK = re.compile(rb'(<a href=")/(?=[^"]*" data-root=)')


def offline_tree(site: Mapping[str, bytes]) -> Tree:
    """All languages for reading from the file system (``search_index.js`` only).

    The 404 page links to the start pages from the host's root (right for a server,
    which shows it at any depth); opened from the file system it stands at the root of
    the archive, so its links are made relative to it.
    """
    tree = {rel: data for rel, data in site.items() if rel != SEARCH_JSON}
    if "404.html" in tree:
        tree["404.html"] = _ROOT_LINK.sub(rb"\1", tree["404.html"])
    return tree


def missing_references(tree: Mapping[str, bytes]) -> list[str]:
    """'page: url' for every href/src in an HTML page that points to an absent file."""
    present = set(tree)
    problems = []
    for rel in sorted(tree):
        if not rel.endswith(".html"):
            continue
        for m in _REF.finditer(tree[rel].decode("utf-8")):
            found = resolve(rel, m.group("url"))
            if found and found[0] not in present and found[0] + "/index.html" not in present:
                problems.append(f"{rel}: {m.group('url')}")
    return problems


# ---------------------------------------------------------------- archives

def _zip_date(epoch: int) -> tuple[int, int, int, int, int, int]:
    t = time.gmtime(max(epoch, 315532800))  # zip dates start in 1980
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec - t.tm_sec % 2)


def zip_bytes(tree: Mapping[str, bytes], folder: str, epoch: int) -> bytes:
    """A zip of ``tree`` under ``folder/``: sorted, fixed dates and permissions."""
    buf = io.BytesIO()
    date = _zip_date(epoch)
    with zipfile.ZipFile(buf, "w") as zf:
        for rel in sorted(tree):
            info = zipfile.ZipInfo(f"{folder}/{rel}", date_time=date)
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = (0o100644 & 0xFFFF) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, tree[rel], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buf.getvalue()


def tar_gz_bytes(tree: Mapping[str, bytes], folder: str, epoch: int) -> bytes:
    """A tar.gz of ``tree`` under ``folder/``: sorted, mtime fixed, owner 0:0, mode 644/755."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tf:
        dirs: set[str] = set()
        for rel in sorted(tree):
            parts = f"{folder}/{rel}".split("/")
            for i in range(1, len(parts)):
                d = "/".join(parts[:i])
                if d not in dirs:
                    dirs.add(d)
                    tf.addfile(_tarinfo(d, epoch, tarfile.DIRTYPE, 0o755, 0))
            data = tree[rel]
            tf.addfile(_tarinfo(f"{folder}/{rel}", epoch, tarfile.REGTYPE, 0o644, len(data)),
                       io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=epoch,
                       compresslevel=9) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def _tarinfo(name: str, epoch: int, kind: bytes, mode: int, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.size, info.mtime = kind, mode, size, epoch
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def read_archive(path: Path) -> Tree:
    """The files of a zip or tar.gz release archive, without its top folder."""
    files: Tree = {}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if not info.is_dir():
                    files[info.filename] = zf.read(info)
    elif tarfile.is_tarfile(path):
        with tarfile.open(path) as tf:
            for member in tf.getmembers():
                if member.isfile():
                    handle = tf.extractfile(member)
                    files[member.name] = handle.read() if handle else b""
    else:
        raise ValueError(f"{path}: not a zip or tar.gz archive")
    tops = {name.split("/", 1)[0] for name in files}
    if len(tops) == 1 and all("/" in name for name in files):
        top = tops.pop() + "/"
        files = {name[len(top):]: data for name, data in files.items()}
    return files
