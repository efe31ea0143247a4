"""Every ``<!-- md:kind … -->`` marker, expanded through one registry.

A marker is an HTML comment alone on its line, starting at column 1 or
indented with spaces as the box (``!!! tip``) or list item it stands in; it
stays invisible if the build does not run. ``expand_markers`` replaces each
one with the block its renderer makes in the page's language, every line
indented as the marker was. Markers in
fenced code blocks and inline code are left alone, so CONVENTIONS.md can
show them. Anything else that looks like a marker is an error naming the
page, the line and the marker; an unknown kind lists every kind there is.

To add a marker: write its renderer (data and a language in, HTML or
Markdown out) in this package, a handler below that reads the marker's
arguments and calls it, and a ``Marker`` in ``MARKERS``; document it in
CONVENTIONS.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..data import SiteData
from . import (
    cases,
    changes,
    charts,
    claims,
    countries,
    figures,
    help,
    policy,
    release_key,
    status,
    statutes,
)
from .templates import RenderError

__all__ = ["MARKERS", "MarkerError", "Page", "code_aware_lines", "expand_markers"]


class MarkerError(ValueError):
    """A marker that cannot be expanded: one line naming the page, the line and the marker."""


@dataclass
class Page:
    """What a marker's renderer may know of the page it stands in."""

    site: SiteData
    lang: str  # the language being built (a missing translation still gets its tables)
    source: str  # "docs/ru/law/x.md", for messages
    path: str = "index.md"  # "law/x.md": the page inside its language folder, for links
    url: str = ""  # the page's URL in the built site ("ru/about/x.html")
    use_directory_urls: bool = False
    translation_statuses: Sequence[status.PageStatus] | None = None  # the guard's report
    release_key_file: Path | None = None  # keys/release.pub
    page_titles: Mapping[str, str] = field(default_factory=dict)  # path -> title, this language
    line_offset: int = 0  # lines of front matter above the Markdown, for messages
    # what the page has rendered so far: ids for repeated figures, completeness checks
    seen: Counter[str] = field(default_factory=Counter)
    organization_kinds: list[str] = field(default_factory=list)
    source_groups: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------
# Arguments


def _options(args: str, allowed: Sequence[str], usage: str) -> tuple[list[str], dict[str, str]]:
    """Positional arguments and ``key=value`` options; an option not in ``allowed`` fails."""
    positional: list[str] = []
    options: dict[str, str] = {}
    for token in args.split():
        key, sep, value = token.partition("=")
        if not sep:
            positional.append(token)
        elif not key or not value or key in options or key not in allowed:
            raise RenderError(f"unexpected '{token}' (expected {usage})")
        else:
            options[key] = value
    return positional, options


def _one_id(args: str, known: Sequence[str], what: str, usage: str) -> str:
    """The one id a marker takes; the messages list the ``known`` ids (the renderer says
    which id is unknown)."""
    listed = ", ".join(known)
    positional, _ = _options(args, (), f"{what} from: {listed}")
    if len(positional) != 1:
        raise RenderError(f"expected {usage} from: {listed}")
    return positional[0]


def _none(args: str, kind: str) -> None:
    if args.split():
        raise RenderError(f"expected '<!-- md:{kind} -->' without arguments")


def _numbered(page: Page, prefix: str, name: str) -> str:
    """An id prefix unique on the page: ``figure-timeline``, then ``figure-timeline-2``."""
    page.seen[f"{prefix}{name}"] += 1
    count = page.seen[f"{prefix}{name}"]
    return f"{prefix}{name}" if count == 1 else f"{prefix}{name}-{count}"


def _once(page: Page, kind: str, what: str) -> None:
    page.seen[kind] += 1
    if page.seen[kind] > 1:
        raise RenderError(f"{what} already rendered on this page")


def _no_repeat(done: list[str], chosen: Sequence[str], what: str) -> None:
    again = [value for value in chosen if value in done]
    if again:
        raise RenderError(f"{what} {', '.join(again)} already rendered on this page")
    done.extend(chosen)


# --------------------------------------------------------------------------
# Handlers: the marker's arguments -> its renderer


def _statute(args: str, page: Page) -> str:
    usage = "'<!-- md:statute <article-id> -->' or '<!-- md:statute <article-id> parts=1,2.1 -->'"
    positional, options = _options(args, ("parts",), usage)
    if len(positional) != 1:
        raise RenderError(f"expected {usage}")
    parts = options["parts"].split(",") if "parts" in options else None
    return statutes.render_statute(page.site, positional[0], parts, page.lang)


def _figure(args: str, page: Page) -> str:
    known = ", ".join(sorted(figures.FIGURES))
    positional, options = _options(args, ("articles",), f"a figure name from: {known}")
    if len(positional) != 1:
        raise RenderError(f"expected '<!-- md:figure <name> -->' with a name from: {known}")
    name = positional[0]
    if name not in figures.FIGURES:
        raise RenderError(f"unknown figure '{name}' (known: {known})")
    articles = options["articles"].split(",") if "articles" in options else None
    return figures.render_figure(page.site, name, page.lang,
                                 id_prefix=_numbered(page, "figure-", name), articles=articles)


def _acts(args: str, page: Page) -> str:
    usage = ("'<!-- md:acts -->', '<!-- md:acts kind=treaty,eu-act -->' or "
             "'<!-- md:acts ids=a,b -->'")
    positional, options = _options(args, ("kind", "ids"), usage)
    if positional or len(options) > 1:
        raise RenderError(f"expected {usage}")
    kinds = options["kind"].split(",") if "kind" in options else None
    ids = options["ids"].split(",") if "ids" in options else None
    return statutes.render_acts_table(page.site, page.lang, kinds=kinds, ids=ids)


def _chart(args: str, page: Page) -> str:
    positional, _ = _options(args, (), "one chart id")
    if len(positional) != 1:
        raise RenderError("expected '<!-- md:chart <id> -->' with one chart id")
    chart_id = positional[0]
    return charts.render_chart(page.site, chart_id, page.lang,
                               id_prefix=_numbered(page, "chart-", chart_id))


def _policy_asks(args: str, page: Page) -> str:
    _none(args, "policy-asks")
    return policy.render_asks(page.site, page.lang)


def _policy_appeals(args: str, page: Page) -> str:
    _none(args, "policy-appeals")
    return policy.render_appeals(page.site, page.lang)


def _countries(args: str, page: Page) -> str:
    _none(args, "countries")
    return countries.render_comparison(page.site, page.lang, page_path=page.path)


def _country(args: str, page: Page) -> str:
    country_id = _one_id(args, countries.country_ids(page.site), "one country id",
                         "'<!-- md:country <country-id> -->' with an id")
    return countries.render_country(page.site, country_id, page.lang)


def _country_cases(args: str, page: Page) -> str:
    country_id = _one_id(args, countries.country_ids(page.site), "one country id",
                         "'<!-- md:country-cases <country-id> -->' with an id")
    return countries.render_country_cases(page.site, country_id, page.lang, page_path=page.path)


def _cases(args: str, page: Page) -> str:
    group = _one_id(args, cases.case_group_ids(page.site), "one case group",
                    "'<!-- md:cases <group> -->' with a group")
    return cases.render_cases(page.site, group, page.lang)


def _claim(args: str, page: Page) -> str:
    claim_id = _one_id(args, claims.claim_ids(page.site), "one claim id",
                       "'<!-- md:claim <claim-id> -->' with an id")
    return claims.render_claim(page.site, claim_id, page.lang)


def _organizations(args: str, page: Page) -> str:
    positional, options = _options(args, ("kind",), "kind=a,b")
    if positional:
        raise RenderError(f"unexpected '{positional[0]}' (expected kind=a,b)")
    kinds = options["kind"].split(",") if "kind" in options else None
    for value in kinds or ():
        if value not in help.ORGANIZATION_KINDS:
            raise RenderError(f"unknown organization kind '{value}' "
                              f"(known: {', '.join(help.ORGANIZATION_KINDS)})")
    _no_repeat(page.organization_kinds, kinds or list(help.ORGANIZATION_KINDS),
               "organizations of kind")
    return help.render_organizations(page.site, page.lang, kinds)


def _sources(args: str, page: Page) -> str:
    positional, options = _options(args, ("group",), "group=a,b")
    if positional:
        raise RenderError(f"unexpected '{positional[0]}' (expected group=a,b)")
    groups = options["group"].split(",") if "group" in options else None
    chosen = groups or list(help.SOURCE_GROUPS) + sorted(
        {s.group for s in page.site.sources.values()})
    _no_repeat(page.source_groups, chosen, "sources of group")
    return help.render_sources(page.site, page.lang, groups)


def _fakes(args: str, page: Page) -> str:
    _none(args, "fakes")
    _once(page, "fakes", "the fakes are")
    return help.render_fakes(page.site, page.lang)


def _glossary(args: str, page: Page) -> str:
    _none(args, "glossary")
    _once(page, "glossary", "the glossary is")
    return help.render_glossary(page.site, page.lang, page_path=page.path,
                                titles=page.page_titles)


def _glossary_notes(args: str, page: Page) -> str:
    _none(args, "glossary-notes")
    return help.render_glossary_notes(page.site, page.lang, page_path=page.path)


def _translation_status(args: str, page: Page) -> str:
    _none(args, "translation-status")
    if page.translation_statuses is None:
        raise RenderError("the translation guard has not run in this build")
    return status.render_status(page.translation_statuses, page.site.vocabulary,
                                ui_lang=page.lang, from_url=page.url,
                                use_directory_urls=page.use_directory_urls)


def _release_key(args: str, page: Page) -> str:
    _none(args, "release-key")
    path = page.release_key_file
    text = path.read_text(encoding="utf-8") if path is not None and path.is_file() else None
    return release_key.release_key_markdown(text, page.lang, page.site.vocabulary)


def _changes(args: str, page: Page) -> str:
    _none(args, "changes")
    return changes.render_changes(page.site, page.lang, page_path=page.path,
                                  titles=page.page_titles)


def _reviewed(args: str, page: Page) -> str:
    raise RenderError("do not use it: the reviewed date is shown automatically")


@dataclass(frozen=True)
class Marker:
    handler: Callable[[str, Page], str]
    listed: bool = True  # False: a kind that exists only to say "do not use it"


MARKERS: dict[str, Marker] = {
    "statute": Marker(_statute),  # statute table of data/statutes.yml
    "figure": Marker(_figure),  # SVG timeline or penalty chart + table
    "acts": Marker(_acts),  # table of data/acts.yml
    "chart": Marker(_chart),  # chart of data/statistics.yml
    "policy-asks": Marker(_policy_asks),  # the asks of data/policy.yml
    "policy-appeals": Marker(_policy_appeals),  # the earlier appeals of data/policy.yml
    "countries": Marker(_countries),  # comparison table of data/countries.yml
    "country": Marker(_country),  # facts box of one country
    "country-cases": Marker(_country_cases),  # the documented cases of one country
    "claim": Marker(_claim),  # a claim of absence or completeness (data/claims.yml)
    "cases": Marker(_cases),  # one group of dated cases of data/cases.yml
    "organizations": Marker(_organizations),  # data/organizations.yml
    "fakes": Marker(_fakes),  # documented fake channels (data/organizations.yml)
    "glossary": Marker(_glossary),  # data/glossary.yml
    "glossary-notes": Marker(_glossary_notes),  # for translators: unconfirmed forms, avoid
    "sources": Marker(_sources),  # data/sources.yml, by group
    "translation-status": Marker(_translation_status),  # the guard's status tables
    "release-key": Marker(_release_key),  # keys/release.pub
    "changes": Marker(_changes),  # data/changes.yml, newest first
    "reviewed": Marker(_reviewed, listed=False),
}
KNOWN = ", ".join(sorted(kind for kind, marker in MARKERS.items() if marker.listed))


# --------------------------------------------------------------------------
# Reading a page

MARKER_LINE = re.compile(
    r"^(?P<indent> *)<!--\s*md:(?P<kind>[a-z][a-z0-9-]*)"
    r"(?P<args>(?:[ \t]+[^\s]+)*)[ \t]*-->[ \t]*$"
)
_MARKER = re.compile(r"<!--\s*md:(?P<kind>\S*)(?P<args>.*?)\s*-->")
_MARKER_START = re.compile(r"<!--\s*md:")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]*)*")
_FENCE_OPEN = re.compile(_QUOTE_PREFIX.pattern + r"(?P<fence>`{3,}|~{3,})")


def code_aware_lines(markdown: str) -> Iterator[tuple[int, str, bool]]:
    """(line number from 1, line, whether it is part of a fenced code block)."""
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        if fence is not None:
            closing = _QUOTE_PREFIX.sub("", line).rstrip()
            if closing.startswith(fence) and set(closing) == {fence[0]}:
                fence = None
            yield number, line, True
            continue
        opening = _FENCE_OPEN.match(line)
        if opening:
            fence = opening.group("fence")
            yield number, line, True
            continue
        yield number, line, False


def expand_markers(markdown: str, page: Page) -> str:
    """Replace every marker in ``markdown`` with its block in ``page.lang``.

    Raises ``MarkerError`` with one line naming the page, the line and the marker;
    also when a page renders part of the organizations or sources but not all.
    """
    if "md:" not in markdown:  # no marker at all (most pages): nothing to read
        return markdown
    out: list[str] = []
    for number, line, in_code in code_aware_lines(markdown):
        if in_code or "md:" not in line or not _MARKER_START.search(_INLINE_CODE.sub("", line)):
            out.append(line)
            continue
        found = _MARKER.search(line)
        marker = found.group(0) if found else line.strip()
        where = f"{page.source}:{number + page.line_offset}: marker '{marker}'"
        match = MARKER_LINE.match(line)
        if not match:
            raise MarkerError(
                f"{where}: a marker must be alone on its line, starting at column 1 or indented "
                "with spaces (to show one, use a fenced code block)"
            )
        if match.group("indent") and not _continues_a_block(out, len(match.group("indent"))):
            raise MarkerError(
                f"{where}: an indented marker must stand inside a box (!!! …) or a list item; "
                "an indented line on its own is a code block (start it at column 1)"
            )
        kind = match.group("kind")
        if kind not in MARKERS:
            raise MarkerError(f"{where}: unknown marker kind '{kind}' (known: {KNOWN})")
        try:
            block = MARKERS[kind].handler(match.group("args"), page)
        except RenderError as exc:
            raise MarkerError(f"{where}: {exc}") from exc
        out.extend(["", _indent(block, match.group("indent")), ""])
    _check_complete(page)
    return "\n".join(out)


_BLOCK_OPENER = re.compile(r"^ *(?:!!!|\?\?\?\+?|[-*+] |\d+[.)] )")


def _continues_a_block(lines: Sequence[str], indent: int) -> bool:
    """Whether the last non-blank line before an indented marker opens a box or a list
    item, or is itself indented as far: else Markdown reads the marker's block as code."""
    for line in reversed(lines):
        if line.strip():
            return bool(_BLOCK_OPENER.match(line)) or len(line) - len(line.lstrip(" ")) >= indent
    return False


def _indent(block: str, prefix: str) -> str:
    """Every line of ``block`` but the blank ones indented by ``prefix``: a marker indented
    inside a box or a list item expands inside it."""
    if not prefix:
        return block
    return "\n".join(prefix + line if line.strip() else "" for line in block.split("\n"))


def _check_complete(page: Page) -> None:
    """A page that renders some organizations or sources renders them all."""
    site = page.site
    _all_rendered(page, [o.kind for o in site.organizations.values()], page.organization_kinds,
                  "organizations of kind", "organizations kind")
    if page.organization_kinds and not page.seen["fakes"]:
        raise MarkerError(
            f"{page.source}: a page with organizations must also have '<!-- md:fakes -->' "
            "(each contact links to its cases)"
        )
    _all_rendered(page, [s.group for s in site.sources.values()], page.source_groups,
                  "sources of group", "sources group")


def _all_rendered(page: Page, present: list[str], done: list[str], what: str,
                  marker: str) -> None:
    """Nothing, or every value of ``present`` (``marker``: kind and option to add it)."""
    missing = [v for v in dict.fromkeys(present) if v not in done]
    if done and missing:
        kind, option = marker.split()
        raise MarkerError(
            f"{page.source}: {what} {', '.join(missing)} are not rendered: "
            f"add '<!-- md:{kind} {option}={','.join(missing)} -->'"
        )
