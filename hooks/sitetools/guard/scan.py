"""Read one Markdown page into the facts the translation guard compares.

A page is scanned line by line, once. The scanner knows just enough Markdown
for this job (front matter, fenced code, HTML comments, ATX and setext
headings, admonitions, pipe tables, links, footnote references) and returns a
``PageScan``: headings, admonitions, markers, tables, images, citations,
internal links, contacts (external links, e-mail, Telegram, phone, onion,
bare web addresses) and the numbers in the prose.

What counts as a number (the rules are also in CONTRIBUTING.md):

* Only digits count. Numbers written as words are not compared; the guard
  warns about common number words instead (``number-word``).
* Not counted: front matter, fenced and inline code, link and image targets,
  URLs, e-mail addresses, phone numbers, Telegram handles, HTML comments
  (markers), HTML tags and attributes, attribute lists such as ``{#id}``,
  footnote labels ``[^id]``, emoji shortcodes and the number of an ordered
  list item at the start of a line (``1.`` / ``1)``).
* Thousands separators are removed: a group of exactly three digits after a
  space, no-break space (U+00A0), narrow no-break space (U+202F) or thin space
  (U+2009) continues the number in every language (``10 000`` = ``10000``);
  in English a comma does the same (``10,000``).
* Decimals: ``.`` in every language, and ``,`` in Russian and Ukrainian
  (``2,5`` = ``2.5``). Article and part numbers such as ``352.1`` are kept
  whole.
* A full date is one value, ``2022-09-21``, in any of its forms and the
  three languages: "21 September 2022", "September 21, 2022", «21 сентября
  2022 года», «21 вересня 2022 року», ``21.09.2022``, ``2022-09-21``.
* Any other chain with two or more dots (``1.2.3``) is several numbers.
  Leading zeros are dropped (``09`` = ``9``).
* "part 3 of Article 338" and «ч. 3 ст. 338» give 338 then 3, as "Art. 338
  part 3" does (the order of numbers is compared).
* Anything else splits numbers: ``3–10`` is 3 and 10, ``365-FZ`` is 365,
  ``24th`` is 24.
* Each number carries the unit written after it (year, month, week, day,
  hour, percent, money, or none): in a paragraph, numbers of one unit keep
  the English order.

The page is also read as blocks (paragraphs, list items, table rows,
headings, admonition titles: their prose, lines joined) and fenced code
blocks (compared with English except comments).
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..data import safe_load
from .confusable import lookalike

# --------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Item:
    """Something compared between languages: ``key`` compares, ``label`` reads."""

    line: int
    key: str
    label: str
    section: str = ""


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    id: str | None
    text: str


@dataclass(frozen=True)
class Number:
    line: int
    value: str
    section: str = ""
    unit: str = ""  # what follows it: year, month, week, day, hour, percent, money, or ''


@dataclass(frozen=True)
class Contact:
    """An external address. ``kind``: url, domain, email, telegram, phone, onion."""

    line: int
    kind: str
    value: str
    section: str = ""


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, table row, heading or admonition title, as prose.

    ``text``: its lines without markup, joined with newlines; ``numbers``: the
    numbers in it, in order.
    """

    line: int
    kind: str
    section: str
    text: str
    numbers: tuple[Number, ...] = ()


@dataclass(frozen=True)
class CodeBlock:
    """A fenced code block: its info string and lines (the fence's indent removed)."""

    line: int
    info: str
    lines: tuple[str, ...]
    section: str = ""


@dataclass
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    error_line: int = 1
    revision: str | None = None
    revision_line: int = 0
    present: bool = False


@dataclass
class PageScan:
    path: str
    lang: str
    front: FrontMatter
    body_line: int
    headings: list[Heading] = field(default_factory=list)
    admonitions: list[Item] = field(default_factory=list)
    markers: list[Item] = field(default_factory=list)
    tables: list[Item] = field(default_factory=list)
    images: list[Item] = field(default_factory=list)
    footnotes: list[Item] = field(default_factory=list)
    links: list[Item] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    prose: list[tuple[int, str]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    code: list[CodeBlock] = field(default_factory=list)
    encoding_error: str | None = None
    encoding_line: int = 1
    section_lines: dict[str, list[str]] = field(default_factory=dict)

    @property
    def title(self) -> str:
        value = self.front.data.get("title")
        if isinstance(value, str) and value.strip():
            return value.strip()
        for heading in self.headings:
            if heading.level == 1:
                return heading.text
        return self.path

    def heading_line(self, section: str) -> int:
        """Line of the heading that opens ``section`` ('' = before any heading)."""
        for heading in self.headings:
            if (heading.id or "") == section and section:
                return heading.line
        return self.body_line


# --------------------------------------------------------------------------
# Hashes (source_revision)


def blob_id(data: bytes) -> str:
    """The git blob id of ``data`` after CRLF/CR are normalized to LF."""
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    header = b"blob %d\x00" % len(data)
    return hashlib.sha1(header + data, usedforsecurity=False).hexdigest()


def source_revision(path: Path) -> str:
    """What a translation of ``path`` records as ``source_revision``."""
    return blob_id(path.read_bytes())[:12]


# --------------------------------------------------------------------------
# Contacts: one normal form for page text and for the data files

TELEGRAM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_TELEGRAM_HOSTS = {"t.me", "www.t.me", "telegram.me", "www.telegram.me", "telegram.dog"}
_DEFAULT_PORTS = {"http": 80, "https": 443}

KIND_LABELS = {
    "url": "link",
    "domain": "web address",
    "email": "e-mail",
    "telegram": "Telegram",
    "phone": "phone",
    "onion": "onion address",
    "signal": "Signal",
}


def normalize_phone(text: str) -> str:
    return "+" + re.sub(r"\D", "", text)


def normalize_telegram(text: str) -> str | None:
    """'@Name', 'Name', 't.me/Name' or 'https://t.me/Name' → '@name'."""
    value = text.strip()
    if "/" in value or value.lower().startswith(("t.me", "telegram.me")):
        kind, norm = classify_url(value if "://" in value else "https://" + value)
        return norm if kind == "telegram" else None
    value = value.removeprefix("@")
    return "@" + value.lower() if TELEGRAM_NAME.fullmatch(value) else None


def classify_url(url: str) -> tuple[str, str]:
    """Kind and normal form of an absolute URL (or mailto:/tel:)."""
    text = url.strip().strip("<>")
    low = text.lower()
    if low.startswith("mailto:"):
        return "email", text[7:].split("?", 1)[0].lower()
    if low.startswith("tel:"):
        return "phone", normalize_phone(text[4:])
    if low.startswith("//"):
        text, low = "https:" + text, "https:" + low
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        return "url", low
    scheme = parts.scheme.lower()
    if host.endswith(".onion"):
        return "onion", host
    if host in _TELEGRAM_HOSTS:
        segments = [s for s in parts.path.split("/") if s]
        if segments and segments[0] == "s":
            segments = segments[1:]
        if segments and TELEGRAM_NAME.fullmatch(segments[0]):
            return "telegram", "@" + segments[0].lower()
    if low.startswith("tg://resolve"):
        match = re.search(r"domain=([A-Za-z0-9_]+)", text)
        if match:
            return "telegram", "@" + match.group(1).lower()
    netloc = host
    if port is not None and _DEFAULT_PORTS.get(scheme) != port:
        netloc += f":{port}"
    value = f"{scheme}://{netloc}{parts.path or '/'}"
    if parts.query:
        value += "?" + parts.query
    return "url", value


def domain_forms(url_value: str) -> set[str]:
    """The bare-address forms ('host/path') under which a URL may be written in text."""
    parts = urlsplit(url_value)
    host = (parts.hostname or "").lower()
    if not host:
        return set()
    path = parts.path.rstrip("/")
    return {host + path} if path else {host}


def normalize_domain(text: str) -> str:
    host, _, path = text.partition("/")
    path = path.rstrip("/")
    return host.lower() + ("/" + path if path else "")


# --------------------------------------------------------------------------
# Regular expressions

_FENCE_OPEN = re.compile(r"^\s*(`{3,}|~{3,})")
_MARKER = re.compile(r"<!--\s*(md:[\w.-]+(?:\s+[^\s]+)*?)\s*-->")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_HEADING_ATTRS = re.compile(r"\{([^{}]*)\}\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ADMONITION = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s*([\w-]+)(.*)$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_LIST_NUMBER = re.compile(r"^(\s*(?:>\s*)*)\d{1,9}[.)](?=\s|$)")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"!\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s<>]*)>?(?:\s+[^)]*)?\)")
_LINK = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_AUTOLINK = re.compile(r"<((?:[a-zA-Z][a-zA-Z0-9+.-]*:|www\.)[^<>\s]+|[^<>\s@]+@[^<>\s@]+)>")
_HTML_URL_ATTR = re.compile(r"""\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ATTR_TOKEN = r"(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
_ATTR_LIST = re.compile(r"\{:?\s*" + _ATTR_TOKEN + r"(?:\s+" + _ATTR_TOKEN + r")*\s*\}")
_SHORTCODE = re.compile(r":[a-z][a-z0-9_+]*(?:-[a-z0-9_+]+)+:|:[a-z]+_[a-z0-9_]+:")
_BARE_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\"'\[\]]+")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_TELEGRAM_LINK = re.compile(r"(?<![\w./@-])(?:t|telegram)\.me/[A-Za-z0-9_+/-]+", re.I)
_ONION = re.compile(r"(?<![\w.-])[a-z2-7]{16,56}\.onion\b(?:/[^\s<>\"'()\[\]]*)?", re.I)
_TLDS = (
    "org|com|net|info|ru|ua|su|by|de|eu|fr|uk|am|ge|kz|kg|uz|lv|lt|ee|fi|pl|cz|at|ch|nl|be|"
    "se|no|dk|es|it|pt|tr|rs|me|io|live|media|news|online|site|app|today|world|press|pro|"
    "guide|dev|tv|fm|ngo|int|gov|edu|ca|us|to|la|cc|ws|is|rf|рф|укр"
)
_DOMAIN = re.compile(
    r"(?<![\w@./-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:" + _TLDS + r"))"
    r"(?![\w-])(/[^\s<>\"'()\[\]]*)?",
    re.I,
)
# Necessary conditions for the three above, much cheaper to look for: a line
# without one cannot match (a page's sentences almost all have a dot).
_TELEGRAM_HINT = re.compile(r"\.me/", re.I)
_ONION_HINT = re.compile(r"\.onion", re.I)
_DOMAIN_HINT = re.compile(r"[a-z0-9]\.(?:" + _TLDS + r")(?![\w-])", re.I)
# A word with dots or an '@' in it, or a handle, with a letter that is not ASCII:
# perhaps a contact written with look-alike letters (``ovdinfо.org``, Cyrillic о).
_WIDE_CONTACT = re.compile(r"(?<![\w@.+-])@?[\w+-]+(?:[.@][\w+-]+)+|(?<![\w@])@\w{4,}")
_WIDE_HINT = re.compile(r"\w[.@]\w|@\w")
_CYRILLIC_TLDS = frozenset({"рф", "укр", "срб", "бел", "қаз", "мкд", "мон", "рус", "москва"})
# Letters of other scripts that look like Latin ones (enough to decide whether
# the full Unicode data is worth loading for a word; sitetools.guard.contacts).
_LOOKS_LATIN = frozenset("аеорсхуіјѕԁһԛԝкмнвтзьпгдлАЕОРСХУІЈЅКМНВТЗԌԀΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοιкνρυ")
_PHONE = re.compile(r"(?<![\w+])\+\d[\d \u00a0\u202f\u2009().-]{5,}\d")
_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z][A-Za-z0-9_]{3,31})(?![\w@])")
_TRAILING_PUNCT = ".,;:!?»”’\"')"
_DOTTED = re.compile(r"(?<!\d)(?<!\d[.,])\d+(?:\.\d+){2,}(?!\.?\d)")
_DIGIT_RUN = re.compile(r"\d+(?:[ \u00a0\u202f\u2009.,]\d+)*")
_SPACES = " \u00a0\u202f\u2009"
_RUN_SPLIT = re.compile(r"([ \u00a0\u202f\u2009.,])")
_HAS_DIGIT = re.compile(r"\d")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_WHOLE_URL = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|mailto:|tel:)\S+", re.I)

# --------------------------------------------------------------------------
# Numbers


def _canonical(int_part: str, frac: str | None) -> str:
    whole = int_part.lstrip("0") or "0"
    return f"{whole}.{frac}" if frac else whole


def _split_run(run: str, lang: str) -> list[str]:
    """Turn one run of digits and separators ('10 000', '2,5', '1, 2') into numbers."""
    parts = _RUN_SPLIT.split(run)
    groups, seps = parts[0::2], parts[1::2]
    numbers: list[str] = []
    int_part, frac, grouping = groups[0], None, None
    for sep, group in zip(seps, groups[1:], strict=True):
        thousands = sep in _SPACES or (sep == "," and lang == "en")
        continues = grouping == sep or (grouping is None and len(int_part) <= 3)
        if thousands and frac is None and len(group) == 3 and continues:
            int_part += group
            grouping = sep
            continue
        if sep in ".," and not thousands and frac is None:
            frac = group
            continue
        numbers.append(_canonical(int_part, frac))
        int_part, frac, grouping = group, None, None
    numbers.append(_canonical(int_part, frac))
    return numbers


_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan январь января январе январю янв січень січня січні січнем січ",
        "february feb февраль февраля феврале фев лютий лютого лютому лют",
        "march mar март марта марте березень березня березні бер",
        "april apr апрель апреля апреле апр квітень квітня квітні квіт",
        "may май мая мае травень травня травні трав",
        "june jun июнь июня июне червень червня червні черв",
        "july jul июль июля июле липень липня липні лип",
        "august aug август августа августе авг серпень серпня серпні серп",
        "september sep sept сентябрь сентября сентябре сент вересень вересня вересні вер",
        "october oct октябрь октября октябре окт жовтень жовтня жовтні жовт",
        "november nov ноябрь ноября ноябре нояб листопад листопада листопаді лист",
        "december dec декабрь декабря декабре дек грудень грудня грудні груд",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_GAP = r"[ \t\n\u00a0\u202f\u2009]+"
# Full dates in any of the three languages become one value, 'YYYY-MM-DD', so
# that "9 January 2026", «9 січня 2026 року» and «09.01.2026» compare equal.
_DATES: tuple[tuple[re.Pattern[str], tuple[int, int, int], re.Pattern[str] | None], ...] = (
    # the expression, the groups that hold day, month and year, and what any
    # match must contain (much cheaper to look for than a month's name)
    (
        re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d]|\.\d)"),
        (1, 2, 3),
        re.compile(r"\d\.\d{1,2}\.\d"),
    ),
    (re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])"), (3, 2, 1), re.compile(r"\d-\d")),
    (
        re.compile(r"(?<![\d.,])(\d{1,2})(?:st|nd|rd|th)?" + _GAP + _MONTH + r",?" + _GAP
                   + r"(\d{4})(?!\d)", re.I),
        (1, 2, 3),
        re.compile(r"[\w.,]" + _GAP + r"\d{4}"),
    ),
    (
        re.compile(r"(?<![\w])" + _MONTH + _GAP + r"(\d{1,2})(?:st|nd|rd|th)?," + _GAP
                   + r"(\d{4})(?!\d)", re.I),
        (2, 1, 3),
        re.compile(r"\d," + _GAP + r"\d{4}"),
    ),
)
# "part 3 of Article 338", «ч. 3 ст. 338», «частини 3 статті 338»: the article
# first, as in "Art. 338 part 3", so that the order of numbers compares.
_PART_FIRST = re.compile(
    r"(?<!\w)(?:parts?|ч\.|част[ьияюі]\w*)" + _GAP + r"(\d+(?:\.\d+)?)" + _GAP
    + r"(?:(?:of|of the)" + _GAP + r")?(?:Art\.|Articles?|ст\.|стат[ьеияіт]\w*)" + _GAP
    + r"(\d+(?:\.\d+)?)(?![\d])",
    re.I,
)
_PART_HINT = re.compile(r"ч\.|част|part", re.I)
_DATE_HINT = re.compile(r"\d[ \t\n\u00a0\u202f\u2009]+\w|\d\.\d|\d-\d\d-|\w[ \u00a0]\d", re.I)


_UNITS = (
    ("year", r"years?\b|yrs?\b|год|лет\b|рок|рік"),
    ("month", r"months?\b|месяц|місяц"),
    ("week", r"weeks?\b|недел|тиж"),
    ("day", r"(?:calendar |working |business )?days?\b|(?:календарн|рабоч|робоч)\w* (?:дн|день|дня)"
            r"|дн|день|дня|сут|доб"),
    ("hour", r"hours?\b|час|годин"),
    ("percent", r"%|per ?cent|процент|відсот"),
    ("money", r"euros?\b|€|eur\b|roubles?|rubles?|руб|гривн|hryvn|dollars?|долл|usd\b|євро|евро"),
)
_UNIT = re.compile(
    r"[ \u00a0\u202f\u2009]*(?:(" + ")|(".join(pattern for _, pattern in _UNITS) + "))", re.I
)


def _unit(text: str, end: int) -> str:
    """The unit written after a number that ends at ``end`` ('' if none is known)."""
    match = _UNIT.match(text, end)
    return _UNITS[match.lastindex - 1][0] if match and match.lastindex else ""


def _date_value(day: str, month: str, year: str) -> str | None:
    month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    if month_number is None or not 1 <= month_number <= 12 or not 1 <= int(day) <= 31:
        return None
    return f"{year}-{month_number:02d}-{int(day):02d}"


def find_numbers(text: str, lang: str) -> list[tuple[int, str, str]]:
    """The numbers in a piece of prose: offset, value and unit (see the module docstring)."""
    if not _HAS_DIGIT.search(text):
        return []
    found: list[tuple[int, str, str]] = []

    def blank(match: re.Match[str], *values: str) -> str:
        found.extend((match.start(), value, "") for value in values)
        return " " * (match.end() - match.start())

    def date(match: re.Match[str], groups: tuple[int, int, int]) -> str:
        value = _date_value(*(match.group(g) for g in groups))
        return blank(match, value) if value else match.group(0)

    if _DATE_HINT.search(text):
        for pattern, groups, hint in _DATES:
            if hint is None or hint.search(text):
                text = pattern.sub(lambda m, g=groups: date(m, g), text)
    if _PART_HINT.search(text):
        text = _PART_FIRST.sub(
            lambda m: blank(m, _canonical(*m.group(2).partition(".")[::2]),
                            _canonical(*m.group(1).partition(".")[::2])), text)
    if "." in text:
        text = _DOTTED.sub(
            lambda m: blank(m, *(_canonical(p, None) for p in m.group(0).split("."))), text
        )
    for match in _DIGIT_RUN.finditer(text):
        values = _split_run(match.group(0), lang)
        unit = _unit(text, match.end())
        found.extend((match.start(), value, "") for value in values[:-1])
        found.append((match.start(), values[-1], unit))
    found.sort(key=lambda item: item[0])  # stable: one match's values keep their order
    return found


def extract_numbers(text: str, lang: str) -> list[str]:
    """The numbers in a piece of prose, normalized, in order (see the module docstring)."""
    return [value for _, value, _ in find_numbers(text, lang)]


# --------------------------------------------------------------------------
# Front matter


_REVISION_LINE = re.compile(r"^source_revision:\s*[\"']?([^\"'#\s]*)[\"']?\s*(?:#.*)?$")


def _front_matter(lines: list[str]) -> tuple[FrontMatter, int]:
    """Parse the front matter; return it and the index of the first body line."""
    front = FrontMatter()
    if not lines or lines[0].rstrip() != "---":
        return front, 0
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        front.error = "front matter is not closed by a line '---'"
        return front, 0
    front.present = True
    block = lines[1:end]
    for offset, line in enumerate(block, start=2):
        match = _REVISION_LINE.match(line)
        if match:
            front.revision, front.revision_line = match.group(1), offset
    try:
        data = safe_load("\n".join(block))
    except yaml.YAMLError as error:
        # where the broken value starts (an unclosed quote), else where it broke
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        front.error_line = mark.line + 2 if mark is not None else 2  # the YAML starts on line 2
        words = [getattr(error, "context", None), getattr(error, "problem", None)]
        problem = ", ".join(w for w in words if w) or str(error).splitlines()[0]
        front.error = f"front matter is not valid YAML: {problem}"
        return front, end + 1
    except ValueError as error:  # a date that does not exist: 2026-13-45
        front.error = f"front matter is not valid YAML: {error}"
        return front, end + 1
    if data is None:
        data = {}
    if not isinstance(data, dict):
        front.error = "front matter is not a mapping of keys to values"
        data = {}
    front.data = data
    return front, end + 1


# --------------------------------------------------------------------------
# The scanner


class _Scanner:
    """One pass over a page's lines. Use ``scan_page``."""

    def __init__(self, path: str, lang: str, text: str) -> None:
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        front, start = _front_matter(self.lines)
        self.start = start
        self.page = PageScan(path=path, lang=lang, front=front, body_line=start + 1)
        self.section = ""
        self.page.section_lines[""] = []
        self.dir = posixpath.dirname(path)
        self.block_lines: list[tuple[int, str]] = []
        self.block_kind: str | None = None
        self.in_table = False

    # -- driver ------------------------------------------------------------

    def run(self) -> None:
        fence: tuple[str, int, int, int, str] | None = None  # char, length, indent, line, info
        code: list[str] = []
        in_comment = False
        previous_paragraph: tuple[int, str] | None = None
        for index in range(self.start, len(self.lines)):
            lineno = index + 1
            raw = self.lines[index]
            self.page.section_lines.setdefault(self.section, []).append(raw.strip())
            if fence is not None:
                if re.match(r"^\s*" + re.escape(fence[0]) + "{" + str(fence[1]) + r",}\s*$", raw):
                    self._code(fence, code)
                    fence, code = None, []
                else:
                    code.append(raw)
                continue
            opened = _FENCE_OPEN.match(raw)
            if opened and not in_comment:
                self._flush()
                marks = opened.group(1)
                indent = len(raw) - len(raw.lstrip())
                fence = (marks[0], len(marks), indent, lineno, raw[opened.end() :].strip())
                previous_paragraph = None
                continue
            line, in_comment = self._strip_comments(raw, in_comment, lineno)
            if not line.strip():
                self._flush()
                self.in_table = False
                previous_paragraph = None
                continue
            if previous_paragraph and self._setext(line, previous_paragraph):
                previous_paragraph = None
                continue
            previous_paragraph = self._block(line, lineno)
        self._flush()
        if fence is not None:
            self._code(fence, code)

    # -- blocks ------------------------------------------------------------

    def _code(self, fence: tuple[str, int, int, int, str], lines: list[str]) -> None:
        indent = fence[2]
        body = tuple(
            (line[indent:] if line[:indent].isspace() else line.lstrip()).rstrip() for line in lines
        )
        self.page.code.append(CodeBlock(fence[3], fence[4], body, self.section))

    def _open(self, kind: str) -> None:
        self._flush()
        self.block_kind = kind

    def _add_line(self, lineno: int, text: str, kind: str = "paragraph") -> None:
        if not self.block_lines:
            self.block_kind = kind if self.block_kind is None else self.block_kind
        self.block_lines.append((lineno, text))

    def _flush(self) -> None:
        lines, kind = self.block_lines, self.block_kind or "paragraph"
        self.block_lines, self.block_kind = [], None
        if not lines:
            return
        text = "\n".join(t for _, t in lines)
        numbers: list[Number] = []
        found = find_numbers(text, self.page.lang)
        if found:
            starts, offset = [], 0
            for lineno, piece in lines:
                starts.append((offset, lineno))
                offset += len(piece) + 1
            at = 0
            for position, value, unit in found:
                while at + 1 < len(starts) and starts[at + 1][0] <= position:
                    at += 1
                numbers.append(Number(starts[at][1], value, self.section, unit))
            self.page.numbers.extend(numbers)
        self.page.blocks.append(Block(lines[0][0], kind, self.section, text, tuple(numbers)))

    # -- block level -----------------------------------------------------

    def _strip_comments(self, raw: str, in_comment: bool, lineno: int) -> tuple[str, bool]:
        if not in_comment and "<!--" not in raw:
            return raw, False
        out: list[str] = []
        rest = raw
        while rest:
            if in_comment:
                end = rest.find("-->")
                if end < 0:
                    return "".join(out), True
                rest, in_comment = rest[end + 3 :], False
                continue
            start = rest.find("<!--")
            if start < 0:
                out.append(rest)
                break
            out.append(rest[:start] + " ")
            end = rest.find("-->", start + 4)
            if end < 0:
                return "".join(out), True
            self._marker(rest[start : end + 3], lineno)
            rest = rest[end + 3 :]
        return "".join(out), False

    def _marker(self, comment: str, lineno: int) -> None:
        match = _MARKER.fullmatch(comment.strip())
        if match:
            key = " ".join(match.group(1).split())
            self.page.markers.append(Item(lineno, key, f"<!-- {key} -->", self.section))

    def _setext(self, line: str, previous: tuple[int, str]) -> bool:
        match = _SETEXT.match(line)
        if not match or "|" in previous[1] or _LIST_MARKER.match(previous[1]):
            return False
        level = 1 if match.group(1)[0] == "=" else 2
        text = ""
        if self.block_lines and self.block_lines[-1][0] == previous[0]:
            text = self.block_lines.pop()[1]
        self._flush()
        self._add_heading(previous[0], level, previous[1].strip(), text=text)
        return True

    def _block(self, line: str, lineno: int) -> tuple[int, str] | None:
        """Handle one non-blank body line; return it if it may start a setext heading."""
        atx = _ATX.match(line)
        if atx:
            self._flush()
            self._add_heading(lineno, len(atx.group(1)), atx.group(2) or "")
            return None
        admonition = _ADMONITION.match(line)
        if admonition:
            kind = admonition.group(2).lower()
            self.page.admonitions.append(Item(lineno, kind, f'"{kind}"', self.section))
            self._open("title")
            self._add_line(lineno, self._inline(admonition.group(3), lineno))
            self._flush()
            return None
        if "|" in line and "-" in line and _TABLE_SEP.match(line):
            columns = len(line.strip().strip("|").split("|"))
            label = f"{columns} column{'s' if columns != 1 else ''} wide"
            self.page.tables.append(Item(lineno, str(columns), label, self.section))
            if self.block_lines:
                self.block_kind = "table row"
            self._flush()
            self.in_table = True
            return None
        ref = _REF_DEF.match(line)
        if ref:
            if ref.group(1).startswith("^"):
                self._open("footnote")
                self._add_line(lineno, self._inline(line[ref.end(1) + 2 :], lineno))
            else:
                self._target(ref.group(2), lineno, image=False)
            return None
        if self.in_table and "|" in line:
            self._open("table row")
            self._add_line(lineno, self._inline(line, lineno))
            self._flush()
            return None
        if _LIST_MARKER.match(line):
            self._open("list item")
        self._add_line(lineno, self._inline(_LIST_NUMBER.sub(r"\1", line, count=1), lineno))
        return (lineno, line)

    def _add_heading(self, lineno: int, level: int, content: str, text: str | None = None) -> None:
        content = re.sub(r"[ \t]+#+[ \t]*$", "", content)
        heading_id = None
        attrs = _HEADING_ATTRS.search(content)
        if attrs:
            for token in attrs.group(1).split():
                if token.startswith("#") and len(token) > 1:
                    heading_id = token[1:]
            content = content[: attrs.start()]
        title = content.strip()
        self.page.headings.append(Heading(lineno, level, heading_id, title))
        if heading_id:
            previous = self.page.section_lines.get(self.section, [])
            moved = [previous.pop()] if previous else []
            self.section = heading_id
            self.page.section_lines.setdefault(heading_id, []).extend(moved)
        self._open("heading")
        self._add_line(lineno, self._inline(title, lineno) if text is None else text)
        self._flush()

    # -- inline level ----------------------------------------------------

    def _inline(self, text: str, lineno: int) -> str:
        """The prose of one line: contacts, links and markup taken out (and recorded)."""
        if "`" in text:
            text = _INLINE_CODE.sub(" ", text)
        if "](" in text:
            text = _IMAGE.sub(lambda m: self._image(m, lineno), text)
            text = _LINK.sub(lambda m: self._link(m, lineno), text)
        if "[^" in text:
            text = _FOOTNOTE.sub(lambda m: self._footnote(m, lineno), text)
        if "<" in text:
            text = _AUTOLINK.sub(lambda m: self._autolink(m, lineno), text)
            text = _HTML_TAG.sub(lambda m: self._html_tag(m, lineno), text)
        if "{" in text:
            text = _ATTR_LIST.sub(" ", text)
        if "&" in text:
            text = html.unescape(text)
        if ":" in text:
            text = _SHORTCODE.sub(" ", text)
            text = _BARE_URL.sub(lambda m: self._bare_url(m, lineno), text)
        if not text.isascii() and _WIDE_HINT.search(text):
            text = _WIDE_CONTACT.sub(lambda m: self._wide(m, lineno), text)
        if "@" in text:
            text = _EMAIL.sub(lambda m: self._contact_sub(m, lineno, "email"), text)
        if "." in text:  # each hint is what any match must contain (same flags)
            if _TELEGRAM_HINT.search(text):
                text = _TELEGRAM_LINK.sub(lambda m: self._bare_url(m, lineno, "https://"), text)
            if _ONION_HINT.search(text):
                text = _ONION.sub(lambda m: self._bare_url(m, lineno, "http://"), text)
            if _DOMAIN_HINT.search(text):
                text = _DOMAIN.sub(lambda m: self._domain(m, lineno), text)
        if "+" in text:
            text = _PHONE.sub(lambda m: self._phone(m, lineno), text)
        if "@" in text:
            text = _HANDLE.sub(lambda m: self._contact_sub(m, lineno, "telegram"), text)
        self.page.prose.append((lineno, text))
        return text

    def _image(self, match: re.Match[str], lineno: int) -> str:
        self._target(match.group(2), lineno, image=True)
        return match.group(1)

    def _link(self, match: re.Match[str], lineno: int) -> str:
        self._target(match.group(2), lineno, image=False)
        return match.group(1)

    def _footnote(self, match: re.Match[str], lineno: int) -> str:
        label = match.group(1)
        self.page.footnotes.append(Item(lineno, label, f"[^{label}]", self.section))
        return " "

    def _autolink(self, match: re.Match[str], lineno: int) -> str:
        target = match.group(1)
        if "@" in target and not _SCHEME.match(target):
            target = "mailto:" + target
        elif target.lower().startswith("www."):
            target = "https://" + target
        self._target(target, lineno, image=False)
        return " "

    def _html_tag(self, match: re.Match[str], lineno: int) -> str:
        tag = match.group(0)
        for attr in _HTML_URL_ATTR.finditer(tag):
            value = html.unescape(attr.group(2) or attr.group(3) or attr.group(4) or "")
            self._target(value, lineno, image=attr.group(1).lower() == "src")
        return " "

    def _bare_url(self, match: re.Match[str], lineno: int, prefix: str = "") -> str:
        url = match.group(0)
        trimmed = url.rstrip(_TRAILING_PUNCT)
        if url.endswith(")") and trimmed.count("(") > trimmed.count(")"):
            trimmed += ")"
        rest = url[len(trimmed) :]
        self._target(prefix + trimmed, lineno, image=False)
        return " " + rest

    def _domain(self, match: re.Match[str], lineno: int) -> str:
        text = match.group(0)
        trimmed = text.rstrip(_TRAILING_PUNCT)
        self._add_contact(lineno, "domain", normalize_domain(trimmed))
        return " " + text[len(trimmed) :]

    def _wide(self, match: re.Match[str], lineno: int) -> str:
        """A contact with a non-ASCII letter: a Cyrillic domain, or a look-alike."""
        token = match.group(0).rstrip("-+")
        if token.isascii():
            return match.group(0)
        last = token.rsplit(".", 1)[-1].lower()
        if token.startswith("@"):
            kind = "telegram"
        elif "@" in token:
            kind = "email"
        elif "." in token:
            kind = "domain"
        else:
            return match.group(0)
        has_latin = any(c.isascii() and c.isalpha() for c in token)
        if kind == "domain" and last in _CYRILLIC_TLDS:
            self._add_contact(lineno, kind, token.lower())
            return " " + match.group(0)[len(token) :]
        if not has_latin and not all(c in _LOOKS_LATIN for c in last if c.isalpha()):
            return match.group(0)  # «т.е.», «ст.338»: Cyrillic words, not a contact
        looks = lookalike(token)
        shaped = {
            "telegram": lambda: TELEGRAM_NAME.fullmatch(looks[1:]) is not None,
            "email": lambda: _EMAIL.fullmatch(looks) is not None,
            "domain": lambda: _DOMAIN.fullmatch(looks) is not None,
        }[kind]()
        if not shaped:
            return match.group(0)
        self._add_contact(lineno, kind, token.lower())
        return " " + match.group(0)[len(token) :]

    def _phone(self, match: re.Match[str], lineno: int) -> str:
        value = normalize_phone(match.group(0))
        if len(value) < 8:
            return match.group(0)
        self._add_contact(lineno, "phone", value)
        return " "

    def _contact_sub(self, match: re.Match[str], lineno: int, kind: str) -> str:
        text = match.group(0)
        if kind == "email":
            self._add_contact(lineno, kind, text.lower())
        else:
            self._add_contact(lineno, kind, "@" + match.group(1).lower())
        return " "

    def _add_contact(self, lineno: int, kind: str, value: str) -> None:
        self.page.contacts.append(Contact(lineno, kind, value, self.section))

    def _target(self, target: str, lineno: int, *, image: bool) -> None:
        target = target.strip().strip("<>")
        if not target:
            return
        if _SCHEME.match(target) or target.startswith("//"):
            kind, value = classify_url(target)
            self._add_contact(lineno, kind, value)
            return
        path, _, anchor = target.partition("#")
        path = path.split("?", 1)[0]
        if path.startswith("/"):
            resolved = posixpath.normpath(path)
        elif path:
            resolved = posixpath.normpath(posixpath.join(self.dir, path))
        else:
            resolved = self.page.path
        key = f"{resolved}#{anchor}" if anchor else resolved
        items = self.page.images if image else self.page.links
        items.append(Item(lineno, key, key, self.section))


def contacts_in(text: str) -> list[Contact]:
    """The contacts in one string (a data file's value): URLs, e-mail, handles, phones…"""
    text = text.strip()
    if not text:
        return []
    scanner = _Scanner("data", "en", "")
    if _WHOLE_URL.fullmatch(text):
        scanner._target(text, 1, image=False)  # the whole value is an address
    else:
        for line in text.splitlines():
            scanner._inline(line, 1)
    return scanner.page.contacts


def scan_page(text: str, lang: str, path: str = "index.md") -> PageScan:
    """Scan one page. ``path`` is relative to the language folder (``law/x.md``)."""
    scanner = _Scanner(path, lang, text)
    scanner.run()
    return scanner.page
