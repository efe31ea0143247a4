"""ZIM files for Kiwix (python-libzim), one per language, with a full-text index.

A ZIM holds one language's tree (the same pages as the one-language offline
archive, with ``search_index.json`` because Kiwix serves pages over its own
scheme, not ``file://``). The metadata Kiwix requires are set from the
release: Name, Title, Description, LongDescription, Language, Creator,
Publisher, Date (from ``SOURCE_DATE_EPOCH``), Illustration_48x48@1 (a PNG of
the site's shield drawn here with zlib and struct, no imaging library).

Reproducibility: libzim draws a random UUID for the file, and each of its
two Xapian databases (full text, titles) draws one for itself; with one worker
thread nothing else differs between runs. :func:`fix_uuids` replaces the three
with values derived from the content and recomputes the file's MD5 checksum,
so two runs give the same bytes. If a libzim or Xapian release changes that
(a compressed index, a new random field), the byte comparison in the tests
fails and says so; the ZIM is then to be listed as not reproducible.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ISO_639_3 = {"en": "eng", "ru": "rus", "uk": "ukr"}
MIMETYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "application/javascript",
    ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
    ".txt": "text/plain", ".xml": "application/xml", ".ico": "image/x-icon",
}
_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)


@dataclass(frozen=True)
class ZimMeta:
    name: str  # e.g. military-service-guide_ru (stable across releases)
    title: str  # at most 30 characters
    description: str  # at most 80 characters
    long_description: str
    lang: str  # en, ru, uk
    creator: str
    publisher: str
    date: str  # YYYY-MM-DD
    main_path: str
    source: str = ""
    license: str = "CC BY 4.0"
    tags: str = "_ftindex:yes;_pictures:no;_videos:no;_details:yes"


class ZimError(RuntimeError):
    """libzim missing or refusing the content (one line)."""


# --------------------------------------------------------------- the icon

def _png(width: int, height: int, rgba: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\0" + rgba[y * width * 4:(y + 1) * width * 4] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def _in_shield(x: float, y: float) -> int:
    """0 outside, 1 shield, 2 the white "!" (the favicon's shapes, 24-unit box)."""
    if 11 <= x <= 13 and (7 <= y <= 13 or 15 <= y <= 17):
        return 2
    if not 4 <= x <= 20:
        return 0
    top = 5 - 3 * (1 - abs(x - 12) / 8)  # the roof from (4,5) over (12,2) to (20,5)
    if y < top:
        return 0
    if y <= 11:
        return 1
    # below y=11 the sides curve in to the point at (12, 22)
    t = (y - 11) / 11
    if t > 1:
        return 0
    half = 8 * (1 - t ** 1.6) ** 0.75
    return 1 if abs(x - 12) <= half else 0


def illustration(size: int = 48, colour: tuple[int, int, int] = (0x45, 0x5A, 0x64)) -> bytes:
    """The site's shield icon as a square PNG, anti-aliased by 4x4 supersampling."""
    pixels = bytearray()
    scale = 24 / size
    for py in range(size):
        for px in range(size):
            shield = mark = 0
            for sy in range(4):
                for sx in range(4):
                    hit = _in_shield((px + (sx + 0.5) / 4) * scale, (py + (sy + 0.5) / 4) * scale)
                    shield += hit >= 1
                    mark += hit == 2
            alpha = round(255 * shield / 16)
            white = mark / shield if shield else 0
            pixels += bytes(round(c + (255 - c) * white) for c in colour) + bytes([alpha])
    return _png(size, size, bytes(pixels))


# ------------------------------------------------------------------- zim

def _title(path: str, data: bytes) -> str:
    import html

    m = _TITLE.search(data) if path.endswith(".html") else None
    return html.unescape(m.group(1).decode("utf-8")).strip() if m else path


def write_zim(tree: Mapping[str, bytes], meta: ZimMeta, dest: Path, *, uuid_seed: str) -> None:
    """Write ``tree`` as a ZIM at ``dest`` (indexed in ``meta.lang``)."""
    try:
        from libzim.writer import Creator, Hint, Item, StringProvider
    except ImportError:
        raise ZimError("libzim is missing: run `make install`") from None

    class Entry(Item):
        def __init__(self, path: str, data: bytes, front: bool) -> None:
            super().__init__()
            self.path, self.data, self.front = path, data, front

        def get_path(self) -> str:
            return self.path

        def get_title(self) -> str:
            return _title(self.path, self.data)

        def get_mimetype(self) -> str:
            return MIMETYPES.get(Path(self.path).suffix, "application/octet-stream")

        def get_contentprovider(self) -> StringProvider:
            return StringProvider(self.data)

        def get_hints(self) -> dict:
            return {Hint.FRONT_ARTICLE: self.front}

    if meta.main_path not in tree:
        raise ZimError(f"{meta.main_path}: the main page is not in the tree")
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists():
        dest.unlink()
    creator = (Creator(str(dest)).config_indexing(True, ISO_639_3[meta.lang])
               .config_nbworkers(1))
    with creator:
        creator.set_mainpath(meta.main_path)
        creator.add_illustration(48, illustration(48))
        for key, value in (
            ("Name", meta.name), ("Title", meta.title), ("Description", meta.description),
            ("LongDescription", meta.long_description), ("Language", ISO_639_3[meta.lang]),
            ("Creator", meta.creator), ("Publisher", meta.publisher), ("Date", meta.date),
            ("Tags", meta.tags), ("License", meta.license), ("Source", meta.source),
        ):
            if value:
                creator.add_metadata(key, value)
        for path in sorted(tree):
            front = path.endswith(".html") and path not in ("404.html", "neutral.html") \
                and b'http-equiv="refresh"' not in tree[path][:600]
            creator.add_item(Entry(path, tree[path], front))
    fix_uuids(dest, uuid_seed)


REQUIRED_METADATA = ("Name", "Title", "Description", "Language", "Creator", "Publisher",
                     "Date", "Illustration_48x48@1")
_LINK = re.compile(rb'\s(?:href|src)="([^"#?]+)[^"]*"')


def check_zim(path: Path) -> list[str]:
    """What libzim, of the version that wrote the file, finds wrong with it (empty: nothing).

    Debian 12's zimcheck (zim-tools 3.1.3, libzim 8) rejects every ZIM that
    libzim 9.3 or later writes ("Full Title index table outside ZIM file": the
    old title pointer list is gone from the format), so the release checks its
    ZIMs with the libzim that wrote them: its checksum check (``Archive.check``),
    every entry read back (so every cluster is decompressed), the metadata Kiwix
    needs, the main page, the title and full-text indexes, and every link
    between the pages (what zimcheck's ``url_internal`` check does).
    """
    import posixpath

    try:
        from libzim.reader import Archive
    except ImportError:
        raise ZimError("libzim is missing: run `make install`") from None
    try:
        archive = Archive(path)
    except RuntimeError as error:
        return [f"libzim cannot open it: {error}"]
    problems = []
    if not archive.has_checksum or not archive.check():
        problems.append("its MD5 checksum does not match its content")
    for key in REQUIRED_METADATA:
        try:
            archive.get_metadata(key)
        except RuntimeError:
            problems.append(f"no metadata {key}")
    if not archive.has_main_entry:
        problems.append("no main page")
    if not archive.has_title_index or not archive.has_fulltext_index:
        problems.append("no title or no full-text index")
    pages = []
    for number in range(archive.all_entry_count):
        entry = archive._get_entry_by_id(number)  # the binding's only way to list entries
        try:
            item = entry.get_item()  # a redirect: its target
            data = bytes(item.content)
        except (RuntimeError, KeyError) as error:
            problems.append(f"{entry.path}: cannot be read ({error})")
            continue
        if len(data) != item.size:
            problems.append(f"{entry.path}: {len(data)} bytes read of {item.size}")
        if number < archive.entry_count and item.mimetype.startswith("text/html"):
            pages.append((entry.path, data))
    for page, data in pages:
        for m in _LINK.finditer(data):
            link = m.group(1).decode("utf-8", "replace")
            if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/", link):
                continue  # another site, mailto:, data:, or the reader's own
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link))
            if not archive.has_entry_by_path(target):
                problems.append(f"{page}: links to {link}, which is not in the file")
    return problems


_XAPIAN_GLASS = b"\x0f\rXapian Glass"  # start of a glass database's version file


def fix_uuids(path: Path, seed: str) -> int:
    """Replace the random UUIDs (ZIM header, Xapian databases) by ones derived from
    ``seed`` and recompute the trailing MD5 checksum; returns how many were replaced."""
    data = bytearray(path.read_bytes())
    if data[:4] != b"ZIM\x04":
        raise ZimError(f"{path}: not a ZIM file")
    checksum_pos = struct.unpack_from("<Q", data, 72)[0]
    if checksum_pos + 16 != len(data):
        raise ZimError(f"{path}: unexpected ZIM layout (checksum not at the end)")

    def uuid(n: int) -> bytes:
        return hashlib.sha256(f"{seed}/{n}".encode()).digest()[:16]

    data[8:24] = uuid(0)
    count, start = 1, 0
    while (found := data.find(_XAPIAN_GLASS, start, checksum_pos)) >= 0:
        at = found + len(_XAPIAN_GLASS) + 2  # after the magic and the format version
        data[at:at + 16] = uuid(count)
        count, start = count + 1, at + 16
    data[checksum_pos:] = hashlib.md5(bytes(data[:checksum_pos])).digest()  # the format says MD5
    path.write_bytes(bytes(data))
    return count
