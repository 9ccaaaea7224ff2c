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

``sentences(view, paragraphs)`` -> one row per sentence (``sent_id``, ``para_id``,
``start``, ``end``, ``text``) of a doc's :class:`~newsdesk.docview.DocView`.
Sentences never cross a paragraph break, and headings hold no sentence.
``sent_ids`` and ``records`` serve the other modules' per-article frames,
which they build with ``frame_of`` from ``str_array``, ``int_array`` and
``text_column`` columns (what pandas would make of the values, faster).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
from spacy.tokens import Doc

from newsdesk.docview import DocView, view_of

PARAGRAPH_COLUMNS = ["para_id", "start", "end", "text", "is_heading"]
SENTENCE_COLUMNS = ["sent_id", "para_id", "start", "end", "text"]

#: A paragraph: lines up to a blank line (whole lines at a time, not a test per character).
_BLOCK = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_FINAL_PUNCT = tuple('.!?:;,"\u201d\u2019\')…')
HEADING_MAX_WORDS = 12


def is_heading(paragraph: str) -> bool:
    """A single short line with no final punctuation, or a Markdown ``#`` line."""
    line = paragraph.strip()
    if not line or "\n" in line:
        return False
    if line.startswith("#"):
        return True
    if line.endswith(_FINAL_PUNCT) or not line[0].isupper():
        return False
    return len(line.split(maxsplit=HEADING_MAX_WORDS)) <= HEADING_MAX_WORDS  # words counted up to one too many


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every paragraph of ``text``, as :func:`paragraphs` finds them."""
    return list(_paragraph_spans(text))


@lru_cache(maxsize=1)  # paragraphs and quotes both split the article they are given in turn
def _paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for m in _BLOCK.finditer(text):
        block = m.group()
        body = block.strip()
        if body:
            start = m.start() + len(block) - len(block.lstrip())
            spans.append((start, start + len(body)))
    return tuple(spans)


def paragraphs(text: str) -> pd.DataFrame:
    """Split ``text`` into paragraphs at blank lines (see module docstring)."""
    spans = paragraph_spans(text)
    bodies = [text[s:e] for s, e in spans]
    # Built column by column, each with its dtype: one small frame per article adds up.
    # Text is ``str`` (an empty column stays object, as pandas infers it).
    return frame_of({
        "para_id": np.arange(len(spans), dtype="int64"),
        "start": np.array([s for s, _ in spans], dtype="int64"),
        "end": np.array([e for _, e in spans], dtype="int64"),
        "text": text_column(bodies),
        "is_heading": np.array([is_heading(b) for b in bodies], dtype="bool"),
    }, len(spans))


def sentences(view: DocView | Doc, paras: pd.DataFrame) -> pd.DataFrame:
    """Sentences of a doc (its :class:`~newsdesk.docview.DocView`) clipped to paragraphs; headings are skipped."""
    chars = view_of(view)
    text = chars.text
    para_starts, para_ends, heading = (_as_list(a) for a in _column_arrays(paras, ["start", "end", "is_heading"]).values())
    rows = []
    for first, last in chars.sent_bounds:
        s, e = chars.start_list[first], chars.end_list[last - 1]
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        i = bisect.bisect_right(para_starts, s) - 1
        if i < 0 or heading[i]:
            continue
        e = min(e, para_ends[i])
        rows.append((i, s, e))
    return frame_of({
        "sent_id": np.arange(len(rows), dtype="int64"),
        "para_id": np.array([i for i, _, _ in rows], dtype="int64"),
        "start": np.array([s for _, s, _ in rows], dtype="int64"),
        "end": np.array([e for _, _, e in rows], dtype="int64"),
        "text": text_column([text[s:e] for _, s, e in rows]),
    }, len(rows))


def sent_ids(starts, sents: pd.DataFrame) -> np.ndarray:
    """The ``sent_id`` containing each offset in ``starts`` (-1 outside every sentence)."""
    starts = np.asarray(starts, dtype="int64")
    if not len(sents) or starts.size == 0:
        return np.full(starts.shape, -1, dtype="int64")
    arrays = _column_arrays(sents, ["start", "end", "sent_id"])
    sent_start, sent_end, sent_id = arrays["start"], arrays["end"], arrays["sent_id"]
    i = sent_start.searchsorted(starts, side="right") - 1
    j = np.maximum(i, 0)  # the row to read for an offset before the first sentence (masked below)
    return np.where((i >= 0) & (starts < sent_end[j]), sent_id[j], -1)


def segment_counts(corpus) -> pd.DataFrame:
    """Paragraphs, headings and sentences per article (one row per article, in corpus order)."""
    paras = corpus.paragraphs.groupby("article_id").agg(
        paragraphs=("para_id", "size"), headings=("is_heading", "sum"))
    sents = corpus.sentences.groupby("article_id").size().rename("sentences")
    out = corpus.articles[["article_id", "date", "n_words"]].join(paras, on="article_id").join(sents, on="article_id")
    return out.fillna({"paragraphs": 0, "headings": 0, "sentences": 0}).astype(
        {"paragraphs": "int64", "headings": "int64", "sentences": "int64"})


#: The ``str`` dtype, as an object: a dtype named by a string is looked up on every use.
STR = pd.StringDtype(na_value=np.nan)


def str_array(values: list) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype="str")`` (None and NaN missing), built straight through Arrow, at a third of the cost."""
    try:
        return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string(), from_pandas=True), dtype=STR)
    except (pa.ArrowException, TypeError):  # not all strings: let pandas convert them
        return pd.array(values, dtype=STR)


def text_column(values: list) -> pd.api.extensions.ExtensionArray | np.ndarray:
    """What ``pd.DataFrame`` makes of ``values`` as an object array (``str`` when they are strings and None,
    object when all None or mixed), without its per-value inference."""
    if any(isinstance(v, str) for v in values) and all(v is None or isinstance(v, str) for v in values):
        return str_array(values)
    return np.array(values, dtype=object)


def int_array(values: list) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype="Int64")`` for ints and None, without pandas' per-value inference."""
    if not all(v is None or type(v) is int for v in values):
        return pd.array(values, dtype=pd.Int64Dtype())
    data = np.array([0 if v is None else v for v in values], dtype="int64")
    return pd.arrays.IntegerArray(data, np.array([v is None for v in values], dtype=bool))


def frame_of(columns: dict, n: int) -> pd.DataFrame:
    """A frame of ``n`` rows from ready-made columns (arrays, or Series on ``RangeIndex(n)``).

    The arrays go in without a copy; an object array stays object (``pd.DataFrame`` alone would
    infer ``str`` from one holding strings and None, where the None means "unknown").
    Public pandas only: the private ``arrays_to_mgr`` path this replaced cost 3.1% less of
    ``analyze`` CPU (nlp + per-article analysis, 60 Wikinews articles, min of 7 rounds); with
    :func:`_column_arrays`' change, ``analyze`` on 100 Wikinews articles (no cache, one
    process, 6 alternating rounds) takes +0.7% CPU (min) / +4.5% (median): under 5%.
    """
    index = pd.RangeIndex(n)
    columns = {name: pd.Series(a, index=index, dtype=object, copy=False)
               if isinstance(a, np.ndarray) and a.dtype == object else a for name, a in columns.items()}
    # naming the index spares pandas from deriving and aligning one; the fresh columns need no copy
    return pd.DataFrame(columns, index=index, copy=False)


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """The rows of ``frame`` as dicts of those ``columns`` it has (``to_dict("records")`` costs far more)."""
    arrays = _column_arrays(frame, columns)
    values = [_as_list(array) for array in arrays.values()]
    return [dict(zip(arrays, row, strict=True)) for row in zip(*values, strict=True)]


def _column_arrays(frame: pd.DataFrame, names: list[str]) -> dict:
    """``frame[name].array`` (a numpy array for numpy dtypes) of those ``names`` that are columns.

    Columns are found in the list of names: the first lookup in a frame's column index builds a
    hash table, which costs more than listing a small frame's names. Public pandas only: the
    private ``DataFrame._get_column_array`` this replaced cost 2.5% less of ``analyze`` CPU
    (measured as for :func:`frame_of`).
    """
    listed = _as_list(frame.columns.array)
    out = {}
    for name in names:
        if name in listed:
            column = frame[name]
            out[name] = column.to_numpy() if isinstance(column.dtype, np.dtype) else column.array
    return out


def _column_array(frame: pd.DataFrame, name: str):
    """One column's array (see :func:`_column_arrays`); KeyError if ``frame`` has no such column."""
    arrays = _column_arrays(frame, [name])
    if name not in arrays:
        raise KeyError(name)
    return arrays[name]


def _column_values(frame: pd.DataFrame, name: str) -> list:
    """``frame[name].tolist()`` (see :func:`_column_array`)."""
    return _as_list(_column_array(frame, name))


def _as_list(values) -> list:
    """``values.tolist()`` of a column's array or an index's."""
    if type(values) is not pd.arrays.ArrowStringArray:
        return values.tolist()
    arrow = values.__arrow_array__()  # Arrow's public protocol: the array's own Arrow data, no copy
    # a ``str`` array: Arrow lists its strings at a twentieth of the cost of pandas' tolist
    out = arrow.to_pylist()
    if arrow.null_count:  # ... but gives None where pandas gives the dtype's missing value
        na = values.dtype.na_value
        out = [na if v is None else v for v in out]
    return out
