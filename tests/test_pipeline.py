"""The Pipeline: results follow the tables' contents, the analyst's rows win, pipelines do not leak."""

import os
import pickle
import subprocess
import sys

import pandas as pd
import pytest
from nltk.sentiment import vader

import newsdesk as nd
from newsdesk import lexicon
from newsdesk.actors import find_mentions, mentions_from_doc
from newsdesk.pipeline import Pipeline, read_tables
from newsdesk.quotes import find_quotes

HEADER = "actor,type,aliases,demonyms,affiliation,role\n"
TEXT = "Officials of Zorvania met in Geneva on Tuesday."


def write_table(path, rows: str):
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def actor_of(frame: pd.DataFrame, text: str) -> str:
    return frame.loc[frame["text"] == text, "actor"].tolist()[0]


def articles(*texts: str) -> pd.DataFrame:
    return nd.load_articles(pd.DataFrame({"text": list(texts), "date": ["2026-02-18"] * len(texts)}))


def test_table_edited_in_place_between_two_analyses_gives_the_new_name(tmp_path):
    table = write_table(tmp_path / "actors.csv", "Republic of Zorvania,state,Zorvania,,,\n")
    arts = articles(TEXT)
    first = nd.analyze(arts, actors=table, cache=tmp_path / "cache", progress=False)
    write_table(table, "Zorvanian Republic,state,Zorvania,,,\n")  # same path, new contents
    second = nd.analyze(arts, actors=table, cache=tmp_path / "cache", progress=False)
    assert actor_of(first.mentions, "Zorvania") == "Republic of Zorvania"
    assert actor_of(second.mentions, "Zorvania") == "Zorvanian Republic"
    assert second.stats["analyzed"] == 1  # not read back from the first table's cache entry


def test_table_edited_between_runs_gives_the_new_name_in_a_fresh_process(tmp_path):
    table = write_table(tmp_path / "actors.csv", "Republic of Zorvania,state,Zorvania,,,\n")
    run = ("import sys, pandas as pd, newsdesk as nd\n"
           "arts = nd.load_articles(pd.DataFrame({'text': [sys.argv[1]], 'date': ['2026-02-18']}))\n"
           "m = nd.analyze(arts, actors=sys.argv[2], cache=sys.argv[3], progress=False).mentions\n"
           "print(m.loc[m['text'] == 'Zorvania', 'actor'].iloc[0])\n")

    def actor_in_a_new_process() -> str:
        done = subprocess.run([sys.executable, "-c", run, TEXT, str(table), str(tmp_path / "cache")],
                              capture_output=True, text=True, check=True)
        return done.stdout.strip()

    assert actor_in_a_new_process() == "Republic of Zorvania"
    write_table(table, "Zorvanian Republic,state,Zorvania,,,\n")
    assert actor_in_a_new_process() == "Zorvanian Republic"


def test_analyst_row_overriding_a_shipped_actor_wins_in_mentions_and_actors(tmp_path):
    table = write_table(tmp_path / "actors.csv",
                        "Volodymyr Zelenskyy,person,Zelenskyy|Zelensky,,Ukraine,Commander-in-Chief of Ukraine\n")
    corpus = nd.analyze(articles("Zelenskyy spoke in Kyiv on Monday."), actors=table, cache=False, progress=False)
    mention = corpus.mentions[corpus.mentions["actor"] == "Volodymyr Zelenskyy"]
    actor = corpus.actors.set_index("actor").loc["Volodymyr Zelenskyy"]
    assert mention["role"].tolist() == ["Commander-in-Chief of Ukraine"]
    assert actor["role"] == "Commander-in-Chief of Ukraine"


def test_shipped_role_shows_without_the_analysts_table():
    corpus = nd.analyze(articles("Zelenskyy spoke in Kyiv on Monday."), cache=False, progress=False)
    assert corpus.actors.set_index("actor").loc["Volodymyr Zelenskyy", "role"] == "President of Ukraine"


def test_version_follows_contents_not_path_or_mtime(tmp_path):
    one = write_table(tmp_path / "one.csv", "Republic of Zorvania,state,Zorvania,,,\n")
    two = write_table(tmp_path / "two.csv", "Republic of Zorvania,state,Zorvania,,,\n")
    before = Pipeline(actors=one).version
    os.utime(one, (1_000_000_000, 1_000_000_000))
    assert Pipeline(actors=one).version == before
    assert Pipeline(actors=two).version == before
    write_table(one, "Zorvanian Republic,state,Zorvania,,,\n")
    assert Pipeline(actors=one).version != before


def test_version_changes_with_a_lexicon_table():
    tables = read_tables()
    edited = {**tables, "cue_verbs.csv": tables["cue_verbs.csv"] + b"mumble,speech,0,0\n"}
    assert Pipeline.from_tables(edited).version != Pipeline.from_tables(tables).version


def test_two_pipelines_with_different_tables_do_not_leak(tmp_path):
    a = Pipeline(actors=write_table(tmp_path / "a.csv", "Republic of Zorvania,state,Zorvania,,,\n"))
    b = Pipeline(actors=write_table(tmp_path / "b.csv", "Zorvanian Republic,state,Zorvania,,,\n"))
    assert actor_of(find_mentions(TEXT, pipeline=a), "Zorvania") == "Republic of Zorvania"
    assert actor_of(find_mentions(TEXT, pipeline=b), "Zorvania") == "Zorvanian Republic"
    assert actor_of(find_mentions(TEXT, pipeline=a), "Zorvania") == "Republic of Zorvania"
    # a doc parsed by one pipeline and read with the other is resolved with the other's table
    assert actor_of(mentions_from_doc(a.nlp(TEXT), b), "Zorvania") == "Zorvanian Republic"


def test_pipelines_of_the_same_contents_share_the_model(tmp_path):
    one = write_table(tmp_path / "one.csv", "Republic of Zorvania,state,Zorvania,,,\n")
    two = write_table(tmp_path / "two.csv", "Republic of Zorvania,state,Zorvania,,,\n")
    assert Pipeline(actors=one).nlp is Pipeline(actors=two).nlp


def test_pickled_pipeline_keeps_the_contents_it_read(tmp_path):
    table = write_table(tmp_path / "actors.csv", "Republic of Zorvania,state,Zorvania,,,\n")
    pipeline = Pipeline(actors=table)
    write_table(table, "Zorvanian Republic,state,Zorvania,,,\n")
    copy = pickle.loads(pickle.dumps(pipeline))
    assert copy.version == pipeline.version
    assert copy.actor_index.lookup("Zorvania") == ("Republic of Zorvania", "alias")


def test_worker_processes_use_the_pipelines_tables_not_the_files(tmp_path):
    table = write_table(tmp_path / "actors.csv", "Republic of Zorvania,state,Zorvania,,,\n")
    pipeline = Pipeline(actors=table)
    write_table(table, "Zorvanian Republic,state,Zorvania,,,\n")  # changed after the pipeline read it
    arts = articles(*(f"Story {i}: officials of Zorvania met in Geneva." for i in range(8)))
    corpus = nd.analyze(arts, pipeline=pipeline, n_process=2, cache=False, progress=False)
    assert set(corpus.mentions.loc[corpus.mentions["text"] == "Zorvania", "actor"]) == {"Republic of Zorvania"}


def test_actors_keyword_is_short_for_a_pipeline(tmp_path):
    table = write_table(tmp_path / "actors.csv", "Republic of Zorvania,state,Zorvania,,,\n")
    arts = articles(TEXT)
    by_path = nd.analyze(arts, actors=table, cache=False, progress=False)
    by_pipeline = nd.analyze(arts, pipeline=Pipeline(actors=table), cache=False, progress=False)
    for name, frame in by_path.frames().items():
        pd.testing.assert_frame_equal(frame, by_pipeline.frames()[name])


def test_pipeline_and_actors_together_are_refused(tmp_path):
    table = write_table(tmp_path / "actors.csv", "Republic of Zorvania,state,Zorvania,,,\n")
    with pytest.raises(ValueError, match="pipeline"):
        nd.analyze(articles(TEXT), pipeline=Pipeline(), actors=table, cache=False, progress=False)


def test_missing_actor_table_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.csv"):
        Pipeline(actors=tmp_path / "missing.csv")


def test_a_cue_verb_added_to_the_table_is_a_cue():
    text = '"We will win," Anna Berg mumbled.'
    tables = read_tables()
    edited = Pipeline.from_tables({**tables, "cue_verbs.csv": tables["cue_verbs.csv"] + b"mumble,speech,0,0\n"})
    assert find_quotes(text)["cue"].tolist() == [None]
    assert find_quotes(text, pipeline=edited)["cue"].tolist() == ["mumbled"]


def test_role_nouns_have_one_table_for_titles_and_speakers():
    lex = lexicon.load()
    assert {"minister", "president"} <= lex.role_nouns & lex.speaker_roles
    assert "candidate" in lex.speaker_roles - lex.role_nouns


def test_vader_leaves_nltks_class_alone():
    original = vader.SentiText
    assert Pipeline().vader.polarity('It was "difficult."')["compound"] < 0
    assert vader.SentiText is original
