"""Stage 1: the normalised text the extractors see, and the map back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_extract.prepare.normalise import Normaliser
from recovery_extract.data.patterns import default_store


@pytest.fixture(scope="module")
def norm() -> Normaliser:
    return Normaliser(default_store())


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("統(tǒng)籌", "统筹"),
        ("3個(gè)月", "3个月"),
        ("實(shí)現(xiàn)首季", "实现首季"),
        ("６萬(wàn)余瓶（桶）", "6万余瓶(桶)"),  # the gloss goes, real content in brackets stays
        ("形勢,,今年以來,,滕州", "形势,今年以来,滕州"),
        ("態度,、最嚴格", "态度、最严格"),
        ("監測,。", "监测。"),
        ("１２．５％", "12.5%"),
        ("a\u200bb\ufeffc\u00add", "abcd"),
        ("8.3% year -on -year", "8.3% year-on-year"),
        ("北京 11 月 14 日电", "北京11月14日电"),
        ("line\r\nnext\rlast", "line\nnext\nlast"),
        ("Shandong (Lu) province", "Shandong (Lu) province"),  # no Han before: not a gloss
        ("中国(China)", "中国(China)"),  # not a pinyin syllable
    ],
)
def test_examples(norm: Normaliser, original: str, expected: str) -> None:
    assert norm(original).text == expected


def test_span_through_removed_gloss_maps_to_original(norm: Normaliser) -> None:
    original = "工業(yè)技改投資1至3月累計(jì)完成19.2億元"
    n = norm(original)
    i = n.text.index("19.2亿元")
    start, end = n.to_original(i, i + len("19.2亿元"))
    assert original[start:end] == "19.2億元"
    # A gloss after the span's last character stays outside (SCHEMA: smallest span).
    i = n.text.index("累计")
    start, end = n.to_original(i, i + 2)
    assert original[start:end] == "累計"
    # ... and one inside the span is part of it.
    i = n.text.index("投资")
    start, end = n.to_original(i - 2, i + 2)
    assert original[start:end] == "技改投資"


def test_seed_004_is_clean(norm: Normaliser, seed_texts: dict[str, str]) -> None:
    text = norm(seed_texts["004_fadf58b9fc7513c3"]).text
    assert "(yè)" not in text and ",," not in text and ",、" not in text


ANY = st.text(st.characters(codec="utf-8"), max_size=200)
MESSY = st.text(alphabet="統籌(tǒng),,、。１２％．　a b-\r\n\u200b8%年月日", max_size=80)


@given(st.one_of(ANY, MESSY))
def test_normalisation_is_idempotent(norm: Normaliser, text: str) -> None:
    once = norm(text).text
    assert norm(once).text == once


@given(st.one_of(ANY, MESSY), st.data())
def test_every_normalised_span_maps_inside_the_original(norm: Normaliser, text: str, data: st.DataObject) -> None:
    n = norm(text)
    if not n.text:
        return
    s = data.draw(st.integers(0, len(n.text) - 1))
    e = data.draw(st.integers(s + 1, len(n.text)))
    a, b = n.to_original(s, e)
    assert 0 <= a < b <= len(text)
    # Spans keep their order: a later start never maps before an earlier one.
    if s + 1 < e:
        a2, _ = n.to_original(s + 1, e)
        assert a2 >= a


def test_t2s_keeps_length(norm: Normaliser, seed_texts: dict[str, str]) -> None:
    from recovery_extract.prepare.normalise import t2s

    for text in seed_texts.values():
        assert len(t2s(text)) == len(text)


FULL_WIDTH = str.maketrans("0123456789%.", "０１２３４５６７８９％．")


@st.composite
def messy_seed(draw: st.DrawFn, texts: list[str]) -> str:
    """A seed with random full-width digits, injected pinyin glosses and/or OpenCC s2t."""
    text = draw(st.sampled_from(texts))
    start = draw(st.integers(0, max(0, len(text) - 600)))
    text = text[start:start + 600]
    if draw(st.booleans()):
        from opencc import OpenCC

        text = OpenCC("s2t").convert(text)
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    if draw(st.booleans()):
        glosses = draw(st.lists(st.sampled_from(["(gōng)", "(yè)", "(jīng)", "(shí)"]), min_size=1, max_size=20))
        han = [i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"]
        positions = sorted(draw(st.lists(st.sampled_from(han), min_size=len(glosses),
                                         max_size=len(glosses), unique=True))) if len(han) >= len(glosses) else []
        for gloss, pos in reversed(list(zip(glosses, positions))):  # from the end: positions stay valid
            text = text[:pos + 1] + gloss + text[pos + 1:]
    return text


def test_messy_seeds_keep_every_span_on_the_original(seed_texts: dict[str, str]) -> None:
    import recovery_extract as rx

    texts = list(seed_texts.values())

    # Each example runs the whole pipeline on 600 characters of a seed: a few hundred
    # examples cover the transformations; the 10,000-example properties are in
    # test_api.py and test_normalise.py above.
    @settings(max_examples=300)
    @given(messy_seed(texts))
    def check(text: str) -> None:
        doc = rx.extract(text)
        for kind in ("quantities", "dates", "regions", "agencies"):
            for m in getattr(doc, kind):
                assert text[m.start:m.end] == m.text

    check()
