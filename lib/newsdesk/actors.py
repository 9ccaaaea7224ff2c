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
- within an article a surname alone is the full name introduced with it, and a
  definite description ("the Ukrainian leader") is the person introduced with
  that affiliation and role;
- a demonym with an institution ("the Ukrainian air force") is an organisation of that state.

Corpus-level frames: :func:`actors_frame` (one row per actor, ``ACTOR_COLUMNS``) and
:func:`cooccurrence` (``actor_a``, ``actor_b``, ``weight``, ``n_articles``).
"""

from __future__ import annotations

import io
import itertools
import os
from collections import Counter
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
        if hit is None and len(text) > 3 and text[:1].isupper() and not text.isupper():
            hit = self.folded.get(text.casefold())
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
    costs a Token object): strings are slices of the doc's text (:func:`segment.doc_chars`, which
    the article's analysis reuses right after this component), flags come from one array."""

    #: dependency labels that may attach a title to the name after it (see :func:`_title_before`)
    TITLE_DEPS = frozenset(get_string_id(d) for d in ("compound", "amod", "nmod", "poss", "case"))
    APPOS = get_string_id("appos")  # the ids the arrays hold: a symbol's, not the string's hash
    CASE = get_string_id("case")
    ATTRS = [LOWER, IS_PUNCT, ENT_ID, DEP, HEAD, ORTH, SENT_START]

    def __init__(self, doc: Doc, roles: frozenset[str]):
        self.doc = doc
        self.roles = roles  # the lexicon's role nouns
        self.strings = doc.vocab.strings
        chars = segment.doc_chars(doc)
        self.chars, self.starts, self.ends = chars.text, chars.start_list, chars.end_list
        self.attrs = doc.to_array(self.ATTRS) if len(doc) else np.zeros((0, len(self.ATTRS)), dtype="uint64")
        self.lower_ids, self.punct, self.ent_ids = (self.attrs[:, k].tolist() for k in range(3))
        # HEAD holds the head's offset from the token, as an unsigned int: read back as signed
        heads = np.arange(len(self.attrs)) + self.attrs[:, 4].astype("int64")
        self.heads = heads.tolist()
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
    while end > start + 1 and (toks.text(end - 1) in _POSSESSIVE or toks.punct[end - 1]):
        end -= 1
    return start, end


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
    for ent in doc.ents:
        ent_start, ent_end, ent_label = ent.start, ent.end, ent.label_
        start, end = _trim(toks, ent_start, ent_end, person=ent_label == "PERSON")
        text = toks.span_text(start, end)
        hit = index.lookup(text)
        ent_id = _ent_id(toks, ent_start, ent_end)
        if hit is None and index.lookup(ent_id):
            hit = (ent_id, "alias")
        if hit and not ent_id and index.type_of(hit[0]) in GAZETTEER_TYPES and ent_label in {
                "PERSON", "ORG", "NORP"} and not (start > 0 and toks.lower(start - 1) in LOCATIVES):
            hit = None  # "Vladimir" the person, not the city, unless "in Vladimir"
        if hit:
            actor, kind = hit
            actor_type = index.type_of(actor)
            label = "NORP" if kind == "demonym" else TYPE_LABELS.get(actor_type, ent_label)
            row = index.rows[actor]
            out.append(_Mention(start, end, label, actor, actor_type, kind, row["role"], row["affiliation"]))
        elif all(toks.lower(i) in toks.roles for i in range(start, end)):
            continue  # "Treasurer" alone is a role, not a name
        elif ent_label in ACTOR_LABELS or ent_label == "WORK_OF_ART":
            out.append(_Mention(start, end, ent_label, text, LABEL_TYPES.get(ent_label, "place"), "name"))
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


def _people(doc: Doc, mentions: list[_Mention], index: ActorIndex, toks: _Tokens) -> list[_Mention]:
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
    full = {}
    for m in mentions:
        if m.actor_type == "person" and m.label == "PERSON" and m.kind != "description" and len(m.actor.split()) > 1:
            full.setdefault(m.actor.split()[-1], m)
    alone = Counter((toks.text(m.start), m.label == "PERSON") for m in mentions if m.end - m.start == 1)
    alone.update((m.actor.split()[-1], True) for m in mentions if m.label == "PERSON" and m.kind == "name")

    def is_person(surname: str, person: _Mention) -> bool:
        return bool(person.role) or index.type_of(person.actor) == "person" or (
            alone[(surname, True)] >= alone[(surname, False)])

    covered = {i for m in mentions for i in range(m.start, m.end)}
    for m in mentions if full else ():  # no full name, no surname to find
        text = toks.span_text(m.start, m.end)
        person = full.get(text)
        if person is None or m is person or m.actor == person.actor or m.kind == "demonym":
            continue
        if m.label == "PERSON" or is_person(text, person):
            m.actor, m.actor_type, m.label, m.kind = person.actor, "person", "PERSON", "alias"
    extra = []
    # only tokens spelled like a known surname can be one (found on the ORTH array, not Token by Token)
    surnames = [hash_string(name) for name in full]
    spelled = _indices_of(toks.attrs[:, 5], surnames)
    for tok in (doc[i] for i in spelled):
        person = full.get(tok.text)
        if (tok.i not in covered and person is not None and tok.is_title
                and tok.pos_ in {"PROPN", "NOUN", "VERB"} and is_person(tok.text, person)):
            extra.append(_Mention(tok.i, tok.i + 1, "PERSON", person.actor, "person", "alias"))
    for m in mentions + extra:
        if m.actor_type == "person":
            person = full.get(m.actor.split()[-1])
            if person is not None and person.actor == m.actor:
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


def _capitalised_words(doc: Doc, mentions: list[_Mention], words: frozenset[str]) -> None:
    """A lone English word the NER took for a person only because it opens a sentence ("Breakthrough
    hopes low") is no name: dropped unless the article names that person in full."""
    for m in mentions:
        if not (m.label == "PERSON" and m.kind == "name" and m.end - m.start == 1):
            continue
        tok = doc[m.start]
        if tok.is_sent_start and tok.lower_ in words and m.actor == tok.text:
            m.label = "DROP"


def _resolve(doc: Doc, index: ActorIndex, roles: frozenset[str], words: frozenset[str] = frozenset()) -> list[_Mention]:
    toks = _Tokens(doc, roles)
    mentions = _base_mentions(doc, index, toks)
    _regions(doc, mentions, index, toks)
    mentions += _people(doc, mentions, index, toks)
    mentions += _surnames(doc, mentions, index, toks)
    _capitalised_words(doc, mentions, words)
    mentions += _descriptions(doc, mentions, index, roles)
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


def _frame(doc: Doc, rows: list) -> pd.DataFrame:
    # One small frame per article adds up: built column by column from the stored rows, each with
    # its dtype, and the token offsets read once per doc. String columns get the dtype pandas would
    # infer for them (``str``; an empty or all-None column stays object).
    chars = segment.doc_chars(doc)
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

    :class:`newsdesk.Pipeline` fills it (``index``, ``roles``, ``words``, ``version``) when it
    builds its spaCy pipeline.
    """

    def __init__(self):
        self.index = ActorIndex()
        self.roles: frozenset[str] = frozenset()
        self.words: frozenset[str] = frozenset()
        self.version = ""

    def rows(self, doc: Doc) -> list[tuple]:
        """The doc's mentions as stored rows (:data:`_ROW_FIELDS`)."""
        return _rows(_resolve(doc, self.index, self.roles, self.words))

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[USER_DATA_KEY] = (self.version, self.rows(doc))
        return doc


@Language.factory("newsdesk_actors")
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    """The :class:`ActorResolver` component (its tables are set by :class:`newsdesk.Pipeline`)."""
    return ActorResolver()


def mentions_from_doc(doc: Doc, pipeline: Pipeline | None = None, *, actors_file: str | os.PathLike | None = None) -> pd.DataFrame:
    """Actor mentions of a parsed article (see the module docstring for the columns).

    Uses what the ``newsdesk_actors`` component resolved when the doc went
    through the spaCy pipeline, if that was ``pipeline``'s (or any, when
    ``pipeline`` is None); otherwise the doc is resolved again with
    ``pipeline``'s tables. ``actors_file`` is short for
    ``pipeline=Pipeline(actors=actors_file)``.
    """
    if actors_file:
        pipeline = _pipeline(actors_file)
    stored = doc.user_data.get(USER_DATA_KEY)
    if stored is not None and (pipeline is None or stored[0] == pipeline.version):
        rows = stored[1]
    else:
        rows = (pipeline or _pipeline()).resolver.rows(doc)
    return _frame(doc, rows)


def _pipeline(actors_file: str | os.PathLike | None = None):
    """``Pipeline(actors=actors_file)``, for the entry points that are not handed one."""
    # the pipeline is built on this module, not the other way round
    from newsdesk.pipeline import Pipeline

    return Pipeline(actors=actors_file)


def find_mentions(text: str, actors_file: str | os.PathLike | None = None, *, pipeline: Pipeline | None = None) -> pd.DataFrame:
    """Actor mentions in ``text``, with ``pipeline`` (by default ``Pipeline(actors=actors_file)``).

    >>> find_mentions("Moscow and Kyiv met in Geneva.")[["text", "actor", "actor_type"]]  # doctest: +SKIP
    """
    pipeline = pipeline or _pipeline(actors_file)
    return mentions_from_doc(pipeline.nlp(text), pipeline)


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
