"""Speed of the analysis pass against the naive notebook loop, measured in one process.

Takes N dated articles from the Wikinews JSONL corpus, writes them as seed-form
``.txt`` files in a temporary folder, and times:

- naive: ``spacy.load`` of the full model, ``nlp(text)`` per article, VADER per sentence;
- cold:  ``nd.analyze(nd.load_articles(folder))`` with an empty cache (everything newsdesk does);
- warm:  the same call again (everything read from the cache).

    python benchmarks/bench_analyze.py --corpus ../shared/corpus/wikinews/wikinews_articles.jsonl --n 300
    python benchmarks/bench_analyze.py --corpus … --n 5488 --skip-naive     # the whole corpus

Prints words/s of each run and the ratios. Peak memory is reported two ways:
the peak resident size of this process and of its largest worker
(``getrusage``), and the peak of the total over this process and its workers,
sampled twice a second as PSS (proportional set size, which counts the pages
that forked workers share with this process once, not once per process).
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import threading
import time
from pathlib import Path

import psutil


def write_articles(corpus: Path, n: int, folder: Path) -> int:
    """Write the first ``n`` articles as seed-form .txt files; returns the word count."""
    words = 0
    with open(corpus, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            item = json.loads(line)
            (folder / f"{i:05d}.txt").write_text(f" date {item['date']} {item['text']}", encoding="utf-8")
            words += len(item["text"].split())
    return words


def naive(folder: Path) -> float:
    """The notebook an analyst would write without newsdesk; returns seconds."""
    import spacy

    from newsdesk.nlp import model_name
    from newsdesk.sentiment import analyzer

    start = time.perf_counter()
    nlp = spacy.load(model_name())
    sia = analyzer()
    for path in sorted(folder.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        for sent in doc.sents:
            sia.polarity_scores(sent.text)
    return time.perf_counter() - start


def newsdesk_run(folder: Path, cache: Path, n_process: int | None) -> tuple[float, object]:
    import newsdesk as nd

    start = time.perf_counter()
    corpus = nd.analyze(nd.load_articles(folder), cache=cache, progress=False, n_process=n_process)
    return time.perf_counter() - start, corpus


def peak_mb() -> tuple[float, float]:
    """Peak resident memory in MB of this process and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


class TotalMemory:
    """Samples the summed PSS of this process and its descendants in a thread; ``peak`` in MB."""

    def __init__(self, every: float = 0.5):
        self.every, self.peak = every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _total(self) -> float:
        me = psutil.Process()
        total = 0
        for proc in [me, *me.children(recursive=True)]:
            try:
                total += proc.memory_full_info().pss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        return total / 2**20

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._total())
            self._stop.wait(self.every)

    def __enter__(self) -> TotalMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, type=Path, help="wikinews_articles.jsonl")
    parser.add_argument("--n", type=int, default=300, help="number of articles (default: %(default)s)")
    parser.add_argument("--n-process", type=int, default=None, help="analyze's n_process (default: automatic)")
    parser.add_argument("--skip-naive", action="store_true", help="time newsdesk only (for the full corpus)")
    args = parser.parse_args()

    # Module imports stay outside every timing, for both sides (spaCy about 1 s, nltk about 2 s).
    import nltk.sentiment.vader  # noqa: F401
    import spacy  # noqa: F401

    import newsdesk  # noqa: F401

    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "articles", Path(tmp) / "cache"
        folder.mkdir()
        words = write_articles(args.corpus, args.n, folder)
        n = len(list(folder.glob("*.txt")))
        print(f"{n} articles, {words:,} words")
        rows = []
        if not args.skip_naive:
            t_naive = naive(folder)
            rows.append(("naive loop", t_naive))
        with TotalMemory() as memory:
            t_cold, corpus = newsdesk_run(folder, cache, args.n_process)
        rows.append(("analyze cold", t_cold))
        t_warm, _ = newsdesk_run(folder, cache, args.n_process)
        rows.append(("analyze warm", t_warm))

    print(f"{'run':<14} {'seconds':>9} {'words/s':>10}")
    for name, seconds in rows:
        print(f"{name:<14} {seconds:9.2f} {words / seconds:10,.0f}")
    own, child = peak_mb()
    print(f"peak memory: {own:,.0f} MB in this process, {child:,.0f} MB in the largest worker (RSS); "
          f"{memory.peak:,.0f} MB all processes together during the cold run (PSS)")
    print(f"corpus: {corpus!r}; errors: {len(corpus.errors)}")
    summary = f"cold/warm: warm is {t_warm / t_cold:.1%} of cold"
    if not args.skip_naive:
        summary = f"cold analyze is {t_naive / t_cold:.2f}x the naive loop's speed; " + summary
    print(summary)


if __name__ == "__main__":
    main()
