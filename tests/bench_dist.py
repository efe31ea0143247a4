"""Release sizes (`make bench`): every artifact of `make dist`, with the budgets.

Not a test: it prints a table and never fails. The budgets are what a reader
on a slow or metered connection, or a messenger's file limit, can take.

  python tests/bench_dist.py            # builds a release into a temporary folder
  python tests/bench_dist.py --dir dist # measures an existing release
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000
BUDGETS = [  # (pattern of the file name, budget in bytes, what)
    (r"-all\.zip$", 3 * MB, "offline archive, all languages"),
    (r"-(en|ru|uk)\.zip$", int(1.5 * MB), "offline archive, one language"),
    (r"-(en|ru|uk)\.html$", int(1.5 * MB), "single-file edition"),
]


def build(out: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SIGNING_KEY", None)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "sitetools.release.dist", "--out", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"make dist failed:\n{proc.stderr[-3000:]}")
    return time.perf_counter() - start


def table(release: Path) -> list[str]:
    rows = ["| file | size | gzip | budget | |", "| --- | ---: | ---: | ---: | --- |"]
    for path in sorted(p for p in release.iterdir() if p.is_file()):
        size = path.stat().st_size
        budget = next(((b, what) for pattern, b, what in BUDGETS
                       if re.search(pattern, path.name)), None)
        packed = len(gzip.compress(path.read_bytes(), 6)) if path.suffix == ".html" else None
        verdict = "" if budget is None else ("ok" if size <= budget[0] else "OVER BUDGET")
        rows.append(f"| {path.name} | {size / MB:.2f} MB | "
                    f"{'' if packed is None else f'{packed / MB:.2f} MB'} | "
                    f"{'' if budget is None else f'{budget[0] / MB:.1f} MB'} | {verdict} |")
    mirror = release / "mirror"
    if mirror.is_dir():
        files = [p for p in mirror.rglob("*") if p.is_file()]
        plain = [p for p in files if p.suffix not in (".gz", ".br")]
        rows.append(f"| mirror/ ({len(plain)} files + .gz/.br) | "
                    f"{sum(p.stat().st_size for p in files) / MB:.2f} MB | | | |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="an existing release (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-dist-") as tmp:
        release = args.dir
        took = None
        if release is None:
            release = Path(tmp) / "dist"
            took = build(release)
        print("\n".join(table(release)))
        if took is not None:
            print(f"\nmake dist took {took:.0f} s (PDF printing and the site build dominate)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
