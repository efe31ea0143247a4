"""Plain, tested Python behind the site's MkDocs hooks.

The modules here know nothing of MkDocs: they take data and text and return
text, so they can be tested directly and reused by the command-line tools.
The files in ``hooks/`` are thin adapters that call them from MkDocs events.
"""

LANGUAGES = ("en", "ru", "uk")
DEFAULT_LANGUAGE = "en"
