"""Rules: dates with a day, numeric dates, months, years."""

from __future__ import annotations

import datetime as dt
import re

from newsdesk.timex.registry import _date_value, _day, _month, _year_int, rule
from newsdesk.timex.values import _infer_year, _week
from newsdesk.timex.vocab import (
    DAY,
    MOD,
    MONTH,
    MONTH_ABBR,
    MONTH_FULL,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    _ci,
)

#: dates so well known that news names them without a year
_NAMED_DAYS = {(9, 11): (2001, re.compile(r"\s+(?:attacks?|terror|terrorist|hijack)", re.I))}


# dates with a day: "Feb. 16", "February 16, 2026", "Friday, Aug. 7", "16 February 2026"
@rule(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})\b(?!\s*(?:%|{_ci('percent')}))(?:,?\s+(?P<year>{YEAR})\b)?")
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


@rule(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:{_ci('the')}\s+(?=\d+(?:st|nd|rd|th)\s+{_ci('of')}))?(?P<day>{DAY})(?:\s+{_ci('of')})?\s+(?P<mon>{MONTH})\b(?:,?\s+(?P<year>{YEAR})\b)?")
def _day_month(m, ctx):
    return "DATE", _date_value(ctx, m.start(), m.end(), _month(m["mon"]), _day(m["day"]), m["year"])


@rule(rf"{_ci('the week of')}\s+(?P<mon>{MONTH})\s+(?P<day>{DAY})\b(?:,?\s+(?P<year>{YEAR})\b)?")
def _week_of(m, ctx):
    value = _date_value(ctx, m.start(), m.end(), _month(m["mon"]), _day(m["day"]), m["year"])
    if value.startswith("X") or len(value) < 10:
        return "DATE", "XXXX-WXX"
    return "DATE", _week(dt.date.fromisoformat(value))


# numeric dates: 2/16/2026, 2026-02-16
@rule(r"(?<![\d/.])(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d\d)(?![\d/])")
def _us_date(m, ctx):
    return "DATE", _date_value(ctx, m.start(), m.end(), int(m["m"]), int(m["d"]), m["y"])


@rule(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])(?:T(?P<h>[01]\d|2[0-3]):(?P<min>[0-5]\d))?(?![\d])")
def _iso_date(m, ctx):
    value = f"{m['y']}-{m['m']}-{m['d']}"
    if m["h"]:
        return "TIME", f"{value}T{m['h']}:{m['min']}"
    return "DATE", value


# month (and year): "February 2022", "early December", "last April", "June last year"
@rule(rf"(?:(?P<mod>{MOD})[\s-]+|(?P<rel>{_ci('last|next|this|this past|this coming|each|every')})\s+)?"
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
@rule(rf"(?:(?P<mod>{MOD})[\s-]+|{_ci('fiscal')}\s+|{_ci('the year')}\s+|{_ci('calendar')}\s+|{_ci('post|pre')}-|(?<![\d$£€.,/-]))(?P<year>{YEAR})(?!\d|%|,\d|\.\d|-\d|/\d|\s*{_ci('percent|per cent')}\b|\s+(?:{_ci('to|and|or|-|–')})\s+\d{{1,3}}\b)")
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


