"""Unit tests of the third-party load scanner."""

from __future__ import annotations

from sitetools.postbuild.scan import scan_text


def urls(name: str, text: str, own: tuple[str, ...] = ()) -> list[str]:
    return [x.url for x in scan_text(name, text, own)]


def test_html_loads_are_found() -> None:
    html = """
    <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
    <link rel="preconnect" href="https://fonts.gstatic.com">
    <script src="//cdn.example.com/x.js"></script>
    <img src="https://t.example.com/p.gif" srcset="a.png 1x, https://i.example.com/b.png 2x">
    <iframe src="https://v.example.com/embed"></iframe>
    <div style="background:url('https://bg.example.com/i.png')"></div>
    <style>@import "https://css.example.com/a.css";</style>
    <svg><image href="https://svg.example.com/i.png"/></svg>
    """
    assert urls("p.html", html) == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "https://fonts.gstatic.com",
        "//cdn.example.com/x.js",
        "https://t.example.com/p.gif",
        "https://i.example.com/b.png",
        "https://v.example.com/embed",
        "https://bg.example.com/i.png",
        "https://css.example.com/a.css",
        "https://svg.example.com/i.png",
    ]


def test_navigation_and_local_files_are_not_loads() -> None:
    html = """
    <a href="https://www.consultant.ru/">source</a>
    <link rel="alternate" hreflang="ru" href="https://guide.example.org/ru/">
    <link rel="canonical" href="https://guide.example.org/">
    <link rel="stylesheet" href="../assets/site.css">
    <img src="data:image/png;base64,AAAA"><svg xmlns="http://www.w3.org/2000/svg"></svg>
    """
    assert urls("p.html", html) == []


def test_own_host_is_allowed_in_the_online_profile() -> None:
    html = '<link rel="icon" href="https://guide.example.org/favicon.svg">'
    assert urls("p.html", html, ("guide.example.org",)) == []
    assert urls("p.html", html) == ["https://guide.example.org/favicon.svg"]


def test_css_and_js() -> None:
    assert urls("a.css", "a{background:url(https://x.example.com/a.png)}") == [
        "https://x.example.com/a.png"]
    assert urls("a.css", "a{background:url(../img/a.png)}") == []
    js = 'var a="https://unpkg.com/lib";/* see https://lunrjs.com */ x=/a/i.test(b)//c'
    assert urls("b.js", js) == ["https://unpkg.com/lib"]
    assert urls("b.js", 'f(`https://api.example.com/${x}`)') == ["https://api.example.com/${x}"]


def test_loads_hidden_in_unusual_markup_are_found() -> None:
    html = """
    <img alt="a > b" src="https://quoted-gt.example.com/i.png">
    <DIV Style="color:red; background: URL(https://upper.example.com/a.png)">x</DIV>
    <table><tr><td class="x">1</td><th background="http://th.example.com/b.gif">2</th></tr>
    <td background="http://td.example.com/c.gif">3</td></table>
    <input type="image" src="https://input.example.com/go.png">
    <meta http-equiv="refresh" content="0; url=https://refresh.example.com/">
    <script>__md_scope=new URL(".",location)</script>
    <img src="https:no-slashes.example.com/a.png"><img src="https:\\\\backslash.example.com/b.png">
    <img src="&#104;ttps&#58;&#47;&#47;entities.example.com/c.png">
    <script src="assets/javascripts/bundle.js"></script>
    """
    assert urls("p.html", html) == [
        "https://quoted-gt.example.com/i.png",
        "https://upper.example.com/a.png",
        "http://th.example.com/b.gif",
        "http://td.example.com/c.gif",
        "https://input.example.com/go.png",
        "https://refresh.example.com/",
        "https:no-slashes.example.com/a.png",  # browsers read it as https://
        "https:\\\\backslash.example.com/b.png",  # and this one too
        "https://entities.example.com/c.png",
    ]


def test_cells_and_inputs_without_loading_attributes_are_not_read() -> None:
    # tables of figures are most of a long page's tags: only a background= makes one a load
    html = "<table>" + '<tr><td class="num">1</td><td>2</td></tr>' * 50 + "</table>"
    html += '<input type="search" placeholder="https://example.com/">'
    assert urls("p.html", html) == []


def test_tag_names_in_any_case_among_cyrillic_text() -> None:
    # the scanner matches lower-cased bytes: upper-case names, non-ASCII text
    # before and inside tags must not shift what it reads
    html = """
    <p>Статья 338 «Дезертирство» — ё, ї, є</p>
    <SCRIPT SRC="https://UPPER.example.com/x.js"></SCRIPT>
    <Img alt="Повестка" SrcSet="https://mixed.example.com/ё.png 2x">
    <TD BACKGROUND="https://cell.example.com/b.gif">й</TD>
    <Meta HTTP-EQUIV="Refresh" Content="0; URL=https://meta.example.com/">
    <STYLE>p{background:URL("https://style.example.com/a.png")}</STYLE>
    <p>Конец</p>
    """
    assert urls("p.html", html) == [
        "https://UPPER.example.com/x.js",
        "https://mixed.example.com/ё.png",
        "https://cell.example.com/b.gif",
        "https://meta.example.com/",
        "https://style.example.com/a.png",
    ]
