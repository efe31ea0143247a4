"""The translation guard's report: problems, page statuses, and its JSON form.

Apart from ``sitetools.guard`` (the checks), so that the build, which reads
the report of the guard's own command (``python -m sitetools.guard --format
json``, hooks/build_start.py), and the status page (``render.status``) do not
import the checks.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

BLOCKING = "blocking"
WARNING = "warning"
TRANSLATIONS = ("ru", "uk")
SOURCE_LANG = "en"

UP_TO_DATE = "up-to-date"
STALE = "stale"
MISSING = "missing"


# --------------------------------------------------------------------------
# Results


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    kind: str
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.message}"


@dataclass(frozen=True)
class PageStatus:
    """A translation's state, for the status page and the banners."""

    lang: str
    path: str
    status: str
    title: str
    revision: str | None = None
    english_revision: str = ""
    translation_title: str | None = None


@dataclass
class GuardReport:
    problems: list[Problem] = field(default_factory=list)
    statuses: list[PageStatus] = field(default_factory=list)
    pages: int = 0
    languages: tuple[str, ...] = TRANSLATIONS

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == BLOCKING]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def status_of(self, lang: str, path: str) -> PageStatus | None:
        for status in self.statuses:
            if status.lang == lang and status.path == path:
                return status
        return None

    def summary(self) -> str:
        kinds = Counter(p.kind for p in self.problems)
        detail = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
        langs = 1 + len(self.languages)
        return (
            f"translation check: {len(self.blocking)} blocking, {len(self.warnings)} "
            f"warning{'s' if len(self.warnings) != 1 else ''} in {self.pages} "
            f"page{'s' if self.pages != 1 else ''} × {langs} languages"
            + (f" ({detail})" if detail else "")
        )


# --------------------------------------------------------------------------
# Output


def format_text(report: GuardReport, *, warnings: bool = True) -> str:
    lines = [str(p) for p in report.problems if warnings or p.severity == BLOCKING]
    lines.append(report.summary())
    return "\n".join(lines)


def format_json(report: GuardReport) -> str:
    payload = {
        "problems": [asdict(p) for p in report.problems],
        "pages": [asdict(s) for s in report.statuses],
        "summary": {
            "blocking": len(report.blocking),
            "warnings": len(report.warnings),
            "english_pages": report.pages,
            "languages": list(report.languages),
            "text": report.summary(),
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def parse_json(text: str) -> GuardReport:
    """The report that ``format_json`` printed (the build reads the command's output)."""
    payload = json.loads(text)
    summary = payload["summary"]
    return GuardReport(
        problems=[Problem(**p) for p in payload["problems"]],
        statuses=[PageStatus(**s) for s in payload["pages"]],
        pages=int(summary["english_pages"]),
        languages=tuple(summary["languages"]),
    )
