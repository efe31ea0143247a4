"""``<!-- md:claim <id> -->``: one claim of absence or completeness (data/claims.yml).

The claim's sentence in the page's language, with the date it was last checked
(``{date}``, as every date of the site is written) and what was searched
(``{searched}``), then its sources as footnote references (``[^source-id]``,
whose text ``render.pages`` adds). One Markdown paragraph; data text is escaped
for HTML and Markdown (``charts.md_span``), so it cannot inject markup.
"""

from __future__ import annotations

from ..data import Claim, SiteData, fill
from .charts import md_span, source_refs
from .templates import RenderError, format_date

__all__ = ["claim_ids", "claim_text", "render_claim"]


def claim_ids(site: SiteData) -> list[str]:
    """The ids a ``<!-- md:claim <id> -->`` marker may name."""
    return list(site.claims)


def _claim(site: SiteData, claim_id: str) -> Claim:
    if claim_id not in site.claims:
        known = ", ".join(claim_ids(site)) or "none: there is no data/claims.yml"
        raise RenderError(f"unknown claim '{claim_id}' (known: {known})")
    return site.claims[claim_id]


def claim_text(site: SiteData, claim_id: str, lang: str) -> str:
    """The claim's sentence in ``lang`` as plain text (date and searched filled in)."""
    claim = _claim(site, claim_id)
    return fill(claim.text[lang], date=format_date(claim.checked, lang, site.vocabulary),
                searched=claim.searched.text[lang])


def render_claim(site: SiteData, claim_id: str, lang: str) -> str:
    """The claim as one Markdown paragraph: the sentence and its footnote references."""
    claim = _claim(site, claim_id)
    return str(md_span(claim_text(site, claim_id, lang)) + source_refs(claim.sources))
