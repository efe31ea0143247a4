"""Benchmark the translation guard on synthetic trees (not a test).

    PYTHONPATH=hooks python tests/bench_guard.py [--sizes 100,1000] [--repeat 3]
                                                 [--glossary 1000,10000]

Writes N English pages and their ru/uk translations into a temporary
folder, runs ``check_tree`` (without git) and prints the time per size side
by side with the ratio to the smallest size. Cost should be linear: the
ratio of times should be close to the ratio of page counts.

Then the same with 100 pages and a glossary of G terms, each with variants
to avoid in all three languages: the time must stay linear in G (budget:
10,000 terms in under 10 s, data loading included).
"""

from __future__ import annotations

import argparse
import shutil
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

RU_SECTION = """\
## Раздел {n} {{#section-{n}}}

Дезертирство в период мобилизации наказывается лишением свободы до 15 лет.[^src-a]
С 24 сентября 2022 года применяется ч. 3 ст. 338; это 10 000 дел, 2,5 процента.
Смотрите [обзор](index.md#top), пишите на legal@ovdinfo.org или откройте
[ОВД-Инфо](https://ovdinfo.org/). Это не словоз и не оборотз речи.

!!! warning "Осторожно"
    Только {n} из 20 человек отпустили (ст. 337, ч. 2.1).

| Часть | Максимум | С какого года |
| --- | --- | --- |
| 1 | 7 лет | 1996 |
| 3 | 15 лет | 2022 |

1. Первый шаг, 30 дней.
2. Второй шаг, 3 месяца.

<!-- md:statute cc-338 -->
"""

UK_SECTION = """\
## Розділ {n} {{#section-{n}}}

Дезертирство під час мобілізації карається позбавленням волі до 15 років.[^src-a]
З 24 вересня 2022 року застосовується ч. 3 ст. 338; це 10 000 справ, 2,5 відсотка.
Дивіться [огляд](index.md#top), пишіть на legal@ovdinfo.org або відкрийте
[ОВД-Інфо](https://ovdinfo.org/). Це не словозця і не зворотз.

!!! warning "Обережно"
    Лише {n} із 20 людей відпустили (ст. 337, ч. 2.1).

| Частина | Максимум | З якого року |
| --- | --- | --- |
| 1 | 7 років | 1996 |
| 3 | 15 років | 2022 |

1. Перший крок, 30 днів.
2. Другий крок, 3 місяці.

<!-- md:statute cc-338 -->
"""

# valid data: the guard's fixture site (schemas, organizations, sources, contacts.lock)
DATA = Path(__file__).resolve().parent / "fixtures" / "guard" / "ok" / "data"
GLOSSARY_BUDGET = 10.0  # seconds for 10,000 terms


def tag(index: int, letters: str = "бвгджзклмнпрстфхцчшщ") -> str:
    """``index`` written in letters (a number in a variant would be a number on the page)."""
    out = ""
    while True:
        index, digit = divmod(index, len(letters))
        out = letters[digit] + out
        if not index:
            return out


def glossary_yaml(terms: int) -> str:
    """``terms`` glossary entries, each with variants to avoid in every language."""
    lines = ["# yaml-language-server: $schema=schemas/glossary.schema.json", "terms:"]
    for i in range(terms):
        en, ru = tag(i, "bcdfghjklmnpqrstvwxz"), tag(i)
        lines += [
            f"  - id: term-{i}",
            f"    term: {{en: term {i}, ru: термин {i}, uk: термін {i}}}",
            f"    definition: {{en: Text {i}., ru: Текст {i}., uk: Текст {i}.}}",
            f"    avoid: {{en: [word{en}, phrase{en} item*], ru: [слово{ru}, оборот{ru} речи], "
            f"uk: [слово{ru}ц*, зворот{ru}]}}",
        ]
    return "\n".join(lines) + "\n"


def page(index: int, section: str = SECTION, revision: str = "") -> str:
    body = "".join(section.format(n=n) for n in range(1, 6))
    front = f"title: Page {index}\nreviewed: 2026-11-21\n"
    if revision:
        front += f"source_revision: {revision}\n"
    return f"---\n{front}---\n\n# Page {{#top}}\n\n{body}"


def write_tree(root: Path, pages: int) -> None:
    shutil.copytree(DATA, root / "data")
    for index in range(pages):
        rel = f"part-{index // 50}/page-{index}.md"
        english = page(index)
        revision = blob_id(english.encode("utf-8"))[:12]
        for lang, text in (("en", english), ("ru", page(index, RU_SECTION, revision)),
                           ("uk", page(index, UK_SECTION, revision))):
            path = root / "docs" / lang / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def measure(pages: int, repeat: int, glossary: int = 0) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_tree(root, pages)
        if glossary:
            (root / "data" / "glossary.yml").write_text(glossary_yaml(glossary), encoding="utf-8")
        best = float("inf")
        problems = hits = 0
        for _ in range(repeat):
            start = time.perf_counter()
            report = check_tree(root / "docs", root / "data", root=root, use_git=False)
            best = min(best, time.perf_counter() - start)
            problems = len(report.blocking)
            hits = sum(p.kind == "glossary" for p in report.problems)
        return best, problems, hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--glossary", default="1000,10000", help="glossary sizes (terms)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    header = ("pages", "files", "seconds", "ms/page", "time ratio", "size ratio")
    print("{:>7} {:>7} {:>9} {:>8} {:>11} {:>11}".format(*header))
    base: tuple[int, float] | None = None
    for pages in sizes:
        seconds, problems, _ = measure(pages, args.repeat)
        if problems:
            print(f"warning: the synthetic tree has {problems} blocking problems")
        base = base or (pages, seconds)
        print(
            f"{pages:>7} {pages * 3:>7} {seconds:>9.3f} {1000 * seconds / pages:>8.2f} "
            f"{seconds / base[1]:>11.2f} {pages / base[0]:>11.2f}"
        )
    sizes = [int(s) for s in args.glossary.split(",") if s]
    print("\n{:>8} {:>7} {:>9} {:>11} {:>11}".format(
        "glossary", "pages", "seconds", "time ratio", "size ratio"))
    first: tuple[int, float] | None = None
    for terms in sizes:
        seconds, problems, hits = measure(100, 1, glossary=terms)
        if problems or hits != 100 * 5 * 4:  # each section of each page has 2 per translation
            print(f"warning: {problems} blocking problems, {hits} glossary hints (expected 2000)")
        first = first or (terms, seconds)
        verdict = ""
        if terms == 10_000:
            verdict = "  within budget" if seconds < GLOSSARY_BUDGET else "  OVER BUDGET (10 s)"
        print(f"{terms:>8} {100:>7} {seconds:>9.3f} {seconds / first[1]:>11.2f} "
              f"{terms / first[0]:>11.2f}{verdict}")


if __name__ == "__main__":
    main()
