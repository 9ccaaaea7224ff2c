"""Actors: named-entity mentions resolved to canonical actors.

STUB: the actors issue fills this in. Contract used by the rest of the package:

- ``actor_table(actors_file=None) -> DataFrame`` (``actor``, ``type``, ``aliases``,
  ``affiliation``, ``role``): shipped CSV merged with the analyst's own.
- ``ruler_patterns(table) -> list[dict]``: entity-ruler patterns for :mod:`newsdesk.nlp`.
- ``mentions_from_doc(doc) -> DataFrame`` with ``MENTION_COLUMNS`` (offsets into doc.text).
- ``find_mentions(text) -> DataFrame``: the same for a bare text.
- ``actors_frame(mentions, articles) -> DataFrame`` with ``ACTOR_COLUMNS``.
- ``cooccurrence(corpus, level) -> DataFrame``.
"""

from __future__ import annotations

import pandas as pd

MENTION_COLUMNS = ["start", "end", "text", "label", "actor", "actor_type", "kind"]
ACTOR_COLUMNS = [
    "actor", "actor_type", "affiliation", "role", "n_mentions", "n_articles", "first_date", "last_date",
]


def actor_table(actors_file=None) -> pd.DataFrame:
    return pd.DataFrame(columns=["actor", "type", "aliases", "affiliation", "role"])


def ruler_patterns(table: pd.DataFrame) -> list[dict]:
    return []


def mentions_from_doc(doc) -> pd.DataFrame:
    rows = [(e.start_char, e.end_char, e.text, e.label_, e.text, e.label_, "name") for e in doc.ents
            if e.label_ in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def find_mentions(text: str) -> pd.DataFrame:
    from newsdesk.nlp import get_nlp

    return mentions_from_doc(get_nlp()(text))


def actors_frame(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(columns=ACTOR_COLUMNS)


def cooccurrence(corpus, level: str = "sentence") -> pd.DataFrame:
    return pd.DataFrame(columns=["actor_a", "actor_b", "weight", "n_articles"])
