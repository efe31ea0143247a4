"""Validating a data file against its JSON Schema, with one-line messages.

Two validators, one verdict: the build asks jsonschema-rs (compiled: every
file in a few milliseconds); only when it finds a problem does the Python
``jsonschema`` run, to word each problem as ``file: entry: field: problem``.
``check`` (``make check-data``, the tests) always runs the Python validator.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from .. import LANGUAGES
from .common import entry_name
from .errors import DataError

if TYPE_CHECKING:
    import jsonschema


def _jsonschema() -> Any:
    """The Python validator, imported when needed (importing it takes longer than the
    fast check itself)."""
    import jsonschema

    return jsonschema


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
            patterns = schema.get("patternProperties", {})  # a mapping by id (claims.yml)
            extra = next(k for k in instance if k not in known
                         and not any(re.search(p, k) for p in patterns))
            if patterns:
                return [*path, extra], "not a valid id (lowercase ASCII: a-z, 0-9, '.', '-'; " \
                    "starts with a letter or digit)"
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
    """Split a path into the entry label ('cc-338' or #3) and the field path inside it.
    ``entries`` is a list of entries with ids, or a mapping of entries by id."""
    if entries and len(path) >= 2 and path[0] == entries and isinstance(path[1], int):
        return entry_name(document[entries][path[1]], path[1]), path[2:]
    if entries and len(path) >= 2 and path[0] == entries and isinstance(path[1], str):
        return f"'{path[1]}'", path[2:]
    return None, path


def schema_problems(
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


def fast_validator(schema: Mapping[str, Any]) -> Any | None:
    """A compiled validator, or None if jsonschema-rs rejects the schema."""
    try:
        return jsonschema_rs.validator_for(schema, validate_formats=True)
    except (jsonschema_rs.ValidationError, ValueError):
        return None


def read_schema(
    data_dir: Path, schema_name: str, *, fast: bool = False
) -> tuple[Mapping[str, Any], Any | None]:
    """The schema, checked; and with ``fast``, its compiled jsonschema-rs validator.

    Compiling with jsonschema-rs checks the schema too; only a schema it
    rejects (or every schema, without ``fast``) goes to the Python check, for
    its message.
    """
    label = f"{data_dir.name}/schemas/{schema_name}"
    try:
        schema = json.loads((data_dir / "schemas" / schema_name).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError(label, "missing") from exc
    except json.JSONDecodeError as exc:
        raise DataError(label, f"invalid JSON: {exc.msg}", line=exc.lineno) from exc
    validator = fast_validator(schema) if fast else None
    if validator is not None:
        return schema, validator
    jsonschema = _jsonschema()
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as exc:
        raise DataError(label, f"invalid schema: {exc.message}") from exc
    return schema, None


def valid_fast(document: Any, validator: Any | None) -> bool:
    """True if jsonschema-rs finds no problem (False: ask the Python validator)."""
    try:
        return validator is not None and bool(validator.is_valid(document))
    except ValueError:  # a value JSON has no type for
        return False
