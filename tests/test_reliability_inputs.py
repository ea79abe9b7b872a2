"""Any input, no crash, no loss: the error model of ``extract`` (docs/reliability.md).

``extract`` returns a Document for any ``str``; for bytes a Document, or
:class:`DecodeError` under ``strict``; wrong argument types raise ``TypeError``.
A bug inside the pipeline becomes a Document with an ``internal error`` warning,
never an exception; the properties here also assert that no such warning
appears, so a bug still fails the build.  Extends tests/test_api.py (which
holds the basic never-raises properties) with hostile alphabets and sizes.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract import pipeline as pipeline_module
from recovery_extract.pipeline import INTERNAL_ERROR, chunk_bounds

KINDS = ("quantities", "dates", "regions", "agencies")


def check(text: str, doc: rx.Document) -> None:
    """Spans select their text in the original; no internal error; JSON serialises."""
    assert isinstance(doc, rx.Document)
    assert doc.text == text or "\ufffd" in doc.text
    for kind in KINDS:
        for m in getattr(doc, kind):
            assert 0 <= m.start < m.end <= len(doc.text), (kind, m)
            assert doc.text[m.start:m.end] == m.text, (kind, m)
    assert not [w for w in doc.warnings if w.startswith(INTERNAL_ERROR)], doc.warnings
    doc.to_json()


# Characters that break naive text code: lone surrogates, C0/C1 controls, bidi and
# zero-width marks, BOM, emoji (astral plane, ZWJ sequences), combining marks,
# full-width and traditional forms, Han numerals, units and date words.
HOSTILE = st.sampled_from([
    "\ud800", "\udbff", "\udc00", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
    "\u200b", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff",
    "\ufffd", "😀", "👨\u200d👩\u200d👧", "🇨🇳", "e\u0301", "\u0301", "ﬁ", "ß", "İ", "ſ",
    "１２３", "％", "．", "，", "統(tǒng)", "萬", "億", "〇", "两", "亿元", "万吨", "个百分点",
    "年", "月", "日", "至", "同比", "开工率", "复工率", "省", "市", "济南", "工信局", "Province",
    "percent", "million", "two hundred point", "seventy-one", "SSSS", "ss", "\r\n", "\n\n", "\t",
    " ", "  ", "(", ")", "-", ".", ",", "%", "0", "1", "9", "12.5", "1,000", "1/2", "⅓", "²",
])
TEXTS = st.lists(st.one_of(HOSTILE, st.text(max_size=8)), max_size=80).map("".join)


@given(TEXTS)
def test_hostile_text_never_raises(text: str) -> None:
    check(text, rx.extract(text))


@given(st.binary(max_size=600), st.booleans())
def test_bytes_give_a_document_or_decode_error(data: bytes, strict: bool) -> None:
    doc = extract_bytes(data, strict)
    if doc is not None:
        check(doc.text, doc)


def extract_bytes(data: bytes, strict: bool) -> rx.Document | None:
    """The document of ``data``, or None for the DecodeError only strict decoding may raise."""
    try:
        return rx.extract(data, strict=strict)
    except rx.DecodeError:
        assert strict
        return None


@given(TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
       st.sampled_from(["utf-8", "utf-16", "gb18030", "big5", "utf-8-sig"]))
def test_encoded_text_decodes(data: bytes, encoding: str) -> None:
    text = data.decode("utf-8", "replace")
    doc = rx.extract(text.encode(encoding, "replace"))
    check(doc.text, doc)


@given(st.sampled_from(["1", "9", "一", "万", "亿", "元", "%", "年", "月", "日", "万元", "1万", "1.",
                        "1,", "12月", "省", "市", "a", "S", " ", "\n", "中"]),
       st.integers(min_value=1, max_value=400))
def test_repeated_units_never_raise(unit: str, times: int) -> None:
    text = unit * times
    check(text, rx.extract(text))


# Sizes the issue names: 1 MB of one character, a 100k-digit number, deeply repeated
# units. Each runs the whole pipeline once on a large input (seconds), so these are
# plain parametrized tests, not hypothesis properties.
@pytest.mark.parametrize("text", [
    pytest.param("a" * 1_000_000, id="1MB-of-a"),
    pytest.param("中" * 1_000_000, id="1MB-of-han"),
    pytest.param("1" * 100_000, id="100k-digits"),
    pytest.param("1" * 100_000 + "万元", id="100k-digits-with-unit"),
    pytest.param("9" * 5000 + "." + "9" * 5000 + "%", id="huge-decimal-percent"),
    pytest.param("万" * 20_000 + "元", id="deep-multipliers"),
    # 2,000 not 20,000: indicator linking is quadratic in the quantities of ONE sentence
    # (indicators.py; reported), and this is a single 8,000-character sentence.
    pytest.param("12万元" * 2000, id="repeated-quantities"),
    pytest.param("\n" * 300_000, id="blank-lines"),
])
def test_huge_inputs(text: str, pipeline: rx.Pipeline) -> None:
    doc = pipeline.extract(text)
    check(text, doc)
    if len(text) > pipeline.max_chars:
        assert any("chunks" in w for w in doc.warnings)


def test_chunked_document_keeps_every_mention(pipeline: rx.Pipeline, seed_texts: dict[str, str]) -> None:
    """A text over the cap is analysed in chunks: same mentions, spans on the whole text."""
    text = "\n".join(seed_texts.values())
    small = rx.Pipeline(max_chars=len(text) // 3)
    chunked, whole = small.extract(text), pipeline.extract(text)
    check(text, chunked)
    assert any("chunks" in w for w in chunked.warnings)
    for kind in ("quantities", "dates"):
        a = {(m.start, m.end, m.value) for m in getattr(chunked, kind)}
        b = {(m.start, m.end, m.value) for m in getattr(whole, kind)}
        assert len(a & b) >= 0.95 * len(b), kind


def test_chunked_text_is_checked_for_mojibake_once_as_a_whole(seed_texts: dict[str, str]) -> None:
    """The mojibake check (ftfy, costly) runs on the whole text, not again on each chunk;
    its warning is still given once, with the chunking note."""
    text = "\n".join(seed_texts.values()) + "\nå¼€å·¥çŽ‡98%\n"
    small = rx.Pipeline(max_chars=len(text) // 3)
    calls: list[int] = []
    original = pipeline_module.looks_like_mojibake
    pipeline_module.looks_like_mojibake = lambda t: calls.append(len(t)) or original(t)  # type: ignore[assignment]
    try:
        doc = small.extract(text)
    finally:
        pipeline_module.looks_like_mojibake = original  # type: ignore[assignment]
    assert calls == [len(text)]
    assert [w for w in doc.warnings if "mojibake" in w] and any("chunks" in w for w in doc.warnings)


@given(st.text(alphabet="ab\n。 ", max_size=400), st.integers(min_value=4, max_value=60))
def test_chunk_bounds_cover_text(text: str, size: int) -> None:
    bounds = chunk_bounds(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < e - s <= size for s, e in bounds) or text == ""


def test_internal_error_becomes_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in a stage must not take the caller's pipeline down: empty Document + warning."""
    pipeline = rx.Pipeline()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "analyse", broken)
    doc = pipeline.extract("开工率98.78%", doc_id="x")
    assert doc.id == "x" and doc.quantities == ()
    assert doc.warnings and doc.warnings[-1].startswith(INTERNAL_ERROR) and "RuntimeError" in doc.warnings[-1]


def test_strict_bytes_raise_only_decode_error() -> None:
    with pytest.raises(rx.DecodeError):
        rx.extract(b"\xff\xfe\xfa" * 3 + b"\x81\x00\xff" * 50, strict=True)
    assert issubclass(rx.DecodeError, rx.RecoveryExtractError)
    doc = rx.extract(b"\x81\x00\xff" * 50)
    assert doc.warnings


@pytest.mark.parametrize("kwargs", [{"published": 2020}, {"published": ["2020"]}, {"doc_id": 1},
                                    {"doc_id": b"id"}])
def test_wrong_keyword_types(kwargs: dict[str, object]) -> None:
    with pytest.raises(TypeError):
        rx.extract("x", **kwargs)  # type: ignore[arg-type]


def test_empty_published_means_none() -> None:
    check("3月30日开工率98%", rx.extract("3月30日开工率98%", published=""))


@pytest.mark.parametrize("published", ["not a date", "2020-13-45", "9999-99-99", "x" * 10_000, "\x00"])
def test_garbage_published_is_a_clear_error(published: str) -> None:
    """An invalid reference date is refused at the boundary (issue 20: it used to empty
    the Document with an internal error, or leak into the records)."""
    with pytest.raises(ValueError, match="published"):
        rx.extract("3月30日开工率98%", published=published)


@pytest.mark.parametrize("data", [bytearray(b"\xe5\xbc\x80\xe5\xb7\xa5"), memoryview(b"abc")])
def test_bytes_like_inputs(data: bytes) -> None:
    assert isinstance(rx.extract(data), rx.Document)


def test_regression_fullcase_backtracking() -> None:
    """Fuzzing found ``two hundred point SSSS...``: exponential under full case folding."""
    text = " two hundred point " + "S" * 400 + "seventy-on"
    check(text, rx.extract(text))


@st.composite
def damaged_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    """A hostile text encoded as a scraper might hand it over, then damaged the two ways
    transfers damage bytes: one byte replaced by any other, or the bytes cut anywhere."""
    text = draw(TEXTS.filter(bool))
    encoding = draw(st.sampled_from(["utf-8", "gb18030", "big5hkscs", "utf-16-le", "utf-16"]))
    data = bytearray(text.encode(encoding, "replace") if encoding != "utf-8"
                     else text.encode("utf-8", "surrogatepass"))
    if data and draw(st.booleans()):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255).filter(lambda b: b != data[at]))
        return text, bytes(data)
    return text, bytes(data[:draw(st.integers(0, len(data)))])


@given(damaged_bytes(), st.booleans())
def test_damaged_bytes_give_a_document_or_decode_error(case: tuple[str, bytes], strict: bool) -> None:
    """Issue 20: a damaged byte or a cut costs the characters it hits, never the document;
    every byte replaced is said in a warning."""
    text, data = case
    doc = extract_bytes(data, strict)
    if doc is None:
        return
    check(doc.text, doc)
    if "\ufffd" in doc.text and "\ufffd" not in text:
        assert any("U+FFFD" in w or "not recognised" in w for w in doc.warnings), doc.warnings
