"""Run one function in a child process while the caller goes on, where that is safe.

The translation guard reads every page of every language (a third of a
second on the real site). Its answer is needed only when the first Russian
page is built, more than a second later, so the build starts it in a forked
child and goes on rendering the English pages on the other CPU::

    job = Background(check_tree, docs, data)
    ...
    report = job.result()  # waits if the child has not finished

The child is used only when it can help and cannot hurt: on Linux (fork is
cheap and safe there; macOS and Windows would spawn a new interpreter), with
two or more CPUs available to this process, while the process has a single
thread (``mkdocs serve`` runs a server thread: forking a threaded process can
deadlock the child), and unless ``SITETOOLS_BACKGROUND=0`` is set. Otherwise,
or if the child cannot be started, the function runs in the calling process
when ``result()`` is first asked for, with the same answer.

The result must be picklable; an exception raised in the child is raised
again by ``result()``. If the child dies without an answer, ``result()`` does
the work in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")

ENV = "SITETOOLS_BACKGROUND"


def usable() -> bool:
    """Whether a forked child would run beside this process (see the module docstring)."""
    if os.environ.get(ENV, "1").strip().lower() in ("0", "false", "no", "off"):
        return False
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return cpus >= 2


def _child(conn: Connection, call: tuple[Callable[..., Any], tuple, dict]) -> None:
    fn, args, kwargs = call
    try:
        answer: tuple[str, Any] = ("value", fn(*args, **kwargs))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, raised there
        answer = ("error", exc)
    try:
        conn.send(answer)
    except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable value
        conn.send(("error", RuntimeError(f"background result cannot be sent: {exc}")))
    conn.close()


class Background(Generic[T]):
    """``fn(*args, **kwargs)``, computed in a child process when usable(), else on demand.

    A plain forked process and a pipe: no thread is started in this process,
    so a second ``Background`` can fork safely too.
    """

    def __init__(self, fn: Callable[..., T], /, *args: object, **kwargs: object) -> None:
        self._call = (fn, args, kwargs)
        self._process: Any = None
        self._conn: Connection | None = None
        self._done = False
        self._value: T | None = None
        if usable():
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            try:
                process = context.Process(target=_child, args=(send, self._call), daemon=True)
                process.start()
            except (OSError, RuntimeError, ValueError):
                receive.close()  # no fork here: compute on demand
            else:
                self._process, self._conn = process, receive
            finally:
                send.close()

    @property
    def in_child(self) -> bool:
        """True if the work was handed to a child process."""
        return self._process is not None

    def result(self) -> T:
        """The function's value (waits for the child; computes it here if there is none)."""
        if not self._done:
            kind, value = self._receive()
            if kind == "error":
                raise value
            self._value, self._done = value, True
        return self._value  # type: ignore[return-value]

    def _receive(self) -> tuple[str, Any]:
        fn, args, kwargs = self._call
        if self._conn is not None:
            try:
                return self._conn.recv()
            except (EOFError, OSError):
                pass  # the child died without an answer: do the work here
            finally:
                self._conn.close()
                self._conn = None
                self._process.join()
        return ("value", fn(*args, **kwargs))
