"""Load, validate and cross-check the site's data files (``data/*.yml``).

``load_all(data_dir)`` reads every registered data file once, validates it
against its JSON Schema (``data/schemas/<name>.schema.json``), checks the
references between files (source ids, act ids, part numbers, vocabulary
keys) and returns a ``SiteData`` of frozen dataclasses. Every problem is a
``DataError`` whose message is one line naming the file, the entry and the
field::

    data/statutes.yml: entry 'cc-338': field 'parts[0].punishments[1].max': must be greater than 0

Files are read with a ``yaml.SafeLoader`` subclass that differs from
``yaml.safe_load`` in two ways: dates stay strings (``2022-09-24``, as
YAML 1.2 and the editors' schema validation read them) and a key repeated
in one mapping is an error instead of silently keeping the last value.
The parsed documents are kept in ``.cache/yaml`` (``sitetools.cache``), by
their text and the code, for the next build; the checks run on every load.

To add a data file (organizations, countries, statistics, glossary …):
write its schema, a builder ``(document, context) -> value`` and a
``SiteData`` field with an empty default, and register a ``DataFile``
in ``REGISTRY``. Files marked ``required=False`` may be absent.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import jsonschema_rs
import yaml

from . import LANGUAGES, cache, yamlio

if TYPE_CHECKING:
    import jsonschema


def _jsonschema() -> Any:
    """The Python validator, imported when needed: the build asks jsonschema-rs
    first (see _process) and needs it only to word problems (importing it
    takes longer than the fast check itself)."""
    import jsonschema

    return jsonschema

__all__ = [
    "Act",
    "Article",
    "Case",
    "Channel",
    "ContactSafety",
    "Country",
    "CountryGuide",
    "DataError",
    "DataFile",
    "Entry",
    "Fact",
    "FakeCase",
    "GlossaryTerm",
    "Localized",
    "Membership",
    "Note",
    "Organization",
    "Part",
    "Punishment",
    "REGISTRY",
    "SiteData",
    "Source",
    "SpecialRule",
    "Treaty",
    "Vocabulary",
    "check",
    "fill",
    "load_all",
]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _empty() -> Mapping[str, Any]:
    return _EMPTY


class DataError(Exception):
    """A problem in a data file, described in one line."""

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        entry: str | None = None,
        field: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.file, self.entry, self.field, self.line = file, entry, field, line
        self.problem = " ".join(problem.split())
        where = [file]
        if line is not None:
            where.append(f"line {line}" + (f", column {column}" if column is not None else ""))
        if entry is not None:
            where.append(f"entry {entry}")
        if field:
            where.append(f"field '{field}'")
        super().__init__(": ".join([*where, self.problem]))


# --------------------------------------------------------------------------
# Rows


@dataclass(frozen=True)
class Localized:
    """A text in each site language: ``text["ru"]``."""

    en: str
    ru: str
    uk: str

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return getattr(self, lang)


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    url: str | None  # None for a publication without a public web address
    accessed: date
    language: str
    kind: str
    group: str
    date: date | None = None


@dataclass(frozen=True)
class Act:
    id: str
    date: date
    kind: str
    name: Localized
    summary: Localized
    sources: tuple[str, ...]
    in_force: date | None = None
    number: str | None = None


@dataclass(frozen=True)
class Punishment:
    kind: str
    min: int | float | None = None
    max: int | float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Part:
    part: str
    conduct: Localized
    circumstances: str
    punishments: tuple[Punishment, ...]
    introduced_by: str | None = None
    amended_by: str | None = None
    sources: tuple[str, ...] = ()
    unverified: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Note:
    kind: str
    text: Localized
    applies_to: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpecialRule:
    """A penalty for a group of people, for the conduct of part ``extends``.

    ``part`` is the rule's own part number, None until a source confirms it.
    """

    extends: str
    conduct: Localized
    circumstances: str
    punishments: tuple[Punishment, ...]
    introduced_by: str
    sources: tuple[str, ...]
    part: str | None = None


@dataclass(frozen=True)
class Article:
    id: str
    code: str
    article: str
    title: Localized
    checked: date
    sources: tuple[str, ...]
    parts: tuple[Part, ...]
    notes: tuple[Note, ...] = ()
    special_rules: tuple[SpecialRule, ...] = ()

    def part(self, number: str) -> Part:
        for part in self.parts:
            if part.part == number:
                return part
        raise KeyError(number)


@dataclass(frozen=True)
class Vocabulary:
    """The words of data/vocabulary.yml; see that file for what each key means."""

    labels: Mapping[str, Localized]
    codes: Mapping[str, Localized]
    circumstances: Mapping[str, Localized]
    punishments: Mapping[str, Localized]
    terms: Mapping[str, Localized]
    units: Mapping[str, Mapping[str, Mapping[str, str]]]  # unit -> lang -> category -> word
    months: Mapping[str, tuple[str, ...]]
    formats: Mapping[str, Localized]
    figures: Mapping[str, Mapping[str, Localized]]


@dataclass(frozen=True)
class Channel:
    """A contact channel, seen on ``seen_on`` (a page of the organization's own site)."""

    kind: str  # website | email | telegram | phone | onion | signal
    value: str
    seen_on: str
    checked: date


@dataclass(frozen=True)
class Organization:
    id: str
    name: Localized
    kind: str  # ngo | network | state-programme
    services: Localized
    help: tuple[str, ...]
    languages: tuple[str, ...]
    countries: tuple[str, ...]
    channels: tuple[Channel, ...]
    warnings: tuple[Localized, ...]
    sources: tuple[str, ...]
    checked: date
    website: str | None = None
    website_seen_on: str | None = None


@dataclass(frozen=True)
class FakeCase:
    """A documented fake, clone or sting channel (data/organizations.yml, ``fakes``)."""

    id: str
    label: Localized
    text: Localized
    sources: tuple[str, ...]
    date: date | None = None


@dataclass(frozen=True)
class ContactSafety:
    """How to recognize a fake contact, and the documented cases."""

    advice: tuple[Localized, ...] = ()
    cases: tuple[FakeCase, ...] = ()


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: Localized
    definition: Localized
    note: Localized | None = None
    avoid: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=_empty)
    tooltip: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=_empty)
    unconfirmed: frozenset[str] = frozenset()
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteData:
    """Everything in data/, validated. Mappings keep the files' order."""

    vocabulary: Vocabulary
    sources: Mapping[str, Source] = dataclass_field(default_factory=_empty)
    acts: Mapping[str, Act] = dataclass_field(default_factory=_empty)
    articles: Mapping[str, Article] = dataclass_field(default_factory=_empty)
    organizations: Mapping[str, Organization] = dataclass_field(default_factory=_empty)
    contact_safety: ContactSafety = dataclass_field(default_factory=ContactSafety)
    glossary: Mapping[str, GlossaryTerm] = dataclass_field(default_factory=_empty)
    countries: CountryGuide | None = None  # data/countries.yml (optional file)
    statistics: Any = None  # data/statistics.yml: sitetools.charts.Statistics (optional file)
    policy: Any = None  # data/policy.yml: sitetools.policy.Policy (optional file)
    # the parsed YAML of each file read, by resolved path (the citation check walks them)
    documents: Mapping[Path, Any] = dataclass_field(default_factory=_empty, compare=False,
                                                   repr=False)
    # SHA-256 of the files and of the code (sitetools.cache): what rendered
    # HTML is kept by. Set by load_all only: None (nothing kept) for data
    # built otherwise, including a dataclasses.replace() copy of loaded data.
    fingerprint: str | None = dataclass_field(default=None, init=False, compare=False,
                                              repr=False)


# --------------------------------------------------------------------------
# Placeholders in vocabulary strings

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(template: str, **values: str) -> str:
    """Replace ``{name}`` placeholders in a vocabulary string (plain text in, plain text out)."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


# Placeholders each vocabulary string must have (key path -> names); others have none.
_PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    **{
        f"punishments.{kind}": frozenset({"term"})
        for kind in (
            "deprivation-of-liberty",
            "arrest",
            "disciplinary-military-unit",
            "restriction-in-military-service",
            "compulsory-labour",
            "compulsory-works",
            "fine",
            "fine-income",
        )
    },
    "terms.exact": frozenset({"max", "unit"}),
    "terms.up_to": frozenset({"max", "unit"}),
    "terms.from_to": frozenset({"min", "max", "unit"}),
    "terms.at_least": frozenset({"min", "unit"}),
    "formats.date": frozenset({"day", "month", "year"}),
    "formats.article_caption": frozenset({"article", "code", "title"}),
    "formats.article_short": frozenset({"article", "title"}),
    "formats.applies_to_one": frozenset({"parts"}),
    "formats.applies_to_many": frozenset({"parts"}),
    "formats.change": frozenset({"act", "date"}),
    "formats.special_rule": frozenset({"part"}),
    "figures.timeline.desc": frozenset({"first", "last"}),
}

# Units each punishment kind may be measured in.
_TIME_UNITS = frozenset({"years", "months", "days", "hours"})
_UNITS_OF_KIND: Mapping[str, frozenset[str]] = {
    "fine": frozenset({"rubles"}),
    "fine-income": frozenset({"years", "months"}),
}


# --------------------------------------------------------------------------
# Reading YAML


class _Unusual(Exception):
    """A node the direct construction does not handle (left to PyYAML's own)."""


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null")
)
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Strict:
    """SafeLoader without implicit timestamps, rejecting duplicate keys."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_document(self, node: yaml.Node) -> Any:
        """The document built directly from the parsed nodes.

        PyYAML's own construction goes through generators and bookkeeping
        for recursive structures that data files do not have: this takes a
        third of the time. Anything else (other tags, merge keys, unhashable
        keys) is left to PyYAML, which also words the errors.
        """
        try:
            return self._build(node, {})
        except _Unusual:
            return super().construct_document(node)  # type: ignore[misc]

    def _build(self, node: yaml.Node, memo: dict[int, Any]) -> Any:
        key = id(node)  # an alias is the same node: the same object, as PyYAML gives
        if key in memo:
            return memo[key]
        tag = node.tag
        if tag == _STR and isinstance(node, yaml.ScalarNode):
            value: Any = node.value
        elif tag == _MAP and isinstance(node, yaml.MappingNode):
            value = memo[key] = {}
            for key_node, value_node in node.value:
                name = self._build(key_node, memo)
                if not isinstance(name, str | int | float | bool):
                    raise _Unusual  # unhashable or merge keys: PyYAML reports them
                if name in value:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key '{name}'", key_node.start_mark
                    )
                value[name] = self._build(value_node, memo)
        elif tag == _SEQ and isinstance(node, yaml.SequenceNode):
            value = memo[key] = []
            value.extend(self._build(item, memo) for item in node.value)
        elif tag in _PLAIN_TAGS and isinstance(node, yaml.ScalarNode):
            value = self.yaml_constructors[tag](self, node)  # type: ignore[attr-defined]
        else:
            raise _Unusual
        memo[key] = value
        return value

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool):
                continue  # unhashable keys: SafeLoader reports them
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _Loader(_Strict, yamlio.SafeLoader):  # libyaml's C parser when available
    pass


class _PyLoader(_Strict, yaml.SafeLoader):  # pure Python: clearer error messages
    pass


def _read_yaml(path: Path, label: str, schema_name: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(label, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    header = f"# yaml-language-server: $schema=schemas/{schema_name}"
    if text.lstrip("\ufeff").split("\n", 1)[0].rstrip() != header:
        raise DataError(label, f"the first line must be '{header}'", line=1)
    kept = cache.store("yaml")
    key = kept.key(cache.code_fingerprint(), text) if kept else ""
    if kept is not None and (entry := kept.get(key)) is not None:
        try:
            return cache.loads_plain(entry)
        except ValueError:
            pass  # not readable: parse again
    document = _parse_yaml(text, label)
    if kept is not None:
        kept.put(key, cache.dumps_plain(document))
    return document


def _parse_yaml(text: str, label: str) -> Any:
    try:
        try:
            return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError:
            # libyaml's messages are terser: parse again in Python for the report
            return yaml.load(text, Loader=_PyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "cannot parse"
        raise DataError(
            label,
            f"malformed YAML: {problem}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from exc
    except yaml.YAMLError as exc:
        raise DataError(label, f"malformed YAML: {exc}") from exc


# --------------------------------------------------------------------------
# Schema validation with one-line messages


def _field_path(path: Iterable[str | int]) -> str:
    text = ""
    for item in path:
        text += f"[{item}]" if isinstance(item, int) else (f".{item}" if text else str(item))
    return text


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off as true/false: quote the text)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_TYPE_NAMES = {
    "string": "a string",
    "number": "a number",
    "integer": "an integer",
    "object": "a mapping",
    "array": "a list",
    "boolean": "true or false",
}
_MARKUP = ("<", ">", "`", "**", "](")


def _problem(error: jsonschema.ValidationError) -> tuple[list[str | int], str]:
    """The field path and a one-line problem for a schema error."""
    path = list(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    in_language = bool(path) and path[-1] in LANGUAGES
    match error.validator:
        case "required":
            missing = next(k for k in error.validator_value if k not in instance)
            if missing in LANGUAGES:
                return [*path, missing], "missing translation"
            return [*path, missing], "missing"
        case "additionalProperties":
            known = schema.get("properties", {})
            extra = next(k for k in instance if k not in known)
            return [*path, extra], "unknown field"
        case "pattern" if schema.get("title") == "Plain text":
            token = min((t for t in _MARKUP if t in instance), key=instance.index, default="markup")
            return (
                path,
                f"contains markup ('{token}'): data strings are plain text, escaped when rendered",
            )
        case "pattern" if "patternErrorMessage" in schema:
            return path, f"'{instance}' is {schema['patternErrorMessage']}"
        case "minLength" if instance == "":
            return path, "missing translation" if in_language else "empty"
        case "type" if instance is None and in_language:
            return path, "missing translation"
        case _ if "errorMessage" in schema:
            return path, schema["errorMessage"]
        case "type":
            wanted = error.validator_value
            wanted = wanted if isinstance(wanted, list) else [wanted]
            names = " or ".join(_TYPE_NAMES.get(t, t) for t in wanted)
            quotable = isinstance(instance, int | float) and not isinstance(instance, bool)
            hint = " (quote it)" if "string" in wanted and quotable else ""
            return path, f"expected {names}, got {_describe(instance)}{hint}"
        case "enum":
            options = ", ".join(map(str, error.validator_value))
            value = f"'{instance}'" if isinstance(instance, str) else _describe(instance)
            return path, f"unknown value {value} (expected one of: {options})"
        case "format":
            return path, f"'{instance}' is not a valid {error.validator_value} (YYYY-MM-DD)"
        case "minItems" if instance == []:
            return path, "empty list"
        case "minItems" | "maxItems":
            return path, f"has {len(instance)} items, expected {error.validator_value}"
        case "uniqueItems":
            return path, "lists an item twice"
        case "exclusiveMinimum":
            return path, f"must be greater than {error.validator_value}"
    return path, error.message


# Which of several errors at one place to report: the most basic first.
_VALIDATOR_RANK = {
    name: rank
    for rank, name in enumerate(
        ("required", "additionalProperties", "type", "minLength", "pattern", "enum", "const")
    )
}


def _document_order(document: Any, path: Iterable[str | int]) -> tuple[int, ...]:
    """Sort key placing errors in the order their fields appear in the file."""
    key: list[int] = []
    node = document
    for item in path:
        if isinstance(node, dict) and item in node:
            key.append(list(node).index(item))
            node = node[item]
        elif isinstance(node, list) and isinstance(item, int) and item < len(node):
            key.append(item)
            node = node[item]
        else:
            key.append(1 << 30)
            break
    return tuple(key)


def _entry_label(
    document: Any, entries: str | None, path: list[str | int]
) -> tuple[str | None, list[str | int]]:
    """Split a path into the entry label ('cc-338' or #3) and the field path inside it."""
    if entries and len(path) >= 2 and path[0] == entries and isinstance(path[1], int):
        return _entry_name(document[entries][path[1]], path[1]), path[2:]
    return None, path


def _entry_name(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"]:
        return f"'{raw['id']}'"
    return f"#{index + 1}"


def _schema_problems(
    document: Any, schema: Mapping[str, Any], label: str, entries: str | None
) -> list[DataError]:
    """The schema problems of a document in file order, one per field."""
    jsonschema = _jsonschema()
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    located = []
    for error in validator.iter_errors(document):
        path, problem = _problem(error)
        rank = _VALIDATOR_RANK.get(str(error.validator), len(_VALIDATOR_RANK))
        located.append(((_document_order(document, path), rank), path, problem))
    problems: dict[str, DataError] = {}
    for _, path, problem in sorted(located, key=lambda item: item[0]):
        entry, rest = _entry_label(document, entries, path)
        key = f"{entry}:{_field_path(rest)}"
        if key not in problems:
            problems[key] = DataError(label, problem, entry=entry, field=_field_path(rest) or None)
    return list(problems.values())


# --------------------------------------------------------------------------
# Builders: validated document -> rows, with cross-checks


@dataclass
class _Context:
    """What a builder gets: the file's label and the rows built so far."""

    label: str
    built: dict[str, Any]
    entries: str | None = None

    def fail(
        self, problem: str, *, entry: str | None = None, field: str | None = None
    ) -> DataError:
        return DataError(self.label, problem, entry=entry, field=field)

    def each(self, document: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """The entries of the file's list with their labels, rejecting duplicate ids."""
        seen: dict[str, int] = {}
        for index, raw in enumerate(document[self.entries or ""]):
            name = _entry_name(raw, index)
            if raw["id"] in seen:
                raise self.fail(
                    f"duplicate id '{raw['id']}' (first used by entry #{seen[raw['id']] + 1})",
                    entry=f"#{index + 1}",
                    field="id",
                )
            seen[raw["id"]] = index
            yield name, raw

    def check_ids(
        self, ids: Iterable[str], table: str, what: str, *, entry: str, field: str
    ) -> tuple[str, ...]:
        """Check a list of ids against the rows of ``table``."""
        ids = tuple(ids)
        for index, value in enumerate(ids):
            self.check_id(value, table, what, entry=entry, field=f"{field}[{index}]")
        return ids

    def check_id(self, value: str, table: str, what: str, *, entry: str, field: str) -> str:
        """Check one id against the rows of ``table``."""
        if value not in self.built.get(table, _EMPTY):
            raise self.fail(f"unknown {what} '{value}'", entry=entry, field=field)
        return value


def _text(value: str) -> str:
    """Plain text with YAML's line breaks and ASCII space runs folded (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", value).strip(" ")


def _localized(raw: Mapping[str, str]) -> Localized:
    return Localized(**{lang: _text(raw[lang]) for lang in LANGUAGES})


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _build_vocabulary(document: Mapping[str, Any], ctx: _Context) -> Vocabulary:
    def walk(node: Any, path: str) -> Iterator[tuple[str, Mapping[str, str]]]:
        if (
            isinstance(node, dict)
            and set(node) == set(LANGUAGES)
            and all(isinstance(v, str) for v in node.values())
        ):
            yield path, node
        elif isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, f"{path}.{key}" if path else key)

    for path, texts in walk(
        {k: v for k, v in document.items() if k not in ("units", "months")}, ""
    ):
        expected = _PLACEHOLDERS.get(path, frozenset())
        for lang in LANGUAGES:
            found = frozenset(_PLACEHOLDER.findall(texts[lang]))
            stray = re.sub(_PLACEHOLDER, "", texts[lang])
            if found != expected or "{" in stray or "}" in stray:
                want = " ".join(f"{{{name}}}" for name in sorted(expected)) or "none"
                have = " ".join(f"{{{name}}}" for name in sorted(found)) or "none"
                raise ctx.fail(f"placeholders must be {want}, found {have}", field=f"{path}.{lang}")

    def section(name: str) -> Mapping[str, Localized]:
        return MappingProxyType({key: _localized(raw) for key, raw in document[name].items()})

    return Vocabulary(
        labels=section("labels"),
        codes=section("codes"),
        circumstances=section("circumstances"),
        punishments=section("punishments"),
        terms=section("terms"),
        formats=section("formats"),
        units=MappingProxyType(
            {
                unit: MappingProxyType(
                    {
                        lang: MappingProxyType({cat: _text(word) for cat, word in forms.items()})
                        for lang, forms in by_lang.items()
                    }
                )
                for unit, by_lang in document["units"].items()
            }
        ),
        months=MappingProxyType(
            {lang: tuple(_text(m) for m in names) for lang, names in document["months"].items()}
        ),
        figures=MappingProxyType(
            {
                figure: MappingProxyType({key: _localized(raw) for key, raw in texts.items()})
                for figure, texts in document["figures"].items()
            }
        ),
    )


def _build_sources(document: Mapping[str, Any], ctx: _Context) -> Mapping[str, Source]:
    rows = {}
    for _name, raw in ctx.each(document):
        rows[raw["id"]] = Source(
            id=raw["id"],
            publisher=_text(raw["publisher"]),
            title=_text(raw["title"]),
            url=raw.get("url"),
            accessed=date.fromisoformat(raw["accessed"]),
            language=raw["language"],
            kind=raw["kind"],
            group=raw["group"],
            date=_date(raw.get("date")),
        )
    return MappingProxyType(rows)


def _build_acts(document: Mapping[str, Any], ctx: _Context) -> Mapping[str, Act]:
    rows = {}
    for name, raw in ctx.each(document):
        rows[raw["id"]] = Act(
            id=raw["id"],
            date=date.fromisoformat(raw["date"]),
            kind=raw["kind"],
            name=_localized(raw["name"]),
            summary=_localized(raw["summary"]),
            sources=ctx.check_ids(
                raw["sources"], "sources", "source id", entry=name, field="sources"
            ),
            in_force=_date(raw.get("in_force")),
            number=_text(raw["number"]) if "number" in raw else None,
        )
    return MappingProxyType(rows)


def _build_punishment(raw: Mapping[str, Any], ctx: _Context, entry: str, field: str) -> Punishment:
    vocabulary: Vocabulary = ctx.built["vocabulary"]
    kind, unit = raw["kind"], raw.get("unit")
    if kind not in vocabulary.punishments:
        raise ctx.fail(
            f"unknown vocabulary key 'punishments.{kind}'", entry=entry, field=f"{field}.kind"
        )
    if unit is not None:
        if unit not in vocabulary.units:
            raise ctx.fail(
                f"unknown vocabulary key 'units.{unit}'", entry=entry, field=f"{field}.unit"
            )
        if unit not in _UNITS_OF_KIND.get(kind, _TIME_UNITS):
            raise ctx.fail(f"unit '{unit}' does not fit {kind}", entry=entry, field=f"{field}.unit")
    low, high = raw.get("min"), raw.get("max")
    if low is not None and high is not None and low > high:
        raise ctx.fail(f"min {low} is greater than max {high}", entry=entry, field=f"{field}.min")
    return Punishment(kind=kind, min=low, max=high, unit=unit)


def _build_articles(document: Mapping[str, Any], ctx: _Context) -> Mapping[str, Article]:
    vocabulary: Vocabulary = ctx.built["vocabulary"]
    rows = {}
    for name, raw in ctx.each(document):
        if raw["id"] != f"{raw['code']}-{raw['article']}":
            raise ctx.fail(
                f"id must be '{raw['code']}-{raw['article']}' (code and article number)",
                entry=name,
                field="id",
            )
        parts = []
        numbers: set[str] = set()
        for index, part in enumerate(raw["parts"]):
            where = f"parts[{index}]"
            if part["part"] in numbers:
                raise ctx.fail(
                    f"part '{part['part']}' is listed twice", entry=name, field=f"{where}.part"
                )
            numbers.add(part["part"])
            if part["circumstances"] not in vocabulary.circumstances:
                raise ctx.fail(
                    f"unknown vocabulary key 'circumstances.{part['circumstances']}'",
                    entry=name,
                    field=f"{where}.circumstances",
                )
            unverified = frozenset(part.get("unverified", ()))
            for key in ("introduced_by", "amended_by"):
                if key in unverified and key in part:
                    raise ctx.fail(
                        "listed as unverified: remove it, or remove it from 'unverified'",
                        entry=name,
                        field=f"{where}.{key}",
                    )
                if key in part:
                    ctx.check_id(part[key], "acts", "act id", entry=name, field=f"{where}.{key}")
            parts.append(
                Part(
                    part=part["part"],
                    conduct=_localized(part["conduct"]),
                    circumstances=part["circumstances"],
                    punishments=tuple(
                        _build_punishment(p, ctx, name, f"{where}.punishments[{i}]")
                        for i, p in enumerate(part.get("punishments", ()))
                    ),
                    introduced_by=part.get("introduced_by"),
                    amended_by=part.get("amended_by"),
                    sources=ctx.check_ids(
                        part.get("sources", ()),
                        "sources",
                        "source id",
                        entry=name,
                        field=f"{where}.sources",
                    ),
                    unverified=unverified,
                )
            )
        notes = []
        for index, note in enumerate(raw.get("notes", ())):
            where = f"notes[{index}]"
            for i, number in enumerate(note.get("applies_to", ())):
                if number not in numbers:
                    raise ctx.fail(
                        f"unknown part '{number}'", entry=name, field=f"{where}.applies_to[{i}]"
                    )
            notes.append(
                Note(
                    kind=note["kind"],
                    text=_localized(note["text"]),
                    applies_to=tuple(note.get("applies_to", ())),
                    sources=ctx.check_ids(
                        note.get("sources", ()),
                        "sources",
                        "source id",
                        entry=name,
                        field=f"{where}.sources",
                    ),
                )
            )
        rows[raw["id"]] = Article(
            id=raw["id"],
            code=raw["code"],
            article=raw["article"],
            title=_localized(raw["title"]),
            checked=date.fromisoformat(raw["checked"]),
            sources=ctx.check_ids(
                raw["sources"], "sources", "source id", entry=name, field="sources"
            ),
            parts=tuple(parts),
            notes=tuple(notes),
            special_rules=tuple(
                _build_special_rule(rule, ctx, name, f"special_rules[{index}]", numbers)
                for index, rule in enumerate(raw.get("special_rules", ()))
            ),
        )
    return MappingProxyType(rows)


def _build_special_rule(
    raw: Mapping[str, Any], ctx: _Context, entry: str, where: str, numbers: set[str]
) -> SpecialRule:
    vocabulary: Vocabulary = ctx.built["vocabulary"]
    if raw["extends"] not in numbers:
        raise ctx.fail(f"unknown part '{raw['extends']}'", entry=entry, field=f"{where}.extends")
    if raw.get("part") in numbers:
        raise ctx.fail(
            f"part '{raw['part']}' is listed twice", entry=entry, field=f"{where}.part"
        )
    if raw["circumstances"] not in vocabulary.circumstances:
        raise ctx.fail(
            f"unknown vocabulary key 'circumstances.{raw['circumstances']}'",
            entry=entry,
            field=f"{where}.circumstances",
        )
    ctx.check_id(
        raw["introduced_by"], "acts", "act id", entry=entry, field=f"{where}.introduced_by"
    )
    return SpecialRule(
        extends=raw["extends"],
        part=raw.get("part"),
        conduct=_localized(raw["conduct"]),
        circumstances=raw["circumstances"],
        punishments=tuple(
            _build_punishment(p, ctx, entry, f"{where}.punishments[{i}]")
            for i, p in enumerate(raw["punishments"])
        ),
        introduced_by=raw["introduced_by"],
        sources=ctx.check_ids(
            raw["sources"], "sources", "source id", entry=entry, field=f"{where}.sources"
        ),
    )


def _build_organizations(document: Mapping[str, Any], ctx: _Context) -> Mapping[str, Organization]:
    rows = {}
    for name, raw in ctx.each(document):
        channels = []
        for index, channel in enumerate(raw["channels"]):
            channels.append(
                Channel(
                    kind=channel["kind"],
                    value=channel["value"],
                    seen_on=channel["seen_on"],
                    checked=date.fromisoformat(channel["checked"]),
                )
            )
            if channel["value"] in {c.value for c in channels[:-1]}:
                raise ctx.fail(
                    f"channel '{channel['value']}' is listed twice",
                    entry=name,
                    field=f"channels[{index}].value",
                )
        rows[raw["id"]] = Organization(
            id=raw["id"],
            name=_localized(raw["name"]),
            kind=raw["kind"],
            services=_localized(raw["services"]),
            help=tuple(raw["help"]),
            languages=tuple(raw["languages"]),
            countries=tuple(raw["countries"]),
            channels=tuple(channels),
            warnings=tuple(_localized(w) for w in raw["warnings"]),
            sources=ctx.check_ids(
                raw["sources"], "sources", "source id", entry=name, field="sources"
            ),
            checked=date.fromisoformat(raw["checked"]),
            website=raw.get("website"),
            website_seen_on=raw.get("website_seen_on"),
        )
    ctx.built["contact_safety"] = _build_contact_safety(document.get("fakes"), ctx)
    return MappingProxyType(rows)


def _build_contact_safety(raw: Mapping[str, Any] | None, ctx: _Context) -> ContactSafety:
    if raw is None:
        return ContactSafety()
    cases = []
    seen: set[str] = set()
    for index, case in enumerate(raw["cases"]):
        where = f"fakes.cases[{index}]"
        if case["id"] in seen:
            raise ctx.fail(f"duplicate id '{case['id']}'", field=f"{where}.id")
        seen.add(case["id"])
        cases.append(
            FakeCase(
                id=case["id"],
                label=_localized(case["label"]),
                text=_localized(case["text"]),
                sources=ctx.check_ids(
                    case["sources"], "sources", "source id", entry=f"'{case['id']}'",
                    field="sources",
                ),
                date=_date(case.get("date")),
            )
        )
    return ContactSafety(
        advice=tuple(_localized(a) for a in raw["advice"]), cases=tuple(cases)
    )


def _build_glossary(document: Mapping[str, Any], ctx: _Context) -> Mapping[str, GlossaryTerm]:
    rows = {}
    for _name, raw in ctx.each(document):
        rows[raw["id"]] = GlossaryTerm(
            id=raw["id"],
            term=_localized(raw["term"]),
            definition=_localized(raw["definition"]),
            note=_localized(raw["note"]) if "note" in raw else None,
            avoid=MappingProxyType(
                {lang: tuple(raw.get("avoid", {}).get(lang, ())) for lang in LANGUAGES}
            ),
            tooltip=MappingProxyType(
                {lang: tuple(raw.get("tooltip", {}).get(lang, ())) for lang in LANGUAGES}
            ),
            unconfirmed=frozenset(raw.get("unconfirmed", ())),
            related=tuple(raw.get("related", ())),
        )
    owners: dict[tuple[str, str], str] = {}
    for term in rows.values():
        name = f"'{term.id}'"
        for index, other in enumerate(term.related):
            if other not in rows:
                raise ctx.fail(
                    f"unknown glossary term '{other}'", entry=name, field=f"related[{index}]"
                )
        for lang in LANGUAGES:
            for index, form in enumerate(term.tooltip[lang]):
                owner = owners.setdefault((lang, form), term.id)
                if owner != term.id:
                    raise ctx.fail(
                        f"tooltip form '{form}' is also a tooltip of '{owner}'",
                        entry=name,
                        field=f"tooltip.{lang}[{index}]",
                    )
    return MappingProxyType(rows)


# --------------------------------------------------------------------------
# Transit countries (data/countries.yml)


@dataclass(frozen=True)
class Fact:
    """A statement and the sources that say it."""

    text: Localized
    sources: tuple[str, ...] = ()
    short: Localized | None = None  # a few words for the comparison table


@dataclass(frozen=True)
class Entry:
    """The documents a Russian citizen can enter with (as far as the sources say)."""

    documents: tuple[str, ...]  # keys of CountryGuide.documents
    text: Localized
    sources: tuple[str, ...]
    confirmed_until: int | None = None  # the last year a source confirms; None: current


@dataclass(frozen=True)
class Treaty:
    id: str
    name: Localized
    summary: Localized
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Membership:
    treaty: str  # a Treaty id
    status: str  # member | party | applies | not-verified
    text: Localized | None = None  # None: the treaty's summary applies
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    """A documented detention, deportation, handover or abduction."""

    date: date  # the first day of what ``precision`` says
    precision: str  # day | month | year
    kind: str
    person: Localized
    place: Localized
    text: Localized
    sources: tuple[str, ...]
    date_end: date | None = None  # last day of a span of days (same month)
    reported: bool = False  # the date is that of the first report


@dataclass(frozen=True)
class Country:
    id: str  # also the page: docs/<lang>/countries/<id>.md
    name: Localized
    as_of: date
    risk: str  # documented | reported | unknown
    risk_summary: Fact
    treaties: tuple[Membership, ...] = ()
    cases: tuple[Case, ...] = ()
    practical: tuple[Fact, ...] = ()
    not_verified: tuple[Localized, ...] = ()
    entry: Entry | None = None  # None: no verified information
    stay: Fact | None = None  # None: no verified information
    military_presence: Fact | None = None  # None: no verified information
    warning: Localized | None = None


@dataclass(frozen=True)
class CountryGuide:
    """Everything in data/countries.yml: the words, the treaties and the countries."""

    labels: Mapping[str, Localized]
    formats: Mapping[str, Localized]
    months: Mapping[str, tuple[str, ...]]  # lang -> names standing alone ("December 2022")
    documents: Mapping[str, Localized]
    statuses: Mapping[str, Localized]
    risks: Mapping[str, Localized]
    case_kinds: Mapping[str, Localized]
    treaties: Mapping[str, Treaty]
    countries: Mapping[str, Country]


# Placeholders of each phrase in countries.yml "formats"; labels have none.
COUNTRY_FORMAT_PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "date_month": frozenset({"month", "year"}),
    "date_year": frozenset({"year"}),
    "date_range": frozenset({"start", "end", "month", "year"}),
    "reported": frozenset({"date"}),
    "facts_caption": frozenset({"country"}),
    "as_of": frozenset({"date"}),
    "table_as_of": frozenset({"date"}),
    "membership": frozenset({"treaty", "status"}),
    "confirmed_until": frozenset({"year"}),
}


def _check_placeholders(
    section: str, texts: Mapping[str, Mapping[str, str]], ctx: _Context
) -> None:
    for key, by_lang in texts.items():
        expected = frozenset()
        if section == "formats":
            expected = COUNTRY_FORMAT_PLACEHOLDERS.get(key, frozenset())
        for lang in LANGUAGES:
            found = frozenset(_PLACEHOLDER.findall(by_lang[lang]))
            stray = re.sub(_PLACEHOLDER, "", by_lang[lang])
            if found != expected or "{" in stray or "}" in stray:
                want = " ".join(f"{{{name}}}" for name in sorted(expected)) or "none"
                have = " ".join(f"{{{name}}}" for name in sorted(found)) or "none"
                raise ctx.fail(
                    f"placeholders must be {want}, found {have}", field=f"{section}.{key}.{lang}"
                )


def _case_date(raw: Mapping[str, Any], ctx: _Context, entry: str, field: str) -> tuple[date, str]:
    text = raw["date"]
    parts = text.split("-")
    precision = ("year", "month", "day")[len(parts) - 1]
    numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
    try:
        day = date(*numbers)
    except ValueError:
        raise ctx.fail(
            f"'{text}' is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)", entry=entry, field=field
        ) from None
    return day, precision


def _build_case(raw: Mapping[str, Any], ctx: _Context, entry: str, where: str) -> Case:
    start, precision = _case_date(raw, ctx, entry, f"{where}.date")
    end = _date(raw.get("date_end"))
    if end is not None:
        if precision != "day":
            raise ctx.fail(
                "a span of days needs a start date in the form YYYY-MM-DD",
                entry=entry,
                field=f"{where}.date_end",
            )
        if (end.year, end.month) != (start.year, start.month) or end <= start:
            raise ctx.fail(
                f"must be a later day of the same month as {start.isoformat()}",
                entry=entry,
                field=f"{where}.date_end",
            )
    return Case(
        date=start,
        precision=precision,
        kind=raw["kind"],
        person=_localized(raw["person"]),
        place=_localized(raw["place"]),
        text=_localized(raw["text"]),
        sources=ctx.check_ids(
            raw["sources"], "sources", "source id", entry=entry, field=f"{where}.sources"
        ),
        date_end=end,
        reported=bool(raw.get("reported", False)),
    )


def _build_fact(raw: Mapping[str, Any], ctx: _Context, entry: str, where: str) -> Fact:
    return Fact(
        text=_localized(raw["text"]),
        sources=ctx.check_ids(
            raw.get("sources", ()), "sources", "source id", entry=entry, field=f"{where}.sources"
        ),
        short=_localized(raw["short"]) if "short" in raw else None,
    )


def _build_memberships(
    raw: list[Mapping[str, Any]], treaties: Mapping[str, Treaty], ctx: _Context, entry: str
) -> tuple[Membership, ...]:
    rows: list[Membership] = []
    for index, item in enumerate(raw):
        where = f"treaties[{index}]"
        if item["treaty"] not in treaties:
            raise ctx.fail(
                f"unknown treaty id '{item['treaty']}'", entry=entry, field=f"{where}.treaty"
            )
        if any(row.treaty == item["treaty"] for row in rows):
            raise ctx.fail(
                f"treaty '{item['treaty']}' is listed twice", entry=entry, field=f"{where}.treaty"
            )
        if item["status"] != "not-verified" and not item.get("sources"):
            raise ctx.fail(
                f"status '{item['status']}' needs sources (or use 'not-verified')",
                entry=entry,
                field=f"{where}.sources",
            )
        rows.append(
            Membership(
                treaty=item["treaty"],
                status=item["status"],
                text=_localized(item["text"]) if "text" in item else None,
                sources=ctx.check_ids(
                    item.get("sources", ()),
                    "sources",
                    "source id",
                    entry=entry,
                    field=f"{where}.sources",
                ),
            )
        )
    return tuple(rows)


def _build_countries(document: Mapping[str, Any], ctx: _Context) -> CountryGuide:
    for section in ("labels", "formats"):
        _check_placeholders(section, document[section], ctx)

    def section(name: str) -> Mapping[str, Localized]:
        return MappingProxyType({key: _localized(raw) for key, raw in document[name].items()})

    treaties: dict[str, Treaty] = {}
    for index, raw in enumerate(document["treaties"]):
        if raw["id"] in treaties:
            raise ctx.fail(f"duplicate treaty id '{raw['id']}'", field=f"treaties[{index}].id")
        for i, source in enumerate(raw["sources"]):
            if source not in ctx.built.get("sources", _EMPTY):
                raise ctx.fail(
                    f"unknown source id '{source}'", field=f"treaties[{index}].sources[{i}]"
                )
        treaties[raw["id"]] = Treaty(
            id=raw["id"],
            name=_localized(raw["name"]),
            summary=_localized(raw["summary"]),
            sources=tuple(raw["sources"]),
        )
    countries: dict[str, Country] = {}
    for name, raw in ctx.each(document):
        if raw["risk"] != "unknown" and not raw["risk_summary"].get("sources"):
            raise ctx.fail(
                f"risk '{raw['risk']}' needs sources for its summary",
                entry=name,
                field="risk_summary.sources",
            )
        entry = raw.get("entry")
        countries[raw["id"]] = Country(
            id=raw["id"],
            name=_localized(raw["name"]),
            as_of=date.fromisoformat(raw["as_of"]),
            risk=raw["risk"],
            risk_summary=_build_fact(raw["risk_summary"], ctx, name, "risk_summary"),
            treaties=_build_memberships(raw["treaties"], treaties, ctx, name),
            cases=tuple(
                _build_case(case, ctx, name, f"cases[{i}]") for i, case in enumerate(raw["cases"])
            ),
            practical=tuple(
                _build_fact(fact, ctx, name, f"practical[{i}]")
                for i, fact in enumerate(raw["practical"])
            ),
            not_verified=tuple(_localized(text) for text in raw["not_verified"]),
            entry=Entry(
                documents=tuple(entry["documents"]),
                confirmed_until=int(entry["confirmed_until"])
                if "confirmed_until" in entry
                else None,
                text=_localized(entry["text"]),
                sources=ctx.check_ids(
                    entry["sources"], "sources", "source id", entry=name, field="entry.sources"
                ),
            )
            if entry is not None
            else None,
            stay=_build_fact(raw["stay"], ctx, name, "stay") if "stay" in raw else None,
            military_presence=_build_fact(raw["military_presence"], ctx, name, "military_presence")
            if "military_presence" in raw
            else None,
            warning=_localized(raw["warning"]) if "warning" in raw else None,
        )
    return CountryGuide(
        labels=section("labels"),
        formats=section("formats"),
        months=MappingProxyType(
            {lang: tuple(_text(m) for m in document["months"][lang]) for lang in LANGUAGES}
        ),
        documents=section("documents"),
        statuses=section("statuses"),
        risks=section("risks"),
        case_kinds=section("case_kinds"),
        treaties=MappingProxyType(treaties),
        countries=MappingProxyType(countries),
    )


# --------------------------------------------------------------------------
# Registry and loading


@dataclass(frozen=True)
class DataFile:
    """One data file: where it is, its schema, how to build its rows."""

    name: str  # file in data/, e.g. "statutes.yml"
    target: str  # SiteData field the rows go to
    build: Callable[[Any, _Context], Any]
    entries: str | None = None  # top-level list whose items have ids (for messages)
    required: bool = True

    @property
    def schema(self) -> str:
        return self.name.removesuffix(".yml") + ".schema.json"


def _build_statistics(document: Mapping[str, Any], ctx: _Context) -> Any:
    from .charts import build_statistics  # here: sitetools.charts imports this module

    return build_statistics(document, ctx)


def _build_policy(document: Mapping[str, Any], ctx: _Context) -> Any:
    from .policy import build_policy  # here: sitetools.policy imports this module

    return build_policy(document, ctx)


# In dependency order: a builder may look at the rows of the files above it.
REGISTRY: tuple[DataFile, ...] = (
    DataFile("vocabulary.yml", "vocabulary", _build_vocabulary),
    DataFile("sources.yml", "sources", _build_sources, entries="sources"),
    DataFile("acts.yml", "acts", _build_acts, entries="acts"),
    DataFile("statutes.yml", "articles", _build_articles, entries="articles"),
    # Also builds "contact_safety" (the file's "fakes" section).
    DataFile(
        "organizations.yml",
        "organizations",
        _build_organizations,
        entries="organizations",
        required=False,
    ),
    DataFile("glossary.yml", "glossary", _build_glossary, entries="terms", required=False),
    DataFile("countries.yml", "countries", _build_countries, entries="countries", required=False),
    DataFile("statistics.yml", "statistics", _build_statistics, entries="charts", required=False),
    DataFile("policy.yml", "policy", _build_policy, entries="asks", required=False),
)


def _stamp(data_dir: Path) -> tuple[tuple[str, int, int] | None, ...]:
    stamps = []
    for data_file in REGISTRY:
        for path in (data_dir / data_file.name, data_dir / "schemas" / data_file.schema):
            try:
                stat = path.stat()
            except FileNotFoundError:
                stamps.append(None)
            else:
                stamps.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


def load_all(data_dir: Path) -> SiteData:
    """Load and check everything in ``data_dir``; cached until a file changes.

    Raises ``DataError`` (one-line message) for the first problem found.
    """
    data_dir = Path(data_dir).resolve()
    return _load(data_dir, _stamp(data_dir))


def parse_files(data_dir: Path) -> None:
    """Parse every registered file there is, so that ``.cache/yaml`` holds it.

    ``sitetools.warm`` calls this beside the build; problems are left for
    ``load_all`` to report.
    """
    for data_file in REGISTRY:
        path = Path(data_dir) / data_file.name
        if path.is_file():
            with contextlib.suppress(DataError):  # load_all reports it
                _read_yaml(path, data_file.name, data_file.schema)


def _fingerprint(data_dir: Path) -> str:
    """SHA-256 of the registered files, their schemas and the code (``sitetools.cache``)."""
    paths = [p for f in REGISTRY for p in (data_dir / f.name, data_dir / "schemas" / f.schema)]
    return cache.digest_files(paths, cache.code_fingerprint())


def check(data_dir: Path) -> list[DataError]:
    """Every problem found in ``data_dir`` (empty if it loads).

    All schema problems of every file; the first cross-reference problem of
    each file (after a file with problems, the files that depend on it are
    checked against their schemas only).
    """
    problems: list[DataError] = []
    _process(Path(data_dir).resolve(), problems.append)
    return problems


@functools.lru_cache(maxsize=8)
def _load(data_dir: Path, _stamp: tuple[Any, ...]) -> SiteData:
    def stop(problem: DataError) -> None:
        raise problem

    before = _fingerprint(data_dir)
    built = _process(data_dir, stop, fast=True)
    # a file edited while it was read: keep nothing under either key
    site = SiteData(**built)
    if _fingerprint(data_dir) == before:  # else a file was edited while it was read:
        object.__setattr__(site, "fingerprint", before)  # keep nothing under either key
    return site


# Two validators, one verdict. The build asks jsonschema-rs (compiled: the
# nine files in a few milliseconds, where the Python validator takes a fifth
# of a second); only when it finds a problem does the Python ``jsonschema``
# run, to word every problem as ``file: entry: field``. ``check`` (make
# check-data, pre-commit, the tests) always runs the Python validator, schema
# check included, so the two can never disagree unnoticed.


def _fast_validator(schema: Mapping[str, Any]) -> Any | None:
    """A compiled validator, or None if jsonschema-rs rejects the schema."""
    try:
        return jsonschema_rs.validator_for(schema, validate_formats=True)
    except (jsonschema_rs.ValidationError, ValueError):
        return None


def _read_schema(
    data_dir: Path, data_file: DataFile, *, fast: bool = False
) -> tuple[Mapping[str, Any], Any | None]:
    """The schema, checked; and with ``fast``, its compiled jsonschema-rs validator.

    Compiling with jsonschema-rs checks the schema too; only a schema it
    rejects (or every schema, without ``fast``) goes to the Python check, for
    its message.
    """
    label = f"{data_dir.name}/schemas/{data_file.schema}"
    try:
        schema = json.loads((data_dir / "schemas" / data_file.schema).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError(label, "missing") from exc
    except json.JSONDecodeError as exc:
        raise DataError(label, f"invalid JSON: {exc.msg}", line=exc.lineno) from exc
    validator = _fast_validator(schema) if fast else None
    if validator is not None:
        return schema, validator
    jsonschema = _jsonschema()
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as exc:
        raise DataError(label, f"invalid schema: {exc.message}") from exc
    return schema, None


def _valid_fast(document: Any, validator: Any | None) -> bool:
    """True if jsonschema-rs finds no problem (False: ask the Python validator)."""
    try:
        return validator is not None and bool(validator.is_valid(document))
    except ValueError:  # a value JSON has no type for
        return False


def _process(
    data_dir: Path, report: Callable[[DataError], None], *, fast: bool = False
) -> dict[str, Any]:
    """Read, validate and build every registered file; hand each problem to ``report``.

    ``fast``: check the schemas and data with jsonschema-rs first (see above).
    """
    built: dict[str, Any] = {}
    documents: dict[Path, Any] = {}
    failed = False
    for data_file in REGISTRY:
        label = f"{data_dir.name}/{data_file.name}"
        path = data_dir / data_file.name
        if not path.is_file():
            if data_file.required:
                report(DataError(label, "missing (a required data file)"))
                failed = True
            continue
        try:
            schema, validator = _read_schema(data_dir, data_file, fast=fast)
            document = _read_yaml(path, label, data_file.schema)
        except DataError as problem:
            report(problem)
            failed = True
            continue
        documents[path.resolve()] = document
        if _valid_fast(document, validator):
            problems = []
        else:
            problems = _schema_problems(document, schema, label, data_file.entries)
        for problem in problems:
            report(problem)
        if problems or failed:
            failed = True
            continue  # rows above are missing: cross-checks would mislead
        try:
            ctx = _Context(label=label, built=built, entries=data_file.entries)
            built[data_file.target] = data_file.build(document, ctx)
        except DataError as problem:
            report(problem)
            failed = True
    built["documents"] = documents
    return built


def main(argv: list[str] | None = None) -> int:
    """``python -m sitetools.data --check data``: print every problem, exit 1 if any."""
    parser = argparse.ArgumentParser(
        prog="python -m sitetools.data",
        description="Check the data files against their schemas and each other.",
    )
    parser.add_argument("--check", metavar="DATA_DIR", type=Path, required=True)
    args = parser.parse_args(argv)
    problems = check(args.check)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {args.check}/", file=sys.stderr)
        return 1
    print(f"{args.check}/: all data files are valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
