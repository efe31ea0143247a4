"""What a person feels (`make bench`): the build, the live-preview rebuild, page weight and
the first paint. Prints a table and writes a report; never fails (not a timed test).

- The strict build of all three languages against the same content exported as plain
  Markdown (`make export`) and built without this project's hooks: paired runs side by
  side, the median of their ratios (budget: at most 1.3 times). Both builds run the
  same theme and plugins; the project's build compiles the theme's templates once for
  its three languages (hooks/build_start.py, ``on_env``), plain MkDocs once per language.
- `mkdocs serve`: the time from saving one page to the rebuilt site, for all three
  languages and for `make serve LANG=ru` (English and Russian, for a translator).
- Page weight (gzip), the first visit, the search indexes, fonts, and the first
  contentful paint on a throttled connection.

  python tests/bench_site.py [--report bench-report.md] [--repeat 5] [--no-browser]
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "ru", "uk")
EDITED = Path("docs/en/law/index.md")  # the page the live-preview runs edit


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks"), **extra}
    env.pop("SITE_URL", None)
    # Python keeps the hooks' compiled bytecode (__pycache__) from the first build, as it
    # does on any machine; with this variable set (some containers set it) every build
    # would compile the hooks again, a cost no one building twice pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def project_copy(tmp: Path) -> Path:
    """The project as it is (docs, data, hooks, overrides, keys, config)."""
    dest = tmp / "project"
    for name in ("docs", "data", "hooks", "overrides", "keys"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def exported_copy(tmp: Path) -> Path:
    """The same content exported as plain Markdown (every marker expanded, sources as
    footnotes: ``make export``) in one trilingual project with the same config, theme
    and plugins, but none of this project's hooks."""
    export = tmp / "export"
    subprocess.run([sys.executable, "-m", "sitetools.export", "--out", str(export)],
                   cwd=ROOT, env=_env(), check=True, capture_output=True)
    dest = tmp / "plain"
    for lang in LANGS:
        shutil.copytree(export / lang / "docs", dest / "docs" / lang)
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(?:  .*\n|\n)*?(?=^\S)", "", config, flags=re.M)
    config = re.sub(r"^watch:\n(?:  .*\n|\n)*?(?=^\S)", "", config, flags=re.M)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def build(project: Path, dest: Path) -> float:
    """Seconds for one strict build of ``project``."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "-f", str(project / "mkdocs.yml"), "-d", str(dest)],
        cwd=project, env=_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build of {project.name} failed:\n{proc.stderr[-3000:]}")
    return seconds


def serve_rebuilds(project: Path, repeat: int, **env: str) -> list[float]:
    """Seconds from saving one page to the rebuilt site, under ``mkdocs serve``."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:0",
         "-f", str(project / "mkdocs.yml")],
        cwd=project, env=_env(**env), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
        text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True).start()

    def wait_for(text: str, after: int, timeout: float = 300) -> None:
        end = time.monotonic() + timeout
        while not any(text in line for line in lines[after:]):
            if proc.poll() is not None or time.monotonic() > end:
                raise SystemExit(f"mkdocs serve: no '{text}':\n" + "".join(lines[-30:]))
            time.sleep(0.01)

    times = []
    try:
        wait_for("Serving on", 0)
        page = project / EDITED
        original = page.read_text(encoding="utf-8")
        for n in range(repeat):
            seen = len(lines)
            start = time.perf_counter()
            page.write_text(original + "\n" * (n % 2 + 1), encoding="utf-8")
            wait_for("Reloading browsers", seen)
            times.append(time.perf_counter() - start)
        page.write_text(original, encoding="utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return times


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def page_weights(site: Path) -> dict[str, object]:
    sizes = {p.relative_to(site).as_posix(): gz(p.read_bytes())
             for p in site.rglob("*.html") if p.name not in ("404.html", "neutral.html")}
    home = (site / "index.html").read_text(encoding="utf-8")
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:css|js|svg|png|webp))"', home)
    first = sizes["index.html"]
    for rel in dict.fromkeys(assets):
        path = (site / rel).resolve()
        if path.is_file():
            first += gz(path.read_bytes())
    per_lang = {}
    index = site / "search" / "search_index.js"
    if index.is_file():
        # one index per language (postbuild/search.py), loaded when the reader searches;
        # search_index.js is the stub every page loads
        for lang in LANGS:
            own = site / "search" / f"search_index.{lang}.js"
            if own.is_file():
                per_lang[lang] = gz(own.read_bytes())
        per_lang["file"] = gz(index.read_bytes())
    fonts = [p.name for p in site.rglob("*") if p.suffix in (".woff", ".woff2", ".ttf", ".otf")]
    values = sorted(sizes.values())
    return {"pages": len(values), "median": statistics.median(values), "max": values[-1],
            "max_page": max(sizes, key=sizes.get), "first_visit": first,
            "search": per_lang, "fonts": fonts}


class Gzipped(SimpleHTTPRequestHandler):
    """A static server that sends text gzip-compressed, as a real host does (nginx
    gzip_static with `make dist`'s .gz); also used by tests/bench_lighthouse.py."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressible = path.suffix in (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
        if not (compressible and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


def first_contentful_paint(site: Path, page: str = "ru/law/military-crimes.html") -> float | None:
    """FCP in ms of one page over a throttled (3G-like) connection from a local server."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        return None
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Gzipped, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            ctx = browser.new_context(viewport={"width": 360, "height": 740})
            tab = ctx.new_page()
            cdp = ctx.new_cdp_session(tab)
            cdp.send("Network.enable")
            # "Slow 3G"-like: 400 ms RTT, 400 kbit/s down, 400 kbit/s up
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": 400,
                "downloadThroughput": 400 * 1024 / 8, "uploadThroughput": 400 * 1024 / 8})
            tab.goto(f"http://127.0.0.1:{server.server_port}/{page}", wait_until="load")
            fcp = tab.evaluate("""() => { const e = performance.getEntriesByName(
                'first-contentful-paint')[0]; return e ? e.startTime : null; }""")
            browser.close()
            return fcp
    finally:
        server.shutdown()


def median_range(values: list[float], unit: str = "s", digits: int = 2) -> str:
    ordered = sorted(values)
    return (f"{statistics.median(ordered):.{digits}f} {unit} (median of {len(ordered)}; "
            f"{ordered[0]:.{digits}f} to {ordered[-1]:.{digits}f})")


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def within(budget: str, met: bool) -> str:
    """The budget column: the budget, and whether the figure is over it."""
    return budget if met else f"{budget}  OVER BUDGET"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report", default="bench-report.md")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        project, plain = project_copy(tmp), exported_copy(tmp)
        site = tmp / "site"
        build(project, site)  # warm: bytecode compiled, files in the page cache
        build(plain, tmp / "site-plain")
        with_hooks, without = [], []
        for _ in range(args.repeat):  # side by side: the machine's drift hits both alike
            with_hooks.append(build(project, site))
            without.append(build(plain, tmp / "site-plain"))
        ratios = [w / p for w, p in zip(with_hooks, without, strict=True)]
        rows.append(("Strict build, 3 languages, with the project's hooks",
                     median_range(with_hooks), ""))
        rows.append(("The same content exported as plain Markdown, without the hooks",
                     median_range(without), ""))
        rows.append(("  = with hooks / without (median of the pairs' ratios)",
                     median_range(ratios, unit="x"),
                     within("≤ 1.3x", statistics.median(ratios) <= 1.3)))
        rows.append(("mkdocs serve: saving one page to the rebuilt site, 3 languages",
                     median_range(serve_rebuilds(project, args.repeat)), ""))
        rows.append(("make serve LANG=ru: the same, English and Russian only",
                     median_range(serve_rebuilds(project, args.repeat, BUILD_UK="false")),
                     ""))
        w = page_weights(site)
        rows.append((f"Page HTML, gzip: median of {w['pages']} pages", kb(w["median"]),
                     within("≤ 15 KB", w["median"] <= 15 * 1024)))
        rows.append((f"Page HTML, gzip: largest ({w['max_page']})", kb(w["max"]), ""))
        rows.append(("First visit (home: HTML+CSS+JS+images, gzip)", kb(w["first_visit"]),
                     within("≤ 75 KB", w["first_visit"] <= 75 * 1024)))
        for lang, size in w["search"].items():
            label = ("shared stub index (every page loads it)" if lang == "file"
                     else f"{lang} index (loaded on search)")
            rows.append((f"Search: {label}, gzip", kb(size), ""))
        rows.append(("Font files in the build", str(len(w["fonts"])),
                     within("0", not w["fonts"])))
        if not args.no_browser:
            fcp = first_contentful_paint(site)
            rows.append(("First contentful paint, slow 3G-like (400 ms RTT, 400 kbit/s), gzip",
                         f"{fcp:.0f} ms" if fcp is not None else "n/a (no Chromium)", ""))
    width = max(len(r[0]) for r in rows)
    lines = [f"{'measure':<{width}}  {'value':<44}  budget", "-" * (width + 56)]
    lines += [f"{a:<{width}}  {b:<44}  {c}" for a, b, c in rows]
    print("\n".join(lines))
    report = ["# Benchmark report", "",
              f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs.", "",
              "| measure | value | budget |", "| --- | --- | --- |"]
    report += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    Path(args.report).write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"\nreport written to {args.report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
