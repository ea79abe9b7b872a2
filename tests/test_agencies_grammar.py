"""The agency grammars run together (extract/agencies_grammar.py) as each pattern would alone.

- every pattern's ``examples`` are found in full, its ``not`` list is not;
- the ``starts`` contract: a pattern can only begin with a word of a named list or
  where ``starts`` matches (checked on first characters, named lists taken out).
"""

from __future__ import annotations

from typing import Any

import pytest
import regex

import recovery_extract as rx
from recovery_extract.extract.agencies import EN_GRAMMAR, ZH_GRAMMAR
from recovery_extract.data.patterns import FLAGS, expand, resolve_refs
from recovery_extract.extract.regions_rules import PLAIN

GRAMMARS = [(ZH_GRAMMAR, "zh", PLAIN), (EN_GRAMMAR, "en", FLAGS)]


@pytest.fixture(scope="module")
def extractor(pipeline: rx.Pipeline) -> Any:
    return pipeline.agencies


@pytest.mark.parametrize("rel,attr,flags", GRAMMARS, ids=["zh", "en"])
def test_examples_are_found_in_full(extractor: Any, rel: str, attr: str, flags: int) -> None:
    grammar = extractor._grammar(attr)
    data = extractor.store.yaml(rel)
    for k, entry in enumerate(data["patterns"]):
        for example in entry.get("examples") or []:
            spans = [(m.start(), m.end()) for m in grammar.finditer(example, 0, len(example))[k]]
            assert (0, len(example)) in spans, f"{entry['id']}: {example!r} -> {spans}"
        for negative in entry.get("not") or []:
            spans = [(m.start(), m.end()) for m in grammar.finditer(negative, 0, len(negative))[k]]
            assert (0, len(negative)) not in spans, f"{entry['id']}: {negative!r} must not match"


@pytest.mark.parametrize("rel,attr,flags", GRAMMARS, ids=["zh", "en"])
def test_patterns_start_where_starts_says(extractor: Any, rel: str, attr: str, flags: int) -> None:
    data = extractor.store.yaml(rel)
    pieces = resolve_refs({k: str(v) for k, v in data["pieces"].items()})
    starts = regex.compile(expand(str(data["starts"]), pieces), flags)
    probe = set(map(chr, range(0x20, 0x7F))) | set(map(chr, range(0x4E00, 0xA000)))
    probe |= set(extractor.store.path(rel).read_text(encoding="utf-8"))
    for entry in data["patterns"]:
        body = regex.sub(r"\\L<\w+>", "(?!)", expand(str(entry["regex"]), pieces))
        pattern = regex.compile(body, flags)
        bad = sorted(c for c in probe if pattern.match(c, partial=True) and not starts.match(c, partial=True))
        assert not bad, f"{entry['id']} can start with {bad[:10]}: add them to `starts` in {rel}"


def test_starts_check_can_fail() -> None:
    pattern = regex.compile(r"(?:Ministry|Bureau)\s+of", FLAGS)
    starts = regex.compile(r"Ministry", FLAGS)
    assert pattern.match("B", partial=True) and not starts.match("B", partial=True)


def test_grammars_compile_on_first_use_with_the_same_results() -> None:
    """The packaged grammars are compiled lazily (cold start); a custom folder at once."""
    from recovery_extract.data.patterns import data_dir

    lazy = rx.Pipeline()
    text = "The Jinan Municipal Bureau of Industry and Information Technology said 98% had resumed."
    doc = lazy.extract(text)
    assert set(lazy.agencies._grammars) == {"en"}  # no Chinese text: the zh grammar never compiled
    assert lazy.regions._en is not None
    eager = rx.Pipeline(patterns=data_dir())
    assert set(eager.agencies._grammars) == {"zh", "en"} and eager.regions._en is not None
    assert eager.extract(text).to_json() == doc.to_json()
    zh = "济南市工业和信息化局表示,全市复工率达98%。"
    assert lazy.extract(zh).to_json() == eager.extract(zh).to_json()
    assert set(lazy.agencies._grammars) == {"zh", "en"}
