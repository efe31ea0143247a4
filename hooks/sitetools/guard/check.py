"""The translation guard: compare every ru/uk page with its English original.

Three doors over the same code: the MkDocs hook ``hooks/build_start.py``,
the command ``python -m sitetools.guard`` (translators, pre-commit, CI) and
pytest. ``check_tree`` returns a ``GuardReport``; nothing here prints except
``main``.

Problem kinds (severity):

* ``missing`` (blocking): a page with no translation, or a page that exists
  only in a translation.
* ``frontmatter`` (blocking): front matter that does not parse, a translation
  without a valid ``source_revision``.
* ``structure`` (blocking): heading ids and levels, admonitions, markers,
  tables, images, citations ``[^id]`` and internal link targets differ; a
  section has another number of paragraphs, list items or table rows; a code
  block differs outside its comments.
* ``fact`` (blocking): the multiset of numbers differs (rules in ``scan``),
  or numbers of one unit come in another order in a paragraph; in a data
  file, a text given in several languages (``{en: …, ru: …, uk: …}``) has
  other numbers in a translation than in English.
* ``contact`` (blocking): an external address not declared in
  ``data/organizations.yml`` or ``data/sources.yml`` (in a page of any
  language, or in any data file), written with look-alike letters
  (``confusable``), a translation whose set differs from English, or an
  organization channel that differs from ``data/contacts.lock`` (a contact
  change).
* ``language`` (blocking): most of a page's prose is in another language; a
  data file's text for one language (``ru: …``) is written in another.
* ``claim`` (blocking): a claim of absence or completeness typed in prose,
  even one whose sentence says "as of <date>" and what was searched
  (``prose``): it belongs in ``data/claims.yml``, shown with
  ``<!-- md:claim <id> -->``.
* ``encoding`` (blocking): a page that is not UTF-8.
* ``data`` (blocking): a data file the guard reads is broken.
* ``stale`` (warning): the English page changed after the translation's
  ``source_revision``.
* ``glossary``, ``number-word`` (warning): a variant the glossary says to
  avoid; a number written as a word.

The data it checks against (declared contacts, the glossary's variants to
avoid) comes from the data layer (``sitetools.data``): in the build, the
data the build has loaded; as a command, ``data/`` read afresh.
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data import REGISTRY, DataError, GlossaryTerm, SiteData, load_all
from .confusable import unsafe
from .contacts import LOCK_NAME, data_contacts, line_of, lock_text, org_channels, read_lock
from .glossary import Matcher, build_matcher
from .prose import LANGUAGE_NAMES, block_language, find_claims, foreign_prose
from .report import (  # noqa: F401 - the report's names, also importable from here
    BLOCKING,
    MISSING,
    SOURCE_LANG,
    STALE,
    TRANSLATIONS,
    UP_TO_DATE,
    WARNING,
    GuardReport,
    PageStatus,
    Problem,
    format_json,
    format_text,
    parse_json,
)
from .scan import (
    KIND_LABELS,
    Block,
    CodeBlock,
    Contact,
    Item,
    Number,
    PageScan,
    blob_id,
    classify_url,
    domain_forms,
    extract_numbers,
    normalize_phone,
    normalize_telegram,
    scan_page,
    source_revision,
)

REVISION_LENGTH = 12

_SEVERITY = {
    "missing": BLOCKING,
    "frontmatter": BLOCKING,
    "structure": BLOCKING,
    "fact": BLOCKING,
    "contact": BLOCKING,
    "data": BLOCKING,
    "encoding": BLOCKING,
    "language": BLOCKING,
    "claim": BLOCKING,
    "stale": WARNING,
    "glossary": WARNING,
    "number-word": WARNING,
}

class _Sink:
    """Collects problems; each kind has one severity."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self, path: str, line: int, kind: str, message: str, severity: str | None = None
    ) -> None:
        level = severity or _SEVERITY[kind]
        self.problems.append(Problem(path, max(line, 1), kind, level, message))


# --------------------------------------------------------------------------
# Declared contacts (data/organizations.yml, data/sources.yml)


@dataclass
class Declared:
    values: set[tuple[str, str]] = field(default_factory=set)

    def add_url(self, url: str) -> None:
        kind, value = classify_url(url)
        self.values.add((kind, value))
        if kind == "url":
            self.values.update(("domain", form) for form in domain_forms(value))
        elif kind == "onion":
            self.values.add(("domain", value))

    def add_channel(self, kind: str, value: str) -> None:
        value = value.strip()
        if kind == "website" or "://" in value:
            self.add_url(value)
        elif kind == "email":
            self.values.add(("email", value.removeprefix("mailto:").lower()))
        elif kind == "telegram":
            handle = normalize_telegram(value)
            if handle:
                self.values.add(("telegram", handle))
        elif kind == "phone" or (kind == "signal" and value.startswith("+")):
            self.values.add(("phone", normalize_phone(value)))
        elif kind == "onion":
            self.add_url("http://" + value)
        else:
            self.values.add((kind, value.lower()))

    def __contains__(self, contact: Contact) -> bool:
        return (contact.kind, contact.value) in self.values

    def names_site(self, contact: Contact) -> bool:
        """A bare domain that is a declared host or a parent of one (connection-ev.org)."""
        if contact.kind != "domain" or "/" in contact.value:
            return False
        hosts = {v.split("/", 1)[0] for k, v in self.values if k == "domain"}
        host = contact.value
        return host in hosts or any(h.endswith("." + host) for h in hosts)

    def suggest(self, contact: Contact) -> str | None:
        same_kind = [v for k, v in self.values if k == contact.kind]
        close = difflib.get_close_matches(contact.value, same_kind, n=1, cutoff=0.8)
        return close[0] if close else None


# The data files whose rows the guard needs; it reads every other data file
# there is too, to check the contacts written in them.
DATA_FILES = frozenset({"sources.yml", "organizations.yml", "glossary.yml"})


def declared_contacts(site: SiteData | None) -> Declared:
    """Websites and channels of organizations, URLs of sources."""
    declared = Declared()
    if site is None:
        return declared
    for org in site.organizations.values():
        if org.website:
            declared.add_url(org.website)
        for channel in org.channels:
            declared.add_channel(channel.kind, channel.value)
    for source in site.sources.values():
        if source.url:
            declared.add_url(source.url)
    return declared


def load_data(data: Path | None, sink: _Sink, show: Callable[[Path], str]) -> SiteData | None:
    """The data files the guard needs; a broken one is a ``data`` problem."""
    if data is None:
        return None
    present = frozenset(f.name for f in REGISTRY if (data / f.name).is_file()) | DATA_FILES
    try:
        return load_all(data, only=present)
    except DataError as error:
        sink.add(show(data / error.file.rpartition("/")[2]), error.line or 1, "data",
                 error.problem if error.entry is None else str(error).split(": ", 1)[1])
        return None


# --------------------------------------------------------------------------
# Comparisons


def _section_line(tr: PageScan, section: str) -> int:
    return tr.heading_line(section)


def _diff_sequence(
    sink: _Sink, what: str, en: Sequence[Item], tr: Sequence[Item], tr_scan: PageScan
) -> None:
    """Ordered comparison (headings, admonitions, markers, tables, images)."""
    matcher = difflib.SequenceMatcher(a=[i.key for i in en], b=[i.key for i in tr], autojunk=False)
    path = tr_scan.path
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for old, new in zip(en[i1:i2], tr[j1:j2], strict=True):
                sink.add(
                    path,
                    new.line,
                    "structure",
                    f"{what} is {new.label} here, {old.label} in English (line {old.line})",
                )
            continue
        for old in en[i1:i2]:
            sink.add(
                path,
                _section_line(tr_scan, old.section),
                "structure",
                f"{what} {old.label} (English line {old.line}) is missing here",
            )
        for new in tr[j1:j2]:
            sink.add(path, new.line, "structure", f"{what} {new.label} is not in English")


def _first_by_key(items: Iterable[Item]) -> dict[str, Item]:
    first: dict[str, Item] = {}
    for item in items:
        first.setdefault(item.key, item)
    return first


def _diff_multiset(
    sink: _Sink, what: str, en: Sequence[Item], tr: Sequence[Item], tr_scan: PageScan
) -> None:
    """Unordered comparison with counts (citations, internal links).

    An English item missing here and an item not in English in the same
    section are reported together, as a probable replacement.
    """
    en_count, tr_count = Counter(i.key for i in en), Counter(i.key for i in tr)
    first_en, first_tr = _first_by_key(en), _first_by_key(tr)
    added = [item for key, item in first_tr.items() if key not in en_count]
    path = tr_scan.path
    for key, item in first_en.items():
        if key in tr_count:
            if tr_count[key] != en_count[key]:
                sink.add(
                    path,
                    first_tr[key].line,
                    "structure",
                    f"{what} {item.label} appears {_times(tr_count[key])} here, "
                    f"{_times(en_count[key])} in English",
                )
            continue
        swap = next((new for new in added if new.section == item.section), None)
        if swap is not None:
            added.remove(swap)
            sink.add(
                path,
                swap.line,
                "structure",
                f"{what} {item.label} in English is missing here (found {swap.label} instead?)",
            )
        else:
            sink.add(
                path,
                _section_line(tr_scan, item.section),
                "structure",
                f"{what} {item.label} (English line {item.line}) is missing here",
            )
    for item in added:
        sink.add(path, item.line, "structure", f"{what} {item.label} is not in English")


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _heading_items(scan: PageScan) -> list[Item]:
    """Headings as items; an item's section is the one the heading follows."""
    items: list[Item] = []
    section = ""
    for h in scan.headings:
        label = f"{'#' * h.level} {{#{h.id or '?'}}}"
        items.append(Item(h.line, h.id or "(no id)", label, section))
        section = h.id or section
    return items


def compare_headings(sink: _Sink, en: PageScan, tr: PageScan) -> None:
    _diff_sequence(sink, "heading", _heading_items(en), _heading_items(tr), tr)
    en_levels = {h.id: h for h in en.headings if h.id}
    for heading in tr.headings:
        original = en_levels.get(heading.id) if heading.id else None
        if original is not None and original.level != heading.level:
            sink.add(
                tr.path,
                heading.line,
                "structure",
                f"heading {{#{heading.id}}} is level {heading.level} here, "
                f"level {original.level} in English (line {original.line})",
            )


def check_headings(sink: _Sink, scan: PageScan) -> None:
    """Every heading has an explicit id, unique in the page (all languages)."""
    seen: dict[str, int] = {}
    for heading in scan.headings:
        if not heading.id:
            sink.add(
                scan.path, heading.line, "structure", f'heading "{heading.text}" has no {{#id}}'
            )
        elif heading.id in seen:
            sink.add(
                scan.path,
                heading.line,
                "structure",
                f"heading id {{#{heading.id}}} is used twice (also line {seen[heading.id]})",
            )
        else:
            seen[heading.id] = heading.line


def compare_structure(sink: _Sink, en: PageScan, tr: PageScan) -> None:
    compare_headings(sink, en, tr)
    _diff_sequence(sink, "admonition", en.admonitions, tr.admonitions, tr)
    _diff_sequence(sink, "marker", en.markers, tr.markers, tr)
    _diff_sequence(sink, "table", en.tables, tr.tables, tr)
    _diff_sequence(sink, "image", en.images, tr.images, tr)
    _diff_multiset(sink, "citation", en.footnotes, tr.footnotes, tr)
    _diff_multiset(sink, "link", _unique(en.links), _unique(tr.links), tr)


def _unique(items: Iterable[Item]) -> list[Item]:
    """One item per key: internal links compare as a set."""
    seen: dict[str, Item] = {}
    for item in items:
        seen.setdefault(item.key, item)
    return list(seen.values())


def _surplus(mine: list[Number], other: list[Number], value: str, count: int) -> list[Number]:
    """Which of ``mine``'s occurrences of ``value`` the other page lacks, by section."""
    other_per_section = Counter(n.section for n in other if n.value == value)
    picked: list[Number] = []
    per_section: dict[str, list[Number]] = defaultdict(list)
    for number in mine:
        if number.value == value:
            per_section[number.section].append(number)
    for section, numbers in per_section.items():
        extra = len(numbers) - other_per_section.get(section, 0)
        if extra > 0:
            picked.extend(numbers[-extra:])
    if len(picked) < count:
        rest = [n for nums in per_section.values() for n in nums if n not in picked]
        picked.extend(rest[-(count - len(picked)) :])
    return sorted(picked[:count], key=lambda n: n.line)


def compare_numbers(sink: _Sink, en: PageScan, tr: PageScan) -> None:
    en_count = Counter(n.value for n in en.numbers)
    tr_count = Counter(n.value for n in tr.numbers)
    missing, extra = en_count - tr_count, tr_count - en_count
    if not missing and not extra:
        return
    lost = [n for v, k in missing.items() for n in _surplus(en.numbers, tr.numbers, v, k)]
    added = [n for v, k in extra.items() for n in _surplus(tr.numbers, en.numbers, v, k)]
    spare: dict[str, list[Number]] = defaultdict(list)
    for number in sorted(added, key=lambda n: n.line):
        spare[number.section].append(number)
    for number in sorted(lost, key=lambda n: n.line):
        if spare.get(number.section):
            found = spare[number.section].pop(0)
            sink.add(
                tr.path,
                found.line,
                "fact",
                f"number {number.value} in English is missing here (found {found.value} instead?)",
            )
        else:
            sink.add(
                tr.path,
                _section_line(tr, number.section),
                "fact",
                f"number {number.value} in English (line {number.line}) is missing here",
            )
    for numbers in spare.values():
        for number in numbers:
            sink.add(tr.path, number.line, "fact", f"number {number.value} is not in English")


_COUNTED_BLOCKS = ("paragraph", "list item", "table row", "footnote")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _per_section(scan: PageScan) -> dict[str, dict[str, list[Block]]]:
    sections: dict[str, dict[str, list[Block]]] = defaultdict(lambda: defaultdict(list))
    for block in scan.blocks:
        if block.kind in _COUNTED_BLOCKS:
            sections[block.section][block.kind].append(block)
    return sections


def _count(count: int, kind: str) -> str:
    plural = {"paragraph": "paragraphs", "list item": "list items", "table row": "table rows",
              "footnote": "footnotes"}[kind]
    return f"{count} {kind if count == 1 else plural}"


def _section_name(section: str) -> str:
    return f"section {{#{section}}}" if section else "the text before the first heading"


def compare_blocks(sink: _Sink, en: PageScan, tr: PageScan) -> None:
    """Paragraphs, list items and table rows per section; the order of numbers in each."""
    en_sections, tr_sections = _per_section(en), _per_section(tr)
    for section in en_sections.keys() & tr_sections.keys() | {""}:  # the headings say the rest
        en_kinds, tr_kinds = en_sections.get(section, {}), tr_sections.get(section, {})
        for kind in _COUNTED_BLOCKS:
            en_blocks, tr_blocks = en_kinds.get(kind, []), tr_kinds.get(kind, [])
            if len(en_blocks) != len(tr_blocks):
                lines = ", ".join(str(b.line) for b in en_blocks[:8]) or "none"
                sink.add(
                    tr.path,
                    _section_line(tr, section),
                    "structure",
                    f"{_section_name(section)} has {_count(len(tr_blocks), kind)} here, "
                    f"{len(en_blocks)} in English (English lines {lines})",
                )
                continue
            for en_block, tr_block in zip(en_blocks, tr_blocks, strict=True):
                _compare_order(sink, tr.path, en_block, tr_block)


def _ordered(numbers: Sequence[Number], keep: Counter[tuple[str, str]]) -> dict[str, list[str]]:
    """Per unit, the numbers the other side has too (dates and years aside), in order."""
    budget = Counter(keep)
    ordered: dict[str, list[str]] = defaultdict(list)
    for number in numbers:
        key = (number.value, number.unit)
        if "-" in number.value or _YEAR.fullmatch(number.value) or budget[key] <= 0:
            continue
        budget[key] -= 1
        ordered[number.unit].append(number.value)
    return ordered


def _compare_order(sink: _Sink, path: str, en: Block, tr: Block) -> None:
    """Numbers in the same unit ("10 years ... 15 years") keep their order.

    Dates and years move freely (a sentence may start with them in one language
    and end with them in another), and so do numbers of different units and
    numbers with no unit (a law's number and a count change places with the
    word order: "2,875 decisions since Law No. 138-FZ" is «с Закона № 138-ФЗ
    ... 2875 решений»).
    """
    if len(en.numbers) < 2 or len(tr.numbers) < 2:
        return
    common = Counter((n.value, n.unit) for n in en.numbers) & Counter(
        (n.value, n.unit) for n in tr.numbers
    )
    en_order, tr_order = _ordered(en.numbers, common), _ordered(tr.numbers, common)
    for unit, values in en_order.items():
        if unit and tr_order.get(unit, []) != values:
            what = f" ({unit})" if unit else ""
            sink.add(
                path,
                tr.line,
                "fact",
                f"numbers{what} in this {tr.kind} are in another order than in English "
                f"(line {en.line}): {', '.join(tr_order.get(unit, []))} here; "
                f"{', '.join(values)} in English",
            )
            return


# a comment starts at '#' (after a space or at the start) or '//', outside quotes
_HASH_COMMENT = re.compile(
    r"""^((?:[^#"'\\]|\\.|"(?:[^"\\]|\\.)*"|'[^']*')*?)(?:(?<=\s)|^)#.*$"""
)
_SLASH_COMMENT = re.compile(
    r"""^((?:[^/"']|/(?![/*])|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')*?)//.*$"""
)
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/|<!--.*?-->", re.S)
_SLASH_LANGUAGES = frozenset(
    {"js", "javascript", "ts", "typescript", "json5", "jsonc", "c", "cpp", "java", "go", "rust",
     "css", "scss"}
)


def code_lines(block: CodeBlock) -> list[str]:
    """A code block's lines without comments and blank lines (comments are translated)."""
    info = block.info.split()[0].lstrip(".{").lower() if block.info else ""
    text = _BLOCK_COMMENT.sub("", "\n".join(block.lines))
    pattern = _SLASH_COMMENT if info in _SLASH_LANGUAGES else _HASH_COMMENT
    lines = []
    for line in text.split("\n"):
        match = pattern.match(line)
        if match:
            line = match.group(1)
        if line.strip():
            lines.append(line.rstrip())
    return lines


def compare_code(sink: _Sink, en: PageScan, tr: PageScan) -> None:
    """Code blocks match English line for line, except comments."""
    for index, en_block in enumerate(en.code):
        if index >= len(tr.code):
            sink.add(tr.path, _section_line(tr, en_block.section), "structure",
                     f"code block (English line {en_block.line}) is missing here")
            continue
        tr_block = tr.code[index]
        en_lines, tr_lines = code_lines(en_block), code_lines(tr_block)
        if en_lines == tr_lines:
            continue
        pairs = zip(en_lines, tr_lines, strict=False)  # the shorter one's length
        at = next((i for i, (a, b) in enumerate(pairs) if a != b),
                  min(len(en_lines), len(tr_lines)))
        here = tr_lines[at] if at < len(tr_lines) else "(nothing)"
        there = en_lines[at] if at < len(en_lines) else "(nothing)"
        sink.add(
            tr.path,
            tr_block.line,
            "structure",
            f"code block differs from English (line {en_block.line}) outside comments: "
            f"{here!r} here, {there!r} in English",
        )
    for tr_block in tr.code[len(en.code) :]:
        sink.add(tr.path, tr_block.line, "structure", "code block is not in English")


def check_language(sink: _Sink, scan: PageScan) -> None:
    """Most of the prose is in the page's language (its folder's)."""
    foreign = foreign_prose(scan.blocks, scan.lang)
    if foreign is None:
        return
    excerpt = " ".join(foreign.first.text.split())
    excerpt = excerpt[:60] + ("…" if len(excerpt) > 60 else "")
    sink.add(
        scan.path,
        foreign.first.line,
        "language",
        f"most of the prose ({foreign.share:.0%}) is in {LANGUAGE_NAMES[foreign.lang]}, not "
        f"{LANGUAGE_NAMES.get(scan.lang, scan.lang)}; first such paragraph: \"{excerpt}\"",
    )


def check_claims(sink: _Sink, scan: PageScan) -> None:
    """Claims of absence or completeness typed in prose (issue #15, section 3)."""
    for block in scan.blocks:
        for claim in find_claims(block.text, scan.lang):
            line = block.line + block.text.count("\n", 0, claim.offset)
            sink.add(
                scan.path,
                line,
                "claim",
                f'"{claim.text}" claims an absence or a count in prose: put the sentence in '
                "data/claims.yml with the date it was checked and what was searched, and "
                "show it with <!-- md:claim <id> -->",
            )


def _contact_label(contact: Contact) -> str:
    return f"{KIND_LABELS.get(contact.kind, contact.kind)} {contact.value}"


def check_declared(sink: _Sink, scan: PageScan, declared: Declared) -> None:
    for contact in scan.contacts:
        reason = unsafe(contact.kind, contact.value)
        if reason:
            sink.add(scan.path, contact.line, "contact", f"{_contact_label(contact)} {reason}")
            continue
        if contact in declared:
            continue
        hint = declared.suggest(contact)
        sink.add(
            scan.path,
            contact.line,
            "contact",
            f"{_contact_label(contact)} is not declared in data/organizations.yml "
            f"or data/sources.yml" + (f" (did you mean {hint}?)" if hint else ""),
        )


def compare_contacts(sink: _Sink, en: PageScan, tr: PageScan) -> None:
    def first(scan: PageScan) -> dict[tuple[str, str], Contact]:
        seen: dict[tuple[str, str], Contact] = {}
        for contact in scan.contacts:
            seen.setdefault((contact.kind, contact.value), contact)
        return seen

    en_set, tr_set = first(en), first(tr)
    added = [c for key, c in tr_set.items() if key not in en_set]
    for key, contact in en_set.items():
        if key in tr_set:
            continue
        swap = next(
            (c for c in added if c.kind == contact.kind and c.section == contact.section), None
        )
        if swap is not None:
            added.remove(swap)
            sink.add(
                tr.path,
                swap.line,
                "contact",
                f"{_contact_label(contact)} in English is missing here "
                f"(found {swap.value} instead?)",
            )
        else:
            sink.add(
                tr.path,
                _section_line(tr, contact.section),
                "contact",
                f"{_contact_label(contact)} in English (line {contact.line}) is missing here",
            )
    for contact in added:
        sink.add(tr.path, contact.line, "contact", f"{_contact_label(contact)} is not in English")


def check_data_contacts(
    sink: _Sink, site: SiteData, declared: Declared, show: Callable[[Path], str]
) -> None:
    """Every contact written in a data file: none unsafe, each mention declared."""
    for found in data_contacts(site):
        contact = found.contact
        reason = unsafe(contact.kind, contact.value)
        known = found.declaring or contact in declared or declared.names_site(contact)
        if not reason and known:
            continue
        raw = contact.value.removeprefix("@") if contact.kind == "telegram" else contact.value
        line = line_of(found.file, raw)
        if reason:
            message = f"{found.where}: {_contact_label(contact)} {reason}"
        else:
            hint = declared.suggest(contact)
            message = (f"{found.where}: {_contact_label(contact)} is not declared in "
                       "data/organizations.yml or data/sources.yml"
                       + (f" (did you mean {hint}?)" if hint else ""))
        sink.add(show(found.file), line, "contact", message)


def _localized_texts(node: Any, where: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every mapping of a data document that gives one text in several languages
    (``{en: …, ru: …, uk: …}``), with where it is: ``countries[2].cases[1].text``."""
    if isinstance(node, Mapping):
        if isinstance(node.get(SOURCE_LANG), str):
            yield where, node
            return
        for key, value in node.items():
            yield from _localized_texts(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _localized_texts(value, f"{where}[{index}]")


def _line_of_text(path: Path, text: str, lang: str) -> int:
    """The line of ``path`` where the ``lang`` text ``text`` starts (its key and first
    words, however YAML wrapped them; else the words alone, then 1)."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return 1
    words = r"\s+".join(map(re.escape, text.split()[:4]))
    found = (re.search(rf"\b{lang}:\s*(?:[>|][-+]?\s*)?[\"']?" + words, content)
             or re.search(words, content)) if words else None
    return content.count("\n", 0, found.start()) + 1 if found else 1


_PLACEHOLDER = re.compile(r"\{\w+\}")  # {date}, {article}: filled in when rendered


def check_data_texts(sink: _Sink, site: SiteData, show: Callable[[Path], str]) -> None:
    """Every text a data file gives in several languages is in its key's language and has
    the same numbers as English (the rules of ``scan``, as for pages): a translation that
    changes a penalty or a date in data, or leaves English (or Russian in a Ukrainian
    text), is as wrong as one in a page, and no page comparison would see it."""
    for path, document in site.documents.items():
        for where, texts in _localized_texts(document):
            english = Counter(extract_numbers(texts[SOURCE_LANG], SOURCE_LANG))
            for lang in (SOURCE_LANG, *TRANSLATIONS):
                text = texts.get(lang)
                if not isinstance(text, str):
                    continue
                written_in, _ = block_language(_PLACEHOLDER.sub(" ", text))
                if written_in not in (None, lang):
                    sink.add(show(path), _line_of_text(path, text, lang), "language",
                             f"{where}.{lang}: written in {LANGUAGE_NAMES[written_in]}, not "
                             f"{LANGUAGE_NAMES[lang]}")
                if lang == SOURCE_LANG:
                    continue
                found = Counter(extract_numbers(text, lang))
                if found == english:
                    continue
                line = _line_of_text(path, text, lang)
                for value in sorted((english - found).elements()):
                    sink.add(show(path), line, "fact",
                             f"{where}.{lang}: number {value} in English is missing here")
                for value in sorted((found - english).elements()):
                    sink.add(show(path), line, "fact",
                             f"{where}.{lang}: number {value} is not in English")


def check_contact_lock(
    sink: _Sink, site: SiteData, data: Path, show: Callable[[Path], str]
) -> None:
    """The organizations' channels are the ones the maintainers approved (data/contacts.lock)."""
    channels = org_channels(site)
    if not channels:
        return
    lock, organizations = data / LOCK_NAME, data / "organizations.yml"
    if not lock.is_file():
        sink.add(show(lock), 1, "contact",
                 "missing: the maintainers' list of organization channels (one "
                 "'organization-id kind value' a line; python -m sitetools.guard --contacts-lock "
                 "prints it for data/organizations.yml)")
        return
    entries, bad = read_lock(lock)
    for line, problem in bad:
        sink.add(show(lock), line, "contact", problem)
    approved = {(e.org, e.kind, e.value): e for e in entries}
    listed = set(channels)
    for org, kind, value in channels:
        if (org, kind, value) in approved:
            continue
        close = difflib.get_close_matches(
            value, [e.value for e in entries if e.org == org and e.kind == kind], n=1, cutoff=0.8
        )
        sink.add(
            show(organizations),
            line_of(organizations, value),
            "contact",
            f"contact change: entry '{org}': {kind} {value} is not in {show(lock)}, the "
            "maintainers' list of approved channels"
            + (f" (it has {close[0]})" if close else "")
            + "; a new or changed channel needs their review there",
        )
    for key, entry in approved.items():
        if key not in listed:
            sink.add(
                show(lock),
                entry.line,
                "contact",
                f"contact change: {entry.org} {entry.kind} {entry.value} is approved here but "
                f"not in {show(organizations)}; remove it here if it was withdrawn",
            )


# --------------------------------------------------------------------------
# Staleness


def _git(args: list[str], cwd: Path) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), *args], capture_output=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def old_english_text(en_file: Path, revision: str) -> str | None:
    """The English text whose blob id starts with ``revision``, found with git."""
    if not revision or any(c not in "0123456789abcdef" for c in revision.lower()):
        return None
    revision = revision.lower()
    cwd = en_file.parent
    data = _git(["cat-file", "blob", revision], cwd)
    if data is not None and blob_id(data).startswith(revision):
        return data.decode("utf-8", "replace")
    log = _git(["log", "--format=%H", "--", en_file.name], cwd)
    for commit in (log or b"").decode().split()[:500]:
        data = _git(["show", f"{commit}:./{en_file.name}"], cwd)
        if data is not None and blob_id(data).startswith(revision):
            return data.decode("utf-8", "replace")
    return None


def describe_changes(old: PageScan, new: PageScan) -> str:
    """What changed in the English page: headings, numbers, sections."""
    parts: list[str] = []
    fields = [k for k in ("title", "description") if old.front.data.get(k) != new.front.data.get(k)]
    if fields:
        parts.append(" and ".join(fields) + " changed")
    old_ids = {h.id: h for h in old.headings if h.id}
    new_ids = {h.id: h for h in new.headings if h.id}
    added = [f"{{#{i}}}" for i in new_ids if i not in old_ids]
    removed = [f"{{#{i}}}" for i in old_ids if i not in new_ids]
    changed = [
        f"{{#{i}}}"
        for i, h in new_ids.items()
        if i in old_ids and (old_ids[i].text != h.text or old_ids[i].level != h.level)
    ]
    if added:
        parts.append("headings added " + _some(added))
    if removed:
        parts.append("headings removed " + _some(removed))
    if changed:
        parts.append("headings changed " + _some(changed))
    old_numbers = Counter(n.value for n in old.numbers)
    new_numbers = Counter(n.value for n in new.numbers)
    gone, came = old_numbers - new_numbers, new_numbers - old_numbers
    if gone or came:
        change = []
        if gone:
            change.append("removed " + _some(sorted(gone.elements(), key=_num_key)))
        if came:
            change.append("added " + _some(sorted(came.elements(), key=_num_key)))
        parts.append("numbers " + " and ".join(change))
    edited = [
        ("{#" + section + "}") if section else "(top)"
        for section, lines in new.section_lines.items()
        if section in old.section_lines and old.section_lines[section] != lines
    ]
    if edited:
        parts.append("text changed in " + _some(edited))
    return "; ".join(parts) if parts else "no change visible to the checker (formatting only?)"


def _some(values: Sequence[str], limit: int = 8) -> str:
    """A short list for a one-line message."""
    shown = ", ".join(values[:limit])
    return shown + (f" (+{len(values) - limit} more)" if len(values) > limit else "")


def _num_key(value: str) -> tuple[float, str]:
    try:
        return (float(value), value)
    except ValueError:
        return (0.0, value)


# --------------------------------------------------------------------------
# Page-level checks


def _display(root: Path | None) -> Callable[[Path], str]:
    base = root.resolve() if root is not None else None

    def show(path: Path) -> str:
        if base is not None:
            try:
                return path.resolve().relative_to(base).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    return show


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NUMBER_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
        "seventy eighty ninety"
    ),
    "ru": _words(
        "два две двух двум двумя три трех трем тремя четыре четырех четырем четырьмя "
        "пять пяти пятью шесть шести шестью семь семи восемь восьми восемью девять "
        "девяти девятью десять десяти десятью одиннадцать одиннадцати двенадцать "
        "двенадцати тринадцать тринадцати четырнадцать четырнадцати пятнадцать "
        "пятнадцати шестнадцать шестнадцати семнадцать семнадцати восемнадцать "
        "восемнадцати девятнадцать девятнадцати двадцать двадцати тридцать тридцати "
        "сорок пятьдесят пятидесяти шестьдесят семьдесят восемьдесят девяносто"
    ),
    "uk": _words(
        "два дві двох двом двома три трьох трьом трьома чотири чотирьох чотирьом "
        "чотирма п'ять п'яти п'ятьма п'ятьох шість шести шістьма сім семи вісім "
        "восьми дев'ять дев'яти десять десяти одинадцять одинадцяти дванадцять "
        "дванадцяти тринадцять тринадцяти чотирнадцять чотирнадцяти п'ятнадцять "
        "п'ятнадцяти шістнадцять шістнадцяти сімнадцять сімнадцяти вісімнадцять "
        "вісімнадцяти дев'ятнадцять дев'ятнадцяти двадцять двадцяти тридцять тридцяти "
        "сорок п'ятдесят п'ятдесяти шістдесят сімдесят вісімдесят дев'яносто"
    ),
}
# A quick look for any number word in the lower-cased line, so that only the
# few lines with one are split into words (the exact test below). Letters and
# digits may not touch the word; "_" may (Markdown emphasis), as the exact
# test strips it. (Case-sensitive on lower-cased text: three times faster
# than the same expression with IGNORECASE.)
_NUMBER_WORD_HINTS: dict[str, re.Pattern[str]] = {
    lang: re.compile(
        r"(?<![^\W_])(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        + r")(?![^\W_])"
    )
    for lang, words in _NUMBER_WORDS.items()
}


def check_number_words(sink: _Sink, scan: PageScan) -> None:
    words = _NUMBER_WORDS.get(scan.lang)
    if not words:
        return
    hint = _NUMBER_WORD_HINTS[scan.lang]
    for lineno, text in scan.prose:
        text = text.replace("’", "'").replace("ʼ", "'").replace("ё", "е")  # not translate(): slow
        if not hint.search(text.lower()):
            continue
        for raw in text.split():
            word = raw.strip('.,;:!?()[]«»"“”—–-*_').lower()
            if word in words:
                sink.add(
                    scan.path,
                    lineno,
                    "number-word",
                    f'"{word}" is a number written as a word; write digits so the checker '
                    "can compare it",
                )


def check_glossary(sink: _Sink, scan: PageScan, matcher: Matcher) -> None:
    for hit in matcher.find(scan.prose):
        preferred = hit.term.term[scan.lang]
        sink.add(
            scan.path,
            hit.line,
            "glossary",
            f'"{hit.found}" is a variant to avoid; use "{preferred}" ({hit.term.id})',
        )


def check_front_matter(sink: _Sink, scan: PageScan) -> None:
    if scan.front.error:
        sink.add(scan.path, scan.front.error_line, "frontmatter", scan.front.error)


def check_revision(
    sink: _Sink, en: PageScan, tr: PageScan, en_file: Path, current: str, use_git: bool
) -> str:
    """Check ``source_revision``; return the page's status."""
    revision = tr.front.revision
    if not revision:
        sink.add(
            tr.path,
            1,
            "frontmatter",
            f'no source_revision: add "source_revision: {current}" when this page '
            "translates the current English text",
        )
        return STALE
    if len(revision) != REVISION_LENGTH or any(c not in "0123456789abcdef" for c in revision):
        sink.add(
            tr.path,
            tr.front.revision_line,
            "frontmatter",
            f'source_revision "{revision}" is not {REVISION_LENGTH} lowercase hex digits '
            f"(English is now {current})",
        )
        return STALE
    if revision == current:
        return UP_TO_DATE
    old_text = old_english_text(en_file, revision) if use_git else None
    if not use_git:
        hint = "run without --no-git to see what changed"
    elif old_text is None:
        hint = "the old English text is not in git history; compare by hand"
    else:
        hint = describe_changes(scan_page(old_text, SOURCE_LANG, en.path), en)
    sink.add(
        tr.path,
        tr.front.revision_line,
        "stale",
        f"translates English revision {revision}, English is now {current}: {hint}",
    )
    return STALE


# --------------------------------------------------------------------------
# The tree


def _markdown_files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    found: dict[str, Path] = {}
    for path in folder.rglob("*.md"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        found[rel.as_posix()] = path
    return dict(sorted(found.items()))


def _scan_file(path: Path, lang: str, rel: str, shown: str) -> PageScan:
    data = path.read_bytes()
    try:
        text, error = data.decode("utf-8"), None
    except UnicodeDecodeError as problem:
        text, error = data.decode("utf-8", "replace"), problem
    scan = scan_page(text, lang, rel)
    scan.path = shown
    if error is not None:
        bad = data[error.start : error.start + 1].hex()
        scan.encoding_line = data.count(b"\n", 0, error.start) + 1
        scan.encoding_error = (
            f"byte {error.start} (0x{bad}) is not UTF-8; save the file as UTF-8"
        )
    return scan


@dataclass
class _Context:
    sink: _Sink
    declared: Declared
    matchers: dict[str, Matcher]
    show: Callable[[Path], str]
    use_git: bool


def _check_common(ctx: _Context, scan: PageScan, *, check_declared_contacts: bool = True) -> None:
    if scan.encoding_error:  # what was read is not what the author wrote: nothing else to say
        ctx.sink.add(scan.path, scan.encoding_line, "encoding", scan.encoding_error)
        return
    check_front_matter(ctx.sink, scan)
    check_language(ctx.sink, scan)
    check_claims(ctx.sink, scan)
    check_headings(ctx.sink, scan)
    if check_declared_contacts:
        check_declared(ctx.sink, scan, ctx.declared)
    check_glossary(ctx.sink, scan, ctx.matchers[scan.lang])
    check_number_words(ctx.sink, scan)


def _compare(ctx: _Context, en: PageScan, tr: PageScan) -> None:
    compare_structure(ctx.sink, en, tr)
    compare_code(ctx.sink, en, tr)
    compare_numbers(ctx.sink, en, tr)
    compare_blocks(ctx.sink, en, tr)
    compare_contacts(ctx.sink, en, tr)


def _check_translation(
    ctx: _Context, en: PageScan, en_file: Path, en_bytes: bytes, tr: PageScan, lang: str, rel: str
) -> PageStatus:
    _check_common(ctx, tr)
    current = blob_id(en_bytes)[:REVISION_LENGTH]
    if en.encoding_error or tr.encoding_error:
        return PageStatus(lang, rel, STALE, en.title, tr.front.revision, current, tr.title)
    _compare(ctx, en, tr)
    status = check_revision(ctx.sink, en, tr, en_file, current, ctx.use_git)
    return PageStatus(lang, rel, status, en.title, tr.front.revision, current, tr.title)


def check_pair(
    en_text: str,
    tr_text: str,
    *,
    lang: str = "ru",
    path: str = "index.md",
    declared: Declared | None = None,
    terms: Sequence[GlossaryTerm] = (),
) -> list[Problem]:
    """Check one translation against its English text, in memory (no files, no git).

    Without ``declared``, contacts are not checked against data (only for parity).
    """
    sink = _Sink()
    matchers = {code: build_matcher(list(terms), code) for code in (SOURCE_LANG, lang)}
    ctx = _Context(sink, declared or Declared(), matchers, lambda p: p.as_posix(), False)
    en = scan_page(en_text, SOURCE_LANG, path)
    tr = scan_page(tr_text, lang, path)
    en.path, tr.path = f"docs/{SOURCE_LANG}/{path}", f"docs/{lang}/{path}"
    for scan in (en, tr):
        _check_common(ctx, scan, check_declared_contacts=declared is not None)
    _compare(ctx, en, tr)
    current = blob_id(en_text.encode("utf-8"))[:REVISION_LENGTH]
    check_revision(sink, en, tr, Path(en.path), current, use_git=False)
    return sorted(set(sink.problems), key=_problem_order)


def _glossary_matchers(site: SiteData | None) -> dict[str, Matcher]:
    terms = list(site.glossary.values()) if site is not None else []
    return {lang: build_matcher(terms, lang) for lang in (SOURCE_LANG, *TRANSLATIONS)}


def check_tree(
    docs: Path,
    data: Path | None = None,
    *,
    languages: Sequence[str] = TRANSLATIONS,
    root: Path | None = None,
    use_git: bool = True,
    allow_missing: bool = False,
    site: SiteData | None = None,
) -> GuardReport:
    """Check ``docs/en`` against ``docs/<lang>`` for each of ``languages``.

    ``data``: the data folder (``site``: its data, already loaded by the
    build). ``root``: paths in messages are shown relative to it (default:
    the current directory). ``allow_missing``: a page not yet translated is a
    warning instead of a blocking problem (the site then shows the English
    page with a banner).
    """
    show = _display(root if root is not None else Path.cwd())
    sink = _Sink()
    if site is None:
        site = load_data(data, sink, show)
    ctx = _Context(sink, declared_contacts(site), _glossary_matchers(site), show, use_git)
    if site is not None:
        check_data_contacts(sink, site, ctx.declared, show)
        check_data_texts(sink, site, show)
        if data is not None:
            check_contact_lock(sink, site, data, show)
    english = _markdown_files(docs / SOURCE_LANG)
    report = GuardReport(pages=len(english), languages=tuple(languages))
    scans: dict[str, PageScan] = {}
    for rel, en_file in english.items():
        scans[rel] = _scan_file(en_file, SOURCE_LANG, rel, show(en_file))
        _check_common(ctx, scans[rel])
    for lang in languages:
        translated = _markdown_files(docs / lang)
        for rel, en_file in english.items():
            tr_file = translated.get(rel)
            if tr_file is None:
                sink.add(
                    show(docs / lang / rel),
                    1,
                    "missing",
                    f"no translation of {show(en_file)}",
                    WARNING if allow_missing else None,
                )
                report.statuses.append(PageStatus(lang, rel, MISSING, scans[rel].title))
                continue
            tr = _scan_file(tr_file, lang, rel, show(tr_file))
            report.statuses.append(
                _check_translation(ctx, scans[rel], en_file, en_file.read_bytes(), tr, lang, rel)
            )
        for rel, tr_file in translated.items():
            if rel not in english:
                sink.add(
                    show(tr_file),
                    1,
                    "missing",
                    f"exists only in this translation (no {show(docs / SOURCE_LANG / rel)})",
                )
                _check_common(ctx, _scan_file(tr_file, lang, rel, show(tr_file)))
    report.problems = sorted(set(sink.problems), key=_problem_order)
    return report


def _problem_order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.path, problem.line, problem.kind, problem.message)


# --------------------------------------------------------------------------
# Output and command line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sitetools.guard",
        description="Compare the ru/uk pages with their English originals.",
        epilog="Exit code 1 when there is a blocking problem (missing page, structure, "
        "fact, contact, front matter, data); stale pages and glossary hints are warnings.",
    )
    parser.add_argument("--docs", default="docs", type=Path, help="docs folder (default: docs)")
    parser.add_argument("--data", default="data", type=Path, help="data folder (default: data)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--lang", default=",".join(TRANSLATIONS), help="translations to check (default: ru,uk)"
    )
    parser.add_argument("--no-git", action="store_true", help="do not look up old English text")
    parser.add_argument(
        "--allow-missing",
        action="store_true",
        help="report untranslated pages as warnings (work in progress)",
    )
    parser.add_argument("--quiet", action="store_true", help="text format: blocking only")
    parser.add_argument(
        "--contacts-lock",
        action="store_true",
        help=f"print the lines of data/{LOCK_NAME} for the channels in data/organizations.yml",
    )
    parser.add_argument(
        "--hash",
        metavar="PATH",
        help="print the source_revision of an English page (docs/en/x.md or x.md)",
    )
    return parser


def _hash_command(path_text: str, docs: Path) -> int:
    path = Path(path_text)
    if not path.is_file():
        path = docs / SOURCE_LANG / path_text
    if not path.is_file():
        print(f"error: {path_text}: no such English page", file=sys.stderr)
        return 2
    print(source_revision(path))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.hash:
        return _hash_command(args.hash, args.docs)
    if args.contacts_lock:
        try:
            print(lock_text(load_all(args.data, only=DATA_FILES)), end="")
        except DataError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        return 0
    languages = [lang.strip() for lang in args.lang.split(",") if lang.strip()]
    unknown = [lang for lang in languages if lang not in TRANSLATIONS]
    if unknown or not args.docs.is_dir():
        what = f"unknown language {', '.join(unknown)}" if unknown else f"{args.docs}: no folder"
        print(f"error: {what}", file=sys.stderr)
        return 2
    data = args.data if args.data.is_dir() else None
    report = check_tree(
        args.docs,
        data,
        languages=languages,
        use_git=not args.no_git,
        allow_missing=args.allow_missing,
    )
    if args.format == "json":
        print(format_json(report))
    else:
        print(format_text(report, warnings=not args.quiet))
    return 1 if report.blocking else 0

