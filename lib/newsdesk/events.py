"""Dated events and the cross-article timeline.

STUB: the timeline issue fills this in. Contract:
``events_from_doc(doc, sentences, mentions, timexes, reference_date) -> DataFrame``
with ``EVENT_COLUMNS``; ``timeline(corpus) -> DataFrame``.
"""

from __future__ import annotations

import pandas as pd

EVENT_COLUMNS = [
    "sent_id", "start", "end", "date_start", "date_end", "granularity", "date_source",
    "actor", "target", "action", "text", "compound",
]


def events_from_doc(doc, sentences, mentions, timexes, reference_date) -> pd.DataFrame:
    return pd.DataFrame(columns=EVENT_COLUMNS)


def timeline(corpus) -> pd.DataFrame:
    return pd.DataFrame()
