"""The label word before a number, searched backwards, is the one a forward search finds.

``quantities_nouns._LABEL`` runs with ``(?r)`` (it ends at the window's end, so a
backward search starts where every match ends); this checks it against the same
pattern searched forwards, span and word, on generated text and windows.
"""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from recovery_extract.extract import quantities_nouns as qn

FORWARD = regex.compile(qn.LABEL_SOURCE)

_CHARS = st.sampled_from(list("aZp.#  \t\n5-中") + ["\u00a0", "\u3000", "page", "No.", "Article"])


@given(st.lists(_CHARS, max_size=40).map("".join), st.integers(0, 60), st.integers(0, 30))
def test_backward_search_finds_the_forward_match(text: str, end: int, width: int) -> None:
    end = min(end, len(text))
    start = max(0, end - width)
    a, b = FORWARD.search(text, start, end), qn._LABEL.search(text, start, end)
    assert (a and (a.span(), a.group("w"))) == (b and (b.span(), b.group("w")))


def test_labels_are_found() -> None:
    text = "see page 12 and No. 5 or # 7"
    for number, word in (("12", "page"), ("5", "No."), ("7", "#")):
        at = text.index(number)
        m = qn._LABEL.search(text, max(0, at - 24), at)
        assert m is not None and m.group("w") == word
