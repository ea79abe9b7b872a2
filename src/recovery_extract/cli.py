"""Command line: ``recovery-extract PATH... | -`` prints one record per document.

Exit codes: 0 all inputs processed; 1 some input failed (each named on
stderr, the others still processed) or stdout could not be written; 2 usage
error (bad option, no input found, ``--output`` not writable).  Output to
``--output`` is written atomically: a failed run leaves no partial file
(docs/reliability.md has the table of failure cases).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .batch import (DEFAULT_MAX_BYTES, STDIN, Expansion, Failure, cap_workers, expand_inputs,
                    extract_many, looks_binary, read_source, safe_name)  # noqa: F401 - looks_binary kept importable here
from .errors import RecoveryExtractError
from .pipeline import default_pipeline
from .records import Document

FORMATS = ("jsonl", "json", "csv", "table")
CSV_FIELDS = ("id", "kind", "text", "start", "end", "value", "unit", "counter", "approx", "name",
              "metric", "region", "date", "subject", "basis")
PROGRESS_MIN_FILES = 10


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
    ap.add_argument("--published", metavar="DATE",
                    help="reference date (ISO 8601) for every input, overriding their date lines")
    ap.add_argument("--output", "-o", metavar="FILE", help="write here (atomically) instead of stdout")
    ap.add_argument("--strict", action="store_true",
                    help="fail an input whose bytes cannot be decoded instead of replacing them")
    ap.add_argument("--workers", "-j", type=workers_count, default=1, metavar="N",
                    help="extract in N processes (0: one per CPU; default 1, at most 4 per CPU); "
                         "output order is kept")
    ap.add_argument("--max-bytes", type=size_limit, default=DEFAULT_MAX_BYTES, metavar="N",
                    help=f"refuse an input longer than N bytes (default {DEFAULT_MAX_BYTES}; 0: no limit)")
    return ap.parse_args(argv)


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
    progress = sys.stderr.isatty() and len(inputs) >= PROGRESS_MIN_FILES

    def items() -> Iterator[tuple[str, object]]:
        for spec in inputs:  # stdin is read in this process, in its turn, with the size limit
            yield (doc_id_for(spec), STDIN if spec == "-" else Path(spec))

    results = extract_many(items(), workers=args.workers or None, published=args.published,
                           strict=args.strict, max_bytes=getattr(args, "max_bytes", DEFAULT_MAX_BYTES))
    for n, (raw, result) in enumerate(zip(inputs, results), 1):
        spec = safe_name(raw)  # undecodable file-name bytes shown as \xff: output stays UTF-8
        if progress:
            print(f"\r[{n}/{len(inputs)}] {spec[-60:]:60s}", end="", file=sys.stderr, flush=True)
        if isinstance(result, Failure):
            failures.append(spec)
            print(f"\rrecovery-extract: {spec}: {result.message}", file=sys.stderr)
            continue
        for warning in result.warnings:
            print(f"recovery-extract: {spec}: warning: {warning}", file=sys.stderr)
        yield result
    if progress:
        print(file=sys.stderr)


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
    for kind in ("quantities", "dates", "regions", "agencies", "indicators"):
        for item in record[kind]:
            yield {"id": doc.id, "kind": kind[:-1] if kind != "quantities" else "quantity", **item}


def table(doc: Document) -> str:
    """A plain-text summary of one document, for reading in a terminal."""
    lines = [f"== {doc.id}  language={doc.language} script={doc.script} published={doc.published}"]
    for kind in ("quantities", "dates", "regions", "agencies"):
        for item in doc.to_dict()[kind]:
            extra = " ".join(f"{k}={item[k]}" for k in ("unit", "counter", "approx", "name")
                             if item.get(k) is not None)
            lines.append(f"  {kind[:-1] if kind != 'quantities' else 'quantity':9s} "
                         f"{item['start']:>6}-{item['end']:<6} {item['text'][:40]:40s} "
                         f"{item['value']!s:>16} {extra}")
    for ind in doc.indicators:
        lines.append(f"  indicator {ind.metric:30s} {ind.value!s:>16} {ind.unit:6s} "
                     f"region={ind.region} date={ind.date} basis={ind.basis}")
    return "\n".join(lines) + "\n"


def atomic_write(path: str, fill: callable) -> None:  # type: ignore[valid-type]
    """Write via a temporary file in the same folder, then rename over ``path``."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with io.open(fd, "w", encoding="utf-8", newline="") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    expansion = expand_paths(args.paths)
    inputs, missing = expansion.inputs, [safe_name(m) for m in expansion.missing]
    for spec in missing:
        print(f"recovery-extract: {spec}: no file matches", file=sys.stderr)
    for skip in expansion.skipped:
        print(f"recovery-extract: {safe_name(skip.path)}: skipped: {skip.reason}", file=sys.stderr)
    missing += [safe_name(skip.path) for skip in expansion.skipped if skip.failed]
    if not inputs:
        print("recovery-extract: no input files", file=sys.stderr)
        return 2
    if args.workers and cap_workers(args.workers) < args.workers:
        print(f"recovery-extract: --workers {args.workers} capped at {cap_workers(args.workers)} "
              f"(4 per CPU)", file=sys.stderr)
        args.workers = cap_workers(args.workers)
    if args.output:
        folder = Path(args.output).parent if str(Path(args.output).parent) else Path(".")
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            print(f"recovery-extract: {args.output}: cannot write there", file=sys.stderr)
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
            atomic_write(args.output, lambda fh: write(docs, args.format, fh))
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
