"""One command for the whole benchmark: ``python bench/run.py [--quick]`` (or ``make bench``).

In one run, on the same texts:

1. the full pipeline (bytes in, one JSON line out per document) over the seeds
   and over a corpus generated from them (``bench/corpus.py``, 10 MB by default):
   documents/s and MB/s per core, median of several runs after a warm-up, plus
   the time of each stage over the seeds;
2. the peers (``bench/peers.py``) on the seeds and a sample of the corpus, in
   their own venv, with the ratio peer/ours per document and what each found;
3. ``import recovery_extract`` time, CLI cold start on one seed, peak RSS and
   time of the CLI streaming a folder of generated files (100 MB by default) at
   1x, 10x and 100x of its size, and the time of ONE document made 1x, 10x and
   100x longer (growth must be linear);
4. the figures to ``bench/results/bench[-quick].json`` and a short Markdown table
   to ``bench/results/bench[-quick].md``.

Times per core are process CPU seconds (the pipeline is single-threaded), so a
busy machine does not make us look faster or slower than we are; wall seconds
are recorded next to them.  ``--quick`` uses a small corpus and fewer repeats
for iterating; the figures quoted in the README come from a full run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import CorpusBuilder, Doc, concatenated, load_seeds  # noqa: E402
import peers as peer_bench  # noqa: E402

MB = 1_000_000

#: The issue's bar ("Done when"); each figure is checked against it in the table.
TARGETS = {
    "corpus_mb_per_s": 5.0,          # end to end, per core, on the 10 MB corpus
    "peer_speedup": 50.0,            # peer mix time / our time, same documents
    "import_s": 0.3,
    "cli_cold_s": 1.0,
    "growth_100x": 110.0,            # time(100x) / time(1x) at most
    "stream_peak_rss_mb": 300.0,
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- the machine
def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = platform.processor() or platform.machine()
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                            text=True).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                                capture_output=True, text=True).stdout.strip())
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "commit": commit + ("+dirty" if dirty else ""),
            "load_1min": load, "date": time.strftime("%Y-%m-%d %H:%M")}


# ---------------------------------------------------------------------------- timing helpers
def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _run_once(extract: Callable[[bytes], str], payloads: Sequence[bytes]) -> tuple[float, float, list[float]]:
    """(cpu seconds, wall seconds, cpu seconds per document) for one pass."""
    per_doc = []
    gc.collect()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for data in payloads:
        t = time.process_time()
        extract(data)
        per_doc.append(time.process_time() - t)
    return time.process_time() - cpu0, time.perf_counter() - wall0, per_doc


def throughput(extract: Callable[[bytes], str], docs: Sequence[Doc], runs: int, warmup: int = 1) -> dict[str, Any]:
    """Median over ``runs`` passes (after ``warmup`` passes) of the pipeline over ``docs``."""
    payloads = [d.data for d in docs]
    size = sum(map(len, payloads))
    for _ in range(warmup):
        _run_once(extract, payloads[: max(1, min(len(payloads), 50))])
    passes = [_run_once(extract, payloads) for _ in range(runs)]
    cpu = _median([p[0] for p in passes])
    wall = _median([p[1] for p in passes])
    per_doc = [_median([p[2][i] for p in passes]) for i in range(len(payloads))]
    return {"documents": len(docs), "bytes": size, "runs": runs, "cpu_s": cpu, "wall_s": wall,
            "docs_per_s": len(docs) / cpu, "mb_per_s": size / MB / cpu, "ms_per_doc": 1000 * cpu / len(docs),
            "wall_mb_per_s": size / MB / wall, "per_doc_s": {d.id: t for d, t in zip(docs, per_doc)}}


def stages(pipeline: Any, docs: Sequence[Doc], runs: int) -> dict[str, float]:
    """CPU seconds per stage over ``docs`` (median of ``runs``); ``rest`` = resolve, indicators, records."""
    from recovery_extract.extract import settle_overlaps
    from recovery_extract.extract.base import TextView

    def one() -> dict[str, float]:
        spent: dict[str, float] = {}

        def timed(name: str, fn: Callable[[], Any]) -> Any:
            t = time.process_time()
            out = fn()
            spent[name] = spent.get(name, 0.0) + time.process_time() - t
            return out

        total = 0.0
        for d in docs:
            t0 = time.process_time()
            pipeline.extract(d.data).to_json()
            total += time.process_time() - t0
            text, _ = timed("decode", lambda: pipeline.decoder(d.data))
            norm = timed("normalise", lambda: pipeline.normalise(text))
            info = timed("language", lambda: pipeline.detect_language(norm))
            view = TextView(norm, info)
            mentions: list[Any] = []
            for ex in pipeline.extractors:
                mentions += timed(f"find.{ex.kind}", lambda: ex.find(view))
            timed("settle_overlaps", lambda: settle_overlaps(mentions))
        spent["rest"] = max(0.0, total - sum(spent.values()))
        spent["total"] = total
        return spent

    passes = [one() for _ in range(runs)]
    return {k: _median([p[k] for p in passes]) for k in passes[0]}


# ---------------------------------------------------------------------------- start-up
def _python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=REPO).stdout


def import_time(runs: int) -> float:
    """Seconds for ``import recovery_extract`` in a fresh interpreter (median)."""
    code = "import time; t = time.perf_counter(); import recovery_extract; print(time.perf_counter() - t)"
    return _median([float(_python(code)) for _ in range(runs)])


def cli_cold_start(path: Path, runs: int) -> dict[str, float]:
    """Wall seconds of ``python -m recovery_extract FILE`` from process start to exit (medians).

    ``warm``: a new process with the compiled-regex cache filled (every run after the
    first); ``first``: a new process with an empty cache (the first run after an install).
    Both use a private cache folder, so the user's own cache changes nothing.
    """
    def cli(cache: Path) -> float:
        env = dict(os.environ, RECOVERY_EXTRACT_CACHE=str(cache))
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "recovery_extract", str(path)], check=True, cwd=REPO, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - t

    with tempfile.TemporaryDirectory(prefix="rx-bench-cache-") as tmp:
        first = [cli(Path(tmp) / f"first-{i}") for i in range(runs)]
        cli(Path(tmp) / "warm")  # fill it
        warm = [cli(Path(tmp) / "warm") for _ in range(runs)]
    return {"first": _median(first), "warm": _median(warm)}


# ---------------------------------------------------------------------------- instructions
_PASSES = """
import sys
from pathlib import Path
from recovery_extract import Pipeline
pipeline = Pipeline()
docs = [p.read_bytes() for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
for _ in range(int(sys.argv[2])):
    for d in docs:
        pipeline.extract(d).to_json()
"""


def instructions(folder: Path, documents: int) -> float | None:
    """Instructions per document (valgrind's callgrind), or None without valgrind.

    CPU time on a shared machine moved by 20-30 % from one run to the next; an
    instruction count is the same whatever else the machine does, so it is the
    figure to compare commits by.  Passes 3 minus pass 1: start-up and the first
    document's lazy compiles are taken off.
    """
    if shutil.which("valgrind") is None:
        return None
    # Fill the compiled-regex cache first: a pass 1 that compiles and stores what pass 3
    # then loads makes the difference read low (79.6 M once for a true 92 M).
    # A fixed hash seed: set iteration orders decide which candidates come first, and with
    # random seeds repeated counts of the same code moved by up to 1.3 M.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run([sys.executable, "-c", _PASSES, str(folder), "1"], capture_output=True, cwd=REPO, check=False,
                   env=env)
    counts = []
    for passes in (1, 3):
        run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                              "-c", _PASSES, str(folder), str(passes)], capture_output=True, text=True, cwd=REPO,
                             env=env)
        found = [line for line in run.stderr.splitlines() if "Collected :" in line]
        if run.returncode != 0 or not found:
            return None
        counts.append(int(found[-1].split(":")[-1]))
    return (counts[1] - counts[0]) / (2 * documents)


# ---------------------------------------------------------------------------- the stream
_MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
wall = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


def cli_stream(builder: CorpusBuilder, size_mb: float, tmp: Path) -> dict[str, Any]:
    """The CLI over a folder of generated files at 1%, 10% and 100% of ``size_mb``: wall and CPU
    seconds, peak RSS of the CLI process (KiB from ``getrusage`` of a launcher whose only child it is)."""
    total = int(size_mb * MB)
    folder = tmp / "stream"
    written, n = 0, 0
    marks = {total // 100: "1x", total // 10: "10x", total: "100x"}
    folders: dict[str, Path] = {}
    docs = builder.documents()
    for mark in sorted(marks):
        while written < mark:
            doc = next(docs)
            part = folder / f"{n // 1000:04d}"
            part.mkdir(parents=True, exist_ok=True)
            (part / f"{doc.id}.txt").write_bytes(doc.data)
            written += len(doc.data)
            n += 1
        snapshot = tmp / f"stream-{marks[mark]}"
        shutil.copytree(folder, snapshot)
        folders[marks[mark]] = snapshot
    shutil.rmtree(folder)
    # The CLI's start-up (interpreter, import, patterns) on one tiny file: taken off before
    # comparing sizes, so a constant cost cannot make the growth look better than it is.
    tiny = tmp / "tiny.txt"
    tiny.write_text("2020年2月24日,全市规模以上工业企业开工率98.78%。", encoding="utf-8")
    wall, rss_kib, cpu = _python_args([_MEASURE, sys.executable, "-m", "recovery_extract", str(tiny)]).split()
    out: dict[str, Any] = {"startup": {"wall_s": float(wall), "cpu_s": float(cpu), "peak_rss_mb": int(rss_kib) / 1024}}
    for label, path in folders.items():
        size = sum(p.stat().st_size for p in path.rglob("*.txt"))
        files = sum(1 for _ in path.rglob("*.txt"))
        log(f"  CLI stream {label}: {size / MB:.1f} MB in {files} files ...")
        line = _python_args([_MEASURE, sys.executable, "-m", "recovery_extract", str(path)])
        wall, rss_kib, cpu = line.split()
        work = max(1e-9, float(cpu) - out["startup"]["cpu_s"])
        out[label] = {"bytes": size, "files": files, "wall_s": float(wall), "cpu_s": float(cpu),
                      "work_cpu_s": work, "peak_rss_mb": int(rss_kib) / 1024, "mb_per_s": size / MB / work}
        shutil.rmtree(path)
    return out


def _python_args(args: list[str]) -> str:
    return subprocess.run([sys.executable, "-c", *args], capture_output=True, text=True, check=True,
                          cwd=REPO).stdout


def growth(extract: Callable[[bytes], str], docs: Sequence[Doc], factors: Sequence[int], runs: int) -> dict[str, Any]:
    """CPU seconds for ONE document made of ``docs`` repeated 1x, 10x, 100x.

    The sizes are timed in interleaved rounds (1x, 10x, 100x, 1x, ...), so that each
    meets the same machine, and each figure is the fastest of its runs: on a shared
    machine, disturbance only ever adds time, and the ratio of two medians taken
    minutes apart moved by 30 % between runs.
    """
    payloads = {f: concatenated(docs, f).encode("utf-8") for f in factors}
    times: dict[int, list[float]] = {f: [] for f in factors}
    for i in range(runs):
        for f in factors:
            if f < 100 or i < max(2, runs // 2):
                times[f].append(_run_once(extract, [payloads[f]])[0])
    out: dict[str, Any] = {f"{f}x": {"bytes": len(payloads[f]), "cpu_s": min(times[f]), "runs": len(times[f])}
                           for f in factors}
    base = out[f"{factors[0]}x"]["cpu_s"]
    for f in factors:
        out[f"{f}x"]["ratio"] = out[f"{f}x"]["cpu_s"] / base
    return out


# ---------------------------------------------------------------------------- the peers
def compare_peers(extract_doc: Callable[[bytes], Any], docs: Sequence[Doc], repeats: int) -> dict[str, Any]:
    """Peers and ours on the same documents: time per document, the ratio, and what each found."""
    python = peer_bench.ensure_env(log=log)
    log(f"  peers on {len(docs)} documents (their first calls load models; not timed) ...")
    theirs = peer_bench.run(python, [{"id": d.id, "text": d.text, "lang": d.lang} for d in docs], repeats)
    ours: dict[str, dict[str, Any]] = {}
    for d in docs:
        times, found = [], None
        for _ in range(repeats):
            t = time.process_time()
            found = extract_doc(d.data)
            times.append(time.process_time() - t)
        assert found is not None
        ours[d.id] = {"seconds": _median(times), "counts": {
            "quantities": len(found.quantities), "dates": len(found.dates), "regions": len(found.regions),
            "agencies": len(found.agencies), "indicators": len(found.indicators)}}
    rows = []
    for d in docs:
        row: dict[str, Any] = {"id": d.id, "lang": d.lang, "bytes": len(d.data), "ours_s": ours[d.id]["seconds"],
                               "ours_counts": ours[d.id]["counts"], "peers": {}}
        for name, p in theirs["peers"].items():
            if d.id in p["docs"]:
                row["peers"][name] = p["docs"][d.id]
        row["peer_mix_s"] = sum(v["seconds"] for v in row["peers"].values())
        row["speedup"] = row["peer_mix_s"] / row["ours_s"] if row["ours_s"] else float("inf")
        rows.append(row)
    kinds: dict[str, dict[str, int]] = {}
    for name, p in theirs["peers"].items():
        kinds.setdefault(p["kind"], {})[name] = sum(v["count"] for v in p["docs"].values())
    our_totals = {k: sum(o["counts"][k] for o in ours.values()) for k in next(iter(ours.values()))["counts"]}
    per_peer = {name: {"kind": p["kind"], "langs": p["langs"], "warmup_s": p["warmup_seconds"],
                       "seconds": sum(v["seconds"] for v in p["docs"].values()),
                       "count": sum(v["count"] for v in p["docs"].values())}
                for name, p in theirs["peers"].items()}
    ours_total = sum(r["ours_s"] for r in rows)
    mix_total = sum(r["peer_mix_s"] for r in rows)
    return {"versions": peer_bench.versions(python), "import_s": theirs["import_seconds"], "documents": rows,
            "per_peer": per_peer, "found_by_kind": {"ours": our_totals, "peers": kinds},
            "ours_s": ours_total, "peer_mix_s": mix_total,
            "speedup_total": mix_total / ours_total if ours_total else float("inf"),
            "speedup_median_doc": _median([r["speedup"] for r in rows])}


# ---------------------------------------------------------------------------- report
def markdown(r: dict[str, Any]) -> str:
    """A short table of the headline figures, each against its target."""
    m, t = r["machine"], TARGETS
    corpus, seeds = r["corpus"], r["seeds"]

    def ok(good: bool) -> str:
        return "yes" if good else "**no**"

    lines = [
        f"Measured {m['date']} on {m['cpu']} ({m['cores']} cores), Python {m['python']}, "
        f"commit {m['commit']}, mode {r['mode']}, 1-min load {m['load_1min']:.1f}.",
        "",
        "| figure | value | target | met |",
        "|---|---|---|---|",
        f"| seeds ({seeds['documents']} docs, {seeds['bytes'] / 1000:.0f} KB) | {seeds['ms_per_doc']:.1f} ms/doc, "
        f"{seeds['mb_per_s']:.3f} MB/s | ~1 ms/doc | {ok(seeds['ms_per_doc'] <= 1.5)} |",
        *([f"| instructions per seed (callgrind) | {seeds['instructions_per_doc'] / 1e6:.0f} million | "
           f"(stable across runs: compare commits by this) | |"] if seeds.get("instructions_per_doc") else []),
        f"| corpus ({corpus['documents']} docs, {corpus['bytes'] / MB:.1f} MB) | {corpus['docs_per_s']:.1f} docs/s, "
        f"{corpus['mb_per_s']:.3f} MB/s per core | >= {t['corpus_mb_per_s']} MB/s | "
        f"{ok(corpus['mb_per_s'] >= t['corpus_mb_per_s'])} |",
    ]
    if "peers" in r:
        p = r["peers"]
        lines.append(f"| peer mix / ours, {len(p['documents'])} docs | {p['speedup_total']:.1f}x "
                     f"(median doc {p['speedup_median_doc']:.1f}x) | >= {t['peer_speedup']:.0f}x | "
                     f"{ok(p['speedup_total'] >= t['peer_speedup'])} |")
    lines += [
        f"| `import recovery_extract` | {r['import_s']:.3f} s | < {t['import_s']} s | {ok(r['import_s'] < t['import_s'])} |",
        f"| CLI cold start, one seed | {r['cli_cold_s']:.2f} s (first run after install: "
        f"{r.get('cli_cold_first_run_s', float('nan')):.2f} s) | < {t['cli_cold_s']} s | "
        f"{ok(r['cli_cold_s'] < t['cli_cold_s'])} |",
    ]
    g = r["growth"]
    top = max(g, key=lambda k: int(k[:-1]))
    lines.append(f"| one document 1x -> {top} ({g['1x']['bytes'] / 1000:.0f} KB -> {g[top]['bytes'] / 1000:.0f} KB) | "
                 f"{g[top]['ratio']:.1f}x time | <= {t['growth_100x'] * int(top[:-1]) / 100:.0f}x | "
                 f"{ok(g[top]['ratio'] <= t['growth_100x'] * int(top[:-1]) / 100)} |")
    s = r["stream"]
    if s:
        top = "100x"
        ratio = s[top]["work_cpu_s"] / s["1x"]["work_cpu_s"]
        lines += [
            f"| CLI stream {s[top]['bytes'] / MB:.1f} MB ({s[top]['files']} files): peak RSS | "
            f"{s[top]['peak_rss_mb']:.0f} MB | < {t['stream_peak_rss_mb']:.0f} MB | "
            f"{ok(s[top]['peak_rss_mb'] < t['stream_peak_rss_mb'])} |",
            f"| CLI stream 1x -> 100x input, start-up taken off | {ratio:.1f}x CPU time "
            f"({s[top]['mb_per_s']:.3f} MB/s) | "
            f"<= {t['growth_100x']:.0f}x | {ok(ratio <= t['growth_100x'])} |",
        ]
    st = r["stages"]
    lines += ["", "Stages over the seeds (CPU ms per document): " + ", ".join(
        f"{k} {1000 * v / seeds['documents']:.1f}" for k, v in st.items())]
    if "peers" in r:
        p = r["peers"]
        lines += ["", "| peer | kind | CPU s (same docs) | found |", "|---|---|---|---|"]
        for name, v in sorted(p["per_peer"].items()):
            lines.append(f"| {name} | {v['kind']} | {v['seconds']:.3f} | {v['count']} |")
        oc = p["found_by_kind"]["ours"]
        lines.append(f"| **recovery-extract** | all | {p['ours_s']:.3f} | "
                     + ", ".join(f"{k} {v}" for k, v in oc.items()) + " |")
    return "\n".join(lines) + "\n"


def print_peer_rows(p: dict[str, Any]) -> None:
    print("\nper document: ours vs the peer mix (CPU ms)")
    print(f"{'document':32s} {'lang':4s} {'ours':>8s} {'peers':>9s} {'ours/peers':>10s} {'peers/ours':>10s}"
          "  found (ours q/d/r/a/i, then each peer)")
    for row in p["documents"]:
        c = row["ours_counts"]
        print(f"{row['id'][:32]:32s} {row['lang']:4s} {1000 * row['ours_s']:8.1f} {1000 * row['peer_mix_s']:9.1f} "
              f"{1 / row['speedup'] if row['speedup'] else float('inf'):10.4f} {row['speedup']:10.1f}  {c['quantities']}/{c['dates']}/{c['regions']}/{c['agencies']}/{c['indicators']}"
              + "  " + " ".join(f"{k}={v['count']}" for k, v in row["peers"].items()))


# ---------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small corpus, few repeats (for iterating)")
    ap.add_argument("--corpus-mb", type=float, help="size of the generated corpus (default 10, quick 0.5)")
    ap.add_argument("--stream-mb", type=float, help="size of the CLI stream (default 100, quick 2; 0 skips)")
    ap.add_argument("--runs", type=int, help="timed passes per figure (default 5, quick 2)")
    ap.add_argument("--peer-docs", type=int, help="corpus documents given to the peers besides the seeds "
                                                   "(default 20, quick 0)")
    ap.add_argument("--no-peers", action="store_true", help="skip the peers (no venv is created)")
    ap.add_argument("--no-instructions", action="store_true", help="skip the callgrind instruction count")
    ap.add_argument("--out", type=Path, default=HERE / "results", help="folder for the JSON and Markdown")
    args = ap.parse_args(argv)
    quick = args.quick
    corpus_mb = args.corpus_mb if args.corpus_mb is not None else (0.5 if quick else 10.0)
    stream_mb = args.stream_mb if args.stream_mb is not None else (2.0 if quick else 100.0)
    runs = args.runs or (2 if quick else 5)
    peer_docs = args.peer_docs if args.peer_docs is not None else (0 if quick else 20)

    result: dict[str, Any] = {"mode": "quick" if quick else "full", "machine": machine(), "targets": TARGETS}
    log(f"machine: {result['machine']['cpu']}, {result['machine']['cores']} cores, commit {result['machine']['commit']}")

    log("import time and CLI cold start ...")
    result["import_s"] = import_time(runs=max(3, runs))
    seeds = load_seeds()
    cold = cli_cold_start(REPO / "seeds" / f"{seeds[1].id}.txt", runs=max(3, runs // 2 + 1))
    result["cli_cold_s"], result["cli_cold_first_run_s"] = cold["warm"], cold["first"]

    from recovery_extract import Pipeline

    t = time.perf_counter()
    pipeline = Pipeline()
    result["pipeline_init_s"] = time.perf_counter() - t

    def extract(data: bytes) -> str:
        return pipeline.extract(data).to_json()

    log("seeds ...")
    result["seeds"] = throughput(extract, seeds, runs=max(3, runs))
    result["stages"] = stages(pipeline, seeds, runs=max(3, runs))

    if not args.no_instructions:
        log("instructions per seed (callgrind) ...")
        result["seeds"]["instructions_per_doc"] = instructions(REPO / "seeds", len(seeds))

    log(f"building a {corpus_mb:g} MB corpus from the seeds ...")
    builder = CorpusBuilder(seeds, pipeline)
    corpus = builder.build(int(corpus_mb * MB))
    result["corpus_langs"] = {lang: sum(1 for d in corpus if d.lang == lang) for lang in ("zh", "en")}
    log(f"corpus: {len(corpus)} documents, {sum(len(d.data) for d in corpus) / MB:.1f} MB; timing ...")
    result["corpus"] = throughput(extract, corpus, runs=max(1, runs // 2 + (0 if quick else 1)))
    result["corpus"].pop("per_doc_s")

    log("growth of one document ...")
    base = seeds if not quick else seeds[1:2]
    result["growth"] = growth(extract, base, (1, 10, 100), runs=max(3, runs))

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        result["stream"] = cli_stream(builder, stream_mb, Path(tmp)) if stream_mb > 0 else {}

    if not args.no_peers:
        log("peers ...")
        sample = seeds + corpus[len(seeds): len(seeds) + peer_docs]
        result["peers"] = compare_peers(pipeline.extract, sample, repeats=1 if quick else 3)
        print_peer_rows(result["peers"])

    args.out.mkdir(parents=True, exist_ok=True)
    stem = "bench-quick" if quick else "bench"
    (args.out / f"{stem}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    table = markdown(result)
    (args.out / f"{stem}.md").write_text(table, encoding="utf-8")
    print()
    print(table)
    log(f"wrote {args.out / (stem + '.json')} and {args.out / (stem + '.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
