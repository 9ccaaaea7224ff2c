"""Events from the dependency parse, their dates, and the timeline.

Mentions and temporal expressions are written by hand here, so these tests
exercise only :mod:`newsdesk.events` (the seed test at the end runs the full pass).
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from newsdesk import events, segment
from newsdesk.nlp import get_nlp
from newsdesk.timex import TIMEX_COLUMNS

MENTION_COLUMNS = ["start", "end", "text", "label", "actor", "actor_type", "kind"]
REF = pd.Timestamp("2026-02-18")  # a Wednesday
PEOPLE = {"Zelenskyy": "Volodymyr Zelenskyy", "Macron": "Emmanuel Macron", "Trump": "Donald Trump"}
PLACES = {"Russia": "Russia", "Ukraine": "Ukraine", "Poland": "Poland", "Kharkiv": "Kharkiv",
          "Moscow": "Russia", "Ukrainian": "Ukraine", "Russian": "Russia"}


def _mentions(text: str) -> pd.DataFrame:
    rows = []
    for table, label in ((PEOPLE, "PERSON"), (PLACES, "GPE")):
        for word, actor in table.items():
            for m in re.finditer(rf"\b{word}\b", text):
                kind = "person" if label == "PERSON" else "country"
                rows.append((m.start(), m.end(), word, label, actor, kind, "name"))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).sort_values("start", ignore_index=True)


def _timexes(text: str, spans: dict) -> pd.DataFrame:
    """``spans``: expression -> (type, value); DATE values are ISO days, months or years."""
    rows = []
    for expr, (kind, value) in spans.items():
        m = re.search(re.escape(expr), text)
        if kind in {"DATE", "TIME"} and value[:1].isdigit():
            period = pd.Period(value, freq={4: "Y", 7: "M"}.get(len(value), "D"))
            start, end, gran = period.start_time, period.end_time.normalize(), {4: "year", 7: "month"}.get(len(value), "day")
        else:
            start, end, gran = pd.NaT, pd.NaT, None
        rows.append((m.start(), m.end(), expr, kind, value, start, end, gran))
    return pd.DataFrame(rows, columns=TIMEX_COLUMNS)


def extract(text: str, timexes: dict | None = None, reference_date=REF) -> pd.DataFrame:
    doc = get_nlp()(text)
    sents = segment.sentences(doc, segment.paragraphs(text)).assign(compound=0.25)
    return events.events_from_doc(doc, sents, _mentions(text), _timexes(text, timexes or {}), reference_date)


def event(frame: pd.DataFrame, action: str) -> pd.Series:
    rows = frame[frame["action"] == action]
    assert len(rows) == 1, frame[["action", "actor", "target"]]
    return rows.iloc[0]


# --------------------------------------------------------------------------- who did what


@pytest.mark.parametrize(("text", "action", "lemma"), [
    ("Ukrainian and Russian delegations called off the talks.", "called off", "call off"),
    ("Ukraine did not sign the deal.", "did not sign", "not sign"),
    ("Russia will not sign a deal without guarantees.", "will not sign", "not sign"),
    ("Ukraine didn't attend the summit.", "didn't attend", "not attend"),
    ("The United States has failed to broker a compromise.", "failed to broker", "fail to broker"),
    ("Russia fired drones at Ukraine.", "fired", "fire"),
])
def test_action_keeps_particle_negation_and_complement(text, action, lemma):
    row = event(extract(text), action)
    assert row["action_lemma"] == lemma


@pytest.mark.parametrize(("text", "action", "actor", "target"), [
    ("Russia fired drones at Ukraine.", "fired", "Russia", "Ukraine"),
    ("Zelenskyy accused Russia of stalling.", "accused", "Volodymyr Zelenskyy", "Russia"),
    ("Zelenskyy told Macron the talks were difficult.", "told", "Volodymyr Zelenskyy", "Emmanuel Macron"),
    ("Trump put pressure on Ukraine to make a deal.", "put", "Donald Trump", "Ukraine"),
    ("Ukrainian and Russian delegations called off the talks.", "called off", "Ukraine", None),
    ("The deal was rejected by Ukraine.", "rejected", "Ukraine", None),
    ("Kharkiv was shelled by Russia.", "shelled", "Russia", "Kharkiv"),
    ("Ukraine called off the Russian-backed talks with Poland.", "called off", "Ukraine", "Poland"),
    ("Russia called off talks in Kharkiv.", "called off", "Russia", None),
])
def test_actor_from_subject_target_from_object(text, action, actor, target):
    row = event(extract(text), action)
    assert (row["actor"], row["target"] if pd.notna(row["target"]) else None) == (actor, target)
    assert row["actor_source"] == "subject"


def test_several_events_in_one_sentence():
    frame = extract("Russia fired missiles at Ukraine, and Poland closed its border.")
    assert list(frame["action"]) == ["fired", "closed"]
    assert list(frame["actor"]) == ["Russia", "Poland"]


def test_conjoined_verbs_share_the_subject():
    frame = extract("Zelenskyy accused Russia of stalling and said the talks had been difficult.")
    assert event(frame, "said")["actor"] == "Volodymyr Zelenskyy"


def test_reported_clause_is_an_event_of_its_own():
    frame = extract("Ukraine says Russia attacked Kharkiv.")
    assert event(frame, "attacked")[["actor", "target"]].tolist() == ["Russia", "Kharkiv"]


def test_pronoun_subject_takes_the_earlier_actor():
    frame = extract("Russia occupies the peninsula it seized years ago.")
    row = event(frame, "seized")
    assert (row["actor"], row["actor_source"]) == ("Russia", "pronoun")


def test_person_pronoun_skips_countries():
    frame = extract("Zelenskyy met Macron in Paris. Later he criticized Russia.")
    assert event(frame, "criticized")["actor"] == "Volodymyr Zelenskyy"


def test_pronoun_antecedent_must_be_recent():
    frame = extract("Russia fired drones. The weather was cold. Snow fell. It was a long night.\n\nThen it happened again.")
    assert pd.isna(event(frame, "happened")["actor"])


def test_first_person_in_a_quote_is_the_speaker():
    frame = extract('"I hope it is just his tactics," Zelenskyy said.')
    assert event(frame, "hope")["actor"] == "Volodymyr Zelenskyy"


def test_event_noun_without_actor_falls_back_to_the_sentence_and_says_so():
    frame = extract("Talks ended, shorter than the meetings on Tuesday, according to Russia's delegation.",
                    {"Tuesday": ("DATE", "2026-02-17")})
    row = event(frame, "meetings")
    assert (row["actor"], row["actor_source"]) == ("Russia", "sentence")


def test_subject_naming_no_actor_leaves_actor_empty():
    row = event(extract("The talks wrapped up, according to Russia's delegation."), "wrapped up")
    assert pd.isna(row["actor"])


# --------------------------------------------------------------------------- when


def test_timex_on_the_verb_dates_the_event():
    row = event(extract("Zelenskyy met Macron on Monday.", {"Monday": ("DATE", "2026-02-16")}), "met")
    assert row["date_start"] == pd.Timestamp("2026-02-16")
    assert (row["date_source"], row["timex"], row["granularity"]) == ("timex", "Monday", "day")


def test_without_timex_the_article_date_is_used():
    row = event(extract("Russia fired drones at Ukraine."), "fired")
    assert row["date_start"] == REF and row["date_source"] == "article"
    assert row["date_end"] == row["date_start"]


def test_without_any_date_the_source_is_none():
    row = event(extract("Russia fired drones at Ukraine.", reference_date=pd.NaT), "fired")
    assert pd.isna(row["date_start"]) and row["date_source"] == "none"


@pytest.mark.parametrize(("text", "timexes"), [
    ("The talks ended after just two hours.", {"two hours": ("DURATION", "PT2H")}),
    ("Hours before talks began, Russia fired drones at Ukraine.", {"Hours": ("DURATION", "PTXH")}),
    ("Russia has for months been seizing territory.", {"months": ("DURATION", "PXM")}),
    ("Russia shells Kharkiv every Monday.", {"every Monday": ("SET", "XXXX-WXX-1")}),
    ("Russia is now firing drones at Ukraine.", {"now": ("DATE", "PRESENT_REF")}),
    ("Russia must withdraw by May.", {"May": ("DATE", "2026-05")}),
    ("Russia has occupied Crimea since 2014.", {"2014": ("DATE", "2014")}),
    ("Ukraine will not sign until Friday.", {"Friday": ("DATE", "2026-02-20")}),
    ("Russia fired more drones than a year ago.", {"a year ago": ("DATE", "2025-02-18")}),
])
def test_durations_sets_vague_references_and_bounds_do_not_anchor(text, timexes):
    frame = extract(text, timexes)
    assert set(frame["date_source"]) == {"article"}


def test_relative_expression_anchors_with_its_resolved_date():
    row = event(extract("Russia attacked Kharkiv two days ago.", {"two days ago": ("DATE", "2026-02-16")}), "attacked")
    assert row["date_start"] == pd.Timestamp("2026-02-16") and row["date_source"] == "timex"


def test_each_clause_keeps_its_own_date():
    frame = extract("Ukraine said on Tuesday that Russia attacked Kharkiv on Monday.",
                    {"Tuesday": ("DATE", "2026-02-17"), "Monday": ("DATE", "2026-02-16")})
    assert event(frame, "said")["date_start"] == pd.Timestamp("2026-02-17")
    assert event(frame, "attacked")["date_start"] == pd.Timestamp("2026-02-16")


def test_date_in_a_relative_clause_stays_there():
    frame = extract("Russia occupies the peninsula it seized in 2014.", {"2014": ("DATE", "2014")})
    assert event(frame, "seized")[["date_start", "granularity"]].tolist() == [pd.Timestamp("2014-01-01"), "year"]
    assert event(frame, "occupies")["date_source"] == "article"


def test_conjoined_verb_shares_the_date():
    frame = extract("Zelenskyy accused Russia on Wednesday of stalling and said the talks were difficult.",
                    {"Wednesday": ("DATE", "2026-02-18")})
    assert event(frame, "said")["date_source"] == "timex"


def test_event_noun_dated_directly_is_its_own_event():
    frame = extract("The talks wrapped up after two hours, much shorter than the six hours of meetings Tuesday.",
                    {"Tuesday": ("DATE", "2026-02-17"), "two hours": ("DURATION", "PT2H"),
                     "six hours": ("DURATION", "PT6H")})
    assert event(frame, "meetings")[["kind", "date_start"]].tolist() == ["noun", pd.Timestamp("2026-02-17")]
    assert event(frame, "wrapped up")["date_source"] == "article"


def test_dated_participle_is_an_event_with_its_agent():
    frame = extract("Ukraine wants back the land seized in 2014 by Russia.", {"2014": ("DATE", "2014")})
    row = event(frame, "seized")
    assert (row["actor"], row["date_start"]) == ("Russia", pd.Timestamp("2014-01-01"))
    assert event(frame, "wants")["date_source"] == "article"


def test_dated_verb_under_a_copula_becomes_an_event():
    frame = extract("The report was to be released on Thursday.", {"Thursday": ("DATE", "2026-02-19")})
    assert event(frame, "released")["date_start"] == pd.Timestamp("2026-02-19")


def test_date_in_front_of_a_thing_dates_nothing():
    frame = extract("Russia cut emissions below 1990 levels.", {"1990": ("DATE", "1990")})
    assert event(frame, "cut")["date_source"] == "article"


def test_verb_whose_object_is_a_dated_event_noun_shares_the_date():
    frame = extract("Russia captured the town in a raid on Tuesday.", {"Tuesday": ("DATE", "2026-02-17")})
    assert event(frame, "captured")["date_start"] == pd.Timestamp("2026-02-17")


def test_event_noun_takes_its_possessor_as_actor():
    frame = extract("Ukraine has resisted since Russia's invasion of 2022.", {"2022": ("DATE", "2022")})
    row = event(frame, "invasion")
    assert (row["actor"], row["actor_source"], row["date_start"]) == ("Russia", "modifier", pd.Timestamp("2022-01-01"))


# --------------------------------------------------------------------------- frame


def test_offsets_point_at_the_clause_and_compound_comes_from_the_sentence():
    text = "Intro line.\n\nZelenskyy accused Russia of stalling and said the talks were difficult."
    frame = extract(text)
    for row in frame.itertuples():
        assert " ".join(text[row.start:row.end].split()) == row.text
    assert event(frame, "accused")["text"].startswith("Zelenskyy accused Russia")
    assert set(frame["compound"]) == {0.25}


def test_columns_and_dtypes_are_stable_when_empty():
    frame = extract("Breakthrough hopes low")
    assert list(frame.columns) == events.EVENT_COLUMNS
    assert str(frame["date_start"].dtype).startswith("datetime64")


# --------------------------------------------------------------------------- timeline


def _corpus(rows: list[dict], published: dict) -> SimpleNamespace:
    base = {"sent_id": 0, "start": 0, "end": 5, "date_end": pd.NaT, "granularity": "day",
            "date_source": "timex", "timex": None, "target": None, "actor_source": "subject",
            "kind": "verb", "text": "x", "compound": 0.0}
    ev = pd.DataFrame([{**base, **r} for r in rows])
    arts = pd.DataFrame({"article_id": list(published), "date": pd.to_datetime(list(published.values()))})
    return SimpleNamespace(events=ev, articles=arts)


def test_timeline_merges_reports_of_one_event_across_articles():
    day = pd.Timestamp("2026-02-17")
    corpus = _corpus([
        {"article_id": "a", "date_start": day, "actor": "Russia", "action": "fired", "action_lemma": "fire"},
        {"article_id": "b", "date_start": day, "actor": "Russia", "action": "fires", "action_lemma": "fire"},
        {"article_id": "b", "date_start": day, "actor": "Ukraine", "action": "said", "action_lemma": "say"},
    ], {"a": "2026-02-18", "b": "2026-02-19"})
    tl = events.timeline(corpus)
    fired = tl[tl["action_lemma"] == "fire"].iloc[0]
    assert (len(tl), fired["n_articles"], fired["article_ids"]) == (2, 2, "a; b")
    assert fired["first_published"] == pd.Timestamp("2026-02-18")


def test_timeline_is_in_date_order():
    corpus = _corpus([
        {"article_id": "a", "date_start": pd.Timestamp("2026-02-17"), "actor": "A", "action": "x", "action_lemma": "x"},
        {"article_id": "a", "date_start": pd.Timestamp("2014-01-01"), "actor": "B", "action": "y", "action_lemma": "y"},
    ], {"a": "2026-02-18"})
    assert list(events.timeline(corpus)["actor"]) == ["B", "A"]


def _views_corpus() -> SimpleNamespace:
    return _corpus([
        {"article_id": "a", "date_start": pd.Timestamp("2026-02-17"), "actor": "Russia", "action": "fired",
         "action_lemma": "fire"},
        {"article_id": "a", "date_start": pd.Timestamp("2026-02-18"), "actor": "Ukraine", "action": "said",
         "action_lemma": "say", "date_source": "article"},
        {"article_id": "a", "date_start": pd.Timestamp("2025-06-01"), "actor": "Russia", "action": "seized",
         "action_lemma": "seize", "granularity": "month"},
        {"article_id": "a", "date_start": pd.Timestamp("2014-01-01"), "actor": "Russia", "action": "seized",
         "action_lemma": "seize", "granularity": "year"},
        {"article_id": "a", "date_start": pd.Timestamp("2026-03-01"), "actor": "Ukraine", "action": "will vote",
         "action_lemma": "vote"},
    ], {"a": "2026-02-18"})


def test_reported_dates_measure_the_lag_from_publication():
    rep = events.reported_dates(_views_corpus())
    lags = dict(zip(rep["date_start"].dt.strftime("%Y-%m-%d"), rep["lag"].astype(str), strict=True))
    assert lags == {"2014-01-01": "over a year", "2025-06-01": "1-12 months", "2026-02-17": "1-6 days",
                    "2026-02-18": "same day", "2026-03-01": "later than published"}


def test_event_activity_uses_days_recently_months_then_years():
    act = events.event_activity(_views_corpus())
    assert list(act["period"]) == ["2014", "2025-06", "2026-02-17", "2026-02-18", "2026-03-01"]
    assert events.recent_cutoff(_views_corpus()) == pd.Timestamp("2026-02-04")


def test_timeline_chart_splits_background_recent_and_later():
    from newsdesk import charts

    corpus = _views_corpus()
    fig = charts.event_timeline(events.timeline(corpus), cutoff=events.recent_cutoff(corpus))
    assert [ax.get_title(loc="left") for ax in fig.axes] == [
        "Background (2 events)", "Recent days (2 events)", "Later (1 event)"]
    assert set(fig.newsdesk_data["panel"]) == {"background", "recent days", "later"}


def test_lag_and_activity_charts_keep_their_data():
    from newsdesk import charts

    corpus = _views_corpus()
    assert charts.report_lag(events.reported_dates(corpus)).newsdesk_data["n_events"].sum() == 5
    assert len(charts.actor_activity(events.event_activity(corpus)).newsdesk_data) == 5


def test_charts_draw_an_empty_corpus():
    from newsdesk import charts

    empty = SimpleNamespace(events=pd.DataFrame(columns=[*events.EVENT_COLUMNS, "article_id"]),
                            articles=pd.DataFrame({"article_id": ["a"], "date": [REF]}))
    assert events.timeline(empty).empty
    for fig in (charts.event_timeline(events.timeline(empty)), charts.report_lag(events.reported_dates(empty)),
                charts.actor_activity(events.event_activity(empty))):
        assert fig.newsdesk_data.empty


# --------------------------------------------------------------------------- the seed article

SEED = Path(__file__).resolve().parents[1] / "data" / "demo" / "000_9954074d4e36f3b7.txt"
#: (words of the reporting sentence, date, actors the event row may name)
SEED_EVENTS = [
    ("abruptly called off a second day", "2026-02-18", {"Ukraine", "Russia"}),
    ("six hours of meetings Tuesday", "2026-02-17", {"Ukraine", "Russia"}),
    ("accused Russia on Wednesday", "2026-02-18", {"Volodymyr Zelenskyy", "Russia"}),
    ("full-scale invasion of Ukraine in February 2022", "2022-02-01", {"Russia", "Ukraine"}),
    ("Hours before talks began", "2026-02-18", {"Russia", "Ukraine"}),
    ("Trump put pressure on Ukraine", "2026-02-16", {"Donald Trump", "Ukraine"}),
    ("told Axios on Tuesday", "2026-02-17", {"Volodymyr Zelenskyy", "Axios"}),
    ("Crimean peninsula it seized in 2014", "2014-01-01", {"Russia", "Crimea"}),
    ("artillery attacks overnight and late Tuesday", "2026-02-17", {"Russia", "Ukraine"}),
    ("claiming control of villages", "2026-02-18", {"Russia"}),
]


@pytest.fixture(scope="module")
def seed_corpus(tmp_path_factory):
    from newsdesk import analyze, load_articles

    folder = tmp_path_factory.mktemp("seed")
    (folder / SEED.name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return analyze(load_articles(folder), cache=False, progress=False)


@pytest.mark.parametrize(("words", "date", "actors"), SEED_EVENTS, ids=[w for w, _, _ in SEED_EVENTS])
def test_seed_key_event_is_dated_with_its_actor(seed_corpus, words, date, actors):
    corpus = seed_corpus
    text = corpus.articles["text"].iloc[0]  # the only article
    at = text.index(words)
    sent = corpus.sentences[(corpus.sentences["start"] <= at) & (at < corpus.sentences["end"])].iloc[0]
    rows = corpus.events[(corpus.events["sent_id"] == sent["sent_id"])
                         & (corpus.events["date_start"] == pd.Timestamp(date))]
    assert len(rows), f"no event on {date} in: {text[sent['start']:sent['end']]}"
    named = set(rows["actor"].dropna()) | set(rows["target"].dropna())
    assert named & actors, rows[["action", "actor", "target"]]
