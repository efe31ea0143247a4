"""What every data builder uses: the localized text row, the builder's context
(file label, rows built so far, one-line errors) and the text checks.

A builder is a function ``(document, context) -> rows`` for one data file;
``sitetools.data.load`` calls the builders in dependency order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from .. import LANGUAGES
from .errors import DataError

EMPTY: Mapping[str, Any] = MappingProxyType({})
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Localized:
    """A text in each site language: ``text["ru"]``."""

    en: str
    ru: str
    uk: str

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return getattr(self, lang)


def fill(template: str, **values: str) -> str:
    """Replace ``{name}`` placeholders in a vocabulary string (plain text in, plain text out)."""
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def entry_name(raw: Any, index: int) -> str:
    """How messages name an entry: its id (``'cc-338'``) or its place (``#3``)."""
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"]:
        return f"'{raw['id']}'"
    return f"#{index + 1}"


@dataclass
class Context:
    """What a builder gets: the file's label and the rows built so far."""

    label: str
    built: dict[str, Any]
    entries: str | None = None

    def fail(
        self, problem: str, *, entry: str | None = None, field: str | None = None
    ) -> DataError:
        return DataError(self.label, problem, entry=entry, field=field)

    def each(self, document: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """The entries of the file's list with their labels, rejecting duplicate ids."""
        seen: dict[str, int] = {}
        for index, raw in enumerate(document[self.entries or ""]):
            name = entry_name(raw, index)
            if raw["id"] in seen:
                raise self.fail(
                    f"duplicate id '{raw['id']}' (first used by entry #{seen[raw['id']] + 1})",
                    entry=f"#{index + 1}",
                    field="id",
                )
            seen[raw["id"]] = index
            yield name, raw

    def check_ids(
        self, ids: Iterable[str], table: str, what: str, *, entry: str, field: str
    ) -> tuple[str, ...]:
        """Check a list of ids against the rows of ``table``."""
        ids = tuple(ids)
        for index, value in enumerate(ids):
            self.check_id(value, table, what, entry=entry, field=f"{field}[{index}]")
        return ids

    def check_id(self, value: str, table: str, what: str, *, entry: str, field: str) -> str:
        """Check one id against the rows of ``table``."""
        if value not in self.built.get(table, EMPTY):
            raise self.fail(f"unknown {what} '{value}'", entry=entry, field=field)
        return value

    def sources(self, ids: Iterable[str], *, entry: str, field: str) -> tuple[str, ...]:
        """Check a list of source ids against data/sources.yml."""
        return self.check_ids(ids, "sources", "source id", entry=entry, field=field)


def text(value: str) -> str:
    """Plain text with YAML's line breaks and ASCII space runs folded (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", value).strip(" ")


def localized(raw: Mapping[str, str]) -> Localized:
    """A localized text, each language folded by ``text``."""
    return Localized(**{lang: text(raw[lang]) for lang in LANGUAGES})


def optional_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def check_placeholders(
    texts: Mapping[str, Mapping[str, str] | Localized],
    expected: Mapping[str, frozenset[str]],
    ctx: Context,
    prefix: str,
    *,
    entry: str | None = None,
) -> None:
    """Every text keeps exactly its placeholders (``expected[key]``, else none), in every
    language; ``prefix`` leads the field path in messages (``words.``), ``entry`` names the
    entry they belong to."""
    for key, by_lang in texts.items():
        want = expected.get(key, frozenset())
        for lang in LANGUAGES:
            found = frozenset(PLACEHOLDER.findall(by_lang[lang]))
            stray = PLACEHOLDER.sub("", by_lang[lang])
            if found != want or "{" in stray or "}" in stray:
                wanted = " ".join(f"{{{n}}}" for n in sorted(want)) or "none"
                have = " ".join(f"{{{n}}}" for n in sorted(found)) or "none"
                raise ctx.fail(
                    f"placeholders must be {wanted}, found {have}", entry=entry,
                    field=f"{prefix}{key}.{lang}",
                )


def check_plain(node: Any, ctx: Context, *, entry: str | None = None, field: str = "") -> None:
    """No footnote reference ('[^') in a data string: the build adds the citations."""
    if isinstance(node, str):
        if "[^" in node:
            raise ctx.fail(
                "contains '[^': data strings are plain text; list source ids in 'sources'",
                entry=entry,
                field=field or None,
            )
    elif isinstance(node, Mapping):
        for key, value in node.items():
            check_plain(value, ctx, entry=entry, field=f"{field}.{key}" if field else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            check_plain(value, ctx, entry=entry, field=f"{field}[{index}]")
