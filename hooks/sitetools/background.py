"""Run a check as its own command beside the build, and take its answer later.

The translation guard reads every page of every language (a third of a
second on the real site) and renders nothing. Its answer is first needed
when the status page or the first Russian page is built, about a second
later, so the build starts the guard's own command
(``python -m sitetools.guard --format json``) and goes on rendering the
English pages while it runs on another CPU::

    job = Background(compute, command=[...], parse=parse_json, cwd=root)
    ...
    report = job.result()  # waits for the command if it still runs

A separate command, not a forked copy of the build: a fork copies the
build's memory page by page as Python touches it (reference counts), which
cost more than half of what the guard itself takes, and forking a process
with threads (``mkdocs serve``) can deadlock. The command is started only
when it can help: with two or more CPUs for this process, and unless
``SITETOOLS_BACKGROUND=0`` is set. Otherwise, or if the command cannot be
started, fails (an exit code not in ``ok_codes``) or prints something
``parse`` rejects, ``compute()`` runs in this process when ``result()`` is
first asked for: the answer is the same, only later.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

ENV = "SITETOOLS_BACKGROUND"
WAIT_SECONDS = 120.0  # the guard takes under a second; a command this slow is stuck
HOOKS_DIR = Path(__file__).resolve().parent.parent  # what `python -m sitetools...` needs


def usable() -> bool:
    """Whether a command beside this process would run on a CPU of its own."""
    if os.environ.get(ENV, "1").strip().lower() in ("0", "false", "no", "off"):
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return cpus >= 2


def python_module(module: str, *args: str) -> list[str]:
    """The command that runs ``python -m module args`` with this interpreter."""
    return [sys.executable, "-m", module, *args]


def start(command: Sequence[str], *, cwd: Path, stdin: int = subprocess.DEVNULL,
          stderr: int = subprocess.PIPE) -> subprocess.Popen[str] | None:
    """``command`` started beside this process, or None if it would not help or cannot start.

    Its output is read as UTF-8 text; ``sitetools`` is importable in it.
    """
    if not usable():
        return None
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(HOOKS_DIR), os.environ.get("PYTHONPATH", "")) if p)}
    try:
        return subprocess.Popen(  # noqa: S603 - our own module, no shell
            list(command), cwd=cwd, env=env, text=True, encoding="utf-8",
            stdin=stdin, stdout=subprocess.PIPE, stderr=stderr,
        )
    except OSError:
        return None  # cannot start it here: the caller does the work itself


class Background(Generic[T]):
    """``compute()``'s value, taken from ``command``'s output where that helps."""

    def __init__(
        self,
        compute: Callable[[], T],
        *,
        command: Sequence[str] | None,
        parse: Callable[[str], T],
        cwd: Path,
        ok_codes: Sequence[int] = (0,),
        process: subprocess.Popen[str] | None = None,
        timeout: float = WAIT_SECONDS,
    ) -> None:
        """``process``: the command already runs (``sitetools.warm`` took the job on);
        ``command`` is then not started. ``timeout``: seconds to wait for its answer
        before it counts as stuck (then it is stopped and the work done here)."""
        self._compute = compute
        self._parse = parse
        self._ok_codes = tuple(ok_codes)
        self._timeout = timeout
        if process is None and command:
            process = start(command, cwd=cwd)
        self._process = process
        self._done = False
        self._value: T | None = None

    @property
    def in_background(self) -> bool:
        """True if the command was started."""
        return self._process is not None

    def result(self) -> T:
        """The value (waits for the command; computes it here if there is none)."""
        if not self._done:
            self._value = self._from_command()
            if self._value is None:
                self._value = self._compute()
            self._done = True
        return self._value  # type: ignore[return-value]

    def _from_command(self) -> T | None:
        process, self._process = self._process, None
        if process is None:
            return None
        try:
            out, _err = process.communicate(timeout=self._timeout)
        except subprocess.TimeoutExpired:
            process.kill()  # stuck: do the work here
            process.communicate()
            return None
        if process.returncode not in self._ok_codes:
            return None  # it failed: do the work here, where its error shows
        try:
            return self._parse(out)
        except (ValueError, KeyError, TypeError):
            return None  # not what we expected: do the work here

    def __del__(self) -> None:  # a build that stops early leaves no stray process
        process = getattr(self, "_process", None)
        if process is not None and process.poll() is None:
            process.kill()
