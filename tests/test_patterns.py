"""Data lint over patterns/: every file has its header, parses, and its regexes compile;
every pattern's ``examples`` match in full and its ``not`` list does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from recovery_extract.data.patterns import PatternStore, data_dir, resolve_refs
from recovery_extract.errors import PatternError

ROOT = data_dir()
DATA_FILES = sorted(p for p in ROOT.rglob("*") if p.is_file() and p.name != "README.md"
                    and p.suffix in {".yaml", ".tsv", ".txt"})
STORE = PatternStore(ROOT)


def rel(p: Path) -> str:
    return p.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", DATA_FILES, ids=rel)
def test_header(path: Path) -> None:
    head = path.read_text(encoding="utf-8").splitlines()[:25]
    for key in ("# File:", "# Format:", "# Source:", "# Used by:"):
        assert any(line.startswith(key) for line in head), f"{rel(path)} lacks {key!r}"


def _self_contained(data: dict) -> bool:
    """A grammar file whose regexes use only its own pieces (others are composed
    from several files or from TSV lexicons by their extractor, which compiles
    them when a Pipeline is built: see test_pipeline_compiles_all_patterns)."""
    if "named_lists" in data:
        return False
    try:
        resolve_refs({k: str(v) for k, v in (data.get("pieces") or {}).items()}, "lint")
        for entry in data.get("patterns") or []:
            for ref in __import__("re").findall(r"\{([a-z_][a-z0-9_]*)\}", str(entry.get("regex", ""))):
                if ref not in (data.get("pieces") or {}):
                    return False
    except PatternError:
        return False
    return True


def test_pipeline_compiles_all_patterns() -> None:
    import recovery_extract as rx

    rx.Pipeline(ROOT)  # raises PatternError naming file and key on any bad pattern


@pytest.mark.parametrize("path", [p for p in DATA_FILES if p.suffix == ".yaml"], ids=rel)
def test_yaml_parses_and_patterns_compile(path: Path) -> None:
    data = STORE.yaml(rel(path))
    if "patterns" in data and _self_contained(data):
        _, entries = STORE.grammar(rel(path))
        ids = [e.id for e in entries]
        assert len(ids) == len(set(ids)), f"duplicate ids in {rel(path)}"
        for e in entries:
            for example in e.examples:
                assert e.compiled.fullmatch(example), f"{e.id}: example {example!r} does not match"
            for negative in e.negatives:
                assert not e.compiled.fullmatch(negative), f"{e.id}: {negative!r} should not match"


@pytest.mark.parametrize("path", [p for p in DATA_FILES if p.suffix == ".tsv"], ids=rel)
def test_tsv_rows_fit_the_header(path: Path) -> None:
    rows = STORE.tsv(rel(path))
    assert rows, f"{rel(path)} has no rows"


def test_piece_cycles_and_unknowns_are_reported() -> None:
    with pytest.raises(PatternError, match="cycle"):
        resolve_refs({"a": "{b}", "b": "{a}"}, "test")
    with pytest.raises(PatternError, match="unknown piece"):
        resolve_refs({"a": "{nope}"}, "test")
    assert resolve_refs({"a": "x{b}", "b": "[0-9]{2}"}, "test")["a"] == "x[0-9]{2}"
