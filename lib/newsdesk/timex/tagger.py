"""The tagger: candidates from every rule, longest first, resolved in text order."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from newsdesk.timex.frame import _frame
from newsdesk.timex.registry import _WINDOW, RULES, Context
from newsdesk.timex.vocab import _ci

if TYPE_CHECKING:  # spaCy is only needed when a parse is passed in
    from spacy.tokens import Doc


#: expressions that point back from another period ("a year earlier", "the year-ago quarter")
_DERIVED = re.compile(_ci(r"ago|earlier|year-|last|previous|prior|comparable"))
_OWNER_TRIM = re.compile(_ci(r"(?:its|their|his|her|our|my|your)\s+"))
_ARTICLE_TRIM = re.compile(_ci(r"(?:a|an|the|that|this)\s+"))
_PREP_TRIM = re.compile(_ci(r"(?:in|on|at(?!\s+(?:least|most)\b)|since|during|for|by|until|till|from|of|over|within)\s+"))


#: Reference dates are taken from these years, as the loader takes article dates; far outside
#: them, "300 years later" would leave what ``datetime`` can hold.
REFERENCE_YEARS = (1800, 2200)


def _to_date(reference_date) -> dt.date | None:
    if reference_date is None or (isinstance(reference_date, float) and reference_date != reference_date):
        return None  # None, or NaN from a column of missing dates
    if not isinstance(reference_date, (str, dt.date, np.datetime64)):  # pd.Timestamp is a dt.date
        raise TypeError("reference_date must be a date, Timestamp, ISO string or None, "
                        f"not {type(reference_date).__name__} ({reference_date!r})")
    try:
        ts = pd.Timestamp(reference_date)
    except (pd.errors.OutOfBoundsDatetime, OverflowError):
        ts = None
    except (ValueError, TypeError):
        return None
    if ts is not None and pd.isna(ts):
        return None
    lo, hi = REFERENCE_YEARS
    year = ts.year if ts is not None else getattr(reference_date, "year", None)
    if ts is None or not lo <= year <= hi:
        raise ValueError(f"reference_date {reference_date!r} is outside the years {lo}-{hi}")
    return ts.date()


def _windows(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Merged stretches of a text of ``length`` characters around the trigger words at ``spans``."""
    out: list[list[int]] = []
    for start, end in spans:
        lo, hi = max(0, start - _WINDOW), min(length, end + _WINDOW)
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


@cache
def _trigger(source: str, folded: bool) -> re.Pattern:
    """A trigger for lower-cased text (a plain scan is much faster than an ignore-case one), or for the text."""
    return re.compile(source.lower()) if folded else re.compile(source, re.I)


#: a trigger of plain words ("jan|feb|..."), with no character that means something else to ``re``
_PLAIN_WORDS = re.compile(r"[a-z '-]+(?:\|[a-z '-]+)*")


def _trigger_spans(source: str, text: str, folded: bool, starts_of: dict[str, list[int]]) -> list[tuple[int, int]]:
    """``(start, end)`` of the matches ``_trigger(source, folded).finditer(text)`` yields.

    ``re`` tries an alternation of words at nearly every letter; on lower-cased text the words of a
    plain trigger are found with ``str.find`` instead (``starts_of`` keeps each word's starts for
    the other triggers), and the matches chosen as ``re`` does: leftmost, at one start the first
    word listed, none overlapping the one before.
    """
    if _digit_led(source):  # tried at each digit, not at every character
        pattern, spans, end = _trigger(source, folded), [], 0
        for start in _digit_offsets(text, starts_of):
            m = pattern.match(text, start) if start >= end else None
            if m:
                spans.append(m.span())
                end = m.end()
        return spans
    if not (folded and _PLAIN_WORDS.fullmatch(source)):
        return [m.span() for m in _trigger(source, folded).finditer(text)]
    words = source.lower().split("|")
    hits = sorted((start, k) for k, word in enumerate(words) for start in _word_starts(word, text, starts_of))
    spans, end = [], 0
    for start, k in hits:
        if start >= end:
            end = start + len(words[k])
            spans.append((start, end))
    return spans


@cache
def _digit_led(source: str) -> bool:
    """Whether every match of the trigger starts with a digit: ``\\d`` first, not optional, and no
    ``|`` outside a group."""
    return (source.startswith("\\d") and source[2:3] not in ("*", "?", "{")
            and "|" not in re.sub(r"\([^()]*\)", "", source))


_DIGITS = re.compile(r"\d+")


def _digit_offsets(text: str, starts_of: dict[str, list[int]]) -> list[int]:
    """Offsets of every digit in ``text`` (kept in ``starts_of`` under ``\\d``)."""
    offsets = starts_of.get("\\d")
    if offsets is None:
        offsets = starts_of["\\d"] = [i for m in _DIGITS.finditer(text) for i in range(m.start(), m.end())]
    return offsets


def _word_starts(word: str, text: str, starts_of: dict[str, list[int]]) -> list[int]:
    """Every offset where ``word`` occurs in ``text``, overlapping ones too."""
    starts = starts_of.get(word)
    if starts is None:
        starts, i = [], text.find(word)
        while i >= 0:
            starts.append(i)
            i = text.find(word, i + 1)
        starts_of[word] = starts
    return starts


def _candidates(text: str) -> list[tuple[int, int, int, re.Match]]:
    out = []
    lowered = text.lower()
    folded = len(lowered) == len(text)  # lower-casing keeps offsets, except for a few letters such as "İ"
    windows_of: dict[str, list[tuple[int, int]]] = {}  # rules that share a trigger share its windows
    starts_of: dict[str, list[int]] = {}  # and triggers that share a word share its offsets
    for order, (pattern, _func, trigger) in enumerate(RULES):
        if trigger is None:
            windows = [(0, len(text))]
        elif trigger in windows_of:
            windows = windows_of[trigger]
        else:
            spans = _trigger_spans(trigger, lowered if folded else text, folded, starts_of)
            windows = windows_of[trigger] = _windows(spans, len(text))
        seen = -1
        for lo, hi in windows:
            for m in pattern.finditer(text, max(lo, seen), hi):
                if m.end() > m.start():
                    out.append((m.start(), m.end(), order, m))
                    seen = m.end()
    return out


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-_") and not (after.isalnum() or after == "_")


def find_timexes(text: str, reference_date: pd.Timestamp | dt.date | str | None = None,
                 doc: Doc | None = None) -> pd.DataFrame:
    """Temporal expressions in ``text`` with TIMEX3 values resolved against ``reference_date``.

    ``reference_date`` is the article date (Timestamp, date or string; None or
    NaT leaves anchored values unresolved). ``doc`` is the optional spaCy Doc
    of the same ``text`` (or its :class:`~newsdesk.docview.DocView`); it refines the tense used for bare weekdays and
    months. Columns: see the module docstring.

    >>> find_timexes("Talks ran six hours Tuesday.", "2026-02-18")[["text", "value"]]
    ... # doctest: +NORMALIZE_WHITESPACE
            text       value
    0  six hours        PT6H
    1    Tuesday  2026-02-17
    """
    if not isinstance(text, str) or not text:
        return _frame([])
    ctx = Context(text=text, ref=_to_date(reference_date), doc=doc)
    probe = Context(text=text, ref=ctx.ref, probe=True)
    cands = [c for c in _candidates(text) if _word_bounded(text, c[0], c[1])]
    # longest match first; among equals the earlier rule
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, int, re.Match]] = []
    occupied = bytearray(len(text) + 1)
    for cand in cands:
        start, end = cand[0], cand[1]
        if any(occupied[start:end]) or RULES[cand[2]][1](cand[3], probe) is None:
            continue
        taken.append(cand)
        occupied[start:end] = b"\x01" * (end - start)
    taken.sort(key=lambda c: c[0])
    rows = []
    for start, end, order, m in taken:
        result = RULES[order][1](m, ctx)
        if result is None:
            # a rejected long match may hide a shorter valid one inside it
            result, start, end = _fallback(text, start, end, order, ctx)
            if result is None:
                continue
        kind, value = result
        start, end = _trim(text, start, end)
        ctx.found.append((start, kind, value, bool(_DERIVED.search(text, start, end))))
        rows.append((start, end, text[start:end], kind, value))
    return _frame(_clock_days(text, rows, ctx.ref))


_BARE_CLOCK = re.compile(r"(?:(?:at\s+)?(?:about|around|approximately|shortly\s+(?:before|after))\s+)?(?:\d|noon|midnight|midday)[\d:.\s]*(?:[ap]\.?m\.?|in\s+the\s+(?:morning|afternoon|evening)|at\s+night)?(?:\s+[A-Z]{2,3}T)?\s*$", re.I)
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d(?=$|T[A-Z]{2}$|T\d\d:\d\d$)")


def _clock_days(text: str, rows: list[tuple], ref: dt.date | None) -> list[tuple]:
    """Give a bare clock time ("at 10:35 a.m.") the day named in its sentence, if any."""
    if ref is None:
        return rows
    out = list(rows)
    for i, (start, end, span, kind, value) in enumerate(rows):
        if kind != "TIME" or not value.startswith(ref.isoformat() + "T") or not _BARE_CLOCK.match(span):
            continue
        best = None
        for j, other in enumerate(rows):
            day = _DAY_VALUE.match(other[4])
            gap = text[end:other[0]] if other[0] >= end else text[other[1]:start]
            if j == i or not day or len(gap) > 80 or re.search(r"[.!?]\s", gap):
                continue
            if best is None or len(gap) < best[0]:
                best = (len(gap), day.group())
        if best:
            out[i] = (start, end, span, kind, best[1] + value[10:])
    return out


def _fallback(text: str, start: int, end: int, skip: int, ctx: Context):
    """The longest other rule that matches inside ``text[start:end]`` and accepts."""
    best = None
    for order, (pattern, func, _trigger) in enumerate(RULES):
        if order == skip:
            continue
        for m in pattern.finditer(text, start, end):
            if m.end() <= m.start() or not _word_bounded(text, m.start(), m.end()):
                continue
            if best is None or m.end() - m.start() > best[2] - best[1]:
                result = func(m, ctx)
                if result is not None:
                    best = (result, m.start(), m.end())
    return best if best else (None, start, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop what TimeML leaves outside a span: a leading preposition or possessive
    ("its fourth quarter"), the article of a noun an adjective period qualifies ("a
    third-quarter loss"), a possessive "'s" ("Friday's vote") and trailing punctuation."""
    m = _PREP_TRIM.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    m = _OWNER_TRIM.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    m = _ARTICLE_TRIM.match(text, start, end)
    if m and re.search(r"\w-(?:quarter|half)$", text[start:end], re.I):
        start = m.end()
    if text[end - 2:end] in ("'s", "’s") and end - 2 > start:
        end -= 2
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    return start, end


