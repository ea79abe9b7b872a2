"""Patterns compiled without IGNORECASE because they hold no cased character match as before.

``data/patterns.compile_regex`` drops the flag when :func:`has_case` finds nothing to fold
(issue 18: the flag makes ``regex`` fold every character it compares).  These tests check
the analysis itself, the data it rests on (case-free blocks and properties), and that every
pattern of a Pipeline it applies to gives the same matches with the flag as without.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data import patterns as P
from recovery_extract.data.patterns import FLAGS, case_flags, has_case, simple_case

sys.path.insert(0, str(P.data_dir().parent / "tests"))
from regex_inventory import collect  # noqa: E402

_ALL = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
# Characters where case folding is unusual: Kelvin sign, long s, dotted I, sharp s, ligatures,
# full-width letters, Greek final sigma, combining ypogegrammeni; plus Han, digits, punctuation.
TRICKY = "aAkKKsSſiIİıßẞﬀﬁΣσςͅＡａ一二万年月日号省市%.,-:()（）１２ \n"


@pytest.mark.parametrize(("pattern", "lists", "cased"), [
    ("备案号|许可证", {}, False),
    (r"(?<![\d.])\d{1,3}(?:,\d{3})+\s*万", {}, False),
    (r"(?P<year>\d{4})年(?=\p{Han})", {}, False),
    (r"[一-龥]+|[\u4e00-\u9fff]", {}, False),
    (r"(?(DEFINE)(?P<x>[0-9]))(?&x)+", {}, False),
    (r"\L<zh>", {"zh": ["北京", "上海"]}, False),
    ("ICP|备案号", {}, True),
    (r"[A-Z]", {}, True),
    (r"[\u0041-\u005a]", {}, True),
    (r"\x41", {}, True),
    (r"\p{Lu}", {}, True),  # under IGNORECASE it also matches "a"
    (r"\p{Latin}", {}, True),
    (r"(\d)\1", {}, True),  # a back-reference compares case-insensitively
    (r"[(?i)]", {}, True),  # not syntax inside a class: the letter i
    (r"\L<en>", {"en": ["beijing"]}, True),
    (r"\L<unknown>", {}, True),
    (r"\N{LATIN SMALL LETTER A}", {}, True),
    (r"[\x00-\U0010ffff]", {}, True),
])
def test_has_case(pattern: str, lists: dict[str, list[str]], cased: bool) -> None:
    assert has_case(pattern, lists) is cased
    assert bool(case_flags(pattern, FLAGS, lists) & regex.IGNORECASE) is cased


def test_case_flags_keeps_flags_without_ignorecase() -> None:
    assert case_flags("abc", regex.VERSION1) == regex.VERSION1


def _variants(c: str) -> set[str]:
    return {v for v in (c.lower(), c.upper(), c.casefold(), c.title()) if len(v) == 1}


def test_caseless_blocks_hold_no_cased_character() -> None:
    """No character of a block has a case variant, and none is another character's variant."""
    inside = {chr(c) for lo, hi in P._CASELESS_BLOCKS for c in range(lo, hi + 1)}
    assert not [c for c in inside if P.is_cased(c)]
    assert not [c for c in _ALL if c not in inside and _variants(c) & inside]
    # And regex agrees: under IGNORECASE each block character matches only itself.
    block_class = regex.compile("[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in P._CASELESS_BLOCKS)
                                + "]", regex.VERSION1)
    folded_class = regex.compile(block_class.pattern, regex.VERSION1 | regex.IGNORECASE)
    assert block_class.findall(_ALL) == folded_class.findall(_ALL)


@pytest.mark.parametrize("name", sorted(P._CASELESS_PROPERTIES))
def test_caseless_properties_match_the_same_with_ignorecase(name: str) -> None:
    plain = regex.compile(rf"\p{{{name}}}", regex.VERSION1)
    folded = regex.compile(simple_case(rf"\p{{{name}}}", FLAGS), FLAGS)
    assert plain.findall(_ALL) == folded.findall(_ALL)


@pytest.fixture(scope="module")
def caseless_patterns() -> list[tuple[str, object, object]]:
    """(name, pattern as compiled, the same with IGNORECASE) for every case-free pattern."""
    out = []
    for found in collect(rx.Pipeline()):
        p = found.pattern
        if not isinstance(p, type(regex.compile(""))) or p.flags & regex.IGNORECASE:
            continue
        lists = {k: list(v) for k, v in (p.named_lists or {}).items()}
        if has_case(p.pattern, lists):
            continue
        folded = regex.compile(simple_case(p.pattern, p.flags | regex.IGNORECASE),
                               p.flags | regex.IGNORECASE, ignore_unused=True, **lists)
        out.append((found.name, p, folded))
    return out


def _matches(pattern: object, text: str) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(m.re.groups + 1)) for m in pattern.finditer(text)]  # type: ignore[attr-defined]


def test_pipeline_has_caseless_patterns(caseless_patterns: list[tuple[str, object, object]]) -> None:
    """The Chinese numeral, the approximation words and the Chinese date patterns among them."""
    sources = [p.pattern for _, p, _ in caseless_patterns]  # type: ignore[attr-defined]
    assert len(sources) >= 50
    assert any("负" in s for s in sources) and any("年" in s for s in sources)


def test_caseless_patterns_match_the_same_on_the_corpus(
        caseless_patterns: list[tuple[str, object, object]], corpus: Callable[[str], list[str]]) -> None:
    texts = corpus("*.yaml") + [TRICKY * 3]
    for name, plain, folded in caseless_patterns:
        for text in texts:
            assert _matches(plain, text) == _matches(folded, text), (name, text[:80])


@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=60))
def test_caseless_patterns_match_the_same_on_any_text(
        caseless_patterns: list[tuple[str, object, object]], text: str) -> None:
    for name, plain, folded in caseless_patterns:
        assert _matches(plain, text) == _matches(folded, text), name
