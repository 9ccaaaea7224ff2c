"""Normalisation: numbers, TIMEX3 values, date arithmetic, the year of a date without one,
and the interval (first day, last day, granularity) a value covers."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pandas as pd

from newsdesk.timex.vocab import ONES, TENS, UNITS


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


