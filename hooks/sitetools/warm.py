"""Fill the cache beside the build, before the build needs it.

A fresh clone's first build has nothing in ``.cache/`` (``sitetools.cache``):
it must parse the data files and compile the templates before it renders
the first table. With two or more CPUs, the hooks start this module's own
command as soon as they are loaded, about a tenth of a second before the
build first asks for the data::

    python -m sitetools.warm DATA_DIR

It parses the data files into ``.cache/yaml``, prints ``data`` (the build
waits for that line, then reads the data from the cache), compiles the
templates into ``.cache/templates`` and records that the cache is warm for
these files and this code. A build with a warm cache starts nothing.

If the command cannot be started, fails or is slow, the build does the same
work itself: the answer is the same, only later.
"""

from __future__ import annotations

import argparse
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from . import cache
from .background import python_module, start

READY = "data"
WAIT_SECONDS = 20.0  # the command takes a fraction of a second; more means it is stuck


def warm_key(data_dir: Path) -> str:
    """SHA-256 of the data files and the code: the cache is warm for this key."""
    from .data import REGISTRY  # noqa: PLC0415 - not needed by a build that starts nothing

    return cache.digest_files([Path(data_dir) / f.name for f in REGISTRY],
                              cache.code_fingerprint(), "warm")


def warm(data_dir: Path, *, say: Callable[[str], object] = print) -> None:
    """Parse the data files, say ``READY``, compile the templates, record the key."""
    from .data import parse_files  # noqa: PLC0415
    from .statutes import compile_templates  # noqa: PLC0415

    kept = cache.store("warm")
    if kept is None:
        return
    key = warm_key(data_dir)
    parse_files(data_dir)
    say(READY)
    compile_templates()
    if warm_key(data_dir) == key:  # nothing changed meanwhile
        kept.put(key, b"")


class Warming:
    """The command, started only where it helps: cache on, two CPUs, cache not yet warm."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir).resolve()
        self._process: subprocess.Popen[str] | None = None
        kept = cache.store("warm")
        if kept is None or not self.data_dir.is_dir():
            return
        if kept.get(warm_key(self.data_dir)) is not None:
            return  # warm already
        self._process = start(python_module("sitetools.warm", str(self.data_dir)),
                              cwd=self.data_dir, stderr=subprocess.DEVNULL)

    @property
    def started(self) -> bool:
        return self._process is not None

    def wait_for_data(self, timeout: float = WAIT_SECONDS) -> None:
        """Return once the data files are in the cache, the command has stopped, or
        ``timeout`` has passed (then the build parses them itself)."""
        process = self._process
        if process is None or process.stdout is None or process.stdout.closed:
            return
        try:
            ready, _, _ = select.select([process.stdout], [], [], timeout)
        except (OSError, ValueError):  # no select() on pipes here (Windows): just read
            ready = [process.stdout]
        if ready:
            process.stdout.readline()
        process.stdout.close()

    def finish(self, timeout: float = WAIT_SECONDS) -> None:
        """Wait for the command to end (the templates are compiled by then)."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdout is not None and not process.stdout.closed:
            process.stdout.close()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()  # stuck: what it wrote is whole entries or nothing
            process.wait()

    def __del__(self) -> None:  # a build that stops early leaves no stray process
        process = getattr(self, "_process", None)
        if process is not None and process.poll() is None:
            process.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitetools.warm",
                                     description="Fill .cache/ for the next build.")
    parser.add_argument("data_dir", type=Path)
    args = parser.parse_args(argv)
    warm(args.data_dir, say=lambda line: print(line, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
