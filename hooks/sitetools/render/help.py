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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from .. import LANGUAGES
from ..data import Channel, GlossaryTerm, Organization, SiteData, Source
from .templates import RenderError, format_date, render_template

__all__ = [
    "abbreviations",
    "render_fakes",
    "render_glossary",
    "render_organizations",
    "render_sources",
]

ORGANIZATION_KINDS = ("ngo", "network", "state-programme")
SOURCE_GROUPS = ("russian-law", "courts", "international", "eu", "ngo", "media", "statistics")


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
        labels=_labels(lang),
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


def render_glossary(site: SiteData, lang: str) -> str:
    """Every glossary term, alphabetical in ``lang``: definition, 3 languages, avoid."""
    if not site.glossary:
        raise RenderError("data/glossary.yml has no terms")
    terms = sorted(site.glossary.values(), key=lambda t: _sort_key(t.term[lang]))
    return render_template(
        "glossary.html",
        lang=lang,
        labels=_labels(lang),
        terms=[_term_view(t, site, lang) for t in terms],
    )


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
                "heading": _word(GROUPS, group, lang) if groups is None else None,
                "sources": [_source_view(s, site, lang) for s in members],
            }
        )
    return render_template("source-list.html", lang=lang, labels=_labels(lang), groups=views)
