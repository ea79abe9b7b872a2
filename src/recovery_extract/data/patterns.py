"""Load the data under ``patterns/``: YAML grammar files and TSV lexicons.

All language knowledge lives there (see ``patterns/README.md``).  This module
finds the folder (inside an installed wheel, or at the top of a source
checkout), parses files once, resolves ``{piece}`` references in regexes (in any
order, with cycle detection) and compiles them with the ``regex`` module.
Errors name the file, the line and the key.
"""

from __future__ import annotations

import bisect
import functools
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

import regex

from . import regex_cache
from .chars import is_cased
from .word_index import finditer_before, gated_finditer
from ..errors import PatternError

_REF = regex.compile(r"\{([a-z_][a-z0-9_]*)\}")
_T = TypeVar("_T")
FLAGS = regex.VERSION1 | regex.IGNORECASE


def data_dir() -> Path:
    """The ``patterns/`` folder: packaged copy first, then the source tree."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "patterns", package.parents[1] / "patterns"):
        if (candidate / "README.md").is_file():
            return candidate
    raise PatternError("cannot find the patterns/ folder (package data missing)")


@dataclass(frozen=True, slots=True)
class PatternEntry:
    """One named pattern of a YAML grammar file."""

    id: str
    regex: str
    compiled: Any
    source: str
    examples: tuple[str, ...] = ()
    negatives: tuple[str, ...] = ()
    attrs: Mapping[str, Any] = field(default_factory=dict)


def resolve_refs(pieces: Mapping[str, str], source: str = "?") -> dict[str, str]:
    """Expand ``{name}`` references between pieces; reject cycles and unknowns."""
    done: dict[str, str] = {}

    def expand(name: str, stack: tuple[str, ...]) -> str:
        if name in done:
            return done[name]
        if name in stack:
            raise PatternError(f"{source}: cycle in pieces: {' -> '.join(stack + (name,))}")
        if name not in pieces:
            raise PatternError(f"{source}: unknown piece {{{name}}} (used by {stack[-1] if stack else '?'})")
        body = _REF.sub(lambda m: expand(m.group(1), stack + (name,)), str(pieces[name]))
        done[name] = body
        return body

    for name in pieces:
        expand(name, ())
    return done


def expand(pattern: str, pieces: Mapping[str, str], source: str = "?") -> str:
    """Substitute resolved pieces into one regex."""

    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in pieces:
            raise PatternError(f"{source}: unknown piece {{{name}}}")
        return pieces[name]

    return _REF.sub(sub, pattern)


def simple_case(pattern: str, flags: int) -> str:
    """``pattern`` with simple case folding only, when it is matched case-insensitively.

    VERSION1 turns on full case folding with IGNORECASE (``ß`` ~ ``ss``), which
    makes every run of ``s`` ambiguous: ``[a-z]\\w*`` before a word list holding
    ``ss`` backtracks exponentially on ``SSSS...`` (found by fuzzing; see
    tests/test_backtracking.py). News text needs no full folding.
    """
    return "(?-f)" + pattern if flags & regex.IGNORECASE else pattern


def match_at(compiled: Any, text: str, pos: int, reach: int) -> Any:
    """``compiled.match(text, pos)``, reading at most ``reach`` characters past ``pos``.

    Not only a bound: before trying a match, ``regex`` looks for the pattern's required
    literal (个 in 个月) up to ``endpos``, so without one every call scans to the end of
    the text, and a long text with many figures and no 个 took quadratic time.
    A ``regex`` pattern keeps the GIL (``concurrent=False``, positionally: see
    :mod:`.held_matches`): a call reads a few characters, the mutex round trip cost more.
    """
    if type(compiled) is regex.Pattern:
        return compiled.match(text, pos, min(len(text), pos + reach), False)
    return compiled.match(text, pos, min(len(text), pos + reach))


# ---------------------------------------------------------------- case-free patterns
# ``IGNORECASE`` makes ``regex`` compute the case variants of every character it compares,
# 2-3x the work of a plain match.  A pattern that can only match case-free characters the
# same way either way (a Chinese numeral, 备案号|许可证) is compiled without the flag.  The
# analysis is conservative: whatever it does not understand counts as cased, which only
# keeps the flag (never changes a match).
#
# Syntax that holds letters but matches no letter: escapes of character classes and
# anchors, group names, calls, conditions, inline flags and verbs.
_CASE_TOKEN = re.compile(r"""
    \\(?P<prop>[pP])(?:\{\^?(?P<pname>[^}]*)\}|(?P<pchar>\w))
  | \\x(?:\{(?P<xb>[0-9a-fA-F]+)\}|(?P<x>[0-9a-fA-F]{2}))
  | \\u(?P<u>[0-9a-fA-F]{4}) | \\U(?P<U>[0-9a-fA-F]{8})
  | \\L<(?P<list>\w+)>
  | \\(?P<meta>[AbBdDfGnrsStvwWXZ])
  | \\(?P<other>[^A-Za-z0-9])
  | \\(?P<unknown>.)
  | (?P<syntax>\(\?(?:P?<(?![=!])\w+>|&\w+\)|P>\w+\)|\(\w+\)|R\)|[a-zA-Z]*(?:-[a-zA-Z]+)?[:)]|<[=!]|[=!>|])
              | \(\*[A-Z]+\))
  | (?P<open>\[) | (?P<close>\])
  | (?P<minus>-)
  | (?P<char>.)
""", re.VERBOSE | re.DOTALL)
# Properties whose set holds every case variant of its members and no cased character
# (``\p{Lu}`` under IGNORECASE also matches ``a``; ``\p{L}`` is closed but ``\p{Latin}``
# holds the Kelvin sign): CJK scripts and the number, punctuation and separator categories.
_CASELESS_PROPERTIES = frozenset(
    "han hani hiragana hira katakana kana hangul hang bopomofo bopo "
    "n nd nl no number decimalnumber digit p pc pd ps pe pi pf po punct punctuation z zs zl zp "
    "separator spaceseparator".split())
# Code-point blocks that hold no cased character (tests/test_speed_case.py checks each
# against Python's case mappings and ``regex``): a class range inside one is case-free.
# Other ranges are case-free only when short enough to check character by character.
_CASELESS_BLOCKS = (
    (0x0000, 0x0040),  # controls, space, digits, ASCII punctuation
    (0x005B, 0x0060),
    (0x007B, 0x00A9),  # ASCII punctuation, Latin-1 punctuation (ª at 0xAA is a letter)
    (0x2000, 0x206F),  # general punctuation
    (0x2190, 0x23FF),  # arrows, mathematical operators, technical
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3000, 0x312F),  # CJK symbols and punctuation, kana, bopomofo
    (0x3190, 0x31FF),
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF01, 0xFF20),  # full-width punctuation and digits (Ａ is at 0xFF21)
    (0x20000, 0x3FFFF),  # CJK extensions B-H
)
_BLOCK_STARTS = tuple(lo for lo, _ in _CASELESS_BLOCKS)
_SHORT_RANGE = 256


def _cased_range(lo: int, hi: int) -> bool:
    """Whether a class range ``[lo-hi]`` may hold a cased character."""
    i = bisect.bisect_right(_BLOCK_STARTS, lo) - 1
    if i >= 0 and hi <= _CASELESS_BLOCKS[i][1]:
        return False
    if hi - lo > _SHORT_RANGE:
        return True
    return any(is_cased(chr(c)) for c in range(lo, hi + 1))


_HEX = frozenset({"xb", "x", "u", "U"})


def has_case(pattern: str, named_lists: Mapping[str, Iterable[str]] | None = None) -> bool:
    """Whether ``pattern`` may match differently with ``IGNORECASE`` than without.

    False only when every literal, class range, property and named-list word of it is
    case-free and it holds no back-reference (which compares case-insensitively).
    """
    lists = named_lists or {}
    previous: str | None = None  # the last single character, for a range ``a-z``
    pending_range = False
    depth = 0  # inside how many (nested) character classes
    for m in _CASE_TOKEN.finditer(pattern):
        kind = m.lastgroup
        if kind == "char" or kind == "other" or kind in _HEX:
            char = m.group(kind)
            if kind in _HEX:
                code = int(char, 16)
                if code > 0x10FFFF:
                    return True
                char = chr(code)
            if pending_range and previous is not None:
                if previous > char or _cased_range(ord(previous), ord(char)):
                    return True
            elif is_cased(char):
                return True
            previous, pending_range = char, False
            continue
        if kind == "minus":
            pending_range = previous is not None
            continue
        previous, pending_range = None, False
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "syntax":
            if depth and any(c.isalpha() for c in m.group()):
                return True  # ``[(?i)]`` holds the letter i: not syntax inside a class
        elif kind == "pname" or kind == "pchar":
            name = m.group(kind).lower().replace("_", "").replace(" ", "")
            if name.split("=")[-1] not in _CASELESS_PROPERTIES:
                return True
        elif kind == "list":
            if any(is_cased(c) for word in lists.get(m.group("list"), ("A",)) for c in str(word)):
                return True
        elif kind != "meta":
            return True  # \N{...}, \g<1>, \1 (back-references), or an escape not known here
    return False


def case_flags(pattern: str, flags: int, named_lists: Mapping[str, Iterable[str]] | None = None) -> int:
    """``flags`` without ``IGNORECASE`` when ``pattern`` has no case to ignore."""
    if flags & regex.IGNORECASE and not has_case(pattern, named_lists):
        return flags & ~regex.IGNORECASE
    return flags


def keyed_regex(data: Mapping[str, Any], key: str, source: str, flags: int = FLAGS) -> Any:
    """``data[key]`` compiled, errors naming ``source`` and the key (a data file's entry)."""
    return compile_regex(str(data[key]), f"{source}: {key}", flags)


def compile_regex(pattern: str, source: str, flags: int = FLAGS, **named_lists: Iterable[str]) -> Any:
    """Compile with the ``regex`` module; errors name the source.

    A pattern with no cased character is compiled without ``IGNORECASE`` (same matches,
    2-3x less work: see :func:`has_case`).
    """
    named = {k: list(v) for k, v in named_lists.items()}
    flags = case_flags(pattern, flags, named)
    try:
        return regex_cache.compile(simple_case(pattern, flags), flags, ignore_unused=bool(named), **named)
    except regex.error as err:
        raise PatternError(f"{source}: bad regex: {err}") from None


# A single character class, optionally wrapped in ``(?:...)`` and repeated: literals, escaped
# punctuation, hex escapes and ranges only (no ``\p``, ``\w``, nested sets or set operators,
# whose meaning differs between the two modules).
_PLAIN_CLASS = re.compile(r"""
    (?P<group>\(\?:)?
    \[\^?(?:[^\\\[\]&|~-]|&(?!&)|\|(?!\|)|~(?!~)|-(?!-)|\\[^A-Za-z0-9]|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\\[nrtfv])+\]
    (?(group)\))
    [+*]?
""", re.VERBOSE)


def compile_class(pattern: str, source: str) -> Any:
    """A case-sensitive character-class pattern (``[...]``, ``(?:[...])+``), compiled to run fast.

    The standard ``re`` module tests a class with a bitmap, one lookup per character;
    ``regex`` walks the class member by member, 4-10x slower for a class of a hundred
    characters (the full-width fold class).  A pattern of another shape, or one ``re``
    rejects, is compiled with :func:`compile_regex` (flags 0) as before.  The result
    offers ``finditer``/``search``/``match``/``findall``/``sub``, the same in both modules.
    """
    if _PLAIN_CLASS.fullmatch(pattern):
        try:
            return re.compile(pattern)
        except re.error:
            pass
    return compile_regex(pattern, source, flags=0)


# ---------------------------------------------------------------- literal gates
# A pattern that begins with a lookbehind, a named list or a case-insensitive alternation
# makes ``regex`` try it at every position of the text.  When every match starts with one of
# a few short literals (``jan``, ``q1``, ``:``), one stdlib ``re`` pass over the lower-cased
# text finds where they start, and the pattern is tried only there: the same matches,
# found at a small fraction of the cost.  The literals are read off the pattern itself
# (:func:`literal_prefixes`), conservatively: whatever the analysis does not understand
# ends a literal there (a shorter literal is still a true prefix), and a pattern that may
# start with anything gets no gate.

#: Characters other than the ASCII letters that ``regex`` (IGNORECASE, simple folding)
#: matches with an ASCII letter and whose ``lower()`` is not that letter:
#: tests/test_speed_speed_s1_gate.py checks every code point.
_FOLD_TO_ASCII = (("\u0130", "i"), ("\u017f", "s"))  # İ (lower() is two characters), ſ
#: Characters of a literal prefix read off a pattern (enough to make candidates rare).
GATE_PREFIX = 3
_GATE_MAX_PREFIXES = 256
_CLASS_MAX = 16
_GUARD_MAX = 64  # characters of a lookbehind class kept as a guard ([a-z], [0-9%])
# VERSION1 set operations, nested sets and fuzzy constraints: ``re`` would read them as
# something else, so such a pattern gets no gate.
_NOT_RE_SYNTAX = re.compile(r"\[\[|--|&&|\|\||~~|\{[a-z]")
# A VERSION1 set holding one plain nested set and members (``[[ \t]-]``): their union, which
# ``re`` writes flat (``[ \t-]``). No negation, escape, bracket or set operator inside.
_FLAT_UNION = re.compile(r"\[\[(?!\^)((?:[^\[\]\\&|~-]|\\[tnrf])*)\]((?:[^\[\]\\&|~]|\\[tnrf])*)\]")
_GROUP_NAME = re.compile(r"(?<!\\)\(\?P?<\w+>")
_NAMED_LIST = re.compile(r"(?<!\\)((?:\\\\)*)\\L<(\w+)>")

#: (literal, whether the match may continue it, the characters one of which must stand
#: before the literal: a one-character lookbehind such as ``(?<=[0-9])``; "" when any may).
_Prefixes = set[tuple[str, bool, str]]


_last_folded: tuple[str, str | None] = ("", "")


def fold_ascii(text: str) -> str | None:
    """``text`` lower-cased position for position, with the other characters ``regex``
    matches with an ASCII letter under IGNORECASE mapped to it; None if lengths differ.

    The last long text's result is kept: the gates of one document fold the same text. A
    short one (a clause searched on its own) is folded afresh and does not evict it, or the
    next window of the document would fold the whole document again."""
    global _last_folded
    last = _last_folded  # one read: another thread may replace it meanwhile
    if last[0] is text:
        return last[1]
    folded = _fold(text)
    if len(text) >= _FOLD_KEEP:
        _last_folded = (text, folded)
    return folded


#: Texts at least this long have their folding kept (see :func:`fold_ascii`).
_FOLD_KEEP = 512


def _fold(text: str) -> str | None:
    folded = text.lower()
    if len(folded) != len(text):
        folded = text.replace("\u0130", "i").lower()
        if len(folded) != len(text):
            return None
    for char, letter in _FOLD_TO_ASCII:
        if char in folded:
            folded = folded.replace(char, letter)
    return folded


def literal_prefixes(pattern: str, named_lists: Mapping[str, Iterable[str]] | None = None,
                     size: int = GATE_PREFIX, class_max: int = _CLASS_MAX) -> frozenset[str] | None:
    """Lower-case literals (at most ``size`` characters) one of which starts every match of
    ``pattern`` (a ``regex`` source, matched with or without IGNORECASE), or None when the
    pattern may start with a character no short list describes (or cannot match at all)."""
    found = guarded_prefixes(pattern, named_lists, size, class_max)
    return None if found is None else frozenset(p for p, _ in found)


def guarded_prefixes(pattern: str, named_lists: Mapping[str, Iterable[str]] | None = None,
                     size: int = GATE_PREFIX, class_max: int = _CLASS_MAX) -> frozenset[tuple[str, str]] | None:
    """:func:`literal_prefixes`, each with the characters one of which must stand before it
    (read off a leading one-character lookbehind, ``(?<=[0-9])st``; "" when any may).
    ``class_max``: the largest class read as its characters (a larger one ends a literal)."""
    from re import _parser  # type: ignore[attr-defined]

    pattern = _FLAT_UNION.sub(lambda m: "[" + m.group(1) + m.group(2) + "]", pattern)
    if _NOT_RE_SYNTAX.search(pattern):
        return None
    lists = named_lists or {}
    if any(name not in lists for _, name in _NAMED_LIST.findall(pattern)):
        return None
    source = _NAMED_LIST.sub(lambda m: m.group(1) + "(?:" + "|".join(
        re.escape(w) for w in sorted(lists[m.group(2)], key=lambda w: (-len(w), w))) + ")", pattern)
    # Group names do not matter here, and regex allows one name on several groups (re does not).
    source = _GROUP_NAME.sub("(?:", source.replace("(?-f)", ""))
    try:
        tree = _parser.parse(source, 0)
        if tree.getwidth()[0] == 0:
            return None  # an empty match is possible anywhere
        found = _seq_prefixes(list(tree), size, class_max)
    except Exception:  # noqa: BLE001 - syntax of regex that re does not read: no gate
        return None
    if found is None or any(not p for p, _, _ in found):
        return None
    return frozenset((p[:size], before) for p, _, before in found)


def _seq_prefixes(items: list[Any], size: int, wide: int) -> _Prefixes | None:
    """Prefixes of a sequence of parsed items (``re._parser`` form)."""
    state: _Prefixes = {("", True, "")}
    for op, av in items:
        if not any(open_ and len(p) < size for p, open_, _ in state):
            break
        options = _item_prefixes(op, av, size, wide)
        new: _Prefixes = set()
        for p, open_, before in state:
            if not open_ or len(p) >= size or options is None:
                new.add((p, False, before))
            elif not p:  # nothing read yet: an option's own guard applies (the first one kept)
                new.update((s, o, before or b) for s, o, b in options)
            else:
                new.update((p + s, o, before) for s, o, _ in options)
        if len(new) > _GATE_MAX_PREFIXES:
            return {(p, False, before) for p, _, before in state}
        state = new
    return state


def _item_prefixes(op: Any, av: Any, size: int, wide: int) -> _Prefixes | None:
    """Prefixes of one parsed item; None where the item may start with nearly anything."""
    from re import _constants as sre  # type: ignore[attr-defined]

    if op is sre.ASSERT and av[0] < 0:
        guard = _one_char_set(list(av[1]), _GUARD_MAX)
        return {("", True, "".join(sorted(guard)) if guard else "")}
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return {("", True, "")}  # zero-width: dropping it only adds candidates
    if op is sre.LITERAL or op is sre.IN:
        chars = _one_char_set([(op, av)], wide)
        return None if chars is None else {(c, True, "") for c in chars}
    if op is sre.SUBPATTERN:
        return _seq_prefixes(list(av[-1]), size, wide)
    if op is sre.ATOMIC_GROUP:
        return _seq_prefixes(list(av), size, wide)
    if op is sre.BRANCH:
        out: _Prefixes = set()
        for branch in av[1]:
            found = _seq_prefixes(list(branch), size, wide)
            if found is None:
                return None
            out |= found
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, sub = av
        found = _seq_prefixes(list(sub), size, wide)
        if found is None or (low == high == 1):
            return found
        closed = {(p, False, b) for p, _, b in found}
        # An optional item: a match starts with it (then the literal ends there) or without it.
        return closed | {("", True, "")} if low == 0 else closed
    return None


#: Where the characters ``\\s`` matches live (Latin-1, Ogham, the general punctuation
#: spaces, the ideographic space): tests/test_speed_speed_s1_published.py checks that no
#: other code point matches, in ``re`` or ``regex``.
_SPACE_BLOCKS = ((0x0000, 0x0100), (0x1680, 0x1681), (0x180E, 0x180F), (0x2000, 0x2030),
                 (0x205F, 0x2060), (0x3000, 0x3001))


@functools.lru_cache(maxsize=1)
def _spaces() -> frozenset[str]:
    """Every character ``\\s`` matches in ``re`` or ``regex``."""
    chars = (chr(c) for lo, hi in _SPACE_BLOCKS for c in range(lo, hi))
    return frozenset(c for c in chars if re.fullmatch(r"\s", c) or regex.fullmatch(r"\s", c))


def _one_char_set(items: list[Any], limit: int) -> set[str] | None:
    """The folded characters a one-character item (literal or class) matches, or None
    (another item, a negated or category class, more than ``limit`` characters)."""
    from re import _constants as sre  # type: ignore[attr-defined]

    if len(items) != 1:
        return None
    op, av = items[0]
    members = [(sre.LITERAL, av)] if op is sre.LITERAL else av if op is sre.IN else None
    if members is None:
        return None
    chars: set[str] = set()
    for kind, value in members:
        if kind is sre.CATEGORY and value is sre.CATEGORY_SPACE and len(_spaces()) <= limit:
            chars |= _spaces()
            continue
        if kind is sre.LITERAL:
            codes = [value]
        elif kind is sre.RANGE and value[1] - value[0] < limit:
            codes = list(range(value[0], value[1] + 1))
        else:
            return None
        for code in codes:
            char = _gate_char(code)
            if char is None:
                return None
            chars.add(char)
    return chars if len(chars) <= limit else None


def _gate_char(code: int) -> str | None:
    """A pattern character as the folded text shows it: ASCII lower-cased, a caseless
    character as it is; None for another cased character (its variants are not folded)."""
    char = chr(code)
    if char.isascii():
        return char.lower()
    return None if is_cased(char) else char


def _scan_source(guarded: Iterable[tuple[str, str]]) -> str:
    """``re`` source of one pass finding where a guarded literal starts.

    The first character is consumed (a set the engine skips to); the character before it
    and the rest of the literal are looked at around it: one match per candidate position,
    overlapping literals included."""
    by_first: dict[str, dict[str, set[str]]] = {}
    for p, before in guarded:
        by_first.setdefault(p[0], {}).setdefault(before, set()).add(p[1:])
    parts = []
    for first, by_guard in sorted(by_first.items()):
        options = []
        for before, rests in sorted(by_guard.items()):
            tails = sorted(rests, key=lambda r: (-len(r), r))
            ahead = "" if "" in rests else "(?=" + "|".join(re.escape(t) for t in tails) + ")"
            options.append(_guard(first, before) + ahead)
        parts.append(re.escape(first) + ("" if "" in options else "(?:" + "|".join(options) + ")"))
    return "|".join(parts)


def _guard(first: str, before: str) -> str:
    """``re`` source checking, just after ``first`` was read, the character before it."""
    if not before:
        return ""
    chars = "".join("\\" + c if c in "\\]^-[" else c for c in sorted(before))
    return f"(?<=[{chars}]{re.escape(first)})"


class LiteralGate:
    """The positions where a pattern can match, from one ``re`` pass for its literal prefixes."""

    def __init__(self, prefixes: Iterable[str | tuple[str, str]], source: str | None = None) -> None:
        """``prefixes``: literals, or (literal, characters one of which must stand before it);
        ``source``: the scan :func:`_scan_source` writes for them, when known already."""
        guarded = frozenset((p, "") if isinstance(p, str) else p for p in prefixes)
        self.prefixes = frozenset(p for p, _ in guarded)
        self._source = _scan_source(guarded) if source is None else source
        self._compiled: Any = None

    @property
    def _scan(self) -> Any:
        """The candidate scan, compiled on first use (a gate never used costs no compile)."""
        if self._compiled is None:
            self._compiled = regex_cache.compile_re_source(self._source)
        return self._compiled

    @classmethod
    def for_pattern(cls, pattern: str, named_lists: Mapping[str, Iterable[str]] | None = None,
                    class_max: int = _CLASS_MAX) -> LiteralGate | None:
        """A gate for ``pattern`` (a ``regex`` source), or None when it has no literal prefixes.

        The analysis is kept in the compiled-regex cache (it parses the pattern: a few
        milliseconds each, a tenth of a second for the date grammar at start-up)."""
        lists = {k: sorted(set(map(str, v))) for k, v in (named_lists or {}).items()}

        def analyse() -> dict[str, Any] | None:
            found = guarded_prefixes(pattern, lists, class_max=class_max)
            if not found:
                return None
            return {"prefixes": sorted([p, b] for p, b in found), "source": _scan_source(found)}

        key = ("literal-gate", 2, GATE_PREFIX, class_max, pattern, lists)
        done = regex_cache.cached_value(key, analyse)
        if not done:
            return None
        return cls([(str(p), str(b)) for p, b in done["prefixes"]], str(done["source"]))

    @classmethod
    def when_it_pays(cls, pattern: str, compiled: Any, named_lists: Mapping[str, Iterable[str]] | None = None
                     ) -> LiteralGate | None:
        """A gate for ``pattern`` where it is cheaper than ``compiled``'s own scan, else None.

        ``regex`` skips quickly to a case-sensitive literal of non-ASCII characters (a
        Chinese word), which the gate's pass over the whole text would only add to; it
        tries a case-insensitive pattern, or one whose literals are ASCII (most of an
        English page's characters start one), at nearly every position."""
        gate = cls.for_pattern(pattern, named_lists)
        if gate is None or not (compiled.flags & regex.IGNORECASE or any(p[0].isascii() for p in gate.prefixes)):
            return None
        return gate

    def starts(self, text: str, pos: int = 0, endpos: int | None = None, before: int | None = None
               ) -> list[int] | None:
        """Ascending candidate starts in ``[pos, before)`` of a literal ending by ``endpos``,
        or None (text that cannot be folded)."""
        folded = fold_ascii(text)
        if folded is None:
            return None
        end = len(text) if endpos is None else endpos
        stop = end if before is None else before
        out = []
        for m in self._scan.finditer(folded, pos, end):
            if m.start() >= stop:
                break
            out.append(m.start())
        return out

    def lazy_starts(self, text: str, pos: int, endpos: int) -> Iterator[int] | None:
        """The candidate starts in ``[pos, endpos)``, found as they are asked for (a search
        that stops at its first match scans no further), or None (text that cannot be folded)."""
        folded = fold_ascii(text)
        if folded is None:
            return None
        return (m.start() for m in self._scan.finditer(folded, pos, endpos))

    def finditer(self, compiled: Any, text: str, pos: int = 0, endpos: int | None = None,
                 before: int | None = None) -> Iterator[Any]:
        """``compiled.finditer(text, pos, endpos)`` up to the first match starting at or after
        ``before`` (default: all), trying only the candidate starts: the same matches when
        ``compiled`` is the pattern the prefixes were read from (it never matches empty)."""
        end = len(text) if endpos is None else min(endpos, len(text))
        stop = end if before is None else min(before, end)
        return finditer_before(compiled, text, pos, end, stop, self.starts(text, pos, end, stop))


class PatternStore:
    """Parsed data files, each read once (thread-safe)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or data_dir()
        # Re-entrant: loading a grammar file reads its YAML through the same cache.
        self._lock = threading.RLock()
        self._cache: dict[str, Any] = {}

    def _cached(self, key: str, load: Callable[[], _T]) -> _T:
        with self._lock:
            if key not in self._cache:
                self._cache[key] = load()
            return cast(_T, self._cache[key])

    def path(self, rel: str) -> Path:
        return self.root / rel

    def yaml(self, rel: str) -> dict[str, Any]:
        """A YAML file as a mapping."""

        def load() -> dict[str, Any]:
            import yaml  # on first use: ``import recovery_extract`` stays light

            path = self.path(rel)
            try:
                # libyaml's loader when PyYAML has it (about 10x faster: part of cold start).
                loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
            except OSError as err:
                raise PatternError(f"{rel}: cannot read: {err}") from None
            except yaml.YAMLError as err:
                mark = getattr(err, "problem_mark", None)
                line = f":{mark.line + 1}" if mark else ""
                raise PatternError(f"{rel}{line}: invalid YAML: {err}") from None
            if not isinstance(data, dict):
                raise PatternError(f"{rel}: top level must be a mapping")
            return data

        return self._cached("yaml:" + rel, load)

    def tsv(self, rel: str) -> list[dict[str, str]]:
        """A TSV lexicon: ``#`` comment lines, a header row, then rows."""

        def load() -> list[dict[str, str]]:
            try:
                lines = self.path(rel).read_text(encoding="utf-8").splitlines()
            except OSError as err:
                raise PatternError(f"{rel}: cannot read: {err}") from None
            rows: list[dict[str, str]] = []
            header: list[str] | None = None
            for n, line in enumerate(lines, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                cells = line.split("\t")
                if header is None:
                    header = [c.strip() for c in cells]
                    continue
                if len(cells) > len(header):
                    raise PatternError(f"{rel}:{n}: {len(cells)} cells, header has {len(header)}")
                cells += [""] * (len(header) - len(cells))
                row = {k: v.strip() for k, v in zip(header, cells)}
                row["_line"] = str(n)
                rows.append(row)
            return rows

        return self._cached("tsv:" + rel, load)

    def word_lists(self, rel: str) -> dict[str, list[str]]:
        """Named word lists of a lexicon file (``lists: {name: {words: {...}}}``), for ``\\L<name>``.

        Longest words first; a word with ``-`` is also listed with a space
        (``twenty-first`` / ``twenty first``).
        """

        def load() -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for name, spec in (self.yaml(rel).get("lists") or {}).items():
                words = {str(w).lower() for w in ((spec or {}).get("words") or {})}
                words |= {w.replace("-", " ") for w in words}
                out[str(name)] = sorted(words, key=lambda w: (-len(w), w))
            return out

        return self._cached("lists:" + rel, load)

    def grammar(self, rel: str) -> tuple[dict[str, str], list[PatternEntry]]:
        """A grammar file: resolved ``pieces`` and compiled ``patterns``.

        Optional top-level keys: ``imports`` (files whose ``pieces`` this file
        uses; its own win) and ``word_lists`` (a lexicon file whose lists the
        regexes use as ``\\L<name>``, see :meth:`word_lists`).
        """

        def load() -> tuple[dict[str, str], list[PatternEntry]]:
            data = self.yaml(rel)
            raw_pieces: dict[str, str] = {}
            for other in data.get("imports") or []:
                raw_pieces.update({k: str(v) for k, v in (self.yaml(str(other)).get("pieces") or {}).items()})
            raw_pieces.update({k: str(v) for k, v in (data.get("pieces") or {}).items()})
            pieces = resolve_refs(raw_pieces, rel)
            named = self.word_lists(str(data["word_lists"])) if data.get("word_lists") else {}
            entries: list[PatternEntry] = []
            for i, raw in enumerate(data.get("patterns") or []):
                if not isinstance(raw, dict) or "id" not in raw or "regex" not in raw:
                    raise PatternError(f"{rel}: patterns[{i}] needs 'id' and 'regex'")
                where = f"{rel}: {raw['id']}"
                body = expand(str(raw["regex"]), pieces, where)
                attrs = {k: v for k, v in raw.items() if k not in {"id", "regex", "examples", "not"}}
                entries.append(PatternEntry(
                    id=str(raw["id"]), regex=body, compiled=compile_regex(body, where, FLAGS, **named),
                    source=rel, examples=tuple(raw.get("examples") or ()),
                    negatives=tuple(raw.get("not") or ()), attrs=attrs,
                ))
            return pieces, entries

        return self._cached("grammar:" + rel, load)


@functools.lru_cache(maxsize=1)
def default_store() -> PatternStore:
    """The store over the packaged ``patterns/`` folder."""
    return PatternStore()
