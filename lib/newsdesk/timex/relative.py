"""Rules: relative periods, vague references, "N days ago"."""

from __future__ import annotations

import datetime as dt
import re

from newsdesk.timex.registry import rule
from newsdesk.timex.tense import _ED_WORD, _PAST_CUES
from newsdesk.timex.values import (
    _at_granularity,
    _shift,
    _shift_months,
    _week,
    duration_value,
    parse_number,
)
from newsdesk.timex.vocab import APPROX, MOD, NUM, UNIT, _alt, _ci


# relative periods: "last week", "this year", "earlier this month", "the past year", "next month"
@rule(rf"(?:(?P<mod>{MOD})[\s-]+(?:{_ci('in')}\s+)?)?(?P<rel>{_ci('this|last|next|the past|the last|the coming|the current|the previous|the following|the same|that|the next|this past|this coming|past|coming|previous|current|the')})[\s-]+(?:{_ci('fiscal|calendar|full|latest fiscal')}\s+)?(?P<unit>{_ci('week|weekend|month|year|decade|century')})\b(?![\s-]+{_ci('old|long')}\b)(?:['’]s\s+{_ci('end')})?")
def _relative_period(m, ctx):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    mod = (m["mod"] or "").lower()
    if m["unit"][0].isupper() and m["rel"][0].isupper() and m.start() > 0 and ctx.text[m.start() - 1] in "\"“'‘":
        return None  # ABC's "This Week": a title
    if rel == "the" and not mod and unit == "year" and re.match(r"\s+before\b", ctx.text[m.end():m.end() + 8]):
        # "down from $450 million the year before": a year before the one in play
        recent = ctx.recent(m.start(), window=300, years=True)
        base = int(recent[:4]) if recent else (ctx.ref.year if ctx.ref else None)
        return "DATE", "XXXX" if base is None else f"{base - 1:04d}"
    if rel == "the" and not mod:
        # "the week", "the year": anaphoric; only the weekend and the year with a modifier
        if unit == "weekend":
            ref = ctx.ref
            if ref is None:
                return "DATE", "XXXX-WXX-WE"
            # the weekend we are in, else the one ahead or behind as the tense says
            if ref.weekday() >= 5:
                d = ref
            elif ctx.tense(m.start(), m.end()) == "future":
                d = ref + dt.timedelta(days=5 - ref.weekday())
            else:
                d = ref - dt.timedelta(days=ref.weekday() + 2)
            return "DATE", _week(d) + "-WE"
        if unit == "year":
            if re.match(r"\s+(?:ended|ending|to)\b", ctx.text[m.end():m.end() + 8]):
                return "DURATION", "P1Y"  # "the year ended Sept. 30": a reporting period
            return "DATE", "XXXX" if ctx.ref is None else f"{ctx.ref.year:04d}"
        return None
    if rel in ("that", "the same", "the following", "the previous") and unit != "weekend":
        recent = ctx.recent(m.start(), window=600, years=unit == "year")
        if not recent:
            return None
        if unit == "year":
            y = int(recent[:4]) + {"the following": 1, "the previous": -1}.get(rel, 0)
            return "DATE", f"{y:04d}"
        if unit == "month" and re.match(r"\d{4}-\d\d", recent):
            base = dt.date(int(recent[:4]), int(recent[5:7]), 1)
            base = _shift_months(base, {"the following": 1, "the previous": -1}.get(rel, 0))
            return "DATE", _at_granularity(base, "month")
        return None
    if ctx.ref is None:
        return "DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                        "year": "XXXX", "decade": "XXX", "century": "XX"}[unit]
    if rel in ("the past", "the last", "past") and unit in ("decade", "century"):
        return "DURATION", duration_value(1, unit)
    step = {"last": -1, "the past": -1, "the last": -1, "past": -1, "the previous": -1,
            "previous": -1, "this past": -1, "next": 1, "the coming": 1, "the next": 1,
            "coming": 1, "this coming": 1, "the following": 1}.get(rel, 0)
    d = _shift(ctx.ref, step, unit)
    return "DATE", _at_granularity(d, unit)


# vague references ("now", "currently", "recently", "the past", "the future", "soon") and their values
_VAGUE = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "recently": "PAST_REF",
    "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
    "the past": "PAST_REF", "more recently": "PAST_REF", "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "soon": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF", "future": "FUTURE_REF",
}


@rule(rf"\b{_ci(_alt(_VAGUE))}\b")
def _vague(m, ctx):
    word = re.sub(r"\s+", " ", m.group(0).lower())
    after = ctx.text[m.end():m.end() + 20].lower()
    before = ctx.text[max(0, m.start() - 12):m.start()].lower()
    if word == "now" and re.match(r"\s*(?:that|,?\s+(?:a|an|the)\b)", after) and not before.strip():
        return "DATE", "PRESENT_REF"
    last = m.group(0).split()[-1]
    if last[0].isupper() and (" " in m.group(0) or m.start() > 0 and not re.search(r"(?:^|[.!?:\"“(]\s*)$", before)):
        return None  # "We Are the Future": a title
    if word == "current" and not re.match(r"\s+[a-z]", after):
        return None
    if word == "recent":
        return None  # "the recent attacks": an adjective, not a time
    if word == "previously" and not re.search(r"(?:^|[.!?\n]\s*)$", before):
        return None  # "a previously announced plan"
    if word == "soon" and re.match(r"\s+(?:after|afterwards?|before|thereafter)\b", after):
        return None
    if word == "future" and re.search(r"\w['’]s\s*$", before) and not re.match(
            r"\s*(?:[,.;:)'\"”]|$)|\s+(?:is|was|are|were|of|in|and|or|away|with|for|as|at|to|on|remains|will|would|lies|depends|hangs|looks)\b", after):
        return None  # "the company's future earnings": an adjective
    if word == "future" and not re.search(r"(?:\b(?:in|for|near|the|its|their|our|his|her)|\w['’]s)\s*$", before):
        # "future" as an adjective ("future talks") is left out
        if not re.match(r"\s+(?:quarters|years|months|generations)", after):
            return None
    if word in ("the past", "the future") and re.match(r"\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|year|month|week|decade|day)", after):
        return None
    if word == "soon" and re.search(r"\bas\s*$", before):
        return None
    if word == "soon" and (re.search(r"\b(?:was|were|had)\s*$", before)
                           or _PAST_CUES.match(after.lstrip()) or _ED_WORD.match(after.lstrip())):
        return None  # "he was soon released", "that soon became a flood": soon after a past event
    return "DATE", _VAGUE[word]


# "recent years", "the coming weeks", "in recent months"
@rule(rf"(?:{_ci('the')}\s+)?(?:(?P<rel>{_ci('recent|coming|past|next|last|early|previous|prior|future')})\s+(?P<unit>{_ci('(?:day|week|month|year|decade|quarter)s')})\b|(?P<unit2>{_ci('(?:day|week|month|year)s')})\s+{_ci('ahead')}\b)")
def _vague_plural(m, ctx):
    if m["unit2"]:
        return "DURATION", duration_value(None, m["unit2"])
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    if rel in ("recent", "coming", "early") or m.group(0).lower().startswith("the"):
        return "DURATION", duration_value(None, unit)
    if rel in ("past", "last", "previous", "prior"):
        return "DATE", "PAST_REF"
    return "DATE", "FUTURE_REF"


# "two days ago", "a year earlier", "three weeks later", "in three weeks", "a week from now"
@rule(rf"(?:(?P<approx>{APPROX}|{_ci('just|only')})\s+)?(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})\s+(?P<dir>{_ci('ago|from now|hence')}\b|{_ci('earlier|before|later|after|previously|back')}\b(?!\s+{_ci('that|the|a|an|this|his|her|their|its|it|he|she|they|we|i|you')}\b))")
def _ago(m, ctx):
    n = parse_number(m["num"])
    direction = m["dir"].lower()
    sign = -1 if direction in ("ago", "earlier", "before", "previously", "back") else 1
    unit = m["unit"].lower().rstrip("s").replace("centurie", "century")
    if direction in ("later", "earlier", "before", "after") and unit != "year":
        # "three days later": TimeML marks the duration; the anchor is another event
        return None
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if unit == "year" and sign < 0 and n == 1 and direction in ("ago", "earlier", "before"):
        back = ctx.year_back(m.start(), 1)
        if back:
            return "DATE", back
    if ctx.ref is None:
        return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")
    if unit in ("hour", "minute", "second"):
        return "DATE", ctx.ref.isoformat()
    if not float(n).is_integer():
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    d = _shift(ctx.ref, sign * int(n), unit)
    # "a decade ago" is about a year, not "the 1980s"
    return "DATE", _at_granularity(d, "year" if unit in ("decade", "century") else unit)


@rule(rf"(?:(?P<the>{_ci('the')})\s+)?(?P<rel>{_ci('year-ago|year-earlier')})(?:\s+(?P<noun>{_ci('period|quarter|month|week|third quarter|second quarter|first quarter|fourth quarter|nine months|six months')})\b)?")
def _year_ago(m, ctx):
    noun = (m["noun"] or "").lower()
    if noun.endswith("months"):
        return "DURATION", duration_value(parse_number(noun.split()[0]), "month")
    back = ctx.year_back(m.start(), 1)
    if back:
        return "DATE", back
    if ctx.ref is None:
        return "DATE", "XXXX"
    return "DATE", f"{ctx.ref.year - 1:04d}"


