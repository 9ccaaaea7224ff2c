"""Paragraphs, headings and sentences, as character offsets into the article text.

``paragraphs(text)`` -> one row per paragraph (blocks separated by a blank line):

============  =======  ==============================================
column        dtype    meaning
============  =======  ==============================================
para_id       int64    0-based position in the article
start, end    int64    offsets into the article ``text``
text          str      the paragraph
is_heading    bool     a short line without final punctuation
============  =======  ==============================================

``sentences(doc, paragraphs)`` -> one row per sentence (``sent_id``, ``para_id``,
``start``, ``end``, ``text``). Sentences never cross a paragraph break, and
headings hold no sentence.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from spacy.tokens import Doc

PARAGRAPH_COLUMNS = ["para_id", "start", "end", "text", "is_heading"]
SENTENCE_COLUMNS = ["sent_id", "para_id", "start", "end", "text"]

_BLOCK = re.compile(r"[^\n](?:.|\n(?![ \t]*\n))*")
_FINAL_PUNCT = tuple('.!?:;,"\u201d\u2019\')…')
HEADING_MAX_WORDS = 12


def is_heading(paragraph: str) -> bool:
    """A single short line with no final punctuation, or a Markdown ``#`` line."""
    line = paragraph.strip()
    if not line or "\n" in line:
        return False
    if line.startswith("#"):
        return True
    words = line.split()
    return len(words) <= HEADING_MAX_WORDS and not line.endswith(_FINAL_PUNCT) and line[0].isupper()


def paragraphs(text: str) -> pd.DataFrame:
    """Split ``text`` into paragraphs at blank lines (see module docstring)."""
    rows = []
    for m in _BLOCK.finditer(text):
        block = m.group()
        lead = len(block) - len(block.lstrip())
        body = block.strip()
        if not body:
            continue
        start = m.start() + lead
        rows.append((len(rows), start, start + len(body), body, is_heading(body)))
    return pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS).astype(
        {"para_id": "int64", "start": "int64", "end": "int64", "is_heading": "bool"}
    )


def sentences(doc: Doc, paras: pd.DataFrame) -> pd.DataFrame:
    """Sentences of ``doc`` clipped to paragraphs; headings are skipped."""
    text = doc.text
    rows = []
    starts = paras["start"].to_numpy()
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        i = int(np.searchsorted(starts, s, side="right")) - 1
        if i < 0:
            continue
        para = paras.iloc[i]
        if para["is_heading"]:
            continue
        e = min(e, int(para["end"]))
        rows.append((len(rows), i, s, e, text[s:e]))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS).astype(
        {"sent_id": "int64", "para_id": "int64", "start": "int64", "end": "int64"}
    )


def sent_ids(starts, sents: pd.DataFrame) -> np.ndarray:
    """The ``sent_id`` containing each offset in ``starts`` (-1 outside every sentence)."""
    starts = np.asarray(starts, dtype="int64")
    if sents.empty or starts.size == 0:
        return np.full(starts.shape, -1, dtype="int64")
    i = np.searchsorted(sents["start"].to_numpy(), starts, side="right") - 1
    ok = (i >= 0) & (starts < sents["end"].to_numpy()[np.clip(i, 0, None)])
    return np.where(ok, sents["sent_id"].to_numpy()[np.clip(i, 0, None)], -1)


def segment_counts(corpus) -> pd.DataFrame:
    """Paragraphs, headings and sentences per article (one row per article, in corpus order)."""
    paras = corpus.paragraphs.groupby("article_id").agg(
        paragraphs=("para_id", "size"), headings=("is_heading", "sum"))
    sents = corpus.sentences.groupby("article_id").size().rename("sentences")
    out = corpus.articles[["article_id", "date", "n_words"]].join(paras, on="article_id").join(sents, on="article_id")
    return out.fillna({"paragraphs": 0, "headings": 0, "sentences": 0}).astype(
        {"paragraphs": "int64", "headings": "int64", "sentences": "int64"})
