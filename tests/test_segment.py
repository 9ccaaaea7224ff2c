"""Segment: paragraph spans, headings, the per-doc helpers and the frame builders the modules share."""

import numpy as np
import pandas as pd
import pytest

from newsdesk import segment
from newsdesk.nlp import get_nlp


@pytest.fixture(scope="module")
def doc():
    return get_nlp()("Talks resumed in Geneva.  They ended late.\n\nA second paragraph follows here.")


@pytest.mark.parametrize(("text", "spans"), [
    ("One.\n\nTwo.", [(0, 4), (6, 10)]),
    ("One.\nstill one.", [(0, 15)]),
    ("One.\n \t\nTwo.", [(0, 4), (8, 12)]),  # a line of spaces is blank
    ("  padded  \n\n\n", [(2, 8)]),
    ("\n\n", []),
])
def test_paragraph_spans(text, spans):
    assert segment.paragraph_spans(text) == spans


@pytest.mark.parametrize(("words", "heading"), [(12, True), (13, False)])
def test_heading_has_at_most_twelve_words(words, heading):
    assert segment.is_heading(" ".join(["Word"] * words)) is heading


def test_doc_chars_text_and_offsets_are_the_docs(doc):
    chars = segment.DocChars(doc)
    assert chars.text == doc.text
    assert chars.start_list == [t.idx for t in doc]
    assert chars.end_list == [t.idx + len(t) for t in doc]


def test_doc_chars_sentence_bounds_are_doc_sents(doc):
    assert segment.DocChars(doc).sent_bounds(doc) == [(s.start, s.end) for s in doc.sents]


def test_doc_chars_of_an_empty_doc():
    chars = segment.DocChars(get_nlp().make_doc(""))
    assert (chars.text, chars.start_list) == ("", [])


def test_frame_of_arrays_keeps_object_columns_object():
    frame = segment.frame_of({"n": np.arange(2), "s": segment.str_array(["a", None]),
                              "o": np.array(["a", None], dtype=object)}, 2)
    assert frame.dtypes.astype(str).tolist() == ["int64", "str", "object"]
    assert isinstance(frame.index, pd.RangeIndex)


def test_frame_of_series_goes_through_pandas():
    frame = segment.frame_of({"s": pd.Series(["a", "b"])}, 2)
    assert str(frame["s"].dtype) == "str"


def test_frames_get_their_own_column_index():
    a = segment.frame_of({"x": np.arange(1)}, 1)
    b = segment.frame_of({"x": np.arange(1)}, 1)
    a.columns.name = "renamed"
    assert b.columns.name is None


def test_records_give_missing_strings_as_pandas_does():
    frame = segment.frame_of({"start": np.arange(2), "text": segment.str_array(["a", None])}, 2)
    rows = segment.records(frame, ["text", "start", "absent"])
    assert rows[0] == {"text": "a", "start": 0}
    assert rows[1]["text"] is not None and pd.isna(rows[1]["text"])  # NaN, as tolist() gives


def test_records_of_a_repeated_column_name():
    frame = pd.DataFrame([[1, 2, 3]], columns=["a", "b", "a"])
    assert segment.records(frame, ["b"]) == [{"b": 2}]


@pytest.mark.parametrize(("starts", "ids"), [
    ([0, 12, 25, 99], [0, 0, -1, -1]),
    ([], []),
])
def test_sent_ids(starts, ids):
    sents = pd.DataFrame({"sent_id": [0, 1], "start": [0, 30], "end": [20, 40]})
    assert segment.sent_ids(starts, sents).tolist() == ids
