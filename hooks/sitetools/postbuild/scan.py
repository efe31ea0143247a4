"""Find resource loads from other hosts in built HTML, CSS and JS.

A reader's browser must never contact a third party: no fonts, scripts,
styles, images or frames from anywhere but the site itself. Plain links
(``<a href>``), ``rel=alternate``/``canonical`` links and XML namespaces are
navigation or names, not loads, and are not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# <link rel=...> values that make the browser fetch something.
_LOADING_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload",
    "modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest", "prerender",
}
# attribute -> tags on which it loads a resource
_LOAD_ATTRS = {
    "src": {"script", "img", "iframe", "frame", "embed", "source", "track", "audio", "video",
            "input"},
    "srcset": {"img", "source"},
    "poster": {"video"},
    "data": {"object"},
    "href": {"image", "use", "feimage"},  # SVG
    "xlink:href": {"image", "use", "feimage"},
    "background": {"body", "table", "td", "th"},
}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""", re.I)
# In JavaScript only a URL that starts a string literal can be loaded; URLs in
# comments (licences, credits) follow a space or bracket and are not reported.
_JS_URL = re.compile(r"""(?<=["'`])(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'`)\\]*""")

# Absolute URLs that occur in the JavaScript Material ships as text only
# (licence comments, a console message, XML namespaces). Each is checked to be
# inert; anything else in a JS file is reported.
JS_TEXT_ONLY = (
    re.compile(r"^https?://www\.w3\.org/"),
    re.compile(r"^https://bit\.ly/2s3ChXG$"),  # lunr's "invalid query" console warning
    re.compile(r"^http://lunrjs\.com"),  # licence comment
    re.compile(r"^http://tartarus\.org/"),  # Porter stemmer credit
    re.compile(r"^https://clipboardjs\.com/"),  # licence comment
    re.compile(r"^https://github\.com/"),  # licence comments of vendored code
)

# Third-party loads compiled into Material's bundle that this site never needs:
# replaced by inert data: URLs after the build (see neutralize_bundle()).
BUNDLE_CDN_URLS = {
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "data:text/javascript,",
    "https://unpkg.com/resize-observer-polyfill": "data:text/javascript,",
    "https://api.github.com/": "data:text/plain,",
}


@dataclass(frozen=True, order=True)
class ExternalLoad:
    file: str
    url: str
    context: str

    def __str__(self) -> str:
        return f"{self.file}: loads {self.url} ({self.context})"


def is_external(url: str, own_hosts: Iterable[str] = ()) -> bool:
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "ws", "wss", "ftp"):
        return parts.hostname not in set(own_hosts)
    return False


class _LoadFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "link":
            rels = set(a.get("rel", "").lower().split())
            if rels & _LOADING_RELS and a.get("href"):
                self.found.append((a["href"], f"<link rel={a.get('rel')}>"))
        for attr, tags in _LOAD_ATTRS.items():
            if tag in tags and a.get(attr):
                values = a[attr].split(",") if attr == "srcset" else [a[attr]]
                for v in values:
                    if v.strip():
                        self.found.append((v.strip().split()[0], f"<{tag} {attr}>"))
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            m = re.search(r"url=(.+)", a.get("content", ""), re.I)
            if m:
                self.found.append((m.group(1).strip(" '\""), "<meta refresh>"))
        if "style" in a:
            self.found += [(u, "style attribute") for u in css_urls(a["style"])]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += [(u, "<style>") for u in css_urls(data)]


def css_urls(css: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in _CSS_URL.finditer(css)]


# Only these tags (and <style> blocks, and style attributes) can load anything:
# the parser reads just them, not the whole page (a large speed-up on long
# pages). Tags that load only through one attribute (a table cell's legacy
# background=, an input's src=, a meta refresh) are read only when it is there.
# A tag's attributes may contain ">" inside quotes.
_TAG_REST = r"""(?:[^>"']|"[^"]*"|'[^']*')*>"""
_CANDIDATE_TAGS = (
    r"<(?:script|link|img|iframe|frame|embed|source|track|audio|video|object|image"
    r"|use|feimage)\b" + _TAG_REST
    + r"|<(?:input|body|table|td|th)\b(?=[^>]*\b(?:src|background)\s*=)" + _TAG_REST
    + r"|<meta\b(?=[^>]*\bhttp-equiv\s*=)" + _TAG_REST
    + r"|<style\b[^>]*>.*?</style>"
)
# The patterns run on the page's UTF-8 bytes with ASCII letters lower-cased
# (bytes.lower() touches nothing else, so every offset still points into the
# original bytes): tag and attribute names are ASCII and case-insensitive, and
# a case-sensitive search is several times faster than one with re.IGNORECASE.
_CANDIDATES = re.compile(_CANDIDATE_TAGS.encode(), re.S)
# Any tag with url() in its style attribute. Looking for it at every tag is
# slow (four times the rest), so it is done only on pages that have such an
# attribute at all.
_STYLE_URL = r"""style\s*=\s*["'][^"']*url\("""
_CANDIDATES_AND_STYLES = re.compile(
    (_CANDIDATE_TAGS + r"|<[a-z][a-z0-9-]*\s[^>]*\b" + _STYLE_URL + r"[^>]*>").encode(), re.S
)
_HAS_STYLE_URL = re.compile(_STYLE_URL.encode())


# A URL from another host has a scheme ("https:", also "https:host" without
# slashes, which browsers accept) or starts with "//"; in markup it may hide
# behind a character reference ("&#58;") or use backslashes ("https:\\host").
# A tag with none of these characters cannot load from another host, and most
# tags (the theme's stylesheets and scripts) have none: they are not parsed.
_MAYBE_EXTERNAL = re.compile(rb"[:&\\]|//")


def html_loads(text: str) -> list[tuple[str, str]]:
    raw = text.encode("utf-8", "surrogatepass")
    lowered = raw.lower()  # ASCII letters only; same length, same offsets
    styles = _HAS_STYLE_URL.search(lowered) is not None
    candidates = _CANDIDATES_AND_STYLES if styles else _CANDIDATES
    finder = _LoadFinder()
    for m in candidates.finditer(lowered):
        tag = raw[m.start():m.end()]
        if _MAYBE_EXTERNAL.search(tag) is None:
            continue
        finder.feed(tag.decode("utf-8", "surrogatepass"))
        finder.reset()
    finder.close()
    return finder.found


def js_urls(text: str) -> list[str]:
    return [m.group(0) for m in _JS_URL.finditer(text)]


def scan_text(name: str, text: str, own_hosts: Iterable[str] = ()) -> list[ExternalLoad]:
    own = tuple(own_hosts)
    suffix = name.rsplit(".", 1)[-1].lower()
    out: list[ExternalLoad] = []
    if suffix in ("html", "htm", "svg"):
        for url, ctx in html_loads(text):
            if is_external(url, own):
                out.append(ExternalLoad(name, url, ctx))
    elif suffix == "css":
        for url in css_urls(text):
            if is_external(url, own):
                out.append(ExternalLoad(name, url, "CSS url()/@import"))
    elif suffix in ("js", "mjs"):
        for url in js_urls(text):
            full = "https:" + url if url.startswith("//") else url
            if not full.startswith("http"):
                continue
            if any(p.search(full) for p in JS_TEXT_ONLY):
                continue
            if is_external(full, own):
                out.append(ExternalLoad(name, url, "URL in JavaScript"))
    return out


def iter_site_files(site_dir: Path) -> Iterator[Path]:
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix.lower() in (".html", ".htm", ".css", ".js", ".mjs",
                                                      ".svg"):
            yield path


def scan_site(site_dir: Path, own_hosts: Iterable[str] = ()) -> list[ExternalLoad]:
    own = tuple(own_hosts)
    found: list[ExternalLoad] = []
    for path in iter_site_files(site_dir):
        rel = path.relative_to(site_dir).as_posix()
        found += scan_text(rel, path.read_text(encoding="utf-8", errors="replace"), own)
    return sorted(set(found))


def neutralize_bundle(site_dir: Path) -> list[str]:
    """Replace the CDN URLs compiled into Material's JavaScript with inert ones."""
    changed = []
    for path in sorted((site_dir / "assets" / "javascripts").glob("bundle.*.js")):
        text = path.read_text(encoding="utf-8")
        new = text
        for url, inert in BUNDLE_CDN_URLS.items():
            new = new.replace(url, inert)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path.relative_to(site_dir).as_posix())
    return changed
