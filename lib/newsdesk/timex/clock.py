"""Rules: clock times."""

from __future__ import annotations

import datetime as dt
import re

from newsdesk.timex.registry import _date_value, _day, _month, rule
from newsdesk.timex.values import _weekday_date
from newsdesk.timex.vocab import AMPM, DAY, MONTH, WEEKDAY, WEEKDAYS, ZONE, _ci


# clock times: "3 p.m.", "10:35 a.m. Wednesday", "noon Thursday", "midnight"
@rule(rf"(?:{_ci('about|around|approximately|at about|shortly (?:before|after)')}\s+)?(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>{AMPM}|(?P<pod>{_ci('in the morning|in the afternoon|in the evening|at night')})\b)|(?P<h24>[01]\d|2[0-3]):(?P<min24>[0-5]\d)(?=\s*(?:{ZONE}|{_ci('hours|hrs|GMT|local time')}))|(?P<word>{_ci('noon|midnight|midday')}))(?P<zone>{ZONE})?(?:(?:,?\s+(?:{_ci('on')}\s+)?)(?P<wd>{WEEKDAY}|{_ci('today|yesterday|tomorrow')})|,?\s+(?P<mon>{MONTH})\s+(?P<day>{DAY}))?")
def _clock(m, ctx):
    if m["word"] and re.search(r"\bhigh\s*$", ctx.text[max(0, m.start() - 6):m.start()], re.I):
        return None  # "high noon"
    if m["word"]:
        hour, minute = (12, 0) if m["word"].lower() in ("noon", "midday") else (24, 0)
    elif m["h24"]:
        hour, minute = int(m["h24"]), int(m["min24"])
    else:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        if m["pod"] and not re.search(r"\b(?:at|by|until|till|before|after|around|about|from|to)\s+$",
                                      ctx.text[max(0, m.start() - 8):m.start()], re.I):
            return None  # "at 4 in the morning", but not "fell 4 in the morning session"
        pod = (m["pod"] or "").lower()
        pm = m["ampm"].lower().startswith("p") or "afternoon" in pod or "evening" in pod or (
            "night" in pod and hour >= 6)
        if pm and hour < 12:
            hour += 12
        if not pm and hour == 12:
            hour = 0
    clock = f"T{hour:02d}:{minute:02d}"
    if ctx.ref is None:
        return "TIME", f"XXXX-XX-XX{clock}"
    if m["mon"]:
        day = _date_value(ctx, m.start(), m.end(), _month(m["mon"]), _day(m["day"]), None)
    elif m["wd"] and m["wd"].lower() in WEEKDAYS:
        day = _weekday_date(ctx.ref, WEEKDAYS[m["wd"].lower()], ctx.tense(m.start(), m.end())).isoformat()
    elif m["wd"]:
        day = (ctx.ref + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[m["wd"].lower()])).isoformat()
    else:
        day = ctx.ref.isoformat()
    return "TIME", f"{day}{clock}"


