"""The region extractor's gated scans find what the whole-text scans find.

The abbreviation, acronym and movement-verb patterns open with a lookbehind, so they are
tried only where a listed word (or the main region's character) starts; these tests
compare each with the plain ``finditer`` on generated text and on the seeds.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from recovery_extract import Pipeline
from recovery_extract.data.word_index import gated_finditer
from recovery_extract.extract.regions import RegionExtractor, _positions

PIPELINE = Pipeline()
REGIONS = next(e for e in PIPELINE.extractors if isinstance(e, RegionExtractor))
SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
PIECES = st.sampled_from(["京", "沪", "鲁", "滕", "来", "赴", "入", "口", "煤", "运", "电", "外", "送", "ICP", "公网",
                          "U.S.", "USA", "US", "PRC", "P.R.C.", "UK.", "the", " ", "\n", ",", "“", "1", "a", "州"])


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def _check(text: str) -> None:
    r = REGIONS
    starts = r._abbr_starts.starts(text)
    assert _spans(gated_finditer(r._abbr, text, starts)) == _spans(r._abbr.finditer(text))
    end = min(len(text), 12)
    starts = r._abbr_starts.starts(text, 0, end)
    assert _spans(gated_finditer(r._abbr_title, text, starts, 0, end)) == _spans(r._abbr_title.finditer(text, 0, end))
    if r._en_exact is not None:
        starts = r._exact_starts.starts(text)
        assert _spans(gated_finditer(r._en_exact, text, starts)) == _spans(r._en_exact.finditer(text))
    for char in "滕鲁":
        plain = [m.span() for m in r._after_verb.finditer(text) if m.group("char") == char]
        assert _spans(gated_finditer(r._after_verb, text, _positions(text, char))) == plain


@given(st.lists(PIECES, max_size=60))
def test_gated_scans_match_the_whole_text_scans(pieces: list[str]) -> None:
    _check("".join(pieces))


def test_gated_scans_match_on_the_seeds() -> None:
    for path in SEEDS:
        _check(path.read_text(encoding="utf-8"))
