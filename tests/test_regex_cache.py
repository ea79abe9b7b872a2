"""The on-disk cache of compiled regexes: same matches, never an error of its own."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex

import recovery_extract as rx
from recovery_extract.data import regex_cache
from recovery_extract.data.patterns import FLAGS, data_dir

PATTERN = r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>\L<units>)(?!\w)"
UNITS = ["万元", "亿元", "million yuan", "percent"]
TEXT = "产值116.5亿元, up 4.7 percent, 12.71 million yuan, 30万元"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(regex_cache.ENV, str(tmp_path / "cache"))
    regex_cache.reset()
    yield tmp_path / "cache"
    regex_cache.reset()


def _stored(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.rglob("*.pickle"))


def _spans(compiled: regex.Pattern) -> list[tuple[str, str]]:
    return [(TEXT[m.start():m.end()], m["unit"]) for m in compiled.finditer(TEXT)]


def test_a_second_compile_is_read_from_disk(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = regex_cache.compile(PATTERN, FLAGS, units=UNITS)
    assert len(_stored(cache_dir)) == 1
    # A fresh process has an empty in-memory cache: make regex.compile unusable to prove the disk serves it.
    monkeypatch.setattr(regex, "compile", lambda *a, **k: pytest.fail("compiled again"))
    second = regex_cache.compile(PATTERN, FLAGS, units=list(reversed(UNITS)))  # same set, other order
    assert second.pattern == first.pattern
    assert _spans(second) == _spans(first) == [("116.5亿元", "亿元"), ("4.7 percent", "percent"),
                                               ("12.71 million yuan", "million yuan"), ("30万元", "万元")]


def test_what_changes_the_compiled_result_changes_the_key(cache_dir: Path) -> None:
    regex_cache.compile(PATTERN, FLAGS, units=UNITS)
    regex_cache.compile(PATTERN, FLAGS, units=UNITS[:2])
    regex_cache.compile(PATTERN, regex.VERSION1, units=UNITS)
    regex_cache.compile(PATTERN + "x", FLAGS, units=UNITS)
    assert len(_stored(cache_dir)) == 4
    assert not regex_cache.compile(PATTERN, FLAGS, units=UNITS[:2]).search("4.7 percent")


def test_a_corrupt_file_is_replaced(cache_dir: Path) -> None:
    regex_cache.compile(PATTERN, FLAGS, units=UNITS)
    (path,) = _stored(cache_dir)
    path.write_bytes(b"not a pickle")
    assert _spans(regex_cache.compile(PATTERN, FLAGS, units=UNITS))[0] == ("116.5亿元", "亿元")
    assert isinstance(pickle.loads(path.read_bytes()), regex.Pattern)


def test_a_file_holding_another_pattern_is_not_used(cache_dir: Path) -> None:
    regex_cache.compile(PATTERN, FLAGS, units=UNITS)
    (path,) = _stored(cache_dir)
    path.write_bytes(pickle.dumps(regex.compile("other")))
    assert regex_cache.compile(PATTERN, FLAGS, units=UNITS).pattern == PATTERN


def test_bad_patterns_raise_as_regex_does_and_are_not_stored(cache_dir: Path) -> None:
    with pytest.raises(regex.error):
        regex_cache.compile(r"(unclosed", FLAGS)
    assert _stored(cache_dir) == []


def test_an_unwritable_folder_only_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(regex_cache.ENV, str(blocker))
    regex_cache.reset()
    try:
        assert _spans(regex_cache.compile(PATTERN, FLAGS, units=UNITS))[1] == ("4.7 percent", "percent")
    finally:
        regex_cache.reset()


@pytest.mark.parametrize("setting", ["off", "0", ""])
def test_off_writes_nothing(setting: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(regex_cache.ENV, setting)
    monkeypatch.chdir(tmp_path)
    regex_cache.reset()
    try:
        assert regex_cache.folder() is None
        regex_cache.compile(PATTERN, FLAGS, units=UNITS)
        assert list(tmp_path.rglob("*.pickle")) == []
    finally:
        regex_cache.reset()


def test_the_folder_is_per_regex_and_python_version(cache_dir: Path) -> None:
    folder = regex_cache.folder()
    assert folder is not None and folder.parent == cache_dir
    assert regex.__version__ in folder.name


def test_a_pipeline_from_a_warm_cache_extracts_the_same(cache_dir: Path, seed_texts: dict[str, str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    cold = rx.Pipeline(patterns=data_dir())  # compiles everything (eagerly), filling the cache
    stored = len(_stored(cache_dir))
    assert stored > 100
    warm = rx.Pipeline(patterns=data_dir())
    assert len(_stored(cache_dir)) == stored  # nothing compiled twice
    monkeypatch.setenv(regex_cache.ENV, "off")
    regex_cache.reset()
    plain = rx.Pipeline(patterns=data_dir())
    for text in seed_texts.values():
        expected = plain.extract(text).to_dict()
        assert cold.extract(text).to_dict() == expected
        assert warm.extract(text).to_dict() == expected
