"""make export (#18): the content leaves this project's hooks behind. Each language's pages,
every marker expanded, build strictly with plain MkDocs + Material and nothing of this
project; the data comes out as JSON that validates against its schemas."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import LANGS, ROOT, shared


@pytest.fixture(scope="session")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(folder: Path) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "sitetools.export", "--out", str(folder / "export")],
            cwd=ROOT, capture_output=True, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
        assert done.returncode == 0, done.stderr
    return shared(tmp_path_factory, "export", make) / "export"


@pytest.mark.build
def test_no_marker_is_left_and_every_page_is_there(export: Path) -> None:
    english = sorted(p.relative_to(ROOT / "docs" / "en").as_posix()
                     for p in (ROOT / "docs" / "en").rglob("*.md"))
    for lang in LANGS:
        pages = sorted(p.relative_to(export / lang / "docs").as_posix()
                       for p in (export / lang / "docs").rglob("*.md"))
        assert pages == english, lang
        for page in pages:
            text = (export / lang / "docs" / page).read_text(encoding="utf-8")
            assert "<!-- md:" not in text, f"{lang}/{page}"
            assert "source_revision" not in text  # the project's tooling, not content


@pytest.mark.build
def test_a_language_builds_strictly_with_plain_mkdocs_and_material(
        export: Path, tmp_path: Path) -> None:
    import yaml

    config = yaml.safe_load((export / "ru" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert not {"hooks", "plugins"} & set(config) and "custom_dir" not in config["theme"]
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
         str(export / "ru" / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True, text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"} |
        {"NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    page = (tmp_path / "site" / "law" / "military-crimes.html").read_text(encoding="utf-8")
    assert 'class="data-table statute-table"' in page  # the statute tables came along
    assert 'class="footnote"' in page  # and the sources, as footnotes


@pytest.mark.build
def test_the_dataset_validates_against_its_schemas(export: Path) -> None:
    data = export / "data"
    listed = json.loads((data / "dataset.json").read_text(encoding="utf-8"))["files"]
    assert {"statutes.json", "sources.json", "countries.json", "glossary.json"} <= set(listed)
    for name, info in listed.items():
        document = json.loads((data / name).read_text(encoding="utf-8"))
        schema = json.loads((data / info["schema"]).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schema).validate(document)
