"""Addresses written with look-alike letters (Unicode TS #39).

``unsafe(kind, value)`` says why a contact cannot be trusted as written: it
mixes scripts (``ovdinfо.org`` with a Cyrillic «о»: mixed-script), or it is
written entirely in letters of another script that look Latin (whole-script
confusable); a Telegram name with any non-Latin letter. ``lookalike`` gives
what such a value looks like. The Unicode data (scripts and confusables) is
the ``confusable_homoglyphs`` package's, loaded only when a value has a
non-ASCII letter.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any


@functools.cache
def _library() -> Any:
    from confusable_homoglyphs import categories, confusables

    return categories, confusables


def _scripts(text: str) -> set[str]:
    categories, _ = _library()
    return {categories.alias(c) for c in text if c.isalpha()} - {"COMMON", "INHERITED"}


def lookalike(text: str) -> str:
    """``text`` with each letter that has a Latin look-alike replaced by it."""
    if text.isascii():
        return text
    _, confusables = _library()
    out = []
    for char in text:
        latin = char
        if not char.isascii() and char.isalpha():
            found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"])
            for homoglyph in (found[0]["homoglyphs"] if found else []):
                if homoglyph["c"].isascii() and len(homoglyph["c"]) == 1:
                    latin = homoglyph["c"]
                    break
        out.append(latin)
    return "".join(out)


def _decode_idna(host: str) -> str:
    """Punycode labels (``xn--…``) as the letters they stand for."""

    def decode(match: re.Match[str]) -> str:
        try:
            return match.group(0).encode("ascii").decode("idna")
        except UnicodeError:
            return match.group(0)

    return _PUNYCODE.sub(decode, host)


def _host(value: str) -> str:
    rest = value.split("://", 1)[1] if "://" in value else value
    return re.split(r"[/?#]", rest, maxsplit=1)[0].rpartition("@")[2]


_PUNYCODE = re.compile(r"xn--[a-z0-9-]+", re.I)


def _named(chars: str) -> str:
    return ", ".join(f"«{c}» {unicodedata.name(c, hex(ord(c))).lower()}" for c in chars)


def unsafe(kind: str, value: str) -> str | None:
    """Why the contact ``value`` is unsafe as written, or ``None``.

    For a link and a web address, only the host counts (a path may be in any
    script: ``wikipedia.org/wiki/Хочу_жить``).
    """
    if kind in ("url", "domain", "onion"):
        value = _host(value)
    if "xn--" in value.lower():
        value = _decode_idna(value)
    if value.isascii():
        return None
    strange = "".join(dict.fromkeys(c for c in value if not c.isascii() and c.isalpha()))
    if not strange:
        return None
    looks = lookalike(value)
    if kind == "telegram":
        return (f"is not a Telegram name: it has non-Latin letters ({_named(strange)})"
                + (f" and looks like {looks}" if looks != value else ""))
    scripts = _scripts(value)
    if len(scripts) > 1:
        return (f"mixes {' and '.join(sorted(s.title() for s in scripts))} letters "
                f"({_named(strange)}): it looks like {looks} but is another address")
    if looks != value and all(c.isascii() for c in looks if c.isalpha()):
        return (f"is written in {next(iter(scripts)).title()} letters that look Latin "
                f"({_named(strange)}): it looks like {looks} but is another address")
    return None


