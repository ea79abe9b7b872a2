"""Regenerate patterns/normalise/pinyin_syllables.txt from pypinyin's dictionary.

    pip install pypinyin==0.55.0 && python scripts/build_pinyin_syllables.py

The list is every toneless Mandarin syllable pypinyin knows (ü written v).  The
normaliser uses it to recognise romanisation glosses injected after characters
(``統(tǒng)籌``) without mistaking ordinary parenthesised words for them.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypinyin import __version__ as pypinyin_version
from pypinyin.pinyin_dict import pinyin_dict

OUT = Path(__file__).resolve().parents[1] / "patterns" / "normalise" / "pinyin_syllables.txt"


def toneless(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.replace("ü", "v").lower()


def main() -> None:
    syllables = {toneless(p) for value in pinyin_dict.values() for p in value.split(",")}
    syllables = sorted(s for s in syllables if s.isalpha())
    header = [
        "# File: normalise/pinyin_syllables.txt",
        "# Format: one toneless pinyin syllable per line, ü written v, sorted",
        f"# Source: pypinyin {pypinyin_version} pinyin_dict (MIT), via scripts/build_pinyin_syllables.py",
        "# Used by: src/recovery_extract/normalise.py (strip_romanisation)",
        "# Generated: do not edit by hand",
    ]
    OUT.write_text("\n".join(header + syllables) + "\n", encoding="utf-8")
    print(f"wrote {len(syllables)} syllables to {OUT}")


if __name__ == "__main__":
    main()
