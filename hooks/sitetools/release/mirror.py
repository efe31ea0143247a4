"""The mirror kit: precompressed files, a Content-Security-Policy that fits the
site exactly, and an nginx example made for the release.

The policy allows only the site itself ('self') plus the SHA-256 hashes of
the inline scripts and styles the build writes (Material's small bootstrap
scripts, the trilingual 404 page's path fix from ``sitetools.postbuild.site``). The
hashes are computed from the built pages, so the example always matches the
release it ships with; :func:`content_security_policy` fails if the 404
page's script is not the one ``sitetools.postbuild.site`` would write.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Mapping
from string import Template

from ..postbuild.csp import script_hash
from ..postbuild.site import not_found_script
from .tree import Tree

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".md")
MIN_SIZE = 256  # smaller files are not worth a second and third copy
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>",
                            re.S)
_INLINE_STYLE = re.compile(r"<style[^>]*>(?P<body>.*?)</style>", re.S)
_STYLE_ATTR = re.compile(r'\sstyle="(?P<body>[^"]*)"')
_EVENT_ATTR = re.compile(r"\son[a-z]+=\"", re.I)
_NOT_JS = ("application/json", "application/ld+json", "text/template")


class MirrorError(ValueError):
    """The site has something a strict policy cannot allow (one line)."""


def precompress(tree: Mapping[str, bytes]) -> Tree:
    """``name.gz`` and ``name.br`` next to every text file where they are smaller.

    gzip with no name and mtime 0 and brotli are deterministic: the same input
    gives the same bytes. Brotli quality 10: on this site 11 saves about 1% and
    takes three times as long.
    """
    import brotli

    out: Tree = {}
    for rel in sorted(tree):
        data = tree[rel]
        if not rel.endswith(COMPRESSIBLE) or len(data) < MIN_SIZE:
            continue
        gz = gzip.compress(data, compresslevel=9, mtime=0)
        if len(gz) < len(data):
            out[rel + ".gz"] = gz
        br = brotli.compress(data, quality=10)
        if len(br) < len(data):
            out[rel + ".br"] = br
    return out


def _sha256_source(text: str) -> str:
    return script_hash(text)  # the same 'sha256-…' form for scripts and styles


def inline_hashes(tree: Mapping[str, bytes]) -> tuple[list[str], list[str], list[str]]:
    """Sorted CSP hashes of inline scripts, <style> elements and style attributes."""
    scripts: set[str] = set()
    styles: set[str] = set()
    attrs: set[str] = set()
    for rel in sorted(tree):
        if not rel.endswith(".html"):
            continue
        page = tree[rel].decode("utf-8")
        for m in _INLINE_SCRIPT.finditer(page):
            kind = re.search(r'\btype="([^"]*)"', m.group("attrs"))
            if kind and kind.group(1) in _NOT_JS:
                continue
            scripts.add(_sha256_source(m.group("body")))
        styles.update(_sha256_source(m.group("body")) for m in _INLINE_STYLE.finditer(page))
        attrs.update(_sha256_source(m.group("body")) for m in _STYLE_ATTR.finditer(page))
        if _EVENT_ATTR.search(page.split("<body", 1)[-1]):
            raise MirrorError(f"{rel}: an inline event handler (on…=) cannot be allowed by "
                              "the mirror's Content-Security-Policy; use a script file")
    return sorted(scripts), sorted(styles), sorted(attrs)


def content_security_policy(tree: Mapping[str, bytes], top_level: list[str]) -> str:
    """A policy that allows the site and nothing else.

    ``top_level`` is what the build saw at the site root when it wrote
    ``404.html`` (``sitetools.postbuild.site.top_level_entries``).
    """
    scripts, styles, attrs = inline_hashes(tree)
    if "404.html" in tree:
        expected = script_hash(not_found_script(top_level))
        if expected not in scripts:
            raise MirrorError("404.html: its inline script is not the one sitetools.postbuild.site "
                              "writes (the CSP hash would not match)")
    style = ["'self'", *styles]
    if attrs:
        style += ["'unsafe-hashes'", *attrs]
    return "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(["'self'", *scripts]),
        "style-src " + " ".join(style),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])


SECURITY_HEADERS = (
    ("Content-Security-Policy", None),  # filled per release
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                           "microphone=(), payment=(), usb=()"),
)


def headers(csp: str) -> list[tuple[str, str]]:
    return [(name, csp if value is None else value) for name, value in SECURITY_HEADERS]


NGINX = Template("""\
# nginx example for a mirror of release $version ($date).
# Generated by `make dist`: the Content-Security-Policy below allows exactly the
# inline scripts and styles of this release. Use the file that comes with the
# release you publish (a newer release may need new hashes).
#
# The web root is the folder `mirror/` of the release (or the unpacked
# *-mirror.tar.gz). See MIRRORS.md for sub-paths, onion services and checks.
# Works as it is with nginx 1.22 (Debian 12) and later: put it in
# /etc/nginx/sites-enabled/ (or conf.d/), run `nginx -t`, then reload nginx.

server {
    # Plain HTTP, e.g. behind an onion service or until there is a certificate.
    listen 80;
    listen [::]:80;
    # HTTPS: with a certificate (e.g. from certbot), use these lines instead of
    # the two above. nginx 1.25.1 and later also accept `listen 443 ssl;` with
    # a separate `http2 on;` (and warn that `ssl http2` is deprecated).
    # listen 443 ssl http2;
    # listen [::]:443 ssl http2;
    # ssl_certificate     /etc/letsencrypt/live/mirror.example.org/fullchain.pem;
    # ssl_certificate_key /etc/letsencrypt/live/mirror.example.org/privkey.pem;
    server_name mirror.example.org;

    root /var/www/guide;
    index index.html;
    charset utf-8;
    server_tokens off;

    # Readers' addresses are nobody's business: keep no access log.
    access_log off;
    log_not_found off;

    # Precompressed copies made by `make dist` (file.html.gz, file.html.br).
    gzip_static on;
    # The .br copies need the brotli module (Debian: apt-get install
    # libnginx-mod-http-brotli-static, which loads itself); then remove the #:
    # brotli_static on;

$headers
    # HTTPS only (not on an onion service):
    # add_header Strict-Transport-Security "max-age=31536000" always;

    # A page also answers without .html (/ru/law/military-crimes); with a
    # trailing slash (/ru/law/military-crimes/) it is sent to its .html
    # address, where its relative links work.
    location / {
        try_files $$uri $$uri.html $$uri/ =404;
    }
    location ~ ^(?<page>.+)/$$ {
        if (-f $$document_root$$page.html) {
            return 301 $$page.html;
        }
    }
    error_page 404 /404.html;

    # The checksums and the signature as text, so they open in a browser.
    location ~ (SHA256SUMS|\\.minisig|\\.pub)$$ {
        default_type text/plain;
    }
}

# Under a sub-path of an existing site, e.g. https://ngo.example/guide/ :
#
#   location /guide/ {
#       alias /var/www/guide/;
#       error_page 404 /guide/404.html;
#       gzip_static on;
#       # brotli_static on;   (with the brotli module, as above)
#   }
#
# If that server does not send the add_header lines above, put them inside
# the location block (nginx drops a server's add_header lines in a location
# that has any add_header of its own).
""")


def nginx_config(csp: str, *, version: str, date: str) -> str:
    def lines(indent: str) -> str:
        return "\n".join(f'{indent}add_header {name} "{value}" always;'
                         for name, value in headers(csp))

    return NGINX.substitute(version=version, date=date, headers=lines("    "))
