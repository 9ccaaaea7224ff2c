"""Lexicon: the word lists the rules read, each kept once in ``lib/newsdesk/data/*.csv``.

==================  ===================  =====================================================
attribute           table (columns)      used by
==================  ===================  =====================================================
role_nouns          role_nouns.csv       actors: titles and appositions that give a role
                    (noun, title=1)      ("Finance Minister X"), words trimmed off a name
speaker_roles       role_nouns.csv       quotes: "the senator said" stands for a person
                    (noun, speaker=1)
cue_verbs           cue_verbs.csv        quotes: reporting verbs and phrases -> kind
                    (cue, kind)          (speech, thought, phrase)
reporting_verbs     cue_verbs.csv        target sentiment: the subject of "said" is the
                    (cue, reporting=1)   speaker, not the target of what is said
addressee_cues      cue_verbs.csv        quotes: the name after "told" is spoken to, not
                    (cue, addressee=1)   the speaker
event_nouns         event_nouns.csv      events: nouns that name an event ("talks")
sentiment_verbs     sentiment_verbs.csv  target sentiment: lemma -> (class, sign toward the
                    (lemma, class, ...)  agent, sign toward the patient)
org_cues            org_cues.csv         actors: words that show a name is an organisation's,
                    (cue, where)         by where they stand (head, prefix, after, before, plural)
==================  ===================  =====================================================

A :class:`Lexicon` is built from the tables' *contents* (bytes), so the
:class:`newsdesk.Pipeline` that reads them can hash exactly what it parsed and
hand the same contents to worker processes.

>>> "say" in load().cue_verbs
True
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
#: The tables a Lexicon reads, by file name.
TABLES = ("role_nouns.csv", "cue_verbs.csv", "event_nouns.csv", "sentiment_verbs.csv", "org_cues.csv")


def _rows(data: bytes) -> list[dict[str, str]]:
    """Rows of a CSV table; lines starting with ``#`` are comments."""
    lines = [line for line in data.decode("utf-8-sig").splitlines() if not line.lstrip().startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _words(cue: str) -> str:
    """A cue as the lower-case words it is matched on: a hyphen is a word ("-led" -> "- led")."""
    return " ".join(cue.strip().lower().replace("-", " - ").split())


def _flag(value: str | None) -> bool:
    return (value or "").strip() in {"1", "true", "True", "yes"}


@dataclass(frozen=True)
class Lexicon:
    """The word lists of one set of tables (see the module docstring)."""

    role_nouns: frozenset[str]
    speaker_roles: frozenset[str]
    cue_verbs: Mapping[str, str]
    reporting_verbs: frozenset[str]
    addressee_cues: frozenset[str]
    event_nouns: frozenset[str]
    sentiment_verbs: Mapping[str, tuple[str, int, int]]
    org_cues: Mapping[str, frozenset[str]]  # where -> cues ("head", "prefix", "after", "before", "plural")

    @classmethod
    def from_tables(cls, tables: Mapping[str, bytes]) -> Lexicon:
        """The lexicon of tables given by file name (:data:`TABLES`) and contents."""
        roles = _rows(tables["role_nouns.csv"])
        cues = _rows(tables["cue_verbs.csv"])
        cue_kinds = {r["cue"].strip().lower(): r["kind"].strip() for r in cues}
        verbs = _rows(tables["sentiment_verbs.csv"])
        org = _rows(tables["org_cues.csv"])
        return cls(
            role_nouns=frozenset(r["noun"].strip().lower() for r in roles if _flag(r.get("title"))),
            speaker_roles=frozenset(r["noun"].strip().lower() for r in roles if _flag(r.get("speaker"))),
            cue_verbs=cue_kinds,
            reporting_verbs=frozenset(r["cue"].strip().lower() for r in cues if _flag(r.get("reporting"))),
            addressee_cues=frozenset(r["cue"].strip().lower() for r in cues if _flag(r.get("addressee"))),
            event_nouns=frozenset(r["noun"].strip().lower() for r in _rows(tables["event_nouns.csv"])),
            sentiment_verbs={r["lemma"]: (r["class"], int(r["agent"]), int(r["patient"])) for r in verbs},
            org_cues={where: frozenset(_words(r["cue"]) for r in org if r["where"].strip() == where)
                      for where in ("head", "prefix", "after", "before", "plural")},
        )


def read_tables(folder: str | os.PathLike = DATA) -> dict[str, bytes]:
    """The contents of the lexicon's tables in ``folder``, by file name."""
    return {name: (Path(folder) / name).read_bytes() for name in TABLES}


def load(folder: str | os.PathLike = DATA) -> Lexicon:
    """The :class:`Lexicon` of the tables in ``folder`` (the shipped ones by default), read now."""
    return Lexicon.from_tables(read_tables(folder))
