"""Temporal expressions -> TIMEX3 values, resolved against the article date.

STUB: the timeline issue fills this in. Contract:
``find_timexes(text, reference_date, doc=None) -> DataFrame`` with ``TIMEX_COLUMNS``.
"""

from __future__ import annotations

import pandas as pd

TIMEX_COLUMNS = ["start", "end", "text", "type", "value", "date_start", "date_end", "granularity"]


def find_timexes(text: str, reference_date=None, doc=None) -> pd.DataFrame:
    return pd.DataFrame(columns=TIMEX_COLUMNS)
