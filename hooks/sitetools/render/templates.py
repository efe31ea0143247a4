"""What every renderer shares: its error, the Jinja templates, and dates in words.

The HTML of every generated block lives in Jinja templates under
``overrides/partials/`` (autoescaped: no data string can inject markup);
``render_template`` renders one as a single block of HTML without blank
lines, so it can stand in a Markdown page as one raw HTML block.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from ..data import Vocabulary, fill

# overrides/partials/ at the repository root (hooks/sitetools/render/ -> ../../../).
PARTIALS = Path(__file__).resolve().parents[3] / "overrides" / "partials"


class RenderError(ValueError):
    """A marker asked for something the data does not have (unknown article or part)."""


@functools.cache
def _environment(partials: Path) -> jinja2.Environment:
    return jinja2.Environment(
        # the data blocks' templates import their macros by plain name
        loader=jinja2.FileSystemLoader([partials / "data", partials]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_template(name: str, **context: Any) -> str:
    """Render ``overrides/partials/data/<name>`` as one block of HTML without blank lines."""
    return render_partial(name, **context)


def render_partial(name: str, **context: Any) -> str:
    """Render ``overrides/partials/<name>`` (or ``partials/data/<name>``) as one block of
    HTML without blank lines."""
    html = _environment(PARTIALS).get_template(name).render(**context)
    lines = (line.strip(" \t\r") for line in html.split("\n"))
    return "\n".join(line for line in lines if line)


# Not < and >: the templates' autoescape makes them &lt; and &gt;, which Markdown never
# reads as markup, and a backslash before an entity would show on the page.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|])")


def md_escape(text: str) -> str:
    """Plain text as literal Markdown: punctuation that means something gets a backslash
    (for data text in a template element with ``markdown="1"`` or ``"span"``, which the
    template then autoescapes)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def format_date(day: date, lang: str, vocabulary: Vocabulary) -> str:
    """ "24 September 2022", «24 сентября 2022 года», «24 вересня 2022 року»."""
    return fill(
        vocabulary.formats["date"][lang],
        day=str(day.day),
        month=vocabulary.months[lang][day.month - 1],
        year=str(day.year),
    )
