"""Command line: ``recovery-extract PATH... | -`` prints one record per document.

Exit codes: 0 all inputs processed; 1 some input failed (each named on
stderr, the others still processed) or stdout could not be written; 2 usage
error (bad option, bad ``--published``, no input found, ``--output`` not
writable).  A regular ``--output`` file (or a symlink's target) is replaced
atomically, keeping its mode: a failed run leaves no partial file; a device or
FIFO (``/dev/stdout``) is written in place (docs/reliability.md has the table of
failure cases).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .batch import (DEFAULT_MAX_BYTES, STDIN, Expansion, Failure, cap_workers, expand_inputs,
                    extract_many, looks_binary, read_source, safe_name)  # noqa: F401 - looks_binary kept importable here
from .errors import RecoveryExtractError
from .pipeline import default_pipeline
from .prepare.reference_date import DATE_ORDERS, parse_reference_date
from .records import Document

FORMATS = ("jsonl", "json", "csv", "table")
CSV_FIELDS = ("id", "kind", "text", "start", "end", "value", "value_max", "unit", "per", "counter", "approx",
              "name", "metric", "region", "date", "subject", "basis", "sentence_start", "sentence_end")
#: Record list -> the ``kind`` of one of its items (CSV and table).
KINDS = {"quantities": "quantity", "dates": "date", "regions": "region", "agencies": "agency",
         "indicators": "indicator"}


class UsageError(Exception):
    """A problem with the command line itself (exit 2)."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="recovery-extract",
        description="Extract quantities, dates, regions, agencies and indicators from news text.",
        epilog="Exit codes: 0 ok; 1 some inputs failed (named on stderr); 2 usage error.",
    )
    ap.add_argument("paths", nargs="+", metavar="PATH",
                    help="files, folders (read recursively), glob patterns, or - for stdin")
    ap.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default jsonl)")
    # The help text shows the input forms a user may type, 2020年2月25日 among them: text
    # for a person, not vocabulary the extractor matches with (so it stays here).
    ap.add_argument("--published", metavar="DATE",
                    help="reference date for every input, overriding their date lines: 2020-02-25, "
                         "20200225, 2020年2月25日, 25 Feb 2020, 25/02/2020 (exit 2 if not one valid day)")
    ap.add_argument("--date-order", choices=DATE_ORDERS, type=str.upper, metavar="ORDER",
                    help="order of a numeric --published like 02/03/2020: DMY or MDY (as dateparser)")
    ap.add_argument("--output", "-o", metavar="FILE",
                    help="write here instead of stdout (a file is replaced atomically, keeping its mode)")
    shown = ap.add_mutually_exclusive_group()
    shown.add_argument("--progress", action="store_true", default=None,
                       help="show a progress bar on stderr (default: only when stderr is a terminal)")
    shown.add_argument("--quiet", "-q", dest="progress", action="store_false",
                       help="no progress bar and no per-document warnings (errors are still named)")
    ap.add_argument("--strict", action="store_true",
                    help="fail an input whose bytes cannot be decoded instead of replacing them")
    ap.add_argument("--workers", "-j", type=workers_count, default=1, metavar="N",
                    help="extract in N processes (0: one per CPU; default 1, at most 4 per CPU); "
                         "output order is kept")
    ap.add_argument("--max-bytes", type=size_limit, default=DEFAULT_MAX_BYTES, metavar="N",
                    help=f"refuse an input longer than N bytes (default {DEFAULT_MAX_BYTES}; 0: no limit)")
    ap.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return ap.parse_args(argv)


def _version() -> str:
    from . import __version__

    return __version__


def workers_count(value: str) -> int:
    """``--workers``: a non-negative int (0 means one per CPU)."""
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if count < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {count}")
    return count


def size_limit(value: str) -> int | None:
    """``--max-bytes``: a non-negative int; 0 means no limit (None)."""
    count = workers_count(value)
    return count or None


def expand_paths(specs: Iterable[str]) -> Expansion:
    """Inputs in order (``-`` kept), entries skipped inside folders and globs (FIFOs,
    devices, dangling links: never opened), and the specs that matched nothing
    (:func:`recovery_extract.batch.expand_inputs`)."""
    return expand_inputs(specs)


def read_input(spec: str, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of ``spec`` (``-``: standard input), at most ``max_bytes``."""
    return read_source(STDIN if spec == "-" else spec, max_bytes)


def doc_id_for(spec: str) -> str:
    return "stdin" if spec == "-" else safe_name(Path(spec).stem)


def documents(inputs: list[str], args: argparse.Namespace, failures: list[str]) -> Iterator[Document]:
    """Documents for ``inputs`` in order (via :func:`extract_many`); failed inputs go to
    ``failures`` and are named on stderr."""
    status = Status(len(inputs), args.progress)

    def items() -> Iterator[tuple[str, object]]:
        for spec in inputs:  # stdin is read in this process, in its turn, with the size limit
            yield (doc_id_for(spec), STDIN if spec == "-" else Path(spec))

    results = extract_many(items(), workers=args.workers or None, published=args.published,
                           strict=args.strict, max_bytes=getattr(args, "max_bytes", DEFAULT_MAX_BYTES),
                           progress=status.chunk if args.workers == 1 else None)
    try:
        for raw, result in zip(inputs, results):
            spec = safe_name(raw)  # undecodable file-name bytes shown as \xff: output stays UTF-8
            status.advance()
            if isinstance(result, Failure):
                failures.append(spec)
                status.say(f"recovery-extract: {spec}: {result.message}")
                continue
            if args.progress is not False:
                for warning in result.warnings:
                    status.say(f"recovery-extract: {spec}: warning: {warning}")
            yield result
    finally:
        status.close()


class Status:
    """What stderr shows while inputs are read: a tqdm bar (count, rate, ETA) when
    ``show`` is True, or by default when stderr is a terminal; messages go above it."""

    def __init__(self, total: int, show: bool | None) -> None:
        self.bar: Any = None
        self.chunks: Any = None
        if show or (show is None and sys.stderr.isatty()):
            from tqdm import tqdm  # lazily: only runs that show a bar pay its import

            self.bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True,
                            desc="recovery-extract")

    def advance(self) -> None:
        if self.chunks is not None:
            self.chunks.close()
            self.chunks = None
        if self.bar is not None:
            self.bar.update(1)

    def chunk(self, done: int, total: int) -> None:
        """The chunks of one long document: a second bar, shown only when it has several."""
        if self.bar is None or total <= 1:
            return
        if self.chunks is None:
            from tqdm import tqdm

            self.chunks = tqdm(total=total, unit="chunk", file=sys.stderr, dynamic_ncols=True,
                               desc="  one long document", leave=False, position=1)
        self.chunks.update(done - self.chunks.n)

    def say(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        if self.chunks is not None:
            self.chunks.close()
        if self.bar is not None:
            self.bar.close()


def report_skipped(skipped: Iterable[tuple[str, str]]) -> None:
    """Name each input that was skipped, with why (``(path, reason)`` pairs)."""
    for path, reason in skipped:
        print(f"recovery-extract: {path}: skipped: {reason}", file=sys.stderr)


def write(docs: Iterable[Document], fmt: str, out: IO[str]) -> None:
    if fmt == "jsonl":
        for doc in docs:
            out.write(doc.to_json() + "\n")
    elif fmt == "json":
        json.dump([d.to_dict() for d in docs], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for doc in docs:
            for row in csv_rows(doc):
                writer.writerow(row)
    else:
        for doc in docs:
            out.write(table(doc))


def csv_rows(doc: Document) -> Iterator[dict[str, object]]:
    """One row per mention and per indicator, ``kind`` says which."""
    record = doc.to_dict()
    for key, kind in KINDS.items():
        for item in record[key]:
            yield {"id": doc.id, "kind": kind, **item}


#: The table's columns: (header, width, alignment) - the same for every kind of row.
TABLE_COLUMNS = (("kind", 9, "<"), ("span", 13, "<"), ("text", 24, "<"), ("value", 16, ">"),
                 ("detail", 0, "<"))


def table(doc: Document) -> str:
    """A plain-text summary of one document, for reading in a terminal: a header line,
    column headers, then one row per mention and per indicator."""
    lines = [f"== {doc.id}  language={doc.language} script={doc.script} published={doc.published}",
             _row({name: name for name, _, _ in TABLE_COLUMNS})]
    record = doc.to_dict()
    for key, kind in KINDS.items():
        for item in record[key]:
            lines.append(_row({"kind": kind, "span": _span(item), "text": _clip(item.get("text")),
                               "value": str(item["value"]), "detail": _detail(kind, item)}))
    return "\n".join(lines) + "\n"


def _row(cells: dict[str, str]) -> str:
    return ("  " + " ".join(f"{cells[name]:{align}{width}}" if width else cells[name]
                            for name, width, align in TABLE_COLUMNS)).rstrip()


def _span(item: dict[str, Any]) -> str:
    return "" if item.get("start") is None else f"{item['start']}-{item['end']}"


def _clip(text: object, width: int = 24) -> str:
    text = "" if text is None else str(text).replace("\n", " ")
    return text if len(text) <= width else text[:width - 1] + "…"


def _detail(kind: str, item: dict[str, Any]) -> str:
    keys = ("metric", "unit", "region", "date", "basis", "subject") if kind == "indicator" \
        else ("value_max", "unit", "per", "counter", "approx", "name")
    return " ".join(f"{k}={item[k]}" for k in keys if item.get(k) is not None)


def output_target(path: str) -> tuple[str, bool]:
    """Where ``--output`` writes and whether atomically: a regular file (after symlinks)
    is replaced atomically; a device, FIFO or ``/dev/stdout`` is written in place.
    Raises UsageError for a directory or a folder that cannot take a new file."""
    try:
        mode = os.stat(path).st_mode  # follows symlinks
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise UsageError(f"{path}: cannot write there: {err.strerror or err}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(f"{path}: is a directory; give a file name")
    if mode is not None and not stat.S_ISREG(mode):
        return path, False
    real = os.path.realpath(path)
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
        raise UsageError(f"{path}: cannot write there")
    if mode is not None and not os.access(real, os.W_OK):
        raise UsageError(f"{path}: cannot write there: the file is read-only")
    return real, True


def write_output(path: str, atomic: bool, fill: Any) -> None:
    """Run ``fill(fh)`` on ``path``: in place, or atomically (see :func:`output_target`)."""
    if not atomic:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fill(fh)
        return
    atomic_write(path, fill)


def atomic_write(path: str, fill: Any) -> None:
    """Write via a temporary file in the same folder, then rename over ``path``; the file
    keeps the mode it had, a new one gets the umask's (not mkstemp's 0600)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with io.open(fd, "w", encoding="utf-8", newline="") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        args.published = parse_reference_date(args.published, args.date_order)
    except ValueError as err:
        print(f"recovery-extract: --published: {err}", file=sys.stderr)
        return 2
    expansion = expand_paths(args.paths)
    inputs, missing = expansion.inputs, [safe_name(m) for m in expansion.missing]
    for spec in missing:
        print(f"recovery-extract: {spec}: no file matches", file=sys.stderr)
    report_skipped((safe_name(skip.path), skip.reason) for skip in expansion.skipped)
    missing += [safe_name(skip.path) for skip in expansion.skipped if skip.failed]
    if not inputs:
        print("recovery-extract: no input files", file=sys.stderr)
        return 2
    if args.workers and cap_workers(args.workers) < args.workers:
        print(f"recovery-extract: --workers {args.workers} capped at {cap_workers(args.workers)} "
              f"(4 per CPU)", file=sys.stderr)
        args.workers = cap_workers(args.workers)
    target, atomic = "", True
    if args.output:
        try:
            target, atomic = output_target(args.output)
        except UsageError as err:
            print(f"recovery-extract: {err}", file=sys.stderr)
            return 2
    try:
        default_pipeline()  # compile the patterns now: a bad data file is a usage error (exit 2)
    except RecoveryExtractError as err:
        print(f"recovery-extract: {err}", file=sys.stderr)
        return 2
    failures: list[str] = list(missing)
    docs = documents(inputs, args, failures)
    try:
        if args.output:
            write_output(target, atomic, lambda fh: write(docs, args.format, fh))
        else:
            write(docs, args.format, sys.stdout)
            sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as err:
        print(f"recovery-extract: cannot write output: {err.strerror or err}", file=sys.stderr)
        return 2 if args.output else 1
    if failures:
        print(f"recovery-extract: {len(failures)} of {len(inputs) + len(missing)} inputs failed: "
              + ", ".join(failures), file=sys.stderr)
        return 1
    return 0
