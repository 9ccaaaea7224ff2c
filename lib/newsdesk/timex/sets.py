"""Rules: sets ("every Monday" is a weekday rule)."""

from __future__ import annotations

import re

from newsdesk.timex.registry import rule
from newsdesk.timex.values import duration_value, parse_number
from newsdesk.timex.vocab import NUM, PARTS_OF_DAY, SEASONS, SET_WORDS, UNIT, _alt, _ci


# "24 hours a day", "seven days a week", "40 hours per week": one set, a time per period
@rule(rf"(?P<num>{NUM})[\s-]+{UNIT}\s+(?:{_ci('a|an|per|each')})\s+(?P<per>{_ci('second|minute|hour|day|week|month|year')})\b")
def _rate_set(m, ctx):
    return "SET", duration_value(1, m["per"])


# sets: "every Monday" is in the weekday rule; "every day", "each year", "daily", "twice a week"
@rule(rf"(?P<q>{_ci('every|each|per')})\s+(?:(?P<other>{_ci('other')})\s+)?(?:(?P<num>{NUM})\s+)?(?P<unit>{_ci('second|minute|hour|day|night|week|weekend|month|quarter|year|decade|season|morning|afternoon|evening|summer|winter|spring|autumn|fall')}s?)\b")
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


@rule(rf"\b{_ci(_alt(SET_WORDS))}\b")
def _set_word(m, ctx):
    word = m.group(0).lower()
    if word == "quarterly" and re.match(r"\s+[a-z]", ctx.text[m.end():m.end() + 3]):
        return None  # "quarterly dividend": a kind of report, not a recurrence
    return "SET", SET_WORDS[m.group(0).lower()]


