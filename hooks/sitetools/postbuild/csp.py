"""The Content-Security-Policy of every page, and the inline scripts it allows.

Every page carries its policy as ``<meta http-equiv="Content-Security-Policy">``
(``overrides/main.html``, the 404 and neutral pages), so it protects a reader
who opened an offline copy from the file system and a mirror whose server
sends no headers. Scripts may come only from the site's own files and from
the inline scripts listed here, allowed by their SHA-256 hashes; nothing may
be fetched from another host.

The hashes are of the scripts the project knows, never of what a page
happens to contain: a script that got into a page by any route stays blocked
even where the build's own check (``sitetools.postbuild.active``) is not
strict (``mkdocs serve``).

From ``file://``, Chromium does not match ``'self'`` against other ``file:``
URLs, so the policy names the ``file:`` scheme too (it means nothing to a
page served over HTTP).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

# Material 9.8.1's inline scripts on every page (partials/javascripts/base.html
# and content.html), with the page's base URL in the first. When Material
# changes them, the build says "an inline script that is not the project's":
# copy the new text from Material's templates here.
MATERIAL_SCOPE = (
    '__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+'
    '_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem('
    't.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem('
    'a.pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}'
)
MATERIAL_TABBED = (
    'var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
    '(target.checked=target.name.startsWith("__tabbed_"))'
)

# The vendored iframe-worker shim runs Material's search worker in a hidden
# frame when the site is opened from file://; it writes one inline script into
# that frame, which inherits the page's policy.
IFRAME_WORKER_SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"


class PolicyError(ValueError):
    """A script the policy depends on is not what it expects (one line)."""


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script (or style)."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def material_inline_scripts(base_url: str) -> tuple[str, ...]:
    """The inline scripts Material writes into a page whose base URL is ``base_url``."""
    if not re.fullmatch(r"\.|\.\.(?:/\.\.)*", base_url):
        raise PolicyError(f"unexpected base URL {base_url!r} (expected '.', '..', '../..')")
    return (MATERIAL_SCOPE.format(base=base_url), MATERIAL_TABBED)


def _function_source(js: str, name: str) -> str:
    """The text of ``function name(...){...}`` in ``js`` (what ``String(name)`` gives)."""
    start = js.find(f"function {name}(")
    if start < 0:
        raise PolicyError(f"{IFRAME_WORKER_SHIM}: no function {name}")
    depth, i, quote = 0, js.index("{", start), ""
    while i < len(js):
        ch = js[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'`":
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return js[start:i + 1]
        i += 1
    raise PolicyError(f"{IFRAME_WORKER_SHIM}: function {name} does not end")


_FRAME_SCRIPT = re.compile(r"document\.write\(`<html><body><script>(.*?)<\\/script>", re.S)


def iframe_worker_script(shim: str) -> str:
    """The inline script the iframe-worker shim writes into its frame, as the frame runs it.

    The template's ``${c}`` and ``${d}`` are the shim's own functions (their source
    text); the worker's URL must not be in it (it differs between copies of the
    site), so the vendored shim passes it as the frame's name.
    """
    m = _FRAME_SCRIPT.search(shim)
    if not m:
        raise PolicyError(f"{IFRAME_WORKER_SHIM}: its frame script was not found; the policy "
                          "cannot allow it (was the shim updated?)")
    def function(v: re.Match[str]) -> str:  # a value that is not a function stays
        name = v.group(1)
        return _function_source(shim, name) if f"function {name}(" in shim else v.group(0)

    script = re.sub(r"\$\{([A-Za-z_$][\w$]*)\}", function, m.group(1))
    if "${" in script:
        raise PolicyError(f"{IFRAME_WORKER_SHIM}: its frame script depends on a value "
                          f"({script[script.index('${'):][:20]}…): no hash can allow it")
    return script


@functools.lru_cache(maxsize=4)
def _frame_script(path: Path, _stamp: int) -> str:
    return iframe_worker_script(path.read_text(encoding="utf-8"))


def frame_script(custom_dir: Path) -> str:
    """The iframe-worker shim's frame script, read from the theme folder (``overrides/``)."""
    path = Path(custom_dir) / IFRAME_WORKER_SHIM
    try:
        return _frame_script(path, path.stat().st_mtime_ns)
    except OSError as error:
        raise PolicyError(f"{path}: cannot read it ({error.strerror})") from None


def base_url(dest_uri: str) -> str:
    """The relative URL of the site root from the page at ``dest_uri`` (as MkDocs writes it)."""
    depth = dest_uri.count("/")
    return "/".join([".."] * depth) if depth else "."


def page_policy(inline_scripts: Iterable[str]) -> str:
    """The policy of a page that may run ``inline_scripts`` and the site's script files."""
    hashes = sorted({script_hash(s) for s in inline_scripts})
    return "; ".join([
        "default-src 'self' file:",
        "script-src " + " ".join(["'self'", "file:", *hashes]),
        "style-src 'self' file: 'unsafe-inline'",
        "img-src 'self' file: data:",
        "font-src 'self' file: data:",
        "connect-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])
