"""The mirror kit's nginx example (``nginx-mirror.conf``) in a throwaway nginx.

tests/test_dist.py serves a release's mirror tree with the release's own file; the phone
pass of tests/every_page.py serves the test run's build with the file ``make dist`` would
write for it (``kit_conf``), so that every page is loaded from a real nginx under the
kit's headers.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# what the mirror serves (a server's mime.types says the same; not read from /etc)
NGINX_TYPES = {"text/html": "html", "text/css": "css", "application/javascript": "js",
               "application/json": "json", "image/svg+xml": "svg", "image/png": "png",
               "text/plain": "txt"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kit_conf(site: Path) -> str:
    """The nginx example ``make dist`` writes, for the built site in ``site``."""
    from sitetools.postbuild.site import top_level_entries
    from sitetools.release.mirror import content_security_policy, nginx_config
    from sitetools.release.tree import load_site

    csp = content_security_policy(load_site(site), top_level_entries(site))
    return nginx_config(csp, version="test", date="2026-01-01")


class NginxMirror:
    """``conf`` (the example) serving a copy of ``web``: its own prefix, logs, pid and
    temporary folders; run as nobody when the tests run as root."""

    def __init__(self, web: Path, conf: str) -> None:
        if not Path(NGINX).is_file():
            pytest.fail("nginx not found: install it (Debian: apt-get install nginx), as "
                        ".ci/run does", pytrace=False)
        self.conf = conf
        self.base = Path(tempfile.mkdtemp(prefix="nginx-mirror-"))
        self.web = self.base / "www"
        shutil.copytree(web, self.web)
        self.run = self.base / "run"
        self.run.mkdir()
        self.user = "nobody" if os.geteuid() == 0 else None
        for path in [self.base, *self.base.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        if self.user:
            import pwd

            entry = pwd.getpwnam(self.user)
            os.chown(self.run, entry.pw_uid, entry.pw_gid)

    def main_conf(self, server: str, name: str) -> Path:
        """An nginx.conf whose http block holds ``server`` (the example, maybe edited)."""
        (self.base / f"{name}.server.conf").write_text(server, encoding="utf-8")
        run = self.run
        types = " ".join(f"{mime} {ext};" for mime, ext in NGINX_TYPES.items())
        temp = "\n".join(f"    {kind}_temp_path {run}/{kind};"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        main = self.base / f"{name}.conf"
        main.write_text(
            f"worker_processes 1;\npid {run}/{name}.pid;\nerror_log {run}/error.log;\n"
            f"events {{ worker_connections 64; }}\n"
            f"http {{\n    types {{ {types} }}\n    default_type application/octet-stream;\n"
            f"{temp}\n    include {self.base}/{name}.server.conf;\n}}\n", encoding="utf-8")
        main.chmod(0o644)
        (self.base / f"{name}.server.conf").chmod(0o644)
        return main

    def command(self, main: Path, *args: str) -> list[str]:
        return [NGINX, "-p", str(self.run), "-c", str(main), "-e", str(self.run / "error.log"),
                *args]

    def test(self, server: str, name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.command(self.main_conf(server, name), "-t"),
                              capture_output=True, text=True, user=self.user, timeout=60)

    def local(self, port: int) -> str:
        """The example as it would be set up here: on 127.0.0.1:port, this web root."""
        conf = self.conf
        for old, new in (("    listen 80;\n", f"    listen 127.0.0.1:{port};\n"),
                         ("    listen [::]:80;\n", ""),
                         ("    root /var/www/guide;\n", f"    root {self.web};\n")):
            assert conf.count(old) == 1, f"nginx-mirror.conf: no line {old.strip()!r}"
            conf = conf.replace(old, new)
        return conf

    @contextmanager
    def serving(self) -> Iterator[str]:
        """The example running on a free local port: yields its address."""
        port = free_port()
        main = self.main_conf(self.local(port), "local")
        proc = subprocess.Popen(self.command(main, "-g", "daemon off;"), user=self.user,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    log = (self.run / "error.log").read_text(errors="replace") \
                        if (self.run / "error.log").exists() else ""
                    pytest.fail(f"nginx did not start: {proc.stdout.read()}{log}",
                                pytrace=False)
                time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            proc.terminate()
            proc.wait(timeout=10)

    def remove(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)
