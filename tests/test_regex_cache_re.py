"""Standard-library ``re`` patterns rebuilt from their cached opcodes match as ``re.compile`` does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recovery_extract.data import regex_cache

SOURCE = r"[^a-z_'-](?=bei(?:jing|hai)|shang(?:hai|rao)|(?P<x>xi'an))"
TEXT = "Beijing, beihai and Shanghai; xi'an-based, shangrao. abeijing"


def _found(compiled: re.Pattern[str]) -> list[tuple[int, int, str | None]]:
    return [(*m.span(), m.group("x")) for m in compiled.finditer(" " + TEXT.lower())]


def test_the_cached_pattern_matches_as_re_does(cache_dir: Path) -> None:
    first = regex_cache.compile_re(("test", SOURCE), lambda: SOURCE)
    second = regex_cache.compile_re(("test", SOURCE), lambda: pytest.fail("parsed again"))  # type: ignore[no-any-return]
    expected = re.compile(SOURCE)
    assert _found(first) == _found(second) == _found(expected) != []
    assert second.pattern == SOURCE and second.groupindex == expected.groupindex
    assert list(cache_dir.rglob("*" + regex_cache.SUFFIX))


def test_without_a_cache_it_is_re_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(regex_cache.ENV, "off")
    regex_cache.reset()
    try:
        assert _found(regex_cache.compile_re(("test", SOURCE), lambda: SOURCE)) == _found(re.compile(SOURCE))
    finally:
        regex_cache.reset()


def test_opcodes_that_do_not_validate_fall_back_to_compiling(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_cache, "cached_value", lambda key, compute: [SOURCE, 32, [1, 2, 3], 1, {"x": 1}, [None, "x"]])
    assert _found(regex_cache.compile_re(("test", SOURCE), lambda: SOURCE)) == _found(re.compile(SOURCE))


def test_a_bad_pattern_raises_as_re_does(cache_dir: Path) -> None:
    with pytest.raises(re.error):
        regex_cache.compile_re(("test", "bad"), lambda: "(unclosed")
