"""Which way a clause points (past / future / none): cheap cues in the text, or the parse."""

from __future__ import annotations

import re

from newsdesk.timex.vocab import _ci

_FUTURE_CUES = re.compile(_ci(
    r"\b(?:will|shall|wo\s*n't|won't|'ll|going\s+to|plans?\s+to|planning\s+to"
    r"|scheduled|expected\s+to|set\s+to|is\s+to|are\s+to|hopes?\s+to|intends?\s+to"
    r"|aims?\s+to|upcoming|tomorrow|would|to\s+be\s+held|later\s+this|expects?"
    r"|hoping\s+to|prepar(?:es|ing)\s+to|(?:planned|decided|agreed|pledged|promised|vowed)\s+to|(?-i:may|might)\s+(?!have\b)(?:finally\s+|still\s+|well\s+)?be"
    r"|(?:planned|scheduled|slated|set|due|expected)\s+for"
    r"|next\s+(?:week|month|year|weekend|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"))
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|been|since|ago|last|yesterday|told|went|came|saw|met|took|made|gave"
    r"|began|held|left|sent|struck|fell|rose|won|lost|led|spoke|wrote|got|ran|broke|brought"
    r"|bought|sold|thought|found|became|chose|flew|fought|drove|kept|paid|shot|stood|threw"
    r"|knew|grew|drew|felt|heard|meant|built|sought|caught|fled|withdrew|overthrew|quit|earlier"
    r"|killed|announced|reported|died|arrested|attacked|exploded|occurred|happened|launched"
    r"|signed|approved|rejected|voted|agreed|accused|claimed|denied|ended|started|opened|closed"
    r"|filed|posted|earned|declined|dropped|jumped|fired|seized|captured|returned|arrived)\b")
#: a preposition right before the expression that points ahead ("by Dec. 15", "until Friday")
_FUTURE_PREP = re.compile(_ci(r"(?:until|till|by|through|effective|starting|beginning|as soon as"
                              r"|as early as|no later than|expires?|payable|due)(?: on| in)?(?: the)?\s*$"))
#: a past-tense verb right before the expression: "said Tuesday", "predicted on Wednesday"
_VERB_BEFORE = re.compile(r"\b(?:said|told|[a-z]{2,}ed)(?:\s+(?:on|late|early))?\s+$")
_PAST_PREP = re.compile(_ci(r"(?:since|ago|earlier)\s*$"))
_PASSIVE_AUX = re.compile(r"\b(?:is|are|be|been|being|am|'s|'re|to|will|would)\s+$")
#: cues further than this many characters from the expression say little about it
MAX_CUE_DISTANCE = 80
#: present-tense verbs: the nearest verb says "now", which moves nothing
_PRESENT_CUES = re.compile(r"\b(?:is|are|am|does|do|faces|remains|says|holds|begins|starts|opens|ends|meets)\b(?!\s+(?:to|going|expected|scheduled|due|set|been|[a-z]+ed)\b)")
#: any "-ed" word: often a past verb, sometimes an adjective ("the reduced dividend")
_ED_WORD = re.compile(r"\b(?!(?:expected|scheduled|planned|slated|proposed|needed|based|used|related|called|so-called)\b)[a-z]{3,}ed\b")
#: reporting verbs: the time of the saying, a weaker cue for other events in the clause
_REPORT_CUES = re.compile(r"\b(?:said|told|announced|reported|added|stated)\b")
#: after "was"/"were": a plan or schedule, which points ahead ("were planning to drive Monday")
_FUTURE_IN_PAST = re.compile(r"\s+(?:(?:still|then|now)\s+)?(?:planning|going|expected|scheduled|due|set|about|slated|preparing|hoping|to)\b")
#: titles and "vs." end with a full stop that ends no sentence
_ABBREV = ("vs", "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt",
           "Prof", "Rev", "Sr")
# the full stop comes first, the titles are checked behind it: re then skips to the next mark
_CLAUSE_END = re.compile(r"\." + "".join(rf"(?<!\b{a}\.)" for a in _ABBREV) + r"\s+(?=[A-Z\"'“‘(])"
                         r"|[!?;:\n]\s+(?=[A-Z\"'“‘(])|\n")


def _cheap_tense(text: str, start: int, end: int, reporting: bool = True) -> str | None:
    """Tense from the words right before ``text[start:end]``, else the nearest cue in its clause."""
    return _local_tense(text, start, end) or _clause_tense(text, start, end, reporting)


def _local_tense(text: str, start: int, end: int) -> str | None:
    """A past verb or a preposition right before the expression ("said Tuesday", "by May")."""
    before = text[max(0, start - 24):start]
    verb = _VERB_BEFORE.search(before)
    at = max(0, start - 24) + (verb.start() if verb else 0)
    if verb and not _PASSIVE_AUX.search(text, max(0, at - 10), at):
        return "past"  # "said Tuesday", "rallied on Friday" (not "will be lifted on July 1")
    if _FUTURE_PREP.search(before):
        # "by Friday" looks ahead, unless the clause is past perfect ("had filed by Friday")
        return "past" if re.search(r"\bhad\b", text[max(0, start - 60):end + 30]) else "future"
    if _PAST_PREP.search(before):
        return "past"
    return None


def _clause_tense(text: str, start: int, end: int, reporting: bool = True) -> str | None:
    """The nearest tense cue word in the clause around the expression."""
    left = max(0, start - 160)
    cut = None
    for m in _CLAUSE_END.finditer(text, left, start):
        cut = m.end()
    left = cut if cut is not None else left
    right_m = _CLAUSE_END.search(text, end, min(len(text), end + 120))
    right = right_m.start() if right_m else min(len(text), end + 120)
    best, best_dist = None, 10**9
    cues = [(_FUTURE_CUES, "future", 0), (_PAST_CUES, "past", 0), (_ED_WORD, "past", 20),
            (_PRESENT_CUES, None, 0)]
    if reporting:
        cues.append((_REPORT_CUES, "past", 10))
    for pattern, tense, penalty in cues:
        for m in pattern.finditer(text, left, right):
            if start <= m.start() < end:
                continue
            if pattern is _REPORT_CUES and m.start() >= end:
                continue  # '"We leave Friday," he said': the saying does not date the quote
            dist = (start - m.end() if m.end() <= start else m.start() - end) + penalty
            if tense == "past" and _PASSIVE_AUX.search(text, max(0, m.start() - 8), m.start()):
                continue  # "is held", "to be heard": a participle, not a past tense
            if tense == "past" and _FUTURE_IN_PAST.match(text, m.end()):
                continue  # "were planning to", "was due to": the future seen from the past
            if dist < best_dist and dist <= MAX_CUE_DISTANCE:
                best, best_dist = tense, dist
    if best is None and re.fullmatch(r"\s*(?:[A-Z][a-z]*\s+)?", text[left:start]) and re.match(r"\s*,", text[end:end + 3]):
        # "In January, a week after the anniversary, a bombing killed a guard": a fronted
        # phrase takes the tense of its main clause, however long the phrase is
        stop = _CLAUSE_END.search(text, end, min(len(text), end + 240))
        stop = stop.start() if stop else min(len(text), end + 240)
        first = [(m.start(), tense) for pattern, tense in ((_FUTURE_CUES, "future"), (_PAST_CUES, "past"))
                 for m in [pattern.search(text, end, stop)] if m]
        return min(first)[1] if first else None
    return best


def _doc_tense(doc, start: int, end: int) -> str | None:
    """Tense of the verb the expression attaches to, from the parse (``doc`` a Doc or its
    :class:`~newsdesk.docview.DocView`); None if unclear."""
    from newsdesk.docview import DocView

    if isinstance(doc, DocView):  # the tokens of doc.char_span(start, end, "expand"), found on the view
        bounds = doc.span(start, end)
        span = None if bounds is None else doc.doc[bounds[0]:bounds[1]]
    else:
        span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "'ll", "shall", "wo", "would"}:
        return "future"
    if token.lemma_ in ("schedule", "reschedule", "slate", "plan") and token.dep_ not in ("acl", "amod"):
        # "has scheduled a news conference Thursday": what is planned lies ahead (but "a
        # service planned for Saturday was canceled" is dated by the cancelling)
        return "future"
    if token.tag_ == "VBD" or (token.tag_ == "VBN" and auxes & {"has", "have", "had", "'ve"}):
        return "past"
    if auxes & {"may", "might", "should", "must"}:
        return "future"  # "may be resolved the week of March 6"
    if token.tag_ == "VBN" and auxes & {"was", "were"}:
        return "past"
    if token.tag_ == "VB" and "to" in auxes and token.head.lemma_ in {
        "plan", "expect", "schedule", "hope", "intend", "aim", "want", "seek", "agree", "set", "due",
        "go", "prepare", "promise", "vow", "threaten", "decide",
    }:
        return "future"
    return None


