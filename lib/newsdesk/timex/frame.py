"""The timex frame, each column built once with its dtype."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa

from newsdesk.timex.values import value_interval

TIMEX_COLUMNS = ["start", "end", "text", "type", "value", "date_start", "date_end", "granularity"]

def _frame(rows: list[tuple]) -> pd.DataFrame:
    """The timex frame, each column built once with its dtype: one small frame per article adds up."""
    intervals = [_NO_INTERVAL if kind in ("DURATION", "SET") else _interval_ns(value) for _, _, _, kind, value in rows]
    columns = {
        "start": np.array([row[0] for row in rows], dtype=_DTYPES["start"]),
        "end": np.array([row[1] for row in rows], dtype=_DTYPES["end"]),
        "text": _str_column([row[2] for row in rows]),
        "type": _str_column([row[3] for row in rows]),
        "value": _str_column([row[4] for row in rows]),
        # NaT is the smallest int64 in nanoseconds
        "date_start": np.array([iv[0] for iv in intervals], dtype="int64").view(_DTYPES["date_start"]),
        "date_end": np.array([iv[1] for iv in intervals], dtype="int64").view(_DTYPES["date_end"]),
        "granularity": _str_column([iv[2] for iv in intervals]),
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)), copy=False)


_NAT_NS = np.iinfo("int64").min
_NO_INTERVAL = (_NAT_NS, _NAT_NS, None)


@lru_cache(maxsize=4096)  # a value's interval does not change, and the corpus repeats values
def _interval_ns(value: str) -> tuple[int, int, str | None]:
    """:func:`value_interval` with the Timestamps as nanoseconds (NaT as ``_NAT_NS``)."""
    start, end, granularity = value_interval(value)
    return (_NAT_NS if start is pd.NaT else start.value, _NAT_NS if end is pd.NaT else end.value, granularity)


def _str_column(values: list) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype="str")`` built straight through Arrow (as ``segment.str_array``, whose
    module needs spaCy)."""
    try:
        return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string(), from_pandas=True), dtype=_STR)
    except (pa.ArrowException, TypeError):  # not all strings: let pandas convert them
        return pd.array(values, dtype=_STR)


#: dtypes of the timex frame, as objects: a dtype named by a string is looked up on every use.
_DTYPES = {"start": np.dtype("int64"), "end": np.dtype("int64"),
           "date_start": np.dtype("datetime64[ns]"), "date_end": np.dtype("datetime64[ns]")}
_STR = pd.StringDtype(na_value=np.nan)  # "str": every other column
