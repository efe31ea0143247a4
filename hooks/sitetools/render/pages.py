"""Per-page additions: source footnotes, the reviewed date, the advice notice.

Pages cite sources as footnote references whose labels are source ids
(``[^cc-rf-338]``). :func:`add_source_footnotes` appends the definitions in
the page's language, so translators never copy a citation by hand and every
language cites exactly the same sources. :func:`page_header` and
:func:`page_footer` add the reviewed date (and the date the law is described
at) and the standard "information, not legal advice" notice.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import date
from html import escape, unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markupsafe
import yaml

from ..data import SiteData, Source, Vocabulary, fill, safe_load
from .plural import NO_BREAK_SPACE
from .templates import format_date, md_escape


class PageError(ValueError):
    """A page refers to something the data does not have, or has bad front matter."""


_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
# at a line start; matched on "\n" + text: a pattern that starts with a fixed
# string is found by a fast scan, where "^" with re.M is tried at every position
_DEF = re.compile(r"\n\[\^([^\]\s]+)\]:")
_H1 = re.compile(r"^# .*$", re.M)
_FRONT_MATTER = re.compile(r"^---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)


def _without_code(markdown: str) -> str:
    if "```" not in markdown and "~~~" not in markdown:  # most pages: no fence to scan for
        return markdown
    return _FENCE.sub("", markdown)


def _cited(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for m in _REF.finditer(text):
        seen.setdefault(m.group(1), None)
    return list(seen)


def cited_ids(markdown: str) -> list[str]:
    """Footnote labels referenced in the page, in order of first use."""
    return _cited(_without_code(markdown))


def _md_text(text: str) -> str:
    """Data text as literal Markdown in a page (no markup can be injected): ``<``, ``>`` and
    ``&`` as entities (a backslash before ``<`` is not a Markdown escape and would show),
    then the punctuation Markdown reads, as ``md_escape`` escapes it."""
    return md_escape(escape(text, quote=False))


def _short_url(url: str) -> str:
    parts = urlsplit(url)
    shown = parts.netloc + parts.path
    return shown if len(shown) <= 60 else shown[:57] + "…"


def format_source(source: Source, lang: str, vocabulary: Vocabulary) -> str:
    """One footnote text: publisher, «title», date, link, accessed date."""
    title = _md_text(source.title)
    if not source.title.startswith("["):  # [a description], not a title: no quotes
        title = f"«{title}»" if lang != "en" else f"“{title}”"
    bits = [_md_text(source.publisher), title]
    if source.date:
        bits.append(format_date(source.date, lang, vocabulary))
    text = ", ".join(bits)
    text += "" if text.endswith(".") else "."
    if source.url:
        text += f" [{_md_text(_short_url(source.url))}]({source.url})"
    accessed = fill(vocabulary.words["pages"]["accessed"][lang],
                    date=format_date(source.accessed, lang, vocabulary))
    return f"{text} ({accessed})."


# The title of a footnote's back-link (↩): the footnotes extension writes it in
# English on every page (BACKLINK_TITLE in mkdocs.yml, one setting for all
# languages); a screen reader on a Russian page would read it in English.
BACKLINK_TITLE = re.compile(r' title="Jump back to footnote \d+ in the text"')


def localize_backlinks(html: str, lang: str, vocabulary: Vocabulary) -> str:
    """The footnote back-links' titles in ``lang``."""
    if "footnote-backref" not in html:
        return html
    title = escape(vocabulary.words["pages"]["backlink"][lang])
    return BACKLINK_TITLE.sub(lambda _: f' title="{title}"', html)


# A footnote reference as the footnotes extension writes it, and another one right after it
# (nothing but white space between them).
_ADJACENT_REFS = re.compile(
    r'(<sup id="fnref\d*:[^"]*"><a class="footnote-ref" [^>]*>[^<]*</a></sup>)'
    r'(\s*)(?=<sup id="fnref\d*:)')


def separate_footnote_refs(html: str) -> str:
    """A comma between two footnote numbers that follow each other ("3,4", not "34").

    Written into the HTML (not CSS ``sup + sup::before``, which cannot see the text
    between two references and put a comma after "формирований».").
    """
    if "footnote-ref" not in html:
        return html
    return _ADJACENT_REFS.sub(r'\1<sup class="footnote-sep">,</sup>\2', html)


# A number typed in groups of three digits with spaces («261 000», «1 500 000»), in the text
# of the page, not inside a tag (an SVG's viewBox="0 0 640 360"). A digit, point or comma
# just before it makes it part of something else («1234 567», «1.5 000»): ``join`` checks
# that, because a look-behind here would make the expression scan the page 3 times slower.
_GROUPED_NUMBER = re.compile(r"\d{1,3}(?: \d{3})+(?!\d)(?![^<>]*>)")
_GROUP_HINT = re.compile(r"\d \d\d\d")  # cheap: most pages have no grouped number
# An abbreviation that names the number after it: «ст. 338», «ч. 2», «№ 647», "Art. 338",
# "No. 647", "§ 3". The expression finds the space after a point, «№» or «§» before a
# digit, outside tags (cheap); ``_LABEL`` checks the word before it, from its start.
_LABEL_SPACE = re.compile(r"[.№§] (?=\d)(?![^<>]*>)")
_LABEL = re.compile(r"(?:^|[^\w])(?:(?:ст|ч|п|пп|гл|Art|Arts|No|Nos)\.|№|§)$")
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)


def _code_spans(html: str) -> list[tuple[int, int]]:
    """Where the page's code is (left as it is by the no-break passes)."""
    return [m.span() for m in _CODE.finditer(html)] if "<code" in html or "<pre" in html else []


def keep_numbers_together(html: str) -> str:
    """A no-break space between the digit groups of a number in ru and uk text.

    Translators type «261 000» with an ordinary space, and a phone screen could break the
    line between «261» and «000», which reads as 2 numbers; the data tables already write
    numbers this way (CLDR's group separator, ``plural.format_number``). Code is left as
    it is.
    """
    if not _GROUP_HINT.search(html):
        return html
    code = _code_spans(html)

    def join(m: re.Match[str]) -> str:
        at = m.start()
        if (at and html[at - 1] in "0123456789.,") or any(s <= at < e for s, e in code):
            return m.group(0)
        return m.group(0).replace(" ", NO_BREAK_SPACE)

    return _GROUPED_NUMBER.sub(join, html)


def keep_labels_with_numbers(html: str) -> str:
    """A no-break space after «ст.», «ч.», «№», "Art.", "No." before a number, in every
    language: a line that ends in «ст.» and a next line that starts with «338» makes the
    reader look for the article. Code is left as it is."""
    code = _code_spans(html)

    def join_label(m: re.Match[str]) -> str:
        at = m.start()
        if not _LABEL.search(html, max(0, at - 5), at + 1) or any(s <= at < e for s, e in code):
            return m.group(0)
        return m.group(0)[0] + NO_BREAK_SPACE

    return _LABEL_SPACE.sub(join_label, html)


_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_BODY_CELL = re.compile(r"<t([hd])((?:\s[^>]*)?)>")
_TAG = re.compile(r"<[^>]+>")


def label_table_cells(html: str) -> str:
    """Give each body cell of the page's Markdown tables its column's name (``data-label``).

    On phones a table is one card per row (data-tables.css), each cell under its column
    name, so that no table is wider than the screen; the data tables' templates write
    the labels themselves, and Markdown tables (``<table>`` without attributes) get
    them here. Cells that have a label keep it.
    """
    if "<table>" not in html:
        return html

    def table(m: re.Match[str]) -> str:
        body = m.group(1)
        head, sep, rows = body.partition("</thead>")
        if not sep:
            return m.group(0)
        labels = [escape(unescape(" ".join(_TAG.sub("", cell).split())), quote=True)
                  for cell in _HEAD_CELL.findall(head)]

        def row(r: re.Match[str]) -> str:
            column = iter(range(len(labels) + len(r.group(1))))

            def cell(c: re.Match[str]) -> str:
                i = next(column)
                if "data-label=" in c.group(2) or i >= len(labels):
                    return c.group(0)
                return f'<t{c.group(1)} data-label="{labels[i]}"{c.group(2)}>'

            return "<tr>" + _BODY_CELL.sub(cell, r.group(1)) + "</tr>"

        return "<table>" + head + sep + _ROW.sub(row, rows) + "</table>"

    return _TABLE.sub(table, html)


def add_source_footnotes(markdown: str, sources: Mapping[str, Source], lang: str,
                         vocabulary: Vocabulary, *, page: str) -> str:
    """Append a footnote definition for every cited source id not defined in the page."""
    text = _without_code(markdown)
    defined = set(_DEF.findall("\n" + text))
    missing = [i for i in _cited(text) if i not in defined]
    unknown = [i for i in missing if i not in sources]
    if unknown:
        raise PageError(f"{page}: unknown source id(s) {', '.join(unknown)} in footnote "
                        "references; add them to data/sources.yml")
    if not missing:
        return markdown
    lines = [f"[^{i}]: {format_source(sources[i], lang, vocabulary)}" for i in missing]
    return markdown.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"


# A box (admonition, or pymdownx.details' ???) as Python-Markdown reads its first line: the
# kind (one or more class words) and an optional title in double quotes.
_ADMONITION = re.compile(
    r'^(?P<head>[ \t]*(?:!!!|\?\?\?\+?) ?(?P<kinds>[\w\-]+(?: +[\w\-]+)*))'
    r'(?P<title> +"[^\n]*")? *$', re.M)


def localize_admonitions(markdown: str, lang: str, vocabulary: Vocabulary, *, page: str,
                         line_offset: int = 0) -> str:
    """Give every box without a title of its own the title of its kind in ``lang``.

    Python-Markdown titles ``!!! warning`` "Warning" in every language; this writes
    ``!!! warning "Внимание"`` instead (data/vocabulary.yml, ``words.admonitions``), so
    translators type the kind only and the guard still compares kinds between languages.
    A box of a kind the vocabulary has no title for is an error: it would show English.
    Boxes inside fenced code are left alone. ``line_offset``: lines of front matter
    before ``markdown`` (for the line numbers in errors).
    """
    if "!!!" not in markdown and "???" not in markdown:
        return markdown
    titles = vocabulary.words["admonitions"]
    fences = [m.span() for m in _FENCE.finditer(markdown)] if ("```" in markdown
                                                              or "~~~" in markdown) else []

    def title(m: re.Match[str]) -> str:
        if m.group("title") is not None or any(a <= m.start() < b for a, b in fences):
            return m.group(0)
        kind = m.group("kinds").split()[0].lower()
        if kind not in titles:
            line = markdown.count("\n", 0, m.start()) + 1 + line_offset
            raise PageError(
                f"{page}:{line}: box '{kind}' has no title, and data/vocabulary.yml has none "
                f"for that kind (words.admonitions: {', '.join(sorted(titles))}); give it a "
                'title in quotes or use one of those kinds')
        return f'{m.group("head")} "{titles[kind][lang]}"'

    return _ADMONITION.sub(title, markdown)


def _as_date(value: object, field: str, page: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise PageError(f"{page}: front matter '{field}': expected a date YYYY-MM-DD, "
                        f"got {value!r}") from None


def page_header(meta: Mapping[str, object], lang: str, vocabulary: Vocabulary, *,
                page: str, changes_link: str | None = None) -> str:
    """The dates line shown under the page title (Markdown, its text escaped), with a link
    to what changed on the site (``changes_link``, relative) where there is that page."""
    reviewed = _as_date(meta.get("reviewed"), "reviewed", page)
    if reviewed is None:
        raise PageError(f"{page}: front matter 'reviewed' is missing (the date the page's "
                        "facts were last checked, YYYY-MM-DD)")
    law_as_of = _as_date(meta.get("law_as_of"), "law_as_of", page)
    words = vocabulary.words["pages"]
    bits = []
    if law_as_of:
        bits.append(fill(words["law_as_of"][lang], date=format_date(law_as_of, lang, vocabulary)))
    bits.append(fill(words["reviewed"][lang], date=format_date(reviewed, lang, vocabulary)))
    line = " · ".join(_md_text(b) for b in bits)
    if changes_link:
        what = _md_text(vocabulary.words["changes"]["what_changed"][lang])
        line += f" · [{what}]({changes_link})"
    return line + "\n{: .page-reviewed }"


def escape_front_matter(value: Any) -> Any:
    """Front matter with every string escaped as HTML text (``markupsafe.Markup``).

    MkDocs renders theme templates without autoescaping, and Material prints
    ``page.meta.description``, ``page.meta.title`` and others as they are: a
    ``"`` in a description would end the attribute, and a translator could write
    markup or a script. Escaped here, once, they print as text wherever a template
    uses them (a template's own ``| e`` leaves Markup alone). Dates, numbers,
    lists and mappings keep their type.
    """
    if isinstance(value, str):
        return markupsafe.escape(value)
    if isinstance(value, list):
        return [escape_front_matter(v) for v in value]
    if isinstance(value, dict):
        return {k: escape_front_matter(v) for k, v in value.items()}
    return value


def insert_after_title(markdown: str, block: str) -> str:
    """Put ``block`` right after the page's ``# Title`` line (or first, if it has none)."""
    m = _H1.search(markdown)
    if not m or _FENCE.search(markdown[: m.start()] + "\n"):
        return block + "\n\n" + markdown
    return markdown[: m.end()] + "\n\n" + block + "\n" + markdown[m.end():]


def page_footer(lang: str, help_link: str, vocabulary: Vocabulary) -> str:
    """The "information, not legal advice" line that ends every page (Markdown)."""
    words = vocabulary.words["pages"]
    return (f"{_md_text(words['not_advice'][lang])} "
            f"[{_md_text(words['help_link'][lang])}]({help_link}).\n{{: .page-notice }}\n")


def help_link(src_uri: str, target: str = "help/index.md") -> str:
    """Relative link from a page (``ru/law/x.md``) to ``target`` in its language folder."""
    depth = src_uri.count("/") - 1  # the first segment is the language folder
    return "../" * depth + target


@functools.lru_cache(maxsize=8)  # every page asks; SiteData hashes by identity
def words_in(site: SiteData, lang: str) -> Mapping[str, Mapping[str, str]]:
    """Every section of ``words`` in data/vocabulary.yml, in ``lang`` (for templates)."""
    return {section: {key: text[lang] for key, text in texts.items()}
            for section, texts in site.vocabulary.words.items()}


def front_matter(folder: Path, key: str) -> dict[str, object]:
    """``law/x.md`` -> the value of ``key`` in its front matter, for every page in ``folder``
    that has one (a page whose front matter does not parse is left to its own build)."""
    values: dict[str, object] = {}
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        match = _FRONT_MATTER.match(text)
        try:
            meta = safe_load(match.group(1)) if match else None
        except yaml.YAMLError:
            continue
        if isinstance(meta, dict) and meta.get(key) is not None:
            values[path.relative_to(folder).as_posix()] = meta[key]
    return values


def front_matter_titles(folder: Path) -> dict[str, str]:
    """``law/x.md`` -> the page's title, for every page in ``folder``."""
    return {page: str(title) for page, title in front_matter(folder, "title").items()}


def front_matter_dates(folder: Path, key: str) -> dict[str, date]:
    """``law/x.md`` -> the date in ``key`` (``reviewed``), for every page that has a valid one."""
    dates = {}
    for page, value in front_matter(folder, key).items():
        try:
            dates[page] = value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError:
            continue  # the page's own build reports it
    return dates
