"""word_index: the fast matchers give exactly the matches of ``regex`` named lists."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_extract.data.word_index import WordIndex, gated_finditer, trie_regex

ZH = ["山东", "山东省", "济南", "济南市", "中国", "中山", "中山市", "南京", "北京", "长江三角洲"]
EN = ["shandong", "jinan", "xi'an", "xi’an", "zhongshan", "hong kong", "guangdong hong kong macao greater bay area"]
V1, I = regex.V1, regex.IGNORECASE


def test_longest_match_like_a_named_list() -> None:
    text = "山东省济南市和中山市,中山大学在山东,长江三角洲"
    want = [m.span() for m in regex.compile(r"\L<w>", V1, w=ZH).finditer(text)]
    assert list(WordIndex(ZH).finditer(text)) == want
    assert (0, 3) in want  # 山东省, not 山东


def test_trie_backtracks_to_a_shorter_word() -> None:
    # 山东省 is tried first; "省工信厅" needs the shorter 山东 (the trie must backtrack).
    pattern = regex.compile(trie_regex(ZH) + "省工信厅", V1)
    assert pattern.match("山东省工信厅").span() == (0, 6)
    assert regex.compile(trie_regex(ZH) + "市", V1).match("中山市市").span() == (0, 4)


def test_case_insensitive_trie_and_starts() -> None:
    text = "Officials in SHANDONG and Xi'an, Hong Kong and notjinan."
    pattern = regex.compile(r"(?<![\w'’‘-])" + trie_regex(EN) + r"(?!\w)", V1 | I)
    named = regex.compile(r"(?<![\w'’‘-])\L<w>(?!\w)", V1 | I, w=EN)
    index = WordIndex(EN, ignore_case=True, word_start=True)
    got = [m.span() for m in gated_finditer(pattern, text, index.starts(text))]
    assert got == [m.span() for m in named.finditer(text)]
    assert [text[s:e] for s, e in got] == ["SHANDONG", "Xi'an", "Hong Kong"]


def test_empty_list_matches_nothing() -> None:
    assert regex.compile(trie_regex([]), V1).search("anything") is None
    assert list(WordIndex([]).finditer("anything")) == []


ALPHABET = "山东省济南市中国京长江三角洲北和 ,"
EN_ALPHABET = "shandogjiaxnkmbyrHSJXK' ’-,."


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_zh_index_equals_named_list(text: str) -> None:
    want = [m.span() for m in regex.compile(r"\L<w>", V1, w=ZH).finditer(text)]
    assert list(WordIndex(ZH).finditer(text)) == want
    assert [m.span() for m in regex.compile(trie_regex(ZH), V1).finditer(text)] == want


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=EN_ALPHABET, max_size=60))
def test_en_gated_trie_equals_named_list(text: str) -> None:
    guard, tail = r"(?<![\w'’‘-])", r"(?:\s+(?P<s>\L<s>))?(?![\w-])"
    named = regex.compile(guard + r"\L<w>" + tail, V1 | I, w=EN, s=["province", "city"])
    fast = regex.compile(guard + trie_regex(EN) + tail, V1 | I, s=["province", "city"])
    index = WordIndex(EN, ignore_case=True, word_start=True)
    want = [m.span() for m in named.finditer(text)]
    assert [m.span() for m in gated_finditer(fast, text, index.starts(text))] == want
