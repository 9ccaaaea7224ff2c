"""Score newsdesk's actor mentions against CoNLL-2003 named entities.

    python benchmarks/eval_ner.py --conll /path/to/conll2003/eng.testa

Each CoNLL document becomes one text (tokens joined by spaces, sentences by
newlines) and goes through the real pipeline (`newsdesk.nlp.get_nlp`, with the actor
ruler filled from the shipped actor table) and
`newsdesk.actors.mentions_from_doc`, exactly as `find_mentions` does. Labels
map PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC; MISC (and NORP) is not
scored; descriptions ("the Ukrainian leader") are not names and are left out.
Spans must match exactly. The baseline is raw spaCy: the same model with the
newsdesk components switched off, in the same process.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsdesk.actors import mentions_from_doc
from newsdesk.nlp import get_nlp

LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SCORED = ("PER", "ORG", "LOC")
NEWSDESK_PIPES = ("newsdesk_ruler", "newsdesk_actors")


def read_conll(path: Path) -> list[tuple[str, set]]:
    """Documents as (text, {(start, end, type)}) with gold PER/ORG/LOC spans."""
    docs, sents, sent = [], [], []

    def close_doc():
        if sent:
            sents.append(list(sent))
            sent.clear()
        if sents:
            docs.append(_document(sents))
            sents.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            close_doc()
        elif not line.strip():
            if sent:
                sents.append(list(sent))
                sent.clear()
        else:
            parts = line.split()
            sent.append((parts[0], parts[-1]))
    close_doc()
    return docs


def _document(sents: list[list[tuple[str, str]]]) -> tuple[str, set]:
    text, gold, offset = [], set(), 0
    for s_i, sent in enumerate(sents):
        if s_i:
            text.append("\n")
            offset += 1
        current = None  # [start, end, type]
        for t_i, (word, tag) in enumerate(sent):
            if t_i:
                text.append(" ")
                offset += 1
            start, end = offset, offset + len(word)
            text.append(word)
            offset = end
            kind = tag[2:] if tag != "O" else None
            if current and (kind != current[2] or tag.startswith("B-")):
                gold.add(tuple(current))
                current = None
            if kind:
                if current:
                    current[1] = end
                else:
                    current = [start, end, kind]
        if current:
            gold.add(tuple(current))
    return "".join(text), {g for g in gold if g[2] in SCORED}


def _ours(doc) -> set:
    frame = mentions_from_doc(doc)
    frame = frame[frame["kind"] != "description"]
    return {(s, e, LABEL_MAP[label]) for s, e, label in frame[["start", "end", "label"]].itertuples(index=False)
            if label in LABEL_MAP}


def _raw(doc) -> set:
    return {(e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP}


def score(pairs) -> dict[str, tuple[float, float, float]]:
    counts = {k: [0, 0, 0] for k in (*SCORED, "micro")}  # tp, n_pred, n_gold
    for gold, pred in pairs:
        for key in (*SCORED, "micro"):
            g = {x for x in gold if key in ("micro", x[2])}
            p = {x for x in pred if key in ("micro", x[2])}
            counts[key][0] += len(g & p)
            counts[key][1] += len(p)
            counts[key][2] += len(g)
    out = {}
    for key, (tp, n_pred, n_gold) in counts.items():
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[key] = (precision, recall, f1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", type=Path, required=True, help="CoNLL-2003 file, e.g. eng.testa")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N documents")
    args = parser.parse_args()

    documents = read_conll(args.conll)
    if args.limit:
        documents = documents[:args.limit]
    nlp = get_nlp()
    texts = [text for text, _ in documents]
    t0 = time.perf_counter()
    ours = [_ours(doc) for doc in nlp.pipe(texts, batch_size=16)]
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=[p for p in NEWSDESK_PIPES if p in nlp.pipe_names]):
        raw = [_raw(doc) for doc in nlp.pipe(texts, batch_size=16)]
    t_raw = time.perf_counter() - t0

    golds = [gold for _, gold in documents]
    base, mine = score(zip(golds, raw, strict=True)), score(zip(golds, ours, strict=True))
    print(f"{len(documents)} documents, {sum(len(g) for g in golds)} gold PER/ORG/LOC entities")
    print(f"{'type':6s} {'raw P':>7s} {'raw R':>7s} {'raw F1':>7s} {'nd P':>7s} {'nd R':>7s} {'nd F1':>7s}")
    for key in (*SCORED, "micro"):
        print(f"{key:6s} " + " ".join(f"{v:7.3f}" for v in (*base[key], *mine[key])))
    print(f"speed: newsdesk {t_ours:.1f}s, raw spaCy {t_raw:.1f}s (ratio {t_ours / max(t_raw, 1e-9):.2f})")
    print(f"micro-F1 newsdesk {mine['micro'][2]:.3f} vs raw spaCy {base['micro'][2]:.3f}")


if __name__ == "__main__":
    main()
