"""Drop the CSS rules a document cannot use (for the single-file edition).

Material's stylesheet styles the whole theme (header, navigation, search,
tabs, twenty colour palettes); the single-file edition uses a small part of
it. A rule is dropped only when its selectors name a class, an id, or an
attribute value that appears nowhere in the document; anything this simple
test cannot decide is kept. The test ignores what is inside functional
pseudo-classes (``:not(.x)``, ``:is(.a,.b)``), which may name absent classes
and still match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_ATTR = re.compile(r"\[\s*([\w-]+)\s*(?:([~|^$*]?=)\s*"
                   r"(\"[^\"]*\"|'[^']*'|[^\]\s]+)\s*)?(?:\s[is])?\]")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_TAG_ATTR = re.compile(r'\s([\w:-]+)(?:="([^"]*)")?')


@dataclass(frozen=True)
class Present:
    classes: frozenset[str]
    ids: frozenset[str]
    attrs: frozenset[str]
    pairs: frozenset[tuple[str, str]]


def present_in(document: str) -> Present:
    """Classes, ids, attribute names and name=value pairs used in ``document``.

    Reads start tags with double-quoted attributes, as the edition writes them.
    """
    import html

    classes, ids, attrs, pairs = set(), set(), set(), set()
    for tag in _TAG.finditer(document):
        for m in _TAG_ATTR.finditer(tag.group(0)):
            name, value = m.group(1).lower(), html.unescape(m.group(2) or "")
            attrs.add(name)
            pairs.add((name, value))
            if name == "class":
                classes.update(value.split())
            elif name == "id":
                ids.add(value)
    return Present(frozenset(classes), frozenset(ids), frozenset(attrs), frozenset(pairs))


def _strip_functional(selector: str) -> str:
    """The selector without the contents of :not(), :is(), :where(), :has()."""
    out, i = [], 0
    while (m := _FUNCTIONAL.search(selector, i)):
        out.append(selector[i:m.start()])
        depth, j = 1, m.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j
    out.append(selector[i:])
    return "".join(out)


def _split_top(text: str, sep: str = ",") -> list[str]:
    parts, depth, start, quote = [], 0, 0, ""
    for i, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def selector_may_match(selector: str, present: Present) -> bool:
    plain = _strip_functional(selector)
    plain = re.sub(r"\"[^\"]*\"|'[^']*'", lambda m: m.group(0).replace(".", "\0"), plain)
    for m in _ATTR.finditer(plain):
        name, op, value = m.group(1), m.group(2), m.group(3)
        if name not in present.attrs:
            return False
        if op == "=":
            value = value.strip("\"'").replace("\0", ".")
            if (name, value) not in present.pairs:
                return False
    bare = _ATTR.sub("", plain)
    if any(c not in present.classes for c in _CLASS.findall(bare)):
        return False
    return all(i in present.ids for i in _ID.findall(bare))


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs; body is None-like '' for statements."""
    blocks, i, n = [], 0, len(css)
    while i < n:
        j, quote, depth, prelude_end = i, "", 0, -1
        while j < n:
            ch = css[j]
            if quote:
                if ch == "\\":
                    j += 1
                elif ch == quote:
                    quote = ""
            elif css.startswith("/*", j):
                j = css.find("*/", j + 2)
                j = n if j < 0 else j + 1
            elif ch in "\"'":
                quote = ch
            elif ch == ";" and depth == 0 and prelude_end < 0:
                blocks.append((css[i:j + 1].strip(), ""))
                break
            elif ch == "{":
                if depth == 0:
                    prelude_end = j
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    blocks.append((css[i:prelude_end].strip(), css[prelude_end + 1:j]))
                    break
            j += 1
        i = j + 1
    return [(p, b) for p, b in blocks if p]


def purge(css: str, present: Present) -> str:
    """``css`` without the rules that cannot apply to a document with ``present``."""
    return _purge(_COMMENT.sub("", css), present)


def _purge(css: str, present: Present) -> str:
    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@"):
            if prelude.startswith(("@media", "@supports")):
                inner = _purge(body, present)
                if inner:
                    out.append(f"{prelude}{{{inner}}}")
            else:  # @font-face, @keyframes, @page, @charset…: kept as they are
                out.append(f"{prelude}{{{body}}}" if body else prelude)
            continue
        selectors = [s for s in _split_top(prelude) if s.strip()]
        if any(selector_may_match(s.strip(), present) for s in selectors):
            out.append(f"{prelude}{{{body}}}")
    return "".join(out)
