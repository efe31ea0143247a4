"""The EU policy asks and appeals of data/policy.yml (markers ``policy-asks`` and
``policy-appeals``).

``render_asks`` and ``render_appeals`` return them as Markdown-in-HTML
blocks in a language, citing their sources as footnote references
(``[^source-id]``) that ``render.pages`` turns into footnotes. A status says
only what a source reports; without one it reads "No public response found
as of <date>".
"""

from __future__ import annotations

from markupsafe import Markup

from ..data import Policy, SiteData, Status, fill
from .charts import format_when, md_span, source_refs
from .help import source_views
from .templates import RenderError, format_date, render_template

__all__ = ["render_appeals", "render_asks"]


# --------------------------------------------------------------------------
# Rendering


def _policy(site: SiteData) -> Policy:
    policy: Policy | None = getattr(site, "policy", None)
    if policy is None:
        raise RenderError("no policy data: data/policy.yml is missing")
    return policy


def _cited(text: str, sources: tuple[str, ...]) -> Markup:
    return md_span(text) + source_refs(sources)


def _status_text(status: Status, lang: str, site: SiteData) -> Markup:
    words = _policy(site).words
    parts: list[Markup] = []
    if status.response == "none-found":
        when = format_date(status.checked, lang, site.vocabulary)
        parts.append(md_span(fill(words["no_response"][lang], date=when)))
    if status.text is not None:
        parts.append(_cited(status.text[lang], status.sources))
    return Markup(" ").join(parts)


def render_asks(site: SiteData, lang: str) -> str:
    """All asks in file order, numbered, in ``lang``."""
    policy = _policy(site)
    words = policy.words
    asks = [
        {
            "id": ask.id,
            "title": fill(words["ask_title"][lang], number=str(number), title=ask.title[lang]),
            "addressee": md_span(ask.addressee[lang]),
            "ask": md_span(ask.ask[lang]),
            "why": [_cited(point.text[lang], point.sources) for point in ask.why],
            "status": _status_text(ask.status, lang, site),
            "sources": source_views(ask.sources, site, lang),
        }
        for number, ask in enumerate(policy.asks.values(), start=1)
    ]
    return render_template(
        "policy-asks.html",
        lang=lang,
        labels={
            key: words[key][lang] for key in ("addressee", "asked", "why", "status", "sources")
        },
        asks=asks,
    )


def render_appeals(site: SiteData, lang: str) -> str:
    """The appeals in file order, in ``lang``."""
    policy = _policy(site)
    words = policy.words
    if not policy.appeals:
        raise RenderError("no appeals in data/policy.yml")
    appeals = [
        {
            "id": appeal.id,
            "iso": appeal.date.iso,
            "title": fill(
                words["appeal_title"][lang],
                date=format_when(appeal.date, lang, site),
                name=appeal.name[lang],
            ),
            "initiators": md_span(appeal.initiators[lang]),
            "addressees": md_span(appeal.addressees[lang]),
            "summary": md_span(appeal.summary[lang]),
            "signatories": md_span(
                appeal.signatories[lang] if appeal.signatories else words["no_count"][lang]
            ),
            "sources": source_refs(appeal.sources),
        }
        for appeal in policy.appeals.values()
    ]
    return render_template(
        "policy-appeals.html",
        lang=lang,
        labels={
            key: words[key][lang]
            for key in ("initiators", "addressees", "summary", "signatories", "sources")
        },
        appeals=appeals,
    )
