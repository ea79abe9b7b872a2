"""One definition of a cased character for every gate that asks (there were five)."""

from __future__ import annotations

import sys

from recovery_extract.data.chars import is_cased


def test_title_case_adds_no_cased_character() -> None:
    """The copies that also compared ``title()`` agreed with the ones that did not."""
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert is_cased(c) == (c.lower() != c or c.upper() != c or c.casefold() != c or c.title() != c), hex(code)


def test_examples() -> None:
    assert all(map(is_cased, "aZéß\u212a\u017f\u0130\u0131"))
    assert not any(map(is_cased, "1 -’中。\u00b4"))
