"""Every in-place match in the library reads a bounded stretch of text.

``pattern.match(text, pos)`` without ``endpos`` lets ``regex`` search for the
pattern's required literal (个 in 个月) all the way to the end of the text
before it tries the match: one call per figure made a long text quadratic
(tests/test_linear_growth.py, long runs).  ``patterns.match_at`` bounds it.
This test reads the source and lists the calls that give no bound.
"""

from __future__ import annotations

import ast
from pathlib import Path

import regex

from recovery_extract.data.patterns import match_at

SRC = Path(__file__).resolve().parents[1] / "src" / "recovery_extract"


def _unbounded_matches(tree: ast.AST) -> list[int]:
    """Lines of ``x.match(text, pos)`` calls: two arguments, no ``endpos``."""
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "match" and len(node.args) == 2 and not node.keywords]


def test_no_in_place_match_reads_to_the_end_of_the_text() -> None:
    found = {str(path.relative_to(SRC)): lines for path in sorted(SRC.rglob("*.py"))
             if (lines := _unbounded_matches(ast.parse(path.read_text(encoding="utf-8"))))}
    assert not found, f"use patterns.match_at: {found}"


def test_the_check_sees_an_unbounded_call() -> None:
    assert _unbounded_matches(ast.parse("m = rule.compiled.match(text, n.end)")) == [1]
    assert _unbounded_matches(ast.parse("m = rule.compiled.match(text, n.end, end)")) == []


def test_match_at_reads_up_to_its_reach() -> None:
    unit = regex.compile(r"\s*个月")
    text = "增长5" + " " * 10 + "个月"
    assert match_at(unit, text, 3, 20).group() == " " * 10 + "个月"
    assert match_at(unit, text, 3, 5) is None
    assert match_at(unit, text, 3, 10_000).end() == len(text)  # a reach past the end is the end
