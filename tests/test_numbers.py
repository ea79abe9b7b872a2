"""The public numeral finder ``recovery_extract.find_numbers`` (spans on the original text)."""

from __future__ import annotations

import math

import pytest

import recovery_extract as rx


def values(text: str) -> list[tuple[str, float]]:
    return [(n.text, n.value) for n in rx.find_numbers(text)]


@pytest.mark.parametrize("text, value", [
    ("14,768", 14768), ("1,862", 1862), ("0.75", 0.75), (".5", 0.5), ("１２３", 123),
    ("两", 2), ("十二", 12), ("一百二十三", 123), ("三千五百", 3500), ("壹佰", 100), ("〇", 0),
    ("廿", 20), ("卅三", 33), ("一万三", 13000), ("两千四百五", 2450), ("一万零三", 10003),
    ("3.5万", 35000), ("1.2亿", 120000000), ("4.78万亿", 4.78e12), ("10万万", 1e9),
    ("5亿1万4千6百", 500014600), ("3万4000", 34000), ("负三十二", -32), ("-7.5", -7.5),
    ("十五点七", 15.7), ("五分之一", 0.2), ("百分之五十点六", 0.506), ("3/4", 0.75),
    ("twelve", 12), ("twenty-one", 21), ("12.71 million", 12710000), ("1.178 billion", 1178000000),
    ("2 thousand", 2000), ("ten trillion", 1e13), ("one and a half", 1.5), ("two thirds", 2 / 3),
    ("three hundred and six", 306), ("minus five", -5), ("参萬肆仟伍佰陸拾柒", 34567),
])
def test_single_numeral(text: str, value: float) -> None:
    found = rx.find_numbers(text)
    assert len(found) == 1, found
    assert found[0].text == text
    assert math.isclose(found[0].value, value, rel_tol=1e-9)


def test_spans_are_on_the_original_text() -> None:
    text = "復工１２３４家, 增長３．５％, 兩千萬"
    for n in rx.find_numbers(text):
        assert text[n.start:n.end] == n.text
    assert values(text) == [("１２３４", 1234), ("３．５", 3.5), ("兩千萬", 20000000)]


def test_several_numbers_and_words_that_are_not_numbers() -> None:
    assert values("二百五, 二百五") == [("二百五", 250), ("二百五", 250)]
    assert values("我家在四川,一切都好") == []
    assert values("The one you mentioned") == []
    assert values("zero is 0") == [("zero", 0), ("0", 0)]


def test_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        rx.find_numbers(b"12")  # type: ignore[arg-type]
