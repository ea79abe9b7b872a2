"""Dask adapters (``pip install recovery-extract[dask]``): the same extraction on a cluster.

- :func:`extract_bag`: a ``dask.bag`` of inputs (texts, bytes, paths or ``(doc_id,
  source[, published])`` tuples, as for :func:`recovery_extract.extract_many`) -> a bag
  of Documents, with a :class:`~recovery_extract.Failure` in place of each input that
  failed.
- :func:`indicator_frame`: a ``dask.dataframe`` with a text column -> one row per
  indicator (:data:`recovery_extract.frame.RESULT_COLUMNS`).

Each worker process builds its pipeline once (the first task it runs) and reuses it.
Paths are opened on the workers, so on a real cluster they must be on storage every
worker sees (or read the texts first and pass them as strings).  See docs/integrations.md.
"""

from __future__ import annotations

from collections.abc import Iterable
import dask.bag as db
import dask.dataframe as dd

from ..batch import Item, Result, extract_item
from ..frame import results_frame
from ..pipeline import Published
from .partitions import indicator_partition

__all__ = ["extract_bag", "extract_partition", "indicator_frame", "indicator_partition"]


def extract_partition(items: Iterable[Item], published: Published = None,
                      strict: bool = False) -> list[Result]:
    """One bag partition: a Document or Failure per input, in order."""
    return [extract_item(item, published=published, strict=strict) for item in items]


def extract_bag(items: db.Bag | Iterable[Item], *, published: Published = None,
                strict: bool = False, npartitions: int | None = None) -> db.Bag:
    """A bag of Documents (or Failures) for ``items``, a bag or any iterable of inputs.

    ``published`` is the reference date for inputs that carry none; ``npartitions``
    applies when ``items`` is not already a bag (default: Dask's choice).
    """
    bag = items if isinstance(items, db.Bag) else _bag(list(items), npartitions)
    # dask's Bag.map_partitions carries no annotations (dask's own code, not ours)
    results: db.Bag = bag.map_partitions(  # type: ignore[no-untyped-call]
        extract_partition, published=published, strict=strict)
    return results


def _bag(seq: list[Item], npartitions: int | None) -> db.Bag:
    """A bag of ``seq``: ``npartitions`` parts, or parts of up to 64 inputs (at least 8 parts)."""
    # dask.bag.from_sequence carries no annotations (dask's own code, not ours)
    bag: db.Bag
    if npartitions:
        bag = db.from_sequence(seq, npartitions=npartitions)  # type: ignore[no-untyped-call]
    else:
        bag = db.from_sequence(seq,  # type: ignore[no-untyped-call]
                               partition_size=max(1, min(64, len(seq) // 8 or 1)))
    return bag


def indicator_frame(frame: dd.DataFrame, *, text: str = "text", id: str | None = "id",  # noqa: A002
                    published: str | None = None, default_published: Published = None,
                    strict: bool = False) -> dd.DataFrame:
    """A Dask DataFrame of indicator rows (one per indicator; a failed document gives one
    row with ``error`` set) for the documents in ``frame[text]``."""
    # dask's FrameBase.map_partitions carries no annotations (dask's own code, not ours)
    rows: dd.DataFrame = frame.map_partitions(  # type: ignore[no-untyped-call]
        indicator_partition, text=text, id=id, published=published,
        default_published=default_published, strict=strict, meta=results_frame([]))
    return rows
