"""The gazetteer: ``patterns/regions/*.tsv`` loaded into lookup structures.

Shared by the region and agency extractors.  Everything is read through
:class:`~recovery_extract.data.patterns.PatternStore` once per store and kept in
plain dicts (surface -> candidate codes), which the extractors hand to ``regex``
named lists (``\\L<name>``): matching cost does not grow with the gazetteer.

Surfaces:
- Chinese: official names (``济南市``), short names (``济南``), aliases
  (``黔东南州``, former names), one-character abbreviations (kept apart:
  they only count in restricted contexts), countries, uncoded places.
- English: pinyin and conventional names, case-folded, with every apostrophe
  variant (``Xi'an``, ``Xi’an``, ``Zheng ‘an``, ``Xian``), countries and
  uncoded places.  Upper-case acronyms (``US``, ``UK``) stay case-sensitive.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field

from .chars import has_han
from .patterns import PatternStore

DIVISIONS = "regions/divisions.tsv"
ALIASES_ZH = "regions/aliases.zh.tsv"
ALIASES_EN = "regions/aliases.en.tsv"
COUNTRIES = "regions/countries.tsv"
UNCODED = "regions/uncoded.tsv"

_LOCK = threading.Lock()
_CACHE: weakref.WeakKeyDictionary[PatternStore, Gazetteer] = weakref.WeakKeyDictionary()

APOSTROPHES = ("'", "’", "‘", "`", "´")


@dataclass(frozen=True, slots=True)
class Division:
    """One row of ``divisions.tsv``."""

    code: str
    name: str
    short: str
    level: str  # province | prefecture | county
    parent: str | None
    valid_from: str = ""
    valid_to: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    """One reading of a surface: the code it links to and how it was named.

    ``kind``: ``full`` (official name), ``short``, ``alias``, ``abbr1``,
    ``country``, ``uncoded`` (code None; ``uncoded_word`` when it is also a
    common word), ``pinyin`` (English name), ``suffixed`` (English name that
    holds its suffix: ``Pei County`` for the one-character 沛县).
    """

    code: str | None
    kind: str
    valid_to: str = ""


@dataclass(slots=True)
class Gazetteer:
    """Surface -> readings for both languages, plus the division table."""

    divisions: dict[str, Division] = field(default_factory=dict)
    zh: dict[str, list[Entry]] = field(default_factory=dict)
    abbr1: dict[str, list[Entry]] = field(default_factory=dict)
    en: dict[str, list[Entry]] = field(default_factory=dict)
    en_exact: dict[str, list[Entry]] = field(default_factory=dict)

    # ------------------------------------------------------------ building
    @classmethod
    def load(cls, store: PatternStore) -> Gazetteer:
        """The gazetteer of ``store`` (built once per store, then cached)."""
        with _LOCK:
            found = _CACHE.get(store)
        if found is None:
            found = cls._build(store)  # outside the lock: the store takes its own lock to read files
            with _LOCK:
                found = _CACHE.setdefault(store, found)
        return found

    @classmethod
    def _build(cls, store: PatternStore) -> Gazetteer:
        g = cls()
        for row in _rows(store, DIVISIONS):
            d = Division(row["code"], row["name"], row.get("short", ""), row.get("level", ""),
                         row.get("parent") or None, row.get("valid_from", ""), row.get("valid_to", ""))
            g.divisions[d.code] = d
            g._add_zh(d.name, Entry(d.code, "full", d.valid_to))
            if len(d.short) >= 2 and d.short != d.name:
                g._add_zh(d.short, Entry(d.code, "short", d.valid_to))
        for row in _rows(store, ALIASES_ZH):
            code, alias = row["code"], row["alias"]
            if code not in g.divisions:
                continue
            if row.get("note", "").startswith("abbr1") or len(alias) == 1:
                g.abbr1.setdefault(alias, []).append(Entry(code, "abbr1"))
            else:
                g._add_zh(alias, Entry(code, "alias", row.get("valid_to", "")))
        for row in _rows(store, ALIASES_EN):
            if row["code"] in g.divisions:
                kind = "suffixed" if row.get("note") == "pinyin-suffixed" else "pinyin"
                g._add_en(row["alias"], Entry(row["code"], kind))
        for row in _rows(store, COUNTRIES):
            entry = Entry(row["code"], "country")
            g._add_zh(row["zh"], entry)
            g._add_en(row["en"], entry)
            for alias in filter(None, (a.strip() for a in row.get("aliases", "").split("|"))):
                if _is_han(alias):
                    g._add_zh(alias, entry)
                else:
                    g._add_en(alias, entry)
        for row in _rows(store, UNCODED):
            # "common word" rows (西南, 东北) are also compass words: kept apart, not matched bare.
            entry = Entry(None, "uncoded_word" if "common word" in row.get("note", "") else "uncoded")
            if row.get("lang") == "en":
                g._add_en(row["name"], entry)
            else:
                g._add_zh(row["name"], entry)
        return g

    def _add_zh(self, surface: str, entry: Entry) -> None:
        if surface:
            _append(self.zh.setdefault(surface, []), entry)

    def _add_en(self, surface: str, entry: Entry) -> None:
        if not surface:
            return
        letters = [c for c in surface if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and len(letters) <= 5:
            _append(self.en_exact.setdefault(surface, []), entry)  # US, UK, PRC: case matters
            return
        for variant in en_variants(surface):
            _append(self.en.setdefault(variant.casefold(), []), entry)

    # ------------------------------------------------------------- queries
    def level(self, code: str | None) -> str | None:
        d = self.divisions.get(code or "")
        return d.level if d else None

    def name(self, code: str | None) -> str | None:
        """The official simplified name of a division, or a country's code as is."""
        d = self.divisions.get(code or "")
        return d.name if d else None

    def province(self, code: str | None) -> str | None:
        d = self.divisions.get(code or "")
        return d.code[:2] + "0000" if d else None

    def prefecture(self, code: str | None) -> str | None:
        """The prefecture-level division holding ``code`` (itself if it is one)."""
        d = self.divisions.get(code or "")
        while d is not None and d.level == "county":
            d = self.divisions.get(d.parent or "")
        return d.code if d is not None and d.level == "prefecture" else None

    def ancestors(self, code: str | None) -> list[str]:
        """``code`` and every division above it."""
        out: list[str] = []
        d = self.divisions.get(code or "")
        while d is not None and d.code not in out:
            out.append(d.code)
            d = self.divisions.get(d.parent or "")
        return out

    def within(self, code: str | None, area: str | None) -> bool:
        """True when division ``code`` lies in (or is) division ``area``."""
        return bool(code and area) and area in self.ancestors(code)

    def zh_surfaces(self) -> list[str]:
        return list(self.zh)

    def en_surfaces(self) -> list[str]:
        return list(self.en)


def en_variants(surface: str) -> set[str]:
    """Spellings of an English name: apostrophe variants (``Xi’an``, ``Zheng ‘an``).

    The apostrophe-less spelling (``Xian``) is NOT generated: it collides with
    words (``Yu'an`` -> ``yuan``); conventional ones are rows of en_exceptions.tsv.
    """
    out = {surface}
    if "'" in surface:
        for mark in APOSTROPHES:
            out.add(surface.replace("'", mark))
            out.add(surface.replace("'", " " + mark))
    if "-" in surface:
        out.add(surface.replace("-", " "))
    return out


def _append(entries: list[Entry], entry: Entry) -> None:
    if all((e.code, e.kind) != (entry.code, entry.kind) for e in entries):
        entries.append(entry)


def _is_han(text: str) -> bool:
    return has_han(text)


def _rows(store: PatternStore, rel: str) -> list[dict[str, str]]:
    """The rows of a TSV lexicon, or none when the file is not there (yet)."""
    if not store.path(rel).is_file():
        return []
    return store.tsv(rel)
