"""Document._repr_html_: highlighted text with a legend and values on hover, indicator table."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.display import KIND_LABELS, render_html, to_displacy

TEXT = "截至2月24日,济南市规模以上工业企业开工率98.78%,上岗职工30.9万人。山东省工信厅统计。<b>&</b>"


class _Marks(HTMLParser):
    """Collects (class, title, text) of every <mark>, and all visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self._open: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            a = dict(attrs)
            self._open = (a.get("class") or "", a.get("title") or "")
            self.marks.append((*self._open, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open:
            cls, title, text = self.marks[-1]
            self.marks[-1] = (cls, title, text + data)


def _parse(markup: str) -> _Marks:
    parser = _Marks()
    parser.feed(markup)
    return parser


def test_marks_legend_hover_values_and_table() -> None:
    doc = rx.extract(TEXT, doc_id="d1", published="2020-02-25")
    markup = doc._repr_html_()
    parsed = _parse(markup)
    marks = {text: (cls, title) for cls, title, text in parsed.marks}
    assert marks["30.9万人"][0] == "rx-quantity" and "309000 count (人)" in marks["30.9万人"][1]
    assert marks["2月24日"] == ("rx-date", "date: 2020-02-24")
    assert marks["济南市"] == ("rx-region", "region: 370100")
    assert marks["山东省工信厅"][0] == "rx-agency"
    # A quantity reported as an indicator says so on hover.
    assert "indicator: operating_rate" in marks["98.78%"][1]
    for kind in KIND_LABELS:  # legend with counts
        assert re.search(rf">{kind} \(\d+\)<", markup)
    assert "<table" in markup and "<td" in markup and "operating_rate" in markup
    # The original text is all there, escaped, in order.
    assert "<b>&</b>" not in markup and html.escape("<b>&</b>") in markup
    assert TEXT in "".join(parsed.text)


def test_repr_stays_short() -> None:
    doc = rx.extract(TEXT * 50, doc_id="long")
    assert len(repr(doc)) < 200 and "long" in repr(doc)


def test_no_indicators_and_warnings_are_shown() -> None:
    doc = rx.extract("天气很好。")
    assert "No indicators." in render_html(doc)
    mojibake = rx.extract("å¼€å·¥çŽ‡98%")
    if mojibake.warnings:
        assert "warning:" in render_html(mojibake)


def test_displacy_manual_format() -> None:
    doc = rx.extract(TEXT, published="2020-02-25")
    data = to_displacy(doc)
    assert data["text"] == TEXT
    assert {e["label"] for e in data["ents"]} == set(KIND_LABELS.values())
    assert all(a["end"] <= b["start"] for a, b in zip(data["ents"], data["ents"][1:]))


@given(st.text(alphabet=st.sampled_from(list("开工率98.7%万人济南市2月日<>&\"' \n")), max_size=60))
def test_any_text_renders_whole_and_well_formed(text: str) -> None:
    doc = rx.extract(text)
    parsed = _parse(render_html(doc))
    body = "".join(parsed.text)
    assert text in body
    assert all(text.count(m) >= 1 for _, _, m in parsed.marks)


class _Links(HTMLParser):
    """Ids of <mark>s with their text, and the href and text of every <a>, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.links: list[tuple[str, str]] = []
        self.order: list[str] = []
        self._in: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.order.append(tag)
        if tag == "mark" and a.get("id"):
            self._in = ("mark", a["id"] or "")
            self.ids[a["id"] or ""] = ""
        elif tag == "a":
            self._in = ("a", a.get("href") or "")
            self.links.append((a.get("href") or "", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("mark", "a"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in and self._in[0] == "mark":
            self.ids[self._in[1]] += data
        elif self._in:
            self.links[-1] = (self.links[-1][0], self.links[-1][1] + data)


def test_indicator_table_comes_first_and_links_to_the_highlights() -> None:
    doc = rx.extract(TEXT * 3, doc_id="d1", published="2020-02-25")
    markup = doc._repr_html_()
    assert markup.index("<table") < markup.index("<mark")
    parsed = _Links()
    parsed.feed(markup)
    assert len(parsed.links) == len(doc.indicators) >= 2
    for (href, text), ind in zip(parsed.links, doc.indicators):
        assert href.startswith("#") and parsed.ids[href[1:]] == text == ind.quantity.text
    assert len(set(parsed.ids)) == len(parsed.ids)
    other = _Links()
    other.feed(rx.extract(TEXT, doc_id="d2", published="2020-02-25")._repr_html_())
    assert not set(other.ids) & set(parsed.ids)  # two documents in one notebook: no shared ids
