"""The rule registry: the context a rule resolves against, ``rule`` to register a handler,
the trigger words that bound where each rule scans, and helpers for date values."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from newsdesk.timex.tense import _cheap_tense, _clause_tense, _doc_tense, _local_tense
from newsdesk.timex.values import _infer_year, _shift_months
from newsdesk.timex.vocab import MONTHS


@dataclass
class Context:
    """What a rule resolves a match against: the article's text, its date, the optional
    parse, and the expressions resolved before this one (for anaphora)."""

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


RULES: list[tuple[re.Pattern, object, str | None]] = []  # (pattern, handler, trigger source)


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


def rule(pattern: str):
    """Register a handler ``f(m, ctx) -> (type, value) | None`` for ``pattern``."""
    def deco(func):
        # never start inside a word ("regi|on Wednesday")
        compiled = re.compile(r"(?<![^\W_])(?:" + pattern + ")")
        trigger = _TRIGGERS.get(func.__name__)
        if trigger and re.search(r"\\[A-Z]", trigger):
            raise ValueError(f"trigger {trigger!r}: triggers are matched on lower-cased text")
        RULES.append((compiled, func, trigger))
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


def _date_value(ctx: Context, start: int, end: int, month: int, day: int | None, year: str | None) -> str:
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


