"""Text in SVG figures: SVG text does not wrap by itself, so lines are broken here
from an estimate of the glyph widths. Shared by the figures and the charts."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

WIDTH = 360  # viewBox width: one phone screen
FONT_SIZE = 14
LINE_HEIGHT = 18


@functools.cache  # a few dozen distinct characters, thousands of calls
def _glyph_width(char: str) -> float:
    """Rough advance width of a glyph in em for a sans-serif system font."""
    if char == " " or char == "\u00a0":
        return 0.28
    if char in "iIl.,:;'!|()[]ʼ’«»-":
        return 0.32
    if char in "mwMWШЩЖЮМшщжюмыЫ—":
        return 0.86
    if char.isdigit():
        return 0.56
    if char.isupper():
        return 0.68
    return 0.56


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width of ``text`` at font size ``size`` (user units)."""
    return sum(map(_glyph_width, text)) * size * (1.08 if bold else 1.0)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Break ``text`` at spaces into lines no wider than ``width``.

    A word wider than ``width`` gets a line of its own.
    """
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold=bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    lines: tuple[str, ...]
    line_height: float = LINE_HEIGHT
    bold: bool = False
    size: float | None = None
    anchor: Literal["start", "middle", "end"] = "start"

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)


def round1(value: float) -> float:
    return round(value, 1)
