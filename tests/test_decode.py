"""Stage 1, bytes: the same record whatever encoding a scraper hands us."""

from __future__ import annotations

import codecs

import pytest

import recovery_extract as rx
from recovery_extract.prepare.decode import repair_mojibake


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5hkscs",
                                      "utf-16", "utf-16-le", "utf-16-be"])
def test_seed_bytes_give_the_str_record(pipeline: rx.Pipeline, seed_texts: dict[str, str], encoding: str) -> None:
    tried = 0
    for name, text in seed_texts.items():
        if not _encodable(text, encoding):
            continue
        if encoding == "big5hkscs" and text.isascii() is False and pipeline.extract(text).language == "en":
            # English with a few curly quotes is byte-for-byte ambiguous between
            # GB18030 and Big5; Big5 pages are Chinese (docs/decisions.md).
            continue
        tried += 1
        from_str = pipeline.extract(text, doc_id=name).to_dict()
        from_bytes = pipeline.extract(text.encode(encoding), doc_id=name)
        assert from_bytes.to_dict() == from_str, (name, encoding)
        assert from_bytes.text == text
    assert tried >= 1


def test_big5_of_a_simplified_seed_after_conversion(pipeline: rx.Pipeline, seed_texts: dict[str, str]) -> None:
    import opencc

    text = opencc.OpenCC("s2t").convert(seed_texts["001_d9be41072b7395af"])
    text = "".join(c for c in text if _encodable(c, "big5"))
    assert pipeline.extract(text.encode("big5")).to_dict() == pipeline.extract(text).to_dict()


def test_bom_wins() -> None:
    data = codecs.BOM_UTF16_LE + "开工率98.78%".encode("utf-16-le")
    assert rx.extract(data).text == "开工率98.78%"


def test_mojibake_is_repaired_on_bytes() -> None:
    text = "济南规上工业企业开工率98.78%, café"
    garbled = text.encode("utf-8").decode("latin-1").encode("utf-8")
    doc = rx.extract(garbled)
    assert doc.text == text
    assert any("mojibake" in w for w in doc.warnings)


def test_repair_leaves_clean_text_alone(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        assert repair_mojibake(text) == text


def test_undecodable_bytes_strict_raises_library_error() -> None:
    data = b"\x81\xff\xfe\x80" * 50 + b"\xff"
    with pytest.raises(rx.DecodeError):
        rx.extract(data, strict=True)
    with pytest.raises(rx.RecoveryExtractError):
        rx.extract(data, strict=True)


def test_undecodable_bytes_lenient_keep_the_rest_and_warn() -> None:
    data = "开工率98.78%。".encode("utf-8") + b"\xff\xfe\x00\xff" + "上岗率75.4%。".encode("utf-8")
    doc = rx.extract(data)
    assert "开工率98.78%" in doc.text and "上岗率75.4%" in doc.text
    assert doc.warnings
