"""Find executable content in built HTML and SVG: what no page may contain.

A page may run only the scripts the project ships: Material's bundle, the
vendored iframe-worker shim, the files of ``overrides/assets/javascripts/`` and
the inline scripts the project knows (``sitetools.postbuild.csp``). Anything
else that can run or navigate by itself fails the build, naming the file:

* any other ``<script>`` (inline or a file);
* an event-handler attribute (``onclick=``, ``onerror=``, ``<svg/onload=``);
* a ``javascript:``, ``vbscript:`` or ``data:`` URL other than a raster image,
  also when hidden behind character references or control characters;
* ``<iframe>``, ``<frame>``, ``<object>``, ``<embed>``, ``<applet>``,
  ``<portal>``, ``<base>``, a ``<form>`` other than Material's search box, and
  ``<meta http-equiv>`` other than the page's own Content-Security-Policy.

The scan reads the page's bytes, not a parse of them: a ``<script`` anywhere
counts, whatever quotes or comments seem to surround it, so a trick that makes
a parser and a browser disagree about where a tag starts cannot hide one.
Text never holds a raw ``<`` (Markdown escapes it), so tags are never found in
prose or code blocks. Event handlers and URLs are looked for the same way, in
text too: prose or code that reads like one (`` onload=``, ``= javascript:``)
is reported as well; rephrase it.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .csp import base_url, frame_script, material_inline_scripts, page_policy

# Material's bundle, e.g. assets/javascripts/bundle.a5f9d56c.min.js
MATERIAL_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js")
# Material's page configuration: data for its bundle, never run
MATERIAL_CONFIG_TAG = '<script id="__config" type="application/json">'
# Material's search box (partials/search.html); handled by its script
SEARCH_FORM_TAG = '<form class="md-search__form" name="search">'

# Kinds of files a browser can open as a document that runs scripts.
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".xml", ".xsl",
                   ".xslt", ".mht", ".mhtml")

_SCRIPT = re.compile(rb"<script(?=[\s/>])")
_FORBIDDEN = re.compile(
    rb"<(iframe|frame|frameset|object|embed|applet|portal|fencedframe|base|form|isindex)"
    rb"(?=[\s/>])")
_META = re.compile(rb"<meta(?=[\s/>])")
# an attribute whose name starts with "on" (HTML allows "/" or a closing quote
# before an attribute name, as in <svg/onload=…> and <a href="x"onclick=…>): found by
# its name, then the byte before it is checked (a search that starts with a literal is
# several times faster on a whole page than one that starts at every space)
_EVENT = re.compile(rb"on[a-z-]+\s*=")
_BEFORE_ATTRIBUTE = frozenset(b" \t\n\r\f\v\"'/")
# an attribute value that could start with a scheme: letters j, v, d, or a
# character reference or control character hiding one
_VALUE = re.compile(rb"""=[\t\n\f\r ]*["']?(?=[\x00-\x20]*[&jvd])([^"'>]{0,400})""")
_SAFE_DATA = re.compile(r"data:image/(?:png|gif|jpeg|webp|avif)[;,]")


@dataclass(frozen=True, order=True)
class ActiveContent:
    file: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}: {self.what}"


@dataclass(frozen=True)
class Allowed:
    """What one file may contain."""

    script_files: frozenset[str] = frozenset()  # site paths: assets/javascripts/x.js
    inline_scripts: frozenset[str] = frozenset()
    policy: str | None = None  # the page's Content-Security-Policy (required when set)


def project_scripts(custom_dir: Path) -> frozenset[str]:
    """The site paths of the project's own scripts (``overrides/assets/javascripts/**.js``)."""
    folder = Path(custom_dir) / "assets" / "javascripts"
    return frozenset(p.relative_to(custom_dir).as_posix() for p in folder.rglob("*.js"))


def allowed_in_page(dest_uri: str, custom_dir: Path) -> Allowed:
    """What the page at ``dest_uri`` may run (the project's scripts, Material's inline
    scripts), and its Content-Security-Policy, which also allows the frame script of the
    iframe-worker shim. Raises ``PolicyError`` if the shim is not as expected."""
    inline = material_inline_scripts(base_url(dest_uri))
    return Allowed(script_files=project_scripts(custom_dir), inline_scripts=frozenset(inline),
                   policy=page_policy([*inline, frame_script(custom_dir)]))


def _snippet(raw: bytes, start: int, length: int = 80) -> str:
    text = raw[start:start + length].decode("utf-8", "replace")
    text = " ".join(text.split())
    return text + ("…" if len(raw) > start + length else "")


def _resolve(page: str, src: str) -> str | None:
    """The site path a relative ``src`` in ``page`` points to (None: not a plain path)."""
    if not src or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/|\\", src) or any(
            c in src for c in "?#\\&%"):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), src))
    return None if path.startswith("..") else path


def _script_ok(page: str, open_tag: str, body: str, allowed: Allowed) -> str | None:
    """None if the script element is allowed, else what is wrong with it."""
    if open_tag == "<script>":
        if body in allowed.inline_scripts:
            return None
        return "an inline script that is not one of the project's"
    if open_tag == MATERIAL_CONFIG_TAG:
        try:
            json.loads(body)
        except ValueError:
            return "Material's configuration block does not hold JSON"
        return None
    m = re.fullmatch(r'<script src="([^"<>]*)">', open_tag)
    if m and not body:
        path = _resolve(page, m.group(1))
        if path is not None and (path in allowed.script_files
                                 or MATERIAL_BUNDLE.fullmatch(path)):
            return None
        return f"a script that is not one of the project's files: {m.group(1)}"
    return "a script element the project does not write"


class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {k: v or "" for k, v in attrs}

    handle_startendtag = handle_starttag


def _attributes(tag: str) -> dict[str, str]:
    parser = _Attrs()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def dangerous_url(value: str) -> bool:
    """Would a browser run or render ``value`` (an attribute value, markup undecoded)?"""
    url = html.unescape(value)
    url = re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(0x21)))).lower()
    if url.startswith(("javascript:", "vbscript:")):
        return True
    return url.startswith("data:") and not _SAFE_DATA.match(url)


def active_content(name: str, text: str, allowed: Allowed = Allowed()) -> list[ActiveContent]:
    """Everything in the file ``name`` (a site path) that can run or navigate by itself."""
    raw = text.encode("utf-8", "surrogatepass")
    low = bytearray(raw.lower())  # ASCII letters only: same length, same offsets
    found: list[str] = []
    for m in list(_SCRIPT.finditer(low)):
        open_end = low.find(b">", m.start())
        close = low.find(b"</script", open_end) if open_end >= 0 else -1
        if close < 0 or low[close:close + 9] != b"</script>":
            found.append(f"a script element that is not closed: {_snippet(raw, m.start())}")
            continue
        open_tag = raw[m.start():open_end + 1].decode("utf-8", "replace")
        body = raw[open_end + 1:close].decode("utf-8", "replace")
        problem = _script_ok(name, open_tag, body, allowed)
        if problem:
            found.append(f"{problem}: {_snippet(raw, m.start())}")
        else:  # the project's own script: its text is not markup to look into
            low[m.start():close + 9] = b" " * (close + 9 - m.start())
    for m in _FORBIDDEN.finditer(low):
        end = low.find(b">", m.start())
        tag = raw[m.start():end + 1].decode("utf-8", "replace") if end >= 0 else ""
        if tag == SEARCH_FORM_TAG:
            continue
        found.append(f"<{m.group(1).decode()}> is not allowed: {_snippet(raw, m.start())}")
    policies = 0
    for m in _META.finditer(low):
        end = low.find(b">", m.start())
        tag = raw[m.start():end + 1 if end >= 0 else len(raw)]
        if b"http-equiv" not in tag.lower():
            continue
        attrs = _attributes(tag.decode("utf-8", "replace"))
        if (allowed.policy is not None and set(attrs) == {"http-equiv", "content"}
                and attrs["http-equiv"] == "Content-Security-Policy"
                and attrs["content"] == allowed.policy):
            policies += 1
            continue
        found.append(f"<meta http-equiv> other than the page's Content-Security-Policy: "
                     f"{_snippet(raw, m.start())}")
    if allowed.policy is not None and policies != 1:
        found.append(f"{policies} copies of the page's Content-Security-Policy (expected 1)")
    found += [f"an event-handler attribute: {_snippet(raw, max(m.start() - 31, 0))}"
              for m in _EVENT.finditer(low)
              if m.start() and low[m.start() - 1] in _BEFORE_ATTRIBUTE]
    for m in _VALUE.finditer(low):
        value = raw[m.start(1):m.end(1)].decode("utf-8", "replace")
        if dangerous_url(value):
            found.append(f"a URL that runs or renders code: {_snippet(raw, m.start(1), 60)}")
    return [ActiveContent(name, what) for what in found]


def scan_files(site_dir: Path, names: Iterable[str],
               allowed_for: dict[str, Allowed] | None = None) -> list[ActiveContent]:
    """Check the files ``names`` (site paths) of ``site_dir``; ``allowed_for`` what each may
    contain (default: nothing)."""
    found: list[ActiveContent] = []
    for name in sorted(names):
        text = (site_dir / name).read_text(encoding="utf-8", errors="replace")
        found += active_content(name, text, (allowed_for or {}).get(name, Allowed()))
    return found


def active_files(site_dir: Path) -> list[str]:
    """The site paths of every file a browser could open as an active document."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*")
                  if p.suffix.lower() in ACTIVE_SUFFIXES and p.is_file())
