"""Renderers: data and a language in, HTML or Markdown out (pure functions).

``markers`` is the one registry of ``<!-- md:… -->`` markers and calls the
others; ``pages`` adds source footnotes, the reviewed date and the notice to
every page; ``status`` makes the translation-status tables and banners. The
HTML lives in Jinja templates under ``overrides/partials/`` (``templates``).
"""
