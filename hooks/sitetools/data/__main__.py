"""``python -m sitetools.data --check data``: print every problem, exit 1 if any."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .load import check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitetools.data",
        description="Check the data files against their schemas and each other.",
    )
    parser.add_argument("--check", metavar="DATA_DIR", type=Path, required=True)
    args = parser.parse_args(argv)
    problems = check(args.check)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {args.check}/", file=sys.stderr)
        return 1
    print(f"{args.check}/: all data files are valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
