"""Faults that used to break a run (issue 16): each input is made here, each must fail alone and clearly."""

import datetime as dt
import os
import sys
import time

import numpy as np
import pandas as pd
import pytest

import newsdesk as nd
from newsdesk import charts, cli
from newsdesk.timex import find_timexes


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- 5. links out of the folder


def test_links_leaving_the_folder_are_rejected_not_read(tmp_path):
    private = write(tmp_path / "private" / "secret.txt", "Someone's private notes about the talks.")
    folder = tmp_path / "articles"
    write(folder / "story.txt", "Officials met in Geneva on Tuesday.")
    (folder / "secret.txt").symlink_to(private)
    (folder / "private").symlink_to(private.parent)
    (folder / "copy.txt").symlink_to(folder / "story.txt")  # inside: followed (and a duplicate)
    articles = nd.load_articles(folder, errors="ignore")
    assert "private notes" not in " ".join(articles["text"])
    reasons = articles.attrs["rejected"].set_index("path")["reason"]
    assert "outside" in reasons[str(folder / "secret.txt")]
    assert "outside" in reasons[str(folder / "private")]
    assert articles["text"].tolist() == ["Officials met in Geneva on Tuesday."]


# --------------------------------------------------------------------------- 6. hostile structure


def test_deep_json_is_one_rejection(tmp_path):
    write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    write(tmp_path / "ok.json", '{"text": "Talks [as planned] went on.", "meta": {"a": [1, [2]]}}')
    started = time.perf_counter()
    articles = nd.load_articles(tmp_path, errors="ignore")
    assert time.perf_counter() - started < 2
    assert articles["text"].tolist() == ["Talks [as planned] went on."]
    reasons = articles.attrs["rejected"].set_index("path")["reason"]
    assert "nested 100,000 levels" in reasons[str(tmp_path / "deep.json")]


def test_yaml_alias_bomb_is_one_rejection(tmp_path):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    write(tmp_path / "bomb.md", "---\n" + "\n".join(lines) + "\n---\nA body nobody should read.\n")
    write(tmp_path / "fine.md", "---\ntitle: Fine\ndate: 2026-02-18\n---\nTalks went on in Geneva.\n")
    started = time.perf_counter()
    articles = nd.load_articles(tmp_path, errors="ignore")
    assert time.perf_counter() - started < 2
    assert articles["title"].tolist() == ["Fine"]
    reasons = articles.attrs["rejected"].set_index("path")["reason"]
    assert "aliases" in reasons[str(tmp_path / "bomb.md")]


# --------------------------------------------------------------------------- 8. formula-safe CSVs


def test_every_csv_written_is_formula_safe(tmp_path):
    import matplotlib.pyplot as plt

    fig, _ = plt.subplots()
    fig.newsdesk_data = pd.DataFrame({"actor": ["=HYPERLINK(\"http://x\")", "Kyiv"], "n": [-3, 2]})
    paths = charts.export_figure(fig, "evil", tmp_path)
    plt.close(fig)
    assert paths["csv"].read_text(encoding="utf-8").splitlines()[1].startswith("\"'=HYPERLINK")
    corpus = nd.analyze(nd.load_articles(pd.DataFrame({"text": ["Talks in Geneva."], "date": ["2026-02-18"]})),
                        cache=False, progress=False)
    corpus.rejected = pd.DataFrame({"path": ["@evil.txt"], "reason": ["-1+1"]})
    corpus.errors = pd.DataFrame({"article_id": ["+a"], "error": ["=cmd"]})
    cli.write_frames(corpus, tmp_path / "frames")
    assert (tmp_path / "frames" / "rejected.csv").read_text(encoding="utf-8").splitlines()[1] == "'@evil.txt,'-1+1"
    assert (tmp_path / "frames" / "errors.csv").read_text(encoding="utf-8").splitlines()[1] == "'+a,'=cmd"


# --------------------------------------------------------------------------- 10. argument checks


@pytest.mark.parametrize("call, name", [
    (lambda: nd.load_articles(42), "source"),
    (lambda: nd.analyze("folder"), "articles"),
    (lambda: nd.analyze(pd.DataFrame(), n_process="2"), "n_process"),
    (lambda: find_timexes("Talks on Tuesday.", 20260218), "reference_date"),
])
def test_wrong_argument_types_name_the_argument(call, name):
    with pytest.raises(TypeError, match=name):
        call()


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31), "0001-01-01", "9999-12-31"])
def test_impossible_reference_dates_are_value_errors(day):
    with pytest.raises(ValueError, match="reference_date"):
        find_timexes("Talks ended three years later, on Tuesday.", day)


def test_impossible_article_dates(tmp_path):
    loaded = nd.load_articles(pd.DataFrame({"text": ["Talks began.", "Talks ended."],
                                            "date": ["0001-01-01", dt.datetime(9999, 12, 31)]}))
    assert loaded["date"].isna().all() and loaded["notes"].str.contains("date").all()
    frame = loaded.assign(date=pd.Series([np.datetime64("9999-12-31", "s")] * 2))
    with pytest.raises(ValueError, match=r"articles\['date'\]"):
        nd.analyze(frame, cache=False, progress=False)


def test_missing_actor_table_is_named(tmp_path):
    missing = tmp_path / "my_actors.csv"
    with pytest.raises(FileNotFoundError, match="my_actors.csv"):
        nd.find_mentions("Putin spoke.", missing)
    assert not os.path.exists(missing)


# --------------------------------------------------------------------------- 3. to_parquet beside the analyst's files


@pytest.fixture(scope="module")
def small():
    texts = ["Officials in Geneva met on Tuesday.\n\nThey said talks would go on.", "Kyiv said on Monday it would talk."]
    articles = nd.load_articles(pd.DataFrame({"text": texts, "date": ["2026-01-18", "2026-02-18"]}))
    return nd.analyze(articles, cache=False, progress=False)


def test_to_parquet_keeps_the_analysts_files(small, tmp_path):
    notes = write(tmp_path / "notes.txt", "my notes")
    mine = write(tmp_path / "analysis" / "draft.csv", "a,b\n")
    small.to_parquet(tmp_path)
    small.to_parquet(tmp_path)  # a rerun replaces its own output
    assert notes.read_text() == "my notes" and mine.read_text() == "a,b\n"
    assert (tmp_path / "newsdesk-manifest.json").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".newsdesk")]
    back = nd.read_corpus(tmp_path)
    pd.testing.assert_frame_equal(back.sentences, small.sentences, check_dtype=False)


@pytest.mark.parametrize("squatter", ["actors", "events/keep.txt"])
def test_to_parquet_refuses_names_it_did_not_write(small, tmp_path, squatter):
    theirs = write(tmp_path / squatter, "the analyst's")
    with pytest.raises(FileExistsError, match="did not write"):
        small.to_parquet(tmp_path)
    assert theirs.read_text() == "the analyst's"
    assert not (tmp_path / "sentences").exists()  # refused before writing anything


def test_to_parquet_refuses_to_replace_a_folder_the_analyst_added_to(small, tmp_path):
    small.to_parquet(tmp_path)
    theirs = write(tmp_path / "mentions" / "checked_by_hand.txt", "ok")
    with pytest.raises(FileExistsError, match="checked_by_hand"):
        small.to_parquet(tmp_path)
    assert theirs.exists()


# --------------------------------------------------------------------------- 4. damaged cache, 7. killed runs


def many(n: int) -> pd.DataFrame:
    texts = [f"Story {i}: officials in Geneva met on Tuesday.\n\nThey said talks would go on." for i in range(n)]
    return nd.load_articles(pd.DataFrame({"text": texts, "date": ["2026-02-18"] * n}))


@pytest.mark.parametrize("victim", ["index.parquet", "sentences.parquet"])
def test_damaged_cache_is_set_aside_and_recomputed(tmp_path, caplog, victim):
    articles = many(3)
    first = nd.analyze(articles, cache=tmp_path, progress=False)
    (shard,) = [p for p in tmp_path.glob("*/shard-*")]
    data = (shard / victim).read_bytes()
    (shard / victim).write_bytes(data[: len(data) // 2])  # a killed copy, a full disk
    with caplog.at_level("WARNING", logger="newsdesk"):
        again = nd.analyze(articles, cache=tmp_path, progress=False)
    assert [r.levelname for r in caplog.records] == ["WARNING"] and "set aside" in caplog.records[0].message
    assert again.stats == {"analyzed": 3, "cached": 0}
    pd.testing.assert_frame_equal(again.sentences, first.sentences)
    assert len(list(tmp_path.glob("*/.damaged-shard-*"))) == 1  # kept for inspection, not deleted
    assert nd.analyze(articles, cache=tmp_path, progress=False).stats == {"analyzed": 0, "cached": 3}


def test_killed_small_run_keeps_finished_chunks(tmp_path, monkeypatch):
    from newsdesk import corpus as corpus_mod

    articles = many(60)
    real = corpus_mod._chunk_results

    def killed_after_two_chunks(*args, **kwargs):
        for k, result in enumerate(real(*args, **kwargs)):
            if k == 2:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(corpus_mod, "_chunk_results", killed_after_two_chunks)
    with pytest.raises(KeyboardInterrupt):
        nd.analyze(articles, cache=tmp_path, progress=False, n_process=1)
    monkeypatch.setattr(corpus_mod, "_chunk_results", real)
    rerun = nd.analyze(articles, cache=tmp_path, progress=False, n_process=1)
    assert rerun.stats == {"analyzed": 60 - 2 * corpus_mod.CHUNK_SIZE, "cached": 2 * corpus_mod.CHUNK_SIZE}
    assert len(list(tmp_path.glob("*/shard-*"))) == 1  # the small shards were merged
    assert nd.analyze(articles, cache=tmp_path, progress=False).stats == {"analyzed": 0, "cached": 60}


# --------------------------------------------------------------------------- 1. an article over spaCy's max_length


def test_huge_article_is_analysed_in_pieces():
    para = ("Representatives deliberated extensively regarding appropriations; negotiations continued "
            "throughout Wednesday afternoon, participants acknowledged.")
    text = "\n\n".join(f"Section {i}. {para}" for i in range(1_000_000 // len(para) + 50))
    assert len(text) > 1_000_000
    articles = nd.load_articles(pd.DataFrame({"text": [text, "Officials met in Geneva on Tuesday."],
                                              "date": ["2026-02-18"] * 2}))
    corpus = nd.analyze(articles, cache=False, progress=False, n_process=1)
    assert corpus.errors.empty
    huge = corpus.articles.loc[corpus.articles["text"].str.len() > 1_000_000, "article_id"].item()
    paras = corpus.paragraphs[corpus.paragraphs["article_id"] == huge]
    sents = corpus.sentences[corpus.sentences["article_id"] == huge]
    assert paras["para_id"].tolist() == list(range(text.count("\n\n") + 1))
    assert sents["sent_id"].tolist() == list(range(len(sents))) and sents["para_id"].is_monotonic_increasing
    body = corpus.articles.set_index("article_id").loc[huge, "text"]
    for frame in (paras.tail(3), sents.tail(3), corpus.timexes[corpus.timexes["article_id"] == huge].tail(3)):
        assert all(body[s:e] == t for s, e, t in frame[["start", "end", "text"]].itertuples(index=False))
    assert (corpus.sentences["article_id"] != huge).sum() == 1  # the other article too


def test_find_mentions_parses_a_text_over_max_length_in_pieces(monkeypatch):
    pipe = nd.Pipeline()
    para = "Vladimir Putin met Emmanuel Macron in Paris on Tuesday."
    one = nd.find_mentions(para, pipeline=pipe)
    monkeypatch.setattr(pipe.nlp, "max_length", 2_000)  # spaCy's E088 at 2,000 characters, not 1,000,000
    text = "\n\n".join([para] * 100)
    got = nd.find_mentions(text, pipeline=pipe)
    assert got["end"].max() > 4_000 and len(got) == 100 * len(one)
    assert all(text[s:e] == t for s, e, t in got[["start", "end", "text"]].itertuples(index=False))
    assert got["actor"].tolist() == one["actor"].tolist() * 100


# --------------------------------------------------------------------------- 7. bounded work, time limits, workers


def test_run_on_sentence_with_500_mentions_takes_seconds():
    from newsdesk import actors, sentiment
    from newsdesk.nlp import get_nlp

    names = ["Vladimir Putin", "Volodymyr Zelenskyy", "Emmanuel Macron", "Russia", "Ukraine", "NATO"]
    filler = ("the officials said that the bitter talks had failed badly while the good delegates praised "
              "the generous offer and blamed the hostile side for the terrible delays").split()
    words: list[str] = []
    while len(words) < 20_000:
        if len(words) % 40 == 0:
            words += names[len(words) // 40 % len(names)].split()
        words.append(filler[len(words) % len(filler)] + ("," if len(words) % 17 == 0 else ""))
    doc = get_nlp()(" ".join(words) + ".")
    assert len(list(doc.sents)) == 1
    mentions = actors.mentions_from_doc(doc)
    assert len(mentions) >= 500
    started = time.perf_counter()
    scored = sentiment.mentions_sentiment(doc, mentions)
    assert time.perf_counter() - started < 10
    assert scored["target_label"].isin(["negative", "neutral", "positive"]).all()


def test_dask_engine_has_the_article_time_limit(monkeypatch):
    from dask.distributed import Client, LocalCluster

    from newsdesk import corpus as corpus_mod

    real = corpus_mod.analyze_doc

    def stuck_on_one(article, doc, pipeline):
        while "stuck" in article["text"]:  # pure Python, as the analysis after spaCy is
            pass
        return real(article, doc, pipeline)

    monkeypatch.setattr(corpus_mod, "analyze_doc", stuck_on_one)
    monkeypatch.setattr(corpus_mod, "ARTICLE_TIMEOUT", 0.5)
    articles = nd.load_articles(pd.DataFrame({"text": ["Talks went on in Geneva.", "The stuck one."],
                                              "date": ["2026-02-18"] * 2}))
    # threads in this process, so the patched analysis is the one the worker runs
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        corpus = nd.analyze(articles, cache=False, progress=False, engine="dask", client=client)
    assert corpus.errors["error"].tolist() == ["ArticleTimeout: analysis took longer than 0.5 s"]
    assert len(corpus.sentences) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads process states from /proc (Linux)")
def test_pool_workers_end_with_a_killed_parent(tmp_path):
    import signal
    import subprocess

    script = tmp_path / "parent.py"
    script.write_text(
        "import os, time, multiprocessing\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from newsdesk.corpus import _die_with_parent\n"
        "pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context('fork'),\n"
        "                           initializer=_die_with_parent, initargs=(os.getpid(),))\n"
        "print(*{pool.submit(os.getpid).result() for _ in range(4)}, flush=True)\n"
        "time.sleep(60)\n", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    workers = {int(p) for p in parent.stdout.readline().split()}
    assert workers
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.time() + 5
    while time.time() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped by init, does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False
