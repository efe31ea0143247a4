"""The help, glossary and sources pages, and glossary tooltips.

Pure functions over ``SiteData``:

* ``render_organizations``, ``render_fakes``, ``render_glossary`` and
  ``render_sources`` (the markers ``organizations``, ``fakes``, ``glossary``
  and ``sources``): HTML in the language being built (templates in
  ``overrides/partials/data/``, autoescaped: data cannot inject markup).
* ``abbreviations``: the ``*[form]: definition`` lines that the ``abbr``
  Markdown extension turns into tooltips, for the glossary's key terms.

Contacts are rendered only from ``data/organizations.yml``; no page writes
one itself.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from .. import LANGUAGES
from ..data import Channel, GlossaryTerm, Organization, SiteData, Source, fill
from .templates import RenderError, format_date, render_template

__all__ = [
    "abbreviations",
    "render_fakes",
    "render_glossary",
    "render_organizations",
    "render_sources",
]

ORGANIZATION_KINDS = ("ngo", "network", "state-programme")
SOURCE_GROUPS = ("russian-law", "courts", "international", "eu", "other-countries", "ngo", "media",
                 "statistics")


# --------------------------------------------------------------------------
# Small view helpers


@dataclass(frozen=True)
class _Date:
    iso: str
    text: str


def _date(day: date, site: SiteData, lang: str) -> _Date:
    return _Date(day.isoformat(), format_date(day, lang, site.vocabulary))


def _short_url(url: str) -> str:
    """host/path without the scheme, as a reader would compare it."""
    parts = urlsplit(url)
    text = parts.netloc + parts.path
    if parts.query:
        text += "?" + parts.query
    return text.rstrip("/") if parts.path in ("", "/") else text


def _site_of(url: str) -> str:
    """The registrable part of a host, naively: the last 2 labels (ovdinfo.org)."""
    host = (urlsplit(url).hostname or "").lower()
    return ".".join(host.split(".")[-2:])


@dataclass(frozen=True)
class SourceView:
    id: str
    url: str | None
    short_url: str | None
    publisher: str
    title: str
    lang: str | None  # the source's language where it differs from the page's
    language: str | None  # its name, in the page's language
    date: _Date | None
    accessed: _Date
    kind: str


def source_view(source: Source, site: SiteData, lang: str) -> SourceView:
    words = site.vocabulary.words
    other = source.language if source.language != lang else None
    return SourceView(
        id=source.id,
        url=source.url,
        short_url=_short_url(source.url) if source.url else None,
        publisher=source.publisher,
        title=source.title,
        lang=other,
        language=fill(
            words["help"]["in_language"][lang],
            language=site.vocabulary.word("language_names", source.language, lang),
        ) if other else None,
        date=_date(source.date, site, lang) if source.date else None,
        accessed=_date(source.accessed, site, lang),
        kind=site.vocabulary.word("help", source.kind, lang),
    )


def source_views(ids: Iterable[str], site: SiteData, lang: str) -> list[SourceView]:
    """The sources of ``ids`` (each once, in order), ready for the templates' source macros."""
    seen = dict.fromkeys(ids)
    return [source_view(site.sources[i], site, lang) for i in seen]


def _labels(site: SiteData, lang: str) -> dict[str, str]:
    return {key: text[lang] for key, text in site.vocabulary.words["help"].items()}


# --------------------------------------------------------------------------
# Organizations and fakes


@dataclass(frozen=True)
class _ChannelView:
    kind: str
    value: str
    href: str | None
    seen_on: str
    seen_on_text: str
    checked: _Date


def _channel_href(channel: Channel) -> str | None:
    value = channel.value
    match channel.kind:
        case "website":
            return value
        case "email":
            return f"mailto:{value}"
        case "telegram":
            return value if value.startswith("https://") else f"https://t.me/{value.lstrip('@')}"
        case "phone":
            return "tel:" + value.replace(" ", "")
        case "onion":
            return value if "://" in value else f"http://{value}"
    return None


@dataclass(frozen=True)
class _OrganizationView:
    id: str
    name: str
    kind: str
    kind_note: str | None
    help: tuple[str, ...]
    services: str
    website: str | None
    website_text: str | None
    website_seen_on: str | None
    website_seen_on_text: str | None
    website_third_party: bool
    channels: tuple[_ChannelView, ...]
    languages: str
    countries: str
    checked: _Date
    warnings: tuple[str, ...]
    sources: tuple[SourceView, ...]


def _organization_view(org: Organization, site: SiteData, lang: str) -> _OrganizationView:
    word = site.vocabulary.word
    notes = site.vocabulary.words["organization_kinds"]
    third_party = bool(
        org.website and org.website_seen_on
        and _site_of(org.website) != _site_of(org.website_seen_on)
    )
    return _OrganizationView(
        id=org.id,
        name=org.name[lang],
        kind=org.kind,
        kind_note=notes[org.kind][lang] if org.kind in notes else None,
        help=tuple(word("help_kinds", h, lang) for h in org.help),
        services=org.services[lang],
        website=org.website,
        website_text=_short_url(org.website) if org.website else None,
        website_seen_on=org.website_seen_on,
        website_seen_on_text=_short_url(org.website_seen_on) if org.website_seen_on else None,
        website_third_party=third_party,
        channels=tuple(
            _ChannelView(
                kind=word("channels", c.kind, lang),
                value=c.value,
                href=_channel_href(c),
                seen_on=c.seen_on,
                seen_on_text=_short_url(c.seen_on),
                checked=_date(c.checked, site, lang),
            )
            for c in org.channels
        ),
        languages=", ".join(word("language_names", code, lang) for code in org.languages),
        countries=", ".join(word("country_names", code, lang) for code in org.countries),
        checked=_date(org.checked, site, lang),
        warnings=tuple(w[lang] for w in org.warnings),
        sources=tuple(source_views(org.sources, site, lang)),
    )


def render_organizations(site: SiteData, lang: str, kinds: Sequence[str] | None = None) -> str:
    """The organizations (all, or those of ``kinds``) as cards, in the data's order."""
    orgs = [o for o in site.organizations.values() if kinds is None or o.kind in kinds]
    if not orgs:
        wanted = ", ".join(kinds) if kinds else "any kind"
        raise RenderError(f"data/organizations.yml has no organization of {wanted}")
    safety = site.contact_safety
    return render_template(
        "organizations.html",
        lang=lang,
        orgs=[_organization_view(o, site, lang) for o in orgs],
        labels=_labels(site, lang),
        advice=[a[lang] for a in safety.advice],
        cases=[{"id": c.id, "label": c.label[lang]} for c in safety.cases],
    )


def render_fakes(site: SiteData, lang: str) -> str:
    """How to recognize a fake contact, then the documented cases with their sources."""
    safety = site.contact_safety
    if not safety.cases:
        raise RenderError("data/organizations.yml has no 'fakes' section")
    return render_template(
        "fakes.html",
        lang=lang,
        labels=_labels(site, lang),
        advice=[a[lang] for a in safety.advice],
        cases=[
            {
                "id": c.id,
                "label": c.label[lang],
                "date": _date(c.date, site, lang) if c.date else None,
                "text": c.text[lang],
                "sources": source_views(c.sources, site, lang),
            }
            for c in safety.cases
        ],
    )


# --------------------------------------------------------------------------
# Glossary

_SORT_FOLD = str.maketrans({"ё": "е", "Ё": "Е", "«": "", "»": "", '"': "", "'": ""})


def _sort_key(text: str) -> str:
    return text.translate(_SORT_FOLD).casefold()


def _variant_text(variant: str) -> str:
    """An avoided variant as readers see it: «самоволк*» -> «самоволк…»."""
    return " ".join(w[:-1] + "…" if w.endswith("*") else w for w in variant.split())


def _html_link(page_path: str, target: str) -> str:
    """The relative link from the page ``page_path`` to the page ``target`` (both ``.md``
    paths in one language folder), as the built site has it (``.html``)."""
    here = posixpath.dirname(page_path) or "."
    return posixpath.relpath(target.removesuffix(".md") + ".html", here)


def _term_view(term: GlossaryTerm, site: SiteData, lang: str, *, page_path: str = "glossary.md",
               titles: Mapping[str, str] | None = None) -> dict[str, object]:
    return {
        "id": term.id,
        "term": term.term[lang],
        "definition": term.definition[lang],
        "note": term.note[lang] if term.note else None,
        "aliases": [a for a in term.aliases.get(lang, ()) if a != term.term[lang]],
        "answers": [{"href": _html_link(page_path, p), "title": titles[p]}
                    for p in term.answers if titles and p in titles],
        "forms": [
            {
                "lang": code,
                "language": site.vocabulary.word("language_names", code, lang),
                "text": term.term[code],
            }
            for code in LANGUAGES
        ],
        "unconfirmed": [
            {
                "lang": code,
                "language": site.vocabulary.word("language_names", code, lang),
                "text": term.term[code],
            }
            for code in LANGUAGES if code in term.unconfirmed
        ],
        "avoid": [
            {
                "lang": code,
                "language": site.vocabulary.word("language_names", code, lang),
                "variants": [_variant_text(v) for v in term.avoid.get(code, ())],
            }
            for code in LANGUAGES
            if term.avoid.get(code)
        ],
        "related": [
            {"id": other, "term": site.glossary[other].term[lang]} for other in term.related
        ],
    }


def render_glossary(site: SiteData, lang: str, *, page_path: str = "glossary.md",
                    titles: Mapping[str, str] | None = None) -> str:
    """Every glossary term, alphabetical in ``lang``: definition, the words readers use
    for it, the pages that answer (``titles``: their titles by path), the 3 languages."""
    if not site.glossary:
        raise RenderError("data/glossary.yml has no terms")
    terms = sorted(site.glossary.values(), key=lambda t: _sort_key(t.term[lang]))
    return render_template(
        "glossary.html",
        lang=lang,
        labels=_labels(site, lang),
        terms=[_term_view(t, site, lang, page_path=page_path, titles=titles) for t in terms],
    )


def render_glossary_notes(site: SiteData, lang: str, *, page_path: str) -> str:
    """For translators: the terms with forms not yet confirmed or variants to avoid."""
    if not site.glossary:
        raise RenderError("data/glossary.yml has no terms")
    terms = [
        {**view, "href": _html_link(page_path, "glossary.md") + f"#term-{term.id}"}
        for term in sorted(site.glossary.values(), key=lambda t: _sort_key(t.term[lang]))
        if (view := _term_view(term, site, lang))["unconfirmed"] or view["avoid"]
    ]
    return render_template("glossary-notes.html", lang=lang, labels=_labels(site, lang),
                           terms=terms)


@functools.lru_cache(maxsize=8)  # every page asks; SiteData hashes by identity
def abbreviations(site: SiteData, lang: str) -> str:
    """``*[form]: definition`` lines for the glossary's tooltip forms in ``lang``.

    Appended to a page's Markdown, the ``abbr`` extension wraps every exact
    occurrence of a form in ``<abbr title="definition">`` (Material shows it
    as a tooltip). Empty when no term has a tooltip in ``lang``.
    """
    lines = []
    for term in site.glossary.values():
        definition = " ".join(term.definition[lang].split())
        for form in term.tooltip.get(lang, ()):
            lines.append(f"*[{form}]: {definition}")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Sources


def render_sources(site: SiteData, lang: str, groups: Sequence[str] | None = None) -> str:
    """The sources of ``groups`` (all groups, each under a heading, if None).

    Within a group: by publisher, then title.
    """
    wanted = tuple(groups) if groups is not None else SOURCE_GROUPS
    known = set(SOURCE_GROUPS) | {s.group for s in site.sources.values()}
    for group in wanted:
        if group not in known:
            raise RenderError(f"unknown source group '{group}' (known: {', '.join(SOURCE_GROUPS)})")
    extra = sorted({s.group for s in site.sources.values()} - set(SOURCE_GROUPS))
    if groups is None:
        wanted += tuple(extra)
    views = []
    for group in wanted:
        members = sorted(
            (s for s in site.sources.values() if s.group == group),
            key=lambda s: (_sort_key(s.publisher), _sort_key(s.title), s.id),
        )
        if not members and groups is None:
            continue
        if not members:
            raise RenderError(f"no source is in group '{group}'")
        views.append(
            {
                "id": group,
                "heading": site.vocabulary.word("source_groups", group, lang)
                if groups is None else None,
                "sources": [source_view(s, site, lang) for s in members],
            }
        )
    return render_template("source-list.html", lang=lang, labels=_labels(site, lang), groups=views)
