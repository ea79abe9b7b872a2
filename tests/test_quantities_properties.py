"""Property tests: a random value written in any supported form is read back with that value."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx

DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """Write 0 <= n < 10**12 in Chinese numerals (一百零三万零五十, 十二)."""
    if n == 0:
        return "零"

    def section(x: int) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // value % 10
            if d:
                if zero and out:
                    out += "零"
                out += DIGITS[d] + unit
                zero = False
            else:
                zero = True
        return out

    parts = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out, pending_zero = "", False
    for x, unit in parts:
        if x:
            if out and (pending_zero or x < 1000):
                out += "零"
            out += section(x) + unit
            pending_zero = False
        elif out:
            pending_zero = True
    return out[1:] if out.startswith("一十") else out


def grouped(n: int) -> str:
    return f"{n:,}"


def english_scale(n: int) -> tuple[str, float]:
    for scale, word in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            return f"{n / scale:.3f} {word}", round(n / scale, 3) * scale
    return str(n), float(n)


def wan_yi(n: int) -> tuple[str, float]:
    if n >= 10**8:
        return f"{n / 10**8:.2f}亿", round(n / 10**8, 2) * 10**8
    if n >= 10**4:
        return f"{n / 10**4:.1f}万", round(n / 10**4, 1) * 10**4
    return str(n), float(n)


VALUES = st.integers(min_value=1, max_value=999_999_999_999)
# 一家 / "one company" is an article, not an amount (patterns/quantities/patterns.yaml)
AMOUNTS = st.integers(min_value=2, max_value=999_999_999_999)


@settings(max_examples=150, deadline=None)
@given(VALUES)
def test_chinese_numerals_round_trip(n: int) -> None:
    written = chinese(n)
    found = rx.find_numbers(written)
    assert [(f.text, f.value) for f in found] == [(written, n)]


@settings(max_examples=60, deadline=None)
@given(AMOUNTS, st.sampled_from(["digits", "grouped", "wan_yi", "chinese"]), st.sampled_from(["元", "家", "吨"]))
def test_zh_quantity_value(n: int, form: str, unit: str) -> None:
    if form == "digits":
        written, value = str(n), float(n)
    elif form == "grouped":
        written, value = grouped(n), float(n)
    elif form == "wan_yi":
        written, value = wan_yi(n)
    else:
        written, value = chinese(n), float(n)
    doc = rx.extract(f"本月完成{written}{unit}。")
    assert len(doc.quantities) == 1, (written, doc.quantities)
    assert math.isclose(doc.quantities[0].value, value, rel_tol=1e-9)


@settings(max_examples=60, deadline=None)
@given(AMOUNTS, st.sampled_from(["grouped", "scale"]), st.sampled_from(["yuan", "enterprises", "tonnes"]))
def test_en_quantity_value(n: int, form: str, unit: str) -> None:
    written, value = (grouped(n), float(n)) if form == "grouped" else english_scale(n)
    doc = rx.extract(f"The province reported {written} {unit} this month.")
    assert len(doc.quantities) == 1, (written, doc.quantities)
    assert math.isclose(doc.quantities[0].value, value, rel_tol=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_find_numbers_spans_select_their_text(text: str) -> None:
    for n in rx.find_numbers(text):
        assert text[n.start:n.end] == n.text
