"""Progress over the chunks of one long document (issue 19): the pipeline reports each
chunk, extract_many passes it on in one process, and the CLI draws a second bar."""

from __future__ import annotations

from pathlib import Path

import pytest

import recovery_extract as rx
from recovery_extract import cli
from recovery_extract.pipeline import Pipeline

LONG = ("截至2月24日,济南市规模以上工业企业开工率98.78%。" * 40 + "\n") * 12


def test_the_pipeline_reports_each_chunk() -> None:
    seen: list[tuple[int, int]] = []
    doc = Pipeline(max_chars=5000).extract(LONG, progress=lambda done, total: seen.append((done, total)))
    total = seen[-1][1]
    assert total > 1 and seen == [(i, total) for i in range(1, total + 1)]
    assert doc.quantities  # the progress hook changes nothing else


def test_a_short_text_reports_one_step() -> None:
    seen: list[tuple[int, int]] = []
    rx.extract("开工率98%。", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 1)]


def test_extract_many_passes_progress_in_one_process() -> None:
    seen: list[tuple[int, int]] = []
    list(rx.extract_many(["开工率98%。", "上岗职工30.9万人。"], progress=lambda d, t: seen.append((d, t))))
    assert seen == [(1, 1), (1, 1)]


def test_the_cli_draws_a_bar_over_chunks(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text(LONG * 30, encoding="utf-8")  # over Pipeline.MAX_CHARS: several chunks
    assert len(LONG * 30) > Pipeline.MAX_CHARS
    code = cli.main([str(big), "--progress", "--format", "csv", "-o", str(tmp_path / "out.csv")])
    assert code == 0
    err = capsys.readouterr().err
    assert "one long document" in err and "chunk" in err
