"""Thread safety: N threads sharing one Pipeline give the same results as one thread.

tests/test_api.py runs the seeds on a warmed-up pipeline; here a FRESH pipeline
is hit by many threads at once (lazy set-up such as OpenCC and dateparser races
on first use), with mixed inputs: str, bytes in other encodings, traditional
script, hostile characters, a chunked long text.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import recovery_extract as rx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
THREADS = 8


def inputs() -> list[str | bytes]:
    texts: list[str | bytes] = [p.read_text(encoding="utf-8") for p in SEEDS]
    texts += [p.read_text(encoding="utf-8").encode("gb18030", "replace") for p in SEEDS[:2]]
    texts += ["截至2月24日,濟南市規模以上工業企業開工率98.78%。", "\ud800开工率\u202e98%😀",
              "The operating rate reached 97 percent on March 30.", b"\xff\xfe" + "开工率98%".encode("utf-16-le")]
    return texts


def test_fresh_pipeline_many_threads_same_results() -> None:
    items = inputs()
    expected = [rx.Pipeline(max_chars=4000).extract(t, published="2022-04-27").to_dict() for t in items]
    shared = rx.Pipeline(max_chars=4000)  # small cap: the chunked path runs concurrently too
    barrier = threading.Barrier(THREADS)

    def work(k: int) -> list[dict]:
        barrier.wait()  # all threads start together on the cold pipeline
        order = items[k % len(items):] + items[:k % len(items)]
        got = [shared.extract(t, published="2022-04-27").to_dict() for t in order]
        return got[len(items) - k % len(items):] + got[:len(items) - k % len(items)]

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))
    for got in results:
        assert got == expected


def test_default_pipeline_is_created_once() -> None:
    from recovery_extract.pipeline import default_pipeline

    with ThreadPoolExecutor(THREADS) as pool:
        made = set(pool.map(lambda _: id(default_pipeline()), range(THREADS * 4)))
    assert len(made) == 1
