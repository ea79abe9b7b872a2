"""``explain(text)``: how each indicator was linked, and why other quantities were not.

For notebooks and for debugging patterns: the document context (publication date,
main region), then one line per quantity with the metric, value, basis, region and
date chosen and the rule behind each, or the reason it is not an indicator.
"""

from __future__ import annotations

from .extract.dates_published import explain_published
from .pipeline import Pipeline, Published, _iso, default_pipeline


def explain(text: str, *, published: Published = None, pipeline: Pipeline | None = None) -> str:
    """A readable account of the indicator linking for ``text``."""
    if not isinstance(text, str):
        raise TypeError(f"explain() takes str, not {type(text).__name__}")
    pipe = pipeline or default_pipeline()
    norm, view, mentions, context = pipe.analyse(text, _iso(published))
    lines = [f"language={view.info.language} script={view.info.script} "
             f"published={context.published} main_region={context.main_region} "
             f"province={context.province}"]
    lines.extend(_published_section(pipe, norm, published))
    for d in pipe.indicators.decide(view, mentions, context):
        q = d.quantity
        start, end = norm.to_original(q.start, q.end)
        head = f"[{start}:{end}] {text[start:end]!r}"
        if d.link is None:
            lines.append(f"  -  {head}: not an indicator ({d.reason})")
        else:
            k = d.link
            lines.append(f"  +  {head}: {k.metric} = {k.value} {q.attrs.get('unit')} "
                         f"basis={k.basis} region={k.region} date={k.date}")
            lines.append(f"        rules: metric={k.metric_rule} region={k.region_rule} date={k.date_rule}")
            lines.extend(f"        because {why}" for why in k.why)
    return "\n".join(lines)


def _published_section(pipe: Pipeline, norm: object, published: Published) -> list[str]:
    """Why the publication date is what it is (the caller's, or the page's winning candidate)."""
    if published is not None:
        return ["publication date: given by the caller"]
    return explain_published(pipe.dates, norm)  # type: ignore[arg-type]
