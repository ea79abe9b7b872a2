"""English numerals: split a matched run of number words into numbers with values.

The words come from ``patterns/numbers/numbers.en.yaml``. A run found by the
numeral regex ("twenty-one trillion and three hundred", "one and a half",
"zero is 0" gives two runs) is read token by token; a token that cannot
continue the current number starts a new one, so "50 50" is two numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import regex

from .numbers_zh import Value, tidy

_TOKEN = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|[^\W\d_]+|[\u00bc-\u00be\u2150-\u215e]",
                       regex.IGNORECASE)


@dataclass(slots=True)
class _Run:
    """A number being read: ``total`` of closed scales plus the ``group`` under a thousand."""

    start: int
    end: int
    total: float = 0.0
    group: float = 0.0
    sign: int = 1
    last: str = ""          # kind of the last token read
    scale: float = 1.0      # the last scale word (for "one million and a half")
    decimals: str | None = None
    pending_and: bool = False
    article: bool = False
    and_after_scale: bool = False
    small: float = 0.0      # the last number under a hundred read (a fraction's numerator)

    def value(self) -> float:
        v = self.total + self.group
        if self.decimals:
            v += float("0." + self.decimals)
        return self.sign * v


class EnglishNumerals:
    """Reads English number words, digits with scales, and fractions."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.ones = {str(k): int(v) for k, v in data["ones"].items()}
        self.tens = {str(k): int(v) for k, v in data["tens"].items()}
        self.hundred = {str(k): int(v) for k, v in data["hundred"].items()}
        self.scales = {str(k): int(v) for k, v in data["scales"].items()}
        self.fractions = {str(k): int(v) for k, v in data["fractions"].items()}
        self.unicode_fractions = {str(k): float(v) for k, v in data["unicode_fractions"].items()}
        self.dozen = {str(k): int(v) for k, v in (data.get("dozen") or {}).items()}
        self.articles = {str(a) for a in data["articles"]}
        self.point = str(data["point"])
        self.conjunction = str(data["conjunction"])
        self.minus = {str(m) for m in data["minus"]}

    def split(self, text: str, offset: int = 0) -> list[tuple[int, int, Value]]:
        """Numbers in one matched run: (start, end, value), offsets shifted by ``offset``."""
        found: list[tuple[int, int, Value]] = []
        run: _Run | None = None
        tokens = list(_TOKEN.finditer(text, None, None, False, False))
        for i, m in enumerate(tokens):
            tok = m.group().lower()
            nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
            if tok in self.minus or tok in self.articles or tok == self.conjunction:
                if tok == self.conjunction and run is not None:
                    run.pending_and = True
                    if run.last == "scale":
                        run.and_after_scale = True
                elif tok in self.articles and run is not None:
                    run.article = True
                elif tok in self.minus and run is None:
                    run = _Run(m.start(), m.end(), sign=-1, last="minus")
                elif tok in self.articles and run is None:
                    run = _Run(m.start(), m.end(), last="article")
                continue
            ahead = [t.group().lower() for t in tokens[i + 1:i + 3]]
            run_on = run is not None and self._continue(run, tok, nxt)
            if run is not None and not run_on and run.pending_and and self._kind(tok) in ("ones", "tens") \
                    and any(self._kind(t) == "fraction" for t in ahead):
                run_on = True  # "three and one fourth", "two and fifty-four hundredths"
            if run is not None and not run_on:
                self._close(run, found, offset)
                run = None
            if run is None:
                run = _Run(m.start(), m.end())
            self._feed(run, tok)
            run.end = m.end()
        if run is not None:
            self._close(run, found, offset)
        return found

    def _kind(self, tok: str) -> str:
        if tok[0].isdigit() or tok[0] == ".":
            return "digits"
        for kind, table in (("ones", self.ones), ("tens", self.tens), ("hundred", self.hundred),
                            ("scale", self.scales), ("fraction", self.fractions), ("dozen", self.dozen),
                            ("ufraction", self.unicode_fractions)):
            if tok in table:
                return kind
        return "point" if tok == self.point else "other"

    def _continue(self, run: _Run, tok: str, nxt: str) -> bool:
        """Whether ``tok`` extends the number being read."""
        kind, last = self._kind(tok), run.last
        if last in ("", "minus", "article"):
            return True
        if run.decimals is not None:
            if kind == "ones":
                return self.ones[tok] < 10 and last in ("point", "ones", "tens")
            return kind == "tens" and last == "point"
        if kind == "point":
            return last in ("digits", "ones", "tens", "hundred") and (nxt in self.ones or nxt in self.tens)
        if kind == "scale":
            return last in ("digits", "ones", "tens", "hundred", "fraction", "dozen") and \
                (run.total == 0 or self.scales[tok] < run.scale or run.group != 0)
        if kind in ("hundred", "dozen"):
            return last in ("digits", "ones", "tens")
        if kind == "fraction":
            return last in ("ones", "tens", "digits", "scale", "hundred", "article") or run.pending_and
        # "and" joins a cardinal only after hundred or a scale ("two hundred and six");
        # "three and three", "five and six" are two numbers.
        if kind == "ones":
            if last == "tens":
                return self.ones[tok] < 10
            return last in ("hundred", "scale")
        if kind == "tens":
            return last in ("hundred", "scale")
        if kind == "digits":
            return last == "scale" or (last == "hundred" and run.pending_and)
        return False

    def _feed(self, run: _Run, tok: str) -> None:
        kind = self._kind(tok)
        if run.decimals is not None and kind in ("ones", "tens"):
            if kind == "tens":
                run.decimals += str(self.tens[tok])
            elif run.last == "tens":
                run.decimals = run.decimals[:-1] + str(self.ones[tok])
            else:
                run.decimals += str(self.ones[tok])
            run.last = kind
            return
        if kind in ("digits", "ones", "tens"):
            v = float(tok.replace(",", "")) if kind == "digits" else self.ones.get(tok, self.tens.get(tok, 0))
            run.small = run.small + v if (kind == "ones" and run.last == "tens") else v
            run.group += v
        elif kind == "ufraction":
            run.group += self.unicode_fractions[tok]
        elif kind == "hundred":
            run.group = (run.group or 1) * 100
        elif kind == "dozen":
            run.group = (run.group or 1) * 12
        elif kind == "point":
            run.decimals = ""
        elif kind == "scale":
            scale = self.scales[tok]
            run.total = (run.total + (run.group or 1)) * scale if run.last == "fraction" \
                else run.total + (run.group or 1) * scale
            run.group = 0
            run.scale = scale
        elif kind == "fraction":
            den = self.fractions[tok]
            if run.last in ("ones", "tens", "digits") and not run.article:
                num = run.small  # "two thirds", "and fifty-four hundredths"
                run.group -= num
            else:
                num = 1  # "a half", "and a half", "half"
            frac = num / den
            if run.and_after_scale and run.scale >= 1000:
                frac *= run.scale  # "one million and a half"
            run.group += frac
        if run.pending_and and run.last == "scale":
            run.and_after_scale = True
        run.last = kind
        run.pending_and = False
        run.article = False

    def _close(self, run: _Run, found: list[tuple[int, int, Value]], offset: int) -> None:
        if run.last in ("article", "minus", "point", ""):
            return
        found.append((run.start + offset, run.end + offset, tidy(run.value())))
