"""Work a build did before, kept in ``.cache/`` for the next build.

A build does much the same work each time: it parses the same YAML,
compiles the same templates, renders the same statute tables and runs the
translation guard on the same pages. Each result is kept in a file named by
the SHA-256 of everything it depends on::

    store = Store.open("render")          # .cache/render/, or None if turned off
    key = store.key(fingerprint, "cc-338", "ru")
    html = store.get_text(key)            # None: not there
    if html is None:
        html = render(...)
        store.put_text(key, html)

What goes into a key:

* the bytes of the input files (``digest_files``);
* the source of the code that computes the value: every module of
  ``sitetools`` and every template (``code_fingerprint``), the lock file that
  pins the libraries, and the versions of Python, Jinja and PyYAML;
* the arguments.

A change to any of them gives another name, so an entry is never out of date:
it is simply not found. An entry is written to a temporary file and renamed,
so builds running at the same time, or one that is stopped, leave whole entries
or none. An entry that cannot be read is treated as missing.

The cache only saves time: a build writes the same site with it, without it,
and from a fresh clone (the tests compare all three). Old entries are
removed when a folder holds more than ``MAX_ENTRIES``: the ones least
recently used go first.

``SITETOOLS_CACHE=0`` turns the cache off; ``SITETOOLS_CACHE=<folder>`` keeps
it there instead of ``<project>/.cache``. In a read-only checkout the build
runs as without a cache. ``make clean`` removes it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ENV = "SITETOOLS_CACHE"
PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parents[1]
DEFAULT_DIR = PROJECT_ROOT / ".cache"
# the code and templates the cached values are computed with
CODE_DIRS = (PACKAGE_DIR, PACKAGE_DIR / "templates",
             PROJECT_ROOT / "overrides" / "partials" / "data")
# the pinned versions of every library (and their own versions, for an install made otherwise)
LOCK_FILE = PROJECT_ROOT / "requirements.lock"
MAX_ENTRIES = 2000  # per folder: a few dozen builds' worth


def folder() -> Path | None:
    """Where the cache lives, or None if ``SITETOOLS_CACHE=0``."""
    setting = os.environ.get(ENV, "").strip()
    if setting.lower() in ("0", "false", "no", "off"):
        return None
    return Path(setting) if setting else DEFAULT_DIR


@functools.cache
def code_fingerprint() -> str:
    """SHA-256 of the code and templates the cached values come from, and the versions."""
    import jinja2  # noqa: PLC0415 - imported by the build already; not every user needs them
    import yaml  # noqa: PLC0415

    versions = (sys.version, jinja2.__version__, yaml.__version__, str(yaml.__with_libyaml__))
    digest = hashlib.sha256("\0".join(versions).encode())
    files = sorted(p for d in CODE_DIRS if d.is_dir() for p in d.iterdir() if p.is_file()
                   and p.suffix in (".py", ".html", ".css"))
    _update(digest, [LOCK_FILE, *files])
    return digest.hexdigest()


def digest_files(paths: Iterable[Path], *parts: str) -> str:
    """SHA-256 of ``parts``, then each file's name and bytes (a missing file counts too)."""
    digest = hashlib.sha256("\0".join(parts).encode())
    _update(digest, paths)
    return digest.hexdigest()


def _update(digest: hashlib._Hash, paths: Iterable[Path]) -> None:  # type: ignore[name-defined]
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            data = None
        digest.update(b"\0\0" + str(path).encode() + b"\0")
        if data is None:
            digest.update(b"missing")
        else:
            digest.update(len(data).to_bytes(8, "big") + data)


class Store:
    """One folder of entries: ``.cache/<kind>/<sha256>``."""

    def __init__(self, path: Path, *, max_entries: int = MAX_ENTRIES) -> None:
        self.path = path
        self.max_entries = max_entries
        self._pruned = False

    @classmethod
    def open(cls, kind: str, base: Path | None = None, *,
             max_entries: int = MAX_ENTRIES) -> Store | None:
        """The store for ``kind``, or None if the cache is off or cannot be written."""
        root = base if base is not None else folder()
        if root is None:
            return None
        path = root / kind
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        if not os.access(path, os.W_OK):
            return None  # a read-only checkout: work as without a cache
        return cls(path, max_entries=max_entries)

    @staticmethod
    def key(*parts: str) -> str:
        """The entry name for these parts (any change to one gives another name)."""
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def get(self, key: str) -> bytes | None:
        """The entry's bytes, or None if there is none (or it cannot be read)."""
        entry = self.path / key
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # recently used: pruned last
        return data

    def version(self, key: str) -> tuple[int, int] | None:
        """Which write of the entry is there now (each ``put`` makes a new file), or None."""
        try:
            found = (self.path / key).stat()
        except OSError:
            return None
        return found.st_ino, found.st_size

    def put(self, key: str, data: bytes) -> None:
        """Keep ``data`` under ``key`` (silently not, if the folder cannot be written)."""
        try:
            handle, temporary = tempfile.mkstemp(dir=self.path, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, self.path / key)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return
        if not self._pruned:
            self._pruned = True
            self.prune()

    def get_text(self, key: str) -> str | None:
        data = self.get(key)
        if data is None:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put_text(self, key: str, text: str) -> None:
        self.put(key, text.encode("utf-8"))

    def prune(self, max_entries: int | None = None) -> int:
        """Remove the least recently used entries beyond ``max_entries``; how many went."""
        max_entries = self.max_entries if max_entries is None else max_entries
        try:
            entries = [e for e in os.scandir(self.path)
                       if e.is_file() and not e.name.startswith(".")]
        except OSError:
            return 0
        if len(entries) <= max_entries:
            return 0
        entries.sort(key=lambda e: e.stat().st_mtime_ns)
        removed = 0
        for entry in entries[: len(entries) - max_entries * 3 // 4]:
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
        return removed


_OPEN: dict[Path, Store] = {}


def store(kind: str, *, max_entries: int = MAX_ENTRIES) -> Store | None:
    """``Store.open(kind)`` in the configured folder, one instance per folder."""
    root = folder()
    if root is None:
        return None
    path = root / kind
    found = _OPEN.get(path)
    if found is None or not found.path.is_dir():
        opened = Store.open(kind, root, max_entries=max_entries)
        if opened is None:
            return None
        found = _OPEN[path] = opened
    return found


# --------------------------------------------------------------------------
# Plain values (parsed YAML) as bytes


class _PlainUnpickler(pickle.Unpickler):
    """Reads dicts, lists, strings, numbers, booleans and None; nothing that runs code."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"not a plain value: {module}.{name}")


def dumps_plain(value: Any) -> bytes:
    return pickle.dumps(value, protocol=5)


def loads_plain(data: bytes) -> Any:
    """The value ``dumps_plain`` wrote; ``ValueError`` for anything else."""
    try:
        return _PlainUnpickler(io.BytesIO(data)).load()
    except (pickle.UnpicklingError, EOFError, TypeError, IndexError, KeyError,
            AttributeError) as exc:
        raise ValueError(f"not a cache entry: {exc}") from exc


# --------------------------------------------------------------------------
# Many small values; rendered HTML


class Pack:
    """Many small values kept as one entry: read once, written when it grew.

    A build renders about 150 tables, charts and lists; an entry for each
    would cost more to write than most take to render. The values rendered
    from one version of the data and code share one entry, which the build
    reads when it first needs one and writes (``save``) after each language.
    The translation guard keeps its checks of each page the same way.
    """

    def __init__(self, kept: Store, key: str) -> None:
        self.kept, self.key = kept, key
        self._version: tuple[int, int] | None = None  # of the entry last read or written
        self.values: dict[str, Any] = self._stored()
        self.dirty = False

    def _stored(self) -> dict[str, Any]:
        self._version = self.kept.version(self.key)
        data = self.kept.get(self.key)
        if data is None:
            return {}
        try:
            loaded = loads_plain(data)
        except ValueError:
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def get(self, key: str) -> Any:
        """The value (plain: strings, numbers, lists, tuples, dicts), or None."""
        return self.values.get(key)

    def put(self, key: str, value: Any) -> None:
        self.values[key] = value
        self.dirty = True

    def refresh(self) -> None:
        """Take in what another process kept under this key meanwhile."""
        if self.kept.version(self.key) == self._version:
            return  # nobody wrote it since
        stored = self._stored()
        if stored.keys() - self.values.keys():
            self.values = {**stored, **self.values}

    def save(self) -> None:
        """Write the values, with what another process kept meanwhile (one entry, two
        writers: ``sitetools.prerender`` beside the build, and the build)."""
        if self.dirty:
            self.dirty = False
            self.refresh()
            self.kept.put(self.key, dumps_plain(self.values))
            self._version = self.kept.version(self.key)


RENDER_PACKS = 20  # entries in .cache/render: a pack per version of the data and code
_PACKS: dict[str, Pack] = {}  # by fingerprint, the latest last


def render_pack(fingerprint: str) -> Pack | None:
    """The pack of HTML rendered from the data and code with this fingerprint."""
    pack = _PACKS.get(fingerprint)
    if pack is not None:
        return pack
    kept = store("render", max_entries=RENDER_PACKS)
    if kept is None:
        return None
    for old in list(_PACKS)[:-1]:  # keep this one and the one before (mkdocs serve)
        _PACKS.pop(old).save()
    pack = _PACKS[fingerprint] = Pack(kept, fingerprint)
    return pack


def save_renders() -> None:
    """Write the packs that grew (the build calls it after each language)."""
    for pack in _PACKS.values():
        pack.save()


def refresh_renders() -> None:
    """Take in what was rendered beside the build (the build calls it as each
    language starts: ``sitetools.prerender``)."""
    for pack in _PACKS.values():
        pack.refresh()


def _plain_argument(value: object) -> bool:
    if value is None or isinstance(value, str | int | bool):
        return True
    if isinstance(value, list | tuple | frozenset):
        return all(_plain_argument(item) for item in value)
    return False


def kept_renders(render: Callable[..., str]) -> Callable[..., str]:
    """Decorator: ``render(site, *args, **kwargs)`` kept in ``.cache/render``.

    The key is the site's ``fingerprint`` (its data files, the code and the
    templates), the function's name and its arguments. Without a fingerprint
    (data built in a test), or with an argument that is not a plain value
    (strings, numbers, None and sequences of them), it just renders.
    """
    name = f"{render.__module__}.{render.__qualname__}"

    @functools.wraps(render)
    def wrapper(site: Any, *args: Any, **kwargs: Any) -> str:
        fingerprint = getattr(site, "fingerprint", None)
        pack = render_pack(fingerprint) if fingerprint else None
        if pack is None or not _plain_argument((args, tuple(kwargs.values()))):
            return render(site, *args, **kwargs)
        key = repr((name, args, sorted(kwargs.items())))
        html = pack.get(key)
        if not isinstance(html, str):
            html = render(site, *args, **kwargs)
            pack.put(key, html)
        return html

    return wrapper
