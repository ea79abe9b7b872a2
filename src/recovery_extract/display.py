"""HTML for notebooks: the original text with mentions highlighted, and the indicator table.

``Document._repr_html_`` calls :func:`render_html`, so a Document shown in Jupyter,
VS Code or Colab renders as: a header line, a legend (one colour per kind, with
counts), the table of indicators FIRST (a long article would push it off screen),
each row's figure a link to its highlight in the text, then the original text with
each mention marked (hover shows its value).  Styles are inline (notebook front
ends strip ``<style>`` from untrusted output) and all text is HTML-escaped.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterator
from typing import Any, NamedTuple

from .records import (AgencyMention, DateMention, Document, Indicator, Quantity, RegionMention,
                      set_html_renderer)

__all__ = ["KIND_COLOURS", "KIND_LABELS", "render_html", "to_displacy"]

#: Highlight colour per kind of mention (light tints: readable on light and dark themes).
KIND_COLOURS: dict[str, str] = {
    "quantity": "#ffd8a8",
    "date": "#a5d8ff",
    "region": "#b2f2bb",
    "agency": "#e5dbff",
}
#: Entity label per kind (the spaCy component and displaCy use the same ones).
KIND_LABELS: dict[str, str] = {
    "quantity": "QUANTITY",
    "date": "DATE",
    "region": "REGION",
    "agency": "AGENCY",
}
_INK = "#1f2328"
_LINKED = "#c92a2a"  # underline of a quantity that an indicator reports

Mention = Quantity | DateMention | RegionMention | AgencyMention


class _Mark(NamedTuple):
    kind: str
    mention: Mention


def _marks(doc: Document) -> list[_Mark]:
    """Mentions of all kinds, by start; a mention overlapping an earlier, longer one is skipped."""
    marks = [_Mark(kind, m) for kind, group in (("quantity", doc.quantities), ("date", doc.dates),
                                                ("region", doc.regions), ("agency", doc.agencies))
             for m in group]
    marks.sort(key=lambda k: (k.mention.start, -(k.mention.end - k.mention.start)))
    kept: list[_Mark] = []
    end = -1
    for mark in marks:
        if mark.mention.start >= end:
            kept.append(mark)
            end = mark.mention.end
    return kept


def _value_text(kind: str, m: Mention) -> str:
    if isinstance(m, Quantity):
        parts = [f"{m.value:g}" if isinstance(m.value, float) else str(m.value), m.unit]
        if m.counter:
            parts.append(f"({m.counter})")
        if m.approx:
            parts.append(f"[{m.approx}]")
        return " ".join(parts)
    if isinstance(m, AgencyMention):
        return " · ".join(str(v) for v in (m.value or "national / unknown", m.name) if v)
    return str(m.value) if m.value is not None else "no code"


def _indicator_index(doc: Document) -> dict[tuple[int, int], list[Indicator]]:
    linked: dict[tuple[int, int], list[Indicator]] = {}
    for ind in doc.indicators:
        if ind.quantity is not None:
            linked.setdefault((ind.quantity.start, ind.quantity.end), []).append(ind)
    return linked


def _anchor(doc: Document, start: int, end: int) -> str:
    """The id of a figure's mark: unique per document and span, so several documents
    shown in one notebook do not share ids."""
    key = hashlib.blake2s(f"{doc.id}\x00{doc.text}".encode("utf-8", "surrogatepass"), digest_size=5)
    return f"rx-{key.hexdigest()}-{start}-{end}"


def _text_html(doc: Document) -> Iterator[str]:
    linked = _indicator_index(doc)
    pos = 0
    for mark in _marks(doc):
        m = mark.mention
        yield html.escape(doc.text[pos:m.start])
        title = f"{mark.kind}: {_value_text(mark.kind, m)}"
        style = (f"background:{KIND_COLOURS[mark.kind]};color:{_INK};border-radius:3px;"
                 "padding:0 2px;")
        for ind in linked.get((m.start, m.end), ()):
            title += f"\nindicator: {ind.metric} = {ind.value:g} {ind.unit}" \
                if isinstance(ind.value, float) else f"\nindicator: {ind.metric} = {ind.value} {ind.unit}"
            style += f"border-bottom:2px solid {_LINKED};"
        anchor = f' id="{_anchor(doc, m.start, m.end)}"' if (m.start, m.end) in linked else ""
        yield (f'<mark class="rx-{mark.kind}"{anchor} title="{html.escape(title)}" style="{style}">'
               f"{html.escape(doc.text[m.start:m.end])}</mark>")
        pos = m.end
    yield html.escape(doc.text[pos:])


def _legend(doc: Document) -> str:
    counts = {"quantity": len(doc.quantities), "date": len(doc.dates),
              "region": len(doc.regions), "agency": len(doc.agencies)}
    items = [f'<span style="background:{KIND_COLOURS[k]};color:{_INK};border-radius:3px;'
             f'padding:1px 6px;margin-right:6px">{k} ({n})</span>' for k, n in counts.items()]
    items.append(f'<span style="border-bottom:2px solid {_LINKED};margin-right:6px">'
                 f"reported as an indicator ({len(doc.indicators)})</span>")
    items.append('<span style="color:#666">hover a mark for its value</span>')
    return "".join(items)


_TABLE_COLUMNS = ("metric", "value", "unit", "region", "date", "basis", "subject", "text")


def _indicator_table(doc: Document) -> str:
    if not doc.indicators:
        return '<p style="color:#666;margin:8px 0 0 0">No indicators.</p>'
    names = {r.value: r.text for r in doc.regions if r.value}
    cell = "border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top"
    head = "".join(f'<th style="{cell};background:#f6f8fa;color:{_INK}">{c}</th>' for c in _TABLE_COLUMNS)
    marked = {(m.mention.start, m.mention.end) for m in _marks(doc)}
    rows = []
    for ind in doc.indicators:
        region = f"{ind.region} {names[ind.region]}" if ind.region in names else ind.region
        values: dict[str, Any] = {
            "metric": ind.metric, "value": ind.value, "unit": ind.unit, "region": region,
            "date": ind.date, "basis": ind.basis, "subject": ind.subject,
            "text": ind.quantity.text if ind.quantity else None,
        }
        cells = {c: "" if values[c] is None else html.escape(str(values[c])) for c in _TABLE_COLUMNS}
        q = ind.quantity
        if q is not None and (q.start, q.end) in marked:  # the figure links to its highlight
            cells["text"] = (f'<a href="#{_anchor(doc, q.start, q.end)}" title="show in the text" '
                             f'style="color:inherit">{cells["text"]}</a>')
        rows.append("<tr>" + "".join(f'<td style="{cell}">{cells[c]}</td>' for c in _TABLE_COLUMNS) + "</tr>")
    return (f'<table style="border-collapse:collapse;margin-top:8px;font-size:13px">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def render_html(doc: Document) -> str:
    """One self-contained HTML fragment for ``doc`` (what ``Document._repr_html_`` returns)."""
    header = (f"<b>{html.escape(str(doc.id))}</b> · {html.escape(doc.language)}/"
              f"{html.escape(doc.script)} · published {html.escape(str(doc.published))}")
    warnings = "".join(f'<div style="color:#9a6700">warning: {html.escape(w)}</div>'
                       for w in doc.warnings)
    return (
        f'<div class="recovery-extract" style="font-family:system-ui,-apple-system,'
        f"'Segoe UI','Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei',sans-serif;"
        f'font-size:14px;line-height:1.7">'
        f'<div style="margin-bottom:4px">{header}</div>{warnings}'
        f'<div style="margin-bottom:6px">{_legend(doc)}</div>'
        f'<div><b>Indicators</b> <span style="color:#666">(click a figure to see it in the text)</span>'
        f'</div>{_indicator_table(doc)}'
        f'<div style="white-space:pre-wrap;border:1px solid #d0d7de;border-radius:6px;'
        f'padding:8px 12px;margin-top:10px">{"".join(_text_html(doc))}</div></div>'
    )


def to_displacy(doc: Document) -> dict[str, Any]:
    """``doc`` in displaCy's manual format: ``displacy.render(to_displacy(doc), style="ent",
    manual=True, options={"colors": ...})`` shows it without a spaCy pipeline."""
    return {"text": doc.text, "title": doc.id,
            "ents": [{"start": m.mention.start, "end": m.mention.end, "label": KIND_LABELS[m.kind]}
                     for m in _marks(doc)]}


set_html_renderer(render_html)
