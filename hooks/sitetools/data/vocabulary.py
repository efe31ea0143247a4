"""data/vocabulary.yml: the words the generated blocks use, in three languages."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .. import LANGUAGES
from .common import Context, Localized, check_placeholders, localized, text


@dataclass(frozen=True)
class Vocabulary:
    """The words of data/vocabulary.yml; see that file for what each key means."""

    labels: Mapping[str, Localized]
    codes: Mapping[str, Localized]
    circumstances: Mapping[str, Localized]
    punishments: Mapping[str, Localized]
    terms: Mapping[str, Localized]
    units: Mapping[str, Mapping[str, Mapping[str, str]]]  # unit -> lang -> category -> word
    months: Mapping[str, tuple[str, ...]]  # as in a date: genitive in ru and uk
    months_standalone: Mapping[str, tuple[str, ...]]  # "December 2022": nominative
    formats: Mapping[str, Localized]
    figures: Mapping[str, Mapping[str, Localized]]
    # every other word of the interface, by block: words["help"]["website"]["ru"]
    words: Mapping[str, Mapping[str, Localized]]

    def word(self, section: str, key: str, lang: str) -> str:
        """One interface word; a key the file does not have shows as itself (a data code)."""
        found = self.words[section].get(key)
        return found[lang] if found is not None else key


# Placeholders each vocabulary string must have (key path -> names); others have none.
PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    **{
        f"punishments.{kind}": frozenset({"term"})
        for kind in (
            "deprivation-of-liberty",
            "arrest",
            "disciplinary-military-unit",
            "restriction-in-military-service",
            "compulsory-labour",
            "compulsory-works",
            "fine",
            "fine-income",
        )
    },
    "terms.exact": frozenset({"max", "unit"}),
    "terms.up_to": frozenset({"max", "unit"}),
    "terms.from_to": frozenset({"min", "max", "unit"}),
    "terms.at_least": frozenset({"min", "unit"}),
    "formats.date": frozenset({"day", "month", "year"}),
    "formats.article_caption": frozenset({"article", "code", "title"}),
    "formats.article_short": frozenset({"article", "title"}),
    "formats.applies_to_one": frozenset({"parts"}),
    "formats.applies_to_many": frozenset({"parts"}),
    "formats.change": frozenset({"act", "date"}),
    "formats.special_rule": frozenset({"part"}),
    "figures.timeline.desc": frozenset({"first", "last"}),
    "words.help.in_language": frozenset({"language"}),
    "words.pages.reviewed": frozenset({"date"}),
    "words.pages.law_as_of": frozenset({"date"}),
    "words.pages.accessed": frozenset({"date"}),
    "words.release_key.none": frozenset({"file"}),
    "words.translation_status.summary": frozenset({"name", "up", "total", "stale", "missing"}),
    "words.edition.edition": frozenset({"version", "date"}),
    "words.edition.reviewed": frozenset({"date"}),
    "words.edition.reviewed_range": frozenset({"start", "end"}),
    "words.edition.online": frozenset({"url"}),
    # the transit countries' table and boxes
    "words.countries.date_month": frozenset({"month", "year"}),
    "words.countries.date_year": frozenset({"year"}),
    "words.countries.date_range": frozenset({"start", "end", "month", "year"}),
    "words.countries.reported": frozenset({"date"}),
    "words.countries.facts_caption": frozenset({"country"}),
    "words.countries.as_of": frozenset({"date"}),
    "words.countries.table_as_of": frozenset({"date"}),
    "words.countries.membership": frozenset({"treaty", "status"}),
    "words.countries.confirmed_until": frozenset({"year"}),
    "words.countries.cases_known": frozenset({"count", "years", "date"}),
    "words.countries.none_known": frozenset({"date"}),
    "words.countries.no_cases": frozenset({"date", "searched"}),
    "words.countries.cases_searched": frozenset({"date", "searched"}),
    # the charts
    **{f"words.chart_qualifiers.{q}": frozenset({"value"})
       for q in ("exact", "about", "at-least", "over")},
    "words.charts.percent": frozenset({"value"}),
    "words.charts.estimate_value": frozenset({"value"}),
    "words.charts.month_year": frozenset({"month", "year"}),
    "words.charts.year": frozenset({"year"}),
    "words.charts.as_of": frozenset({"when"}),
    "words.charts.running": frozenset({"since", "when"}),
    "words.charts.range": frozenset({"start", "end"}),
    "words.charts.years": frozenset({"start", "end"}),
    "words.charts.caption_period": frozenset({"period"}),
    "words.charts.caption_running": frozenset({"since"}),
    # the EU policy asks
    "words.policy.ask_title": frozenset({"number", "title"}),
    "words.policy.no_response": frozenset({"date"}),
    "words.policy.appeal_title": frozenset({"date", "name"}),
}


def build_vocabulary(document: Mapping[str, Any], ctx: Context) -> Vocabulary:
    def walk(node: Any, path: str) -> Iterator[tuple[str, Mapping[str, str]]]:
        if (
            isinstance(node, dict)
            and set(node) == set(LANGUAGES)
            and all(isinstance(v, str) for v in node.values())
        ):
            yield path, node
        elif isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, f"{path}.{key}" if path else key)

    texts = dict(walk({k: v for k, v in document.items()
                       if k not in ("units", "months", "months_standalone")}, ""))
    check_placeholders(texts, PLACEHOLDERS, ctx, "")

    def section(name: str) -> Mapping[str, Localized]:
        return MappingProxyType({key: localized(raw) for key, raw in document[name].items()})

    return Vocabulary(
        labels=section("labels"),
        codes=section("codes"),
        circumstances=section("circumstances"),
        punishments=section("punishments"),
        terms=section("terms"),
        formats=section("formats"),
        units=MappingProxyType(
            {
                unit: MappingProxyType(
                    {
                        lang: MappingProxyType({cat: text(word) for cat, word in forms.items()})
                        for lang, forms in by_lang.items()
                    }
                )
                for unit, by_lang in document["units"].items()
            }
        ),
        months=MappingProxyType(
            {lang: tuple(text(m) for m in names) for lang, names in document["months"].items()}
        ),
        months_standalone=MappingProxyType(
            {lang: tuple(text(m) for m in names)
             for lang, names in document["months_standalone"].items()}
        ),
        figures=MappingProxyType(
            {
                figure: MappingProxyType({key: localized(raw) for key, raw in texts.items()})
                for figure, texts in document["figures"].items()
            }
        ),
        words=MappingProxyType(
            {
                name: MappingProxyType({key: localized(raw) for key, raw in texts.items()})
                for name, texts in document["words"].items()
            }
        ),
    )


