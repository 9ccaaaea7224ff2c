"""Read-through of coded events on a news corpus: reporting verbs, sources, a random sample.

Usage::

    python benchmarks/check_events.py --corpus ../shared/corpus/wikinews/wikinews_articles.jsonl --n 300

Analyses the first ``n`` articles (``id``, ``title``, ``date``, ``text`` per
JSON line), then prints events per type and modality, the coded events whose
action is a reporting verb (there should be none), the share of events naming
a source actor, and ``--sample`` random events with their sentence for a
person to judge (type, actors, date). Ends with one summary line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

import newsdesk as nd

REPORTING = {"say", "tell", "add", "note", "state", "explain", "write", "report"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True, type=Path, help="JSON lines with id, title, date, text")
    ap.add_argument("--n", type=int, default=300, help="number of articles (default: %(default)s)")
    ap.add_argument("--sample", type=int, default=20, help="random events to print (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    with args.corpus.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(args.n), fh, strict=False)]
    articles = nd.load_articles(pd.DataFrame({k: [r.get(k) for r in rows] for k in ("title", "date", "text")}))
    corpus = nd.analyze(articles, cache=False, progress=False)
    ev = corpus.events
    sents = corpus.sentences.merge(articles[["article_id", "text"]].rename(columns={"text": "article_text"}),
                                   on="article_id")
    sents["body"] = [t[a:b] for t, a, b in zip(sents["article_text"], sents["start"], sents["end"], strict=True)]
    ev = ev.merge(sents[["article_id", "sent_id", "body"]], on=["article_id", "sent_id"], how="left")
    with pd.option_context("display.width", 200, "display.max_colwidth", 200, "display.max_rows", 200):
        print(pd.crosstab(ev["event_type"], ev["modality"], margins=True).to_string())
        lemma = ev["action_lemma"].str.split().str[0]
        bad = ev[lemma.isin(REPORTING) & (ev["kind"] == "verb")]
        print(f"\ncoded events with a reporting verb as action: {len(bad)}")
        if len(bad):
            print(bad[["action", "event_type", "text"]].head(20).to_string(index=False))
        sample = ev.sample(min(args.sample, len(ev)), random_state=args.seed)
        for i, r in enumerate(sample.itertuples(), 1):
            print(f"\n[{i}] {r.event_type}/{r.mode if isinstance(r.mode, str) else '-'} {r.modality} | "
                  f"{r.actor} -> {r.target} | action {r.action!r} | reported_by {r.reported_by} | "
                  f"{r.date_start.date() if pd.notna(r.date_start) else '-'} ({r.date_source}: {r.timex})")
            print(f"    {' '.join(str(r.body).split())[:400]}")
    named = ev["actor"].notna().mean() if len(ev) else 0.0
    print(f"\narticles {len(articles)}: events {len(ev)}, with a reporting verb {len(bad)}, "
          f"naming a source {named:.1%}, asserted {(ev['modality'] == 'asserted').mean():.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
