"""Score :func:`newsdesk.find_timexes` on TimeML documents (TempEval-3 style).

Usage::

    python benchmarks/eval_timex.py DIR [DIR ...] [--errors N] [--dump FILE]

Each DIR holds ``.tml`` files (e.g. TempEval-3 ``TBAQ-cleaned/TimeBank`` and
``TBAQ-cleaned/AQUAINT``). The tags inside ``<TEXT>`` are stripped, keeping
character offsets into the plain text; the DCT (the TIMEX3 with
``functionInDocument="CREATION_TIME"``) is the reference date.

Scores as the TempEval-3 entity scorer defines them: strict (same span) and
relaxed (overlapping spans) precision, recall and F1; type accuracy on
relaxed matches; and value F1 = 2 x correct values / (system + gold), a value
counting as correct on a relaxed match with the gold value.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from pathlib import Path

import pandas as pd

from newsdesk.timex import find_timexes

TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> tuple[str, str, list[dict]]:
    """``(text, dct, gold)`` of one TimeML file; gold rows have start/end/text/type/value."""
    raw = path.read_text(encoding="utf-8")
    dct_tag = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    dct = dict(ATTR.findall(dct_tag.group(0)))["value"] if dct_tag else ""
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
    out, gold, open_timex = [], [], None
    pos, length = 0, 0
    for m in TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = dict(ATTR.findall(attrs), start=length)
        elif open_timex is not None:
            open_timex["end"] = length
            gold.append(open_timex)
            open_timex = None
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    for g in gold:
        g["text"] = text[g["start"]:g["end"]]
    return text, dct, gold


def match(system: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one relaxed matches (overlapping spans), largest overlap first."""
    pairs = []
    for si, s in enumerate(system):
        for gi, g in enumerate(gold):
            overlap = min(s["end"], g["end"]) - max(s["start"], g["start"])
            if overlap > 0:
                pairs.append((-overlap, si, gi))
    used_s, used_g, out = set(), set(), []
    for _, si, gi in sorted(pairs):
        if si not in used_s and gi not in used_g:
            used_s.add(si)
            used_g.add(gi)
            out.append((system[si], gold[gi]))
    return out


def parsed_docs(texts: list[str], cache: Path | None) -> list:
    """spaCy docs of ``texts`` from the shared pipeline, kept in ``cache`` (a DocBin) if given."""
    from spacy.tokens import DocBin

    from newsdesk.nlp import get_nlp

    nlp = get_nlp()
    if cache and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts, batch_size=8))
    if cache:
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def evaluate(files: list[Path], parse: bool = False, cache: Path | None = None) -> tuple[dict, list[dict], float]:
    counts = dict(sys=0, gold=0, strict=0, relaxed=0, type=0, value=0)
    errors = []
    elapsed = 0.0
    read = [read_tml(path) for path in files]
    docs = parsed_docs([r[0] for r in read], cache) if parse else [None] * len(read)
    for path, (text, dct, gold), doc in zip(files, read, docs, strict=True):
        t0 = time.process_time()
        frame = find_timexes(text, dct, doc=doc)
        elapsed += time.process_time() - t0
        system = frame.to_dict("records")
        counts["sys"] += len(system)
        counts["gold"] += len(gold)
        matched = match(system, gold)
        seen_s, seen_g = set(), set()
        for s, g in matched:
            seen_s.add(id(s))
            seen_g.add(id(g))
            counts["relaxed"] += 1
            strict = s["start"] == g["start"] and s["end"] == g["end"]
            counts["strict"] += strict
            counts["type"] += s["type"] == g["type"]
            counts["value"] += s["value"] == g["value"]
            if not (strict and s["type"] == g["type"] and s["value"] == g["value"]):
                errors.append(dict(doc=path.stem, dct=dct, kind="mismatch", sys=s["text"], gold=g["text"],
                                   sys_type=s["type"], gold_type=g["type"],
                                   sys_value=s["value"], gold_value=g["value"],
                                   context=_context(text, g["start"], g["end"])))
        for s in system:
            if id(s) not in seen_s:
                errors.append(dict(doc=path.stem, dct=dct, kind="spurious", sys=s["text"], gold="",
                                   sys_type=s["type"], gold_type="", sys_value=s["value"], gold_value="",
                                   context=_context(text, s["start"], s["end"])))
        for g in gold:
            if id(g) not in seen_g:
                errors.append(dict(doc=path.stem, dct=dct, kind="missed", sys="", gold=g["text"],
                                   sys_type="", gold_type=g["type"], sys_value="", gold_value=g["value"],
                                   context=_context(text, g["start"], g["end"])))
    return counts, errors, elapsed


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"{left}[{text[start:end]}]{right}"


def scores(c: dict) -> dict:
    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    sp = c["strict"] / c["sys"] if c["sys"] else 0.0
    sr = c["strict"] / c["gold"] if c["gold"] else 0.0
    rp = c["relaxed"] / c["sys"] if c["sys"] else 0.0
    rr = c["relaxed"] / c["gold"] if c["gold"] else 0.0
    return {
        "gold": c["gold"], "system": c["sys"],
        "strict_P": sp, "strict_R": sr, "strict_F1": f1(sp, sr),
        "relaxed_P": rp, "relaxed_R": rr, "relaxed_F1": f1(rp, rr),
        "type_acc": c["type"] / c["relaxed"] if c["relaxed"] else 0.0,
        "value_F1": 2 * c["value"] / (c["sys"] + c["gold"]) if c["sys"] + c["gold"] else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path, help="folders of .tml files")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per folder")
    parser.add_argument("--dump", type=Path, help="write every error to this CSV")
    parser.add_argument("--parse", action="store_true",
                        help="pass the spaCy parse of each document (tense from the parse)")
    parser.add_argument("--doc-cache", type=Path, help="folder to keep parsed documents between runs")
    args = parser.parse_args(argv)

    rows, all_errors = [], []
    total = dict(sys=0, gold=0, strict=0, relaxed=0, type=0, value=0)
    for folder in args.dirs:
        files = sorted(folder.glob("*.tml"))
        if not files:
            print(f"no .tml files in {folder}", file=sys.stderr)
            return 2
        cache = args.doc_cache / f"{folder.name}.spacy" if args.doc_cache else None
        if cache:
            args.doc_cache.mkdir(parents=True, exist_ok=True)
        counts, errors, elapsed = evaluate(files, parse=args.parse, cache=cache)
        for k in total:
            total[k] += counts[k]
        rows.append({"set": folder.name, "docs": len(files), **scores(counts), "cpu_ms_per_doc": 1000 * elapsed / len(files)})
        all_errors += [dict(set=folder.name, **e) for e in errors]
        if args.errors:
            frame = pd.DataFrame(errors)
            with pd.option_context("display.width", 250, "display.max_colwidth", 90):
                print(frame.sample(min(args.errors, len(frame)), random_state=0)
                      [["kind", "sys", "gold", "sys_value", "gold_value", "context"]].to_string())
    table = pd.DataFrame(rows).set_index("set")
    with pd.option_context("display.width", 250, "display.float_format", "{:.3f}".format):
        print(table.to_string())
    if args.dump:
        pd.DataFrame(all_errors).to_csv(args.dump, index=False)
    worst = min(rows, key=lambda r: r["value_F1"])
    print("value F1: " + ", ".join(f"{r['set']} {r['value_F1']:.3f}" for r in rows)
          + f" (lowest {worst['set']} {worst['value_F1']:.3f}; goal 0.80)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
