"""Benchmark texts: the seeds, and a larger corpus generated from them at run time.

The corpus is never committed.  Each generated document is a seed with its
numbers, dates and place names varied, so the extractors see realistic, varied
input rather than the same bytes over and over:

- place names the pipeline finds in the seed are replaced by other divisions of
  the same level from the gazetteer (``patterns/regions/divisions.tsv`` and
  ``aliases.en.tsv``): a city becomes another city, in Chinese or in pinyin;
- digits inside found dates become other valid years, months and days;
- digits inside found quantities become other digits of the same length;
- Chinese documents are written in simplified or traditional characters (OpenCC
  ``s2t`` / ``t2s``), so both scripts go through normalisation.

Generation is deterministic for a given ``seed`` (``random.Random``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from recovery_extract import Pipeline
from recovery_extract.data.patterns import PatternStore

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
_DIGITS = regex.compile(r"\d+")
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True, slots=True)
class Doc:
    """One benchmark document: an id, its text and the language of the seed it came from."""

    id: str
    text: str
    lang: str

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: str           # region | date | quantity
    level: str = ""     # region level (province | prefecture | county)
    form: str = ""      # region surface form: full | short | en


@dataclass(frozen=True, slots=True)
class _Template:
    doc: Doc
    spans: tuple[_Span, ...]


def load_seeds(folder: Path = SEEDS) -> list[Doc]:
    """The seed articles, in file-name order."""
    docs = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        docs.append(Doc(path.stem, text, "zh" if len(_HAN.findall(text)) * 3 > len(text) // 4 else "en"))
    return docs


class CorpusBuilder:
    """Varied copies of the seeds (see the module docstring)."""

    def __init__(self, seeds: Sequence[Doc], pipeline: Pipeline | None = None, seed: int = 2020) -> None:
        import opencc

        self.rng = random.Random(seed)
        self.pipeline = pipeline or Pipeline()
        self._s2t = opencc.OpenCC("s2t")
        self._t2s = opencc.OpenCC("t2s")
        self.names = _region_names(PatternStore())
        self.templates = [self._template(d) for d in seeds]

    def _template(self, doc: Doc) -> _Template:
        """Where a seed's regions, dates and quantities are (spans on the seed text)."""
        found = self.pipeline.extract(doc.text)
        spans: list[_Span] = []
        levels = self.names["level"]
        for r in found.regions:
            level = levels.get(r.value or "")
            if not level:
                continue
            form = "en" if r.text.isascii() else ("full" if r.text == self.names["name"].get(r.value) else "short")
            spans.append(_Span(r.start, r.end, "region", level, form))
        spans += [_Span(d.start, d.end, "date") for d in found.dates]
        spans += [_Span(q.start, q.end, "quantity") for q in found.quantities]
        # Keep spans apart: the first one wins where two overlap.
        kept: list[_Span] = []
        for s in sorted(spans, key=lambda s: (s.start, -s.end)):
            if not kept or s.start >= kept[-1].end:
                kept.append(s)
        return _Template(doc, tuple(kept))

    def variant(self, template: _Template, n: int) -> Doc:
        """One varied copy of a seed."""
        text = template.doc.text
        parts: list[str] = []
        last = 0
        for s in template.spans:
            parts.append(text[last:s.start])
            parts.append(self._vary(s, text[s.start:s.end]))
            last = s.end
        parts.append(text[last:])
        out = "".join(parts)
        if template.doc.lang == "zh":
            out = self._s2t.convert(out) if self.rng.random() < 0.5 else self._t2s.convert(out)
        return Doc(f"{template.doc.id}-v{n:05d}", out, template.doc.lang)

    def _vary(self, span: _Span, written: str) -> str:
        if span.kind == "region":
            pool = self.names[span.form].get(span.level) or []
            return self.rng.choice(pool) if pool else written
        if span.kind == "date":
            return _DIGITS.sub(lambda m: self._date_number(m.group()), written)
        return _DIGITS.sub(lambda m: self._digits(m.group()), written)

    def _date_number(self, digits: str) -> str:
        value = int(digits)
        if len(digits) == 4:
            return str(self.rng.randint(2015, 2025))
        if 1 <= value <= 12:
            new = self.rng.randint(1, 12)
        elif 13 <= value <= 31:
            new = self.rng.randint(13, 28)
        else:
            return digits
        return str(new).zfill(len(digits)) if digits.startswith("0") else str(new)

    def _digits(self, digits: str) -> str:
        first = "123456789" if len(digits) > 1 and digits[0] != "0" else "0123456789"
        return self.rng.choice(first) + "".join(self.rng.choice("0123456789") for _ in digits[1:])

    def documents(self) -> Iterator[Doc]:
        """Varied documents without end, cycling through the seeds."""
        n = 0
        while True:
            for t in self.templates:
                yield self.variant(t, n)
                n += 1

    def build(self, target_bytes: int) -> list[Doc]:
        """At least ``target_bytes`` of UTF-8 text, as whole documents."""
        docs: list[Doc] = []
        size = 0
        for doc in self.documents():
            if size >= target_bytes:
                break
            docs.append(doc)
            size += len(doc.data)
        return docs


def _region_names(store: PatternStore) -> dict[str, dict[str, object]]:
    """Division names by form and level, the level of each code, and each code's full name."""
    full: dict[str, list[str]] = {}
    short: dict[str, list[str]] = {}
    english: dict[str, list[str]] = {}
    level: dict[str, str] = {}
    name: dict[str, str] = {}
    for row in store.tsv("regions/divisions.tsv"):
        if row.get("valid_to") or row.get("level") not in ("province", "prefecture", "county"):
            continue
        level[row["code"]] = row["level"]
        name[row["code"]] = row["name"]
        full.setdefault(row["level"], []).append(row["name"])
        if len(row.get("short", "")) >= 2:
            short.setdefault(row["level"], []).append(row["short"])
    for row in store.tsv("regions/aliases.en.tsv"):
        lv = level.get(row["code"])
        if lv and row.get("note") in ("pinyin", "conventional") and row["alias"][:1].isupper():
            english.setdefault(lv, []).append(row["alias"])
    return {"full": full, "short": short, "en": english, "level": level, "name": name}  # type: ignore[dict-item]


def concatenated(docs: Sequence[Doc], copies: int) -> str:
    """One long document: ``docs`` joined, ``copies`` times (for growth in document size)."""
    one = "\n\n".join(d.text for d in docs)
    return "\n\n".join([one] * copies)
