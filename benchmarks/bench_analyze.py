"""Speed of the analysis pass against the naive notebook loop, both measured in the same process.

Takes N dated articles from the Wikinews JSONL corpus, writes them as seed-form
``.txt`` files in a temporary folder, and times:

- naive: ``spacy.load`` of the full model, ``nlp(text)`` per article, VADER per sentence;
- cold:  ``nd.analyze(nd.load_articles(folder))`` with an empty cache (everything newsdesk does);
- warm:  the same call again (everything read from the cache).

    python benchmarks/bench_analyze.py --corpus ../shared/corpus/wikinews/wikinews_articles.jsonl --n 300
    python benchmarks/bench_analyze.py --corpus … --n 300 --repeat 5        # medians of 5 fresh runs
    python benchmarks/bench_analyze.py --corpus … --n 5488 --skip-naive     # the whole corpus

Prints words/s of each run and the ratios, and the CPU seconds of the naive loop and the cold
run (all processes: steadier than wall time on a busy machine). Peak memory is reported two ways:
the peak resident size of this process and of its largest worker
(``getrusage``), and the peak of the total over this process and its workers,
sampled every 2 s as PSS (proportional set size, which counts the pages that
forked workers share with this process once, not once per process). A sample
walks every page table of the processes (about 5 ms per 250 MB), so sampling
more often would slow down the run it measures.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
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
    """The notebook an analyst would write without newsdesk; returns seconds.

    Its VADER is nltk's own, as such a notebook would load it: not newsdesk's
    analyser, whose faster tokenisation gives the same scores.
    """
    import nltk.data
    import spacy
    import vaderSentiment
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    from newsdesk.nlp import model_name

    lexicon = Path(vaderSentiment.__file__).resolve().parent / "vader_lexicon.txt"
    start = time.perf_counter()
    nlp = spacy.load(model_name())
    nltk.data.path.append(str(lexicon.parent))
    sia = SentimentIntensityAnalyzer(lexicon_file=f"file:{lexicon}")
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


def cpu_seconds() -> float:
    """CPU seconds (user + system) of this process and of its finished children (the workers).

    Other jobs on the machine change the wall-clock ratio a lot (on 2 shared cores the same
    run gave 1.4x to 3.0x); the CPU seconds of a run change far less.
    """
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_mb() -> tuple[float, float]:
    """Peak resident memory in MB of this process and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


class TotalMemory:
    """Samples the summed PSS of this process and its descendants in a thread; ``peak`` in MB."""

    def __init__(self, every: float = 2.0):
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


def measure(args: argparse.Namespace) -> dict:
    """One run of everything in this process: seconds of each run, words, peak memory."""
    # Module imports stay outside every timing, for both sides (spaCy about 1 s, nltk about 2 s).
    import nltk.sentiment.vader  # noqa: F401
    import spacy  # noqa: F401

    import newsdesk  # noqa: F401

    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "articles", Path(tmp) / "cache"
        folder.mkdir()
        result = {"words": write_articles(args.corpus, args.n, folder), "articles": len(list(folder.glob("*.txt")))}
        if not args.skip_naive:
            before = cpu_seconds()
            result["naive"] = naive(folder)
            result["naive_cpu"] = cpu_seconds() - before
        with TotalMemory() as memory:
            before = cpu_seconds()
            result["cold"], corpus = newsdesk_run(folder, cache, args.n_process)
            result["cold_cpu"] = cpu_seconds() - before
        result["warm"], _ = newsdesk_run(folder, cache, args.n_process)
    own, child = peak_mb()
    result.update(own_mb=own, worker_mb=child, total_mb=memory.peak, corpus=repr(corpus), errors=len(corpus.errors))
    return result


def report(result: dict) -> None:
    words = result["words"]
    print(f"{result['articles']} articles, {words:,} words")
    print(f"{'run':<14} {'seconds':>9} {'words/s':>10}")
    for key, name in (("naive", "naive loop"), ("cold", "analyze cold"), ("warm", "analyze warm")):
        if key in result:
            print(f"{name:<14} {result[key]:9.2f} {words / result[key]:10,.0f}")
    if "cold_cpu" in result:
        naive_cpu = f"naive loop {result['naive_cpu']:.2f} s, " if "naive_cpu" in result else ""
        print(f"CPU (all processes): {naive_cpu}analyze cold {result['cold_cpu']:.2f} s")
    print(f"peak memory: {result['own_mb']:,.0f} MB in this process, {result['worker_mb']:,.0f} MB in the largest "
          f"worker (RSS); {result['total_mb']:,.0f} MB all processes together during the cold run (PSS)")
    print(f"corpus: {result['corpus']}; errors: {result['errors']}")


def summary(result: dict) -> str:
    line = f"cold/warm: warm is {result['warm'] / result['cold']:.1%} of cold"
    if "naive" in result:
        line = f"cold analyze is {result['naive'] / result['cold']:.2f}x the naive loop's speed; " + line
    return line


def repeated(argv: list[str], times: int) -> None:
    """``times`` runs, each in a fresh interpreter (nothing warmed by the run before); medians."""
    results = []
    for k in range(times):
        out = subprocess.run([sys.executable, __file__, *argv, "--json"], check=True, capture_output=True, text=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"run {k + 1}: {summary(results[-1])}", flush=True)
    median = {key: statistics.median(r[key] for r in results)
              for key in ("naive", "cold", "warm", "naive_cpu", "cold_cpu", "own_mb", "worker_mb", "total_mb")
              if key in results[0]}
    report({**results[0], **median, "corpus": results[0]["corpus"] + f" (medians of {times} runs)"})
    ratios = [r["naive"] / r["cold"] for r in results] if "naive" in median else []
    spread = f" (runs: {min(ratios):.2f}x to {max(ratios):.2f}x)" if ratios else ""
    print(f"median of {times} runs: " + summary(median) + spread)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, type=Path, help="wikinews_articles.jsonl")
    parser.add_argument("--n", type=int, default=300, help="number of articles (default: %(default)s)")
    parser.add_argument("--n-process", type=int, default=None, help="analyze's n_process (default: automatic)")
    parser.add_argument("--skip-naive", action="store_true", help="time newsdesk only (for the full corpus)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs, each in a fresh process; prints the medians (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one run, as JSON (for --repeat)
    args = parser.parse_args()

    if args.repeat > 1:
        argv = ["--corpus", str(args.corpus), "--n", str(args.n)]
        argv += ["--n-process", str(args.n_process)] if args.n_process else []
        argv += ["--skip-naive"] if args.skip_naive else []
        repeated(argv, args.repeat)
        return
    result = measure(args)
    if args.json:
        print(json.dumps(result))
        return
    report(result)
    print(summary(result))


if __name__ == "__main__":
    main()
