"""data/organizations.yml: the organizations that help, their contact channels (each
seen on the organization's own website), and the documented fakes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from .common import Context, Localized, localized, optional_date


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


def build_organizations(document: Mapping[str, Any], ctx: Context) -> Mapping[str, Organization]:
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
            name=localized(raw["name"]),
            kind=raw["kind"],
            services=localized(raw["services"]),
            help=tuple(raw["help"]),
            languages=tuple(raw["languages"]),
            countries=tuple(raw["countries"]),
            channels=tuple(channels),
            warnings=tuple(localized(w) for w in raw["warnings"]),
            sources=ctx.check_ids(
                raw["sources"], "sources", "source id", entry=name, field="sources"
            ),
            checked=date.fromisoformat(raw["checked"]),
            website=raw.get("website"),
            website_seen_on=raw.get("website_seen_on"),
        )
    ctx.built["contact_safety"] = _build_contact_safety(document.get("fakes"), ctx)
    return MappingProxyType(rows)


def _build_contact_safety(raw: Mapping[str, Any] | None, ctx: Context) -> ContactSafety:
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
                label=localized(case["label"]),
                text=localized(case["text"]),
                sources=ctx.check_ids(
                    case["sources"], "sources", "source id", entry=f"'{case['id']}'",
                    field="sources",
                ),
                date=optional_date(case.get("date")),
            )
        )
    return ContactSafety(
        advice=tuple(localized(a) for a in raw["advice"]), cases=tuple(cases)
    )


