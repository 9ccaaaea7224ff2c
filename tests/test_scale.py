"""The Dask engine and the month-partitioned Parquet export give back the local engine's corpus."""

import pandas as pd
import pytest

import newsdesk as nd


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    texts = [
        "Officials in Geneva met on Tuesday. \"We made progress,\" the minister said.",
        "Russia fired drones at Ukraine overnight, according to the Ukrainian air force.",
        "The talks will resume next week in Vienna, diplomats said on Friday.",
        "Protesters gathered in Paris on Saturday to oppose the new pension law.",
    ]
    dates = ["2026-01-30", "2026-02-17", "2026-02-18", None]
    return nd.load_articles(pd.DataFrame({"text": texts, "date": dates}))


@pytest.fixture(scope="module")
def local(articles) -> nd.Corpus:
    return nd.analyze(articles, cache=False, progress=False)


def normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing values as None and columns as objects: Parquet may store them differently."""
    frame = frame.reset_index(drop=True).astype(object)
    return frame.where(frame.notna(), None)


def assert_same_corpus(a: nd.Corpus, b: nd.Corpus) -> None:
    for name in nd.Corpus.FRAMES:
        pd.testing.assert_frame_equal(normalised(getattr(a, name)), normalised(getattr(b, name)), obj=name)


def test_two_processes_match_one(articles, local):
    assert_same_corpus(local, nd.analyze(articles, cache=False, progress=False, n_process=2))


def test_dask_engine_matches_local(articles, local):
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        remote = nd.analyze(articles, cache=False, progress=False, engine="dask", client=client)
    assert_same_corpus(local, remote)


def test_parquet_round_trip_partitioned_by_month(local, tmp_path):
    local.to_parquet(tmp_path)
    months = sorted(p.name for p in (tmp_path / "sentences").iterdir())
    assert months == ["month=2026-01", "month=2026-02", "month=undated"]
    assert_same_corpus(local, nd.read_corpus(tmp_path))
