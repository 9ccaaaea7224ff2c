"""Actors: named-entity mentions resolved to canonical actors.

The shared pipeline (:mod:`newsdesk.nlp`) runs an entity ruler filled from the
actor table ahead of spaCy's statistical NER; :func:`mentions_from_doc` then
turns the entities of one article into actor mentions, one row per mention:

============  =======  ==================================================================
column        dtype    meaning
============  =======  ==================================================================
start, end    int64    offsets of the mention in the article ``text``
text          str      the mention as written, without articles and possessive "'s"
label         str      spaCy label (PERSON, ORG, GPE, LOC, NORP, FAC)
actor         str      canonical actor ("Russia" for "Moscow", "the Kremlin", "Russian")
actor_type    str      person, state, territory, city, region, continent, organisation,
                       international body, group or place (a venue city is not a state)
kind          str      ``name``, ``alias`` (another name, a surname), ``demonym``
                       ("Ukrainian"), ``description`` ("the Ukrainian leader")
role          str      role given in this context ("President of Ukraine"), or None
affiliation   str      state or body the actor belongs to, or None
============  =======  ==================================================================

How a mention becomes an actor:

- the actor table (:func:`actor_table`): states with their short names, capitals and
  seats of government ("Moscow", "the Kremlin" -> Russia) and demonyms, cities,
  regions, international bodies and some office holders; the analyst's own
  ``data/actors.csv`` adds to it and overrides it;
- articles, honorifics and possessives are dropped ("Russia's" -> Russia, "Mr Costello" -> Costello);
- a place followed by "region", "oblast" or "province" is that region (LOC);
- titles and appositions give roles and affiliations ("Ukrainian President X" ->
  "President of Ukraine"; "the head of Russia's delegation, X" -> that phrase),
  make the name a PERSON, and are themselves ``description`` mentions of X;
- within an article a surname alone is the nearest full name introduced with it (two people
  sharing a surname stay two actors; a name written family name first, "Wang Dan" ... "Wang",
  works too), a definite description ("the Ukrainian leader") is the person introduced with
  that affiliation and role, and a role alone ("the Senator") the nearest person introduced
  before it with that role (an orphan role is no actor);
- within an article corporate suffixes make no new actor ("Apple Inc." is Apple), an acronym
  defined in parentheses or matching a name's initials is that name ("RAF"), a one-word short
  form is the longer organisation name it begins ("Northrop"), and "the US Federal Reserve"
  is the Federal Reserve; "N. Korea" is North Korea;
- one label per actor in an article, ORG where the article shows an organisation (a suffix,
  "Party", a defined acronym, "X said in a statement", a cue of ``data/org_cues.csv``: "X's
  board", "X spokesman", "the X-led", "X beat Y" for a team); a city, unknown name or plural
  demonym ("the Indians" beat ...) shown so is an organisation in all its mentions, and so are
  the names coordinated with it; its mentions the recogniser missed are added (states, regions
  and people's full names keep their type);
- entities are cut at a spaced dash, a bracket and, in a person's name, a number;
- a demonym with an institution ("the Ukrainian air force") is an organisation of that state.

Corpus-level frames: :func:`actors_frame` (one row per actor, ``ACTOR_COLUMNS``) and
:func:`cooccurrence` (``actor_a``, ``actor_b``, ``weight``, ``n_articles``).
"""

from __future__ import annotations

import io
import itertools
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from spacy.attrs import (
    DEP,
    ENT_ID,
    HEAD,
    IS_PUNCT,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
)
from spacy.language import Language
from spacy.parts_of_speech import NOUN
from spacy.strings import get_string_id, hash_string
from spacy.tokens import Doc

from newsdesk import segment
from newsdesk.docview import DocView, view_of

if TYPE_CHECKING:  # the pipeline imports this module
    from newsdesk.pipeline import Pipeline

MENTION_COLUMNS = ["start", "end", "text", "label", "actor", "actor_type", "kind", "role", "affiliation"]
ACTOR_COLUMNS = [
    "actor", "actor_type", "affiliation", "role", "n_mentions", "n_articles", "first_date", "last_date",
]
TABLE_COLUMNS = ["actor", "type", "aliases", "demonyms", "affiliation", "role"]
COOCCURRENCE_COLUMNS = ["actor_a", "actor_b", "weight", "n_articles"]
SHIPPED_TABLE = Path(__file__).parent / "data" / "actors.csv"

#: spaCy labels that name actors; other entity types (dates, money…) are not mentions.
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
#: Label of a mention of each actor type.
TYPE_LABELS = {
    "person": "PERSON", "organisation": "ORG", "international body": "ORG", "media": "ORG",
    "state": "GPE", "territory": "GPE", "city": "GPE", "region": "LOC", "continent": "LOC",
    "place": "LOC", "venue": "GPE", "facility": "FAC", "group": "NORP",
}
#: Actor type of an entity that is not in the table.
LABEL_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place",
               "NORP": "group", "FAC": "facility"}
#: Nouns after a place name that make it an administrative region ("Donetsk region").
REGION_NOUNS = {"region", "oblast", "province", "governorate", "prefecture", "district", "county"}
#: Words of titles besides role nouns ("Prime Minister", "Foreign Secretary").
TITLE_WORDS = {"prime", "vice", "deputy", "former", "foreign", "defence", "defense", "finance", "interior",
               "acting", "interim", "opposition", "state", "senior", "chief", "justice", "culture", "health"}
#: Roles that "the <demonym> leader" may stand for.
LEADER_ROLES = ("president", "prime minister", "chancellor", "leader", "king", "queen", "premier", "emir")
GENERIC_ROLE_NOUNS = {"leader", "official", "chief", "counterpart"}
#: Institutions a demonym can qualify ("the Ukrainian air force" is an organisation of Ukraine).
BODY_NOUNS = {
    "force", "forces", "army", "navy", "military", "government", "parliament", "ministry", "embassy",
    "police", "guard", "guards", "intelligence", "cabinet", "administration",
    "authorities", "troops", "command", "court", "bank", "senate", "legislature", "delegation", "regime",
}
#: Actor types matched after the NER, only where it found nothing (many cities are also given names).
GAZETTEER_TYPES = {"city"}
LOCATIVES = {"in", "to", "from", "near", "outside", "at", "into", "around", "across"}
_ARTICLES = {"the", "a", "an"}
#: Honorifics are not part of a name ("Mr Costello" is Costello).
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "madam"}
_POSSESSIVE = {"'s", "’s", "'", "’"}


# --------------------------------------------------------------------------- the actor table


def _read_table(source) -> pd.DataFrame:
    frame = pd.read_csv(source, dtype=str, keep_default_na=False, comment="#", skipinitialspace=True)
    for col in TABLE_COLUMNS:
        if col not in frame:
            frame[col] = ""
    frame = frame[TABLE_COLUMNS].apply(lambda s: s.str.strip())
    return frame[frame["actor"] != ""]


def actor_table(actors_file: str | os.PathLike | None = None) -> pd.DataFrame:
    """The shipped actor table, with the analyst's ``actors_file`` added on top.

    Columns ``actor``, ``type``, ``aliases`` and ``demonyms`` (``|``-separated),
    ``affiliation``, ``role``. A row of ``actors_file`` replaces the shipped row of
    the same actor, and its aliases win over shipped aliases of other actors.

    >>> actor_table().set_index("actor").loc["Russia", "type"]
    'state'
    """
    own = Path(actors_file).read_bytes() if actors_file and Path(actors_file).exists() else None
    return merged_table(SHIPPED_TABLE.read_bytes(), own)


def merged_table(shipped: bytes, own: bytes | None = None) -> pd.DataFrame:
    """:func:`actor_table` from the tables' contents: the shipped table, with the analyst's rows
    (``own``) replacing shipped rows of the same actor."""
    table = _read_table(io.BytesIO(shipped))
    if own is not None:
        mine = _read_table(io.BytesIO(own))
        table = pd.concat([table[~table["actor"].isin(mine["actor"])], mine], ignore_index=True)
    return table.reset_index(drop=True)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in str(cell).split("|") if part.strip()]


def ruler_patterns(table: pd.DataFrame) -> list[dict]:
    """Entity-ruler patterns: every name and alias with its type's label, demonyms as NORP.

    The pattern ``id`` is the canonical actor, so ``ent.ent_id_`` names it. A
    surface form listed for two actors goes to the later row (the analyst's).
    """
    patterns: dict[str, dict] = {}
    for row in table.itertuples(index=False):
        label = TYPE_LABELS.get(row.type, "ORG")
        for name in dict.fromkeys([row.actor, *_split(row.aliases)]):
            if len(name) > 1:
                patterns[name] = {"label": label, "pattern": name, "id": row.actor}
        for demonym in _split(row.demonyms):
            patterns[demonym] = {"label": "NORP", "pattern": demonym, "id": row.actor}
    return list(patterns.values())


@dataclass
class ActorIndex:
    """Lookup from surface forms to actors, built from an actor table."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # surface -> (actor, kind)
    folded: dict[str, tuple[str, str]] = field(default_factory=dict)  # casefolded surface -> (actor, kind)
    rows: dict[str, dict] = field(default_factory=dict)  # actor -> {type, affiliation, role}
    demonym_of: dict[str, str] = field(default_factory=dict)  # actor -> its first demonym

    @classmethod
    def from_table(cls, table: pd.DataFrame) -> ActorIndex:
        index = cls()
        for row in table.itertuples(index=False):
            index.rows[row.actor] = {"type": row.type or "organisation", "affiliation": row.affiliation or None,
                                     "role": row.role or None}
            forms = [(row.actor, "name")] + [(a, "alias") for a in _split(row.aliases)]
            forms += [(d, "demonym") for d in _split(row.demonyms)]
            if _split(row.demonyms):
                index.demonym_of[row.actor] = _split(row.demonyms)[0]
            for form, kind in forms:
                index.names[form] = (row.actor, kind)
                index.folded[form.casefold()] = (row.actor, kind)
        return index

    def lookup(self, text: str) -> tuple[str, str] | None:
        """``(actor, kind)`` for a surface form, or None."""
        hit = self.names.get(text)
        if hit is None and len(text) > 3 and text[:1].isupper():
            hit = self.folded.get(text.casefold())  # "AMSTERDAM" in a dateline too; "US" stays an acronym
        return hit

    def type_of(self, actor: str) -> str | None:
        row = self.rows.get(actor)
        return row["type"] if row else None


# --------------------------------------------------------------------------- mentions of one doc


@dataclass
class _Mention:
    start: int  # token offsets
    end: int
    label: str
    actor: str
    actor_type: str
    kind: str
    role: str | None = None
    affiliation: str | None = None


class _Tokens:
    """The token strings and flags the resolver reads, for a few of many tokens (each ``doc[i]``
    costs a Token object), from the doc's :class:`~newsdesk.docview.DocView`: strings are slices
    of its text, flags columns of its array."""

    #: dependency labels that may attach a title to the name after it (see :func:`_title_before`)
    TITLE_DEPS = frozenset(get_string_id(d) for d in ("compound", "amod", "nmod", "poss", "case"))
    APPOS = get_string_id("appos")  # the ids the arrays hold: a symbol's, not the string's hash
    CASE = get_string_id("case")
    CONJ = get_string_id("conj")
    SUBJECTS = frozenset(get_string_id(d) for d in ("nsubj", "nsubjpass"))
    ATTRS = [LOWER, IS_PUNCT, ENT_ID, DEP, HEAD, ORTH, SENT_START]

    def __init__(self, view: DocView, roles: frozenset[str]):
        self.view, self.doc = view, view.doc
        self.roles = roles  # the lexicon's role nouns
        self.strings = view.strings
        self.chars, self.starts, self.ends = view.text, view.start_list, view.end_list
        self.attrs = view.columns(self.ATTRS)
        self.lower_ids, self.punct, self.ent_ids = view.lower_ids, view.punct, self.attrs[:, 2].tolist()
        heads = view.head_array
        self.heads = view.head
        self.sent_starts = (self.attrs[:, 6] == 1).tolist()  # Token.is_sent_start (-1 reads as a large uint)
        appos = np.flatnonzero(self.attrs[:, 3] == self.APPOS)
        #: tokens joined by an apposition, as dependent or head (an apposition needs one)
        self.in_appos = set(appos.tolist()) | set(heads[appos].tolist())
        #: words :func:`_trim` drops from the start of a name, and of a person's (joined once per doc)
        self.drop = _ARTICLES | HONORIFICS
        self.person_drop = self.drop | roles | TITLE_WORDS

    def dep(self, i: int) -> int:
        return int(self.attrs[i, 3])

    def text(self, i: int) -> str:
        return self.chars[self.starts[i]:self.ends[i]]

    def lower(self, i: int) -> str:
        return self.strings[self.lower_ids[i]]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the text from the first token's start to the last one's end."""
        return self.chars[self.starts[start]:self.ends[end - 1]]


def _trim(toks: _Tokens, start: int, end: int, person: bool = False) -> tuple[int, int]:
    """Drop leading articles and honorifics, trailing possessives and punctuation, from a token range.

    For a person, a title the NER took into the name goes too ("Treasurer Peter Costello").
    """
    drop = toks.person_drop if person else toks.drop
    while start < end - 1 and toks.lower(start) in drop:
        start += 1
    while end > start + 1 and (toks.text(end - 1) in _POSSESSIVE or toks.punct[end - 1] or toks.text(end - 1).isspace()):
        end -= 1
    return start, end


def _trim_common_nouns(toks: _Tokens, start: int, end: int) -> int:
    """End of a name without the common nouns the recogniser took after it ("Interfax news agency")."""
    while (end > start + 1 and toks.text(end - 1).isalpha() and toks.text(end - 1).islower()
           and toks.starts[end - 1] > toks.ends[end - 2]):  # a word of its own, not the end of "Ki-moon"
        end -= 1
    return end


def _first_names_before(doc: Doc, toks: _Tokens, start: int, end: int) -> int:
    """Start of a person's name with the capitalised given names the recogniser left out before it
    ("Evangelist Oral Roberts" where it found only "Roberts"); titles and other entities stay out."""
    while start > 0 and toks.ent_ids[start - 1] == 0 and not toks.sent_starts[start]:
        tok = doc[start - 1]
        if not (tok.pos_ == "PROPN" and tok.dep_ == "compound" and start <= tok.head.i < end and tok.is_title
                and tok.is_alpha and tok.ent_iob_ == "O" and tok.lower_ not in toks.person_drop
                and not tok.is_sent_start):
            break
        start -= 1
    return start


def _is_state(index: ActorIndex, actor: str | None) -> bool:
    return index.type_of(actor) in {"state", "territory", "international body"} if actor else False


def _state_name(actor: str) -> str:
    """The state as it reads after "of": "the United States", "Ukraine"."""
    plural = actor.startswith(("United ", "Netherlands", "Philippines", "Bahamas", "Gambia"))
    return f"the {actor}" if plural else actor


def _ent_id(toks: _Tokens, start: int, end: int) -> str:
    """``ent_id_`` of the entity ``doc[start:end]``, its root token's: read from the array when every
    token has the same."""
    ids = toks.ent_ids[start:end]
    if ids.count(ids[0]) == len(ids):
        return toks.strings[ids[0]]
    return toks.doc[start:end].ent_id_


def _base_mentions(doc: Doc, index: ActorIndex, toks: _Tokens) -> list[_Mention]:
    """Entities of the doc looked up in the actor table."""
    out = []
    for ent_start, ent_end, ent_label in _pieces(toks, [(e.start, e.end, e.label_) for e in doc.ents]):
        start, end = _trim(toks, ent_start, ent_end, person=ent_label == "PERSON")
        if ent_label == "PERSON" and start == ent_start:
            start = _first_names_before(doc, toks, start, end)
        if end < len(toks.starts) and toks.lower(end).rstrip(".") in _SUFFIXES_BARE and toks.text(end)[:1].isupper():
            end, ent_label = end + 1, "ORG"  # "Apic Yamada Corp", "the Green Party": an organisation
            if end < len(toks.starts) and toks.text(end) == "." and toks.starts[end] == toks.ends[end - 1]:
                end += 1
        text = toks.span_text(start, end)
        hit = index.lookup(text) or _abbreviated(index, text)
        if hit is None and ent_label in ACTOR_LABELS and _trim_common_nouns(toks, start, end) < end:
            end = _trim_common_nouns(toks, start, end)
            text = toks.span_text(start, end)
            hit = index.lookup(text)
        ent_id = _ent_id(toks, ent_start, ent_end)
        if hit is None and ent_id and index.lookup(ent_id):
            hit = (ent_id, "alias")
        if hit and not ent_id and index.type_of(hit[0]) in GAZETTEER_TYPES and ent_label in {
                "PERSON", "ORG", "NORP"} and not (start > 0 and toks.lower(start - 1) in LOCATIVES) and not text.isupper():
            hit = None  # "Vladimir" the person, not the city, unless "in Vladimir"
        if hit:
            actor, kind = hit
            actor_type = index.type_of(actor)
            label = "NORP" if kind == "demonym" else TYPE_LABELS.get(actor_type, ent_label)
            row = index.rows[actor]
            out.append(_Mention(start, end, label, actor, actor_type, kind, row["role"], row["affiliation"]))
        elif all(toks.lower(i) in toks.roles for i in range(start, end)):
            continue  # "Treasurer" alone is a role, not a name
        elif not any(c.isupper() for c in text):
            continue  # no capital letter, no name ("n't" taken for an organisation)
        elif ent_label in ACTOR_LABELS or ent_label == "WORK_OF_ART":
            out.append(_Mention(start, end, ent_label, text, LABEL_TYPES.get(ent_label, "place"), "name"))
    return out


_DASHES = {"-", "\u2013", "\u2014", "\u2015"}
_BRACKETS = {"(", ")", "[", "]"}


def _two_names(toks: _Tokens, start: int, i: int, end: int) -> bool:
    """Two people's names joined by "and" at ``i``: two or three capitalised words on each side."""
    sides = (range(start, i), range(i + 1, end))
    return all(2 <= len(side) <= 3 and all(toks.text(k)[:1].isupper() and toks.text(k)[1:2].islower()
                                            for k in side) for side in sides)


def _pieces(toks: _Tokens, ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Entities cut where no name goes on: at a dash standing between spaces ("UNITED STATES -
    Prices"), at a bracket ("Organisation of Islamic Conference ( OIC"), and, in a person's name,
    at a number ("J. Ratcliffe 63") or between two full names ("Laurent Cabannes and Laurent
    Benezech"); numbers ending any other name go too ("Newport 29")."""
    out = []
    for start, end, label in ents:
        cuts = [i for i in range(start, end) if toks.text(i) in _BRACKETS or (
            toks.text(i) in _DASHES and start < i < end - 1
            and toks.starts[i] > toks.ends[i - 1] and toks.starts[i + 1] > toks.ends[i])
            or label == "PERSON" and i > start and any(c.isdigit() for c in toks.text(i))
            or toks.lower(i) in {"and", "or"} and _two_names(toks, start, i, end)]
        lo = start
        for i in [*cuts, end]:
            hi = i
            while hi > lo + 1 and not any(c.isalpha() for c in toks.text(hi - 1)) and (
                    any(c.isdigit() for c in toks.text(hi - 1)) or any(c.isdigit() for c in toks.text(hi - 2))):
                hi -= 1  # "4-0-18-0", "108-3", "Estonia 1-0" split as "1", "-", "0"
            if hi > lo and not (hi - lo == 1 and not toks.text(lo)[:1].isalpha()):
                out.append((lo, hi, label))
            lo = i + 1
            if label == "PERSON" and i < end and any(c.isdigit() for c in toks.text(i)):
                break  # after a number, no more of the name
    return out


def _regions(doc: Doc, mentions: list[_Mention], index: ActorIndex, toks: _Tokens) -> None:
    """"Donetsk region": the region, not the city or the state, and a LOC."""
    for m in mentions:
        if m.end < len(doc) and toks.lower(m.end) in REGION_NOUNS and m.label in {"GPE", "LOC", "ORG", "PERSON"}:
            if m.actor_type in {"state", "territory"}:
                continue
            m.affiliation = index.rows.get(m.actor, {}).get("affiliation") or m.affiliation
            m.actor, m.actor_type, m.label, m.kind, m.role = toks.span_text(m.start, m.end), "region", "LOC", "name", None


def _title_before(doc: Doc, m: _Mention, toks: _Tokens) -> list:
    """Tokens of a title right before a name ("Ukrainian President", "former Culture Minister")."""
    if m.start == 0 or toks.dep(m.start - 1) not in _Tokens.TITLE_DEPS:
        return []  # the token before cannot attach a title (read on the arrays, no Token needed)
    inside = set(range(m.start, m.end))
    i = m.start - 1
    title = []  # token indices, read on the arrays ("\n" is never a token's whitespace, which is a space or none)
    while i >= 0 and (toks.dep(i) in _Tokens.TITLE_DEPS and toks.dep(i) != _Tokens.CASE and toks.heads[i] in inside
                      or toks.dep(i) == _Tokens.CASE and i > 0 and toks.heads[i] == i - 1 and toks.heads[i - 1] in inside):
        if (toks.punct[i] and toks.dep(i) != _Tokens.CASE) or toks.lower(i) in _ARTICLES or toks.sent_starts[i + 1]:
            break
        title.insert(0, i)
        inside.add(i)
        i -= 1
    tokens = [doc[i] for i in title]
    if not any(t.lemma_.lower() in toks.roles or t.lower_ in toks.roles for t in tokens):
        return []
    return tokens


def _state_in(tokens, by_token: dict[int, _Mention], index: ActorIndex) -> str | None:
    for t in tokens:
        m = by_token.get(t.i)
        if m is not None and _is_state(index, m.actor):
            return m.actor
    return None


def _apposition(doc: Doc, m: _Mention, toks: _Tokens) -> list | None:
    """The role noun phrase in apposition to a name ("the head of X's delegation, NAME")."""
    if toks.in_appos.isdisjoint(range(m.start, m.end)):
        return None  # no apposition starts or ends in the name, so none at its root
    root = doc[m.start:m.end].root
    phrase_head = None
    if root.dep_ == "appos" and root.head.pos_ in {"NOUN", "PROPN"} and not root.head.ent_type_:
        phrase_head = root.head
        skip = set(t.i for t in root.subtree)
    else:
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                phrase_head, skip = child, set()
                break
    if phrase_head is None or phrase_head.lemma_.lower() not in toks.roles:
        return None
    tokens = [t for t in phrase_head.subtree
              if t.i not in skip and not t.is_punct and (t.dep_ != "appos" or t is phrase_head)]
    while tokens and tokens[0].lower_ in _ARTICLES:
        tokens = tokens[1:]
    # keep a contiguous phrase only
    span = []
    for t in tokens:
        if span and t.i != span[-1].i + 1:
            break
        span.append(t)
    return span or None


def _people(doc: Doc, mentions: list[_Mention], index: ActorIndex, toks: _Tokens,
            cues: Mapping[str, frozenset[str]] | None = None) -> list[_Mention]:
    """Titles and appositions: roles, affiliations, and PERSON for names with a role."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    extra = []
    for m in mentions:
        if m.label in {"NORP"} or m.kind == "demonym" or _is_state(index, m.actor):
            continue
        if m.actor_type not in {"person", "organisation", "place", "group"} or m.label not in {
                "PERSON", "ORG", "GPE", "LOC", "NORP", "WORK_OF_ART"}:
            continue
        if m.actor_type != "person" and index.type_of(m.actor) is not None:
            continue  # a known organisation or place keeps its type
        title = _title_before(doc, m, toks)
        appos = _apposition(doc, m, toks)
        if appos and not title and appos[-1].i + 1 == m.start:
            title, appos = appos, None  # "Mauritania's President NAME" parsed as an apposition is a title
        if not title and not appos:
            continue
        m.label, m.actor_type = "PERSON", "person"
        if title:
            for t in title:  # "former Culture Minister": the title is not an entity of its own
                other = by_token.get(t.i)
                if other is not None and other is not m and not _is_state(index, other.actor):
                    if other.label == "ORG" and other.end - other.start > 1 or index.type_of(other.actor) in {
                            "organisation", "international body"} or cues and _org_context(toks, other, cues):
                        continue  # "Federal Reserve Governor X", "Portsmouth coach X": the body stays an actor
                    other.label = "DROP"
            state = _state_in(title, by_token, index)
            words = [t.text for t in title if t.text not in _POSSESSIVE and (
                by_token.get(t.i) is None or not _is_state(index, by_token[t.i].actor))]
            if state and words and words[0][:1].isupper():
                m.role = f"{' '.join(words)} of {_state_name(state)}"
            else:
                m.role = m.role or " ".join(t.text for t in title)
            m.affiliation = m.affiliation or state
            extra.append(_Mention(title[0].i, title[-1].i + 1, "PERSON", m.actor, "person", "description",
                                  m.role, m.affiliation))
        if appos:
            role = doc[appos[0].i:appos[-1].i + 1]
            m.role = m.role or role.text
            m.affiliation = m.affiliation or _state_in(appos, by_token, index)
            extra.append(_Mention(role.start, role.end, "PERSON", m.actor, "person", "description",
                                  m.role, m.affiliation))
    return extra


def _surnames(doc: Doc, mentions: list[_Mention], index: ActorIndex, toks: _Tokens) -> list[_Mention]:
    """A surname alone is the full name introduced with it in the article (before or after).

    A surname the NER labelled otherwise ("Zelenskyy" as WORK_OF_ART) becomes the
    person only with evidence that the full name is one: a role, the actor
    table, or most lone uses of the surname being PERSON (so "Amazon" stays an
    organisation after a stray PERSON "Cloud Cam Amazon").
    """
    full: dict[str, _Mention] = {}
    bearers: dict[str, list[_Mention]] = {}  # surname -> the full names with it, in article order
    for m in sorted(mentions, key=lambda m: m.start):
        if m.actor_type == "person" and m.label == "PERSON" and m.kind != "description" and len(m.actor.split()) > 1:
            full.setdefault(m.actor.split()[-1], m)
            bearers.setdefault(m.actor.split()[-1], []).append(m)

    def nearest(surname: str, at: int) -> _Mention | None:
        """The nearest full name before ``at`` with that surname (else the first): two people sharing
        a surname stay two actors."""
        found = bearers.get(surname)
        if not found:
            return None
        before = [p for p in found if p.start < at]
        return before[-1] if before else found[0]
    alone = Counter((toks.text(m.start), m.label == "PERSON") for m in mentions if m.end - m.start == 1)
    alone.update((m.actor.split()[-1], True) for m in mentions if m.label == "PERSON" and m.kind == "name")

    def is_person(surname: str, person: _Mention) -> bool:
        return bool(person.role) or index.type_of(person.actor) == "person" or (
            alone[(surname, True)] >= alone[(surname, False)])

    # a name written family name first ("Wang Dan" ... "Wang"): the first word of one person's name alone
    firsts: dict[str, set[str]] = {}
    for found in bearers.values():
        for p in found:
            if len(p.actor.split()) in (2, 3) and index.type_of(p.actor) is None:
                firsts.setdefault(p.actor.split()[0], set()).add(p.actor)
    # "Ford Motor Co." ... "Ford said" ... "Bill Ford": before any person, the word is the company's
    companies = {}
    for m in sorted(mentions, key=lambda m: -m.start):
        if m.label == "ORG" and m.actor_type != "person" and m.end - m.start > 1:
            companies[toks.text(m.start)] = m.start

    def company_first(word: str, at: int) -> bool:
        return companies.get(word, at) < at and all(p.start > at for p in bearers.get(word, ()))

    covered = {i for m in mentions for i in range(m.start, m.end)}
    for m in mentions if full else ():  # no full name, no surname to find
        text = toks.span_text(m.start, m.end)
        person = nearest(text, m.start)
        if person is not None and company_first(text, m.start):
            continue
        if (person is None and m.end - m.start == 1 and text not in full and len(firsts.get(text, ())) == 1
                and m.kind == "name" and index.type_of(m.actor) is None and m.label in {"PERSON", "ORG"}):
            actor = next(iter(firsts[text]))
            m.actor, m.actor_type, m.label, m.kind = actor, "person", "PERSON", "alias"
            continue
        if person is None or m is person or m.actor == person.actor or m.kind == "demonym":
            continue
        if m.label == "PERSON" or is_person(text, person):
            m.actor, m.actor_type, m.label, m.kind = person.actor, "person", "PERSON", "alias"
    extra = []
    # only tokens spelled like a known surname can be one (found on the ORTH array, not Token by Token)
    surnames = [hash_string(name) for name in full]
    spelled = _indices_of(toks.attrs[:, 5], surnames)
    for tok in (doc[i] for i in spelled):
        person = nearest(tok.text, tok.i)
        if (tok.i not in covered and person is not None and tok.is_title and not company_first(tok.text, tok.i)
                and tok.pos_ in {"PROPN", "NOUN", "VERB"} and is_person(tok.text, person)):
            extra.append(_Mention(tok.i, tok.i + 1, "PERSON", person.actor, "person", "alias"))
    named = {p.actor: p for found in bearers.values() for p in reversed(found)}
    for m in mentions + extra:
        if m.actor_type == "person":
            person = named.get(m.actor)
            if person is not None:
                m.role = m.role or person.role
                m.affiliation = m.affiliation or person.affiliation
    return extra


def _descriptions(doc: Doc, mentions: list[_Mention], index: ActorIndex, roles: frozenset[str]) -> list[_Mention]:
    """"The Ukrainian leader" -> the person of that affiliation and role introduced in the article."""
    people = [m for m in mentions if m.actor_type == "person" and m.kind != "description" and m.affiliation]
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    taken = {(m.start, m.end) for m in mentions}
    extra = []
    if not people:  # a description stands for one of these people: none, nothing to find
        return extra
    for tok in (doc[i] for i in _role_nouns(doc, roles)):
        noun = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or noun not in roles or tok.i in by_token:
            continue
        if any(c.dep_ == "appos" for c in tok.children) or tok.dep_ == "compound":
            continue
        if tok.i + 1 < len(doc) and (doc[tok.i + 1].i in by_token or doc[tok.i + 1].pos_ == "PROPN"):
            continue  # a title before a name ("envoy Terje Roed-Larsen"), not a description
        dets = [c for c in tok.lefts if c.dep_ == "det" and c.lower_ == "the"]
        mods = [c for c in tok.lefts if c.i in by_token] + [
            g for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of" for g in c.subtree if g.i in by_token]
        state = _state_in(mods, by_token, index)
        poss = any(c.dep_ == "poss" and c.i in by_token for c in tok.lefts)
        if state is None or not (dets or poss):
            continue
        start = min([t.i for t in tok.lefts if t.lower_ not in _ARTICLES] + [tok.i])
        end = max([t.i for t in tok.subtree if t.i >= tok.i and not t.is_punct
                   and t.dep_ not in {"appos", "relcl", "acl", "cc", "conj"}] + [tok.i]) + 1
        if any(t.is_punct for t in doc[tok.i:end]):
            end = next(t.i for t in doc[tok.i:end] if t.is_punct)
        if (start, end) in taken:
            continue
        candidates = [p for p in people if p.affiliation == state and _role_fits(noun, p.role)]
        if not candidates:
            continue
        before = [p for p in candidates if p.start < tok.i]
        person = before[-1] if before else candidates[0]
        extra.append(_Mention(start, end, "PERSON", person.actor, "person", "description", person.role, state))
        taken.add((start, end))
    return extra


def _role_only(doc: Doc, mentions: list[_Mention], toks: _Tokens) -> list[_Mention]:
    """"The Senator", "the chief executive": a role alone is the nearest person introduced before it
    with that role in the article; with none, it is no actor at all."""
    people = [m for m in mentions if m.label == "PERSON" and m.kind != "description" and m.role]
    if not people:
        return []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    extra = []
    roles = [get_string_id(w) for w in toks.roles]
    for i in _indices_of(toks.attrs[:, 0], roles):
        tok = doc[i]
        if i in covered or tok.dep_ == "compound" or any(c.dep_ in {"appos", "poss"} for c in tok.children):
            continue
        if i + 1 < len(doc) and (doc[i + 1].pos_ == "PROPN" or doc[i + 1].lower_ in {"of", "for"}):
            continue  # a title before a name, or "the head of X" (a description of its own)
        lefts = list(tok.lefts)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in lefts) or any(c.i in covered for c in lefts):
            continue
        mods = [c for c in lefts if c.dep_ in {"amod", "compound"} and c.i == i - 1]
        words = [t.lower_ for t in mods] + [tok.lemma_.lower()]
        fits = [(p.start, p.actor) for p in people if p.start < i and all(w in p.role.lower() for w in words)]
        actor = _nearest(fits, i)
        if actor is None:
            continue
        person = next(p for p in people if p.actor == actor)
        start = mods[0].i if mods else i
        extra.append(_Mention(start, i + 1, "PERSON", actor, "person", "description", person.role, person.affiliation))
        covered.update(range(start, i + 1))
    return extra


def _role_nouns(doc: Doc, roles: frozenset[str]) -> list[int]:
    """Indices of the nouns whose lower-cased lemma is a role noun (read on arrays, each lemma looked up once)."""
    if not len(doc):
        return []
    attrs = doc.to_array([POS, LEMMA])
    nouns = attrs[:, 0] == NOUN
    strings = doc.vocab.strings
    roles = [lemma for lemma in np.unique(attrs[nouns, 1]).tolist() if strings[lemma].lower() in roles]
    return _indices_of(attrs[:, 1], roles, nouns)


def _indices_of(values: np.ndarray, keys: list[int], within: np.ndarray | None = None) -> list[int]:
    """Indices where ``values`` is one of a few ``keys`` (and ``within`` is true): one comparison
    per key, as ``np.isin`` sorts, which costs more for a few keys."""
    hit = np.zeros(len(values), dtype=bool)
    for key in keys:
        hit |= values == key
    return np.flatnonzero(hit if within is None else hit & within).tolist()


def _role_fits(noun: str, role: str | None) -> bool:
    role = (role or "").lower()
    if noun in GENERIC_ROLE_NOUNS:
        return any(word in role for word in LEADER_ROLES) or noun in role
    return noun in role


def _bodies(doc: Doc, mentions: list[_Mention], index: ActorIndex) -> list[_Mention]:
    """"The Ukrainian air force": a demonym qualifying an institution is an organisation of that state."""
    extra = []
    for m in mentions:
        if m.kind != "demonym" or m.end - m.start != 1:
            continue
        head = doc[m.start].head
        if head.i <= m.start or head.lower_ not in BODY_NOUNS or head.ent_type_ in {"PERSON"}:
            continue
        if any(t.is_punct or t.ent_type_ for t in doc[m.end:head.i]):
            continue
        words = doc[m.end:head.i + 1].text.lower()
        actor = f"{doc[m.start].text} {words}"
        extra.append(_Mention(m.start, head.i + 1, "ORG", actor, "organisation", "description",
                              None, m.actor))
    return extra


# --------------------------------------------------------------------------- one actor per entity in an article

#: Legal and corporate suffixes: "Apple Inc." and "Apple" are one company.
CORPORATE_SUFFIXES = {
    "inc", "inc.", "incorporated", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.",
    "limited", "plc", "ag", "sa", "s.a.", "nv", "n.v.", "llc", "l.l.c.", "gmbh", "group", "holdings",
    "lp", "l.p.", "pty", "bhd", "spa", "s.p.a.", "ab", "asa", "oyj", "se", "kk",
}
_CORPORATE_BARE = {w.rstrip(".") for w in CORPORATE_SUFFIXES}
#: Words after a name that make it an organisation's when the recogniser left them out.
_SUFFIXES_BARE = {w.rstrip(".") for w in CORPORATE_SUFFIXES - {"group", "se", "ab", "co", "sa"}} | {"party"}
#: Words after a company's name that do not make another company ("Apple Computer", "Ford Motor").
COMPANY_WORDS = {"computer", "computers", "motor", "motors", "airlines", "airways", "international",
                 "industries", "holdings", "technologies", "systems", "entertainment", "communications"}
#: Words too common to stand for a longer name on their own ("Bank" is not "Bank of America").
GENERIC_NAME_WORDS = {
    "the", "bank", "national", "united", "general", "american", "new", "international", "royal", "federal",
    "central", "air", "first", "union", "ministry", "department", "university", "state", "states", "world",
    "european", "british", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "great", "global", "people", "peoples", "democratic", "republican", "republic", "council", "court",
    "supreme", "city", "county", "house", "senate", "party", "government", "foreign", "security", "office",
    "commission", "committee", "agency", "association", "institute", "nations", "china", "china's",
}
#: Words left out of an acronym ("Bank of England" is BoE, "Department of Labor" DoL).
ACRONYM_SKIP = {"of", "the", "and", "for", "&", "on", "in", "de", "du", "des", "la", "le", "a", "an", "to"}
#: Abbreviated compass words before a place ("N. Korea" is North Korea).
COMPASS_ABBREVIATIONS = {"N.": "North", "S.": "South", "E.": "East", "W.": "West"}
#: Phrases after a name that only an organisation says ("X said in a statement").
STATEMENT_NOUNS = {"statement", "press release", "communique", "communiqué"}


def _words(name: str) -> list[str]:
    return name.replace("\u2019", "'").split()


def _strip_suffix(name: str) -> str:
    """"Apple Inc." -> "Apple", "Bank of America Corporation" -> "Bank of America" (one word stays)."""
    words = _words(name)
    while len(words) > 1 and words[-1].lower().rstrip(",") in CORPORATE_SUFFIXES:
        words.pop()
        if words and words[-1].endswith(","):
            words[-1] = words[-1][:-1]
    return " ".join(words)


def _initials(name: str) -> set[str]:
    """Acronyms a name may be written as: "Royal Air Force" -> RAF, "Bank of England" -> BOE and BE."""
    words = [w for w in _words(name) if w[:1].isalpha()]
    if len(words) < 2:
        return set()
    full = "".join(w[0] for w in words).upper()
    capital = "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIP).upper()
    return {full, capital} if len(capital) >= 2 else {full}


def _acronym_form(text: str) -> str | None:
    """"U.S.A." -> "USA", "GAO" -> "GAO"; None for words that are not acronyms."""
    bare = text.replace(".", "").replace("&", "")
    if 2 <= len(bare) <= 7 and bare.isalpha() and sum(c.isupper() for c in bare) >= max(2, len(bare) - 1):
        return bare.upper()
    return None


def _abbreviated(index: ActorIndex, text: str) -> tuple[str, str] | None:
    """"N. Korea" -> North Korea: a compass abbreviation before a place the table knows in full."""
    first, _, rest = text.partition(" ")
    if first in COMPASS_ABBREVIATIONS and rest:
        hit = index.lookup(f"{COMPASS_ABBREVIATIONS[first]} {rest}")
        return (hit[0], "alias") if hit else None
    return None


def _own_name(m: _Mention, index: ActorIndex) -> bool:
    """A name the actor table does not know, resolved to itself (only such names are regrouped)."""
    return m.kind == "name" and index.type_of(m.actor) is None and m.label in ACTOR_LABELS


def _org_evidence(doc: Doc, m: _Mention, toks: _Tokens, cues: Mapping[str, frozenset[str]]) -> bool:
    """In-article signs that a name is an organisation: a head word ("Party", "Inc.", "United"), a
    club prefix ("FC"), "X said in a statement", or a cue word around it (:func:`_org_context`)."""
    words = _words(m.actor)
    if m.end - m.start > 1 and (words[-1].lower().rstrip(".,") in _CORPORATE_BARE | cues.get("head", set())
                                or words[0].lower() in cues.get("prefix", ())):
        return True
    after = " ".join(toks.lower(i) for i in range(m.end, min(m.end + 6, len(doc))))
    if any(f" in a {noun}" in f" {after}" for noun in STATEMENT_NOUNS) and (
            after.startswith(("said", "says", "announced", "confirmed"))):
        return True
    return _org_context(toks, m, cues)


def _org_context(toks: _Tokens, m: _Mention, cues: Mapping[str, frozenset[str]]) -> bool:
    """A cue right after the name ("X spokesman", "X's board", "X beat") or right before it, an
    article skipped ("a spokesman for X", "victory over the X"), within the sentence."""
    n = len(toks.starts)
    after = []
    for i in range(m.end, min(m.end + 3, n)):
        if toks.sent_starts[i]:
            break
        after.append("'s" if toks.text(i) in _POSSESSIVE else toks.lower(i))
    if any(" ".join(after[:k]) in cues.get("after", ()) for k in range(1, len(after) + 1)):
        return True
    if (after and after[0] in cues.get("plural", ()) and m.end - m.start == 1 and not toks.text(m.start).endswith("s")
            and toks.dep(m.start) in _Tokens.SUBJECTS and not (m.start > 0 and toks.lower(m.start - 1) in LOCATIVES)):
        return True  # "Kent were frustrated": a plural verb after its subject, one name in the singular
    j = m.start - 1 if m.start > 0 and toks.lower(m.start - 1) in _ARTICLES and not toks.sent_starts[m.start] else m.start
    before = []
    for i in range(j - 1, max(j - 3, 0) - 1, -1):
        before.insert(0, toks.lower(i))
        if toks.sent_starts[i]:
            break
    if j < m.start and toks.sent_starts[j]:
        before = []
    return any(" ".join(before[-k:]) in cues.get("before", ()) for k in range(1, len(before) + 1))


def _place_and_head(m: _Mention, index: ActorIndex, cues: Mapping[str, frozenset[str]]) -> bool:
    """A place and a head word ("Manchester United", "Bristol Rovers") is no person's name."""
    words = _words(m.actor)
    hit = index.lookup(" ".join(words[:-1])) if len(words) > 1 else None
    return bool(hit) and not m.role and words[-1].lower() in cues.get("head", ()) and index.type_of(hit[0]) in {
        "city", "region", "place", "state", "territory"}


def _canonical_names(doc: Doc, ordered: list[_Mention], index: ActorIndex, toks: _Tokens,
                     cues: Mapping[str, frozenset[str]]) -> set[str]:
    """Suffixes and state prefixes dropped from names ("Apple Inc." -> Apple, "the US Federal
    Reserve" -> Federal Reserve when the article or the table names it so); returns the actors
    with in-article evidence of being organisations."""
    evidence = set()
    for m in ordered:
        if not _own_name(m, index) or m.label == "PERSON" and m.role:
            continue
        if (m.label != "PERSON" or m.end - m.start == 1 or _place_and_head(m, index, cues)) and _org_evidence(
                doc, m, toks, cues):
            evidence.add(m.actor)  # "Ericsson said in a statement", however it was labelled
        stripped = _strip_suffix(m.actor)
        if stripped != m.actor:
            evidence.update((m.actor, stripped))
            hit = index.lookup(stripped)
            m.actor = hit[0] if hit and index.type_of(hit[0]) not in {"city", "person"} else stripped
    names = {m.actor for m in ordered}
    for m in ordered:
        words = _words(m.actor)
        if not _own_name(m, index) or len(words) < 2 or m.label == "PERSON":
            continue
        for k in range(len(words) - 1, 0, -1):
            state, rest = index.lookup(" ".join(words[:k])), " ".join(words[k:])
            hit = index.lookup(rest)
            if state and _is_state(index, state[0]) and rest[:1].isupper() and (rest in names or hit):
                m.actor = hit[0] if hit else rest
                m.affiliation = m.affiliation or state[0]
                break
        stem = list(words)
        while len(stem) > 1 and stem[-1].lower() in COMPANY_WORDS:
            stem.pop()
        if len(stem) < len(words) and (" ".join(stem) in evidence or " ".join(stem) in names):
            m.actor, m.kind = " ".join(stem), "alias"  # "Apple Computer" where the article says "Apple"
    return evidence


def _acronyms(ordered: list[_Mention], index: ActorIndex, toks: _Tokens, evidence: set[str]) -> dict[str, str]:
    """Acronym -> actor: defined in parentheses after a name, or the initials of a name in the article."""
    acronyms: dict[str, str] = {}
    for k, m in enumerate(ordered):
        if m.start < 2 or toks.text(m.start - 1) != "(" or m.end >= len(toks.starts) or toks.text(m.end) != ")":
            continue
        form = _acronym_form(toks.span_text(m.start, m.end))
        prev = next((p for p in reversed(ordered[:k]) if p.end == m.start - 1), None)
        if form and prev is not None and prev.label != "PERSON" and not _is_state(index, prev.actor):
            acronyms[form] = prev.actor
            if prev.label == "ORG" or prev.actor in evidence:
                evidence.add(prev.actor)
    for m in ordered:
        if m.label in {"ORG", "FAC", "NORP"} and m.kind != "description":
            for form in _initials(m.actor):
                if index.lookup(form) is None:  # "US" stays the state, whatever "Union of S..." says
                    acronyms.setdefault(form, m.actor)
    return acronyms


def _nearest(candidates: list[tuple[int, str]], at: int) -> str | None:
    """The actor of the nearest candidate before ``at``, else of the first after."""
    before = [actor for start, actor in candidates if start < at]
    after = [actor for start, actor in candidates if start > at]
    return before[-1] if before else (after[0] if after else None)


def _aliases(doc: Doc, mentions: list[_Mention], index: ActorIndex, toks: _Tokens,
             cues: Mapping[str, frozenset[str]]) -> list[_Mention]:
    """Within an article, a short form, acronym or suffix variant of a name is the actor of that name.

    - corporate suffixes make no new actor ("Apple Inc." and "Apple Computer" are Apple);
    - an acronym in parentheses right after a name is that name's actor ("the Government
      Accountability Office (GAO)"), and so is an acronym matching the initials of a name;
    - a single word that begins a longer organisation name is the nearest such name before it
      (else after it): "Northrop" after "Northrop Grumman", unless the word is too common ("Bank");
    - a name starting with a state ("the US Federal Reserve") is the rest when the article or the
      table names it alone ("the Federal Reserve").

    Labels follow: an actor with organisation evidence (:func:`_org_evidence`, a suffix, a
    defined acronym) is an ORG in every mention. Returns mentions of acronyms the recogniser missed.
    """
    ordered = sorted((m for m in mentions if m.label in ACTOR_LABELS), key=lambda m: m.start)
    if not ordered:
        return []
    evidence = _canonical_names(doc, ordered, index, toks, cues)
    acronyms = _acronyms(ordered, index, toks, evidence)
    longs = [(m.start, m.actor) for m in ordered if len(_words(m.actor)) > 1 and m.kind != "description"
             and (m.label in {"ORG", "FAC"} or m.actor in evidence) and not _is_state(index, m.actor)]
    for m in ordered:
        if m.kind == "description" or m.label == "PERSON" and (m.role or m.kind == "alias"):
            continue
        text = toks.span_text(m.start, m.end)
        if all(w.lower() in CORPORATE_SUFFIXES for w in _words(text)):
            m.label = "DROP"  # "LLC" the recogniser split from "Chrysler Group LLC"
            continue
        form = _acronym_form(text)
        known = index.type_of(m.actor) is not None
        if form in acronyms and acronyms[form] != m.actor and (not known or index.lookup(text) is None):
            m.actor, m.kind = acronyms[form], "alias"
            continue
        words = _words(m.actor)
        if known or len(words) != 1 or words[0].lower() in GENERIC_NAME_WORDS or m.label in {"GPE", "LOC"}:
            continue
        best = _nearest([(s, a) for s, a in longs if _words(a)[0] == words[0]], m.start)
        if best is not None:
            m.actor, m.kind = best, "alias"
    _consistent_labels(ordered, index, evidence | set(acronyms.values()))
    extra = []
    if acronyms:  # acronyms the recogniser missed ("GM shares fell")
        covered = {i for m in mentions for i in range(m.start, m.end)}
        for i in _indices_of(toks.attrs[:, 5], [hash_string(a) for a in acronyms]):
            if i not in covered:
                actor = acronyms[toks.text(i)]
                label = next((m.label for m in ordered if m.actor == actor and m.kind != "description"), "ORG")
                extra.append(_Mention(i, i + 1, label, actor, LABEL_TYPES.get(label, "organisation"), "alias"))
    return extra


def _cued_names(toks: _Tokens, covered: np.ndarray, cues: Mapping[str, frozenset[str]],
                index: ActorIndex) -> list[_Mention]:
    """Organisations the recogniser missed, found by a cue ("Leicestershire beat Somerset", "a
    spokesman for Acme"): one or two capitalised words, in no mention and not next to another
    capitalised word (a person's longer name), right before an ``after`` cue or right after a
    ``before`` cue (an article skipped), the cue in lower case (a headline in capitals is no
    evidence); a lone word must be a proper noun ("He beat" has no name), and a name the
    actor table knows keeps its own type."""
    n = len(toks.starts)

    def name_word(i: int) -> bool:
        text = toks.text(i)
        return (0 <= i < n and not covered[i] and text[:1].isupper() and text.replace(".", "").isalpha()
                and toks.lower(i) not in toks.person_drop)

    def found(lo: int, hi: int) -> _Mention | None:
        if hi <= lo or hi - lo == 1 and toks.doc[lo].pos_ != "PROPN" or index.lookup(toks.span_text(lo, hi)):
            return None
        if lo > 0 and toks.text(lo - 1)[:1].isupper() and not toks.sent_starts[lo] or (
                hi < n and toks.text(hi)[:1].isupper() and not toks.sent_starts[hi]):
            return None
        return _Mention(lo, hi, "ORG", toks.span_text(lo, hi), "organisation", "name")

    extra = []
    for where in ("after", "before"):
        phrases: dict[int, list[list[str]]] = {}
        for cue in cues.get(where, ()):
            parts = cue.split()
            phrases.setdefault(get_string_id(parts[0 if where == "after" else -1]), []).append(parts)
        keys = np.array(list(phrases), dtype=toks.attrs.dtype)  # dozens of cues: one sorted lookup, not one pass each
        for i in np.flatnonzero(np.isin(toks.attrs[:, 0], keys)).tolist():
            for parts in phrases[toks.lower_ids[i]]:
                if where == "after":  # the cue starts at i, the name ends before it
                    span = range(i, i + len(parts))
                else:  # the cue ends at i, the name starts after it
                    span = range(i - len(parts) + 1, i + 1)
                if span.start < 0 or span.stop > n or [toks.lower(k) for k in span] != parts or (
                        not toks.text(i).islower()):
                    continue
                if where == "after":
                    hi = lo = span.start
                    while lo > 0 and hi - lo < 2 and name_word(lo - 1) and not toks.sent_starts[lo]:
                        lo -= 1
                else:
                    lo = span.stop + (span.stop < n and toks.lower(span.stop) in _ARTICLES)
                    hi = lo
                    while hi < n and hi - lo < 2 and name_word(hi) and not (hi > lo and toks.sent_starts[hi]):
                        hi += 1
                m = found(lo, hi)
                if m is not None:
                    extra.append(m)
                    covered[lo:hi] = True
                break
    return extra


def _conjuncts(toks: _Tokens, mentions: list[_Mention], seeds: list[_Mention]) -> list[_Mention]:
    """The mentions joined to ``seeds`` by coordination ("Essex, Derbyshire and Surrey"), through
    the parse's ``conj`` arcs, seeds left out."""
    conj = np.flatnonzero(toks.attrs[:, 3] == _Tokens.CONJ).tolist()
    if not conj or not seeds:
        return []
    by_token = {i: m for m in mentions if m.kind != "description" for i in range(m.start, m.end)}
    links: dict[int, set[int]] = {}  # mention id -> mentions joined to it
    for j in conj:
        a, b = by_token.get(j), by_token.get(toks.heads[j])
        if a is not None and b is not None and a is not b:
            links.setdefault(id(a), set()).add(id(b))
            links.setdefault(id(b), set()).add(id(a))
    by_id = {id(m): m for m in by_token.values()}
    seen = {id(m) for m in seeds}
    todo = [id(m) for m in seeds]
    while todo:
        for other in links.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return [by_id[k] for k in seen - {id(m) for m in seeds} if k in by_id]


def _organisations(mentions: list[_Mention], index: ActorIndex, toks: _Tokens,
                   cues: Mapping[str, frozenset[str]]) -> list[_Mention]:
    """One sense per article for organisations: a place the table knows ("Leicestershire", a city)
    that the article shows as an organisation ("Leicestershire beat Somerset", "Houston's coach")
    is one in all its mentions, and so is every name already read as an organisation; mentions of
    such names the recogniser missed are added. States, people with a role or a full name, and
    descriptions are left as they are (a national team stays the state or nation)."""
    if not cues:
        return []

    def open_to_org(m: _Mention) -> bool:
        if m.kind == "demonym":  # "the Indians beat the Rangers": a plural demonym may be a team
            return toks.span_text(m.start, m.end).endswith("s") and m.end - m.start == 1
        if m.kind == "description" or m.label not in {"PERSON", "ORG", "GPE", "LOC", "NORP"}:
            return False
        if m.label == "PERSON":  # a person's full name or a person with a role stays a person
            return m.end - m.start == 1 and not m.role and m.kind == "name"
        # a region that fields a team is mostly a nation ("Wales beat San Marino"): it stays the place
        return index.type_of(m.actor) not in {"state", "territory", "international body", "continent", "region"}

    covered = np.zeros(len(toks.starts) + 1, dtype=bool)
    for m in mentions:  # a description is no name: "Schalke striker X" leaves "Schalke" to find
        covered[m.start:m.end] |= m.kind != "description" and m.label != "DROP"
    extra = _cued_names(toks, covered, cues, index)
    orgs: dict[str, str] = {}  # surface -> actor
    cued = list(extra)
    for m in mentions:
        if (m.label == "ORG" or open_to_org(m)) and m.kind != "description" and _org_context(toks, m, cues):
            cued.append(m)
    for m in mentions + extra:
        text = toks.span_text(m.start, m.end)
        if m.label == "ORG" and m.kind != "description" and index.type_of(m.actor) is None and (
                m.end - m.start > 1 or m in cued):
            orgs.setdefault(text, m.actor)  # a lone word the recogniser called ORG is not evidence enough
        elif open_to_org(m) and index.type_of(m.actor) is not None and m in cued:
            orgs[text] = text  # "Houston" the team is not the city
    for m in _conjuncts(toks, mentions + extra, cued):  # "rivals Essex, Derbyshire and Surrey"
        if open_to_org(m):
            orgs.setdefault(toks.span_text(m.start, m.end), m.actor if index.type_of(m.actor) is None
                            else toks.span_text(m.start, m.end))
    if not orgs:
        return []
    for m in mentions:
        text = toks.span_text(m.start, m.end)
        if text in orgs and m.label != "ORG" and open_to_org(m):
            m.actor, m.actor_type, m.label = orgs[text], "organisation", "ORG"
            m.role = m.affiliation = None
            m.kind = "name" if m.kind == "demonym" else m.kind
    # mentions the recogniser missed: the same words, capitalised, where no mention is
    firsts: dict[int, list[str]] = {}
    for text in orgs:
        words = text.split()
        if _words(text)[0].lower() not in GENERIC_NAME_WORDS:
            firsts.setdefault(get_string_id(words[0].lower()), []).append(text)
    for i in _indices_of(toks.attrs[:, 0], list(firsts)):
        if covered[i] or not toks.text(i)[:1].isupper():
            continue
        for text in firsts[toks.lower_ids[i]]:
            end = i + 1
            while end < len(toks.starts) and toks.starts[end] - toks.starts[i] < len(text):
                end += 1
            if toks.span_text(i, end).lower() == text.lower() and not covered[i:end].any() and (
                    end >= len(toks.starts) or not toks.text(end)[:1].isupper()):
                extra.append(_Mention(i, end, "ORG", orgs[text], "organisation", "name"))
                covered[i:end] = True
                break
    return extra


def _consistent_labels(ordered: list[_Mention], index: ActorIndex, organisations: set[str]) -> None:
    """One label per actor in an article: ORG where the article shows an organisation, else the
    label most of its name mentions carry (a person with a role stays a person)."""
    groups: dict[str, list[_Mention]] = {}
    for m in ordered:
        if m.kind != "description" and index.type_of(m.actor) is None and m.label in {"PERSON", "ORG", "GPE", "LOC"}:
            groups.setdefault(m.actor, []).append(m)
    for actor, group in groups.items():
        if any(m.label == "PERSON" and m.role for m in group):
            label = "PERSON"
        elif actor in organisations:
            label = "ORG"
        else:
            counts = Counter(m.label for m in group).most_common()
            if len(counts) < 2 or counts[0][1] == counts[1][1]:
                continue
            label = counts[0][0]
        for m in group:
            if m.label != label:
                m.label, m.actor_type = label, LABEL_TYPES[label]


def _capitalised_words(doc: Doc, mentions: list[_Mention], words: frozenset[str], index: ActorIndex) -> None:
    """A lone English word the NER took for a person only because it opens a sentence ("Breakthrough
    hopes low") is no name: dropped unless the article names that person in full. So is a lone
    English word in capitals that the NER took for an organisation ("SOCCER - ..." heading a
    report), unless the article writes it otherwise as a name."""
    written = {m.actor.casefold() for m in mentions if not m.actor.isupper()}
    for m in mentions:
        if not (m.label in {"PERSON", "ORG"} and m.kind == "name" and m.end - m.start == 1):
            continue
        tok = doc[m.start]
        if m.label == "PERSON" and tok.is_sent_start and tok.lower_ in words and m.actor == tok.text:
            m.label = "DROP"
        elif (m.label == "ORG" and len(m.actor) >= 5 and m.actor.isupper() and m.actor.isalpha()
              and tok.lower_ in words and m.actor.casefold() not in written and index.type_of(m.actor) is None):
            m.label = "DROP"


def _resolve(doc: Doc, index: ActorIndex, roles: frozenset[str], words: frozenset[str] = frozenset(),
             org_cues: Mapping[str, frozenset[str]] | None = None) -> list[_Mention]:
    org_cues = org_cues or {}
    toks = _Tokens(DocView(doc), roles)
    mentions = _base_mentions(doc, index, toks)
    _regions(doc, mentions, index, toks)
    mentions += _people(doc, mentions, index, toks, org_cues)
    mentions += _surnames(doc, mentions, index, toks)
    _capitalised_words(doc, mentions, words, index)
    mentions += _aliases(doc, mentions, index, toks, org_cues)
    mentions += _organisations(mentions, index, toks, org_cues)
    mentions += _descriptions(doc, mentions, index, roles)
    mentions += _role_only(doc, mentions, toks)
    mentions += _bodies(doc, mentions, index)
    out = [m for m in mentions if m.label in ACTOR_LABELS]
    seen = set()
    unique = []
    for m in sorted(out, key=lambda m: (m.start, m.end, m.kind)):
        if (m.start, m.end, m.actor) not in seen:
            seen.add((m.start, m.end, m.actor))
            unique.append(m)
    return unique


#: The fields of a mention as the pipeline component stores it (token offsets first).
_ROW_FIELDS = ("start", "end", "label", "actor", "actor_type", "kind", "role", "affiliation")


def _rows(mentions: list[_Mention]) -> list[tuple]:
    """Mentions as the component stores them in ``doc.user_data`` (:data:`_ROW_FIELDS`)."""
    return [(m.start, m.end, m.label, m.actor, m.actor_type, m.kind, m.role, m.affiliation) for m in mentions]


def _frame(chars: DocView, rows: list) -> pd.DataFrame:
    # One small frame per article adds up: built column by column from the stored rows, each with
    # its dtype, and the token offsets read once per doc. String columns get the dtype pandas would
    # infer for them (``str``; an empty or all-None column stays object).
    fields = dict(zip(_ROW_FIELDS, zip(*rows, strict=True), strict=True)) if rows else dict.fromkeys(_ROW_FIELDS, ())
    starts = [chars.start_list[i] for i in fields["start"]]
    ends = [chars.end_list[i - 1] for i in fields["end"]]
    columns = {
        "start": np.array(starts, dtype="int64"),
        "end": np.array(ends, dtype="int64"),
        "text": segment.text_column([chars.text[s:e] for s, e in zip(starts, ends, strict=True)]),
    }
    for name in _ROW_FIELDS[2:]:
        columns[name] = segment.text_column(list(fields[name]))
    return segment.frame_of(columns, len(rows))


USER_DATA_KEY = "newsdesk_mentions"


def english_words(nlp: Language) -> frozenset[str]:
    """Lower-case English words known to the model's lemmatizer (empty if it has no word list)."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, ValueError, AttributeError):
        return frozenset()
    return frozenset(word for key in table.keys() for word in table[key] if word.isalpha())


class ActorResolver:
    """Pipeline component: resolves the doc's mentions once and keeps them in ``doc.user_data``,
    with the version of the pipeline whose tables they come from.

    :class:`newsdesk.Pipeline` fills it (``index``, ``roles``, ``words``, ``org_cues``, ``version``)
    when it builds its spaCy pipeline. It runs inside ``nlp``, before the article's analysis has its
    :class:`~newsdesk.docview.DocView`, so it builds a view of its own of the doc as it is then
    (the last component: the doc does not change after it).
    """

    def __init__(self):
        self.index = ActorIndex()
        self.roles: frozenset[str] = frozenset()
        self.words: frozenset[str] = frozenset()
        self.org_cues: Mapping[str, frozenset[str]] = {}
        self.version = ""

    def rows(self, doc: Doc) -> list[tuple]:
        """The doc's mentions as stored rows (:data:`_ROW_FIELDS`)."""
        return _rows(_resolve(doc, self.index, self.roles, self.words, self.org_cues))

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[USER_DATA_KEY] = (self.version, self.rows(doc))
        return doc


@Language.factory("newsdesk_actors")
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    """The :class:`ActorResolver` component (its tables are set by :class:`newsdesk.Pipeline`)."""
    return ActorResolver()


def mentions_from_doc(view: DocView | Doc, pipeline: Pipeline | None = None, *,
                      actors_file: str | os.PathLike | None = None) -> pd.DataFrame:
    """Actor mentions of a parsed article, from its :class:`~newsdesk.docview.DocView` (or its Doc);
    see the module docstring for the columns.

    Uses what the ``newsdesk_actors`` component resolved when the doc went
    through the spaCy pipeline, if that was ``pipeline``'s (or any, when
    ``pipeline`` is None); otherwise the doc is resolved again with
    ``pipeline``'s tables. ``actors_file`` is short for
    ``pipeline=Pipeline(actors=actors_file)``.
    """
    if actors_file:
        pipeline = _pipeline(actors_file)
    view = view_of(view)
    stored = view.doc.user_data.get(USER_DATA_KEY)
    if stored is not None and (pipeline is None or stored[0] == pipeline.version):
        rows = stored[1]
    else:
        rows = (pipeline or _pipeline()).resolver.rows(view.doc)
    return _frame(view, rows)


def _pipeline(actors_file: str | os.PathLike | None = None):
    """``Pipeline(actors=actors_file)``, for the entry points that are not handed one."""
    # the pipeline is built on this module, not the other way round
    from newsdesk.pipeline import Pipeline

    return Pipeline(actors=actors_file)


def find_mentions(text: str, actors_file: str | os.PathLike | None = None, *, pipeline: Pipeline | None = None) -> pd.DataFrame:
    """Actor mentions in ``text``, with ``pipeline`` (by default ``Pipeline(actors=actors_file)``).

    >>> find_mentions("Moscow and Kyiv met in Geneva.")[["text", "actor", "actor_type"]]  # doctest: +SKIP
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if actors_file is not None and not Path(actors_file).is_file():
        raise FileNotFoundError(f"actors_file not found: {actors_file}")
    pipeline = pipeline or _pipeline(actors_file)
    return mentions_from_doc(DocView(pipeline.parse(text)), pipeline)


# --------------------------------------------------------------------------- corpus frames


def _mode(values) -> str | None:
    """The most frequent non-empty value; ties go to the first seen."""
    values = [v for v in values if isinstance(v, str) and v]
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def actors_frame(mentions: pd.DataFrame, articles: pd.DataFrame, pipeline: Pipeline | None = None) -> pd.DataFrame:
    """One row per canonical actor of the corpus (``ACTOR_COLUMNS``), most mentioned first.

    ``role`` and ``affiliation`` come from the actor table of ``pipeline`` (the
    one that found the mentions; by default the shipped table) when it has
    them, else from the most frequent role found in the articles.
    """
    if mentions.empty:
        return pd.DataFrame(columns=ACTOR_COLUMNS)
    index = (pipeline or _pipeline()).actor_index
    dates = articles.set_index("article_id")["date"].to_dict() if "date" in articles else {}
    empty = [None] * len(mentions)
    columns = zip(  # as lists: iterating Arrow-backed columns costs a call per value
        mentions["actor"].tolist(), mentions["actor_type"].tolist(), mentions["article_id"].tolist(),
        mentions["affiliation"].tolist() if "affiliation" in mentions else empty,
        mentions["role"].tolist() if "role" in mentions else empty, strict=True,
    )
    groups: dict[str, dict[str, list]] = {}
    for actor, actor_type, article_id, affiliation, role in columns:
        if not isinstance(actor, str):
            continue
        g = groups.setdefault(actor, {"type": [], "article": [], "affiliation": [], "role": []})
        g["type"].append(actor_type)
        g["article"].append(article_id)
        g["affiliation"].append(affiliation)
        g["role"].append(role)
    rows = []
    for actor, g in groups.items():
        actor_type = _mode(g["type"])
        table = index.rows.get(actor, {})
        if table.get("type") != actor_type:
            table = {}  # "Bush" the person is not the Egyptian city of that name
        days = [d for d in (dates.get(a) for a in g["article"]) if d is not None and not pd.isna(d)]
        rows.append({
            "actor": actor,
            "actor_type": actor_type,
            "affiliation": table.get("affiliation") or _mode(g["affiliation"]),
            "role": table.get("role") or _mode(g["role"]),
            "n_mentions": len(g["article"]),
            "n_articles": len(set(g["article"])),
            "first_date": min(days) if days else pd.NaT,
            "last_date": max(days) if days else pd.NaT,
        })
    frame = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    frame = frame.astype({"first_date": "datetime64[ns]", "last_date": "datetime64[ns]"})
    frame = frame.sort_values(["n_mentions", "n_articles", "actor"], ascending=[False, False, True])
    return frame.reset_index(drop=True)


LEVELS = {"sentence": "sent_id", "paragraph": "para_id", "article": None}


def cooccurrence(corpus, level: str = "sentence") -> pd.DataFrame:
    """Pairs of actors mentioned in the same sentence, paragraph or article.

    ``weight`` counts the units (sentences, paragraphs or articles) where both
    appear; ``n_articles`` the articles. Pairs are sorted (``actor_a`` <
    ``actor_b``); heaviest first.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {sorted(LEVELS)}, not {level!r}")
    mentions = corpus.mentions
    if mentions.empty:
        return pd.DataFrame(columns=COOCCURRENCE_COLUMNS)
    mentions = mentions[mentions["kind"] != "description"] if "kind" in mentions else mentions
    if level == "paragraph":
        mentions = mentions.merge(corpus.sentences[["article_id", "sent_id", "para_id"]],
                                  on=["article_id", "sent_id"], how="inner")
    unit = ["article_id"] + ([LEVELS[level]] if LEVELS[level] else [])
    if LEVELS[level] == "sent_id":
        mentions = mentions[mentions["sent_id"] >= 0]
    pairs = []
    for key, group in mentions.groupby(unit, sort=False):
        article = key[0] if isinstance(key, tuple) else key
        for a, b in itertools.combinations(sorted(set(group["actor"])), 2):
            pairs.append((a, b, article))
    if not pairs:
        return pd.DataFrame(columns=COOCCURRENCE_COLUMNS)
    frame = pd.DataFrame(pairs, columns=["actor_a", "actor_b", "article_id"])
    out = frame.groupby(["actor_a", "actor_b"]).agg(weight=("article_id", "size"),
                                                    n_articles=("article_id", "nunique")).reset_index()
    out = out.sort_values(["weight", "n_articles", "actor_a", "actor_b"], ascending=[False, False, True, True])
    return out.reset_index(drop=True)[COOCCURRENCE_COLUMNS]


def keyword_in_context(corpus, actor: str, width: int = 50) -> pd.DataFrame:
    """Every mention of ``actor`` with ``width`` characters of context on each side.

    Columns ``article_id``, ``start``, ``kind``, ``left``, ``mention``, ``right``
    (line breaks shown as spaces), in article order.
    """
    rows = corpus.mentions[corpus.mentions["actor"] == actor]
    texts = corpus.articles.set_index("article_id")["text"]
    out = []
    for row in rows.itertuples(index=False):
        text = texts[row.article_id]
        left = text[max(0, row.start - width):row.start].replace("\n", " ")
        right = text[row.end:row.end + width].replace("\n", " ")
        out.append((row.article_id, row.start, row.kind, left.rjust(width), text[row.start:row.end], right))
    return pd.DataFrame(out, columns=["article_id", "start", "kind", "left", "mention", "right"])


def surface_forms(mentions: pd.DataFrame) -> pd.DataFrame:
    """How each actor was written: ``actor``, ``kind``, ``text``, ``n_mentions``, most mentioned actors first."""
    if mentions.empty:
        return pd.DataFrame(columns=["actor", "kind", "text", "n_mentions"])
    forms = mentions.groupby(["actor", "kind", "text"]).size().rename("n_mentions").reset_index()
    total = forms.groupby("actor")["n_mentions"].transform("sum")
    forms = forms.assign(_total=total).sort_values(["_total", "actor", "n_mentions", "text"],
                                                   ascending=[False, True, False, True])
    return forms.drop(columns="_total").reset_index(drop=True)
