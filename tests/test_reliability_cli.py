"""CLI robustness: bad inputs are named on stderr, good ones still processed, output atomic.

Exit codes (docs/reliability.md): 0 all inputs processed; 1 some input failed
or stdout could not be written; 2 usage error or ``--output`` not writable.
Extends tests/test_cli.py (formats, globs, one bad file in a batch).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recovery_extract import cli

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import ids, run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))




def test_folder_with_binary_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_bytes(SEEDS[0].read_bytes())
    (tmp_path / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "c.zip").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200))
    (tmp_path / "d.txt").write_bytes(SEEDS[1].read_bytes())
    (tmp_path / "e.txt").write_bytes(b"")
    code, out, err = run([str(tmp_path)], capsys)
    assert code == 1
    assert ids(out) == ["a", "d", "e"]
    assert "b.png" in err and "c.zip" in err
    assert "a.txt" not in err.replace("warning", "")


def test_unreadable_inputs_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dangling = tmp_path / "link.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    code, out, err = run([str(SEEDS[0]), str(dangling), str(tmp_path / "missing.txt"), str(SEEDS[1])], capsys)
    assert code == 1
    assert ids(out) == [SEEDS[0].stem, SEEDS[1].stem]
    assert "link.txt" in err and "missing.txt" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("开工率98%", encoding="utf-8")
    locked.chmod(0)
    try:
        code, out, err = run([str(locked), str(SEEDS[0])], capsys)
    finally:
        locked.chmod(0o600)
    assert code == 1 and ids(out) == [SEEDS[0].stem] and "locked.txt" in err


def test_file_that_vanishes_mid_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_bytes(SEEDS[0].read_bytes())
    listed = cli.expand_paths

    def list_then_delete(specs: list[str]) -> tuple[list[str], list[str]]:
        found = listed(specs)
        (tmp_path / "b.txt").unlink()  # gone between listing the folder and reading it
        return found

    monkeypatch.setattr(cli, "expand_paths", list_then_delete)
    code, out, err = run([str(tmp_path)], capsys)
    assert code == 1
    assert ids(out) == ["a", "c"]
    assert "b.txt" in err


def test_full_disk_leaves_no_partial_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous run\n", encoding="utf-8")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    code, _, err = run(["--output", str(target), *map(str, SEEDS)], capsys)
    assert code == 2
    assert "No space left" in err
    assert target.read_text(encoding="utf-8") == "previous run\n"  # untouched, not half-written
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary file left


def test_read_only_location(capsys: pytest.CaptureFixture[str]) -> None:
    target = Path("/proc/recovery-extract-test.jsonl")  # read-only even for root
    code, _, err = run(["--output", str(target), str(SEEDS[0])], capsys)
    assert code == 2 and "recovery-extract" in err
    assert not target.exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_device() -> None:
    with open("/dev/full", "w") as full:
        run_ = subprocess.run([sys.executable, "-m", "recovery_extract", str(SEEDS[0])],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert run_.returncode == 1
    assert "No space left" in run_.stderr
    assert "Traceback" not in run_.stderr


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "recovery_extract", *map(str, SEEDS)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()  # the reader (e.g. `head -1`) went away
    _, err = proc.communicate(timeout=300)
    assert b"Traceback" not in err
