"""Sentiment: VADER per sentence, paragraph and article; tone; sentiment toward targets.

VADER runs through nltk's ``SentimentIntensityAnalyzer`` with the lexicon that
the ``vaderSentiment`` package ships (loaded once per process, see
:func:`analyzer`). Before scoring, quote marks and punctuation glued to a word
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
quotes), the target's semantic role with the verb table
``data/sentiment_verbs.csv`` (the object of "accused" receives the
negativity), negation, context words and the parser's token vectors. Its
weights (``data/target_sentiment.npz``) are trained on NewsMTSC by
``benchmarks/train_target_sentiment.py``; without them the target's clause is
scored by the lexicon.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
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
    from nltk.sentiment import vader

    folder = os.path.dirname(os.path.abspath(vaderSentiment.__file__))
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    vader.SentiText = _FastSentiText(vader.SentiText)
    return vader.SentimentIntensityAnalyzer(lexicon_file="file:" + os.path.join(folder, "vader_lexicon.txt"))


class _PunctuatedWords:
    """nltk's ``{"cat,": "cat", ",cat": "cat"}`` table, answered on demand.

    nltk's ``SentiText`` builds that table for every word × every punctuation
    mark on each call, which is most of VADER's time on news sentences; this
    gives the same answers (word + mark first, as nltk's dict update order does).
    """

    def __init__(self, words: set, marks: list):
        self.words, self.marks = words, marks

    def get(self, token: str):
        for mark in self.marks:
            if token.endswith(mark) and token[: -len(mark)] in self.words:
                return token[: -len(mark)]
        for mark in self.marks:
            if token.startswith(mark) and token[len(mark):] in self.words:
                return token[len(mark):]
        return None

    def __contains__(self, token: str) -> bool:
        return self.get(token) is not None

    def __getitem__(self, token: str) -> str:
        return self.get(token)


def _FastSentiText(base):
    """nltk's ``SentiText`` with the on-demand punctuation table (idempotent)."""
    if getattr(base, "newsdesk_fast", False):
        return base

    class FastSentiText(base):
        newsdesk_fast = True

        def _words_plus_punc(self):
            no_punc_text = self.REGEX_REMOVE_PUNCTUATION.sub("", self.text)
            return _PunctuatedWords({w for w in no_punc_text.split() if len(w) > 1}, self.PUNC_LIST)

    return FastSentiText


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
    return dict(_polarity(text))


@lru_cache(maxsize=8192)
def _polarity(text: str) -> tuple[tuple[str, float], ...]:
    # Target sentiment scores the same sentence and clause once per mention in it.
    return tuple(analyzer().polarity_scores(normalize(text)).items())


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """``sentences`` with VADER ``neg``, ``neu``, ``pos``, ``compound`` added."""
    out = sentences.copy()
    scores = pd.DataFrame([polarity(t) for t in out["text"]], columns=["neg", "neu", "pos", "compound"])
    for col in ("neg", "neu", "pos", "compound"):
        out[col] = scores[col].to_numpy(dtype="float64") if len(out) else pd.Series(dtype="float64")
    return out


_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
TONE_COLUMNS = ["n_sentences", "compound_mean", "compound_weighted", "tone", "positive", "negative",
                "polarity", "word_count"]


def tone_figures(text: str) -> dict[str, float]:
    """GDELT-style tone of ``text`` from the VADER lexicon.

    ``positive`` / ``negative``: share of words (×100) with a positive / negative
    lexicon valence; ``tone`` = positive - negative; ``polarity`` = positive +
    negative (how emotionally charged the text is); ``word_count``.
    """
    lex = lexicon()
    words = [w.lower().replace("\u2019", "'") for w in _WORD.findall(text or "")]
    n = len(words)
    pos = sum(1 for w in words if lex.get(w, 0.0) > 0)
    neg = sum(1 for w in words if lex.get(w, 0.0) < 0)
    p, q = (100 * pos / n, 100 * neg / n) if n else (0.0, 0.0)
    return {"tone": round(p - q, 4), "positive": round(p, 4), "negative": round(q, 4),
            "polarity": round(p + q, 4), "word_count": n}


def article_tone(text: str, sentences: pd.DataFrame) -> dict:
    """Article-level columns: ``n_sentences``, ``compound_mean``, ``compound_weighted``
    (sentences weighted by their length) and the :func:`tone_figures` of the body
    (its sentences, so headings and the date line do not count)."""
    n = len(sentences)
    if n:
        lengths = (sentences["end"] - sentences["start"]).to_numpy(dtype="float64")
        comp = sentences["compound"].to_numpy(dtype="float64")
        mean, weighted = float(comp.mean()), float((comp * lengths).sum() / max(lengths.sum(), 1.0))
        body = " ".join(sentences["text"])
    else:
        mean = weighted = 0.0
        body = ""
    return {"n_sentences": n, "compound_mean": round(mean, 4), "compound_weighted": round(weighted, 4),
            **tone_figures(body)}


# --------------------------------------------------------------------------- target sentiment

LABELS = ("negative", "neutral", "positive")
_DATA = Path(__file__).parent / "data"
MODEL_FILE = _DATA / "target_sentiment.npz"
_NEGATORS = {"not", "n't", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without", "hardly",
             "barely", "cannot", "lack", "fail"}
_REPORTING = {"say", "tell", "add", "claim", "insist", "argue", "write", "state", "note", "explain", "declare",
              "announce", "suggest", "acknowledge", "admit", "ask", "reply", "respond", "contend", "assert",
              "believe", "think", "testify", "tweet", "post", "report"}
_SUBJECTS = {"nsubj", "csubj", "expl"}
_OBJECTS = {"dobj", "nsubjpass", "iobj", "dative", "oprd"}
_CLIMB = {"compound", "conj", "appos", "flat", "nmod", "amod", "nummod", "det", "case"}


@lru_cache(maxsize=1)
def sentiment_verbs() -> pd.DataFrame:
    """The shipped table of verbs whose sentiment falls on one participant (``data/sentiment_verbs.csv``)."""
    return pd.read_csv(_DATA / "sentiment_verbs.csv", comment="#").set_index("lemma")


def _valence(token) -> float:
    """Lexicon valence of a token (its form, else its lemma), 0 when absent."""
    lex = lexicon()
    v = lex.get(token.lower_)
    if v is None:
        v = lex.get(token.lemma_.lower(), 0.0)
    return v


def _negated(token) -> bool:
    """A ``neg`` child on the token or on the head it predicates, or a negator just before it."""
    heads = [token]
    if token.dep_ in {"acomp", "attr", "xcomp", "dobj", "advmod", "oprd", "pobj"}:
        heads.append(token.head)
    if any(c.dep_ == "neg" for h in heads for c in h.children):
        return True
    doc = token.doc
    prev = doc[max(token.sent.start, token.i - 3):token.i]
    return any(t.lower_ in _NEGATORS for t in prev)


def _in_quotes(scope, i: int) -> bool:
    """Whether token index ``i`` sits between an odd number of quote marks of ``scope``."""
    marks = sum(1 for t in scope if t.i < i and t.is_quote and t.text not in {"'s", "'"})
    return marks % 2 == 1


def _role(target) -> tuple[str, object, str]:
    """(semantic role, governing token, preposition) of a target span's root.

    Climbs through compounds, appositions, conjuncts and possessives, so that
    "Trump's aides attacked X" makes "Trump's aides" the agent of "attacked".
    """
    tok = target.root
    prep = ""
    poss = False
    for _ in range(6):
        dep = tok.dep_
        if dep in _CLIMB or dep == "poss":
            poss = poss or dep == "poss"
            if tok.head.i == tok.i:
                break
            tok = tok.head
            continue
        if dep == "pobj" and tok.head.dep_ in {"prep", "agent"}:
            prep = tok.head.lower_
            gov = tok.head.head
            if tok.head.dep_ == "agent":
                return "agent", gov, prep
            if prep == "of" and gov.pos_ in {"NOUN", "PROPN"} and gov.dep_ in _SUBJECTS | _OBJECTS:
                tok = gov  # "the leader of X" shares the role of "the leader"
                continue
            return "oblique", gov, prep
        role = ("agent" if dep in _SUBJECTS else "patient" if dep in _OBJECTS
                else "attr" if dep in {"attr", "acomp"} else "root" if dep == "ROOT" else "other")
        if poss and role in {"agent", "patient"}:
            role = "poss_" + role
        return role, tok.head if dep != "ROOT" else tok, prep
    return "other", tok.head, prep


def _path(a, b_ancestors: dict) -> int:
    """Tree distance from token ``a`` to a token whose ancestors-with-depth are ``b_ancestors``."""
    up = 0
    tok = a
    while True:
        if tok.i in b_ancestors:
            return up + b_ancestors[tok.i]
        if tok.head.i == tok.i:
            return up + 10
        tok = tok.head
        up += 1


def sign_of(v: float) -> str:
    return "pos" if v > 0 else "neg"


def _path_label(root, tok, anc: dict) -> str:
    """Dependency labels from the target's root up to the common head, then down to ``tok``."""
    down = []
    t = tok
    while t.i not in anc:
        down.append(t.dep_)
        t = t.head
    up = []
    r = root
    while r.i != t.i:
        up.append(r.dep_)
        r = r.head
    return "^".join(up) + "|" + "v".join(reversed(down))


def target_features(scope, target) -> dict[str, float]:
    """Features of the sentiment toward ``target`` (a Span) within ``scope`` (its sentence Span).

    Lexicon valence split by the word's syntactic relation to the target
    (modifier, governing predicate, same clause, elsewhere), the target's
    semantic role and its governing verb, quotes and reporting verbs, and
    context words near the target (proper nouns masked).
    """
    feats: dict[str, float] = {"bias": 1.0}
    root = target.root
    tset = set(range(target.start, target.end))
    anc = {root.i: 0}
    depth = 0
    for a in root.ancestors:
        depth += 1
        anc[a.i] = depth
    role, gov, prep = _role(target)
    clause = gov
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    clause_set = {t.i for t in clause.subtree}
    mod_set = {t.i for t in root.subtree} - tset
    verbs = sentiment_verbs()

    feats[f"role={role}"] = 1.0
    if prep:
        feats[f"prep={prep}"] = 1.0
    gl = gov.lemma_.lower()
    feats[f"gov={role}|{gl}"] = 1.0
    h = root
    for k in range(3):
        if h.head.i == h.i:
            break
        feats[f"h{k}={h.dep_}:{h.head.lemma_.lower()}"] = 1.0
        h = h.head
    speaker = role == "agent" and gl in _REPORTING
    feats["speaker"] = float(speaker)
    in_quote = _in_quotes(scope, root.i)
    feats["in_quote"] = float(in_quote)
    if gl in verbs.index:
        row = verbs.loc[gl]
        feats[f"vclass={row['class']}|{role}"] = 1.0
        sign = row["agent"] if role in {"agent", "poss_agent"} else row["patient"] if role in {
            "patient", "poss_patient", "oblique"} else 0
        if sign:
            feats["verb_sign"] = float(sign) * (-1.0 if _negated(gov) else 1.0)

    total = 0.0
    for tok in scope:
        if tok.i in tset:
            continue
        v = _valence(tok)
        if not v:
            continue
        if _negated(tok):
            v *= -0.74
        if tok.i in mod_set:
            rel = "mod"
        elif tok.i in anc:
            rel = "gov"
        elif tok.i in clause_set:
            rel = "clause"
        else:
            rel = "other"
        if rel == "other" and _in_quotes(scope, tok.i) != in_quote:
            rel = "quote" if not in_quote else "outside"
        if tok.i == gov.i:
            feats[f"govval|{role}"] = feats.get(f"govval|{role}", 0.0) + v
        d = _path(tok, anc)
        if d <= 4:
            feats[f"path={_path_label(root, tok, anc)}|{sign_of(v)}"] = 1.0
        sign = "pos" if v > 0 else "neg"
        feats[f"{rel}_{sign}"] = feats.get(f"{rel}_{sign}", 0.0) + abs(v) / 4
        feats[f"{rel}_{sign}|{role}"] = feats.get(f"{rel}_{sign}|{role}", 0.0) + abs(v) / 4
        feats[f"{rel}_{sign}_n"] = feats.get(f"{rel}_{sign}_n", 0.0) + 1.0
        total += v / (1.0 + d)
        feats[f"lex={rel}|{tok.lemma_.lower()}"] = 1.0
    feats["dist_weighted"] = total / 2
    sent = polarity(scope.text)["compound"]
    feats["sent_compound"] = sent
    feats["speaker_x_sent"] = sent * speaker
    doc = scope.doc
    clause_toks = sorted(i for i in clause_set if i not in tset)
    feats["clause_compound"] = polarity(" ".join(doc[i].text for i in clause_toks))["compound"]
    near = doc[max(scope.start, target.start - 6):target.start].text + " " + doc[target.end:min(
        scope.end, target.end + 6)].text
    feats["near_compound"] = polarity(near)["compound"]
    if mod_set:
        feats["mod_compound"] = polarity(" ".join(doc[i].text for i in sorted(mod_set)))["compound"]
    lo, hi = max(scope.start, target.start - 4), min(scope.end, target.end + 4)
    for tok in scope.doc[lo:hi]:
        if tok.i in tset or tok.is_punct:
            continue
        word = "<NAME>" if tok.pos_ == "PROPN" else tok.lemma_.lower()
        side = "L" if tok.i < target.start else "R"
        feats[f"ctx{side}={word}"] = 1.0
    others = [e for e in scope.ents if e.label_ in {"PERSON", "ORG", "GPE", "NORP"} and e.root.i not in tset]
    feats["n_others"] = min(len(others), 3) / 3
    feats["others_in_clause"] = float(any(e.root.i in clause_set for e in others))
    feats["first_entity"] = float(not any(e.start < target.start for e in others))
    for tok in scope:
        if tok.i not in tset and not tok.is_punct and not tok.is_stop and tok.pos_ != "PROPN":
            feats[f"bow={tok.lemma_.lower()}"] = 0.5
    for tok in clause.subtree if clause.i not in tset else ():
        if tok.i not in tset and not tok.is_punct and not tok.is_stop and tok.pos_ != "PROPN":
            feats[f"cl={tok.lemma_.lower()}"] = 1.0
    tensor = scope.doc.tensor
    if tensor is not None and tensor.ndim == 2 and tensor.shape[0] == len(scope.doc) and tensor.shape[1]:
        window = [i for i in range(max(scope.start, target.start - 3), min(scope.end, target.end + 3))
                  if i not in tset]
        parts = [("tt", tensor[target.start:target.end]), ("tg", tensor[gov.i:gov.i + 1])]
        if window:
            parts.append(("tw", tensor[window]))
        for name, rows in parts:
            for k, x in enumerate(rows.mean(axis=0)):
                feats[f"{name}{k}"] = float(x) / 4
    return feats


def target_span(doc, start: int, end: int):
    """The token span of characters ``start:end`` in ``doc``, widened to whole tokens,
    without leading or trailing punctuation (None when no word is inside)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    i, j = span.start, span.end
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space):
        j -= 1
    return doc[i:j] if i < j else None


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, int], np.ndarray, np.ndarray] | None:
    """The shipped classifier (``data/target_sentiment.npz``): feature index, weights, intercepts."""
    if not MODEL_FILE.exists():
        return None
    with np.load(MODEL_FILE) as z:
        names = [str(n) for n in z["features"]]
        return {n: i for i, n in enumerate(names)}, z["coef"], z["intercept"]


def classify(features: dict[str, float]) -> dict:
    """``{"label", "score"}`` from :func:`target_features`: the label with the highest
    probability, the score ``P(positive) - P(negative)`` in [-1, 1]."""
    model = _model()
    if model is None:  # no trained weights: the target's clause, scored by the lexicon
        c = features.get("clause_compound", 0.0)
        return {"label": "negative" if c <= -0.05 else "positive" if c >= 0.05 else "neutral", "score": c}
    index, coef, intercept = model
    x = np.zeros(coef.shape[1])
    for name, value in features.items():
        i = index.get(name)
        if i is not None:
            x[i] = value
    z = coef @ x + intercept
    p = np.exp(z - z.max())
    p /= p.sum()
    return {"label": LABELS[int(p.argmax())], "score": round(float(p[2] - p[0]), 4)}


def score_target(doc, start: int, end: int) -> dict:
    """Sentiment toward characters ``start:end`` of a parsed ``doc``, within their sentence."""
    span = target_span(doc, start, end)
    if span is None:
        return {"label": "neutral", "score": 0.0}
    return classify(target_features(span.sent if doc.has_annotation("SENT_START") else doc[:], span))


def mentions_sentiment(doc, mentions: pd.DataFrame) -> pd.DataFrame:
    """``mentions`` with ``target_label`` and ``target_score``: the sentiment expressed toward
    each mention in its sentence (see :func:`target_sentiment`)."""
    out = mentions.copy()
    scores = [score_target(doc, int(s), int(e)) for s, e in zip(out["start"], out["end"], strict=True)]
    out["target_label"] = pd.Series([r["label"] for r in scores], index=out.index, dtype="object")
    out["target_score"] = pd.Series([r["score"] for r in scores], index=out.index, dtype="float64")
    return out


def target_sentiment(text: str, start: int, end: int) -> dict:
    """Sentiment expressed toward ``text[start:end]`` in its sentence.

    Returns ``{"label": "negative"|"neutral"|"positive", "score": float}``, the
    score in [-1, 1]. The negativity of "X accused Y of lying" falls on Y.

    >>> s = 'Zelenskyy accused Russia of seeking to "drag out" negotiations.'
    >>> target_sentiment(s, 19, 25)["label"]   # doctest: +SKIP
    'negative'
    """
    from newsdesk.nlp import get_nlp

    return score_target(get_nlp()(text), start, end)


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
