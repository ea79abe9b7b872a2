"""spaCy pipeline component ``recovery_extract`` (``pip install recovery-extract[spacy]``).

The package registers the factory through the ``spacy_factories`` entry point, so
after installation no import is needed::

    nlp = spacy.blank("zh")              # or "en"; blank pipelines are enough
    nlp.add_pipe("recovery_extract", config={"published": "2020-02-25"})
    doc = nlp(text)
    doc.spans["recovery_extract"]        # every mention, labels QUANTITY DATE REGION AGENCY
    doc.ents                             # the non-overlapping ones
    [(s.text, s._.value, s._.unit) for s in doc.ents]
    doc._.indicators                     # list of indicator dicts (SCHEMA.md + quantity span)

The component runs :meth:`recovery_extract.Pipeline.extract` on ``doc.text`` (the
same extraction as everywhere else) and maps the character spans onto tokens
(``alignment_mode="expand"``).  A per-document reference date can be set with
``doc._.published`` before the component runs (e.g. from ``nlp.pipe(...,
as_tuples=True)`` contexts); otherwise the ``published`` config value is used.
Extension values are plain numbers and strings, so ``nlp.pipe(..., n_process=2)``
and ``DocBin`` keep them.

displaCy shows every label in colour without options: REGION and AGENCY (labels
spaCy's palette lacks) are registered in ``registry.displacy_colors`` (also through
the ``spacy_displacy_colors`` entry point).  ``config={"labels": "conventional"}``
writes the labels other models use instead, for pipelines that mix them: REGION ->
GPE, AGENCY -> ORG, DATE -> DATE, and a quantity by its unit: ``%`` -> PERCENT, a
currency -> MONEY, a count (``12 enterprises``) -> CARDINAL, a measure -> QUANTITY.
"""

# No `from __future__ import annotations`: spaCy reads the factory's annotations at runtime.

from typing import Any, Dict, FrozenSet, Iterable, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from ..display import KIND_COLOURS, KIND_LABELS
from ..pipeline import Pipeline, default_pipeline
from ..records import Document, Indicator

__all__ = ["CONVENTIONAL_LABELS", "DISPLACY_OPTIONS", "FACTORY", "LABEL_SETS", "SPAN_EXTENSIONS",
           "RecoveryExtractComponent", "conventional_label", "displacy_colors", "make_component"]

#: The factory name: ``nlp.add_pipe(FACTORY)``.
FACTORY = "recovery_extract"
#: Span extensions set on every mention (``span._.value`` ...); ``None`` where not applicable.
SPAN_EXTENSIONS = ("value", "unit", "counter", "approx", "name", "rule")
#: ``displacy.render(doc, style="ent", options=DISPLACY_OPTIONS)``: our labels in our colours.
DISPLACY_OPTIONS: Dict[str, Any] = {
    "ents": list(KIND_LABELS.values()),
    "colors": {KIND_LABELS[k]: c for k, c in KIND_COLOURS.items()},
}


#: The ``labels`` config values: our own labels, or the ones of spaCy's pretrained models.
LABEL_SETS = ("own", "conventional")
#: Conventional label per kind; quantities are refined by unit (:func:`conventional_label`).
CONVENTIONAL_LABELS: Dict[str, str] = {"region": "GPE", "agency": "ORG", "date": "DATE",
                                       "quantity": "QUANTITY"}
_UNIT_LABELS = {"%": "PERCENT", "count": "CARDINAL"}


def conventional_label(kind: str, mention: Any) -> str:
    """The OntoNotes-style label (what spaCy's pretrained models write) for a mention."""
    if kind != "quantity":
        return CONVENTIONAL_LABELS[kind]
    unit = getattr(mention, "unit", None)
    if unit in _UNIT_LABELS:
        return _UNIT_LABELS[unit]
    return "MONEY" if unit in _currencies() else "QUANTITY"


_CURRENCIES: Optional[FrozenSet[str]] = None


def _currencies() -> FrozenSet[str]:
    """Units of dimension ``currency`` in ``patterns/units/units.yaml`` (data, not a list here)."""
    global _CURRENCIES
    if _CURRENCIES is None:
        units = default_pipeline().store.yaml("units/units.yaml")["units"]
        _CURRENCIES = frozenset(u for u, info in units.items() if info.get("dimension") == "currency")
    return _CURRENCIES


def displacy_colors() -> Dict[str, str]:
    """Colours for our labels that spaCy's palette lacks (REGION, AGENCY): registered so
    displaCy shows them without options; spaCy's own colours for DATE etc. are left alone."""
    from spacy.displacy.render import DEFAULT_LABEL_COLORS

    return {label: colour for label, colour in DISPLACY_OPTIONS["colors"].items()
            if label not in DEFAULT_LABEL_COLORS}


registry.displacy_colors.register(FACTORY, func=displacy_colors)


def _register_extensions() -> None:
    """Declare the extensions once per process (idempotent; never overrides another package's)."""
    for attr in SPAN_EXTENSIONS:
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)
    if not Doc.has_extension("indicators"):
        Doc.set_extension("indicators", default=None)
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)


_register_extensions()


class RecoveryExtractComponent:
    """Adds recovery-extract mentions (spans, ents, span values) and indicators to a Doc."""

    def __init__(self, nlp: Optional[Language] = None, name: str = FACTORY, *,
                 published: Optional[str] = None, spans_key: str = FACTORY, set_ents: bool = True,
                 overwrite_ents: bool = False, patterns: Optional[str] = None,
                 labels: str = "own") -> None:
        if labels not in LABEL_SETS:
            raise ValueError(f"labels must be one of {', '.join(LABEL_SETS)}, not {labels!r}")
        self.labels = labels
        self.name = name
        self.published = published
        self.spans_key = spans_key
        self.set_ents = set_ents
        self.overwrite_ents = overwrite_ents
        self.patterns = patterns
        self._pipeline: Optional[Pipeline] = None

    @property
    def pipeline(self) -> Pipeline:
        """The extraction pipeline, built on first use (the shared default one unless
        ``patterns`` names another folder)."""
        if self._pipeline is None:
            self._pipeline = Pipeline(self.patterns) if self.patterns else default_pipeline()
        return self._pipeline

    def __getstate__(self) -> Dict[str, Any]:
        # Processes that receive the component rebuild the pipeline themselves.
        state = dict(self.__dict__)
        state["_pipeline"] = None
        return state

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published or self.published
        record = self.pipeline.extract(doc.text, published=published)
        spans = list(self._spans(doc, record))
        doc.spans[self.spans_key] = spans
        if self.set_ents:
            self._set_ents(doc, spans)
        doc._.indicators = [_indicator_dict(ind) for ind in record.indicators]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Process a stream of Docs (spaCy calls this from ``nlp.pipe``)."""
        for doc in docs:
            yield self(doc)

    def _spans(self, doc: Doc, record: Document) -> Iterable[Span]:
        mentions: List[tuple[str, Any]] = [
            *(("quantity", m) for m in record.quantities), *(("date", m) for m in record.dates),
            *(("region", m) for m in record.regions), *(("agency", m) for m in record.agencies)]
        mentions.sort(key=lambda km: (km[1].start, km[1].end))
        for kind, m in mentions:
            label = conventional_label(kind, m) if self.labels == "conventional" else KIND_LABELS[kind]
            span = doc.char_span(m.start, m.end, label=label, alignment_mode="expand")
            if span is None:  # only for offsets outside the text; never expected
                continue
            for attr in SPAN_EXTENSIONS:
                setattr(span._, attr, getattr(m, attr, None))
            yield span

    def _set_ents(self, doc: Doc, spans: List[Span]) -> None:
        mine = filter_spans(spans)
        if self.overwrite_ents or not doc.ents:
            doc.ents = mine
            return
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        free = [s for s in mine if not any(i in taken for i in range(s.start, s.end))]
        doc.ents = sorted([*doc.ents, *free], key=lambda s: s.start)


def _indicator_dict(ind: Indicator) -> Dict[str, Any]:
    return ind.to_dict()  # the record carries the figure's text, start and end


@Language.factory(
    FACTORY,
    default_config={"published": None, "spans_key": FACTORY, "set_ents": True,
                    "overwrite_ents": False, "patterns": None, "labels": "own"},
    assigns=["doc.spans", "doc.ents", "doc._.indicators", *(f"span._.{a}" for a in SPAN_EXTENSIONS)],
)
def make_component(nlp: Language, name: str, published: Optional[str], spans_key: str,
                   set_ents: bool, overwrite_ents: bool,
                   patterns: Optional[str], labels: str = "own") -> RecoveryExtractComponent:
    """spaCy factory ``recovery_extract``: see :class:`RecoveryExtractComponent`.

    ``published``: reference date (ISO) for year-less dates when ``doc._.published`` is
    unset; ``spans_key``: the ``doc.spans`` key; ``set_ents``: also write ``doc.ents``;
    ``overwrite_ents``: replace existing entities instead of only filling gaps;
    ``patterns``: another patterns folder; ``labels``: ``"own"`` (QUANTITY DATE REGION
    AGENCY) or ``"conventional"`` (GPE ORG DATE PERCENT MONEY QUANTITY CARDINAL).
    """
    return RecoveryExtractComponent(nlp, name, published=published, spans_key=spans_key,
                                    set_ents=set_ents, overwrite_ents=overwrite_ents,
                                    patterns=patterns, labels=labels)
