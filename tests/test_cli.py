"""The command line: formats, batches with bad files, exit codes, atomic output."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recovery_extract.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_over_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--format", "jsonl", *SEEDS], capsys)
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == [Path(p).stem for p in SEEDS]


def test_module_entry_point() -> None:
    out = subprocess.run([sys.executable, "-m", "recovery_extract", "--format", "jsonl", SEEDS[0]],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["id"] == Path(SEEDS[0]).stem


def test_folder_and_glob(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for p in SEEDS[:2]:
        (tmp_path / Path(p).name).write_text(Path(p).read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run([str(tmp_path)], capsys)
    assert code == 0 and len(out.splitlines()) == 2
    code, out, _ = run([str(tmp_path / "*.txt")], capsys)
    assert code == 0 and len(out.splitlines()) == 2


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    missing = tmp_path / "gone.txt"
    code, out, err = run([SEEDS[0], str(binary), str(missing), SEEDS[1]], capsys)
    assert code == 1
    assert len(out.splitlines()) == 2
    assert "image.png" in err and "gone.txt" in err
    assert "2 of 4 inputs failed" in err


def test_unmatched_glob_and_no_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([str(tmp_path / "*.nothing")], capsys)
    assert code == 2 and "no file matches" in err


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(["--format", "xml", SEEDS[0]], capsys)
    assert code == 2


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(SEEDS[1]).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(["-"], capsys)
    assert code == 0 and json.loads(out)["id"] == "stdin"


def test_output_is_atomic_and_complete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.jsonl"
    code, out, _ = run(["--output", str(target), *SEEDS], capsys)
    assert code == 0 and out == ""
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(SEEDS)
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_unwritable_output_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--output", str(tmp_path / "no" / "such" / "dir.jsonl"), SEEDS[0]], capsys)
    assert code == 2 and "cannot write" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tmp_path.chmod(0o500)
    try:
        code, _, _ = run(["--output", str(tmp_path / "x.jsonl"), SEEDS[0]], capsys)
    finally:
        tmp_path.chmod(0o700)
    assert code == 2


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_other_formats(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--format", fmt, *SEEDS[:2]], capsys)
    assert code == 0
    if fmt == "json":
        assert [r["id"] for r in json.loads(out)] == [Path(p).stem for p in SEEDS[:2]]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {r["id"] for r in rows} <= {Path(p).stem for p in SEEDS[:2]}
        assert rows == [] or set(rows[0]) >= {"id", "kind", "text", "value"}
    else:
        assert out.count("== ") == 2


def test_published_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text("截至2月24日,开工率98.78%。", encoding="utf-8")
    code, out, _ = run(["--published", "2020-02-25", str(f)], capsys)
    assert code == 0 and json.loads(out)["published"] == "2020-02-25"
