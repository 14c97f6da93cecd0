"""The project's modules import one another without a cycle, and the pure package never
imports Streamlit, counting imports made inside functions too (a late import hides a cycle
from Python but not from a reader). Built from the source with ``ast``, not by importing."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("explainer", "ui")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    files = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")]
    files += sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]
    return {module_name(p): p for p in files if "__pycache__" not in p.parts}


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every project module (and ``streamlit``) that ``path`` imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from ui import journey` imports the module ui.journey; `from ui.x import f` imports ui.x.
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules else node.module
                     for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] == "streamlit":
                found.add("streamlit")
            while name and name not in modules:  # a submodule's attribute: its module
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found - {module_name(path)}


def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(path, modules) for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected group of more than one module (Tarjan)."""
    index, low, stack, on_stack, groups, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return groups


def test_the_graph_sees_the_imports_it_should():
    edges = graph()
    # Known edges, one of each kind: top-level, `from package import module`, inside a function.
    assert "ui.context" in edges["ui.shell"]
    assert "ui.journey" in edges["ui.shell"]
    assert "ui.resources" in edges["ui.errors"]
    assert "streamlit" in edges["ui.shell"]


def test_no_import_cycle_in_the_project():
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_planted_cycle():
    edges = graph()
    edges["ui.resources"] = edges["ui.resources"] | {"ui.shell"}
    assert any({"ui.resources", "ui.shell"} <= set(group) for group in cycles(edges))


def test_the_pure_package_never_imports_streamlit():
    offenders = sorted(name for name, found in graph().items() if name.startswith("explainer") and "streamlit" in found)
    assert offenders == []


#: The parts of ``explainer``, one subpackage each, and the shared floor they all stand on.
PARTS = ("reflex", "disc", "self_check", "care", "handout")
FLOOR = "common"
#: The one part that uses another: the take-home handout prints the walkthrough's pictures
#: (spine, leg map), its nerve root's words and each step's sources, the same as the screens
#: show them, so ``explainer.handout.pdf`` imports ``explainer.disc``. No other part may.
PART_USES_PART = {("handout", "disc")}


def room_of(module: str) -> str | None:
    """``explainer.disc.timeline`` -> ``disc``; a module outside ``explainer``'s rooms -> None."""
    parts = module.split(".")
    return parts[1] if parts[0] == "explainer" and len(parts) > 1 else None


def crossings(edges: dict[str, set[str]]) -> set[tuple[str, str]]:
    """Every import from one room of ``explainer`` into another that is not the floor
    (the floor importing a part counts), less the allowed ``PART_USES_PART``."""
    found = set()
    for name, targets in edges.items():
        here = room_of(name)
        for target in targets:
            there = room_of(target)
            if here and there and there not in (here, FLOOR) and (here, there) not in PART_USES_PART:
                found.add((name, target))
    return found


def test_every_explainer_module_lives_in_a_room():
    """No module sits loose in ``explainer/``: each is in a part or on the floor."""
    rooms = {room_of(name) for name in graph() if name.startswith("explainer.")}
    assert rooms == set(PARTS) | {FLOOR}
    flat = sorted(p.name for p in (ROOT / "explainer").glob("*.py") if p.name != "__init__.py")
    assert flat == []


def test_a_part_imports_only_the_floor():
    assert crossings(graph()) == set()


def test_the_crossing_check_finds_a_planted_crossing():
    edges = graph()
    assert "explainer.handout.pdf" in edges and "explainer.care.charts" in edges  # the rooms the plants use
    edges["explainer.care.charts"] = edges["explainer.care.charts"] | {"explainer.disc.timeline"}
    edges["explainer.common.content"] = edges["explainer.common.content"] | {"explainer.self_check.triage"}
    assert crossings(edges) == {("explainer.care.charts", "explainer.disc.timeline"),
                                ("explainer.common.content", "explainer.self_check.triage")}
