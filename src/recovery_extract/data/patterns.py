"""Load the data under ``patterns/``: YAML grammar files and TSV lexicons.

All language knowledge lives there (see ``patterns/README.md``).  This module
finds the folder (inside an installed wheel, or at the top of a source
checkout), parses files once, resolves ``{piece}`` references in regexes (in any
order, with cycle detection) and compiles them with the ``regex`` module.
Errors name the file, the line and the key.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from . import regex_cache
from ..errors import PatternError

_REF = regex.compile(r"\{([a-z_][a-z0-9_]*)\}")
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
    """
    return compiled.match(text, pos, min(len(text), pos + reach))


def compile_regex(pattern: str, source: str, flags: int = FLAGS, **named_lists: Iterable[str]) -> Any:
    """Compile with the ``regex`` module; errors name the source."""
    try:
        return regex_cache.compile(simple_case(pattern, flags), flags, ignore_unused=bool(named_lists),
                                   **named_lists)
    except regex.error as err:
        raise PatternError(f"{source}: bad regex: {err}") from None


class PatternStore:
    """Parsed data files, each read once (thread-safe)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or data_dir()
        # Re-entrant: loading a grammar file reads its YAML through the same cache.
        self._lock = threading.RLock()
        self._cache: dict[str, Any] = {}

    def _cached(self, key: str, load: Any) -> Any:
        with self._lock:
            if key not in self._cache:
                self._cache[key] = load()
            return self._cache[key]

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
                    id=str(raw["id"]), regex=body, compiled=compile_regex(body, where, **named),
                    source=rel, examples=tuple(raw.get("examples") or ()),
                    negatives=tuple(raw.get("not") or ()), attrs=attrs,
                ))
            return pieces, entries

        return self._cached("grammar:" + rel, load)


@functools.lru_cache(maxsize=1)
def default_store() -> PatternStore:
    """The store over the packaged ``patterns/`` folder."""
    return PatternStore()
