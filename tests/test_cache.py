"""sitetools.cache and what the build keeps in .cache/: the same site with and without it."""

from __future__ import annotations

import ast
import filecmp
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitetools import background, cache, data, guard, prerender, statutes, warm
from sitetools.background import Background
from sitetools.cache import Pack, Store
from sitetools.guard_report import parse_json

from conftest import FIXTURES, ROOT, build_site, copy_project


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """SITETOOLS_CACHE pointing at an empty folder, and no packs left from other tests."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    monkeypatch.setattr(cache, "_PACKS", {})
    monkeypatch.setattr(cache, "_OPEN", {})
    statutes._environment.cache_clear()  # its compiled-template cache is in the old folder
    yield folder
    statutes._environment.cache_clear()


# --------------------------------------------------------------------------
# The store


def test_an_entry_is_found_by_its_key_and_nothing_else(cache_dir: Path) -> None:
    kept = cache.store("things")
    assert kept is not None and kept.path == cache_dir / "things"
    key = kept.key("a", "b")
    assert kept.get(key) is None
    kept.put(key, b"value")
    assert kept.get(key) == b"value"
    assert key != kept.key("a", "c") != kept.key("ab", "")  # parts are separated
    assert kept.get_text(kept.key("a", "c")) is None
    assert not [p for p in kept.path.iterdir() if p.name.startswith(".")]  # no temporary left


@pytest.mark.parametrize("setting", ["0", "off", "false"])
def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    monkeypatch.setenv(cache.ENV, setting)
    assert cache.folder() is None
    assert cache.store("render") is None


def test_without_the_variable_the_cache_is_in_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.ENV, raising=False)
    assert cache.folder() == ROOT / ".cache"


def test_a_folder_that_cannot_be_made_means_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert Store.open("render", blocker) is None


def test_pruning_removes_the_least_recently_used(tmp_path: Path) -> None:
    kept = Store(tmp_path, max_entries=8)
    for number in range(10):
        (tmp_path / f"entry-{number}").write_bytes(b"x")
        os.utime(tmp_path / f"entry-{number}", ns=(number * 10**9, number * 10**9))
    (tmp_path / ".tmp-being-written").write_bytes(b"x")
    os.utime(tmp_path / "entry-0")  # just used: kept
    assert kept.prune() == 4  # down to three quarters of 8
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".tmp-being-written", "entry-0", "entry-5", "entry-6", "entry-7",
                    "entry-8", "entry-9"]


def test_file_digests_see_every_byte_and_a_missing_file(tmp_path: Path) -> None:
    one = tmp_path / "one.yml"
    one.write_bytes(b"a: 1\n")
    first = cache.digest_files([one], "x")
    assert cache.digest_files([one], "x") == first
    assert cache.digest_files([one], "y") != first
    one.write_bytes(b"a: 2\n")
    assert cache.digest_files([one], "x") != first
    empty = cache.digest_files([one], "x")
    one.unlink()
    assert cache.digest_files([one], "x") != empty


def test_the_code_fingerprint_covers_the_code_and_the_templates() -> None:
    covered = {p for d in cache.CODE_DIRS if d.is_dir() for p in d.iterdir()}
    assert Path(cache.__file__).resolve() in covered
    assert (ROOT / "hooks" / "sitetools" / "statutes.py") in covered
    assert (ROOT / "overrides" / "partials" / "data" / "statute.html") in covered
    assert len(cache.code_fingerprint()) == 64


# --------------------------------------------------------------------------
# Plain values


def test_plain_values_round_trip() -> None:
    value = {"a": [1, 2.5, None, True, "текст"], 3: {"nested": ["x"]}}
    assert cache.loads_plain(cache.dumps_plain(value)) == value


@pytest.mark.parametrize("value", [Path("x"), pickle.loads, ValueError("x")])
def test_an_entry_that_names_code_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="not a cache entry"):
        cache.loads_plain(pickle.dumps(value))


def test_a_damaged_entry_is_refused() -> None:
    with pytest.raises(ValueError):
        cache.loads_plain(cache.dumps_plain({"a": "b"})[:-3])


# --------------------------------------------------------------------------
# Rendered HTML


class _Site:
    def __init__(self, fingerprint: str | None) -> None:
        self.fingerprint = fingerprint


def _counting_render() -> tuple[list[tuple], object]:
    calls: list[tuple] = []

    @cache.kept_renders
    def render(site: object, name: object, lang: str, *, parts: object = None) -> str:
        calls.append((name, lang, parts))
        return f"<p>{name} {lang} {parts}</p>"

    return calls, render


def test_a_render_is_kept_by_the_fingerprint_and_the_arguments(cache_dir: Path) -> None:
    calls, render = _counting_render()
    site = _Site("f" * 64)
    assert render(site, "cc-338", "ru") == "<p>cc-338 ru None</p>"
    assert render(site, "cc-338", "ru") == "<p>cc-338 ru None</p>"
    assert len(calls) == 1
    render(site, "cc-338", "uk")
    render(site, "cc-338", "ru", parts=["1", "2"])
    render(site, "cc-338", "ru", parts=["1"])
    render(_Site("e" * 64), "cc-338", "ru")  # other data or code
    assert len(calls) == 5
    cache.save_renders()
    assert [p.name for p in (cache_dir / "render").iterdir()] != []

    cache._PACKS.clear()  # a new build: read from the file
    again, render_again = _counting_render()
    assert render_again(site, "cc-338", "ru", parts=["1", "2"]) == "<p>cc-338 ru ['1', '2']</p>"
    assert again == []


def test_nothing_is_kept_without_a_fingerprint_or_with_an_object_argument(cache_dir: Path) -> None:
    calls, render = _counting_render()
    for _ in range(2):
        render(_Site(None), "cc-338", "ru")
        render(_Site("f" * 64), object(), "ru")  # repr names a memory address
    assert len(calls) == 4


def test_a_damaged_pack_is_ignored(cache_dir: Path) -> None:
    kept = cache.store("render")
    assert kept is not None
    kept.put("f" * 64, b"\x80\x05 not a pickle")
    assert Pack(kept, "f" * 64).values == {}
    calls, render = _counting_render()
    assert render(_Site("f" * 64), "cc-338", "ru") == "<p>cc-338 ru None</p>"
    assert len(calls) == 1


# --------------------------------------------------------------------------
# Data


def test_parsed_data_is_read_from_the_cache_and_is_the_same(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV, "0")
    data._load.cache_clear()
    uncached = data.load_all(ROOT / "data")
    assert uncached.fingerprint is not None

    monkeypatch.setenv(cache.ENV, str(cache_dir))
    data._load.cache_clear()
    first = data.load_all(ROOT / "data")
    assert len(list((cache_dir / "yaml").iterdir())) == len(first.documents)

    def no_parsing(text: str, label: str) -> object:
        raise AssertionError(f"{label} parsed again")

    monkeypatch.setattr(data, "_parse_yaml", no_parsing)
    data._load.cache_clear()
    second = data.load_all(ROOT / "data")
    assert uncached == first == second
    assert uncached.documents == second.documents
    assert uncached.fingerprint == first.fingerprint == second.fingerprint
    data._load.cache_clear()


def test_an_edited_data_file_is_parsed_again(cache_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    data._load.cache_clear()
    before = data.load_all(folder)
    statutes = folder / "statutes.yml"
    statutes.write_text(statutes.read_text(encoding="utf-8").replace("max: 10", "max: 11", 1),
                        encoding="utf-8")
    after = data.load_all(folder)
    assert after.fingerprint != before.fingerprint
    assert after.articles != before.articles
    data._load.cache_clear()


def test_warming_fills_the_cache_the_build_reads(cache_dir: Path) -> None:
    said: list[str] = []
    warm.warm(ROOT / "data", say=said.append)
    assert said == [warm.READY]
    assert len(list((cache_dir / "yaml").iterdir())) >= 9
    assert list((cache_dir / "templates").glob("*.jinja.cache"))
    kept = cache.store("warm")
    assert kept is not None and kept.get(warm.warm_key(ROOT / "data")) is not None


def test_warming_starts_only_where_it_helps(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "usable", lambda: False)  # one CPU
    assert not warm.Warming(ROOT / "data").started
    monkeypatch.setattr(background, "usable", lambda: True)
    job = warm.Warming(ROOT / "data")
    assert job.started
    job.wait_for_data()
    assert len(list((cache_dir / "yaml").iterdir())) >= 9
    job.finish()
    assert not warm.Warming(ROOT / "data").started  # warm now: nothing to do
    monkeypatch.setenv(cache.ENV, "0")
    assert not warm.Warming(ROOT / "data").started


# --------------------------------------------------------------------------
# Builds


def _same_tree(one: Path, two: Path) -> list[str]:
    """Files that differ or exist on one side only."""
    found: list[str] = []

    def walk(compare: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + n for n in compare.left_only + compare.right_only)
        _, mismatch, errors = filecmp.cmpfiles(compare.left, compare.right, compare.common_files,
                                               shallow=False)
        found.extend(prefix + n for n in mismatch + errors)
        for name, sub in compare.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(one, two), "")
    return found


def test_the_site_is_the_same_with_an_empty_a_full_or_no_cache(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    folder = tmp_path / "cache"
    build_site(tmp_path / "off", project=project, env={cache.ENV: "0"})
    build_site(tmp_path / "cold", project=project, env={cache.ENV: str(folder)})
    kept = {kind: len(list((folder / kind).iterdir()))
            for kind in ("yaml", "render", "guard-pages")}
    assert kept["yaml"] >= 9 and kept["render"] == 1 and kept["guard-pages"] == 1
    build_site(tmp_path / "warm", project=project, env={cache.ENV: str(folder)})
    assert _same_tree(tmp_path / "off", tmp_path / "cold") == []
    assert _same_tree(tmp_path / "off", tmp_path / "warm") == []
    assert not (project / ".cache").exists()  # all of it went where SITETOOLS_CACHE said


def test_a_kept_guard_report_still_fails_a_strict_build(tmp_path: Path) -> None:
    """Checks read from the cache log the same problems as the guard found."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "ru" / "help" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nЗвоните +7 999 000-00-00.\n",
                    encoding="utf-8")
    env = {cache.ENV: str(tmp_path / "cache")}
    first = build_site(tmp_path / "one", project=project, env=env, check=False)
    assert first.returncode != 0 and "docs/ru/help/index.md" in first.stderr
    assert len(list((tmp_path / "cache" / "guard-pages").iterdir())) == 1
    second = build_site(tmp_path / "two", project=project, env=env, check=False)
    assert second.returncode != 0

    def problems(stderr: str) -> list[str]:
        return [line for line in stderr.splitlines() if "docs/ru/help/index.md" in line]

    assert problems(second.stderr) == problems(first.stderr) != []


def test_a_changed_copy_of_loaded_data_is_not_served_from_the_cache(cache_dir: Path) -> None:
    """dataclasses.replace() gives data the fingerprint does not describe: nothing kept."""
    from dataclasses import replace

    data._load.cache_clear()
    site = data.load_all(ROOT / "data")
    assert site.fingerprint is not None
    assert replace(site, organizations={}).fingerprint is None
    data._load.cache_clear()


# --------------------------------------------------------------------------
# The translation guard's checks of each page


def test_after_an_edit_the_guard_checks_only_that_page_again(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitetools import guard

    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.png"))
    scanned: list[tuple[str, str]] = []
    real_scan = guard.scan_page

    def counting_scan(text: str, lang: str, rel: str) -> object:
        scanned.append((lang, rel))
        return real_scan(text, lang, rel)

    monkeypatch.setattr(guard, "scan_page", counting_scan)

    def check() -> str:
        return guard.format_json(guard.check_tree(tmp_path / "docs", tmp_path / "data",
                                                  root=tmp_path, use_git=False))

    pages = len(list((tmp_path / "docs" / "en").rglob("*.md")))
    first = check()
    assert len(scanned) == 3 * pages  # every page in three languages
    scanned.clear()
    assert check() == first and scanned == []

    page = tmp_path / "docs" / "ru" / "help" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nЗвоните +7 999 000-00-00.\n",
                    encoding="utf-8")
    edited = check()
    assert sorted(scanned) == [("en", "help/index.md"), ("ru", "help/index.md")]
    new = [p["message"] for p in json.loads(edited)["problems"] if p["kind"] == "contact"]
    assert new == ["phone +79990000000 is not declared in data/organizations.yml or "
                   "data/sources.yml", "phone +79990000000 is not in English"]
    monkeypatch.setenv(cache.ENV, "0")
    assert guard.format_json(guard.check_tree(tmp_path / "docs", tmp_path / "data",
                                              root=tmp_path, use_git=False)) == edited


def test_an_edited_data_file_checks_every_page_again(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitetools import guard

    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.png"))
    guard.check_tree(tmp_path / "docs", tmp_path / "data", root=tmp_path, use_git=False)
    organizations = tmp_path / "data" / "organizations.yml"
    organizations.write_text(organizations.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    scanned: list[str] = []
    real_scan = guard.scan_page
    monkeypatch.setattr(guard, "scan_page",
                        lambda text, lang, rel: scanned.append(rel) or real_scan(text, lang, rel))
    guard.check_tree(tmp_path / "docs", tmp_path / "data", root=tmp_path, use_git=False)
    assert len(scanned) == 3 * len(list((tmp_path / "docs" / "en").rglob("*.md")))


@pytest.fixture
def stuck_warming(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> warm.Warming:
    """A warm-up command started as on two CPUs, which never says it has the data."""
    monkeypatch.setattr(background, "usable", lambda: True)
    monkeypatch.setattr(warm, "python_module",
                        lambda *args: [sys.executable, "-c", "import time; time.sleep(60)"])
    job = warm.Warming(ROOT / "data")
    assert job.started
    return job


def test_a_stuck_warming_command_does_not_hold_up_the_build(
    stuck_warming: warm.Warming,
) -> None:
    start = time.monotonic()
    stuck_warming.wait_for_data(timeout=0.5)
    stuck_warming.finish(timeout=0.5)
    assert time.monotonic() - start < 5


def test_the_warming_command_runs_the_guard_next(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One command beside the build: it warms the cache, then answers as the guard's own."""
    monkeypatch.setattr(background, "usable", lambda: True)
    root = FIXTURES / "guard" / "fact"  # blocking problems: exit code 1
    here = guard.check_tree(root / "docs", root / "data", root=root)
    job = warm.Warming(ROOT / "data")
    assert job.prerender(ROOT / "docs", ["uk"])
    process = job.then_run("sitetools.guard", ["--format", "json", "--docs", "docs",
                                               "--data", "data"], cwd=root)
    assert process is not None
    assert job.then_run("sitetools.guard", [], cwd=root) is None  # it has its job
    assert not job.prerender(ROOT / "docs", ["ru"])
    job.wait_for_data()
    assert len(list((cache_dir / "yaml").iterdir())) >= 9
    job.finish()  # returns at once: the guard's caller waits for the command
    report = Background(lambda: None, command=None, process=process,  # type: ignore
                        parse=parse_json, cwd=root, ok_codes=(0, 1)).result()
    assert report == here and report.blocking
    assert not warm.Warming(ROOT / "data").started  # and the cache is warm
    (pack,) = (cache_dir / "render").iterdir()  # the Ukrainian pages' tables, before the guard
    assert {_render_language(key) for key in cache.loads_plain(pack.read_bytes())} == {"uk"}


def _render_language(key: str) -> str:
    """The language a render-cache key was rendered in (one of its arguments)."""
    _name, args, kwargs = ast.literal_eval(key)
    (lang,) = {a for a in (*args, *dict(kwargs).values()) if a in ("en", "ru", "uk")}
    return lang


def test_the_tables_rendered_beside_the_build_are_the_ones_it_renders(
    cache_dir: Path, tmp_path: Path
) -> None:
    """sitetools.prerender: for Russian and Ukrainian, the build's own keys and HTML."""
    site = data.load_all(ROOT / "data")
    assert prerender.prerender(site, ROOT / "docs", ["ru", "uk"]) >= 10
    (beside,) = (cache_dir / "render").iterdir()
    rendered = cache.loads_plain(beside.read_bytes())
    assert {_render_language(key) for key in rendered} == {"ru", "uk"}
    built_cache = tmp_path / "built"
    build_site(tmp_path / "site", env={cache.ENV: str(built_cache), background.ENV: "0"})
    (built,) = (built_cache / "render").iterdir()
    assert built.name == beside.name  # the same data and code
    by_build = {key: html for key, html in cache.loads_plain(built.read_bytes()).items()
                if _render_language(key) != "en"}
    assert rendered == by_build


def test_a_pack_written_by_two_processes_keeps_what_each_rendered(cache_dir: Path) -> None:
    kept = cache.store("render")
    assert kept is not None
    build, beside = Pack(kept, "k"), Pack(kept, "k")
    build.put("en", "<p>en</p>")
    beside.put("ru", "<p>ru</p>")
    beside.save()
    build.refresh()  # as the build does when a language starts
    assert build.get("ru") == "<p>ru</p>" and build.get("en") == "<p>en</p>"
    beside.put("uk", "<p>uk</p>")
    beside.save()
    build.put("en-2", "<p>en 2</p>")
    build.save()  # takes in the Ukrainian value before it writes
    assert set(Pack(kept, "k").values) == {"en", "en-2", "ru", "uk"}
    build.put("en", "<p>changed</p>")  # its own values win over what is stored
    build.save()
    assert Pack(kept, "k").get("en") == "<p>changed</p>"


def test_without_a_job_the_warming_command_ends_when_the_build_does(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "usable", lambda: True)
    job = warm.Warming(ROOT / "data")
    job.wait_for_data()
    job.finish(timeout=30)
    assert not warm.Warming(ROOT / "data").started


def test_the_warming_command_runs_no_other_job(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(background, "usable", lambda: True)
    with pytest.raises(ValueError, match="not a follow-on job"):
        warm.Warming(ROOT / "data").then_run("os", [], cwd=tmp_path)
    # the command itself refuses one too
    marker = tmp_path / "ran"
    job = json.dumps({"module": "sitetools.dist", "args": [str(marker)], "cwd": str(tmp_path)})
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    done = subprocess.run([sys.executable, "-m", "sitetools.warm", str(ROOT / "data"),
                           "--then-stdin"], input=job + "\n", capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 2 and "refused" in done.stderr
    assert not marker.exists()


def test_a_stuck_warming_command_given_the_guard_does_not_hold_up_the_build(
    stuck_warming: warm.Warming,
) -> None:
    """Stopped when the data does not come: the guard is then checked in the build."""
    root = FIXTURES / "guard" / "stale"
    here = guard.check_tree(root / "docs", root / "data", root=root)
    process = stuck_warming.then_run("sitetools.guard", ["--format", "json"], cwd=root)
    assert process is not None
    start = time.monotonic()
    stuck_warming.wait_for_data(timeout=0.5)
    report = Background(lambda: here, command=None, process=process,
                        parse=parse_json, cwd=root, ok_codes=(0, 1)).result()
    assert report is here  # computed here
    assert time.monotonic() - start < 5
