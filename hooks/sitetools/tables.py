"""Data markers in pages -> statute tables, figures and the acts table, in one language.

Markers (see CONVENTIONS.md), each alone on its line, starting at column 1:

    <!-- md:statute cc-338 -->            statute table, all parts
    <!-- md:statute cc-337 parts=1,2.1 --> only the listed parts
    <!-- md:figure timeline -->           SVG timeline of the acts + table
    <!-- md:figure penalty-chart -->      SVG chart of the longest prison terms + table
    <!-- md:figure penalty-chart articles=cc-337,cc-338 -->  only those articles
    <!-- md:acts -->                      table of the acts and events

Markers inside fenced code blocks and inline code are left alone, so pages
can show them. Anything else that looks like a marker is an error: this
expander runs first and checks the form of every marker, leaving the kinds
other modules expand (``OTHER_HOOKS_KINDS``) in place. ``hooks/data_tables.py``
adapts it to MkDocs; ``sitetools.prerender`` runs it beside the build.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .data import SiteData
from .figures import FIGURES, render_figure
from .markers import MARKER_LINE, code_aware_lines
from .statutes import RenderError, render_acts_table, render_statute

__all__ = ["MARKER_KINDS", "OTHER_HOOKS_KINDS", "TableMarkerError", "expand_markers"]


_MARKER = re.compile(r"<!--\s*md:(?P<kind>\S*)(?P<args>.*?)\s*-->")
_MARKER_START = re.compile(r"<!--\s*md:")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")


class TableMarkerError(Exception):
    """A marker this module cannot expand; one line naming the page, line and marker."""


class _MarkerError(Exception):
    """A marker that cannot be rendered; the message says why."""


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    positional: list[str] = []
    options: dict[str, str] = {}
    for token in text.split():
        key, sep, value = token.partition("=")
        if not sep:
            positional.append(token)
        elif not key or not value or key in options:
            raise _MarkerError(f"malformed option '{token}'")
        else:
            options[key] = value
    return positional, options


def _statute(args: str, site: SiteData, lang: str, _counter: Counter[str]) -> str:
    positional, options = _arguments(args)
    if len(positional) != 1 or set(options) - {"parts"}:
        raise _MarkerError(
            "expected '<!-- md:statute <article-id> -->' or "
            "'<!-- md:statute <article-id> parts=1,2.1 -->'"
        )
    parts = options["parts"].split(",") if "parts" in options else None
    return render_statute(site, positional[0], parts, lang)


def _figure(args: str, site: SiteData, lang: str, counter: Counter[str]) -> str:
    positional, options = _arguments(args)
    if len(positional) != 1 or set(options) - {"articles"}:
        raise _MarkerError(
            f"expected '<!-- md:figure <name> -->' with a name from: {', '.join(sorted(FIGURES))}"
        )
    name = positional[0]
    if name not in FIGURES:
        raise _MarkerError(f"unknown figure '{name}' (known: {', '.join(sorted(FIGURES))})")
    counter[name] += 1
    suffix = "" if counter[name] == 1 else f"-{counter[name]}"
    articles = options["articles"].split(",") if "articles" in options else None
    return render_figure(site, name, lang, id_prefix=f"figure-{name}{suffix}", articles=articles)


def _acts(args: str, site: SiteData, lang: str, _counter: Counter[str]) -> str:
    if args.split():
        raise _MarkerError("expected '<!-- md:acts -->' without arguments")
    return render_acts_table(site, lang)


_HANDLERS: dict[str, Callable[[str, SiteData, str, Counter[str]], str]] = {
    "statute": _statute,
    "figure": _figure,
    "acts": _acts,
}
MARKER_KINDS = frozenset(_HANDLERS)
# Markers other hooks replace: left in place here.
OTHER_HOOKS_KINDS = frozenset(
    {
        "translation-status",  # hooks/translations.py
        "organizations",  # hooks/help_pages.py
        "fakes",  # hooks/help_pages.py
        "glossary",  # hooks/help_pages.py
        "sources",  # hooks/help_pages.py
        "chart",  # hooks/policy_figures.py
        "policy-asks",  # hooks/policy_figures.py
        "policy-appeals",  # hooks/policy_figures.py
        "countries",  # hooks/countries.py
        "country",  # hooks/countries.py
        "release-key",  # hooks/release_key.py
    }
)
_NOT_TO_USE = {"reviewed": "do not use it: the reviewed date is shown automatically"}


def expand_markers(markdown: str, site: SiteData, lang: str, *, source: str) -> str:
    """Replace every data marker in ``markdown`` with its HTML in ``lang``.

    ``source`` names the page in error messages (``docs/en/law/desertion.md``).
    Raises ``TableMarkerError`` with one line naming the page, line and marker.
    """
    if "md:" not in markdown:  # no marker at all (most pages): nothing to read
        return markdown
    out: list[str] = []
    counter: Counter[str] = Counter()
    for number, line, in_code in code_aware_lines(markdown):
        if in_code or "md:" not in line or not _MARKER_START.search(_INLINE_CODE.sub("", line)):
            out.append(line)
            continue
        found = _MARKER.search(line)
        marker = found.group(0) if found else line.strip()
        where = f"{source}:{number}: marker '{marker}'"
        match = MARKER_LINE.match(line)
        if not match:
            raise TableMarkerError(
                f"{where}: a marker must be alone on its line, starting at column 1 "
                "(to show one, use a fenced code block)"
            )
        kind = match.group("kind")
        if kind in OTHER_HOOKS_KINDS:
            out.append(line)
            continue
        if kind in _NOT_TO_USE:
            raise TableMarkerError(f"{where}: {_NOT_TO_USE[kind]}")
        if kind not in _HANDLERS:
            raise TableMarkerError(
                f"{where}: unknown marker kind '{kind}' (known: {', '.join(sorted(_HANDLERS))})"
            )
        try:
            html = _HANDLERS[kind](match.group("args"), site, lang, counter)
        except (_MarkerError, RenderError) as exc:
            raise TableMarkerError(f"{where}: {exc}") from exc
        out.extend(["", html, ""])
    return "\n".join(out)
