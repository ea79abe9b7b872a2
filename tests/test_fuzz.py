"""A short atheris run over the whole pipeline (the long run is in the README)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("atheris")


def test_short_fuzz_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "fuzz" / "make_corpus.py"), str(corpus), "150"],
                   check=True, capture_output=True)
    run = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_extract.py"), str(corpus), "-max_total_time=45",
         "-max_len=4096", "-rss_limit_mb=2048", "-timeout=60", f"-artifact_prefix={tmp_path}/"],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Done" in run.stderr
