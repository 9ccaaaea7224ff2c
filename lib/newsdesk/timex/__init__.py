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

The package keeps one module per rule family, as HeidelTime keeps a rule
resource per family: ``dates``, ``decades``, ``spoken``, ``quarters``,
``seasons``, ``days``, ``clock``, ``relative``, ``durations``, ``sets`` and
``holidays``. Each registers its rules with :func:`registry.rule` on import;
``values`` holds the normalisation (numbers, date arithmetic, intervals),
``tense`` the clause tense, ``tagger`` :func:`find_timexes` and ``frame`` the
frame it returns.
"""

# The families are imported in this order on purpose: a rule's place in the
# registry breaks ties between equally long matches (the earlier rule wins).
# isort: off
from newsdesk.timex import dates, decades, spoken, quarters, seasons  # noqa: F401
from newsdesk.timex import days, clock, relative, durations, sets, holidays  # noqa: F401
# isort: on
from newsdesk.timex.frame import TIMEX_COLUMNS
from newsdesk.timex.tagger import find_timexes
from newsdesk.timex.values import duration_value, parse_number, value_interval

__all__ = ["TIMEX_COLUMNS", "duration_value", "find_timexes", "parse_number", "value_interval"]

