"""Rules: seasons."""

from __future__ import annotations

import re

from newsdesk.timex.registry import rule
from newsdesk.timex.vocab import SEASONS, YEAR, _ci


# seasons: "this summer", "last fall", "the winter of 1994", "spring 2025"
@rule(rf"(?:(?P<the>{_ci('the')})\s+)?(?:(?P<rel>{_ci('this|last|next|this past|this coming|each|every|early|late|mid')})[\s-]+)?(?P<season>{_ci('spring|summer|fall|autumn|winter')})\b(?:\s+(?:{_ci('of')}\s+)?(?P<year>{YEAR})\b)?")
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


