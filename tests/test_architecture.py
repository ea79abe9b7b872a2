"""The file tree reads as the pipeline does, and imports go one way (issue 16).

face (cli, batch, explain, frame, display, integrations) -> pipeline -> stages
(prepare -> extract -> resolve) -> data. ``records`` and ``errors`` are plain leaves
that anyone may import and that import nothing of the package. Every import is
read with ``ast``, including the lazy ones inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "recovery_extract"
STAGES = ("prepare", "extract", "resolve")
FACE = {"cli", "batch", "explain", "frame", "display", "integrations", "__main__"}
LEAVES = {"records", "errors"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str | None = None) -> set[str]:
    """The package modules ``path`` (module ``module``, by default its place in the
    package) imports, as absolute names."""
    here = (module or _module(path)).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("recovery_extract"):
                found.add(target)
                found.update(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("recovery_extract"))
    return found


def _part(module: str) -> str:
    """The top-level part of the package a module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_tree_shows_the_stages() -> None:
    top = {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert {"prepare", "extract", "resolve", "data"} <= top
    loose = {p.stem for p in PACKAGE.glob("*.py")} - FACE - LEAVES - {"__init__", "pipeline"}
    assert not loose, f"modules at the root that are neither face, pipeline nor leaf: {loose}"


@pytest.mark.parametrize("path", MODULES, ids=[_module(p) for p in MODULES])
def test_imports_go_one_way(path: Path) -> None:
    me = _part(_module(path))
    targets = {_part(t) for t in _imports(path)} - {"", me}
    if me in LEAVES:
        assert not targets, f"{_module(path)} must import nothing of the package: {targets}"
        return
    if me == "data":
        assert targets <= LEAVES, f"the data layer imports {targets - LEAVES}"
    if me in STAGES:
        later = set(STAGES[STAGES.index(me) + 1:])
        assert not targets & later, f"{me}/ imports a later stage: {targets & later}"
        assert not targets & (FACE | {"pipeline"}), f"{me}/ imports the face or the pipeline"
    if me == "pipeline":
        assert not targets & FACE, f"the pipeline imports the face: {targets & FACE}"


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """The rule above can fail: an extract module importing resolve is caught."""
    bad = tmp_path / "probe.py"
    bad.write_text("from ..resolve.context import province_of\n", encoding="utf-8")
    targets = {_part(t) for t in _imports(bad, "recovery_extract.extract.probe")}
    assert "resolve" in targets
