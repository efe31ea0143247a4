"""The site's Python: plain functions the MkDocs hooks in ``hooks/`` call.

    data/       read, validate and type data/*.yml (imports no renderer)
    render/     data -> HTML/Markdown, one registry of page markers
    guard/      the translation guard (python -m sitetools.guard)
    postbuild/  checks and fixes over the built site
    release/    make dist / make verify (the build never imports it)

See ARCHITECTURE.md at the repository root.
"""

LANGUAGES = ("en", "ru", "uk")
DEFAULT_LANGUAGE = "en"
