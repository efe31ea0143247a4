"""The glossary data (data/glossary.yml) and the guard's matcher (sitetools/guard/glossary.py)."""

from __future__ import annotations

import json

import pytest
import yaml

from sitetools.data import GlossaryTerm, Localized, load_all
from sitetools.guard.glossary import find_avoided, variant_pattern

from conftest import ROOT, edit, fixture_data_dir, load_error

TERMS = list(load_all(ROOT / "data").glossary.values())
BY_ID = {term.id: term for term in TERMS}

REQUIRED = {
    "desertion",
    "unauthorized-abandonment",
    "mobilization",
    "martial-law",
    "military-enlistment-office",
    "summons",
    "conscript",
    "contract-soldier",
    "reservist",
    "alternative-civilian-service",
    "conscientious-objection",
    "military-police",
    "internal-passport",
    "international-passport",
    "asylum",
    "subsidiary-protection",
    "extradition",
    "deportation",
}


def test_glossary_matches_its_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    document = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "data/schemas/glossary.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(document)


def test_key_terms_are_there() -> None:
    assert not REQUIRED - set(BY_ID)


def test_related_ids_exist() -> None:
    document = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    for entry in document["terms"]:
        for other in entry.get("related", []):
            assert other in BY_ID, (entry["id"], other)


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_preferred_terms_and_definitions_use_no_avoided_variant(lang: str) -> None:
    lines = []
    for number, term in enumerate(TERMS):
        lines += [(number, term.term[lang]), (number, term.definition[lang])]
    found = [(TERMS[hit.line].id, hit.found) for hit in find_avoided(lines, TERMS, lang)]
    assert found == []


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("ru", "Он ушёл в самоволку.", ["самоволку"]),
        ("ru", "Наёмники и наемников", ["Наёмники", "наемников"]),
        ("ru", "уклонистов", ["уклонистов"]),
        ("uk", "під час військового стану", ["військового стану"]),
        ("uk", "у військовій частині", []),
        ("uk", "воєнний стан, воєнного часу", []),
        ("uk", "ТЦК та СП", ["ТЦК"]),
        ("uk", "отримав повестку", ["повестку"]),
        ("uk", "отримав повістку", []),
        ("uk", "найманця", ["найманця"]),
        ("uk", "позбавлення свободи", ["позбавлення свободи"]),
        ("uk", "Територіальний центр комплектування", ["Територіальний центр комплектування"]),
        ("en", "Draft dodgers and mercenaries", ["Draft dodgers", "mercenaries"]),
        ("en", "a foreign passport", ["foreign passport"]),
        ("en", "an international passport", []),
    ],
)
def test_avoided_variants_match_inflected_forms(lang: str, text: str, found: list[str]) -> None:
    assert [hit.found for hit in find_avoided([(1, text)], TERMS, lang)] == found


def test_variant_patterns() -> None:
    assert variant_pattern("самоволк*", "ru").startswith("(?<![\\w'])самоволк")
    assert "наемник" in variant_pattern("наёмник", "ru")
    assert variant_pattern("draft dodg*", "en").count("[\\s\\u00a0]+") == 1


def test_bad_glossary_is_a_clear_error(tmp_path) -> None:
    data = fixture_data_dir(tmp_path)
    # the real glossary cites real sources (alias_sources), so take the real
    # sources, and the acts and statutes that go with them
    for name in ("glossary.yml", "sources.yml", "acts.yml", "statutes.yml"):
        (data / name).write_text(
            (ROOT / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    edit(data / "glossary.yml", "  - id: desertion\n", "  - id: x\n"
         "    term: {en: x, ru: x, uk: x}\n    definition: {en: x, ru: x, uk: x}\n"
         "    related: [nope]\n  - id: desertion\n")
    assert load_error(data) == (
        "data/glossary.yml: entry 'x': field 'related[0]': unknown glossary term 'nope'")


def test_terms_are_typed_rows() -> None:
    term = BY_ID["martial-law"]
    assert isinstance(term, GlossaryTerm)
    assert term.term == Localized(en="martial law", ru="военное положение", uk="воєнний стан")
    assert "uk" in BY_ID["alternative-civilian-service"].unconfirmed


# --------------------------------------------------------------------------
# The matcher is the one alternation of all variants, indexed (linear in the glossary)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sitetools.guard.glossary import _fold, _variant_body, build_matcher  # noqa: E402


def _term(index: int, lang: str, variants: list[str]) -> GlossaryTerm:
    word = Localized(en=f"t{index}", ru=f"т{index}", uk=f"т{index}")
    return GlossaryTerm(id=f"t{index}", term=word, definition=word, avoid={lang: tuple(variants)})


def _reference(lines: list[tuple[int, str]], terms: list[GlossaryTerm], lang: str):
    """What one alternation of every variant finds (the guard's former matcher)."""
    owners = [t for t in terms for _ in t.avoid.get(lang, ())]
    groups = [f"(?P<g{i}>{_variant_body(v, lang)})"
              for i, v in enumerate(v for t in terms for v in t.avoid.get(lang, ()))]
    if not groups:
        return []
    import re

    regex = re.compile(r"(?<![\w'])(?:" + "|".join(groups) + r")(?![\w'])", re.I)
    return [(n, text[m.start():m.end()], owners[int(m.lastgroup[1:])].id)
            for n, text in lines for m in regex.finditer(_fold(text))]


_LETTERS = st.sampled_from(list("аеиоуыкмнпрсвлт") + list("aeiknrst") + ["ё", "ı", "İ", "ſ", "K",
                                                                          "ᲂ", "'", "’"])
_WORDS = st.lists(_LETTERS, min_size=1, max_size=7).map("".join)
_VARIANT = st.builds(
    lambda words, star, punct: " ".join(words) + ("*" if star else "") + punct,
    st.lists(_WORDS, min_size=1, max_size=2), st.booleans(), st.sampled_from(["", "", ".", "-к"]),
).filter(lambda v: len(v) >= 2)
_ODD = st.sampled_from(["«самоволк*", "(сзч)", "-ка"])


_SEPARATORS = st.sampled_from([" ", " ", "  ", ", ", " «", "» ", " (", ") ", "-", ". ", "\u00a0"])
_SUFFIXES = st.sampled_from(["", "", "а", "ами", "ого", "s", "es", "'s", "ка", "ованные"])


def _case(text: str, flips: list[bool]) -> str:
    return "".join(c.upper() if f else c for c, f in zip(text, flips * len(text), strict=False))


@settings(max_examples=200, deadline=None)
@given(variants=st.lists(st.one_of(_VARIANT, _ODD), min_size=1, max_size=8),
       lang=st.sampled_from(["en", "ru", "uk"]), data=st.data())
def test_the_index_finds_what_the_alternation_finds(variants: list[str], lang: str,
                                                    data: st.DataObject) -> None:
    terms = [_term(i, lang, [v]) for i, v in enumerate(dict.fromkeys(variants))]
    # text made of the variants' own words (changed a little) and other words
    pieces = [w.rstrip("*") for v in variants for w in v.split()]
    word = st.one_of(_WORDS, st.builds(lambda w, s, f: _case(w + s, f), st.sampled_from(pieces),
                                       _SUFFIXES, st.lists(st.booleans(), min_size=1, max_size=3)))
    line = st.lists(st.tuples(word, _SEPARATORS), max_size=12).map(
        lambda parts: "".join(w + sep for w, sep in parts))
    lines = list(enumerate(data.draw(st.lists(line, min_size=1, max_size=3)), start=1))
    found = [(hit.line, hit.found, hit.term.id) for hit in build_matcher(terms, lang).find(lines)]
    assert found == _reference(lines, terms, lang)


def _glossary(size: int, lang: str = "ru") -> list[GlossaryTerm]:
    """``size`` terms, each with a Russian variant (half of them stems, half prefixes)."""
    return [_term(i, lang, [f"слово{i:05d}" + ("*" if i % 2 else "")]) for i in range(size)]


def test_the_matcher_is_linear_in_the_glossary_by_construction() -> None:
    """Not timed: the number of expressions tried per page stays the same while the glossary
    grows tenfold, so the work per page does not depend on the glossary's size."""
    page = [(n, "Дезертирство — слово00007 и слово00042ого, не слово; " * 3) for n in range(50)]
    counts = []
    for size in (1_000, 10_000):
        matcher = build_matcher(_glossary(size), "ru")
        hits = matcher.find(page)
        counts.append(matcher.tried)
        assert {hit.term.id for hit in hits} == {"t7", "t42"}
    assert counts[0] == counts[1] == 50 * 3 * 2  # one try per word that is a variant
    assert sum(map(len, (matcher.exact, matcher.stems, matcher.prefixes))) == 10_000
