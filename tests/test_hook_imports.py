"""The hooks import only what a build needs (part of the build-time budget, #8).

Loading the hooks as MkDocs does must not import the translation checks
(``sitetools.guard``: they run as their own command beside the build) or
``cryptography`` (only signing and verifying releases need it).
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

_LOAD_HOOKS = """
import importlib.util, json, sys
from pathlib import Path
import yaml

class Loader(yaml.SafeLoader):
    pass

Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
config = yaml.load(Path("mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
for hook in config["hooks"]:
    name = Path(hook).stem
    spec = importlib.util.spec_from_file_location(name, hook)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
print(json.dumps(sorted(sys.modules)))
"""


def test_loading_the_hooks_imports_neither_the_checks_nor_cryptography() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _LOAD_HOOKS], cwd=ROOT, capture_output=True, text=True,
        env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"}, check=True,
    )
    modules = set(json.loads(proc.stdout))
    assert "sitetools.guard_report" in modules  # what the hooks do use
    assert "sitetools.guard" not in modules
    assert "sitetools.guard_scan" not in modules
    assert "sitetools.prerender" not in modules  # only the warm-up command renders ahead
    assert not any(m == "cryptography" or m.startswith("cryptography.") for m in modules)
