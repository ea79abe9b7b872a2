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

import errno
import glob
import multiprocessing
import os
import select
import stat
import sys
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

from .errors import RecoveryExtractError
from .pipeline import Pipeline, Progress, Published, default_pipeline
from .records import Document

__all__ = ["DEFAULT_MAX_BYTES", "STDIN", "Expansion", "Failure", "InputTooLarge", "Item", "Result",
           "Skipped", "cap_workers", "expand_inputs", "extract_item", "extract_many", "looks_binary",
           "read_source", "safe_name"]

#: One input: a text (``str``), raw bytes, a path (``pathlib.Path``, or any ``str`` with
#: ``paths=True``), :data:`STDIN`, or a tuple ``(doc_id, source)`` /
#: ``(doc_id, source, published)`` with one of those as ``source``.
Item = Union[str, bytes, "os.PathLike[str]", "_Stdin", tuple[Any, ...]]
#: What each input gives: its Document, or a Failure saying why there is none.
Result = Union[Document, "Failure"]

#: Inputs longer than this many bytes are refused (``max_bytes`` / ``--max-bytes``): far
#: above any news page, and what keeps ``/dev/zero`` or a runaway pipe from eating memory.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: How long a FIFO or device named explicitly may stay silent before it is given up.
IDLE_SECONDS = 10.0
#: ``workers`` above this many per CPU are capped (more processes only add memory).
WORKERS_PER_CPU = 4
_READ_CHUNK = 1 << 20
_PIPELINE: Pipeline | None = None  # the worker process's own pipeline (set by _init_worker)


class InputTooLarge(RecoveryExtractError):
    """An input over the size limit: refused, not truncated."""


class _Stdin:
    """The process's standard input as an input: read in the calling process, once."""

    def __repr__(self) -> str:
        return "STDIN"


#: Put this among the inputs to read standard input there (the CLI's ``-``).
STDIN = _Stdin()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path found inside a folder or glob that is not read, and why."""

    path: str
    reason: str
    failed: bool  # True: unreadable (counts as a failed input); False: skipped by policy


@dataclass(frozen=True, slots=True)
class Expansion:
    """Path arguments expanded: files to read (``-`` kept), entries skipped, specs that
    matched nothing."""

    inputs: list[str]
    skipped: list[Skipped]
    missing: list[str]


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
class _Fault:
    """An input that failed before it could be run, as plain data (any exception a
    caller's iterator raises must cross to a worker process, picklable or not)."""

    error: str
    message: str
    detail: str

    @classmethod
    def of(cls, err: BaseException) -> _Fault:
        message = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        detail = "".join(traceback.format_exception(type(err), err, err.__traceback__))
        return cls(type(err).__name__, message, detail)


@dataclass(frozen=True, slots=True)
class _Job:
    """One input, resolved in the parent so that only plain data crosses to a worker."""

    index: int | None
    doc_id: str | None
    kind: str          # "text" | "bytes" | "path" | "bad" (payload: a _Fault to report)
    payload: Any
    published: Published
    source: str = ""   # how a Failure names it (default: the path, or <kind #index>)


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside UTF-16/32 text mean a binary file (image, archive...).

    One stray NUL (at most one per thousand bytes) is a damaged byte in a text, not a
    binary format: the text is decoded and the NUL dropped, instead of losing the file.
    """
    if data[:8192].count(0) <= max(1, len(data[:8192]) // 1000):
        return False
    head = data[:4]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head in (b"\x00\x00\xfe\xff",):
        return False
    sample = data[:8192]
    # UTF-16 without BOM: NULs sit on one parity of mostly-ASCII text.
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return not (max(even, odd) > len(sample) // 4 and min(even, odd) < len(sample) // 50)


def safe_name(name: str) -> str:
    """``name`` with undecodable file-name bytes (``surrogateescape``) shown as ``\\xff``
    and any other lone surrogate as ``\\ud800``: always valid UTF-8, so records and
    messages can be written anywhere."""
    if not _has_surrogates(name):
        return name
    try:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    except UnicodeError:  # a surrogate that is not an escaped byte
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


def _kind_of(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def expand_inputs(specs: Iterable[str | os.PathLike[str]]) -> Expansion:
    """Path arguments -> files in order: a folder gives its files (recursively, sorted,
    hidden names left out), a glob its matches, ``-`` stays (standard input), any other
    path stays as given (read, or reported as unreadable, when its turn comes).

    Inside folders and globs only regular files are taken: FIFOs, sockets and devices are
    never opened (they could block or never end) and dangling links are not followed; each
    is listed in ``skipped``.  A path the system refuses to look at (name too long, no
    permission) is named there too, and never stops the others.
    """
    found: list[str] = []
    skipped: list[Skipped] = []
    missing: list[str] = []
    for raw in specs:
        spec = os.fspath(raw)
        if spec == "-":
            found.append(spec)
            continue
        try:
            info = os.stat(spec)
        except (OSError, ValueError) as err:  # ValueError: NUL or a lone surrogate in the name
            if glob.has_magic(spec) and isinstance(err, OSError):
                _expand_glob(spec, found, skipped, missing)
            elif isinstance(err, (FileNotFoundError, NotADirectoryError)) or os.path.islink(spec):
                found.append(spec)  # reported as unreadable when read, in its place
            else:
                skipped.append(Skipped(spec, getattr(err, "strerror", None) or str(err), True))
            continue
        if stat.S_ISDIR(info.st_mode):
            _expand_folder(spec, found, skipped)
        else:
            found.append(spec)  # named explicitly: read even if a FIFO or device (with limits)
    return Expansion(found, skipped, missing)


def _take(path: str, found: list[str], skipped: list[Skipped]) -> None:
    """A path met inside a folder or glob: a regular file is taken, anything else named."""
    try:
        info = os.stat(path)
    except (OSError, ValueError) as err:
        reason = ("dangling symbolic link" if os.path.islink(path)
                  else getattr(err, "strerror", None) or str(err))
        skipped.append(Skipped(path, reason, True))
        return
    if stat.S_ISREG(info.st_mode):
        found.append(path)
    elif not stat.S_ISDIR(info.st_mode):
        skipped.append(Skipped(path, f"{_kind_of(info.st_mode)}, not opened inside a folder or glob",
                               False))


def _expand_folder(folder: str, found: list[str], skipped: list[Skipped]) -> None:
    entries: list[str] = []

    def unreadable(err: OSError) -> None:
        skipped.append(Skipped(err.filename or folder, err.strerror or str(err), True))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        entries.extend(os.path.join(root, f) for f in files if not f.startswith("."))
        # links to folders are listed in dirs and not walked (no loops), as before
    for path in sorted(entries, key=lambda p: Path(p).parts):
        _take(path, found, skipped)


def _expand_glob(spec: str, found: list[str], skipped: list[Skipped], missing: list[str]) -> None:
    try:
        matches = sorted(glob.glob(spec, recursive=True))
    except (OSError, ValueError) as err:
        skipped.append(Skipped(spec, getattr(err, "strerror", None) or str(err), True))
        return
    before = len(found) + len(skipped)
    for path in matches:
        _take(path, found, skipped)
    if len(found) + len(skipped) == before:
        missing.append(spec)


def cap_workers(requested: int) -> int:
    """``requested`` processes, at most :data:`WORKERS_PER_CPU` per CPU."""
    return min(requested, WORKERS_PER_CPU * (os.cpu_count() or 1))


def read_source(path: str | os.PathLike[str] | _Stdin, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file, FIFO, device or standard input, at most ``max_bytes``.

    A regular file over the limit is refused before reading; anything else is read in
    chunks and refused once past it (``/dev/zero``).  A FIFO or device is opened without
    blocking and given up after :data:`IDLE_SECONDS` without data (a FIFO nobody writes).
    Raises ``OSError`` or :class:`InputTooLarge` (each becomes a Failure).
    """
    if isinstance(path, _Stdin):
        return _read_stdin(max_bytes)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", os.fspath(path))
        if stat.S_ISREG(info.st_mode):
            if max_bytes is not None and info.st_size > max_bytes:
                raise InputTooLarge(f"{info.st_size} bytes, over the limit of {max_bytes}")
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            return _read_limited(lambda: os.read(fd, _READ_CHUNK), max_bytes)
        if not hasattr(select, "poll"):  # no poll (Windows): a plain read, still size-limited
            return _read_limited(lambda: os.read(fd, _READ_CHUNK), max_bytes)
        return _read_limited(lambda: _read_waiting(fd), max_bytes)
    finally:
        os.close(fd)


def _read_stdin(max_bytes: int | None) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or getattr(stream, "closed", False):
        raise RecoveryExtractError("standard input is closed")
    try:
        return _read_limited(lambda: stream.read(_READ_CHUNK), max_bytes)
    except ValueError as err:  # "I/O operation on closed file"
        raise RecoveryExtractError("standard input is closed") from err


def _read_limited(read: Any, max_bytes: int | None) -> bytes:
    parts: list[bytes] = []
    size = 0
    while True:
        part = read()
        if not part:
            return b"".join(parts)
        parts.append(part)
        size += len(part)
        if max_bytes is not None and size > max_bytes:
            raise InputTooLarge(f"more than {max_bytes} bytes (the limit)")


def _read_waiting(fd: int) -> bytes:
    """One chunk from a non-blocking FIFO or device: b"" at its end.  Raises TimeoutError
    after :data:`IDLE_SECONDS` with nothing to read (a FIFO nobody opened for writing)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    while True:
        if not poller.poll(IDLE_SECONDS * 1000):
            raise TimeoutError(errno.ETIMEDOUT, f"nothing to read for {IDLE_SECONDS:g} s (nobody writing?)")
        try:
            return os.read(fd, _READ_CHUNK)
        except BlockingIOError:
            continue


def _job(index: int | None, item: object, published: Published, paths: bool = False,
         max_bytes: int | None = DEFAULT_MAX_BYTES) -> _Job:
    doc_id: object = None
    source = item
    if isinstance(item, tuple):
        if len(item) not in (2, 3):
            return _Job(index, None, "bad", _Fault.of(TypeError(f"a tuple input has 2 or 3 fields, not {len(item)}")),
                        published)
        doc_id, source = item[0], item[1]
        if len(item) == 3:
            published = item[2]
        if doc_id is not None and not isinstance(doc_id, str):
            doc_id = str(doc_id)
    if isinstance(source, _Stdin):
        try:
            return _Job(index, doc_id, "bytes", read_source(source, max_bytes), published)  # type: ignore[arg-type]
        except Exception as err:  # noqa: BLE001 - becomes this input's Failure
            return _Job(index, doc_id, "bad", _Fault.of(err), published, "<stdin>")  # type: ignore[arg-type]
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _Job(index, doc_id, "bytes", bytes(source), published)  # type: ignore[arg-type]
    if isinstance(source, os.PathLike) or (paths and isinstance(source, str)):
        path = os.fspath(source)
        if not isinstance(path, str):
            path = os.fsdecode(path)
        return _Job(index, doc_id if doc_id is not None else safe_name(Path(path).stem), "path",  # type: ignore[arg-type]
                    path, published, safe_name(path))
    if isinstance(source, str):
        return _Job(index, doc_id, "text", source, published)  # type: ignore[arg-type]
    return _Job(index, doc_id, "bad",  # type: ignore[arg-type]
                _Fault.of(TypeError(f"an input is a str, bytes, path or (doc_id, source) tuple, "
                                    f"not {type(source).__name__}")), published)


def _source_name(job: _Job) -> str:
    return job.source or f"<{job.kind} #{job.index}>"


def _run(pipeline: Pipeline, job: _Job, strict: bool, max_bytes: int | None = DEFAULT_MAX_BYTES,
         progress: Progress | None = None) -> Result:
    """The one place an input becomes a Document (or a Failure)."""
    if job.kind == "bad":
        fault: _Fault = job.payload
        return Failure(index=job.index, id=job.doc_id, source=_source_name(job),
                       error=fault.error, message=fault.message, detail=fault.detail)
    try:
        data: str | bytes = job.payload
        if job.kind == "path":
            data = read_source(job.payload, max_bytes)
        if isinstance(data, bytes) and looks_binary(data):
            raise RecoveryExtractError("binary file (NUL bytes), not text")
        return pipeline.extract(data, doc_id=job.doc_id, published=job.published, strict=strict,
                                progress=progress)
    except Exception as err:  # noqa: BLE001 - every per-item error becomes a result
        message = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        return Failure(index=job.index, id=job.doc_id, source=_source_name(job),
                       error=type(err).__name__, message=message, detail=traceback.format_exc())


def extract_item(item: Item, *, published: Published = None, strict: bool = False,
                 paths: bool = False, pipeline: Pipeline | None = None,
                 index: int | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES,
                 str_paths: bool | None = None) -> Result:
    """Extract one input as :func:`extract_many` would: a Document, or a Failure (never raises).

    A ``str`` is a text unless ``paths=True`` (then it is a file name); ``str_paths`` is the
    old name of ``paths``.  Uses the process's shared default pipeline unless ``pipeline``
    is given; the distributed adapters call this on their workers.
    """
    as_paths = paths if str_paths is None else str_paths
    return _run(pipeline or _worker_pipeline(), _job(index, item, published, as_paths, max_bytes),
                strict, max_bytes)


def _worker_pipeline() -> Pipeline:
    return _PIPELINE if _PIPELINE is not None else default_pipeline()


def _init_worker(patterns: str | None) -> None:
    """Runs once in each worker process: build (or inherit) its pipeline."""
    global _PIPELINE
    _PIPELINE = Pipeline(patterns) if patterns else default_pipeline()


def _run_chunk(jobs: list[_Job], strict: bool, max_bytes: int | None = DEFAULT_MAX_BYTES) -> list[Result]:
    pipeline = _worker_pipeline()
    return [_run(pipeline, job, strict, max_bytes) for job in jobs]


def _jobs(items: Iterable[Item], published: Published, paths: bool,
          max_bytes: int | None) -> Iterator[_Job]:
    """One job per input (a folder or glob given as a path: one per file in it); an
    exception from ``items`` itself becomes a last, failing job (the good ones before it
    are kept)."""
    iterator = iter(items)
    index = 0
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except Exception as err:  # noqa: BLE001 - the caller's iterator broke: report it in place
            yield _Job(index, None, "bad", _Fault.of(err), published, "<input iterator>")
            return
        yield from _expanded(index, item, published, paths, max_bytes)
        index += 1


def _expanded(index: int, item: Item, published: Published, paths: bool,
              max_bytes: int | None) -> Iterator[_Job]:
    """A path naming a folder or an unmatched glob gives its files, as the CLI does."""
    if isinstance(item, os.PathLike) or (paths and isinstance(item, str)):
        spec = os.fspath(item)
        if isinstance(spec, str) and (os.path.isdir(spec) or
                                      (glob.has_magic(spec) and not os.path.lexists(spec))):
            found = expand_inputs([spec])
            for path in found.inputs:
                yield _job(index, Path(path), published, True, max_bytes)
            for skip in found.skipped:
                error: Exception = (OSError(0, skip.reason) if skip.failed
                                    else RecoveryExtractError(f"skipped: {skip.reason}"))
                yield _Job(index, None, "bad", _Fault.of(error), published, safe_name(skip.path))
            for spec_ in found.missing:
                yield _Job(index, None, "bad", _Fault.of(FileNotFoundError(2, "no file matches")), published,
                           safe_name(spec_))
            return
    yield _job(index, item, published, paths, max_bytes)


def _chunks(items: Iterable[Item], published: Published, size: int, paths: bool,
            max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[list[_Job]]:
    chunk: list[_Job] = []
    for job in _jobs(items, published, paths, max_bytes):
        chunk.append(job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_many(texts_or_paths: Iterable[Item], *, workers: int | None = 1,
                 published: Published = None, strict: bool = False, paths: bool = False,
                 patterns: str | os.PathLike[str] | None = None, chunksize: int = 2,
                 mp_context: multiprocessing.context.BaseContext | str | None = None,
                 max_bytes: int | None = DEFAULT_MAX_BYTES, str_paths: bool | None = None,
                 progress: Progress | None = None) -> Iterator[Result]:
    """Yield one Document (or :class:`Failure`) per input, in input order.

    ``texts_or_paths`` may be lazy; inputs are read as they are needed, at most
    ``2 * workers`` chunks ahead.  Each input is a text (every ``str``), bytes, a path
    (a ``pathlib.Path``, or every ``str`` with ``paths=True``; its stem is the doc id),
    :data:`STDIN`, or ``(doc_id, source)`` / ``(doc_id, source, published)``.  A path
    naming a folder or a glob gives one result per file, as on the command line
    (:func:`expand_inputs`; what is skipped in it comes back as a Failure).  A file is
    read up to ``max_bytes`` (``None``: no limit); if ``texts_or_paths`` itself raises,
    the results so far are kept and the error comes back as a last Failure.
    ``published`` is the reference date for every input that does not carry its own;
    ``strict`` fails undecodable bytes instead of replacing them.

    ``workers=1`` runs in this process; ``workers=N`` uses N processes (``None``: one
    per CPU; at most :data:`WORKERS_PER_CPU` per CPU), each of which compiles the
    patterns once.  ``mp_context`` picks the start method (default: the platform's).
    If a worker process dies, the inputs it held come back as Failures
    (``BrokenProcessPool``) and a new pool takes the rest.  ``progress(done, total)`` is
    told of the chunks of each long document as they are analysed (``workers=1`` only:
    a callable does not cross to worker processes).

    >>> [d.quantities[0].value for d in extract_many(["开工率98.78%", "上岗职工30.9万人"])]
    [98.78, 309000]
    """
    if workers is None:
        workers = os.cpu_count() or 1
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ValueError(f"workers must be a positive int or None, not {workers!r}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be >= 1, not {chunksize!r}")
    if max_bytes is not None and max_bytes < 0:
        raise ValueError(f"max_bytes must be >= 0 or None, not {max_bytes!r}")
    workers = cap_workers(workers)
    patterns_arg = os.fspath(patterns) if patterns is not None else None
    as_paths = paths if str_paths is None else str_paths
    chunks = _chunks(texts_or_paths, published, chunksize, as_paths, max_bytes)
    if workers == 1:
        return _in_process(chunks, strict, patterns_arg, max_bytes, progress)
    return _pooled(chunks, workers, strict, patterns_arg, mp_context, max_bytes)


def _in_process(chunks: Iterator[list[_Job]], strict: bool, patterns: str | None,
                max_bytes: int | None, progress: Progress | None = None) -> Iterator[Result]:
    pipeline = Pipeline(patterns) if patterns else default_pipeline()
    for chunk in chunks:
        for job in chunk:
            yield _run(pipeline, job, strict, max_bytes, progress)


def _pooled(chunks: Iterator[list[_Job]], workers: int, strict: bool, patterns: str | None,
            mp_context: multiprocessing.context.BaseContext | str | None,
            max_bytes: int | None) -> Iterator[Result]:
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
                pending.append((chunk, pool.submit(_run_chunk, chunk, strict, max_bytes)))
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
                pending = deque((c, pool.submit(_run_chunk, c, strict, max_bytes)) for c, _ in pending)
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
