"""Fill the cache beside the build, before the build needs it; then run the guard.

A fresh clone's first build has nothing in ``.cache/`` (``sitetools.cache``):
it must parse the data files and compile the templates before it renders
the first table. With two or more CPUs, the hooks start this module's own
command as soon as they are loaded, about a tenth of a second before the
build first asks for the data::

    python -m sitetools.warm DATA_DIR --then-stdin

It parses the data files into ``.cache/yaml``, says ``data`` on its stderr
(the build waits for that line, then reads the data from the cache),
compiles the templates into ``.cache/templates`` and records that the cache
is warm for these files and this code. A build with a warm cache starts
nothing.

Then it reads what else the build asks of it on stdin, one JSON line each,
until the build closes stdin:

* ``{"prerender": {"docs": ..., "languages": [...]}}`` (``Warming.prerender``):
  render the tables of the languages the build comes to later
  (``sitetools.prerender``), while it builds the first;
* ``{"module": "sitetools.guard", "args": [...], "cwd": ...}``
  (``Warming.then_run``): the last request. The command runs the translation
  guard, which the build would otherwise start as a command of its own, and
  its stdout and exit code are the guard's.

One command doing these in turn, not two at once: on two CPUs, a second
command beside the build took CPU time from the build itself.

If the command cannot be started, fails or is slow, the build does the same
work itself: the answer is the same, only later.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import select
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import cache
from .background import python_module, start

READY = "data"
WAIT_SECONDS = 20.0  # the command takes a fraction of a second; more means it is stuck
# What may follow the warm-up in the same command: modules with main(argv) -> int.
FOLLOW_ON = frozenset({"sitetools.guard"})


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
        self._asked = False  # wait_for_data() was called
        self._handed_over = False  # then_run() gave the command to its caller
        kept = cache.store("warm")
        if kept is None or not self.data_dir.is_dir():
            return
        if kept.get(warm_key(self.data_dir)) is not None:
            return  # warm already
        self._process = start(
            python_module("sitetools.warm", str(self.data_dir), "--then-stdin"),
            cwd=self.data_dir, stdin=subprocess.PIPE)

    @property
    def started(self) -> bool:
        return self._process is not None

    def wait_for_data(self, timeout: float = WAIT_SECONDS) -> None:
        """Return once the data files are in the cache, the command has stopped, or
        ``timeout`` has passed: then the command is stuck, and is stopped (the
        build parses the files itself, and does a follow-on job itself too)."""
        process = self._process
        if self._asked or process is None or process.stderr is None:
            return
        self._asked = True
        try:
            ready, _, _ = select.select([process.stderr], [], [], timeout)
        except (OSError, ValueError):  # no select() on pipes here (Windows): just read
            ready = [process.stderr]
        if ready:
            process.stderr.readline()  # READY, or nothing: it stopped
        elif process.poll() is None:
            process.kill()

    def prerender(self, docs_dir: Path, languages: Sequence[str]) -> bool:
        """Have the command render these languages' tables once it is done
        (``sitetools.prerender``); False if no command runs to do it."""
        return self._send({"prerender": {"docs": str(Path(docs_dir).resolve()),
                                         "languages": list(languages)}}, last=False)

    def _send(self, message: dict[str, object], *, last: bool) -> bool:
        process = self._process
        if (process is None or self._handed_over or process.stdin is None
                or process.poll() is not None):
            return False
        try:
            process.stdin.write(json.dumps(message) + "\n")
            process.stdin.flush()
            if last:
                process.stdin.close()
        except (OSError, ValueError):  # it stopped meanwhile
            return False
        if last:
            process.stdin = None  # closed: communicate() must not flush it
        return True

    def then_run(self, module: str, args: Sequence[str], *,
                 cwd: Path) -> subprocess.Popen[str] | None:
        """Have the command run ``python -m module args`` (in ``cwd``) once it is done.

        Returns the command, now the caller's: its stdout is the job's output
        and its exit code the job's. None if no command runs (or it has
        already stopped): then start the job as a command of its own.
        """
        if module not in FOLLOW_ON:
            raise ValueError(f"{module}: not a follow-on job of sitetools.warm")
        process = self._process
        if not self._send({"module": module, "args": list(args), "cwd": str(cwd)}, last=True):
            return None
        self._handed_over = True  # the caller waits for it and reads its output
        return process

    def finish(self, timeout: float = WAIT_SECONDS) -> None:
        """Wait for the command to end (the templates are compiled by then); a
        command given a follow-on job is left to the job's caller."""
        process, self._process = self._process, None
        if process is None or self._handed_over:
            return
        for pipe in (process.stdin, process.stdout, process.stderr):
            if pipe is not None and not pipe.closed:
                with contextlib.suppress(OSError):
                    pipe.close()  # stdin: no follow-on job
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()  # stuck: what it wrote is whole entries or nothing
            process.wait()

    def __del__(self) -> None:  # a build that stops early leaves no stray process
        process = getattr(self, "_process", None)
        if process is not None and not self._handed_over and process.poll() is None:
            process.kill()


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _prerender(request: dict[str, object], data_dir: Path) -> None:
    from .data import DataError, load_all  # noqa: PLC0415
    from .prerender import prerender  # noqa: PLC0415

    try:
        site = load_all(data_dir)
    except DataError:
        return  # the build reports it
    prerender(site, Path(str(request["docs"])), [str(x) for x in request["languages"]])


def _follow_on(job: dict[str, object]) -> int:
    """Run the job the build sent: ``{"module", "args", "cwd"}``."""
    module, args, cwd = job.get("module"), job.get("args"), job.get("cwd")
    if module not in FOLLOW_ON or not isinstance(args, list) or not isinstance(cwd, str):
        print(f"sitetools.warm: refused follow-on job {module!r}", file=sys.stderr)
        return 2
    os.chdir(cwd)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    main = importlib.import_module(str(module)).main
    return int(main([str(arg) for arg in args]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitetools.warm",
                                     description="Fill .cache/ for the next build.")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--then-stdin", action="store_true",
                        help="then run the job read from stdin (one JSON line), if any")
    args = parser.parse_args(argv)
    warm(args.data_dir, say=_say if args.then_stdin else print)
    if args.then_stdin:
        for line in sys.stdin:  # until the build closes stdin (no job) or sends the job
            if not line.strip():
                continue
            request = json.loads(line)
            if "prerender" in request:
                _prerender(request["prerender"], args.data_dir)
            else:
                return _follow_on(request)
    return 0


if __name__ == "__main__":
    sys.exit(main())
