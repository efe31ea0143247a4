"""Finding the glossary's variants to avoid (data/glossary.yml, ``avoid``) in a page.

The translation guard warns where a page uses a variant the glossary says to
avoid. The terms themselves are the data layer's ``GlossaryTerm`` rows.

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
from collections.abc import Sequence
from dataclasses import dataclass

from ..data import GlossaryTerm

_ENDINGS = "аяоеёиыуюьйіїє"
_WORD_CHARS = r"[\w']"


def _fold(text: str) -> str:
    """Typographic apostrophes as ', ё as е (same length: match offsets still fit).

    Chained replace() calls: str.translate with a table looks up every
    character in a dict, several times slower on whole pages.
    """
    return text.replace("’", "'").replace("ʼ", "'").replace("ё", "е").replace("Ё", "Е")


@dataclass(frozen=True)
class Avoided:
    """An avoided variant found in a page."""

    line: int
    found: str
    term: GlossaryTerm


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
    terms: tuple[GlossaryTerm, ...]

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


def build_matcher(terms: Sequence[GlossaryTerm], lang: str) -> Matcher:
    """One compiled expression for all of a language's avoided variants."""
    groups: list[str] = []
    owners: list[GlossaryTerm] = []
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


def find_avoided(
    lines: list[tuple[int, str]], terms: Sequence[GlossaryTerm], lang: str
) -> list[Avoided]:
    """Avoided variants in ``lines`` (pairs of line number and prose text)."""
    return build_matcher(terms, lang).find(lines)
