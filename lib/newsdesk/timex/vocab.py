"""Words and regular-expression pieces shared by the rules."""

from __future__ import annotations

import re

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


