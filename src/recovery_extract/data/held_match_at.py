"""``patterns.match_at`` that keeps the GIL: the same match, a cheaper short call.

``regex`` releases and retakes the GIL around every match on a ``str`` unless
``concurrent=False`` is passed (positionally: a keyword costs as much as it saves;
see :mod:`.held_matches`).  The quantity stage makes several hundred in-place
matches an article, each reading a few characters, so the two mutex round trips
are a large share of each call.  Bounded like ``match_at`` (tests/test_match_bounds.py).
"""

from __future__ import annotations

from typing import Any


def held_match_at(compiled: Any, text: str, pos: int, reach: int) -> Any:
    """``compiled.match(text, pos)`` reading at most ``reach`` characters past ``pos``,
    without releasing the GIL (``compiled``: a ``regex`` pattern)."""
    return compiled.match(text, pos, min(len(text), pos + reach), False)


__all__ = ["held_match_at"]
