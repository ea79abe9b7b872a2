"""Large word lists (gazetteer names) matched at a cost that does not grow with the list.

The ``regex`` module compiles a named list (``\\L<name>``) into one branch per
word and tries the branches one after another, so a 6,000-name gazetteer costs
tens of microseconds at every position it is tried.  This module gives the
same matches three cheaper ways:

- :class:`WordIndex` finds where a word of the list may start with one pass of a
  stdlib ``re`` character class (a table lookup per character) and a set lookup
  of the word's first characters at each hit: a superset of the true starts,
  cheap to narrow down.  For a case-sensitive list it also finds the longest
  word at a position with dict lookups (what ``\\L<name>`` picks).
- :func:`trie_regex` writes the list as nested alternatives keyed by character,
  wide fan-outs split by code-point range: a drop-in for ``\\L<name>`` inside a
  larger pattern (same matches, same backtracking order), whose cost depends on
  the words' length, not their number.
- :func:`gated_finditer` runs an exact pattern only at given candidate
  positions and reproduces ``pattern.finditer`` (leftmost, non-overlapping).
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

import regex

from . import regex_cache

_END = ""
FANOUT = 16  # alternatives tried one by one before a trie node is split by code-point range
PREFIX = 3  # characters of a word looked up at a candidate start (fewer for shorter words)
# An ASCII word character or apostrophe/hyphen before a position: no word of an English list
# starts there.  A subset of what ``(?<![\w'’‘-])`` rejects, so scanning with it loses no start.
_ASCII_WORD_BEFORE = r"(?<![0-9A-Za-z_'’‘-])"


class WordIndex:
    """Where the words of a list start in a text, and (case-sensitive lists) the longest one there."""

    def __init__(self, words: Iterable[str], *, ignore_case: bool = False, word_start: bool = False) -> None:
        """``ignore_case``: words match case-insensitively (compared case-folded);
        ``word_start``: words only count at the start of an (ASCII) word."""
        self.ignore_case = ignore_case
        fold = str.casefold if ignore_case else str
        self.words = frozenset(fold(w) for w in words if w)
        self.prefix = min([PREFIX, *map(len, self.words)]) if self.words else 1
        self.prefixes = frozenset(w[:self.prefix] for w in self.words)
        self.lengths: dict[str, tuple[int, ...]] = {}  # prefix -> word lengths, longest first
        for w in self.words:
            self.lengths[w[:self.prefix]] = (*self.lengths.get(w[:self.prefix], ()), len(w))
        self.lengths = {k: tuple(sorted(set(v), reverse=True)) for k, v in self.lengths.items()}
        # Case-insensitive lists: the case variants are written into the classes, which keeps
        # them bitmaps (``re`` folds every character it tests under IGNORECASE, 5x slower).
        body = _scan_body(self.words, ignore_case) if self.words else "(?!)"
        self._scan = regex_cache.compile_re_source((_word_before(ignore_case) if word_start else "") + body)

    def __len__(self) -> int:
        return len(self.words)

    def starts(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[int]:
        """Positions in ``[pos, endpos)`` where a word may start (every true start is among them)."""
        end = len(text) if endpos is None else endpos
        k, prefixes = self.prefix, self.prefixes
        if self.ignore_case:
            for m in self._scan.finditer(text, pos, end):
                i = m.start()
                if text[i:i + k].casefold()[:k] in prefixes:
                    yield i
        else:
            for m in self._scan.finditer(text, pos, end):
                i = m.start()
                if text[i:i + k] in prefixes:
                    yield i

    def longest_at(self, text: str, i: int, endpos: int | None = None) -> int:
        """End of the longest word at ``i`` (ending by ``endpos``), or -1 (case-sensitive lists)."""
        end = len(text) if endpos is None else endpos
        for n in self.lengths.get(text[i:i + self.prefix], ()):
            if i + n <= end and text[i:i + n] in self.words:
                return i + n
        return -1

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each word, longest at a position, left to right without overlaps:
        the matches of ``\\L<words>``."""
        last = pos
        for i in self.starts(text, pos, endpos):
            if i < last:
                continue
            end = self.longest_at(text, i, endpos)
            if end > 0:
                yield i, end
                last = end


def finditer_before(pattern: Any, text: str, pos: int, end: int, stop: int,
                    candidates: Iterable[int] | None = None) -> Iterator[Any]:
    """``pattern.finditer(text, pos, end)`` up to the first match starting at or after ``stop``,
    tried only at ``candidates`` (ascending, all below ``stop``) when given; a ``regex``
    pattern keeps the GIL (not overlapped, not concurrent), as :func:`gated_finditer` does.
    What the literal gates return: their candidate starts, or None for a text they cannot read."""
    if candidates is not None:
        return gated_finditer(pattern, text, candidates, pos, end)
    found = pattern.finditer(text, pos, end, False, False) if isinstance(pattern, regex.Pattern) \
        else pattern.finditer(text, pos, end)
    return _until(found, stop)


def _until(matches: Iterator[Any], stop: int) -> Iterator[Any]:
    for m in matches:
        if m.start() >= stop:
            return
        yield m


def gated_finditer(pattern: Any, text: str, candidates: Iterable[int], pos: int = 0,
                   endpos: int | None = None) -> Iterator[Any]:
    """``pattern.finditer(text, pos, endpos)``, trying only ``candidates`` (ascending).

    Exact when every position where ``pattern`` can match is a candidate. A ``regex``
    pattern is called with ``concurrent=False`` (positionally: a keyword costs as much as
    it saves), so that a thousand short calls do not each release and retake the GIL;
    other threads still run between them.
    """
    end = len(text) if endpos is None else endpos
    last = pos
    if isinstance(pattern, regex.Pattern):
        for i in candidates:
            if i < last:
                continue
            m = pattern.match(text, i, end, False)
            if m is not None:
                yield m
                last = m.end() if m.end() > i else i + 1
        return
    for i in candidates:
        if i < last:
            continue
        m = pattern.match(text, i, end)
        if m is not None:
            yield m
            last = m.end() if m.end() > i else i + 1


#: A trie node: each next character to its node ("" marks a word end, as ``_END``).
_Node = dict[str, "_Node"]


def trie_regex(words: Iterable[str], *, fanout: int = FANOUT) -> str:
    """Regex source (a non-capturing group) with the matches of ``\\L<words>``.

    At a position it tries the matching words longest first and, on
    backtracking, the next shorter one: all words that match at one position are
    prefixes of each other, and the trie tries every continuation before stopping.
    Under a case-insensitive pattern each character is an ordinary literal, as in
    a named list.  (Under full case folding a named list also lets one text
    character stand for two word characters, ``ß`` for ``ss``; the trie only does
    so inside one run of its branches.)
    """
    root: _Node = {}
    for word in words:
        if not word:
            continue
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not root:
        return "(?!)"
    return "(?:" + _alternatives(root, fanout) + ")"


def _continuation(node: _Node, fanout: int) -> str:
    """What may follow once ``node`` is reached (``""`` at a leaf)."""
    if not any(c != _END for c in node):
        return ""
    body = _alternatives(node, fanout)
    if _END in node:
        # Longer words first, then stop here.  Not ``(?:...)?``: a ``?`` is a repeat, and
        # ``regex`` resets every repeat of the pattern at each position it tries.
        return f"(?:{body}|)"
    return f"(?:{body})"


def _alternatives(node: _Node, fanout: int) -> str:
    """One alternative per child character, range-split when the node is wide."""
    parts = []
    for char in sorted(c for c in node if c != _END):
        run, child = char, node[char]
        while _END not in child and len(child) == 1:  # a chain of single children is one literal
            (nxt, child), = child.items()
            run += nxt
        parts.append((char, regex.escape(run) + _continuation(child, fanout)))
    return _split(parts, fanout)


def _split(parts: list[tuple[str, str]], fanout: int) -> str:
    if len(parts) <= fanout:
        return "|".join(p for _, p in parts)
    mid = len(parts) // 2
    return "|".join(f"(?=[{_code(half[0][0])}-{_code(half[-1][0])}])(?:{_split(half, fanout)})"
                    for half in (parts[:mid], parts[mid:]))


def _scan_body(words: frozenset[str], ignore_case: bool, *, variants: bool = True) -> str:
    """An ``re`` pattern for "a word may start here": its first character, then (words of two
    or more characters) one of the second characters.  Case-insensitive: also any character
    whose case folding is several characters (``ß``), which the classes cannot vouch for, and
    (``variants``) every case variant of the classes' characters, so that the pattern needs
    no IGNORECASE (without ``variants`` it is meant for ``re.IGNORECASE``)."""
    widen = _with_variants if ignore_case and variants else set
    multi = widen(set(_multi_folding())) if ignore_case else set()
    body = _char_class(widen({w[0] for w in words}))
    if min(map(len, words)) >= 2:
        body += f"(?={_char_class(widen({w[1] for w in words}) | multi)})"
    return f"(?:{body}|{_char_class(multi)})" if multi else body


@functools.lru_cache(maxsize=2)
def _word_before(ignore_case: bool) -> str:
    """``_ASCII_WORD_BEFORE`` for a scan without IGNORECASE: with ``ignore_case``, the
    characters that flag made it reject too (K, ſ, ı, İ)."""
    if not ignore_case:
        return _ASCII_WORD_BEFORE
    chars = {chr(c) for c in range(0x30, 0x3A)} | {chr(c) for c in range(0x41, 0x5B)} | set("_'’‘-")
    return f"(?<!{_char_class(_with_variants(chars))})"


def _with_variants(chars: set[str]) -> set[str]:
    """``chars`` and every character ``re.IGNORECASE`` matches one of them with (what the
    scan matched when it ran under that flag): found by running the class over the BMP,
    where all case pairs of BMP characters lie; a cased character beyond it adds its own
    case forms."""
    out = set(chars)
    out.update(re.compile(_char_class(chars), re.IGNORECASE).findall(_bmp()))
    for c in chars:
        if ord(c) > 0xFFFF:
            out.update(f for f in (c.lower(), c.upper(), c.casefold()) if len(f) == 1)
    return out


@functools.lru_cache(maxsize=1)
def _bmp() -> str:
    """Every character of the Basic Multilingual Plane, in order."""
    return "".join(map(chr, range(0x10000)))


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _code(char: str) -> str:
    return f"\\U{ord(char):08x}"


@functools.lru_cache(maxsize=1)
def _multi_folding() -> tuple[str, ...]:
    """The characters whose case folding is longer than one character (all in the BMP)."""
    return tuple(c for c in map(chr, range(0x10000)) if len(c.casefold()) > 1)


# ------------------------------------------------------------------ first-character gates
#: Code-point ranges that hold no decimal digit (``\d``) and no character matching an ASCII
#: letter case-insensitively: general punctuation, CJK symbols and ideographs, full-width
#: punctuation and letters (full-width digits U+FF10-FF19 excluded).  Checked character by
#: character against ``regex`` by tests/test_speed_speed_s2_gates.py.
LATIN_FREE = ((0x2000, 0x206F), (0x3000, 0x9FFF), (0xFF01, 0xFF0F), (0xFF1A, 0xFFEF))


class StartGate:
    """Positions where a pattern whose matches begin with known characters may start.

    ``chars``: characters a match can begin with (any non-ASCII one outside
    :data:`LATIN_FREE` is also a candidate, so a pattern beginning with ``\\d``, any
    Unicode digit, loses no start); ``words``: a match beginning with any other character
    begins with one of these words (case-insensitively with ``ignore_case``; the Kelvin
    sign is a ``k``), of which the first :data:`PREFIX` characters are checked;
    ``word_before``: no candidate right after an ASCII word character or one of these
    (a subset of what a lookbehind ``(?<![\\w...])`` rejects).  One ``re`` scan, no
    Python per candidate.
    """

    def __init__(self, chars: Iterable[str], *, ignore_case: bool, word_before: str | None = None,
                 words: Iterable[str] = ()) -> None:
        prefixes = {(w.casefold() if ignore_case else w)[:PREFIX] for w in words if w}
        widen = _variants_among(set(chars) | {c for w in prefixes for c in w}) if ignore_case else set
        other, low = [], 0x80
        for lo, hi in LATIN_FREE:
            other.append(f"{_code(chr(low))}-{_code(chr(lo - 1))}")
            low = hi + 1
        other.append(f"{_code(chr(low))}-{_code(chr(0x10FFFF))}")
        single = "[" + "".join(re.escape(c) for c in sorted(widen(set(chars)))) + "".join(other) + "]"
        first = "[" + "".join(re.escape(c) for c in sorted(widen({w[0] for w in prefixes}) | widen(set(chars)))) \
            + "".join(other) + "]"
        before = "" if word_before is None else "(?<![0-9A-Za-z_" + re.escape(word_before) + "])"
        body = single + (f"|(?={_prefix_trie(prefixes, widen)})" if prefixes else "")
        # the first character's class first: ``re`` skips to it without trying the rest
        self._scan = regex_cache.compile_re_source(f"(?={first}){before}(?:{body})")

    def starts(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[int]:
        """Ascending candidate positions in ``[pos, endpos)``."""
        for m in self._scan.finditer(text, pos, len(text) if endpos is None else endpos):
            yield m.start()


def _variants_among(chars: set[str]) -> Any:
    """``_with_variants`` for subsets of ``chars``, from one scan of the BMP for all of them."""
    found = _with_variants(chars)

    def widen(subset: set[str]) -> set[str]:
        return {v for c in subset for v in found if v == c or re.fullmatch(re.escape(c), v, re.IGNORECASE)} | subset

    return widen


def _prefix_trie(prefixes: set[str], widen: Any) -> str:
    """An ``re`` alternation matching the start of a text beginning with one of ``prefixes``
    (each character as the class of its variants); a prefix that is a whole word ends its branch."""
    root: _Node = {}
    for w in prefixes:
        node = root
        for char in w:
            node = node.setdefault(char, {})
        node[_END] = {}

    def emit(node: _Node) -> str:
        if _END in node:
            return ""  # this prefix already qualifies: longer ones add nothing
        alts = [_char_class(widen({char})) + emit(child) for char, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


# ------------------------------------------------------------------ first characters of a pattern
class _AnyChar(Exception):
    """A pattern element that may begin with any character (or one this analysis does not model)."""


#: Syntax of ``regex`` that the stdlib parser reads differently or not at all: nested sets and
#: set operations, properties, named lists, fuzzy matching, inline flag groups other than the
#: leading ``(?-f)``.
_FOREIGN = re.compile(r"\[\[|--|&&|\|\||~~|\\[pPLNXGKmM]|\{[^}]*[<=~]"
                      r"|(?<!\\)\((?:\?(?:[a-zA-Z]+-?[a-zA-Z]*|-[a-zA-Z]+)[:)]|\?[|&R0-9(]|\?P>)")


def first_chars_gate(pattern: Any) -> re.Pattern[str] | None:
    """An ``re`` class matching every character a match of ``pattern`` (a compiled ``regex``
    pattern without IGNORECASE) can begin with; None when that cannot be told (a match may
    be empty or begin with any character, or the pattern uses syntax the stdlib parser does
    not read the same way).  Scanning for the class finds a superset of the match starts,
    for :func:`gated_finditer`; zero-width assertions count as nothing (a superset)."""
    parsing = _stdlib_parser()
    if parsing is None:
        return None
    parser, c = parsing
    source = str(pattern.pattern)
    source = source.removeprefix("(?-f)")
    if pattern.flags & regex.IGNORECASE or _FOREIGN.search(source):
        return None
    try:
        tree = parser.parse(source)
        chars, nullable = _first(list(tree), c)
    except (_AnyChar, re.error, RecursionError, AttributeError):
        return None
    if nullable or not chars:
        return None
    return re.compile("[" + "".join(sorted(chars)) + "]")


@functools.lru_cache(maxsize=1)
def _stdlib_parser() -> tuple[Any, Any] | None:
    """The stdlib's regex parser and its constants (private, untyped modules: ``re._parser`` from
    Python 3.11, ``sre_parse`` before), or None."""
    import warnings

    for parser, constants in (("re._parser", "re._constants"), ("sre_parse", "sre_constants")):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                return importlib.import_module(parser), importlib.import_module(constants)
        except ImportError:
            continue
    return None


def _first(items: list[Any], c: Any) -> tuple[set[str], bool]:
    """(class items a sequence can begin with, whether it can match empty)."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_one(op, av, c)
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_one(op: Any, av: Any, c: Any) -> tuple[set[str], bool]:
    if op is c.LITERAL:
        return {re.escape(chr(av))}, False
    if op is c.IN:
        return _first_class(av, c), False
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return set(), True
    if op is c.SUBPATTERN:
        _group, add, remove, body = av
        if (add | remove) & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_VERBOSE | c.SRE_FLAG_DOTALL):
            raise _AnyChar
        return _first(list(body), c)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _first(list(av), c)
    if op is c.BRANCH:
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            chars, empty = _first(list(branch), c)
            out |= chars
            nullable = nullable or empty
        return out, nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
        low, _high, body = av
        chars, empty = _first(list(body), c)
        return chars, empty or low == 0
    raise _AnyChar


def _first_class(items: list[Any], c: Any) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is c.RANGE:
            out.add(f"{_code(chr(av[0]))}-{_code(chr(av[1]))}")
        elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
            out |= _unicode_digits()
        elif op is c.CATEGORY and av is c.CATEGORY_SPACE:
            out |= _unicode_spaces()
        else:
            raise _AnyChar  # a negated class, \w, \S ...
    return out


@functools.lru_cache(maxsize=1)
def _unicode_digits() -> frozenset[str]:
    """Class items holding every ``\\d`` of ``regex``: ASCII digits and every non-ASCII
    character outside :data:`LATIN_FREE` (which holds no digit)."""
    items, low = {"0-9"}, 0x80
    for lo, hi in LATIN_FREE:
        items.add(f"{_code(chr(low))}-{_code(chr(lo - 1))}")
        low = hi + 1
    items.add(f"{_code(chr(low))}-{_code(chr(0x10FFFF))}")
    return frozenset(items)


@functools.lru_cache(maxsize=1)
def _unicode_spaces() -> frozenset[str]:
    """Class items holding every ``\\s`` of ``regex`` (all are ``str.isspace``, all below U+3001)."""
    return frozenset(_code(ch) for ch in map(chr, range(0x3001)) if ch.isspace())
