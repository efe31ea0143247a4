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
  "N cases", «ни одного случая», «не скасовано», "whether it became law is not
  confirmed", «подтвердить это нам не удалось»… Such a claim goes stale
  silently: it belongs in data/claims.yml, rendered with the date it was
  checked and what was searched (``<!-- md:claim <id> -->``). A claim typed in
  prose is one even when its sentence says "as of <date>" and what was
  searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .scan import Block

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian"}

# --------------------------------------------------------------------------
# Language

# runs of letters, counted by their lengths (fewer matches than one letter at a time)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
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
    latin = sum(map(len, _LATIN.findall(text)))
    cyrillic = sum(map(len, _CYRILLIC.findall(text)))
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
        r"\b(?:document|record|know|knew)\w* (?:of )?(?:(?:at least|more than|over|about) )?"
        r"N (?:\w+ )?cases?\b",
        r"\b(?:reports?|reported|show(?:s|ed)?|gives?|gave|names?|named|documents?) no "
        r"(?:[\w-]+ ){0,2}?(?:cases?|instances?|decrees?|information|sources?|acts?)\b",
        r"\bwe (?:have|had) not (?:yet )?seen\b",
        r"\bwe (?:have|had) not (?:yet )?confirmed (?:\w+ ){0,8}?any\b",
        r"\b(?:do|does|did) not report\b",
        r"\bnone of the (?:\w+ )?sources\b",
        r"\bno sources? (?:that )?we\b",
        r"\bno other (?:\w+ )?sources?\b",
        r"(?<![\w.,])N (?:known|documented|reported|recorded|confirmed) cases?\b",
        r"(?<![\w.,])N cases? (?:are|were|have been) (?:known|documented|recorded|reported)\b",
        # a report or an event not (yet) confirmed: a later search may confirm it
        r"\b(?:whether|if) (?:[\w'’.,-]+ ){1,14}?(?:is|are|was|were|has|have) (?:still )?not "
        r"(?:yet )?(?:been )?confirmed\b",
        r"\b(?:we|this (?:guide|site)) (?:have|has|had) not (?:yet )?(?:been able to )?"
        r"confirm(?:ed)?\b",
        # what we (or our sources) know, stated as an absence
        r"\b(?:we|this (?:guide|site)) (?:have|has|had) no (?:(?:verified|confirmed|reliable) )?"
        r"(?:information|data|sources?)\b",
        r"\b(?:describes?|described) no\b",
        r"\b(?:do|does|did) not (?:know|describe) (?:a|an|any) (?:\w+ ){0,3}?procedures?\b",
        r"\b(?:do|does|did) not confirm (?:one|any)\b",
        r"\bno (?:[\w-]+ ){0,3}?(?:totals?|counts?|figures?) (?:of (?:[\w-]+ ){1,2}?)?"
        r"(?:is|are|was|were|has been|have been) (?:published|found|given|released)\b",
        r"\bnobody (?:has|have|had) (?:yet )?been able\b",
    ),
    "ru": _phrases(
        r"(?<!\w)ни одного (?:\w+ ){0,2}?(?:случая|факта|ответа|реакции|акта|источника"
        r"|документа)",
        r"(?<!\w)ни (?:об |в )?одном (?:\w+ ){0,3}?случае",
        r"(?<!\w)ни (?:один|в одном) из (?:\w+ ){0,4}?источник\w*",
        r"(?<!\w)не сообща(?:ют|ли|л|ла|ло|лось) (?:об?|о том)(?!\w)(?! этом)",
        r"(?<!\w)о (?:его|её|ее|их) \w+ не сообща(?:ют|ли|лось)(?!\w)",
        r"(?<!\w)мы не видели, чтобы",
        r"(?<!\w)мы не подтвердили (?:\w+ ){0,6}?ни одно\w*",
        r"(?<!\w)не да(?:ют|ёт|ет|ли|ло) (?:\w+ )?сведений",
        r"(?<!\w)сведений не да(?:ют|ёт|ет|ли|ло)(?!\w)",
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
        r"(?<![\w.,])N (?:\w+ )?случа(?:й|я|ев|ях)(?!\w)",
        r"(?<!\w)ли [^;!?]{1,120}?, (?:не подтвержден\w*|(?:мы|этот справочник|этот сайт) "
        r"(?:этого )?не подтвердил\w*)",
        r"(?<!\w)подтвердить (?:это|этого) (?:нам )?не удалось",
        r"(?<!\w)(?:мы|справочник|сайт) (?:этого |это )?не подтвердил\w*",
        r"(?<!\w)(?:у нас|в этом справочнике) нет (?:\w+ )?(?:сведений|данных)",
        r"(?<!\w)(?:сведений|данных) [^.;!?]{0,120}?(?:у нас|в этом справочнике) нет(?!\w)",
        r"(?<!\w)не описыва(?:ют|ет|ли)(?!\w)",
        r"(?<!\w)(?:никто не (?:публикует|публиковал)|не публику(?:ет|ют)ся)(?!\w)",
        r"(?<!\w)никто не (?:смог|сумел)(?!\w)",
        r"(?<!\w)не зна(?:ет|ем|ют) (?:\w+ )?процедур\w*",
        r"(?<!\w)(?:их|ее|её|его) не подтвержда(?:ют|ет)(?!\w)",
    ),
    "uk": _phrases(
        r"(?<!\w)жодного (?:\w+ ){0,2}?(?:випадку|факту|відповіді|реакції|акта|джерела"
        r"|документа)",
        r"(?<!\w)(?:жоден|жодне|в жодному|у жодному) (?:з|зі|із) (?:[\w']+ ){0,4}?джерел\w*",
        r"(?<!\w)не повідомля(?:ють|ли|в|ла|ло|лося) про(?!\w)(?! це)",
        r"(?<!\w)про (?:його|її|їх) [\w']+ не повідомля(?:ють|ли|лося)(?!\w)",
        r"(?<!\w)ми не бачили, щоб",
        r"(?<!\w)ми не підтвердили (?:[\w']+ ){0,6}?жодно\w*",
        r"(?<!\w)не да(?:ють|є|ли|ло) (?:[\w']+ )?відомостей",
        r"(?<!\w)відомостей не да(?:ють|є|ли|ло)(?!\w)",
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
        r"(?<![\w.,])N (?:[\w']+ )?випад(?:ок|ки|ків|ках)(?!\w)",
        r"(?<!\w)чи [^;!?]{1,120}?, (?:не підтверджено|(?:ми|цей довідник|цей сайт) "
        r"(?:цього )?не підтвердил?\w*)",
        r"(?<!\w)підтвердити (?:це|цього) (?:нам )?не вдалося",
        r"(?<!\w)(?:ми|довідник|сайт) (?:цього |це )?не підтверди\w*",
        r"(?<!\w)(?:ми не маємо|у нас немає|у цьому довіднику немає) (?:[\w']+ )?"
        r"(?:відомостей|даних)",
        r"(?<!\w)(?:відомостей|даних) [^.;!?]{0,120}?"
        r"(?:ми не маємо|у нас немає|у цьому довіднику немає)(?!\w)",
        r"(?<!\w)не описують(?!\w)",
        r"(?<!\w)(?:ніхто не (?:публікує|оприлюднює|оприлюднював)|не (?:публікується"
        r"|оприлюднюється))(?!\w)",
        r"(?<!\w)ніхто не зміг(?!\w)",
        r"(?<!\w)не зна(?:є|ємо|ють) (?:[\w']+ )?процедур\w*",
        r"(?<!\w)(?:її|його|їх) не підтверджують(?!\w)",
    ),
}
@dataclass(frozen=True)
class Claim:
    offset: int
    text: str


def find_claims(text: str, lang: str) -> list[Claim]:
    """Claims of absence or completeness typed in ``text`` (dated or not)."""
    pattern = _CLAIMS.get(lang)
    if pattern is None:
        return []
    return [Claim(match.start(), " ".join(match.group(0).split()))
            for match in pattern.finditer(text)]
