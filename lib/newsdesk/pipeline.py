"""The analysis pipeline: one object owns everything the steps of the pass share.

>>> pipe = Pipeline(actors="data/actors.csv")          # doctest: +SKIP
>>> corpus = nd.analyze(articles, pipeline=pipe)        # doctest: +SKIP

A :class:`Pipeline` reads its tables once, when it is made, and builds
everything it hands out from those contents:

=============  =================================================================
attribute      what
=============  =================================================================
nlp            the spaCy pipeline (:func:`newsdesk.nlp.load_model`) with the
               actor ruler and resolver filled from ``actor_table``
actor_table    the shipped actor table with the analyst's rows over it (the
               analyst's row of an actor replaces the shipped one)
actor_index    :class:`newsdesk.actors.ActorIndex` of ``actor_table``
lexicon        :class:`newsdesk.lexicon.Lexicon`: role nouns, cue verbs, event
               nouns, sentiment verbs
event_coder    :class:`newsdesk.events.EventCoder`: PLOVER verb and noun tables,
               with the analyst's ``event_types.csv`` (beside their actor table) on top
vader          :class:`newsdesk.sentiment.Vader`, the sentence scorer
target_model   the target-sentiment weights (``data/target_sentiment.npz``)
version        12 hex digits over the code (package version and a hash of the
               library's source), the model (name and version) and the
               *contents* of every table read; the disk cache is keyed by it
=============  =================================================================

An edited table therefore gives a new version and new results as soon as a
new Pipeline is made (``nd.analyze`` makes one per call unless handed one).
Loading the model takes seconds, so pipelines built from the same contents
share their parts (:data:`MAX_SHARED` sets of them are kept, keyed by version,
never by path). Sent to another process (``n_process=2``, Dask), a Pipeline
travels as its recipe, the model name and the tables' contents, and is rebuilt
from those, never from a path whose file may have changed since.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib.metadata
import os
from collections import OrderedDict
from pathlib import Path

import pandas as pd

from newsdesk import actors, events, lexicon, nlp, sentiment

#: Names of the tables in :attr:`Pipeline.tables`: the shipped ones, then the analyst's actor table.
SHIPPED_ACTORS = "actors.csv"
TARGET_WEIGHTS = "target_sentiment.npz"
ANALYST_ACTORS = "analyst/actors.csv"
ANALYST_EVENT_TYPES = "analyst/event_types.csv"
#: Sets of built parts (spaCy pipeline, indexes) kept for reuse, the most recently used ones.
MAX_SHARED = 3
#: Packages whose versions change what the pass computes.
_PACKAGES = ("spacy", "nltk", "vaderSentiment", "numpy", "pandas")


@functools.cache
def code_version() -> str:
    """The package version, its dependencies' versions and a hash of the library's source.

    Hashed once per process on purpose: an edit on disk does not change the
    code a running process has already imported.
    """
    from newsdesk import __version__

    h = hashlib.sha1(f"newsdesk {__version__}".encode())
    for name in _PACKAGES:
        h.update(f"{name} {importlib.metadata.version(name)}".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def read_tables(actors_file: str | os.PathLike | None = None) -> dict[str, bytes]:
    """The contents of every table a pipeline reads, by name: the shipped actor table, the
    lexicon's and the event coder's tables, the target-sentiment weights, ``actors_file`` (as
    :data:`ANALYST_ACTORS`) and the analyst's ``event_types.csv`` beside it (as
    :data:`ANALYST_EVENT_TYPES`)."""
    tables = {SHIPPED_ACTORS: actors.SHIPPED_TABLE.read_bytes(), **lexicon.read_tables(), **events.read_tables()}
    if sentiment.MODEL_FILE.exists():
        tables[TARGET_WEIGHTS] = sentiment.MODEL_FILE.read_bytes()
    if actors_file:
        tables[ANALYST_ACTORS] = Path(actors_file).read_bytes()
        own_types = events.event_types_file(actors_file)
        if own_types is not None:
            tables[ANALYST_EVENT_TYPES] = own_types.read_bytes()
    return tables


def _version(model: str, tables: dict[str, bytes]) -> str:
    h = hashlib.sha1(f"{code_version()}\x00{model}\x00{nlp.model_version(model)}".encode())
    for name in sorted(tables):
        h.update(f"\x00{name}\x00{len(tables[name])}\x00".encode())
        h.update(tables[name])
    return h.hexdigest()[:12]


class _Parts:
    """What a pipeline builds from its tables, each part when first asked for."""

    def __init__(self, model: str, tables: dict[str, bytes], version: str):
        self.model, self.tables, self.version = model, tables, version

    @functools.cached_property
    def actor_table(self) -> pd.DataFrame:
        return actors.merged_table(self.tables[SHIPPED_ACTORS], self.tables.get(ANALYST_ACTORS))

    @functools.cached_property
    def actor_index(self) -> actors.ActorIndex:
        with _no_collection():
            return actors.ActorIndex.from_table(self.actor_table)

    @functools.cached_property
    def lexicon(self) -> lexicon.Lexicon:
        return lexicon.Lexicon.from_tables(self.tables)

    @functools.cached_property
    def event_coder(self) -> events.EventCoder:
        with _no_collection():  # (as for nlp) a full collection here took 0.16 s of a 0.2 s build
            return events.EventCoder(tables=self.tables, own=self.tables.get(ANALYST_EVENT_TYPES),
                                     date_nouns=self.lexicon.event_nouns)

    @functools.cached_property
    def vader(self) -> sentiment.Vader:
        return sentiment.Vader()

    @functools.cached_property
    def target_model(self):
        return sentiment.load_model(self.tables.get(TARGET_WEIGHTS))

    @functools.cached_property
    def nlp(self):
        with _no_collection():
            return self._build_nlp()

    def _build_nlp(self):
        model = nlp.load_model(self.model)
        table = self.actor_table
        gazetteer = table["type"].isin(actors.GAZETTEER_TYPES)
        words = actors.english_words(model)
        ruler = model.add_pipe("newsdesk_ruler", after="ner")
        ruler.words, ruler.before, ruler.after = words, actors.LOCATIVES, actors.REGION_NOUNS
        ruler.add_patterns(actors.ruler_patterns(table[~gazetteer]))
        ruler.add_patterns(actors.ruler_patterns(table[gazetteer]), gazetteer=True)
        resolver = model.add_pipe("newsdesk_actors", last=True)
        resolver.index, resolver.roles, resolver.words = self.actor_index, self.lexicon.role_nouns, words
        resolver.org_cues = self.lexicon.org_cues
        resolver.version = self.version
        return model


@contextlib.contextmanager
def _no_collection():
    """No garbage collection while the model loads: it makes objects by the hundred thousand, and each
    full collection they set off walks every object of the process (after spaCy's and nltk's imports,
    one took 0.17 s of the 0.75 s load); what load leaves as garbage is collected afterwards.
    A threshold, not ``gc.disable()``: srsly's msgpack reader turns collection back on as it ends."""
    thresholds = gc.get_threshold()
    gc.set_threshold(10**9, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


# Parts by version: pipelines made from the same contents share one model in memory.
_SHARED: OrderedDict[str, _Parts] = OrderedDict()


def _shared_parts(model: str, tables: dict[str, bytes], version: str) -> _Parts:
    parts = _SHARED.pop(version, None) or _Parts(model, tables, version)
    _SHARED[version] = parts
    while len(_SHARED) > MAX_SHARED:
        _SHARED.popitem(last=False)
    return parts


class Pipeline:
    """The spaCy pipeline, actor table, lexicons and weights of one analysis (see the module docstring).

    ``actors`` is the analyst's own actor table (``data/actors.csv``), merged
    over the shipped one; ``model`` a spaCy model name (by default
    :func:`newsdesk.nlp.model_name`). Both are read now: later edits of the
    files need a new Pipeline.

    >>> Pipeline().lexicon.cue_verbs["say"]
    'speech'
    """

    def __init__(self, actors: str | os.PathLike | None = None, *, model: str | None = None):
        if actors is not None and not isinstance(actors, (str, os.PathLike)):
            raise TypeError(f"actors must be a path to a CSV file or None, not {type(actors).__name__}")
        if actors and not Path(actors).is_file():
            raise FileNotFoundError(f"actor table not found: {actors}")
        self._set(model or nlp.model_name(), read_tables(actors or None), str(actors) if actors else None)

    def _set(self, model: str, tables: dict[str, bytes], actors_name: str | None) -> None:
        self.model = model
        #: the path the analyst's actor table was read from (for display; its contents are in ``tables``)
        self.actors = actors_name
        #: the contents of every table read, by name (see :func:`read_tables`)
        self.tables = tables
        self.version = _version(model, tables)
        self._parts = _shared_parts(model, tables, self.version)

    @classmethod
    def from_tables(cls, tables: dict[str, bytes], *, model: str | None = None,
                    actors: str | None = None) -> Pipeline:
        """The pipeline of tables' contents (as :attr:`tables` holds them), read from no file."""
        pipeline = cls.__new__(cls)
        pipeline._set(model or nlp.model_name(), dict(tables), actors)
        return pipeline

    def __reduce__(self):
        # To another process as its recipe: the contents, never a path that may have changed.
        return (_rebuild, (self.model, self.tables, self.actors))

    def __repr__(self) -> str:
        return f"Pipeline(actors={self.actors!r}, model={self.model!r}, version={self.version!r})"

    @property
    def nlp(self):
        """The spaCy ``Language`` (loaded on first use)."""
        return self._parts.nlp

    def parse(self, text: str):
        """``nlp(text)``, or for a text longer than spaCy's ``max_length`` one Doc parsed in pieces
        (:func:`newsdesk.corpus.parse_in_pieces`, as ``analyze`` does)."""
        if len(text) <= self.nlp.max_length:
            return self.nlp(text)
        from newsdesk.corpus import parse_in_pieces  # the pass is built on this module

        return parse_in_pieces(self.nlp, text)

    @property
    def actor_table(self) -> pd.DataFrame:
        """The merged actor table (:func:`newsdesk.actors.actor_table`'s columns); do not modify it."""
        return self._parts.actor_table

    @property
    def actor_index(self) -> actors.ActorIndex:
        return self._parts.actor_index

    @property
    def lexicon(self) -> lexicon.Lexicon:
        return self._parts.lexicon

    @property
    def event_coder(self) -> events.EventCoder:
        """The PLOVER event coder (built on first use)."""
        return self._parts.event_coder

    @property
    def vader(self) -> sentiment.Vader:
        return self._parts.vader

    @property
    def target_model(self):
        """The target-sentiment classifier, or None when the weights file is missing."""
        return self._parts.target_model

    @property
    def resolver(self) -> actors.ActorResolver:
        """The ``newsdesk_actors`` component of :attr:`nlp`."""
        return self.nlp.get_pipe("newsdesk_actors")


def _rebuild(model: str, tables: dict[str, bytes], actors_name: str | None) -> Pipeline:
    return Pipeline.from_tables(tables, model=model, actors=actors_name)
