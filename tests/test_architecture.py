"""The layering of docs/architecture.md, checked on the source: arrows point down, no import circles.

Floors from the ground up: the pure domain (and web/, which knows no guide), then the models and the search
index they declare, then everything that serves pages or the admin, then config/. A module may import its own
floor or a lower one.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("config", "guides", "search", "web")
FLOORS = [  # (floor, module pattern); the first pattern that matches decides
    (0, r"web(\..*)?"),
    (
        0,
        r"guides\.(blocks|changelog|checklist|choices|commitments|filters|limits|phones|review_dates|rules"
        r"|situations|steps|text)",
    ),
    (0, r"search\.(analysis|engines|highlight|lexicon|query|synonyms)"),
    (1, r"guides\.models(\..*)?"),
    (1, r"search\.(documents|models|vocabulary)"),
    (2, r"(guides|search)(\..*)?"),
    (3, r"config(\..*)?"),
]
# Imports inside a function, each with the reason it cannot be at the top of the module.
INNER_IMPORTS = {
    "config.gunicorn": "post_worker_init: gunicorn's config file is read before Django is set up in the worker",
    "guides.apps": "AppConfig.ready(): models and views exist only once Django has loaded the apps",
    "search.apps": "AppConfig.ready(): models exist only once Django has loaded the apps",
    "web.apps": "AppConfig.ready(): the page cache's receivers need Wagtail's page models",
    "search.backends.database": "each vendor's index models exist only on that vendor's database",
}


def floor(module):
    return next(level for level, pattern in FLOORS if re.fullmatch(pattern, module))


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_in_functions(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for function in ast.walk(tree)
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(function)
        if isinstance(node, (ast.Import, ast.ImportFrom))
    ]


def imported_modules(path, modules):
    """Each of `modules` that the file at `path` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            base = base if node.level else node.module or ""
            names = [f"{base}.{alias.name}" for alias in node.names]
            names = [name if name in modules else base for name in names]
        else:
            continue
        yield from (name for name in names if name in modules)


@pytest.fixture(scope="module")
def graph():
    files = [path for package in PACKAGES for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts]
    modules = {module_name(path): path for path in files}
    edges = {}
    for module, path in modules.items():
        for target in imported_modules(path, modules):
            if target != module:
                edges.setdefault(module, set()).add(target)
    inner = {module for module, path in modules.items() if imports_in_functions(path)}
    return modules, edges, inner


def test_arrows_point_down(graph):
    modules, edges, _inner = graph
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in edges.items()
        for target in targets
        if floor(target) > floor(module)
    )
    assert upward == []


def test_no_model_imports_a_view(graph):
    _modules, edges, _inner = graph
    views = re.compile(r"(guides|search)\.(views|feedback\.views|admin|opendata|wagtail_hooks)(\..*)?")
    found = [(m, t) for m, targets in edges.items() if m.startswith("guides.models") for t in targets if views.match(t)]
    assert found == []


def test_web_knows_no_guide(graph):
    _modules, edges, _inner = graph
    assert [(m, t) for m, ts in edges.items() if m.startswith("web") for t in ts if not t.startswith("web")] == []


def test_no_import_circle(graph):
    """Strongly connected components of the import graph (imports inside functions included): none at all."""
    modules, edges, _inner = graph
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in edges.get(module, ()):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while not component or component[-1] != module:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1:
                circles.append(sorted(component))

    for module in modules:
        if module not in index:
            visit(module)
    assert circles == []


def test_imports_inside_functions_have_a_reason(graph):
    """Any import (ours or a library's) inside a function is in INNER_IMPORTS, with its reason."""
    _modules, _edges, inner = graph
    assert sorted(inner) == sorted(INNER_IMPORTS)
