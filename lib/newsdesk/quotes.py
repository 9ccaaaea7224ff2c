"""Quotes and their speakers: who said what.

``quotes_from_doc(view, mentions)`` finds every passage between double quote
marks (straight ``"``, typographic ``“ ”``, guillemets) and attributes it to a
speaker through the reporting verb ("cue") that governs it in the
dependency parse, or the nearest cue in its sentence. Pronouns ("he said")
and descriptions ("the Ukrainian leader said") are resolved to the person
they refer to, and an unnamed spokesperson to the body named with them ("a
BHP spokeswoman said"); a quote paragraph without a cue continues the previous
quote's speaker, a quote after a sentence where someone spoke is theirs, a quote
signed after a dash ('"..." ― Ana Ruiz') is the signer's and a transcript turn
('"WALLACE: ...') its speaker's. ``find_quotes(text)`` does the same for a bare text.

One row per quoted passage (a quote running over several paragraphs gives
one row per paragraph, each with the same speaker):

=============  =======  ===========================================================
column         dtype    meaning
=============  =======  ===========================================================
start, end     int64    offsets of the quoted text, without the marks
quote          str      the quoted text
speaker        object   canonical actor who said it; None when unknown
speaker_start  Int64    offsets of the mention the attribution rests on
speaker_end    Int64    (a name, a pronoun or a description); <NA> when none
cue            object   the reporting verb or phrase as written ("said", "according to")
partial        bool     a fragment inside the reporter's own sentence
scare          bool     a quoted word or title with no speaker, not speech
compound       float64  VADER compound score of the quote
=============  =======  ===========================================================

Reporting verbs live in ``data/cue_verbs.csv`` (lemma, kind) and the role
nouns that may stand for a person ("the president said") in
``data/role_nouns.csv``; both can be extended (see :mod:`newsdesk.lexicon`).

>>> find_quotes('"We will win," she said.')[["quote", "cue"]]   # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsdesk import segment
from newsdesk.docview import DocView, view_of
from newsdesk.lexicon import Lexicon

if TYPE_CHECKING:  # the pipeline imports this module
    from newsdesk.pipeline import Pipeline

QUOTE_COLUMNS = [
    "start", "end", "quote", "speaker", "speaker_start", "speaker_end", "cue", "partial", "scare", "compound",
]


#: Mark glyph -> (default role, family). Straight marks take their role from context.
_MARKS = {
    '"': ("either", "straight"), "\u201c": ("open", "curly"), "\u201d": ("close", "curly"),
    "\u201e": ("open", "curly"), "\u00ab": ("open", "angle"), "\u00bb": ("close", "angle"),
}
_BEFORE_OPEN = set("([{\u2014\u2013-/")
_AFTER_CLOSE = set(".,;:!?)]}\u2014\u2013-/\u2026")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_REPORTED_DEPS = ("ccomp", "xcomp", "conj", "parataxis")
#: Nouns of what a body issues and that speak for it ("a statement issued by the ministry said").
_STATEMENT_NOUNS = {"statement", "release", "communique", "communiqué", "report", "letter", "memo"}
#: Verbs that name the one they quote as their object ("the paper quotes X as saying").
_QUOTING_VERBS = {"quote", "cite"}
_CLIMB_DEPS = ("conj", "advcl", "xcomp", "acl", "pcomp", "ccomp", "relcl", "prep", "dep")
_NP_DEPS = ("det", "amod", "compound", "poss", "nummod", "nmod", "case", "prep", "pobj", "quantmod", "advmod")
_INVERTED_DEPS = ("dobj", "attr", "npadvmod", "nsubj", "appos", "dep", "oprd")
_NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
_RELATIVE = {"who", "that", "which", "whom"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_GROUP_PRONOUNS = {"they", "it", "we"}
_SCARE_CUES = {"so-called", "dubbed", "titled", "named", "nicknamed", "entitled"}
_MAX_SCARE_WORDS = 3
_TAG = re.compile(r"<[A-Za-z/][^<>\n]*>")
_MARK = re.compile("[" + re.escape("".join(_MARKS)) + "]")
#: Columns of the mentions frame that attribution reads.
_MENTION_FIELDS = ["start", "end", "text", "label", "actor", "kind"]


# --------------------------------------------------------------------------- quote marks


#: A speaker's name in capitals and a colon opening a quote: a transcript's turn ('"WALLACE: ...').
_TRANSCRIPT = re.compile(r"(?P<name>[A-Z][A-Z'\u2019.\- ]{0,38}[A-Z]):[ \t]")
#: After a closing mark, a dash and a name that ends the line: the quote's signature ('"..." ― Ana Ruiz').
_SIGNATURE = re.compile(
    r"[\"\u201d\u2019'\u00bb]?[.,]?[^\S\n]*[\u2015\u2014\u2013-][^\S\n]*"
    r"(?P<name>[A-Z][^\n\"\u201c\u201d]{1,60}?)[.,]?[^\S\n]*(?:\n|$)")


@dataclass
class _Quote:
    start: int
    end: int
    para: int
    opens_para: bool  # the opening mark is the paragraph's first character
    runs_on: bool  # no closing mark before the paragraph end


def _mark_role(text: str, i: int, lo: int, hi: int, open_now: bool) -> str:
    default = _MARKS[text[i]][0]
    left = text[i - 1] if i > lo else " "
    right = text[i + 1] if i + 1 < hi else " "
    opener = (left.isspace() or left in _BEFORE_OPEN) and not right.isspace()
    closer = (right.isspace() or right in _AFTER_CLOSE) and not left.isspace()
    if opener != closer:
        return "open" if opener else "close"
    if default != "either":
        return default
    return "close" if open_now else "open"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every quoted passage in ``text``, marks excluded, outermost only.

    Marks pair within a paragraph; an unclosed mark runs to the paragraph end,
    which is also how a quote running over several paragraphs is written.

    >>> quote_spans('He said "yes" and "no')
    [(9, 12), (19, 21)]
    """
    return [(q.start, q.end) for q in _find_quotes_in_text(text)]


def _find_quotes_in_text(text: str) -> list[_Quote]:
    out: list[_Quote] = []
    if _MARK.search(text) is None:  # no mark, no quote (a third of Wikinews articles)
        return out
    in_tags = {i for m in _TAG.finditer(text) for i in range(m.start(), m.end())}
    for para, (lo, hi) in enumerate(segment.paragraph_spans(text)):
        stack: list[tuple[int, str]] = []
        spans: list[tuple[int, int, bool]] = []
        for m in _MARK.finditer(text, lo, hi):  # the marks only, not every character
            i = m.start()
            if i in in_tags:  # attribute values of embedded markup
                continue
            family = _MARKS[text[i]][1]
            role = _mark_role(text, i, lo, hi, any(f == family for _, f in stack))
            if role == "open":
                stack.append((i, family))
            elif stack:
                at = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == family), len(stack) - 1)
                opened = stack[at][0]
                del stack[at:]
                if not stack:
                    spans.append((opened + 1, i, False))
        if stack:  # unbalanced: recover at the paragraph end
            spans.append((stack[0][0] + 1, hi, True))
        for s, e, runs_on in spans:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if any(ch.isalnum() for ch in text[s:e]):
                out.append(_Quote(s, e, para, s - 1 == lo or text[lo:s].strip() in _MARKS, runs_on))
    return out


# --------------------------------------------------------------------------- attribution


class _Attributor:
    """Finds cue and speaker for the quotes of one doc."""

    def __init__(self, view: DocView, mentions: pd.DataFrame, quotes: list[_Quote], lexicon: Lexicon):
        self.doc = view.doc
        self.chars = view
        self.text = self.chars.text  # doc.text joins every token on each access
        self.quotes = quotes
        self.inside = set()
        for q in quotes:
            span = self.span(q)
            if span is not None:
                self.inside.update(range(span.start, span.end))
        self.mentions = self._mention_tokens(mentions)
        self.cues = lexicon.cue_verbs
        self.speaker_roles = lexicon.speaker_roles
        self.addressee_cues = lexicon.addressee_cues  # "told Reuters": the name after is spoken to
        self.sent_bounds = view.sent_bounds  # (start, end) token ranges; a Span made when asked
        self.sent_starts = [start for start, _ in self.sent_bounds]
        self._read_arrays()
        self.spoke: dict[int, tuple[str | None, str]] = {}

    def _read_arrays(self) -> None:
        """Heads, punctuation and cue flags of every token, read once from the doc's view (the cue
        search and the walk up the parse visit many tokens; a Token object for each costs more)."""
        doc, view = self.doc, self.chars
        n = len(doc)
        lower, pos, lemma = view.column(LOWER), view.column(POS), view.column(LEMMA)
        self.heads = view.head
        self.punct = view.punct
        self.pos = pos.tolist()
        outside = np.ones(n, dtype=bool)
        outside[list(self.inside)] = False
        according = (lower == get_string_id("according")) & np.append(lower[1:] == get_string_id("to"), False)
        #: what :meth:`_is_cue` says of each token: "according to", or a verb with a cue's lemma
        self.cue_flags = (outside & according).tolist()
        strings, cue_lemma = doc.vocab.strings, {}
        verbs = np.flatnonzero(outside & (pos == VERB))
        for i, h in zip(verbs.tolist(), lemma[verbs].tolist(), strict=True):
            if h not in cue_lemma:
                cue_lemma[h] = strings[h].lower() in self.cues
            self.cue_flags[i] = self.cue_flags[i] or cue_lemma[h]

    def _mention_tokens(self, mentions: pd.DataFrame) -> dict[int, dict]:
        """token index -> mention record (the longest mention covering the token)."""
        out: dict[int, dict] = {}
        if mentions is None or mentions.empty:
            return out
        for m in sorted(segment.records(mentions, _MENTION_FIELDS), key=lambda m: m["start"]):
            bounds = self.chars.span(int(m["start"]), int(m["end"]))
            if bounds is None:
                continue
            m["tok_start"], m["tok_end"] = bounds  # records() made the dict for us: no copy needed
            size = m["end"] - m["start"]
            for i in range(*bounds):
                old = out.get(i)
                if old is None or (old["end"] - old["start"]) < size:
                    out[i] = m
        return out

    def span(self, q: _Quote) -> Span | None:
        """The tokens of quote ``q``: ``doc.char_span(q.start, q.end, alignment_mode="expand")``."""
        bounds = self.chars.span(q.start, q.end)
        return None if bounds is None else self.doc[bounds[0]:bounds[1]]

    def sent(self, i: int) -> Span:
        """The sentence holding token ``i`` (``Token.sent`` rescans the doc every time)."""
        start, end = self.sent_range(i)
        return self.doc[start:end]

    def sent_range(self, i: int) -> tuple[int, int]:
        """``(start, end)`` tokens of the sentence holding token ``i``."""
        return self.sent_bounds[bisect.bisect_right(self.sent_starts, i) - 1]

    # ---- cues

    def _is_cue(self, tok: Token) -> bool:
        """A reporting verb ("said", "insists") or "according (to)", outside every quote."""
        return self.cue_flags[tok.i]

    def find_cue(self, q: _Quote) -> Token | None:
        span = self.span(q)
        if span is None:
            return None
        # 1. a cue right after the closing mark: '"...," she said', '"...," said Berg'
        text = self.text
        after = text[q.end:q.end + 3].lstrip("".join(_MARKS))
        last = text[q.start:q.end].rstrip("'\u2019\"\u201d ")[-1:]
        set_off = last in (",", "?", "!", "\u2014", "-") or after.startswith(",")
        window = 6 if set_off else 0
        for tok in self.doc[span.end:span.end + window]:
            if "\n" in tok.text or tok.i in self.inside or (tok.is_punct and tok.text not in _MARKS
                                                             and tok.text not in ",—–-"):
                break
            if self._is_cue(tok) or (tok.pos_ == "NOUN" and tok.i > span.end + 1
                                     and tok.lemma_.lower() in self.cues):  # '"...," the Saudis state'
                return tok
        # 2. a cue that governs the quote in the parse: the closest above any token whose head lies outside
        heads, flags = self.heads, self.cue_flags
        best = None
        for i in range(span.start, span.end):
            if (span.start <= heads[i] < span.end and heads[i] != i) or self.punct[i]:
                continue
            j, depth = i, 0
            while heads[j] != j and depth < len(heads):  # up the ancestors, as Token.ancestors
                j = heads[j]
                if flags[j]:
                    if best is None or depth < best[0]:
                        best = (depth, j)
                    break
                depth += 1
        if best is not None:
            return self.doc[best[1]]
        # 3. the nearest cue in the sentences around the quote (same paragraph)
        cands = [i for start, end in self._sentences_around(span) for i in range(start, end) if flags[i]]
        if cands:
            return self.doc[min(cands, key=lambda i: min(abs(i - span.start), abs(i - span.end)))]
        return None

    def _sentences_around(self, span: Span) -> list[tuple[int, int]]:
        """Token ranges of the quote's sentences, with the one before if it ends in a colon and the one
        after if it goes on in lower case, within the paragraph."""
        text, starts, ends = self.text, self.chars.start_list, self.chars.end_list
        first, last = self.sent_range(span.start), self.sent_range(span.end - 1)
        sents = [first] if first == last else [first, last]
        if first[0] > 0:
            prev = self.sent_range(first[0] - 1)
            same_para = "\n" not in text[ends[prev[1] - 1]:starts[first[0]]]
            if same_para and text[starts[prev[0]]:ends[prev[1] - 1]].rstrip().endswith(":"):
                sents.insert(0, prev)
        if last[1] < len(starts):
            nxt = self.sent_range(last[1])
            gap = text[ends[last[1] - 1]:starts[nxt[0]]]
            if "\n" not in gap and text[starts[nxt[0]]:ends[nxt[1] - 1]][:1].islower():
                sents.append(nxt)
        return sents

    # ---- speakers

    def acting_subject(self, q: _Quote, cue: Token | None) -> tuple[Token, Token] | None:
        """``(verb, subject)`` when the verb that takes the quote is not a reporting verb but a person
        does it ('Reid has gone after Trump as a "human leech ..."', 'as Trump went on about "how
        the system is rigged"'); not inside what a reporting verb reports ('X said Y would face "...").
        """
        span = self.span(q)
        if span is None:
            return None
        heads = self.heads
        outside = [heads[i] for i in range(span.start, span.end) if not span.start <= heads[i] < span.end]
        if not outside:
            return None
        j = outside[0]
        for _ in range(3):  # up from a preposition or noun to its verb
            if self.pos[j] == VERB or heads[j] == j:
                break
            j = heads[j]
        verb = self.doc[j]
        if verb.pos != VERB or self._is_cue(verb) or (cue is not None and verb.dep_ in _REPORTED_DEPS):
            return None
        subj = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i not in self.inside]
        if not subj:
            return None
        m = self.mentions.get(subj[0].i)
        if (m is not None and m["label"] == "PERSON") or subj[0].lower_ in _PERSON_PRONOUNS:
            return verb, subj[0]
        return None

    def outer_subject(self, cue: Token, subj: Token | None) -> Token | None:
        """The subject of a reporting verb whose complement holds ``cue``, when it is the one speaking:
        "X said in the letter that the advertisement "..." suggests" (the inner subject is a thing),
        "She said she recalls "..."" (the same pronoun). A named inner speaker keeps the quote."""
        if subj is not None and subj.pos_ == "PRON":  # "He did not address the tweets in which he called"
            top = None
            for verb in list(cue.ancestors)[:4]:
                above = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i not in self.inside]
                if above and above[0].i < subj.i:
                    top = above[0]
            if top is not None and top.lower_ == subj.lower_:
                return top
        if subj is None or cue.dep_ not in ("ccomp", "conj", "advcl") or cue.head.i == cue.i:
            return None
        outer = cue.head
        if not self._is_cue(outer) or outer.i in self.inside:
            return None
        above = [c for c in outer.children if c.dep_ in _SUBJECT_DEPS and c.i not in self.inside
                 and c.ent_type_ not in _NOT_SPEAKERS]
        if not above or above[0].i == subj.i or above[0].lower_ in _RELATIVE:
            return None
        if subj.pos_ == "PRON":
            return above[0] if subj.lower_ == above[0].lower_ else None
        if subj.pos_ == "NOUN" and subj.i not in self.mentions and subj.lemma_.lower() not in self.speaker_roles:
            return above[0]  # "the advertisement", "a majority of Americans": not who speaks
        return None

    def subject_of(self, cue: Token) -> Token | None:
        """The token naming who speaks through ``cue``."""
        if cue.lower_ == "according":
            to = self.doc[cue.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            return objs[0] if objs else None
        if cue.pos_ == "NOUN":  # a cue the tagger took for a noun: the noun phrase before it
            for tok in reversed(self.doc[max(cue.i - 5, 0):cue.i]):
                if tok.i in self.inside or tok.text in _MARKS or tok.is_punct:
                    break
                if tok.pos_ in ("PROPN", "NOUN", "PRON"):
                    return tok
            return None
        if cue.dep_ == "pcomp" and cue.head.lower_ == "as" and cue.head.head.lemma_.lower() in _QUOTING_VERBS:
            objs = [c for c in cue.head.head.children if c.dep_ == "dobj" and c.i not in self.inside]
            if objs:  # "the site quotes X as saying": X speaks, not the site
                return objs[0]
        before = self.mentions.get(cue.i - 1) if cue.i else None
        if cue.tag_ == "VBG" and before is not None and before["label"] == "PERSON":
            return self.doc[before["tok_end"] - 1]  # 'footage of Hillary Clinton asking, "..."'
        agents = [p for a in cue.children if a.dep_ == "agent" for p in a.children
                  if p.dep_ == "pobj" and p.i not in self.inside]
        if agents:  # "was described by X as "..."": the passive's agent speaks, not its subject
            return agents[0]
        verb = cue
        for _ in range(4):
            subj = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i not in self.inside
                    and c.ent_type_ not in _NOT_SPEAKERS and any(ch.isalpha() for ch in c.text)]  # not a "―"
            if subj and (verb.i == cue.i or self._is_cue(verb) or not self._cue_above(verb)):
                tok = subj[0]
                named = [c for c in subj[1:] if c.i in self.mentions]
                if tok.pos_ == "NOUN" and tok.i not in self.mentions and named:
                    tok = named[0]  # "the activist group the Project on X has called it": two subjects, one named
                if tok.lower_ in _RELATIVE and verb.dep_ == "relcl":  # "Berg, a lawyer who said"
                    return verb.head.head if verb.head.dep_ == "appos" else verb.head
                return tok
            if verb.i == cue.i:  # "said Trump", "said the senator"
                after = [c for c in verb.rights if c.dep_ in _INVERTED_DEPS and c.i not in self.inside
                         and c.pos_ in ("PROPN", "NOUN", "PRON") and c.i - verb.i <= 4
                         and c.ent_type_ not in _NOT_SPEAKERS  # "said Monday" is no speaker
                         and (c.pos_ != "NOUN" or c.i in self.mentions or c.lemma_.lower() in self.speaker_roles)]
                if after and cue.lemma_.lower() not in self.addressee_cues:
                    return after[0]
                named = self.mentions.get(cue.i + 1)
                if named is not None and named["label"] == "PERSON" and cue.is_sent_start and cue.i + 1 not in self.inside:
                    return self.doc[named["tok_end"] - 1]  # 'Said Ellis: "..."' however it was parsed
            if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN"):
                head = verb.head
                if head.pos_ == "PROPN" or head.i in self.mentions or head.lemma_.lower() in self.speaker_roles:
                    return head  # "Berg, taking to Twitter to call ..."
                if head.head.i != head.i:  # "issued a statement saying ...": the one who issued it
                    verb = head.head
                    continue
            if verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i:
                verb = verb.head
                continue
            break
        return self._first_person_before(cue)

    def colon_before(self, q: _Quote) -> Token | None:
        """The colon that introduces the quote in its paragraph ("Berg resisted: "..."")."""
        span = self.span(q)
        if span is None:
            return None
        for tok in reversed(self.doc[max(span.start - 3, 0):span.start]):
            if tok.text == ":" and tok.i not in self.inside:
                return tok
            if not (tok.is_space or tok.text in _MARKS):
                return None
        return None

    def colon_subject(self, colon: Token) -> Token | None:
        """The name right before the colon, else the subject of the clause the colon ends."""
        if colon.i > 0:
            m = self.mentions.get(colon.i - 1)
            if m is not None and m["label"] in ("PERSON", "ORG"):
                return self.doc[m["tok_end"] - 1]
        head = self.doc[colon.i - 1] if colon.i > 0 else colon
        while head.head.i != head.i and head.head.i < colon.i and head.head.i not in self.inside:
            head = head.head  # the top of the clause the colon ends
        for verb in (head, self.sent(colon.i).root):
            subj = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i not in self.inside
                    and c.i < colon.i and c.ent_type_ not in _NOT_SPEAKERS]
            if subj:
                return subj[0]
        return None

    def dash_subject(self, q: _Quote) -> Token | None:
        """The name signing a quote after a dash at the end of its line ('"..." ― Ana Ruiz'), as
        epigraphs and collected reactions are attributed."""
        found = _SIGNATURE.match(self.text, q.end, min(q.end + 160, len(self.text)))
        if found is None:
            return None
        bounds = self.chars.span(found.start("name"), found.start("name") + 1)
        if bounds is None:
            return None
        tok = self.doc[bounds[0]]
        m = self.mentions.get(tok.i)
        if m is not None and m["label"] in ("PERSON", "ORG", "NORP"):
            return self.doc[m["tok_end"] - 1]
        if tok.pos_ not in ("PROPN", "NOUN") or not tok.text[:1].isupper():
            return None
        while tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].is_title and not tok.whitespace_.count("\n"):
            tok = self.doc[tok.i + 1]  # the name's last word, which heads it ("Ana Ruiz")
        return tok

    def fallback_subject(self, q: _Quote) -> Token | None:
        """Speaker of a quote without a cue.

        Inside a reporter's sentence ("Berg has a motto: "...""), the
        sentence's subject or the name before a colon; a quote standing alone,
        the person who was the subject just before.
        """
        span = self.span(q)
        if span is None:
            return None
        sent = self.sent(span.start)
        before = [t for t in sent if t.i < span.start and t.i not in self.inside and not t.is_space
                  and t.text not in _MARKS]
        if before:
            if before[-1].text not in (":", ",") or len(text_of(q, self.text).split()) <= _MAX_SCARE_WORDS:
                return None
            if before[-1].text == ":" and len(before) > 1:
                m = self.mentions.get(before[-2].i)
                if m is not None and m["label"] in ("PERSON", "ORG"):
                    return self.doc[m["tok_end"] - 1]
            root = sent.root
            if root.i in self.inside:
                return None
            subj = [c for c in root.children if c.dep_ in _SUBJECT_DEPS and c.i not in self.inside
                    and c.ent_type_ not in _NOT_SPEAKERS]
            return subj[0] if subj else None
        reported = self._reporter_before(sent.start)
        if reported is not None:
            return reported
        for i in range(span.start - 1, max(sent.start - 60, -1), -1):
            tok = self.doc[i]
            if self._sentences_between(i, sent.start) > 2 or i in self.inside:
                break
            if tok.dep_ not in _SUBJECT_DEPS:
                continue
            m = self.mentions.get(i)
            if (m is not None and m["label"] == "PERSON") or tok.lower_ in _PERSON_PRONOUNS:
                return tok
        return None

    def _reporter_before(self, sent_start: int) -> Token | None:
        """Who speaks in the sentence right before, in the same paragraph ('..., Schiff said. "The other
        factor ..."'): the subject of its last reporting verb, when that names someone."""
        if sent_start == 0:
            return None
        start, end = self.sent_range(sent_start - 1)
        if "\n" in self.text[self.chars.end_list[end - 1]:self.chars.start_list[sent_start]]:
            return None
        cues = [i for i in range(start, end) if self.cue_flags[i] and i not in self.inside]
        if not cues:
            return None
        subj = self.subject_of(self.doc[cues[-1]])
        if subj is None or subj.i in self.inside:
            return None
        m = self.mentions.get(subj.i)
        if (m is not None and m["label"] in ("PERSON", "ORG", "NORP")) or subj.lower_ in _PERSON_PRONOUNS:
            return subj
        return None

    def _cue_above(self, verb: Token) -> bool:
        return any(self._is_cue(a) for a in verb.ancestors)

    def _first_person_before(self, cue: Token) -> Token | None:
        """A parse without a subject: the first person named in the sentence before the cue."""
        for i in range(self.sent_range(cue.i)[0], cue.i):
            m = self.mentions.get(i)
            if m is not None and m["label"] == "PERSON" and i not in self.inside:
                return self.doc[m["tok_end"] - 1]
        return None

    def speaker_span(self, tok: Token) -> tuple[int, int, dict | None]:
        """Token range of the speaker mention and the mention record (if any) it rests on."""
        m = self.mentions.get(tok.i)
        if m is not None:
            return m["tok_start"], m["tok_end"], m
        for child in tok.children:  # "the head of the delegation, Vladimir Medinsky"
            if child.dep_ == "appos":
                for t in child.subtree:
                    m = self.mentions.get(t.i)
                    if m is not None and m["label"] == "PERSON":
                        return m["tok_start"], m["tok_end"], m
        keep = [tok]
        todo = [tok]
        while todo:
            for c in todo.pop().children:
                if c.dep_ in _NP_DEPS and c.i not in self.inside:
                    keep.append(c)
                    todo.append(c)
        lo, hi = min(t.i for t in keep), max(t.i for t in keep) + 1
        for i in range(lo, hi):  # a description the actors step resolved
            m = self.mentions.get(i)
            if m is not None and m.get("kind") == "description":
                return lo, hi, m
        return lo, hi, None

    def resolve(self, tok: Token, lo: int, hi: int, mention: dict | None) -> tuple[str | None, str]:
        """Canonical speaker for the subject ``tok`` (covering tokens lo..hi) and its label."""
        if mention is not None:
            if mention.get("kind") == "description" or mention["tok_start"] <= tok.i < mention["tok_end"] \
                    or mention["label"] == "PERSON":
                return self.canonical(mention), mention["label"]
        low = tok.lower_
        if tok.pos_ == "PRON":
            if low in _PERSON_PRONOUNS:
                return self.antecedent(lo, ("PERSON",)), "PERSON"
            if low in _GROUP_PRONOUNS:
                return self.antecedent(lo, ("ORG", "GPE", "NORP")), "ORG"
            return None, ""
        if self._looks_like_name(tok):  # a name the entity recogniser missed
            chain = [t for t in self.doc[lo:hi] if t == tok or (t.head == tok and t.dep_ == "compound"
                                                                 and t.text[:1].isupper())]
            return self.expand_name(" ".join(t.text for t in chain)), "PERSON"
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        if tok.lemma_.lower() in self.speaker_roles and dets & {"the", "this", "that"}:
            return self.antecedent(lo, ("PERSON",)), "PERSON"
        if tok.lemma_.lower() in self.speaker_roles or tok.lemma_.lower() in _STATEMENT_NOUNS:
            phrase = self._phrase_tokens(tok, lo, hi)  # "a BHP spokeswoman", "a statement issued by the ministry"
        else:  # "the US military", not "Scott's relatives" nor "a majority of Americans"
            phrase = [c.i for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i not in self.inside]
        for i in phrase:
            m = self.mentions.get(i)
            if m is not None and m["label"] in ("ORG", "GPE", "NORP") and m.get("kind") != "description":
                return self.canonical(m), m["label"]
        return None, ""

    def _phrase_tokens(self, tok: Token, lo: int, hi: int) -> list[int]:
        """Tokens of the speaker's noun phrase, with what a participle after it says of it
        ("a statement issued by the Interior Ministry"), outside every quote."""
        extra = [t.i for c in tok.children if c.dep_ == "acl" and c.i > tok.i for t in c.subtree]
        return [i for i in [*range(lo, hi), *extra] if i not in self.inside]

    def _looks_like_name(self, tok: Token) -> bool:
        if not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN"):
            return False
        words = [t for t in self.sent(tok.i) if t.is_alpha]
        return tok.pos_ == "PROPN" or (bool(words) and words[0] != tok)

    def antecedent(self, tok_i: int, labels: tuple[str, ...]) -> str | None:
        """The actor a pronoun or description at ``tok_i`` refers to.

        The most recent earlier speaker or sentence subject with a fitting
        label in the last few sentences, else the most recent such mention.
        """
        sent_start = self.sent_range(tok_i)[0]
        recent_any = speaking = None
        seen = set()
        for i in range(tok_i - 1, -1, -1):
            spoke = self.spoke.get(i)
            if spoke is not None and spoke[1] in labels and spoke[0]:
                return spoke[0]
            m = self.mentions.get(i)
            if (m is not None and speaking is None and "PERSON" in labels and m["label"] not in labels
                    and m.get("kind") == "name" and self.doc[i].dep_ in _SUBJECT_DEPS
                    and self.cue_flags[self.heads[i]] and self._sentences_between(i, sent_start) <= 1):
                speaking = m  # "DuVernay said she ...": a name the recogniser took for a place still speaks
            if m is None or i in self.inside or m["label"] not in labels or id(m) in seen:
                continue
            seen.add(id(m))
            if recent_any is None:
                recent_any = m
            root = self.doc[m["tok_start"]:m["tok_end"]].root
            if root.dep_ in _SUBJECT_DEPS or (root.dep_ == "appos" and root.head.dep_ in _SUBJECT_DEPS):
                return self.canonical(m)
            if self._sentences_between(i, sent_start) > 3:
                break
        if recent_any is None and speaking is not None:
            return self.canonical(speaking)
        return self.canonical(recent_any) if recent_any is not None else None

    def _sentences_between(self, i: int, sent_start: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, sent_start) - bisect.bisect_right(self.sent_starts, i))

    def canonical(self, mention: dict) -> str:
        """The mention's actor; a lone surname becomes an earlier full name ending with it."""
        actor = str(mention.get("actor") or mention["text"]).strip()
        if mention["label"] == "PERSON":
            return self.expand_name(actor)
        return actor.removesuffix("'s").removesuffix("\u2019s")

    def expand_name(self, name: str) -> str:
        """A lone surname ("Berg") becomes the full name used earlier ("Anna Berg")."""
        name = name.removesuffix("'s").removesuffix("\u2019s")
        if " " in name:
            return name
        for full in self.person_names:
            if full.endswith(" " + name):
                return full
        return name

    @property
    def person_names(self) -> list[str]:
        names = {str(m.get("actor") or m["text"]) for m in self.mentions.values() if m["label"] == "PERSON"}
        names |= {name for name, label in self.spoke.values() if name and label == "PERSON"}
        return sorted(names, key=lambda n: (-len(n), n))

    def record(self, tok_i: int, speaker: str | None, label: str) -> None:
        """Remember a resolved speaker, so later pronouns can refer to it."""
        self.spoke[tok_i] = (speaker, label)


# --------------------------------------------------------------------------- public


def _compound(text: str, pipeline) -> float:
    return float(pipeline.vader.polarity(text)["compound"])


def _pipeline():
    """The shipped tables' :class:`newsdesk.Pipeline`, for callers that are not handed one."""
    # the pipeline is built on this module, not the other way round
    from newsdesk.pipeline import Pipeline

    return Pipeline()


def _is_partial(att: _Attributor, q: _Quote) -> bool:
    """A fragment inside the reporter's sentence, not a clause set off by the marks."""
    text = att.text
    first = att.span(q)
    if first is None:
        return False
    sent_start = att.chars.start_list[att.sent_range(first.start)[0]]
    before = text[sent_start:max(sent_start, q.start - 1)].strip()
    if q.opens_para or not before or before.endswith((":", ",")) or before in _MARKS:
        return False
    quote = text[q.start:q.end].rstrip()
    words = len(quote.split())
    has_verb = any(att.pos[i] in (VERB, AUX) for i in range(first.start, first.end))
    return not (quote.endswith((",", ".", "?", "!")) and (has_verb or words >= 3))


def text_of(q: _Quote, text: str) -> str:
    return text[q.start:q.end]


def _is_title(quote: str) -> bool:
    """A name or title in marks ("Meet the Press"): every long word capitalised, no final stop."""
    words = [w for w in quote.split() if len(w) > 3 or w[:1].isupper()]
    return bool(words) and len(words) <= 8 and all(w[:1].isupper() or not w[:1].isalpha() for w in words) \
        and not quote.rstrip().endswith((".", "?", "!"))


def _word_before(text: str, pos: int) -> str:
    """The last word of ``text[:pos - 1]``, lower-cased (found from the end, not by splitting the text)."""
    end = max(pos - 1, 0)
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lower()


def quotes_from_doc(view: DocView | Doc, mentions: pd.DataFrame, pipeline: Pipeline | None = None) -> pd.DataFrame:
    """Quotes of a doc (its :class:`~newsdesk.docview.DocView`, or the Doc) with speakers resolved
    through ``mentions`` (see the module docstring), with the cue verbs, role nouns and VADER of
    ``pipeline`` (a :class:`newsdesk.Pipeline`; by default the shipped tables')."""
    view = view_of(view)
    doc, text = view.doc, view.text
    quotes = _find_quotes_in_text(text)
    if not quotes:
        return _empty_frame().copy()
    pipeline = pipeline or _pipeline()
    att = _Attributor(view, mentions, quotes, pipeline.lexicon)
    rows: list[dict] = []
    for q in quotes:
        turn = _TRANSCRIPT.match(text, q.start, q.end)  # '"WALLACE: ...': a transcript names its speaker
        signed = att.dash_subject(q) if turn is None else None
        cue = att.find_cue(q) if signed is None and turn is None else None
        speaker, s_lo, s_hi = None, None, None
        if turn is not None:
            speaker, s_lo, s_hi = att.expand_name(turn.group("name").title()), turn.start("name"), turn.end("name")
        cue_text = None if cue is None else "according to" if cue.lower_ == "according" else cue.text
        subj = att.subject_of(cue) if cue is not None else signed
        if cue is not None:
            subj = att.outer_subject(cue, subj) or subj
        acting = att.acting_subject(q, cue) if signed is None and turn is None else None
        if acting is not None and len(text[q.start:q.end].split()) > _MAX_SCARE_WORDS:
            cue, cue_text, subj = acting[0], acting[0].text, acting[1]
        colon = att.colon_before(q) if cue is None and signed is None and turn is None else None
        if colon is not None:
            subj = att.colon_subject(colon)
        elif cue is None and subj is None and turn is None and rows:  # the same speaker continues
            prev, prev_q = rows[-1], rows[-1]["_q"]
            continues = q.opens_para and prev_q.para in (q.para - 1, q.para - 2) and (
                prev_q.runs_on or prev_q.para == q.para - 1)
            if (prev_q.para == q.para or continues) and not pd.isna(prev["speaker_start"]):
                speaker, s_lo, s_hi, cue_text = prev["speaker"], prev["speaker_start"], prev["speaker_end"], prev["cue"]
        if cue is None and s_lo is None and subj is None:
            subj = att.fallback_subject(q)
        if subj is not None:
            lo, hi, mention = att.speaker_span(subj)
            speaker, label = att.resolve(subj, lo, hi, mention)
            att.record(lo, speaker, label)
            s_lo, s_hi = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
        quote = text[q.start:q.end]
        scare = False
        if _word_before(text, q.start) in _SCARE_CUES or (
                s_lo is None and (len(quote.split()) <= _MAX_SCARE_WORDS or _is_title(quote))):
            scare, speaker, s_lo, s_hi, cue_text = True, None, None, None, None
        rows.append({
            "start": q.start, "end": q.end, "quote": quote, "speaker": speaker,
            "speaker_start": s_lo, "speaker_end": s_hi, "cue": cue_text,
            "partial": _is_partial(att, q), "scare": scare, "compound": _compound(quote, pipeline), "_q": q,
        })
    return _frame(rows)


@lru_cache(maxsize=1)
def _empty_frame() -> pd.DataFrame:
    """The quotes frame of an article without quotes (most articles): copied, not rebuilt, each time."""
    return _frame([])


def _frame(rows: list[dict]) -> pd.DataFrame:
    """The quotes frame with its documented dtypes, built column by column (one per article adds up)."""
    def column(name: str) -> list:
        return [row[name] for row in rows]

    def text_or_none(name: str) -> np.ndarray:  # None, not NaN, for "unknown"; object (frame_of keeps it so)
        return np.array([v if isinstance(v, str) else None for v in column(name)], dtype=object)

    return segment.frame_of({
        "start": np.array(column("start"), dtype="int64"),
        "end": np.array(column("end"), dtype="int64"),
        "quote": segment.str_array(column("quote")),
        "speaker": text_or_none("speaker"),
        "speaker_start": segment.int_array(column("speaker_start")),
        "speaker_end": segment.int_array(column("speaker_end")),
        "cue": text_or_none("cue"),
        "partial": np.array(column("partial"), dtype="bool"),
        "scare": np.array(column("scare"), dtype="bool"),
        "compound": np.array(column("compound"), dtype="float64"),
    }, len(rows))


def find_quotes(text: str, pipeline: Pipeline | None = None) -> pd.DataFrame:
    """Quotes of a bare ``text``: runs ``pipeline`` (by default the shipped tables') and the actors
    step, then :func:`quotes_from_doc`.

    >>> find_quotes('"It was difficult," Anna Berg said.')[["quote", "speaker"]]   # doctest: +SKIP
    """
    from newsdesk import actors

    pipeline = pipeline or _pipeline()
    view = DocView(pipeline.parse(text))
    return quotes_from_doc(view, actors.mentions_from_doc(view, pipeline), pipeline)


# --------------------------------------------------------------------------- corpus views


def quote_table(corpus, speaker: str | None = None) -> pd.DataFrame:
    """Attributed quotes of a corpus with their article's date, oldest first.

    Columns: ``speaker``, ``quote``, ``cue``, ``partial``, ``compound``,
    ``article_id``, ``date`` and ``title`` (:func:`newsdesk.articles.article_names`).
    Scare quotes are left out; ``speaker`` keeps one speaker's quotes.
    """
    quotes = corpus.quotes
    if quotes.empty or "scare" not in quotes.columns:
        quotes = pd.DataFrame(columns=["article_id", *QUOTE_COLUMNS])
    quotes = quotes[~quotes["scare"].astype(bool) & quotes["speaker"].notna()]
    if speaker is not None:
        quotes = quotes[quotes["speaker"] == speaker]
    from newsdesk.articles import article_names

    info = ["article_id", "date", "title"]
    arts = corpus.articles[["article_id", "date"]].assign(title=article_names(corpus.articles).to_numpy())
    table = quotes.merge(arts, on="article_id", how="left")
    cols = ["speaker", "quote", "cue", "partial", "compound", *info]
    table = table.sort_values(["date", "article_id", "start"], kind="stable") if "date" in table else table
    return table[cols].assign(compound=lambda t: t["compound"].astype(float).round(3)).reset_index(drop=True)


def speaker_summary(corpus) -> pd.DataFrame:
    """One row per speaker: ``n_quotes``, ``n_full``, ``n_partial``, ``mean_compound``, ``n_articles``.

    Sorted by ``n_quotes`` (most quoted first), then speaker.
    """
    table = quote_table(corpus)
    cols = ["speaker", "n_quotes", "n_full", "n_partial", "mean_compound", "n_articles"]
    if table.empty:
        return pd.DataFrame(columns=cols)
    out = table.groupby("speaker").agg(
        n_quotes=("quote", "size"), n_partial=("partial", "sum"), mean_compound=("compound", "mean"),
        n_articles=("article_id", "nunique"),
    ).reset_index()
    out["n_full"] = out["n_quotes"] - out["n_partial"]
    out["mean_compound"] = out["mean_compound"].round(3)
    out = out.astype({"n_quotes": "int64", "n_full": "int64", "n_partial": "int64", "n_articles": "int64"})
    return out.sort_values(["n_quotes", "speaker"], ascending=[False, True])[cols].reset_index(drop=True)
