"""The layout of docs/architecture.md, checked: no module imports another that imports it back
(lazy imports included), and apps import only the apps below them."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.engine_independent

ROOT = Path(__file__).resolve().parent.parent
APPS = ("campaign", "orgs", "documents", "plans", "reports")
# What each app may import. campaign is two things: the project package on top (settings,
# URLs, the home page and the navbar's counts, loaddemo) and, at the bottom, the catalogue,
# the notifications and the text helpers every app uses; its bottom part imports no app.
ALLOWED = {
    "campaign": set(APPS),
    "campaign.bottom": set(),
    "orgs": {"campaign"},
    "documents": set(),
    "plans": {"campaign", "orgs", "documents"},
    "reports": {"campaign", "orgs", "documents", "plans"},
}
CAMPAIGN_TOP = (
    "campaign.settings",
    "campaign.urls",
    "campaign.views",
    "campaign.context_processors",  # the navbar's counts of the home page's lists
    "campaign.management",
)


def product_modules():
    """{dotted name: path} of the product's modules (no migrations)."""
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    return modules


def imports(modules):
    """{module: set of product modules it imports}, lazy imports included."""

    def resolve(name):
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            if ".".join(parts[:end]) in modules:
                return ".".join(parts[:end])
        return None

    edges = {}
    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, *([base] if base else [])])
                names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            found |= {target for name in names if (target := resolve(name))} - {module}
        edges[module] = found
    return edges


def cycles(edges):
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def layer(module):
    app = module.split(".")[0]
    if app == "campaign" and not module.startswith(CAMPAIGN_TOP):
        return "campaign.bottom"
    return app


def test_no_module_imports_one_that_imports_it_back():
    assert cycles(imports(product_modules())) == []


def test_the_cycle_counter_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_apps_import_only_the_apps_below_them():
    upward = sorted(
        f"{module} imports {target}"
        for module, targets in imports(product_modules()).items()
        for target in targets
        if layer(module) != (app := target.split(".")[0]) and app != module.split(".")[0]
        and app not in ALLOWED[layer(module)]
    )  # fmt: skip
    assert upward == []


def test_documents_import_nothing_of_plans_or_reports():
    edges = imports(product_modules())
    assert {
        target
        for module, targets in edges.items()
        if module.startswith("documents")
        for target in targets
        if not target.startswith("documents")
    } == set()
