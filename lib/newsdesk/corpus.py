"""The single analysis pass and its on-disk cache.

``analyze(articles, pipeline)`` runs the :class:`newsdesk.Pipeline`'s spaCy
pipeline once over every article that is not cached yet and derives every
frame from that one pass:

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
text and date with the pipeline's ``version``, so changing the code, the
model or the contents of a table re-analyses, and adding one article
analyses only that one. A run of up to :data:`SHARD_SIZE` articles caches
each chunk as it completes (a longer one every ``SHARD_SIZE`` articles or
:data:`FLUSH_SECONDS`), and merges the small shards at its end. A shard that
cannot be read (a truncated file) is renamed ``.damaged-*``, its articles
analysed again, with one warning.

An article longer than spaCy's ``max_length`` is parsed in pieces cut at
paragraph breaks (:func:`parse_in_pieces`), its rows as for any article.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import itertools
import json
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from threadpoolctl import ThreadpoolController
from tqdm.auto import tqdm  # a bar widget in notebooks, text in a terminal

from newsdesk import actors as actors_mod
from newsdesk import events as events_mod
from newsdesk import quotes as quotes_mod
from newsdesk import segment, sentiment, timex
from newsdesk.docview import DocView
from newsdesk.pipeline import Pipeline

log = logging.getLogger(__name__)

#: Per-article frames, in the order the pass builds them (``tone`` is one row per article).
ARTICLE_FRAMES = ("paragraphs", "sentences", "mentions", "quotes", "timexes", "events", "tone")
SHARD_SIZE = 64
#: A run caches what it has done at least this often (seconds), even between full shards.
FLUSH_SECONDS = 30
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

        ``folder`` may hold other files: only what an earlier call wrote (listed in
        ``folder/newsdesk-manifest.json``) is replaced, and only once the new output is
        complete (written beside it in a staging folder). A name taken by anything else
        raises FileExistsError before anything is written.
        """
        folder = Path(folder)
        if folder.exists() and not folder.is_dir():
            raise FileExistsError(f"{folder} is a file, not a folder; to_parquet writes a folder")
        folder.mkdir(parents=True, exist_ok=True)
        outputs = [*self.FRAMES, "rejected.parquet", "errors.parquet"]
        owned = _manifest_files(folder)
        taken = [msg for name in outputs if (msg := _not_ours(folder, name, owned))]
        if taken:
            raise FileExistsError("to_parquet would replace files it did not write; move them or choose another "
                                  "folder (an older newsdesk wrote no manifest: remove its output yourself):\n  "
                                  + "\n  ".join(taken))
        staging = folder / f".newsdesk-staging-{uuid.uuid4().hex[:12]}"
        old = folder / f".newsdesk-old-{uuid.uuid4().hex[:12]}"
        try:
            self._write_parquet(staging)
            written = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
            old.mkdir()
            for name in outputs:  # the swap: earlier output set aside, the new one renamed in
                if (folder / name).exists() or (folder / name).is_symlink():
                    os.replace(folder / name, old / name)
                os.replace(staging / name, folder / name)
            manifest = staging / MANIFEST
            manifest.write_text(json.dumps({"written_by": "newsdesk Corpus.to_parquet", "files": written},
                                           indent=1), encoding="utf-8")
            os.replace(manifest, folder / MANIFEST)
        finally:  # both hold only newsdesk's own output
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(old, ignore_errors=True)
        return folder

    def _write_parquet(self, folder: Path) -> None:
        month = self.articles.set_index("article_id")["date"].dt.strftime("%Y-%m").fillna("undated")
        for name, frame in self.frames().items():
            target = folder / name
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


#: Lists the files :meth:`Corpus.to_parquet` wrote into a folder, so that a later call replaces only those.
MANIFEST = "newsdesk-manifest.json"


def _manifest_files(folder: Path) -> set[str]:
    """Files (relative POSIX paths) the manifest of ``folder`` says newsdesk wrote; none when absent or unreadable."""
    try:
        files = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {f for f in files if isinstance(f, str)}


def _not_ours(folder: Path, name: str, owned: set[str]) -> str | None:
    """Why ``folder/name`` may not be replaced, or None when it is absent or all newsdesk's own output."""
    path = folder / name
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink():
        return f"{path} is a link"
    if path.is_file():
        return None if name in owned else f"{path} is a file newsdesk did not write"
    foreign = [p for p in path.rglob("*") if not p.is_dir() and p.relative_to(folder).as_posix() not in owned]
    if foreign:
        return f"{path}/ holds files newsdesk did not write ({', '.join(str(p.relative_to(path)) for p in foreign[:3])})"
    if not any(f.startswith(name + "/") for f in owned):
        return f"{path}/ is a folder newsdesk did not write (not in {MANIFEST})"
    return None


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


def analyze_doc(article: dict, doc, pipeline: Pipeline) -> dict[str, pd.DataFrame | dict]:
    """Every per-article frame from one article and its spaCy ``doc`` (made by ``pipeline.nlp``).

    One :class:`~newsdesk.docview.DocView` of ``doc`` is built here and handed to every extractor:
    each is a function of (view, pipeline, earlier frames) -> frame.

    The frames carry ``sent_id`` but not yet ``article_id``, which
    :func:`analyze_chunk` adds to a whole chunk at once (a column inserted
    into each small frame cost more than some of the analysis); ``tone``, the
    article's one row, is a dict that becomes a frame per chunk too.
    """
    text, date = article["text"], article["date"]
    view = DocView(doc)  # read once; every extractor below walks it rather than the Doc
    paras = segment.paragraphs(text)
    sents = sentiment.score_sentences(segment.sentences(view, paras), pipeline)
    mentions = actors_mod.mentions_from_doc(view, pipeline)
    mentions = sentiment.mentions_sentiment(view, mentions, pipeline)
    timexes = timex.find_timexes(text, date, doc=view)
    quotes = quotes_mod.quotes_from_doc(view, mentions, pipeline)
    events = events_mod.events_from_doc(view, sents, mentions, timexes, date, pipeline)
    tone = sentiment.article_tone(text, sents, pipeline)
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
    """Raise ArticleTimeout after ``seconds``: by SIGALRM in the main thread of a Unix process, else
    (a Dask worker's thread, Windows) from a timer thread, see :func:`_thread_time_limit`."""
    if not seconds:
        yield
        return
    if not (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()):
        with _thread_time_limit(seconds):
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


@contextlib.contextmanager
def _thread_time_limit(seconds: float):
    """Raise ArticleTimeout in this thread after ``seconds``, from a timer thread.

    The exception is raised at the thread's next Python instruction (CPython's
    ``PyThreadState_SetAsyncExc``), so a long call into C (spaCy's parser) finishes first;
    the analysis after spaCy, where the time limit is meant to act, is Python.
    """
    import ctypes

    message = f"analysis took longer than {seconds:g} s"
    timeout = type("ArticleTimeout", (ArticleTimeout,), {"__init__": lambda self: Exception.__init__(self, message)})
    thread, lock, active = threading.get_ident(), threading.Lock(), [True]

    def expire():
        with lock:
            if active[0]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(timeout))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            active[0] = False
        timer.cancel()


def analyze_stream(todo: pd.DataFrame, pipeline: Pipeline):
    """Yield ``(article_id, frames, error)`` per article from one ``nlp.pipe`` pass.

    ``frames`` is :func:`analyze_doc`'s dict, or None when the article raised
    or ran past :data:`ARTICLE_TIMEOUT` (``error`` then says why); one bad
    article never stops the stream.
    """
    nlp = pipeline.nlp
    records = todo.to_dict("records")
    # An article longer than spaCy accepts takes the place of an empty text in the batch and is
    # parsed apart, in pieces (see parse_in_pieces).
    docs = nlp.pipe((r["text"] if len(r["text"]) <= nlp.max_length else "" for r in records), batch_size=PIPE_BATCH)
    for article, doc in zip(records, docs, strict=True):
        try:
            if len(article["text"]) > nlp.max_length:
                doc = pipeline.parse(article["text"])
            # the limit grows with the length, so a long transcript is not cut short like a stuck one
            with _time_limit(ARTICLE_TIMEOUT * max(1.0, len(article["text"]) / PIECE_CHARS)):
                frames = analyze_doc(article, doc, pipeline)
        except Exception as exc:  # recorded in Corpus.errors; the rest continue
            yield article["article_id"], None, f"{type(exc).__name__}: {exc}"
        else:
            yield article["article_id"], frames, None


#: Longest piece of an article longer than spaCy's ``max_length`` (spaCy's parser needs about 1 GB
#: of memory per 100,000 characters).
PIECE_CHARS = 100_000


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters that join back into it:
    at paragraph breaks, else (inside a paragraph longer than ``size``) after the last sentence
    end, else after the last space, else anywhere."""
    out, lo = [], 0
    while len(text) - lo > size:
        window = text[lo:lo + size]
        for sep in ("\n\n", ". ", " "):
            cut = window.rfind(sep)
            if cut > 0:
                cut += len(sep)
                break
        else:
            cut = size
        out.append(text[lo:lo + cut])
        lo += cut
    out.append(text[lo:])
    return out


def parse_in_pieces(nlp, text: str, size: int | None = None):
    """One Doc of ``text`` (of any length) parsed in :func:`pieces` of at most ``size`` characters
    (default :data:`PIECE_CHARS`, or ``nlp.max_length`` if lower): offsets, sentences and mentions
    as if parsed at once, except that nothing (a sentence, a name's resolution) spans two pieces."""
    from spacy.tokens import Doc

    size = size or min(PIECE_CHARS, nlp.max_length)
    docs = list(nlp.pipe(pieces(text, size), batch_size=1))
    rows, offset, version = [], 0, None
    for doc in docs:  # the actor component's mentions (version, rows by token), shifted to the whole doc
        got = doc.user_data.pop(actors_mod.USER_DATA_KEY, None)
        if got is not None:
            version = got[0]
            rows += [(start + offset, end + offset, *rest) for start, end, *rest in got[1]]
        offset += len(doc)
    whole = Doc.from_docs(docs, ensure_whitespace=False)
    if version is not None:
        whole.user_data[actors_mod.USER_DATA_KEY] = (version, rows)
    return whole


@functools.lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    """The process's BLAS thread pools, found once (a scan of every loaded library costs a few ms)."""
    return ThreadpoolController()


def analyze_chunk(todo: pd.DataFrame, pipeline: Pipeline) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Analyse a chunk of articles in this process: (frames concatenated by name, errors).

    The unit of work of the Dask engine; also usable with any other executor
    (``pipeline`` pickles as its tables' contents and is rebuilt from them).
    """
    frames: dict[str, list] = {name: [] for name in ARTICLE_FRAMES}
    ids: dict[str, list] = {name: [] for name in ARTICLE_FRAMES}
    errors = []
    # One BLAS thread: the model's matrices are small (see nlp.MatmulOps) and a
    # large corpus is already spread over one process per core.
    with _blas().limit(limits=1, user_api="blas"):
        for article_id, got, error in analyze_stream(todo, pipeline):
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


def _chunk_results(todo: pd.DataFrame, pipeline: Pipeline, n_process: int, engine: str, client):
    """Yield :func:`analyze_chunk` results in order, computed here, in worker processes or on Dask."""
    chunks = [todo.iloc[lo:hi] for lo, hi in _chunk_bounds(len(todo), max(1, min(CHUNK_SIZE, SHARD_SIZE)), n_process)]
    if not chunks:
        return
    if engine == "dask":
        yield from _dask_results(chunks, pipeline, client)
    elif n_process > 1:
        # Workers run the whole per-article analysis, not just spaCy, and send back
        # small frames instead of Docs. One warm-up article loads the model and every
        # lazily loaded table here, so forked workers start with them in memory.
        analyze_chunk(pd.DataFrame([{"article_id": "warm-up", "text": "Officials in Paris said on Monday "
                                     "that \"talks\" went well.", "date": pd.NaT}]), pipeline)
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        # Workers get the pipeline as its tables' contents (see Pipeline.__reduce__) and find the
        # parts built from them in the memory they share with this process.
        # Objects that exist now (the model, the tables) move out of the garbage collector's
        # reach, so collections in the workers don't write to (and copy) the pages they share.
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=n_process, mp_context=context,
                                     initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
                yield from pool.map(analyze_chunk, chunks, itertools.repeat(pipeline))
        finally:
            gc.unfreeze()
    else:
        # As for the workers: once the model is loaded, what exists moves out of the garbage collector's
        # reach, so its full collections walk only the objects of the analysis (150 Wikinews articles in
        # one process, with the model's load: 0.6 s of collections instead of 1.0 s, ~6% of the CPU).
        _ = pipeline.nlp, pipeline.event_coder, pipeline.vader, pipeline.target_model
        gc.freeze()
        try:
            for chunk in chunks:
                yield analyze_chunk(chunk, pipeline)
        finally:
            gc.unfreeze()


def _die_with_parent(parent: int) -> None:
    """Make this worker process end when ``parent`` does, even when it is killed outright
    (a worker blocked on its task queue would otherwise wait forever)."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    else:  # no parent-death signal: look once a second
        def watch():
            while os.getppid() == parent:
                threading.Event().wait(1.0)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _chunk_bounds(n: int, size: int, n_process: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the chunks of ``n`` articles: ``size`` each, but the last
    ``n_process * size`` articles in quarter chunks, so the processes finish together
    instead of one waiting for the other's last full chunk."""
    tail = max(0, n - n_process * size) if n_process > 1 else n
    bounds = [(lo, min(lo + size, tail)) for lo in range(0, tail, size)]
    step = max(1, size // 4)
    return bounds + [(lo, min(lo + step, n)) for lo in range(tail, n, step)]


def _dask_results(chunks: list[pd.DataFrame], pipeline: Pipeline, client):
    from dask.distributed import Client, LocalCluster

    own = client is None
    if own:
        cluster = LocalCluster(n_workers=min(2, os.cpu_count() or 1), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = [client.submit(analyze_chunk, chunk, pipeline, pure=False) for chunk in chunks]
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


def _cache_index(root: Path | None, damaged: list[str] | None = None) -> pd.DataFrame:
    """``cache_key``, ``article_id``, ``shard`` of every complete shard under ``root``.

    A shard whose index cannot be read is set aside (see :func:`_set_aside`) and named in ``damaged``.
    """
    parts = []
    if root is not None and root.exists():
        for shard in sorted(root.iterdir()):
            index = shard / "index.parquet"
            if shard.name.startswith(".") or not index.exists():
                continue
            try:
                frame = pd.read_parquet(index)
            except Exception:  # truncated or garbled (ArrowInvalid, OSError, ...): recomputed instead
                _set_aside(shard, damaged)
                continue
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


def _set_aside(shard: Path, damaged: list[str] | None) -> None:
    """Rename an unreadable shard to a hidden ``.damaged-*`` folder (kept for inspection, never read again)."""
    with contextlib.suppress(OSError):  # another run may have set it aside already
        os.replace(shard, shard.parent / f".damaged-{shard.name}-{uuid.uuid4().hex[:6]}")
    if damaged is not None:
        damaged.append(shard.name)


def _read_shards(root: Path, index: pd.DataFrame, damaged: list[str] | None = None) -> dict[str, list]:
    """The cached frames of the articles in ``index``; shards that cannot be read are set aside
    and named in ``damaged`` (their articles are then missing from the result)."""
    out: dict[str, list] = {name: [] for name in ARTICLE_FRAMES}
    for shard, rows in index.groupby("shard"):
        wanted = set(rows["article_id"])
        try:
            frames = {name: pd.read_parquet(root / shard / f"{name}.parquet") for name in ARTICLE_FRAMES}
        except Exception:  # truncated or missing file: recomputed instead
            _set_aside(root / shard, damaged)
            continue
        # Every article of a shard has its one tone row; usually all of them are wanted.
        whole = wanted.issuperset(frames["tone"]["article_id"].tolist())
        for name, frame in frames.items():
            out[name].append(frame if whole else frame[frame["article_id"].isin(wanted)])
    return out


def _merge_small_shards(root: Path) -> None:
    """Merge shards of fewer than :data:`SHARD_SIZE` articles into shards of up to that many,
    so that caching every chunk as it completes does not leave thousands of tiny shards."""
    index = _cache_index(root)
    sizes = index.groupby("shard").size()
    small = sizes[sizes < SHARD_SIZE]
    batches, batch, n = [], [], 0
    for shard, size in small.items():
        if n + size > SHARD_SIZE and batch:
            batches.append(batch)
            batch, n = [], 0
        batch.append(shard)
        n += size
    batches.append(batch)
    for batch in batches:
        if len(batch) < 2:
            continue
        rows = index[index["shard"].isin(batch)]
        damaged: list[str] = []
        frames = _read_shards(root, rows, damaged)
        if damaged:  # a concurrent run merged or set them aside: leave the rest as they are
            continue
        _write_shard(root, rows[["cache_key", "article_id"]].reset_index(drop=True), frames)
        for shard in batch:  # the merged shard is complete (index written last) before these go
            shutil.rmtree(root / shard, ignore_errors=True)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty] or frames[:1]
    if not frames:
        return pd.DataFrame({"article_id": pd.Series(dtype="str")})
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------- entry point


def analyze(
    articles: pd.DataFrame,
    pipeline: Pipeline | None = None,
    *,
    actors: str | os.PathLike | None = None,
    cache: bool | str | os.PathLike = True,
    n_process: int | None = None,
    progress: bool = True,
    engine: str = "local",
    client=None,
) -> Corpus:
    """Analyse ``articles`` (from :func:`newsdesk.load_articles`) into a :class:`Corpus`.

    ``pipeline`` is the :class:`newsdesk.Pipeline` to analyse with; by default
    ``Pipeline(actors=actors)``, made now, so the tables' current contents are
    used. ``actors`` is the analyst's own actor table (``data/actors.csv``),
    added to the shipped one. ``cache=True`` keeps results in :func:`default_cache_dir`,
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
    _check_arguments(articles, cache, n_process)
    articles = articles.reset_index(drop=True)
    actors = actors or None  # "" from a notebook parameter means "none"
    if pipeline is not None and actors is not None:
        raise ValueError("give either pipeline= or actors=, not both: actors= is short for pipeline=Pipeline(actors=...)")
    if pipeline is not None and not isinstance(pipeline, Pipeline):
        raise TypeError(f"pipeline must be a newsdesk.Pipeline, not {type(pipeline).__name__}")
    pipeline = pipeline or Pipeline(actors=actors)
    keys = pd.DataFrame({
        "cache_key": [cache_key(a) for a in articles[["text", "date"]].to_dict("records")],
        "article_id": articles["article_id"],
    })
    root = None
    if cache:
        base = default_cache_dir() if cache is True else Path(cache)
        root = base / pipeline.version
    damaged: list[str] = []
    index = _cache_index(root, damaged)
    cached = index[index["cache_key"].isin(keys["cache_key"])]
    parts = _read_shards(root, cached, damaged) if root is not None and len(cached) else {n: [] for n in ARTICLE_FRAMES}
    if damaged:
        log.warning("newsdesk cache: %d damaged shard(s) under %s set aside as .damaged-* and recomputed: %s",
                    len(damaged), root, ", ".join(damaged))
        cached = cached[~cached["shard"].isin(damaged)]
    todo_mask = ~keys["cache_key"].isin(cached["cache_key"])
    todo = articles[todo_mask.to_numpy()]

    if engine not in {"local", "dask"}:
        raise ValueError("engine must be 'local' or 'dask'")
    if n_process is None:
        n_process = min(2, os.cpu_count() or 1) if len(todo) >= MULTIPROCESS_MIN_ARTICLES else 1
    log.info("%d articles: %d from the cache, %d to analyse (%s engine, %d process(es))",
                len(articles), len(cached), len(todo), engine, n_process)
    errors: list[dict] = []
    bar = tqdm(total=len(todo), desc="newsdesk", unit="article", file=sys.stderr, disable=not progress)
    bar.set_postfix_str(f"{len(cached)} from cache")
    todo_keys = keys[todo_mask.to_numpy()].set_index("article_id")["cache_key"]
    pending: dict[str, list] = {n: [] for n in ARTICLE_FRAMES}
    pending_ids: list[str] = []
    flush_size, flushed, small = 1 if len(todo) <= SHARD_SIZE else SHARD_SIZE, time.monotonic(), False
    for frames, errs in _chunk_results(todo, pipeline, n_process, engine, client):
        errors += errs
        for err in errs:
            log.warning("article %s not analysed: %s", err["article_id"], err["error"])
        done = frames["tone"]["article_id"].tolist() if "article_id" in frames["tone"] else []
        for name in ARTICLE_FRAMES:
            pending[name].append(frames[name])
            parts[name].append(frames[name])
        pending_ids += done
        # A small run caches each chunk as soon as it is done, a large one every SHARD_SIZE articles
        # or FLUSH_SECONDS, so a killed run keeps what it finished; small shards are merged below.
        if root is not None and pending_ids and (
                len(pending_ids) >= flush_size or time.monotonic() - flushed > FLUSH_SECONDS):
            small |= len(pending_ids) < SHARD_SIZE
            _write_shard(root, _shard_keys(pending_ids, todo_keys), pending)
            pending, pending_ids, flushed = {n: [] for n in ARTICLE_FRAMES}, [], time.monotonic()
        bar.update(len(done) + len(errs))
    if root is not None and pending_ids:
        small |= len(pending_ids) < SHARD_SIZE
        _write_shard(root, _shard_keys(pending_ids, todo_keys), pending)
    if small:
        _merge_small_shards(root)
    bar.close()
    return build_corpus(articles, parts, errors, stats={"analyzed": len(todo), "cached": len(cached)},
                        pipeline=pipeline)


#: Article dates are read in these years (as the loader reads them); far outside them the date
#: arithmetic of timexes and events would leave what ``datetime`` can hold.
DATE_YEARS = (1800, 2200)


def _check_arguments(articles, cache, n_process) -> None:
    """Raise TypeError/ValueError naming the argument of :func:`analyze` that cannot be used."""
    if not isinstance(cache, (bool, str, os.PathLike)):
        raise TypeError(f"cache must be True, False or a folder, not {type(cache).__name__}")
    if n_process is not None and (not isinstance(n_process, int) or isinstance(n_process, bool)):
        raise TypeError(f"n_process must be a whole number or None, not {type(n_process).__name__}")
    if n_process is not None and n_process < 1:
        raise ValueError(f"n_process must be at least 1, not {n_process}")
    if not isinstance(articles, pd.DataFrame):
        hint = " (load it first: analyze(load_articles(path)))" if isinstance(articles, (str, os.PathLike)) else ""
        raise TypeError(f"articles must be a DataFrame from load_articles, not {type(articles).__name__}{hint}")
    missing = [c for c in ("article_id", "text", "date") if c not in articles.columns]
    if missing:
        raise ValueError(f"articles lacks the column(s) {', '.join(missing)}; load it with load_articles")
    dates = articles["date"]
    if not (pd.api.types.is_datetime64_any_dtype(dates) or dates.isna().all()):
        raise TypeError(f"articles['date'] must hold datetimes (as load_articles gives), not {dates.dtype}")
    lo, hi = DATE_YEARS
    years = dates.dropna().dt.year if pd.api.types.is_datetime64_any_dtype(dates) else pd.Series(dtype="int64")
    bad = articles.loc[years.index[(years < lo) | (years > hi)], "article_id"].tolist()
    if bad:
        raise ValueError(f"articles['date'] has dates outside the years {lo}-{hi} (articles {', '.join(map(str, bad[:5]))}); "
                         "load_articles turns such dates into NaT with a note")


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


def build_corpus(articles: pd.DataFrame, parts: dict[str, list], errors: list[dict], stats: dict,
                 pipeline: Pipeline | None = None) -> Corpus:
    """Assemble the corpus frames from per-article pieces, sorted for stable output; the actors
    frame takes roles and affiliations from ``pipeline``'s actor table."""
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
        actors=actors_mod.actors_frame(frames["mentions"], arts, pipeline),
        rejected=articles.attrs.get("rejected", pd.DataFrame(columns=["path", "reason"])),
        errors=pd.DataFrame(errors, columns=["article_id", "error"]),
        stats=stats,
        **frames,
    )
    return corpus
