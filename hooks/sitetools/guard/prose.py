"""What the prose of a page says, beyond its numbers: its language, and claims of
absence or completeness typed as text.

* ``block_language``: the language a paragraph is written in: Latin letters are
  English; Cyrillic is Russian or Ukrainian, told apart by the letters only one
  of them has (ы э ъ ё / і ї є ґ) and by common short words. Quoted text
  («…», “…”, "…") is left out, so quotations, names and titles of laws in
  another language do not count.
* ``foreign_prose``: a page whose prose is mostly in another language than
  its folder's (an English body under Russian front matter).
* ``find_claims``: "no documented case", "not repealed", "no response",
  "N cases", «ни одного случая», «не скасовано»… Such a claim goes stale
  silently: it belongs in data/, rendered with the date it was checked and
  what was searched. A sentence that says itself "as of <date>" and what
  was searched ("as of 6 December 2026, the sources we searched…") passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .scan import Block

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian"}

# --------------------------------------------------------------------------
# Language

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_RU_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")
_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_RU_WORDS = _words(
    "что как это если или когда только также был была были есть нет все уже чем где кто "
    "он они от с из же ли бы его ее её их который которые которая даже лишь после между "
    "под этот эта эти себя свой своих мне меня почему чтобы"
)
_UK_WORDS = _words(
    "що як це та або якщо коли лише також був була були є немає всі вже де хто він вони "
    "від з із зі й і чи її їх який яка які яких після між під себе свій мені мене цей ця "
    "ці ще теж тому чому щоб бо адже проте"
)
_WORD = re.compile(r"[\w']+")
_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|„[^„“”]*[“”]|\"[^\"\n]*\"")
MIN_LETTERS = 20  # shorter paragraphs are not judged


def block_language(text: str) -> tuple[str | None, int]:
    """The language of a paragraph (``None``: too short or undecided) and its letters."""
    text = _QUOTED.sub(" ", text)
    latin, cyrillic = len(_LATIN.findall(text)), len(_CYRILLIC.findall(text))
    letters = latin + cyrillic
    if letters < MIN_LETTERS:
        return None, letters
    if latin > cyrillic:
        return "en", letters
    ru, uk = len(_RU_LETTERS.findall(text)), len(_UK_LETTERS.findall(text))
    if abs(ru - uk) < 3:  # the letters do not settle it: common words too
        for word in _WORD.findall(text.lower()):
            ru += word in _RU_WORDS
            uk += word in _UK_WORDS
    if ru == uk:
        return None, letters
    return ("ru" if ru > uk else "uk"), letters


@dataclass(frozen=True)
class Foreign:
    """A page mostly in another language: which, what share, and its first paragraph."""

    lang: str
    share: float
    first: Block


def foreign_prose(blocks: Iterable[Block], lang: str) -> Foreign | None:
    """The other language most of the page's prose is in, if it is not ``lang``."""
    letters: dict[str, int] = {}
    first: dict[str, Block] = {}
    for block in blocks:
        if block.kind == "table row":
            continue  # names, numbers and labels: too little prose to judge
        found, count = block_language(block.text)
        if found is None:
            continue
        letters[found] = letters.get(found, 0) + count
        first.setdefault(found, block)
    total = sum(letters.values())
    if not total or letters.get(lang, 0) * 2 > total:
        return None
    other = max((code for code in letters if code != lang), key=letters.__getitem__)
    return Foreign(other, letters[other] / total, first[other])


# --------------------------------------------------------------------------
# Claims of absence or completeness

def _phrases(*phrases: str) -> re.Pattern[str]:
    """One expression for several phrases; a space in them is any white space, line
    breaks included (a paragraph's lines are joined); N is a number."""
    alternatives = []
    for phrase in phrases:
        # every phrase starts a word: that test stands once, outside the alternation, so
        # that the phrases are tried only where a word starts (several times faster)
        phrase = phrase.removeprefix(r"\b").removeprefix(r"(?<!\w)")
        phrase = phrase.replace(r"(?<![\w.,])", r"(?<![.,])")
        phrase = phrase.replace(" ", r"[\s\u00a0]+")
        alternatives.append(phrase.replace("N", r"(?:\d[\d\u00a0\u202f,.]*\d|\d)"))
    return re.compile(r"(?<!\w)(?=\w)(?:" + "|".join(alternatives) + ")", re.I)


_CLAIMS: dict[str, re.Pattern[str]] = {
    "en": _phrases(
        r"\bno (?:(?:documented|known|reported|recorded|confirmed|public|official|such) )+"
        r"(?:cases?|instances?)\b",
        r"\bno (?:(?:public|official|formal|written) )*"
        r"(?:responses?|replies|reply|answer|reaction)\b",
        r"\bnone (?:(?:was|were|has|have) )?(?:been )?(?:found|documented|reported|recorded)\b",
        r"\bnot (?:(?:yet|been|ever) )*(?:repealed|revoked|cancelled|rescinded)\b",
        r"\b(?:has|have) (?:not|never) (?:been )?(?:repealed|revoked|answered|responded)\b",
        r"\b(?:did|has|have) not (?:respond|reply|answer)(?:ed)?\b",
        r"\bno (?:case|instance) (?:has|have) been (?:found|documented|reported)\b",
        r"\b(?:found no|(?:did|could) not find|(?:have|has|had) not (?:yet )?found)\b",
        r"\b(?:document|record|know)\w* (?:of )?N (?:\w+ )?cases?\b",
        r"\bno other (?:\w+ )?sources?\b",
        r"(?<![\w.,])N (?:known|documented|reported|recorded|confirmed) cases?\b",
        r"(?<![\w.,])N cases? (?:are|were|have been) (?:known|documented|recorded|reported)\b",
    ),
    "ru": _phrases(
        r"(?<!\w)ни одного (?:\w+ ){0,2}?(?:случая|факта|ответа|реакции)",
        r"(?<!\w)случа(?:ев|и) (?:\w+ )?не (?:найден|выявлен|зафиксирован|обнаружен|известн"
        r"|документирован)\w*",
        r"(?<!\w)не (?:был[аои]? )?(?:отмен[её]н\w*|отменял\w*|отменили)",
        r"(?<!\w)неотмен[её]нн\w*",
        r"(?<!\w)отмен[её]н\w* не был\w*",
        r"(?<!\w)ни один (?:другой (?:\w+ )?источник|(?:\w+ )?случай)",
        r"(?<!\w)(?:мы )?не (?:нашли|удалось найти)",
        r"(?<!\w)(?:нет|не было|не получен\w*) (?:\w+ )?(?:ответа|ответов|случаев)",
        r"(?<!\w)не (?:ответил\w*|дал\w* ответа|получил\w* ответа)",
        r"(?<!\w)ответа (?:так |пока )?(?:нет|не было)",
        r"(?<![\w.,])N (?:\w+ )?случа(?:й|я|ев)(?!\w)",
    ),
    "uk": _phrases(
        r"(?<!\w)жодного (?:\w+ ){0,2}?(?:випадку|факту|відповіді|реакції)",
        r"(?<!\w)випадк(?:ів|и) (?:\w+ )?не (?:знайден|виявлен|зафіксован|відом"
        r"|задокументован)\w*",
        r"(?<!\w)не (?:було )?(?:скасован\w*|скасовува\w*|скасували)",
        r"(?<!\w)нескасован\w*",
        r"(?<!\w)скасован\w* не було",
        r"(?<!\w)(?:жодне інше (?:\w+ )?джерело|жоден (?:\w+ )?випадок)",
        r"(?<!\w)(?:ми )?не (?:знайшли|вдалося знайти)",
        r"(?<!\w)(?:немає|нема|не було|не отриман\w*) (?:\w+ )?(?:відповіді|відповідей|випадків)",
        r"(?<!\w)не (?:відповіл\w*|дал\w* відповіді|отримал\w* відповіді)",
        r"(?<!\w)відповіді (?:так |поки що )?(?:немає|нема|не було)",
        r"(?<![\w.,])N (?:[\w']+ )?випад(?:ок|ки|ків)(?!\w)",
    ),
}
# What makes a claim dated: "as of <date>" and what was searched, in the same sentence.
_DATE = (
    r"(?:\d{1,2}[\s\u00a0]+)?[^\W\d_]{3,}\.?(?:[\s\u00a0]+\d{1,2},)?[\s\u00a0]+\d{4}"
    r"|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}"
)
_AS_OF = _phrases(r"(?:\bas of|(?<!\w)по состоянию на|(?<!\w)станом на) (?:" + _DATE + ")")
_SEARCHED = _phrases(
    r"\bsearch\w*",
    r"\bsources we (?:checked|read|reviewed)",
    r"(?<!\w)(?:искал|поиск|провер[еи]|просмотр|изуч)\w*",
    r"(?<!\w)(?:шукал|пошук|перевір|переглян|опрацьов|опрацюв)\w*",
)
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\u00a0]+[^\s\u00a0a-zа-яіїєґё0-9,;:)\]]|$)")


@dataclass(frozen=True)
class Claim:
    offset: int
    text: str


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    after = _SENTENCE_END.search(text, end)
    return text[begin : after.end() if after else len(text)]


def find_claims(text: str, lang: str) -> list[Claim]:
    """Claims of absence or completeness in ``text`` that do not say when and where."""
    pattern = _CLAIMS.get(lang)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        sentence = _sentence(text, match.start(), match.end())
        if _AS_OF.search(sentence) and _SEARCHED.search(sentence):
            continue
        found.append(Claim(match.start(), " ".join(match.group(0).split())))
    return found
