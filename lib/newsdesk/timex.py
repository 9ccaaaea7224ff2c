"""Temporal expressions -> TIMEX3 values, resolved against the article date.

``find_timexes(text, reference_date, doc=None)`` finds the dates, times,
durations and sets that news text uses ("Tuesday", "late Tuesday",
"Feb. 16", "in February 2022", "the third quarter", "two days ago",
"a five-year low", "every Monday", "3 p.m.", "recently", ...) and gives each
its TIMEX3 value as the TimeML / TempEval-3 guidelines define it. Relative
expressions are resolved against ``reference_date`` (the article date);
weekdays and months without a year go the way the tense of their clause
points ("said Tuesday" -> the Tuesday before, "will meet Friday" -> the
Friday after, a weekday equal to the article's day -> that day).

One row per expression, in text order:

=============  ==============  ====================================================
column         dtype           meaning
=============  ==============  ====================================================
start, end     int64           character offsets into ``text``
text           str             the expression (no leading preposition)
type           str             ``DATE``, ``TIME``, ``DURATION`` or ``SET``
value          str             TIMEX3 value: ``2026-02-17``, ``2022-02``, ``2013-W11``,
                               ``2013-Q1``, ``2013-SU``, ``199X``, ``19`` (a century), ``P4Y``, ``PT2H``,
                               ``PXM``, ``PRESENT_REF``, ``2026-02-17TEV``, ...
date_start     datetime64[ns]  first day (or instant) the value covers; NaT for
                               durations, sets, vague and unresolved values
date_end       datetime64[ns]  last day the value covers (inclusive)
granularity    str             ``time``, ``day``, ``week``, ``weekend``, ``month``,
                               ``quarter``, ``half``, ``season``, ``year``,
                               ``decade``, ``century``; missing when unresolved
=============  ==============  ====================================================

Without a reference date, anchored values stay unresolved ("Monday" ->
``XXXX-WXX-1``, "Feb. 16" -> ``XXXX-02-16``, "yesterday" -> ``XXXX-XX-XX``).
:func:`value_interval` turns any TIMEX3 value into ``(start, end, granularity)``.

How values are chosen (rules written for news language, not for one corpus):

- *Tense.* First the words right before the expression: a past verb ("said
  Tuesday") or a preposition ("by", "until" -> ahead, unless the clause is
  past perfect; "since" -> behind). Then, with a ``doc``, the tense of the
  verb the expression hangs from. Then the nearest cue in the clause: "will,
  would, expected to, next week" (ahead), "was, had, ago" and other past
  forms (behind), a present-tense verb (no direction); a phrase fronted
  before a comma takes the tense of its main clause. A reporting verb
  after a quote does not date what the quote says.
- *Weekdays* go to the nearest one in that direction, behind by default; the
  article's own weekday is the article date. "last/next Friday" skip it.
- *Months and month-days without a year*: with a tense cue, the nearest in
  that direction; without one, up to four months ahead, else behind. The
  article's own month is that month; a day (or holiday) within 45 days of
  the article is the near one whatever the tense, since news gives the
  year of a date a year off.
- *Anaphora*: "a year earlier/ago", "the year-ago quarter" take the last
  quarter named in the article a year back (earnings news), else the last
  month or day named nearby, else the year before the article. "the
  quarter", "the latest quarter" are the last quarter named, else the one
  before the article date. "that day", "earlier that morning", "the next
  day", "the day before", "the previous Friday" count from the last day
  named before them (a month named: a day in it, ``2025-10-XX``), else
  from the article date. "today's youth" is ``PRESENT_REF``. A day in a
  predicate ("it was a great day for Poland") is the last day named, else
  the article's; "mid-afternoon", "early evening" are parts of that day too.
- *Durations* keep TimeML units (``PT2H``, ``P4Y``, ``PXM``); decades and
  centuries count in years (``P20Y``). "N days later" is a duration; "N
  days ago" and a future "in N weeks" are dates. Dates in words
  ("March eighth", "January nineteen ninety-seven") as in transcripts. "Over
  the years" is ``PXY``; "24 hours a day" is one set (``P1D``).
- Not times: ages ("a 35-year-old man"), model years ("a 1987 Chevrolet
  Cavalier") and a year ending a name ("a venture called Orion 1980").
- Spans leave out a leading preposition, a possessive ("its fourth
  quarter", "Friday's"), and the article of a noun an adjectival period
  qualifies ("a third-quarter loss").
- Weeks are ISO (``2026-W08``); a weekday or "tonight" with a part of day
  carries it (``2026-02-17TNI``, type TIME); decades are ``199X``; ``date_end``
  is the last day covered, so ``2026-02`` runs from Feb 1 to Feb 28.

It is plain Python and regular expressions (about 1 ms of CPU per 1,000
characters of news): the optional ``doc`` only sharpens the tense.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

if TYPE_CHECKING:  # spaCy is only needed when a parse is passed in
    from spacy.tokens import Doc

TIMEX_COLUMNS = ["start", "end", "text", "type", "value", "date_start", "date_end", "granularity"]

# --------------------------------------------------------------------------- vocabulary

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}
#: TIMEX3 part-of-day codes.
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
#: unit -> (TIMEX3 duration letter, counted after the "T" of a duration)
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("WE", False),
    "fortnight": ("W", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
}
SET_WORDS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
}


def _ci(pattern: str) -> str:
    """Case-insensitive group, any run of whitespace for a space (names stay case-sensitive)."""
    return "(?i:" + pattern.replace(" ", r"\s+") + ")"


def _alt(words) -> str:
    """Alternation of ``words``, longest first; spaces stay spaces (``_ci`` widens them)."""
    escaped = (re.escape(w).replace("\\ ", " ") for w in words)
    return "|".join(sorted(escaped, key=len, reverse=True))


_NUM_WORD = (
    rf"(?:(?:{_alt(TENS)})(?:[\s-](?:{_alt(k for k, v in ONES.items() if 0 < v < 10)}))?"
    rf"|(?:{_alt(k for k, v in ONES.items() if 0 < v < 10)}|a)\s+(?:hundred|thousand)"
    rf"|{_alt(ONES)}|hundred|a\s+dozen|dozen|a\s+couple\s+of|couple\s+of|a\s+couple"
    r"|a\s+few|few|several|some|many|a|an|half\s+an?)"
)
NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2|½)?|{_ci(_NUM_WORD)}"
    rf"(?:\s+{_ci('and a half')})?)"
)
UNIT = _ci(r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade"
           r"|centur(?:y|ies))s?")
APPROX = _ci(r"(?:nearly|almost|about|around|roughly|approximately|some|over|more\s+than"
             r"|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|no\s+more\s+than"
             r"|no\s+less\s+than|under|close\s+to|upwards\s+of|the\s+better\s+part\s+of)")
MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH_ABBR = r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR}|{MONTH_FULL.upper()})"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
PART = _ci(r"(?:morning|afternoon|evening|night)")
MOD = _ci(r"(?:early|earlier|late|later|mid|the\s+middle\s+of|the\s+end\s+of|the\s+beginning\s+of"
          r"|the\s+start\s+of|the\s+turn\s+of)")
AMPM = _ci(r"(?:a\.m\.?|p\.m\.?|am\b|pm\b)")
ZONE = r"(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|ET|PT)\b)"


# --------------------------------------------------------------------------- small helpers


def parse_number(text: str) -> float | None:
    """The number a numeral or number phrase stands for; None for "a few", "several"...

    >>> parse_number("twenty-four"), parse_number("2 1/2"), parse_number("a couple of")
    (24, 2.5, 2)
    """
    s = text.lower().replace("½", " 1/2").strip()
    half = 0
    if s.endswith("and a half"):
        s, half = s[: -len("and a half")].strip(), 0.5
    if s.endswith(" 1/2"):
        s, half = s[:-4].strip(), 0.5
    s = re.sub(r"\s+", " ", s)
    value: float | None
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", s):
        value = float(s.replace(",", "")) if "." in s else int(s.replace(",", ""))
    elif s.startswith("half"):
        value = 0.5
    elif s in ("a", "an"):
        value = 1
    else:
        value = {"a couple of": 2, "couple of": 2, "a couple": 2, "a dozen": 12, "dozen": 12,
                 "hundred": 100}.get(s, ONES.get(s))
        big = re.fullmatch(r"(a|\w+) (hundred|thousand)", s)
        if value is None and big:
            value = (1 if big[1] == "a" else ONES.get(big[1], 0)) * (100 if big[2] == "hundred" else 1000)
        parts = re.split(r"[\s-]", s)
        if value is None and parts[0] in TENS:
            value = TENS[parts[0]] + (ONES.get(parts[1], 0) if len(parts) > 1 else 0)
    if value is None:
        return None
    return value + half if half else value


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: ``duration_value(2, "hour") -> "PT2H"``; None -> ``X``."""
    unit = unit.lower().rstrip("s").replace("centurie", "century")
    if unit == "fortnight":
        n, unit = (None if n is None else 2 * n), "week"
    # decades and centuries count in years, "decades" too (PXY, as "two decades" is P20Y)
    if unit == "decade":
        n, unit = (None if n is None else 10 * n), "year"
    if unit == "century":
        n, unit = (None if n is None else 100 * n), "year"
    letter, is_time = UNITS.get(unit, ("X", False))
    if unit == "weekend":
        letter = "WE"
    if n is None:
        amount = "X"
    elif not float(n).is_integer():
        # 2.5 years -> P2Y6M, 5.5 hours -> PT5H30M
        whole, frac = int(n), n - int(n)
        sub = {"Y": (12, "M"), "H": (60, "M"), "M": (30, "D") if not is_time else (60, "S"),
               "D": (24, "H"), "W": (7, "D")}.get(letter)
        if sub:
            small = f"{_fmt_num(frac * sub[0])}{sub[1]}"
            if letter == "D":
                return f"P{whole}DT{small}" if whole else f"PT{small}"
            head = f"{whole}{letter}" if whole else ""
            return f"PT{head}{small}" if is_time else f"P{head}{small}"
        amount = _fmt_num(n)
    else:
        amount = _fmt_num(n)
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


def _shift_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _shift(d: dt.date, n: int, unit: str) -> dt.date:
    """``d`` moved ``n`` units (negative: back)."""
    unit = unit.lower().rstrip("s").replace("centurie", "century")
    if unit in ("day", "night"):
        return d + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return d + dt.timedelta(weeks=2 * n)
    if unit == "month":
        return _shift_months(d, n)
    if unit == "quarter":
        return _shift_months(d, 3 * n)
    if unit == "year":
        return _shift_months(d, 12 * n)
    if unit == "decade":
        return _shift_months(d, 120 * n)
    if unit == "century":
        return _shift_months(d, 1200 * n)
    return d


def _at_granularity(d: dt.date, unit: str) -> str:
    """The TIMEX3 value naming the ``unit`` that contains ``d``."""
    unit = unit.lower().rstrip("s").replace("centurie", "century")
    if unit in ("week", "fortnight"):
        return _week(d)
    if unit == "weekend":
        return _week(d) + "-WE"
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        return "{}-Q{}".format(*_quarter(d))
    if unit == "year":
        return f"{d.year:04d}"
    if unit == "decade":
        return f"{d.year // 10:03d}X"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return d.isoformat()


def _weekday_date(ref: dt.date, weekday: int, direction: str | None) -> dt.date:
    """The ``weekday`` nearest ``ref`` in ``direction`` (``past`` by default); ``ref``'s own day is itself."""
    diff = weekday - ref.weekday()
    if diff == 0:
        return ref
    if direction == "future":
        return ref + dt.timedelta(days=diff % 7)
    return ref - dt.timedelta(days=(-diff) % 7)


#: a month-day without a year this close to the article date is taken as the nearest one
NEAR_DAYS = 45


def _infer_year(ref: dt.date, month: int, day: int | None, tense: str | None) -> int:
    """Year of a month (and day) named without one, from the article date and tense."""
    if month == ref.month:
        return ref.year
    if day is not None:
        # A day within a few weeks of the article is that one, whatever the tense: news
        # gives the year of a date a year off ("was extended to Nov. 16" is ahead).
        for year in (ref.year - 1, ref.year, ref.year + 1):
            try:
                if abs((dt.date(year, month, day) - ref).days) <= NEAR_DAYS:
                    return year
            except ValueError:
                pass
    if tense == "past":
        return ref.year - 1 if month > ref.month else ref.year
    if tense == "future":
        return ref.year + 1 if month < ref.month else ref.year
    # no tense cue: up to four months ahead, else behind (news reports more than it announces)
    ahead = (month - ref.month) % 12
    if ahead <= 4:
        return ref.year + 1 if month < ref.month else ref.year
    return ref.year - 1 if month > ref.month else ref.year


# --------------------------------------------------------------------------- intervals


def value_interval(value: str) -> tuple[pd.Timestamp, pd.Timestamp, str | None]:
    """``(date_start, date_end, granularity)`` of a TIMEX3 value; ``date_end`` inclusive.

    >>> value_interval("2026-02")
    (Timestamp('2026-02-01 00:00:00'), Timestamp('2026-02-28 00:00:00'), 'month')
    >>> value_interval("P4Y")
    (NaT, NaT, None)
    """
    nat = (pd.NaT, pd.NaT, None)
    if not isinstance(value, str) or not value[:1].isdigit():
        return nat
    try:
        interval = _interval(value)
    except ValueError:
        return nat
    if interval is None or not (pd.Timestamp.min < interval[0] and interval[1] < pd.Timestamp.max):
        return nat
    return interval


def _ts(d: dt.date) -> pd.Timestamp:
    if not 1678 <= d.year <= 2261:
        raise ValueError("outside the Timestamp range")
    return pd.Timestamp(d)


def _interval(v: str):
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T(\d\d)(?::(\d\d))?(?::\d\d)?|T(MO|AF|EV|NI|DT))?", v)
    if m:
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m[4]:
            hour = int(m[4])
            at = pd.Timestamp(day) + pd.Timedelta(hours=hour, minutes=int(m[5] or 0))
            return at, at, "time"
        return _ts(day), _ts(day), "day"
    m = re.fullmatch(r"(\d{4})-W(\d\d?)(-WE)?", v)
    if m:
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return _ts(monday + dt.timedelta(days=5)), _ts(monday + dt.timedelta(days=6)), "weekend"
        return _ts(monday), _ts(monday + dt.timedelta(days=6)), "week"
    m = re.fullmatch(r"(\d{4})-(\d\d)", v)
    if m:
        y, mo = int(m[1]), int(m[2])
        return (_ts(dt.date(y, mo, 1)), _ts(dt.date(y, mo, calendar.monthrange(y, mo)[1])), "month")
    m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
    if m:
        y, q = int(m[1]), int(m[2])
        last = 3 * q
        return (_ts(dt.date(y, last - 2, 1)), _ts(dt.date(y, last, calendar.monthrange(y, last)[1])),
                "quarter")
    m = re.fullmatch(r"(\d{4})-H([12])", v)
    if m:
        y, h = int(m[1]), int(m[2])
        return (_ts(dt.date(y, 6 * h - 5, 1)), _ts(dt.date(y, 6 * h, 30 if h == 1 else 31)), "half")
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
    if m:
        y = int(m[1])
        first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[2]]
        start = dt.date(y, first, 1)
        end = _shift_months(start, 3) - dt.timedelta(days=1)
        return _ts(start), _ts(end), "season"
    if re.fullmatch(r"\d{4}", v):
        y = int(v)
        return _ts(dt.date(y, 1, 1)), _ts(dt.date(y, 12, 31)), "year"
    m = re.fullmatch(r"(\d{3})X?", v)
    if m:
        y = int(m[1]) * 10
        return _ts(dt.date(y, 1, 1)), _ts(dt.date(y + 9, 12, 31)), "decade"
    m = re.fullmatch(r"(\d\d)(?:XX)?", v)
    if m:
        y = int(m[1]) * 100
        return _ts(dt.date(max(y, 1), 1, 1)), _ts(dt.date(y + 99, 12, 31)), "century"
    return None


# --------------------------------------------------------------------------- tense

_FUTURE_CUES = re.compile(_ci(
    r"\b(?:will|shall|wo\s*n't|won't|'ll|going\s+to|plans?\s+to|planning\s+to"
    r"|scheduled|expected\s+to|set\s+to|is\s+to|are\s+to|hopes?\s+to|intends?\s+to"
    r"|aims?\s+to|upcoming|tomorrow|would|to\s+be\s+held|later\s+this|expects?"
    r"|hoping\s+to|prepar(?:es|ing)\s+to|(?:planned|decided|agreed|pledged|promised|vowed)\s+to|(?-i:may|might)\s+(?!have\b)(?:finally\s+|still\s+|well\s+)?be"
    r"|(?:planned|scheduled|slated|set|due|expected)\s+for"
    r"|next\s+(?:week|month|year|weekend|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"))
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|been|since|ago|last|yesterday|told|went|came|saw|met|took|made|gave"
    r"|began|held|left|sent|struck|fell|rose|won|lost|led|spoke|wrote|got|ran|broke|brought"
    r"|bought|sold|thought|found|became|chose|flew|fought|drove|kept|paid|shot|stood|threw"
    r"|knew|grew|drew|felt|heard|meant|built|sought|caught|fled|withdrew|overthrew|quit|earlier"
    r"|killed|announced|reported|died|arrested|attacked|exploded|occurred|happened|launched"
    r"|signed|approved|rejected|voted|agreed|accused|claimed|denied|ended|started|opened|closed"
    r"|filed|posted|earned|declined|dropped|jumped|fired|seized|captured|returned|arrived)\b")
#: a preposition right before the expression that points ahead ("by Dec. 15", "until Friday")
_FUTURE_PREP = re.compile(_ci(r"(?:until|till|by|through|effective|starting|beginning|as soon as"
                              r"|as early as|no later than|expires?|payable|due)(?: on| in)?(?: the)?\s*$"))
#: a past-tense verb right before the expression: "said Tuesday", "predicted on Wednesday"
_VERB_BEFORE = re.compile(r"\b(?:said|told|[a-z]{2,}ed)(?:\s+(?:on|late|early))?\s+$")
_PAST_PREP = re.compile(_ci(r"(?:since|ago|earlier)\s*$"))
_PASSIVE_AUX = re.compile(r"\b(?:is|are|be|been|being|am|'s|'re|to|will|would)\s+$")
#: cues further than this many characters from the expression say little about it
MAX_CUE_DISTANCE = 80
#: present-tense verbs: the nearest verb says "now", which moves nothing
_PRESENT_CUES = re.compile(r"\b(?:is|are|am|does|do|faces|remains|says|holds|begins|starts|opens|ends|meets)\b(?!\s+(?:to|going|expected|scheduled|due|set|been|[a-z]+ed)\b)")
#: any "-ed" word: often a past verb, sometimes an adjective ("the reduced dividend")
_ED_WORD = re.compile(r"\b(?!(?:expected|scheduled|planned|slated|proposed|needed|based|used|related|called|so-called)\b)[a-z]{3,}ed\b")
#: reporting verbs: the time of the saying, a weaker cue for other events in the clause
_REPORT_CUES = re.compile(r"\b(?:said|told|announced|reported|added|stated)\b")
#: after "was"/"were": a plan or schedule, which points ahead ("were planning to drive Monday")
_FUTURE_IN_PAST = re.compile(r"\s+(?:(?:still|then|now)\s+)?(?:planning|going|expected|scheduled|due|set|about|slated|preparing|hoping|to)\b")
#: titles and "vs." end with a full stop that ends no sentence
_ABBREV = ("vs", "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt",
           "Prof", "Rev", "Sr")
# the full stop comes first, the titles are checked behind it: re then skips to the next mark
_CLAUSE_END = re.compile(r"\." + "".join(rf"(?<!\b{a}\.)" for a in _ABBREV) + r"\s+(?=[A-Z\"'“‘(])"
                         r"|[!?;:\n]\s+(?=[A-Z\"'“‘(])|\n")


def _cheap_tense(text: str, start: int, end: int, reporting: bool = True) -> str | None:
    """Tense from the words right before ``text[start:end]``, else the nearest cue in its clause."""
    return _local_tense(text, start, end) or _clause_tense(text, start, end, reporting)


def _local_tense(text: str, start: int, end: int) -> str | None:
    """A past verb or a preposition right before the expression ("said Tuesday", "by May")."""
    before = text[max(0, start - 24):start]
    verb = _VERB_BEFORE.search(before)
    at = max(0, start - 24) + (verb.start() if verb else 0)
    if verb and not _PASSIVE_AUX.search(text, max(0, at - 10), at):
        return "past"  # "said Tuesday", "rallied on Friday" (not "will be lifted on July 1")
    if _FUTURE_PREP.search(before):
        # "by Friday" looks ahead, unless the clause is past perfect ("had filed by Friday")
        return "past" if re.search(r"\bhad\b", text[max(0, start - 60):end + 30]) else "future"
    if _PAST_PREP.search(before):
        return "past"
    return None


def _clause_tense(text: str, start: int, end: int, reporting: bool = True) -> str | None:
    """The nearest tense cue word in the clause around the expression."""
    left = max(0, start - 160)
    cut = None
    for m in _CLAUSE_END.finditer(text, left, start):
        cut = m.end()
    left = cut if cut is not None else left
    right_m = _CLAUSE_END.search(text, end, min(len(text), end + 120))
    right = right_m.start() if right_m else min(len(text), end + 120)
    best, best_dist = None, 10**9
    cues = [(_FUTURE_CUES, "future", 0), (_PAST_CUES, "past", 0), (_ED_WORD, "past", 20),
            (_PRESENT_CUES, None, 0)]
    if reporting:
        cues.append((_REPORT_CUES, "past", 10))
    for pattern, tense, penalty in cues:
        for m in pattern.finditer(text, left, right):
            if start <= m.start() < end:
                continue
            if pattern is _REPORT_CUES and m.start() >= end:
                continue  # '"We leave Friday," he said': the saying does not date the quote
            dist = (start - m.end() if m.end() <= start else m.start() - end) + penalty
            if tense == "past" and _PASSIVE_AUX.search(text, max(0, m.start() - 8), m.start()):
                continue  # "is held", "to be heard": a participle, not a past tense
            if tense == "past" and _FUTURE_IN_PAST.match(text, m.end()):
                continue  # "were planning to", "was due to": the future seen from the past
            if dist < best_dist and dist <= MAX_CUE_DISTANCE:
                best, best_dist = tense, dist
    if best is None and re.fullmatch(r"\s*(?:[A-Z][a-z]*\s+)?", text[left:start]) and re.match(r"\s*,", text[end:end + 3]):
        # "In January, a week after the anniversary, a bombing killed a guard": a fronted
        # phrase takes the tense of its main clause, however long the phrase is
        stop = _CLAUSE_END.search(text, end, min(len(text), end + 240))
        stop = stop.start() if stop else min(len(text), end + 240)
        first = [(m.start(), tense) for pattern, tense in ((_FUTURE_CUES, "future"), (_PAST_CUES, "past"))
                 for m in [pattern.search(text, end, stop)] if m]
        return min(first)[1] if first else None
    return best


def _doc_tense(doc, start: int, end: int) -> str | None:
    """Tense of the verb the expression attaches to, from the parse; None if unclear."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "'ll", "shall", "wo", "would"}:
        return "future"
    if token.lemma_ in ("schedule", "reschedule", "slate", "plan") and token.dep_ not in ("acl", "amod"):
        # "has scheduled a news conference Thursday": what is planned lies ahead (but "a
        # service planned for Saturday was canceled" is dated by the cancelling)
        return "future"
    if token.tag_ == "VBD" or (token.tag_ == "VBN" and auxes & {"has", "have", "had", "'ve"}):
        return "past"
    if auxes & {"may", "might", "should", "must"}:
        return "future"  # "may be resolved the week of March 6"
    if token.tag_ == "VBN" and auxes & {"was", "were"}:
        return "past"
    if token.tag_ == "VB" and "to" in auxes and token.head.lemma_ in {
        "plan", "expect", "schedule", "hope", "intend", "aim", "want", "seek", "agree", "set", "due",
        "go", "prepare", "promise", "vow", "threaten", "decide",
    }:
        return "future"
    return None


# --------------------------------------------------------------------------- rules


@dataclass
class _Ctx:
    text: str
    ref: dt.date | None
    doc: object = None
    found: list = field(default_factory=list)  # (start, type, value, derived) resolved so far
    #: a dry run that only asks "would this rule accept the match?" (no tense, no anaphora)
    probe: bool = False

    def tense(self, start: int, end: int, reporting: bool = True) -> str | None:
        """``past``, ``future`` or None for the clause around ``text[start:end]``.

        ``reporting=False`` ignores a reporting verb further away ("in March,
        an official said"): it dates the saying, not a month-long event.
        """
        if self.probe:
            return None
        if self.doc is None:
            return _cheap_tense(self.text, start, end, reporting)
        return (_local_tense(self.text, start, end) or _doc_tense(self.doc, start, end)
                or _clause_tense(self.text, start, end, reporting))

    def recent(self, start: int, window: int = 250, years: bool = False) -> str | None:
        """Value of the nearest earlier anchored DATE finer than a year (or any, ``years``).

        A TIME counts by its day ("Thursday night" -> its Thursday).
        """
        if self.probe:
            return "2000-01-01"
        for s, kind, value, _derived in reversed(self.found):
            if start - s > window:
                break
            if kind == "TIME" and re.match(r"\d{4}-\d\d-\d\d", value):
                return value[:10]
            if kind == "DATE" and re.match(r"\d{4}", value) and (years or len(value) > 4):
                return value
        return None

    def last_quarter(self, halves: bool = False, completed: bool = False) -> str | None:
        """The latest reporting period named outright before this point.

        Only a quarter (or half) that began in the nine months before the
        article counts: guidance for next year's first quarter or a
        company's fiscal quarter numbering is not the period being reported.
        ``completed``: only one that ended before the article ("the latest quarter").
        """
        if self.probe:
            return "2000-Q1"
        pattern = r"\d{4}-(?:Q[1-4]|H[12])" if halves else r"\d{4}-Q[1-4]"
        for _s, kind, value, derived in reversed(self.found):
            if kind != "DATE" or derived or not re.fullmatch(pattern, value):
                continue
            months = 3 if value[5] == "Q" else 6
            first = dt.date(int(value[:4]), months * int(value[6]) - months + 1, 1)
            last = _shift_months(first, months)
            if self.ref is None or _shift_months(self.ref, -9) <= first and (
                    last <= self.ref if completed else first <= self.ref):
                return value
        return None

    def year_back(self, start: int, years: int) -> str | None:
        """What "a year earlier" means here: the last reporting period mentioned, a year back.

        Earnings news compares periods ("third-quarter profit rose from $X a
        year earlier"): the latest quarter or half named before, else a month
        or day named within a couple of sentences; None to fall back to the year.
        """
        if self.probe:
            return "2000"
        period = self.last_quarter(halves=True)
        if period:
            return f"{int(period[:4]) - years:04d}{period[4:]}"
        for s, kind, value, derived in reversed(self.found):
            if start - s > 300:
                break
            if kind == "DATE" and not derived and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", value):
                try:
                    dt.date(int(value[:4]) - years, int(value[5:7]), int(value[8:10] or 1))
                except ValueError:
                    return None
                return f"{int(value[:4]) - years:04d}{value[4:]}"
        return None


_RULES: list[tuple[re.Pattern, object, str | None]] = []  # (pattern, handler, trigger source)


_UNIT_WORD = r"second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur"
_MONTH_WORD = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
#: Words every match of a rule contains. A rule only scans the text around
#: them, which keeps the tagger fast on long articles. A trigger that starts with
#: ``\b`` or a look-behind has re try every character: ``[QH](?<!\w[QH])`` is ``\b[QH]``.
_TRIGGERS = {
    "_month_day": _MONTH_WORD, "_day_month": _MONTH_WORD, "_month_only": _MONTH_WORD,
    "_us_date": r"\d/\d", "_iso_date": r"\d-\d", "_year": r"\d\d\d\d", "_decade": r"0['’]?s\b",
    "_century": "century", "_week_of": "week of", "_decade_word": "ties", "_spoken_year": "nineteen|thousand",
    "_spoken_date": _MONTH_WORD + "|winter|summer|spring|fall|autumn", "_q_code": r"[QH](?<!\w[QH])[1-4]",
    "_quarter_rule": "quarter|half", "_the_quarter": "quarter|period",
    "_season": "spring|summer|fall|autumn|winter", "_weekday": "day", "_holiday": "christmas|new year|halloween|valentine|independence|thanksgiving|easter|labor|memorial|election",
    "_deictic_day": "today|yesterday|tomorrow|tonight", "_this_part": "morning|afternoon|evening|night",
    "_overnight": "overnight", "_mod_part": "morning|afternoon|evening", "_anaphoric_day": "day|morning|afternoon|evening|night", "_day_predicate": r"day\b",
    "_second_day": r"\d\s+(?:and|or|to|through)\s+\d", "_clock": r"\d+|noon|midnight|midday",
    "_relative_period": "week|month|year|decade|century", "_vague_plural": _UNIT_WORD,
    "_ago": "ago|earlier|before|later|after|from now|hence|previously|back",
    "_year_ago": "year-", "_duration": _UNIT_WORD, "_bare_units": _UNIT_WORD,
    "_vague": "now|current|present|recent|lately|previously|formerly|past|future|soon|term|these",
    "_set": "every|each|per", "_set_word": "ly\\b", "_rate_set": r"(?:a|an|per|each)\s+(?:second|minute|hour|day|week|month|year)\b",
}
#: characters scanned on either side of a trigger word
_WINDOW = 80


def _rule(pattern: str):
    """Register a handler ``f(m, ctx) -> (type, value) | None`` for ``pattern``."""
    def deco(func):
        # never start inside a word ("regi|on Wednesday")
        compiled = re.compile(r"(?<![^\W_])(?:" + pattern + ")")
        trigger = _TRIGGERS.get(func.__name__)
        if trigger and re.search(r"\\[A-Z]", trigger):
            raise ValueError(f"trigger {trigger!r}: triggers are matched on lower-cased text")
        _RULES.append((compiled, func, trigger))
        return func
    return deco


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS[key[:3]]


def _year_int(s: str) -> int:
    s = s.strip().lstrip("'’")
    y = int(s)
    if len(s) == 2:
        y += 1900 if y > 30 else 2000
    return y


def _date_value(ctx: _Ctx, start: int, end: int, month: int, day: int | None, year: str | None) -> str:
    if year:
        y = f"{_year_int(year):04d}"
    elif ctx.ref is None:
        y = "XXXX"
    else:
        y = f"{_infer_year(ctx.ref, month, day, ctx.tense(start, end, reporting=False)):04d}"
    if day is None:
        return f"{y}-{month:02d}"
    try:
        if y != "XXXX":
            dt.date(int(y), month, day)
    except ValueError:
        return f"{y}-{month:02d}"
    return f"{y}-{month:02d}-{day:02d}"


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


#: dates so well known that news names them without a year
_NAMED_DAYS = {(9, 11): (2001, re.compile(r"\s+(?:attacks?|terror|terrorist|hijack)", re.I))}


# dates with a day: "Feb. 16", "February 16, 2026", "Friday, Aug. 7", "16 February 2026"
@_rule(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})\b(?!\s*(?:%|{_ci('percent')}))(?:,?\s+(?P<year>{YEAR})\b)?")
def _month_day(m, ctx):
    month, day = _month(m["mon"]), _day(m["day"])
    known = _NAMED_DAYS.get((month, day))
    if known and not m["year"] and known[1].match(ctx.text, m.end()):
        return "DATE", f"{known[0]:04d}-{month:02d}-{day:02d}"  # "the September 11 attacks"
    if m["mon"] == "May" and not m["year"] and not m["wd"] and int(m["day"].rstrip("stndrh")) > 31:
        return None
    if m["wd"] and not m["year"] and ctx.ref is not None:
        # the weekday pins the year when one is missing
        for y in (ctx.ref.year, ctx.ref.year - 1, ctx.ref.year + 1):
            try:
                if dt.date(y, month, day).weekday() == WEEKDAYS[m["wd"].lower()]:
                    return "DATE", f"{y:04d}-{month:02d}-{day:02d}"
            except ValueError:
                break
    return "DATE", _date_value(ctx, m.start(), m.end(), month, day, m["year"])


@_rule(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:{_ci('the')}\s+(?=\d+(?:st|nd|rd|th)\s+{_ci('of')}))?(?P<day>{DAY})(?:\s+{_ci('of')})?\s+(?P<mon>{MONTH})\b(?:,?\s+(?P<year>{YEAR})\b)?")
def _day_month(m, ctx):
    return "DATE", _date_value(ctx, m.start(), m.end(), _month(m["mon"]), _day(m["day"]), m["year"])


@_rule(rf"{_ci('the week of')}\s+(?P<mon>{MONTH})\s+(?P<day>{DAY})\b(?:,?\s+(?P<year>{YEAR})\b)?")
def _week_of(m, ctx):
    value = _date_value(ctx, m.start(), m.end(), _month(m["mon"]), _day(m["day"]), m["year"])
    if value.startswith("X") or len(value) < 10:
        return "DATE", "XXXX-WXX"
    return "DATE", _week(dt.date.fromisoformat(value))


# numeric dates: 2/16/2026, 2026-02-16
@_rule(r"(?<![\d/.])(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d\d)(?![\d/])")
def _us_date(m, ctx):
    return "DATE", _date_value(ctx, m.start(), m.end(), int(m["m"]), int(m["d"]), m["y"])


@_rule(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])(?:T(?P<h>[01]\d|2[0-3]):(?P<min>[0-5]\d))?(?![\d])")
def _iso_date(m, ctx):
    value = f"{m['y']}-{m['m']}-{m['d']}"
    if m["h"]:
        return "TIME", f"{value}T{m['h']}:{m['min']}"
    return "DATE", value


# month (and year): "February 2022", "early December", "last April", "June last year"
@_rule(rf"(?:(?P<mod>{MOD})[\s-]+|(?P<rel>{_ci('last|next|this|this past|this coming|each|every')})\s+)?"
       rf"(?P<mon>{MONTH_FULL}|{MONTH_ABBR})(?:,?\s+(?:{_ci('of')}\s+)?(?P<year>{YEAR})\b|\s+(?P<ryear>{_ci('last|this|next')})\s+{_ci('year')})?"
       rf"(?!\s*\d)")
def _month_only(m, ctx):
    mon = m["mon"]
    if len(mon.rstrip(".")) <= 4 and not mon.endswith(".") and mon not in ("May", "June", "July") and not m["year"]:
        return None
    month = _month(mon)
    if mon == "May" and not (m["year"] or m["mod"] or m["rel"] or m["ryear"]):
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(?:in|since|until|till|by|of|through|from|to|and|or|before|after|during|between|mid|early|late)\s*$", before):
            return None
    if m["rel"] and m["rel"].lower() in ("each", "every"):
        return "SET", f"XXXX-{month:02d}"
    if mon == "March" and not (m["year"] or m["mod"] or m["rel"]) and re.match(
            r"\s+(?:of|for|on|to|from)\s+(?:the\s+)?[A-Z]", ctx.text[m.end():m.end() + 20]):
        return None  # "the March for Life", "the March on Washington"
    if m["year"]:
        return "DATE", f"{_year_int(m['year']):04d}-{month:02d}"
    if ctx.ref is None:
        return "DATE", f"XXXX-{month:02d}"
    ref = ctx.ref
    if m["ryear"]:
        y = ref.year + {"last": -1, "this": 0, "next": 1}[m["ryear"].lower()]
    elif m["rel"]:
        rel = m["rel"].lower().split()[0]
        rel = {"this": "past" if "past" in m["rel"].lower() else ("future" if "coming" in m["rel"].lower() else None)}.get(rel, rel)
        if rel == "last" or rel == "past":
            y = ref.year if month < ref.month else ref.year - 1
        elif rel == "next" or rel == "future":
            y = ref.year if month > ref.month else ref.year + 1
        else:
            y = ref.year
    else:
        y = _infer_year(ref, month, None, ctx.tense(m.start(), m.end(), reporting=False))
    return "DATE", f"{y:04d}-{month:02d}"


# years: "2014", "fiscal 1989", "early 1990", "mid-1996", "the year 2000", "the end of 1990"
@_rule(rf"(?:(?P<mod>{MOD})[\s-]+|{_ci('fiscal')}\s+|{_ci('the year')}\s+|{_ci('calendar')}\s+|{_ci('post|pre')}-|(?<![\d$£€.,/-]))(?P<year>{YEAR})(?!\d|%|,\d|\.\d|-\d|/\d|\s*{_ci('percent|per cent')}\b|\s+(?:{_ci('to|and|or|-|–')})\s+\d{{1,3}}\b)")
def _year(m, ctx):
    if not m["mod"] and (_MODEL_YEAR.match(ctx.text, m.end()) and _OWNER_BEFORE.search(ctx.text, max(0, m.start() - 20), m.start())
                         or _NAMED_BEFORE.search(ctx.text, max(0, m.start() - 60), m.start())):
        return None  # "his 1987 Chevrolet Cavalier", "a venture called Orion 1980": names, not times
    return "DATE", m["year"]


#: a vehicle make after a year makes it a model year, part of a product name
_MODEL_YEAR = re.compile(
    r"\s+(?:Chevrolet|Chevy|Ford|Toyota|Honda|Nissan|Datsun|Dodge|Chrysler|Plymouth|Buick|Cadillac"
    r"|Pontiac|Oldsmobile|Mercury|Lincoln|Jeep|Volkswagen|VW|BMW|Mercedes(?:-Benz)?|Volvo|Mazda|Subaru"
    r"|Hyundai|Kia|Audi|Porsche|Jaguar|Saab|GMC|Mitsubishi|Fiat|Peugeot|Renault|Lexus|Acura|Harley)"
    r"(?:\s+(?!(?:Motors?|Co|Corp|Inc|Foundation|Group|Company)\b)[A-Z0-9][\w-]*|\s+(?:sedan|car|coupe|convertible|pickup|truck|van|minivan|wagon|station wagon"
    r"|motorcycle|hatchback|sport utility vehicle)\b)")
#: a determiner or possessive before a model year ("a 1995 Ford pickup", "Kopp's 1987 Chevrolet")
_OWNER_BEFORE = re.compile(r"(?:\b(?:a|an|the|his|her|their|its|my|our|your)|\w['’]s)\s+$", re.I)
#: "called", "named" + capitalised words right before a year: the year ends a name
_NAMED_BEFORE = re.compile(r"\b(?:called|named|dubbed|titled|entitled|code-named|codenamed)\s+(?:[A-Z][\w&'-]*\s+){1,3}$")


# decades and centuries: "the 1990s", "the late 1970s", "the '80s", "the 20th century"
@_rule(rf"(?:{_ci('the')}\s+)?(?:(?P<mod>{MOD})[\s-]+)?(?:(?P<dec>1[5-9]\d0|20[0-9]0)|['’](?P<short>\d0))['’]?s\b")
def _decade(m, ctx):
    if m["dec"]:
        return "DATE", f"{m['dec'][:3]}X"
    return "DATE", f"19{m['short'][0]}X"


@_rule(rf"{_ci('the')}\s+(?:(?P<mod>{MOD})[\s-]+)?(?P<word>{_ci('twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties')})\b")
def _decade_word(m, ctx):
    return "DATE", f"19{TENS[m['word'].lower()[:-3] + 'y'] // 10}X"


@_rule(rf"(?:{_ci('the')}\s+)?(?:(?P<mod>{MOD})[\s-]+)?(?P<n>1[0-9]|2[01])(?:st|nd|rd|th)[\s-]+{_ci('century')}")
def _century(m, ctx):
    return "DATE", f"{int(m['n']) - 1:02d}"  # TIMEX3 names a century by its first two digits


_NUMBER_YEAR = re.compile(_ci(r"nineteen[\s-]+(?P<t>" + _alt(TENS) + r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:[\s-]+(?P<o>one|two|three|four|five|six|seven|eight|nine))?"))


@_rule(rf"(?:{_ci('the year')}\s+)?{_ci('two thousand')}(?:\s+{_ci('and')})?(?:[\s-]+(?:{_ci(_alt(k for k, v in ONES.items() if v))}))?(?=[\s.,;])|{_NUMBER_YEAR.pattern}")
def _spoken_year(m, ctx):
    if re.match(r"[\s-]+(?:years?|days?|months?|weeks?|hours?|people|dollars)\b", ctx.text[m.end():m.end() + 10], re.I):
        return None  # "two thousand years": a number
    return "DATE", f"{_spoken_year_value(m.group(0)):04d}"


def _spoken_year_value(text: str) -> int:
    """ "nineteen ninety-four" -> 1994, "two thousand and one" -> 2001."""
    s = text.lower()
    if "thousand" in s:
        rest = s.split("thousand", 1)[1].replace("and", "").strip(" -")
        return 2000 + (ONES.get(rest, 0) if rest else 0)
    parts = re.split(r"[\s-]+", s)
    second = parts[1]
    return 1900 + TENS.get(second, ONES.get(second, 0)) + (ONES.get(parts[2], 0) if len(parts) > 2 else 0)


#: days of the month as spoken in broadcast transcripts ("March eighth")
_DAY_WORDS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth"
    " fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_DAY_WORDS.update({f"twenty-{w}": 20 + d for w, d in list(_DAY_WORDS.items())[:9]})
_DAY_WORDS.update({"thirtieth": 30, "thirty-first": 31})
_DAY_WORD = _ci(_alt(_DAY_WORDS).replace("\\-", r"[\s-]"))
_SPOKEN_YEAR = rf"(?:{_ci('two thousand')}(?:\s+{_ci('and')})?(?:[\s-]+(?:{_ci(_alt(k for k, v in ONES.items() if 0 < v < 10))}))?|{_NUMBER_YEAR.pattern.replace('?P<t>', '?:').replace('?P<o>', '?:')})"


# dates in words: "January nineteen ninety-seven", "March eighth", "the winter of nineteen ninety-four"
@_rule(rf"(?:(?P<season>{_ci('the (?:winter|summer|spring|fall|autumn) of')})|(?P<mon>{MONTH_FULL}))\s+(?:(?P<day>{_DAY_WORD})\b(?:,?\s+(?P<y1>{_SPOKEN_YEAR}))?|(?P<y2>{_SPOKEN_YEAR}))(?![\w-])")
def _spoken_date(m, ctx):
    spoken = m["y1"] or m["y2"]
    year = str(_spoken_year_value(spoken)) if spoken else None
    if m["season"]:
        if not year:
            return None
        return "DATE", f"{year}-{SEASONS[m['season'].split()[1].lower()]}"
    month = _month(m["mon"])
    if m["day"]:
        day = _DAY_WORDS[re.sub(r"[\s-]+", "-", m["day"].lower())]
        return "DATE", _date_value(ctx, m.start(), m.end(), month, day, year)
    return "DATE", f"{year}-{month:02d}"


# quarters and halves: "the third quarter", "third-quarter", "Q3 2013", "the first half of 1990"
@_rule(rf"(?:(?P<pre>{YEAR})\s+)?(?P<u>[QH])(?P<n>[1-4])(?:\s+(?P<year>{YEAR})|['’](?P<yy>\d\d))?\b")
def _q_code(m, ctx):
    n = int(m["n"])
    if m["u"] == "H" and n > 2:
        return None
    year = m["pre"] or m["year"] or (f"20{m['yy']}" if m["yy"] else None)
    if year is None:
        year = "XXXX" if ctx.ref is None else f"{ctx.ref.year:04d}"
    return "DATE", f"{year}-{m['u']}{n}"


@_rule(rf"(?:(?P<the>{_ci('the|its|this|that|a|their|last|next')})\s+)?(?:(?P<lyear>{YEAR}|{_ci('this|last|next')}\s+{_ci('year')}['’]s|{_ci('the year-(?:ago|earlier)|year-(?:ago|earlier)|last year')}['’]?s?)\s+)?(?:{_ci('fiscal|calendar|flat|latest')}[\s-]+)?(?P<ord>{_ci('first|second|third|fourth|1st|2nd|3rd|4th|last|latter|final')})[\s-]+(?P<unit>{_ci('quarter|half')})(?:s\b)?(?:\s+{_ci('of')}\s+(?:{_ci('fiscal')}\s+)?(?P<year>{YEAR}))?(?:\s+(?P<ryear>{_ci('last|this|next')})\s+{_ci('year')})?")
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


@_rule(rf"(?:(?P<the>{_ci('the|this|that|its|their')})\s+)?(?P<rel>{_ci('latest|most recent|recent|current|same|year-ago|year-earlier|comparable|previous|prior|next|coming|last')}[\s-]+)?(?:(?P<year>{YEAR})\s+)?(?P<unit>{_ci('quarter|period')})(?![\s-]+{_ci('century|mile|point|percent|of an? ')})\b(?:\s+(?P<ago>{_ci('a year (?:ago|earlier)|last year')}))?")
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


# seasons: "this summer", "last fall", "the winter of 1994", "spring 2025"
@_rule(rf"(?:(?P<the>{_ci('the')})\s+)?(?:(?P<rel>{_ci('this|last|next|this past|this coming|each|every|early|late|mid')})[\s-]+)?(?P<season>{_ci('spring|summer|fall|autumn|winter')})\b(?:\s+(?:{_ci('of')}\s+)?(?P<year>{YEAR})\b)?")
def _season(m, ctx):
    season = SEASONS[m["season"].lower()]
    rel = (m["rel"] or "").lower()
    after = ctx.text[m.end():m.end() + 20]
    named = rel.split(" ")[0] in ("this", "last", "next") and not m["the"]
    if not (m["year"] or named) and m["season"].lower() in ("fall", "spring") and re.match(r"\s+(?:of|in)\b", after):
        return None  # "the fall of the Berlin Wall", "the fall in prices"
    if m["season"][0].isupper() and m.start() > 0 and re.match(r"\s+[A-Z]", after) and not m["year"]:
        return None  # "the Summer Olympics", "Arab Spring Festival"
    if not (m["the"] or rel or m["year"]) and m["season"].lower() in ("spring", "fall"):
        before = ctx.text[max(0, m.start() - 8):m.start()].lower()
        if not re.search(r"\b(?:in|this|last|next|by|until|since|during)\s+$", before):
            return None
    if rel in ("each", "every"):
        return "SET", f"XXXX-{season}"
    if m["year"]:
        return "DATE", f"{m['year']}-{season}"
    if ctx.ref is None:
        return "DATE", f"XXXX-{season}"
    ref = ctx.ref
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    y = ref.year
    if "last" in rel or "past" in rel:
        y = ref.year if first + 2 < ref.month else ref.year - 1
    elif "next" in rel or "coming" in rel:
        y = ref.year if first > ref.month else ref.year + 1
    elif not rel.startswith("this"):
        tense = ctx.tense(m.start(), m.end())
        if tense is None and not (m["the"] or rel):
            return "DATE", f"XXXX-{season}"  # "roads close in winter": any winter
        if tense == "past" and first > ref.month:
            y -= 1
        elif tense == "future" and first + 2 < ref.month:
            y += 1
    if season == "WI" and ref.month <= 2 and not ("last" in rel or "next" in rel):
        y = ref.year - 1
    return "DATE", f"{y:04d}-{season}"


# weekdays: "Tuesday", "late Tuesday", "last Friday", "Tuesday night", "every Monday"
@_rule(rf"(?:(?P<rel>{_ci('last|next|this|this past|this coming|coming|the previous|the following|each|every|on')})\s+)?(?:(?P<mod>{_ci('early|earlier|late|later')})\s+)?(?P<wd>{WEEKDAY})(?P<plural>s)?(?:['’]s)?\b(?:(?:\s+|-)(?P<part>{PART}))?(?P<pplural>s)?")
def _weekday(m, ctx):
    weekday = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    part = PARTS_OF_DAY[m["part"].lower()] if m["part"] else ""
    suffix = f"T{part}" if part else ""
    kind = "TIME" if part else "DATE"
    if rel in ("each", "every") or m["plural"] or m["pplural"]:
        return "SET", f"XXXX-WXX-{weekday + 1}{suffix}"
    shared = None if part else _SHARED_PLURAL.match(ctx.text, m.end())
    if shared:
        # "on Monday and Tuesday nights": the plural part of day is shared, a set for both
        return "SET", f"XXXX-WXX-{weekday + 1}T{PARTS_OF_DAY[shared['part'].lower()]}"
    if ctx.ref is None:
        return kind, f"XXXX-WXX-{weekday + 1}{suffix}"
    ref = ctx.ref
    if rel in ("the previous", "the following"):
        # anaphoric: counted from the day the story last named ("from the previous Friday")
        recent = re.match(r"\d{4}-\d\d-\d\d", ctx.recent(m.start(), window=600) or "")
        if recent:
            ref = dt.date.fromisoformat(recent.group())
    if rel in ("last", "this past", "the previous"):
        d = _weekday_date(ref - dt.timedelta(days=1), weekday, "past")
    elif rel in ("next", "this coming", "coming", "the following"):
        d = _weekday_date(ref + dt.timedelta(days=1), weekday, "future")
    elif re.match(r"['’]s\s+(?:\w+\s+)?(?:ruling|decision|verdict|announcement|attack|bombing|shooting"
                  r"|killing|explosion|crash|remarks|statement|comments|raid|arrest|resignation)\b",
                  ctx.text[m.end() - 2 if m.group(0).endswith("s") else m.end():m.end() + 30]):
        # "get around Wednesday's ruling": a done act, whatever the clause plans
        d = _weekday_date(ref, weekday, "past")
    else:
        d = _weekday_date(ref, weekday, ctx.tense(m.start(), m.end()))
    return kind, f"{d.isoformat()}{suffix}"


#: "<weekday> and Tuesday nights": a plural part of day shared by both weekdays
_SHARED_PLURAL = re.compile(rf"(?:,\s*{WEEKDAY})*,?\s+(?:and|or)\s+{WEEKDAY}[\s-]+(?P<part>{PART})s\b")


#: nouns after "today's"/"tomorrow's" that make it "nowadays"/"the future", not a day
_GENERIC_AFTER = re.compile(
    r"['’]s\s+(?:[a-z]+\s+)?(?:world|youth|society|generations?|children|kids|young|youngsters"
    r"|teenagers|students|technology|computers|standards|terms|dollars|culture)\b")


# today, yesterday, tomorrow, tonight, this morning, last night
@_rule(rf"(?:(?P<mod>{_ci('early|earlier|late|later|mid')})[\s-]+)?(?P<day>{_ci('today|yesterday|tomorrow|tonight')})\b(?:(?:\s+|-)(?P<part>{PART}))?")
def _deictic_day(m, ctx):
    word = m["day"].lower()
    part = "NI" if word == "tonight" else (PARTS_OF_DAY[m["part"].lower()] if m["part"] else "")
    kind = "TIME" if part else "DATE"
    if word in ("today", "tomorrow") and not (part or m["mod"]) and _GENERIC_AFTER.match(ctx.text, m.end()):
        # "today's youth", "tomorrow's computers": the present or future in general, no day
        return "DATE", "PRESENT_REF" if word == "today" else "FUTURE_REF"
    if ctx.ref is None:
        return kind, "XXXX-XX-XX" + (f"T{part}" if part else "")
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    d = ctx.ref + dt.timedelta(days=offset)
    return kind, d.isoformat() + (f"T{part}" if part else "")


@_rule(rf"(?:(?P<mod>{_ci('early|earlier|late|later|mid')})[\s-]+)?(?P<rel>{_ci('this|last|the|that')})[\s-]+(?P<part>{PART})\b(?!\s+{_ci('of|before|after')}\b)")
def _this_part(m, ctx):
    rel, part = m["rel"].lower(), PARTS_OF_DAY[m["part"].lower()]
    if rel == "that" or rel == "the" and not m["mod"]:
        return None  # "that morning" is the morning of a day named before: _anaphoric_day
    if rel == "last" and part != "NI":
        return None
    if ctx.ref is None:
        return "TIME", f"XXXX-XX-XXT{part}"
    d = ctx.ref - dt.timedelta(days=1) if rel == "last" else ctx.ref
    return "TIME", f"{d.isoformat()}T{part}"


# days named through another one: "that day", "earlier that morning", "the next day",
# "the day before", "the day after last Tuesday"
@_rule(rf"(?:(?P<mod>{_ci('early|earlier|late|later')})\s+)?(?:(?P<rel>{_ci('that same|that|the same|the next|the following|the previous|the preceding')})\s+(?P<part>{_ci('day|morning|afternoon|evening|night')})|{_ci('the')}\s+(?P<part2>{_ci('day|night')})\s+(?P<dir>{_ci('before|after')})(?:\s+(?P<wrel>{_ci('last|next')})?\s*(?P<wd>{WEEKDAY})(?:['’]s)?)?)\b(?![\s-]+{_ci('of|or|and|to|care|trader|traders|job|shift|session')}\b)")
def _anaphoric_day(m, ctx):
    part = (m["part"] or m["part2"]).lower()
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    step = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1}.get(rel, 0)
    if m["dir"] and not m["wd"] and not re.match(r"\s*(?:[,.;:)]|$)|\s+(?:his|her|their|its)\s+[a-z]+\s*[,.;:]", ctx.text[m.end():m.end() + 30]):
        return None  # "the day before returning", "the day before the vote": the anchor is an event
    if m["dir"]:
        step = -1 if m["dir"].lower() == "before" else 1
    code = PARTS_OF_DAY.get(part, "")
    kind, suffix = ("TIME", f"T{code}") if code else ("DATE", "")
    if ctx.ref is None:
        return kind, "XXXX-XX-XX" + suffix
    if m["wd"]:
        wrel = (m["wrel"] or "").lower()
        if wrel:
            base = _weekday_date(ctx.ref + dt.timedelta(days=1 if wrel == "next" else -1),
                                 WEEKDAYS[m["wd"].lower()], "future" if wrel == "next" else "past")
        else:
            base = _weekday_date(ctx.ref, WEEKDAYS[m["wd"].lower()], ctx.tense(m.start(), m.end()))
    else:
        # TimeML anchors these to the day the story last named, else to the article date
        recent = ctx.recent(m.start(), window=600)
        day = re.match(r"(\d{4})-(\d\d)-(\d\d)$", recent or "")
        if re.fullmatch(r"\d{4}-\d\d", recent or ""):
            return kind, f"{recent}-XX{suffix}"  # "last October ... that same day": a day in that month
        base = dt.date(*map(int, day.groups())) if day else ctx.ref
    return kind, (base + dt.timedelta(days=step)).isoformat() + suffix


# a day named in a predicate: "it was a great day for Poland", "it's the second day of the
# strike": the day in play, i.e. the last one the story named, else the article date ("will be
# a sad day" is no day yet)
@_rule(r"(?:(?<=\bis\s)|(?<=\bwas\s)|(?<=['’]s\s)|(?<=\bis\s[\"“])|(?<=\bwas\s[\"“])|(?<=['’]s\s[\"“]))(?:a|an|the)\s+(?:(?:very|truly|really|most)\s+)?(?!(?:same|next|following|previous|other|few|couple|whole|entire|half|full)\b)[a-z]+\s+day(?=\s*[,.;:!?\"'”)]|\s+(?:of|for|in|on|when|that|as|and|but|at|with)\b)")
def _day_predicate(m, ctx):
    if ctx.ref is None:
        return "DATE", "XXXX-XX-XX"
    recent = re.match(r"\d{4}-\d\d-\d\d$", ctx.recent(m.start(), window=2000) or "")
    return "DATE", recent.group() if recent else ctx.ref.isoformat()


# the second day of "April 24 and 25" (TimeML tags the two days apart)
@_rule(r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?=\s*(?:[,.;:)]|$)|\s+(?:in|at|when|during)\b)")
def _second_day(m, ctx):
    first = re.search(rf"(?P<mon>{MONTH})\s+(?P<d1>{DAY})\s+(?:and|or|to|through)\s+$", ctx.text[max(0, m.start() - 30):m.start()])
    if not first or int(m["day"]) <= _day(first["d1"]):
        return None
    year = re.match(rf",?\s+(?P<year>{YEAR})\b", ctx.text[m.end():m.end() + 8])
    return "DATE", _date_value(ctx, m.start(), m.end(), _month(first["mon"]), int(m["day"]), year and year["year"])


# "mid-afternoon", "by late morning", "early evening Tuesday": a part of a day that a
# modifier names on its own; the day is one named beside it, else the article date
@_rule(rf"(?:{_ci('the')}\s+)?(?P<mod>{_ci('mid|early|late')})[\s-]?(?P<part>{_ci('morning|afternoon|evening')})\b(?:,?\s+(?P<day>{_ci('today|yesterday|tomorrow')}|{WEEKDAY})\b)?(?!\s+{_ci('of|hours')}\b)")
def _mod_part(m, ctx):
    suffix = "T" + PARTS_OF_DAY[m["part"].lower()]
    if ctx.ref is None:
        return "TIME", "XXXX-XX-XX" + suffix
    day = (m["day"] or "").lower()
    if day in WEEKDAYS:
        d = _weekday_date(ctx.ref, WEEKDAYS[day], ctx.tense(m.start(), m.end()))
    elif day:
        d = ctx.ref + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[day])
    else:
        near = re.match(r"\d{4}-\d\d-\d\d$", ctx.recent(m.start(), window=100) or "")
        d = dt.date.fromisoformat(near.group()) if near else ctx.ref
    return "TIME", d.isoformat() + suffix


@_rule(rf"{_ci('overnight')}")
def _overnight(m, ctx):
    if ctx.ref is None:
        return "TIME", "XXXX-XX-XXTNI"
    # news "overnight" is the night before the article, unless it lies ahead
    night = ctx.ref if ctx.tense(m.start(), m.end()) == "future" else ctx.ref - dt.timedelta(days=1)
    return "TIME", f"{night.isoformat()}TNI"


# clock times: "3 p.m.", "10:35 a.m. Wednesday", "noon Thursday", "midnight"
@_rule(rf"(?:{_ci('about|around|approximately|at about|shortly (?:before|after)')}\s+)?(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>{AMPM}|(?P<pod>{_ci('in the morning|in the afternoon|in the evening|at night')})\b)|(?P<h24>[01]\d|2[0-3]):(?P<min24>[0-5]\d)(?=\s*(?:{ZONE}|{_ci('hours|hrs|GMT|local time')}))|(?P<word>{_ci('noon|midnight|midday')}))(?P<zone>{ZONE})?(?:(?:,?\s+(?:{_ci('on')}\s+)?)(?P<wd>{WEEKDAY}|{_ci('today|yesterday|tomorrow')})|,?\s+(?P<mon>{MONTH})\s+(?P<day>{DAY}))?")
def _clock(m, ctx):
    if m["word"] and re.search(r"\bhigh\s*$", ctx.text[max(0, m.start() - 6):m.start()], re.I):
        return None  # "high noon"
    if m["word"]:
        hour, minute = (12, 0) if m["word"].lower() in ("noon", "midday") else (24, 0)
    elif m["h24"]:
        hour, minute = int(m["h24"]), int(m["min24"])
    else:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        if m["pod"] and not re.search(r"\b(?:at|by|until|till|before|after|around|about|from|to)\s+$",
                                      ctx.text[max(0, m.start() - 8):m.start()], re.I):
            return None  # "at 4 in the morning", but not "fell 4 in the morning session"
        pod = (m["pod"] or "").lower()
        pm = m["ampm"].lower().startswith("p") or "afternoon" in pod or "evening" in pod or (
            "night" in pod and hour >= 6)
        if pm and hour < 12:
            hour += 12
        if not pm and hour == 12:
            hour = 0
    clock = f"T{hour:02d}:{minute:02d}"
    if ctx.ref is None:
        return "TIME", f"XXXX-XX-XX{clock}"
    if m["mon"]:
        day = _date_value(ctx, m.start(), m.end(), _month(m["mon"]), _day(m["day"]), None)
    elif m["wd"] and m["wd"].lower() in WEEKDAYS:
        day = _weekday_date(ctx.ref, WEEKDAYS[m["wd"].lower()], ctx.tense(m.start(), m.end())).isoformat()
    elif m["wd"]:
        day = (ctx.ref + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[m["wd"].lower()])).isoformat()
    else:
        day = ctx.ref.isoformat()
    return "TIME", f"{day}{clock}"


# relative periods: "last week", "this year", "earlier this month", "the past year", "next month"
@_rule(rf"(?:(?P<mod>{MOD})[\s-]+(?:{_ci('in')}\s+)?)?(?P<rel>{_ci('this|last|next|the past|the last|the coming|the current|the previous|the following|the same|that|the next|this past|this coming|past|coming|previous|current|the')})[\s-]+(?:{_ci('fiscal|calendar|full|latest fiscal')}\s+)?(?P<unit>{_ci('week|weekend|month|year|decade|century')})\b(?![\s-]+{_ci('old|long')}\b)(?:['’]s\s+{_ci('end')})?")
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


@_rule(rf"\b{_ci(_alt(_VAGUE))}\b")
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
@_rule(rf"(?:{_ci('the')}\s+)?(?:(?P<rel>{_ci('recent|coming|past|next|last|early|previous|prior|future')})\s+(?P<unit>{_ci('(?:day|week|month|year|decade|quarter)s')})\b|(?P<unit2>{_ci('(?:day|week|month|year)s')})\s+{_ci('ahead')}\b)")
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
@_rule(rf"(?:(?P<approx>{APPROX}|{_ci('just|only')})\s+)?(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})\s+(?P<dir>{_ci('ago|from now|hence')}\b|{_ci('earlier|before|later|after|previously|back')}\b(?!\s+{_ci('that|the|a|an|this|his|her|their|its|it|he|she|they|we|i|you')}\b))")
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


@_rule(rf"(?:(?P<the>{_ci('the')})\s+)?(?P<rel>{_ci('year-ago|year-earlier')})(?:\s+(?P<noun>{_ci('period|quarter|month|week|third quarter|second quarter|first quarter|fourth quarter|nine months|six months')})\b)?")
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


# durations: "two hours", "nearly four-year", "the past two months", "for months", "a decade"
@_rule(rf"(?:(?P<approx>{APPROX})\s+)?(?:(?P<lead>{_ci('the (?:past|last|next|first|final|previous|coming|following|latest|initial|ensuing|remaining)|(?:past|last|next|first|final|previous|coming|another|an additional|additional|each of the past)')})\s+)?(?P<num>{NUM})(?:\s+{_ci('or (?:so|more)')})?(?P<sep>[\s-]+)(?:(?P<extra>{_ci('more|additional|straight|consecutive|full|trading|long|business|calendar|working|or so|and a half')})\s+)?(?P<unit>{UNIT})\b(?P<suffix>-(?:long|old))?(?:\s+(?P<orso>{_ci('or so|and a half')}))?")
def _duration(m, ctx):
    if m["unit"][0].isupper() and not m["num"][0].isupper():
        return None  # "60 Minutes": a title
    if m["unit"].lower().startswith("quarter") and (
            m["sep"] == "-" and m["unit"].lower().endswith("s")
            or re.match(r"\s+of\s+(?!(?:the\s+)?(?:year|fiscal|\d))", ctx.text[m.end():m.end() + 20])):
        return None  # "three-quarters of its food": a fraction
    if m["unit"].lower() == "quarter" and re.search(r"\bby\s*$", ctx.text[max(0, m.start() - 4):m.start()]):
        return None  # "cut production by almost a quarter"
    unit = m["unit"].lower()
    lead = (m["lead"] or "").lower()
    num = m["num"].lower()
    n = parse_number(num)
    if (not (lead or m["approx"] or m["extra"] or m["suffix"]) and m["sep"].strip() != "-"
            and n is not None and float(n).is_integer() and ctx.ref is not None
            and re.search(r"\bin\s+$", ctx.text[max(0, m.start() - 4):m.start()])
            and not re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4])
            and ctx.tense(m.start(), m.end()) == "future"):
        # "will resume in three weeks": a date that far ahead
        return "DATE", _at_granularity(_shift(ctx.ref, int(n), unit), unit)
    if num in ("a", "an", "some", "many") and not lead and not m["approx"]:
        if num == "some" or num == "many":
            return "DURATION", duration_value(None, unit)
        # "a year" alone; "a day" after "once"/"times" is a set
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        if re.search(r"\b(?:times|once|twice|per)\s*$", before):
            return "SET", duration_value(1, unit)
        if re.search(r"(?:\d|\b(?:million|billion|thousand|cents?|dollars?|shares|percent|%))\s*$", before):
            return None  # "$500 million a year": a rate
    if m["suffix"] and m["suffix"].lower() == "-old":
        return None  # "a 35-year-old man": an age
    if re.match(r"\s+old\b", ctx.text[m.end():m.end() + 5]):
        return None  # "nineteen years old"
    after = ctx.text[m.end():m.end() + 12]
    if unit == "second" and num in ("a", "an", "one") and re.match(r"\s+[a-z]", after) and not re.match(
            r"\s+(?:or|and|of|to|in|later|after|before|earlier|longer|ago)\b", after):
        return None  # "a second day": the ordinal
    if m["orso"] and "half" in m["orso"].lower() and n is not None:
        n += 0.5
    if unit.rstrip("s") == "weekend":
        return "DURATION", f"P{_fmt_num(n) if n is not None else 'X'}WE"
    return "DURATION", duration_value(n, unit)


# bare units: "for months", "years", "hours", "decades-long", "year-long"
@_rule(rf"(?:(?P<approx>{_ci('many|several|a few|few|some|countless|the')})\s+)?(?P<unit>{_ci('seconds|minutes|hours|days|weeks|months|years|decades|centuries')})(?![\s-]+{_ci('old|ago|earlier|later')})\b|(?P<unit2>{_ci('year|month|week|day|decade')}s?)-long\b")
def _bare_units(m, ctx):
    if m["unit2"]:
        unit = m["unit2"].lower()
        return "DURATION", duration_value(None if unit.endswith("s") else 1, unit)
    before = ctx.text[max(0, m.start() - 12):m.start()].lower()
    after = ctx.text[m.end():m.end() + 16].lower()
    if m["approx"] and m["approx"].lower() == "the":
        # "over the years", "the years that followed": an unsized stretch of time; other
        # "the years" are anaphoric ("the weeks before the vote") and left alone
        if re.search(r"\b(?:over|through|across|throughout|down)\s*$", before) or re.match(
                r"\s+(?:that|which)\s+followed\b", after):
            return "DURATION", duration_value(None, m["unit"])
        return None
    if re.match(r"\s+of\b", after) and not m["approx"]:
        return None
    if re.search(r"(?:\d|-)\s*$", before):
        return None
    return "DURATION", duration_value(None, m["unit"])


# "24 hours a day", "seven days a week", "40 hours per week": one set, a time per period
@_rule(rf"(?P<num>{NUM})[\s-]+{UNIT}\s+(?:{_ci('a|an|per|each')})\s+(?P<per>{_ci('second|minute|hour|day|week|month|year')})\b")
def _rate_set(m, ctx):
    return "SET", duration_value(1, m["per"])


# sets: "every Monday" is in the weekday rule; "every day", "each year", "daily", "twice a week"
@_rule(rf"(?P<q>{_ci('every|each|per')})\s+(?:(?P<other>{_ci('other')})\s+)?(?:(?P<num>{NUM})\s+)?(?P<unit>{_ci('second|minute|hour|day|night|week|weekend|month|quarter|year|decade|season|morning|afternoon|evening|summer|winter|spring|autumn|fall')}s?)\b")
def _set(m, ctx):
    unit = m["unit"].lower().rstrip("s")
    n = parse_number(m["num"]) if m["num"] else (2 if m["other"] else 1)
    if unit in PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}"
    if unit in SEASONS:
        return "SET", f"XXXX-{SEASONS[unit]}"
    if unit == "season":
        return "SET", "P3M"
    if unit == "weekend":
        return "SET", "XXXX-WXX-WE"
    return "SET", duration_value(n, unit)


@_rule(rf"\b{_ci(_alt(SET_WORDS))}\b")
def _set_word(m, ctx):
    word = m.group(0).lower()
    if word == "quarterly" and re.match(r"\s+[a-z]", ctx.text[m.end():m.end() + 3]):
        return None  # "quarterly dividend": a kind of report, not a recurrence
    return "SET", SET_WORDS[m.group(0).lower()]


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


@_rule(rf"(?:(?P<rel>{_ci('last|next|this|this past')})\s+)?(?P<name>(?:Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s\s+(?:Eve|Day)|Halloween|Valentine['’]s\s+Day|Independence\s+Day|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Labor\s+Day|Memorial\s+Day|Election\s+Day))\b(?P<week>\s+{_ci('week')}\b)?(?:,?\s+(?P<year>{YEAR})\b)?")
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


# --------------------------------------------------------------------------- the tagger

#: expressions that point back from another period ("a year earlier", "the year-ago quarter")
_DERIVED = re.compile(_ci(r"ago|earlier|year-|last|previous|prior|comparable"))
_OWNER_TRIM = re.compile(_ci(r"(?:its|their|his|her|our|my|your)\s+"))
_ARTICLE_TRIM = re.compile(_ci(r"(?:a|an|the|that|this)\s+"))
_PREP_TRIM = re.compile(_ci(r"(?:in|on|at(?!\s+(?:least|most)\b)|since|during|for|by|until|till|from|of|over|within)\s+"))


#: Reference dates are taken from these years, as the loader takes article dates; far outside
#: them, "300 years later" would leave what ``datetime`` can hold.
REFERENCE_YEARS = (1800, 2200)


def _to_date(reference_date) -> dt.date | None:
    if reference_date is None or (isinstance(reference_date, float) and reference_date != reference_date):
        return None  # None, or NaN from a column of missing dates
    if not isinstance(reference_date, (str, dt.date, np.datetime64)):  # pd.Timestamp is a dt.date
        raise TypeError("reference_date must be a date, Timestamp, ISO string or None, "
                        f"not {type(reference_date).__name__} ({reference_date!r})")
    try:
        ts = pd.Timestamp(reference_date)
    except (pd.errors.OutOfBoundsDatetime, OverflowError):
        ts = None
    except (ValueError, TypeError):
        return None
    if ts is not None and pd.isna(ts):
        return None
    lo, hi = REFERENCE_YEARS
    year = ts.year if ts is not None else getattr(reference_date, "year", None)
    if ts is None or not lo <= year <= hi:
        raise ValueError(f"reference_date {reference_date!r} is outside the years {lo}-{hi}")
    return ts.date()


def _windows(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Merged stretches of a text of ``length`` characters around the trigger words at ``spans``."""
    out: list[list[int]] = []
    for start, end in spans:
        lo, hi = max(0, start - _WINDOW), min(length, end + _WINDOW)
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


@cache
def _trigger(source: str, folded: bool) -> re.Pattern:
    """A trigger for lower-cased text (a plain scan is much faster than an ignore-case one), or for the text."""
    return re.compile(source.lower()) if folded else re.compile(source, re.I)


#: a trigger of plain words ("jan|feb|..."), with no character that means something else to ``re``
_PLAIN_WORDS = re.compile(r"[a-z '-]+(?:\|[a-z '-]+)*")


def _trigger_spans(source: str, text: str, folded: bool, starts_of: dict[str, list[int]]) -> list[tuple[int, int]]:
    """``(start, end)`` of the matches ``_trigger(source, folded).finditer(text)`` yields.

    ``re`` tries an alternation of words at nearly every letter; on lower-cased text the words of a
    plain trigger are found with ``str.find`` instead (``starts_of`` keeps each word's starts for
    the other triggers), and the matches chosen as ``re`` does: leftmost, at one start the first
    word listed, none overlapping the one before.
    """
    if _digit_led(source):  # tried at each digit, not at every character
        pattern, spans, end = _trigger(source, folded), [], 0
        for start in _digit_offsets(text, starts_of):
            m = pattern.match(text, start) if start >= end else None
            if m:
                spans.append(m.span())
                end = m.end()
        return spans
    if not (folded and _PLAIN_WORDS.fullmatch(source)):
        return [m.span() for m in _trigger(source, folded).finditer(text)]
    words = source.lower().split("|")
    hits = sorted((start, k) for k, word in enumerate(words) for start in _word_starts(word, text, starts_of))
    spans, end = [], 0
    for start, k in hits:
        if start >= end:
            end = start + len(words[k])
            spans.append((start, end))
    return spans


@cache
def _digit_led(source: str) -> bool:
    """Whether every match of the trigger starts with a digit: ``\\d`` first, not optional, and no
    ``|`` outside a group."""
    return (source.startswith("\\d") and source[2:3] not in ("*", "?", "{")
            and "|" not in re.sub(r"\([^()]*\)", "", source))


_DIGITS = re.compile(r"\d+")


def _digit_offsets(text: str, starts_of: dict[str, list[int]]) -> list[int]:
    """Offsets of every digit in ``text`` (kept in ``starts_of`` under ``\\d``)."""
    offsets = starts_of.get("\\d")
    if offsets is None:
        offsets = starts_of["\\d"] = [i for m in _DIGITS.finditer(text) for i in range(m.start(), m.end())]
    return offsets


def _word_starts(word: str, text: str, starts_of: dict[str, list[int]]) -> list[int]:
    """Every offset where ``word`` occurs in ``text``, overlapping ones too."""
    starts = starts_of.get(word)
    if starts is None:
        starts, i = [], text.find(word)
        while i >= 0:
            starts.append(i)
            i = text.find(word, i + 1)
        starts_of[word] = starts
    return starts


def _candidates(text: str) -> list[tuple[int, int, int, re.Match]]:
    out = []
    lowered = text.lower()
    folded = len(lowered) == len(text)  # lower-casing keeps offsets, except for a few letters such as "İ"
    windows_of: dict[str, list[tuple[int, int]]] = {}  # rules that share a trigger share its windows
    starts_of: dict[str, list[int]] = {}  # and triggers that share a word share its offsets
    for order, (pattern, _func, trigger) in enumerate(_RULES):
        if trigger is None:
            windows = [(0, len(text))]
        elif trigger in windows_of:
            windows = windows_of[trigger]
        else:
            spans = _trigger_spans(trigger, lowered if folded else text, folded, starts_of)
            windows = windows_of[trigger] = _windows(spans, len(text))
        seen = -1
        for lo, hi in windows:
            for m in pattern.finditer(text, max(lo, seen), hi):
                if m.end() > m.start():
                    out.append((m.start(), m.end(), order, m))
                    seen = m.end()
    return out


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-_") and not (after.isalnum() or after == "_")


def find_timexes(text: str, reference_date: pd.Timestamp | dt.date | str | None = None,
                 doc: Doc | None = None) -> pd.DataFrame:
    """Temporal expressions in ``text`` with TIMEX3 values resolved against ``reference_date``.

    ``reference_date`` is the article date (Timestamp, date or string; None or
    NaT leaves anchored values unresolved). ``doc`` is the optional spaCy Doc
    of the same ``text``; it refines the tense used for bare weekdays and
    months. Columns: see the module docstring.

    >>> find_timexes("Talks ran six hours Tuesday.", "2026-02-18")[["text", "value"]]
    ... # doctest: +NORMALIZE_WHITESPACE
            text       value
    0  six hours        PT6H
    1    Tuesday  2026-02-17
    """
    if not isinstance(text, str) or not text:
        return _frame([])
    ctx = _Ctx(text=text, ref=_to_date(reference_date), doc=doc)
    probe = _Ctx(text=text, ref=ctx.ref, probe=True)
    cands = [c for c in _candidates(text) if _word_bounded(text, c[0], c[1])]
    # longest match first; among equals the earlier rule
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, int, re.Match]] = []
    occupied = bytearray(len(text) + 1)
    for cand in cands:
        start, end = cand[0], cand[1]
        if any(occupied[start:end]) or _RULES[cand[2]][1](cand[3], probe) is None:
            continue
        taken.append(cand)
        occupied[start:end] = b"\x01" * (end - start)
    taken.sort(key=lambda c: c[0])
    rows = []
    for start, end, order, m in taken:
        result = _RULES[order][1](m, ctx)
        if result is None:
            # a rejected long match may hide a shorter valid one inside it
            result, start, end = _fallback(text, start, end, order, ctx)
            if result is None:
                continue
        kind, value = result
        start, end = _trim(text, start, end)
        ctx.found.append((start, kind, value, bool(_DERIVED.search(text, start, end))))
        rows.append((start, end, text[start:end], kind, value))
    return _frame(_clock_days(text, rows, ctx.ref))


_BARE_CLOCK = re.compile(r"(?:(?:at\s+)?(?:about|around|approximately|shortly\s+(?:before|after))\s+)?(?:\d|noon|midnight|midday)[\d:.\s]*(?:[ap]\.?m\.?|in\s+the\s+(?:morning|afternoon|evening)|at\s+night)?(?:\s+[A-Z]{2,3}T)?\s*$", re.I)
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d(?=$|T[A-Z]{2}$|T\d\d:\d\d$)")


def _clock_days(text: str, rows: list[tuple], ref: dt.date | None) -> list[tuple]:
    """Give a bare clock time ("at 10:35 a.m.") the day named in its sentence, if any."""
    if ref is None:
        return rows
    out = list(rows)
    for i, (start, end, span, kind, value) in enumerate(rows):
        if kind != "TIME" or not value.startswith(ref.isoformat() + "T") or not _BARE_CLOCK.match(span):
            continue
        best = None
        for j, other in enumerate(rows):
            day = _DAY_VALUE.match(other[4])
            gap = text[end:other[0]] if other[0] >= end else text[other[1]:start]
            if j == i or not day or len(gap) > 80 or re.search(r"[.!?]\s", gap):
                continue
            if best is None or len(gap) < best[0]:
                best = (len(gap), day.group())
        if best:
            out[i] = (start, end, span, kind, best[1] + value[10:])
    return out


def _fallback(text: str, start: int, end: int, skip: int, ctx: _Ctx):
    """The longest other rule that matches inside ``text[start:end]`` and accepts."""
    best = None
    for order, (pattern, func, _trigger) in enumerate(_RULES):
        if order == skip:
            continue
        for m in pattern.finditer(text, start, end):
            if m.end() <= m.start() or not _word_bounded(text, m.start(), m.end()):
                continue
            if best is None or m.end() - m.start() > best[2] - best[1]:
                result = func(m, ctx)
                if result is not None:
                    best = (result, m.start(), m.end())
    return best if best else (None, start, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop what TimeML leaves outside a span: a leading preposition or possessive
    ("its fourth quarter"), the article of a noun an adjective period qualifies ("a
    third-quarter loss"), a possessive "'s" ("Friday's vote") and trailing punctuation."""
    m = _PREP_TRIM.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    m = _OWNER_TRIM.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    m = _ARTICLE_TRIM.match(text, start, end)
    if m and re.search(r"\w-(?:quarter|half)$", text[start:end], re.I):
        start = m.end()
    if text[end - 2:end] in ("'s", "’s") and end - 2 > start:
        end -= 2
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    return start, end


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """The timex frame, each column built once with its dtype: one small frame per article adds up."""
    intervals = [_NO_INTERVAL if kind in ("DURATION", "SET") else _interval_ns(value) for _, _, _, kind, value in rows]
    columns = {
        "start": np.array([row[0] for row in rows], dtype=_DTYPES["start"]),
        "end": np.array([row[1] for row in rows], dtype=_DTYPES["end"]),
        "text": _str_column([row[2] for row in rows]),
        "type": _str_column([row[3] for row in rows]),
        "value": _str_column([row[4] for row in rows]),
        # NaT is the smallest int64 in nanoseconds
        "date_start": np.array([iv[0] for iv in intervals], dtype="int64").view(_DTYPES["date_start"]),
        "date_end": np.array([iv[1] for iv in intervals], dtype="int64").view(_DTYPES["date_end"]),
        "granularity": _str_column([iv[2] for iv in intervals]),
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)), copy=False)


_NAT_NS = np.iinfo("int64").min
_NO_INTERVAL = (_NAT_NS, _NAT_NS, None)


@lru_cache(maxsize=4096)  # a value's interval does not change, and the corpus repeats values
def _interval_ns(value: str) -> tuple[int, int, str | None]:
    """:func:`value_interval` with the Timestamps as nanoseconds (NaT as ``_NAT_NS``)."""
    start, end, granularity = value_interval(value)
    return (_NAT_NS if start is pd.NaT else start.value, _NAT_NS if end is pd.NaT else end.value, granularity)


def _str_column(values: list) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype="str")`` built straight through Arrow (as ``segment.str_array``, whose
    module needs spaCy)."""
    try:
        return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string(), from_pandas=True), dtype=_STR)
    except (pa.ArrowException, TypeError):  # not all strings: let pandas convert them
        return pd.array(values, dtype=_STR)


#: dtypes of the timex frame, as objects: a dtype named by a string is looked up on every use.
_DTYPES = {"start": np.dtype("int64"), "end": np.dtype("int64"),
           "date_start": np.dtype("datetime64[ns]"), "date_end": np.dtype("datetime64[ns]")}
_STR = pd.StringDtype(na_value=np.nan)  # "str": every other column
