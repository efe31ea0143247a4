"""The one reading of marker lines that every hook shares.

A marker is an HTML comment alone on its line, starting at column 1:
``<!-- md:kind arg arg -->``. Lines inside fenced code blocks (also in block
quotes) are never markers, so CONVENTIONS.md can show them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MARKER_LINE = re.compile(
    r"^<!--\s*md:(?P<kind>[a-z][a-z0-9-]*)(?P<args>(?:[ \t]+[^\s]+)*)[ \t]*-->[ \t]*$"
)
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]*)*")
_FENCE_OPEN = re.compile(_QUOTE_PREFIX.pattern + r"(?P<fence>`{3,}|~{3,})")


def code_aware_lines(markdown: str) -> Iterator[tuple[int, str, bool]]:
    """(line number from 1, line, whether it is part of a fenced code block)."""
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        if fence is not None:
            closing = _QUOTE_PREFIX.sub("", line).rstrip()
            if closing.startswith(fence) and set(closing) == {fence[0]}:
                fence = None
            yield number, line, True
            continue
        opening = _FENCE_OPEN.match(line)
        if opening:
            fence = opening.group("fence")
            yield number, line, True
            continue
        yield number, line, False


def marker_lines(markdown: str) -> Iterator[tuple[int, str, re.Match[str] | None]]:
    """(line number, line, the marker match or None) for every line of ``markdown``."""
    for number, line, in_code in code_aware_lines(markdown):
        yield number, line, None if in_code else MARKER_LINE.match(line)
