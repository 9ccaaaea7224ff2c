"""Score the rule that dates events (:mod:`newsdesk.events`) on TimeML event-time links.

Usage::

    python benchmarks/eval_event_dates.py DIR [DIR ...] [--cache FILE]

Each DIR holds TimeML ``.tml`` files (e.g. TempEval-3 ``TBAQ-cleaned/TimeBank``
and ``AQUAINT``). The gold temporal expressions are given to
``events_from_doc`` (so tagger errors do not count; ``--tagger`` uses
:func:`newsdesk.find_timexes` instead), with calendar intervals for day,
month and year values. A test item is a gold TLINK between an EVENT
and a DATE/TIME expression of the same sentence: ``anchor`` items
(``IS_INCLUDED``: the event happened within that date) are right when the
``events`` row whose action holds the event word is dated by that expression,
``outside`` items (``BEFORE``, ``AFTER``, ...) when it is not. Scores count
the events the extractor finds (a verb clause or event noun).

Baseline on the same items: ``nearest_timex`` dates every event by the
closest date expression of its sentence. Prints a table per folder and kind
and one summary line.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

import pandas as pd
from eval_timex import parsed_docs  # the same DocBin-cached parse as the timex benchmark

from newsdesk import events, segment
from newsdesk.timex import TIMEX_COLUMNS, find_timexes

TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> dict:
    """Text, DCT, gold timexes and events (with offsets) and TLINKs of one TimeML file."""
    raw = path.read_text(encoding="utf-8")
    dct_tag = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    dct = dict(ATTR.findall(dct_tag.group(0)))["value"] if dct_tag else ""
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
    out, found, opened = [], {"TIMEX3": [], "EVENT": []}, {}
    pos = length = 0
    for m in TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.groups()
        if name not in found:
            continue
        if not closing:
            opened[name] = dict(ATTR.findall(attrs), start=length)
        elif name in opened:
            found[name].append({**opened.pop(name), "end": length})
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    for rows in found.values():
        for r in rows:
            r["text"] = text[r["start"]:r["end"]]
    instances = {a["eiid"]: a["eventID"] for a in (dict(ATTR.findall(t)) for t in re.findall(r"<MAKEINSTANCE[^>]*>", raw))}
    links = [dict(ATTR.findall(t)) for t in re.findall(r"<TLINK[^>]*>", raw)]
    return {"text": text, "dct": dct, "timexes": found["TIMEX3"], "events": found["EVENT"],
            "instances": instances, "links": links}


def interval(value: str) -> tuple:
    """(date_start, date_end, granularity) of a day, month or year TIMEX3 value, else NaT."""
    for pattern, freq, gran in ((r"\d{4}-\d{2}-\d{2}", "D", "day"), (r"\d{4}-\d{2}", "M", "month"),
                                (r"\d{4}", "Y", "year")):
        m = re.match(pattern + r"(?:$|T)", value or "")
        if m:
            period = pd.Period(value[:len(m.group(0).rstrip("T"))], freq=freq)
            return period.start_time, period.end_time.normalize(), gran
    return pd.NaT, pd.NaT, None


def timex_frame(doc_gold: dict) -> pd.DataFrame:
    rows = []
    for t in doc_gold["timexes"]:
        if t.get("functionInDocument") == "CREATION_TIME":
            continue
        start, end, gran = interval(t.get("value", ""))
        rows.append((t["start"], t["end"], t["text"], t.get("type"), t.get("value"), start, end, gran))
    return pd.DataFrame(rows, columns=TIMEX_COLUMNS)


#: TLINK types saying the event lies within the date, and those saying it lies outside.
ANCHOR_RELS = {"IS_INCLUDED"}
OUTSIDE_RELS = {"BEFORE", "AFTER", "IBEFORE", "IAFTER"}


def items(doc_gold: dict, sents: pd.DataFrame, tx: pd.DataFrame) -> list[dict]:
    """Gold event-date links inside one sentence: ``anchor`` (IS_INCLUDED) or ``outside`` (BEFORE, AFTER, ...)."""
    ev_by_id = {e["eid"]: e for e in doc_gold["events"]}
    tx_by_id = {t["tid"]: t for t in doc_gold["timexes"]}
    anchors = tx[tx["type"].isin(["DATE", "TIME"]) & tx["date_start"].notna()]
    sent_of = dict(zip(sents["start"], sents["sent_id"], strict=True))
    starts = sents["start"].to_numpy()

    def sent_id(offset: int) -> int:
        i = (starts <= offset).sum() - 1
        return -1 if i < 0 or offset >= sents["end"].iloc[i] else sent_of[starts[i]]

    out = []
    for link in doc_gold["links"]:
        rel = link.get("relType")
        if rel not in ANCHOR_RELS | OUTSIDE_RELS or "eventInstanceID" not in link or "relatedToTime" not in link:
            continue
        e = ev_by_id.get(doc_gold["instances"].get(link["eventInstanceID"], ""))
        t = tx_by_id.get(link["relatedToTime"])
        if e is None or t is None or t["start"] not in set(anchors["start"]):
            continue
        sid = sent_id(e["start"])
        if sid < 0 or sid != sent_id(t["start"]):
            continue
        in_sent = anchors[[sent_id(s) == sid for s in anchors["start"]]]
        nearest = int(in_sent.loc[(in_sent["start"] - e["start"]).abs().idxmin(), "start"])
        kind = "anchor" if rel in ANCHOR_RELS else "outside"
        out.append({"event": e, "timex": t, "kind": kind, "nearest_ok": (nearest == t["start"]) == (kind == "anchor")})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--cache", type=Path, help="DocBin file keeping the parses between runs")
    ap.add_argument("--errors", type=int, default=0, help="print this many wrongly dated events")
    ap.add_argument("--tagger", action="store_true",
                    help="date events with newsdesk's own temporal expressions instead of the gold ones")
    args = ap.parse_args(argv)
    table, errors = [], []
    for folder in args.dirs:
        gold = [read_tml(p) for p in sorted(folder.glob("*.tml"))]
        cache = args.cache.with_name(f"{args.cache.stem}-{folder.name}{args.cache.suffix}") if args.cache else None
        docs = parsed_docs([g["text"] for g in gold], cache)
        coder = events.EventCoder()
        for g, doc in zip(gold, docs, strict=True):
            sents = segment.sentences(doc, segment.paragraphs(g["text"])).assign(compound=0.0)
            tx = timex_frame(g)
            used = find_timexes(g["text"], g["dct"], doc=doc) if args.tagger else tx
            ev = events.events_from_doc(doc, sents, pd.DataFrame(columns=["start", "end", "actor"]), used,
                                        interval(g["dct"])[0], coder=coder)
            for it in items(g, sents, tx):
                e, t = it["event"], it["timex"]
                rows = ev[(ev["start"] <= e["start"]) & (e["start"] < ev["end"])
                          & ev["action"].str.lower().str.contains(e["text"].lower(), regex=False)]
                rec = {"folder": folder.name, "kind": it["kind"], "found": not rows.empty,
                       "nearest": it["nearest_ok"], "ours": False}
                if not rows.empty:
                    row = rows.loc[(rows["end"] - rows["start"]).idxmin()]
                    dated_by_t = row["date_source"] == "timex" and row["timex"] == t["text"]
                    rec["ours"] = dated_by_t == (it["kind"] == "anchor")
                    if not rec["ours"] and len(errors) < args.errors:
                        errors.append(f"{it['kind']}: {e['text']!r} gold {t['text']!r} ours {row['timex']!r}"
                                      f" | {row['text'][:100]}")
                table.append(rec)
    scores = pd.DataFrame(table)
    found = scores[scores["found"]]
    summary = (found.groupby(["folder", "kind"], sort=False)
               .agg(items=("ours", "size"), ours=("ours", "mean"), nearest_timex=("nearest", "mean"))
               .round(3).reset_index())
    summary.insert(3, "links", scores.groupby(["folder", "kind"], sort=False).size().to_numpy())
    for line in errors:
        print(line)
    print(summary.to_string(index=False))
    print(f"event dating on {len(scores)} gold event-date links within a sentence ({len(found)} events extracted): "
          f"ours {found['ours'].mean():.3f}, nearest-timex baseline {found['nearest'].mean():.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
