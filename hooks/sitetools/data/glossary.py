"""data/glossary.yml: the legal terms in three languages, with tooltip forms and the
variants the translation guard warns about."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from types import MappingProxyType
from typing import Any

from .. import LANGUAGES
from .common import EMPTY, Context, Localized, localized


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: Localized
    definition: Localized
    note: Localized | None = None
    avoid: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=lambda: EMPTY)
    tooltip: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=lambda: EMPTY)
    unconfirmed: frozenset[str] = frozenset()
    related: tuple[str, ...] = ()
    # the reader's own words (СЗЧ, Госуслуги), per language, and where they are used
    aliases: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=lambda: EMPTY)
    alias_sources: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()  # the pages that answer (docs paths inside a language)


def build_glossary(document: Mapping[str, Any], ctx: Context) -> Mapping[str, GlossaryTerm]:
    rows = {}
    for name, raw in ctx.each(document):
        if "aliases" in raw:
            for key in ("alias_sources", "answers"):
                if key not in raw:
                    raise ctx.fail(f"aliases need '{key}'", entry=name, field=key)
        rows[raw["id"]] = GlossaryTerm(
            id=raw["id"],
            term=localized(raw["term"]),
            definition=localized(raw["definition"]),
            note=localized(raw["note"]) if "note" in raw else None,
            avoid=MappingProxyType(
                {lang: tuple(raw.get("avoid", {}).get(lang, ())) for lang in LANGUAGES}
            ),
            tooltip=MappingProxyType(
                {lang: tuple(raw.get("tooltip", {}).get(lang, ())) for lang in LANGUAGES}
            ),
            unconfirmed=frozenset(raw.get("unconfirmed", ())),
            related=tuple(raw.get("related", ())),
            aliases=MappingProxyType(
                {lang: tuple(raw.get("aliases", {}).get(lang, ())) for lang in LANGUAGES}
            ),
            alias_sources=ctx.sources(raw.get("alias_sources", ()), entry=name,
                                      field="alias_sources"),
            answers=tuple(raw.get("answers", ())),
        )
    owners: dict[tuple[str, str], str] = {}
    for term in rows.values():
        name = f"'{term.id}'"
        for index, other in enumerate(term.related):
            if other not in rows:
                raise ctx.fail(
                    f"unknown glossary term '{other}'", entry=name, field=f"related[{index}]"
                )
        for lang in LANGUAGES:
            for index, form in enumerate(term.tooltip[lang]):
                owner = owners.setdefault((lang, form), term.id)
                if owner != term.id:
                    raise ctx.fail(
                        f"tooltip form '{form}' is also a tooltip of '{owner}'",
                        entry=name,
                        field=f"tooltip.{lang}[{index}]",
                    )
    return MappingProxyType(rows)


