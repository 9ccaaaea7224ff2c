"""Rules: decades and centuries."""

from __future__ import annotations

from newsdesk.timex.registry import rule
from newsdesk.timex.vocab import MOD, TENS, _ci


# decades and centuries: "the 1990s", "the late 1970s", "the '80s", "the 20th century"
@rule(rf"(?:{_ci('the')}\s+)?(?:(?P<mod>{MOD})[\s-]+)?(?:(?P<dec>1[5-9]\d0|20[0-9]0)|['’](?P<short>\d0))['’]?s\b")
def _decade(m, ctx):
    if m["dec"]:
        return "DATE", f"{m['dec'][:3]}X"
    return "DATE", f"19{m['short'][0]}X"


@rule(rf"{_ci('the')}\s+(?:(?P<mod>{MOD})[\s-]+)?(?P<word>{_ci('twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties')})\b")
def _decade_word(m, ctx):
    return "DATE", f"19{TENS[m['word'].lower()[:-3] + 'y'] // 10}X"


@rule(rf"(?:{_ci('the')}\s+)?(?:(?P<mod>{MOD})[\s-]+)?(?P<n>1[0-9]|2[01])(?:st|nd|rd|th)[\s-]+{_ci('century')}")
def _century(m, ctx):
    return "DATE", f"{int(m['n']) - 1:02d}"  # TIMEX3 names a century by its first two digits


