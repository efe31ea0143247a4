"""The glossary (data/glossary.yml): key terms in en/ru/uk and variants to avoid.

The translation guard uses ``find_avoided`` to warn where a page uses a
variant the glossary says to avoid. The glossary page and tooltips can use
``load_glossary`` and the ``Term`` rows.

How an avoided variant matches (case-insensitive, whole words only; «ё» and
«е» are the same letter; the apostrophes ' ’ ʼ are the same):

* ``word*``: any word that starts with ``word`` (an explicit stem).
* a Russian or Ukrainian word of 5 letters or more: its stem (the word without
  a final vowel, «ь» or «й», at most two letters) plus up to 3 more letters,
  so «самоволка» also finds «самоволки», «самоволкой».
* an English word: the word, optionally followed by ``s``/``es``/``'s``.
* a shorter word (abbreviations like «ТЦК»): the word itself.

A phrase matches its words in order, separated by white space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import yamlio

LANGS = ("en", "ru", "uk")
_ENDINGS = "аяоеёиыуюьйіїє"
_WORD_CHARS = r"[\w']"


def _fold(text: str) -> str:
    """Typographic apostrophes as ', ё as е (same length: match offsets still fit).

    Chained replace() calls: str.translate with a table looks up every
    character in a dict, several times slower on whole pages.
    """
    return text.replace("’", "'").replace("ʼ", "'").replace("ё", "е").replace("Ё", "Е")


class GlossaryError(ValueError):
    """The glossary file cannot be used; the message names the file and entry."""


@dataclass(frozen=True)
class Term:
    id: str
    term: dict[str, str]
    definition: dict[str, str]
    avoid: dict[str, tuple[str, ...]]
    note: dict[str, str] | None = None
    unconfirmed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Avoided:
    """An avoided variant found in a page."""

    line: int
    found: str
    term: Term


def _localized(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != set(LANGS):
        raise GlossaryError(f"{where}: needs exactly the keys en, ru, uk")
    for lang in LANGS:
        if not isinstance(value[lang], str) or not value[lang].strip():
            raise GlossaryError(f"{where}.{lang}: needs a non-empty string")
    return {lang: value[lang].strip() for lang in LANGS}


def _term(entry: Any, index: int, source: str) -> Term:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise GlossaryError(f"{source}: terms[{index}]: needs an 'id'")
    where = f"{source}: term '{entry['id']}'"
    avoid_raw = entry.get("avoid") or {}
    if not isinstance(avoid_raw, dict) or not set(avoid_raw) <= set(LANGS):
        raise GlossaryError(f"{where}: 'avoid' maps en/ru/uk to lists of strings")
    avoid: dict[str, tuple[str, ...]] = {}
    for lang in LANGS:
        values = avoid_raw.get(lang) or []
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise GlossaryError(f"{where}: avoid.{lang}: needs a list of strings")
        avoid[lang] = tuple(values)
    note = entry.get("note")
    unconfirmed = entry.get("unconfirmed") or []
    if not isinstance(unconfirmed, list) or not set(unconfirmed) <= set(LANGS):
        raise GlossaryError(f"{where}: 'unconfirmed' is a list of en/ru/uk")
    return Term(
        id=entry["id"],
        term=_localized(entry.get("term"), f"{where}: term"),
        definition=_localized(entry.get("definition"), f"{where}: definition"),
        avoid=avoid,
        note=_localized(note, f"{where}: note") if note is not None else None,
        unconfirmed=tuple(unconfirmed),
    )


def parse_glossary(data: Any, source: str = "data/glossary.yml") -> list[Term]:
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError(f"{source}: needs a top-level 'terms' list")
    terms = [_term(entry, i, source) for i, entry in enumerate(data["terms"])]
    seen: set[str] = set()
    for term in terms:
        if term.id in seen:
            raise GlossaryError(f"{source}: term '{term.id}' is listed twice")
        seen.add(term.id)
    return terms


def load_glossary(path: Path) -> list[Term]:
    """Read the glossary; an absent file is an empty glossary."""
    if not path.is_file():
        return []
    try:
        data = yamlio.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GlossaryError(f"{path}: cannot be read as YAML: {error}") from error
    return parse_glossary(data, str(path))


# --------------------------------------------------------------------------
# Matching


def _word_pattern(word: str, lang: str) -> str:
    word = _fold(word)
    if word.endswith("*"):
        return re.escape(word[:-1]) + _WORD_CHARS + "*"
    if lang == "en":
        return re.escape(word) + "(?:s|es|'s)?"
    if len(word) >= 5:
        stem = word
        for _ in range(2):
            if len(stem) > 4 and stem[-1].lower() in _ENDINGS:
                stem = stem[:-1]
        return re.escape(stem) + _WORD_CHARS + "{0,3}"
    return re.escape(word)


_BEFORE_WORD = r"(?<![\w'])"
_AFTER_WORD = r"(?![\w'])"


def _variant_body(variant: str, lang: str) -> str:
    return r"[\s\u00a0]+".join(_word_pattern(w, lang) for w in variant.split())


def variant_pattern(variant: str, lang: str) -> str:
    """The regular expression (without flags) that finds ``variant`` in text."""
    return _BEFORE_WORD + _variant_body(variant, lang) + _AFTER_WORD


@dataclass(frozen=True)
class Matcher:
    regex: re.Pattern[str] | None
    terms: tuple[Term, ...]

    def find(self, lines: list[tuple[int, str]]) -> list[Avoided]:
        if self.regex is None:
            return []
        found: list[Avoided] = []
        for lineno, text in lines:
            for match in self.regex.finditer(_fold(text)):
                index = int(match.lastgroup[1:]) if match.lastgroup else 0
                span = text[match.start() : match.end()]
                found.append(Avoided(lineno, span, self.terms[index]))
        return found


def build_matcher(terms: list[Term], lang: str) -> Matcher:
    """One compiled expression for all of a language's avoided variants."""
    groups: list[str] = []
    owners: list[Term] = []
    for term in terms:
        for variant in term.avoid.get(lang, ()):
            groups.append(f"(?P<g{len(owners)}>{_variant_body(variant, lang)})")
            owners.append(term)
    if not groups:
        return Matcher(None, ())
    # The word boundaries stand outside the alternation: the engine tries the
    # variants only where a word starts (four times faster than one boundary
    # per variant, on the real site); what matches is the same.
    pattern = _BEFORE_WORD + "(?:" + "|".join(groups) + ")" + _AFTER_WORD
    return Matcher(re.compile(pattern, re.IGNORECASE), tuple(owners))


def find_avoided(lines: list[tuple[int, str]], terms: list[Term], lang: str) -> list[Avoided]:
    """Avoided variants in ``lines`` (pairs of line number and prose text)."""
    return build_matcher(terms, lang).find(lines)
