"""Dask adapters, run for real on a LocalCluster with 2 worker processes over the seeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import recovery_extract as rx

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

from recovery_extract.frame import RESULT_COLUMNS  # noqa: E402
from recovery_extract.integrations.dask import extract_bag, indicator_frame  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as c:
        yield c


def test_bag_of_paths_matches_extract(client: distributed.Client) -> None:
    docs = extract_bag([*SEEDS, ROOT / "no-such-file.txt"], npartitions=3).compute()
    expected = [rx.extract(p.read_text(encoding="utf-8"), doc_id=p.stem).to_dict() for p in SEEDS]
    assert [d.to_dict() for d in docs[:-1]] == expected
    # The missing file comes back as a result in its place, not an exception.
    assert isinstance(docs[-1], rx.Failure) and docs[-1].error == "FileNotFoundError"
    # Work really ran on both worker processes, not in this one.
    # (asked of the scheduler: `scheduler_info()` may answer from a cache that, when its
    # refresh fails on a loaded machine, lists no workers)
    assert len(client.nthreads()) == 2


def test_dataframe_of_texts_matches_to_frame(client: distributed.Client) -> None:
    import dask.dataframe as dd

    texts = pd.DataFrame({"id": [p.stem for p in SEEDS],
                          "text": [p.read_text(encoding="utf-8") for p in SEEDS]})
    rows = indicator_frame(dd.from_pandas(texts, npartitions=2)).compute()
    assert list(rows.columns) == list(RESULT_COLUMNS)
    assert rows["error"].isna().all()
    expected = rx.to_frame(rx.extract(t, doc_id=i) for i, t in zip(texts["id"], texts["text"]))
    assert len(expected) > 0
    got = rows[["doc_id", "metric", "value", "unit", "region", "date", "start", "end"]]
    want = expected[["doc_id", "metric", "value", "unit", "region", "date", "start", "end"]]
    # A missing region is None in one frame and NaN/<NA> in the other (Dask stores strings
    # as pyarrow strings): both mean "missing".
    def cells(frame: pd.DataFrame) -> list[list[object]]:
        return [[None if pd.isna(v) else v for v in row] for row in frame.astype(object).values.tolist()]

    assert cells(got) == cells(want)
    assert want["region"].isna().any(), "the seeds hold an indicator with no region: the missing case is tested"


def test_dataframe_published_column(client: distributed.Client) -> None:
    import dask.dataframe as dd

    text = "截至2月24日,济南市规模以上工业企业开工率98.78%。"
    frame = pd.DataFrame({"id": ["a", "b"], "text": [text, text], "published": ["2021-03-01", None]})
    rows = indicator_frame(dd.from_pandas(frame, npartitions=1), published="published",
                           default_published="2020-02-25").compute()
    dates = dict(zip(rows["doc_id"], rows["date"]))
    assert dates == {"a": "2021-02-24", "b": "2020-02-24"}
