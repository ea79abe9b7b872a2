"""Compiled regexes kept on disk between processes, so a cold start does not re-parse them.

The ``regex`` module parses and optimises a pattern in Python before handing
opcodes to its C core; for this library's few hundred patterns and gazetteer
alternations that is most of a CLI cold start (about 0.6 to 1 s).  ``regex``
pickles a compiled pattern as those opcodes, and unpickling hands them straight
to the C core, so a pickled pattern loads in microseconds.

Each pattern is stored in its own file named by a hash of what determines the
compiled result: the pattern, the flags and the named lists.  The folder is per
``regex`` and Python version, since opcodes are only valid for the version that
made them.  A cache that is missing, unreadable, unwritable or corrupt is never
an error: the pattern is compiled as usual.

``RECOVERY_EXTRACT_CACHE`` sets the folder; ``off`` (or an empty value) turns
the cache off.  The default is ``$XDG_CACHE_HOME/recovery-extract`` (else
``~/.cache/recovery-extract``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import regex

ENV = "RECOVERY_EXTRACT_CACHE"
_OFF = {"", "0", "off", "no", "false", "none"}
_UNSET = object()
_folder: Any = _UNSET


def folder() -> Path | None:
    """Where compiled patterns are kept for this ``regex`` and Python version (None: off)."""
    global _folder
    if _folder is _UNSET:
        _folder = _resolve()
    return _folder


def reset() -> None:
    """Read ``RECOVERY_EXTRACT_CACHE`` again on next use (tests, long-lived processes)."""
    global _folder
    _folder = _UNSET


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
    version = f"regex-{regex.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    return base / version


def _key(pattern: str, flags: int, ignore_unused: bool, named_lists: dict[str, list[str]]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((pattern, int(flags), ignore_unused)).encode("utf-8", "surrogatepass"))
    for name in sorted(named_lists):
        digest.update(b"\x00" + name.encode() + b"\x00")
        digest.update("\x1f".join(sorted(set(named_lists[name]))).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def compile(pattern: str, flags: int = 0, ignore_unused: bool = False,  # noqa: A001 - mirrors regex.compile
            **named_lists: Iterable[str]) -> Any:
    """``regex.compile``, served from the on-disk cache when the same pattern was compiled before.

    Raises what ``regex.compile`` raises for a bad pattern (errors are never cached).
    """
    lists = {k: list(v) for k, v in named_lists.items()}
    where = folder()
    if where is None:
        return regex.compile(pattern, flags, ignore_unused=ignore_unused, **lists)
    path = where / (_key(pattern, flags, ignore_unused, lists) + ".pickle")
    try:
        loaded = pickle.loads(path.read_bytes())  # noqa: S301 - the user's own cache folder
        if isinstance(loaded, regex.Pattern) and loaded.pattern == pattern:
            return loaded
    except Exception:  # noqa: BLE001 - missing or corrupt: compile as usual below
        pass
    compiled = regex.compile(pattern, flags, ignore_unused=ignore_unused, **lists)
    _store(path, compiled)
    return compiled


def _store(path: Path, compiled: Any) -> None:
    """Write atomically (a temporary file renamed), so concurrent processes never read half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001 - a read-only home or full disk: just no cache
        pass
