"""PLOVER-coded events: who did what to whom, and when, from the dependency parse; the timeline.

``events_from_doc(doc, sentences, mentions, timexes, reference_date, coder)`` -> one
row per coded event. Candidates are the clauses headed by a lexical verb (main,
conjoined, reported ``ccomp``, adverbial and relative clauses) and nouns naming an
event with an argument of their own ("the invasion of Ukraine", "Russia's
invasion", "talks between X and Y", "sanctions on Russia"). An :class:`EventCoder`
(built once per analysis from the tables in ``data/``) gives each one of PLOVER's
16 types, or none: a clause that codes to no type is not an event.

How a clause is coded (:meth:`EventCoder.code`):

* phrase patterns first (the analyst's ``event_types.csv``, then the shipped
  one): "put pressure" REQUEST, "block road" PROTEST;
* verb classes (``event_verbs.csv``): a reporting verb ("said", "told") is never
  an event, the clause it reports is (with ``reported_by``); "agreed/promised/
  offered to X" is AGREE (THREATEN when X is material conflict), "refused/declined/
  failed to X" REJECT, "threatened to X" THREATEN, "urged/called on Y to X" and
  "demanded that Y X" REQUEST toward Y, "tried/began to X" is X; a light verb
  ("held talks", "staged a protest") takes its object noun's type, an ending
  verb ("lifted the curfew", "suspended talks") CONCEDE or SANCTION by what it ends;
* PETRARCH2's verb patterns and, for conflict verbs, its default codes
  (``plover_verbs.csv``), a prepositional object counting as words of the pattern;
* negation turns cooperation into REJECT where the verb's negation refuses
  something asked or proposed ("did not sign", "will not accept"); other negated
  cooperation is no event ("did not take part", "not offering details"), nor is
  "declined to comment"; a future
  ("will visit", "would strike") is an intent: AGREE for cooperation, THREATEN
  for conflict; "X said Y must Z" is a REQUEST by X toward Y.

What is not an event, whatever the verb: a conflict verb whose object or subject
is no actor (laws, markets, offices, games, reports: "struck down the law",
"took over the company", "took over from", "shares hit a record"), a subject
that is no actor ("the law violated"), "an attack on the policy", an accident's
participle ("crashed, killing 31"), removing a person from office ("dismissed
the minister"), police marching, a denial ("denied the charges"), an event noun
said not to have happened ("any donation", "did not confirm the deal"), "received
death threats" (what is received comes from the giver: "received money from X"
has X as its source), and a company's acts in business news (an organisation
source, or an executive, in a sentence about products, shares, prices or
customers; a company - a corporate suffix, or "the airline X", "X, the operator" in
the article - acting toward no state, government body, party, armed group or
international body). Workers striking is PROTEST, and so is joining protesters or a
rally; "X's arrest" makes X the target.
Nor are: visiting a place ("visited the site of the blast": a visit needs an actor
hosting it), being informed, talking about something, fighting for a cause,
being sworn in, "sanctioned" a thing, "expects X will ...", an event noun that is
asked for or intended ("called for a UN investigation"), and what a request
asks ("called for X to return and resign" is one REQUEST toward X). Nor are: filling
an office ("appointed X minister", "named X as foreign minister"), "stormed back/out"
(storming enters a place), being "met by riot police" or "met with criticism" (a
named agent still meets), a pattern on a vague object ("trying to control the
situation" needs an actor acted on), "came to office/power", economic "demand" (the noun asks only in
the plural or with a complement: "demand for X", "demand that").

``modality``: ``hypothetical`` (could, might, may, must, should, an if-clause,
"a possible attack"), ``reported`` (a clause reported by someone else), ``planned``
(future, plans, "will ask", "the upcoming summit"),
``negated`` (a conflict act denied, or any clause a denial or an outer negation
frames: "denied that X attacked", "no evidence that X received", "none says that
X offered"), else ``asserted``. Planned and hypothetical
events without a date of their own are undated.

==============  ===============  ==================================================
column          dtype            meaning
==============  ===============  ==================================================
sent_id         int64            sentence holding the event
start, end      int64            offsets of the event's clause (its verb's subtree
                                 without nested clauses) in the article text
event_type      str              one of the 16 PLOVER types
quad_class      str              verbal/material cooperation/conflict
mode            str              how, where the text says it (PLOVER's modes), or NaN
modality        str              asserted, negated, planned, hypothetical, reported
actor           str              canonical source actor(s), ``;``-joined for a
                                 compound source ("Hungarian and Romanian officials")
source_text     str              the source as written
target          str              canonical target actor(s), ``;``-joined
target_text     str              the target as written
reported_by     str              who reported it ("X said ..."; "according to X")
date_start      datetime64       start of the event's date interval
date_end        datetime64       last day of the interval (inclusive)
granularity     str              day, month, year, … of that date
date_source     str              ``timex``, ``article`` or ``none`` (see below)
timex           str              text of the anchoring temporal expression, or NaN
action          str              verb with particle and negation: "called off",
                                 "did not sign", "failed to broker"
text            str              the clause text
compound        float64          VADER compound of the sentence
actor_source    str              ``subject``, ``pronoun``, ``modifier`` (of an event
                                 noun), ``clause`` (a noun's verb), ``sentence``
action_lemma    str              the action as lemmas, without auxiliaries
kind            str              ``verb`` or ``noun``
==============  ===============  ==================================================

An event names a source or a target (PLOVER codes actors acting on actors);
only a noun dated by its own expression ("six hours of meetings Tuesday") may
name neither.

Which date an event gets (``date_source``):

1. ``timex``: a DATE or TIME expression of the same sentence with a resolved
   calendar interval attaches to the event. It attaches to the first event
   met walking up the dependency tree from the expression (a verb clause, a
   participle it modifies - "parts seized in 1990" - or an event noun it
   modifies directly); when the walk meets no event, the first verb on it
   becomes one ("it was to be released on Thursday"); when it meets no verb
   either, the timex dates the nearest event of the sentence. A date in
   front of a noun that names no event ("1990 levels", "the 2006 budget")
   dates nothing, nor does a bound or a comparison ("by May", "since 1993",
   "until Friday", "than a year ago": the event is not within that date);
   a date inside the event's object or a clause it governs dates that, not
   the event ("rejected the June 26 election date", "accused X of violating
   sanctions 13 years ago": the event falls back to the article date);
   a relative clause on a date ("November, when he was found")
   happened then, and so did a verb whose object names a dated event noun
   ("took the child in a raid on April 22"). When several dates reach one event, the closest in the
   tree wins, then the finest. A verb conjoined to a dated verb, or a
   participle clause hanging on it, shares its subject and its date
   ("accused Russia on Wednesday ... and said", "put pressure on Monday, saying").
2. ``article``: otherwise the article's own date, the latest a reported past
   event can be (a planned or hypothetical event stays undated, and so does a
   background event: a pluperfect "had invaded", an event noun a period starts
   from ("since the start of the war"), or a subordinate clause of a
   sentence dated over a year before the article). A date in front of the
   period an event happened in dates it ("during the 2002 campaign"). Durations ("for months",
   "hours before talks began"), sets and vague references ("recently") never
   anchor; relative expressions ("two days ago", "last week") anchor with the
   date the tagger resolved them to.
3. ``none``: no timex and no article date.

Actors come from :mod:`newsdesk.actors` mentions inside the subject and
object phrases (conjoined names give a compound actor). A target comes from the
event's own clause: the object, the verb's prepositions, those of its object noun
("filed a lawsuit *against X*", also in the passive "a lawsuit was filed against X
by Y"), the agent of a participle on the object ("the treatment offered *by X*"),
the subject of a "for X to" clause of a request; else, for curfews, raids,
sanctions, threats and blockades, the place they are in ("lifted the curfew *in
Montenegro*"); a name no actor rule knows in that slot ("donated money *to PT*")
is the ``target_text`` with no ``target``. Not a target: a name conjoined to the
object that is the next clause's subject ("did not accept the arguments and
*Uribe* signed"), the modifier of a building ("a *Mormon* church"), an adjective
before a name of the phrase ("the *Colombian* guerrillas of the FARC": FARC).
"anti-X" names no one; a relative clause on an appositive is the person's
("Gemayel, a Christian member who visited": Gemayel); a source is not named by
what it acts on ("rebels *on Checkpoint 1*"). A pronoun subject ("the
peninsula *it* seized") takes the actor of the nearest preceding event, in the
same or the previous sentence, with a compatible actor (a person for he/she);
he/she may reach the previous sentence, it/they only their own, and never to the
clause's own object; "I"/"we" take the speaker of the enclosing reporting clause; a pronoun object
("threatened to take *it*") the actor named before it in the sentence. A clause
without a subject falls back to the first actor the sentence names
(``actor_source == "sentence"``); a group subject with no actor takes the
country or people of its place ("protesters in Kyiv"), unless troops or
patrols, often foreign. Never a source: the reporter of a reported clause
("X said soldiers attacked": not X), a relative's possessor ("X's siblings"), a
lone first name before a full name ("Bob and Mary S."), a place as the antecedent
of "who", an unresolved short code before a number ("EO 12810"). An event noun takes its possessor or
adjective ("Russia's", "Russian"), "by X", "between X and Y", else the subject
of the clause it is the object of. Missing strings are NaN.

``timeline(corpus)`` -> asserted events of all articles in date order, reports
of one event (same ``event_type``, ``actor``, ``target``, overlapping dates)
merged, with ``n_articles``, ``n_reports``, ``article_ids`` and ``titles``.
``quad_class_counts``, ``dyads`` and ``filter_events`` are the notebook's views.

For the notebook: ``reported_dates(corpus)`` (each event against its
publication date), ``event_activity(corpus)`` (events per actor and period)
and ``recent_cutoff(corpus)`` (where "recent days" begin).
"""

from __future__ import annotations

import bisect
import csv
import os
import re
from dataclasses import dataclass, field
from importlib.resources import files
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from newsdesk import actors, segment
from newsdesk.articles import article_names
from newsdesk.docview import DocView, view_of

if TYPE_CHECKING:  # the pipeline imports this module
    from newsdesk.pipeline import Pipeline

EVENT_COLUMNS = [
    "sent_id", "start", "end", "event_type", "quad_class", "mode", "modality", "actor", "source_text",
    "target", "target_text", "reported_by", "date_start", "date_end", "granularity", "date_source", "timex",
    "action", "text", "compound", "actor_source", "action_lemma", "kind",
]
TIMELINE_COLUMNS = [
    "date_start", "date_end", "granularity", "date_source", "event_type", "quad_class", "actor", "target",
    "action", "action_lemma", "n_articles", "n_reports", "article_ids", "titles", "first_published", "text",
    "compound",
]
#: PLOVER's 16 event types by QuadClass.
QUAD_CLASSES = {
    "verbal cooperation": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material cooperation": ("COOPERATE", "AID", "RETREAT"),
    "verbal conflict": ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    "material conflict": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
QUAD_CLASS = {t: q for q, types in QUAD_CLASSES.items() for t in types}
EVENT_TYPES = tuple(QUAD_CLASS)
MODALITIES = ("asserted", "negated", "planned", "hypothetical", "reported")
_COOPERATIVE = {t for q, types in QUAD_CLASSES.items() if q.endswith("cooperation") for t in types}
_MATERIAL_CONFLICT = set(QUAD_CLASSES["material conflict"])

#: Dependencies under which a lexical verb heads a clause of its own (an event).
_EVENT_DEPS = {"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis"}
#: Children that start another clause: left out of a clause's own span and argument search.
_CLAUSE_DEPS = {"conj", "cc", "ccomp", "advcl", "relcl", "parataxis", "csubj", "acl", "punct"}
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
_OBJECT_DEPS = ("dative", "dobj", "attr", "oprd")
_RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_THING_PRONOUNS = {"it", "they", "them"}
_SPEAKER_PRONOUNS = {"i", "we", "me", "us"}
_PLACE_PREPS = {"in", "near", "across", "throughout", "within", "inside", "outside", "around"}
_NON_ARGUMENT_PREPS = {"according", "as", "for", "during", "since", "until", "despite", "after", "before",
                       *_PLACE_PREPS}
_ANCHOR_TYPES = {"DATE", "TIME"}
_PREMODIFIER_DEPS = {"compound", "nummod", "amod", "poss"}
#: Words before a date that make it a bound, not the event's time: "by May", "since 1993".
_BOUNDARY_WORDS = {"by", "since", "until", "till", "before", "after", "past", "from", "than"}


def _read_rows(source) -> list[dict[str, str]]:
    """A small CSV table's rows (``#`` comment lines skipped), cells stripped, from a path or the
    table's contents (bytes): read with :mod:`csv`, as pandas would cost more than the table."""
    if isinstance(source, bytes):
        lines = source.decode("utf-8").splitlines(keepends=True)
    else:
        with source.open(encoding="utf-8", newline="") as fh:
            lines = fh.readlines()
    reader = csv.DictReader((line for line in lines if not line.startswith("#")), skipinitialspace=True)
    return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]


def _read_data(name: str) -> list[dict[str, str]]:
    return _read_rows(files("newsdesk") / "data" / name)


def read_tables() -> dict[str, bytes]:
    """The contents of the shipped tables an :class:`EventCoder` reads, by file name."""
    return {name: (files("newsdesk") / "data" / name).read_bytes() for name in EventCoder.TABLES}


# --------------------------------------------------------------------------- clause analysis


@dataclass(frozen=True)
class Coded:
    """A clause's PLOVER code: type, mode, and how the clause frames it."""

    event_type: str
    mode: str | None = None
    planned: bool = False
    negated: bool = False
    noun: int | None = None       # the event noun that gave the type (not an event of its own then)
    needs_target: bool = False    # an event only toward a named actor ("released" a prisoner, not a report)
    request_target: int | None = None  # "urged Y to ...", "demanded that Y ...": Y


@dataclass
class _Event:
    anchor: int                         # token the dependency walk stops at (clause head)
    verb: int                           # token the action is read from
    kind: str = "verb"
    subject: int | None = None
    passive: bool = False
    timex: dict | None = None
    actor: str | None = None
    actor_source: str | None = None
    actor_is_person: bool = False
    target: str | None = None
    extra_args: list[int] = field(default_factory=list)  # argument heads of a repaired clause
    sent_no: int = 0                    # position of the sentence in the article
    code: Coded | None = None
    modality: str = "asserted"
    reported_by: str | None = None
    actor_tok: int | None = None
    target_tok: int | None = None
    background: bool = False            # told as background: pluperfect, or beside an older date


class _Tree:
    """One doc's dependency tree as lists by token index (head, dep, pos, children; lower forms,
    lemmas, tags and lexical flags on demand), read from the doc's :class:`~newsdesk.docview.DocView`.

    Every walk below reads these lists: a Token built and its strings looked up at each step
    would cost more than the walk.
    """

    def __init__(self, view: DocView):
        self.head, self.dep, self.pos, self.children = view.head, view.dep, view.pos, view.children
        # few are read: looked up on demand (``doc[i].lower_``, ``.lemma_``, ``.tag_``, ``.is_punct or
        # .is_space``, ``.is_alpha``)
        self.lower, self.lemma, self.tag = view.lower, view.lemma, view.tag
        self.punct_or_space, self.is_alpha = view.punct_or_space, view.is_alpha
        self._doc = view.doc

    def root(self, start: int, end: int) -> int:
        """``doc[start:end].root``: a sentence root inside the span, else the token nearest the root
        whose head lies outside (the first of equals; a lone space or punctuation mark counts as far
        as can be), else ``start``."""
        head, n = self.head, len(self.head)
        for i in range(start, end):
            if head[i] == i:
                return i
        best, best_depth = start, n
        for i in range(start, end):
            if start <= head[i] < end:
                continue
            if not self.children[i] and self.punct_or_space(i):
                depth = n - 1
            else:
                depth, j = 0, i
                while head[j] != j:
                    j, depth = head[j], depth + 1
            if depth < best_depth:
                best, best_depth = i, depth
        return best

    def phrase(self, i: int) -> list[int]:
        """Token ``i``'s phrase (``i`` and its dependents), without nested clauses."""
        out = [i]
        for c in self.children[i]:
            if self.dep[c] not in _CLAUSE_DEPS or (self.dep[c] == "conj" and self.pos[c] != "VERB"):
                out += self.phrase(c)
        return out

    def naming_phrase(self, i: int) -> list[int]:
        """:meth:`phrase` without participle modifiers and places: "U.S.-mediated talks in Geneva" names neither."""
        out = [i]
        for c in self.children[i]:
            dep = self.dep[c]
            if (dep == "amod" and self.pos[c] == "VERB") or (dep == "prep" and self.lower(c) in _PLACE_PREPS):
                continue
            if dep not in _CLAUSE_DEPS or (dep == "conj" and self.pos[c] != "VERB"):
                out += self.naming_phrase(c)
        return out


def _is_predicate(i: int, tree: _Tree) -> bool:
    """A lexical verb heading a clause of its own."""
    dep = tree.dep[i]
    if tree.pos[i] != "VERB" or dep not in _EVENT_DEPS or tree.lemma(i) == "accord":
        return False
    if dep == "conj" and tree.pos[tree.head[i]] not in {"VERB", "AUX", "ADJ"}:
        return False
    if any(tree.dep[c] == "det" for c in tree.children[i]):
        return False  # "wrote the disco hit": a noun the tagger took for a verb
    if dep == "advcl" and any(tree.dep[c] == "aux" and tree.lower(c) == "to" for c in tree.children[i]):
        return False  # purpose infinitive ("to make a deal"): part of the main event
    return True


def _misparsed_root(start: int, end: int, tree: _Tree, chars: DocView, mention_at: dict) -> _Event | None:
    """Repair a sentence-initial name parsed as a verb ("Trump put pressure ...") in tokens ``start:end``.

    The small model reads a capitalised first word without a subject as an
    imperative; when that word is an actor mention, or a base-form verb
    followed by a finite verb, the word is the subject and the next verb the action.
    """
    first = next((i for i in range(start, end) if not tree.punct_or_space(i)), None)
    if first is None or tree.pos[first] != "VERB" or tree.root(start, end) != first:
        return None
    root, dep = first, tree.dep
    if any(dep[c] in _SUBJECT_DEPS for c in tree.children[root]):
        return None
    if root + 1 >= end:
        return None
    nxt = root + 1
    finite = tree.pos[nxt] == "VERB" and tree.tag(nxt) in {"VBD", "VBZ", "VBN", "VBP"}
    if root in mention_at:  # a name: the next content word is the verb, whatever its tag
        if not tree.is_alpha(nxt) or tree.pos[nxt] in {"DET", "ADP", "PRON", "CCONJ", "SCONJ", "PART"}:
            return None
    elif not (finite and tree.tag(root) == "VB" and chars.text[chars.start_list[root]].isupper()):
        return None
    args = [c for c in tree.children[root] if dep[c] in (*_OBJECT_DEPS, "prep", "agent")]
    return _Event(anchor=root, verb=nxt, subject=root, extra_args=args)


def _subject(i: int, tree: _Tree) -> tuple[int | None, bool]:
    """(subject token, passive?) of predicate ``i``, inheriting through conj and participles."""
    dep = tree.dep
    seen = set()
    while i not in seen:
        seen.add(i)
        for c in tree.children[i]:
            if dep[c] in _SUBJECT_DEPS:
                if dep[i] == "relcl" and tree.lower(c) in _RELATIVE_PRONOUNS:
                    return tree.head[i], dep[c] == "nsubjpass"
                if dep[c] == "nsubj" and dep[i] == "ROOT" and tree.tag(i) == "VBN" and not any(
                        dep[a] in {"aux", "auxpass"} or tree.lower(a) in {".", "!", "?"} for a in tree.children[i]):
                    return c, True  # a headline's participle (no full stop): "Journalist wounded in Iraq"
                return c, dep[c].endswith("pass")
        if dep[i] == "conj" and i > 0 and _stray_subject(i - 1, tree) and max(tree.phrase(i - 1)) == i - 1:
            return i - 1, False  # "... the arguments and Uribe signed": Uribe signed
        inherit = dep[i] == "conj" or (dep[i] == "advcl" and tree.tag(i) in {"VBG", "VBN"})
        if not inherit or tree.head[i] == i:
            return None, False
        if dep[i] == "advcl" and tree.tag(i) == "VBN":  # "Asked to comment, X said": X was asked
            subj, _ = _subject(tree.head[i], tree)
            return subj, True
        i = tree.head[i]
    return None, False


def _clause_bounds(ev: _Event, tree: _Tree) -> tuple[int, int]:
    """First and last token of the event's own clause: its head and dependents, without nested clauses."""
    head = ev.anchor
    toks = [head]
    for c in tree.children[head]:
        nested = tree.dep[c] in _CLAUSE_DEPS and tree.pos[c] in {"VERB", "AUX"}
        if not nested and tree.dep[c] not in {"punct", "cc"}:
            toks += tree.phrase(c)
    if ev.kind == "verb" and tree.dep[head] == "relcl":
        toks.append(tree.head[head])
    return min(toks), max(toks)


def _join(tokens: list[int], chars: DocView) -> str:
    """The tokens' text, with the doc's spacing between neighbours and one space across gaps."""
    tokens = sorted(tokens)
    text, starts, ends = chars.text, chars.start_list, chars.end_list
    out = ""
    for a, b in zip(tokens, [*tokens[1:], None], strict=True):
        out += text[starts[a]:starts[b]] if b is not None and b == a + 1 else text[starts[a]:ends[a]] + " "
    return " ".join(out.replace('"', " ").split())


def _action(ev: _Event, tree: _Tree, chars: DocView) -> tuple[str, str]:
    """(action, action_lemma): verb + particle + negation (+ the verb of an open complement)."""
    verb = ev.verb
    if ev.kind == "noun":
        return chars.text[chars.start_list[verb]:chars.end_list[verb]], tree.lemma(verb).lower()
    dep = tree.dep

    def parts(v):
        kids = tree.children[v]
        neg = [c for c in kids if dep[c] == "neg"]
        aux = [c for c in kids if dep[c] in {"aux", "auxpass"} and c < v and tree.lower(c) != "to"] if neg else []
        return [v, *[c for c in kids if dep[c] == "prt"], *neg], aux

    main, aux = parts(verb)
    toks, lemmas = main + aux, list(main)
    xcomp = next((c for c in tree.children[verb] if dep[c] == "xcomp" and tree.pos[c] == "VERB"), None)
    if xcomp is not None:
        xmain, _ = parts(xcomp)
        to = [c for c in tree.children[xcomp] if dep[c] == "aux" and tree.lower(c) == "to"]
        toks += xmain + to
        lemmas += to + xmain
    lemma = " ".join(
        "not" if dep[t] == "neg" and tree.lower(t) in {"n't", "not"} else tree.lemma(t).lower()
        for t in sorted(lemmas)
    )
    return _join(toks, chars), lemma


# --------------------------------------------------------------------------- event coding

#: Auxiliaries that put an action in the future (an intent: PLOVER codes it AGREE or THREATEN).
_FUTURE = {"will", "would", "shall", "'ll", "wo"}
_HYPOTHETICAL = {"could", "might", "may"}
_DEONTIC = {"must", "should"}
_CONDITION_MARKS = {"if", "unless"}
#: Marks of a clause that, in the present tense, has not happened yet ("until X retracts", "before they leave").
_PENDING_MARKS = {"until", "till", "before"}
_DEFAULT_TYPES = {"PROTEST", "COERCE", "ASSAULT"}
#: Objects and prepositions whose noun can name the action of a verb: "held *talks*", "agreed *to a ceasefire*".
_NOUN_ARG_DEPS = {"dobj", "attr", "oprd", "nsubjpass"}
_NOUN_ARG_PREPS = {"to", "on", "for", "in", "into", "upon", "of"}
#: Verbs whose negation refuses what was asked or proposed ("did not sign", "will not accept"): REJECT.
#: Other negated cooperation ("did not take part", "not offering details") is no event.
_REFUSABLE = frozenset({
    "sign", "accept", "agree", "approve", "ratify", "endorse", "support", "back", "recognize", "recognise",
    "allow", "permit", "comply", "obey", "cooperate", "co-operate", "meet", "negotiate", "attend", "join",
    "release", "lift", "withdraw", "grant", "give", "provide", "hand", "extradite", "apologize", "apologise",
    "compromise", "honour", "honor", "implement", "abide", "yield", "concede", "budge", "surrender", "renew",
    "extend", "resume", "respect", "talk", "return", "free", "hand over", "step down", "resign",
})
#: Complements of "refused/declined to" that are no refusal of a demand: "declined to comment".
_NO_REFUSAL = frozenset({"comment", "elaborate", "speculate", "specify", "disclose", "reveal", "identify",
                         "name", "discuss", "answer", "give details", "say", "confirm"})
#: Objects, subjects and nominal targets that make a conflict verb figurative: laws, markets, offices,
#: games, abstractions are not attacked or coerced ("struck down the law", "fighting the bill",
#: "took over the company", "attack on the policy", "the team beat", "prices crashed").
_NON_ACTOR_NOUNS = frozenset({
    "law", "bill", "legislation", "policy", "proposal", "plan", "decision", "ruling", "verdict", "amendment",
    "rule", "regulation", "reform", "tax", "budget", "price", "market", "stock", "share", "index", "record",
    "deficit", "inflation", "unemployment", "rate", "ground", "ball", "goal", "title", "match", "game",
    "championship", "cup", "league", "race", "tournament", "seat", "vote", "poll", "deadline", "problem",
    "issue", "disease", "virus", "cancer", "corruption", "poverty", "idea", "claim",
    "allegation", "charge", "case", "lawsuit", "suit", "company", "firm", "business", "stake", "presidency",
    "leadership", "job", "helm", "chairmanship", "role", "team", "club",
    "contract", "deal", "merger", "bid", "sale", "profit", "revenue", "loss", "economy", "currency",
    "dollar", "euro", "yen", "oil", "shares", "competition", "opponent", "rival", "storm", "hurricane",
    "flood", "wave", "quake", "earthquake", "effort", "attempt", "motion", "initiative", "departure",
    "corpse", "debris", "rubble", "cost", "constitution", "statement", "report", "video", "album",
    "figure", "detail", "result", "document", "tape", "footage", "film", "book", "study", "survey", "product",
    "itself", "himself", "herself", "themselves", "this", "sovereignty", "interest", "reputation", "image", "relation",
    "feeling", "confidence", "credibility", "chance", "prospect", "morale", "pride", "crash", "accident",
    "collision", "search", "query",
})
#: Subjects that do not protest: "officers marched on the park" is police action, no demonstration.
_ARMED_SUBJECTS = frozenset({"police", "policeman", "officer", "soldier", "troop", "army", "force", "guard",
                             "marine", "patrol"})
#: Event nouns whose possessor is the one acted on: "Granda's arrest", "her release".
_PATIENT_NOUNS = frozenset({"arrest", "detention", "kidnapping", "abduction", "killing", "assassination", "murder",
                            "execution", "release", "expulsion", "deportation", "extradition", "capture"})
_LABOUR_NOUNS = frozenset({"worker", "union", "employee", "staff", "teacher", "doctor", "nurse", "pilot",
                           "driver", "miner", "docker", "labourer", "laborer", "crew", "trade union"})


def _figurative(v: int, args: int, tree: _Tree, objects: bool = True) -> bool:
    """Whether a verb's subject is no actor ("the laws violated", "prices crashed", "efforts were blocked")
    or, with ``objects`` (conflict verbs), its object is none: a law, a market, an office, a game
    ("struck down the law", "took over the company", "fighting the bill")."""
    dep = tree.dep
    deps = {"dobj", "nsubj", "nsubjpass"} if objects else {"nsubj"}  # a passive subject is acted on
    kids = list(tree.children[args])
    if dep[args] == "relcl" and any(dep[c] in deps and tree.lower(c) in _RELATIVE_PRONOUNS for c in kids):
        kids.append(tree.head[args])  # "shares which had hit a high": the antecedent is the subject
    for c in kids:
        if (dep[c] in deps or c == tree.head[args] != args) and tree.pos[c] in {"NOUN", "PROPN", "PRON"} and (
                tree.lemma(c).lower() in _NON_ACTOR_NOUNS or tree.lower(c) in _NON_ACTOR_NOUNS):
            return True
        if objects and dep[c] == "prep" and tree.lower(c) in {"against", "on"} and any(
                dep[g] == "pobj" and tree.lemma(g).lower() in _NON_ACTOR_NOUNS for g in tree.children[c]):
            return True
    return False


def _labour_strike(v: int, args: int, tree: _Tree) -> bool:
    """"Workers struck", "the union will strike over pay": a subject of workers and no object."""
    kids = tree.children[args]
    if any(tree.dep[c] in {"dobj", "dative"} for c in kids):
        return False
    subj = next((c for c in kids if tree.dep[c] in _SUBJECT_DEPS), None)
    return subj is not None and tree.lemma(subj).lower() in _LABOUR_NOUNS


def event_types_file(actors_file: str | os.PathLike | None) -> Path | None:
    """The analyst's ``event_types.csv``: next to their actor table (``data/actors.csv``), if there."""
    if not actors_file:
        return None
    path = Path(actors_file).with_name("event_types.csv")
    return path if path.exists() else None


def _table_rows(rows: list[dict[str, str]], key: str) -> list[tuple[str, str, str, str]]:
    out = [tuple(r.get(c, "") for c in (key, "pattern", "event_type", "mode")) for r in rows]
    return [r for r in out if r[0] and r[2].upper() in QUAD_CLASS]


#: Head words of PETRARCH2's synonym phrases too general to stand for the phrase.
_GENERIC_HEADS = frozenset({"system", "program", "programme", "area", "service", "force", "group", "unit",
                            "office", "center", "centre", "authority", "body", "organization", "organisation",
                            "party", "member", "official", "minister", "people", "agency", "department", "plan",
                            "measure", "operation", "project", "network", "station", "line", "product"})


class EventCoder:
    """PLOVER coding of clauses and event nouns, built once per analysis from the tables.

    * ``plover_verbs.csv``: PETRARCH2's verbs and phrase patterns mapped to PLOVER
      (``plover_synsets.csv`` holds the pattern's word sets);
    * ``event_verbs.csv``: verb classes (reporting verbs, intent, refusal,
      threat, request, plan, aspect and light verbs) and curated types;
    * ``plover_nouns.csv``: nouns naming an event ("invasion", "talks");
    * the analyst's ``event_types.csv`` (optional): ``pattern,event_type,mode``,
      the pattern's first word a verb or noun lemma and the rest words that must
      follow it in the clause ("impose tariff,SANCTION,"); its rows win.
    """

    #: The shipped tables a coder reads (the analyst's ``event_types.csv`` comes on top).
    TABLES = ("plover_verbs.csv", "plover_synsets.csv", "event_verbs.csv", "plover_nouns.csv", "event_types.csv")

    def __init__(self, event_types_file: str | os.PathLike | None = None, *,
                 tables: dict[str, bytes] | None = None, own: bytes | None = None,
                 date_nouns: frozenset[str] | None = None) -> None:
        """Read the shipped tables and ``event_types_file``; or, as :class:`newsdesk.Pipeline` builds
        it, from ``tables`` (contents by file name), ``own`` (the analyst's table) and ``date_nouns``."""
        if tables is None:
            tables = read_tables()
            if event_types_file is not None and Path(event_types_file).exists():
                own = Path(event_types_file).read_bytes()
        synsets: dict[str, set[str]] = {}
        for row in _read_rows(tables["plover_synsets.csv"]):
            words = row["word"].split()
            # a phrase matches on its head word, unless that word alone says little ("AWACS system" is no "system")
            if len(words) == 1 or words[-1].lower() not in _GENERIC_HEADS:
                synsets.setdefault(row["set"], set()).add(words[-1])
        self._synsets = {name: frozenset(words) for name, words in synsets.items()}
        # PETRARCH2's table as text rows per verb, compiled on a verb's first use: an analysis
        # meets a few hundred of the 1,600 verbs
        self._verb_rows: dict[str, list[list[str]]] = {}
        text = tables["plover_verbs.csv"].decode("utf-8")
        lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")][1:]
        # the builder writes no quoted cells (benchmarks/build_plover_tables.py): a plain split reads it
        for verb, pattern, _, event_type, mode in (ln.split(",") for ln in lines):
            self._verb_rows.setdefault(verb, []).append([pattern, event_type, mode])
        self._verbs: dict[str, list[tuple]] = {}
        self.roles = {r["verb"]: (r["role"], r["event_type"] or None, r["mode"] or None)
                      for r in _read_rows(tables["event_verbs.csv"])}
        self.nouns = {r["noun"]: (r["event_type"], r["mode"] or None) for r in _read_rows(tables["plover_nouns.csv"])}
        # phrase patterns: the analyst's rows first, then the shipped ones, each the most specific first
        self.own: dict[str, list[tuple]] = {}
        rows = [_read_rows(tables["event_types.csv"])]
        if own is not None:
            rows.insert(0, _read_rows(own))
        for rank, table in enumerate(rows):
            for pattern, _, event_type, mode in _table_rows(table, "pattern"):
                head, *rest = pattern.lower().split()
                self.own.setdefault(head, []).append(
                    (tuple(rest), event_type.upper(), mode or None, rank))
        for patterns in self.own.values():
            patterns.sort(key=lambda r: (r[3], -len(r[0])))
            patterns[:] = [r[:3] for r in patterns]
        if date_nouns is None:
            date_nouns = frozenset(r["noun"].lower() for r in _read_data("event_nouns.csv") if r.get("noun"))
        self.date_nouns = date_nouns
        self.matched: int | None = None  # last token a phrase pattern matched

    # -- lexical lookups

    def verb_rows(self, verb: str) -> list[tuple]:
        """PETRARCH2's rows of a verb: (pattern word sets, type, mode), the most specific pattern first."""
        rows = self._verbs.get(verb)
        if rows is None:
            rows = [(tuple(self._synsets.get(w, frozenset()) if w.startswith("&") else w for w in pattern.split()),
                     event_type, mode or None)
                    for pattern, event_type, mode in self._verb_rows.get(verb, ())]
            rows.sort(key=lambda r: -len(r[0]))
            self._verbs[verb] = rows
        return rows

    def role(self, lemma: str) -> tuple[str, str | None, str | None]:
        """(role, curated type, mode) of a verb lemma; plain verbs are ``event``."""
        return self.roles.get(lemma, ("event", None, None))

    def is_report(self, i: int, tree: _Tree) -> bool:
        """A reporting verb ("said", "told") heading a clause: never an event itself."""
        return self.role(tree.lemma(i).lower())[0] == "report"

    def _match(self, rows: list[tuple], after: list[int], tree: _Tree,
               near: int | None = None) -> tuple[str, str | None] | None:
        """The first row whose pattern words follow in ``after``, in order; the first word a dependent
        of ``near`` or of its preposition ("put *pressure*", "agreed *to* a ceasefire"), not any word later on."""
        words = None
        first = None
        if near is not None:
            kids = tree.children[near]
            first = set(kids) | {g for c in kids if tree.dep[c] not in _CLAUSE_DEPS and tree.dep[c] != "xcomp"
                                 for g in tree.children[c]}  # not the words of a nested clause
        for pattern, event_type, mode in rows:
            if not pattern:
                return event_type, mode
            if words is None:
                words = [(tree.lower(t), tree.lemma(t).lower()) for t in after]
                present = {w for pair in words for w in pair}  # a pattern with a word not here cannot match
                starts = present if first is None else {
                    w for t, pair in zip(after, words, strict=True) if t in first for w in pair}
            if not all((w in present) if type(w) is str else not w.isdisjoint(present) for w in pattern[1:]) or (
                    (pattern[0] not in starts) if type(pattern[0]) is str else pattern[0].isdisjoint(starts)):
                continue
            k = 0
            for n, (low, lem) in enumerate(words):
                if k == 0 and first is not None and after[n] not in first:
                    continue
                want = pattern[k]  # a word, or a synonym set
                if (low == want or lem == want) if type(want) is str else (low in want or lem in want):
                    k += 1
                    if k == len(pattern):
                        self.matched = after[n]
                        return event_type, mode
        return None

    def noun(self, i: int, tree: _Tree) -> tuple[str, str | None] | None:
        """The type an event noun names ("invasion", "hunger strike", "state of emergency"), or None."""
        if tree.pos[i] not in {"NOUN", "PROPN"}:
            return None
        lemma = tree.lemma(i).lower()
        if lemma == "demand" and tree.tag(i) != "NNS" and not any(
                tree.dep[c] in {"acl", "ccomp", "relcl"} or (tree.dep[c] == "prep" and tree.lower(c) == "for")
                for c in tree.children[i] + [  # "reiterated its demand today that X": the clause, misattached
                    c for c in tree.children[tree.head[i]] if c > i and tree.dep[i] == "dobj" and any(
                        tree.dep[m] == "mark" and tree.lower(m) == "that" for m in tree.children[c])]):
            return None  # "Chinese demand has the potential": economic demand; "the demand for X", "demands" ask
        for c in tree.children[i]:
            if tree.dep[c] in {"compound", "amod"} and c < i:  # "hunger strike", "general strike"
                rows = self.own.get(tree.lemma(c).lower())
                got = rows and self._match(rows, [i], tree)
                if got:
                    return got
        rows = self.own.get(lemma)
        if rows:
            got = self._match(rows, [t for t in sorted(tree.phrase(i)) if t > i], tree, near=i)
            if got:
                return got
        return self.nouns.get(lemma)

    def _object_noun(self, v: int, tree: _Tree, preps: bool = True) -> tuple[int, tuple[str, str | None]] | None:
        """An event noun among the verb's objects ("held talks", "agreed to a ceasefire")."""
        dep, children = tree.dep, tree.children
        cands = [c for c in children[v] if dep[c] in _NOUN_ARG_DEPS]
        if preps:
            cands += [g for c in children[v] if dep[c] == "prep" and tree.lower(c) in _NOUN_ARG_PREPS
                      for g in children[c] if dep[g] == "pobj"]
        for c in cands:
            got = self.noun(c, tree)
            if got is None:  # "six hours of talks", "a 24-hour hunger strike in protest"
                for p in children[c]:
                    if dep[p] == "prep" and tree.lower(p) == "of":
                        for g in children[p]:
                            got = got or (self.noun(g, tree) and (g, self.noun(g, tree)))
                if got:
                    return got
                continue
            return c, got
        return None

    # -- clauses

    def code(self, v: int, tree: _Tree, depth: int = 0, args: int | None = None) -> Coded | None:
        """The PLOVER code of the clause headed by verb ``v``, or None when it codes to no type.

        ``args`` is the token whose dependents are the verb's (a misparsed clause's root).
        """
        dep, children = tree.dep, tree.children
        lemma = tree.lemma(v).lower()
        args = v if args is None else args
        kids = children[args]
        prt = next((tree.lower(c) for c in kids if dep[c] == "prt"), None)
        prep = next((tree.lower(c) for c in kids if dep[c] == "prep" and c > v), None)
        if prep is None and any(dep[c] == "advcl" and c > v and _for_clause(c, tree) for c in kids):
            prep = "for"  # "called for Akayev to resign": the clause is what is called for
        key = next((k for k in (f"{lemma} {prt}", f"{lemma} {prep}") if k in self.roles), lemma)
        role, role_type, role_mode = self.role(key)
        own_rows = self.own.get(f"{lemma} {prt}" if prt else lemma) or (self.own.get(lemma) if prt else None)
        if role == "none" or (role == "report" and not own_rows):
            return None  # "said ...": the reported clause holds the event (checked first: most clauses)
        aux = {tree.lower(c) for c in kids if dep[c] in {"aux", "auxpass"}}
        negated = any(dep[c] == "neg" for c in kids) or any(tree.lower(c) == "never" for c in kids)
        planned = bool(aux & _FUTURE) or ("going" in aux and "to" in aux)
        comp = next((c for c in kids if dep[c] == "xcomp" and tree.pos[c] in {"VERB", "AUX", "ADJ"}), None)
        if comp is None:  # "swore to fight", parsed as a purpose clause
            comp = next((c for c in kids if dep[c] == "advcl" and tree.pos[c] == "VERB" and any(
                dep[a] == "aux" and tree.lower(a) == "to" for a in children[c])), None)
        after: list[int] = []  # the clause's words after the verb, listed when a pattern is tried
        got: tuple[str, str | None] | None = None
        noun_tok = None
        if own_rows:
            self.matched = None
            after = after or [t for t in sorted(tree.phrase(args)) if t > v]
            got = self._match(own_rows, after, tree, near=args)
            noun_tok = self.matched  # "put pressure": the noun is part of this event
        if got is None and role == "plan" and (lemma == "want" or (lemma == "expect" and comp is not None)):
            # ("expects the planes will save fuel": a prediction, no one asked)
            # "want Iran to cease ...": a wish of what another should do is a request of them
            other = next((c for c in kids if dep[c] in {"dobj", "dative"}), None)
            clause = next((c for c in kids if dep[c] == "ccomp" and any(  # "want Iran to cease", "want Iran give"
                (dep[a] == "aux" and tree.lower(a) == "to") or dep[a] in _SUBJECT_DEPS for a in children[c])), None)
            if other is None and clause is not None:
                other = next((c for c in children[clause] if dep[c] in _SUBJECT_DEPS), None)
            if other is not None and (comp is not None or clause is not None):
                return Coded("REQUEST", None, request_target=other)
        if got is None and comp is not None and role in {"intent", "refuse", "threaten", "request", "plan", "aspect"}:
            inner = self.code(comp, tree, depth + 1) if depth < 3 else None
            mode, noun = (inner.mode, inner.noun) if inner else (None, None)
            if role == "refuse" and (tree.lemma(comp).lower() in _NO_REFUSAL or self.is_report(comp, tree)):
                return None  # "declined to comment": no demand refused
            if role == "refuse" or (role in {"intent", "plan"} and inner and (
                    inner.negated or inner.event_type == "REJECT")):
                return Coded("REJECT", mode, noun=noun, planned=role == "plan")
            if role == "threaten":
                return Coded("THREATEN", mode, noun=noun)
            if role == "request":
                target = next((c for c in kids if dep[c] in {"dobj", "dative"}), None)
                return Coded("REQUEST", mode, request_target=target, planned=planned)  # "will ask X to": not yet
            if role == "intent":
                kind = "THREATEN" if inner and inner.event_type in _MATERIAL_CONFLICT | {"THREATEN"} else "AGREE"
                return Coded(kind, mode, noun=noun, planned=planned)
            if role == "plan":  # an intent as PLOVER codes it: "plans to visit" AGREE, "to strike" THREATEN
                if inner is None:
                    return None
                kind = ("AGREE" if inner.event_type in _COOPERATIVE else "THREATEN"
                        if inner.event_type in _MATERIAL_CONFLICT else inner.event_type)  # "plans to sue": ACCUSE
                return Coded(kind, mode, noun=noun, planned=True, request_target=inner.request_target)
            if inner is None:
                return None
            return Coded(inner.event_type, inner.mode, planned=inner.planned or planned,
                         negated=negated or inner.negated, noun=inner.noun, request_target=inner.request_target,
                         needs_target=inner.needs_target)  # "tried to control the situation": still no one
        if got is None and role == "intent":  # "promised more rallies": an intent to do what the noun names
            found = self._object_noun(v, tree)
            if found is not None and found[1][0] in _MATERIAL_CONFLICT:
                return Coded("THREATEN", found[1][1], noun=found[0])
        if got is None and role == "threaten" and lemma == "warn" and not any(dep[c] in {"dobj", "dative"} for c in kids):
            clause = next((c for c in kids if dep[c] == "ccomp"), None)
            inner = self.code(clause, tree, depth + 1) if clause is not None and depth < 3 else None
            if clause is not None and (inner is None or inner.event_type not in _MATERIAL_CONFLICT | {
                    "THREATEN", "SANCTION"}):
                return None  # "warns that the volcano remains active": a warning of what no one does to another
        if got is None and role == "threaten" and not any(dep[c] in {"ccomp", "dobj", "dative"} for c in kids):
            found = self._object_noun(v, tree)  # "warned of an attack" is a threat, "warned of hurdles" is not
            if found is None or found[1][0] not in _MATERIAL_CONFLICT:
                return None
        if got is None and role == "request":
            clause = next((c for c in kids if dep[c] == "ccomp"), None)
            target = next((c for c in kids if dep[c] in {"dobj", "dative"}), None)
            if target is None and clause is not None:
                target = next((c for c in children[clause] if dep[c] in _SUBJECT_DEPS), None)
            if target is None:  # "called for talks with Russia", "called on Russia to ..."
                target = next((g for c in kids if dep[c] == "prep" and tree.lower(c) in {"for", "on"}
                               for g in children[c] if dep[g] == "pobj"), None)
            return Coded(role_type or "REQUEST", None, negated=negated, request_target=target, planned=planned)
        if got is None and role == "report":
            return None  # "said ...": the reported clause, or the event noun it names, holds the event
        if got is None and role in {"light", "aspect", "plan", "end"} and lemma != "expect":
            # ("expected the findings of an investigation": an expectation of others' acts, no event of its own)
            found = self._object_noun(v, tree, preps=role in {"light", "end"})
            if found is not None:
                noun_tok, got = found
                if role == "end":  # "lifted the curfew", "called off the strike"; "suspended talks"
                    cooperative = got[0] in _COOPERATIVE
                    got = ("SANCTION" if cooperative else "CONCEDE", got[1])
            elif role in {"aspect", "plan"} and not role_type:
                return None
        if got is None and role_type:
            got = (role_type, role_mode)
        if got is None and prt:
            got = self._match([r for r in self.verb_rows(f"{lemma} {prt}") if not r[0]], after, tree)  # no words read
        if got is None and role not in {"light", "intent", "end"}:
            rows = self.verb_rows(lemma)
            # PETRARCH2's default code of a verb only for material conflict ("shell", "raid"): its synonym
            # blocks give cooperation codes to common verbs ("go", "pay", "link"); patterns are specific
            rows = [r for r in rows if r[0] or r[1] in _DEFAULT_TYPES]
            if rows:
                after = after or [t for t in sorted(tree.phrase(args)) if t > v]
            got = self._match(rows, after, tree, near=args) if rows else None
        if lemma == "join" and any(dep[c] == "dobj" and tree.lemma(c).lower() in _PROTEST_GROUPS for c in kids):
            got = ("PROTEST", "demo")  # "joined the protesters", "joined the rally": protesting with them
        if got is None and role == "event" and tree.pos[v] == "VERB":
            found = self._object_noun(v, tree)
            if found is not None and found[1][0] in {"AID", "SANCTION"}:  # "sent aid", "cut ties"
                noun_tok, got = found
        if got is None:
            return None
        event_type, mode = got
        if _figurative(v, args, tree, objects=event_type in {"ASSAULT", "COERCE", "RETREAT"}):
            return None
        if lemma == "take" and prt == "over" and not any(dep[c] == "dobj" for c in kids):
            return None  # "took over from X", "took over as leader": a succession
        if lemma in {"talk", "speak"} and not any(dep[c] == "dobj" or (dep[c] == "prep" and tree.lower(c) in {
                "with", "to"}) for c in kids) and any(dep[c] == "prep" and tree.lower(c) in {"about", "of"} for c in kids):
            return None  # "tried to talk about the liaison": speaking of something, no one consulted
        if lemma in {"fight", "struggle", "battle", "campaign"} and not any(dep[c] == "dobj" for c in kids) and any(
                dep[c] == "prep" and tree.lower(c) == "for" and any(
                    dep[g] == "pobj" and tree.pos[g] == "NOUN" for g in children[c]) for c in kids):
            return None  # "will fight for salary equity": a cause, not a battle
        if lemma == "return" and not any(dep[c] in {"dobj", "nsubjpass"} for c in kids):
            return None  # "returned to Romania", "return to Geneva": a journey; giving back has an object
        if lemma in {"come", "rise", "return", "sweep"} and any(
                dep[c] == "prep" and tree.lower(c) == "to" and any(tree.lemma(g).lower() in {"office", "power"}
                                                                  for g in children[c]) for c in kids):
            return None  # "came to office", "came to power": taking office, no one visited
        if lemma in {"appoint", "name", "nominate", "designate"} and event_type == "COOPERATE":
            return None  # "appointed X (as) minister": filling an office is no act toward another actor
        if lemma == "storm" and not any(dep[c] in {"dobj", "nsubjpass"} or (dep[c] == "prep" and tree.lower(c) in {
                "into", "onto"}) for c in kids):
            return None  # "stormed back to the psychiatrist", "stormed out": a manner of walking
        if lemma == "call" and any(dep[c] in {"oprd", "attr"} for c in kids):
            return None  # "a campaign called a veto": a name
        if lemma == "demonstrate" and any(dep[c] in {"dobj", "ccomp"} for c in kids):
            return None  # "demonstrates Canada's abhorrence": shows, no protest
        if lemma == "charge" and any(dep[c] == "ccomp" for c in kids):
            event_type, mode = "ACCUSE", "allege"  # "charged that ...": an accusation
        if event_type == "ASSAULT" and lemma == "strike" and _labour_strike(v, args, tree):
            event_type, mode = "PROTEST", "strike"  # "the workers struck": a labour strike
        if negated and event_type in _COOPERATIVE:
            if lemma not in _REFUSABLE and f"{lemma} {prt}" not in _REFUSABLE:
                return None  # "did not take part", "not offering details": nothing refused
            return Coded("REJECT", mode, noun=noun_tok)  # "did not sign", "will not accept"
        if planned and not negated and depth == 0:
            if event_type in _COOPERATIVE:
                return Coded("AGREE", mode, planned=True, noun=noun_tok)  # "will visit": an intent to cooperate
            if event_type in _MATERIAL_CONFLICT | {"SANCTION"}:
                return Coded("THREATEN", mode, planned=True, noun=noun_tok)  # "would strike": a threat
        if lemma == "meet" and any(dep[c] in {"auxpass", "nsubjpass"} for c in kids) and not any(
                tree.pos[g] == "PROPN" for c in kids if dep[c] == "agent" for g in children[c]):
            return None  # "protesters were met by riot police", "was met with criticism": a reception, no talks
        vague = noun_tok is not None and tree.lemma(noun_tok).lower() in _VAGUE_OBJECTS
        return Coded(event_type, mode, planned=planned, negated=negated, noun=None if vague else noun_tok,
                     needs_target=role == "object" and (noun_tok is None or vague))


# --------------------------------------------------------------------------- actors


def _mention_index(doc, mentions: pd.DataFrame, chars: DocView) -> dict[int, dict]:
    """token index -> the innermost mention covering it.

    Nested mentions ("the head of *Russia*'s delegation") keep the outer one on
    the head word and the inner one on its own words.
    """
    at: dict[int, dict] = {}
    if mentions is None or mentions.empty:
        return at
    rows = segment.records(mentions, ["start", "end", "label", "actor", "actor_type", "kind"])
    for row in sorted(rows, key=lambda r: (r["start"] - r["end"], r["start"])):  # longest first
        if not isinstance(row.get("actor"), str) or not row["actor"]:
            continue
        if "anti-" in chars.text[max(0, int(row["start"]) - 5):int(row["start"]) + 5].lower():
            continue  # "the anti-Syrian opposition": against an actor, not the actor
        if _DOCUMENT_CODE.match(chars.text, int(row["start"])) and row["actor"] == chars.text[
                int(row["start"]):int(row["end"])]:
            continue  # "EO 12810 placed sanctions": an unresolved short code followed by a number names a document
        span = chars.span(int(row["start"]), int(row["end"]))
        for i in range(*span) if span is not None else []:
            at[i] = row
    return at


_DOCUMENT_CODE = re.compile(r"[A-Z]{1,4}[ -]?\d+\b")


def _is_person(row: dict) -> bool:
    kind = f"{row.get('actor_type', '')} {row.get('label', '')}".lower()
    return "person" in kind


def _actor_of(i: int | None, mention_at: dict, tree: _Tree, exclude: str | None = None,
              source: bool = False) -> dict | None:
    """The mention naming token ``i``'s phrase: the head's own, an appositive's, else the first.
    A ``source`` is not named by what it acts on ("rebels *on Checkpoint 1*", misattached)."""
    if i is None or not mention_at:
        return None
    first = [i] + [c for c in tree.children[i] if tree.dep[c] == "appos"]
    if tree.dep[i] == "appos":  # "Pierre Gemayel, a Christian opposition member": the person, not "Christian"
        first.append(tree.head[i])
    for t in first:
        row = mention_at.get(t)
        if row is not None and row["actor"] != exclude and not _first_name(t, row, mention_at, tree):
            return row
    phrase = tree.naming_phrase(i)
    stray = {s for c in phrase if _stray_subject(c, tree) or (source and tree.dep[c] == "prep" and tree.lower(c) in {
        "on", "against", "at"}) or _kin_owner(c, tree) or _first_name(c, mention_at.get(c), mention_at, tree)
        for s in ([c] if _first_name(c, mention_at.get(c), mention_at, tree) else tree.phrase(c))}
    found = None
    for t in sorted(phrase):  # walked only when the head names no one
        row = mention_at.get(t)
        if row is not None and row["actor"] != exclude and t not in stray:
            if found is None and row.get("kind") == "demonym":
                found = row  # "the Colombian guerrillas of the FARC": a name of the phrase says more than an adjective
                continue
            if found is not None and (row.get("kind") == "demonym" or tree.lower(tree.head[t]) != "of"):
                continue
            return row
    return found


#: groups or acts that joining makes a protest ("joined the protesters", "joined the rally")
_PROTEST_GROUPS = frozenset({"protester", "protestor", "demonstrator", "protest", "demonstration", "rally",
                             "march", "marcher", "sit-in", "picket"})
#: objects that name no act of a pattern ("control the situation"): the verb then needs an actor to act on
_VAGUE_OBJECTS = frozenset({"situation", "matter", "issue", "thing", "problem", "question", "circumstance"})
_KIN_NOUNS = frozenset({
    "sibling", "brother", "sister", "parent", "mother", "father", "son", "daughter", "child", "wife", "husband",
    "widow", "widower", "family", "relative", "cousin", "uncle", "aunt", "grandmother", "grandfather", "grandson",
    "granddaughter", "nephew", "niece", "fiancee", "fiancé", "fiancée", "partner", "friend", "neighbour", "neighbor"})


def _kin_owner(i: int, tree: _Tree) -> bool:
    """The possessor of a relative ("*Terri Schiavo*'s siblings", "the family *of* X"): the relatives are not X."""
    head = tree.head[i]
    if tree.dep[i] == "poss":
        return tree.lemma(head).lower() in _KIN_NOUNS
    return tree.dep[i] == "prep" and tree.lower(i) == "of" and tree.lemma(head).lower() in _KIN_NOUNS


def _first_name(i: int, row: dict | None, mention_at: dict, tree: _Tree) -> bool:
    """A lone first name conjoined to a full name sharing its surname ("*Bob* and Mary Schindler"): not the actor."""
    if row is None or not _is_person(row) or mention_at.get(i - 1) is row or mention_at.get(i + 1) is row:
        return False
    return any(tree.dep[c] == "conj" and tree.pos[c] == "PROPN" and mention_at.get(c) is not None
               and mention_at.get(c - 1) is mention_at.get(c) for c in tree.children[i])


def _stray_subject(i: int, tree: _Tree) -> bool:
    """A name conjoined to a noun that is the subject of the next clause, misparsed: "did not accept the
    arguments and *Uribe* signed" (a finite verb follows it, itself without a subject)."""
    if tree.dep[i] != "conj" or tree.pos[i] != "PROPN":
        return False
    nxt = max(tree.phrase(i)) + 1
    return nxt < len(tree.pos) and tree.pos[nxt] == "VERB" and tree.dep[nxt] == "conj" and tree.tag(nxt) in {
        "VBD", "VBZ", "VBP"} and not any(tree.dep[c] in _SUBJECT_DEPS for c in tree.children[nxt])


def _argument_heads(ev: _Event, tree: _Tree) -> list[int]:
    """Object-like dependents in order of preference: dative, direct object, prepositional objects."""
    verb, dep, children = ev.verb, tree.dep, tree.children
    verbs = [verb] + [c for c in children[verb] if dep[c] == "xcomp" and tree.pos[c] == "VERB"]
    kids = [c for v in verbs for c in children[v]] + ev.extra_args
    heads = [c for d in _OBJECT_DEPS for c in kids if dep[c] == d]
    for c in kids:
        if dep[c] == "prep" and tree.lower(c) not in _NON_ARGUMENT_PREPS:
            heads += [g for g in children[c] if dep[g] in {"pobj", "pcomp"}]
    if dep[verb] == "relcl" and ev.kind == "verb" and not any(dep[c] in {"dobj", "dative"} for c in children[verb]):
        heads.append(tree.head[verb])  # "the peninsula it seized": the antecedent is the object
    return heads


#: Buildings and vehicles an act is done to: their modifiers ("a Mormon church", "a Shiite mosque") are no target.
_BUILDING_NOUNS = frozenset({"church", "mosque", "temple", "synagogue", "shrine", "cathedral", "building", "house",
                             "home", "hotel", "restaurant", "cafe", "bar", "nightclub", "market", "shop", "store",
                             "school", "hospital", "bus", "train", "car"})

#: Types whose place is their target when no one else is named: a curfew, a raid, a blockade in X is on X
_PLACE_TARGET_TYPES = frozenset({"CONCEDE", "SANCTION", "THREATEN", "COERCE", "ASSAULT", "PROTEST", "MOBILIZE"})

#: Prepositions whose object is the one an event noun acts on: "a lawsuit against X", "pressure on X", "aid to X".
_TARGET_PREPS = {"against", "on", "to"}
_CALENDAR_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                             "february", "march", "april", "may", "june", "july", "august", "september", "october",
                             "november", "december", "christmas", "easter", "ramadan"})


def _noun_argument_heads(i: int, tree: _Tree) -> list[int]:
    """Objects of the target prepositions of noun ``i`` ("a lawsuit *against X*")."""
    return [g for c in tree.children[i] if tree.dep[c] == "prep" and tree.lower(c) in _TARGET_PREPS
            for g in tree.children[c] if tree.dep[g] == "pobj"]


#: Subjects that do not take the actor of the place they are in: "a patrol in Baghdad", "troops in Iraq"
#: are often foreign ("rebels in the Ivory Coast", "security forces in Guinea" are local).
_VISITING_GROUPS = frozenset({"patrol", "troop", "soldier", "marine", "army", "unit", "convoy", "aircraft", "jet",
                              "plane", "helicopter", "warship", "ship", "force", "peacekeeper", "contingent"})


def _local_group(i: int, tree: _Tree) -> bool:
    lemma = tree.lemma(i).lower()
    return lemma not in _VISITING_GROUPS or (lemma == "force" and any(
        tree.lemma(c).lower() == "security" for c in tree.children[i]))


_LOCAL_PREPS = _PLACE_PREPS | {"from", "of"}


def _local_phrase(i: int, tree: _Tree) -> list[int]:
    """Token ``i``'s phrase without prepositional phrases other than places, "from" and "of": "demonstrators in
    Baghdad" are local, "rebels on Checkpoint 1" need not be."""
    out = [i]
    for c in tree.children[i]:
        if tree.dep[c] not in _CLAUSE_DEPS and (tree.dep[c] != "prep" or tree.lower(c) in _LOCAL_PREPS):
            out += _local_phrase(c, tree)
    return out


def _resolve_pronoun(word: str, history: list[_Event], sent_no: int) -> _Event | None:
    """The nearest earlier event whose actor fits the pronoun ``word``: he/she a person of this or the
    previous sentence, it/they anything else of this sentence."""
    if word not in _PERSON_PRONOUNS | _THING_PRONOUNS:
        return None
    want_person = word in _PERSON_PRONOUNS
    # he/she reach back to the sentence before; it/they only within the sentence (the machine, the panel
    # or the country "it" names is too often no earlier actor)
    earliest = sent_no - 1 if want_person else sent_no
    for ev in reversed(history):
        if ev.sent_no < earliest:
            break
        if ev.actor and ev.actor_source in {"subject", "pronoun"} and ev.actor_is_person == want_person:
            return ev
    return None


def _speaker(i: int, mention_at: dict, tree: _Tree) -> dict | None:
    """Actor of the nearest clause above token ``i`` with a named subject: "'I hope ...,' X said"."""
    while tree.head[i] != i:
        i = tree.head[i]
        subj = next((c for c in tree.children[i] if tree.dep[c] in _SUBJECT_DEPS and tree.pos[c] != "PRON"), None)
        if tree.lemma(i).lower() == "quote":  # "Reuters quotes X as saying": X speaks
            subj = next((c for c in tree.children[i] if tree.dep[c] == "dobj"), subj)
        row = _actor_of(subj, mention_at, tree)
        if row is not None:
            return row
    return None


def _assign_actors(ev: _Event, mention_at: dict, history: list[_Event], sent: tuple[int, int], tree: _Tree,
                   coder: EventCoder) -> None:
    dep = tree.dep
    if ev.kind == "noun":
        kids = tree.children[ev.verb]
        mods = [c for c in kids if dep[c] in {"poss", "amod", "compound", "nmod"}]
        agents = [g for c in kids if dep[c] == "prep" and tree.lower(c) == "by" for g in tree.children[c]]
        if tree.lemma(ev.verb).lower() in _PATIENT_NOUNS:  # "Granda's arrest": Granda is arrested
            patients = [c for c in mods if dep[c] == "poss"]
            mods = [c for c in mods if c not in patients]
        else:
            patients = []
        row = next((r for r in (_actor_of(t, mention_at, tree) for t in mods + agents) if r), None)
        if row:
            ev.actor, ev.actor_source, ev.actor_is_person = row["actor"], "modifier", _is_person(row)
            ev.actor_tok = next(t for t in mods + agents if _actor_of(t, mention_at, tree))
        between = [g for c in kids if dep[c] == "prep" and tree.lower(c) == "between" for g in tree.children[c]]
        if row is None and between:  # "talks between X and Y": X the source, Y the target
            ev.actor_tok = between[0]
            row = _actor_of(between[0], mention_at, tree)
            if row is not None:
                ev.actor, ev.actor_source, ev.actor_is_person = row["actor"], "modifier", _is_person(row)
        if row is None:  # "announced a suspension of links", "held talks with": the clause's subject
            tok = ev.verb
            while dep[tok] in {"dobj", "pobj", "prep", "attr", "conj", "appos", "compound"} and tree.head[tok] != tok:
                tok = tree.head[tok]
            if tok != ev.verb and tree.pos[tok] in {"VERB", "AUX"} and (coder.role(tree.lemma(tok).lower())[0] in {
                    "light", "report", "aspect", "plan", "end", "intent", "request"}
                    or tree.lemma(tok).lower() in {"include", "involve"}):  # "X's attacks include a bombing of
                subj, passive = _subject(tok, tree)
                row = None if passive else _actor_of(subj, mention_at, tree)
                if row is not None:
                    ev.actor, ev.actor_source, ev.actor_is_person = row["actor"], "clause", _is_person(row)
                    ev.actor_tok = subj
        targets = patients + [c for g in between for c in tree.children[g] if dep[c] == "conj"]
        targets += [g for c in kids if dep[c] == "prep" and tree.lower(c) in {"of", "on", "against", "with", "to"}
                    for g in tree.children[c]]
    else:
        subj = ev.subject
        agent = next((g for c in tree.children[ev.verb] if dep[c] == "agent" for g in tree.children[c]), None)
        actor_tok = agent if ev.passive else subj
        if ev.extra_args:  # repaired clause: the subject is the one mis-parsed word
            row = mention_at.get(subj)
        else:
            row = _actor_of(actor_tok, mention_at, tree, source=True)
            if row is None and actor_tok is not None and tree.pos[actor_tok] == "NOUN" and _local_group(actor_tok, tree):
                # "security forces in Guinea", "demonstrators in Baghdad": a local group takes its place's actor
                # (not "a patrol in Baghdad", "rebels on Checkpoint 1": troops and fighters are often foreign)
                row = next((mention_at[t] for t in sorted(_local_phrase(actor_tok, tree))
                            if t in mention_at and mention_at[t].get("label") in {"GPE", "NORP"}), None)
            if row is not None and row.get("label") in {"GPE", "LOC", "FAC"} and dep[ev.verb] == "relcl" and \
                    actor_tok == tree.head[ev.verb] and any(tree.lower(c) == "who" for c in tree.children[ev.verb]):
                row = None  # "supplies one soldier to Afghanistan who assists": "who" is a person, not the place
        ev.actor_tok = actor_tok
        if row is not None:
            ev.actor, ev.actor_source, ev.actor_is_person = row["actor"], "subject", _is_person(row)
            ev.actor = _compound_actor(actor_tok, row, mention_at, tree)
        elif actor_tok is not None and tree.pos[actor_tok] == "PRON":
            if tree.lower(actor_tok) in _SPEAKER_PRONOUNS:
                row = _speaker(ev.anchor, mention_at, tree)
                if row is not None:
                    ev.actor, ev.actor_source, ev.actor_is_person = row["actor"], "pronoun", _is_person(row)
            else:
                named = {mention_at[c]["actor"] for c in tree.children[ev.verb]
                         if tree.dep[c] in {"dobj", "dative"} and c in mention_at}  # "He offered Akayev ...": not Akayev
                ref = _resolve_pronoun(tree.lower(actor_tok), [h for h in history if h.actor not in named], ev.sent_no)
                if ref is not None:
                    ev.actor, ev.actor_source, ev.actor_is_person = ref.actor, "pronoun", ref.actor_is_person
        if ev.code is None:
            return  # no event: its subject's actor is kept for the pronouns of later clauses, no target needed
        # passive: the subject is the target ("Kharkiv was shelled"), other arguments are not, unless the
        # subject names no one ("a lawsuit was filed against X by Y": X)
        targets = [subj] if ev.passive and subj is not None else _argument_heads(ev, tree)
        if ev.passive and subj is not None and _actor_of(subj, mention_at, tree, exclude=ev.actor) is None:
            targets += [t for t in _argument_heads(ev, tree) + _noun_argument_heads(subj, tree) if t != subj]
        elif not ev.passive:
            objects = [h for h in targets if tree.dep[h] == "dobj"]
            targets += [t for h in objects for t in _noun_argument_heads(h, tree)]
            # "recognized the treatment offered by Brazil", "condemned the attack carried out by X": the agent
            targets += [g for h in objects for a in tree.children[h] if dep[a] == "acl" and tree.tag(a) == "VBN"
                        for c in tree.children[a] if dep[c] == "agent" for g in tree.children[c] if dep[g] == "pobj"]
    for t in targets:
        if tree.lemma(t).lower() in _BUILDING_NOUNS and t not in mention_at:
            continue  # "the bombing of a Mormon church": a building is no actor, nor is its modifier
        row = _actor_of(t, mention_at, tree, exclude=ev.actor)
        if row is None and tree.pos[t] == "PRON" and tree.lower(t) in _THING_PRONOUNS:
            # "threatened to take it": the nearest actor named before, in the sentence, other than the source
            row = next((mention_at[j] for j in range(t - 1, sent[0] - 1, -1)
                        if j in mention_at and mention_at[j]["actor"] != ev.actor), None)
            if row is not None:
                ev.target, ev.target_tok = row["actor"], t
                break
        if row is not None:
            ev.target, ev.target_tok = _compound_actor(t, row, mention_at, tree, exclude=ev.actor), t
            break
    if ev.target is None and ev.code is not None and ev.code.event_type == "REQUEST":
        # "repeated their calls for Syria to withdraw": who is asked is the subject of the "for X to" clause
        owners = [ev.verb] + [c for c in tree.children[ev.verb] if dep[c] == "dobj"]
        for clause in (c for o in owners for c in tree.children[o] if dep[c] in {"advcl", "acl", "ccomp", "relcl"}):
            if any(dep[m] == "mark" and tree.lower(m) == "for" for m in tree.children[clause]):
                subj = next((c for c in tree.children[clause] if dep[c] == "nsubj"), None)
                row = _actor_of(subj, mention_at, tree, exclude=ev.actor)
                if row is not None:
                    ev.target, ev.target_tok = _compound_actor(subj, row, mention_at, tree, exclude=ev.actor), subj
                    break
    if ev.target is None and ev.code is not None and ev.code.event_type in _PLACE_TARGET_TYPES and (
            ev.code.event_type != "PROTEST" or ev.code.mode == "obstruct"):  # a rally in X is not against X
        # "lifted the curfew in Montenegro", "fired shells at targets in Jericho": the place is what is acted on
        # (not where talks were held: "called off talks in X")
        verbs = [ev.verb] + [c for c in tree.children[ev.verb] if dep[c] == "xcomp"]  # "threatened to ban X in Y"
        heads = verbs + [c for v in verbs for c in tree.children[v] if dep[c] in {"dobj", "nsubjpass"}] + [
            g for v in verbs for c in tree.children[v] if dep[c] == "prep" and tree.lower(c) not in _PLACE_PREPS
            for g in tree.children[c] if dep[g] == "pobj"]
        heads = [h for h in heads if tree.pos[h] != "NOUN" or (coder.noun(h, tree) or ("",))[0] not in _COOPERATIVE]
        for p in (c for h in heads for c in tree.children[h] if dep[c] == "prep" and tree.lower(c) in _PLACE_PREPS):
            row = next((r for r in (_actor_of(g, mention_at, tree, exclude=ev.actor) for g in tree.children[p]
                                    if dep[g] == "pobj") if r and r.get("label") in {"GPE", "LOC"}), None)
            if row is not None:
                ev.target, ev.target_tok = row["actor"], next(g for g in tree.children[p] if dep[g] == "pobj")
                break
    if ev.target_tok is None:  # "donated money to PT": a name no actor rule knows is still the target as written
        ev.target_tok = next((t for t in targets if tree.pos[t] == "PROPN" and t != ev.actor_tok and t not in mention_at
                              and tree.lower(t) not in _CALENDAR_WORDS and (tree.dep[t] in {"dobj", "dative"} or (
                                  tree.dep[t] == "pobj" and tree.lower(tree.head[t]) in _TARGET_PREPS | {"with"}))),
                             None)
    if ev.actor is None and ev.kind == "verb" and ev.subject is None and dep[ev.anchor] in {"ROOT", "ccomp"} and not any(
            dep[c] == "auxpass" for c in tree.children[ev.verb]):  # "products have been withdrawn": no one named
        j = ev.verb - 1
        while j > sent[0] and dep[j] in {"aux", "neg", "advmod"} and tree.head[j] == ev.verb:
            j -= 1
        # a name right before the verb is its subject, misparsed ("brokered by Abbas and Sharon, Israel has released")
        row = mention_at.get(j) if j >= sent[0] and mention_at.get(j, {}).get("actor") not in {None, ev.target} else None
        if row is not None:
            ev.actor_tok = j
        if row is None:  # "the Iraqi government said commandos took part": the reporter is no source of what it reports
            reporter = _reporting_subject(ev.anchor, coder, mention_at, tree)
            row = _sentence_actor(sent, mention_at, exclude=ev.target,
                                  skip=reporter["actor"] if reporter is not None else None)
        if row is not None:
            ev.actor, ev.actor_source, ev.actor_is_person = row["actor"], "sentence", _is_person(row)


def _reporting_subject(i: int, coder: EventCoder, mention_at: dict, tree: _Tree) -> dict | None:
    """The actor of the reporting verb whose complement clause holds token ``i`` ("X said ..."), or None."""
    dep = tree.dep
    while dep[i] in {"ccomp", "conj"} and tree.head[i] != i:
        i = tree.head[i]
        if tree.pos[i] == "VERB" and coder.is_report(i, tree):
            return _actor_of(_subject(i, tree)[0], mention_at, tree)
    return None


def _compound_actor(i: int | None, row: dict, mention_at: dict, tree: _Tree, exclude: str | None = None) -> str:
    """The actor of ``row``, with those of phrases conjoined to it, ``;``-joined:
    "Hungarian and Romanian officials", "the United States and Jordan"."""
    if i is None:
        return row["actor"]
    dep, children = tree.dep, tree.children
    heads = [i] + [c for c in children[i] if dep[c] in {"amod", "compound", "nmod"}]
    names = [row["actor"]]
    for h in heads:
        stack = [c for c in children[h] if dep[c] == "conj"]
        while stack:
            c = stack.pop(0)
            other = _actor_of(c, mention_at, tree, exclude=exclude)
            if other is not None and other["actor"] not in names:
                names.append(other["actor"])
            stack += [g for g in children[c] if dep[g] == "conj"]
    return ";".join(names)


def _sentence_actor(sent: tuple[int, int], mention_at: dict, exclude: str | None,
                    skip: str | None = None) -> dict | None:
    """The first actor the sentence (its token range) names, preferring names over descriptions ("the head of ...")."""
    rows = [mention_at[i] for i in range(*sent) if i in mention_at and mention_at[i]["actor"] not in {exclude, skip}]
    named = [r for r in rows if r.get("kind") != "description"]
    return (named or rows or [None])[0]


# --------------------------------------------------------------------------- dates


def _anchor_timexes(timexes: pd.DataFrame, chars: DocView, tree: _Tree) -> list[dict]:
    """DATE/TIME expressions with a calendar interval, each with its token range and root token."""
    if timexes is None or timexes.empty:
        return []
    out = []
    for row in segment.records(timexes, ["start", "end", "text", "type", "date_start", "date_end", "granularity"]):
        if row["type"] not in _ANCHOR_TYPES or pd.isna(row["date_start"]):
            continue
        bounds = chars.span(int(row["start"]), int(row["end"]))
        if bounds is not None and bounds[1] > bounds[0]:
            out.append({**row, "_root": tree.root(*bounds), "_span": bounds})
    return out


def _interval_length(tx: dict) -> float:
    start, end = pd.Timestamp(tx["date_start"]), pd.Timestamp(tx.get("date_end"))
    return (end - start).total_seconds() if pd.notna(end) else float("inf")


def _event_noun(i: int, nouns: frozenset[str], tree: _Tree) -> int | None:
    """Token ``i`` if it names an event, else the event noun of its "of" phrase ("six hours of meetings")."""
    if tree.lemma(i).lower() in nouns:
        return i
    dep = tree.dep
    for prep in tree.children[i]:
        if dep[prep] == "prep" and tree.lower(prep) == "of":
            for obj in tree.children[prep]:
                if dep[obj] == "pobj" and tree.pos[obj] == "NOUN" and tree.lemma(obj).lower() in nouns:
                    return obj
    return None


def _is_boundary(root: int, before: int | None, tree: _Tree) -> bool:
    """Whether a date is a bound or a comparison rather than the time of the event."""
    if before is not None and tree.lower(before) in _BOUNDARY_WORDS:
        return True
    head = tree.head[root]
    if tree.dep[root] == "pobj" and tree.lower(head) in _BOUNDARY_WORDS:
        return True
    return tree.dep[root] == "pobj" and tree.lower(head) in {"with", "to"} and tree.lemma(tree.head[head]) == "compare"


#: Clauses a verb governs that have a time of their own ("of violating sanctions 13 years ago", "said that ...").
_OWN_TIME_CLAUSES = {"pcomp", "ccomp", "relcl", "acl"}


def _dates_a_part(tok: int, below: int, tx: dict, tree: _Tree, nouns: frozenset[str], steps: int) -> bool:
    """Whether a timex walking up to ``tok`` (from ``below``) dates a noun or clause there, not an event above it.

    A date inside a thing the event acts on ("rejected the *June 26* election date", "challenged the rerun
    *on December 26*", "blamed the *June 2000* spill") dates that thing; one in a clause the verb governs
    that is no event ("charges of violating sanctions *13 years ago*") dates that clause. The subject (it acts
    in the event), a noun that is the period the event is in ("during the 2002 campaign") or an event noun
    close enough to be the event do not.
    """
    span_start, span_end = tx["_span"]
    if span_start <= tok < span_end:
        return False
    dep, pos = tree.dep, tree.pos
    if pos[tok] == "VERB":
        return dep[tok] in _OWN_TIME_CLAUSES
    if pos[tok] != "NOUN" and not (pos[tok] == "PROPN" and below < tok and dep[below] in _PREMODIFIER_DEPS | {"nmod"}):
        return False
    if dep[tok] in _SUBJECT_DEPS:
        return False  # the subject acts in the event: "attacks late Tuesday wounded one person"
    if steps <= 2 and _event_noun(tok, nouns, tree) is not None:
        return False  # the event noun itself: "in a raid on April 22"
    return not (dep[tok] == "pobj" and tree.lower(tree.head[tok]) in {"during", "in", "amid", "at", "on"})


def _attach(tx: dict, events: list[_Event], tree: _Tree, nouns: frozenset[str]) -> tuple[_Event | None, int]:
    """The event a timex dates and the tree distance to it.

    The first event up the tree, an event noun it modifies directly, or else
    the nearest event of the sentence (distance counted as 100 + tokens apart).
    """
    by_anchor = {ev.anchor: ev for ev in events}
    span_start, span_end = tx["_span"]
    tok, steps = tx["_root"], 0
    head, dep, pos = tree.head[tok], tree.dep, tree.pos
    before = span_start - 1 if span_start > 0 else None
    if _is_boundary(tok, before, tree):
        return None, 0  # "by May", "since 1993", "than a year ago": the event is not within the date
    after_prep = before is not None and tree.lower(before) in {"on", "in", "at", "during"}  # "on Tuesday ..."
    during = dep[head] == "pobj" and tree.lower(tree.head[head]) in {"during", "in", "amid"}  # "during the 2002 campaign"
    if (dep[tok] in _PREMODIFIER_DEPS and tok < head and pos[head] in {"NOUN", "PROPN"}
            and not after_prep and not during and _event_noun(head, nouns, tree) is None):
        return None, 0  # "1990 levels", "the 2006 budget": the date describes a thing, not an event
    first_verb = None
    while tree.head[tok] != tok:
        below, (tok, steps) = tok, (tree.head[tok], steps + 1)
        if tok in by_anchor:
            return by_anchor[tok], steps
        if first_verb is None and pos[tok] == "VERB":
            first_verb = (tok, steps)
        if pos[tok] == "VERB" and dep[tok] == "acl" and tree.tag(tok) in {"VBN", "VBG"}:
            # a dated participle is an event of its own: "parts seized in 1990 by Iraq"
            ev = _Event(anchor=tok, verb=tok, subject=tree.head[tok], passive=tree.tag(tok) == "VBN")
            events.append(ev)
            return ev, steps
        if steps <= 2 and pos[tok] == "NOUN" and not span_start <= tok < span_end and dep[tok] != "compound":
            noun = _event_noun(tok, nouns, tree)
            if noun is not None:
                ev = _Event(anchor=tok, verb=noun, kind="noun")
                events.append(ev)
                return ev, steps
        if _dates_a_part(tok, below, tx, tree, nouns, steps):
            return None, 0  # "rejected the June 26 election date", "accused X of violating it 13 years ago"
    if first_verb is not None:  # "it was to be released on Thursday": the verb under a copula
        verb, steps = first_verb
        subj, passive = _subject(verb, tree)
        if subj is None and dep[verb] == "xcomp":
            subj, passive = _subject(tree.head[verb], tree)
        ev = _Event(anchor=verb, verb=verb, subject=subj, passive=passive or tree.tag(verb) == "VBN")
        events.append(ev)
        return ev, steps
    if not events:
        return None, 0
    root = tx["_root"]
    nearest = min(events, key=lambda ev: (abs(ev.anchor - root), ev.anchor))
    return nearest, 100 + abs(nearest.anchor - root)


def _date_events(events: list[_Event], anchors: list[dict], tree: _Tree, nouns: frozenset[str]) -> None:
    best: dict[int, tuple] = {}
    for order, tx in enumerate(anchors):
        ev, steps = _attach(tx, events, tree, nouns)
        if ev is None:
            continue
        rank = (steps, _interval_length(tx), order)  # the closest in the tree, then the finest
        if ev.anchor not in best or rank < best[ev.anchor][0]:
            best[ev.anchor] = (rank, tx)
            ev.timex = tx
    head, dep, children = tree.head, tree.dep, tree.children
    by_anchor = {e.anchor: e for e in events}
    for ev in [e for e in events if e.kind == "noun" and e.timex is not None]:
        # "took the child in a raid on April 22": the verb happened in the dated event it names
        tok = ev.anchor
        while dep[tok] in {"pobj", "prep"} and head[tok] != tok:  # not its object: "challenged the rerun on May 2"
            tok = head[tok]
            verb = by_anchor.get(tok)
            if verb is not None and verb.kind == "verb":
                verb.timex = verb.timex or ev.timex
                break
    for ev in events:  # "in November, when he was found": a clause on a date happened then
        if ev.timex is None and ev.kind == "verb" and dep[ev.anchor] == "relcl" and not any(
            tree.lower(c) == "where" for c in children[ev.anchor]
        ):
            ev.timex = next((tx for tx in anchors if tx["_span"][0] <= head[ev.anchor] < tx["_span"][1]), None)
    for ev in sorted(events, key=lambda e: e.anchor):
        anchor = ev.anchor
        shares_subject = dep[anchor] == "conj" or (dep[anchor] == "advcl" and tree.tag(anchor) == "VBG")
        if ev.timex is None and ev.kind == "verb" and shares_subject and not any(
            dep[c] in _SUBJECT_DEPS for c in children[anchor]
        ):
            parent = next((e for e in events if e.anchor == head[anchor]), None)
            if parent is not None:
                ev.timex = parent.timex


#: A sentence dated this long before its article tells background: its undated events are not of the article's day.
_BACKGROUND_AGE = pd.Timedelta(days=365)


def _pluperfect(ev: _Event, tree: _Tree) -> bool:
    """"had invaded", "had been arrested": a past before the story's past, not the article's day."""
    return ev.kind == "verb" and any(tree.dep[c] == "aux" and tree.lower(c) == "had" for c in tree.children[ev.verb])


def _article_date(reference_date) -> tuple:
    """``date_start``, ``date_end``, ``granularity``, ``date_source`` and ``timex`` of an event the article dates."""
    if reference_date is None or pd.isna(reference_date):
        return pd.NaT, pd.NaT, None, "none", None
    day = pd.Timestamp(reference_date).normalize()
    return day, day, "day", "article", None  # same convention as the timex frame: date_end is the last day


# --------------------------------------------------------------------------- public


def events_from_doc(doc, sentences: pd.DataFrame, mentions: pd.DataFrame, timexes: pd.DataFrame,
                    reference_date, pipeline: Pipeline | None = None, *,
                    coder: EventCoder | None = None) -> pd.DataFrame:
    """PLOVER-coded events of one article (see the module docstring for the columns and the rules).

    ``doc`` is the article's :class:`~newsdesk.docview.DocView` (or its Doc); ``sentences``
    the sentence frame (with ``compound``), ``mentions`` and ``timexes`` the article's
    frames, all with offsets into ``doc.text``.
    The :class:`EventCoder` is ``coder`` or ``pipeline.event_coder`` (a
    :class:`newsdesk.Pipeline` builds it once from its tables); without
    either, a default Pipeline's.
    """
    if coder is None:
        if pipeline is None:
            # the pipeline is built on this module, not the other way round
            from newsdesk.pipeline import Pipeline

            pipeline = Pipeline()
        coder = pipeline.event_coder
    chars = view_of(doc)  # the doc's DocView (or one of the Doc given)
    doc, tree = chars.doc, _Tree(chars)
    mention_at = _mention_index(doc, mentions, chars)
    anchors = _anchor_timexes(timexes, chars, tree)
    article_date = _article_date(reference_date)
    history: list[_Event] = []
    text = chars.text
    rows = []
    # Only a verb under a clause dependency can head an event: found on the tree's lists, not Token by Token.
    maybe = [i for i, (pos, dep) in enumerate(zip(tree.pos, tree.dep, strict=True)) if pos == "VERB" and dep in _EVENT_DEPS]
    auxes = [i for i, (pos, dep) in enumerate(zip(tree.pos, tree.dep, strict=True)) if pos == "AUX" and dep in _EVENT_DEPS]
    nouns = [i for i, pos in enumerate(tree.pos) if pos == "NOUN"]
    for sent_no, sent_row in enumerate(segment.records(sentences, ["sent_id", "start", "end", "compound"])):
        sent = chars.span(int(sent_row["start"]), int(sent_row["end"]))
        if sent is None:
            continue
        repaired = _misparsed_root(*sent, tree, chars, mention_at)
        events = [repaired] if repaired else []
        lo, hi = bisect.bisect_left(maybe, sent[0]), bisect.bisect_left(maybe, sent[1])
        for i in maybe[lo:hi]:
            if _is_predicate(i, tree) and not (repaired and i in (repaired.anchor, repaired.verb)):
                subj, passive = _subject(i, tree)
                events.append(_Event(anchor=i, verb=i, subject=subj, passive=passive))
        lo, hi = bisect.bisect_left(auxes, sent[0]), bisect.bisect_left(auxes, sent[1])
        for i in auxes[lo:hi]:  # "is willing to withdraw", "is ready to talk": the adjective frames the action
            adj = next((c for c in tree.children[i] if tree.dep[c] == "acomp"
                        and coder.role(tree.lemma(c).lower())[0] in {"intent", "refuse"}), None)
            if adj is not None:
                subj, passive = _subject(i, tree)
                events.append(_Event(anchor=i, verb=adj, subject=subj, passive=passive))
        for ev in events:
            ev.code = coder.code(ev.verb, tree, args=ev.anchor if ev.extra_args else None)
        consumed = {ev.code.noun for ev in events if ev.code is not None and ev.code.noun is not None}
        coded_verbs = {ev.verb for ev in events if ev.code is not None} | {
            ev.anchor for ev in events if ev.code is not None}
        lo, hi = bisect.bisect_left(nouns, sent[0]), bisect.bisect_left(nouns, sent[1])
        for i in nouns[lo:hi]:
            if i not in consumed and tree.dep[i] not in {"appos", "compound"} and _is_nominal_event(i, tree) and (
                    # in apposition or compounded, an event noun is part of a name ("the Development Aid minister")
                    _own_actor(i, mention_at, tree) or not _inside_event(i, coded_verbs, coder, tree)) and (
                    not _requested_noun(i, coder, tree)):
                got = coder.noun(i, tree)
                if got is not None and not (got[0] in {"ASSAULT", "COERCE"} and _figurative_noun(i, tree)) and (
                        not _denied_noun(i, tree)) and not any(  # "stock deals", "budget talks": business
                        tree.dep[c] == "compound" and tree.lemma(c).lower() in _NON_ACTOR_NOUNS for c in tree.children[i]):
                    events.append(_Event(anchor=i, verb=i, kind="noun", code=Coded(*got)))
        in_sent = [tx for tx in anchors if sent[0] <= tx["_root"] < sent[1]]
        n_found = len(events)
        _date_events(events, in_sent, tree, coder.date_nouns)
        for ev in events[n_found:]:  # a participle, verb or noun a date made an event of
            if ev.kind == "noun":
                got = coder.noun(ev.verb, tree)
                ev.code = Coded(*got) if got else None
            else:
                ev.code = coder.code(ev.verb, tree)
        by_anchor = {ev.anchor: ev for ev in events}
        old = article_date[0] is not pd.NaT and any(
            pd.Timestamp(tx["date_end"]) < article_date[0] - _BACKGROUND_AGE for tx in in_sent
            if pd.notna(tx.get("date_end")))
        for ev in sorted(events, key=lambda e: e.anchor):
            ev.sent_no = sent_no
            main = tree.dep[ev.anchor] == "ROOT" or (tree.dep[ev.anchor] == "conj" and tree.dep[tree.head[ev.anchor]] == "ROOT")
            ev.background = ev.timex is None and ((old and not main) or _pluperfect(ev, tree) or (
                ev.kind == "noun" and _since(ev.verb, tree)))
            _assign_actors(ev, mention_at, history, sent, tree, coder)
            history.append(ev)
            if ev.code is None:
                continue
            _frame_event(ev, by_anchor, coder, mention_at, tree)
            if ev.code is not None and ev.code.event_type in {"THREATEN", "MOBILIZE"} and ev.kind == "verb" and (
                    tree.lemma(ev.verb).lower() in _SENDING) and any(
                    tree.lemma(t).lower() in _PEACEKEEPING for t in tree.phrase(ev.verb)):
                ev.code = Coded("AID", "peacekeeping", planned=ev.code.planned)  # "will send troops for peacekeeping"
            state = mention_at.get(ev.actor_tok) if ev.actor_tok is not None else None
            if ev.code is not None and ev.code.event_type == "PROTEST" and ev.kind == "verb" and state is not None and (
                    tree.lemma(ev.verb).lower() == "protest" and state.get("kind") != "demonym"
                    and state.get("actor_type") in {"state", "country", "international body"}):
                ev.code = Coded("ACCUSE", "disapprove")  # "the United States protested the sales": an official protest
            if ev.code is None or ((ev.code.needs_target or (ev.kind == "noun" and ev.code.mode == "visit")) and (
                    not ev.target)) or _implausible(ev, mention_at, tree) or (
                    _business(ev, sent, mention_at, tree)) or _company_act(ev, mention_at, tree):
                continue
            # PLOVER codes a source acting on a target: without a source actor ("X was arrested", "the
            # delegation attacked") there is no event to code; only a noun dated in its own words may lack one
            if ev.actor or (ev.kind == "noun" and ev.timex is not None):
                rows.append(_row(ev, sent_row, text, article_date, tree, chars))
    return _frame(rows)


#: Prepositions that make a noun an event between actors: "the invasion of", "sanctions on", "talks with".
_NOMINAL_PREPS = {"of", "on", "against", "between", "with", "by", "in"}


def _is_nominal_event(i: int, tree: _Tree) -> bool:
    """A noun with an argument of its own ("the invasion of Ukraine", "Russia's invasion", "talks between")."""
    dep = tree.dep
    for c in tree.children[i]:
        if dep[c] == "poss" or (dep[c] == "prep" and tree.lower(c) in _NOMINAL_PREPS):
            return True
        if dep[c] in {"amod", "compound"} and tree.pos[c] in {"PROPN", "ADJ"} and tree.tag(c) in {"NNP", "JJ", "NNPS"}:
            return tree._doc[c].text[:1].isupper()  # "Russian invasion", "U.S. sanctions"
    return False


#: Verbs of accidents: "the helicopter crashed, killing 31" is no assault.
_ACCIDENT_VERBS = frozenset({"crash", "collapse", "derail", "sink", "capsize", "overturn", "fall", "burn", "erupt",
                             "strike", "hit", "flood"})
#: Verbs of removing someone from office: "dismissed the minister" is no rejection.
_DISMISS_VERBS = frozenset({"dismiss", "fire", "sack", "remove", "replace"})
_STAFF_NOUNS = frozenset({"employee", "staff", "worker", "executive", "official", "minister", "officer", "general",
                          "commander", "chief", "director", "manager", "member", "aide", "adviser", "advisor", "coach",
                          "player", "judge", "head", "secretary", "governor", "ambassador", "prosecutor"})
#: Words that make sending troops or planning a deployment an aid, not a threat: "100 troops for peacekeeping".
_PEACEKEEPING = frozenset({"peacekeeping", "peacekeeper", "humanitarian", "relief", "reconstruction"})
_SIGNED_PAPERS = frozenset({"law", "bill", "legislation", "order", "decree", "petition", "budget", "measure"})
_SENDING = frozenset({"send", "deploy", "dispatch", "station", "contribute", "provide"})


def _implausible(ev: _Event, mention_at: dict, tree: _Tree) -> bool:
    """A coded clause whose reading the context rules out: an assault in a participle of an accident
    ("crashed, killing 31"), a rejection that removes a person from office ("dismissed the minister")."""
    code, dep = ev.code, tree.dep
    if ev.kind != "verb":
        return False
    if code.event_type == "ASSAULT" and dep[ev.anchor] == "advcl" and tree.tag(ev.anchor) == "VBG" and (
            tree.lemma(tree.head[ev.anchor]).lower() in _ACCIDENT_VERBS and tree.lemma(ev.verb).lower() != "strike"):
        return True
    if code.event_type == "REQUEST" and tree.lemma(ev.verb).lower() == "order" and ev.target is None and not any(
            tree.dep[c] in {"xcomp", "ccomp"} for c in tree.children[ev.verb]):
        return True  # "ordered new trains": a purchase, no one asked to act
    lemma = tree.lemma(ev.verb).lower()
    kids = tree.children[ev.verb]
    if lemma == "come" and any(tree.dep[c] == "prep" and tree.lower(c) == "under" for c in kids):
        return True  # "Syria has come under pressure": its subject is the target, the source unnamed
    if lemma == "sign" and any(tree.dep[c] == "dobj" and tree.lemma(c).lower() in _SIGNED_PAPERS for c in kids):
        return True  # "signed the bill into law", "signed a decree": an act of one's own office, no actor to support
    if code.event_type == "CONSULT" and ev.passive and any(
            tree.dep[c] == "agent" and any(tree.lemma(g).lower() in _ARMED_SUBJECTS for g in tree.children[c])
            for c in kids):
        return True  # "protesters were met by riot police": a confrontation, no meeting
    if code.event_type == "PROTEST" and ev.subject is not None and not ev.passive and (
            tree.lemma(ev.subject).lower() in _ARMED_SUBJECTS):
        return True
    if ev.kind == "verb" and tree.lemma(ev.verb).lower() in {"receive", "get", "face", "suffer"} and not ev.passive:
        # "received death threats", "received 5 million dollars from FARC": the subject is the target; the source
        # is who it came from, if the clause says ("received FARC leaders": a host, left as it is)
        giver = next((g for c in tree.children[ev.verb] if tree.dep[c] == "prep" and tree.lower(c) == "from"
                      for g in tree.children[c] if tree.dep[g] == "pobj"), None)
        row = _actor_of(giver, mention_at, tree, exclude=ev.actor)
        if row is not None:
            ev.actor, ev.target, ev.actor_tok, ev.target_tok = row["actor"], ev.actor, giver, ev.actor_tok
            ev.actor_source = "modifier"
        elif code.event_type in {"THREATEN", "AID", "SUPPORT", "ACCUSE", "SANCTION"} | _MATERIAL_CONFLICT:
            return True
    obj = ev.target_tok
    if obj is None and code.event_type == "REJECT" and tree.lemma(ev.verb).lower() in _DISMISS_VERBS:
        obj = next((c for c in tree.children[ev.verb] if tree.dep[c] == "dobj"), None)  # "dismissed four employees"
    if code.event_type == "REJECT" and tree.lemma(ev.verb).lower() in _DISMISS_VERBS and obj is not None and (
            dep[obj] == "dobj" and tree.head[obj] == ev.verb):
        row = mention_at.get(obj)  # the object itself names the person, not a phrase of theirs ("an appeal from X")
        return (row is not None and _is_person(row)) or tree.lemma(obj).lower() in _STAFF_NOUNS
    return False


#: Words of business news: a company's offers, orders and lawsuits are no political events.
_BUSINESS_WORDS = frozenset({"company", "firm", "retailer", "store", "customer", "consumer", "product", "warranty",
                             "share", "shareholder", "stock", "profit", "revenue", "sale", "price", "investor",
                             "merger", "acquisition", "lease", "licensing", "brand", "dividend", "earnings",
                             "subsidiary", "corporation", "nasdaq", "payroll", "retail", "supplier", "takeover",
                             "supermarket"})
_PUBLIC_WORDS = frozenset({"government", "ministry", "minister", "party", "parliament", "army", "military", "police",
                           "council", "court", "state", "authority", "agency", "commission", "congress", "senate"})
#: Words in a person's description that make them a business actor: "Sears CEO Alan Lacy".
_BUSINESS_ROLES = frozenset({"ceo", "cfo", "shareholder", "investor", "analyst", "executive"})


def _public(tok: int, tree: _Tree) -> bool:
    """Whether the phrase naming the actor at ``tok`` says it is public ("the Spanish government",
    "the Foreign Ministry"), whatever it sells."""
    return any(tree.lemma(t).lower() in _PUBLIC_WORDS for t in tree.naming_phrase(tok))


def _business(ev: _Event, sent: tuple[int, int], mention_at: dict, tree: _Tree) -> bool:
    """Whether the event is a company's in business news: its source an organisation (or a company's
    executive) in a sentence about products, shares, prices or customers."""
    if ev.actor_tok is None:
        return False
    row = mention_at.get(ev.actor_tok) or _actor_of(ev.actor_tok, mention_at, tree)
    kind = (row or {}).get("actor_type")
    if kind == "person":
        return any(tree.lower(t) in _BUSINESS_ROLES for t in tree.naming_phrase(ev.actor_tok))
    if kind not in {"organisation", "media", "facility", None}:
        return False  # states, places, international bodies, groups
    if _public(ev.actor_tok, tree):
        return False  # "the Spanish government", "the Foreign Ministry": public actors, whatever they sell
    return any(tree.pos[t] == "NOUN" and tree.lemma(t).lower() in _BUSINESS_WORDS for t in range(*sent))


#: Nouns that say an organisation is a company: "the airline", "retailer Tesco", "Metrorex, the subway operator".
_COMPANY_NOUNS = frozenset({"company", "firm", "airline", "carrier", "retailer", "supermarket", "manufacturer",
                            "maker", "operator", "corporation", "conglomerate", "chain", "contractor", "business",
                            "automaker", "carmaker", "supplier", "producer", "startup", "subsidiary", "insurer"})
_COMPANY_WORDS = _COMPANY_NOUNS | (frozenset(actors.CORPORATE_SUFFIXES) - {"group", "holdings"})  # "the militant group"
#: Actor types that are political whatever the sentence: states, their parts, international bodies, armed groups.
_POLITICAL_TYPES = frozenset({"state", "territory", "international body", "group", "country"})


def _company(actor: str, mention_at: dict, tree: _Tree) -> bool:
    """Whether the article shows organisation ``actor`` to be a company: a corporate suffix in its name
    ("Lockheed Martin Corp."), or a company noun beside a mention of it ("the airline Jetsgo", "Tesco,
    the retailer", "defence contractor Lockheed")."""
    for t, row in mention_at.items():
        if row.get("actor") != actor:
            continue
        near = [t - 1, t - 2, tree.head[t], *tree.children[t], *(c for c in tree.children[tree.head[t]]
                                                                  if tree.dep[c] == "appos")]
        if any(0 <= j < len(tree.head) and tree.lemma(j).lower() in _COMPANY_WORDS for j in near):
            return True
    return False


def _company_act(ev: _Event, mention_at: dict, tree: _Tree) -> bool:
    """A company's act toward no political actor ("the airline ceased operations", "X signed a contract
    with a builder"): business, not a political event. A state, government body, party, armed group or
    international body as the target keeps it ("Lockheed offered jets to Poland")."""
    if ev.actor_tok is None or not ev.actor:
        return False
    row = mention_at.get(ev.actor_tok) or _actor_of(ev.actor_tok, mention_at, tree)
    if (row or {}).get("actor_type") != "organisation" or _public(ev.actor_tok, tree):
        return False
    if not _company(row["actor"], mention_at, tree):
        return False
    if ev.target_tok is not None:
        target = mention_at.get(ev.target_tok) or _actor_of(ev.target_tok, mention_at, tree) or {}
        if target.get("actor_type") in _POLITICAL_TYPES or target.get("affiliation") or target.get("role") or (
                _public(ev.target_tok, tree)):
            return False
    return True


def _denied_noun(i: int, tree: _Tree) -> bool:
    """"any donation", "no deal", "did not confirm a donation", "denies the donation": a noun that says
    the event did not (or may not) happen."""
    if any(tree.dep[c] == "det" and tree.lower(c) in {"any", "no"} for c in tree.children[i]):
        return True
    tok, steps = i, 0
    while tree.head[tok] != tok and steps < 6:  # up to the clause that says so: "denies any ... relating to a donation"
        tok, steps = tree.head[tok], steps + 1
        if tree.lemma(tok).lower() in {"event", "case"} and tree.lower(tree.head[tok]) == "in":
            return True  # "in the event of a Chinese invasion": a supposition
        if tree.pos[tok] in {"VERB", "AUX"}:
            if tree.lemma(tok).lower() == "deny" or any(tree.dep[c] == "neg" for c in tree.children[tok]):
                return True
            if tree.dep[tok] not in {"acl", "advcl", "xcomp", "pcomp"}:
                return False
    return False


def _since(i: int, tree: _Tree) -> bool:
    """Whether event noun ``i`` is what a period starts from ("killed since the start of the war"): begun
    before, not on the article's date."""
    tok, steps = i, 0
    while tree.dep[tok] in {"pobj", "prep"} and tree.head[tok] != tok and steps < 4:
        tok, steps = tree.head[tok], steps + 1
        if tree.dep[tok] == "prep" and tree.lower(tok) == "since":
            return True
    return False


def _requested_noun(i: int, coder: EventCoder, tree: _Tree) -> bool:
    """Whether event noun ``i`` is what a request, intent or threat is about ("called for a UN investigation",
    "is prepared to accept a withdrawal"): not (yet) done, whoever would do it."""
    tok, steps, prep = i, 0, None
    while tree.dep[tok] in {"dobj", "pobj", "prep"} and tree.head[tok] != tok and steps < 3:
        prep = tree.lower(tok) if tree.dep[tok] == "prep" else prep
        tok, steps = tree.head[tok], steps + 1
        if tree.pos[tok] == "VERB":
            lemma = tree.lemma(tok).lower()
            keys = [lemma, f"{lemma} {prep}"]
            if tree.dep[tok] == "xcomp":  # "is prepared to accept a withdrawal": the frame of the verb intends it
                keys += [tree.lower(tree.head[tok]), tree.lemma(tree.head[tok]).lower()]
            return any(coder.role(k)[0] in {"request", "intent", "threaten", "plan"} for k in keys if k in coder.roles)
    return False


def _figurative_noun(i: int, tree: _Tree) -> bool:
    """"an attack on the policy", "the takeover of the company": a conflict noun on no actor."""
    return any(tree.dep[c] == "prep" and tree.lower(c) in {"on", "against", "of"} and any(
        tree.dep[g] == "pobj" and tree.lemma(g).lower() in _NON_ACTOR_NOUNS for g in tree.children[c])
        for c in tree.children[i])


def _own_actor(i: int, mention_at: dict, tree: _Tree) -> bool:
    """Whether an event noun names its own source ("Russia's invasion", "talks between X and Y", "by X")."""
    for c in tree.children[i]:
        if tree.dep[c] in {"poss", "amod", "compound", "nmod"} and _actor_of(c, mention_at, tree):
            return True
        if tree.dep[c] == "prep" and tree.lower(c) in {"between", "by"} and any(
                _actor_of(g, mention_at, tree) for g in tree.children[c]):
            return True
    return False


def _inside_event(i: int, coded: set[int], coder: EventCoder, tree: _Tree) -> bool:
    """Whether noun ``i`` is an argument of a coded event or of another event noun ("condemned the
    invasion", "a suspension of sanctions"): part of that event, and undated by it, not an event of its own."""
    tok, steps = i, 0
    while tree.dep[tok] in {"dobj", "pobj", "prep", "nsubjpass", "attr", "conj"} and tree.head[tok] != tok and steps < 4:
        tok, steps = tree.head[tok], steps + 1
        if tok in coded:
            return True
        if tree.pos[tok] == "NOUN" and tree.dep[tok] != "prep" and coder.noun(tok, tree) is not None:
            return True
    return False


def _reporter(ev: _Event, by_anchor: dict, coder: EventCoder, mention_at: dict, tree: _Tree) -> tuple:
    """(reporting event, its actor) of a clause under a reporting verb ("X said Y would ..."), "according to X"."""
    i, dep = ev.anchor, tree.dep
    while dep[i] in {"ccomp", "conj", "xcomp", "advcl"} and tree.head[i] != i:
        i = tree.head[i]
        if tree.pos[i] == "VERB" and coder.is_report(i, tree):
            rep = by_anchor.get(i)
            return rep, (rep.actor if rep is not None else None)
        if dep[i] != "conj" and not (dep[i] == "ccomp" and tree.pos[i] == "AUX"):  # "argued that X is ... and that"
            break
    root = i
    while tree.head[root] != root:
        root = tree.head[root]
    for c in tree.children[root] + tree.children[ev.anchor]:
        if dep[c] == "prep" and tree.lower(c) == "according":
            for g in tree.children[c]:
                for obj in tree.children[g] if dep[g] == "prep" else [g]:
                    row = _actor_of(obj, mention_at, tree)
                    if row is not None:
                        return None, row["actor"]
    return None, None


def _for_clause(i: int, tree: _Tree) -> bool:
    """A clause introduced by "for" ("for Akayev to resign")."""
    return any(tree.dep[m] == "mark" and tree.lower(m) == "for" for m in tree.children[i])


#: Adjectives that make an event noun one to come: "the upcoming summit", or one that may: "a possible attack".
_UPCOMING_WORDS = frozenset({"upcoming", "planned", "proposed", "forthcoming", "scheduled", "future", "intended",
                             "expected", "impending", "prospective"})
_POSSIBLE_WORDS = frozenset({"possible", "potential", "hypothetical", "eventual"})


#: Verbs whose complement (or the claim they take as object) they say is untrue: "denied that X attacked".
_DENY_VERBS = frozenset({"deny", "reject", "dispute", "refute", "dismiss", "disprove"})
#: Subjects that say no one asserts the clause: "none of them says that X offered".
_NO_ONE_WORDS = frozenset({"none", "nobody", "noone", "neither"})
#: Edges from a clause to what frames it as content: "that X attacked" of a verb or of a noun ("evidence that").
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "acl", "pcomp", "dobj", "pobj", "prep", "attr", "conj"})


def _denied_clause(ev: _Event, tree: _Tree) -> bool:
    """Whether a verb event is the content of a denial or a negation outside its own clause: "denied that X
    attacked", "rejected claims that X attacked", "there is no evidence that X received", "none says that X
    offered", "did not say that X ...". Its own negation ("did not attack") is the coder's."""
    if ev.kind != "verb":
        return False
    dep, head, children = tree.dep, tree.head, tree.children
    tok, content, steps = ev.anchor, False, 0
    while dep[tok] in _CONTENT_DEPS and head[tok] != tok and steps < 8:
        if dep[tok] == "conj" and any(dep[c] in _SUBJECT_DEPS for c in children[tok]):
            return False  # a clause with its own subject is said on its own: "deny they did X and they protest"
        content = content or dep[tok] in {"ccomp", "xcomp", "acl", "pcomp"}
        came, below, tok, steps = dep[tok], tok, head[tok], steps + 1
        if not content or came == "conj":
            continue  # a verb conjoined to a negated one is not negated by it: "did not attack, and Y retreated"
        kids = children[tok]
        if tree.pos[tok] in {"NOUN", "PRON"} and any(
                dep[c] in {"det", "neg"} and tree.lower(c) in {"no", "not"} for c in kids):
            return True  # "no evidence that ...", "no sign that ..."
        if tree.pos[tok] in {"VERB", "AUX"}:
            if tree.lemma(tok).lower() in _DENY_VERBS or (below > tok and any(dep[c] == "neg" for c in kids)):
                return True  # a negation frames what follows it, not a clause before ("X backed down; this may not")
            if any(dep[c] in _SUBJECT_DEPS and tree.lower(c) in _NO_ONE_WORDS for c in kids):
                return True
    return False


def _frame_event(ev: _Event, by_anchor: dict, coder: EventCoder, mention_at: dict, tree: _Tree) -> None:
    """Reported speech, demands and modality of a coded event."""
    code, dep = ev.code, tree.dep
    clause = ev.anchor
    while dep[clause] == "conj" and tree.head[clause] != clause:  # "called for X to return and resign": both asked
        clause = tree.head[clause]
    head = tree.head[clause]
    outer = by_anchor.get(head)
    for_clause = dep[clause] == "advcl" and _for_clause(clause, tree)
    if ev.kind == "verb" and (dep[clause] in {"ccomp", "xcomp"} or for_clause) and (
            coder.role(tree.lemma(head).lower())[0] in {"request", "intent"}
            or (for_clause and coder.role(f"{tree.lemma(head).lower()} for")[0] == "request")
            or (outer is not None and outer.code is not None and outer.code.event_type == "REQUEST")):
        ev.code = None  # "demanded that X ...", "agreed that X should ...": the content of that event
        return
    report, ev.reported_by = _reporter(ev, by_anchor, coder, mention_at, tree)
    kids = tree.children[ev.verb]
    aux = {tree.lower(c) for c in kids if dep[c] in {"aux", "auxpass"}}
    if ev.kind == "verb" and aux & _DEONTIC and report is not None and report.actor:
        # "X said Y must return Z": X demands it of Y
        ev.code = Coded("REQUEST", code.mode)
        ev.target, ev.target_tok = ev.actor, ev.actor_tok
        ev.actor, ev.actor_tok, ev.reported_by = report.actor, report.actor_tok, None
        ev.modality = "asserted"
        return
    if code.request_target is not None:
        row = _actor_of(code.request_target, mention_at, tree, exclude=ev.actor)
        if row is not None:
            ev.target, ev.target_tok = _compound_actor(code.request_target, row, mention_at, tree, ev.actor), code.request_target
    conditional = any(dep[c] == "advcl" and any(tree.lower(m) in _CONDITION_MARKS for m in tree.children[c])
                      for c in kids) or any(dep[m] == "mark" and tree.lower(m) in _CONDITION_MARKS for m in kids)
    own_condition = any(dep[m] == "mark" and tree.lower(m) in _CONDITION_MARKS for m in kids) or (
        ev.kind == "verb" and tree.tag(ev.verb) in {"VBZ", "VBP"}  # "until Rice retracts": not yet done
        and any(dep[m] == "mark" and tree.lower(m) in _PENDING_MARKS for m in kids))
    if ev.kind == "noun" and dep[ev.verb] in {"nsubj", "nsubjpass", "dobj"}:  # "the withdrawal could begin"
        aux |= {tree.lower(c) for c in tree.children[tree.head[ev.verb]] if dep[c] in {"aux", "auxpass"}}
    ahead = {tree.lower(c) for c in kids if dep[c] == "amod"} if ev.kind == "noun" else set()
    if _denied_clause(ev, tree):
        ev.modality = "negated"  # "denied that X attacked", "no evidence that X received": not asserted
    elif aux & (_HYPOTHETICAL | _DEONTIC) or own_condition or (
            conditional and code.event_type not in {"THREATEN", "AGREE"}) or ahead & _POSSIBLE_WORDS:
        ev.modality = "hypothetical"  # "could impose", "must withdraw", "a possible attack": not (yet) done
    elif ahead & _UPCOMING_WORDS:
        ev.modality = "planned"  # "the upcoming summit", "the planned deployment"
    elif ev.reported_by is not None and ev.reported_by != ev.actor:  # "Russia says it will not": its own act
        ev.modality = "reported"
    elif code.planned:
        ev.modality = "planned"
    elif code.negated:
        ev.modality = "negated"


def _row(ev: _Event, sent_row: dict, text: str, article_date: tuple, tree: _Tree,
         chars: DocView) -> tuple:
    """The event's values in the order of ``EVENT_COLUMNS``."""
    first, last = _clause_bounds(ev, tree)
    start, end = chars.start_list[first], chars.end_list[last]
    action, lemma = _action(ev, tree, chars)
    if ev.timex is not None:
        tx = ev.timex
        date = (tx["date_start"], tx["date_end"], tx["granularity"], "timex", tx["text"])
    elif ev.modality in {"planned", "hypothetical"} or ev.code.planned or ev.background:
        # not happened yet, or told as background ("had invaded", beside "in 1999"): the article's date is not its date
        date = (pd.NaT, pd.NaT, None, "none", None)
    else:
        date = article_date
    code = ev.code
    return (sent_row["sent_id"], start, end, code.event_type, QUAD_CLASS[code.event_type], code.mode, ev.modality,
            ev.actor, _phrase_text(ev.actor_tok, tree, chars), ev.target, _phrase_text(ev.target_tok, tree, chars),
            ev.reported_by, *date, action, " ".join(text[start:end].split()), sent_row.get("compound", np.nan),
            ev.actor_source, lemma, ev.kind)


def _phrase_text(i: int | None, tree: _Tree, chars: DocView) -> str | None:
    """The words naming an actor as written ("Senior Hungarian and Romanian officials"), at most 12 words."""
    if i is None:
        return None
    toks = sorted(t for t in tree.naming_phrase(i) if tree.dep[t] not in {"relcl", "acl", "punct"} or t == i)
    lo, hi = min(toks), max(toks)
    words = chars.text[chars.start_list[lo]:chars.end_list[hi]].split()
    return " ".join(words[:12]) or None


#: dtypes of the events frame, as objects: a dtype named by a string is looked up on every use.
_NUMBERS = {"sent_id": np.dtype("int64"), "start": np.dtype("int64"), "end": np.dtype("int64"),
            "compound": np.dtype("float64")}
_DATES = {"date_start": np.dtype("datetime64[ns]"), "date_end": np.dtype("datetime64[ns]")}


def _date_column(values: list) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype="datetime64[ns]")``: naive Timestamps and NaT go in as their nanoseconds."""
    if all(v is pd.NaT or (type(v) is pd.Timestamp and v.tz is None) for v in values):
        try:
            return np.array([v.value for v in values], dtype="int64").view(_DATES["date_start"])
        except OverflowError:  # out of the nanosecond range: pandas says why
            pass
    return pd.array(values, dtype=_DATES["date_start"])


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """The events frame with stable dtypes (``str`` columns, missing values NaN, as after the cache), in text order.

    Rows are sorted first and each column is built once with its dtype: one frame per article adds up.
    """
    if not rows:  # most articles: one empty frame (a constant), shared as a shallow copy
        return _NO_EVENTS.copy(deep=False)
    return _build_frame(rows)


def _build_frame(rows: list[tuple]) -> pd.DataFrame:
    rows = sorted(rows, key=itemgetter(1, 2))  # start, end
    columns = {}
    by_name = dict(zip(EVENT_COLUMNS, list(zip(*rows, strict=True)) or [()] * len(EVENT_COLUMNS), strict=True))
    texts = [name for name in EVENT_COLUMNS if name not in _NUMBERS and name not in _DATES]
    # the text columns as one Arrow array, sliced per column: one conversion instead of one per column
    joined = segment.str_array([v for name in texts for v in by_name[name]])
    n = len(rows)
    for name in EVENT_COLUMNS:
        values = by_name[name]
        if name in _NUMBERS:
            columns[name] = np.array(values, dtype=_NUMBERS[name])
        elif name in _DATES:
            columns[name] = _date_column(values)
        else:
            k = texts.index(name)
            columns[name] = joined[k * n:(k + 1) * n]
    return segment.frame_of(columns, n)


_NO_EVENTS = _build_frame([])


def timeline(corpus, *, modality: str | tuple[str, ...] | None = "asserted", min_articles: int = 1,
             with_actor: bool = False) -> pd.DataFrame:
    """Dated events of every article in date order, reports of one event across articles merged.

    Reports are one event when ``event_type``, source ``actor`` and ``target``
    agree and their date intervals overlap (chained: a day inside a month
    inside a year merge); a merged row spans the union of the intervals and
    counts ``n_articles`` (distinct articles) and ``n_reports`` (rows), with the
    ``titles`` of those articles ("; "-joined, first published first), the
    earliest report's ``action`` and ``text``, the mean sentence ``compound``.
    ``modality`` keeps events of that modality (or modalities; None keeps all:
    asserted only by default, so plans, threats reported as hypotheticals and
    negated events stay out). ``with_actor`` keeps events naming a source.
    """
    ev = corpus.events
    if ev is None or ev.empty or "date_start" not in ev:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    if modality is not None and "modality" in ev:
        ev = ev[ev["modality"].isin([modality] if isinstance(modality, str) else list(modality))]
    arts = corpus.articles[["article_id", "date"]].rename(columns={"date": "published"})
    arts["title"] = article_names(corpus.articles).to_numpy()
    ev = ev.merge(arts, on="article_id", how="left")
    ev = ev[ev["date_start"].notna()]
    if with_actor:
        ev = ev[ev["actor"].notna()]
    if ev.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    ev = ev.assign(date_end=ev["date_end"].fillna(ev["date_start"]))
    ev = ev.sort_values(["date_start", "published", "article_id", "start"], kind="stable")
    keys = ev[["event_type", "actor", "target"]].fillna("")
    ev = ev.assign(_key=keys["event_type"] + "|" + keys["actor"] + "|" + keys["target"])
    cluster = np.zeros(len(ev), dtype="int64")
    next_id = 0
    for _, idx in ev.groupby("_key", sort=False).indices.items():
        idx = sorted(idx, key=lambda i: ev["date_start"].iat[i])
        end = None
        for i in idx:
            if end is None or ev["date_start"].iat[i] > end:
                next_id += 1
                end = ev["date_end"].iat[i]
            else:
                end = max(end, ev["date_end"].iat[i])
            cluster[i] = next_id
    ev = ev.assign(_cluster=cluster)

    def titles(group: pd.DataFrame) -> str:
        seen = group.drop_duplicates("article_id").sort_values("published", kind="stable")
        return "; ".join(str(t) for t in seen["title"].fillna(seen["article_id"]))

    grouped = ev.groupby("_cluster", sort=False)
    out = grouped.agg(
        date_start=("date_start", "min"), date_end=("date_end", "max"), granularity=("granularity", "first"),
        date_source=("date_source", "first"), event_type=("event_type", "first"), actor=("actor", "first"),
        target=("target", "first"), action=("action", "first"), action_lemma=("action_lemma", "first"),
        n_articles=("article_id", "nunique"), n_reports=("article_id", "size"),
        article_ids=("article_id", lambda s: "; ".join(sorted(set(map(str, s))))),
        first_published=("published", "min"), text=("text", "first"), compound=("compound", "mean"),
    )
    out["titles"] = grouped[["article_id", "title", "published"]].apply(titles)
    out["quad_class"] = out["event_type"].map(QUAD_CLASS)
    out = out[out["n_articles"] >= min_articles]
    out["compound"] = out["compound"].round(4)
    out = out.sort_values(["date_start", "actor", "event_type"], kind="stable", na_position="last")
    return out[TIMELINE_COLUMNS].reset_index(drop=True)


def quad_class_counts(events: pd.DataFrame, freq: str = "auto") -> pd.DataFrame:
    """Events per period and QuadClass, with the conflict-cooperation balance.

    Columns ``period_start``, the four QuadClasses (counts), ``n_events`` and
    ``balance`` (cooperation minus conflict events over all, -1 to 1). ``freq``
    is a pandas period ("D", "W", "M", "Y") or "auto" (days for a span up to
    two months, weeks to a year, then months).
    """
    cols = ["period_start", *QUAD_CLASSES, "n_events", "balance"]
    ev = events.dropna(subset=["date_start"]) if len(events) else events
    if ev is None or ev.empty:
        return pd.DataFrame(columns=cols)
    if freq == "auto":  # over the main period: a few events years away must not make every bin a month
        from newsdesk.charts import event_period

        lo, hi, _ = event_period(ev["date_start"])
        span = (hi - lo).days
        freq = "D" if span <= 62 else "W" if span <= 366 else "M"
    start = ev["date_start"].dt.to_period(freq).dt.start_time
    counts = pd.crosstab(start, ev["quad_class"]).reindex(columns=list(QUAD_CLASSES), fill_value=0)
    counts.index.name = "period_start"
    counts["n_events"] = counts.sum(axis=1)
    coop = counts["verbal cooperation"] + counts["material cooperation"]
    conflict = counts["verbal conflict"] + counts["material conflict"]
    counts["balance"] = ((coop - conflict) / counts["n_events"]).round(3)
    return counts.reset_index()[cols]


def dyads(events: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` source -> target pairs with most events (each compound source or target counted per actor).

    Columns ``source``, ``target``, ``n_events``, one column per QuadClass and
    ``top_type`` (the pair's most frequent event type).
    """
    cols = ["source", "target", "n_events", *QUAD_CLASSES, "top_type"]
    ev = events.dropna(subset=["actor", "target"]) if len(events) else events
    if ev is None or ev.empty:
        return pd.DataFrame(columns=cols)
    ev = (ev.assign(source=ev["actor"].str.split(";"), target=ev["target"].str.split(";"))
          .explode("source").explode("target"))
    ev = ev[ev["source"] != ev["target"]]
    if ev.empty:
        return pd.DataFrame(columns=cols)
    table = pd.crosstab([ev["source"], ev["target"]], ev["quad_class"]).reindex(columns=list(QUAD_CLASSES),
                                                                                fill_value=0)
    table["n_events"] = table.sum(axis=1)
    table["top_type"] = ev.groupby(["source", "target"])["event_type"].agg(lambda s: s.value_counts().index[0])
    table = table.reset_index().sort_values(["n_events", "source", "target"], ascending=[False, True, True],
                                            kind="stable")
    return table.head(n)[cols].reset_index(drop=True)


def filter_events(events: pd.DataFrame, *, actor: str | None = None, event_type: str | None = None,
                  since=None, until=None, modality: str | None = None) -> pd.DataFrame:
    """Events naming ``actor`` (as source or target, a part of a compound counts), of ``event_type``
    (a type or a QuadClass), dated within ``since``..``until`` (inclusive), of ``modality``."""
    keep = pd.Series(True, index=events.index)
    if actor:
        parts = events[["actor", "target"]].fillna("").apply(lambda c: c.str.split(";"))
        keep &= parts["actor"].map(lambda a: actor in a) | parts["target"].map(lambda a: actor in a)
    if event_type:
        keep &= (events["event_type"] == event_type) | (events["quad_class"] == event_type)
    if since is not None and str(since):
        keep &= events["date_end"].fillna(events["date_start"]) >= pd.Timestamp(since)
    if until is not None and str(until):
        keep &= events["date_start"] <= pd.Timestamp(until)
    if modality:
        keep &= events["modality"] == modality
    return events[keep]


# --------------------------------------------------------------------------- views for the notebook

#: Events at most this many days before the latest publication date count as "recent".
RECENT_DAYS = 14
LAG_BUCKETS = ["later than published", "same day", "1-6 days", "1-4 weeks", "1-12 months", "over a year"]


def recent_cutoff(corpus, recent_days: int = RECENT_DAYS) -> pd.Timestamp:
    """First day of the "recent" window: ``recent_days`` before the latest publication date.

    Without publication dates, the latest event date stands in.
    """
    latest = pd.to_datetime(corpus.articles["date"]).max()
    if pd.isna(latest) and len(corpus.events):
        latest = pd.to_datetime(corpus.events["date_start"]).max()
    if pd.isna(latest):
        return pd.NaT
    return latest.normalize() - pd.Timedelta(days=recent_days)


def reported_dates(corpus) -> pd.DataFrame:
    """Each dated event against its article's publication date.

    Columns ``article_id``, ``sent_id``, ``published``, ``date_start``,
    ``granularity``, ``date_source``, ``lag_days`` (publication minus event
    start, in days) and ``lag`` (a bucket from :data:`LAG_BUCKETS`).
    """
    cols = ["article_id", "sent_id", "published", "date_start", "granularity", "date_source", "lag_days", "lag"]
    ev = corpus.events
    if ev is None or ev.empty or "date_start" not in ev:
        return pd.DataFrame(columns=cols)
    arts = corpus.articles[["article_id", "date"]].rename(columns={"date": "published"})
    out = ev.merge(arts, on="article_id", how="left").dropna(subset=["date_start", "published"])
    out["published"] = pd.to_datetime(out["published"]).dt.normalize()
    out["lag_days"] = (out["published"] - out["date_start"]).dt.days.astype("int64")
    edges = [-np.inf, -1, 0, 6, 30, 365, np.inf]
    out["lag"] = pd.cut(out["lag_days"], bins=edges, labels=LAG_BUCKETS, right=True)
    return out[cols].sort_values(["published", "article_id", "date_start"], kind="stable").reset_index(drop=True)


def event_activity(corpus, recent_days: int = RECENT_DAYS, n: int = 10) -> pd.DataFrame:
    """Events per actor and period, for the ``n`` actors with most events.

    Periods are days inside the recent window (see :func:`recent_cutoff`),
    months in the year before it, and years before that, so one axis holds
    both the last days' news and the background. Columns ``actor``,
    ``period`` (label), ``period_start`` and ``n_events``.
    """
    cols = ["actor", "period", "period_start", "n_events"]
    ev = corpus.events
    if ev is None or ev.empty:
        return pd.DataFrame(columns=cols)
    ev = ev.dropna(subset=["actor", "date_start"])
    top = ev["actor"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(n).index
    ev = ev[ev["actor"].isin(top)]
    cutoff = recent_cutoff(corpus, recent_days)
    day = ev["date_start"].dt.normalize()
    month = ev["date_start"].dt.to_period("M").dt.start_time
    year = ev["date_start"].dt.to_period("Y").dt.start_time
    recent = day >= cutoff
    last_year = ~recent & (day >= cutoff - pd.Timedelta(days=365))
    start = day.where(recent, month.where(last_year, year))
    label = np.where(recent, day.dt.strftime("%Y-%m-%d"),
                     np.where(last_year, month.dt.strftime("%Y-%m"), year.dt.strftime("%Y")))
    out = (ev.assign(period=label, period_start=start).groupby(["actor", "period", "period_start"])
           .size().rename("n_events").reset_index())
    return out[cols].sort_values(["period_start", "actor"], kind="stable").reset_index(drop=True)
