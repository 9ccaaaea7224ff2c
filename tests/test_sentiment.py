"""Sentiment: VADER with quoted words, negation, tone figures, target scoping, aggregates."""

import pandas as pd
import pytest

from newsdesk import sentiment
from newsdesk.corpus import analyze
from newsdesk.nlp import get_nlp
from newsdesk.sentiment import (
    actor_sentiment,
    article_tone,
    paragraph_sentiment,
    polarity,
    target_sentiment,
    tone_figures,
)


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


# --------------------------------------------------------------------------- VADER


def test_lexicon_is_loaded_once():
    assert sentiment.analyzer() is sentiment.analyzer()
    assert sentiment.lexicon()["difficult"] < 0


@pytest.mark.parametrize(("text", "sign"), [
    ('He said the first day had been "difficult."', -1),
    ("He said the first day had been \u201cdifficult.\u201d", -1),
    ('They called it a "reward" for loyalty.', 1),
    ("It was a \u2018great\u2019 success, she said.", 1),
    ('The talks were "difficult, but business-like," he said.', -1),
])
def test_quoted_words_count(text, sign):
    assert sign * polarity(text)["compound"] > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The talks were successful.", 1),
    ("The talks were not successful.", -1),
    ("The talks weren\u2019t successful.", -1),
    ("The plan is never good.", -1),
])
def test_negation(text, sign):
    assert sign * polarity(text)["compound"] > 0


def test_empty_text_scores_zero():
    assert polarity("") == {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}


def test_tone_figures_are_word_shares():
    tone = tone_figures("good bad bad word")
    assert tone == {"tone": -25.0, "positive": 25.0, "negative": 50.0, "polarity": 75.0, "word_count": 4}


def test_article_tone_weights_by_length():
    sents = pd.DataFrame({"start": [0, 10], "end": [10, 40], "text": ["a", "b"], "compound": [1.0, -1.0]})
    tone = article_tone("", sents)
    assert tone["compound_mean"] == 0.0
    assert tone["compound_weighted"] == -0.5


# --------------------------------------------------------------------------- target scoping


def span_of(doc, word):
    i = doc.text.index(word)
    return sentiment.target_span(doc, i, i + len(word))


@pytest.mark.parametrize(("text", "word", "role"), [
    ("Zelenskyy accused Russia of lying.", "Russia", "patient"),
    ("Zelenskyy accused Russia of lying.", "Zelenskyy", "agent"),
    ("Russia was accused by Zelenskyy of lying.", "Russia", "patient"),
    ("Russia was accused by Zelenskyy of lying.", "Zelenskyy", "agent"),
    ("The leader of Ukraine praised the troops.", "Ukraine", "agent"),
    ("The talks in Geneva ended.", "Geneva", "oblique"),
])
def test_semantic_role_of_target(nlp, text, word, role):
    assert sentiment._role(span_of(nlp(text), word))[0] == role


@pytest.mark.parametrize(("text", "word", "sign"), [
    ("Zelenskyy accused Russia of lying.", "Russia", -1),
    ("The mayor praised Smith for her work.", "Smith", 1),
    ("The mayor did not praise Smith.", "Smith", -1),
])
def test_directed_verbs_lend_their_sign(nlp, text, word, sign):
    feats = sentiment.target_features(nlp(text)[:], span_of(nlp(text), word))
    assert feats["verb_sign"] == sign


@pytest.mark.parametrize(("word", "feature"), [
    ("Smith", "near_them_neg"),
    ("Jones", "near_me_neg"),
])
def test_charged_words_go_to_the_nearest_party(nlp, word, feature):
    text = "Smith praised Jones, a corrupt liar."
    feats = sentiment.target_features(nlp(text)[:], span_of(nlp(text), word))
    assert feats.get(feature, 0) > 0
    assert not {k for k in feats if k.startswith("near_") and k.endswith("_neg")} - {feature}


def test_mentions_are_scored_as_one_at_a_time(nlp):
    doc = nlp("Smith accused Jones of lying. The mayor praised the firefighters in Paris.")
    mentions = pd.DataFrame({"start": [0, 14, 34, 52, 68], "end": [5, 19, 39, 64, 73]})
    batch = sentiment.mentions_sentiment(doc, mentions)
    single = [sentiment.score_target(doc, s, e) for s, e in zip(mentions["start"], mentions["end"], strict=True)]
    assert batch["target_label"].tolist() == [r["label"] for r in single]
    assert batch["target_score"].tolist() == pytest.approx([r["score"] for r in single])


def test_quote_mark_span_is_trimmed(nlp):
    doc = nlp('"Smith lied," he said.')
    assert sentiment.target_span(doc, 0, 6).text == "Smith"


@pytest.mark.parametrize(("text", "word", "label"), [
    ('Zelenskyy accused Russia on Wednesday of seeking to "drag out" negotiations.', "Russia", "negative"),
    ("Police arrested the gunman who killed three people.", "gunman", "negative"),
    ("The mayor praised the firefighters for their courage.", "firefighters", "positive"),
    ("The committee will meet on Tuesday in Brussels.", "committee", "neutral"),
])
def test_target_sentiment(text, word, label):
    i = text.index(word)
    result = target_sentiment(text, i, i + len(word))
    assert result["label"] == label
    assert -1.0 <= result["score"] <= 1.0


def test_sentiment_goes_to_the_accused_not_the_accuser():
    text = "Smith accused Jones of corruption and lies."
    toward = {w: target_sentiment(text, text.index(w), text.index(w) + len(w))["score"] for w in ("Smith", "Jones")}
    assert toward["Jones"] < toward["Smith"]


# --------------------------------------------------------------------------- aggregates


@pytest.fixture(scope="module")
def corpus():
    arts = pd.DataFrame({
        "article_id": ["a1", "a2"],
        "date": [pd.Timestamp("2026-02-18"), pd.Timestamp("2026-02-19")],
        "text": [
            "Talks fail\n\nSmith accused Jones of lying. The talks collapsed in anger.\n\nJones denied it.",
            "Smith praised Jones for the great deal. Both sides welcomed the progress.",
        ],
    })
    return analyze(arts, cache=False, progress=False)


def test_articles_get_tone_columns(corpus):
    arts = corpus.articles.set_index("article_id")
    for col in sentiment.TONE_COLUMNS:
        assert col in arts.columns
    assert arts.loc["a1", "tone"] < 0 < arts.loc["a2", "tone"]
    assert arts.loc["a1", "compound_weighted"] < 0 < arts.loc["a2", "compound_weighted"]


def test_sentences_get_vader_columns(corpus):
    assert {"neg", "neu", "pos", "compound"} <= set(corpus.sentences.columns)
    assert corpus.sentences.groupby("article_id").size().to_dict() == {"a1": 3, "a2": 2}


def test_paragraph_sentiment_groups_by_article(corpus):
    paras = paragraph_sentiment(corpus)
    assert paras.groupby("article_id").size().to_dict() == {"a1": 2, "a2": 1}
    assert paras["n_sentences"].sum() == len(corpus.sentences)
    assert not paras["is_heading"].any()


def test_mentions_get_target_sentiment(corpus):
    assert {"target_label", "target_score"} <= set(corpus.mentions.columns)
    assert set(corpus.mentions["target_label"]) <= set(sentiment.LABELS)


def test_actor_sentiment_counts_every_mention(corpus):
    table = actor_sentiment(corpus)
    named = corpus.mentions["actor"].notna().sum()
    assert table["n_mentions"].sum() == named
    assert (table[list(sentiment.LABELS)].sum(axis=1) == table["n_mentions"]).all()


def test_actor_sentiment_by_date(corpus):
    table = actor_sentiment(corpus, by="date")
    assert set(table["date"]) == {pd.Timestamp("2026-02-18"), pd.Timestamp("2026-02-19")}
