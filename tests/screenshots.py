"""Screenshots of built pages at phone width, to look at (`make screenshots`).

  python tests/screenshots.py SITE_DIR OUT_DIR [--width 360] [--full] PAGE...

PAGE is a path inside the built site (e.g. ru/law/military-crimes.html). Prints
each page's scroll width next to the viewport width.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

DEFAULT_PAGES = [
    "index.html", "ru/index.html", "uk/index.html",
    "law/military-crimes.html", "ru/law/military-crimes.html", "uk/law/military-crimes.html",
    "ru/law/index.html", "uk/situations/left-unit.html",
]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("pages", nargs="*", default=DEFAULT_PAGES)
    ap.add_argument("--width", type=int, default=360)
    ap.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    ap.add_argument("--chunk", type=int, default=0,
                    help="with --full: cut the page into PNGs of this height (px)")
    args = ap.parse_intermixed_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium,
                                     args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": args.width, "height": 740})
        for rel in args.pages:
            page.goto((args.site.resolve() / rel).as_uri())
            page.wait_for_timeout(200)
            name = rel.replace("/", "_").replace(".html", f"-{args.width}.png")
            height = page.evaluate("document.documentElement.scrollHeight")
            if args.full and args.chunk:
                for i, top in enumerate(range(0, height, args.chunk)):
                    clip = {"x": 0, "y": top, "width": args.width,
                            "height": min(args.chunk, height - top)}
                    page.screenshot(path=str(args.out / name.replace(".png", f"-{i}.png")),
                                    full_page=True, clip=clip)
            else:
                page.screenshot(path=str(args.out / name), full_page=args.full)
            width = page.evaluate("document.documentElement.scrollWidth")
            print(f"{rel}: scroll width {width}px (viewport {args.width}px) -> {args.out / name}")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
