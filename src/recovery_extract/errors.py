"""The library's own errors: everything it raises on purpose derives from one base."""

from __future__ import annotations


class RecoveryExtractError(Exception):
    """Base class of every error recovery_extract raises on purpose."""


class DecodeError(RecoveryExtractError, ValueError):
    """Bytes could not be decoded and the caller asked for strict decoding."""


class PatternError(RecoveryExtractError):
    """A data file under ``patterns/`` is missing or malformed (names file, line, key)."""
