"""The spaCy component on blank zh and en pipelines: spans, ents, values, n_process, displaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import recovery_extract as rx

spacy = pytest.importorskip("spacy")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
LABELS = {"quantities": "QUANTITY", "dates": "DATE", "regions": "REGION", "agencies": "AGENCY"}
ZH = "截至2月24日,济南市规模以上工业企业开工率98.78%,上岗职工30.9万人。山东省工信厅统计。"
EN = "By March 30, 12.71 million yuan had been paid to more than 600 enterprises in Shandong."


def _expected(doc: rx.Document) -> list[tuple[int, int, str, object]]:
    return sorted((m.start, m.end, LABELS[kind], m.value)
                  for kind in LABELS for m in getattr(doc, kind))


def test_entry_point_registers_the_factory_without_import() -> None:
    code = ("import spacy, sys; nlp = spacy.blank('en'); nlp.add_pipe('recovery_extract'); "
            "doc = nlp('Output rose 5% in Shandong.'); "
            "print([(e.text, e.label_) for e in doc.ents])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "('5%', 'QUANTITY')" in out.stdout and "('Shandong', 'REGION')" in out.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seeds_give_the_same_mentions_as_extract(lang: str) -> None:
    nlp = spacy.blank(lang)
    nlp.add_pipe("recovery_extract")
    checked = 0
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        record = rx.extract(text)
        if record.language != lang:
            continue
        doc = nlp(text)
        group = doc.spans["recovery_extract"]
        # Same character spans when the mention lines up with tokens (always for zh chars).
        got = sorted((s.start_char, s.end_char, s.label_, s._.value) for s in group)
        if lang == "zh":
            assert got == _expected(record)
        else:
            assert len(got) == len(_expected(record))
            assert [v for *_, v in got] == [v for *_, v in _expected(record)]
        ents = list(doc.ents)
        assert ents and all(a.end <= b.start for a, b in zip(ents, ents[1:]))
        assert {e.label_ for e in ents} <= set(LABELS.values())
        assert doc._.indicators == [
            {**i.to_dict(), "text": i.quantity.text if i.quantity else None,
             "start": i.quantity.start if i.quantity else None,
             "end": i.quantity.end if i.quantity else None} for i in record.indicators]
        checked += 1
    assert checked, f"no {lang} seed"


def test_span_extensions_carry_normalised_values() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("recovery_extract", config={"published": "2020-02-25"})
    doc = nlp(ZH)
    by_text = {s.text: s for s in doc.spans["recovery_extract"]}
    assert (by_text["30.9万人"]._.value, by_text["30.9万人"]._.unit,
            by_text["30.9万人"]._.counter) == (309000, "count", "人")
    assert by_text["2月24日"]._.value == "2020-02-24"
    assert by_text["济南市"]._.value == "370100"
    assert by_text["山东省工信厅"]._.value == "370000"
    assert doc._.indicators and doc._.indicators[0]["metric"]


def test_doc_published_overrides_the_config() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("recovery_extract", config={"published": "2020-02-25"})
    docs = []
    for date in ("2021-05-01", None):
        doc = nlp.make_doc(ZH)
        doc._.published = date
        docs.append(doc)
    got = [[s._.value for s in d.ents if s.label_ == "DATE"] for d in nlp.pipe(docs, n_process=2)]
    assert got == [["2021-02-24"], ["2020-02-24"]]


def test_existing_ents_are_kept_unless_overwrite() -> None:
    for overwrite, expect_first in ((False, "CUSTOM"), (True, "DATE")):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns([{"label": "CUSTOM", "pattern": "By March"}])
        nlp.add_pipe("recovery_extract", config={"overwrite_ents": overwrite})
        doc = nlp(EN)
        assert doc.ents[0].label_ == expect_first
        assert "12.71 million yuan" in [e.text for e in doc.ents]


def test_n_process_2_keeps_spans_and_extensions() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("recovery_extract", config={"published": "2020-04-01"})
    single = [nlp(t) for t in [EN, ZH] * 2]
    multi = list(nlp.pipe([EN, ZH] * 2, n_process=2, batch_size=1))

    def view(doc: spacy.tokens.Doc) -> tuple[object, ...]:
        return (tuple((s.text, s.label_, s._.value, s._.unit) for s in doc.spans["recovery_extract"]),
                tuple((e.text, e.label_) for e in doc.ents), doc._.indicators)

    assert [view(d) for d in multi] == [view(d) for d in single]
    assert ("12.71 million yuan", "QUANTITY", 12710000, "CNY") in view(multi[0])[0]


def test_displacy_renders_our_labels() -> None:
    from spacy import displacy

    from recovery_extract.integrations.spacy import DISPLACY_OPTIONS

    nlp = spacy.blank("zh")
    nlp.add_pipe("recovery_extract")
    html = displacy.render(nlp(ZH), style="ent", options=DISPLACY_OPTIONS, page=False)
    for label in ("QUANTITY", "DATE", "REGION", "AGENCY"):
        assert label in html
    assert DISPLACY_OPTIONS["colors"]["QUANTITY"] in html
    assert "98.78%" in html


def test_serialised_pipeline_round_trips(tmp_path: Path) -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("recovery_extract", config={"published": "2020-02-25", "spans_key": "rx"})
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    before, after = nlp(ZH), loaded(ZH)
    assert [s.text for s in after.spans["rx"]] == [s.text for s in before.spans["rx"]]
    assert loaded.get_pipe("recovery_extract").published == "2020-02-25"


def test_displacy_colours_every_label_without_options() -> None:
    """REGION and AGENCY used to render grey (displaCy's default) unless options were passed."""
    from spacy import displacy
    from spacy.displacy.render import DEFAULT_ENTITY_COLOR

    from recovery_extract.integrations.spacy import DISPLACY_OPTIONS

    nlp = spacy.blank("zh")
    nlp.add_pipe("recovery_extract")
    html = displacy.render(nlp("截至2月24日,济南市工业和信息化局称,济南市规模以上工业企业开工率98.78%。"),
                           style="ent", page=False)
    for label in ("REGION", "AGENCY"):
        assert label in html and DISPLACY_OPTIONS["colors"][label] in html
    assert DEFAULT_ENTITY_COLOR not in html


def test_conventional_labels_for_mixed_pipelines() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("recovery_extract", config={"labels": "conventional", "published": "2020-03-20"})
    doc = nlp("On March 18, the Ministry of Industry and Information Technology said output in Shandong "
              "rose 5%, investment reached 3 billion yuan, 12 enterprises resumed work and 30,000 tonnes "
              "of steel were shipped.")
    got = {(e.text, e.label_) for e in doc.ents}
    assert {("March 18", "DATE"), ("Ministry of Industry and Information Technology", "ORG"),
            ("Shandong", "GPE"), ("5%", "PERCENT"), ("3 billion yuan", "MONEY"),
            ("12 enterprises", "CARDINAL"), ("30,000 tonnes", "QUANTITY")} <= got
    assert {e.label_ for e in doc.ents} <= {"GPE", "ORG", "DATE", "PERCENT", "MONEY", "QUANTITY", "CARDINAL"}
    with pytest.raises(ValueError, match="labels"):
        spacy.blank("en").add_pipe("recovery_extract", config={"labels": "ontonotes"})
