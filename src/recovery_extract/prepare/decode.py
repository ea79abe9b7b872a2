"""Stage 1 - decode. Reads bytes; writes the original str and warnings.

Bytes with a BOM use it; valid UTF-8 is UTF-8; anything else goes to
charset-normalizer, restricted to the encodings Chinese news is served in
(``patterns/normalise/encodings.yaml``).  Text that was decoded with the wrong
codec upstream (mojibake) is repaired with ftfy.  Undecodable bytes raise
:class:`~recovery_extract.errors.DecodeError` when ``strict``; otherwise they
become U+FFFD and the Document carries a warning, so nothing else is lost.
"""

from __future__ import annotations

import codecs

from ..errors import DecodeError
from ..data.patterns import PatternStore

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Decoder:
    """Bytes -> str with the project's encoding policy."""

    def __init__(self, store: PatternStore) -> None:
        self.candidates: list[str] = list(store.yaml("normalise/encodings.yaml")["candidates"])

    def __call__(self, data: bytes, *, strict: bool = False) -> tuple[str, tuple[str, ...]]:
        """The decoded text and any warnings about it."""
        warnings: list[str] = []
        encoding = self.detect(data)
        if encoding is None:
            if strict:
                raise DecodeError(
                    f"cannot decode {len(data)} bytes as any of {', '.join(self.candidates)}"
                )
            encoding = "utf-8"
            warnings.append("undecodable bytes replaced with U+FFFD (encoding not recognised)")
        text = data.decode(encoding, errors="replace")
        if "\ufffd" in text and not warnings:
            if strict:
                raise DecodeError(f"invalid {encoding} byte sequence")
            warnings.append(f"invalid {encoding} bytes replaced with U+FFFD")
        repaired = repair_mojibake(text)
        if repaired != text:
            warnings.append("mojibake repaired (text had been decoded with the wrong codec)")
        return repaired, tuple(warnings)

    def detect(self, data: bytes) -> str | None:
        """The codec for ``data``, or None when nothing fits."""
        for bom, name in _BOMS:
            if data.startswith(bom):
                return name
        if b"\x00" not in data:  # NULs in "valid UTF-8" mean UTF-16/32 without a BOM
            try:
                data.decode("utf-8")
                return "utf-8"
            except UnicodeDecodeError:
                pass
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data, cp_isolation=self.candidates))
        if not matches:
            return None
        order = {name: i for i, name in enumerate(self.candidates)}
        best = min(matches, key=lambda m: (round(m.chaos, 3), -round(m.coherence, 3),
                                            order.get(m.encoding, len(order))))
        return str(best.encoding)


def repair_mojibake(text: str) -> str:
    """Undo a wrong decode upstream (``鍏ㄧ渷`` / ``Ã©``) with ftfy; otherwise unchanged."""
    import ftfy

    if text.isascii():
        return text
    return str(ftfy.fix_encoding(text))


def looks_like_mojibake(text: str) -> bool:
    """True when ftfy would change the text's encoding (for a warning on str input)."""
    return repair_mojibake(text) != text
