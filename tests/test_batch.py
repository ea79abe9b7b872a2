"""extract_many: input order across processes, per-item failures, inputs of every kind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def test_in_process_inputs_of_every_kind(tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    items = ["开工率98.78%", "上岗职工30.9万人".encode("gb18030"), SEEDS[0], str(SEEDS[1]),
             ("mine", "复工率95%"), ("dated", "2月24日开工率98%", "2021-03-01"),
             tmp_path / "missing.txt", binary, 42]
    results = list(rx.extract_many(items, published="2020-02-25"))
    assert len(results) == len(items)
    assert [q.value for q in results[0].quantities] == [98.78]
    assert [q.value for q in results[1].quantities] == [309000]
    assert results[2].id == SEEDS[0].stem  # a Path: read, its stem is the id
    assert results[3].text == str(SEEDS[1]) and results[3].id is None  # a str is a text, never read
    assert results[2].to_dict() == rx.extract(SEEDS[0].read_bytes(), doc_id=SEEDS[0].stem,
                                              published="2020-02-25").to_dict()
    assert results[4].id == "mine"
    assert [d.value for d in results[5].dates] == ["2021-02-24"]  # per-item date wins
    missing, binary_failure, bad = results[6:]
    assert isinstance(missing, rx.Failure) and missing.error == "FileNotFoundError"
    assert missing.message == "No such file or directory" and missing.index == 6
    assert binary_failure.error == "RecoveryExtractError" and "binary" in binary_failure.message
    assert bad.error == "TypeError" and not bad


def test_str_paths_false_keeps_file_names_as_text() -> None:
    [doc] = rx.extract_many([str(SEEDS[0])], str_paths=False)
    assert doc.text == str(SEEDS[0])


def test_workers_keep_input_order_and_match_extract() -> None:
    items = [*SEEDS, Path("/no/such/file.txt"), *reversed(SEEDS)]
    results = list(rx.extract_many(items, workers=2, chunksize=1))
    assert [r.id for r in results] == [p.stem for p in items]
    assert isinstance(results[len(SEEDS)], rx.Failure)
    for path, result in zip(items, results):
        if result:
            assert result.to_dict() == rx.extract(path.read_bytes(), doc_id=path.stem).to_dict()


def test_workers_with_spawn_build_their_own_pipeline() -> None:
    texts = [f"第{i}批:开工率{90 + i}%" for i in range(6)]
    results = list(rx.extract_many(iter(texts), workers=2, mp_context="spawn"))
    assert [d.quantities[-1].value for d in results] == [90 + i for i in range(6)]


def test_a_dead_worker_fails_its_items_and_the_batch_goes_on() -> None:
    class Dies(str):
        """A text whose unpickling kills the worker process that receives it."""

        def __reduce__(self) -> tuple[object, ...]:
            return (os._exit, (1,))

    results = list(rx.extract_many(["开工率98%", Dies("开工率1%"), "开工率97%", "开工率96%"],
                                   workers=2, chunksize=1))
    assert len(results) == 4
    assert isinstance(results[1], rx.Failure) and results[1].error == "BrokenProcessPool"
    assert [q.value for q in results[-1].quantities] == [96]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):  # at the call, not at the first next()
        rx.extract_many(["x"], workers=0)
    with pytest.raises(ValueError):
        rx.extract_many(["x"], chunksize=0)


@settings(max_examples=25)
@given(st.lists(st.one_of(st.text(max_size=40), st.binary(max_size=40)), max_size=8))
def test_any_inputs_give_one_result_each_in_order(items: list[str | bytes]) -> None:
    results = list(rx.extract_many(items, str_paths=False))
    assert len(results) == len(items)
    for index, (item, result) in enumerate(zip(items, results)):
        assert isinstance(result, (rx.Document, rx.Failure))
        if isinstance(item, str):  # a str is never decoded, so it cannot fail
            assert isinstance(result, rx.Document) and result.text == item
        elif isinstance(result, rx.Failure):  # bytes fail only as binary data
            assert result.index == index and "binary" in result.message


def test_cli_workers_gives_the_same_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    files = [str(p) for p in SEEDS] + [str(tmp_path / "missing.txt")]
    code1 = main(["--format", "jsonl", *files])
    out1, err1 = capsys.readouterr()
    code2 = main(["--format", "jsonl", "--workers", "2", *files])
    out2, err2 = capsys.readouterr()
    assert code1 == code2 == 1
    assert out1 == out2 and len(out1.splitlines()) == len(SEEDS)
    assert "missing.txt: No such file or directory" in err2
    assert main(["--workers", "-1", files[0]]) == 2
