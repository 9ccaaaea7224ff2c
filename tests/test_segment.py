"""Segment: paragraph spans, headings, the per-doc helpers and the frame builders the modules share."""

import numpy as np
import pandas as pd
import pytest
from spacy.attrs import HEAD, LOWER

from newsdesk import segment
from newsdesk.docview import DocView
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


def test_doc_view_text_and_offsets_are_the_docs(doc):
    view = DocView(doc)
    assert view.text == doc.text
    assert view.start_list == [t.idx for t in doc]
    assert view.end_list == [t.idx + len(t) for t in doc]
    assert view.span_text(1, 4) == doc[1:4].text and view.text_of(2) == doc[2].text


def test_doc_view_sentence_bounds_are_doc_sents(doc):
    assert DocView(doc).sent_bounds == [(s.start, s.end) for s in doc.sents]


@pytest.mark.parametrize(("start", "end"), [(0, 5), (1, 6), (6, 13), (5, 7), (13, 20), (40, 60), (0, 80)])
def test_doc_view_span_is_char_span_expanded(doc, start, end):
    span = doc.char_span(start, end, alignment_mode="expand")
    assert DocView(doc).span(start, end) == (None if span is None else (span.start, span.end))


def test_doc_view_parse_is_the_docs(doc):
    view = DocView(doc)
    assert view.head == [t.head.i for t in doc]
    assert view.children == [[c.i for c in t.children] for t in doc]
    assert view.dep == [t.dep_ for t in doc] and view.pos == [t.pos_ for t in doc]
    assert [view.lower(i) for i in range(len(doc))] == [t.lower_ for t in doc]
    assert [view.lemma(i) for i in range(len(doc))] == [t.lemma_ for t in doc]
    assert [view.punct_or_space(i) for i in range(len(doc))] == [t.is_punct or t.is_space for t in doc]
    assert view.columns([LOWER, HEAD]).tolist() == doc.to_array([LOWER, HEAD]).tolist()


def test_doc_view_of_an_empty_doc():
    view = DocView(get_nlp().make_doc(""))
    assert (view.text, view.start_list, view.head, view.children) == ("", [], [], [])


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
