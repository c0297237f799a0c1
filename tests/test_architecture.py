"""The shape of the code, checked: no import cycles inside gxlint; the built-in rule
plugins use only the plugin API and never each other; ``-p no:NAME`` turns off exactly
one plugin's rules and runs none of its code.

Imports are read from the source (``ast``), every one of them: at module level and
inside functions alike, because a cycle dodged by importing inside a function is still
a cycle.  Only imports under ``if TYPE_CHECKING:`` are left out (they never run).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from gxlint.plugin import ENTRY_POINT_GROUP
from gxlint.plugin.manager import load_plugins

from conftest import seed

REPO = Path(__file__).resolve().parent.parent
CORE = REPO / "gxlint"
PLUGINS = REPO / "plugins"
# What a plugin may import from gxlint (everything else is private).
PLUGIN_API = {"gxlint.plugin", "gxlint.document"}


def module_name(path: Path, root: Path, package: str) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_names(path: Path, module: str) -> list[str]:
    """Every module name ``path`` imports at run time (``from a import b`` gives ``a.b``
    as well as ``a``: the caller keeps the names that are modules)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    names: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names.append(target)
            names.extend(f"{target}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return names


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    modules = {module_name(p, root, package): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for target in imported_names(path, name):
            # the longest prefix that is one of our modules: "gxlint.plugin.rule" -> gxlint.plugin
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                edges.add(target)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def connect(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                connect(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_the_graph_is_read():
    graph = import_graph(CORE, "gxlint")
    assert "gxlint.document" in graph["gxlint.structure"]
    assert "gxlint.lazy_pattern" in graph["gxlint.normalize"]
    # a function-level import counts
    assert "gxlint.readers.decode" in graph["gxlint.engine"]


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_gxlint_has_no_import_cycles():
    found = cycles(import_graph(CORE, "gxlint"))
    assert found == [], "import cycles: " + "; ".join(" ↔ ".join(c) for c in found)


# --- the built-in plugins use the plugin API only ---------------------------------------------


def _resolve(name: str, modules: set[str]) -> str | None:
    """The longest prefix of an imported name that is a module: ``gxlint.plugin.rule`` → ``gxlint.plugin``."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _own(module: str) -> str:
    """The plugin a module belongs to: ``gxlint_plugins.totals.narrative`` → ``gxlint_plugins.totals``."""
    return ".".join(module.split(".")[:2])


def plugin_violations(plugins: Path = PLUGINS) -> list[str]:
    """Imports of gxlint internals, or of another plugin's modules, by modules under ``plugins``."""
    core = {module_name(p, CORE, "gxlint") for p in CORE.rglob("*.py")}
    own_modules = {module_name(p, plugins, "gxlint_plugins") for p in plugins.rglob("*.py")}
    found = []
    for path in sorted(plugins.rglob("*.py")):
        module = module_name(path, plugins, "gxlint_plugins")
        targets = set()
        for name in imported_names(path, module):
            if name.startswith("gxlint_plugins"):
                target = _resolve(name, own_modules)
                if target and target != "gxlint_plugins" and _own(target) != _own(module):
                    targets.add(("plugin", target))
            elif name == "gxlint" or name.startswith("gxlint."):
                target = _resolve(name, core)
                if target not in PLUGIN_API:
                    targets.add(("core", target))
        for kind, target in sorted(targets):
            if kind == "core":
                found.append(f"{module} imports {target} (plugins use gxlint.plugin and gxlint.document only)")
            else:
                found.append(f"{module} imports another plugin's module {target}")
    return found


def test_plugins_import_only_the_plugin_api():
    assert plugin_violations() == []


def test_the_plugin_import_check_can_fail(tmp_path):
    # the same check over a plugins folder holding the kinds of import it must refuse
    plugins = tmp_path / "plugins"
    (plugins / "a").mkdir(parents=True)
    (plugins / "__init__.py").write_text("")
    (plugins / "a" / "__init__.py").write_text("from . import helper\nfrom gxlint.plugin import rule\n")
    (plugins / "a" / "helper.py").write_text("from gxlint.document import Text\n")
    (plugins / "b.py").write_text("from gxlint.normalize import normalize_str\nfrom gxlint_plugins.a import helper\n")
    (plugins / "c.py").write_text("def f():\n    from .a import helper\n    import gxlint.tables.templates\n")
    assert plugin_violations(plugins) == [
        "gxlint_plugins.b imports gxlint.normalize (plugins use gxlint.plugin and gxlint.document only)",
        "gxlint_plugins.b imports another plugin's module gxlint_plugins.a",
        "gxlint_plugins.b imports another plugin's module gxlint_plugins.a.helper",
        "gxlint_plugins.c imports gxlint.tables.templates (plugins use gxlint.plugin and gxlint.document only)",
        "gxlint_plugins.c imports another plugin's module gxlint_plugins.a",
        "gxlint_plugins.c imports another plugin's module gxlint_plugins.a.helper",
    ]


# --- -p no:NAME turns off exactly that plugin -----------------------------------------------------

BUILTIN_PLUGINS = sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.value.startswith("gxlint_plugins."))


def test_every_builtin_rule_module_has_its_entry_point():
    assert BUILTIN_PLUGINS == ["contamination", "coverage", "history", "placeholders", "sections", "text_quality", "totals",
                               "years"]


@pytest.mark.parametrize("name", BUILTIN_PLUGINS)
def test_disabling_a_plugin_removes_exactly_its_rules(name):
    every = load_plugins()
    without = load_plugins(disabled={name})
    own = {code for code, owner in every.rule_owner.items() if owner == name}
    assert own, f"plugin {name} registers no rules"
    codes = set(every.rules) | set(every.multi_report_rules)
    remaining = set(without.rules) | set(without.multi_report_rules)
    assert codes - remaining == own
    assert remaining <= codes


_RUN = """
import json, sys
from gxlint.cli import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.startswith("gxlint_plugins."))
print(json.dumps({"exit": code, "loaded": loaded}), file=sys.stderr)
"""


@pytest.mark.parametrize("name", ["contamination", "sections", "totals"])
def test_a_disabled_plugin_runs_none_of_its_code(name):
    run = subprocess.run(
        [sys.executable, "-c", _RUN, "-p", f"no:{name}", "--isolated", "-q", "-f", "json", "--exit-zero",
         str(seed("003"))],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )
    report = json.loads(run.stderr.strip().splitlines()[-1])
    assert report["exit"] == 0, run.stderr
    assert not [m for m in report["loaded"] if _own(m) == f"gxlint_plugins.{name}"], report["loaded"]
    findings = json.loads(run.stdout)
    owners = load_plugins().rule_owner
    assert findings and not [f for f in findings if owners.get(f["code"]) == name]


# --- every public function says its types ------------------------------------------------------

# Deliberate exceptions, as "path:qualified.name" (none today: add one only with a reason).
UNANNOTATED_ALLOWED: set[str] = set()


def _is_public(name: str) -> bool:
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def _is_static(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in function.decorator_list)


def missing_annotations(path: Path) -> list[str]:
    """``name: what is missing`` for each public function of ``path`` (module-level functions
    and the methods of public classes, dunders included) whose parameters or return lack
    annotations; ``self``/``cls`` need none."""
    found: list[str] = []

    def visit(body: list[ast.stmt], prefix: str, in_class: bool) -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_public(node.name):
                args = node.args
                params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
                if in_class and params and not _is_static(node):
                    params = params[1:]
                missing = [p.arg for p in params if p.annotation is None]
                missing += [f"*{a.arg}" for a in (args.vararg,) if a is not None and a.annotation is None]
                missing += [f"**{a.arg}" for a in (args.kwarg,) if a is not None and a.annotation is None]
                if node.returns is None:
                    missing.append("return")
                if missing:
                    found.append(f"{prefix}{node.name}: {', '.join(missing)}")
            elif isinstance(node, ast.ClassDef) and _is_public(node.name):
                visit(node.body, f"{prefix}{node.name}.", True)
            elif isinstance(node, (ast.If, ast.Try)):  # definitions under a version or import guard
                visit(node.body, prefix, in_class)
                visit(node.orelse, prefix, in_class)

    visit(ast.parse(path.read_text(encoding="utf-8")).body, "", False)
    return found


def unannotated_public_functions(roots: tuple[Path, ...] = (CORE, PLUGINS)) -> list[str]:
    out = []
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            where = path.relative_to(root.parent).as_posix()
            for entry in missing_annotations(path):
                if f"{where}:{entry.partition(':')[0]}" not in UNANNOTATED_ALLOWED:
                    out.append(f"{where}:{entry}")
    return out


def test_public_functions_are_annotated():
    assert unannotated_public_functions() == []


def test_the_annotation_check_can_fail(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "m.py").write_text(
        "def ok(a: int, *rest: str, **more: int) -> None: ...\n"
        "def _private(a): ...\n"
        "def bare(a, b: int): ...\n"
        "def star(*args, **kwargs) -> None: ...\n"
        "class Public:\n"
        "    def __init__(self, value: int): ...\n"
        "    def method(self, other) -> int: ...\n"
        "    @staticmethod\n"
        "    def static(x) -> int: ...\n"
        "    @classmethod\n"
        "    def build(cls) -> 'Public': ...\n"
        "    def _helper(self, x): ...\n"
        "class _Private:\n"
        "    def method(self, x): ...\n"
    )
    assert unannotated_public_functions((package,)) == [
        "pkg/m.py:bare: a, return",
        "pkg/m.py:star: *args, **kwargs",
        "pkg/m.py:Public.__init__: return",
        "pkg/m.py:Public.method: other",
        "pkg/m.py:Public.static: x",
    ]


# --- imports inside functions are deliberate ------------------------------------------------------

# Function-level imports without a "# lazy:" comment, as "path:function: module" (none today).
LAZY_IMPORTS_ALLOWED: set[str] = set()


def uncommented_function_imports(root: Path = CORE) -> list[str]:
    """``path:line function: import`` for each import inside a function that says no reason.

    An import inside a function is there to keep start-up fast (a heavy or optional module,
    or one a path such as ``--version`` never needs); it says so with a ``# lazy: why``
    comment on its line, or on the line above a run of such imports.  Anything else belongs
    at the top of the module (the no-cycles test above shows it can go there)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        where = path.relative_to(root.parent).as_posix()
        for function in ast.walk(ast.parse(source)):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            imports = [n for n in ast.walk(function) if isinstance(n, (ast.Import, ast.ImportFrom))]
            for node in imports:
                # the run of import statements this one belongs to, on consecutive lines
                first = node
                while True:
                    before = next((n for n in imports if n.end_lineno == first.lineno - 1), None)
                    if before is None:
                        break
                    first = before
                said = range(first.lineno - 2, node.end_lineno)  # the line above the run, to its last line
                if any("# lazy:" in lines[i] for i in said if 0 <= i < len(lines)):
                    continue
                names = node.module if isinstance(node, ast.ImportFrom) else ", ".join(a.name for a in node.names)
                if f"{where}:{function.name}: {names}" not in LAZY_IMPORTS_ALLOWED:
                    found.append(f"{where}:{node.lineno} {function.name}: {names}")
    return sorted(set(found))


def test_function_level_imports_say_why():
    assert uncommented_function_imports(CORE) + uncommented_function_imports(PLUGINS) == []


def test_the_lazy_import_check_can_fail(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "m.py").write_text(
        "def a():\n"
        "    import json  # lazy: only for JSON\n"
        "def b():\n"
        "    # lazy: rich only for colour\n"
        "    from rich.text import Text\n"
        "    from rich.console import Console\n"
        "def c():\n"
        "    import os\n"
        "    # lazy: this comment is below the import it should explain\n"
        "def d():\n"
        "    x = 1  # lazy: not an import line\n"
        "\n"
        "    from gxlint import engine\n"
    )
    assert uncommented_function_imports(package) == ["pkg/m.py:13 d: gxlint", "pkg/m.py:8 c: os"]
