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
