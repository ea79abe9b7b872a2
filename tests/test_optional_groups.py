"""``(...)?`` written ``(?:(...)|)`` matches as before (data/optional_groups.py).

The agency grammars are compiled with their greedy optional groups rewritten, to
save ``regex`` a repeat at every lookahead and trie call.  Checked on drawn
patterns and texts (every group's span at every position, with the grammar's
flags), on the real grammar bodies, and on the sources it must leave alone.
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.optional_groups import optional_groups_as_alternations
from recovery_extract.data.patterns import FLAGS
from recovery_extract.extract.regions_rules import PLAIN

ATOMS = st.sampled_from(["a", "b", "ab", "a*", "b+", "[ab]", "[]a]", "[^a]", r"\s", r"\(", "x?", "(?=a)",
                         "(?!b)", "(?<!a)", "a|b", "", "a??", "b?+", "[[ab]--[b]]"])


@st.composite
def patterns(draw: st.DrawFn, depth: int = 3) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        if depth and draw(st.booleans()):
            inner = draw(patterns(depth - 1))
            opener = draw(st.sampled_from(["(", "(?:", f"(?P<g{depth}_{len(parts)}>", "(?>"]))
            quant = draw(st.sampled_from(["?", "?", "??", "?+", "*", "{0,2}", ""]))
            parts.append(f"{opener}{inner}){quant}")
        else:
            parts.append(draw(ATOMS))
    return draw(st.sampled_from(["", "|"])).join(parts) if len(parts) > 1 else parts[0]


def _spans(pattern: regex.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...] | None]:
    out: list[tuple[tuple[int, int], ...] | None] = []
    for i in range(len(text) + 1):
        m = pattern.match(text, i, len(text))
        out.append(None if m is None else tuple(m.span(k) for k in range(pattern.groups + 1)))
    return out


@settings(max_examples=300, deadline=None)
@given(patterns(), st.text(st.sampled_from("abAB x("), max_size=10), st.sampled_from([FLAGS, PLAIN]))
def test_drawn_patterns_match_the_same(source: str, text: str, flags: int) -> None:
    rewritten = optional_groups_as_alternations(source)
    before, after = regex.compile(source, flags), regex.compile(rewritten, flags)
    assert before.groupindex == after.groupindex
    # Groups are numbered by their opening parenthesis: the rewrite adds only non-capturing ones.
    assert _spans(before, text) == _spans(after, text)


def test_the_grammars_lose_their_optional_groups() -> None:
    for grammar in rx.Pipeline().agencies._grammars.values():
        assert ")?" not in grammar._regex.pattern.replace(")??", "").replace(")?+", "")


def test_what_it_leaves_alone() -> None:
    for source in ["a(?#x)?b(c)?", r"\Q(a)?\E", "(a", "a)?", "[a(b)?", "(a)??", "(a)?+", "(a){0,1}"]:
        assert optional_groups_as_alternations(source) == source
    assert optional_groups_as_alternations(r"(a\)?)?[)?](b)?") == r"(?:(a\)?)|)[)?](?:(b)|)"
    assert optional_groups_as_alternations("((a)?b)?") == "(?:((?:(a)|)b)|)"
