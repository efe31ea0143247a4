"""Contacts that could deliver a reader to the wrong hands.

* ``unsafe`` (``confusable``): why an address, host or handle cannot be
  trusted as written (mixed scripts, look-alike letters).
* ``data_contacts``: every e-mail, domain, handle, phone and URL in the data
  files (any string of any file), with where it is.
* ``read_lock`` / ``org_channels``: the organizations' channels must be the
  ones the maintainers approved in ``data/contacts.lock`` (owned by them in
  .github/CODEOWNERS); any difference is a contact change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data import SiteData
from .confusable import lookalike, unsafe  # noqa: F401 - also importable from here
from .scan import Contact, contacts_in

LOCK_NAME = "contacts.lock"

# --------------------------------------------------------------------------
# Contacts in data/

# The fields that declare a contact (the others may only mention one)
DECLARING = frozenset({"url", "website", "website_seen_on", "seen_on", "value"})


@dataclass(frozen=True)
class DataContact:
    file: Path
    where: str  # 'organizations[0].channels[1].value'
    contact: Contact
    declaring: bool


def _strings(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from _strings(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{where}[{index}]")


# what any contact has: '@', a scheme, a dot between letters (a host), a phone's '+'
_HINT = re.compile(r"@|:|\w\.[^\W\d_]|\+\d")


def data_contacts(site: SiteData) -> Iterator[DataContact]:
    """Every contact written in a data file that was read, in file order."""
    for path, document in site.documents.items():
        for where, text in _strings(document, ""):
            if not _HINT.search(text):
                continue
            field = where.rsplit(".", 1)[-1]
            for contact in contacts_in(text):
                yield DataContact(path, where, contact, field in DECLARING)


def line_of(path: Path, value: str) -> int:
    """The first line of ``path`` that holds ``value`` (1 if none)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return 1
    at = text.lower().find(value.lower())
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


# --------------------------------------------------------------------------
# The maintainers' list of organization channels (data/contacts.lock)


@dataclass(frozen=True)
class LockEntry:
    line: int
    org: str
    kind: str
    value: str


def read_lock(path: Path) -> tuple[list[LockEntry], list[tuple[int, str]]]:
    """Entries of a lock file and its malformed lines (line, text)."""
    entries, bad = [], []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [], [(data.count(b"\n", 0, error.start) + 1,
                     f"not UTF-8 text: byte at offset {error.start}")]
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = stripped.split(None, 2)  # a value may hold spaces (a phone number)
        if len(parts) != 3:
            bad.append((number, "expected 'organization-id kind value'"))
            continue
        entries.append(LockEntry(number, *parts))
    return entries, bad


def org_channels(site: SiteData) -> list[tuple[str, str, str]]:
    """(organization id, kind, value) for each website and channel in data/organizations.yml."""
    found = []
    for org in site.organizations.values():
        if org.website:
            found.append((org.id, "website", org.website))
        found.extend((org.id, channel.kind, channel.value) for channel in org.channels)
    return found


def lock_text(site: SiteData) -> str:
    """The lines of a lock file for the channels in ``site`` (for the maintainers)."""
    return "".join(f"{org} {kind} {value}\n" for org, kind, value in org_channels(site))
