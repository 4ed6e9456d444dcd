"""The package's layout follows its pipeline: text -> syntax -> model -> semantics -> evaluation
-> decision, with loading (files and the parse cache), prose (words) and the command line around
it. Every module imports, no module imports itself back through others, and no stage imports a
later one. Imports are read from the source (with `ast`), those inside functions included."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "contractdsl"
ROOT = "contractdsl"

# What each stage must not import, directly or inside a function.
FORBIDDEN = {
    "syntax": ("loading", "semantics", "evaluation", "prose", "cli", "analysis", "serve",
               "audit"),
    "semantics": ("syntax", "loading", "evaluation", "prose", "cli", "analysis", "serve",
                  "audit"),
    "evaluation": ("syntax", "loading", "prose", "cli", "analysis", "serve", "audit"),
    "loading": ("semantics", "evaluation", "prose", "cli", "analysis", "serve", "audit"),
    "prose": ("syntax", "loading", "evaluation", "cli", "analysis", "serve", "audit"),
    # analysis reads the IR and asks the evaluator; it never parses or loads (the diff's
    # redline is said by the prose templates)
    "analysis": ("syntax", "loading", "cli", "serve", "audit"),
    "serve": ("cli", "audit"),
    # the audit compiles the IR and asks the evaluator once per group of a log's rows
    "audit": ("syntax", "loading", "prose", "cli", "analysis", "serve"),
}
# The edges allowed across those lines, and why.
EXCEPTIONS = {
    ("contractdsl.evaluation.explain", "contractdsl.prose.phrase"):
        "a decision's reasons are phrases (a message key and its values, English as a string), "
        "which the renderer says again in any locale; phrase.py imports nothing of the renderer",
    ("contractdsl.audit.findings", "contractdsl.prose.phrase"):
        "an audit's report says an amount of one with its unit in the singular by the one rule "
        "the reasons use (`phrase.units`), and escapes the agreement's words in Markdown as "
        "the pages do (`phrase.markdown_escape`); phrase.py imports nothing of the renderer",
    ("contractdsl.audit.run", "contractdsl.prose.phrase"):
        "the same rule, where the audit says a limit in words",
    ("contractdsl.__main__", "contractdsl.cli"): "`python -m contractdsl` runs the command line",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            base = ".".join(p for p in (base if node.level else "", node.module or "") if p)
            # `from . import cache` imports a module; `from .errors import X` a name of one.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target.startswith(ROOT) and target != name:
                found.add(target)
    # Importing a module runs the `__init__` of each stage package above it (outside its own).
    for target in list(found):
        parts = target.split(".")
        above = (".".join(parts[:n]) for n in range(2, len(parts)))
        found.update(p for p in above if not (name == p or name.startswith(p + ".")))
    return found


def allowed(name: str, target: str) -> bool:
    """An edge named in EXCEPTIONS, or the package ``__init__`` such an edge passes through."""
    return any(a == name and (b == target or b.startswith(target + ".")) for a, b in EXCEPTIONS)


GRAPH = {name: imported(name, path) for name, path in MODULES.items()}


def stage(name: str) -> str:
    """The stage package a module is in (``syntax``, ``prose``, ...), else ``top``."""
    parts = name.split(".")
    package = ".".join(parts[:2])
    is_stage = len(parts) > 1 and MODULES[package].name == "__init__.py"
    return parts[1] if is_stage else "top"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules around it (the first repeated at the end), or None.
    The package's own ``__init__`` is left out: it is the public facade, which imports each stage
    inside the function that needs it, and is imported by the command line alone."""
    done, path, on_path = set(), [], set()

    def visit(node):
        path.append(node)
        on_path.add(node)
        for nxt in sorted(graph[node]):
            if nxt == ROOT:
                continue
            if nxt in on_path:
                return path[path.index(nxt):] + [nxt]
            if nxt not in done:
                found = visit(nxt)
                if found:
                    return found
        on_path.discard(path.pop())
        done.add(node)
        return None

    for start in sorted(graph):
        if start != ROOT and start not in done:
            found = visit(start)
            if found:
                return found
    return None


@pytest.mark.parametrize("name", sorted(set(MODULES) - {"contractdsl.__main__"}))
def test_every_module_imports(name):
    importlib.import_module(name)


def test_the_graph_sees_imports_inside_functions_and_relative_ones():
    assert "contractdsl.prose.render" in GRAPH["contractdsl.decision"]  # inside explain()
    assert "contractdsl.loading.cache" in GRAPH["contractdsl.loading"]  # `from . import cache`
    assert "contractdsl.model" in GRAPH["contractdsl.syntax.build"]  # `from .. import model`
    assert "contractdsl.syntax" in GRAPH["contractdsl.loading.cache"]  # the stage's __init__


def test_there_is_no_import_cycle():
    cycle = find_cycle(GRAPH)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_finder_reports_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, ROOT: {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]


def test_imports_follow_the_pipeline():
    wrong = []
    for name, targets in sorted(GRAPH.items()):
        for target in sorted(targets):
            if allowed(name, target):
                continue
            here, there = stage(name), stage(target)
            if there == "cli" and here != "cli":
                wrong.append(f"{name} imports {target}: only the command line imports cli/")
            elif there in FORBIDDEN.get(here, ()):
                wrong.append(f"{name} imports {target}: {here}/ comes before {there}/")
    assert not wrong, "imports against the pipeline:\n" + "\n".join(wrong)


def test_every_exception_is_still_needed():
    unused = [f"{a} -> {b}" for a, b in EXCEPTIONS if b not in GRAPH.get(a, ())]
    assert not unused, "allowed edges no module uses any more: " + ", ".join(unused)


def test_every_stage_names_what_it_consumes_and_produces_and_its_entry():
    for name in ("syntax", "semantics", "evaluation", "prose", "loading", "cli", "analysis",
                 "serve", "audit"):
        package = importlib.import_module(f"{ROOT}.{name}")
        doc = (package.__doc__ or "").strip()
        entry = re.search(r":func:`(\w+)` is the entry\.$", doc)
        assert "\n" not in doc and " to " in doc and entry, f"{name}/__init__.py: {doc!r}"
        assert callable(getattr(package, entry[1], None)), f"{name} has no {entry[1]}()"


def test_the_audit_comes_after_the_evaluator_and_names_its_entry():
    """The audit reads the IR and asks the evaluator; no stage before it imports it."""
    early = ("syntax", "semantics", "evaluation", "prose", "loading")
    wrong = [f"{name} imports {target}" for name, targets in GRAPH.items()
             for target in targets if stage(target) == "audit" and stage(name) in early]
    assert not wrong, wrong
    doc = (importlib.import_module(f"{ROOT}.audit").__doc__ or "").strip()
    assert doc.endswith(":func:`audit` is the entry.") and " to " in doc
