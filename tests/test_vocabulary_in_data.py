"""Language knowledge lives in patterns/, not in Python (issue 16).

Two scans over the package's string literals (docstrings left out):
- a literal holding Han characters, unless it is prose shown to a person (an
  explanation or a help text: it holds an English word and a space);
- a list, tuple or set of three or more lower-case English words.

What the scans find must be listed in ``tests/vocabulary_known.txt``, each line
labelled ``identifiers`` (names of fields or groups, which are code) or ``debt``
(vocabulary still waiting to move to data). The list is a ratchet: a new literal
fails the test, and so does a listed one that is gone (take it off the list), so the
debt only shrinks.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "recovery_extract"
KNOWN = Path(__file__).with_name("vocabulary_known.txt")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
PROSE = re.compile(r"[A-Za-z]{3,}.*\s|\s.*[A-Za-z]{3,}")
WORD = re.compile(r"^[a-z][a-z'’ -]*$")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def found_literals() -> set[str]:
    """``path: literal`` for every literal the two scans find."""
    out: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs \
                    and HAN.search(node.value) and not PROSE.search(node.value):
                out.add(f"{rel}: {node.value!r}")
            elif isinstance(node, (ast.List, ast.Tuple, ast.Set)) and len(node.elts) >= 3:
                words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if len(words) == len(node.elts) and all(len(w) > 1 and WORD.match(w) for w in words):
                    out.add(f"{rel}: {sorted(set(words))!r}")
    return out


def known_literals() -> dict[str, str]:
    """``path: literal`` -> its label, from the known list."""
    known: dict[str, str] = {}
    for line in KNOWN.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, _, item = line.partition(" ")
        assert label in ("identifiers", "debt"), f"bad label in {KNOWN.name}: {line!r}"
        known[item] = label
    return known


def test_no_new_vocabulary_in_python() -> None:
    new = sorted(found_literals() - set(known_literals()))
    assert not new, ("vocabulary in Python: move it to patterns/ (or, for names of fields, list it as "
                     "'identifiers' in tests/vocabulary_known.txt):\n" + "\n".join(new))


def test_the_known_list_only_shrinks() -> None:
    gone = sorted(set(known_literals()) - found_literals())
    assert not gone, "no longer in the code: take these lines off tests/vocabulary_known.txt:\n" + "\n".join(gone)


def test_the_scan_sees_a_literal(tmp_path: Path) -> None:
    """The scans can fail: a Han literal and an English word list are both seen."""
    tree = ast.parse('SUFFIXES = ("局", "厅")\nWORDS = ["province", "city", "county"]\n')
    values = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    assert any(HAN.search(v) for v in values)
    assert all(WORD.match(v) for v in ["province", "city", "county"])
