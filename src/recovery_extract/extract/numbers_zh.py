"""Chinese numerals: value of a matched numeral (``一百零十万三千`` -> 1103000).

The characters and their values come from ``patterns/numbers/numbers.zh.yaml``;
this module only knows the grammar that combines them:

- digits and Arabic runs set the pending number (``5万4千6百``, ``3万4000``);
- units 十百千 multiply it inside a four-digit section (``十`` alone is 10);
- sections 万亿兆 close a section; a larger one multiplies everything before it
  (``4.78万亿``, ``10万万``), a smaller one adds (``5亿1万``);
- ``零`` marks a gap, which also stops the abbreviated tail (``一万三`` = 13000
  but ``一万零三`` = 10003);
- ``点`` starts decimals read digit by digit, ``A分之B`` is B/A, ``负`` negates.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import regex

Value = int | float


def tidy(value: float) -> Value:
    """An integral float as int (JSON ``5`` rather than ``5.0``), else rounded to 12 digits."""
    if isinstance(value, int):
        return value
    if value == int(value) and abs(value) < 1e18:
        return int(value)
    return float(f"{value:.12g}")


class ChineseNumerals:
    """Evaluates Chinese, financial and mixed Arabic/Chinese numerals."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.digits: dict[str, int] = {str(k): int(v) for k, v in data["digits"].items()}
        self.units: dict[str, int] = {str(k): int(v) for k, v in data["units"].items()}
        self.tens: dict[str, int] = {str(k): int(v) for k, v in data["tens"].items()}
        self.sections: dict[str, int] = {str(k): int(v) for k, v in data["sections"].items()}
        self.point = str(data["decimal_point"])
        self.fraction = str(data["fraction"])
        self.minus = str(data["minus"])
        self.half = str(data["half"])
        self._arabic = regex.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")

    def value(self, text: str) -> Value | None:
        """The value of one numeral, or None when ``text`` is not one."""
        text = text.strip()
        sign = 1
        if text[:1] in (self.minus, "-"):
            sign, text = -1, text[1:].lstrip()
        if not text:
            return None
        if self.fraction in text:
            den_text, _, num_text = text.partition(self.fraction)
            den = self._whole(den_text) if den_text else 1  # 分之一 with no denominator: a whole
            num = self._whole(num_text)
            if den in (None, 0) or num is None:
                return None
            return tidy(sign * num / den)
        if text == self.half:
            return 0.5 * sign
        whole = self._whole(text)
        return None if whole is None else tidy(sign * whole)

    def _whole(self, text: str) -> float | None:
        """Integer part plus decimals after 点 (or an Arabic decimal point)."""
        if self.point in text:
            head, _, tail = text.partition(self.point)
            base = self._integer(head) if head else 0.0
            decimals = "".join(str(self.digits[c]) if c in self.digits else c for c in tail)
            if base is None or not decimals.isdigit():
                return None
            return base + float("0." + decimals) * (1 if base >= 0 else -1)
        return self._integer(text)

    def _tokens(self, text: str) -> list[tuple[str, float]] | None:
        """(kind, value) tokens: arabic, digit, zero, unit, tens, section."""
        tokens: list[tuple[str, float]] = []
        i = 0
        while i < len(text):
            c = text[i]
            # ``text`` is one numeral as written: reading to its end is a bounded read.
            m = self._arabic.match(text, i, len(text), False) if c.isdigit() or c == "." else None
            if m:
                tokens.append(("arabic", float(m.group().replace(",", ""))))
                i = m.end()
                continue
            if c in self.digits:
                d = self.digits[c]
                tokens.append(("zero", 0) if d == 0 else ("digit", d))
            elif c in self.units:
                tokens.append(("unit", self.units[c]))
            elif c in self.tens:
                tokens.append(("tens", self.tens[c]))
            elif c in self.sections:
                tokens.append(("section", self.sections[c]))
            elif c.isspace():
                pass
            else:
                return None
            i += 1
        return tokens

    def _integer(self, text: str) -> float | None:
        tokens = self._tokens(text)
        if not tokens:
            return None
        # A plain digit string (二〇二二, 九九) reads digit by digit.
        if len(tokens) > 1 and all(k in ("digit", "zero") for k, _ in tokens):
            return float("".join(str(int(v)) for _, v in tokens))
        # ... and so does one before a section multiplier (一〇五亿 = 105 x 10^8).
        head = next((i for i, (k, _) in enumerate(tokens) if k not in ("digit", "zero")), len(tokens))
        if head > 1 and any(k == "zero" for k, _ in tokens[:head]) and \
                all(k == "section" for k, _ in tokens[head:]):
            value = float("".join(str(int(v)) for _, v in tokens[:head]))
            for _, v in tokens[head:]:
                value *= v
            return value
        total = 0.0
        section = 0.0
        number: float | None = None
        last_section: float | None = None
        prev_kind = ""
        prev_unit = 0.0
        gap = False
        for kind, v in tokens:
            if kind in ("digit", "arabic"):
                number = v
            elif kind == "zero":
                gap = True
                number = None
            elif kind == "unit":
                if number is None and prev_kind == "unit" and v > prev_unit:
                    return None  # 七十百: not a numeral
                section += (1 if number is None else number) * v
                number, prev_unit, gap = None, v, False
            elif kind == "tens":
                section += v
                number, prev_unit, gap = None, 10, False
            elif kind == "section":
                part = section + (number or 0)
                if part == 0 and total == 0:
                    part = 1  # 亿 alone: one hundred million (过亿元)
                if last_section is None or v >= last_section:
                    total = (total + part) * v
                else:
                    total += part * v
                last_section = v
                section, number, prev_unit, gap = 0.0, None, v, False
            prev_kind = kind
        if number is not None:
            # Abbreviated tail: 两千四百五 = 2450, 一万三 = 13000 (not after 零, not Arabic).
            if prev_kind == "digit" and prev_unit >= 100 and not gap and len(tokens) >= 2 \
                    and tokens[-2][0] in ("unit", "section"):
                number *= prev_unit / 10
            section += number
        return total + section
