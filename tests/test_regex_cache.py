"""The on-disk cache of compiled regexes: same matches, never an error of its own, never code run."""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import regex

import recovery_extract as rx
from recovery_extract.data import regex_cache
from recovery_extract.data.patterns import FLAGS, data_dir

PATTERN = r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>\L<units>)(?!\w)"
UNITS = ["万元", "亿元", "million yuan", "percent"]
TEXT = "产值116.5亿元, up 4.7 percent, 12.71 million yuan, 30万元"


def _stored(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.rglob("*" + regex_cache.SUFFIX))


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
    good = path.read_bytes()
    path.write_bytes(b"not a cache file")
    assert _spans(regex_cache.compile(PATTERN, FLAGS, units=UNITS))[0] == ("116.5亿元", "亿元")
    assert path.read_bytes() == good


def test_a_file_holding_another_pattern_is_not_used(cache_dir: Path) -> None:
    regex_cache.compile(PATTERN, FLAGS, units=UNITS)
    (path,) = _stored(cache_dir)
    other = regex_cache.compile("other", FLAGS)
    (other_path,) = [p for p in _stored(cache_dir) if p != path]
    path.write_bytes(other_path.read_bytes())  # validly signed, but for another name
    assert regex_cache.compile(PATTERN, FLAGS, units=UNITS).pattern == PATTERN
    assert other.pattern == "other"


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
        assert list(tmp_path.rglob("*")) == []
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


# --- hostile caches (issue 20): nothing read from the cache can run code -----------------

_PAYLOAD_PATTERN = r"\d+万元"


class _Plant:
    """A pickle that, if ever unpickled, creates ``marker`` (what an attacker would plant)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.marker, "code ran"))


def _plant_everywhere(where: Path, name: str, marker: Path) -> None:
    """The hostile pickle under every name the cache might read: this format's and the old one."""
    where.mkdir(parents=True, exist_ok=True)
    blob = pickle.dumps(_Plant(marker))
    for suffix in {getattr(regex_cache, "SUFFIX", ".pickle"), ".pickle"}:  # this format, the old one
        (where / (name + suffix)).write_bytes(blob)
        (where / (name + suffix)).chmod(0o666)


def test_a_pickle_planted_in_a_world_writable_folder_never_runs(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv(regex_cache.ENV, str(shared))
    regex_cache.reset()
    try:
        where = regex_cache.folder()
        assert where is not None
        _plant_everywhere(where, regex_cache._key(_PAYLOAD_PATTERN, FLAGS, False, {}), tmp_path / "ran")
        where.chmod(0o777)
        compiled = regex_cache.compile(_PAYLOAD_PATTERN, FLAGS)
        assert compiled.search("投资30万元")[0] == "30万元"
        assert not (tmp_path / "ran").exists()
        # The loose folder is refused outright: nothing written there either.
        assert regex_cache._cache() is None
    finally:
        regex_cache.reset()


def test_a_pickle_in_a_tight_folder_of_ours_never_runs_either(cache_dir: Path, tmp_path: Path) -> None:
    where = regex_cache.folder()
    assert where is not None
    regex_cache.compile("warm", FLAGS)  # makes the folders (0700) and the key
    _plant_everywhere(where, regex_cache._key(_PAYLOAD_PATTERN, FLAGS, False, {}), tmp_path / "ran")
    for path in where.iterdir():
        path.chmod(0o600)
    assert regex_cache.compile(_PAYLOAD_PATTERN, FLAGS).search("30万元")
    assert not (tmp_path / "ran").exists()


def test_new_folders_and_key_are_private(cache_dir: Path) -> None:
    regex_cache.compile(PATTERN, FLAGS, units=UNITS)
    where = regex_cache.folder()
    assert where is not None
    assert (cache_dir.stat().st_mode & 0o077) == 0 and (where.stat().st_mode & 0o077) == 0
    assert ((cache_dir / regex_cache.KEY_NAME).stat().st_mode & 0o777) == 0o600
    assert all((p.stat().st_mode & 0o077) == 0 for p in _stored(cache_dir))


@pytest.mark.parametrize("loosen", ["folder", "key", "file"])
def test_anything_loose_means_no_cache(cache_dir: Path, loosen: str, monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache.compile(PATTERN, FLAGS, units=UNITS)
    (stored,) = _stored(cache_dir)
    target = {"folder": cache_dir, "key": cache_dir / regex_cache.KEY_NAME, "file": stored}[loosen]
    target.chmod(target.stat().st_mode | (0o066 if loosen == "key" else 0o022))
    regex_cache.reset()
    compiled_again: list[str] = []
    real = regex.compile
    monkeypatch.setattr(regex, "compile", lambda p, *a, **k: compiled_again.append(p) or real(p, *a, **k))
    assert _spans(regex_cache.compile(PATTERN, FLAGS, units=UNITS))[0] == ("116.5亿元", "亿元")
    assert compiled_again == [PATTERN]  # the loose file was not trusted


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_a_folder_owned_by_another_user_is_refused(cache_dir: Path) -> None:
    cache_dir.mkdir(mode=0o700)
    os.chown(cache_dir, 1, 1)
    assert _spans(regex_cache.compile(PATTERN, FLAGS, units=UNITS))[0] == ("116.5亿元", "亿元")
    assert regex_cache._cache() is None and _stored(cache_dir) == []


def test_a_symlinked_cache_file_is_not_followed(cache_dir: Path, tmp_path: Path) -> None:
    regex_cache.compile(PATTERN, FLAGS, units=UNITS)
    (stored,) = _stored(cache_dir)
    elsewhere = tmp_path / "elsewhere"
    stored.rename(elsewhere)
    stored.symlink_to(elsewhere)
    assert regex_cache._read_trusted(stored, 0o022) is None
    assert _spans(regex_cache.compile(PATTERN, FLAGS, units=UNITS))[0] == ("116.5亿元", "亿元")


_TAMPER = textwrap.dedent('''
    import random, sys
    from pathlib import Path
    from recovery_extract.data import regex_cache
    from recovery_extract.data.patterns import FLAGS
    pattern, text, units, seed = sys.argv[1], sys.argv[2], sys.argv[3].split("|"), int(sys.argv[4])
    def spans(c):
        return [(m.span(), m.group()) for m in c.finditer(text)]
    expected = spans(regex_cache.compile(pattern, FLAGS, units=units))
    path = Path(regex_cache.folder()) / (regex_cache._key(pattern, FLAGS, False, {"units": units})
                                         + regex_cache.SUFFIX)
    good = path.read_bytes()
    rng = random.Random(seed)
    for n in range(200):
        data = bytearray(good)
        how = n % 5
        if how == 0:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif how == 1:
            i = rng.randrange(32, len(data))
            data[i] ^= 1 << rng.randrange(8)
        elif how == 2:
            data = data[:rng.randrange(len(data))]
        elif how == 3:
            i = rng.randrange(len(data))
            data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 9)))
        else:
            i = rng.randrange(len(data))
            data[i:i + 8] = bytes(rng.randrange(256) for _ in range(8))
        path.write_bytes(bytes(data))
        got = spans(regex_cache.compile(pattern, FLAGS, units=units))
        assert got == expected, (n, got, expected)
    print("ok", len(expected))
''')


def test_200_random_tamperings_give_the_same_matches(cache_dir: Path) -> None:
    """Run in a child process: a crash (segfault) or a hang fails the test, not the whole run."""
    env = {**os.environ, regex_cache.ENV: str(cache_dir),
           "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", _TAMPER, PATTERN, TEXT, "|".join(UNITS),
                           str(random.randrange(1 << 30))],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["ok", "4"]


_RECORDS = textwrap.dedent('''
    import json, sys
    from pathlib import Path
    import recovery_extract as rx
    from recovery_extract.data.patterns import data_dir
    pipeline = rx.Pipeline(patterns=data_dir())
    for path in sys.argv[1:]:
        print(pipeline.extract(Path(path).read_text(encoding="utf-8")).to_json())
''')


def _records_with(cache: str) -> str:
    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    env = {**os.environ, regex_cache.ENV: cache, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", _RECORDS, *map(str, seeds)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_every_file_tampered_gives_the_same_records(cache_dir: Path) -> None:
    """A whole warm cache with every file damaged (in a child process: a crash or hang fails
    here): the pipeline compiles afresh and writes the same records as with no cache."""
    expected = _records_with("off")
    assert _records_with(str(cache_dir)) == expected  # fills the cache
    rng = random.Random(2020)
    stored = _stored(cache_dir)
    assert len(stored) > 100
    for path in stored:
        data = bytearray(path.read_bytes())
        at = rng.randrange(len(data))
        if rng.random() < 0.5:
            data[at] ^= 1 << rng.randrange(8)
        else:
            del data[at:]
        path.write_bytes(bytes(data))
    assert _records_with(str(cache_dir)) == expected
