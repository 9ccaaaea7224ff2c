"""Time :func:`newsdesk.mark_stories` and check it on wire copies made from real articles.

Usage::

    python benchmarks/bench_stories.py PATH [--copies N]

PATH is an articles file or folder (e.g. ``../shared/corpus/wikinews/wikinews_articles.jsonl``).
For N articles a copy is added as another outlet would run it, with a new
headline and one kind of edit: a dateline and agency tag in front, one
sentence reworded (three words changed), the last sentence cut, or the whole
last paragraph cut. The table gives, per edit, the share of copies that get
their original's ``story_id``; then how many distinct originals were merged
into one story (false merges) and the time for the whole frame.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import warnings

import numpy as np
import pandas as pd

import newsdesk as nd
from newsdesk.articles import STORY_MIN_LENGTH_RATIO, STORY_SIMILARITY, _shingle_sets

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def reword(sentences: list[str], rng: random.Random) -> list[str]:
    """Three words of one sentence replaced, as a sub-editor might."""
    out = list(sentences)
    i = rng.randrange(len(out))
    words = out[i].split()
    for k in rng.sample(range(len(words)), min(3, len(words))):
        words[k] = rng.choice(["reportedly", "officials", "Monday", "several", "new", "major"])
    out[i] = " ".join(words)
    return out


EDITS = {
    "dateline": lambda s, rng: ["LONDON (Example Wire) - " + s[0], *s[1:]],
    "reworded sentence": reword,
    "last sentence cut": lambda s, rng: s[:-1] if len(s) > 1 else s,
    "last 3 sentences cut": lambda s, rng: s[:-3] if len(s) > 3 else s,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="articles file or folder")
    parser.add_argument("--copies", type=int, default=400, help="originals to copy (default 400)")
    args = parser.parse_args(argv)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = nd.load_articles(args.path, errors="ignore")
    rng = random.Random(5)
    originals = articles.sample(min(args.copies, len(articles)), random_state=5)
    copies, kinds = [], []
    for n, row in enumerate(originals.itertuples()):
        kind = list(EDITS)[n % len(EDITS)]
        sentences = [s for s in SENTENCE.split(row.text) if s.strip()]
        copies.append({"title": "Copy: " + str(row.title), "text": " ".join(EDITS[kind](sentences, rng)),
                       "date": row.date + pd.Timedelta(hours=3), "source": "Example Wire",
                       "path": f"copy:{row.article_id}"})
        kinds.append((kind, row.article_id))
    frame = pd.concat([articles, nd.load_articles(pd.DataFrame(copies), errors="ignore")], ignore_index=True)
    start = time.perf_counter()
    marked = nd.mark_stories(frame.drop(columns="story_id"))
    seconds = time.perf_counter() - start
    story = dict(zip(marked["path"], marked["story_id"], strict=True))
    original_story = dict(zip(marked["article_id"], marked["story_id"], strict=True))
    # Which copies meet the rule at all (checked exactly): the rest are misses by design, not by LSH.
    text_of = dict(zip(marked["path"], marked["text"], strict=True))
    path_of = dict(zip(marked["article_id"], marked["path"], strict=True))
    meets = {}
    for _, a in kinds:
        x, y = _shingle_sets([text_of[path_of[a]], text_of[f"copy:{a}"]])
        shorter, longer = sorted((len(x), len(y)))
        meets[a] = (shorter >= STORY_MIN_LENGTH_RATIO * longer
                    and np.intersect1d(x, y).size >= STORY_SIMILARITY * shorter)
    print(f"{len(articles)} articles + {len(copies)} copies\n")
    print(f"{'edit':24} {'copies':>7} {'same story':>11} {'meet the rule':>14} {'found of those':>15}")
    total = 0
    for kind in EDITS:
        ids = [a for k, a in kinds if k == kind]
        hits = sum(story[f"copy:{a}"] == original_story[a] for a in ids)
        rule = [a for a in ids if meets[a]]
        found = sum(story[f"copy:{a}"] == original_story[a] for a in rule)
        total += hits
        print(f"{kind:24} {len(ids):7d} {hits / len(ids):11.3f} {len(rule) / len(ids):14.3f} "
              f"{found / max(1, len(rule)):15.3f}")
    groups = marked[~marked["path"].str.startswith("copy:")].groupby("story_id").size()
    merged = int((groups[groups > 1] - 1).sum())
    print(f"\noriginals merged into another original's story: {merged} (in {int((groups > 1).sum())} stories)")
    print(f"mark_stories on {len(marked)} articles: {seconds:.1f} s")
    print(f"\nSUMMARY stories: {total / len(copies):.3f} of copies found, {merged} originals merged, "
          f"{seconds:.1f} s for {len(marked)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
