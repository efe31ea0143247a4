"""INFO lines of the stack that look alarming and are harmless on this site: left out of
the build's log (``hooks/build_start.py`` installs the filter when MkDocs loads it).

* mkdocs-static-i18n: "The 'extra.alternate' configuration contains a 'link' option
  that should be an absolute path '/' and end with a trailing '/'": the offline/mirror
  profile links every page relatively on purpose (``use_directory_urls: false``,
  ``file://``, mirrors under any path); the links it warns about work.
* mkdocs-static-i18n: "Language 'uk' is not supported by lunr.js, not setting it in the
  'plugins.search.lang' option": search is per language here, and Ukrainian queries are
  stemmed by the site's own script (``overrides/assets/javascripts/search-stem.js``).

Only these exact messages are dropped; every other line, and every warning, stays.
"""

from __future__ import annotations

import logging

# logger -> texts whose records are dropped (a record is dropped if it contains one)
HARMLESS: dict[str, tuple[str, ...]] = {
    "mkdocs.plugins.mkdocs_static_i18n.reconfigure": (
        "configuration contains a 'link' option that should be an absolute path '/' "
        "and end with a trailing '/'",
        "is not supported by lunr.js, not setting it in the 'plugins.search.lang' option",
    ),
}


class HarmlessMessages(logging.Filter):
    """Drops INFO (and quieter) records that contain one of ``texts``."""

    def __init__(self, texts: tuple[str, ...]) -> None:
        super().__init__()
        self.texts = texts

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO:
            return True
        message = record.getMessage()
        return not any(text in message for text in self.texts)


def quiet_harmless_messages() -> None:
    """Install the filters (once per logger, however often MkDocs loads the hooks)."""
    for name, texts in HARMLESS.items():
        logger = logging.getLogger(name)
        if not any(isinstance(f, HarmlessMessages) for f in logger.filters):
            logger.addFilter(HarmlessMessages(texts))
