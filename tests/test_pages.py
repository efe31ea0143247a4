"""Source footnotes, dates and the advice line added to every page."""

from __future__ import annotations

from datetime import date

import pytest

from sitetools.data import load_all
from sitetools.render.pages import (
    PageError,
    add_source_footnotes,
    cited_ids,
    format_source,
    help_link,
    insert_after_title,
    keep_labels_with_numbers,
    keep_numbers_together,
    label_table_cells,
    localize_admonitions,
    page_footer,
    page_header,
    separate_footnote_refs,
)

from conftest import ROOT, fixture_data_dir

VOCABULARY = load_all(ROOT / "data").vocabulary


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return load_all(fixture_data_dir(tmp_path_factory.mktemp("pages")))


def test_cited_ids_ignore_code_and_definitions() -> None:
    md = "A.[^a] B.[^b] A again.[^a]\n\n```\n[^c]\n```\n\n[^d]: defined here\n"
    assert cited_ids(md) == ["a", "b"]


def test_footnotes_are_added_in_the_page_language(site) -> None:
    sid = next(iter(site.sources))
    md = f"# T\n\nA fact.[^{sid}]\n"
    for lang in ("en", "ru", "uk"):
        out = add_source_footnotes(md, site.sources, lang, site.vocabulary, page="p.md")
        line = out.splitlines()[-1]
        assert line.startswith(f"[^{sid}]: ")
        assert {"en": "accessed", "ru": "дата обращения", "uk": "дата звернення"}[lang] in line


def test_unknown_source_id_names_the_page(site) -> None:
    with pytest.raises(PageError, match=r"^docs/ru/x.md: unknown source id\(s\) nope "):
        add_source_footnotes("x[^nope]", site.sources, "ru", site.vocabulary,
                             page="docs/ru/x.md")


def test_source_text_cannot_inject_markup(site) -> None:
    from dataclasses import replace

    src = replace(next(iter(site.sources.values())), title="<script>x</script> *b*",
                  publisher="[a](javascript:x)")
    text = format_source(src, "en", site.vocabulary)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\[a\\]" in text and "\\*b\\*" in text


def test_source_text_shows_as_written_in_the_footnote(site) -> None:
    """Markup-like text reaches the reader as text: escaped, with no stray backslash."""
    from dataclasses import replace

    from conftest import site_markdown

    src = replace(next(iter(site.sources.values())), title="<b>x</b> a < b & c *d*",
                  publisher="AT&T [a](javascript:x)")
    html = site_markdown(f"Text.[^s]\n\n[^s]: {format_source(src, 'en', site.vocabulary)}\n")
    assert "<b>" not in html and 'href="javascript' not in html
    assert "&lt;b&gt;x&lt;/b&gt; a &lt; b &amp; c *d*" in html
    assert "AT&amp;T [a](javascript:x)" in html
    assert "\\" not in html


def test_header_shows_law_date_and_reviewed_date(site) -> None:
    meta = {"reviewed": date(2026, 11, 21), "law_as_of": "2026-11-20"}
    assert page_header(meta, "ru", site.vocabulary, page="p") == (
        "Законодательство на 20 ноября 2026\u00a0года · "
        "Проверено 21 ноября 2026\u00a0года\n{: .page-reviewed }")
    linked = page_header(meta, "uk", site.vocabulary, page="p",
                         changes_link="../about/changes.md")
    assert linked.endswith(" · [Що змінилося](../about/changes.md)\n{: .page-reviewed }")
    with pytest.raises(PageError, match="front matter 'reviewed' is missing"):
        page_header({}, "en", site.vocabulary, page="p")
    with pytest.raises(PageError, match="expected a date YYYY-MM-DD, got 'soon'"):
        page_header({"reviewed": "soon"}, "en", site.vocabulary, page="p")


def test_header_goes_under_the_title_and_footer_links_help() -> None:
    assert insert_after_title("---\n# Title {#top}\n\nText", "X") == \
        "---\n# Title {#top}\n\nX\n\n\nText"
    assert help_link("ru/law/x.md") == "../help/index.md"
    assert help_link("uk/index.md") == "help/index.md"
    footer = page_footer("ru", "../help/index.md", VOCABULARY)
    assert "[где найти помощь](../help/index.md)" in footer


def test_footnote_backlinks_are_titled_in_the_page_language() -> None:
    from sitetools.render.pages import localize_backlinks

    from conftest import site_markdown

    html = site_markdown("A[^a] and B.[^a]\n\n[^a]: Source.")
    assert html.count('class="footnote-backref"') == 2
    assert localize_backlinks(html, "ru", VOCABULARY).count('title="Назад к тексту"') == 2
    assert localize_backlinks(html, "uk", VOCABULARY).count('title="Назад до тексту"') == 2
    assert "Jump back" not in localize_backlinks(html, "en", VOCABULARY)


# ------------------------------------------------------------------ box titles


def test_boxes_without_a_title_get_one_in_the_page_language() -> None:
    md = ('!!! warning\n    Text.\n\n!!! danger inline end\n    Risk.\n\n'
          '    !!! note\n        Nested.\n\n??? tip\n    Folded.\n')
    ru = localize_admonitions(md, "ru", VOCABULARY, page="docs/ru/x.md")
    assert ru.splitlines()[0] == '!!! warning "Внимание"'
    assert '!!! danger inline end "Опасность"' in ru
    assert '    !!! note "Примечание"' in ru and '??? tip "Совет"' in ru
    uk = localize_admonitions(md, "uk", VOCABULARY, page="docs/uk/x.md")
    assert '!!! warning "Увага"' in uk
    assert localize_admonitions(md, "en", VOCABULARY, page="x").startswith('!!! warning "Warning"')


def test_boxes_with_a_title_or_in_code_are_left_alone() -> None:
    md = ('!!! tip "Что это значит для вас"\n    A.\n\n!!! note ""\n    B.\n\n'
          '```\n!!! warning\n```\n')
    assert localize_admonitions(md, "ru", VOCABULARY, page="x") == md


def test_box_of_a_kind_without_a_title_names_the_line() -> None:
    md = "# T\n\n!!! info\n    Text.\n"
    with pytest.raises(PageError, match=r"^docs/ru/x.md:7: box 'info' has no title"):
        localize_admonitions(md, "ru", VOCABULARY, page="docs/ru/x.md", line_offset=4)


def test_box_titles_in_the_vocabulary_are_translated() -> None:
    for kind, title in VOCABULARY.words["admonitions"].items():
        assert title["ru"] != title["en"] and title["uk"] != title["en"], kind
        assert '"' not in title.en + title.ru + title.uk


# ------------------------------------------------------------------ footnote numbers


def _ref(label: str, n: int, again: str = "") -> str:
    return (f'<sup id="fnref{again}:{label}"><a class="footnote-ref" href="#fn:{label}">'
            f"{n}</a></sup>")


def test_adjacent_footnote_numbers_get_a_comma_and_only_they() -> None:
    html = (f"<p>Desertion.{_ref('a', 1)}{_ref('b', 2)} {_ref('c', 3, '2')} "
            f"and «формирований».{_ref('d', 4)}</p>")
    out = separate_footnote_refs(html)
    sep = '<sup class="footnote-sep">,</sup>'
    assert out.count(sep) == 2
    assert f"{_ref('a', 1)}{sep}{_ref('b', 2)}{sep} {_ref('c', 3, '2')}" in out
    # text between two references: no comma ("формирований».,4" was the bug)
    assert f"формирований».{_ref('d', 4)}" in out
    assert separate_footnote_refs("<p>no notes</p>") == "<p>no notes</p>"


# ------------------------------------------------------------------ tables on phones


def test_markdown_table_cells_get_their_column_name() -> None:
    from conftest import site_markdown

    html = site_markdown('| Period | Cases *(est.)* | "Note" |\n| --- | ---: | --- |\n'
                         "| 2023 | 5 | a [link](x.md) |\n| 2024 | 7 | b |\n")
    out = label_table_cells(html)
    assert out.count('data-label="Period"') == 2
    assert out.count('data-label="Cases (est.)"') == 2
    assert out.count('data-label="&quot;Note&quot;"') == 2
    assert '<td data-label="Cases (est.)" style="text-align: right;">5</td>' in out


def test_cells_with_a_label_and_tables_with_attributes_keep_theirs() -> None:
    data = ('<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr>'
            '<th scope="row" data-label="Part">1</th><td>x</td></tr></tbody></table>')
    out = label_table_cells(data)
    assert '<th scope="row" data-label="Part">1</th><td data-label="B">x</td>' in out
    other = '<table class="translation-status-table"><tr><td>x</td></tr></table>'
    assert label_table_cells(other) == other


# ------------------------------------------------------------------ numbers on phones


def test_a_number_in_digit_groups_stays_on_one_line() -> None:
    nbsp = "\u00a0"
    html = ('<p title="1 000 км">Призыв: 261 000 человек, 1 500 000 рублей, в 2026 году, '
            "ст. 322 и 1,5 000? 1234 567</p>"
            '<svg viewBox="0 0 640 360"><text>150 000</text></svg>'
            "<pre><code>x = 10 000</code></pre><p><code>5 000</code> 12 345 678</p>")
    out = keep_numbers_together(html)
    assert f"261{nbsp}000 человек" in out
    assert f"1{nbsp}500{nbsp}000 рублей" in out
    assert f"<text>150{nbsp}000</text>" in out
    assert f"12{nbsp}345{nbsp}678" in out
    # not inside a tag, not in code, not a single number or a decimal
    assert 'title="1 000 км"' in out and 'viewBox="0 0 640 360"' in out
    assert "x = 10 000" in out and "<code>5 000</code>" in out
    assert "в 2026 году, ст. 322 и 1,5 000? 1234 567" in out
    assert keep_numbers_together("<p>no numbers</p>") == "<p>no numbers</p>"


def test_an_article_or_decree_label_stays_with_its_number() -> None:
    nbsp = "\u00a0"
    html = ('<p>ч. 2 ст. 338 УК, Указ № 647, Art. 338 and Decree No. 647, § 3; '
            'Nos. 4 and Arts. 5. Conscripts in 2026. 15 лет, сп. 3, Бест. 4</p>'
            '<a title="ст. 5">x</a><p><code>ст. 5</code></p><pre><code>No. 6</code></pre>')
    out = keep_labels_with_numbers(html)
    for label in ("ч.", "ст.", "№", "Art.", "No.", "§", "Nos.", "Arts."):
        assert f"{label}{nbsp}" in out, label
    assert out.count(nbsp) == 8
    # a sentence's end, a word that only ends like a label, a tag and code are left alone
    assert "2026. 15 лет, сп. 3, Бест. 4" in out
    assert 'title="ст. 5"' in out and "<code>ст. 5</code>" in out and "No. 6" in out
