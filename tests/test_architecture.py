"""The layout ARCHITECTURE.md describes, held against the code.

* The data layer (``sitetools.data``) imports no renderer, guard, post-build
  step or release tool; the build (hook files and everything they import)
  never imports the release tools.
* No import cycles between the project's modules, and no module imports a
  private name (``_x``) from another.
* Every marker kind in the registry is documented in CONVENTIONS.md.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

HOOKS = ROOT / "hooks"
LAYERS = ("data", "render", "guard", "postbuild", "release")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(HOOKS).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(HOOKS.rglob("*.py")) if "__pycache__" not in p.parts}


def _imports(name: str, path: Path) -> list[tuple[str, list[str]]]:
    """(imported module, names imported from it) for each import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1] if node.level > 1 else base
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((module, [alias.name for alias in node.names]))
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for module, names in _imports(name, path):
            for target in [f"{module}.{n}" for n in names] + [module]:
                if target in modules and target != name:
                    edges.add(target)
                    break
        graph[name] = edges
    return graph


def test_the_data_layer_imports_no_renderer_guard_or_release_tool() -> None:
    graph = _graph()
    wrong = {
        (name, target)
        for name, targets in graph.items() if name.startswith("sitetools.data")
        for target in targets
        if any(target.startswith(f"sitetools.{layer}") for layer in LAYERS if layer != "data")
    }
    assert wrong == set()


def test_only_release_tools_import_release_tools() -> None:
    graph = _graph()
    wrong = {
        (name, target)
        for name, targets in graph.items() if not name.startswith("sitetools.release")
        for target in targets if target.startswith("sitetools.release")
    }
    assert wrong == set()


def test_there_is_no_import_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            # a package's __init__ importing its own modules is not a cycle
            if node == target.rpartition(".")[0]:
                continue
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target):], target] if target in trail
                              else [node, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_no_private_name_is_imported_from_another_module() -> None:
    modules = _modules()
    wrong = [
        (name, module, imported)
        for name, path in modules.items()
        for module, names in _imports(name, path)
        if module in modules or module.startswith("sitetools")
        for imported in names if imported.startswith("_") and imported != "__version__"
    ]
    assert wrong == []


def test_every_marker_kind_is_documented() -> None:
    from sitetools.render.markers import MARKERS

    conventions = (ROOT / "CONVENTIONS.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"<!-- md:([a-z][a-z0-9-]*)", conventions))
    listed = {kind for kind, marker in MARKERS.items() if marker.listed}
    assert listed - documented == set(), "document these in CONVENTIONS.md"
    assert documented - set(MARKERS) == set(), "CONVENTIONS.md names kinds that do not exist"


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


def test_loading_the_hooks_imports_no_release_tool_and_no_cryptography() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _LOAD_HOOKS], cwd=ROOT, capture_output=True, text=True,
        env={"PYTHONPATH": str(HOOKS), "PATH": "/usr/bin:/bin"}, check=True,
    )
    modules = set(json.loads(proc.stdout))
    assert "sitetools.render.markers" in modules  # what the hooks do use
    assert not any(m.startswith("sitetools.release") for m in modules)
    assert not any(m == "cryptography" or m.startswith("cryptography.") for m in modules)


@pytest.mark.parametrize("hook", sorted(p.name for p in HOOKS.glob("*.py")
                                        if not p.name.startswith("_")))
def test_hook_files_are_named_for_their_event(hook: str) -> None:
    """A hook file is named for when it runs, and defines only MkDocs events and helpers."""
    assert hook in {"build_start.py", "page_markdown.py", "page_html.py", "build_end.py"}
    tree = ast.parse((HOOKS / hook).read_text(encoding="utf-8"))
    events = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)
              and n.name.startswith("on_")]
    assert events, f"{hook} defines no MkDocs event"


def test_the_theme_templates_compile_once_and_again_when_edited(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """hooks/build_start.py: every language's Jinja environment shares the compiled
    templates; a template whose text changed is compiled again, never served stale."""
    import _context
    import build_start
    import jinja2

    monkeypatch.setattr(_context, "COMPILED", type(_context.COMPILED)())
    compiled: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_source(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    (tmp_path / "page.html").write_text("one {{ x }}", encoding="utf-8")

    def render() -> str:  # as each language's build does: a new environment
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path))
        env = build_start.on_env(env, config=None, files=None)
        return env.get_template("page.html").render(x=1)

    assert [render(), render(), render()] == ["one 1"] * 3
    assert compiled == ["page.html"]
    (tmp_path / "page.html").write_text("two {{ x }}", encoding="utf-8")
    assert render() == "two 1"
    assert compiled == ["page.html", "page.html"]


def test_make_says_what_it_does_before_the_long_first_install(tmp_path) -> None:
    """`make serve` on a fresh clone was silent for about a minute while it installed."""
    proc = subprocess.run(["make", "-n", "serve", f"VENV={tmp_path / 'venv'}"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    out = proc.stdout
    assert out.index("Installing the site's Python packages") < out.index("pip install")
    assert out.index("pip install") < out.index("then http://127.0.0.1:8000") \
        < out.index("mkdocs serve")
