"""The language stage's floor gate (prepare/language.py ``_floors``): a script class is
looked for only from the first character at or above its lowest member.

Exact when no code point below the floor belongs to the class (checked on every one) and
the counts then agree with a detector without the gate (checked on mixed text).
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from recovery_extract import Pipeline

_DETECT = Pipeline().detect_language


def test_no_member_below_a_floor() -> None:
    for runs, floor in zip(_DETECT._runs, _DETECT._floors):
        lowest = int(re.search(r"\\U([0-9a-f]{8})", floor.pattern).group(1), 16)
        below = "".join(chr(c) for c in range(min(lowest, 0xD800)))
        assert runs.search(below) is None


@given(st.text(alphabet=st.sampled_from("ab Z.\n’“中國あアㄱ한\u1100\u2e80\u3005\uff66é"), max_size=50))
def test_present_classes_as_without_gate(text: str) -> None:
    gated = tuple(i for i, (runs, floor) in enumerate(zip(_DETECT._runs, _DETECT._floors))
                  if (m := floor.search(text)) is not None and runs.search(text, m.start()) is not None)
    plain = tuple(i for i, runs in enumerate(_DETECT._runs) if runs.search(text) is not None)
    assert gated == plain
