"""Score :func:`newsdesk.quotes.quotes_from_doc` on PolNeAR (brat standoff attributions).

Usage::

    python benchmarks/eval_quotes.py DIR [--limit N] [--errors N] [--cache DIR]

DIR is a PolNeAR split (``dev`` or ``train``) with ``text/*.txt`` and
``attributions/*.ann``. Articles annotated by several annotators are scored
against the first annotation file (sorted by name).

Gold quotes are the passages between double quote marks inside each
attribution's Content (a mark left open runs to the end of the Content
fragment); the attribution's Source is the speaker. Predicted quotes are the
rows not flagged ``scare``. Scores:

- quote detection precision, recall, F1 (a predicted and a gold quote match
  when their spans overlap; one-to-one, largest overlap first);
- speaker accuracy on matched quotes: the predicted speaker span overlaps
  the gold Source span, or the canonical speaker shares a name word with the
  Source text (a gold quote without Source wants no speaker);
- attributed-quote F1: quote matched and speaker right.

A naive baseline (the same quote spans, nearest named entity as speaker) is
scored alongside. Parsed documents are cached (spaCy ``DocBin``) under
``--cache`` keyed by the pipeline code, so reruns only redo the quote step.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from pathlib import Path

import pandas as pd
from eval_timex import match  # one-to-one matching of overlapping spans, largest overlap first
from spacy.tokens import DocBin

import newsdesk
from newsdesk import actors, quotes
from newsdesk.nlp import get_nlp, model_name

OPEN, CLOSE, STRAIGHT = "\u201c", "\u201d", '"'
STOP = {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "his", "her", "their", "its"}


# --------------------------------------------------------------------------- gold


def _spans(field: str) -> list[tuple[int, int]]:
    return [tuple(int(x) for x in frag.split()) for frag in field.split(";")]


def read_ann(path: Path) -> list[dict]:
    """Attributions of one .ann file: ``content`` and ``source`` lists of (start, end)."""
    spans, out = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, where = parts[1].partition(" ")
            spans[parts[0]] = (kind, _spans(where))
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split())
            roles: dict[str, list] = {"content": [], "source": []}
            for role, tid in args.items():
                role = re.sub(r"\d+$", "", role).lower()
                if role in roles and tid in spans:
                    roles[role] += spans[tid][1]
            out.append(roles)
    return out


def quoted_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Passages between double marks inside ``text[start:end]``; an open mark runs to ``end``."""
    segs, opened = [], None
    for i in range(start, end):
        ch = text[i]
        if ch == OPEN or (ch == STRAIGHT and opened is None):
            if opened is None:
                opened = i + 1
        elif ch in (CLOSE, STRAIGHT):
            segs.append((start if opened is None else opened, i))
            opened = None
    if opened is not None:
        segs.append((opened, end))
    return [(s, e) for s, e in segs if any(c.isalnum() for c in text[s:e])]


def gold_quotes(text: str, attributions: list[dict]) -> list[dict]:
    out = []
    for att in attributions:
        for s, e in att["content"]:
            for qs, qe in quoted_segments(text, s, e):
                out.append({"start": qs, "end": qe, "source": att["source"],
                            "source_text": " ".join(text[a:b] for a, b in att["source"])})
    return out


# --------------------------------------------------------------------------- predictions


def cache_key() -> str:
    """Changes when parsing or entity results could change (not with the quote code)."""
    pkg = Path(newsdesk.__file__).parent
    h = hashlib.sha1(model_name().encode())
    for path in [pkg / "nlp.py", pkg / "actors.py", *sorted((pkg / "data").glob("*actor*")),
                 *sorted((pkg / "data").glob("*demonym*"))]:
        if path.exists():
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def parse_all(texts: list[str], cache_dir: Path) -> list:
    nlp = get_nlp()
    digest = hashlib.sha1("\x00".join(texts).encode()).hexdigest()[:10]
    path = cache_dir / f"polnear-{cache_key()}-{digest}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=8))
    cache_dir.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=True, docs=docs).to_disk(path)
    return docs


def naive(doc) -> pd.DataFrame:
    """Baseline: the same quote spans, the nearest named entity as speaker."""
    ents = [e for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
    rows = []
    for s, e in quotes.quote_spans(doc.text):
        out = [x for x in ents if x.end_char <= s or x.start_char >= e]
        near = min(out, key=lambda x: min(abs(x.start_char - e), abs(x.end_char - s)), default=None)
        rows.append({"start": s, "end": e, "speaker": near.text if near else None,
                     "speaker_start": near.start_char if near else None,
                     "speaker_end": near.end_char if near else None, "scare": False})
    return pd.DataFrame(rows, columns=["start", "end", "speaker", "speaker_start", "speaker_end", "scare"])


# --------------------------------------------------------------------------- scoring


def _name_words(text) -> set[str]:
    if not isinstance(text, str):
        return set()
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019.-]+", text)
    return {re.sub(r"['\u2019]s$", "", w).lower() for w in words if w[0].isupper()} - STOP


def speaker_right(pred: dict, gold: dict) -> bool:
    if not gold["source"]:
        return pd.isna(pred["speaker_start"])
    if not pd.isna(pred["speaker_start"]):
        ps, pe = int(pred["speaker_start"]), int(pred["speaker_end"])
        if any(ps < e and s < pe for s, e in gold["source"]):
            return True
    return bool(_name_words(pred["speaker"]) & _name_words(gold["source_text"]))


def score(results: list[tuple[str, str, pd.DataFrame, list[dict]]]) -> tuple[dict, list[dict]]:
    n_pred = n_gold = n_match = n_right = 0
    errors = []
    for name, text, frame, golds in results:
        preds = frame[~frame["scare"]].to_dict("records")
        n_pred += len(preds)
        n_gold += len(golds)
        for p, g in match(preds, golds):
            n_match += 1
            ok = speaker_right(p, g)
            n_right += ok
            if not ok:
                errors.append({"article": name, "quote": text[p["start"]:p["end"]][:60], "pred": p["speaker"],
                               "pred_span": "" if pd.isna(p["speaker_start"])
                               else text[int(p["speaker_start"]):int(p["speaker_end"])],
                               "gold": g["source_text"]})

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    qp, qr = n_match / max(n_pred, 1), n_match / max(n_gold, 1)
    ap, ar = n_right / max(n_pred, 1), n_right / max(n_gold, 1)
    return {
        "pred": n_pred, "gold": n_gold, "matched": n_match, "quote_p": qp, "quote_r": qr, "quote_f1": f1(qp, qr),
        "speaker_acc": n_right / max(n_match, 1), "attr_p": ap, "attr_r": ar, "attr_f1": f1(ap, ar),
    }, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path, help="PolNeAR split folder with text/ and attributions/")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    ap.add_argument("--errors", type=int, default=0, help="print N speaker errors")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/newsdesk-eval-cache"), help="parsed-doc cache")
    args = ap.parse_args(argv)

    anns: dict[str, Path] = {}
    for path in sorted((args.dir / "attributions").glob("*.ann")):
        anns.setdefault(path.stem.rsplit("_", 1)[0], path)
    names = sorted(n for n in anns if (args.dir / "text" / f"{n}.txt").exists())
    if args.limit:
        names = names[:args.limit]
    texts = [(args.dir / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names]
    golds = [gold_quotes(t, read_ann(anns[n])) for n, t in zip(names, texts, strict=True)]

    t0 = time.perf_counter()
    docs = parse_all(texts, args.cache)
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = [quotes.quotes_from_doc(d, actors.mentions_from_doc(d)) for d in docs]
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    base = [naive(d) for d in docs]
    t_base = time.perf_counter() - t0

    rows = {}
    for label, frames in (("naive baseline", base), ("newsdesk", ours)):
        rows[label], errors = score(list(zip(names, texts, frames, golds, strict=True)))
    table = pd.DataFrame(rows).T
    pd.set_option("display.width", 200)
    print(f"{len(names)} articles from {args.dir.name}; parse {t_parse:.1f}s; "
          f"quote step {t_ours:.1f}s ({t_ours / max(t_base, 1e-9):.1f}x the baseline's)")
    print(table.round(3).to_string())
    if args.errors:
        pd.set_option("display.max_colwidth", 60)
        print(pd.DataFrame(errors).head(args.errors).to_string())
    r = rows["newsdesk"]
    print(f"SUMMARY quote F1 {r['quote_f1']:.3f}, speaker accuracy {r['speaker_acc']:.3f}, "
          f"attributed-quote F1 {r['attr_f1']:.3f} (baseline {rows['naive baseline']['attr_f1']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
