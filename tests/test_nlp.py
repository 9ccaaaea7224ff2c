"""The shared pipeline: the fast stand-ins for spaCy parts give spaCy's own results."""

from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.tokens import Span
from thinc.api import NumpyOps

from newsdesk.nlp import (
    GreedyEntityRecognizer,
    MatmulOps,
    NameMatcher,
    _use_matmul,
    get_nlp,
    model_name,
)

TEXT = (
    "He's gonna go. There were 3 dogs running, but they weren't happy. Let's see what y'all think.\n\n"
    "The U.S.-mediated talks in Geneva ended on Tuesday, officials said. Nobody wanted anything "
    "from the negotiations, which had been described as \"difficult.\" Côte d'Ivoire and "
    "Guinea-Bissau sent observers; St. Petersburg's mayor cannot attend."
)


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def test_memoised_ruler_and_lemmatizer_equal_the_models_own(nlp):
    plain = spacy.load(model_name())
    with nlp.select_pipes(enable=["tok2vec", "tagger", "newsdesk_paragraphs", "parser"]):
        ours = nlp(TEXT)
    theirs = ours.copy()
    for name in ("attribute_ruler", "lemmatizer"):
        ours, theirs = nlp.get_pipe(name)(ours), plain.get_pipe(name)(theirs)
    assert [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for t in ours] == [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for t in theirs
    ]


@pytest.mark.parametrize("name", [
    "Geneva", "New York City", "U.S.", "St. Petersburg", "Côte d'Ivoire", "Guinea-Bissau",
    "Cannot Corp", "Rio de Janeiro", "AT&T", "3M", "Kyiv's",
])
def test_name_matcher_splits_names_as_the_tokenizer_does(nlp, name):
    assert NameMatcher(nlp.tokenizer).split(name) == tuple(t.text for t in nlp.tokenizer(name))


def test_name_matcher_finds_nested_and_overlapping_names(nlp):
    matcher = NameMatcher(nlp.tokenizer)
    matcher.add("city", ["New York", "York"])
    matcher.add("body", ["New York City Council"])
    doc = nlp.make_doc("The New York City Council met in York.")
    assert sorted(matcher(doc), key=lambda m: (m[1], m[2])) == [
        ("city", 1, 3), ("body", 1, 5), ("city", 2, 3), ("city", 7, 8),
    ]


@pytest.mark.parametrize("trans1, trans2", [(False, False), (False, True), (True, False), (True, True)])
def test_matmul_ops_gemm_agrees_with_blis(trans1, trans2):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((7, 5) if not trans1 else (5, 7)).astype("float32")
    y = rng.standard_normal((5, 3) if not trans2 else (3, 5)).astype("float32")
    ours = MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2)
    out = np.zeros((7, 3), dtype="float32")
    MatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    blis = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert ours.dtype == np.float32 and np.allclose(ours, blis, atol=1e-5) and np.allclose(out, blis, atol=1e-5)


def test_matmul_ops_give_the_models_own_annotations(nlp):
    assert all(type(node.ops) is MatmulOps for node in nlp.get_pipe("ner").model.walk())
    plain, fast = spacy.load(model_name()), spacy.load(model_name())
    _use_matmul(fast)
    assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in fast(TEXT)] == [
        (t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in plain(TEXT)
    ]


ENTITY_TEXTS = [
    TEXT,
    (Path(__file__).parents[1] / "data" / "demo" / "000_9954074d4e36f3b7.txt").read_text(encoding="utf-8"),
    "",
    "Paris",
    "  \n\n  ",
    "Talks between Volodymyr Zelenskyy and the United Nations Security Council",  # ends inside an entity
    "The European Union. New York Stock Exchange officials met Ban Ki-moon on 3 March 2024 in Sao Paulo.",
]


def _entities(doc):
    return doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID]).tolist()


def _before_ner(nlp, texts):
    with nlp.select_pipes(enable=["tok2vec", "tagger", "newsdesk_paragraphs", "parser", "attribute_ruler",
                                  "lemmatizer"]):
        return list(nlp.pipe(texts))


def test_greedy_entity_recognizer_replaces_the_models_own(nlp):
    assert isinstance(nlp.get_pipe("ner"), GreedyEntityRecognizer)
    assert nlp.get_pipe("ner").labels == nlp.get_pipe("ner").ner.labels


@pytest.mark.parametrize("batch_size", [1, 3, 16])
def test_greedy_entity_recognizer_finds_the_models_own_entities(nlp, batch_size):
    ours = _before_ner(nlp, ENTITY_TEXTS)
    theirs = [d.copy() for d in ours]
    fast = nlp.get_pipe("ner")
    list(fast.pipe(ours, batch_size=batch_size))
    list(fast.ner.pipe(theirs, batch_size=batch_size))
    assert [_entities(d) for d in ours] == [_entities(d) for d in theirs]
    assert sum(len(d.ents) for d in ours) > 20


def test_greedy_entity_recognizer_leaves_preset_entities_to_spacy(nlp):
    doc = _before_ner(nlp, [TEXT])[0]
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    theirs = doc.copy()
    nlp.get_pipe("ner")(doc)
    nlp.get_pipe("ner").ner(theirs)
    assert _entities(doc) == _entities(theirs)
    assert doc.ents[0].label_ == "PERSON"
