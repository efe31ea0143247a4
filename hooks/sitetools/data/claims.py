"""data/claims.yml: claims of absence or completeness, each with its date and what was searched.

"No case found", "not repealed", "no response", "N cases" go out of date without
anyone noticing. A page does not type such a sentence: it shows it with
``<!-- md:claim <id> -->`` (``render.claims``), which fills in the date the claim
was last checked (``{date}``) and what was searched (``{searched}``), so that
``make review-due`` can list it under the pages that show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from .common import Context, Localized, check_placeholders, check_plain, localized
from .countries import Searched

PLACEHOLDERS = frozenset({"date", "searched"})  # what every claim's text must hold


@dataclass(frozen=True)
class Claim:
    id: str
    searched: Searched  # when it was last checked, and what was searched
    text: Localized  # the sentence, with {date} and {searched}
    sources: tuple[str, ...] = ()

    @property
    def checked(self) -> date:
        return self.searched.checked


def build_claims(document: Mapping[str, Any], ctx: Context) -> Mapping[str, Claim]:
    """The claims by id, in the file's order."""
    claims: dict[str, Claim] = {}
    for claim_id, raw in document["claims"].items():
        name = f"'{claim_id}'"
        check_plain(raw, ctx, entry=name)
        text = localized(raw["text"])
        check_placeholders({"text": text}, {"text": PLACEHOLDERS}, ctx, "", entry=name)
        claims[claim_id] = Claim(
            id=claim_id,
            searched=Searched(date.fromisoformat(raw["checked"]), localized(raw["searched"])),
            text=text,
            sources=ctx.sources(raw.get("sources", ()), entry=name, field="sources"),
        )
    return MappingProxyType(claims)
