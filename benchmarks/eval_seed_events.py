"""Check ``Corpus.events`` against the key events of a hand-annotated article.

Usage::

    python benchmarks/eval_seed_events.py GOLD.json ARTICLE.txt
    python benchmarks/eval_seed_events.py GOLD.json ARTICLE.txt --plover

``--plover`` checks ``plover_events`` instead: each is found when a row of
``Corpus.events`` overlapping its context string has one of the accepted
types, a ``date_start`` starting with an accepted date, and (when listed) an
accepted source among the ``;``-parts of ``actor`` and target among those of
``target``.

``GOLD.json`` holds ``key_events`` (``date``, ``actors``, ``what``) and
``actors`` (canonical names with ``surface_forms`` and ``also_accepted``).
Each key event is matched to the article sentence sharing most content words
with its ``what`` (a temporal expression with the gold value counts two words); the event counts as found when ``Corpus.events`` has a row
from that sentence on the gold date (the start of the gold period) naming one
of the gold actors as ``actor`` or ``target`` — or any row on that date when
the sentence names none of them. Prints a table and one summary line.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

import newsdesk as nd

STOP = {"the", "a", "an", "of", "to", "in", "on", "at", "and", "for", "its", "is", "was", "by", "with"}


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP and len(w) > 2}


def period_start(value: str) -> pd.Timestamp:
    return pd.Period(value, freq={4: "Y", 7: "M"}.get(len(value), "D")).start_time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("article", type=Path)
    ap.add_argument("--plover", action="store_true", help="check plover_events (PLOVER-coded events)")
    args = ap.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    names: dict[str, set[str]] = {}
    for a in gold.get("actors", []):
        names[a["actor"].lower()] = {a["actor"].lower(), *(x.lower() for x in a.get("also_accepted", []))}
        names[a["actor"].lower()] |= {x.lower() for x in a.get("surface_forms", [])}

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(args.article, tmp)
        corpus = nd.analyze(nd.load_articles(tmp), cache=False, progress=False)
    if len(corpus.errors):
        print(corpus.errors.to_string(index=False))
        return 2
    text = corpus.articles["text"].iloc[0]
    sents = corpus.sentences.assign(body=lambda s: [text[a:b] for a, b in zip(s["start"], s["end"], strict=True)])
    ev = corpus.events
    if args.plover:
        return plover(gold["plover_events"], text, ev)

    rows, found = [], 0
    for k in gold["key_events"]:
        want = words(k["what"])
        dated = set(corpus.timexes.loc[corpus.timexes["value"] == k["date"], "sent_id"])
        best = max(sents.itertuples(),
                   key=lambda s: (len(want & words(s.body)) + 2 * (s.sent_id in dated), -s.sent_id))
        day = period_start(k["date"])
        cand = ev[(ev["sent_id"] == best.sent_id) & (ev["date_start"] == day)]
        accepted = set().union(*(names.get(a.lower(), {a.lower()}) for a in k["actors"]))
        sentence_names = any(re.search(rf"\b{re.escape(n)}\b", best.body, re.I) for n in accepted)
        named = {str(x).lower() for x in pd.concat([cand["actor"], cand["target"]]).dropna()}
        ok = bool(len(cand)) and (bool(named & accepted) or not sentence_names)
        found += ok
        naming = cand[cand["actor"].str.lower().isin(accepted) | cand["target"].str.lower().isin(accepted)]
        hit = naming.iloc[0] if len(naming) else cand.iloc[0] if len(cand) else None
        rows.append({
            "gold_date": k["date"], "gold_actors": "; ".join(k["actors"]), "sent_id": best.sent_id,
            "action": None if hit is None else hit["action"],
            "actor": None if hit is None else hit["actor"], "target": None if hit is None else hit["target"],
            "ok": ok, "sentence": best.body[:45],
        })
    with pd.option_context("display.width", 200, "display.max_colwidth", 50):
        print(pd.DataFrame(rows).to_string(index=False))
    print(f"key events found: {found}/{len(gold['key_events'])}")
    return 0 if found == len(gold["key_events"]) else 1


def _parts(value) -> set[str]:
    return {p.strip() for p in value.split(";")} if isinstance(value, str) else set()


def plover(gold: list[dict], text: str, ev: pd.DataFrame) -> int:
    """Score the PLOVER-coded events of the seed (see the module docstring)."""
    rows, found = [], 0
    for g in gold:
        at = text.index(g["context"])
        cand = ev[(ev["start"] < at + len(g["context"])) & (ev["end"] > at)]
        keep = [
            t in g["types"]
            and (not g["dates"] or (pd.notna(d) and any(d.strftime("%Y-%m-%d").startswith(x) for x in g["dates"])))
            and (not g["sources"] or bool(_parts(a) & set(g["sources"])))
            and (not g["targets"] or bool(_parts(b) & set(g["targets"])))
            for t, d, a, b in zip(cand["event_type"], cand["date_start"], cand["actor"], cand["target"], strict=True)
        ]
        ok_rows = cand[keep]
        found += bool(len(ok_rows))
        hit = ok_rows.iloc[0] if len(ok_rows) else cand.iloc[0] if len(cand) else None
        rows.append({
            "context": g["context"][:32], "types": "/".join(g["types"]), "ok": bool(len(ok_rows)),
            **{k: (None if hit is None else hit[k]) for k in ("event_type", "actor", "target", "date_start", "action")},
        })
    with pd.option_context("display.width", 200, "display.max_colwidth", 40):
        print(pd.DataFrame(rows).to_string(index=False))
    print(f"PLOVER events found: {found}/{len(gold)}")
    return 0 if found >= len(gold) - 1 else 1


if __name__ == "__main__":
    sys.exit(main())
