"""Stage 2: document language and script, per-sentence language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx


@pytest.mark.parametrize(
    ("text", "language", "script"),
    [
        ("截至2月24日,全市规模以上工业企业开工率98.78%。", "zh", "Hans"),
        ("截至4月13日,全市312家規上工業企業中,已有262家復工復產。", "zh", "Hant"),
        ("As of March 30, the operating rate of industrial enterprises has exceeded 97%.", "en", "Latn"),
        ("The output value reached 633.06 billion yuan, up 10.5% year on year.\n"
         "今年1-2月,全市规上工业总产值完成6330.6亿元,同比增长10.5%。", "mixed", "mixed"),
        ("東京都の工場は再開しました。生産は順調です。", "ja", "Jpan"),
        ("서울의 공장들이 다시 문을 열었습니다.", "ko", "Kore"),
        ("", "und", "Zyyy"),
        ("12345 %%% ---", "und", "Zyyy"),
    ],
)
def test_document_language(text: str, language: str, script: str) -> None:
    doc = rx.extract(text)
    assert (doc.language, doc.script) == (language, script)


def test_chinese_article_with_english_footer_stays_zh() -> None:
    body = "济南市规模以上工业企业开工率98.78%,上岗职工30.9万人,上岗率75.4%。" * 10
    doc = rx.extract(body + "\nDazhong News Group (Da Zhong Daily) All rights reserved")
    assert doc.language == "zh"


def test_pinyin_glosses_are_not_english() -> None:
    doc = rx.extract("做到兩統(tǒng)籌 奪取雙勝利|滕州市工業(yè)經(jīng)濟(jì)實(shí)現(xiàn)首季開門紅")
    assert (doc.language, doc.script) == ("zh", "Hant")


def test_sentences_carry_their_own_language(pipeline: rx.Pipeline) -> None:
    norm = pipeline.normalise("Output rose 4.9 percent in October.\n10月份工业增加值同比增长4.9%。")
    info = pipeline.detect_language(norm)
    assert [s.language for s in info.sentences] == ["en", "zh"]
    assert info.language == "mixed"


def test_seeds(seed_texts: dict[str, str]) -> None:
    got = {k: (rx.extract(t).language, rx.extract(t).script) for k, t in seed_texts.items()}
    assert got == {
        "000_c9840136a092e08d": ("en", "Latn"),
        "001_d9be41072b7395af": ("zh", "Hans"),
        "002_c941324a04f71631": ("en", "Latn"),
        "003_8246d363e1329503": ("en", "Latn"),
        "004_fadf58b9fc7513c3": ("zh", "Hant"),
    }


_SCRIPTS = st.text(alphabet=st.sampled_from(list("济南開工abcXYZ东京のカナ서울 .。!?\n12%é")), max_size=200)


@given(_SCRIPTS, st.integers(0, 200), st.integers(0, 200))
def test_counts_by_runs_equal_counts_by_character(pipeline: rx.Pipeline, text: str, a: int, b: int) -> None:
    """Each class is counted as runs; the total must be the number of its characters."""
    import regex

    cfg = pipeline.store.yaml("language/scripts.yaml")["classes"]
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    piece = text[start:end]
    expected = tuple(len(regex.findall(cfg[name], piece)) for name in ("han", "kana", "hangul", "latin"))
    assert pipeline.detect_language._counts(text, start, end) == expected
