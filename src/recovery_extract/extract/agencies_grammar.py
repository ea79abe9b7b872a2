"""One language's agency grammar (``patterns/agencies/patterns.<lang>.yaml``), compiled to run fast.

Each pattern entry keeps its own meaning: :meth:`Grammar.finditer` gives, per
pattern, what ``pattern.finditer(text, start, end)`` would.  Three things make
it cheap:

- the gazetteer list (``region_zh``, ``region_en``: thousands of names) is
  written once as a trie (:func:`~recovery_extract.data.word_index.trie_regex`) in
  a ``(?(DEFINE)...)`` block and called by every pattern, instead of a
  ``\\L<name>`` that ``regex`` tries name by name (and compiles once per pattern);
  each call behind a lookahead on the names' first characters, so that a position
  where no name starts does not pay for a call;
- all patterns run in one regex, each in its own lookahead
  ``(?=(?P<p3>...))``: one call gives every pattern's match at a position;
- that regex is tried only where a match can start: where a word of one of
  the lists starts (:class:`~recovery_extract.data.word_index.WordIndex`) or where
  the grammar's ``starts`` regex matches (its other first words: level words,
  中共, Ministry ...).  ``starts`` is part of the grammar's data contract.  A
  list's candidate counts only where a whole word of the list is there
  (:class:`~recovery_extract.data.word_at.WordAt`): the first characters alone
  let through most English word starts (``industrial`` for ``Industry``), each
  a failed call of the grammar.  ``starts`` itself is tried only where one of
  its literal beginnings is (:class:`~recovery_extract.data.prefix_gate.PrefixGate`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from ..errors import PatternError
from ..data.optional_groups import optional_groups_as_alternations
from ..data.patterns import compile_regex, expand, resolve_refs
from ..data.prefix_gate import literal_prefixes, prefix_gate
from ..data.word_at import WordAt
from ..data.folded_word_starts import FoldedWordStarts
from ..data.word_index import WordIndex, trie_regex

BIG_LIST = 64  # a named list with more words than this is written as a DEFINEd trie
# Each call of a DEFINEd trie costs about as much as a whole inlined trie, even when the
# first letters already fail (most candidate positions): a call is guarded by a lookahead
# on the words' first GUARD characters (an inlined trie of 14 KB for the English names;
# 3 characters saved half as much, 8 no more).
GUARD = 5
# Characters of the literal beginnings of ``starts`` looked for (more: fewer hits that fail).
STARTS_PREFIX = 8
_GROUP = regex.compile(r"\(\?P<([A-Za-z_]\w*)>")


@dataclass(frozen=True, slots=True)
class PatternMatch:
    """The match of one pattern of a :class:`Grammar`, read like a ``regex`` match."""

    span: tuple[int, int]
    groups: dict[str, str | None]

    def start(self) -> int:
        return self.span[0]

    def end(self) -> int:
        return self.span[1]

    def groupdict(self) -> dict[str, str | None]:
        return dict(self.groups)

    def group(self, name: str) -> str | None:
        return self.groups[name]


#: Characters of a list word the folded-text pass looks ahead (a short pattern to compile).
FOLDED_PREFIX = 4


class Grammar:
    """The patterns of one grammar file, run together at the positions where one can start."""

    def __init__(self, data: dict[str, Any], source: str, flags: int, start: str = "", *,
                 word_start: bool = False, guard: int = GUARD, small_tries: bool = True,
                 lists: Mapping[str, list[str]] | None = None) -> None:
        """``start``: a zero-width guard every match starts with; ``word_start``: the
        lists' words count only at the start of a word (English); ``guard``: characters
        of a big list's words checked before its trie is called (0: none); ``small_tries``: the
        other lists written in place as tries (same matches, same order: ``regex`` tries a
        ``\\L<name>`` at every length of its words, a trie only along the text)."""
        lists = dict(lists or {})
        pieces = resolve_refs({k: str(v) for k, v in (data.get("pieces") or {}).items()}, source)
        self.ids: list[str] = []
        self._groups: list[list[tuple[str, str]]] = []  # per pattern: (its group name, name in the regex)
        bodies: list[str] = []
        alone: list[tuple[str, str]] = []  # each pattern on its own, to name the one that fails
        used: set[str] = set()
        for k, entry in enumerate(data.get("patterns") or []):
            where = f"{source}: {entry['id']}"
            body = expand(str(entry["regex"]), pieces, where)
            alone.append((where, start + body))
            if regex.search(r"\(\?P=|\(\?\(\w", body):
                raise PatternError(f"{where}: back-references and conditionals are not supported here")
            # Fewer repeats for every lookahead and trie call to save (same matches).
            body = optional_groups_as_alternations(body)
            names = list(dict.fromkeys(_GROUP.findall(body)))
            self._groups.append([(n, f"g{k}_{n}") for n in names])
            body = _GROUP.sub(lambda m: f"(?P<g{k}_{m.group(1)}>", body)  # noqa: B023 - used at once
            used |= {n for n in lists if f"\\L<{n}>" in body}
            bodies.append(f"(?:(?=(?P<p{k}>{body}))|)")
            self.ids.append(str(entry["id"]))
        big = {n for n in used if len(lists[n]) > BIG_LIST}
        any_matched = "(?!)"
        for k in reversed(range(len(bodies))):
            any_matched = f"(?(p{k})|{any_matched})"
        define = "".join(f"(?P<L_{n}>{trie_regex(lists[n])})" for n in sorted(big))
        combined = (f"(?(DEFINE){define})" if define else "") + start + "".join(bodies) + any_matched
        for n in big:
            check = f"(?={trie_regex({w[:guard] for w in lists[n]})})" if guard > 0 else ""
            combined = combined.replace(f"\\L<{n}>", f"{check}(?&L_{n})")
        small = used - big
        if small_tries:
            for n in small:
                combined = combined.replace(f"\\L<{n}>", trie_regex(lists[n]))
            small = set()
        try:
            self._regex = compile_regex(combined, f"{source}: all patterns", flags,
                                        **{n: lists[n] for n in small})
        except PatternError:
            # Compile each pattern alone (big lists cut short: only the errors matter) to name it.
            for where, body in alone:
                compile_regex(body, where, flags, **{n: v[:BIG_LIST] for n, v in lists.items()
                                                     if f"\\L<{n}>" in body})
            raise
        # Each pattern's lookahead group by number (a name is looked up on every call).
        self._spans = [self._regex.groupindex[f"p{k}"] for k in range(len(self.ids))]
        # Where a match can start: a word of a list, or a hit of ``starts``.
        ignore_case = bool(flags & regex.IGNORECASE)
        # The lists' words in one index (one scan of the window, one check at each hit): where a
        # word of the union may start is where a word of one of the lists may.
        words = sorted({w for n in used for w in lists[n]})
        self._index = WordIndex(words, ignore_case=ignore_case, word_start=word_start)
        # English lists: their whole-word starts from one pass over the folded text (a text it
        # cannot read falls back on the index); ``_word_at`` checks the rest of the word.
        self._folded = FoldedWordStarts.for_words(words, FOLDED_PREFIX) if ignore_case and word_start else None
        self._word_at = WordAt(words, ignore_case=ignore_case).may_start
        self._index_lists = (tuple(lists[n] for n in sorted(used)), ignore_case, word_start)
        starts = expand(str(data.get("starts") or "(?!)"), pieces, source)
        self._starts = compile_regex(start + "(?:" + starts + ")", f"{source}: starts", flags,
                                     **{n: v for n, v in lists.items() if f"\\L<{n}>" in starts})
        # ``starts`` is tried only where one of its literal beginnings is (None: everywhere).
        self._starts_gate = prefix_gate(literal_prefixes(starts, STARTS_PREFIX), ignore_case=ignore_case)

    @property
    def _indexes(self) -> list[WordIndex]:
        """The union index, then one index per list (built on each access: tests read them)."""
        lists, ignore_case, word_start = self._index_lists
        return [self._index, *(WordIndex(w, ignore_case=ignore_case, word_start=word_start) for w in lists)]

    def candidates(self, text: str, start: int, end: int) -> Iterator[int]:
        """Ascending positions in ``[start, end)`` where some pattern may match: the hits of
        ``starts`` and the starts of a whole word of a list."""
        hits = self._starts_gate.starts(text, start, end) if self._starts_gate is not None else None
        if hits is None:
            found = {m.start() for m in self._starts.finditer(text, start, end, overlapped=True)}
        else:
            found = {i for i in hits if self._starts.match(text, i, end)}
        may_start = self._word_at
        folded = self._folded.starts(text, start, end) if self._folded is not None else None
        index = self._index.starts(text, start, end) if folded is None else folded
        found.update([i for i in index if i not in found and may_start(text, i)])
        return iter(sorted(found))

    def finditer(self, text: str, start: int, end: int, endpos: int | None = None) -> list[list[PatternMatch]]:
        """Per pattern (in file order), its matches starting in ``[start, end)`` and read up to
        ``endpos`` (default ``end``), as ``finditer`` finds them."""
        found: list[list[PatternMatch]] = [[] for _ in self.ids]
        last = [start] * len(self.ids)
        endpos = end if endpos is None else endpos
        for i in self.candidates(text, start, end):
            m = self._regex.match(text, i, endpos, False)  # concurrent=False: keep the GIL
            if m is None:
                continue
            for k, groups in enumerate(self._groups):
                if i < last[k]:
                    continue
                s, e = m.span(self._spans[k])
                if s < 0:
                    continue
                found[k].append(PatternMatch((s, e), {n: m.group(g) for n, g in groups}))
                last[k] = e if e > s else s + 1
        return found
