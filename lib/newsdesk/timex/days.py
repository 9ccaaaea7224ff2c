"""Rules: weekdays, today/yesterday, parts of days, days named through another one."""

from __future__ import annotations

import datetime as dt
import re

from newsdesk.timex.registry import _date_value, _day, _month, rule
from newsdesk.timex.values import _weekday_date
from newsdesk.timex.vocab import DAY, MONTH, PART, PARTS_OF_DAY, WEEKDAY, WEEKDAYS, YEAR, _ci


# weekdays: "Tuesday", "late Tuesday", "last Friday", "Tuesday night", "every Monday"
@rule(rf"(?:(?P<rel>{_ci('last|next|this|this past|this coming|coming|the previous|the following|each|every|on')})\s+)?(?:(?P<mod>{_ci('early|earlier|late|later')})\s+)?(?P<wd>{WEEKDAY})(?P<plural>s)?(?:['’]s)?\b(?:(?:\s+|-)(?P<part>{PART}))?(?P<pplural>s)?")
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
@rule(rf"(?:(?P<mod>{_ci('early|earlier|late|later|mid')})[\s-]+)?(?P<day>{_ci('today|yesterday|tomorrow|tonight')})\b(?:(?:\s+|-)(?P<part>{PART}))?")
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


@rule(rf"(?:(?P<mod>{_ci('early|earlier|late|later|mid')})[\s-]+)?(?P<rel>{_ci('this|last|the|that')})[\s-]+(?P<part>{PART})\b(?!\s+{_ci('of|before|after')}\b)")
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
@rule(rf"(?:(?P<mod>{_ci('early|earlier|late|later')})\s+)?(?:(?P<rel>{_ci('that same|that|the same|the next|the following|the previous|the preceding')})\s+(?P<part>{_ci('day|morning|afternoon|evening|night')})|{_ci('the')}\s+(?P<part2>{_ci('day|night')})\s+(?P<dir>{_ci('before|after')})(?:\s+(?P<wrel>{_ci('last|next')})?\s*(?P<wd>{WEEKDAY})(?:['’]s)?)?)\b(?![\s-]+{_ci('of|or|and|to|care|trader|traders|job|shift|session')}\b)")
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
@rule(r"(?:(?<=\bis\s)|(?<=\bwas\s)|(?<=['’]s\s)|(?<=\bis\s[\"“])|(?<=\bwas\s[\"“])|(?<=['’]s\s[\"“]))(?:a|an|the)\s+(?:(?:very|truly|really|most)\s+)?(?!(?:same|next|following|previous|other|few|couple|whole|entire|half|full)\b)[a-z]+\s+day(?=\s*[,.;:!?\"'”)]|\s+(?:of|for|in|on|when|that|as|and|but|at|with)\b)")
def _day_predicate(m, ctx):
    if ctx.ref is None:
        return "DATE", "XXXX-XX-XX"
    recent = re.match(r"\d{4}-\d\d-\d\d$", ctx.recent(m.start(), window=2000) or "")
    return "DATE", recent.group() if recent else ctx.ref.isoformat()


# the second day of "April 24 and 25" (TimeML tags the two days apart)
@rule(r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?=\s*(?:[,.;:)]|$)|\s+(?:in|at|when|during)\b)")
def _second_day(m, ctx):
    first = re.search(rf"(?P<mon>{MONTH})\s+(?P<d1>{DAY})\s+(?:and|or|to|through)\s+$", ctx.text[max(0, m.start() - 30):m.start()])
    if not first or int(m["day"]) <= _day(first["d1"]):
        return None
    year = re.match(rf",?\s+(?P<year>{YEAR})\b", ctx.text[m.end():m.end() + 8])
    return "DATE", _date_value(ctx, m.start(), m.end(), _month(first["mon"]), int(m["day"]), year and year["year"])


# "mid-afternoon", "by late morning", "early evening Tuesday": a part of a day that a
# modifier names on its own; the day is one named beside it, else the article date
@rule(rf"(?:{_ci('the')}\s+)?(?P<mod>{_ci('mid|early|late')})[\s-]?(?P<part>{_ci('morning|afternoon|evening')})\b(?:,?\s+(?P<day>{_ci('today|yesterday|tomorrow')}|{WEEKDAY})\b)?(?!\s+{_ci('of|hours')}\b)")
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


@rule(rf"{_ci('overnight')}")
def _overnight(m, ctx):
    if ctx.ref is None:
        return "TIME", "XXXX-XX-XXTNI"
    # news "overnight" is the night before the article, unless it lies ahead
    night = ctx.ref if ctx.tense(m.start(), m.end()) == "future" else ctx.ref - dt.timedelta(days=1)
    return "TIME", f"{night.isoformat()}TNI"


