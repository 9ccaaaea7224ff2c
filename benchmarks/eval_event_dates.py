"""Score the dates of coded events (:mod:`newsdesk.events`) against gold event dates.

Usage::

    python benchmarks/eval_event_dates.py DIR [DIR ...] [--cache FILE] [--seed GOLD.json ARTICLE.txt]

**TimeML** (each DIR holds ``.tml`` files, e.g. TempEval-3 ``TBAQ-cleaned/TimeBank``
and ``AQUAINT``): every article goes through the whole analysis (spaCy parse,
actor mentions, newsdesk's own temporal expressions, the event coder), so
what is scored is what ``corpus.events`` would hold. Each coded event is matched
to the gold EVENT that its action word is (inside the event's clause). Its
gold date is the finest DATE/TIME expression the event is anchored in by a
TLINK (``IS_INCLUDED``, ``DURING``, ``SIMULTANEOUS``, ``BEGINS``, ``ENDS``;
the document creation time counts: "Friday's vote" and "the bank said" are
anchored in the DCT). Items are the matched events that have such a gold date:

* ``right``: our ``date_start``..``date_end`` overlaps the gold interval;
* ``wrong``: our interval misses it (e.g. the article date for an event of 1990);
* ``undated``: we gave no date (planned, hypothetical, background).

``precision`` = right / (right + wrong), ``coverage`` = dated / items, and per
``date_source`` (``timex``: dated by a temporal expression, ``article``: by the
article date). Baselines on the same items: ``article`` dates every event by
the DCT, ``nearest`` by the closest resolved date expression of its sentence,
else the DCT. ``--gold-timex`` gives the coder the gold expressions instead of
the tagger's (so tagger errors do not count).

**Seed** (``--seed GOLD.json ARTICLE.txt``): the ``plover_events`` of the
hand-annotated seed article; an event's date is right when a row of
``corpus.events`` overlapping its context string and of an accepted type has a
``date_start`` on an accepted date.

Prints a table per folder and one summary line per measure.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd
from eval_timex import parsed_docs  # the same DocBin-cached parse as the timex benchmark

import newsdesk as nd
from newsdesk import actors, events, segment, sentiment
from newsdesk.timex import TIMEX_COLUMNS, find_timexes

TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> dict:
    """Text, DCT, gold timexes and events (with offsets) and TLINKs of one TimeML file."""
    raw = path.read_text(encoding="utf-8")
    dct_tag = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    dct_attrs = dict(ATTR.findall(dct_tag.group(0))) if dct_tag else {}
    dct, dct_tid = dct_attrs.get("value", ""), dct_attrs.get("tid")
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
    return {"text": text, "dct": dct, "dct_tid": dct_tid, "timexes": found["TIMEX3"], "events": found["EVENT"],
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
    """The gold temporal expressions of a document as a timex frame (calendar intervals for day, month, year)."""
    rows = []
    for t in doc_gold["timexes"]:
        if t.get("functionInDocument") == "CREATION_TIME":
            continue
        start, end, gran = interval(t.get("value", ""))
        rows.append((t["start"], t["end"], t["text"], t.get("type"), t.get("value"), start, end, gran))
    return pd.DataFrame(rows, columns=TIMEX_COLUMNS)


#: TLINK types that put the event inside the time expression's interval.
ANCHOR_RELS = {"IS_INCLUDED", "DURING", "SIMULTANEOUS", "BEGINS", "ENDS", "BEGUN_BY", "ENDED_BY"}


def gold_dates(doc_gold: dict) -> dict[str, tuple]:
    """event id -> (start, end, timex text) of the finest date the event is anchored in."""
    tx = {t["tid"]: t for t in doc_gold["timexes"]}
    if doc_gold.get("dct_tid"):
        tx[doc_gold["dct_tid"]] = {"value": doc_gold["dct"], "text": "DCT", "type": "DATE"}
    out: dict[str, tuple] = {}
    for link in doc_gold["links"]:
        rel, inst = link.get("relType"), link.get("eventInstanceID")
        t = tx.get(link.get("relatedToTime", ""))
        if rel not in ANCHOR_RELS or inst is None or t is None or t.get("type") not in {"DATE", "TIME"}:
            continue
        start, end, _ = interval(t.get("value", ""))
        eid = doc_gold["instances"].get(inst)
        if eid is None or pd.isna(start):
            continue
        if eid not in out or (end - start) < (out[eid][1] - out[eid][0]):
            out[eid] = (start, end, t["text"])
    return out


def overlaps(a0, a1, b0, b1) -> bool:
    return pd.notna(a0) and pd.notna(a1) and a0 <= b1 and b0 <= a1


def nearest(row, tx: pd.DataFrame, dct: tuple) -> tuple:
    """The baseline's date: the resolved date expression of the sentence nearest the event, else the DCT."""
    near = tx[(tx["start"] >= row["sent_start"]) & (tx["end"] <= row["sent_end"]) & tx["date_start"].notna()
              & tx["type"].isin(["DATE", "TIME"])]
    if near.empty:
        return dct
    best = near.loc[(near["start"] - row["start"]).abs().idxmin()]
    return best["date_start"], best["date_end"]


def score_tml(folder: Path, cache: Path | None, gold_timex: bool, errors: list[str], n_errors: int) -> list[dict]:
    gold = [read_tml(p) for p in sorted(folder.glob("*.tml"))]
    docs = parsed_docs([g["text"] for g in gold], cache)
    pipe = nd.Pipeline()
    out = []
    for g, doc in zip(gold, docs, strict=True):
        dct = interval(g["dct"])[:2]
        sents = sentiment.score_sentences(segment.sentences(doc, segment.paragraphs(g["text"])), pipe)
        mentions = actors.mentions_from_doc(doc, pipe)
        tx = timex_frame(g) if gold_timex else find_timexes(g["text"], g["dct"], doc=doc)
        ev = events.events_from_doc(doc, sents, mentions, tx, dct[0], pipe)
        if ev.empty:
            continue
        bounds = sents.set_index("sent_id")
        ev = ev.assign(sent_start=bounds.loc[ev["sent_id"], "start"].to_numpy(),
                       sent_end=bounds.loc[ev["sent_id"], "end"].to_numpy())
        dates = gold_dates(g)
        for row in ev.to_dict("records"):
            words = set(str(row["action"]).lower().split())
            match = [e for e in g["events"] if row["start"] <= e["start"] < row["end"] and e["text"].lower() in words
                     and e["eid"] in dates]
            if not match:
                continue
            g0, g1, gtext = dates[match[0]["eid"]]
            dated = pd.notna(row["date_start"])
            ok = overlaps(row["date_start"], row["date_end"], g0, g1)
            verdict = "right" if ok else "wrong" if dated else "undated"
            n0, n1 = nearest(row, tx, dct)
            out.append({"folder": folder.name, "date_source": row["date_source"], "verdict": verdict,
                        "article": overlaps(dct[0], dct[1], g0, g1), "nearest": overlaps(n0, n1, g0, g1)})
            if verdict == "wrong" and len(errors) < n_errors:
                errors.append(f"{'(nearest right) ' if out[-1]['nearest'] else ''}"
                              f"{row['event_type']} {row['action']!r}: gold {gtext!r} {g0.date()}..{g1.date()}, "
                              f"ours {row['date_source']} {row['timex']!r} {row['date_start'].date()} | {row['text'][:90]}")
    return out


def score_seed(gold_path: Path, article: Path) -> tuple[int, int]:
    """(dated right, events with a gold date) for the seed's plover_events."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["plover_events"]
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(article, tmp)
        corpus = nd.analyze(nd.load_articles(tmp), cache=False, progress=False)
    text, ev = corpus.articles["text"].iloc[0], corpus.events
    gold = [g for g in gold if g["dates"]]
    right = 0
    for g in gold:
        at = text.index(g["context"])
        cand = ev[(ev["start"] < at + len(g["context"])) & (ev["end"] > at) & ev["event_type"].isin(g["types"])]
        days = {d.strftime("%Y-%m-%d") for d in cand["date_start"].dropna()}
        right += any(d.startswith(x) for d in days for x in g["dates"])
    return right, len(gold)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--cache", type=Path, help="DocBin file keeping the parses between runs")
    ap.add_argument("--errors", type=int, default=0, help="print this many wrongly dated events")
    ap.add_argument("--gold-timex", action="store_true", help="give the coder the gold temporal expressions")
    ap.add_argument("--seed", nargs=2, type=Path, metavar=("GOLD", "ARTICLE"), help="also score the seed's plover_events")
    args = ap.parse_args(argv)
    rows, errors = [], []
    for folder in args.dirs:
        cache = args.cache.with_name(f"{args.cache.stem}-{folder.name}{args.cache.suffix}") if args.cache else None
        rows += score_tml(folder, cache, args.gold_timex, errors, args.errors)
    for line in errors:
        print(line)
    if rows:
        scores = pd.DataFrame(rows)
        scores["dated"] = scores["verdict"] != "undated"
        scores["right"] = scores["verdict"] == "right"
        table = (scores.groupby(["folder", "date_source"]).agg(
            items=("verdict", "size"), right=("right", "sum"), dated=("dated", "sum"),
            article_baseline=("article", "mean"), nearest_baseline=("nearest", "mean")).reset_index())
        table["precision"] = (table["right"] / table["dated"].where(table["dated"] > 0)).round(3)
        print(table.round(3).to_string(index=False))
        dated = scores[scores["dated"]]
        print(f"event dates on {len(scores)} coded events with a gold anchor: precision {dated['right'].mean():.3f} "
              f"({int(dated['right'].sum())}/{len(dated)}), coverage {scores['dated'].mean():.3f}, "
              f"undated {int((~scores['dated']).sum())}; baselines on the dated items: article date "
              f"{dated['article'].mean():.3f}, nearest timex {dated['nearest'].mean():.3f}")
    if args.seed:
        right, n = score_seed(*args.seed)
        print(f"seed plover_events with a gold date dated right: {right}/{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
