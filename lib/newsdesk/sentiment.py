"""Sentiment: VADER per sentence, paragraph and article; tone; sentiment toward targets.

STUB: the sentiment issue fills this in. Contract used by the corpus pass:

- ``score_sentences(sentences) -> DataFrame``: adds ``neg``, ``neu``, ``pos``, ``compound``.
- ``article_tone(text, sentences) -> dict``: article-level columns added to ``articles``.
- ``mentions_sentiment(doc, mentions) -> DataFrame``: adds ``target_label``, ``target_score``.
- ``target_sentiment(text, start, end) -> {"label", "score"}``.
"""

from __future__ import annotations

import pandas as pd


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    out = sentences.copy()
    for col in ("neg", "neu", "pos", "compound"):
        out[col] = 0.0
    return out


def article_tone(text: str, sentences: pd.DataFrame) -> dict:
    return {}


def mentions_sentiment(doc, mentions: pd.DataFrame) -> pd.DataFrame:
    out = mentions.copy()
    out["target_label"] = "neutral"
    out["target_score"] = 0.0
    return out


def target_sentiment(text: str, start: int, end: int) -> dict:
    return {"label": "neutral", "score": 0.0}


def actor_sentiment(corpus) -> pd.DataFrame:
    return pd.DataFrame()
