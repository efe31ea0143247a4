"""The single-file edition: every page of one language in one HTML file.

Made from the built site, not from Markdown, so it shows exactly what the site
shows (statute tables, figures, footnotes, the reviewed date and the advice
notice of every page). Each page becomes a ``<section>``; its ids get the
page's prefix (``law-military-crimes--art-338``) so that footnote and heading
ids of different pages cannot collide, and links between pages become
``#anchors`` in the same file. Images and CSS are inlined, scripts dropped,
and a Content-Security-Policy in the file forbids every load: the file opens
from a messenger's download folder with no other files and no network.

The page order is the site's navigation order (the "next" links in each
page's footer). The PDF edition is printed from the same document
(``dist_pdf``), with page numbers in its table of contents.
"""

from __future__ import annotations

import base64
import dataclasses
import mimetypes
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .css import present_in, purge
from .tree import counterpart, page_language, resolve

TEMPLATES = Path(__file__).with_name("templates")
IDREF_ATTRS = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "headers",
               "aria-owns", "aria-flowto", "aria-activedescendant", "aria-details")
URL_REF = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
_NEXT = re.compile(r'<a href="([^"]+)" class="md-footer__link md-footer__link--next"')
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_CSS_URL = re.compile(r"url\((['\"]?)(?!data:|#)([^'\")]+)\1\)")
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
_SOURCE_MAP_CSS = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")


class EditionError(ValueError):
    """The built site lacks something the edition needs (one line)."""


@dataclass(frozen=True)
class EditionText:
    """What the edition says about itself, already in the edition's language."""

    lang: str
    title: str
    description: str
    edition: str  # "Offline edition 0.1.0 · 21 November 2026"
    reviewed: str  # "Reviewed 21 November 2026"
    address: str  # "Online: https://…" or ""
    contents: str  # "Contents"


@dataclass
class Section:
    path: str  # the page in the site, e.g. ru/law/index.html
    anchor: str  # the section's id in the edition
    title: str
    level: int  # 1: top-level page or section index; 2: page inside a section
    html: str = ""
    ids: set[str] = field(default_factory=set)


def page_order(site: Mapping[str, bytes], start: str) -> list[str]:
    """The pages of one language in navigation order, following the footer's next links."""
    order: list[str] = []
    page: str | None = start
    while page is not None and page not in order:
        if page not in site:
            raise EditionError(f"{page}: the navigation names a page the build does not have")
        order.append(page)
        m = _NEXT.search(site[page].decode("utf-8"))
        found = resolve(page, m.group(1)) if m else None
        page = found[0] if found else None
    return order


def slug(path: str, lang: str, default: str) -> str:
    bare = path[len(lang) + 1:] if lang != default and path.startswith(lang + "/") else path
    name = bare.removesuffix(".html").replace("/", "-")
    return "p-" + (name or "index")


def _prefix_idrefs(value: str, prefix: str) -> str:
    return " ".join(prefix + v for v in value.split())


def _data_uri(rel: str, data: bytes) -> str:
    mime = mimetypes.guess_type(rel)[0] or "application/octet-stream"
    if rel.endswith(".svg"):
        mime = "image/svg+xml"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _section(site: Mapping[str, bytes], path: str, anchors: Mapping[str, str], lang: str,
             languages: tuple[str, ...], default: str) -> Section:
    m = _ARTICLE.search(site[path].decode("utf-8"))
    if not m:
        raise EditionError(f"{path}: no <article> in the built page")
    soup = BeautifulSoup(m.group(1), "html.parser")
    for tag in soup.select("nav.page-languages-nav, a.headerlink, script, noscript"):
        tag.decompose()
    anchor = anchors[path]
    prefix = anchor + "--"
    for tag in soup.find_all(True):
        _rewrite_tag(tag, soup, site, path, prefix, anchors, lang, languages, default)
    h1 = soup.find("h1")
    title = h1.get_text(" ", strip=True) if h1 else path
    inside = path.split("/", 1)[1] if lang != default and path.startswith(lang + "/") else path
    level = 2 if "/" in inside and not inside.endswith("/index.html") else 1
    return Section(path, anchor, title, level, str(soup).strip())


def _rewrite_tag(tag: Tag, soup: BeautifulSoup, site: Mapping[str, bytes], path: str,
                 prefix: str, anchors: Mapping[str, str], lang: str,
                 languages: tuple[str, ...], default: str) -> None:
    if tag.get("id"):
        tag["id"] = prefix + tag["id"]
    for attr in IDREF_ATTRS:
        if tag.get(attr):
            value = tag[attr]
            tag[attr] = _prefix_idrefs(" ".join(value) if isinstance(value, list) else value,
                                       prefix)
    for attr, value in list(tag.attrs.items()):
        if isinstance(value, str) and "url(#" in value:
            tag[attr] = URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", value)
    for attr in ("href", "xlink:href"):
        href = tag.get(attr)
        if not isinstance(href, str):
            continue
        if href.startswith("#"):
            tag[attr] = "#" + prefix + href[1:] if len(href) > 1 else "#" + anchors[path]
            continue
        found = resolve(path, href)
        if found is None:
            continue  # another site: a plain link, not a load
        target, frag = found
        if target not in anchors and target.endswith(".html"):
            other = counterpart(target, lang, languages, default)
            target = other if other in anchors else target
        if target in anchors:
            tag[attr] = ("#" + anchors[target] + "--" + frag[1:]) if frag else \
                "#" + anchors[target]
        elif tag.name == "a":
            tag.unwrap()  # a file the edition does not carry: keep the words only
            return
        else:
            del tag[attr]
    src = tag.get("src")
    if isinstance(src, str):
        found = resolve(path, src)
        if found and found[0] in site:
            tag["src"] = _data_uri(found[0], site[found[0]])
        elif found:
            raise EditionError(f"{path}: image {src} is not in the build")


def site_stylesheets(site: Mapping[str, bytes], page: str) -> list[str]:
    """The stylesheets a built page links, in order (Material's, then the site's)."""
    found = []
    for href in _STYLESHEET.findall(site[page].decode("utf-8")):
        target = resolve(page, href)
        if target and target[0] in site:
            found.append(target[0])
    if not found:
        raise EditionError(f"{page}: links no stylesheet of the build")
    return found


def edition_css(site: Mapping[str, bytes], page: str, extra: str) -> str:
    """The page's stylesheets in one string, with their file references inlined."""
    parts = []
    for rel in site_stylesheets(site, page):
        css = _SOURCE_MAP_CSS.sub("", site[rel].decode("utf-8"))

        def inline(m: re.Match[str], rel: str = rel) -> str:
            found = resolve(rel, m.group(2))
            if not found or found[0] not in site:
                raise EditionError(f"{rel}: url({m.group(2)}) is not in the build")
            return f"url({_data_uri(found[0], site[found[0]])})"

        parts.append(_CSS_URL.sub(inline, css))
    parts.append(extra)
    return "\n".join(parts)


def sections_for(site: Mapping[str, bytes], lang: str, languages: tuple[str, ...],
                 default: str) -> list[Section]:
    start = "index.html" if lang == default else f"{lang}/index.html"
    order = page_order(site, start)
    wrong = [p for p in order if page_language(p, languages, default) != lang]
    if wrong:
        raise EditionError(f"{wrong[0]}: the {lang} navigation leads out of the language")
    anchors = {p: slug(p, lang, default) for p in order}
    return [
        _compact_footnotes(_section(site, p, anchors, lang, languages, default), number)
        for number, p in enumerate(order, start=1)
    ]


def _compact_footnotes(section: Section, number: int) -> Section:
    """Short ids for the footnotes of section ``number`` (``fn7-3``, ``fr7-3``, ``fr7-3-2``).

    A page's footnote ids repeat its anchor and the source id
    (``p-situations-conscript--fn:euaa-coi-q24-2022``) in the note, in each
    back-link and in each reference: a tenth of the whole edition. Only ids
    and links within the edition change; no other id starts with ``fn``/``fr``.
    """
    prefix = re.escape(section.anchor + "--")
    pattern = re.compile(r'(?<=["#])' + prefix + r"(fn|fnref(\d*)):([^\"\s]+)")
    keys: dict[str, int] = {}

    def short(m: re.Match[str]) -> str:
        k = keys.setdefault(m.group(3), len(keys) + 1)
        if m.group(1) == "fn":
            return f"fn{number}-{k}"
        return f"fr{number}-{k}" + (f"-{m.group(2)}" if m.group(2) else "")

    return dataclasses.replace(section, html=pattern.sub(short, section.html))


def _body_attrs(page: str) -> str:
    """The theme's colour attributes of ``<body>`` (the CSS needs them), without a class."""
    m = re.search(r"<body([^>]*)>", page)
    return re.sub(r'\sclass="[^"]*"', "", m.group(1)) if m else ""


def render_edition(site: Mapping[str, bytes], sections: list[Section], text: EditionText, *,
                   page_numbers: Mapping[str, int] | None = None, for_print: bool = False) -> str:
    """The edition as one HTML document, with only the CSS rules it can use."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                      keep_trailing_newline=True)
    groups: list[tuple[Section, list[Section]]] = []
    for section in sections:
        if section.level == 2 and groups:
            groups[-1][1].append(section)
        else:
            groups.append((section, []))
    first = sections[0].path
    if for_print:  # paper cannot open a collapsed block: print them open
        sections = [Section(s.path, s.anchor, s.title, s.level, _OPEN_DETAILS.sub(
            "<details open", s.html)) for s in sections]
    document = env.get_template("edition.html").render(
        text=text, sections=sections, groups=groups, css=_CSS_SLOT,
        body_attrs=_body_attrs(site[first].decode("utf-8")),
        page_numbers=page_numbers or {}, for_print=for_print)
    extra = (TEMPLATES / "edition.css").read_text(encoding="utf-8")
    css = purge(edition_css(site, first, extra), present_in(document))
    return document.replace(_CSS_SLOT, css, 1)


_CSS_SLOT = "/*edition-css*/"
_OPEN_DETAILS = re.compile(r"<details(?![^>]*\sopen)")


def single_file(site: Mapping[str, bytes], text: EditionText, languages: tuple[str, ...],
                default: str) -> bytes:
    sections = sections_for(site, text.lang, languages, default)
    return render_edition(site, sections, text).encode("utf-8")
