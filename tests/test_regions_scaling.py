"""Region matching cost does not grow with the gazetteer (issue 7).

Times ``RegionExtractor.find`` over the seed articles with the full gazetteer
and with a 10% sample of it, in the same run, and asserts the ratio stays
bounded.  (With ``regex`` named lists, which try names one by one, the full
gazetteer was about ten times slower than the sample.)  Run with ``-s`` to see
the throughput.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from recovery_extract.extract.base import TextView
from recovery_extract.extract.regions import RegionExtractor
from recovery_extract.prepare.language import LanguageDetector
from recovery_extract.prepare.normalise import Normaliser
from recovery_extract.data.patterns import PatternStore, data_dir

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
THINNED = ("regions/divisions.tsv", "regions/aliases.zh.tsv", "regions/aliases.en.tsv",
           "regions/countries.tsv", "regions/uncoded.tsv", "regions/historic.tsv")
MAX_RATIO = 3.0


def _sample(src: Path, dst: Path, keep_every: int) -> None:
    """``src`` with comment and header lines kept and one data row in ``keep_every``."""
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    out, header_seen, n = [], False, 0
    for line in lines:
        if line.startswith("#") or not line.strip() or not header_seen:
            header_seen = header_seen or bool(line.strip() and not line.startswith("#"))
            out.append(line)
            continue
        if n % keep_every == 0:
            out.append(line)
        n += 1
    dst.write_text("".join(out), encoding="utf-8")


def _best_time(extractor: RegionExtractor, views: list[TextView], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.process_time()
        for view in views:
            extractor.find(view)
        best = min(best, time.process_time() - t)
    return best


@pytest.mark.skipif(not SEEDS, reason="no seed articles")
def test_region_matching_cost_does_not_grow_with_the_gazetteer(tmp_path: Path) -> None:
    root = tmp_path / "patterns"
    shutil.copytree(data_dir(), root)
    for rel in THINNED:
        if (root / rel).is_file():
            _sample(data_dir() / rel, root / rel, keep_every=10)
    full_store, small_store = PatternStore(), PatternStore(root)
    full, small = RegionExtractor(full_store), RegionExtractor(small_store)
    assert len(small.gaz.zh) * 5 < len(full.gaz.zh) and len(small.gaz.en) * 5 < len(full.gaz.en)

    normalise, detect = Normaliser(full_store), LanguageDetector(full_store)
    views = []
    for path in SEEDS:
        norm = normalise(path.read_text(encoding="utf-8"))
        views.append(TextView(norm, detect(norm)))
    _best_time(full, views, runs=1)  # warm-up
    t_full, t_small = _best_time(full, views), _best_time(small, views)
    size = sum(len(v.text.encode("utf-8")) for v in views)
    print(f"\nregions.find: full gazetteer {size / t_full / 1e6:.1f} MB/s "
          f"({1000 * t_full / len(views):.2f} ms/article), 10% sample {1000 * t_small / len(views):.2f} "
          f"ms/article, ratio {t_full / t_small:.2f}")
    assert t_full / t_small < MAX_RATIO
