"""Lighthouse on four representative pages (`make bench`, never in `make test`).

The online profile (``site_url`` set to the local server's address, so that canonical
links and the sitemap are those of the host that serves it) is built, served gzip-
compressed from 127.0.0.1 as a real host serves `make dist`'s ``.gz`` copies, and each
page is audited by Lighthouse (npm ``lighthouse`` from package-lock.json, its default
mobile settings: a mid-range phone on a slow 4G connection, simulated) in Debian's
Chromium. Prints the four category scores per page next to their targets, and the
audits that cost points; appends the table to the report. It measures, it never fails.

  python tests/bench_lighthouse.py [--report bench-report.md]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

from bench_site import Gzipped  # the same gzip server as the page-weight benchmark

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# the home page, the longest legal page, the help page with its organization cards, the
# page of charts: one per language and template
PAGES = ["index.html", "ru/law/military-crimes.html", "uk/help/index.html",
         "figures/index.html"]
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync "
                "--disable-default-apps --disable-extensions")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_online(dest: Path, site_url: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks"),
           "SITE_URL": site_url, "OFFLINE": "false"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                           "-f", str(ROOT / "mkdocs.yml"), "-d", str(dest)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"online build failed:\n{proc.stderr[-3000:]}")


def audit(url: str, chromium: str) -> dict:
    proc = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         "--only-categories=" + ",".join(TARGETS), f"--chrome-flags={CHROME_FLAGS}"],
        env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True,
        timeout=300)
    if proc.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


def lost_points(result: dict, category: str) -> list[str]:
    """The audits of a category that scored below 1 (their weight > 0)."""
    audits = result["audits"]
    return [f"{ref['id']} ({audits[ref['id']].get('displayValue') or audits[ref['id']]['score']})"
            for ref in result["categories"][category]["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None
            and audits[ref["id"]]["score"] < 1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report", default="bench-report.md")
    args = ap.parse_args()
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `make bench` "
                         "(it installs Lighthouse, an optional npm dependency)")
    if not shutil.which(chromium):
        raise SystemExit(f"Chromium not found at {chromium} (set CHROMIUM=)")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    rows = []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = Path(tmp) / "site"
        build_online(site, base)
        server = ThreadingHTTPServer(("127.0.0.1", port),
                                     partial(Gzipped, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            for page in PAGES:
                result = audit(base + page, chromium)
                scores = {c: round(result["categories"][c]["score"] * 100) for c in TARGETS}
                missed = [f"{c}: {', '.join(lost_points(result, c))}"
                          for c in TARGETS if scores[c] < TARGETS[c]]
                rows.append((page, scores, missed))
        finally:
            server.shutdown()
    head = f"{'page':<30}" + "".join(f"{c:>16}" for c in TARGETS)
    lines = ["Lighthouse, mobile (simulated slow 4G), online profile, gzip", head,
             f"{'target':<30}" + "".join(f"{'≥ ' + str(t):>16}" for t in TARGETS.values())]
    for page, scores, missed in rows:
        lines.append(f"{page:<30}" + "".join(f"{scores[c]:>16}" for c in TARGETS))
        lines += [f"    below target, {m}" for m in missed]
    print("\n".join(lines))
    report = ["", "## Lighthouse (mobile, simulated slow 4G, online profile, gzip)", "",
              "| page | " + " | ".join(TARGETS) + " | below target |",
              "| --- |" + " --- |" * (len(TARGETS) + 1),
              "| target | " + " | ".join(f"≥ {t}" for t in TARGETS.values()) + " | |"]
    report += [f"| {page} | " + " | ".join(str(scores[c]) for c in TARGETS)
               + f" | {'; '.join(missed)} |" for page, scores, missed in rows]
    with open(args.report, "a", encoding="utf-8") as out:
        out.write("\n".join(report) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
