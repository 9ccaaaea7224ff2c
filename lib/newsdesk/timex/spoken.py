"""Rules: years and dates in words ("nineteen ninety-four", "March eighth")."""

from __future__ import annotations

import re

from newsdesk.timex.registry import _date_value, _month, rule
from newsdesk.timex.vocab import MONTH_FULL, ONES, SEASONS, TENS, _alt, _ci

_NUMBER_YEAR = re.compile(_ci(r"nineteen[\s-]+(?P<t>" + _alt(TENS) + r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:[\s-]+(?P<o>one|two|three|four|five|six|seven|eight|nine))?"))


@rule(rf"(?:{_ci('the year')}\s+)?{_ci('two thousand')}(?:\s+{_ci('and')})?(?:[\s-]+(?:{_ci(_alt(k for k, v in ONES.items() if v))}))?(?=[\s.,;])|{_NUMBER_YEAR.pattern}")
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
@rule(rf"(?:(?P<season>{_ci('the (?:winter|summer|spring|fall|autumn) of')})|(?P<mon>{MONTH_FULL}))\s+(?:(?P<day>{_DAY_WORD})\b(?:,?\s+(?P<y1>{_SPOKEN_YEAR}))?|(?P<y2>{_SPOKEN_YEAR}))(?![\w-])")
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


