"""The agency anchors are a speed-up that changes nothing.

Every agency name holds an anchor word of its grammar (局, 厅, 委 ...; Bureau,
Department, Government ...) or is a national name (证监会, which counts as an
anchor too), and starts at most ``before`` characters ahead of it, so the grammars are tried only at positions from ``before`` ahead of an
anchor to its end.  These tests check that this finds what trying every
position of the text finds, over the seeds, the external suites, the case
files and every pattern example (in Chinese and in English sentences, with no
space before the Chinese: "Commission表示"), and on generated text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.extract.agencies import EN_GRAMMAR, ZH_GRAMMAR, ZH_REACH


def _key(mentions: list[Any]) -> list[tuple[Any, ...]]:
    return [(m.start, m.end, m.rule, m.value, repr(sorted(m.attrs.items()))) for m in mentions]


def _same(pipeline: rx.Pipeline, text: str) -> bool:
    agencies = pipeline.agencies
    return _key(agencies.scan(text)) == _key(agencies.scan(text, everywhere=True))


def _examples(pipeline: rx.Pipeline) -> list[str]:
    out: list[str] = []
    for rel in (ZH_GRAMMAR, EN_GRAMMAR):
        for entry in pipeline.store.yaml(rel).get("patterns") or []:
            for e in entry.get("examples") or []:
                out += [f"据悉,{e}表示", f"The {e} said on Monday that {e} and the {e} agreed."]
    return out


def test_windows_find_what_every_position_finds(pipeline: rx.Pipeline,
                                                corpus: Callable[[str], list[str]]) -> None:
    texts = [pipeline.normalise(t).text for t in corpus("agencies.yaml") + _examples(pipeline)]
    # Joined into long documents too: windows merge, and names sit next to each other.
    texts += ["\n".join(texts[i:i + 40]) for i in range(0, len(texts), 40)]
    diffs = [t[:60] for t in texts if not _same(pipeline, t)]
    assert not diffs, f"{len(diffs)} texts differ, e.g. {diffs[:5]}"


def test_names_are_tried_only_near_an_anchor(pipeline: rx.Pipeline) -> None:
    """The windows restrict the search (fails if every position were tried)."""
    agencies = pipeline.agencies
    text = "济南市工业和信息化局" + "。" * 300 + "省工信厅"
    windows = agencies._windows(agencies._zh_anchor, text, ZH_REACH, everywhere=False)
    assert len(windows) == 2
    assert all(end - start <= ZH_REACH[0] + 1 for start, end, _ in windows)
    assert [m.start for m in agencies.scan(text)] == [0, text.index("省工信厅")]


_FRAGMENTS = st.sampled_from([
    "济南", "市", "省", "县", "工业和信息化", "工信", "局", "厅", "委", "发改", "统计", "国家", "人民政府", "政府",
    "领导小组", "办公室", "办", "中心", "党委", ",", "。", " ", "\n", "和", "的",
    "Shandong", "Jinan", "Provincial", "Municipal", "Department", "Bureau", "Commission", "Office", "of",
    "Industry and Information Technology", "Statistics", "People's", "Government", "Party", "Committee",
    "Ministry", "Commerce", "the", "Press", "leading group", "in", "province", "city", "hall", "said", ".",
])


@given(st.lists(_FRAGMENTS, max_size=60).map(" ".join))
def test_windows_on_generated_text(pipeline: rx.Pipeline, text: str) -> None:
    assert _same(pipeline, pipeline.normalise(text).text)


@given(st.lists(_FRAGMENTS, max_size=60).map("".join))
def test_windows_on_generated_text_without_spaces(pipeline: rx.Pipeline, text: str) -> None:
    assert _same(pipeline, pipeline.normalise(text).text)
