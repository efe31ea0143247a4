"""Plural categories (CLDR) and number formatting for en, ru and uk.

Plural categories follow the CLDR rules (the same rules Babel ships):

- en: ``one`` for 1, ``other`` for everything else (0, 2, 1.5).
- ru, uk: ``one`` (1, 21, 101 …), ``few`` (2–4, 22–24 …), ``many``
  (0, 5–20, 25–30 …) for integers, and ``other`` for non-integers (1.5).

For ru and uk the ``other`` form of a unit word is its genitive singular
(«1,5 года», «1,5 року»): CLDR puts fractions in ``other`` and both
languages use the genitive singular after a fraction.

A number whose value is whole counts as an integer whatever its Python
type: ``15.0`` (which YAML gives for ``15.0``) is ``15``. Other numbers
count their fraction digits as written (``1.5`` has one, ``Decimal("1.50")``
keeps two, as in CLDR).

Numbers are written with CLDR's separators: en ``200,000`` and ``1.5``;
ru and uk ``200 000`` with a no-break space (U+00A0, as CLDR has it for
both languages) and ``1,5``. Four-digit numbers are grouped too
(``5 000``), as CLDR does for ru and uk.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

Category = Literal["one", "few", "many", "other"]
Case = Literal["nominative", "genitive"]
Number = int | float | Decimal

NO_BREAK_SPACE = "\u00a0"

_GROUP = {"en": ",", "ru": NO_BREAK_SPACE, "uk": NO_BREAK_SPACE}
_DECIMAL = {"en": ".", "ru": ",", "uk": ","}
# Categories each language's unit words must provide (see data/vocabulary.yml).
CATEGORIES: Mapping[str, tuple[Category, ...]] = {
    "en": ("one", "other"),
    "ru": ("one", "few", "many", "other"),
    "uk": ("one", "few", "many", "other"),
}


def _digits(n: Number) -> tuple[bool, str, str]:
    """Split ``n`` into (negative, integer digits, fraction digits)."""
    if isinstance(n, bool) or not isinstance(n, int | float | Decimal):
        raise TypeError(f"not a number: {n!r}")
    if isinstance(n, float):
        if n != n or n in (float("inf"), float("-inf")):
            raise ValueError(f"not a finite number: {n!r}")
        n = Decimal(repr(n))
    elif isinstance(n, int):
        n = Decimal(n)
    if not n.is_finite():
        raise ValueError(f"not a finite number: {n!r}")
    if n == n.to_integral_value():
        n = n.quantize(Decimal(1))
    sign, digits, exponent = n.as_tuple()
    text = "".join(map(str, digits))
    if exponent >= 0:
        integer, fraction = text + "0" * exponent, ""
    else:
        text = text.rjust(-exponent + 1, "0")
        integer, fraction = text[:exponent], text[exponent:]
    return bool(sign) and n != 0, integer.lstrip("0") or "0", fraction


def plural_category(n: Number, lang: str) -> Category:
    """The CLDR plural category of ``n`` in ``lang`` ("en", "ru" or "uk")."""
    _, integer, fraction = _digits(n)
    if lang == "en":
        return "one" if integer == "1" and not fraction else "other"
    if lang in ("ru", "uk"):
        if fraction:
            return "other"
        i = int(integer)
        if i % 10 == 1 and i % 100 != 11:
            return "one"
        if 2 <= i % 10 <= 4 and not 12 <= i % 100 <= 14:
            return "few"
        return "many"
    raise ValueError(f"unsupported language: {lang!r}")


def unit_word(forms: Mapping[str, str], n: Number, lang: str, case: Case = "nominative") -> str:
    """The form of a unit word that goes after the number ``n``.

    ``forms`` maps plural categories to words (``{"one": "год", "few": "года",
    "many": "лет", "other": "года"}``). ``case="genitive"`` is for a number
    after a preposition (ru «до», «от», uk «до», «від»): there a ru/uk
    number in ``one`` takes the genitive singular (``other``: «до 1 года»,
    «до 21 року») and one in ``few`` the genitive plural (``many``:
    «до 2 лет», «до 3 років»). English has no case: ``case`` is ignored.
    """
    category = plural_category(n, lang)
    if lang in ("ru", "uk") and case == "genitive":
        category = {"one": "other", "few": "many"}.get(category, category)
    return forms[category]


def format_number(n: Number, lang: str) -> str:
    """``n`` written for ``lang``: "200,000" / «200 000» (no-break space), "1.5" / «1,5»."""
    if lang not in _GROUP:
        raise ValueError(f"unsupported language: {lang!r}")
    negative, integer, fraction = _digits(n)
    groups = []
    while len(integer) > 3:
        integer, group = integer[:-3], integer[-3:]
        groups.insert(0, group)
    groups.insert(0, integer)
    text = _GROUP[lang].join(groups)
    if fraction:
        text += _DECIMAL[lang] + fraction
    return ("-" if negative else "") + text
