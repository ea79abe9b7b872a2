"""OffsetMap: spans of an edited text map back to the span of the input that produced them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recovery_extract.prepare.offsets import OffsetMap, StepMap, apply_edits


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(st.text(alphabet="ab,统籌(tǒng)１%", max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = []
    last = 0
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a < last:
            continue
        edits.append((a, b, draw(st.text(alphabet="xy", max_size=2))))
        last = b
    edits = [e for e in edits if not (e[0] == e[1] and not e[2])]
    return text, edits


def test_identity_without_edits() -> None:
    m = OffsetMap()
    assert m.to_original(2, 5) == (2, 5)


def test_deletion_inside_span_is_included() -> None:
    original = "3個(gè)月"
    edits = [(2, 6, "")]
    step = StepMap.from_edits(len(original), edits)
    assert apply_edits(original, edits) == "3個月"
    start, end = OffsetMap((step,)).to_original(0, 3)
    assert original[start:end] == "3個(gè)月"


def test_deletion_after_span_is_excluded() -> None:
    original = "46個(gè)產品"
    step = StepMap.from_edits(len(original), [(3, 7, "")])
    start, end = OffsetMap((step,)).to_original(0, 3)
    assert original[start:end] == "46個"


def test_replacement_maps_to_whole_source() -> None:
    original = "a,,b"
    step = StepMap.from_edits(len(original), [(1, 3, ",")])
    assert OffsetMap((step,)).to_original(1, 2) == (1, 3)


@given(text_and_edits(), st.data())
def test_spans_stay_in_bounds_and_ordered(pair: tuple[str, list[tuple[int, int, str]]], data: st.DataObject) -> None:
    text, edits = pair
    out = apply_edits(text, edits)
    m = OffsetMap((StepMap.from_edits(len(text), edits),))
    if not out:
        return
    s = data.draw(st.integers(0, len(out) - 1))
    e = data.draw(st.integers(s + 1, len(out)))
    a, b = m.to_original(s, e)
    assert 0 <= a <= b <= len(text)
    # A longer output span never maps to a shorter original span on the same start.
    if e < len(out):
        a2, b2 = m.to_original(s, e + 1)
        assert a2 == a and b2 >= b


@given(text_and_edits())
def test_unedited_characters_map_to_themselves(pair: tuple[str, list[tuple[int, int, str]]]) -> None:
    text, edits = pair
    out = apply_edits(text, edits)
    m = OffsetMap((StepMap.from_edits(len(text), edits),))
    covered = {i for a, b, _ in edits for i in range(a, b)}
    for j in range(len(out)):
        a, b = m.to_original(j, j + 1)
        if b - a == 1 and a not in covered:
            assert text[a] == out[j]
    # Every unedited input character is reached by exactly one output character.
    ranges = [m.to_original(j, j + 1) for j in range(len(out))]
    reached = [a for a, b in ranges if b - a == 1]
    for i in range(len(text)):
        if i not in covered:
            assert reached.count(i) == 1
