"""Sentiment: VADER per sentence, paragraph and article; tone; sentiment toward targets.

VADER runs through nltk's ``SentimentIntensityAnalyzer`` with the lexicon that
the ``vaderSentiment`` package ships (:class:`Vader`, one per
:class:`newsdesk.Pipeline`). Before scoring, quote marks and punctuation glued to a word
are split off, because nltk's port drops ``"difficult."`` and ``"reward"``
and in news the quoted words matter most.

Columns this module adds or builds:

===========================  ========  ========================================================
frame.column                 dtype     meaning
===========================  ========  ========================================================
sentences.neg, neu, pos      float64   VADER shares of negative / neutral / positive words
sentences.compound           float64   VADER compound, -1 … 1
articles.n_sentences         int64     body sentences (headings excluded)
articles.compound_mean       float64   mean sentence compound
articles.compound_weighted   float64   sentence compound weighted by sentence length
articles.tone                float64   GDELT-style: ``positive`` - ``negative``
articles.positive            float64   % of words with a positive VADER valence
articles.negative            float64   % of words with a negative VADER valence
articles.polarity            float64   ``positive`` + ``negative`` (how charged the wording is)
articles.word_count          int64     words of the body sentences
mentions.target_label        str       negative / neutral / positive toward the mention
mentions.target_score        float64   P(positive) - P(negative) toward it, -1 … 1
===========================  ========  ========================================================

Aggregates: :func:`paragraph_sentiment` (per paragraph), :func:`actor_sentiment`
(per actor, optionally per date), :func:`sentences_with_actors`,
:func:`sentiment_contrasts`.

Sentiment toward a target (:func:`target_sentiment`) is a logistic regression
over :func:`target_features`: lexicon valence scoped by the dependency parse
(modifiers of the target, the predicate governing it, its clause, the rest,
quotes) and by who else is in the sentence (is a charged word nearer to the
target than to the other people, organisations and pronouns?), the target's
semantic role with the verb table
``data/sentiment_verbs.csv`` (the object of "accused" receives the
negativity), negation, context words and the parser's token vectors. Its
weights (``data/target_sentiment.npz``) are trained on NewsMTSC by
``benchmarks/train_target_sentiment.py``; without them the target's clause is
scored by the lexicon.
"""

from __future__ import annotations

import io
import os
import re
import types
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # the pipeline imports this module
    from spacy.tokens import Doc

    from newsdesk.docview import DocView
    from newsdesk.pipeline import Pipeline

_QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb"
_EDGE_PUNCT = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.S)


class _PunctuatedWords:
    """nltk's ``{"cat,": "cat", ",cat": "cat"}`` table, answered on demand.

    nltk's ``SentiText`` builds that table for every word × every punctuation
    mark on each call, which is most of VADER's time on news sentences; this
    gives the same answers (word + mark first, as nltk's dict update order does).
    """

    def __init__(self, words: set, marks: list):
        self.words, self.marks = words, marks
        self.last, self.first = {m[-1] for m in marks if m}, {m[0] for m in marks if m}

    def get(self, token: str):
        if not token:
            return None
        if token[-1] in self.last:  # else no mark can end it
            for mark in self.marks:
                if token.endswith(mark) and token[: -len(mark)] in self.words:
                    return token[: -len(mark)]
        if token[0] in self.first:
            for mark in self.marks:
                if token.startswith(mark) and token[len(mark):] in self.words:
                    return token[len(mark):]
        return None

    def __contains__(self, token: str) -> bool:
        return self.get(token) is not None

    def __getitem__(self, token: str) -> str:
        return self.get(token)


def _fast_analyzer_class():
    """nltk's ``SentimentIntensityAnalyzer`` whose ``polarity_scores`` builds a ``SentiText`` with the
    on-demand punctuation table (:class:`_PunctuatedWords`).

    nltk's method reads the module-level name ``SentiText``; rather than rebind that name for every
    user of nltk, the subclass runs the same code with its own globals, where the name is our subclass.
    """
    from nltk.sentiment import vader

    class FastSentiText(vader.SentiText):
        def _words_plus_punc(self):
            no_punc_text = self.REGEX_REMOVE_PUNCTUATION.sub("", self.text)
            return _PunctuatedWords({w for w in no_punc_text.split() if len(w) > 1}, self.PUNC_LIST)

    base = vader.SentimentIntensityAnalyzer.polarity_scores
    scores = types.FunctionType(base.__code__, {**vader.__dict__, "SentiText": FastSentiText}, base.__name__,
                                base.__defaults__, base.__closure__)
    return type("FastSentimentIntensityAnalyzer", (vader.SentimentIntensityAnalyzer,), {"polarity_scores": scores})


class Vader:
    """nltk's VADER analyser with the ``vaderSentiment`` lexicon and newsdesk's tokenisation
    (:func:`normalize`); each :class:`newsdesk.Pipeline` has one (``pipeline.vader``).

    nltk 3.10 only opens files under a folder of ``nltk.data.path``, so the
    lexicon's folder is added there and the file opened by URL.
    """

    def __init__(self):
        import nltk.data
        import vaderSentiment

        folder = os.path.dirname(os.path.abspath(vaderSentiment.__file__))
        if folder not in nltk.data.path:
            nltk.data.path.append(folder)
        self.analyzer = _fast_analyzer_class()(lexicon_file="file:" + os.path.join(folder, "vader_lexicon.txt"))
        #: lower-case word -> valence (-4 … +4)
        self.lexicon: dict[str, float] = self.analyzer.lexicon
        # Target sentiment scores the same sentence and clause once per mention in it.
        self._scores = lru_cache(maxsize=8192)(self._score)

    def _score(self, text: str) -> tuple[tuple[str, float], ...]:
        return tuple(self.analyzer.polarity_scores(normalize(text, self.lexicon)).items())

    def polarity(self, text: str) -> dict[str, float]:
        """VADER ``neg``, ``neu``, ``pos``, ``compound`` of ``text``, counting quoted words."""
        if not isinstance(text, str) or not text.strip():
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        return dict(self._scores(text))


def _pipeline():
    """The shipped tables' :class:`newsdesk.Pipeline`, for callers that are not handed one."""
    # the pipeline is built on this module, not the other way round
    from newsdesk.pipeline import Pipeline

    return Pipeline()


def analyzer(pipeline: Pipeline | None = None):
    """The nltk VADER analyser of ``pipeline`` (by default the shipped tables' pipeline)."""
    return (pipeline or _pipeline()).vader.analyzer


def lexicon(pipeline: Pipeline | None = None) -> dict[str, float]:
    """The VADER lexicon: lower-case word -> valence (-4 … +4)."""
    return (pipeline or _pipeline()).vader.lexicon


def _is_word_char(c: str) -> bool:
    """What ``\\w`` matches in a ``str`` pattern: alphanumerics and the underscore."""
    return c.isalnum() or c == "_"


def _split_token(token: str, lex: dict) -> str:
    """``"difficult."`` -> ``" difficult . "``: VADER then sees the word (one-character
    punctuation tokens are ignored by VADER, and ``!`` still counts from the raw text)."""
    if _is_word_char(token[0]) and _is_word_char(token[-1]):
        return token  # nothing to split off (what _EDGE_PUNCT would find)
    if token.lower() in lex or not any(c.isalpha() for c in token):
        return token  # emoticons and pure punctuation stay as they are
    lead, core, tail = _EDGE_PUNCT.match(token).groups()
    return " ".join([*lead, core, *tail]) if core else token


def normalize(text: str, lex: dict[str, float] | None = None) -> str:
    """Text as VADER should see it: curly apostrophes made straight, quote marks and
    punctuation split off words (``lex``, the VADER lexicon, keeps emoticons whole)."""
    lex = lexicon() if lex is None else lex
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    for q in _QUOTES:
        text = text.replace(q, f" {q} ")
    return " ".join(_split_token(t, lex) for t in text.split())


def polarity(text: str, pipeline: Pipeline | None = None) -> dict[str, float]:
    """VADER ``neg``, ``neu``, ``pos``, ``compound`` of ``text``, counting quoted words.

    >>> polarity('He said the day had been "difficult."')["compound"] < 0
    True
    """
    if not isinstance(text, str) or not text.strip():
        return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    return (pipeline or _pipeline()).vader.polarity(text)


_SCORES = ["neg", "neu", "pos", "compound"]


def score_sentences(sentences: pd.DataFrame, pipeline: Pipeline | None = None) -> pd.DataFrame:
    """``sentences`` with VADER ``neg``, ``neu``, ``pos``, ``compound`` added (``pipeline``'s VADER)."""
    vader = (pipeline or _pipeline()).vader
    rows = [vader.polarity(t) for t in sentences["text"].tolist()]
    values = np.array([[r[k] for k in _SCORES] for r in rows], dtype="float64").reshape(len(rows), 4)
    return pd.concat([sentences, pd.DataFrame(values, columns=_SCORES, index=sentences.index)], axis=1)


_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
TONE_COLUMNS = ["n_sentences", "compound_mean", "compound_weighted", "tone", "positive", "negative",
                "polarity", "word_count"]


def tone_figures(text: str, pipeline: Pipeline | None = None) -> dict[str, float]:
    """GDELT-style tone of ``text`` from the VADER lexicon.

    ``positive`` / ``negative``: share of words (×100) with a positive / negative
    lexicon valence; ``tone`` = positive - negative; ``polarity`` = positive +
    negative (how emotionally charged the text is); ``word_count``.
    """
    get = lexicon(pipeline).get
    values = [get(w.lower().replace("\u2019", "'"), 0.0) for w in _WORD.findall(text or "")]
    n = len(values)
    pos = sum(v > 0 for v in values)
    neg = sum(v < 0 for v in values)
    p, q = (100 * pos / n, 100 * neg / n) if n else (0.0, 0.0)
    return {"tone": round(p - q, 4), "positive": round(p, 4), "negative": round(q, 4),
            "polarity": round(p + q, 4), "word_count": n}


def article_tone(text: str, sentences: pd.DataFrame, pipeline: Pipeline | None = None) -> dict:
    """Article-level columns: ``n_sentences``, ``compound_mean``, ``compound_weighted``
    (sentences weighted by their length) and the :func:`tone_figures` of the body
    (its sentences, so headings and the date line do not count)."""
    n = len(sentences)
    if n:
        lengths = (sentences["end"] - sentences["start"]).to_numpy(dtype="float64")
        comp = sentences["compound"].to_numpy(dtype="float64")
        mean, weighted = float(comp.mean()), float((comp * lengths).sum() / max(lengths.sum(), 1.0))
        body = " ".join(sentences["text"].tolist())
    else:
        mean = weighted = 0.0
        body = ""
    return {"n_sentences": n, "compound_mean": round(mean, 4), "compound_weighted": round(weighted, 4),
            **tone_figures(body, pipeline)}


# --------------------------------------------------------------------------- target sentiment

LABELS = ("negative", "neutral", "positive")
_DATA = Path(__file__).parent / "data"
MODEL_FILE = _DATA / "target_sentiment.npz"
_NEGATORS = frozenset({"not", "n't", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without",
                       "hardly", "barely", "cannot", "lack", "fail"})
_SUBJECTS = {"nsubj", "csubj", "expl"}
_OBJECTS = {"dobj", "nsubjpass", "iobj", "dative", "oprd"}
_CLIMB = {"compound", "conj", "appos", "flat", "nmod", "amod", "nummod", "det", "case"}
_NEG_REACH = frozenset({"acomp", "attr", "xcomp", "dobj", "advmod", "oprd", "pobj"})  # a "not" on the head negates these
_OTHER_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}
_PERSONAL = frozenset({"he", "she", "they", "him", "her", "them", "his", "their", "we", "us", "our", "i", "me", "my"})
_NEGATION = -0.74  # VADER's factor for a negated word
_TENSOR_PARTS = ("tt", "tg", "tw")  # token vectors: the target, its governor, the window around it


_STRINGS: dict[int, str] = {}
_LOWER: dict[int, str] = {}


def _strings(hashes: np.ndarray, store, lower: bool = False) -> list[str]:
    """Strings of spaCy hashes (memoised across docs: a hash always names the same string)."""
    memo = _LOWER if lower else _STRINGS
    keys = hashes.tolist()
    try:
        return [memo[h] for h in keys]
    except KeyError:  # words not seen before: add them, once each
        for h in set(keys).difference(memo):
            memo[h] = store[h].lower() if lower else store[h]
        return [memo[h] for h in keys]


@lru_cache(maxsize=8)
def _hashes(words: frozenset[str]) -> np.ndarray:
    """The ids spaCy gives ``words`` in ``Doc.to_array`` (a hash, or a symbol's number: "neg" is 425)."""
    from spacy.strings import get_string_id

    return np.array(sorted(get_string_id(w) for w in words), dtype="uint64")


class _Arrays:
    """What target sentiment needs of a parsed doc, per token, computed once per doc.

    Lists of strings (``lower``, ``lemma`` lower-cased, ``pos``, ``dep``), numpy
    arrays (``head`` index, lexicon ``valence`` with negation applied, quote-mark
    and valence prefix sums) and the entities other targets are looked for in.
    """

    def __init__(self, view: DocView, pipeline: Pipeline):
        from spacy import attrs, symbols  # late import: VADER and tone need no spaCy

        self.doc = doc = view.doc
        self.vader = pipeline.vader
        self.reporting = pipeline.lexicon.reporting_verbs
        self.verb_signs = pipeline.lexicon.sentiment_verbs
        n = len(doc)
        idx = np.arange(n)
        store = doc.vocab.strings
        a = view.columns([attrs.LOWER, attrs.LEMMA, attrs.POS, attrs.DEP, attrs.HEAD, attrs.IS_PUNCT, attrs.IS_STOP,
                          attrs.IS_QUOTE, attrs.ORTH, attrs.ENT_TYPE, attrs.IS_SPACE])
        self.lower = _strings(a[:, 0], store)
        self.lemma = _strings(a[:, 1], store, lower=True)
        self.pos = _strings(a[:, 2], store)
        self.dep = _strings(a[:, 3], store)
        self.ent_type = _strings(a[:, 9], store)
        self.head, head = view.head, view.head_array
        self.punct = a[:, 5].astype(bool).tolist()
        self.space = a[:, 10].astype(bool).tolist()
        self.stop = a[:, 6].astype(bool).tolist()
        plain = {store["'s"], store["'"]} if n else set()
        quote = a[:, 7].astype(bool) & ~np.isin(a[:, 8], list(plain))
        self.quotes = np.concatenate([[0], np.cumsum(quote)]).tolist()  # quote marks before token i
        starts = np.array([0], dtype="int64")
        if n and doc.has_annotation("SENT_START"):
            starts = np.union1d(starts, np.flatnonzero(view.column(attrs.SENT_START).astype("int64") == 1))
        self.sent_start = starts[np.searchsorted(starts, idx, side="right") - 1]
        self.sent_end = np.append(starts[1:], n)[np.searchsorted(starts, idx, side="right") - 1].tolist()
        get = self.vader.lexicon.get
        val = [get(lo) for lo in self.lower]  # the word's valence, else its lemma's
        val = np.array([v if v is not None else get(le, 0.0) for v, le in zip(val, self.lemma, strict=True)],
                       dtype="float64")
        neg_child = np.zeros(n, dtype=bool)
        neg_child[head[a[:, 3] == symbols.neg]] = True
        negated = neg_child | (np.isin(a[:, 3], _hashes(_NEG_REACH)) & neg_child[head])
        negator = np.isin(a[:, 0], _hashes(_NEGATORS)).astype("int64")
        nc = np.concatenate([[0], np.cumsum(negator)])
        before = np.maximum(self.sent_start, idx - 3)
        negated |= (nc[idx] - nc[before]) > 0
        self.negated = negated.tolist()
        self.sent_start = self.sent_start.tolist()
        self.valence = np.where(negated, val * _NEGATION, val)
        self.val_idx = np.flatnonzero(val).tolist()
        self.val_list = self.valence.tolist()
        self.val_sum = np.concatenate([[0.0], np.cumsum(self.valence)]).tolist()
        self.ents = [(e.start, e.end, e.root.i) for e in doc.ents if e.label_ in _OTHER_ENTITIES]
        personal = np.isin(a[:, 0], _hashes(_PERSONAL)) & (a[:, 2] == symbols.PRON)
        pronouns = [(i, i + 1, i) for i in np.flatnonzero(personal).tolist()]
        self.parties = sorted(self.ents + pronouns)  # who else sentiment may be directed at
        self._party_starts = [p[0] for p in self.parties]
        self._ent_starts = [e[0] for e in self.ents]
        # content words (no punctuation, stop words or proper nouns), for the bag of words of a scope
        self.content = np.flatnonzero((a[:, 5] == 0) & (a[:, 6] == 0) & (a[:, 2] != symbols.PROPN)).tolist()
        self.chars = view
        self._anc: dict[int, dict[int, int]] = {}
        self._dist: dict[tuple[int, int], int] = {}
        tensor = doc.tensor
        ok = tensor is not None and tensor.ndim == 2 and tensor.shape[0] == n and tensor.shape[1] > 0
        self.tensor = tensor if ok else None
        self._edges: dict[int, tuple[int, int]] = {}
        self._scopes: dict[tuple[int, int], tuple[float, list]] = {}
        self._people: dict[tuple[int, int], tuple[list, list]] = {}
        self._roles: dict[int, tuple[str, int, str]] = {}
        self._ranked: dict[tuple[int, int, int], list[tuple[int, int, int]]] = {}

    def target(self, start: int, end: int) -> tuple[int, int, int] | None:
        """``(first token, end token, root)`` of the tokens of characters ``start:end`` (as
        ``doc.char_span(start, end, alignment_mode="expand")`` widens them), without leading or
        trailing punctuation; None when no word is inside."""
        bounds = self.chars.span(start, end)
        if bounds is None:
            return None
        i, j = bounds
        while i < j and (self.punct[i] or self.space[i]):
            i += 1
        while j > i and (self.punct[j - 1] or self.space[j - 1]):
            j -= 1
        return (i, j, self.doc[i:j].root.i) if i < j else None

    def edges(self, i: int) -> tuple[int, int]:
        """First and last token index of token ``i``'s subtree."""
        e = self._edges.get(i)
        if e is None:
            t = self.doc[i]
            e = self._edges[i] = (t.left_edge.i, t.right_edge.i)
        return e

    def ancestors(self, i: int) -> dict[int, int]:
        """Token ``i`` and its ancestors -> their distance from ``i``."""
        anc = self._anc.get(i)
        if anc is None:
            head = self.head
            anc = {i: 0}
            t, depth = i, 0
            while head[t] != t:
                t = head[t]
                depth += 1
                anc[t] = depth
            self._anc[i] = anc
        return anc

    def distance(self, i: int, j: int) -> int:
        """Tree distance between tokens ``i`` and ``j`` (+10 when in different trees)."""
        d = self._dist.get((i, j))
        if d is None:
            anc, head = self.ancestors(j), self.head
            t, up = i, 0
            while t not in anc and head[t] != t:
                t = head[t]
                up += 1
            d = self._dist[(i, j)] = up + anc[t] if t in anc else up + 10
        return d

    def nearest_party(self, i: int, start: int, end: int, ts: int, te: int) -> int:
        """Tree distance from token ``i`` to the nearest party in ``start:end`` that does not overlap
        the target ``ts:te`` (there must be one)."""
        ranked = self._ranked.get((i, start, end))
        if ranked is None:  # the same for every target of the sentence: ranked once
            ranked = self._ranked[(i, start, end)] = sorted(
                (self.distance(i, r), s, e) for s, e, r in self.people(start, end)[0])
        return next(d for d, s, e in ranked if not (s < te and ts < e))

    def people(self, start: int, end: int) -> tuple[list, list]:
        """The parties and the named entities (start, end, root) inside tokens ``start:end``."""
        p = self._people.get((start, end))
        if p is None:  # both lists are sorted by start: only those starting inside can be inside
            parties = self.parties[bisect_left(self._party_starts, start):bisect_left(self._party_starts, end)]
            ents = self.ents[bisect_left(self._ent_starts, start):bisect_left(self._ent_starts, end)]
            p = self._people[(start, end)] = ([x for x in parties if x[1] <= end], [x for x in ents if x[1] <= end])
        return p

    def role(self, i: int) -> tuple[str, int, str]:
        """:func:`_role_of` token ``i``, worked out once per doc."""
        r = self._roles.get(i)
        if r is None:
            r = self._roles[i] = _role_of(self, i)
        return r

    def scope(self, start: int, end: int) -> tuple[float, list[tuple[int, str]]]:
        """VADER compound of ``doc[start:end]`` and its content words (index, lemma): no
        punctuation, stop words or proper nouns."""
        s = self._scopes.get((start, end))
        if s is None:
            content, lemma = self.content, self.lemma
            words = [(i, lemma[i]) for i in content[bisect_left(content, start):bisect_left(content, end)]]
            chars = self.chars  # the span's text, as Span.text gives it, without building the Span
            text = chars.text[chars.start_list[start]:chars.end_list[end - 1]].strip() if end > start else ""
            s = self._scopes[(start, end)] = (self.vader.polarity(text)["compound"], words)
        return s

    def compound(self, *ranges: tuple[int, int]) -> float:
        """VADER-style normalised sum ``x / sqrt(x² + 15)`` of the valence of token ranges."""
        x = sum(self.val_sum[hi] - self.val_sum[lo] for lo, hi in ranges if hi > lo)
        return x / (x * x + 15.0) ** 0.5


def _arrays(doc, pipeline: Pipeline | None = None) -> _Arrays:
    """The :class:`_Arrays` of ``doc`` (a Doc or its DocView) with ``pipeline``'s lexicons (by default the
    shipped tables')."""
    from newsdesk.docview import view_of

    return _Arrays(view_of(doc), pipeline or _pipeline())


def _role_of(a: _Arrays, root: int) -> tuple[str, int, str]:
    """(semantic role, governing token index, preposition) of the token ``root``; see :func:`_role`."""
    dep, head = a.dep, a.head
    tok, prep, poss = root, "", False
    for _ in range(6):
        d = dep[tok]
        if d in _CLIMB or d == "poss":
            poss = poss or d == "poss"
            if head[tok] == tok:
                break
            tok = head[tok]
            continue
        p = head[tok]
        if d == "pobj" and dep[p] in {"prep", "agent"}:
            prep, gov = a.lower[p], head[p]
            if dep[p] == "agent":
                return "agent", gov, prep
            if prep == "of" and a.pos[gov] in {"NOUN", "PROPN"} and dep[gov] in _SUBJECTS | _OBJECTS:
                tok = gov  # "the leader of X" shares the role of "the leader"
                continue
            return "oblique", gov, prep
        role = ("agent" if d in _SUBJECTS else "patient" if d in _OBJECTS
                else "attr" if d in {"attr", "acomp"} else "root" if d == "ROOT" else "other")
        if poss and role in {"agent", "patient"}:
            role = "poss_" + role
        return role, (head[tok] if d != "ROOT" else tok), prep
    return "other", head[tok], prep


def _role(target) -> tuple[str, object, str]:
    """(semantic role, governing token, preposition) of a target span's root.

    Climbs through compounds, appositions, conjuncts and possessives, so that
    "Trump's aides attacked X" makes "Trump's aides" the agent of "attacked".
    """
    role, gov, prep = _role_of(_arrays(target.doc), target.root.i)
    return role, target.doc[gov], prep


def _add(feats: dict, key: str, value: float) -> None:
    feats[key] = feats.get(key, 0.0) + value


#: Longest scope (in tokens) target sentiment looks at around a target. A news sentence is far
#: shorter; a run-on one (a transcript, a table pasted as text) is cut to this window around each
#: target, so the work per target is bounded and a sentence's cost grows linearly with its targets.
MAX_SCOPE_TOKENS = 256


def _features(a: _Arrays, start: int, end: int, ts: int, te: int, root: int) -> tuple[dict, np.ndarray | None]:
    """Named features and the token-vector block of target tokens ``ts:te`` (root ``root``) in
    scope tokens ``start:end``; see :func:`target_features`."""
    if end - start > MAX_SCOPE_TOKENS:  # a run-on "sentence": a window of tokens around the target
        # Windows start on a grid of a quarter of their length, so the targets near each other share
        # one window and what is worked out once per scope (its VADER score, its parties).
        step = MAX_SCOPE_TOKENS // 4
        lo = start + max(0, (ts - start - MAX_SCOPE_TOKENS // 2) // step * step)
        start = max(start, min(lo, end - MAX_SCOPE_TOKENS))
        end = max(te, min(end, start + MAX_SCOPE_TOKENS))
    dep, head, lemma = a.dep, a.head, a.lemma
    feats: dict[str, float] = {"bias": 1.0}
    anc = a.ancestors(root)
    role, gov, prep = a.role(root)
    clause = gov
    while a.pos[clause] not in {"VERB", "AUX"} and head[clause] != clause:
        clause = head[clause]
    c_lo, c_hi = a.edges(clause)
    m_lo, m_hi = a.edges(root)
    q = a.quotes

    feats[f"role={role}"] = 1.0
    if prep:
        feats[f"prep={prep}"] = 1.0
    gl = lemma[gov]
    feats[f"gov={role}|{gl}"] = 1.0
    h = root
    for k in range(3):
        if head[h] == h:
            break
        feats[f"h{k}={dep[h]}:{lemma[head[h]]}"] = 1.0
        h = head[h]
    speaker = role == "agent" and gl in a.reporting
    feats["speaker"] = float(speaker)
    in_quote = (q[root] - q[start]) % 2 == 1
    feats["in_quote"] = float(in_quote)
    verb = a.verb_signs.get(gl)
    if verb is not None:
        vclass, to_agent, to_patient = verb
        feats[f"vclass={vclass}|{role}"] = 1.0
        sign = to_agent if role in {"agent", "poss_agent"} else to_patient if role in {
            "patient", "poss_patient", "oblique"} else 0
        if sign:
            feats["verb_sign"] = float(sign) * (-1.0 if a.negated[gov] else 1.0)

    feats[f"tent={a.ent_type[root] or '-'}"] = 1.0
    feats[f"tpos={a.pos[root]}"] = 1.0
    if a.pos[root] != "PROPN":
        feats[f"thead={lemma[root]}"] = 1.0
    prev, t = root, root
    for _ in range(4):  # directed verbs above the target: "the nomination of X was blocked"
        if head[t] == t:
            break
        prev, t = t, head[t]
        verb = a.verb_signs.get(lemma[t])
        if verb is not None:
            feats[f"above={verb[0]}|{dep[prev]}"] = 1.0
    in_scope, named = a.people(start, end)
    parties = [r for s, e, r in in_scope if not (s < te and ts < e)]
    for r in parties:  # what the others do or undergo: "X accused Y" tells about X through Y
        o_role, o_gov, _ = a.role(r)
        o_verb = a.verb_signs.get(lemma[o_gov])
        if o_verb is not None and o_role != "other":
            feats[f"other={o_verb[0]}|{o_role}|{'same' if o_gov == gov else 'diff'}"] = 1.0
        feats[f"other_role={o_role}|{role}"] = 1.0
    total = 0.0
    vals = a.val_idx
    for i in vals[bisect_left(vals, start):bisect_left(vals, end)]:
        v = a.val_list[i]
        if ts <= i < te:  # "an innocent young woman": the target's own words
            _add(feats, f"self_{'pos' if v > 0 else 'neg'}", abs(v) / 4)
            continue
        if m_lo <= i <= m_hi:
            rel = "mod"
        elif i in anc:
            rel = "gov"
        elif c_lo <= i <= c_hi:
            rel = "clause"
        else:
            rel = "other"
            if ((q[i] - q[start]) % 2 == 1) != in_quote:
                rel = "quote" if not in_quote else "outside"
        if i == gov:
            _add(feats, f"govval|{role}", v)
        d = a.distance(i, root)
        sign = "pos" if v > 0 else "neg"
        _add(feats, f"{rel}_{sign}", abs(v) / 4)
        _add(feats, f"{rel}_{sign}|{role}", abs(v) / 4)
        _add(feats, f"{rel}_{sign}_n", 1.0)
        total += v / (1.0 + d)
        if parties:
            d_other = a.nearest_party(i, start, end, ts, te)
            _add(feats, f"near_{'me' if d < d_other else 'them' if d > d_other else 'tie'}_{sign}", abs(v) / 4)
        else:
            _add(feats, f"near_alone_{sign}", abs(v) / 4)
    feats["dist_weighted"] = total / 2
    sent, words = a.scope(start, end)
    feats["sent_compound"] = sent
    feats["speaker_x_sent"] = sent * speaker
    feats["clause_compound"] = a.compound((c_lo, min(ts, c_hi + 1)), (max(te, c_lo), c_hi + 1))
    feats["near_compound"] = a.compound((max(start, ts - 6), ts), (te, min(end, te + 6)))
    if m_lo < ts or m_hi >= te:  # the target has modifiers
        feats["mod_compound"] = a.compound((m_lo, min(ts, m_hi + 1)), (max(te, m_lo), m_hi + 1))
    for i in [*range(max(start, ts - 4), ts), *range(te, min(end, te + 4))]:
        if not a.punct[i]:
            feats[f"ctx{'L' if i < ts else 'R'}={'<NAME>' if a.pos[i] == 'PROPN' else lemma[i]}"] = 1.0
    others = [(s, r) for s, _, r in named if not ts <= r < te]
    feats["n_others"] = min(len(others), 3) / 3
    feats["others_in_clause"] = float(any(c_lo <= r <= c_hi for _, r in others))
    feats["first_entity"] = float(not any(s < ts for s, _ in others))
    clause_in_target = ts <= clause < te
    for i, w in words:
        if ts <= i < te:
            continue
        feats[f"bow={w}"] = 0.5
        if c_lo <= i <= c_hi and not clause_in_target:
            feats[f"cl={w}"] = 1.0
    dense = None
    if a.tensor is not None:
        tensor = a.tensor
        window = [i for i in range(max(start, ts - 3), min(end, te + 3)) if not ts <= i < te]
        width = tensor.shape[1]
        dense = np.zeros(3 * width, dtype="float64")
        # sum / count is what ndarray.mean computes (the same float32 sums), without its overhead
        dense[:width] = tensor[ts:te].sum(axis=0) / (te - ts)
        dense[width:2 * width] = tensor[gov]
        if window:
            dense[2 * width:] = tensor[window].sum(axis=0) / len(window)
        dense /= 4
    return feats, dense


def _dense_names(width: int) -> list[str]:
    return [f"{p}{k}" for p in _TENSOR_PARTS for k in range(width)]


def target_features(scope, target, pipeline: Pipeline | None = None) -> dict[str, float]:
    """Features of the sentiment toward ``target`` (a Span) within ``scope`` (its sentence Span).

    Lexicon valence split by the word's syntactic relation to the target
    (modifier, governing predicate, same clause, elsewhere) and by whether the
    word is nearer (in the parse) to the target or to another party of the
    sentence, the target's own words, its semantic role, its governing verb and
    the directed verbs above it, the roles of the other parties ("X accused Y"
    says something of X through Y), quotes and reporting verbs, its entity type,
    context words near the target (proper nouns masked) and the parser's token
    vectors.
    """
    return _target_features(_arrays(target.doc, pipeline), scope, target)


def _target_features(a: _Arrays, scope, target) -> dict[str, float]:
    """:func:`target_features` with the doc's arrays ``a``."""
    feats, dense = _features(a, scope.start, scope.end, target.start, target.end, target.root.i)
    if dense is not None:
        nonzero = dense != 0
        feats.update(zip(np.array(_dense_names(len(dense) // 3))[nonzero].tolist(), dense[nonzero].tolist(),
                         strict=True))
    return feats


def target_span(doc, start: int, end: int, pipeline: Pipeline | None = None):
    """The token span of characters ``start:end`` in ``doc``, widened to whole tokens,
    without leading or trailing punctuation (None when no word is inside)."""
    target = _arrays(doc, pipeline).target(start, end)
    return doc[target[0]:target[1]] if target else None


class _Model:
    """The shipped classifier (``data/target_sentiment.npz``): a multinomial logistic
    regression over named features, the token-vector block kept as a dense matrix."""

    def __init__(self, names: list[str], coef: np.ndarray, intercept: np.ndarray):
        self.index = {n: i for i, n in enumerate(names)}
        self.weights = np.ascontiguousarray(coef.T, dtype="float64")  # features × classes
        self.intercept = intercept.astype("float64")
        self._dense: dict[int, np.ndarray] = {}

    def dense_weights(self, width: int) -> np.ndarray:
        """Weights of the token-vector block (``3 * width`` rows; zero for names the model lacks)."""
        w = self._dense.get(width)
        if w is None:
            w = np.zeros((3 * width, self.weights.shape[1]))
            for k, name in enumerate(_dense_names(width)):
                j = self.index.get(name)
                if j is not None:
                    w[k] = self.weights[j]
            self._dense[width] = w
        return w

    def probabilities(self, rows: list[dict], dense: list[np.ndarray | None]) -> np.ndarray:
        """Class probabilities (rows × LABELS) of named features plus token-vector blocks."""
        get = self.index.get
        m = len(rows)
        cols = np.array([get(name, -1) for feats in rows for name in feats], dtype="int64")
        vals = np.array([v for feats in rows for v in feats.values()], dtype="float64")
        r_idx = np.repeat(np.arange(m), [len(feats) for feats in rows])
        known = cols >= 0
        contrib = self.weights[cols[known]] * vals[known, None]
        z = np.tile(self.intercept, (m, 1))
        for k in range(z.shape[1]):
            z[:, k] += np.bincount(r_idx[known], weights=contrib[:, k], minlength=m)
        have = [r for r, block in enumerate(dense) if block is not None]
        if have:
            blocks = np.vstack([dense[r] for r in have])
            z[have] += blocks @ self.dense_weights(blocks.shape[1] // 3)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)


def load_model(data: bytes | None) -> _Model | None:
    """The classifier of a weights file's contents (``target_sentiment.npz``; None without one)."""
    if data is None:
        return None
    with np.load(io.BytesIO(data)) as z:
        return _Model([str(n) for n in z["features"]], z["coef"], z["intercept"])


def _labelled(p: np.ndarray) -> dict:
    return {"label": LABELS[int(p.argmax())], "score": round(float(p[2] - p[0]), 4)}


def _lexicon_label(features: dict) -> dict:
    """Without trained weights: the target's clause, scored by the lexicon."""
    c = features.get("clause_compound", 0.0)
    return {"label": "negative" if c <= -0.05 else "positive" if c >= 0.05 else "neutral", "score": round(c, 4)}


def classify(features: dict[str, float], pipeline: Pipeline | None = None) -> dict:
    """``{"label", "score"}`` from :func:`target_features`: the label with the highest
    probability, the score ``P(positive) - P(negative)`` in [-1, 1] (``pipeline``'s weights)."""
    model = (pipeline or _pipeline()).target_model
    if model is None:
        return _lexicon_label(features)
    return _labelled(model.probabilities([features], [None])[0])


def score_target(doc, start: int, end: int, pipeline: Pipeline | None = None) -> dict:
    """Sentiment toward characters ``start:end`` of a parsed ``doc`` (or its DocView), within their sentence."""
    pipeline = pipeline or _pipeline()
    a = _arrays(doc, pipeline)
    target = a.target(start, end)
    if target is None:
        return {"label": "neutral", "score": 0.0}
    doc = a.doc
    span = doc[target[0]:target[1]]
    scope = span.sent if doc.has_annotation("SENT_START") else doc[:]
    return classify(_target_features(a, scope, span), pipeline)


def _score_spans(doc, a: _Arrays, spans: list, model: _Model | None) -> list[dict]:
    """:func:`score_target` of many targets of one doc (its arrays ``a``), ``(first token, end token,
    root)`` each (None: no word), classified at once by ``model``."""
    sents = doc.has_annotation("SENT_START")
    rows, dense, where = [], [], []
    for k, span in enumerate(spans):
        if span is None:
            continue
        ts, te, root = span
        start, end = (int(a.sent_start[ts]), a.sent_end[ts]) if sents else (0, len(doc))
        feats, block = _features(a, start, end, ts, te, root)
        rows.append(feats)
        dense.append(block)
        where.append(k)
    out = [{"label": "neutral", "score": 0.0} for _ in spans]
    if model is None:
        for k, feats in zip(where, rows, strict=True):
            out[k] = _lexicon_label(feats)
    elif rows:
        for k, p in zip(where, model.probabilities(rows, dense), strict=True):
            out[k] = _labelled(p)
    return out


def mentions_sentiment(view: DocView | Doc, mentions: pd.DataFrame, pipeline: Pipeline | None = None) -> pd.DataFrame:
    """``mentions`` with ``target_label`` and ``target_score``: the sentiment expressed toward
    each mention in its sentence (see :func:`target_sentiment`), with ``pipeline``'s lexicons
    and weights (by default the shipped tables'). ``view`` is the doc's DocView (or the Doc)."""
    from newsdesk import segment

    pipeline = pipeline or _pipeline()
    a = _arrays(view, pipeline)  # built once: all the doc's targets share it
    spans = [a.target(s, e) for s, e in zip(mentions["start"].tolist(), mentions["end"].tolist(), strict=True)]
    scores = _score_spans(a.doc, a, spans, pipeline.target_model)
    out = mentions.copy()
    out["target_label"] = segment.str_array([r["label"] for r in scores])
    out["target_score"] = np.array([r["score"] for r in scores], dtype="float64")
    return out


def target_sentiment(text: str, start: int, end: int, pipeline: Pipeline | None = None) -> dict:
    """Sentiment expressed toward ``text[start:end]`` in its sentence.

    Returns ``{"label": "negative"|"neutral"|"positive", "score": float}``, the
    score in [-1, 1]. The negativity of "X accused Y of lying" falls on Y.

    >>> s = 'Zelenskyy accused Russia of seeking to "drag out" negotiations.'
    >>> target_sentiment(s, 19, 25)["label"]   # doctest: +SKIP
    'negative'
    """
    pipeline = pipeline or _pipeline()
    return score_target(pipeline.parse(text), start, end, pipeline)


# --------------------------------------------------------------------------- aggregates


def paragraph_sentiment(corpus) -> pd.DataFrame:
    """One row per paragraph with sentences: ``article_id``, ``para_id``, ``start``, ``end``,
    ``n_sentences``, ``compound`` (mean), ``compound_weighted`` (by sentence length),
    ``neg``/``neu``/``pos`` (means), ``is_heading``."""
    s = corpus.sentences
    cols = ["article_id", "para_id", "start", "end", "n_sentences", "compound", "compound_weighted",
            "neg", "neu", "pos", "is_heading"]
    if s.empty:
        return pd.DataFrame(columns=cols)
    s = s.assign(_len=(s["end"] - s["start"]).astype("float64"))
    s = s.assign(_w=s["compound"] * s["_len"])
    g = s.groupby(["article_id", "para_id"], sort=False)
    out = g.agg(n_sentences=("compound", "size"), compound=("compound", "mean"), _w=("_w", "sum"),
                _len=("_len", "sum"), neg=("neg", "mean"), neu=("neu", "mean"), pos=("pos", "mean")).reset_index()
    out["compound_weighted"] = out["_w"] / out["_len"].where(out["_len"] > 0)
    paras = corpus.paragraphs[["article_id", "para_id", "start", "end", "is_heading"]]
    out = paras.merge(out, on=["article_id", "para_id"], how="inner")
    return out[cols].round(4).reset_index(drop=True)


def actor_sentiment(corpus, by: str | None = None) -> pd.DataFrame:
    """Sentiment toward each actor over the corpus (``by="date"``: per actor and date).

    Columns: ``actor``, (``date``), ``n_mentions``, ``n_articles``, ``mean_score``,
    ``negative``, ``neutral``, ``positive`` (mention counts per label), ``net``
    (positive minus negative share). Sorted by mentions, then actor.
    """
    m = corpus.mentions
    keys = ["actor"] + (["date"] if by == "date" else [])
    cols = [*keys, "n_mentions", "n_articles", "mean_score", *LABELS, "net"]
    if m.empty or "target_label" not in m.columns:
        return pd.DataFrame(columns=cols)
    m = m[m["actor"].notna() & (m["actor"].astype(str) != "")]
    if by == "date":
        m = m.merge(corpus.articles[["article_id", "date"]], on="article_id", how="left")
    counts = pd.crosstab([m[k] for k in keys], m["target_label"]).reindex(columns=list(LABELS), fill_value=0)
    g = m.groupby(keys)
    out = pd.DataFrame({"n_mentions": g.size(), "n_articles": g["article_id"].nunique(),
                        "mean_score": g["target_score"].mean().round(4)}).join(counts)
    out["net"] = ((out["positive"] - out["negative"]) / out["n_mentions"]).round(4)
    out = out.reset_index()
    out.columns.name = None
    return out.sort_values(["n_mentions", *keys], ascending=[False] + [True] * len(keys),
                           kind="stable")[cols].reset_index(drop=True)


def _actor_labels(mentions: pd.DataFrame) -> pd.DataFrame:
    """``article_id``, ``sent_id``, ``actors``: "actor (label)" of each sentence's mentions, in order."""
    m = mentions[mentions["actor"].notna()] if "actor" in mentions else mentions.iloc[:0]
    if m.empty or "target_label" not in m:
        return pd.DataFrame(columns=["article_id", "sent_id", "actors"])
    m = m.assign(_a=m["actor"].astype(str) + " (" + m["target_label"].astype(str) + ")")
    return (m.groupby(["article_id", "sent_id"], sort=False)["_a"]
            .agg(lambda s: ", ".join(dict.fromkeys(s))).rename("actors").reset_index())


def sentences_with_actors(corpus) -> pd.DataFrame:
    """Sentences from most negative to most positive with the actors they mention and the
    sentiment toward each: ``article_id``, ``sent_id``, ``compound``, ``actors``, ``text``."""
    s = corpus.sentences[["article_id", "sent_id", "compound", "text"]]
    out = s.merge(_actor_labels(corpus.mentions), on=["article_id", "sent_id"], how="left")
    out["actors"] = out["actors"].fillna("")
    out = out.sort_values(["compound", "article_id", "sent_id"], kind="stable")
    return out[["article_id", "sent_id", "compound", "actors", "text"]].round(4).reset_index(drop=True)


def sentiment_contrasts(corpus) -> pd.DataFrame:
    """Mentions whose target sentiment differs most from their sentence's compound.

    Columns: ``article_id``, ``sent_id``, ``actor``, ``mention``, ``target_label``,
    ``target_score``, ``sentence_compound``, ``gap`` (target minus sentence), ``sentence``.
    """
    cols = ["article_id", "sent_id", "actor", "mention", "target_label", "target_score",
            "sentence_compound", "gap", "sentence"]
    m = corpus.mentions
    if m.empty or "target_score" not in m:
        return pd.DataFrame(columns=cols)
    s = corpus.sentences[["article_id", "sent_id", "compound", "text"]].rename(
        columns={"compound": "sentence_compound", "text": "sentence"})
    out = m.rename(columns={"text": "mention"}).merge(s, on=["article_id", "sent_id"], how="inner")
    out["gap"] = out["target_score"] - out["sentence_compound"]
    out = out.assign(_abs=out["gap"].abs()).sort_values(["_abs", "article_id", "start"], ascending=[False, True, True],
                                                        kind="stable")
    return out[cols].round(4).reset_index(drop=True)
