"""Rules: holidays."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from newsdesk.timex.registry import rule
from newsdesk.timex.values import NEAR_DAYS, _week
from newsdesk.timex.vocab import YEAR, _ci


# holidays: "Christmas", "New Year's Day", "Thanksgiving", "Easter"
def _easter(year: int) -> dt.date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


_HOLIDAYS = {
    "christmas eve": lambda y: dt.date(y, 12, 24), "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas": lambda y: dt.date(y, 12, 25), "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year's day": lambda y: dt.date(y, 1, 1), "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14), "independence day": lambda y: dt.date(y, 7, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "easter sunday": _easter, "easter": _easter,
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1), "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
}


@rule(rf"(?:(?P<rel>{_ci('last|next|this|this past')})\s+)?(?P<name>(?:Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s\s+(?:Eve|Day)|Halloween|Valentine['’]s\s+Day|Independence\s+Day|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Labor\s+Day|Memorial\s+Day|Election\s+Day))\b(?P<week>\s+{_ci('week')}\b)?(?:,?\s+(?P<year>{YEAR})\b)?")
def _holiday(m, ctx):
    name = re.sub(r"\s+", " ", m["name"].lower().replace("’", "'"))
    if not m["year"] and re.match(r"\s+[A-Z]", ctx.text[m.end():m.end() + 3]):
        return None  # "Christmas Island"
    rule = _HOLIDAYS[name]
    # "Easter week", "Christmas week": the (ISO) week the holiday falls in
    fmt = _week if m["week"] else dt.date.isoformat
    if m["year"]:
        return "DATE", fmt(rule(int(m["year"])))
    if ctx.ref is None:
        return "DATE", "XXXX-WXX" if m["week"] else "XXXX-XX-XX"
    ref = ctx.ref
    candidates = [rule(y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    rel = (m["rel"] or "").lower()
    tense = "past" if rel.startswith("last") or "past" in rel else "future" if rel == "next" else ctx.tense(m.start(), m.end())
    past = [d for d in candidates if d <= ref]
    future = [d for d in candidates if d >= ref]
    nearest = min(candidates, key=lambda c: abs((c - ref).days))
    if not rel and abs((nearest - ref).days) <= NEAR_DAYS:
        d = nearest  # a holiday weeks away is that one, as with month-days
    elif tense == "past":
        d = past[-1]
    elif tense == "future":
        d = future[0]
    else:
        d = nearest
    return "DATE", fmt(d)


