"""One definition of a Han character for every stage that asks (issue 16: there were
four, over two different ranges).

CJK Unified Ideographs and Extension A (U+3400-U+9FFF): the characters of Chinese
news text; the compatibility block and the supplementary planes are left out, as
before, since no stage's data holds them.
"""

from __future__ import annotations

import functools

HAN_FIRST, HAN_LAST = 0x3400, 0x9FFF


def is_han(char: str) -> bool:
    """Whether one character is a Han character."""
    return HAN_FIRST <= ord(char) <= HAN_LAST


def has_han(text: str) -> bool:
    """Whether any character of ``text`` is a Han character."""
    return any(HAN_FIRST <= ord(c) <= HAN_LAST for c in text)


@functools.lru_cache(maxsize=4096)
def is_cased(char: str) -> bool:
    """Whether a character has a case variant or a case folding of its own (``é``, ``ß``, the
    Kelvin sign; title case adds no character to these: checked over all of Unicode)."""
    return char.lower() != char or char.upper() != char or char.casefold() != char
