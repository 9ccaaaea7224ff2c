"""The single pass: segmentation of the seed, the per-article cache, and failure handling."""

from pathlib import Path

import pandas as pd
import pytest

import newsdesk as nd
from newsdesk import corpus as corpus_mod
from newsdesk.segment import is_heading

SEED = Path(__file__).parents[1] / "data" / "demo" / "000_9954074d4e36f3b7.txt"


def small_articles(n: int) -> pd.DataFrame:
    texts = [f"Story {i}: officials in Geneva met on Tuesday.\n\nThey said talks would go on." for i in range(n)]
    return nd.load_articles(pd.DataFrame({"text": texts, "date": ["2026-02-18"] * n}))


@pytest.fixture(scope="module")
def seed():
    return nd.analyze(nd.load_articles(SEED), cache=False, progress=False)


def test_seed_paragraphs_heading_and_sentences(seed):
    assert len(seed.paragraphs) == 24
    assert seed.paragraphs["is_heading"].sum() == 1
    assert seed.paragraphs.loc[seed.paragraphs["is_heading"], "text"].tolist() == ["Breakthrough hopes low"]
    assert len(seed.sentences) == 23


def test_offsets_point_into_article_text(seed):
    text = seed.articles["text"][0]
    for frame in (seed.paragraphs, seed.sentences):
        assert all(text[s:e] == t for s, e, t in frame[["start", "end", "text"]].itertuples(index=False))


def test_sentences_never_cross_paragraphs(seed):
    paras = seed.paragraphs.set_index("para_id")
    joined = seed.sentences.join(paras[["start", "end"]], on="para_id", rsuffix="_para")
    assert ((joined["start"] >= joined["start_para"]) & (joined["end"] <= joined["end_para"])).all()


def test_every_frame_carries_article_id(seed):
    for name, frame in seed.frames().items():
        if name != "actors":
            assert "article_id" in frame.columns, name


@pytest.mark.parametrize("line, heading", [
    ("Breakthrough hopes low", True),
    ("## Background", True),
    ("Talks ended.", False),
    ("the talks went on and on", False),
    ("He said: \"we will see\"", False),
])
def test_is_heading(line, heading):
    assert is_heading(line) is heading


def test_closing_quote_stays_with_its_sentence():
    arts = nd.load_articles(pd.DataFrame({"text": ['He said the day had been "difficult." Talks resumed.'],
                                          "date": ["2026-02-18"]}))
    sents = nd.analyze(arts, cache=False, progress=False).sentences["text"].tolist()
    assert sents == ['He said the day had been "difficult."', "Talks resumed."]


# --------------------------------------------------------------------------- the cache


def test_cache_second_run_adding_and_changing(tmp_path):
    arts = small_articles(3)
    first = nd.analyze(arts, cache=tmp_path, progress=False)
    assert first.stats == {"analyzed": 3, "cached": 0}
    again = nd.analyze(arts, cache=tmp_path, progress=False)
    assert again.stats == {"analyzed": 0, "cached": 3}
    pd.testing.assert_frame_equal(first.sentences, again.sentences)
    pd.testing.assert_frame_equal(first.mentions, again.mentions)

    more = pd.concat([arts, small_articles(4).iloc[[3]]], ignore_index=True)
    assert nd.analyze(more, cache=tmp_path, progress=False).stats == {"analyzed": 1, "cached": 3}

    changed = arts.copy()
    changed.loc[0, "date"] = pd.Timestamp("2026-02-19")
    assert nd.analyze(changed, cache=tmp_path, progress=False).stats == {"analyzed": 1, "cached": 2}


def test_cache_gives_back_only_the_articles_asked_for(tmp_path):
    arts = small_articles(3)
    nd.analyze(arts, cache=tmp_path, progress=False)
    some = arts.iloc[[0, 2]].reset_index(drop=True)
    cached = nd.analyze(some, cache=tmp_path, progress=False)
    fresh = nd.analyze(some, cache=False, progress=False)
    assert cached.stats == {"analyzed": 0, "cached": 2}
    for name in ("sentences", "mentions", "timexes", "events"):
        pd.testing.assert_frame_equal(cached.frames()[name], fresh.frames()[name])
    assert set(cached.sentences["article_id"]) == set(some["article_id"])


def test_cache_false_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path))
    nd.analyze(small_articles(1), cache=False, progress=False)
    assert not any(tmp_path.iterdir())


def test_failing_article_is_recorded_and_the_rest_continue(monkeypatch):
    arts = small_articles(3)
    bad = arts["article_id"][1]
    real = corpus_mod.analyze_doc

    def flaky(article, doc, *rest):
        if article["article_id"] == bad:
            raise ValueError("boom")
        return real(article, doc, *rest)

    monkeypatch.setattr(corpus_mod, "analyze_doc", flaky)
    result = nd.analyze(arts, cache=False, progress=False)
    assert result.errors.to_dict("records") == [{"article_id": bad, "error": "ValueError: boom"}]
    assert set(result.sentences["article_id"]) == set(arts["article_id"]) - {bad}


def test_interrupted_run_resumes_from_cache(tmp_path, monkeypatch):
    arts = small_articles(5)
    monkeypatch.setattr(corpus_mod, "SHARD_SIZE", 2)
    real = corpus_mod.analyze_doc
    seen = []

    def killed_after_three(article, doc, *rest):
        seen.append(article["article_id"])
        if len(seen) > 3:
            raise KeyboardInterrupt  # the process dies mid-run
        return real(article, doc, *rest)

    monkeypatch.setattr(corpus_mod, "analyze_doc", killed_after_three)
    with pytest.raises(KeyboardInterrupt):
        nd.analyze(arts, cache=tmp_path, progress=False)
    monkeypatch.setattr(corpus_mod, "analyze_doc", real)
    resumed = nd.analyze(arts, cache=tmp_path, progress=False)
    assert resumed.stats == {"analyzed": 3, "cached": 2}  # the first full shard survived
    assert not [p for p in tmp_path.rglob(".tmp-*")]  # no half-written shard left behind


def test_half_written_shard_is_ignored(tmp_path):
    arts = small_articles(2)
    nd.analyze(arts, cache=tmp_path, progress=False)
    (version,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    (shard,) = [p for p in version.iterdir() if p.name.startswith("shard-")]
    (shard / "index.parquet").unlink()  # as if killed before the shard was complete
    assert nd.analyze(arts, cache=tmp_path, progress=False).stats == {"analyzed": 2, "cached": 0}


def test_article_that_hangs_is_stopped_and_recorded(monkeypatch):
    arts = small_articles(2)
    slow = arts["article_id"][0]
    real = corpus_mod.analyze_doc

    def hangs(article, doc, *rest):
        while article["article_id"] == slow:
            pass
        return real(article, doc, *rest)

    monkeypatch.setattr(corpus_mod, "analyze_doc", hangs)
    monkeypatch.setattr(corpus_mod, "ARTICLE_TIMEOUT", 0.5)
    result = nd.analyze(arts, cache=False, progress=False)
    assert result.errors["article_id"].tolist() == [slow]
    assert "longer than 0.5 s" in result.errors["error"][0]
    assert set(result.sentences["article_id"]) == {arts["article_id"][1]}
