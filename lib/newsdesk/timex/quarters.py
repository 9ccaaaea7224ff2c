"""Rules: quarters and halves."""

from __future__ import annotations

import datetime as dt
import re

from newsdesk.timex.registry import rule
from newsdesk.timex.values import _quarter, _shift_months
from newsdesk.timex.vocab import ORDINALS, YEAR, _ci


# quarters and halves: "the third quarter", "third-quarter", "Q3 2013", "the first half of 1990"
@rule(rf"(?:(?P<pre>{YEAR})\s+)?(?P<u>[QH])(?P<n>[1-4])(?:\s+(?P<year>{YEAR})|['’](?P<yy>\d\d))?\b")
def _q_code(m, ctx):
    n = int(m["n"])
    if m["u"] == "H" and n > 2:
        return None
    year = m["pre"] or m["year"] or (f"20{m['yy']}" if m["yy"] else None)
    if year is None:
        year = "XXXX" if ctx.ref is None else f"{ctx.ref.year:04d}"
    return "DATE", f"{year}-{m['u']}{n}"


@rule(rf"(?:(?P<the>{_ci('the|its|this|that|a|their|last|next')})\s+)?(?:(?P<lyear>{YEAR}|{_ci('this|last|next')}\s+{_ci('year')}['’]s|{_ci('the year-(?:ago|earlier)|year-(?:ago|earlier)|last year')}['’]?s?)\s+)?(?:{_ci('fiscal|calendar|flat|latest')}[\s-]+)?(?P<ord>{_ci('first|second|third|fourth|1st|2nd|3rd|4th|last|latter|final')})[\s-]+(?P<unit>{_ci('quarter|half')})(?:s\b)?(?:\s+{_ci('of')}\s+(?:{_ci('fiscal')}\s+)?(?P<year>{YEAR}))?(?:\s+(?P<ryear>{_ci('last|this|next')})\s+{_ci('year')})?")
def _quarter_rule(m, ctx):
    unit = "Q" if m["unit"].lower() == "quarter" else "H"
    if m["ord"].lower() in ("last", "latter", "final"):
        # "the last half of 1989" is its second half; without a year "the last quarter" is
        # the one before (_the_quarter) and "the final quarter" may be a game's
        if not m["year"] or m.group(0).lower().endswith("s"):
            return None
        n = 4 if unit == "Q" else 2
    else:
        n = ORDINALS[m["ord"].lower()]
    if m.group(0).lower().endswith("s") and m.group(0).lower().rstrip("s").endswith(("quarter", "half")):
        return "SET", f"XXXX-{unit}{n}"
    y = None
    if m["year"]:
        y = int(m["year"])
    elif m["lyear"] and re.match(r"\d", m["lyear"]):
        y = int(m["lyear"][:4])
    elif ctx.ref is not None:
        y = ctx.ref.year
        rel = (m["lyear"] or m["ryear"] or "").lower()
        if "last" in rel or "ago" in rel or "earlier" in rel:
            y -= 1
        elif "next" in rel:
            y += 1
        elif not rel and unit == "Q" and n > _quarter(ctx.ref)[1] and ctx.tense(m.start(), m.end()) == "past":
            y -= 1
    return "DATE", f"{'XXXX' if y is None else f'{y:04d}'}-{unit}{n}"


@rule(rf"(?:(?P<the>{_ci('the|this|that|its|their')})\s+)?(?P<rel>{_ci('latest|most recent|recent|current|same|year-ago|year-earlier|comparable|previous|prior|next|coming|last')}[\s-]+)?(?:(?P<year>{YEAR})\s+)?(?P<unit>{_ci('quarter|period')})(?![\s-]+{_ci('century|mile|point|percent|of an? ')})\b(?:\s+(?P<ago>{_ci('a year (?:ago|earlier)|last year')}))?")
def _the_quarter(m, ctx):
    """ "the quarter", "the latest quarter", "the year-ago period": the reporting period in play."""
    if not (m["the"] or m["rel"] or m["year"]):
        return None
    rel = re.sub(r"[\s-]+", " ", (m["rel"] or "").lower()).strip()
    last = ctx.last_quarter(completed=rel in ("latest", "most recent", "last"))
    if m["unit"].lower() == "period" and not (last and (rel or m["year"])):
        return None  # "the period" means a quarter only in earnings news, with a qualifier
    if ctx.ref is None and not last:
        return "DATE", "XXXX-QX"
    if m["the"] and m["the"].lower() == "this" and not rel:
        rel = "current"
    if ctx.ref is None and rel in ("current", "next", "coming"):
        return "DATE", "XXXX-QX"  # counted from the article date, which is missing
    if rel in ("current", "next", "coming") or not last:
        y, q = _quarter(ctx.ref)
        if rel in ("next", "coming"):
            y, q = _quarter(_shift_months(ctx.ref, 3))
        elif rel != "current":
            y, q = _quarter(_shift_months(ctx.ref, -3))  # reports come out after the quarter
    else:
        y, q = int(last[:4]), int(last[-1])
        if rel in ("previous", "prior"):
            y, q = _quarter(_shift_months(dt.date(y, 3 * q, 1), -3))
    if rel in ("year ago", "year earlier", "comparable") or m["ago"]:
        y -= 1
    if m["year"]:
        y = int(m["year"])
    return "DATE", f"{y:04d}-Q{q}"


