"""Greedy optional groups ``(...)?`` rewritten as alternations ``(?:(...)|)``: same matches, cheaper.

``regex`` counts a ``?`` after a group as a repeat, and a lookaround or a
subroutine call (``(?&name)``) saves and restores every repeat of the pattern
(and every capture): in the agency grammars, ten patterns each in its own
lookahead and calling the region trie, about a sixth of each call.  A greedy
``(X)?`` tries ``X`` and then nothing, as ``(?:(X)|)`` does; the alternation
is no repeat.  Lazy (``??``), possessive (``?+``) and other counted repeats are
left alone.

The source is read with a small scanner (escapes, character classes with
VERSION1 nested sets, groups); on anything it does not model (a comment group,
``\\Q...\\E``, unbalanced brackets) the source is returned unchanged.
"""

from __future__ import annotations

#: Syntax the scanner does not model: the source is left as it is.
_UNMODELLED = ("(?#", "\\Q", "\\E")


def optional_groups_as_alternations(source: str) -> str:
    """``source`` with each greedy ``(...)?`` written ``(?:(...)|)`` (unchanged when unsure)."""
    if any(u in source for u in _UNMODELLED) or ")?" not in source:
        return source
    pairs = _optional_groups(source)
    if pairs is None or not pairs:
        return source
    opens: dict[int, int] = {}
    for start, _ in pairs:
        opens[start] = opens.get(start, 0) + 1
    closes = {end for _, end in pairs}
    out: list[str] = []
    i = 0
    while i < len(source):
        out.append("(?:" * opens.get(i, 0))
        if i in closes:
            out.append(")|)")
            i += 2
            continue
        out.append(source[i])
        i += 1
    return "".join(out)


def _optional_groups(source: str) -> list[tuple[int, int]] | None:
    """(open, close) index of each group followed by a greedy ``?``; None when the source
    does not scan."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            end = _class_end(source, i)
            if end < 0:
                return None
            i = end + 1
            continue
        if c == "(":
            stack.append(i)
        elif c == ")":
            if not stack:
                return None
            start = stack.pop()
            if source[i + 1:i + 2] == "?" and source[i + 2:i + 3] not in ("?", "+"):
                pairs.append((start, i))
        i += 1
    return None if stack else pairs


def _class_end(source: str, start: int) -> int:
    """Index of the ``]`` closing the class opened at ``start`` (nested sets counted); -1 if none."""
    depth = 0
    i, n = start, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
            i += 1
            # A ``]`` right after the opening (or after ``^``) is a literal.
            if source[i:i + 1] == "^":
                i += 1
            if source[i:i + 1] == "]":
                i += 1
            continue
        if c == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1
