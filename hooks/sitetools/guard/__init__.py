"""The translation guard: compare every ru/uk page with its English original.

``check.check_tree`` checks a docs tree and returns a ``report.GuardReport``;
``scan.scan_page`` reads one page (headings, blocks, numbers, links,
contacts, code); ``prose`` judges a page's language and finds claims of
absence; ``contacts`` checks the addresses in data/ and data/contacts.lock;
``confusable`` finds addresses written with look-alike letters;
``glossary`` finds the variants the glossary says to avoid. The same code
runs in the build (``hooks/build_start.py``), as a command
(``python -m sitetools.guard``) and in pytest.
"""
