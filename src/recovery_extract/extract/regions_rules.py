"""When a gazetteer match counts: the rules of ``patterns/regions/contexts.yaml``, compiled once.

The gazetteer says what a name can link to; these rules say whether a match
is a place mention at all (not a word, not inside an organisation name) and
how sure it is (``weak`` names need the document's province to agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..data.chars import is_han
from ..data.patterns import FLAGS, PatternStore, compile_regex, match_at
from ..data.word_pattern import GatedRegex

CONTEXTS = "regions/contexts.yaml"
ORG_REACH = 48  # how far past a place name an organisation word (有限公司, 日报) is looked for
FOOTER_MAX = 300  # a copyright footer is a short line; a whole one-line document is not a footer
PLAIN = FLAGS & ~0x2  # regex.IGNORECASE is 2: case-sensitive variant of the shared flags


@dataclass(frozen=True, slots=True)
class RegionRules:
    """Compiled context rules for both languages."""

    zh_never_bare: frozenset[str]
    zh_weak: frozenset[str]
    zh_org_after: Any
    zh_org_after_far: Any
    zh_org_before: Any
    zh_in_brackets_before: Any
    zh_in_brackets_after: Any
    one_char_before: Any
    footer: Any
    abbr_before: str
    abbr_not_registration: str
    city_suffix: str
    abbr_after: str
    abbr_title_before: str
    abbr_title_after: str
    abbr_never: frozenset[str]
    abbr_extra: dict[str, str]
    abbr_main_min_short: int
    en_suffixes: dict[str, str]
    en_never_bare: frozenset[str]
    en_weak: frozenset[str]
    en_org_after: Any
    en_compound_after: Any
    en_org_before: Any

    @classmethod
    def load(cls, store: PatternStore) -> RegionRules:
        data = store.yaml(CONTEXTS)
        zh, en = data.get("zh") or {}, data.get("en") or {}

        def rx(key: str, body: str, flags: int = FLAGS) -> Any:
            return compile_regex(body, f"{CONTEXTS}: {key}", flags=flags)

        heads = str(en["org_heads"])
        gap = str(en["org_gap"])
        return cls(
            zh_never_bare=frozenset(map(str, zh.get("never_bare") or ())),
            zh_weak=frozenset(map(str, zh.get("weak") or ())),
            zh_org_after=rx("zh.org_after", str(zh["org_after"])),
            zh_org_after_far=rx("zh.org_after_far", str(zh["org_after_far"])),
            zh_org_before=rx("zh.org_before", str(zh["org_before"])),
            zh_in_brackets_before=rx("zh.org_in_brackets_before", str(zh.get("org_in_brackets_before") or r"(?!)")),
            zh_in_brackets_after=rx("zh.org_in_brackets_after", str(zh.get("org_in_brackets_after") or r"(?!)")),
            one_char_before=rx("zh.one_char_before", str(zh.get("one_char_before") or r"(?!)"), PLAIN),
            # Scanned over the whole text: tried only where one of its words starts.
            footer=GatedRegex.for_source(str(data.get("footer_line") or r"(?!)"),
                                         rx("footer_line", str(data.get("footer_line") or r"(?!)"))),
            abbr_before=str(zh["abbr_before"]),
            abbr_not_registration=str(zh["abbr_not_registration"]),
            city_suffix=str(zh["city_suffix"]),
            abbr_after=str(zh["abbr_after"]),
            abbr_title_before=str(zh.get("abbr_title_before") or "(?!)"),
            abbr_title_after=str(zh.get("abbr_title_after") or ""),
            abbr_never=frozenset(map(str, zh.get("abbr_never") or ())),
            abbr_extra={str(k): str(v) for k, v in (zh.get("abbr_extra") or {}).items()},
            abbr_main_min_short=int(zh.get("abbr_main_min_short", 2)),
            en_suffixes={str(k).casefold(): str(v) for k, v in (en.get("suffixes") or {}).items()},
            en_never_bare=frozenset(str(w).casefold() for w in en.get("never_bare") or ()),
            en_weak=frozenset(str(w).casefold() for w in en.get("weak") or ()),
            en_org_after=rx("en.org_heads", r"\A" + gap + heads, PLAIN),
            en_compound_after=rx("en.compound_after", str(en["compound_after"]), PLAIN),
            en_org_before=rx("en.org_before", str(en["org_before"]), PLAIN),
        )

    def zh_in_org(self, text: str, start: int, end: int) -> bool:
        """A Chinese name at ``[start, end)`` that is part of an organisation or media name."""
        if match_at(self.zh_org_after, text, end, ORG_REACH) or match_at(self.zh_org_after_far, text, end, ORG_REACH):
            return True
        if self.zh_in_brackets_before.search(text[max(0, start - 2):start]) \
                and match_at(self.zh_in_brackets_after, text, end, ORG_REACH):
            return True
        return bool(self.zh_org_before.search(text[max(0, start - 3):start]))

    def one_char_ok(self, text: str, start: int) -> bool:
        """A one-character-stem full name (沛县) at ``start``: after a non-Han character or a cue (省, 在)."""
        if start == 0:
            return True
        before = text[start - 1]
        if not is_han(before):
            return True
        return bool(self.one_char_before.fullmatch(before))

    def footer_lines(self, text: str) -> list[tuple[int, int]]:
        """``[start, end)`` of each short line that is a copyright footer."""
        out: list[tuple[int, int]] = []
        for m in self.footer.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            end = len(text) if end < 0 else end
            if end - start <= FOOTER_MAX and (not out or out[-1] != (start, end)):
                out.append((start, end))
        return out

    def en_in_org(self, text: str, start: int, end: int) -> bool:
        """An English name at ``[start, end)`` inside an organisation, brand or compound."""
        window = text[end:end + 80]
        if self.en_org_after.match(window) or self.en_compound_after.match(window):
            return True
        return bool(self.en_org_before.search(text[max(0, start - 20):start]))
