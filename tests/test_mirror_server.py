"""The mirror kit's nginx example (``sitetools.release.mirror``) in a real nginx.

The ``location`` blocks and the ``error_page`` line of the generated example are put in a
minimal server on 127.0.0.1 that serves the offline build from its root, and asked for
the addresses readers type or find in links: a page without ``.html``, with a slash, a
folder, a missing page.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitetools.release.mirror import nginx_config

pytestmark = [pytest.mark.build]

_BLOCK = re.compile(r"^    (location [^\n]*\{\n.*?^    \})$", re.M | re.S)
_ERROR_PAGE = re.compile(r"^    (error_page [^\n]*;)$", re.M)


def example_locations() -> str:
    """The example's location blocks and error_page line, as they stand in it."""
    conf = nginx_config("default-src 'none'", version="test", date="today")
    server = conf.split("\nserver {", 1)[1]
    blocks = [m.group(1) for m in _BLOCK.finditer(server)] + _ERROR_PAGE.findall(server)
    assert any(b.startswith("location / ") for b in blocks), conf
    return "\n".join(blocks)


@pytest.fixture(scope="module")
def nginx(offline_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    exe = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if exe is None:
        pytest.fail("nginx is missing (Debian: apt-get install nginx; .ci/run installs it)",
                    pytrace=False)
    prefix = tmp_path_factory.mktemp("nginx")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    temp = " ".join(f"{kind}_temp_path {prefix};" for kind in
                    ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # as root, nginx's workers would run as "nobody", who cannot read pytest's folders
    user = "user root;" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(f"""
{user}
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{}}
http {{
  types {{ text/html html; text/css css; application/javascript js; }}
  access_log off;
  {temp}
  server {{
    listen 127.0.0.1:{port};
    root {offline_site};
    index index.html;
{example_locations()}
  }}
}}
""", encoding="utf-8")
    proc = subprocess.Popen([exe, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"nginx did not start: {proc.stderr.read().decode()}")
            time.sleep(0.05)
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def get(port: int, path: str) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response.getheader("Location") or "", body


def test_a_page_is_served_without_html_and_with_a_slash(nginx: int,
                                                         offline_site: Path) -> None:
    page = (offline_site / "ru/law/military-crimes.html").read_bytes()
    assert get(nginx, "/ru/law/military-crimes.html") == (200, "", page)
    assert get(nginx, "/ru/law/military-crimes") == (200, "", page)
    # with a slash the page's relative links would resolve one folder too deep:
    # the reader is sent to the page's own address
    status, location, _ = get(nginx, "/ru/law/military-crimes/")
    assert (status, location) == (302, "/ru/law/military-crimes.html")


def test_folders_and_missing_pages(nginx: int, offline_site: Path) -> None:
    index = (offline_site / "ru/law/index.html").read_bytes()
    assert get(nginx, "/ru/law/") == (200, "", index)
    assert get(nginx, "/ru/law")[:2] == (301, "/ru/law/")  # nginx adds the slash
    status, _, body = get(nginx, "/ru/law/nothing.html")
    assert status == 404 and body == (offline_site / "404.html").read_bytes()
    status, location, _ = get(nginx, "/ru/law/nothing/")
    assert (status, location) == (302, "/ru/law/nothing.html")
