"""The dateline's trailing filler is tried only where a filler unit can start: the same start.

``DatelinePicker.tail_start`` must give what ``trailing_filler.search`` gives (the start of
the run of filler ending the text before a date): checked on every date context of the
seeds and external cases and on generated filler; and the characters ``\\s`` matches,
which the prefix reader lists, must all lie in the blocks it reads them from.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx


def test_tail_start_equals_the_trailing_filler_search(pipeline: rx.Pipeline,
                                                      corpus: Callable[[str], list[str]]) -> None:
    picker = pipeline.dates.dateline
    assert picker.filler_gate is not None
    for text in corpus("dates.*.yaml"):
        norm = pipeline.normalise(text).text
        for found in pipeline.dates.grammar.scan(norm):
            ls = norm.rfind("\n", 0, found.start) + 1
            before = norm[max(ls, found.start - 200):found.start]
            assert picker.tail_start(before) == picker.trailing_filler.search(before).start(), before


@given(st.lists(st.sampled_from(["Mon", "monday", "Tues.", " ", "\t", "12:30", "9:05 pm", " ET", "星期三", "周日", "|",
                                  "·", "(", ")", "【", "-", "—", "/", "x", "1", "Monday1", "2022年", "\n", "\u3000"]),
                max_size=12))
def test_tail_start_on_generated_filler(pipeline: rx.Pipeline, pieces: list[str]) -> None:
    picker = pipeline.dates.dateline
    before = "".join(pieces)
    assert picker.tail_start(before) == picker.trailing_filler.search(before).start()


def test_spaces_cover_every_code_point_matching_backslash_s() -> None:
    import re

    import regex

    from recovery_extract.data.patterns import _SPACE_BLOCKS, _spaces

    outside = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000
                      and not any(lo <= c < hi for lo, hi in _SPACE_BLOCKS))
    assert re.search(r"\s", outside) is None and regex.search(r"\s", outside) is None
    inside = "".join(chr(c) for lo, hi in _SPACE_BLOCKS for c in range(lo, hi))
    assert set(re.findall(r"\s", inside)) | set(regex.findall(r"\s", inside)) == _spaces()
    assert {" ", "\t", "\n", "\u3000", "\xa0"} <= _spaces()
