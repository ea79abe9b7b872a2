"""Hostile inputs to extract_many and the CLI (issue 20): nothing lost, nothing blocks forever.

Each test here failed on the code before issue 20: strings that looked like file names
were opened (or read from disk), an input iterator's exception lost the good items
before it, FIFOs and dangling links inside folders were dropped silently, a FIFO
argument blocked forever, ``/dev/zero`` was read without limit, non-UTF-8 file names
and closed stdin raised tracebacks, a too-long path stopped the whole run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract import batch, cli

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import ids, run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")




# --- extract_many: texts are texts --------------------------------------------------------

@pytest.mark.parametrize("text", ["开工率98%,详见www.example.gov.cn", "现场照片见IMG_0001.JPG",
                                  "seeds/a.txt", str(SEEDS[0])])
def test_a_str_is_always_a_text(text: str) -> None:
    [doc] = rx.extract_many([text])
    assert isinstance(doc, rx.Document) and doc.text == text  # never opened, never read from disk


def test_paths_true_reads_str_as_file_names() -> None:
    [doc] = rx.extract_many([str(SEEDS[0])], paths=True)
    assert doc.id == SEEDS[0].stem and doc.text == SEEDS[0].read_text(encoding="utf-8")


def test_a_folder_or_glob_given_as_a_path_expands(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", ".hidden.txt"):
        (tmp_path / name).write_text(f"{name}:开工率98%", encoding="utf-8")
    assert [d.id for d in rx.extract_many([tmp_path])] == ["a", "b"]
    assert [d.id for d in rx.extract_many([tmp_path / "*.txt", "开工率1%"])] == ["a", "b", None]
    [nothing] = rx.extract_many([tmp_path / "*.nothing"])
    assert isinstance(nothing, rx.Failure) and nothing.message == "no file matches"


def test_an_iterator_that_raises_keeps_the_good_items() -> None:
    def items() -> Iterator[str]:
        yield "开工率98%"
        yield "开工率97%"
        raise RuntimeError("the crawler lost its connection")

    for workers in (1, 2):
        results = list(rx.extract_many(items(), workers=workers))
        assert [q.value for d in results[:2] for q in d.quantities] == [98, 97]
        last = results[2]
        assert isinstance(last, rx.Failure) and last.error == "RuntimeError" and last.index == 2
        assert "lost its connection" in last.message and len(results) == 3


def test_inputs_over_the_size_limit_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("开工率98%。" * 1000, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("开工率98%。", encoding="utf-8")
    refused, kept = rx.extract_many([big, small], max_bytes=1000)
    assert isinstance(refused, rx.Failure) and refused.error == "InputTooLarge"
    assert isinstance(kept, rx.Document) and kept.id == "small"
    assert rx.extract_many([big], max_bytes=None).__next__().text.startswith("开工率")
    with pytest.raises(ValueError):
        rx.extract_many([big], max_bytes=-1)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_read_with_a_limit() -> None:
    started = time.monotonic()
    [result] = rx.extract_many([Path("/dev/zero")], max_bytes=1 << 20)
    assert isinstance(result, rx.Failure) and result.error == "InputTooLarge"
    assert time.monotonic() - started < 30


@POSIX
def test_a_fifo_nobody_writes_is_given_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    monkeypatch.setattr(batch, "IDLE_SECONDS", 0.3)
    results = list(rx.extract_many([SEEDS[0], fifo, SEEDS[1]]))
    assert [type(r).__name__ for r in results] == ["Document", "Failure", "Document"]
    assert results[1].error == "TimeoutError" and "nobody writing" in results[1].message


@POSIX
def test_a_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write() -> None:
        time.sleep(0.2)  # the writer comes after the reader opened: still read
        with open(fifo, "wb") as out:
            out.write("开工率98%".encode("gb18030"))

    writer = threading.Thread(target=write)
    writer.start()
    [doc] = rx.extract_many([fifo])
    writer.join()
    assert isinstance(doc, rx.Document) and [q.value for q in doc.quantities] == [98]


def test_cap_workers() -> None:
    cpus = os.cpu_count() or 1
    assert batch.cap_workers(1) == 1
    assert batch.cap_workers(100_000) == batch.WORKERS_PER_CPU * cpus


def test_undecodable_file_names_give_escaped_ids(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xff.txt")
    (tmp_path / name).write_text("开工率98%", encoding="utf-8")
    [doc] = rx.extract_many([tmp_path / name])
    assert doc.id == "caf\\xff"
    doc.to_json().encode("utf-8")  # valid UTF-8


@pytest.mark.parametrize("call", ["find_numbers", "explain"])
def test_find_numbers_and_explain_take_lone_surrogates(call: str) -> None:
    """They used to raise UnicodeEncodeError in opencc, where extract() coped."""
    result = getattr(rx, call)("开工率98%\ud800")
    assert result  # the figure is still found / explained


# --- the CLI --------------------------------------------------------------------------------

def test_folder_names_what_it_skips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_bytes(SEEDS[0].read_bytes())
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")
    if Path("/dev/zero").exists():
        (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "z.txt").write_bytes(SEEDS[1].read_bytes())
    code, out, err = run([str(tmp_path)], capsys)
    assert ids(out) == ["a", "z"]
    assert "dangling.txt: skipped: dangling symbolic link" in err
    if hasattr(os, "mkfifo"):
        assert "pipe.txt: skipped: a FIFO" in err
    if Path("/dev/zero").exists():
        assert "zero.txt: skipped: a character device" in err
    assert code == 1  # the dangling link is an unreadable input; the FIFO is skipped by policy


@POSIX
def test_glob_skips_fifos_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_bytes(SEEDS[0].read_bytes())
    os.mkfifo(tmp_path / "b.txt")
    code, out, err = run([str(tmp_path / "*.txt")], capsys)
    assert code == 0 and ids(out) == ["a"] and "b.txt: skipped: a FIFO" in err


@POSIX
def test_a_fifo_argument_does_not_block_after_the_good_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    monkeypatch.setattr(batch, "IDLE_SECONDS", 0.3)
    code, out, err = run([str(SEEDS[0]), str(fifo)], capsys)
    assert code == 1 and ids(out) == [SEEDS[0].stem] and "pipe: nothing to read" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_argument_hits_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--max-bytes", "100000", "/dev/zero", str(SEEDS[0])], capsys)
    assert code == 1 and ids(out) == [SEEDS[0].stem]
    assert "/dev/zero: more than 100000 bytes" in err


def test_a_path_too_long_for_the_file_system(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    too_long = str(tmp_path / ("x" * 5000))
    code, out, err = run([str(SEEDS[0]), too_long, str(tmp_path / ("y" * 300) / "*.txt"), str(SEEDS[1])],
                         capsys)
    assert code == 1 and ids(out) == [SEEDS[0].stem, SEEDS[1].stem]
    assert "File name too long" in err and "Traceback" not in err


def test_workers_are_capped_with_a_message(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[object] = []
    real = cli.extract_many

    def spy(items: object, **kwargs: object) -> object:
        seen.append(kwargs["workers"])
        return real(items, **{**kwargs, "workers": 1})

    monkeypatch.setattr(cli, "extract_many", spy)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    code, out, err = run(["--workers", "100000", str(SEEDS[0])], capsys)
    assert code == 0 and seen == [8] and "--workers 100000 capped at 8" in err


def _cli(args: list[bytes | str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "recovery_extract", *args], capture_output=True,
                          env=env, timeout=300, **kwargs)  # type: ignore[call-overload]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_non_utf8_file_names_write_only_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bad = os.fsencode(folder) + b"/caf\xff.txt"
    with open(bad, "wb") as fh:
        fh.write(SEEDS[0].read_bytes())
    plain = _cli([bad])
    assert plain.returncode == 0, plain.stderr
    assert json.loads(plain.stdout.decode("utf-8"))["id"] == "caf\\xff"  # strict UTF-8 decode
    target = tmp_path / "out.jsonl"
    to_file = _cli(["-o", str(target), os.fsencode(folder)])
    assert to_file.returncode == 0, to_file.stderr
    assert b"Traceback" not in to_file.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == "caf\\xff"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file descriptors")
def test_closed_stdin_is_a_clear_error() -> None:
    done = _cli(["-", str(SEEDS[0])], preexec_fn=lambda: os.close(0))
    assert done.returncode == 1
    assert b"standard input is closed" in done.stderr and b"Traceback" not in done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [SEEDS[0].stem]


def test_an_unpicklable_iterator_error_still_reaches_a_worker_pool() -> None:
    class Odd(Exception):
        def __init__(self, a: int, b: int) -> None:  # unpicklable: pickle calls Odd(message)
            super().__init__(f"{a}/{b}")

    def items() -> Iterator[str]:
        yield "开工率98%"
        raise Odd(1, 2)

    results = list(rx.extract_many(items(), workers=2, chunksize=1))
    assert isinstance(results[0], rx.Document)
    assert isinstance(results[1], rx.Failure) and results[1].error == "Odd" and results[1].message == "1/2"


_NAMES = st.text(st.one_of(st.characters(), st.sampled_from("*?[]!\x00\udcff\ud800.~")), min_size=1,
                 max_size=40).filter(lambda n: "/" not in n and n not in (".", ".."))


@settings(max_examples=100)
@given(st.lists(_NAMES, min_size=1, max_size=4))
def test_any_path_names_give_results_never_an_exception(names: list[str]) -> None:
    base = _BASE / "folder"
    items = [base / name for name in names]
    results = list(rx.extract_many(items))
    assert len(results) >= len(items)
    for result in results:
        assert isinstance(result, (rx.Document, rx.Failure))
        (result.to_json() if isinstance(result, rx.Document) else json.dumps(result.to_dict())
         ).encode("utf-8")  # ids and sources are valid UTF-8
    specs = [os.fspath(p) for p in items]
    expansion = batch.expand_inputs(specs)  # the CLI's expansion: never raises either
    assert len(expansion.inputs) + len(expansion.skipped) + len(expansion.missing) >= len(specs)


_BASE = Path(tempfile.mkdtemp(prefix="rx-hostile-"))
(_BASE / "folder").mkdir()
for _name in ("a.txt", "b.txt"):
    (_BASE / "folder" / _name).write_text("开工率98%", encoding="utf-8")


def test_a_byte_damaged_into_nul_does_not_make_a_binary_file(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """One damaged byte that happens to become NUL used to fail the whole file as binary."""
    text = SEEDS[1].read_text(encoding="utf-8")
    data = bytearray(text.encode("gb18030"))
    data[len(data) // 2] = 0
    (tmp_path / "damaged.txt").write_bytes(bytes(data))
    code, out, err = run([str(tmp_path / "damaged.txt")], capsys)
    assert code == 0 and ids(out) == ["damaged"]
    assert len(json.loads(out)["quantities"]) >= len(rx.extract(text).quantities) - 1
    assert batch.looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert batch.looks_binary(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4)
