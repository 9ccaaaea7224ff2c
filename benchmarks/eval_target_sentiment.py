"""Target-dependent sentiment on NewsMTSC: accuracy and macro-F1 per file.

Every target of every sentence is scored with the shipped classifier
(:func:`newsdesk.sentiment.classify` over :func:`newsdesk.sentiment.target_features`)
and, as the baseline, with plain sentence-level VADER (compound ±0.05).
Polarity 2/4/6 = negative/neutral/positive; ``R neg/neu/pos`` are the recalls per class.

    python benchmarks/eval_target_sentiment.py ../shared/eval/newsmtsc/dev_rw.jsonl \\
        ../shared/eval/newsmtsc/dev_mt.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sklearn.metrics import accuracy_score, f1_score, recall_score

from newsdesk import sentiment
from newsdesk.nlp import get_nlp

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def vader_label(compound: float) -> str:
    return "negative" if compound <= -0.05 else "positive" if compound >= 0.05 else "neutral"


def evaluate(path: Path) -> dict:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    gold, ours, base = [], [], []
    docs = get_nlp().pipe((r["sentence_normalized"] for r in rows), batch_size=64)
    for row, doc in zip(rows, docs, strict=True):
        sent = vader_label(sentiment.polarity(row["sentence_normalized"])["compound"])
        for t in row["targets"]:
            span = sentiment.target_span(doc, t["from"], t["to"])
            pred = "neutral" if span is None else sentiment.classify(sentiment.target_features(doc[:], span))["label"]
            gold.append(POLARITY[t["polarity"]])
            ours.append(pred)
            base.append(sent)
    return {
        "file": path.name, "targets": len(gold),
        "vader_acc": accuracy_score(gold, base), "vader_f1": f1_score(gold, base, average="macro"),
        "acc": accuracy_score(gold, ours), "macro_f1": f1_score(gold, ours, average="macro"),
        **{f"R_{label[:3]}": r for label, r in zip(
            POLARITY.values(), recall_score(gold, ours, labels=list(POLARITY.values()), average=None), strict=True)},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path, help="NewsMTSC .jsonl files (dev_rw.jsonl, dev_mt.jsonl)")
    args = ap.parse_args()
    results = [evaluate(p) for p in args.paths]
    print(f"{'file':<16}{'targets':>8}{'VADER acc':>11}{'VADER F1':>10}{'acc':>8}{'macro-F1':>10}"
          f"{'R neg':>7}{'R neu':>7}{'R pos':>7}")
    for r in results:
        print(f"{r['file']:<16}{r['targets']:>8}{r['vader_acc']:>11.3f}{r['vader_f1']:>10.3f}"
              f"{r['acc']:>8.3f}{r['macro_f1']:>10.3f}{r['R_neg']:>7.2f}{r['R_neu']:>7.2f}{r['R_pos']:>7.2f}")
    print("summary: macro-F1 " + ", ".join(f"{r['file']} {r['macro_f1']:.3f}" for r in results)
          + f" (goal 0.65 each; sentence VADER {min(r['vader_f1'] for r in results):.3f}"
          f"-{max(r['vader_f1'] for r in results):.3f})")


if __name__ == "__main__":
    main()
