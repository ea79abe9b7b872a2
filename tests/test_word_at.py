"""``WordAt.may_start`` is False only where ``\\L<words>`` does not match (data/word_at.py).

The agency grammar is tried only at the starts of a list word that it vouches for
(or at a hit of the grammar's ``starts``), so a False where a word matches would
lose a name.  Checked against ``regex`` itself on the real lists and on drawn text
with case variants, the Kelvin sign and non-ASCII letters.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.patterns import FLAGS, compile_regex
from recovery_extract.data.word_at import WordAt
from recovery_extract.extract.regions_rules import PLAIN


def _check(words: list[str], flags: int, texts: list[str]) -> int:
    """Every position where a word matches is vouched for; returns how many were ruled out."""
    pattern = compile_regex(r"\L<words>", "test", flags, words=words)
    at = WordAt(words, ignore_case=bool(flags & regex.IGNORECASE))
    ruled_out = 0
    for text in texts:
        for i in range(len(text)):
            if not at.may_start(text, i):
                assert pattern.match(text, i, len(text)) is None, (text[i:i + 40], i)
                ruled_out += 1
    return ruled_out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_real_lists_on_the_corpus(corpus: Callable[[str], list[str]], lang: str) -> None:
    lists = rx.Pipeline().agencies._lists[lang]
    texts = corpus("agencies*.yaml")
    for words in lists.values():
        assert _check(words, FLAGS if lang == "en" else PLAIN, texts) > 0


WORDS = ["Shandong", "Xi'an", "xi’an", "Ala ’er", "Industry", "KZ", "ss"]
LETTERS = st.sampled_from(list("shandoxiAnINDUSTRYkKzZ'’ ")) | st.sampled_from(["\u212a", "\u017f", "ß", "é", "İ"])


@given(st.lists(st.text(LETTERS, max_size=12), max_size=4))
def test_drawn_text(parts: list[str]) -> None:
    texts = [" ".join(parts), "".join(parts) + "Shandong xi’an KZ"]
    _check(WORDS, FLAGS, texts)
    _check(WORDS, PLAIN, texts)


def test_a_list_with_an_ascii_twin_is_never_ruled_out() -> None:
    at = WordAt(["\u212aelvin"], ignore_case=True)  # the Kelvin sign matches k
    assert at.may_start("kelvin", 0) and at.may_start("xyz", 0)
    assert not WordAt(["kelvin"], ignore_case=True).may_start("xyz", 0)
    assert WordAt(["kelvin"], ignore_case=True).may_start("\u212aELVIN", 0)
