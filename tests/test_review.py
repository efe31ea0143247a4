"""Every fact and page knows when it was checked (#15): the dates, make review-due, and the
rule that nothing on the site may go unchecked for more than a year."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from sitetools.data import load_all
from sitetools.review import OVERDUE_DAYS, due, format_due, main, shown_on

from conftest import ROOT, edit, fixture_data_dir, load_error

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def site():
    return load_all(ROOT / "data")


def test_nothing_on_the_site_was_last_checked_more_than_a_year_ago(site) -> None:
    """make test fails on a fact or page older than 365 days, naming it."""
    found = due(DOCS, site, today=date.today(), days=OVERDUE_DAYS)
    assert not found, format_due(found, today=date.today(), days=OVERDUE_DAYS)


def test_due_lists_old_facts_by_the_page_that_shows_them(site) -> None:
    later = date(2027, 12, 1)  # a year on: everything is due, grouped by page
    found = due(DOCS, site, today=later, days=180)
    assert "countries/kazakhstan.md" in found
    what = [item.what for item in found["countries/kazakhstan.md"]]
    assert "data/countries.yml: kazakhstan" in what
    assert any(w.startswith("data/countries.yml: kazakhstan: cases[") for w in what)
    assert "docs/ru/countries/kazakhstan.md: reviewed" in what
    assert any(i.what.startswith("data/statutes.yml: cc-338")
               for i in found["law/military-crimes.md"])
    assert "data/cases.yml: crimea-draft-prosecutions: cases[0]" in [
        i.what for i in found["situations/occupied-territories.md"]]
    oldest = [items[0].checked for items in found.values()]
    assert oldest == sorted(oldest)  # the pages with the oldest checks first
    for items in found.values():
        assert [i.checked for i in items] == sorted(i.checked for i in items)


def test_a_fact_on_no_page_is_still_listed(site) -> None:
    acts = dict(site.acts)
    act = next(iter(acts.values()))
    acts["lonely"] = dataclasses.replace(act, id="lonely", kind="treaty", checked=date(2020, 1, 1))
    changed = dataclasses.replace(site, acts=acts)
    found = due(DOCS, changed, today=date(2026, 12, 6), days=365)
    assert [i.what for i in found["(on no page)"]] == ["data/acts.yml: lonely"]


def test_markers_say_which_facts_a_page_shows(site) -> None:
    shown = shown_on(DOCS, site)
    assert "countries/armenia.md" in shown[("country", "armenia")]
    assert "countries/index.md" in shown[("country", "armenia")]  # the comparison table
    assert "help/index.md" in shown[("organizations", "ovd-info")]


def test_the_command_prints_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--docs", str(DOCS), "--data", str(ROOT / "data"), "--today", "2027-12-01",
                 "--days", "180"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Last checked more than 180 days before 2027-12-01, by page")
    assert "\n  2026-" in out


@pytest.mark.parametrize(("path", "old", "new", "message"), [
    ("acts.yml", "    checked: 2026-11-20\n", "",
     "data/acts.yml: entry 'fz-113-2002': field 'checked': missing"),
    ("statistics.yml", "        checked: 2026-11-20\n", "",
     "data/statistics.yml: entry 'army-2025': field 'items[0].checked': missing"),
    ("countries.yml", "        checked: 2026-11-20\n", "",
     "data/countries.yml: entry 'armenia': field 'cases[0].checked': missing"),
    ("cases.yml", "        checked: 2026-12-06\n", "",
     "data/cases.yml: entry 'crimea-draft-prosecutions': field 'cases[0].checked': missing"),
    ("policy.yml", "      checked: 2026-11-20\n", "",
     "data/policy.yml: entry 'qualification-directive': field 'status.checked': missing"),
])
def test_every_fact_entry_must_say_when_it_was_checked(
    tmp_path: Path, path: str, old: str, new: str, message: str
) -> None:
    data = fixture_data_dir(tmp_path)
    (data / path).write_text((ROOT / "data" / path).read_text(encoding="utf-8"), encoding="utf-8")
    edit(data / path, old, new)
    assert load_error(data) == message
