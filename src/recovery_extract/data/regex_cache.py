"""Compiled regexes kept on disk between processes, so a cold start does not re-parse them.

The ``regex`` module parses and optimises a pattern in Python before handing
opcodes to its C core; for this library's few hundred patterns and gazetteer
alternations that is most of a CLI cold start.  A compiled pattern is fully
described by plain data (``Pattern._pickled_data``: the pattern, flags, opcodes,
group tables and named lists), and ``_regex.compile`` rebuilds it from that data
in microseconds.

Nothing read from the cache can run code (docs/reliability.md, "Regex cache"):

- the data is stored as tagged JSON, never pickle, and rebuilt by
  :func:`_decode`, which knows only str, int, bytes, list, tuple, frozenset and
  dict;
- every file carries an HMAC-SHA256 of its name and body under a per-user
  secret key (``key``, 32 random bytes, mode 0600, in the cache folder); the
  tag is checked BEFORE the body is parsed, so a damaged or forged file never
  reaches the JSON parser or the C core (tampered opcodes can crash or hang it);
- the cache folder, its version folder, the key and each file must be owned by
  this user and not writable by group or others (as ssh refuses a loose
  ``~/.ssh``); a loose folder is refused, not repaired.

Anything wrong (missing, unreadable, loose, forged, corrupt) means "no cache":
the pattern is compiled as usual, never an error, a crash or a hang.

``RECOVERY_EXTRACT_CACHE`` sets the folder; ``off`` (or an empty value) turns
the cache off.  The default is ``$XDG_CACHE_HOME/recovery-extract`` (else
``~/.cache/recovery-extract``).  Files live in a subfolder per ``regex`` and
Python version, since opcodes are only valid for the version that made them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import _sre  # type: ignore[import-not-found]
import re
import regex
from re import _compiler as re_compiler  # type: ignore[attr-defined]
from re import _parser as re_parser  # type: ignore[attr-defined]
from regex import _regex

ENV = "RECOVERY_EXTRACT_CACHE"
SUFFIX = ".rxc"
KEY_NAME = "key"
_FORMAT = "rxc1"
_OFF = {"", "0", "off", "no", "false", "none"}
_KEY_BYTES = 32
_TAG_BYTES = 32
_MAX_FILE_BYTES = 64 * 1024 * 1024  # far above the largest gazetteer alternation (~200 kB)
_LOOSE = stat.S_IWGRP | stat.S_IWOTH
_UNSET = object()
_V = TypeVar("_V")
_folder: Any = _UNSET
_state: Any = _UNSET


@dataclass(frozen=True, slots=True)
class _Cache:
    """A cache folder that passed the ownership checks, and the key its files are signed with."""

    folder: Path
    key: bytes


def folder() -> Path | None:
    """Where compiled patterns are kept for this ``regex`` and Python version (None: off)."""
    global _folder
    if _folder is _UNSET:
        _folder = _resolve()
    return _folder if isinstance(_folder, Path) else None


def reset() -> None:
    """Read ``RECOVERY_EXTRACT_CACHE`` again on next use (tests, long-lived processes)."""
    global _folder, _state
    _folder = _UNSET
    _state = _UNSET


def _resolve() -> Path | None:
    setting = os.environ.get(ENV)
    if setting is not None:
        if setting.strip().lower() in _OFF:
            return None
        base = Path(setting).expanduser()
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = Path(xdg) if xdg else Path.home() / ".cache"
        base = base / "recovery-extract"
    version = f"{_FORMAT}-regex-{regex.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    return base / version


def _cache() -> _Cache | None:
    """The trusted cache (folders made 0700 if missing, key made if missing), or None."""
    global _state
    if _state is _UNSET:
        where = folder()
        _state = None if where is None else _open(where)
    return _state  # type: ignore[no-any-return]


def _open(where: Path) -> _Cache | None:
    try:
        where.parent.parent.mkdir(parents=True, exist_ok=True)
        for path in (where.parent, where):
            path.mkdir(mode=0o700, exist_ok=True)
            if not _owned_and_tight(os.stat(path), stat.S_ISDIR, _LOOSE):
                return None
        key = _load_key(where.parent / KEY_NAME)
    except (OSError, ValueError):
        return None
    return _Cache(where, key) if key else None


def _owned_and_tight(info: os.stat_result, kind: Any, forbidden: int) -> bool:
    """This user's, of the right kind, and none of the ``forbidden`` mode bits set.

    Without POSIX owners (Windows: mode bits there only mirror the read-only flag, and
    access is an ACL's business) only the kind is checked; the HMAC still applies."""
    if not hasattr(os, "geteuid"):
        return bool(kind(info.st_mode))
    return bool(kind(info.st_mode)) and info.st_uid == os.geteuid() and not info.st_mode & forbidden


def _read_trusted(path: Path, forbidden: int) -> bytes | None:
    """A regular file's bytes if it is ours and tight; no symlink followed, no FIFO waited on."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not _owned_and_tight(info, stat.S_ISREG, forbidden) or info.st_size > _MAX_FILE_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(_MAX_FILE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _load_key(path: Path) -> bytes | None:
    """The per-user secret: read if present (0600, ours), else made once (never overwritten)."""
    key = _read_trusted(path, 0o077)
    if key is not None:
        return key if len(key) == _KEY_BYTES else None
    if path.exists() or path.is_symlink():
        return None  # there but not trusted: refuse rather than replace
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(os.urandom(_KEY_BYTES))
        try:
            os.link(tmp, path)  # atomic, and fails if another process made one first
        except FileExistsError:
            pass
    finally:
        os.unlink(tmp)
    key = _read_trusted(path, 0o077)
    return key if key is not None and len(key) == _KEY_BYTES else None


def _key(pattern: str, flags: int, ignore_unused: bool, named_lists: dict[str, list[str]]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((pattern, int(flags), ignore_unused)).encode("utf-8", "surrogatepass"))
    for name in sorted(named_lists):
        digest.update(b"\x00" + name.encode() + b"\x00")
        digest.update("\x1f".join(sorted(set(named_lists[name]))).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def compile(pattern: str, flags: int = 0, ignore_unused: bool = False,  # noqa: A001 - mirrors regex.compile
            **named_lists: Iterable[str]) -> regex.Pattern[str]:
    """``regex.compile``, served from the on-disk cache when the same pattern was compiled before.

    Raises what ``regex.compile`` raises for a bad pattern (errors are never cached).
    """
    lists = {k: list(v) for k, v in named_lists.items()}
    cache = _cache()
    if cache is None:
        return regex.compile(pattern, flags, ignore_unused=ignore_unused, cache_pattern=None, **lists)
    name = _key(pattern, flags, ignore_unused, lists)
    loaded = _load(cache, name, pattern)
    if loaded is not None:
        return loaded
    compiled = regex.compile(pattern, flags, ignore_unused=ignore_unused, cache_pattern=None, **lists)
    _store(cache, name, compiled)
    return compiled


def cached_value(key: tuple[Any, ...], compute: Callable[[], _V]) -> _V:
    """``compute()``, kept in the cache folder under ``key`` (plain JSON data: str, int,
    lists, dicts, None), signed and checked like a compiled pattern; computed again when
    the cache is off, or its file is missing, forged or for another key."""
    cache = _cache()
    if cache is None:
        return compute()
    plain = json.loads(json.dumps(key))  # the form the key takes once stored
    name = "v-" + hashlib.blake2b(json.dumps(plain, sort_keys=True).encode("utf-8", "surrogatepass"),
                                  digest_size=20).hexdigest()
    path = cache.folder / (name + SUFFIX)
    blob = _read_trusted(path, _LOOSE)
    if blob is not None and len(blob) > _TAG_BYTES and hmac.compare_digest(
            blob[:_TAG_BYTES], _tag(cache.key, name, blob[_TAG_BYTES:])):
        try:
            stored = json.loads(blob[_TAG_BYTES:])
            if isinstance(stored, dict) and stored.get("key") == plain:
                return cast(_V, stored["value"])
        except ValueError:
            pass
    value = compute()
    try:
        body = json.dumps({"key": plain, "value": value}, separators=(",", ":")).encode("ascii")
        fd, tmp = tempfile.mkstemp(dir=cache.folder, prefix=".tmp-", suffix=SUFFIX)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_tag(cache.key, name, body) + body)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001 - a read-only home, a full disk or an unstorable value: not kept
        pass
    return value


def compile_re(key: tuple[Any, ...], source: Callable[[], str]) -> re.Pattern[str]:
    """``re.compile(source())`` for a large generated pattern, its opcodes kept in the cache
    under ``key`` (which must name everything the source is made from).

    The standard ``re`` module also parses and compiles in Python (tens of milliseconds
    for a trie of a few thousand words); ``_sre.compile`` builds the pattern from its
    opcodes, which it validates, in microseconds. Raises what ``re.compile`` raises."""
    parts = cached_value(("re-code", 1, sys.version, _sre.MAGIC, key), lambda: _re_parts(source()))
    try:
        src, flags, code, groups, groupindex, indexgroup = parts
        compiled = _sre.compile(src, flags, code, groups, dict(groupindex), tuple(indexgroup))
        if isinstance(compiled, re.Pattern):
            return compiled
    except (TypeError, ValueError, RuntimeError):  # not this version's opcodes
        pass
    return re.compile(source())


#: Below this many characters an ``re`` source is compiled in place: reading a cache file
#: costs about what parsing a short pattern does.
RE_CACHE_MIN = 400


def compile_re_source(source: str) -> re.Pattern[str]:
    """``re.compile(source)`` (no flags), a long source's opcodes kept in the cache."""
    if len(source) < RE_CACHE_MIN:
        return re.compile(source)
    return compile_re(("source", source), lambda: source)


def _re_parts(source: str) -> list[Any]:
    """What ``re`` compiles ``source`` to, as plain data (see ``re._compiler.compile``)."""
    parsed = re_parser.parse(source, 0)
    code = re_compiler._code(parsed, 0)
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return [source, int(parsed.state.flags), list(code), parsed.state.groups - 1, dict(groupindex), indexgroup]


def _tag(key: bytes, name: str, body: bytes) -> bytes:
    return hmac.new(key, name.encode("ascii") + b"\x00" + body, hashlib.sha256).digest()


def _load(cache: _Cache, name: str, pattern: str) -> regex.Pattern[str] | None:
    """The stored pattern, or None for anything short of a verified, well-formed file."""
    blob = _read_trusted(cache.folder / (name + SUFFIX), _LOOSE)
    if blob is None or len(blob) <= _TAG_BYTES:
        return None
    tag, body = blob[:_TAG_BYTES], blob[_TAG_BYTES:]
    if not hmac.compare_digest(tag, _tag(cache.key, name, body)):
        return None  # verified before anything parses the body
    try:
        data = _decode(json.loads(body))
        if not (isinstance(data, tuple) and data and data[0] == pattern):
            return None
        # types-regex does not stub the private C entry point that unpickling uses
        compiled = _regex.compile(*data)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a signed file from another build: compile as usual
        return None
    return compiled if isinstance(compiled, regex.Pattern) else None


def _store(cache: _Cache, name: str, compiled: regex.Pattern[str]) -> None:
    """Write atomically (a 0600 temporary file renamed), so no process reads half a file."""
    try:
        # the plain data regex pickles a pattern as: not part of types-regex's public stubs
        data = compiled._pickled_data  # type: ignore[attr-defined]
        body = json.dumps(_encode(data), separators=(",", ":")).encode("ascii")
        fd, tmp = tempfile.mkstemp(dir=cache.folder, prefix=".tmp-", suffix=SUFFIX)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_tag(cache.key, name, body) + body)
            os.replace(tmp, cache.folder / (name + SUFFIX))
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001 - a read-only home or full disk: just no cache
        pass


def _encode(value: Any) -> Any:
    """Plain data -> JSON with one-key objects tagging every container and bytes."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, bytes):
        return {"b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return {"l": [_encode(v) for v in value]}
    if isinstance(value, frozenset):
        return {"f": [_encode(v) for v in value]}
    if isinstance(value, dict):
        return {"d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(value: Any) -> Any:
    """The inverse of :func:`_encode`; anything else is a ValueError (never a call)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, dict) and len(value) == 1:
        ((tag, inner),) = value.items()
        if tag == "b" and isinstance(inner, str):
            return base64.b64decode(inner, validate=True)
        if isinstance(inner, list):
            if tag == "t":
                return tuple(_decode(v) for v in inner)
            if tag == "l":
                return [_decode(v) for v in inner]
            if tag == "f":
                return frozenset(_decode(v) for v in inner)
            if tag == "d" and all(isinstance(p, list) and len(p) == 2 for p in inner):
                return {_decode(k): _decode(v) for k, v in inner}
    raise ValueError("not a cached pattern")
