"""Batches on one machine: :func:`extract_many` runs the pipeline over many inputs.

Results come back in input order, one per input.  An input that fails (unreadable
file, binary data, undecodable bytes with ``strict``) yields a :class:`Failure` in
its place instead of stopping the batch.  With ``workers > 1`` the work is spread
over processes; each worker builds its :class:`~recovery_extract.Pipeline` once
(patterns compiled once per process) and keeps it for every chunk it is sent.

The per-item function (:func:`extract_item`) is the same one the Dask, Spark and
Scrapy adapters call, so every way of running the library gives the same records.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

import regex

from .errors import RecoveryExtractError
from .pipeline import Pipeline, Published, default_pipeline
from .records import Document

__all__ = ["Failure", "Item", "Result", "extract_item", "extract_many", "looks_binary"]

#: One input: a text (``str``), raw bytes, a path (``pathlib.Path``; a ``str`` that names
#: an existing file also counts), or a tuple ``(doc_id, source)`` /
#: ``(doc_id, source, published)`` with one of those as ``source``.
Item = Union[str, bytes, "os.PathLike[str]", tuple[Any, ...]]
#: What each input gives: its Document, or a Failure saying why there is none.
Result = Union[Document, "Failure"]

_MAX_PATH_CHARS = 4096
# A file name with an extension: no spaces, or a folder before it. Matched backwards from
# the end (a lookbehind at $): written forwards (^...$) it took quadratic time on a long
# argument like "1.1.1.1." (tests/test_backtracking.py).
_PATH_LIKE = regex.compile(r"(?<=^(?:[^\s]+|.*[/\\][^/\\]*)\.[A-Za-z][A-Za-z0-9]{0,7})$")
_PIPELINE: Pipeline | None = None  # the worker process's own pipeline (set by _init_worker)


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """An input that produced no Document; :func:`extract_many` yields it in that input's place.

    ``error`` is the exception's class name, ``message`` its text (for an OS error, the
    reason alone, e.g. ``No such file or directory``), ``detail`` the traceback.
    Falsy, so ``[r for r in results if r]`` keeps the Documents.
    """

    index: int | None
    id: str | None
    source: str
    error: str
    message: str
    detail: str = ""

    def __bool__(self) -> bool:
        return False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``detail`` left out)."""
        return {"index": self.index, "id": self.id, "source": self.source,
                "error": self.error, "message": self.message}


@dataclass(frozen=True, slots=True)
class _Job:
    """One input, resolved in the parent so that only plain data crosses to a worker."""

    index: int | None
    doc_id: str | None
    kind: str          # "text" | "bytes" | "path" | "bad"
    payload: Any
    published: Published


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside UTF-16/32 text mean a binary file (image, archive...)."""
    if b"\x00" not in data[:8192]:
        return False
    head = data[:4]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head in (b"\x00\x00\xfe\xff",):
        return False
    sample = data[:8192]
    # UTF-16 without BOM: NULs sit on one parity of mostly-ASCII text.
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return not (max(even, odd) > len(sample) // 4 and min(even, odd) < len(sample) // 50)


def _is_path_string(value: str) -> bool:
    """A ``str`` is a file name when it is one short line and that file exists, or when it
    looks like one: a file extension at the end, and a folder separator or no spaces
    (``seeds/a.txt``, ``a.html``).  A missing file named so fails as a missing file
    instead of being read as a one-line text."""
    if len(value) > _MAX_PATH_CHARS or "\n" in value or "\x00" in value:
        return False
    return os.path.isfile(value) or bool(_PATH_LIKE.search(value))


def _job(index: int | None, item: object, published: Published, str_paths: bool = True) -> _Job:
    doc_id: object = None
    source = item
    if isinstance(item, tuple):
        if len(item) not in (2, 3):
            return _Job(index, None, "bad", f"a tuple input has 2 or 3 fields, not {len(item)}", published)
        doc_id, source = item[0], item[1]
        if len(item) == 3:
            published = item[2]
        if doc_id is not None and not isinstance(doc_id, str):
            doc_id = str(doc_id)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _Job(index, doc_id, "bytes", bytes(source), published)  # type: ignore[arg-type]
    if isinstance(source, os.PathLike) or (str_paths and isinstance(source, str) and _is_path_string(source)):
        path = os.fspath(source)
        return _Job(index, doc_id if doc_id is not None else Path(path).stem, "path",  # type: ignore[arg-type]
                    path, published)
    if isinstance(source, str):
        return _Job(index, doc_id, "text", source, published)  # type: ignore[arg-type]
    return _Job(index, doc_id, "bad",  # type: ignore[arg-type]
                f"an input is a str, bytes, path or (doc_id, source) tuple, not {type(source).__name__}",
                published)


def _source_name(job: _Job) -> str:
    return job.payload if job.kind == "path" else f"<{job.kind} #{job.index}>"


def _run(pipeline: Pipeline, job: _Job, strict: bool) -> Result:
    """The one place an input becomes a Document (or a Failure)."""
    try:
        if job.kind == "bad":
            raise TypeError(job.payload)
        data: str | bytes = job.payload
        if job.kind == "path":
            with open(job.payload, "rb") as fh:
                data = fh.read()
        if isinstance(data, bytes) and looks_binary(data):
            raise RecoveryExtractError("binary file (NUL bytes), not text")
        return pipeline.extract(data, doc_id=job.doc_id, published=job.published, strict=strict)
    except Exception as err:  # noqa: BLE001 - every per-item error becomes a result
        message = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        return Failure(index=job.index, id=job.doc_id, source=_source_name(job),
                       error=type(err).__name__, message=message, detail=traceback.format_exc())


def extract_item(item: Item, *, published: Published = None, strict: bool = False,
                 str_paths: bool = True, pipeline: Pipeline | None = None,
                 index: int | None = None) -> Result:
    """Extract one input as :func:`extract_many` would: a Document, or a Failure (never raises).

    With ``str_paths=False`` a ``str`` is always text (a column of texts), never a file
    name.  Uses the process's shared default pipeline unless ``pipeline`` is given; the
    distributed adapters call this on their workers.
    """
    return _run(pipeline or _worker_pipeline(), _job(index, item, published, str_paths), strict)


def _worker_pipeline() -> Pipeline:
    return _PIPELINE if _PIPELINE is not None else default_pipeline()


def _init_worker(patterns: str | None) -> None:
    """Runs once in each worker process: build (or inherit) its pipeline."""
    global _PIPELINE
    _PIPELINE = Pipeline(patterns) if patterns else default_pipeline()


def _run_chunk(jobs: list[_Job], strict: bool) -> list[Result]:
    pipeline = _worker_pipeline()
    return [_run(pipeline, job, strict) for job in jobs]


def _chunks(items: Iterable[Item], published: Published, size: int,
            str_paths: bool) -> Iterator[list[_Job]]:
    chunk: list[_Job] = []
    for index, item in enumerate(items):
        chunk.append(_job(index, item, published, str_paths))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_many(texts_or_paths: Iterable[Item], *, workers: int | None = 1,
                 published: Published = None, strict: bool = False, str_paths: bool = True,
                 patterns: str | os.PathLike[str] | None = None, chunksize: int = 2,
                 mp_context: multiprocessing.context.BaseContext | str | None = None,
                 ) -> Iterator[Result]:
    """Yield one Document (or :class:`Failure`) per input, in input order.

    ``texts_or_paths`` may be lazy; inputs are read as they are needed, at most
    ``2 * workers`` chunks ahead.  Each input is a text, bytes, a path (a
    ``pathlib.Path``, or a one-line ``str`` that names an existing file or looks like a
    file name, ``dir/name.txt``, unless ``str_paths=False``; its stem is the doc id), or ``(doc_id, source)`` / ``(doc_id, source, published)``.
    ``published`` is the reference date for every input that does not carry its own;
    ``strict`` fails undecodable bytes instead of replacing them.

    ``workers=1`` runs in this process; ``workers=N`` uses N processes (``None``: one
    per CPU), each of which compiles the patterns once.  ``mp_context`` picks the
    start method (default: the platform's).  If a worker process dies, the inputs it
    held come back as Failures (``BrokenProcessPool``) and a new pool takes the rest.

    >>> [d.quantities[0].value for d in extract_many(["开工率98.78%", "上岗职工30.9万人"])]
    [98.78, 309000]
    """
    if workers is None:
        workers = os.cpu_count() or 1
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ValueError(f"workers must be a positive int or None, not {workers!r}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be >= 1, not {chunksize!r}")
    patterns_arg = os.fspath(patterns) if patterns is not None else None
    chunks = _chunks(texts_or_paths, published, chunksize, str_paths)
    if workers == 1:
        return _in_process(chunks, strict, patterns_arg)
    return _pooled(chunks, workers, strict, patterns_arg, mp_context)


def _in_process(chunks: Iterator[list[_Job]], strict: bool, patterns: str | None) -> Iterator[Result]:
    pipeline = Pipeline(patterns) if patterns else default_pipeline()
    for chunk in chunks:
        for job in chunk:
            yield _run(pipeline, job, strict)


def _pooled(chunks: Iterator[list[_Job]], workers: int, strict: bool, patterns: str | None,
            mp_context: multiprocessing.context.BaseContext | str | None) -> Iterator[Result]:
    context = multiprocessing.get_context(mp_context) if isinstance(mp_context, str) or mp_context is None \
        else mp_context

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                   initargs=(patterns,))

    pool = new_pool()
    pending: deque[tuple[list[_Job], Future[list[Result]]]] = deque()
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * workers:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.append((chunk, pool.submit(_run_chunk, chunk, strict)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool as err:
                results = [Failure(index=j.index, id=j.doc_id, source=_source_name(j),
                                   error=type(err).__name__,
                                   message="a worker process died while this input was pending")
                           for j in chunk]
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                pending = deque((c, pool.submit(_run_chunk, c, strict)) for c, _ in pending)
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
