"""Load, validate and cross-check every data file: ``load_all(data_dir) -> SiteData``.

Each registered file is read (``yamlfile``), validated against its JSON
Schema (``data/schemas/<name>.schema.json``, see ``schema``) and built into
frozen rows by its builder, which also checks references between files
(source ids, act ids, part numbers, vocabulary keys). Every problem is a
``DataError`` naming the file, the entry and the field, in one line.

To add a data file: write its schema, a module here with its rows and a
builder ``(document, context) -> rows``, a ``SiteData`` field with an empty
default, and a ``DataFile`` in ``REGISTRY`` (in dependency order: a builder
may look at the rows of the files above it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from .cases import CaseGroup, build_cases
from .changes import Change, build_changes
from .claims import Claim, build_claims
from .common import EMPTY, Context
from .countries import CountryGuide, build_countries
from .errors import DataError
from .glossary import GlossaryTerm, build_glossary
from .organizations import ContactSafety, Organization, build_organizations
from .policy import Policy, build_policy
from .schema import read_schema, schema_problems, valid_fast
from .statistics import Statistics, build_statistics
from .statutes import Act, Article, Source, build_acts, build_articles, build_sources
from .vocabulary import Vocabulary, build_vocabulary
from .yamlfile import read_yaml


def _empty() -> Mapping[str, Any]:
    return EMPTY


# eq=False: compared and hashed by identity, so that renderers can keep what
# they made from one loading of the data (functools caches) without hashing it.
@dataclass(frozen=True, eq=False)
class SiteData:
    """Everything in data/, validated. Mappings keep the files' order."""

    vocabulary: Vocabulary  # None only when load_all(only=...) left it out
    sources: Mapping[str, Source] = dataclass_field(default_factory=_empty)
    acts: Mapping[str, Act] = dataclass_field(default_factory=_empty)
    articles: Mapping[str, Article] = dataclass_field(default_factory=_empty)
    organizations: Mapping[str, Organization] = dataclass_field(default_factory=_empty)
    contact_safety: ContactSafety = dataclass_field(default_factory=ContactSafety)
    glossary: Mapping[str, GlossaryTerm] = dataclass_field(default_factory=_empty)
    countries: CountryGuide | None = None  # data/countries.yml (optional file)
    cases: Mapping[str, CaseGroup] = dataclass_field(default_factory=_empty)  # data/cases.yml
    statistics: Statistics | None = None  # data/statistics.yml (optional file)
    policy: Policy | None = None  # data/policy.yml (optional file)
    changes: tuple[Change, ...] = ()  # data/changes.yml (optional file), newest first
    claims: Mapping[str, Claim] = dataclass_field(default_factory=_empty)  # data/claims.yml
    # the parsed YAML of each file read, by resolved path (the citation check walks them)
    documents: Mapping[Path, Any] = dataclass_field(default_factory=_empty, repr=False)


@dataclass(frozen=True)
class DataFile:
    """One data file: where it is, its schema, how to build its rows."""

    name: str  # file in data/, e.g. "statutes.yml"
    target: str  # SiteData field the rows go to
    build: Callable[[Any, Context], Any]
    entries: str | None = None  # top-level list of entries with ids, or mapping by id (messages)
    required: bool = True

    @property
    def schema(self) -> str:
        return self.name.removesuffix(".yml") + ".schema.json"


# In dependency order: a builder may look at the rows of the files above it.
REGISTRY: tuple[DataFile, ...] = (
    DataFile("vocabulary.yml", "vocabulary", build_vocabulary),
    DataFile("sources.yml", "sources", build_sources, entries="sources"),
    DataFile("acts.yml", "acts", build_acts, entries="acts"),
    DataFile("statutes.yml", "articles", build_articles, entries="articles"),
    # Also builds "contact_safety" (the file's "fakes" section).
    DataFile(
        "organizations.yml",
        "organizations",
        build_organizations,
        entries="organizations",
        required=False,
    ),
    DataFile("glossary.yml", "glossary", build_glossary, entries="terms", required=False),
    DataFile("countries.yml", "countries", build_countries, entries="countries", required=False),
    DataFile("cases.yml", "cases", build_cases, entries="groups", required=False),
    DataFile("statistics.yml", "statistics", build_statistics, entries="charts", required=False),
    DataFile("policy.yml", "policy", build_policy, entries="asks", required=False),
    DataFile("changes.yml", "changes", build_changes, entries="changes", required=False),
    DataFile("claims.yml", "claims", build_claims, entries="claims", required=False),
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


def load_all(data_dir: Path, *, only: frozenset[str] | None = None) -> SiteData:
    """Load and check everything in ``data_dir``; kept until a file changes.

    ``only``: just these files (``{"glossary.yml"}``), each required, in the
    registry's order; a file they depend on must be among them. Raises
    ``DataError`` (one-line message) for the first problem found.
    """
    data_dir = Path(data_dir).resolve()
    return _load(data_dir, _stamp(data_dir), only)


def check(data_dir: Path) -> list[DataError]:
    """Every problem found in ``data_dir`` (empty if it loads).

    All schema problems of every file; the first cross-reference problem of
    each file (after a file with problems, the files that depend on it are
    checked against their schemas only).
    """
    problems: list[DataError] = []
    _process(Path(data_dir).resolve(), problems.append)
    return problems


# mkdocs-static-i18n builds each language in turn and `mkdocs serve` rebuilds
# after every edit: the files are read again only when one of them changed.
@functools.lru_cache(maxsize=4)
def _load(data_dir: Path, _stamp: tuple[Any, ...], only: frozenset[str] | None) -> SiteData:
    def stop(problem: DataError) -> None:
        raise problem

    built = _process(data_dir, stop, fast=True, only=only)
    built.setdefault("vocabulary", None)  # not asked for
    return SiteData(**built)


def _process(
    data_dir: Path,
    report: Callable[[DataError], None],
    *,
    fast: bool = False,
    only: frozenset[str] | None = None,
) -> dict[str, Any]:
    """Read, validate and build every registered file; hand each problem to ``report``.

    ``fast``: check the schemas and data with jsonschema-rs first (``schema``).
    """
    built: dict[str, Any] = {}
    documents: dict[Path, Any] = {}
    failed = False
    for data_file in REGISTRY:
        if only is not None and data_file.name not in only:
            continue
        label = f"{data_dir.name}/{data_file.name}"
        path = data_dir / data_file.name
        if not path.is_file():
            if data_file.required or only is not None:
                report(DataError(label, "missing (a required data file)"))
                failed = True
            continue
        try:
            schema, validator = read_schema(data_dir, data_file.schema, fast=fast)
            document = read_yaml(path, label, data_file.schema)
        except DataError as problem:
            report(problem)
            failed = True
            continue
        documents[path.resolve()] = document
        if valid_fast(document, validator):
            problems = []
        else:
            problems = schema_problems(document, schema, label, data_file.entries)
        for problem in problems:
            report(problem)
        if problems or failed:
            failed = True
            continue  # rows above are missing: cross-checks would mislead
        try:
            ctx = Context(label=label, built=built, entries=data_file.entries)
            built[data_file.target] = data_file.build(document, ctx)
        except DataError as problem:
            report(problem)
            failed = True
    built["documents"] = documents
    return built
