"""The help, glossary and sources pages, glossary tooltips, and the citation check.

Pure functions over ``SiteData`` (``hooks/help_pages.py`` calls them from
MkDocs events):

* ``expand_help_markers``: replaces the markers ``<!-- md:organizations -->``,
  ``<!-- md:fakes -->``, ``<!-- md:glossary -->`` and ``<!-- md:sources -->``
  with HTML in the language being built (templates in
  ``overrides/partials/data/``, autoescaped: data cannot inject markup).
* ``abbreviations``: the ``*[form]: definition`` lines that the ``abbr``
  Markdown extension turns into tooltips, for the glossary's key terms.
* ``citation_report``: which cited source ids do not exist, and which
  sources nobody cites (pages' ``[^id]`` footnotes and the data files).

Contacts are rendered only from ``data/organizations.yml``; no page writes
one itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from . import LANGUAGES, yamlio
from .cache import kept_renders
from .data import Channel, GlossaryTerm, Organization, SiteData, Source
from .markers import marker_lines
from .memo import KeptFor
from .pages import cited_ids
from .statutes import format_date, render_template

__all__ = [
    "CitationReport",
    "HELP_MARKER_KINDS",
    "HelpError",
    "abbreviations",
    "citation_report",
    "data_citations",
    "expand_help_markers",
    "page_citations",
    "render_fakes",
    "render_glossary",
    "render_organizations",
    "render_sources",
]

HELP_MARKER_KINDS = frozenset({"organizations", "fakes", "glossary", "sources"})

ORGANIZATION_KINDS = ("ngo", "network", "state-programme")
SOURCE_GROUPS = ("russian-law", "courts", "international", "eu", "ngo", "media", "statistics")


class HelpError(ValueError):
    """A marker that cannot be rendered; the message says why."""


# --------------------------------------------------------------------------
# Words (the generated blocks' labels, in each language)


def _t(en: str, ru: str, uk: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "uk": uk}


UI: Mapping[str, Mapping[str, str]] = {
    "website": _t("Official website", "Официальный сайт", "Офіційний сайт"),
    "contacts": _t("Contacts", "Контакты", "Контакти"),
    "no_contacts": _t(
        "No contact channel is confirmed on the organization's own website: take contacts "
        "from the website itself.",
        "Ни один канал связи не подтверждён на собственном сайте организации: берите "
        "контакты с самого сайта.",
        "Жоден канал зв'язку не підтверджено на власному сайті організації: беріть контакти "
        "з самого сайту.",
    ),
    "no_website": _t(
        "No official website or contact is confirmed.",
        "Ни официальный сайт, ни контакты не подтверждены.",
        "Ні офіційний сайт, ні контакти не підтверджено.",
    ),
    "languages": _t("Languages", "Языки", "Мови"),
    "countries": _t("Countries", "Страны", "Країни"),
    "checked": _t("Checked", "Проверено", "Перевірено"),
    "seen_on": _t("seen on", "указан на странице", "зазначено на сторінці"),
    "seen_elsewhere": _t(
        "address taken from a third-party page; no page of the organization's own website "
        "could be opened to confirm it",
        "адрес взят со сторонней страницы; ни одну страницу собственного сайта организации "
        "не удалось открыть, чтобы его подтвердить",
        "адресу взято зі сторонньої сторінки; жодну сторінку власного сайту організації не "
        "вдалося відкрити, щоб її підтвердити",
    ),
    "what_it_does": _t("What it does", "Чем помогает", "Чим допомагає"),
    "sources": _t("Sources", "Источники", "Джерела"),
    "warning": _t("Warning", "Внимание", "Увага"),
    "danger": _t("Risk of prosecution", "Риск уголовного преследования",
                 "Ризик кримінального переслідування"),
    "check": _t(
        "Contact them yourself, at the address shown here, and compare it character by "
        "character with the organization's website. Do not answer accounts that write to "
        "you first, and do not send money or photos of your documents.",
        "Пишите сами, по указанному здесь адресу, и сверяйте его посимвольно с сайтом "
        "организации. Не отвечайте аккаунтам, которые пишут вам первыми, и не отправляйте "
        "деньги или фотографии своих документов.",
        "Пишіть самі, за вказаною тут адресою, і звіряйте її посимвольно із сайтом "
        "організації. Не відповідайте акаунтам, які пишуть вам першими, і не надсилайте "
        "гроші чи фотографії своїх документів.",
    ),
    "check_label": _t("Check first", "Сначала проверьте", "Спершу перевірте"),
    "how_to_check": _t("How to recognize a fake", "Как распознать подделку",
                       "Як розпізнати підробку"),
    "cases": _t("Documented cases", "Задокументированные случаи", "Задокументовані випадки"),
    "reported": _t("reported", "сообщение от", "повідомлення від"),
    "note": _t("Note", "Обратите внимание", "Зверніть увагу"),
    "forms": _t("In the 3 languages", "На 3 языках", "Трьома мовами"),
    "avoid": _t("Avoid", "Не используйте", "Не вживайте"),
    "related": _t("See also", "См. также", "Див. також"),
    "unconfirmed": _t(
        "form not yet confirmed by a native legal reader",
        "форма ещё не подтверждена юристом — носителем языка",
        "форму ще не підтверджено юристом — носієм мови",
    ),
    "accessed": _t("accessed", "дата обращения:", "дата звернення:"),
    "no_url": _t("no public web address", "нет общедоступного адреса",
                 "немає загальнодоступної адреси"),
    "primary": _t("primary source", "первичный источник", "першоджерело"),
    "secondary": _t("secondary source", "вторичный источник", "вторинне джерело"),
    "in_language": _t("in {language}", "на языке: {language}", "мовою: {language}"),
}

HELP_KINDS: Mapping[str, Mapping[str, str]] = {
    "legal-advice": _t("Legal advice", "Юридические консультации", "Юридичні консультації"),
    "escape": _t("Help leaving a unit or Russia", "Помощь с уходом из части или выездом из России",
                 "Допомога з виходом із частини чи виїздом із Росії"),
    "shelter": _t("Housing", "Жильё", "Житло"),
    "asylum": _t("Asylum support", "Поддержка в получении убежища",
                 "Підтримка в отриманні притулку"),
    "psychological": _t("Psychological help", "Психологическая помощь", "Психологічна допомога"),
    "advocacy": _t("Advocacy and reports, not help for individuals",
                   "Правозащитная работа и доклады, не помощь частным лицам",
                   "Правозахисна робота й доповіді, не допомога окремим особам"),
    "surrender": _t("Surrender to the Armed Forces of Ukraine",
                    "Сдача в плен Вооружённым силам Украины",
                    "Здача в полон Збройним силам України"),
}

KIND_NOTES: Mapping[str, Mapping[str, str]] = {
    "network": _t("A network or advocacy body: not a help line for individuals.",
                  "Сеть или правозащитное объединение: не служба помощи частным лицам.",
                  "Мережа або правозахисне об'єднання: не служба допомоги окремим особам."),
    "state-programme": _t("A state programme, not a non-governmental organization.",
                          "Государственная программа, а не общественная организация.",
                          "Державна програма, а не громадська організація."),
}

CHANNELS: Mapping[str, Mapping[str, str]] = {
    "website": _t("Website", "Сайт", "Сайт"),
    "email": _t("E-mail", "Электронная почта", "Електронна пошта"),
    "telegram": _t("Telegram", "Telegram", "Telegram"),
    "phone": _t("Phone", "Телефон", "Телефон"),
    "onion": _t("Onion address (Tor)", "Onion-адрес (Tor)", "Onion-адреса (Tor)"),
    "signal": _t("Signal", "Signal", "Signal"),
}

GROUPS: Mapping[str, Mapping[str, str]] = {
    "russian-law": _t("Russian law: texts and commentary",
                      "Российское право: тексты и комментарии",
                      "Російське право: тексти та коментарі"),
    "courts": _t("Courts", "Суды", "Суди"),
    "international": _t("International law and bodies", "Международное право и органы",
                        "Міжнародне право та органи"),
    "eu": _t("European Union", "Европейский союз", "Європейський Союз"),
    "ngo": _t("Human-rights and helping organizations",
              "Правозащитные и помогающие организации",
              "Правозахисні організації та організації допомоги"),
    "media": _t("Media and reference works", "СМИ и справочные издания",
                "ЗМІ та довідкові видання"),
    "statistics": _t("Statistics", "Статистика", "Статистика"),
}

LANGUAGE_NAMES: Mapping[str, Mapping[str, str]] = {
    "en": _t("English", "английский", "англійська"),
    "ru": _t("Russian", "русский", "російська"),
    "uk": _t("Ukrainian", "украинский", "українська"),
    "de": _t("German", "немецкий", "німецька"),
    "fr": _t("French", "французский", "французька"),
    "nl": _t("Dutch", "нидерландский", "нідерландська"),
    "hy": _t("Armenian", "армянский", "вірменська"),
    "kk": _t("Kazakh", "казахский", "казахська"),
    "bg": _t("Bulgarian", "болгарский", "болгарська"),
    "it": _t("Italian", "итальянский", "італійська"),
    "es": _t("Spanish", "испанский", "іспанська"),
    "pt": _t("Portuguese", "португальский", "португальська"),
    "no": _t("Norwegian", "норвежский", "норвезька"),
}

COUNTRY_NAMES: Mapping[str, Mapping[str, str]] = {
    "RU": _t("Russia", "Россия", "Росія"),
    "UA": _t("Ukraine", "Украина", "Україна"),
    "DE": _t("Germany", "Германия", "Німеччина"),
    "FR": _t("France", "Франция", "Франція"),
    "BE": _t("Belgium", "Бельгия", "Бельгія"),
    "GB": _t("United Kingdom", "Великобритания", "Велика Британія"),
    "LV": _t("Latvia", "Латвия", "Латвія"),
    "KZ": _t("Kazakhstan", "Казахстан", "Казахстан"),
    "AM": _t("Armenia", "Армения", "Вірменія"),
    "GE": _t("Georgia", "Грузия", "Грузія"),
    "ES": _t("Spain", "Испания", "Іспанія"),
    "NL": _t("Netherlands", "Нидерланды", "Нідерланди"),
    "FI": _t("Finland", "Финляндия", "Фінляндія"),
}


def _word(table: Mapping[str, Mapping[str, str]], key: str, lang: str) -> str:
    """A label in ``lang``; codes without a translation are shown as they are."""
    words = table.get(key)
    return words[lang] if words else key


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
class _SourceView:
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


def _source_view(source: Source, site: SiteData, lang: str) -> _SourceView:
    other = source.language if source.language != lang else None
    return _SourceView(
        id=source.id,
        url=source.url,
        short_url=_short_url(source.url) if source.url else None,
        publisher=source.publisher,
        title=source.title,
        lang=other,
        language=UI["in_language"][lang].format(
            language=_word(LANGUAGE_NAMES, source.language, lang)
        ) if other else None,
        date=_date(source.date, site, lang) if source.date else None,
        accessed=_date(source.accessed, site, lang),
        kind=UI[source.kind][lang] if source.kind in UI else source.kind,
    )


def _source_views(ids: Iterable[str], site: SiteData, lang: str) -> list[_SourceView]:
    seen = dict.fromkeys(ids)
    return [_source_view(site.sources[i], site, lang) for i in seen]


def _labels(lang: str) -> dict[str, str]:
    return {key: words[lang] for key, words in UI.items()}


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
    sources: tuple[_SourceView, ...]


def _organization_view(org: Organization, site: SiteData, lang: str) -> _OrganizationView:
    third_party = bool(
        org.website and org.website_seen_on
        and _site_of(org.website) != _site_of(org.website_seen_on)
    )
    return _OrganizationView(
        id=org.id,
        name=org.name[lang],
        kind=org.kind,
        kind_note=KIND_NOTES[org.kind][lang] if org.kind in KIND_NOTES else None,
        help=tuple(_word(HELP_KINDS, h, lang) for h in org.help),
        services=org.services[lang],
        website=org.website,
        website_text=_short_url(org.website) if org.website else None,
        website_seen_on=org.website_seen_on,
        website_seen_on_text=_short_url(org.website_seen_on) if org.website_seen_on else None,
        website_third_party=third_party,
        channels=tuple(
            _ChannelView(
                kind=_word(CHANNELS, c.kind, lang),
                value=c.value,
                href=_channel_href(c),
                seen_on=c.seen_on,
                seen_on_text=_short_url(c.seen_on),
                checked=_date(c.checked, site, lang),
            )
            for c in org.channels
        ),
        languages=", ".join(_word(LANGUAGE_NAMES, code, lang) for code in org.languages),
        countries=", ".join(_word(COUNTRY_NAMES, code, lang) for code in org.countries),
        checked=_date(org.checked, site, lang),
        warnings=tuple(w[lang] for w in org.warnings),
        sources=tuple(_source_views(org.sources, site, lang)),
    )


@kept_renders  # in .cache/render, by the data, code and arguments
def render_organizations(site: SiteData, lang: str, kinds: Sequence[str] | None = None) -> str:
    """The organizations (all, or those of ``kinds``) as cards, in the data's order."""
    orgs = [o for o in site.organizations.values() if kinds is None or o.kind in kinds]
    if not orgs:
        wanted = ", ".join(kinds) if kinds else "any kind"
        raise HelpError(f"data/organizations.yml has no organization of {wanted}")
    safety = site.contact_safety
    return render_template(
        "organizations.html",
        lang=lang,
        orgs=[_organization_view(o, site, lang) for o in orgs],
        labels=_labels(lang),
        advice=[a[lang] for a in safety.advice],
        cases=[{"id": c.id, "label": c.label[lang]} for c in safety.cases],
    )


@kept_renders  # in .cache/render, by the data, code and arguments
def render_fakes(site: SiteData, lang: str) -> str:
    """How to recognize a fake contact, then the documented cases with their sources."""
    safety = site.contact_safety
    if not safety.cases:
        raise HelpError("data/organizations.yml has no 'fakes' section")
    return render_template(
        "fakes.html",
        lang=lang,
        labels=_labels(lang),
        advice=[a[lang] for a in safety.advice],
        cases=[
            {
                "id": c.id,
                "label": c.label[lang],
                "date": _date(c.date, site, lang) if c.date else None,
                "text": c.text[lang],
                "sources": _source_views(c.sources, site, lang),
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


def _term_view(term: GlossaryTerm, site: SiteData, lang: str) -> dict[str, object]:
    return {
        "id": term.id,
        "term": term.term[lang],
        "definition": term.definition[lang],
        "note": term.note[lang] if term.note else None,
        "forms": [
            {
                "lang": code,
                "language": _word(LANGUAGE_NAMES, code, lang),
                "text": term.term[code],
                "unconfirmed": code in term.unconfirmed,
            }
            for code in LANGUAGES
        ],
        "avoid": [
            {
                "lang": code,
                "language": _word(LANGUAGE_NAMES, code, lang),
                "variants": [_variant_text(v) for v in term.avoid.get(code, ())],
            }
            for code in LANGUAGES
            if term.avoid.get(code)
        ],
        "related": [
            {"id": other, "term": site.glossary[other].term[lang]} for other in term.related
        ],
    }


@kept_renders  # in .cache/render, by the data, code and arguments
def render_glossary(site: SiteData, lang: str) -> str:
    """Every glossary term, alphabetical in ``lang``: definition, 3 languages, avoid."""
    if not site.glossary:
        raise HelpError("data/glossary.yml has no terms")
    terms = sorted(site.glossary.values(), key=lambda t: _sort_key(t.term[lang]))
    return render_template(
        "glossary.html",
        lang=lang,
        labels=_labels(lang),
        terms=[_term_view(t, site, lang) for t in terms],
    )


# Tooltip lines by language, for the data they were made from (every page asks).
_ABBREVIATIONS: KeptFor[str] = KeptFor()


def abbreviations(site: SiteData, lang: str) -> str:
    """``*[form]: definition`` lines for the glossary's tooltip forms in ``lang``.

    Appended to a page's Markdown, the ``abbr`` extension wraps every exact
    occurrence of a form in ``<abbr title="definition">`` (Material shows it
    as a tooltip). Empty when no term has a tooltip in ``lang``.
    """
    def make() -> str:
        lines = []
        for term in site.glossary.values():
            definition = " ".join(term.definition[lang].split())
            for form in term.tooltip.get(lang, ()):
                lines.append(f"*[{form}]: {definition}")
        return "\n".join(lines)

    return _ABBREVIATIONS.get(site, lang, make)


# --------------------------------------------------------------------------
# Sources


@kept_renders  # in .cache/render, by the data, code and arguments
def render_sources(site: SiteData, lang: str, groups: Sequence[str] | None = None) -> str:
    """The sources of ``groups`` (all groups, each under a heading, if None).

    Within a group: by publisher, then title.
    """
    wanted = tuple(groups) if groups is not None else SOURCE_GROUPS
    known = set(SOURCE_GROUPS) | {s.group for s in site.sources.values()}
    for group in wanted:
        if group not in known:
            raise HelpError(f"unknown source group '{group}' (known: {', '.join(SOURCE_GROUPS)})")
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
            raise HelpError(f"no source is in group '{group}'")
        views.append(
            {
                "id": group,
                "heading": _word(GROUPS, group, lang) if groups is None else None,
                "sources": [_source_view(s, site, lang) for s in members],
            }
        )
    return render_template("source-list.html", lang=lang, labels=_labels(lang), groups=views)


# --------------------------------------------------------------------------
# Markers



def _options(args: str, allowed: set[str], where: str) -> dict[str, list[str]]:
    options: dict[str, list[str]] = {}
    for token in args.split():
        key, sep, value = token.partition("=")
        if not sep or key not in allowed or not value or key in options:
            expected = " or ".join(f"{k}=a,b" for k in sorted(allowed)) or "no options"
            raise HelpError(f"{where}: unexpected '{token}' (expected {expected})")
        options[key] = value.split(",")
    return options


@dataclass
class _PageState:
    """What one page has rendered, to check it is complete and has no duplicates."""

    organization_kinds: list[str] = field(default_factory=list)
    fakes: int = 0
    source_groups: list[str] = field(default_factory=list)
    glossary: int = 0


def expand_help_markers(markdown: str, site: SiteData, lang: str, *, source: str) -> str:
    """Replace this module's markers in ``markdown`` with HTML in ``lang``.

    Other markers are left alone. Raises ``HelpError`` naming the page, line
    and marker; also when a page renders part of the organizations or sources
    but not all of them, or the same part twice.
    """
    if "md:" not in markdown:  # no marker at all (most pages): nothing to read
        return markdown
    out: list[str] = []
    state = _PageState()
    for number, line, match in marker_lines(markdown):
        if match is None or match.group("kind") not in HELP_MARKER_KINDS:
            out.append(line)
            continue
        kind, args = match.group("kind"), match.group("args")
        where = f"{source}:{number}: marker '{line.strip()}'"
        try:
            html = _render_marker(kind, args, site, lang, state, where)
        except HelpError as error:
            message = str(error)
            raise HelpError(message if message.startswith(where) else f"{where}: {message}") \
                from None
        out.extend(["", html, ""])
    _check_complete(state, site, source)
    return "\n".join(out)


def _render_marker(kind: str, args: str, site: SiteData, lang: str, state: _PageState,
                   where: str) -> str:
    if kind == "organizations":
        kinds = _options(args, {"kind"}, where).get("kind")
        for value in kinds or ():
            if value not in ORGANIZATION_KINDS:
                raise HelpError(
                    f"unknown organization kind '{value}' (known: {', '.join(ORGANIZATION_KINDS)})"
                )
        chosen = kinds or list(ORGANIZATION_KINDS)
        _no_repeat(state.organization_kinds, chosen, "organizations of kind")
        return render_organizations(site, lang, kinds)
    if kind == "sources":
        groups = _options(args, {"group"}, where).get("group")
        chosen = groups or list(SOURCE_GROUPS) + sorted({s.group for s in site.sources.values()})
        _no_repeat(state.source_groups, chosen, "sources of group")
        return render_sources(site, lang, groups)
    _options(args, set(), where)
    if kind == "fakes":
        state.fakes += 1
        if state.fakes > 1:
            raise HelpError("the fakes are already rendered on this page")
        return render_fakes(site, lang)
    state.glossary += 1
    if state.glossary > 1:
        raise HelpError("the glossary is already rendered on this page")
    return render_glossary(site, lang)


def _no_repeat(done: list[str], chosen: Sequence[str], what: str) -> None:
    again = [value for value in chosen if value in done]
    if again:
        raise HelpError(f"{what} {', '.join(again)} already rendered on this page")
    done.extend(chosen)


def _check_complete(state: _PageState, site: SiteData, source: str) -> None:
    if state.organization_kinds:
        present = dict.fromkeys(o.kind for o in site.organizations.values())
        missing = [k for k in present if k not in state.organization_kinds]
        if missing:
            raise HelpError(
                f"{source}: organizations of kind {', '.join(missing)} are not rendered: "
                f"add '<!-- md:organizations kind={','.join(missing)} -->'"
            )
        if not state.fakes:
            raise HelpError(
                f"{source}: a page with organizations must also have '<!-- md:fakes -->' "
                "(each contact links to its cases)"
            )
    if state.source_groups:
        present = dict.fromkeys(s.group for s in site.sources.values())
        missing = [g for g in present if g not in state.source_groups]
        if missing:
            raise HelpError(
                f"{source}: sources of group {', '.join(missing)} are not rendered: "
                f"add '<!-- md:sources group={','.join(missing)} -->'"
            )


# --------------------------------------------------------------------------
# Citations


@dataclass(frozen=True)
class CitationReport:
    unknown: tuple[tuple[str, str], ...]  # (where, id) of ids not in sources.yml
    uncited: tuple[str, ...]  # ids in sources.yml that nothing cites
    cited_by: Mapping[str, tuple[str, ...]]  # id -> pages and data entries citing it

    @property
    def ok(self) -> bool:
        return not self.unknown and not self.uncited


def page_citations(docs_dir: Path) -> dict[str, list[str]]:
    """``docs/<lang>/<path>`` -> the source ids its footnotes cite (every language)."""
    found: dict[str, list[str]] = {}
    for path in sorted(Path(docs_dir).rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        ids = cited_ids(path.read_text(encoding="utf-8"))
        if ids:
            found[f"{Path(docs_dir).name}/{rel}"] = ids
    return found


def data_citations(data_dir: Path, parsed: Mapping[Path, Any] | None = None
                   ) -> dict[str, list[str]]:
    """``data/<file>: <entry id>`` -> the source ids it cites, for every data file.

    Any list of strings under a key named ``sources`` counts, in every file
    except ``sources.yml`` itself, so a data file cites its sources even
    before it is registered in ``sitetools.data.REGISTRY``. ``parsed``: files
    already read (``SiteData.documents``, by resolved path), not read again.
    """
    found: dict[str, list[str]] = {}

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                where = f"{where.split(': ')[0]}: {node['id']}"
            for key, value in node.items():
                if (
                    key == "sources"
                    and isinstance(value, list)
                    and all(isinstance(v, str) for v in value)
                ):
                    found.setdefault(where, []).extend(value)
                else:
                    walk(value, where)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    folder = Path(data_dir)
    for path in sorted(folder.glob("*.yml")):
        if path.name == "sources.yml":
            continue
        if parsed and path.resolve() in parsed:
            document = parsed[path.resolve()]
        else:
            try:
                document = yamlio.safe_load(path.read_text(encoding="utf-8"))
            except (OSError, yaml.YAMLError):
                continue  # the data loader reports broken files
        walk(document, f"{folder.name}/{path.name}")
    return found


def citation_report(docs_dir: Path, data_dir: Path, site: SiteData) -> CitationReport:
    """Cited ids that do not exist, and sources that nothing cites."""
    citations = {**page_citations(docs_dir), **data_citations(data_dir, site.documents)}
    unknown = []
    cited_by: dict[str, list[str]] = {}
    for where, ids in citations.items():
        for source_id in dict.fromkeys(ids):
            if source_id not in site.sources:
                unknown.append((where, source_id))
            cited_by.setdefault(source_id, []).append(where)
    uncited = tuple(i for i in site.sources if i not in cited_by)
    return CitationReport(
        unknown=tuple(unknown),
        uncited=uncited,
        cited_by={k: tuple(v) for k, v in cited_by.items()},
    )
