"""Shared fixtures: site builds (built once per test session), the browser, and helpers for
the unit tests of the data blocks (fixture data, HTML checks)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
LANGS = ("en", "ru", "uk")
SVG = "{http://www.w3.org/2000/svg}"  # the SVG namespace, as ElementTree writes tags
NBSP = "\u00a0"


def build_site(dest: Path, *, project: Path = ROOT, env: dict[str, str] | None = None,
               check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build of ``project`` into ``dest``.

    Never with ``-q``: quiet mode hides warnings from ``--strict``, which then passes.
    """
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks")}
    full_env.pop("SITE_URL", None)
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "-f", str(project / "mkdocs.yml"), "-d", str(dest)],
        cwd=project, env=full_env, capture_output=True, text=True,
    )
    if check and proc.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{proc.stderr[-4000:]}", pytrace=False)
    return proc


def shared(tmp_path_factory: pytest.TempPathFactory, name: str,
           make: Callable[[Path], None]) -> Path:
    """``make(folder)`` once per test run, shared by every pytest-xdist worker.

    The first worker to ask makes it while holding a lock; the others wait and
    read the same folder. Tests must only read what they get.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    folder, done = base / f"shared-{name}", base / f"shared-{name}.done"
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if done.exists():
            return folder
        if folder.exists():
            shutil.rmtree(folder)  # a failed attempt: try again
        folder.mkdir()
        make(folder)
        done.touch()
    return folder


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline/mirror build (no site_url), as `make build` makes it: one strict
    build per test run, shared by every test that reads the built site. Its log is
    ``build.log`` next to it."""
    def make(folder: Path) -> None:
        proc = build_site(folder / "site")
        (folder / "build.log").write_text(proc.stderr, encoding="utf-8")

    return shared(tmp_path_factory, "offline", make) / "site"


@pytest.fixture(scope="session")
def online_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = {"SITE_URL": "https://guide.example.org/", "OFFLINE": "false"}
    return shared(tmp_path_factory, "online", lambda f: build_site(f / "site", env=env)) / "site"


# ---------------------------------------------------------------- fixture data and HTML


def fixture_data_dir(root: Path, *overlays: Path) -> Path:
    """``root/data`` holding the repository's schemas and vocabulary and the fixture data files
    (tests/fixtures/data/*.yml), then the files of each overlay folder."""
    data = root / "data"
    shutil.copytree(ROOT / "data" / "schemas", data / "schemas")
    shutil.copy(ROOT / "data" / "vocabulary.yml", data)
    for folder in (FIXTURES / "data", *overlays):
        for path in folder.glob("*.yml"):
            shutil.copy(path, data)
    return data


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a file (which must contain it) with ``new``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def expand(markdown: str, site, lang: str = "en", *, source: str = "docs/en/x.md",
           path: str = "x.md") -> str:
    """``markdown`` with its markers expanded in ``lang`` (``sitetools.render.markers``)."""
    from sitetools.render.markers import Page, expand_markers

    return expand_markers(markdown, Page(site=site, lang=lang, source=source, path=path))


def load_error(data: Path) -> str:
    """The one-line message of the DataError that loading ``data`` raises."""
    from sitetools.data import DataError, load_all

    with pytest.raises(DataError) as info:
        load_all(data)
    message = str(info.value)
    assert "\n" not in message
    return message


def mkdocs_config() -> dict:
    """mkdocs.yml as data (its !ENV and !!python tags read as nothing)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506


def site_markdown(text: str) -> str:
    """``text`` rendered by Python-Markdown with the extensions and settings of mkdocs.yml
    (not a copy of them that could drift)."""
    import markdown

    extensions, configs = [], {}
    for entry in mkdocs_config()["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        extensions.append(name)
        if config:
            configs[name] = config
    return markdown.markdown(text, extensions=extensions, extension_configs=configs)


def parse_svg(svg: str):  # -> xml.etree.ElementTree.Element
    """An SVG figure parsed as XML (it must be well-formed and an <svg> element)."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    return root


def text_of(html: str) -> str:
    """Visible text of an HTML fragment, whitespace folded (no-break spaces become spaces)."""
    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    Text().feed(html)
    return " ".join("".join(parts).replace(NBSP, " ").split())


class TagChecker(HTMLParser):
    """Checks that tags nest and close properly. An end tag of a void element (``</br>``, or
    the end half of ``<br/>``) fails, unless ``void_end_tags`` lets it pass."""

    VOID = {"br", "img", "hr", "input", "meta", "link"}

    def __init__(self, *, void_end_tags: bool = False) -> None:
        super().__init__()
        self.void_end_tags = void_end_tags
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.void_end_tags and tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()


def assert_well_formed(html: str, *, void_end_tags: bool = False) -> None:
    """Every tag of ``html`` is closed, in order (see TagChecker for ``void_end_tags``)."""
    checker = TagChecker(void_end_tags=void_end_tags)
    checker.feed(html)
    checker.close()
    assert checker.stack == []


# ---------------------------------------------------------------- browser

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions",
    # V8 without its top tier (TurboFan; Maglev still runs), as the Nu checker's JVM runs
    # its first tier only: every page loads axe-core afresh and runs it once, too briefly
    # for TurboFan's compiling to pay. The phone pass alone: 138-141 CPU-s against
    # 158-164 (two runs each); the desktop pass: the same either way
    "--js-flags=--no-opt",
]


def _executable(variable: str, default: str, package: str) -> str:
    path = os.environ.get(variable, default)
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"{Path(default).name} not found at {path}: install it (Debian: sudo apt-get "
                    f"install {package}) or set {variable}=/path/to/it", pytrace=False)
    return path


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The Chromium that prints the release's PDFs, as `make dist` runs it (CHROMIUM)."""
    return _executable("CHROMIUM", "/usr/bin/chromium", "chromium")


@pytest.fixture(scope="session")
def shell_path() -> str:
    """The Chromium the browser tests drive: its headless shell (CHROMIUM_SHELL), built from
    the same source as the browser (Debian's package of the same version), with the
    browser's Blink, V8 and network stack but not its windows and user interface. It is
    what Playwright runs for headless tests. The whole suite used 450 CPU-s with it against
    541-559 with the full browser; the phone pass alone 127 against 161."""
    return _executable("CHROMIUM_SHELL", "/usr/bin/chromium-headless-shell",
                       "chromium-headless-shell")


@pytest.fixture(scope="session")
def browser(shell_path: str) -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: run `make install` (or pip install -r "
                    "requirements.lock)", pytrace=False)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=shell_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


class _MirrorHandler(SimpleHTTPRequestHandler):
    """Serves a directory like a simple mirror: missing files get /<prefix>/404.html."""

    prefix = "/"

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / self.prefix.strip("/") / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextmanager
def serving(root: Path, prefix: str = "/") -> Iterator[str]:
    """``root`` served over HTTP on 127.0.0.1 like a simple mirror (missing files get
    ``<prefix>404.html``); yields the address of ``prefix``."""
    handler = type("H", (_MirrorHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def mirror(offline_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The offline build served at http://127.0.0.1:<port>/refuse/ (a mirror sub-path)."""
    root = tmp_path_factory.mktemp("mirror")
    shutil.copytree(offline_site, root / "refuse")
    with serving(root, "/refuse/") as url:
        yield url


# ---------------------------------------------------------------- a small site to break

SMALL_PAGES = {
    "index.md": ("Home", "# {title} {{#top}}\n\nSee [the law](law/index.md#penalties).\n"),
    "help/index.md": ("Help", "# {title} {{#top}}\n\nWhere to get help.\n"),
    "law/index.md": ("Law", "# {title} {{#top}}\n\n## Penalties {{#penalties}}\n\n"
                            "Desertion is a crime.[^cc-rf]\n\n<!-- md:statute cc-338 -->\n"),
}


def small_site(root: Path) -> Path:
    """A small trilingual site with the project's hooks, templates and schemas: 2 pages per
    language and the fixture data (tests/fixtures/data). Builds in a fraction of the real
    site's time: for tests that break one thing and expect the build to name it."""
    import yaml

    from sitetools.guard.scan import blob_id

    fixture_data_dir(root)
    english = {}
    for lang in LANGS:
        for path, (title, body) in SMALL_PAGES.items():
            front = {"title": f"{title} ({lang})", "description": "A test page.",
                     "reviewed": "2026-12-01"}
            if lang != "en":
                front["source_revision"] = blob_id(english[path])[:12]
            text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n" + \
                body.format(title=front["title"])
            if lang == "en":
                english[path] = text.encode("utf-8")
            target = root / "docs" / lang / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("  - hooks/", f"  - {ROOT / 'hooks'}/")
    config = config.replace("  - hooks\n", f"  - {ROOT / 'hooks'}\n").replace(
        "  - overrides\n", f"  - {ROOT / 'overrides'}\n")
    start, end = config.index("\nnav:\n"), config.index("\nvalidation:\n")
    config = config[:start] + "\nnav:\n" + "".join(f"  - {p}\n" for p in SMALL_PAGES) + \
        config[end:]
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "keys").mkdir(exist_ok=True)
    return root
