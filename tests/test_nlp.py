"""The shared pipeline: the fast stand-ins for spaCy parts give spaCy's own results."""

import pytest
import spacy

from newsdesk.nlp import NameMatcher, get_nlp, model_name

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
