"""Reading the data files' YAML: strict, and fast where libyaml is there.

Files are read with a ``yaml.SafeLoader`` subclass that differs from
``yaml.safe_load`` in two ways: dates stay strings (``2022-09-24``, as
YAML 1.2 and the editors' schema validation read them) and a key repeated
in one mapping is an error instead of silently keeping the last value.
libyaml's C parser is used when PyYAML has it (ten times faster); on a
problem the file is parsed again in pure Python, whose messages are clearer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

_CLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """Like ``yaml.safe_load``, with the C parser when PyYAML was built with libyaml."""
    return yaml.load(text, Loader=_CLoader)  # noqa: S506 - a safe loader


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


class _Loader(_Strict, _CLoader):  # libyaml's C parser when available
    pass


class _PyLoader(_Strict, yaml.SafeLoader):  # pure Python: clearer error messages
    pass


def read_yaml(path: Path, label: str, schema_name: str) -> Any:
    """A data file's document; ``DataError`` for bad bytes, a wrong first line, bad YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(label, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    header = f"# yaml-language-server: $schema=schemas/{schema_name}"
    if text.lstrip("\ufeff").split("\n", 1)[0].rstrip() != header:
        raise DataError(label, f"the first line must be '{header}'", line=1)
    return parse_yaml(text, label)


def parse_yaml(text: str, label: str) -> Any:
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

