"""Rules: durations."""

from __future__ import annotations

import re

from newsdesk.timex.registry import rule
from newsdesk.timex.values import _at_granularity, _fmt_num, _shift, duration_value, parse_number
from newsdesk.timex.vocab import APPROX, NUM, UNIT, _ci


# durations: "two hours", "nearly four-year", "the past two months", "for months", "a decade"
@rule(rf"(?:(?P<approx>{APPROX})\s+)?(?:(?P<lead>{_ci('the (?:past|last|next|first|final|previous|coming|following|latest|initial|ensuing|remaining)|(?:past|last|next|first|final|previous|coming|another|an additional|additional|each of the past)')})\s+)?(?P<num>{NUM})(?:\s+{_ci('or (?:so|more)')})?(?P<sep>[\s-]+)(?:(?P<extra>{_ci('more|additional|straight|consecutive|full|trading|long|business|calendar|working|or so|and a half')})\s+)?(?P<unit>{UNIT})\b(?P<suffix>-(?:long|old))?(?:\s+(?P<orso>{_ci('or so|and a half')}))?")
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
@rule(rf"(?:(?P<approx>{_ci('many|several|a few|few|some|countless|the')})\s+)?(?P<unit>{_ci('seconds|minutes|hours|days|weeks|months|years|decades|centuries')})(?![\s-]+{_ci('old|ago|earlier|later')})\b|(?P<unit2>{_ci('year|month|week|day|decade')}s?)-long\b")
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


