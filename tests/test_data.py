"""Loading and checking data/*.yml (hooks/sitetools/data.py)."""

from __future__ import annotations

import json
import os
from dataclasses import FrozenInstanceError, fields
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from sitetools.data import REGISTRY, DataError, Localized, SiteData, check, fill, load_all
from sitetools.data.__main__ import main

from conftest import FIXTURES, edit, fixture_data_dir, load_error
from conftest import ROOT as REPO

# --------------------------------------------------------------------------
# The valid fixture set


def test_fixture_set_loads(tmp_path: Path) -> None:
    site = load_all(fixture_data_dir(tmp_path))
    assert list(site.sources) == ["cc-rf", "koap-rf", "fz-365-text", "mediazona-337"]
    assert list(site.acts) == ["fz-365-2022", "decree-647-2022", "fz-1-2023"]
    assert list(site.articles) == ["cc-338", "cc-337", "cc-328", "cc-275", "koap-21.5"]
    assert site.sources["cc-rf"].date == date(2024, 8, 8)
    assert site.sources["koap-rf"].date is None
    assert site.acts["fz-365-2022"].in_force == date(2022, 9, 24)
    article = site.articles["cc-338"]
    assert article.title == Localized(en="Desertion", ru="Дезертирство", uk="Дезертирство")
    assert article.part("3").punishments[0].min == 5
    assert article.part("3").introduced_by == "fz-365-2022"
    assert site.articles["cc-337"].part("5").unverified == frozenset(
        {"punishments", "introduced_by"}
    )
    assert site.articles["cc-337"].part("5").punishments == ()
    assert site.articles["cc-337"].notes[0].applies_to == ("1", "4")
    assert site.vocabulary.units["years"]["ru"]["many"] == "лет"


def test_rows_are_frozen(tmp_path: Path) -> None:
    site = load_all(fixture_data_dir(tmp_path))
    with pytest.raises(FrozenInstanceError):
        site.articles["cc-338"].article = "339"  # type: ignore[misc]
    with pytest.raises(TypeError):
        site.articles["x"] = site.articles["cc-338"]  # type: ignore[index]


def test_localized_rejects_unknown_language() -> None:
    text = Localized(en="a", ru="б", uk="в")
    assert text["uk"] == "в"
    with pytest.raises(KeyError):
        text["de"]


def test_yaml_folding_is_undone_but_no_break_spaces_stay(tmp_path: Path) -> None:
    site = load_all(fixture_data_dir(tmp_path))
    assert site.vocabulary.terms["up_to"]["ru"] == "до {max}\u00a0{unit}"
    assert site.acts["fz-365-2022"].summary["en"].startswith("Added mobilization")


def test_load_is_cached_until_a_file_changes(tmp_path: Path) -> None:
    data = fixture_data_dir(tmp_path)
    first = load_all(data)
    assert load_all(data) is first
    statutes = data / "statutes.yml"
    edit(statutes, "en: Desertion,", "en: Desertion from the army,")
    stat = statutes.stat()
    os.utime(statutes, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = load_all(data)
    assert second is not first
    assert second.articles["cc-338"].title.en == "Desertion from the army"


def test_fill_replaces_placeholders() -> None:
    assert fill("до {max}\u00a0{unit}", max="7", unit="лет") == "до 7\u00a0лет"
    assert fill("{a} {a}", a="{b}") == "{b} {b}"


# --------------------------------------------------------------------------
# One bad fixture per class of bad input: the exact one-line message

BAD_FIXTURES = {
    "malformed-yaml": "data/acts.yml: line 7, column 12: malformed YAML: expected ',' or '}', "
    "but got ':'",
    "schema-violation": (
        "data/statutes.yml: entry 'cc-338': field 'parts[0].punishments[1].max': "
        "expected a number, got the string 'ten'"
    ),
    "missing-translation": "data/acts.yml: entry 'decree-647-2022': field 'name.uk': missing "
    "translation",
    "unknown-source": "data/statutes.yml: entry 'cc-338': field 'sources[1]': unknown source "
    "id 'cc-rf-2019'",
    "unknown-act": "data/statutes.yml: entry 'cc-338': field 'parts[1].introduced_by': unknown "
    "act id 'fz-365-2021'",
    "markup": (
        "data/acts.yml: entry 'fz-365-2022': field 'summary.en': "
        "contains markup ('<'): data strings are plain text, escaped when rendered"
    ),
    "duplicate-id": "data/sources.yml: entry #4: field 'id': duplicate id 'cc-rf' (first used "
    "by entry #1)",
}


@pytest.mark.parametrize("case", sorted(BAD_FIXTURES))
def test_bad_fixture(tmp_path: Path, case: str) -> None:
    data = fixture_data_dir(tmp_path, FIXTURES / "bad" / case)
    assert load_error(data) == BAD_FIXTURES[case]


def test_every_bad_fixture_has_a_test() -> None:
    assert {p.name for p in (FIXTURES / "bad").iterdir() if p.is_dir()} == set(BAD_FIXTURES)


# --------------------------------------------------------------------------
# More bad input, as small edits of the valid set

EDITS = [
    pytest.param(
        "statutes.yml",
        'article: "338"',
        "article: 338",
        "data/statutes.yml: entry 'cc-338': field 'article': expected a string, got the number "
        "338 (quote it)",
        id="unquoted-number",
    ),
    pytest.param(
        "statutes.yml",
        "circumstances: peacetime",
        "circumstances: peace",
        "data/statutes.yml: entry 'cc-338': field 'parts[0].circumstances': "
        "unknown value 'peace' (expected one of: peacetime, wartime, any)",
        id="enum",
    ),
    pytest.param(
        "statutes.yml",
        "    checked: 2026-11-20\n",
        "    checked: 2026-11-20\n    reviewer: me\n",
        "data/statutes.yml: entry 'cc-338': field 'reviewer': unknown field",
        id="unknown-field",
    ),
    pytest.param(
        "statutes.yml",
        "    checked: 2026-11-20\n",
        "",
        "data/statutes.yml: entry 'cc-338': field 'checked': missing",
        id="missing-field",
    ),
    pytest.param(
        "acts.yml",
        "date: 2022-09-24",
        "date: 2022-02-30",
        "data/acts.yml: entry 'fz-365-2022': field 'date': '2022-02-30' is not a valid date "
        "(YYYY-MM-DD)",
        id="impossible-date",
    ),
    pytest.param(
        "acts.yml",
        "date: 2022-09-24",
        "date: 24.09.2022",
        "data/acts.yml: entry 'fz-365-2022': field 'date': '24.09.2022' is not a date in the "
        "form YYYY-MM-DD",
        id="date-format",
    ),
    pytest.param(
        "acts.yml",
        "id: fz-365-2022",
        "id: FZ-365",
        "data/acts.yml: entry 'FZ-365': field 'id': 'FZ-365' is not a valid id "
        "(lowercase ASCII: a-z, 0-9, '.', '-'; starts with a letter or digit)",
        id="bad-id",
    ),
    pytest.param(
        "acts.yml",
        "      uk: Федеральний закон № 365-ФЗ\n",
        "      uk: Федеральний закон № 365-ФЗ\n      uk: Закон\n",
        "data/acts.yml: line 12, column 7: malformed YAML: duplicate key 'uk'",
        id="duplicate-key",
    ),
    pytest.param(
        "acts.yml",
        "      uk: Федеральний закон № 365-ФЗ\n",
        '      uk: ""\n',
        "data/acts.yml: entry 'fz-365-2022': field 'name.uk': missing translation",
        id="empty-translation",
    ),
    pytest.param(
        "acts.yml",
        "# yaml-language-server: $schema=schemas/acts.schema.json\n",
        "",
        "data/acts.yml: line 1: the first line must be '# yaml-language-server: "
        "$schema=schemas/acts.schema.json'",
        id="no-schema-line",
    ),
    pytest.param(
        "statutes.yml",
        "id: cc-338",
        "id: cc-339",
        "data/statutes.yml: entry 'cc-339': field 'id': id must be 'cc-338' (code and article "
        "number)",
        id="id-mismatch",
    ),
    pytest.param(
        "statutes.yml",
        "{kind: deprivation-of-liberty, min: 3, max: 10, unit: years}",
        "{kind: deprivation-of-liberty, min: 13, max: 10, unit: years}",
        "data/statutes.yml: entry 'cc-338': field 'parts[1].punishments[0].min': min 13 is "
        "greater than max 10",
        id="min-above-max",
    ),
    pytest.param(
        "statutes.yml",
        "{kind: deprivation-of-liberty, max: 7, unit: years}",
        "{kind: deprivation-of-liberty, max: 7, unit: rubles}",
        "data/statutes.yml: entry 'cc-338': field 'parts[0].punishments[0].unit': "
        "unit 'rubles' does not fit deprivation-of-liberty",
        id="unit-of-kind",
    ),
    pytest.param(
        "statutes.yml",
        "{kind: deprivation-of-liberty, max: 7, unit: years}",
        "{kind: deprivation-of-liberty, unit: years}",
        "data/statutes.yml: entry 'cc-338': field 'parts[0].punishments[0]': a term or amount "
        "needs 'min', 'max' or both",
        id="term-without-numbers",
    ),
    pytest.param(
        "statutes.yml",
        "- {kind: life-imprisonment}",
        "- {kind: life-imprisonment, max: 20, unit: years}",
        "data/statutes.yml: entry 'cc-275': field 'parts[0].punishments[1].max': "
        "not allowed: life imprisonment has no term",
        id="life-with-term",
    ),
    pytest.param(
        "statutes.yml",
        "{kind: deprivation-of-liberty, max: 7, unit: years}",
        "{kind: deprivation-of-liberty, max: 0, unit: years}",
        "data/statutes.yml: entry 'cc-338': field 'parts[0].punishments[0].max': must be "
        "greater than 0",
        id="zero-term",
    ),
    pytest.param(
        "statutes.yml",
        'applies_to: ["1", "4"]',
        'applies_to: ["1", "3"]',
        "data/statutes.yml: entry 'cc-337': field 'notes[0].applies_to[1]': unknown part '3'",
        id="note-unknown-part",
    ),
    pytest.param(
        "statutes.yml",
        '      - extends: "3"',
        '      - extends: "9"',
        "data/statutes.yml: entry 'cc-338': field 'special_rules[0].extends': unknown part '9'",
        id="special-rule-unknown-part",
    ),
    pytest.param(
        "statutes.yml",
        '      - extends: "3"',
        '      - extends: "3"\n        part: "2"',
        "data/statutes.yml: entry 'cc-338': field 'special_rules[0].part': "
        "part '2' is listed twice",
        id="special-rule-own-part-taken",
    ),
    pytest.param(
        "statutes.yml",
        "        introduced_by: fz-1-2023\n        sources: [mediazona-337]",
        "        introduced_by: fz-9-2099\n        sources: [mediazona-337]",
        "data/statutes.yml: entry 'cc-338': field 'special_rules[0].introduced_by': "
        "unknown act id 'fz-9-2099'",
        id="special-rule-unknown-act",
    ),
    pytest.param(
        "statutes.yml",
        "        introduced_by: fz-1-2023\n        sources: [mediazona-337]",
        "        sources: [mediazona-337]",
        "data/statutes.yml: entry 'cc-338': field 'special_rules[0].introduced_by': missing",
        id="special-rule-without-act",
    ),
    pytest.param(
        "statutes.yml",
        '      - part: "4"',
        '      - part: "2.1"',
        "data/statutes.yml: entry 'cc-337': field 'parts[2].part': part '2.1' is listed twice",
        id="duplicate-part",
    ),
    pytest.param(
        "statutes.yml",
        "        unverified: [punishments, introduced_by]",
        "        unverified: [punishments, introduced_by]\n        introduced_by: fz-365-2022",
        "data/statutes.yml: entry 'cc-337': field 'parts[3].introduced_by': "
        "listed as unverified: remove it, or remove it from 'unverified'",
        id="unverified-but-given",
    ),
    pytest.param(
        "statutes.yml",
        "        unverified: [punishments, introduced_by]",
        "        unverified: [introduced_by]",
        "data/statutes.yml: entry 'cc-337': field 'parts[3].punishments': missing",
        id="punishments-missing",
    ),
    pytest.param(
        "statutes.yml",
        "en: Desertion,",
        "en: '**Desertion**',",
        "data/statutes.yml: entry 'cc-338': field 'title.en': "
        "contains markup ('**'): data strings are plain text, escaped when rendered",
        id="markdown-emphasis",
    ),
    pytest.param(
        "acts.yml",
        "en: Introduced electronic summonses.",
        "en: '[Introduced](https://example.org) summonses.'",
        "data/acts.yml: entry 'fz-1-2023': field 'summary.en': "
        "contains markup (']('): data strings are plain text, escaped when rendered",
        id="markdown-link",
    ),
    pytest.param(
        "sources.yml",
        "url: https://en.zona.media/",
        "url: en.zona.media",
        "data/sources.yml: entry 'mediazona-337': field 'url': 'en.zona.media' is not an "
        "http(s) URL",
        id="url",
    ),
    pytest.param(
        "sources.yml",
        "language: en",
        "language: no",
        "data/sources.yml: entry 'mediazona-337': field 'language': expected a string, "
        "got false (YAML reads yes/no/on/off as true/false: quote the text)",
        id="yaml-boolean",
    ),
    pytest.param(
        "vocabulary.yml",
        "ru: лишение свободы на срок {term}",
        "ru: лишение свободы на срок",
        "data/vocabulary.yml: field 'punishments.deprivation-of-liberty.ru': placeholders must "
        "be {term}, found none",
        id="vocabulary-placeholder",
    ),
    pytest.param(
        "vocabulary.yml",
        "    ru: {one: год, few: года, many: лет, other: года}",
        "    ru: {one: год, few: года, many: лет}",
        "data/vocabulary.yml: field 'units.years.ru.other': missing",
        id="vocabulary-plural-form",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), EDITS)
def test_bad_edit(tmp_path: Path, file: str, old: str, new: str, message: str) -> None:
    data = fixture_data_dir(tmp_path)
    edit(data / file, old, new)
    assert load_error(data) == message


def test_missing_required_file(tmp_path: Path) -> None:
    data = fixture_data_dir(tmp_path)
    (data / "acts.yml").unlink()
    assert load_error(data) == "data/acts.yml: missing (a required data file)"


def test_not_utf8(tmp_path: Path) -> None:
    data = fixture_data_dir(tmp_path)
    (data / "acts.yml").write_bytes(
        "# yaml-language-server: $schema=schemas/acts.schema.json\nacts: Указ\n".encode("cp1251")
    )
    assert load_error(data).startswith("data/acts.yml: not UTF-8 text")


# --------------------------------------------------------------------------
# The command (python -m sitetools.data --check data)


def test_check_lists_every_schema_problem(tmp_path: Path) -> None:
    data = fixture_data_dir(tmp_path)
    edit(data / "sources.yml", "    accessed: 2026-11-18\n", "")
    edit(data / "sources.yml", "kind: primary", "kind: first")
    edit(data / "acts.yml", "      uk: Федеральний закон № 365-ФЗ\n", "")
    assert [str(p) for p in check(data)] == [
        "data/sources.yml: entry 'cc-rf': field 'kind': "
        "unknown value 'first' (expected one of: primary, secondary)",
        "data/sources.yml: entry 'mediazona-337': field 'accessed': missing",
        "data/acts.yml: entry 'fz-365-2022': field 'name.uk': missing translation",
    ]  # statutes.yml depends on both: not cross-checked


def test_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = fixture_data_dir(tmp_path)
    assert main(["--check", str(data)]) == 0
    assert "all data files are valid" in capsys.readouterr().out
    edit(data / "acts.yml", "kind: decree", "kind: decret")
    assert main(["--check", str(data)]) == 1
    err = capsys.readouterr().err
    assert "data/acts.yml: entry 'decree-647-2022': field 'kind': unknown value 'decret'" in err
    assert "1 problem(s)" in err


# --------------------------------------------------------------------------
# Schemas and registry


@pytest.mark.parametrize("data_file", REGISTRY, ids=lambda f: f.name)
def test_schema_is_valid_and_strict(data_file) -> None:
    schema = json.loads((REPO / "data" / "schemas" / data_file.schema).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for value in node:
                yield from objects(value)

    for node in objects(schema):
        assert node.get("additionalProperties") is False, node


def test_registry_targets_are_site_data_fields() -> None:
    names = {f.name for f in fields(SiteData)}
    for data_file in REGISTRY:
        assert data_file.target in names
        assert (REPO / "data" / "schemas" / data_file.schema).is_file()


# --------------------------------------------------------------------------
# The real data


def test_real_data_validates() -> None:
    """data/ as committed loads without a problem (the only test reading the real data)."""
    missing = [f.name for f in REGISTRY if f.required and not (REPO / "data" / f.name).is_file()]
    if missing:
        pytest.skip(f"data/ not complete yet: {', '.join(missing)} missing")
    problem = None
    try:
        site = load_all(REPO / "data")
    except DataError as exc:
        problem = str(exc)
    if problem:
        pytest.fail(problem, pytrace=False)
    assert site.articles and site.acts and site.sources


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ('"type": "objekt"', "invalid schema: "),  # the build's fast path rejects it too
        ('"type": ', "line 5: invalid JSON: "),
    ],
)
def test_a_broken_schema_is_named_in_the_build_and_in_the_check(
    tmp_path: Path, new: str, message: str
) -> None:
    data = fixture_data_dir(tmp_path)
    edit(data / "schemas" / "acts.schema.json", '"type": "object"', new)
    built = load_error(data)  # load_all: jsonschema-rs first, as the build does
    assert built.startswith("data/schemas/acts.schema.json: " + message)
    checked = [str(p) for p in check(data)]
    assert checked and checked[0] == built


# --------------------------------------------------------------------------
# Reading YAML: the direct construction gives what PyYAML's own gives


def test_yaml_construction_matches_pyyaml_on_every_data_file() -> None:
    import yaml

    from sitetools.data import yamlfile as data_module

    class Reference(data_module._Strict, yaml.SafeLoader):
        def construct_document(self, node):  # PyYAML's own, generators and all
            return yaml.SafeLoader.construct_document(self, node)

    for path in sorted((REPO / "data").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=data_module._Loader) == yaml.load(text, Loader=Reference), \
            path.name


@pytest.mark.parametrize("text, expected", [
    ("a: &x [1, 2]\nb: *x\n", {"a": [1, 2], "b": [1, 2]}),  # alias: the same object
    ("base: &b {k: 1}\nmore:\n  <<: *b\n  j: 2\n", "merge"),  # merge keys: not supported
    ("? [a, b]\n: 1\n", "unhashable"),  # an unhashable key: PyYAML's error
    ("when: 2024-01-02\nn: ~\nf: 1.5\nt: yes\n",
     {"when": "2024-01-02", "n": None, "f": 1.5, "t": True}),  # no timestamps
    ("s: !!set {a: null}\n", {"s": {"a"}}),  # other tags: PyYAML's construction
])
def test_yaml_construction_of_unusual_documents(text: str, expected: object) -> None:
    import yaml

    from sitetools.data import yamlfile as data_module

    if isinstance(expected, str):  # PyYAML's error, as before
        with pytest.raises(yaml.constructor.ConstructorError, match=expected):
            yaml.load(text, Loader=data_module._Loader)
        return
    loaded = yaml.load(text, Loader=data_module._Loader)
    assert loaded == expected
    if "*x" in text:
        assert loaded["a"] is loaded["b"]
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key 'a'"):
        yaml.load("a: 1\nb: 2\na: 3\n", Loader=data_module._Loader)
