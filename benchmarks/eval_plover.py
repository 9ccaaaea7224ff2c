"""Score PLOVER event coding against gold-standard records (one coded sentence each).

Usage::

    python benchmarks/eval_plover.py ../shared/eval/plover/gsr_dev.jsonl [--show-errors]

Each record's sentence is written as an article dated with the record's date
and analysed by ``nd.analyze``; the sentence's *primary* event is its first
coded event by offset. The records use PLOVER 0.5 names, mapped to the 16
types (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).
Reports type accuracy, macro-F1 over the types, and where the type is right,
source and target accuracy: a gold actor matches when a ``;``-part of the
coded actor is the country of its ISO3 code, or its text and the coded
actor's name or written phrase contain one another. A record without a
target counts as right when no target is coded, or is not scored with
``--lenient-target``. Prints a table and one summary line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd
import pycountry

import newsdesk as nd

RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def country(code: str) -> set[str]:
    """Names of an ISO3 country code (``USA`` -> united states, ...), lower case."""
    c = pycountry.countries.get(alpha_3=code) if code and len(code) == 3 else None
    if c is None:
        return set()
    names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
    return {n.lower() for n in names} | {n.split(",")[0].lower() for n in names}


def actor_match(gold: list[dict] | str, actor, text) -> bool:
    if not isinstance(gold, list) or not gold:
        return False
    parts = [p.strip().lower() for p in str(actor).split(";")] if isinstance(actor, str) else []
    written = str(text).lower() if isinstance(text, str) else ""
    for g in gold:
        names = country(g.get("code", ""))
        gtext = g.get("actorText", "").lower().strip()
        for p in parts:
            if p in names or (gtext and (gtext in p or p in gtext)):
                return True
        if gtext and written and (gtext in written or written in gtext):
            return True
    return False


def macro_f1(gold: list[str], pred: list[str]) -> tuple[float, pd.DataFrame]:
    rows = []
    for t in sorted(set(gold)):
        tp = sum(g == t and p == t for g, p in zip(gold, pred, strict=True))
        fp = sum(g != t and p == t for g, p in zip(gold, pred, strict=True))
        fn = sum(g == t and p != t for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append({"type": t, "n": tp + fn, "precision": round(prec, 2), "recall": round(rec, 2), "f1": round(f1, 2)})
    table = pd.DataFrame(rows)
    return float(table["f1"].mean()) if len(table) else 0.0, table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records", type=Path, help="JSON lines of PLOVER gold records")
    ap.add_argument("--show-errors", action="store_true", help="print every record coded wrong")
    ap.add_argument("--lenient-target", action="store_true", help="score targets only where the record has one")
    args = ap.parse_args(argv)
    records = [json.loads(line) for line in args.records.read_text(encoding="utf-8").splitlines() if line.strip()]

    articles = nd.load_articles(pd.DataFrame({
        "text": [r["text"] for r in records], "date": [r.get("date") or None for r in records],
        "title": [r["id"] for r in records],
    }))
    corpus = nd.analyze(articles, cache=False, progress=False)
    events = corpus.events.sort_values(["article_id", "start", "end"], kind="stable")
    first = events.groupby("article_id").head(1).set_index("article_id")
    ids = dict(zip(articles["title"], articles["article_id"], strict=True))

    gold_types, pred_types, out = [], [], []
    src_ok = src_n = tgt_ok = tgt_n = 0
    for r in records:
        gold = RENAMES.get(r["event"], r["event"])
        aid = ids.get(r["id"])
        row = first.loc[aid] if aid in first.index else None
        pred = row["event_type"] if row is not None else "-"
        gold_types.append(gold)
        pred_types.append(pred)
        s = t = None
        if pred == gold:
            src_n += 1
            s = actor_match(r.get("source"), row["actor"], row["source_text"])
            src_ok += s
            if r.get("target") or not args.lenient_target:
                tgt_n += 1
                if r.get("target"):
                    t = actor_match(r.get("target"), row["target"], row["target_text"])
                else:
                    t = not isinstance(row["target"], str)
                tgt_ok += t
        out.append({"id": r["id"], "gold": gold, "pred": pred, "source_ok": s, "target_ok": t,
                    "action": None if row is None else row["action"],
                    "actor": None if row is None else row["actor"],
                    "target": None if row is None else row["target"], "text": r["text"][:90]})
    frame = pd.DataFrame(out)
    f1, per_type = macro_f1(gold_types, pred_types)
    acc = sum(g == p for g, p in zip(gold_types, pred_types, strict=True)) / len(records)
    with pd.option_context("display.width", 220, "display.max_colwidth", 90, "display.max_rows", 500):
        print(per_type.to_string(index=False))
        if args.show_errors:
            print(frame[(frame["gold"] != frame["pred"]) | (frame["source_ok"] == False)].to_string(index=False))  # noqa: E712
    print(f"records {len(records)}: type accuracy {acc:.3f}, macro-F1 {f1:.3f}, "
          f"source {src_ok / max(src_n, 1):.3f} ({src_ok}/{src_n}), target {tgt_ok / max(tgt_n, 1):.3f} ({tgt_ok}/{tgt_n})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
