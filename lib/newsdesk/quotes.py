"""Quotes and their speakers.

STUB: the quotes issue fills this in. Contract:
``quotes_from_doc(doc, mentions) -> DataFrame`` with ``QUOTE_COLUMNS``; ``find_quotes(text)``.
"""

from __future__ import annotations

import pandas as pd

QUOTE_COLUMNS = [
    "start", "end", "quote", "speaker", "speaker_start", "speaker_end", "cue", "partial", "scare", "compound",
]


def quotes_from_doc(doc, mentions: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(columns=QUOTE_COLUMNS)


def find_quotes(text: str) -> pd.DataFrame:
    return pd.DataFrame(columns=QUOTE_COLUMNS)
