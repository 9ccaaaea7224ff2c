"""The single analysis pass and its on-disk cache.

``analyze(articles)`` runs the shared spaCy pipeline once over every article
that is not cached yet and derives every frame from that one pass:

==============  ==========================================================
frame           one row per
==============  ==========================================================
articles        article (the loader's columns plus article-level tone)
paragraphs      paragraph (:mod:`newsdesk.segment`)
sentences       sentence, with VADER scores (:mod:`newsdesk.sentiment`)
mentions        actor mention (:mod:`newsdesk.actors`)
actors          canonical actor, aggregated over the corpus
quotes          quote with its speaker (:mod:`newsdesk.quotes`)
timexes         temporal expression (:mod:`newsdesk.timex`)
events          dated event (:mod:`newsdesk.events`)
==============  ==========================================================

Every row carries ``article_id`` and ``start``/``end`` offsets into that
article's ``text``; rows inside a sentence carry its ``sent_id``.

The cache holds the per-article frames as Parquet *shards* (one folder per
batch of articles, written to a temporary name and renamed into place, so a
killed run never leaves a half-written shard). Keys combine the article's
text and date with :func:`newsdesk.nlp.pipeline_version`, so changing the
code, the model or the actor table re-analyses, and adding one article
analyses only that one.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import itertools
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from threadpoolctl import ThreadpoolController
from tqdm import tqdm

from newsdesk import actors as actors_mod
from newsdesk import events as events_mod
from newsdesk import quotes as quotes_mod
from newsdesk import segment, sentiment, timex
from newsdesk.nlp import get_nlp, pipeline_version

#: Per-article frames, in the order the pass builds them (``tone`` is one row per article).
ARTICLE_FRAMES = ("paragraphs", "sentences", "mentions", "quotes", "timexes", "events", "tone")
SHARD_SIZE = 64
#: Articles per unit of work (one nlp.pipe batch, one task for a worker process). On Wikinews
#: articles spaCy takes about 5% less CPU in batches of 16 than of 8, and no less in larger ones.
CHUNK_SIZE = 16
PIPE_BATCH = 16
#: Seconds one article's analysis (after spaCy) may take before it is recorded as an error.
ARTICLE_TIMEOUT = 60
#: From this many new articles on, a second process pays for its start (Wikinews, 2 cores, cold runs of
#: ``bench_analyze.py --n-process 1`` vs ``2``: even at 16 articles, about 20% faster at 32 and 48, 20-30% at 64).
MULTIPROCESS_MIN_ARTICLES = 32


@dataclass
class Corpus:
    """The linked frames of an analysed set of articles (see the module docstring)."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    quotes: pd.DataFrame
    timexes: pd.DataFrame
    events: pd.DataFrame
    #: Files the loader could not use: ``path``, ``reason``.
    rejected: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["path", "reason"]))
    #: Articles whose analysis raised: ``article_id``, ``error``.
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["article_id", "error"]))
    #: ``analyzed`` (articles run through the pipeline now) and ``cached`` (read from the cache).
    stats: dict = field(default_factory=dict)

    FRAMES = ("articles", "paragraphs", "sentences", "mentions", "actors", "quotes", "timexes", "events")

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(getattr(self, name))}" for name in self.FRAMES)
        return f"Corpus({sizes})"

    def frames(self) -> dict[str, pd.DataFrame]:
        """All frames by name."""
        return {name: getattr(self, name) for name in self.FRAMES}

    def to_parquet(self, folder: str | os.PathLike) -> Path:
        """Write every frame as a Parquet dataset partitioned by the article's month.

        ``folder/<frame>/month=YYYY-MM/*.parquet`` (``month=undated`` for
        articles without a date), readable by :func:`read_corpus`, pandas,
        pyarrow or DuckDB (``read_parquet('folder/mentions/**/*.parquet',
        hive_partitioning=true)``) without loading the whole corpus.
        """
        folder = Path(folder)
        month = self.articles.set_index("article_id")["date"].dt.strftime("%Y-%m").fillna("undated")
        for name, frame in self.frames().items():
            target = folder / name
            shutil.rmtree(target, ignore_errors=True)
            frame = frame.assign(row_order=range(len(frame)))  # partitions do not keep row order
            frame.attrs = {}
            if "article_id" in frame.columns:
                frame["month"] = frame["article_id"].map(month).fillna("undated")
            else:  # actors: one row per actor across articles
                frame["month"] = "all"
            target.mkdir(parents=True)
            if frame.empty:  # no partitions to write; keep the columns
                frame.to_parquet(target / "empty.parquet", index=False)
            else:
                frame.to_parquet(target, partition_cols=["month"], index=False)
        pd.DataFrame(self.rejected).to_parquet(folder / "rejected.parquet", index=False)
        self.errors.to_parquet(folder / "errors.parquet", index=False)
        return folder


def read_corpus(folder: str | os.PathLike) -> Corpus:
    """Read a corpus written by :meth:`Corpus.to_parquet`, rows in their original order."""
    folder = Path(folder)
    frames = {}
    for name in Corpus.FRAMES:
        frame = pd.read_parquet(folder / name).drop(columns="month", errors="ignore")
        frames[name] = frame.sort_values("row_order").drop(columns="row_order").reset_index(drop=True)
    return Corpus(**frames, rejected=pd.read_parquet(folder / "rejected.parquet"),
                  errors=pd.read_parquet(folder / "errors.parquet"))


# --------------------------------------------------------------------------- the pass


def analyze_doc(article: dict, doc, coder: events_mod.EventCoder | None = None) -> dict[str, pd.DataFrame | dict]:
    """Every per-article frame from one article and its spaCy ``doc``.

    The frames carry ``sent_id`` but not yet ``article_id``, which
    :func:`analyze_chunk` adds to a whole chunk at once (a column inserted
    into each small frame cost more than some of the analysis); ``tone``, the
    article's one row, is a dict that becomes a frame per chunk too.
    """
    text, date = article["text"], article["date"]
    paras = segment.paragraphs(text)
    sents = sentiment.score_sentences(segment.sentences(doc, paras))
    mentions = actors_mod.mentions_from_doc(doc)
    mentions = sentiment.mentions_sentiment(doc, mentions)
    timexes = timex.find_timexes(text, date, doc=doc)
    quotes = quotes_mod.quotes_from_doc(doc, mentions)
    events = events_mod.events_from_doc(doc, sents, mentions, timexes, date, coder)
    tone = sentiment.article_tone(text, sents)
    frames = {
        "paragraphs": paras, "sentences": sents, "mentions": mentions, "quotes": quotes,
        "timexes": timexes, "events": events, "tone": tone,
    }
    for name, frame in frames.items():
        if name not in {"paragraphs", "tone"} and "sent_id" not in frame.columns and "start" in frame.columns:
            frame.insert(0, "sent_id", segment.sent_ids(frame["start"], sents))
    return frames


def _strings_as_str(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns holding only strings (or missing values) become ``str``, as Parquet gives them back.

    Applied to the assembled frames, so fresh and cached results have the same dtypes.
    """
    for col in frame.select_dtypes(include="object").columns:
        if pd.api.types.infer_dtype(frame[col], skipna=True) == "string":
            frame[col] = frame[col].astype("str")
    return frame


class ArticleTimeout(Exception):
    """An article's analysis ran past :data:`ARTICLE_TIMEOUT` seconds."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise ArticleTimeout after ``seconds`` (main thread of a Unix process only; elsewhere no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or not seconds:
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout(f"analysis took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def analyze_stream(todo: pd.DataFrame, actors_file=None):
    """Yield ``(article_id, frames, error)`` per article from one ``nlp.pipe`` pass.

    ``frames`` is :func:`analyze_doc`'s dict, or None when the article raised
    or ran past :data:`ARTICLE_TIMEOUT` (``error`` then says why); one bad
    article never stops the stream.
    """
    nlp = get_nlp(actors_file)
    coder = events_mod.EventCoder(events_mod.event_types_file(actors_file))
    records = todo.to_dict("records")
    docs = nlp.pipe((r["text"] for r in records), batch_size=PIPE_BATCH)
    for article, doc in zip(records, docs, strict=True):
        try:
            with _time_limit(ARTICLE_TIMEOUT):
                frames = analyze_doc(article, doc, coder)
        except Exception as exc:  # recorded in Corpus.errors; the rest continue
            yield article["article_id"], None, f"{type(exc).__name__}: {exc}"
        else:
            yield article["article_id"], frames, None


@functools.lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    """The process's BLAS thread pools, found once (a scan of every loaded library costs a few ms)."""
    return ThreadpoolController()


def analyze_chunk(todo: pd.DataFrame, actors_file=None) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Analyse a chunk of articles in this process: (frames concatenated by name, errors).

    The unit of work of the Dask engine; also usable with any other executor.
    """
    frames: dict[str, list] = {name: [] for name in ARTICLE_FRAMES}
    ids: dict[str, list] = {name: [] for name in ARTICLE_FRAMES}
    errors = []
    # One BLAS thread: the model's matrices are small (see nlp.MatmulOps) and a
    # large corpus is already spread over one process per core.
    with _blas().limit(limits=1, user_api="blas"):
        for article_id, got, error in analyze_stream(todo, actors_file):
            if error is not None:
                errors.append({"article_id": article_id, "error": error})
                continue
            for name in ARTICLE_FRAMES:
                frames[name].append(got[name])
                ids[name] += [article_id] * (1 if name == "tone" else len(got[name]))
    out = {}
    for name, parts in frames.items():
        frame = pd.DataFrame(parts) if name == "tone" and parts else _concat(parts)
        if "article_id" not in frame.columns:
            frame.insert(0, "article_id", pd.Series(ids[name], index=frame.index, dtype="str"))
        out[name] = frame
    return out, errors


def _chunk_results(todo: pd.DataFrame, actors_file, n_process: int, engine: str, client):
    """Yield :func:`analyze_chunk` results in order, computed here, in worker processes or on Dask."""
    chunks = [todo.iloc[lo:hi] for lo, hi in _chunk_bounds(len(todo), max(1, min(CHUNK_SIZE, SHARD_SIZE)), n_process)]
    if not chunks:
        return
    if engine == "dask":
        yield from _dask_results(chunks, actors_file, client)
    elif n_process > 1:
        # Workers run the whole per-article analysis, not just spaCy, and send back
        # small frames instead of Docs. One warm-up article loads the model and every
        # lazily loaded table here, so forked workers start with them in memory.
        analyze_chunk(pd.DataFrame([{"article_id": "warm-up", "text": "Officials in Paris said on Monday "
                                     "that \"talks\" went well.", "date": pd.NaT}]), actors_file)
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        # Objects that exist now (the model, the tables) move out of the garbage collector's
        # reach, so collections in the workers don't write to (and copy) the pages they share.
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=n_process, mp_context=context) as pool:
                yield from pool.map(analyze_chunk, chunks, itertools.repeat(actors_file))
        finally:
            gc.unfreeze()
    else:
        for chunk in chunks:
            yield analyze_chunk(chunk, actors_file)


def _chunk_bounds(n: int, size: int, n_process: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the chunks of ``n`` articles: ``size`` each, but the last
    ``n_process * size`` articles in quarter chunks, so the processes finish together
    instead of one waiting for the other's last full chunk."""
    tail = max(0, n - n_process * size) if n_process > 1 else n
    bounds = [(lo, min(lo + size, tail)) for lo in range(0, tail, size)]
    step = max(1, size // 4)
    return bounds + [(lo, min(lo + step, n)) for lo in range(tail, n, step)]


def _dask_results(chunks: list[pd.DataFrame], actors_file, client):
    from dask.distributed import Client, LocalCluster

    own = client is None
    if own:
        cluster = LocalCluster(n_workers=min(2, os.cpu_count() or 1), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = [client.submit(analyze_chunk, chunk, actors_file, pure=False) for chunk in chunks]
        for future in futures:  # in order, so the result does not depend on timing
            yield future.result()
            future.release()
    finally:
        if own:
            client.close()
            cluster.close()


# --------------------------------------------------------------------------- the cache


def cache_key(article: dict) -> str:
    """Key of one article's results: its text and date (the pipeline version is the folder)."""
    date = article["date"]
    date = "" if pd.isna(date) else pd.Timestamp(date).isoformat()
    return hashlib.sha1(f"{article['text']}\x00{date}".encode()).hexdigest()[:16]


def default_cache_dir() -> Path:
    """``$NEWSDESK_CACHE``, else ``.newsdesk-cache`` at the project root above the working folder."""
    env = os.environ.get("NEWSDESK_CACHE")
    if env:
        return Path(env)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").exists() or (folder / ".git").exists():
            return folder / ".newsdesk-cache"
    return here / ".newsdesk-cache"


def _cache_index(root: Path | None) -> pd.DataFrame:
    """``cache_key``, ``article_id``, ``shard`` of every complete shard under ``root``."""
    parts = []
    if root is not None and root.exists():
        for shard in sorted(root.iterdir()):
            index = shard / "index.parquet"
            if shard.name.startswith(".") or not index.exists():
                continue
            frame = pd.read_parquet(index)
            frame["shard"] = shard.name
            parts.append(frame)
    if not parts:
        return pd.DataFrame(columns=["cache_key", "article_id", "shard"])
    return pd.concat(parts, ignore_index=True).drop_duplicates("cache_key", keep="last")


def _write_shard(root: Path, keys: pd.DataFrame, frames: dict[str, list]) -> None:
    """Write one shard atomically: a temporary folder renamed into place."""
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        for name in ARTICLE_FRAMES:
            _concat(frames[name]).to_parquet(tmp / f"{name}.parquet", index=False)
        keys.to_parquet(tmp / "index.parquet", index=False)  # written last: marks the shard complete
        os.replace(tmp, root / f"shard-{uuid.uuid4().hex[:12]}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _shard_keys(article_ids: list[str], keys: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"cache_key": keys.loc[article_ids].to_numpy(), "article_id": article_ids})


def _read_shards(root: Path, index: pd.DataFrame) -> dict[str, list]:
    out: dict[str, list] = {name: [] for name in ARTICLE_FRAMES}
    for shard, rows in index.groupby("shard"):
        wanted = set(rows["article_id"])
        frames = {name: pd.read_parquet(root / shard / f"{name}.parquet") for name in ARTICLE_FRAMES}
        # Every article of a shard has its one tone row; usually all of them are wanted.
        whole = wanted.issuperset(frames["tone"]["article_id"].tolist())
        for name, frame in frames.items():
            out[name].append(frame if whole else frame[frame["article_id"].isin(wanted)])
    return out


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty] or frames[:1]
    if not frames:
        return pd.DataFrame({"article_id": pd.Series(dtype="str")})
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------- entry point


def analyze(
    articles: pd.DataFrame,
    *,
    actors: str | os.PathLike | None = None,
    cache: bool | str | os.PathLike = True,
    n_process: int | None = None,
    progress: bool = True,
    engine: str = "local",
    client=None,
) -> Corpus:
    """Analyse ``articles`` (from :func:`newsdesk.load_articles`) into a :class:`Corpus`.

    ``actors`` is the analyst's own actor table (``data/actors.csv``), added to
    the shipped one. ``cache=True`` keeps results in :func:`default_cache_dir`,
    a path moves it, ``False`` turns it off. Only articles without cached
    results go through spaCy, ``n_process`` processes at a time (by default
    one, or two cores' worth once there are enough new articles to pay).

    ``engine="dask"`` runs the same per-article analysis on a Dask cluster:
    ``client`` is a ``dask.distributed.Client`` (a real multi-machine cluster
    works the same way), or None for a local two-worker cluster. The result is
    the same Corpus as the local engine's.

    >>> corpus = analyze(load_articles("data/articles"))   # doctest: +SKIP
    >>> corpus.sentences[["sent_id", "compound"]].head()    # doctest: +SKIP
    """
    articles = articles.reset_index(drop=True)
    actors = actors or None  # "" from a notebook parameter means "none"
    if actors is not None and not Path(actors).exists():
        raise FileNotFoundError(f"actor table not found: {actors}")
    keys = pd.DataFrame({
        "cache_key": [cache_key(a) for a in articles[["text", "date"]].to_dict("records")],
        "article_id": articles["article_id"],
    })
    root = None
    if cache:
        base = default_cache_dir() if cache is True else Path(cache)
        root = base / pipeline_version(actors)
    index = _cache_index(root)
    cached = index[index["cache_key"].isin(keys["cache_key"])]
    todo_mask = ~keys["cache_key"].isin(cached["cache_key"])
    todo = articles[todo_mask.to_numpy()]

    if engine not in {"local", "dask"}:
        raise ValueError("engine must be 'local' or 'dask'")
    if n_process is None:
        n_process = min(2, os.cpu_count() or 1) if len(todo) >= MULTIPROCESS_MIN_ARTICLES else 1
    parts = _read_shards(root, cached) if root is not None and len(cached) else {n: [] for n in ARTICLE_FRAMES}
    errors: list[dict] = []
    bar = tqdm(total=len(todo), desc="newsdesk", unit="article", file=sys.stderr, disable=not progress)
    bar.set_postfix_str(f"{len(cached)} from cache")
    todo_keys = keys[todo_mask.to_numpy()].set_index("article_id")["cache_key"]
    pending: dict[str, list] = {n: [] for n in ARTICLE_FRAMES}
    pending_ids: list[str] = []
    for frames, errs in _chunk_results(todo, actors, n_process, engine, client):
        errors += errs
        done = frames["tone"]["article_id"].tolist() if "article_id" in frames["tone"] else []
        for name in ARTICLE_FRAMES:
            pending[name].append(frames[name])
            parts[name].append(frames[name])
        pending_ids += done
        if root is not None and len(pending_ids) >= SHARD_SIZE:
            _write_shard(root, _shard_keys(pending_ids, todo_keys), pending)
            pending, pending_ids = {n: [] for n in ARTICLE_FRAMES}, []
        bar.update(len(done) + len(errs))
    if root is not None and pending_ids:
        _write_shard(root, _shard_keys(pending_ids, todo_keys), pending)
    bar.close()
    return build_corpus(articles, parts, errors, stats={"analyzed": len(todo), "cached": len(cached)})


def _empty_columns() -> dict[str, list[str]]:
    """Each per-article frame's documented columns, for a corpus where it has no rows at all."""
    inner = ["article_id", "sent_id"]
    return {
        "paragraphs": ["article_id", *segment.PARAGRAPH_COLUMNS],
        "sentences": ["article_id", *segment.SENTENCE_COLUMNS],
        "mentions": inner + actors_mod.MENTION_COLUMNS,
        "quotes": inner + quotes_mod.QUOTE_COLUMNS,
        "timexes": inner + timex.TIMEX_COLUMNS,
        "events": ["article_id", *events_mod.EVENT_COLUMNS],
        "tone": ["article_id"],
    }


def build_corpus(articles: pd.DataFrame, parts: dict[str, list], errors: list[dict], stats: dict) -> Corpus:
    """Assemble the corpus frames from per-article pieces, sorted for stable output."""
    frames = {name: _strings_as_str(_concat(parts[name])) for name in ARTICLE_FRAMES}
    for name, columns in _empty_columns().items():
        if frames[name].empty:
            frames[name] = frames[name].reindex(columns=list(dict.fromkeys([*columns, *frames[name].columns])))
    tone = frames.pop("tone")
    arts = articles.drop(columns=[c for c in tone.columns if c != "article_id"], errors="ignore")
    if len(tone.columns) > 1:
        arts = arts.merge(tone, on="article_id", how="left")
    order = {aid: i for i, aid in enumerate(arts["article_id"])}
    for name, frame in frames.items():
        if frame.empty and "article_id" not in frame:
            continue
        sort = [c for c in ("start", "end") if c in frame.columns]
        frame = frame[frame["article_id"].isin(order)]
        frame = frame.assign(_o=frame["article_id"].map(order)).sort_values(["_o", *sort], kind="stable")
        frames[name] = frame.drop(columns="_o").reset_index(drop=True)
    corpus = Corpus(
        articles=arts,
        actors=actors_mod.actors_frame(frames["mentions"], arts),
        rejected=articles.attrs.get("rejected", pd.DataFrame(columns=["path", "reason"])),
        errors=pd.DataFrame(errors, columns=["article_id", "error"]),
        stats=stats,
        **frames,
    )
    return corpus
