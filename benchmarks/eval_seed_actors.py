"""Check the seed article's actors against its hand annotation.

    python benchmarks/eval_seed_actors.py --gold /path/to/seed-gold.json [--actors data/actors.csv]

For every surface form of every gold actor, finds the mentions with that text
(articles and "'s" dropped, case ignored) and checks that one of them resolves
to the gold actor (or an ``also_accepted`` name) and carries the gold label;
demonyms ("Russian") are NORP by design, so only their actor is checked.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsdesk.actors import find_mentions

SEED = Path(__file__).resolve().parents[1] / "data" / "demo" / "000_9954074d4e36f3b7.txt"


def _core(surface: str) -> str:
    core = surface[4:] if surface.lower().startswith("the ") else surface
    return core[:-2] if core.endswith("'s") else core


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True, help="seed-gold.json")
    parser.add_argument("--article", type=Path, default=SEED)
    parser.add_argument("--actors", type=Path, default=None, help="the analyst's actor table, if any")
    args = parser.parse_args()

    gold = json.loads(args.gold.read_text(encoding="utf-8"))["actors"]
    mentions = find_mentions(args.article.read_text(encoding="utf-8"), actors_file=args.actors)
    n = ok = 0
    print(f"{'surface form':28s} {'gold actor':22s} {'found actor':22s} {'label':7s} result")
    for entry in gold:
        accepted = {entry["actor"], *entry.get("also_accepted", [])}
        for surface in entry["surface_forms"]:
            rows = mentions[mentions["text"].str.lower() == _core(surface).lower()]
            good = rows[rows["actor"].isin(accepted)]
            label_ok = good["kind"].eq("demonym").any() or good["label"].eq(entry["type"]).any()
            passed = not good.empty and label_ok
            n, ok = n + 1, ok + passed
            found = ", ".join(sorted(set(rows["actor"]))) or "-"
            labels = ", ".join(sorted(set(good["label"]))) or "-"
            print(f"{surface:28s} {entry['actor']:22s} {found:22s} {labels:7s} {'ok' if passed else 'MISS'}")
    print(f"seed actors: {ok}/{n} surface forms resolve to the gold actor with the gold label")


if __name__ == "__main__":
    main()
