"""The W3C Nu HTML Checker (npm ``vnu-jar``, run with Java) over every built page.

0 errors from the project's own markup. Errors from Material's templates are fixed in
``overrides/`` or listed, with a reason, in ``tests/vnu-allowlist.txt``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.build]

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWLIST = ROOT / "tests" / "vnu-allowlist.txt"

def allowlist() -> dict[str, str]:
    """Message start -> reason, from tests/vnu-allowlist.txt."""
    entries: dict[str, str] = {}
    message = None
    for line in ALLOWLIST.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith((" ", "\t")):
            assert message, f"{ALLOWLIST.name}: a reason without a message: {line.strip()}"
            entries[message] = (entries[message] + " " + line.strip()).strip()
        else:
            message = line.strip()
            entries[message] = ""
    for message, reason in entries.items():
        assert reason, f"{ALLOWLIST.name}: '{message}' has no reason"
    return entries


@pytest.fixture(scope="module")
def vnu_errors(offline_site: Path) -> list[tuple[str, str]]:
    """(page, "line: message") for every error the checker finds in the built site."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: the W3C Nu HTML Checker needs a Java runtime "
                    "(Debian: apt-get install default-jre-headless; .ci/run installs it)",
                    pytrace=False)
    if not VNU.is_file():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: run `make install` (npm ci)",
                    pytrace=False)
    proc = subprocess.run(
        # one short run: the JIT's first tier and the serial collector use half the CPU
        # time of the defaults (3 s against 7 s on 142 pages), the messages are the same
        [java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU),
         "--format", "json", "--errors-only",
         "--skip-non-html", str(offline_site)],
        capture_output=True, text=True, timeout=240)
    try:
        messages = json.loads(proc.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the checker did not answer in JSON:\n{proc.stderr[-2000:]}")
    errors = []
    for m in messages:
        path = Path(unquote(urlsplit(m.get("url", "")).path))
        page = path.relative_to(offline_site).as_posix() if path.is_relative_to(
            offline_site) else str(path)
        errors.append((page, f"{m.get('lastLine', '?')}: {m['message']}"))
    return errors


def test_every_page_is_valid_html(vnu_errors: list[tuple[str, str]]) -> None:
    allowed = allowlist()
    used = set()
    problems = []
    for page, error in vnu_errors:
        message = error.split(": ", 1)[1]
        start = next((a for a in allowed if message.startswith(a)), None)
        if start is not None:
            used.add(start)
        else:
            problems.append(f"{page}:{error}")
    assert not problems, f"{len(problems)} error(s):\n" + "\n".join(problems[:40])
    assert used == set(allowed), f"{ALLOWLIST.name}: entries that match nothing: " \
        f"{sorted(set(allowed) - used)}"
