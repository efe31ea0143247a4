"""MkDocs hook: ``<!-- md:release-key -->`` shows the release signing key.

The key comes from ``keys/release.pub`` (the file the verify command trusts by
default), so the site, the README's instructions and the command cannot
disagree; while that file is the placeholder, the marker shows a notice that
no key has been published yet. A thin adapter over ``sitetools.sign``.
"""

from __future__ import annotations

from pathlib import Path

from _context import build_language, page_name
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitetools.markers import marker_lines
from sitetools.sign import SignError, release_key_markdown

MARKER = "<!-- md:release-key -->"


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig,
                     files: Files) -> str | None:
    if MARKER not in markdown:
        return None
    path = Path(config.config_file_path).parent / "keys" / "release.pub"
    text = path.read_text(encoding="utf-8") if path.is_file() else None
    try:
        block = release_key_markdown(text, build_language(config, page))
    except SignError as error:
        raise PluginError(f"{page_name(config, page)}: {error}") from error
    return "\n".join(
        block if match and match.group("kind") == "release-key" else line
        for _number, line, match in marker_lines(markdown)
    )
