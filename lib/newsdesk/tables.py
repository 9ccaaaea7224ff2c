"""Writing tables for people: CSV files a spreadsheet opens safely.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is read by spreadsheets as a formula (CSV injection). :func:`formula_safe`
prefixes such text cells with ``'`` (OWASP's advice), so they show as text;
numbers are left alone. Every CSV newsdesk writes goes through :func:`write_csv`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def formula_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) cannot start a formula.

    >>> formula_safe(pd.DataFrame({"a": ["=1+1", "ok"], "n": [-1, 2]}))["a"].tolist()
    ["'=1+1", 'ok']
    """
    out = frame.copy()
    out.attrs = {}
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_safe_cell)
    out.columns = [_safe_cell(str(c)) for c in out.columns]
    return out


def write_csv(frame: pd.DataFrame, path: str | os.PathLike, index: bool = False) -> Path:
    """Write ``frame`` as UTF-8 CSV (RFC 4180 line ends, so a cell holding a carriage return
    is quoted) with formula-safe cells; returns the path."""
    path = Path(path)
    formula_safe(frame).to_csv(path, index=index, encoding="utf-8", lineterminator="\r\n")
    return path
