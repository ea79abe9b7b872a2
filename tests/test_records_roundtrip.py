"""Saved records read back: ``Document.from_dict`` / ``from_json`` invert ``to_dict`` / ``to_json``."""

from __future__ import annotations

import ast
import json
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import recovery_extract as rx
from recovery_extract.records import AgencyMention, DateMention, Document, Indicator, Quantity, RegionMention

_text = st.text(max_size=12)
_pos = st.integers(min_value=0, max_value=10**6)
_opt = st.none() | _text
_number = st.integers(-10**12, 10**12) | st.floats(allow_nan=False, allow_infinity=False)
_quantity = st.builds(Quantity, text=_text, start=_pos, end=_pos, value=_number, unit=_text,
                      counter=_opt, approx=_opt)
_date = st.builds(DateMention, text=_text, start=_pos, end=_pos, value=_text)
_region = st.builds(RegionMention, text=_text, start=_pos, end=_pos, value=_opt)
_agency = st.builds(AgencyMention, text=_text, start=_pos, end=_pos, value=_opt, name=_opt)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    quantities = draw(st.lists(_quantity, max_size=3))
    indicators = draw(st.lists(st.builds(
        Indicator, metric=_text, value=_number, unit=_text, region=_opt, date=_opt, subject=_opt,
        basis=_opt, quantity=st.none() | st.sampled_from(quantities or [None]) | _quantity,
        sentence_start=st.none() | _pos, sentence_end=st.none() | _pos), max_size=3))
    return Document(id=draw(_opt), language=draw(_text), script=draw(_text), published=draw(_opt),
                    quantities=tuple(quantities), dates=tuple(draw(st.lists(_date, max_size=2))),
                    regions=tuple(draw(st.lists(_region, max_size=2))),
                    agencies=tuple(draw(st.lists(_agency, max_size=2))), indicators=tuple(indicators))


@given(documents())
def test_from_dict_inverts_to_dict(doc: Document) -> None:
    record = doc.to_dict()
    assert Document.from_dict(record).to_dict() == record
    assert Document.from_json(doc.to_json()).to_dict() == json.loads(doc.to_json())


def test_real_documents_round_trip_with_their_figures(seed_texts: dict[str, str]) -> None:
    for name, text in seed_texts.items():
        doc = rx.extract(text, doc_id=name)
        back = Document.from_json(doc.to_json())
        assert back.to_dict() == doc.to_dict()
        for ind in back.indicators:  # each indicator points at the same quantity object as the doc's
            assert ind.quantity is None or any(ind.quantity is q for q in back.quantities)


def test_indicator_records_carry_the_figure_span() -> None:
    text = "截至2月24日,济南市规模以上工业企业开工率98.78%。"
    record = rx.extract(text, published="2020-02-25").to_dict()
    ind = record["indicators"][0]
    assert text[ind["start"]:ind["end"]] == ind["text"] == "98.78%"
    assert {"sentence_start", "sentence_end"} <= ind.keys()


def test_a_new_field_round_trips_without_edits() -> None:
    """from_dict reads every init field of the record class, so a field added later works."""
    names = {f.name for f in fields(Quantity)}
    record = {"text": "3吨", "start": 0, "end": 2, "value": 3, "unit": "t", "counter": None, "approx": None,
              "not_a_field": 1}
    assert Document.from_dict({"id": "x", "language": "zh", "script": "Hans", "published": None,
                               "quantities": [record]}).quantities[0].value == 3
    assert "not_a_field" not in names


@pytest.mark.parametrize("bad", ["[]", "3", '{"id": "x"}', '{"id": "x", "language": "zh", "script": "Hans", '
                                 '"published": null, "quantities": [{"text": "x"}]}',
                                 '{"id": "x", "language": "zh", "script": "Hans", "published": null, '
                                 '"dates": 5}', "not json"])
def test_what_is_not_a_record_is_a_value_error(bad: str) -> None:
    with pytest.raises(ValueError):
        Document.from_json(bad)


def test_records_module_imports_nothing_of_the_package() -> None:
    """Plain data: no import (lazy or not) of another package module, so no cycle with display."""
    tree = ast.parse(Path(rx.records.__file__).read_text(encoding="utf-8"))
    imports = [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]
    assert imports
    assert not [n for n in imports if isinstance(n, ast.ImportFrom) and (n.level or "recovery_extract" in (n.module or ""))]
    assert not [a.name for n in imports if isinstance(n, ast.Import) for a in n.names if "recovery_extract" in a.name]


def test_notebook_view_is_registered() -> None:
    assert 'class="recovery-extract"' in rx.extract("3月30日开工率98%")._repr_html_()


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                     max_leaves=12)
_keys = st.sampled_from(["id", "language", "script", "published", "quantities", "dates", "regions", "agencies",
                         "indicators", "text", "start", "end", "value", "unit", "metric"])


@given(st.dictionaries(_keys, _json | st.lists(st.dictionaries(_keys, _json, max_size=6), max_size=2), max_size=9))
def test_any_json_object_is_a_document_or_a_value_error(record: dict[str, object]) -> None:
    try:
        doc = Document.from_dict(record)
    except ValueError:
        return
    assert isinstance(doc, Document)
