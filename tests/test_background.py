"""sitetools.background: the same answer in a child process or in this one."""

from __future__ import annotations

import os

import pytest

from sitetools import background
from sitetools.background import Background


def _pid_and_sum(*numbers: int) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def _fail(message: str) -> None:
    raise ValueError(message)


def _die_in_child(parent: int) -> int:
    if os.getpid() != parent:
        os._exit(3)  # the child dies without an answer
    return parent


@pytest.fixture
def forkable(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a plain `mkdocs build` on a Linux machine with two CPUs."""
    if not background.sys.platform.startswith("linux"):
        pytest.skip("the child process is used on Linux only")
    monkeypatch.delenv(background.ENV, raising=False)
    monkeypatch.setattr(background.threading, "active_count", lambda: 1)
    monkeypatch.setattr(background.os, "sched_getaffinity", lambda _pid: {0, 1})


def test_work_runs_in_a_child_and_returns_its_value(forkable: None) -> None:
    job = Background(_pid_and_sum, 1, 2, 3)
    assert job.in_child
    pid, total = job.result()
    assert total == 6 and pid != os.getpid()
    assert job.result() == (pid, total)  # computed once


def test_an_exception_in_the_child_is_raised_by_result(forkable: None) -> None:
    job = Background(_fail, "bad page")
    with pytest.raises(ValueError, match="bad page"):
        job.result()


def test_a_child_that_dies_is_replaced_by_the_work_done_here(forkable: None) -> None:
    job = Background(_die_in_child, os.getpid())
    assert job.result() == os.getpid()


@pytest.mark.parametrize(
    "setting",
    ["env", "threads", "one-cpu"],
)
def test_work_stays_in_this_process_when_a_child_cannot_help(
    forkable: None, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    if setting == "env":
        monkeypatch.setenv(background.ENV, "0")
    elif setting == "threads":  # mkdocs serve: a server thread runs
        monkeypatch.setattr(background.threading, "active_count", lambda: 2)
    else:
        monkeypatch.setattr(background.os, "sched_getaffinity", lambda _pid: {0})
    job = Background(_pid_and_sum, 4, 5)
    assert not job.in_child
    assert job.result() == (os.getpid(), 9)
