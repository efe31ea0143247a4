"""Plural categories, unit words and number formatting (hooks/sitetools/plural.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitetools.render.plural import NO_BREAK_SPACE, format_number, plural_category, unit_word

YEARS = {
    "en": {"one": "year", "other": "years"},
    "ru": {"one": "год", "few": "года", "many": "лет", "other": "года"},
    "uk": {"one": "рік", "few": "роки", "many": "років", "other": "року"},
}


@pytest.mark.parametrize(
    ("n", "ru"),
    [
        (0, "many"),
        (1, "one"),
        (2, "few"),
        (4, "few"),
        (5, "many"),
        (11, "many"),
        (12, "many"),
        (14, "many"),
        (21, "one"),
        (22, "few"),
        (25, "many"),
        (101, "one"),
        (111, "many"),
        (1.5, "other"),
    ],
)
def test_ru_uk_categories(n: float, ru: str) -> None:
    assert plural_category(n, "ru") == ru
    assert plural_category(n, "uk") == ru


@pytest.mark.parametrize(
    ("n", "en"), [(0, "other"), (1, "one"), (2, "other"), (21, "other"), (1.5, "other")]
)
def test_en_categories(n: float, en: str) -> None:
    assert plural_category(n, "en") == en


def test_whole_floats_count_as_integers() -> None:
    assert plural_category(15.0, "ru") == "many"
    assert plural_category(21.0, "uk") == "one"
    assert plural_category(Decimal("1.50"), "ru") == "other"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", ["1 год", "2 года", "5 лет", "11 лет", "21 год", "22 года", "1,5 года"]),
        ("uk", ["1 рік", "2 роки", "5 років", "11 років", "21 рік", "22 роки", "1,5 року"]),
        ("en", ["1 year", "2 years", "5 years", "11 years", "21 years", "22 years", "1.5 years"]),
    ],
)
def test_unit_words(lang: str, expected: list[str]) -> None:
    numbers = [1, 2, 5, 11, 21, 22, 1.5]
    got = [f"{format_number(n, lang)} {unit_word(YEARS[lang], n, lang)}" for n in numbers]
    assert got == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", ["до 1 года", "до 2 лет", "до 5 лет", "до 21 года", "до 22 лет", "до 1,5 года"]),
        (
            "uk",
            ["до 1 року", "до 2 років", "до 5 років", "до 21 року", "до 22 років", "до 1,5 року"],
        ),
    ],
)
def test_unit_words_after_a_preposition(lang: str, expected: list[str]) -> None:
    numbers = [1, 2, 5, 21, 22, 1.5]
    got = [
        f"до {format_number(n, lang)} {unit_word(YEARS[lang], n, lang, 'genitive')}"
        for n in numbers
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("n", "en", "ru"),
    [
        (0, "0", "0"),
        (7, "7", "7"),
        (999, "999", "999"),
        (5000, "5,000", f"5{NO_BREAK_SPACE}000"),
        (200000, "200,000", f"200{NO_BREAK_SPACE}000"),
        (1234567, "1,234,567", f"1{NO_BREAK_SPACE}234{NO_BREAK_SPACE}567"),
        (1.5, "1.5", "1,5"),
        (15.0, "15", "15"),
        (0.25, "0.25", "0,25"),
        (-3, "-3", "-3"),
        (Decimal("1E+3"), "1,000", f"1{NO_BREAK_SPACE}000"),
    ],
)
def test_format_number(n: float, en: str, ru: str) -> None:
    assert format_number(n, "en") == en
    assert format_number(n, "ru") == ru
    assert format_number(n, "uk") == ru


def test_rejects_non_numbers_and_unknown_languages() -> None:
    with pytest.raises(TypeError):
        format_number(True, "en")
    with pytest.raises(TypeError):
        plural_category("5", "ru")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        format_number(float("nan"), "en")
    with pytest.raises(ValueError):
        plural_category(5, "de")


@given(st.integers(min_value=0, max_value=10**7))
def test_integer_categories_match_babel(n: int) -> None:
    babel = pytest.importorskip("babel")
    for lang in ("en", "ru", "uk"):
        assert plural_category(n, lang) == babel.Locale.parse(lang).plural_form(n)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_format_number_round_trips(n: int) -> None:
    assert format_number(n, "en").replace(",", "") == str(n)
    assert format_number(n, "ru").replace(NO_BREAK_SPACE, "") == str(n)


@given(st.integers(min_value=0, max_value=10**9))
def test_format_number_matches_babel(n: int) -> None:
    numbers = pytest.importorskip("babel.numbers")
    for lang in ("en", "ru", "uk"):
        assert format_number(n, lang) == numbers.format_decimal(n, locale=lang)
