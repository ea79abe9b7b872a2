"""The publication date: scored candidates (patterns/dates/published.yaml), and explain().

The page heads below are written for these tests (shapes of real bylines, not
copied text); the expected values are worked out by hand. The gold pages under
../shared/eval/published are scored when that folder is present.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.data.patterns import FLAGS, PatternStore, compile_regex

ROOT = Path(__file__).resolve().parents[1]
DATA = PatternStore().yaml("dates/published.yaml")


def _eval_dir() -> Path | None:
    env = os.environ.get("RX_EVAL_DIR")
    for p in ([Path(env)] if env else []) + [ROOT.parent / "shared" / "eval", ROOT.parent.parent / "shared" / "eval"]:
        if (p / "published" / "published.jsonl").is_file():
            return p
    return None


# ---------------------------------------------------------------- data lint

def test_every_feature_has_examples_or_a_reason_and_they_match() -> None:
    for key in ("features", "stamp_features"):
        for f in DATA.get(key) or []:
            where = next(k for k in ("before", "after", "line", "prev_line", "next_lines") if f.get(k))
            examples = f.get("examples") or []
            assert len(examples) >= 2 or f.get("reason"), f"{f['id']}: give two examples or a reason"
            compiled = compile_regex(f[where], f["id"], FLAGS)
            for ex in examples:
                assert compiled.search(ex), f"{f['id']}: example {ex!r} does not match"
            for ex in f.get("not") or ():
                assert not compiled.search(ex), f"{f['id']}: counter-example {ex!r} matches"


def test_every_shape_states_its_reason() -> None:
    for name, spec in DATA["shapes"].items():
        assert spec.get("reason"), name
        assert isinstance(spec.get("score"), int), name


def test_stamp_examples_match_in_full_and_counter_examples_do_not() -> None:
    for s in DATA["stamps"]:
        compiled = compile_regex(s["regex"], s["id"], FLAGS)
        assert len(s["examples"]) >= 2
        for ex in s["examples"]:
            assert compiled.fullmatch(ex), (s["id"], ex)
        for ex in s.get("not") or ():
            assert not compiled.search(ex) or compiled.search(ex).group(0) != ex, (s["id"], ex)


def test_year_rules_examples() -> None:
    years = PatternStore().yaml("dates/years.yaml")
    for key in ("clause_break", "comparison_before", "comparison_after", "forward_cue", "forward_before"):
        compiled = compile_regex(years[key]["regex"], key, FLAGS)
        for ex in years[key]["examples"]:
            assert compiled.search(ex), (key, ex)
        for ex in years[key].get("not") or ():
            assert not compiled.search(ex), (key, ex)


# ---------------------------------------------------------------- page heads

PAGES = [
    ("label and time", "标题\n发布日期:2023年5月12日 09:30 来源:人民网\n正文5月11日,全市工业增长。", "2023-05-12T09:30"),
    ("stamp then source", "标题\n2023-05-12 09:30:12 来源:新华网 作者:张三\n正文", "2023-05-12T09:30:12"),
    ("e-paper row", "来源:经济日报 2023年05月12日 版次:A03\n本报讯 3月份,工业增长。", "2023-05-12"),
    ("published label, day first", "Title here\nPublished: 12 May 2023\nBody text about March figures.", "2023-05-12"),
    ("posted on", "Title here\nPosted on March 3, 2022 by admin\nBody.", "2022-03-03"),
    ("time first beats dateline", "Title\n\n(Xinhua) 10:15, March 3, 2022\n\nBEIJING, March 2 (Xinhua) -- Output rose.",
     "2022-03-03T10:15"),
    ("alone with weekday", "2022年3月3日 星期四\n标题\n正文内容,1-2月工业增长。", "2022-03-03"),
    ("label with seconds", "时间:2022-03-03 10:00:00 浏览次数:123\n正文", "2022-03-03T10:00:00"),
    ("bracketed", "标题\n[ 2022-03-03 ]\n正文", "2022-03-03"),
    ("slashes with time", "标题\n2022/03/03 10:00\n正文", "2022-03-03T10:00"),
    ("dots", "标题\n2022.03.03\n正文", "2022-03-03"),
    ("year-less dateline only", "新华社北京3月3日电 工业增长。", "--03-03"),
    ("today header loses", "今天是2024年11月26日 星期二\n标题\n发布时间:2020-03-03\n正文", "2020-03-03"),
    ("weather header loses", "Tuesday, 26 November, 2024\nParis: 3 °C\nHeadline\nMonday, 2 March, 2020\nText", "2020-03-02"),
    ("ROC stamp after credit", "標題\n正文。(編輯:王小明)1130123\n", "2024-01-23"),
    ("ROC written date", "標題\n民國113年1月23日\n正文", "2024-01-23"),
    ("12-hour PM", "Headline\nMar 30, 2020 12:33 PM\nText", "2020-03-30T12:33"),
    ("12-hour AM after midnight", "Headline\nMar 30, 2020 12:05 AM\nText", "2020-03-30T00:05"),
    ("3 PM", "Headline\nMar 30, 2020, 3:10 p.m.\nText", "2020-03-30T15:10"),
    ("byline cue", "Headline\nBy John Smith | Updated: Mar 30, 2020\nText", "2020-03-30"),
    ("full beats year-less", "Headline\nMarch 30, 2020\nShanghai, March 29 -- text", "2020-03-30"),
    ("prose date is not the page's",
     "Headline\n\nText said on Monday, March 30, 2020 that output rose by 5 percent in the first quarter "
     "compared with a year earlier.", None),
    ("PR wire", "Headline\nNEW YORK, March 30, 2020 /PRNewswire/ -- text", "2020-03-30"),
    ("numeric with weekday", "标题\n2020-03-30 星期一\n正文", "2020-03-30"),
    ("author, date, source", "标题\n作者:张三  2020年03月30日 10:42  来源:新华网\n正文", "2020-03-30T10:42"),
    ("day first with dots", "标题\n16.09.2015\nText", "2015-09-16"),
    ("month first with slashes", "Headline\nUpdated:\n2/28/2020\nText", "2020-02-28"),
    ("link list loses", "标题\n发布时间:2020-03-30\n相关新闻\n- 2020-03-01 某新闻\n- 2020-03-02 某新闻\n- 2020-03-03 某新闻",
     "2020-03-30"),
    ("only a link list", "正文。\n2023年02月28日\n2023年02月27日\n2023年02月22日\n", None),
    ("no cue, no date", "正文 2月3日,工业增长。", None),
    ("a cited report is not a dateline", "据人民日报3月4日报道,工业增长。", None),
    ("a phone meeting is not a dateline", "3月4日电话会议召开,工业增长。", None),
    ("publish label with a slash", "标题\n发布 / 2024年1月23日\n正文", "2024-01-23"),
    ("统计局发布 is not a label", "国家统计局今天发布2023年12月数据。", None),
    ("CGTN stamp", "Headline\nUpdated 21:18, 05-Mar-2020\nText", "2020-03-05T21:18"),
    ("slash before the time", "Headline\nMarch 5, 2020 / 10:30 AM / CHINA DAILY\nText", "2020-03-05T10:30"),
    ("magazine issue month", "Headline\nMarch 2020 edition\nText", "2020-03"),
    ("ordinal", "Headline\nJan 5th, 2021\nText", "2021-01-05"),
    ("label before time and weekday", "Headline\nnav\nnav\nnav\nnav\nUpdated 10:42 AM ET, Tue March 3, 2020\nText",
     "2020-03-03"),
    ("paragraph opening with a day is not a list", "标题\n\n2020-02-25 15:27:09 发布来源:某报\n\n2月25日,记者获悉。",
     "2020-02-25T15:27:09"),
    ("published on is a label", "Headline\nnav\nnav\nnav\nnav\nPublished on March 3, 2022 by admin\nBody.", "2022-03-03"),
    ("time first, day first, 12-hour", "Headline\nPublished: 9:00pm, 5 Mar, 2020\nBody.", "2020-03-05T21:00"),
    ("label 发表于 is not an event", "标题\n发表于 2020-05-21 00:00:00 行业\n正文", "2020-05-21T00:00:00"),
    ("glued section name", "Headline\nBusinessJan 5th 2021 edition\nText", "2021-01-05"),
    ("month only with label", " date 2020-05 Headline text follows here.", "2020-05"),
    ("full day beats month-only label", " date 2024-12 标题\n\n北京, Dec. 13, 2024 (GLOBE NEWSWIRE) -- 正文", "2024-12-13"),
    ("same-day time kept", " date 2022-04-24 Headline\n\nXinhua) 08:24, April 24, 2022\n\nHARBIN, April 23 (Xinhua) -- Text",
     "2022-04-24T08:24"),
    ("time of another block not taken",
     " date 2023-08-15 user\n- Joined\n- Nov 4, 2011\n- Messages\n- 61\nA quoted story's headline on power use, up 5.2% in the"
     " first seven monthsXinhua | Updated: 2023-08-15 10:22\nText", "2023-08-15"),
    ("photo caption loses", "Headline\nWorkers at a plant in Shanghai on Feb. 12, 2020. (Photo by A. B./Xinhua)\nReuters\n2/28/2020\nText",
     "2020-02-28"),
]


@pytest.mark.parametrize("text,want", [pytest.param(t, w, id=label) for label, t, w in PAGES])
def test_page_head(text: str, want: str | None) -> None:
    assert rx.extract(text).published == want


def test_a_roc_stamp_is_not_reported_as_a_date_or_a_quantity() -> None:
    doc = rx.extract("標題\n正文。(編輯:王小明)1130123\n")
    assert doc.published == "2024-01-23"
    assert not doc.dates and not doc.quantities


def test_the_page_date_resolves_the_year_of_the_body() -> None:
    doc = rx.extract("Headline\nMay 29, 2024, 11:58 AM\nProfits fell 8.5% in April.")
    assert doc.published == "2024-05-29T11:58"
    assert ("April", "2024-04") in [(d.text, d.value) for d in doc.dates]


# ---------------------------------------------------------------- explain

def test_explain_shows_the_winner_and_its_features() -> None:
    text = " date 2022-04-24 Headline\n\nXinhua) 08:24, April 24, 2022\n\nHARBIN, April 23 (Xinhua) -- Text"
    out = rx.explain(text)
    assert "publication date: candidate [6:16 '2022-04-24'] wins" in out
    assert "time comes from the same-day stamp [" in out and "'08:24, April 24, 2022'" in out
    assert "dates.published.label_before +4" in out
    assert "dates.published.wire_dateline" in out  # the losing dateline is listed with its features


def test_explain_says_when_there_is_no_page_date() -> None:
    assert "publication date: none" in rx.explain("正文 2月3日,工业增长。")
    assert "publication date: given by the caller" in rx.explain("正文 2月3日。", published="2020-02-03")


# ---------------------------------------------------------------- invariants

@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789-/.: \n年月日电讯来源发布时间Updated:,()Xinhua--PMAM")),
               max_size=120))
def test_any_head_gives_an_iso_date_or_none(text: str) -> None:
    doc = rx.extract(text)
    p = doc.published
    assert p is None or (isinstance(p, str) and (p[:4].isdigit() or p.startswith("--")))
    for d in doc.dates:
        assert text[d.start:d.end] == d.text


# ---------------------------------------------------------------- gold pages

def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return {d["id"]: d for d in (json.loads(line) for line in fh if line.strip())}


@pytest.mark.skipif(_eval_dir() is None, reason="../shared/eval is not present")
def test_published_gold_pages() -> None:
    base = _eval_dir()
    assert base is not None
    gold = _load(base / "published" / "published.jsonl")
    right = 0
    for doc_id, g in gold.items():
        raw = (base / "published" / "texts" / f"{doc_id}.txt").read_bytes()
        right += rx.extract(raw).published == g["published"]
    assert right / len(gold) >= 0.97
