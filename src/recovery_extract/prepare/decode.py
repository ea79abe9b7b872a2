"""Stage 1 - decode. Reads bytes; writes the original str and warnings.

Bytes with a BOM use it; valid UTF-8 (without NULs) is UTF-8.  Anything else is
decoded with every candidate codec (``patterns/normalise/encodings.yaml``) and
the most plausible text wins: each character of a sample is scored by class
(frequent Chinese characters, the common characters of the GB 2312 and Big5
standards, ASCII, news punctuation for; control, private-use and replaced bytes
against), so one damaged byte costs its character, never the whole document,
and no encoding is chosen because another one failed on a single byte.

Bytes the winning codec cannot decode become U+FFFD in place (the codec is not
switched), and the Document's warning names their byte offsets.  With
``strict`` any such byte raises :class:`~recovery_extract.errors.DecodeError`.
Text that was decoded with the wrong codec upstream (mojibake) is repaired with
ftfy.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Iterable, Iterator
from re import _constants as sre_constants  # type: ignore[attr-defined]
from dataclasses import dataclass
from itertools import repeat
from typing import Any

from ..errors import DecodeError
from ..data.chars import is_han
from ..data.patterns import PatternStore
from ..data import regex_cache

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HANDLER = "recovery_extract.record"
_SHOWN_OFFSETS = 10
_local = threading.local()


def _record(err: UnicodeError) -> tuple[str, int]:
    """Error handler: U+FFFD for the bad bytes, and their range noted for the warning."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    sink = getattr(_local, "sink", None)
    if sink is not None:
        sink.append((err.start, err.end))
    return "\ufffd", err.end


codecs.register_error(_HANDLER, _record)


@dataclass(frozen=True, slots=True)
class Decoding:
    """One codec's reading of some bytes: the text and the byte ranges it replaced."""

    encoding: str
    text: str
    replaced: tuple[tuple[int, int], ...]


def decode_with(data: bytes, encoding: str) -> Decoding:
    """``data`` decoded with ``encoding``, each run of bad bytes as U+FFFD, noted."""
    previous = getattr(_local, "sink", None)
    sink: list[tuple[int, int]] = []
    _local.sink = sink
    try:
        text = data.decode(encoding, _HANDLER)
    finally:
        _local.sink = previous
    return Decoding(codecs.lookup(encoding).name, text, tuple(sink))  # "utf_8" -> "utf-8"


@dataclass(frozen=True, slots=True)
class _Weights:
    """Score of each character class (``weights`` in the data file)."""

    frequent_han: int
    common_han: int
    other_han: int
    ascii: int
    punctuation: int
    other: int
    bad: int


class Plausibility:
    """How much a text looks like news, per character (higher is more plausible)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.weights = _Weights(**spec["weights"])
        self.frequent = _chars(spec["frequent_han"], spec["frequent_han_traditional"])
        self.punctuation = _chars(spec["punctuation"])
        self._table: dict[str, int] | None = None
        self._lock = threading.Lock()

    def table(self) -> dict[str, int]:
        """Character -> score, built on first use (only non-UTF-8 bytes need it)."""
        if self._table is None:
            with self._lock:
                if self._table is None:
                    self._table = self._build()
        return self._table

    def _build(self) -> dict[str, int]:
        w = self.weights
        table = {chr(c): w.other_han for c in range(0x4E00, 0xA000)}
        table.update(dict.fromkeys(_standard_common_han(), w.common_han))
        table.update(dict.fromkeys(self.frequent, w.frequent_han))
        table.update({chr(c): w.ascii for c in range(0x20, 0x7F)})
        table.update(dict.fromkeys("\t\n\r\f", w.ascii))
        table.update(dict.fromkeys(self.punctuation, w.punctuation))
        table.update({chr(c): w.punctuation for c in range(0xFF01, 0xFF5F)})  # fullwidth ASCII
        bad = [*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), *range(0x7F, 0xA0),
               *range(0xD800, 0xE000), *range(0xE000, 0xF900), *range(0xFDD0, 0xFDF0),
               0xFFFD, 0xFFFE, 0xFFFF]
        table.update({chr(c): w.bad for c in bad})
        return table

    def score(self, text: str) -> int:
        """Total over the characters: read as log-odds, so comparable between readings
        of the same bytes however many characters each makes of them; every replaced
        byte weighs ``bad`` however long the text (an average would drown it)."""
        return sum(map(self.table().get, text, repeat(self.weights.other)))


def _chars(*parts: str) -> frozenset[str]:
    return frozenset(c for part in parts for c in str(part) if not c.isspace())


def _standard_common_han() -> set[str]:
    """The characters the codec standards themselves call common: GB 2312 level 1
    (rows 16-55, 3,755 characters by frequency) and Big5 常用字 (A440-C67E, 5,401)."""
    found: set[str] = set()
    for lead in range(0xB0, 0xD8):
        found.update(_decodable((bytes((lead, t)) for t in range(0xA1, 0xFF)), "gb2312"))
    big5 = [bytes((lead, t)) for lead in range(0xA4, 0xC7)
            for t in (*range(0x40, 0x7F), *range(0xA1, 0xFF)) if (lead, t) <= (0xC6, 0x7E)]
    found.update(_decodable(big5, "big5"))
    # Han characters only (data/chars.py): GB 2312 and Big5 hold none outside U+4E00-U+9FFF
    return {c for c in found if is_han(c)}


def _decodable(pairs: Iterable[bytes], encoding: str) -> list[str]:
    out = []
    for pair in pairs:
        try:
            out.append(pair.decode(encoding))
        except UnicodeDecodeError:
            continue
    return out


class Decoder:
    """Bytes -> str with the project's encoding policy."""

    def __init__(self, store: PatternStore) -> None:
        spec = store.yaml("normalise/encodings.yaml")
        self.candidates: list[str] = list(spec["candidates"])
        self.sample_bytes = int(spec["sample_bytes"])
        self.recognised_mean = float(spec["recognised_mean"])
        self.plausibility = Plausibility(spec)

    def __call__(self, data: bytes, *, strict: bool = False) -> tuple[str, tuple[str, ...]]:
        """The decoded text and any warnings about it."""
        encoding, recognised = self.choose(data)
        decoded = decode_with(data, encoding)
        warnings: list[str] = []
        if not recognised:
            if strict:
                raise DecodeError(f"cannot decode {len(data)} bytes as any of {', '.join(self.candidates)}")
            warnings.append(f"encoding not recognised: bytes read as {encoding}, the least implausible")
        if decoded.replaced:
            if strict:
                raise DecodeError(f"invalid {decoded.encoding} bytes at byte offsets "
                                  f"{_offsets(decoded.replaced)}")
            warnings.append(f"invalid {decoded.encoding} bytes replaced with U+FFFD at byte offsets "
                            f"{_offsets(decoded.replaced)}")
        repaired = repair_mojibake(decoded.text)
        if repaired != decoded.text:
            warnings.append("mojibake repaired (text had been decoded with the wrong codec)")
        return repaired, tuple(warnings)

    def detect(self, data: bytes) -> str:
        """The codec for ``data``: its BOM's, UTF-8 when valid, else the most plausible."""
        return self.choose(data)[0]

    def choose(self, data: bytes) -> tuple[str, bool]:
        """The codec for ``data``, and whether its reading looks like text at all (a mean
        score per character of at least ``recognised_mean``) rather than mere least-bad."""
        for bom, name in _BOMS:
            if data.startswith(bom):
                return name, True
        if b"\x00" not in data:  # NULs in "valid UTF-8" mean UTF-16/32 without a BOM
            try:
                data.decode("utf-8")
                return "utf-8", True
            except UnicodeDecodeError:
                pass
        (score, name, chars), *_ = self.rank(data)
        return name, score >= self.recognised_mean * chars

    def rank(self, data: bytes) -> list[tuple[int, str, int]]:
        """Every candidate as (score, name, characters) on a sample of ``data``, best first
        (equal scores in the data file's order; a codec that cannot start is left out)."""
        sample = data[:self.sample_bytes]
        final = len(sample) == len(data)
        scored = []
        for name in self.candidates:
            try:  # the C 'replace' handler: no Python call per bad byte of a wrong codec
                text = codecs.getincrementaldecoder(name)("replace").decode(sample, final=final)
            except (UnicodeError, LookupError):  # e.g. UTF-32 wanting a BOM to start
                continue
            scored.append((self.plausibility.score(text), name, len(text)))
        scored.sort(key=lambda entry: -entry[0])  # stable: ties keep the file's order
        return scored or [(0, "utf-8", 0)]


def _offsets(ranges: tuple[tuple[int, int], ...]) -> str:
    """``12, 40-41`` (first few byte ranges, then how many more)."""
    shown = [str(a) if b - a == 1 else f"{a}-{b - 1}" for a, b in ranges[:_SHOWN_OFFSETS]]
    more = len(ranges) - _SHOWN_OFFSETS
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def repair_mojibake(text: str) -> str:
    """Undo a wrong decode upstream (``鍏ㄧ渷`` / ``Ã©``) with ftfy; otherwise unchanged.

    ftfy changes nothing unless its badness regex matches somewhere; :class:`MojibakeGate`
    proves cheaply that it cannot (ftfy's own whole-text search was 95 % of this stage).
    """
    if text.isascii() or not _mojibake_gate().may_be_bad(text):
        return text
    import ftfy

    return str(ftfy.fix_encoding(text))


#: Characters outside every class and literal of ftfy's badness regex that the gate checks
#: (ASCII, CJK symbols and punctuation, CJK ideographs, full-width forms): the bulk of a
#: Chinese or English page. :class:`MojibakeGate` verifies the claim on ftfy's regex itself.
_PLAIN_RANGES = ((0x0000, 0x007F), (0x3000, 0x303F), (0x3400, 0x9FFF), (0xFF00, 0xFFEF))


class MojibakeGate:
    """Where ftfy's badness regex (``ftfy.badness.BADNESS_RE``) can match, found cheaply.

    Each alternative of that regex holds one element (a literal or a class) made only of
    characters outside :data:`_PLAIN_RANGES` ("trigger" characters), and no match is longer
    than ``width``.  So every match lies within ``width`` characters of a trigger, and
    searching those windows only gives the same answer as searching the whole text.  The
    gate checks both facts on the parsed regex when it is built; if ftfy's regex ever
    breaks them (or uses lookaround or ``$``), the gate searches the whole text instead.

    Most alternatives hold two such elements a known distance apart (:class:`_TriggerPairs`),
    so the windows are needed only around a trigger that the other element of some
    alternative can follow at that distance (curly quotes and pinyin tone marks, the
    triggers of a normal page, stand alone) or around a character of an alternative with a
    single such element.
    """

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        plain = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _PLAIN_RANGES)
        self.triggers = re.compile(f"[^{plain}]")
        # The analysis parses ftfy's regex twice (tens of milliseconds): kept in the cache.
        found = regex_cache.cached_value(("mojibake-gate", 1, pattern.pattern, int(pattern.flags), plain),
                                         lambda: _analysis(pattern, plain))
        self.width: int | None = found["width"]  # None: cannot gate
        self.pairs = None if found["pairs"] is None else _TriggerPairs.from_data(found["pairs"])

    def may_be_bad(self, text: str) -> bool:
        """``bool(pattern.search(text))``, searching only near trigger characters."""
        if self.width is None:
            return self.pattern.search(text) is not None
        if self.pairs is None:
            return self._search_near(text, (m.start() for m in self.triggers.finditer(text)))
        return self._search_near(text, self.pairs.starts(text))

    def _search_near(self, text: str, positions: Iterable[int]) -> bool:
        """Whether the pattern matches within ``width`` characters of one of ``positions``
        (ascending)."""
        assert self.width is not None
        w, size = self.width, len(text)
        lo = hi = -1
        for p in positions:
            if p - w > hi:  # a new window: search the previous one
                if hi >= 0 and self.pattern.search(text, lo, hi) is not None:
                    return True
                lo = max(0, p - w)
            hi = min(size, p + w)
        return hi >= 0 and self.pattern.search(text, lo, hi) is not None


@dataclass(frozen=True, slots=True)
class _TriggerPairs:
    """The first two trigger-only elements of each alternative of a gated pattern.

    A match of an alternative with two such elements puts a character of the first (``X``)
    at some position ``p`` and one of the second (``Y``) at ``p + d``, ``d`` within the
    alternative's gap range (the widths of what stands between).  ``first``/``second`` map a
    character to the bit set of alternatives whose ``X``/``Y`` holds it, ``gaps[d]`` is the
    bit set of alternatives that allow gap ``d``; ``single`` holds the characters of the
    alternatives with only one trigger-only element.  Every match then holds a ``single``
    character or an alternative's ``X`` at a position :meth:`starts` yields.
    """

    single: frozenset[str]
    scan: Any
    first: dict[str, int]
    second: dict[str, int]
    gaps: tuple[int, ...]

    @classmethod
    def of(cls, pattern: Any, width: int, plain: str) -> _TriggerPairs | None:
        """The pairs of ``pattern`` (already accepted by :func:`_gate_width`), or None when
        an element is too large to list."""
        from re import _parser as parser  # type: ignore[attr-defined]

        tree = parser.parse(pattern.pattern, pattern.flags)
        items = list(tree)
        branches = items[0][1][1] if len(items) == 1 and items[0][0] is sre_constants.BRANCH else [tree]
        single: set[str] = set()
        first: dict[str, int] = {}
        second: dict[str, int] = {}
        gaps = [0] * width
        for bit, branch in enumerate(branches):
            found: list[tuple[int, set[str]]] = []  # (item index, characters)
            for i, item in enumerate(branch):
                chars = _trigger_chars(*item)
                if chars is None:
                    continue
                if len(chars) > _MAX_ELEMENT:
                    return None
                found.append((i, chars))
                if len(found) == 2:
                    break
            if not found:
                return None  # _gate_width refuses such a pattern; stay safe
            if len(found) == 1:
                single |= found[0][1]
                continue
            (i, xs), (j, ys) = found
            between = [parser.SubPattern(tree.state, [item]).getwidth() for item in branch.data[i + 1:j]]
            low = 1 + sum(lo for lo, _ in between)
            high = min(width - 1, 1 + sum(hi for _, hi in between))
            for c in xs:
                first[c] = first.get(c, 0) | 1 << bit
            for c in ys:
                second[c] = second.get(c, 0) | 1 << bit
            for d in range(low, high + 1):
                gaps[d] |= 1 << bit
        reach = max((d for d, g in enumerate(gaps) if g), default=1)
        # One pass: a trigger another trigger follows within reach, or a single's character.
        lone = "|(?<=[" + "".join(map(re.escape, sorted(single))) + "])" if single else ""
        scan = re.compile(f"[^{plain}](?:(?=[\\s\\S]{{0,{reach - 1}}}[^{plain}]){lone})")
        return cls(frozenset(single), scan, first, second, tuple(gaps))

    def data(self) -> dict[str, Any]:
        """The pairs as plain data (for the compiled-regex cache)."""
        return {"single": sorted(self.single), "scan": self.scan.pattern, "first": self.first,
                "second": self.second, "gaps": list(self.gaps)}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> _TriggerPairs:
        """The pairs :meth:`data` wrote."""
        return cls(frozenset(data["single"]), re.compile(data["scan"]), dict(data["first"]),
                   dict(data["second"]), tuple(data["gaps"]))

    def starts(self, text: str) -> Iterator[int]:
        """Ascending positions of a ``single`` character or of a trigger that begins some
        alternative's pair in ``text``."""
        single, first, second, gaps = self.single, self.first, self.second, self.gaps
        size = len(text)
        for m in self.scan.finditer(text):
            p = m.start()
            c = text[p]
            if c in single:
                yield p
                continue
            mask = first.get(c, 0)
            if not mask:
                continue
            for q in range(p + 1, min(size, p + len(gaps))):
                if mask & gaps[q - p] & second.get(text[q], 0):
                    yield p
                    break


#: Characters listed per trigger-only element at most (ftfy's largest class holds about 200).
_MAX_ELEMENT = 4096


def _trigger_chars(op: Any, av: Any) -> set[str] | None:
    """The characters of a trigger-only element (a literal or class wholly outside
    :data:`_PLAIN_RANGES`), or None for any other item."""
    if op is sre_constants.LITERAL:
        return None if _plain(av, av) else {chr(av)}
    if op is not sre_constants.IN:
        return None
    out: set[str] = set()
    for o, a in av:
        if o is sre_constants.LITERAL and not _plain(a, a):
            out.add(chr(a))
        elif o is sre_constants.RANGE and not _plain(*a):
            if a[1] - a[0] >= _MAX_ELEMENT:
                return {chr(c) for c in range(a[0], a[0] + _MAX_ELEMENT + 1)}  # too large: refused
            out.update(map(chr, range(a[0], a[1] + 1)))
        else:
            return None
    return out


def _gate_width(pattern: Any) -> int | None:
    """The longest match of ``pattern`` if every alternative holds a trigger-only element
    and it uses nothing that reads past a match (lookaround, ``$``, ``\\b``); else None."""
    from re import _constants as sre, _parser as parser  # type: ignore[attr-defined]

    if pattern.flags & re.IGNORECASE:
        return None  # a literal would match its case variants too
    try:
        tree = parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a pattern this analysis does not know: no gate
        return None
    items = list(tree)
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is sre.BRANCH else [tree]

    def trigger_only(op: Any, av: Any) -> bool:
        if op is sre.LITERAL:
            return not _plain(av, av)
        if op is sre.IN:
            return all((o is sre.LITERAL and not _plain(a, a)) or (o is sre.RANGE and not _plain(*a)) for o, a in av)
        return False

    def reads_outside(sub: Any) -> bool:
        for op, av in sub:
            if op in (sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF, sre.GROUPREF_EXISTS) or (
                    op is sre.AT and av is not sre.AT_BEGINNING):
                return True
            if op is sre.BRANCH and any(reads_outside(b) for b in av[1]):
                return True
            if op is sre.SUBPATTERN and reads_outside(av[-1]):
                return True
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and reads_outside(av[2]):
                return True
        return False

    if reads_outside(tree) or not all(any(trigger_only(op, av) for op, av in b) for b in branches):
        return None
    width = int(tree.getwidth()[1])
    return width if width < 1000 else None


def _analysis(pattern: Any, plain: str) -> dict[str, Any]:
    """What :class:`MojibakeGate` reads off ``pattern``, as plain data."""
    width = _gate_width(pattern)
    pairs = None if width is None else _TriggerPairs.of(pattern, width, plain)
    return {"width": width, "pairs": None if pairs is None else pairs.data()}


def _plain(lo: int, hi: int) -> bool:
    """Whether the code points ``lo..hi`` meet :data:`_PLAIN_RANGES`."""
    return any(lo <= b and a <= hi for a, b in _PLAIN_RANGES)


_GATE: MojibakeGate | None = None


def _mojibake_gate() -> MojibakeGate:
    """The gate over ftfy's badness regex, built on first use (ftfy is imported lazily)."""
    global _GATE
    if _GATE is None:
        from ftfy.badness import BADNESS_RE

        _GATE = MojibakeGate(BADNESS_RE)
    return _GATE


def looks_like_mojibake(text: str) -> bool:
    """True when ftfy would change the text's encoding (for a warning on str input)."""
    return repair_mojibake(text) != text


def clean_surrogates(text: str) -> str:
    """Lone surrogates (from ``surrogateescape`` or broken JSON) cannot be encoded: each
    becomes U+FFFD, one character for one, so that every offset stays the same."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
