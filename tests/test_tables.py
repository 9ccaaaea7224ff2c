import pandas as pd
import pytest

import newsdesk as nd
from newsdesk.tables import formula_safe, write_csv


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_start_a_formula_are_written_as_text(tmp_path, cell):
    path = write_csv(pd.DataFrame({"quote": [cell], "n": [-1]}), tmp_path / "t.csv")
    back = pd.read_csv(path, keep_default_na=False)
    assert back["quote"][0] == "'" + cell
    assert back["n"][0] == -1


def test_plain_cells_and_numbers_are_unchanged():
    frame = pd.DataFrame({"a": ["ok", None], "n": [-1.5, 2.0]})
    out = formula_safe(frame)
    assert out["a"][0] == "ok" and pd.isna(out["a"][1])
    assert out["n"].tolist() == [-1.5, 2.0]


def _articles():
    return nd.load_articles(pd.DataFrame({
        "title": ["Talks in Geneva", "Storm", "Undated"],
        "date": ["2026-02-01", "2026-02-10T23:30:00", None],
        "source": ["Wire A", "wire b", "Wire A"],
        "text": ["Delegations met.", "Rain fell on TALKS.", "Nothing."],
    }), errors="ignore")


def test_select_dates_are_inclusive_days():
    got = nd.select(_articles(), since="2026-02-01", until="2026-02-10")
    assert sorted(got["title"]) == ["Storm", "Talks in Geneva"]
    assert nd.select(_articles(), since="2026-02-02")["title"].tolist() == ["Storm"]


def test_select_sources_and_keywords_are_case_insensitive_any_of():
    assert sorted(nd.select(_articles(), sources=["WIRE A"])["title"]) == ["Talks in Geneva", "Undated"]
    assert sorted(nd.select(_articles(), keywords=["talks"])["title"]) == ["Storm", "Talks in Geneva"]
    assert nd.select(_articles(), keywords=["geneva", "nothing."])["title"].tolist() == ["Talks in Geneva", "Undated"]


def test_select_checks_its_arguments():
    with pytest.raises(TypeError):
        nd.select("folder")
    with pytest.raises(ValueError):
        nd.select(_articles(), since="not a date")
