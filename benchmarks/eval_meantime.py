"""Score within-article actor canonicalisation on MEANTIME (pairwise precision, recall, F1).

    python benchmarks/eval_meantime.py PATH [--errors N]

PATH is a MEANTIME sub-corpus folder (CAT XML files, e.g. ``meantime_stock/corpus_stock``, or
its parent). Each article's text is rebuilt from its tokens (sentence 0, the title, and
sentence 1, the date, on lines of their own; the body as one paragraph, with no space before
closing punctuation) and analysed by the real pipeline (:func:`newsdesk.nlp.get_nlp` and
:func:`newsdesk.actors.mentions_from_doc`).

Gold: the named mentions (``syntactic_type="NAM"``) that REFERS_TO an entity instance of type
PER, ORG or LOC. Each gets the actor of the predicted mention that overlaps it most (a name
before a description); a gold mention no predicted mention overlaps is an actor of its own.
Over all pairs of gold mentions of one article, "same actor" is compared with "same gold
instance": precision = right same-actor pairs / predicted same-actor pairs, recall = right
same-actor pairs / gold same-instance pairs. Counts are summed over articles (micro).
"""

from __future__ import annotations

import argparse
import itertools
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from newsdesk.actors import mentions_from_doc
from newsdesk.nlp import get_nlp

SCORED_TYPES = {"PER", "ORG", "LOC"}
NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "$", "#"}


def read_article(path: Path) -> tuple[str, list[dict]]:
    """Text of one CAT file and its gold mentions: ``start``, ``end``, ``text``, ``instance``, ``type``."""
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id"), int(t.get("sentence")), t.text or "") for t in root.iter("token")]
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    length, prev_sent, prev_tok = 0, None, None
    for t_id, sent, word in tokens:
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent and (prev_sent <= 1):
            sep = "\n\n"  # title, date, then the body
        elif word in NO_SPACE_BEFORE or prev_tok in NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        pieces.append(sep)
        length += len(sep)
        offsets[t_id] = (length, length + len(word))
        pieces.append(word)
        length += len(word)
        prev_sent, prev_tok = sent, word
    text = "".join(pieces)

    markables = root.find("Markables")
    mentions = {}
    instances = {}
    for el in markables if markables is not None else ():
        if el.tag == "ENTITY_MENTION" and el.get("syntactic_type") == "NAM":
            ids = [a.get("t_id") for a in el.findall("token_anchor") if a.get("t_id") in offsets]
            if ids:
                mentions[el.get("m_id")] = (min(offsets[i][0] for i in ids), max(offsets[i][1] for i in ids))
        elif el.tag == "ENTITY":
            instances[el.get("m_id")] = el.get("ent_type")
    gold = []
    relations = root.find("Relations")
    for rel in relations.iter("REFERS_TO") if relations is not None else ():
        target = rel.find("target").get("m_id")
        if instances.get(target) not in SCORED_TYPES:
            continue
        for source in rel.findall("source"):
            span = mentions.get(source.get("m_id"))
            if span:
                gold.append({"start": span[0], "end": span[1], "text": text[span[0]:span[1]],
                             "instance": target, "type": instances[target]})
    return text, gold


def predicted_actors(gold: list[dict], frame) -> list[str]:
    """The actor of the predicted mention overlapping each gold mention most; a unique key when none."""
    rows = list(frame[["start", "end", "actor", "kind"]].itertuples(index=False))
    out = []
    for k, g in enumerate(gold):
        best, best_key = None, None
        for start, end, actor, kind in rows:
            overlap = min(end, g["end"]) - max(start, g["start"])
            if overlap <= 0:
                continue
            key = (kind != "description", overlap)
            if best_key is None or key > best_key:
                best, best_key = actor, key
        out.append(best if best is not None else f"\0unmatched{k}")
    return out


def pair_counts(gold: list[dict], actors: list[str]) -> tuple[int, int, int, list]:
    """(right same-actor pairs, predicted same-actor pairs, gold same-instance pairs, errors)."""
    tp = n_pred = n_gold = 0
    errors = []
    for i, j in itertools.combinations(range(len(gold)), 2):
        same_gold = gold[i]["instance"] == gold[j]["instance"]
        same_pred = actors[i] == actors[j]
        tp += same_gold and same_pred
        n_pred += same_pred
        n_gold += same_gold
        if same_gold != same_pred and gold[i]["text"] != gold[j]["text"]:
            errors.append(("split" if same_gold else "merged", gold[i]["text"], actors[i], gold[j]["text"], actors[j]))
    return tp, n_pred, n_gold, errors


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="MEANTIME folder of CAT XML files (searched recursively)")
    parser.add_argument("--errors", type=int, default=0, help="print N distinct pair errors")
    args = parser.parse_args()

    files = sorted(args.path.rglob("*.xml"))
    articles = [read_article(f) for f in files]
    nlp = get_nlp()
    t0 = time.perf_counter()
    docs = list(nlp.pipe([text for text, _ in articles], batch_size=8))
    seconds = time.perf_counter() - t0
    totals = [0, 0, 0]
    errors: dict[tuple, int] = {}
    print(f"{'article':44s} {'gold':>5s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for f, (_, gold), doc in zip(files, articles, docs, strict=True):
        actors = predicted_actors(gold, mentions_from_doc(doc))
        tp, n_pred, n_gold, errs = pair_counts(gold, actors)
        for e in errs:
            errors[e] = errors.get(e, 0) + 1
        totals = [a + b for a, b in zip(totals, (tp, n_pred, n_gold), strict=True)]
        p, r, f1 = prf(tp, n_pred, n_gold)
        print(f"{f.stem[:44]:44s} {len(gold):5d} {p:6.3f} {r:6.3f} {f1:6.3f}")
    for e, n in sorted(errors.items(), key=lambda kv: -kv[1])[:args.errors]:
        print(f"  {n:3d}x {e[0]:6s} {e[1]!r} -> {e[2]!r} | {e[3]!r} -> {e[4]!r}")
    p, r, f1 = prf(*totals)
    print(f"{len(files)} articles, {sum(len(g) for _, g in articles)} gold named mentions, "
          f"{totals[2]} gold same-entity pairs, parsed in {seconds:.1f}s")
    print(f"pairwise canonicalisation P {p:.3f} R {r:.3f} F1 {f1:.3f}")


if __name__ == "__main__":
    main()
