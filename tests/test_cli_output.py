"""What the CLI writes and where: output targets, --published, --version, table, CSV, progress."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import recovery_extract as rx
from recovery_extract import cli

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
SENTENCE = "截至2月24日,济南市规模以上工业企业开工率98.78%。中国人民银行济南分行称。"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(tmp_path: Path) -> str:
    path = tmp_path / "in" / "a.txt"
    path.parent.mkdir()
    path.write_text(SENTENCE, encoding="utf-8")
    return str(path)


# --- where the output goes --------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_written_in_place(tmp_path: Path, article: str, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run(["--output", str(fifo), article], capsys)
    reader.join(timeout=60)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a FIFO, not replaced by a file
    assert json.loads(got[0])["id"] == "a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "pipe"]


def test_symlink_target_is_replaced_and_the_link_kept(tmp_path: Path, article: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    code, _, err = run(["--output", str(link), article], capsys)
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert json.loads(real.read_text(encoding="utf-8"))["id"] == "a"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "link.jsonl", "real.jsonl"]


def test_read_only_file(tmp_path: Path, article: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Root writes a read-only file as the shell would (and the mode stays); others get exit 2."""
    target = tmp_path / "ro.jsonl"
    target.write_text("keep me\n", encoding="utf-8")
    target.chmod(0o444)
    code, _, err = run(["--output", str(target), article], capsys)
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    if os.geteuid() == 0:
        assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["id"] == "a"
    else:
        assert code == 2 and "read-only" in err
        assert target.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "ro.jsonl"]


def test_existing_mode_is_kept_and_new_files_follow_the_umask(tmp_path: Path, article: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    old = os.umask(0o027)
    try:
        assert run(["--output", str(tmp_path / "new.jsonl"), article], capsys)[0] == 0
        kept = tmp_path / "kept.jsonl"
        kept.write_text("", encoding="utf-8")
        kept.chmod(0o604)
        assert run(["--output", str(kept), article], capsys)[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.jsonl").stat().st_mode) == 0o640
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604


def test_a_directory_is_refused(tmp_path: Path, article: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--output", str(tmp_path), article], capsys)
    assert code == 2 and "is a directory" in err and out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


# Device tests use nodes and links made in tmp_path, never /dev itself: a regression that
# replaced the target with a file must not break the machine the tests run on.

@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_written_in_place(tmp_path: Path, article: str, capsys: pytest.CaptureFixture[str]) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # Linux's /dev/null
    try:
        null.open("w").close()
    except OSError:
        pytest.skip("device nodes cannot be opened on this file system (nodev)")
    code, _, err = run(["--output", str(null), article], capsys)
    assert code == 0, err
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "null"]


@pytest.mark.skipif(not Path("/proc/self/fd/1").exists(), reason="needs /proc/self/fd")
def test_a_link_to_stdout_goes_to_the_pipe(tmp_path: Path, article: str) -> None:
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")  # what /dev/stdout is
    done = subprocess.run([sys.executable, "-m", "recovery_extract", "--output", str(link), article],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == "a"
    assert link.is_symlink()


# --- reference date ---------------------------------------------------------------------

@pytest.mark.parametrize("typed, order", [("2020-02-25", None), ("20200225", None), ("2020年2月25日", None),
                                          ("2020.02.25", None), ("25 Feb 2020", None),
                                          ("25/02/2020", None), ("25/02/2020", "DMY"),
                                          ("02/25/2020", "mdy")])
def test_published_as_typed(typed: str, order: str | None, article: str,
                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--published", typed, *(["--date-order", order] if order else []), article], capsys)
    assert code == 0, err
    record = json.loads(out)
    assert record["published"] == "2020-02-25"
    assert [d["value"] for d in record["dates"]] == ["2020-02-24"]


@pytest.mark.parametrize("typed", ["notadate", "2020-13-45", "02/03/2020", "20200231"])
def test_bad_published_is_exit_2(typed: str, article: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--published", typed, article], capsys)
    assert code == 2 and out == ""
    assert "--published" in err and typed in err


def test_bad_date_order_is_exit_2(article: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--published", "02/03/2020", "--date-order", "sideways", article], capsys)[0] == 2


# --- what is written --------------------------------------------------------------------

def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and out.strip() == f"recovery-extract {rx.__version__}"


def test_table_has_headers_and_kind_names(article: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--format", "table", article], capsys)
    lines = out.splitlines()
    assert code == 0 and lines[1].split() == ["kind", "span", "text", "value", "detail"]
    kinds = {line.split()[0] for line in lines[2:]}
    assert kinds == {"quantity", "date", "region", "agency", "indicator"}
    indicator = next(line for line in lines if line.lstrip().startswith("indicator"))
    start, end = map(int, indicator.split()[1].split("-"))
    assert SENTENCE[start:end] in indicator and "metric=" in indicator


def test_csv_kind_names_and_indicator_spans(article: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--format", "csv", article], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["kind"] for r in rows} == {"quantity", "date", "region", "agency", "indicator"}
    for row in rows:
        assert SENTENCE[int(row["start"]):int(row["end"])] == row["text"]


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_json_indicators_point_at_their_figure(fmt: str, article: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--format", fmt, article], capsys)
    record = json.loads(out)[0] if fmt == "json" else json.loads(out)
    assert code == 0 and record["indicators"]
    for ind in record["indicators"]:
        assert SENTENCE[ind["start"]:ind["end"]] == ind["text"]
        assert {"sentence_start", "sentence_end"} <= ind.keys()


def test_progress_forced_and_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = []
    for n in range(3):
        path = tmp_path / f"{n}.txt"
        path.write_text(SENTENCE, encoding="utf-8")
        files.append(str(path))
    code, out, err = run(["--progress", *files], capsys)
    assert code == 0 and len(out.splitlines()) == 3
    assert "3/3" in err and "file/s" in err  # count and rate (tqdm's bar)
    code, out, err = run(["--quiet", *files], capsys)
    assert code == 0 and err == ""
    code, _, err = run([*files], capsys)  # stderr is not a terminal here: no bar by default
    assert err == ""


def test_skipped_inputs_are_named(capsys: pytest.CaptureFixture[str]) -> None:
    cli.report_skipped([("dir/link.txt", "dangling symlink")])
    assert capsys.readouterr().err == "recovery-extract: dir/link.txt: skipped: dangling symlink\n"
