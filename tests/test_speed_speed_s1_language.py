"""Language detection counts only the script classes present in the text: the same counts.

``LanguageDetector`` looks for each script class once over the whole text and counts per
piece only the classes found; a class absent from the text counts 0 in every piece, which
is what counting it would give. Checked against counting every class, on the seeds, the
external cases and generated mixed-script text.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx


def _same_pieces(pipeline: rx.Pipeline, text: str) -> None:
    detector = pipeline.detect_language
    present = tuple(i for i, r in enumerate(detector._runs) if r.search(text) is not None)
    assert detector._pieces(text, present) == detector._pieces(text)


def test_counts_equal_counting_every_class(pipeline: rx.Pipeline, corpus: Callable[[str], list[str]]) -> None:
    for text in corpus("dates.*.yaml"):
        _same_pieces(pipeline, pipeline.normalise(text).text)


@given(st.lists(st.sampled_from(["中国", "ひらがな", "カタカナ", "한국", "GDP", "rose 3%", "。", ".", "!", "\n", " ", "年"]),
                max_size=20))
def test_counts_equal_on_generated_mixed_text(pipeline: rx.Pipeline, pieces: list[str]) -> None:
    _same_pieces(pipeline, "".join(pieces))
