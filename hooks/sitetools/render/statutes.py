"""Statute tables and the acts table, rendered as HTML from ``SiteData``.

Pure functions: data and a language in, an HTML string out. The HTML lives
in Jinja templates (``overrides/partials/data/``) with autoescaping on, so
every data string is escaped. The output has no blank lines and starts with
a block-level ``<div>``, so it can stand in a Markdown page as one raw HTML
block.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..data import (
    Act,
    Article,
    Part,
    Punishment,
    SiteData,
    Source,
    SpecialRule,
    Vocabulary,
    fill,
)
from .plural import Number, format_number, unit_word
from .templates import RenderError, format_date, render_template

__all__ = [
    "acts_by_date",
    "format_punishment",
    "format_term",
    "render_acts_table",
    "render_statute",
]

# Case of the unit word in each term phrase of data/vocabulary.yml (ru, uk):
# after «до», «от», «від», «не менее», «не менше» the genitive.
_TERM_CASE = {
    "exact": "nominative",
    "up_to": "genitive",
    "from_to": "genitive",
    "at_least": "genitive",
}


# --------------------------------------------------------------------------
# Words


def _amount(
    value: Number, unit: str, lang: str, vocabulary: Vocabulary, case: str
) -> tuple[str, str]:
    return format_number(value, lang), unit_word(vocabulary.units[unit][lang], value, lang, case)  # type: ignore[arg-type]


def format_term(punishment: Punishment, lang: str, vocabulary: Vocabulary) -> str:
    """The term or amount: "up to 7 years", «от 5 до 15 лет», «1 рік», "" for none."""
    low, high, unit = punishment.min, punishment.max, punishment.unit
    if unit is None or (low is None and high is None):
        return ""
    if low is not None and high is not None and low != high:
        key = "from_to"
    elif high is not None and low is None:
        key = "up_to"
    elif high is None:
        key = "at_least"
    else:
        key = "exact"
    values: dict[str, str] = {}
    if low is not None and key in ("from_to", "at_least"):
        values["min"], values["unit"] = _amount(low, unit, lang, vocabulary, _TERM_CASE[key])
    if high is not None:
        values["max"], values["unit"] = _amount(high, unit, lang, vocabulary, _TERM_CASE[key])
    return fill(vocabulary.terms[key][lang], **values)


def format_punishment(punishment: Punishment, lang: str, vocabulary: Vocabulary) -> str:
    """ "deprivation of liberty for up to 7 years", «пожизненное лишение свободы»."""
    return fill(
        vocabulary.punishments[punishment.kind][lang],
        term=format_term(punishment, lang, vocabulary),
    )


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class _Date:
    iso: str
    text: str


def _date(day: date, lang: str, vocabulary: Vocabulary) -> _Date:
    return _Date(day.isoformat(), format_date(day, lang, vocabulary))


@dataclass(frozen=True)
class _SourceView:
    url: str | None
    publisher: str
    title: str
    lang: str | None
    date: str | None


def _source_views(site: SiteData, ids: Iterable[str], lang: str) -> list[_SourceView]:
    seen: dict[str, Source] = {}
    for source_id in ids:
        seen.setdefault(source_id, site.sources[source_id])
    return [
        _SourceView(
            url=s.url,
            publisher=s.publisher,
            title=s.title,
            lang=s.language if s.language != lang else None,
            date=format_date(s.date, lang, site.vocabulary) if s.date else None,
        )
        for s in seen.values()
    ]


# --------------------------------------------------------------------------
# Statute table


@dataclass(frozen=True)
class _Row:
    part: str
    conduct: str
    circumstances: str
    punishments: tuple[str, ...]  # empty: not confirmed
    changes: tuple[str, ...]
    special: bool = False  # a special rule (a penalty for a group of people)


@dataclass(frozen=True)
class _NoteView:
    label: str
    parts: str
    text: str


def _changes(part: Part, site: SiteData, lang: str) -> tuple[str, ...]:
    vocabulary = site.vocabulary
    changes = []
    for key, label in (("introduced_by", "introduced"), ("amended_by", "amended")):
        act_id: str | None = getattr(part, key)
        if key in part.unverified:
            what = vocabulary.labels["not_confirmed"][lang]
        elif act_id is not None:
            act: Act = site.acts[act_id]
            what = fill(
                vocabulary.formats["change"][lang],
                act=act.name[lang],
                date=format_date(act.date, lang, vocabulary),
            )
        else:
            continue
        changes.append(f"{vocabulary.labels[label][lang]}: {what}")
    return tuple(changes)


def _punishments(
    punishments: Sequence[Punishment], lang: str, vocabulary: Vocabulary
) -> tuple[str, ...]:
    return tuple(
        (_capitalize if i == 0 else str)(format_punishment(p, lang, vocabulary))
        for i, p in enumerate(punishments)
    )


def _special_row(rule: SpecialRule, site: SiteData, lang: str) -> _Row:
    vocabulary = site.vocabulary
    act: Act = site.acts[rule.introduced_by]
    introduced = fill(
        vocabulary.formats["change"][lang],
        act=act.name[lang],
        date=format_date(act.date, lang, vocabulary),
    )
    return _Row(
        part=rule.part or fill(vocabulary.formats["special_rule"][lang], part=rule.extends),
        conduct=_capitalize(rule.conduct[lang]),
        circumstances=vocabulary.circumstances[rule.circumstances][lang],
        punishments=_punishments(rule.punishments, lang, vocabulary),
        changes=(f"{vocabulary.labels['introduced'][lang]}: {introduced}",),
        special=True,
    )


def _applies_to(parts: Sequence[str], lang: str, vocabulary: Vocabulary) -> str:
    if not parts:
        return ""
    key = "applies_to_one" if len(parts) == 1 else "applies_to_many"
    return fill(vocabulary.formats[key][lang], parts=", ".join(parts))


def _article(site: SiteData, article_id: str) -> Article:
    try:
        return site.articles[article_id]
    except KeyError:
        raise RenderError(f"unknown article '{article_id}'") from None


def _selected_parts(article: Article, parts: Sequence[str] | None) -> tuple[Part, ...]:
    if parts is None:
        return article.parts
    wanted = list(parts)
    if not wanted:
        raise RenderError("empty list of parts")
    for number in wanted:
        if wanted.count(number) > 1:
            raise RenderError(f"part '{number}' is listed twice")
        if number not in {p.part for p in article.parts}:
            raise RenderError(f"article '{article.id}' has no part '{number}'")
    return tuple(p for p in article.parts if p.part in wanted)


def render_statute(site_data: SiteData, article_id: str, parts: list[str] | None, lang: str) -> str:
    """The HTML table of an article (all parts, or only ``parts``) in ``lang``.

    Raises ``RenderError`` for an unknown article or part.
    """
    vocabulary = site_data.vocabulary
    article = _article(site_data, article_id)
    selected = _selected_parts(article, parts)
    numbers = {p.part for p in selected}
    labels = vocabulary.labels
    rows = []
    for part in selected:
        rows.append(
            _Row(
                part=part.part,
                conduct=_capitalize(part.conduct[lang]),
                circumstances=vocabulary.circumstances[part.circumstances][lang],
                punishments=_punishments(part.punishments, lang, vocabulary)
                if "punishments" not in part.unverified
                else (),
                changes=_changes(part, site_data, lang),
            )
        )
        # a special rule stands under the part whose conduct it covers
        rows.extend(
            _special_row(rule, site_data, lang)
            for rule in article.special_rules
            if rule.extends == part.part
        )
    notes = [
        _NoteView(
            label=labels[note.kind][lang],
            parts=_applies_to(
                [n for n in note.applies_to if n in numbers] if parts else note.applies_to,
                lang,
                vocabulary,
            ),
            text=note.text[lang],
        )
        for note in article.notes
        if not note.applies_to or numbers.intersection(note.applies_to)
    ]
    source_ids = [*article.sources]
    for part in selected:
        source_ids.extend(part.sources)
    for rule in article.special_rules:
        if rule.extends in numbers:
            source_ids.extend(rule.sources)
    for note in article.notes:
        if not note.applies_to or numbers.intersection(note.applies_to):
            source_ids.extend(note.sources)
    return render_template(
        "statute.html",
        lang=lang,
        article_id=article.id,
        caption=fill(
            vocabulary.formats["article_caption"][lang],
            article=article.article,
            code=vocabulary.codes[article.code][lang],
            title=article.title[lang],
        ),
        headers=[
            labels[key][lang]
            for key in ("part", "conduct", "circumstances", "punishment", "changes")
        ],
        rows=rows,
        or_word=labels["or"][lang],
        not_confirmed=_capitalize(labels["not_confirmed"][lang]),
        notes_heading=labels["notes"][lang],
        notes=notes,
        checked_label=labels["checked"][lang],
        checked=_date(article.checked, lang, vocabulary),
        sources_label=labels["sources"][lang],
        sources=_source_views(site_data, source_ids, lang),
    )


# --------------------------------------------------------------------------
# Acts table


# Treaties, EU acts and other countries' laws are not part of the timeline of
# Russian law and events: pages list them by kind (<!-- md:acts kind=treaty -->).
OTHER_KINDS = frozenset({"treaty", "eu-act", "foreign-law"})


def acts_by_date(site_data: SiteData, *, kinds: Sequence[str] | None = None,
                 ids: Sequence[str] | None = None) -> list[Act]:
    """The acts oldest first (acts of the same day in file order): those of ``kinds``, or
    those named in ``ids``, or else every act but treaties, EU acts and foreign laws."""
    if ids is not None:
        unknown = [i for i in ids if i not in site_data.acts]
        if unknown:
            raise RenderError(f"unknown act id(s) {', '.join(unknown)} (see data/acts.yml)")
        chosen = [site_data.acts[i] for i in dict.fromkeys(ids)]
    elif kinds is not None:
        chosen = [a for a in site_data.acts.values() if a.kind in kinds]
        if not chosen:
            raise RenderError(f"no act of kind {', '.join(kinds)} in data/acts.yml")
    else:
        chosen = [a for a in site_data.acts.values() if a.kind not in OTHER_KINDS]
    return sorted(chosen, key=lambda act: act.date)


def render_acts_table(site_data: SiteData, lang: str, *, kinds: Sequence[str] | None = None,
                      ids: Sequence[str] | None = None) -> str:
    """The HTML table of acts and events (date, act, what it did) in ``lang``: see
    ``acts_by_date`` for which."""
    vocabulary = site_data.vocabulary
    labels = vocabulary.labels
    rows = [
        {
            "date": _date(act.date, lang, vocabulary),
            "name": act.name[lang],
            "summary": act.summary[lang],
        }
        for act in acts_by_date(site_data, kinds=kinds, ids=ids)
    ]
    return render_template(
        "acts.html",
        lang=lang,
        headers=[labels[key][lang] for key in ("date", "act", "summary")],
        rows=rows,
    )
