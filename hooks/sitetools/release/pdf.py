"""The PDF edition: the single-file edition printed by headless Chromium.

Printed twice: the first print tells on which page each section starts (from
the PDF's named destinations, which Chromium makes for every linked id); the
second print carries those numbers in the table of contents. Every page has a
header (title, reviewed date) and a footer (the site's address, page number of
total). The PDF's dates are then set from the release (``SOURCE_DATE_EPOCH``),
so that two prints of one commit are the same bytes on the same Chromium.
"""

from __future__ import annotations

import asyncio
import html
import io
import os
import re
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .single import EditionText, Section, render_edition

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-extensions",
                 # the same glyph outlines whatever the machine is doing
                 "--font-render-hinting=none", "--disable-lcd-text"]
MARGIN = {"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}
_BAND = ("font-family:'DejaVu Sans',Arial,sans-serif;font-size:7.5px;color:#555;width:100%;"
         "margin:0 14mm;display:flex;justify-content:space-between;gap:8px")


class PdfError(RuntimeError):
    """Chromium or Playwright missing or failing (one line, with what to do)."""


@dataclass(frozen=True)
class PdfText:
    header_left: str  # the guide's title
    header_right: str  # "Reviewed 21 November 2026"
    footer_left: str  # the site's address (may be empty)
    page: str  # "Page" (before "3 / 40")


def check_chromium(path: str) -> None:
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        raise PdfError(f"Chromium not found at {path}: install it (Debian: apt-get install "
                       "chromium) or set CHROMIUM=/path/to/chromium")


def _templates(text: PdfText) -> tuple[str, str]:
    header = (f'<div style="{_BAND}"><span>{html.escape(text.header_left)}</span>'
              f"<span>{html.escape(text.header_right)}</span></div>")
    footer = (f'<div style="{_BAND}"><span>{html.escape(text.footer_left)}</span>'
              f'<span>{html.escape(text.page)} <span class="pageNumber"></span> / '
              '<span class="totalPages"></span></span></div>')
    return header, footer


async def _print(browser: object, document: str, text: PdfText, *, final: bool) -> bytes:
    header, footer = _templates(text)
    with tempfile.TemporaryDirectory(prefix="edition-") as tmp:
        path = Path(tmp) / "edition.html"
        path.write_text(document, encoding="utf-8")
        page = await browser.new_page()  # type: ignore[attr-defined]
        try:
            await page.goto(path.as_uri(), wait_until="load")
            await page.evaluate("document.fonts.ready.then(() => true)")
            return await page.pdf(format="A4", display_header_footer=True,
                                  header_template=header, footer_template=footer,
                                  margin=MARGIN, outline=final, tagged=final,
                                  print_background=True)
        finally:
            await page.close()


def section_pages(pdf: bytes, sections: list[Section]) -> dict[str, int]:
    """Page number (from 1) on which each section starts, from the named destinations."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    names = reader.named_destinations
    pages = {}
    for section in sections:
        dest = names.get("/" + section.anchor) or names.get(section.anchor)
        if dest is not None:
            pages[section.anchor] = reader.get_destination_page_number(dest) + 1
    return pages


_DATE = re.compile(rb"/(CreationDate|ModDate) \((D:\d{14}[^)]*)\)")


def normalize(pdf: bytes, epoch: int) -> bytes:
    """Set Chromium's creation and modification dates to the release's date.

    The dates are replaced in place by strings of the same length, so the
    cross-reference offsets stay right and nothing else in the file moves.
    """
    stamp = time.strftime("D:%Y%m%d%H%M%S", time.gmtime(epoch)).encode("ascii")

    def fixed(m: re.Match[bytes]) -> bytes:
        old = m.group(2)
        new = (stamp + b"+00'00'")[: len(old)] if len(old) >= len(stamp) else old
        new = new.ljust(len(old), b" ")
        return b"/" + m.group(1) + b" (" + new + b")"

    out, count = _DATE.subn(fixed, pdf)
    if count == 0 and (b"/CreationDate" in pdf or b"/ModDate" in pdf):
        raise PdfError("Chromium wrote its PDF dates in an unexpected form; "
                       "update sitetools.release.pdf.normalize")
    return renumber_node_ids(out)


_NODE_ID = re.compile(rb"\(node(\d{8})\)")


def renumber_node_ids(pdf: bytes) -> bytes:
    """Number the tagged PDF's structure ids (``(node00000387)``) 1, 2, 3, …

    Chromium takes them from its DOM node ids, which depend on timing (two
    prints of the same page, one under load, differ by one). The new numbers
    keep the old order, so the sorted ID tree stays sorted, and the same width,
    so no offset in the file moves.
    """
    old = sorted({int(m.group(1)) for m in _NODE_ID.finditer(pdf)})
    rank = {n: i for i, n in enumerate(old, start=1)}
    return _NODE_ID.sub(lambda m: b"(node%08d)" % rank[int(m.group(1))], pdf)


@dataclass(frozen=True)
class PdfJob:
    sections: list[Section]
    text: EditionText
    pdf_text: PdfText


async def _edition(browser: object, site: Mapping[str, bytes], job: PdfJob,
                   epoch: int) -> bytes:
    """Print one edition with page numbers in its table of contents."""
    # The first print (placeholders "000" in the contents) finds the pages; the
    # second, tagged and with bookmarks, carries them. Numbers take the same
    # width as the placeholders, so the pages do not move; if they did, print again.
    numbers: dict[str, int] = {}
    for attempt in range(3):
        document = render_edition(site, job.sections, job.text, page_numbers=numbers,
                                  for_print=True)
        pdf = await _print(browser, document, job.pdf_text, final=attempt > 0)
        found = section_pages(pdf, job.sections)
        if attempt > 0 and found == numbers:
            return normalize(pdf, epoch)
        numbers = found
    raise PdfError(f"{job.text.lang}: the page numbers of the contents do not settle")


def edition_pdfs(chromium_path: str, site: Mapping[str, bytes], jobs: Sequence[PdfJob],
                 epoch: int) -> list[bytes]:
    """Print the editions one after the other in one headless Chromium."""
    check_chromium(chromium_path)
    try:
        from playwright.async_api import Error, async_playwright
    except ImportError:
        raise PdfError("Playwright is missing: run `make install`") from None

    async def run() -> list[bytes]:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_path,
                                               args=CHROMIUM_ARGS)
            try:
                # One edition after the other: printing side by side in one
                # browser once gave a different (valid) PDF under load.
                return [await _edition(browser, site, job, epoch) for job in jobs]
            finally:
                await browser.close()

    try:
        return asyncio.run(run())
    except Error as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else "error"
        raise PdfError(f"Chromium at {chromium_path} failed: {first}") from None
