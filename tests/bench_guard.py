"""Benchmark the translation guard on synthetic trees (not a test).

    PYTHONPATH=hooks python tests/bench_guard.py [--sizes 100,1000] [--repeat 3]

Writes N English pages and their ru/uk translations into a temporary
folder, runs ``check_tree`` (without git) and prints the time per size side
by side with the ratio to the smallest size. Cost should be linear: the
ratio of times should be close to the ratio of page counts.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sitetools.guard.check import check_tree
from sitetools.guard.scan import blob_id

SECTION = """\
## Section {n} {{#section-{n}}}

Desertion during mobilization carries up to 15 years.[^src-a] Since
24 September 2022, Article 338 part 3 applies; 10 000 cases, 2.5 per cent.
See [the overview](index.md#top) and write to legal@ovdinfo.org or
[OVD-Info](https://ovdinfo.org/).

!!! warning "Take care"
    Only {n} of 20 people were released (Art. 337, part 2.1).

| Part | Maximum | Since |
| --- | --- | --- |
| 1 | 7 years | 1996 |
| 3 | 15 years | 2022 |

1. First step, 30 days.
2. Second step, 3 months.

<!-- md:statute cc-338 -->
"""

DATA = {
    "organizations.yml": """\
organizations:
  - id: ovd-info
    website: https://ovdinfo.org/
    channels:
      - {kind: email, value: legal@ovdinfo.org}
""",
    "sources.yml": "sources:\n  - {id: src-a, url: https://example.org/a}\n",
    "glossary.yml": """\
terms:
  - id: unauthorized-abandonment
    term: {en: unauthorized abandonment, ru: самовольное оставление части, uk: СЗЧ}
    definition: {en: x, ru: x, uk: x}
    avoid: {ru: [самоволк*], uk: [самоволк*]}
""",
}


def english_page(index: int) -> str:
    body = "".join(SECTION.format(n=n) for n in range(1, 6))
    return f"---\ntitle: Page {index}\nreviewed: 2026-11-21\n---\n\n# Page {{#top}}\n\n{body}"


def write_tree(root: Path, pages: int) -> None:
    for name, text in DATA.items():
        (root / "data" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "data" / name).write_text(text, encoding="utf-8")
    for index in range(pages):
        rel = f"part-{index // 50}/page-{index}.md"
        english = english_page(index)
        revision = blob_id(english.encode("utf-8"))[:12]
        translated = english.replace(
            "reviewed: 2026-11-21\n", f"reviewed: 2026-11-21\nsource_revision: {revision}\n"
        )
        for lang, text in (("en", english), ("ru", translated), ("uk", translated)):
            path = root / "docs" / lang / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def measure(pages: int, repeat: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_tree(root, pages)
        best = float("inf")
        problems = 0
        for _ in range(repeat):
            start = time.perf_counter()
            report = check_tree(root / "docs", root / "data", root=root, use_git=False)
            best = min(best, time.perf_counter() - start)
            problems = len(report.problems)
        return best, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    header = ("pages", "files", "seconds", "ms/page", "time ratio", "size ratio")
    print("{:>7} {:>7} {:>9} {:>8} {:>11} {:>11}".format(*header))
    base: tuple[int, float] | None = None
    for pages in sizes:
        seconds, problems = measure(pages, args.repeat)
        if problems:
            print(f"warning: the synthetic tree has {problems} problems")
        base = base or (pages, seconds)
        print(
            f"{pages:>7} {pages * 3:>7} {seconds:>9.3f} {1000 * seconds / pages:>8.2f} "
            f"{seconds / base[1]:>11.2f} {pages / base[0]:>11.2f}"
        )


if __name__ == "__main__":
    main()
