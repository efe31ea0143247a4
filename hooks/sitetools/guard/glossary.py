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
        return re.escape(_stem(word)) + _WORD_CHARS + "{0,3}"
    return re.escape(word)


_BEFORE_WORD = r"(?<![\w'])"
_AFTER_WORD = r"(?![\w'])"


def _variant_body(variant: str, lang: str) -> str:
    return r"[\s\u00a0]+".join(_word_pattern(w, lang) for w in variant.split())


def variant_pattern(variant: str, lang: str) -> str:
    """The regular expression (without flags) that finds ``variant`` in text."""
    return _BEFORE_WORD + _variant_body(variant, lang) + _AFTER_WORD


# Characters that ``re.IGNORECASE`` takes as the same letter although their
# lower case differs (Unicode's case folding; CPython's re._casefix): keys are
# built with them folded to one, so that the index never misses a match.
_CASE_TWINS = {
    "ı": "i", "ſ": "s", "µ": "μ", "ͅ": "ι", "ι": "ι", "ϐ": "β", "ϵ": "ε", "ϑ": "θ",
    "ϰ": "κ", "ϖ": "π", "ϱ": "ρ", "ς": "σ", "ϕ": "φ", "ᲀ": "в", "ᲁ": "д", "ᲂ": "о",
    "ᲃ": "с", "ᲄ": "т", "ᲅ": "т", "ᲆ": "ъ", "ᲇ": "ѣ", "ᲈ": "ꙋ", "ẛ": "ṡ", "ﬅ": "ﬆ",
}


_TWINS = re.compile("[" + "".join(_CASE_TWINS) + "]")


def _key(text: str) -> str:
    """``text`` in one case, one character for one (for the index's keys)."""
    low = text.lower()
    if len(low) == len(text) and not _TWINS.search(low):
        return low  # the usual case
    out = []
    for char in text:
        low = char.lower()
        low = low[0] if len(low) != 1 else low  # 'İ' → 'i̇': keep the letter
        out.append(_CASE_TWINS.get(low, low))
    return "".join(out)


_RUN = re.compile(r"(?<![\w'])[\w']+")
_ODD_START = re.compile(r"(?<![\w'])[^\w'\s]")
_LEADING_RUN = re.compile(r"[\w']*")


class Matcher:
    r"""Finds a language's avoided variants in text, in time linear in the text and
    in the number of variants.

    The variants are indexed by their first word: each word of the text looks up
    the few variants whose first word can match it (exactly, by stem, or by
    prefix), and only those are tried with their own expression. So a page is
    checked in time that does not grow with the glossary, and the glossary is
    indexed once, in time linear in its size. What matches is what one
    alternation of all variants, ``(?<![\w'])(?:v1|v2|…)(?![\w'])``, would
    match: the leftmost match, the first variant in glossary order there.
    """

    def __init__(self, variants: Sequence[tuple[str, GlossaryTerm]], lang: str) -> None:
        self.lang = lang
        self.terms = tuple(term for _, term in variants)
        self.bodies = tuple(_variant_body(variant, lang) for variant, _ in variants)
        self.exact: dict[str, list[int]] = {}  # the text's word is the key
        self.stems: dict[str, list[int]] = {}  # the key plus 0 to 3 letters
        self.prefixes: dict[str, list[int]] = {}  # the key plus any letters
        self.odd: dict[str, list[int]] = {}  # variants that start with punctuation, by it
        self.tried = 0  # expressions tried (the test of linearity counts them)
        self._compiled: dict[int, re.Pattern[str]] = {}
        self._seen: dict[str, list[int]] = {}  # a word's candidates, once per word
        for index, (variant, _) in enumerate(variants):
            table, key = self._index_key(_fold(variant).split()[0])
            table.setdefault(key, []).append(index)
        self._prefix_lengths = sorted({len(key) for key in self.prefixes})
        self._words = self._word_filter()

    def _word_filter(self) -> re.Pattern[str]:
        """The words of a (keyed) text worth looking up: those whose first two letters
        begin some key. Its size is bounded by the alphabet, not the glossary."""
        heads: dict[str, set[str]] = {}
        for table in (self.exact, self.stems, self.prefixes):
            for key in table:
                heads.setdefault(key[:1], set()).add(key[1:2])
        branches = []
        for first, seconds in sorted(heads.items()):
            if not first:
                continue
            if "" in seconds:  # a one-letter key: any word starting with it
                branches.append(re.escape(first))
                continue
            chars = "".join(sorted(re.escape(c) for c in seconds))
            branches.append(re.escape(first) + "[" + chars + "]")
        if not branches:
            return re.compile(r"(?!)")
        return re.compile(r"(?<![\w'])(?:" + "|".join(branches) + r")[\w']*")

    def _index_key(self, word: str) -> tuple[dict[str, list[int]], str]:
        """Which table a variant goes in, and its key, from its first word."""
        if not (word[:1].isalnum() or word[:1] in "_'"):
            return self.odd, _key(word[0])
        if word.endswith("*"):
            literal, table = word[:-1], self.prefixes
        elif self.lang == "en":
            literal, table = word, self.exact  # plus s, es, 's: see _candidates
        elif len(word) >= 5:
            literal, table = _stem(word), self.stems
        else:
            literal, table = word, self.exact
        run = _LEADING_RUN.match(literal).group(0)  # type: ignore[union-attr]
        if run != literal:  # punctuation inside the word: the text's word ends there
            return self.exact, _key(run)
        return table, _key(literal)

    def _candidates(self, word: str) -> list[int]:
        """The variants that may start with ``word``, in glossary order (a superset)."""
        found = self._seen.get(word)
        if found is not None:
            return found
        key = _key(word)
        hits: list[int] = list(self.exact.get(key, ()))
        if self.lang == "en":
            for suffix in ("s", "es", "'s"):
                if key.endswith(suffix) and len(key) > len(suffix):
                    hits.extend(self.exact.get(key[: -len(suffix)], ()))
        if self.stems:
            for cut in range(min(4, len(key))):
                hits.extend(self.stems.get(key[: len(key) - cut], ()))
        for length in self._prefix_lengths:  # at most one per distinct key length
            if length > len(key):
                break
            hits.extend(self.prefixes.get(key[:length], ()))
        found = self._seen[word] = sorted(set(hits))
        return found

    def _match(self, index: int, text: str, at: int) -> re.Match[str] | None:
        self.tried += 1
        regex = self._compiled.get(index)
        if regex is None:
            regex = self._compiled[index] = re.compile(self.bodies[index] + _AFTER_WORD, re.I)
        return regex.match(text, at)

    def _starts(self, text: str) -> list[tuple[int, list[int]]]:
        # _key keeps one character for one, so offsets agree: look up only the words
        # whose first letters begin a key
        words = self._words.finditer(_key(text))
        seen = self._seen
        starts = []
        for match in words:
            word = text[match.start() : match.end()]
            found = seen.get(word)
            if found is None:
                found = self._candidates(word)
            if found:
                starts.append((match.start(), found))
        if self.odd:
            starts.extend((m.start(), sorted(self.odd.get(_key(m.group(0)), [])))
                          for m in _ODD_START.finditer(text))
            starts.sort(key=lambda start: start[0])
        return starts

    def find(self, lines: list[tuple[int, str]]) -> list[Avoided]:
        if not self.terms:
            return []
        found: list[Avoided] = []
        for lineno, text in lines:
            folded = _fold(text)
            end = 0
            for at, candidates in self._starts(folded):
                if at < end or not candidates:
                    continue
                for index in candidates:
                    match = self._match(index, folded, at)
                    if match:
                        found.append(Avoided(lineno, text[at : match.end()], self.terms[index]))
                        end = match.end()
                        break
        return found


def _stem(word: str) -> str:
    stem = word
    for _ in range(2):
        if len(stem) > 4 and stem[-1].lower() in _ENDINGS:
            stem = stem[:-1]
    return stem


def build_matcher(terms: Sequence[GlossaryTerm], lang: str) -> Matcher:
    """The index of a language's avoided variants, in glossary order."""
    return Matcher([(v, term) for term in terms for v in term.avoid.get(lang, ())], lang)


def find_avoided(
    lines: list[tuple[int, str]], terms: Sequence[GlossaryTerm], lang: str
) -> list[Avoided]:
    """Avoided variants in ``lines`` (pairs of line number and prose text)."""
    return build_matcher(terms, lang).find(lines)
