"""The translation guard (sitetools/guard/, hooks/build_start.py, hooks/page_html.py).

Fixture trees in tests/fixtures/guard/<case>/ hold one defect each (see
tests/fixtures/guard/build.py). The check of the real docs/ tree is left to
the lead's build test.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sitetools.data import load_all
from sitetools.guard.check import (
    BLOCKING,
    STALE,
    UP_TO_DATE,
    WARNING,
    Declared,
    PageStatus,
    check_pair,
    check_tree,
    main,
)
from sitetools.guard.report import GuardReport
from sitetools.guard.scan import blob_id, extract_numbers, scan_page, source_revision
from sitetools.render.status import banner_html, page_url, relative_url, render_status

from conftest import ROOT

VOCABULARY = load_all(ROOT / "data").vocabulary

FIXTURES = Path(__file__).parent / "fixtures" / "guard"
DESERTION_REV = source_revision(FIXTURES / "ok" / "docs" / "en" / "law" / "desertion.md")
UNDECLARED = "is not declared in data/organizations.yml or data/sources.yml"

RU, UK, EN = (f"docs/{lang}/law/desertion.md" for lang in ("ru", "uk", "en"))
ORGS, LOCK = "data/organizations.yml", "data/contacts.lock"
CHANGE = "contact change: "
MIXED = ("mixes Cyrillic and Latin letters («\u043e» cyrillic small letter o): it looks like")

# case -> (problem lines, exit code)
EXPECTED: dict[str, tuple[list[str], int]] = {
    "ok": ([], 0),
    "missing": ([f"{RU}:1: missing: no translation of {EN}"], 1),
    "orphan": (
        [
            "docs/uk/law/extra.md:1: missing: exists only in this translation "
            "(no docs/en/law/extra.md)"
        ],
        1,
    ),
    "heading-id": (
        [
            f"{RU}:12: structure: heading is ## {{#penalty}} here, ## {{#penalties}} in English "
            "(line 11)"
        ],
        1,
    ),
    "heading-level": (
        [f"{UK}:25: structure: heading {{#help}} is level 3 here, level 2 in English (line 24)"],
        1,
    ),
    "admonition": (
        [f'{RU}:22: structure: admonition is "note" here, "warning" in English (line 21)'],
        1,
    ),
    "marker": (
        [
            f"{UK}:12: structure: marker <!-- md:statute cc-338 --> (English line 15) "
            "is missing here"
        ],
        1,
    ),
    "table": (
        [f"{RU}:19: structure: table is 2 columns wide here, 3 columns wide in English (line 18)"],
        1,
    ),
    "citation": ([f"{RU}:12: structure: citation [^src-b] (English line 13) is missing here"], 1),
    "link": (
        [
            f"{UK}:23: structure: link law/index.md#what-is-here in English is missing here "
            "(found law/index.md#what-here instead?)"
        ],
        1,
    ),
    "fact": ([f"{RU}:10: fact: number 15 in English is missing here (found 5 instead?)"], 1),
    "contact-undeclared": (
        [
            f"{path}:{line}: contact: e-mail legal@ovd1nfo.org {UNDECLARED} "
            "(did you mean legal@ovdinfo.org?)"
            for path, line in ((EN, 26), (RU, 27), (UK, 27))
        ],
        1,
    ),
    "contact-parity": (
        [f"{UK}:25: contact: link https://ovdinfo.org/ in English (line 26) is missing here"],
        1,
    ),
    "frontmatter": (
        [
            f'{UK}:1: frontmatter: no source_revision: add "source_revision: {DESERTION_REV}" '
            "when this page translates the current English text"
        ],
        1,
    ),
    "stale": (
        [
            f"{RU}:5: stale: translates English revision aaaaaaaaaaaa, English is now "
            f"{DESERTION_REV}: the old English text is not in git history; compare by hand"
        ],
        0,
    ),
    "glossary": (
        [
            f'{RU}:10: glossary: "самоволка" is a variant to avoid; use '
            '"самовольное оставление части (СОЧ)" (unauthorized-abandonment)'
        ],
        0,
    ),
    # hostile or careless changes (issue #17): each fails with one clear line
    "language-english": (
        [
            f"{RU}:10: language: most of the prose (100%) is in English, not Russian; first such "
            'paragraph: "Desertion during mobilization carries up to 15 years."'
        ],
        1,
    ),
    "language-ukrainian": (
        [
            f"{RU}:10: language: most of the prose (100%) is in Ukrainian, not Russian; first "
            'such paragraph: "Дезертирство під час мобілізації карається позбавленням волі…"'
        ],
        1,
    ),
    "contact-data-typo": (
        [
            f"{LOCK}:3: contact: {CHANGE}ovd-info email legal@ovdinfo.org is approved here but "
            "not in data/organizations.yml; remove it here if it was withdrawn",
            f"{ORGS}:14: contact: {CHANGE}entry 'ovd-info': email legal@ovdlnfo.org is not in "
            f"{LOCK}, the maintainers' list of approved channels (it has legal@ovdinfo.org); "
            "a new or changed channel needs their review there",
            *(f"{path}:{line}: contact: e-mail legal@ovdinfo.org {UNDECLARED} "
              "(did you mean legal@ovdlnfo.org?)" for path, line in ((EN, 26), (RU, 27), (UK, 27))),
        ],
        1,
    ),
    "contact-data-homoglyph": (
        [
            f"{LOCK}:3: contact: {CHANGE}ovd-info email legal@ovdinfo.org is approved here but "
            "not in data/organizations.yml; remove it here if it was withdrawn",
            f"{ORGS}:14: contact: {CHANGE}entry 'ovd-info': email legal@ovdinf\u043e.org is not "
            f"in {LOCK}, the maintainers' list of approved channels (it has legal@ovdinfo.org); "
            "a new or changed channel needs their review there",
            f"{ORGS}:14: contact: organizations[0].channels[0].value: e-mail "
            f"legal@ovdinf\u043e.org {MIXED} legal@ovdinfo.org but is another address",
            *(f"{path}:{line}: contact: e-mail legal@ovdinfo.org {UNDECLARED} "
              "(did you mean legal@ovdinf\u043e.org?)"
              for path, line in ((EN, 26), (RU, 27), (UK, 27))),
        ],
        1,
    ),
    "contact-prose-homoglyph": (
        [
            f"{path}:{line}: contact: web address ovdinf\u043e.org {MIXED} ovdinfo.org but is "
            "another address"
            for path, line in ((EN, 26), (RU, 27), (UK, 27))
        ],
        1,
    ),
    "contact-lock": (
        [
            f"{LOCK}:3: contact: {CHANGE}ovd-info email legal@ovdinfo.org.example is approved "
            "here but not in data/organizations.yml; remove it here if it was withdrawn",
            f"{ORGS}:14: contact: {CHANGE}entry 'ovd-info': email legal@ovdinfo.org is not in "
            f"{LOCK}, the maintainers' list of approved channels (it has "
            "legal@ovdinfo.org.example); a new or changed channel needs their review there",
        ],
        1,
    ),
    "paragraph-deleted": (
        [
            f"{RU}:25: structure: section {{#help}} has 2 paragraphs here, 3 in English "
            "(English lines 26, 28, 30)"
        ],
        1,
    ),
    "numbers-swapped": (
        [
            f"{RU}:29: fact: numbers (year) in this paragraph are in another order than in "
            "English (line 28): 15, 10 here; 10, 15 in English"
        ],
        1,
    ),
    "code-port": (
        [
            f"{RU}:34: structure: code block differs from English (line 32) outside comments: "
            "'HiddenServicePort 80 127.0.0.1:8081' here, 'HiddenServicePort 80 127.0.0.1:8080' "
            "in English"
        ],
        1,
    ),
    "claim": (
        [
            f'{RU}:32: claim: "ни одного случая" claims an absence or a count in prose: put '
            "the sentence in data/claims.yml with the date it was checked and what was "
            "searched, and show it with <!-- md:claim <id> -->"
        ],
        1,
    ),
    "claim-dated": (
        [
            f'{EN}:30: claim: "document no case" claims an absence or a count in prose: put '
            "the sentence in data/claims.yml with the date it was checked and what was "
            "searched, and show it with <!-- md:claim <id> -->",
            f'{RU}:32: claim: "ни одного случая" claims an absence or a count in prose: put '
            "the sentence in data/claims.yml with the date it was checked and what was "
            "searched, and show it with <!-- md:claim <id> -->",
            f'{UK}:31: claim: "жодного випадку" claims an absence or a count in prose: put '
            "the sentence in data/claims.yml with the date it was checked and what was "
            "searched, and show it with <!-- md:claim <id> -->",
        ],
        1,
    ),
    "bad-bytes": (
        [
            f"{RU}:32: encoding: byte 1085 (0xff) is not UTF-8; save the file as UTF-8"
        ],
        1,
    ),
    "frontmatter-yaml": (
        [
            f"{RU}:2: frontmatter: front matter is not valid YAML: while parsing a flow "
            "sequence, did not find expected ',' or ']'"
        ],
        1,
    ),
    "frontmatter-date": (
        [f"{UK}:1: frontmatter: front matter is not valid YAML: month must be in 1..12"],
        1,
    ),
    # harmless edits pass: a typo fixed, a date written another way, a comment in a code
    # block translated, a claim that says when and where it was checked
    "ok-typo": ([], 0),
    "ok-date": ([], 0),
    "ok-comment": ([], 0),
    "ok-claim-marker": ([], 0),
}


def test_every_fixture_case_has_an_expectation() -> None:
    cases = {p.name for p in FIXTURES.iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert cases == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_fixture_case(
    case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expected, code = EXPECTED[case]
    monkeypatch.chdir(FIXTURES / case)
    assert main([]) == code
    lines = capsys.readouterr().out.splitlines()
    assert lines[:-1] == expected
    assert lines[-1].startswith(f"translation check: {len(expected) if code else 0} blocking, ")


def test_summary_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(FIXTURES / "contact-undeclared")
    main([])
    assert capsys.readouterr().out.splitlines()[-1] == (
        "translation check: 3 blocking, 0 warnings in 2 pages × 3 languages (contact 3)"
    )


def test_json_format(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(FIXTURES / "stale")
    assert main(["--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["summary"]["blocking"] == 0
    assert payload["summary"]["warnings"] == 1
    [problem] = payload["problems"]
    assert problem["kind"] == "stale" and problem["severity"] == WARNING
    assert problem["path"] == RU and problem["line"] == 5
    statuses = {(p["lang"], p["path"]): p["status"] for p in payload["pages"]}
    assert statuses[("ru", "law/desertion.md")] == STALE
    assert statuses[("uk", "law/desertion.md")] == UP_TO_DATE


def test_lang_option_limits_the_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(FIXTURES / "fact")
    assert main(["--lang", "uk"]) == 0
    assert main(["--lang", "ru"]) == 1
    assert main(["--lang", "xx"]) == 2


def test_hash_command(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(FIXTURES / "ok")
    assert main(["--hash", "law/desertion.md"]) == 0
    assert main(["--hash", "docs/en/law/desertion.md"]) == 0
    assert capsys.readouterr().out.split() == [DESERTION_REV, DESERTION_REV]
    assert main(["--hash", "nope.md"]) == 2


def test_revision_is_the_git_blob_id_on_lf_bytes(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(b"# Title {#t}\r\n\r\nText 15.\r\n")
    lf = b"# Title {#t}\n\nText 15.\n"
    assert source_revision(page) == blob_id(lf)[:12]
    if shutil.which("git"):
        (tmp_path / "lf.md").write_bytes(lf)
        done = subprocess.run(
            ["git", "hash-object", str(tmp_path / "lf.md")], capture_output=True, text=True
        )
        assert done.stdout.strip().startswith(source_revision(page))


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_stale_hint_from_git_history(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "ok", tmp_path, dirs_exist_ok=True)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "one")
    english = tmp_path / "docs/en/law/desertion.md"
    text = english.read_text(encoding="utf-8").replace("up to 15 years", "up to 20 years", 1)
    english.write_text(text + "\n## Appeals {#appeals}\n\nText.\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "two")
    report = check_tree(tmp_path / "docs", tmp_path / "data", root=tmp_path)
    stale = [p for p in report.problems if p.kind == "stale"]
    assert [str(p) for p in stale] == [
        f"{path}:5: stale: translates English revision {DESERTION_REV}, English is now "
        f"{source_revision(english)}: headings added {{#appeals}}; numbers removed 15 and "
        "added 20; text changed in {#top}"
        for path in (RU, UK)
    ]
    assert {p.severity for p in stale} == {WARNING}
    # The changed English page also makes the translations fail: facts and structure.
    assert {p.kind for p in report.blocking} == {"fact", "structure"}


# --------------------------------------------------------------------------
# Numbers


@pytest.mark.parametrize(
    ("text", "lang", "numbers"),
    [
        ("up to 15 years", "en", ["15"]),
        ("10,000 and 10 000 and 10\u00a0000 and 10\u202f000", "en", ["10000"] * 4),
        ("10 000 и 10\u00a0000 и 1 000 000", "ru", ["10000", "10000", "1000000"]),
        ("2,5 года; 2.5", "ru", ["2.5", "2.5"]),
        ("2.5 years; 2,5", "en", ["2.5", "2", "5"]),
        ("Art. 352.1 part 2.1", "en", ["352.1", "2.1"]),
        # full dates are one value in every form and language
        ("21 September 2022 and 21.09.2022.", "en", ["2022-09-21", "2022-09-21"]),
        ("«21 сентября 2022 г.»", "ru", ["2022-09-21"]),
        ("«9 січня 2026 року» → «09.01.2026», 2026-01-09", "uk", ["2026-01-09"] * 3),
        ("January 9, 2026; 9th Jan. 2026", "en", ["2026-01-09"] * 2),
        ("24 September; May 2022; 1.2.3", "en", ["24", "2022", "1", "2", "3"]),
        ("31.02.2022 is not checked; 45.01.2022 is no date", "en",
         ["2022-02-31", "45", "1", "2022"]),
        ("3–10 years, 365-FZ, 24th", "en", ["3", "10", "365", "24"]),
        ("статьи 337, 338 и 339", "ru", ["337", "338", "339"]),
        ("in 2022 2,000 people", "en", ["2022", "2000"]),
        ("no digits here", "en", []),
    ],
)
def test_extract_numbers(text: str, lang: str, numbers: list[str]) -> None:
    assert sorted(extract_numbers(text, lang)) == sorted(numbers)


def test_what_is_not_counted() -> None:
    text = (
        "---\ntitle: Page 99\nsource_revision: 123456789012\n---\n\n"
        "# Heading 1 {#h-2}\n\n"
        "1. Item [link 3](law/x-4.md#part-5) `code 6`[^cc-338] <!-- md:statute cc-337 -->\n"
        "2) ![img 7](img/8.svg){ width=9 } +49 157 824 702 51 legal@ovd10.org "
        'https://example.org/11 <a href="https://example.org/12">tag 13</a>\n\n'
        "```\n14\n```\n"
    )
    numbers = [n.value for n in scan_page(text, "en", "p.md").numbers]
    assert numbers == ["1", "3", "7", "13"]


# --------------------------------------------------------------------------
# Contacts


def test_contact_forms_are_recognized() -> None:
    text = (
        "Write to Legal@OVDinfo.org, @Some_Bot, t.me/other_bot, +7 (999) 123-45-67, "
        "see <https://x.org> and www.example.org/path, "
        "and http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwxyz.onion/."
    )
    found = {(c.kind, c.value) for c in scan_page(text, "en").contacts}
    assert found == {
        ("email", "legal@ovdinfo.org"),
        ("telegram", "@some_bot"),
        ("telegram", "@other_bot"),
        ("phone", "+79991234567"),
        ("url", "https://x.org/"),
        ("domain", "www.example.org/path"),
        ("onion", "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwxyz.onion"),
    }


def test_declared_contacts_from_data() -> None:
    declared = Declared()
    declared.add_url("https://ovdinfo.org/")
    declared.add_channel("email", "office@Connection-eV.org")
    declared.add_channel("telegram", "https://t.me/Some_Bot")
    declared.add_channel("phone", "+49 157 000 00 00")
    page = scan_page(
        "ovdinfo.org, [site](https://ovdinfo.org), office@connection-ev.org, @some_bot, "
        "+49 157 0000000, ovdinfo.org.evil.com",
        "en",
    )
    undeclared = [(c.kind, c.value) for c in page.contacts if c not in declared]
    assert undeclared == [("domain", "ovdinfo.org.evil.com")]


def test_data_organizations_match_the_schema_and_list_no_unconfirmed_contact() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    document = yaml.load((ROOT / "data/organizations.yml").read_text(), Loader=_StringDates)
    schema = json.loads((ROOT / "data/schemas/organizations.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(document)
    text = json.dumps(document, ensure_ascii=False).lower()
    # Seen only on third-party pages (organizations fact sheet, section C).
    for value in (
        "agsnowarbot",
        "peaceplea.info",
        "157 824",
        "netprizyvu",
        "vk.com/stoparmy",
        "skynet.be",
        "kovcheg.live",
        "hochuzhit",
        "spasisebyabot",
        "580 34 98",
    ):
        assert value not in text, value


class _StringDates(yaml.SafeLoader):
    """Dates stay strings, as the schemas (and sitetools.data) expect."""


_StringDates.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# --------------------------------------------------------------------------
# Pairs in memory


def _translated(en: str, body: str) -> str:
    revision = blob_id(en.encode("utf-8"))[:12]
    return f"---\ntitle: T\nsource_revision: {revision}\n---\n{body}"


def test_check_pair_reports_a_changed_number() -> None:
    en = "---\ntitle: T\n---\n# A {#a}\n\nUp to 15 years.\n"
    ru = _translated(en, "# А {#a}\n\nДо 5 лет.\n")
    assert [str(p) for p in check_pair(en, ru)] == [
        "docs/ru/index.md:7: fact: number 15 in English is missing here (found 5 instead?)"
    ]


def test_headings_need_ids_in_every_language() -> None:
    en = "---\ntitle: T\n---\n# A\n\nText\n----\n"
    problems = [str(p) for p in check_pair(en, _translated(en, "# A {#a}\n"))]
    assert 'docs/en/index.md:4: structure: heading "A" has no {#id}' in problems
    assert 'docs/en/index.md:6: structure: heading "Text" has no {#id}' in problems


def test_number_words_are_a_warning() -> None:
    en = "---\ntitle: T\n---\n# A {#a}\n\nUp to fifteen years.\n"
    problems = check_pair(en, _translated(en, "# А {#a}\n\nДо пятнадцати лет.\n"))
    assert [(p.path, p.kind, p.severity) for p in problems] == [
        ("docs/en/index.md", "number-word", WARNING),
        ("docs/ru/index.md", "number-word", WARNING),
    ]


# --------------------------------------------------------------------------
# Never crashes (hypothesis)

_FRAGMENTS = st.sampled_from(
    [
        "# Title {#top}",
        "## Part 2.1 {#part}",
        "### No id",
        "Setext",
        "---",
        "===",
        '!!! warning "Take care 3"',
        "??? note",
        "    indented 4",
        "```",
        "~~~~",
        "<!-- md:statute cc-338 parts=1,2.1 -->",
        "<!-- open comment",
        "-->",
        "| a | b |",
        "|---|:-:|",
        "| 1 | 2 |",
        "1. one",
        "2) two",
        "- [link](../x.md#a)",
        "![img](a b.png)",
        "[ref]: https://example.org/r",
        "[^src]: definition",
        "text[^src-1] and [x][ref] and [bad](",
        "mail legal@ovdinfo.org @handle_bot +7 999 123 45 67",
        "<https://example.org> www.example.org t.me/x_bot",
        "<a href='https://e.org/x'>x</a> {#attr .c key=v}",
        "10 000, 2,5; 1,000.5; 21.09.2022 3–10 :material-alert:",
        "&nbsp;&#8239;&amp;",
        "",
    ]
)
_LINES = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=40)), max_size=25)
_FRONT = st.one_of(
    st.just(""),
    st.text(max_size=60).map(lambda t: f"---\n{t}\n---\n"),
    st.sampled_from(
        [
            "---\ntitle: [unclosed\n---\n",
            "---\n- a list\n---\n",
            "---\nsource_revision: 012345670123\n---\n",
            "---\nsource_revision: 'zz'\n---\n",
            "---\ntitle: x\n",
        ]
    ),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_en=_FRONT, en=_LINES, front_tr=_FRONT, tr=_LINES, lang=st.sampled_from(["ru", "uk"]))
def test_never_crashes(
    front_en: str, en: list[str], front_tr: str, tr: list[str], lang: str
) -> None:
    problems = check_pair(
        front_en + "\n".join(en), front_tr + "\n".join(tr), lang=lang, declared=Declared()
    )
    for problem in problems:
        assert problem.line >= 1
        assert problem.severity in (BLOCKING, WARNING)
        assert "\n" not in problem.message


@settings(max_examples=150, deadline=None)
@given(body=_LINES)
def test_identical_translation_passes_the_comparisons(body: list[str]) -> None:
    text = "\n".join(body)
    # A decimal comma is read differently in English and Russian by design.
    assume(not re.search(r"\d,\d", text))
    en = "---\ntitle: T\n---\n" + text
    problems = check_pair(en, _translated(en, text), lang="ru")
    compared = [p for p in problems if p.path.startswith("docs/ru/")]
    assert [p for p in compared if p.kind in ("fact", "contact", "stale", "frontmatter")] == []
    assert [p for p in compared if "English" in p.message and p.kind != "language"] == []


# --------------------------------------------------------------------------
# Reader-facing status


def test_status_page_links_and_labels() -> None:
    statuses = [
        PageStatus("ru", "law/desertion.md", UP_TO_DATE, "Desertion", translation_title="Дезер"),
        PageStatus("ru", "index.md", "missing", "Home"),
        PageStatus("uk", "law/desertion.md", STALE, "Desertion", translation_title="Дезер"),
    ]
    html = render_status(
        statuses, VOCABULARY, ui_lang="ru", from_url="ru/status.html", use_directory_urls=False
    )
    assert '<a href="../law/desertion.html" hreflang="en">Desertion</a>' in html
    assert '<a href="desertion.html"' not in html
    assert '<a href="law/desertion.html" hreflang="ru">Дезер</a>' in html
    assert '<a href="../uk/law/desertion.html" hreflang="uk">Дезер</a>' in html
    assert "актуальных страниц — 1 из 2" in html
    assert "translation-status--missing" in html and "ещё не переведён" in html


def test_urls() -> None:
    assert page_url("ru", "law/index.md", use_directory_urls=True) == "ru/law/"
    assert page_url("en", "index.md", use_directory_urls=False) == "index.html"
    assert relative_url("ru/law/x.html", "law/x.html") == "../../law/x.html"
    assert relative_url("ru/law/x/", "law/x/") == "../../../law/x/"
    assert relative_url("", "ru/") == "ru/"


def test_banner_is_localized_and_escaped() -> None:
    html = banner_html("fallback", VOCABULARY, lang="uk", english_href='../a.html?x="1"')
    assert 'lang="uk"' in html and "ще не перекладено" in html
    assert 'href="../a.html?x=&#34;1&#34;"' in html  # the quotes escaped


# --------------------------------------------------------------------------
# The MkDocs hook (one event at a time)


def _config(case: Path, language: str) -> SimpleNamespace:
    i18n = SimpleNamespace(current_language=language, building=False)
    return SimpleNamespace(
        plugins={"i18n": i18n},
        docs_dir=str(case / "docs"),
        config_file_path=str(case / "mkdocs.yml"),
        use_directory_urls=False,
    )


def _page(locale: str, path: str, url: str) -> SimpleNamespace:
    file = SimpleNamespace(locale=locale, norm_src_uri=path, src_uri=f"{locale}/{path}")
    return SimpleNamespace(file=file, url=url)


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    """The hook modules, with the data a fixture case has (three of the data files)."""
    import _context
    import build_start
    import page_html
    import page_markdown

    from sitetools.data import load_all
    from sitetools.guard.check import DATA_FILES

    def site_data(config: SimpleNamespace):
        site = load_all(Path(config.config_file_path).parent / "data", only=DATA_FILES)
        return dataclasses.replace(site, vocabulary=VOCABULARY)  # the interface's words

    for module in (_context, build_start, page_markdown, page_html):
        monkeypatch.setattr(module, "site_data", site_data)
    monkeypatch.setattr(_context, "STATE", _context.BuildState())
    return SimpleNamespace(start=build_start, html=page_html, markdown=page_markdown)


def test_hook_logs_blocking_problems_as_warnings(
    hooks: SimpleNamespace, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.translations")
    config = _config(FIXTURES / "fact", "en")
    hooks.start.on_pre_build(config=config)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [EXPECTED["fact"][0][0]]


def test_hook_logs_stale_as_info_and_adds_the_banner(
    hooks: SimpleNamespace, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.translations")
    config = _config(FIXTURES / "stale", "en")
    hooks.start.on_pre_build(config=config)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("stale" in r.getMessage() for r in caplog.records)
    config.plugins["i18n"].current_language = "ru"
    page = _page("ru", "law/desertion.md", "ru/law/desertion.html")
    html = hooks.html.on_page_content("<p>x</p>", page=page, config=config, files=None)
    assert html.startswith('<div class="admonition warning translation-banner')
    assert 'href="../../law/desertion.html"' in html
    fresh = _page("ru", "law/index.md", "ru/law/index.html")
    assert hooks.html.on_page_content("<p>x</p>", page=fresh, config=config,
                                      files=None) == "<p>x</p>"


def test_hook_wraps_english_fallback_pages(hooks: SimpleNamespace) -> None:
    config = _config(FIXTURES / "missing", "en")
    hooks.start.on_pre_build(config=config)
    config.plugins["i18n"].current_language = "ru"
    page = _page("en", "law/desertion.md", "ru/law/desertion.html")
    html = hooks.html.on_page_content("<p>x</p>", page=page, config=config, files=None)
    assert "translation-banner--fallback" in html
    assert html.endswith('<div lang="en">\n<p>x</p>\n</div>')


def test_hook_does_not_run_the_guard_again_for_each_language(hooks: SimpleNamespace) -> None:
    config = _config(FIXTURES / "missing", "en")
    hooks.start.on_pre_build(config=config)
    report = hooks.start._context.STATE.guard
    config.plugins["i18n"].building = True  # static-i18n rebuilding for ru
    hooks.start.on_pre_build(config=config)
    assert hooks.start._context.STATE.guard is report


def test_status_marker_becomes_the_status_tables(hooks: SimpleNamespace) -> None:
    from sitetools.render.markers import Page, expand_markers

    config = _config(FIXTURES / "missing", "en")
    hooks.start.on_pre_build(config=config)
    site = hooks.start.site_data(config)
    markdown = "# Status {#top}\n\n<!-- md:translation-status -->\n"
    out = expand_markers(markdown, Page(
        site=site, lang="en", source="docs/en/status.md", path="status.md", url="status.html",
        translation_statuses=hooks.start._context.STATE.guard.statuses))
    assert "<!-- md:translation-status -->" not in out
    assert "not yet translated" in out
    assert '<table class="translation-status-table"' in out


def test_allow_missing_makes_untranslated_pages_a_warning(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(FIXTURES / "missing")
    assert main(["--allow-missing"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == EXPECTED["missing"][0][0]
    monkeypatch.chdir(FIXTURES / "orphan")
    assert main(["--allow-missing"]) == 1


def test_the_real_site_passes_the_guard() -> None:
    """The repository's own pages: no blocking problem, nothing stale, no glossary hint."""
    from sitetools.guard.check import check_tree

    root = Path(__file__).resolve().parent.parent
    report = check_tree(root / "docs", root / "data", root=root)
    assert [str(p) for p in report.problems] == []


_HINT_CORES = ["t.me/abc", "telegram.me/x_1", "abcdefghijklmnop.onion",
               "qrstuvwxyz234567.onion/a", "example.org", "ovd.info", "a-b.ru", "zona.media/x"]
_HINT_TOKENS = st.one_of(
    # contacts with each letter in either case (the patterns ignore case)
    st.sampled_from(_HINT_CORES).flatmap(lambda core: st.lists(
        st.booleans(), min_size=len(core), max_size=len(core)).map(
        lambda flips: "".join(c.upper() if f else c for c, f in zip(core, flips, strict=True)))),
    st.sampled_from(list("abcXYZ0123456789./-_@ ") + ["ı", "İ", "ſ", "\u212a", "é", ".рф"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_HINT_TOKENS, max_size=12).map("".join))
def test_the_scanner_hints_are_necessary_for_a_match(text: str) -> None:
    """A line the cheap hint rejects can never match the full pattern (guard_scan._inline)."""
    from sitetools.guard import scan as gs

    for full, hint in ((gs._TELEGRAM_LINK, gs._TELEGRAM_HINT), (gs._ONION, gs._ONION_HINT),
                       (gs._DOMAIN, gs._DOMAIN_HINT)):
        if full.search(text):
            assert hint.search(text), (full.pattern, text)


@pytest.mark.parametrize("text", ["see t.me/Name_123 now", "mirror abcdefghijklmnop.onion/x",
                                  "at www.Example.ORG/path", "ovd.info.", "T.ME/x", "a.RF"])
def test_the_scanner_hints_let_contacts_through(text: str) -> None:
    from sitetools.guard import scan as gs

    matched = [full for full, hint in ((gs._TELEGRAM_LINK, gs._TELEGRAM_HINT),
                                       (gs._ONION, gs._ONION_HINT), (gs._DOMAIN, gs._DOMAIN_HINT))
               if full.search(text)]
    assert matched
    assert all({gs._TELEGRAM_LINK: gs._TELEGRAM_HINT, gs._ONION: gs._ONION_HINT,
                gs._DOMAIN: gs._DOMAIN_HINT}[full].search(text) for full in matched)


# --------------------------------------------------------------------------
# Issue #17: language, structure and order, code, contacts, bad input; issue #15: claims


def test_the_real_site_has_no_false_alarm_of_the_structure_and_language_checks() -> None:
    """Quotes, names, legal titles, code blocks, reformatted dates: none is a problem."""
    root = Path(__file__).resolve().parent.parent
    report = check_tree(root / "docs", root / "data", root=root, use_git=False)
    kinds = {"language", "structure", "fact", "encoding", "frontmatter", "missing"}
    assert [str(p) for p in report.problems if p.kind in kinds] == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Дезертирство в период мобилизации наказывается лишением свободы до 15 лет.", "ru"),
        ("Что будет, если я не явлюсь?", "ru"),
        ("Дезертирство під час мобілізації карається позбавленням волі до 15 років.", "uk"),
        ("Що буде, якщо я не з'явлюся?", "uk"),
        ("Desertion during mobilization carries up to 15 years.", "en"),
        # a quotation in another language does not count
        ("Суд Европейского союза в своём решении указал: «the refusal to perform military "
         "service is a criminal offence» — и это важно.", "ru"),
    ],
)
def test_block_language(text: str, lang: str) -> None:
    from sitetools.guard.prose import block_language

    assert block_language(text)[0] == lang


def test_short_paragraphs_are_not_judged() -> None:
    from sitetools.guard.prose import block_language

    assert block_language("Art. 338, ч. 3")[0] is None


@pytest.mark.parametrize(
    ("text", "lang", "claims"),
    [
        ("We found no documented case of a deserter handed over.", "en", ["found no"]),
        ("There is no documented case of a deserter handed over.", "en", ["no documented case"]),
        ("Decree No. 647 has not been repealed.", "en", ["has not been repealed"]),
        ("The Commission gave no public response.", "en", ["no public response"]),
        ("Our sources document 4 cases, the latest in 2026.", "en", ["document 4 cases"]),
        ("Указ не был отменён.", "ru", ["не был отменён"]),
        ("Известно ни одного случая? Случаев не найдено.", "ru",
         ["ни одного случая", "Случаев не найдено"]),
        ("Наши источники описывают 3 случая.", "ru", ["3 случая"]),
        ("Указ не скасовано. Жодного випадку.", "uk", ["не скасовано", "Жодного випадку"]),
        ("Задокументованих випадків ми не знайшли.", "uk", ["ми не знайшли"]),
        ("Жодне інше джерело цього не підтверджує.", "uk", ["Жодне інше джерело"]),
        ("Ни один другой источник, который мы нашли, этого не подтверждает.", "ru",
         ["Ни один другой источник"]),
        ("We have not found what the resolution says.", "en", ["have not found"]),
        # advice about the absence of cases is no claim of it
        ("Treat a country without documented cases as unknown.", "en", []),
        ("Не считайте отсутствие задокументированных случаев признаком безопасности.", "ru",
         []),
        ("Те, що не підтверджує жодне джерело, не наводиться.", "uk", []),
        # dated, even with what was searched: still a claim (it belongs in data/claims.yml)
        ("As of 6 December 2026, the sources we searched document no case.", "en",
         ["document no case"]),
        ("По состоянию на 06.12.2026 в проверенных нами источниках ни одного случая.", "ru",
         ["ни одного случая"]),
        ("Станом на 6 грудня 2026 року в джерелах, які ми перевірили, жодного випадку.", "uk",
         ["жодного випадку"]),
        ("As of 6 December 2026 the decree has not been repealed.", "en",
         ["has not been repealed"]),
        # claims the sweep of the pages found that the phrases above missed
        ("As of 6 December 2026, the sources we searched report no decree ending it.", "en",
         ["report no decree"]),
        ("The sources we searched give no verified information on Poland.", "en",
         ["give no verified information"]),
        ("As of 22 November 2026, we had not seen any of them publish a warning.", "en",
         ["we had not seen"]),
        ("None of the sources our search found reported a repeal.", "en",
         ["None of the sources"]),
        ("No source we searched reported that it had been repealed.", "en", ["No source we"]),
        ("The sources we searched do not report that it was adopted.", "en",
         ["do not report"]),
        ("A lawyer knew of at least 11 similar cases.", "en",
         ["knew of at least 11 similar cases"]),
        ("Источники не сообщают ни об одном случае задержания.", "ru",
         ["ни об одном случае"]),
        ("Источники не сообщают об указе о прекращении мобилизации.", "ru",
         ["не сообщают об"]),
        ("Ни один из источников, которые мы просмотрели, не сообщал об отмене.", "ru",
         ["Ни один из источников", "не сообщал об"]),
        ("Источники проверенных сведений не дают.", "ru", ["сведений не дают"]),
        ("В источниках не названо ни одного опубликованного правового акта.", "ru",
         ["ни одного опубликованного правового акта"]),
        ("Мы не видели, чтобы организации публиковали предупреждение.", "ru",
         ["Мы не видели, чтобы"]),
        ("Джерела не повідомляють про указ про припинення мобілізації.", "uk",
         ["не повідомляють про"]),
        ("Жодне з джерел, які ми переглянули, не повідомляло про скасування.", "uk",
         ["Жодне з джерел", "не повідомляло про"]),
        ("Джерела не дають перевірених відомостей.", "uk", ["не дають перевірених відомостей"]),
        # what we or our sources know, stated as an absence (an English review found these)
        ("We have no verified information on Turkey's entry rules.", "en",
         ["We have no verified information"]),
        ("Our sources describe no general procedure of this kind.", "en", ["describe no"]),
        ("This guide does not know a procedure that is safe.", "en",
         ["does not know a procedure"]),
        ("No official count of deserters is published.", "en",
         ["No official count of deserters is published"]),
        ("These are his statements; nobody has been able to check them.", "en",
         ["nobody has been able"]),
        ("Проверенных сведений о визах в этом справочнике нет.", "ru",
         ["сведений о визах в этом справочнике нет"]),
        ("Официального подсчёта никто не публикует.", "ru", ["никто не публикует"]),
        ("Мы не описываем процедуру, потому что наши источники ее не подтверждают.", "ru",
         ["ее не подтверждают"]),
        ("Ми не маємо перевірених відомостей про це.", "uk",
         ["Ми не маємо перевірених відомостей"]),
        ("Наші джерела не описують загальної процедури.", "uk", ["не описують"]),
        ("Перевірити цифри ніхто не зміг.", "uk", ["ніхто не зміг"]),
        ("We have no confirmed data on how courts apply it.", "en",
         ["We have no confirmed data"]),
        ("Подтвержденных данных о практике судов у нас нет.", "ru",
         ["данных о практике судов у нас нет"]),
        ("Підтверджених даних про практику судів у нас немає.", "uk",
         ["даних про практику судів у нас немає"]),
        # a report or an event not (yet) confirmed: a later search may confirm it
        ("Whether it became law is not confirmed.", "en",
         ["Whether it became law is not confirmed"]),
        ("Whether the final text says this has not been confirmed.", "en",
         ["Whether the final text says this has not been confirmed"]),
        ("We have not been able to confirm this.", "en", ["We have not been able to confirm"]),
        ("Стал ли он законом, не подтверждено.", "ru", ["ли он законом, не подтверждено"]),
        ("Изменил ли закон 2025 г. текст ст. 11, этот справочник не подтвердил.", "ru",
         ["ли закон 2025 г. текст ст. 11, этот справочник не подтвердил"]),
        ("Подтвердить это нам не удалось.", "ru", ["Подтвердить это нам не удалось"]),
        ("Чи став він законом, не підтверджено.", "uk", ["Чи став він законом, не підтверджено"]),
        ("Ми цього не підтвердили.", "uk", ["Ми цього не підтвердили"]),
        # ... but not what only sounds like them
        ("Art. 352.1 applies only where the act shows no signs of treason.", "en", []),
        ("The exit ban applies even if you have not seen the summons.", "en", []),
        ("Гражданин не сообщает об этом в военкомат.", "ru", []),
        ("Сайт никому не сообщает, что вы его читали.", "ru", []),
        ("Жодна з цих країн не безпечна.", "uk", []),
        ("Запрет действует, даже если вы её не видели.", "ru", []),
        ("The Supreme Court later confirmed his right to alternative service.", "en", []),
        ("Ask whether the court has confirmed the deferment.", "en", []),
        ("Если военкомат не подтвердит отсрочку, обратитесь к юристу.", "ru", []),
        ("Наші джерела цього не підтверджують.", "uk", []),
        ("The report does not say how many people it describes.", "en", []),
        ("Цей довідник не описує процедуру подання заяви.", "uk", []),
        # other numbers of cases and words are no claim
        ("Courts handled about 900 cases under Art. 337. In no case go alone.", "en", []),
    ],
)
def test_claims_of_absence_or_completeness(text: str, lang: str, claims: list[str]) -> None:
    from sitetools.guard.prose import find_claims

    assert [c.text for c in find_claims(text, lang)] == claims


def test_a_claim_split_over_two_lines_is_found() -> None:
    en = "---\ntitle: T\n---\n# A {#a}\n\nThe decree has not\nbeen repealed.\n"
    problems = check_pair(en, _translated(en, "# А {#a}\n\nУказ не был отменён.\n"))
    assert [(p.path, p.line, p.kind) for p in problems] == [
        ("docs/en/index.md", 6, "claim"), ("docs/ru/index.md", 7, "claim")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "По состоянию на 6 декабря 2026 года источники, которые мы просмотрели, не "
               "сообщают ни об одном случае."),
        ("uk", "Станом на 6 грудня 2026 року джерела, які ми переглянули, не повідомляють про "
               "жоден випадок."),
    ],
)
def test_a_dated_claim_typed_in_prose_blocks_in_every_language(lang: str, text: str) -> None:
    en = ("---\ntitle: T\n---\n# A {#a}\n\nAs of 6 December 2026, the sources we searched "
          "report no case.\n")
    problems = check_pair(en, _translated(en, f"# А {{#a}}\n\n{text}\n"), lang=lang)
    assert {(p.path, p.kind, p.severity) for p in problems} == {
        ("docs/en/index.md", "claim", BLOCKING), (f"docs/{lang}/index.md", "claim", BLOCKING)}
    assert "data/claims.yml" in problems[0].message
    assert "<!-- md:claim <id> -->" in problems[0].message


def test_a_claim_marker_passes_even_indented_in_a_box() -> None:
    body = "# {} {{#a}}\n\n!!! note\n    <!-- md:claim no-case -->\n\n    {}\n"
    en = "---\ntitle: T\n---\n" + body.format("A", "Ask a lawyer.")
    ru = _translated(en, body.format("А", "Спросите юриста."))
    assert check_pair(en, ru) == []
    # the marker is compared like any other: one missing in the translation is reported
    missing = _translated(en, "# А {#a}\n\n!!! note\n    Спросите юриста.\n")
    assert any("md:claim no-case" in p.message for p in check_pair(en, missing))


def test_code_blocks_compare_without_comments() -> None:
    from sitetools.guard.check import code_lines
    from sitetools.guard.scan import CodeBlock

    nginx = CodeBlock(1, "nginx", ("# comment", "listen 80;  # the port", 'add_header X "a # b";',
                                   "", "location ~ /#x {"))
    assert code_lines(nginx) == ["listen 80;", 'add_header X "a # b";', "location ~ /#x {"]
    js = CodeBlock(1, "js", ("// one", 'fetch("https://a.b/c"); // two', "/* three */ x = 1;"))
    assert code_lines(js) == ['fetch("https://a.b/c");', " x = 1;"]


def test_a_code_block_missing_or_added_is_reported() -> None:
    en = "---\ntitle: T\n---\n# A {#a}\n\n```sh\nmake dist\n```\n"
    ru = _translated(en, "# А {#a}\n\nТекст.\n")
    assert "code block (English line 6) is missing here" in [
        p.message for p in check_pair(en, ru)]


@pytest.mark.parametrize(
    ("kind", "value", "reason"),
    [
        ("email", "legal@ovdinfo.org", None),
        ("domain", "президент.рф", None),
        ("url", "https://ru.wikipedia.org/wiki/Хочу_жить", None),  # a path may be Cyrillic
        ("email", "legal@ovdinf\u043e.org", "mixes Cyrillic and Latin letters"),
        ("url", "https://xn--80ak6aa92e.com/", "mixes Cyrillic and Latin letters"),  # аррӏе.com
        ("telegram", "@ovd_b\u043et", "is not a Telegram name"),
        ("domain", "\u0441\u0430\u0441\u0435.\u0441\u043e", "letters that look Latin"),  # сасе.со
    ],
)
def test_unsafe_contacts(kind: str, value: str, reason: str | None) -> None:
    from sitetools.guard.confusable import unsafe

    found = unsafe(kind, value)
    assert (found is None) if reason is None else (reason in (found or ""))


def test_look_alike_contacts_are_found_in_prose_in_every_language() -> None:
    text = ("Write to legal@ovdinf\u043e.org, see ovdinf\u043e.org or @ovd_b\u043et; "
            "т.е. ст.338 и ч.3, see also президент.рф.")
    for lang in ("en", "ru", "uk"):
        found = [(c.kind, c.value) for c in scan_page(text, lang).contacts]
        assert found == [("email", "legal@ovdinf\u043e.org"), ("domain", "ovdinf\u043e.org"),
                         ("telegram", "@ovd_b\u043et"), ("domain", "президент.рф")]


def test_contacts_in_any_data_file_are_checked(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "ok", tmp_path, dirs_exist_ok=True)
    glossary = tmp_path / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace(
        "without the aim of evading service altogether.",
        "without the aim of evading service; ask ovdinf\u043e.org or write to help@evil.example.",
    ), encoding="utf-8")
    report = check_tree(tmp_path / "docs", tmp_path / "data", root=tmp_path, use_git=False)
    assert [str(p) for p in report.problems] == [
        "data/glossary.yml:9: contact: terms[0].definition.en: e-mail help@evil.example is not "
        "declared in data/organizations.yml or data/sources.yml",
        f"data/glossary.yml:9: contact: terms[0].definition.en: web address ovdinf\u043e.org "
        f"{MIXED} ovdinfo.org but is another address",
    ]


def test_contacts_lock_command_prints_the_channels(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(FIXTURES / "ok")
    assert main(["--contacts-lock"]) == 0
    assert capsys.readouterr().out == "ovd-info website https://ovdinfo.org/\n" \
                                      "ovd-info email legal@ovdinfo.org\n"


def test_the_real_channels_are_all_approved() -> None:
    """data/contacts.lock lists exactly the channels of data/organizations.yml."""
    from sitetools.guard.contacts import lock_text, read_lock

    entries, bad = read_lock(ROOT / "data" / "contacts.lock")
    assert bad == []
    listed = "".join(f"{e.org} {e.kind} {e.value}\n" for e in entries)
    assert listed == lock_text(load_all(ROOT / "data"))


def test_the_contact_lock_is_owned_by_the_maintainers() -> None:
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    line = next(line for line in owners.splitlines() if line.startswith("/data/contacts.lock"))
    assert "@OWNER/maintainers" in line.split()


def test_hook_reports_a_bad_byte_in_one_line(hooks: SimpleNamespace) -> None:
    """The build stops at once, before MkDocs reads the page, with the guard's line
    (less the problem's kind)."""
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError) as stopped:
        hooks.start.on_pre_build(config=_config(FIXTURES / "bad-bytes", "en"))
    assert str(stopped.value) == EXPECTED["bad-bytes"][0][0].replace(" encoding:", "")


def test_a_changed_channel_in_data_fails_the_build(
    hooks: SimpleNamespace, caplog: pytest.LogCaptureFixture
) -> None:
    """One letter changed in legal@ovdinfo.org in data/organizations.yml: WARNINGs on the
    build's logger, so a strict build fails (the pages would show the new address)."""
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.translations")
    hooks.start.on_pre_build(config=_config(FIXTURES / "contact-data-typo", "en"))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == EXPECTED["contact-data-typo"][0]


def test_a_lock_value_may_hold_spaces(tmp_path: Path) -> None:
    from sitetools.guard.contacts import read_lock

    lock = tmp_path / "contacts.lock"
    lock.write_text("# comment\nconnection-ev phone +49 157 000 00 00\nbroken line\n",
                    encoding="utf-8")
    entries, bad = read_lock(lock)
    assert [(e.line, e.org, e.kind, e.value) for e in entries] == [
        (2, "connection-ev", "phone", "+49 157 000 00 00")]
    assert bad == [(3, "expected 'organization-id kind value'")]


def _check_with_glossary(tmp_path: Path, *replacements: tuple[str, str]) -> GuardReport:
    """The guard's report on the fixture site whose glossary has these texts replaced."""
    shutil.copytree(FIXTURES / "ok", tmp_path, dirs_exist_ok=True)
    glossary = tmp_path / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    glossary.write_text(text, encoding="utf-8")
    return check_tree(tmp_path / "docs", tmp_path / "data", root=tmp_path, use_git=False)


def test_a_data_text_whose_translation_changes_a_number_is_blocking(tmp_path: Path) -> None:
    """A text given in several languages in a data file has the same numbers in each: a
    hostile translation of a penalty in data is caught as one in a page would be."""
    report = _check_with_glossary(
        tmp_path,
        ("altogether.", "altogether, for more than 10 days (up to 10 years)."),
        ("вовсе уклониться от службы.", "вовсе уклониться от службы, более 10 суток (до 10 лет)."),
        ("взагалі ухилитися від служби.",
         "взагалі ухилитися від служби, понад 10 діб (до 2 років)."),
    )
    assert [str(p) for p in report.problems] == [
        "data/glossary.yml:11: fact: terms[0].definition.uk: number 10 in English is missing here",
        "data/glossary.yml:11: fact: terms[0].definition.uk: number 2 is not in English",
    ]
    assert all(p.severity == BLOCKING for p in report.problems)


def test_a_data_text_left_in_another_language_is_blocking(tmp_path: Path) -> None:
    """A data file's Russian text left in English, or its Ukrainian text in Russian, is
    caught: a reader would meet it in a box or a table of his language's page."""
    report = _check_with_glossary(
        tmp_path,
        ("ru: Самовольное оставление части без цели вовсе уклониться от службы.",
         "ru: Leaving one's unit without the aim of evading service altogether."),
        ("uk: Самовільне залишення частини без мети взагалі ухилитися від служби.",
         "uk: Самовольное оставление части без цели вовсе уклониться от службы."),
    )
    assert [str(p) for p in report.problems] == [
        "data/glossary.yml:10: language: terms[0].definition.ru: written in English, not Russian",
        "data/glossary.yml:11: language: terms[0].definition.uk: written in Russian, not "
        "Ukrainian",
    ]
    assert all(p.severity == BLOCKING for p in report.problems)


def test_placeholders_and_short_texts_in_data_are_not_judged_for_language() -> None:
    from sitetools.guard.check import _PLACEHOLDER
    from sitetools.guard.prose import block_language

    assert block_language(_PLACEHOLDER.sub(" ", "Статья {article} {code}. {title}"))[0] is None
    assert block_language("Connection e.V.")[0] is None
