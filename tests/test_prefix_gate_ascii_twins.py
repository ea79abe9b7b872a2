"""A case-insensitive prefix gate reads only the ASCII characters of a text (data/prefix_gate.py).

``PrefixGate.starts`` looks for its (lower-case ASCII) prefixes in the text encoded to
ASCII with every other character replaced, instead of in ``text.lower()``.  That finds
the same positions unless a character outside ASCII matches an ASCII one under
``regex``'s IGNORECASE or lower-cases to one; a text holding such a character is read
lower-cased as before.  Checked over all of Unicode, and against ``str.lower`` on drawn text.
"""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from recovery_extract.data.prefix_gate import ASCII_TWINS, PrefixGate

ALL = "".join(map(chr, range(0x80, 0x110000)))


def test_every_non_ascii_twin_of_an_ascii_character_is_listed() -> None:
    twins = set(regex.compile("(?-f)[\\x00-\\x7f]", regex.VERSION1 | regex.IGNORECASE).findall(ALL))
    lowered = {c for c in ALL if any(x.isascii() for x in c.lower())}
    assert twins | lowered <= set(ASCII_TWINS), sorted(hex(ord(c)) for c in (twins | lowered) - set(ASCII_TWINS))


def _by_lower(prefixes: tuple[str, ...], text: str, pos: int) -> list[int] | None:
    """What the gate found before: the prefixes in ``text.lower()``."""
    seg = text[pos:]
    low = seg.lower()
    if len(low) != len(seg) or any(c in seg for c in "\u017f\u0131"):
        return None
    return sorted({pos + i for p in prefixes for i in range(len(seg)) if low.startswith(p, i)})


@given(st.text(st.sampled_from(list("abAB ?é一省\u00c5\u212b\u212a\u0130\u017f\u0131kKxX")), max_size=30),
       st.integers(0, 5))
def test_ascii_bytes_find_what_the_lower_cased_text_shows(text: str, pos: int) -> None:
    gate = PrefixGate(["ab", "b", "ba", "k"], ignore_case=True)
    assert gate.starts(text, pos) == _by_lower(gate.prefixes, text, pos)
    # A prefix holding "?" also meets the characters read as "?": more positions, none lost.
    odd = PrefixGate(["x?a", "b"], ignore_case=True)
    hits, before = odd.starts(text, pos), _by_lower(odd.prefixes, text, pos)
    assert hits is None and before is None or set(before or ()) <= set(hits or ())
    assert odd.starts("xéa") == [0] and _by_lower(odd.prefixes, "xéa", 0) == []
