"""The shortcut for a numeral of ASCII digits in ``NumberGrammar.zh_value`` reads the same
value as the Chinese numeral reader (``ChineseNumerals.value``)."""

from __future__ import annotations

from hypothesis import given, strategies as st

from recovery_extract.extract.numbers import _PLAIN_ARABIC, default_grammar


def _reader(text: str) -> object:
    g = default_grammar()
    try:
        return g.zh.value(text)
    except (ValueError, KeyError, OverflowError):
        return None


@given(st.text(alphabet="0123456789,.", min_size=1, max_size=40))
def test_same_value_as_the_reader(text: str) -> None:
    g = default_grammar()
    value = g.zh_value(text)
    if _PLAIN_ARABIC.fullmatch(text):
        expected = _reader(text)
        assert value == expected and type(value) is type(expected), text


def test_examples() -> None:
    g = default_grammar()
    for text in ["0", "7", "2022", "1,862", "98.78", "233,333,333,434.344", "140302197706220124", "1,", "05",
                 "9" * 400, "0.000000000001", "12345678901234567890"]:
        assert _PLAIN_ARABIC.fullmatch(text), text
        value, expected = g.zh_value(text), _reader(text)
        assert value == expected and type(value) is type(expected), text
