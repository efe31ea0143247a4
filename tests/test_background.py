"""sitetools.background: the same answer from the command beside the build or from here."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from sitetools import background
from sitetools.background import Background, python_module
from sitetools.guard import check_tree, format_json, parse_json

from conftest import FIXTURES

PRINT_PID = [sys.executable, "-c", "import json, os; print(json.dumps(os.getpid()))"]


@pytest.fixture
def two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine with two CPUs for the build."""
    monkeypatch.delenv(background.ENV, raising=False)
    monkeypatch.setattr(background.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(background.os, "cpu_count", lambda: 2)


def _here() -> int:
    return os.getpid()


def test_the_answer_comes_from_the_command(two_cpus: None, tmp_path: Path) -> None:
    job = Background(_here, command=PRINT_PID, parse=json.loads, cwd=tmp_path)
    assert job.in_background
    pid = job.result()
    assert pid != os.getpid()
    assert job.result() == pid  # asked once


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-c", "import sys; sys.exit(3)"],  # fails
        [sys.executable, "-c", "print('not json')"],  # says something else
        [str(Path("/nonexistent/python"))],  # cannot be started
    ],
    ids=["fails", "unparsable", "missing"],
)
def test_a_command_that_gives_no_answer_is_replaced_by_the_work_done_here(
    two_cpus: None, tmp_path: Path, command: list[str]
) -> None:
    job = Background(_here, command=command, parse=json.loads, cwd=tmp_path)
    assert job.result() == os.getpid()


def test_a_stuck_command_is_stopped_and_the_work_done_here(
    two_cpus: None, tmp_path: Path
) -> None:
    command = [sys.executable, "-c", "import time; time.sleep(60)"]
    job = Background(_here, command=command, parse=json.loads, cwd=tmp_path, timeout=0.5)
    assert job.in_background
    assert job.result() == os.getpid()


@pytest.mark.parametrize("setting", ["env", "one-cpu", "no-command"])
def test_work_stays_here_when_a_command_cannot_help(
    two_cpus: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, setting: str
) -> None:
    command: list[str] | None = PRINT_PID
    if setting == "env":
        monkeypatch.setenv(background.ENV, "0")
    elif setting == "one-cpu":
        monkeypatch.setattr(background.os, "sched_getaffinity", lambda _pid: {0}, raising=False)
        monkeypatch.setattr(background.os, "cpu_count", lambda: 1)
    else:
        command = None
    job = Background(_here, command=command, parse=json.loads, cwd=tmp_path)
    assert not job.in_background
    assert job.result() == os.getpid()


@pytest.mark.parametrize("case", ["fact", "stale", "missing"])
def test_the_guard_command_gives_the_report_the_build_would_compute(
    two_cpus: None, case: str
) -> None:
    root = FIXTURES / "guard" / case
    here = check_tree(root / "docs", root / "data", root=root)
    job = Background(
        lambda: None,  # type: ignore[arg-type,return-value]
        command=python_module("sitetools.guard", "--format", "json", "--docs", "docs",
                              "--data", "data"),
        parse=parse_json, cwd=root, ok_codes=(0, 1),
    )
    there = job.result()
    assert there is not None
    assert there == here
    assert parse_json(format_json(here)) == here
