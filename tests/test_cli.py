"""``newsdesk report``: filters, the CSV tables, the staging swap."""

import json

import pandas as pd
import pytest

from newsdesk import cli

ARTICLES = {
    "geneva.txt": ("Talks in Geneva", "2026-02-01", "Wire A", "Delegations met in Geneva for talks."),
    "storm.txt": ("Storm hits coast", "2026-02-10", "Wire B", "A storm hit the coast. Talks were postponed."),
    "budget.txt": ("Budget passed", "2026-03-05", "Wire A", "Parliament passed the budget."),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    folder = root / "articles"
    folder.mkdir()
    for name, (title, date, source, text) in ARTICLES.items():
        (folder / name).write_text(f"title: {title}\ndate: {date}\nsource: {source}\n\n{text}\n", encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def _cache(project, monkeypatch):
    monkeypatch.setenv("NEWSDESK_CACHE", str(project / "cache"))
    monkeypatch.setenv("NEWSDESK_ROOT", str(project))


def run(project, exports, *args):
    return cli.main(["report", "--articles", str(project / "articles"), "--exports", str(exports),
                     "--no-notebooks", *args])


def titles(exports):
    return sorted(pd.read_csv(exports / "tables" / "articles.csv")["title"])


def test_since_until_keep_exactly_the_articles_of_those_days(project, tmp_path):
    assert run(project, tmp_path, "--since", "2026-02-01", "--until", "2026-02-10") == 0
    assert titles(tmp_path) == ["Storm hits coast", "Talks in Geneva"]


def test_keywords_keep_articles_naming_any_of_them(project, tmp_path):
    assert run(project, tmp_path, "--keyword", "talks", "--keyword", "BUDGET") == 0
    assert titles(tmp_path) == ["Budget passed", "Storm hits coast", "Talks in Geneva"]
    assert run(project, tmp_path, "--keyword", "geneva", "--source", "wire a") == 0
    assert titles(tmp_path) == ["Talks in Geneva"]


def test_every_frame_is_written_as_csv_and_parquet(project, tmp_path):
    assert run(project, tmp_path) == 0
    for name in ("articles", "paragraphs", "sentences", "mentions", "actors", "quotes", "timexes", "events"):
        assert (tmp_path / "tables" / f"{name}.csv").is_file()
        assert (tmp_path / "frames" / f"{name}.parquet").is_file()
    assert (tmp_path / "report.html").is_file()


def test_a_failed_run_leaves_the_previous_exports_whole(project, tmp_path, monkeypatch):
    assert run(project, tmp_path) == 0
    before = (tmp_path / "report.html").read_text(encoding="utf-8")
    (tmp_path / "my_notes.txt").write_text("mine")

    def fail(*args, **kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr("newsdesk.report.write_report", fail)
    with pytest.raises(RuntimeError):
        run(project, tmp_path, "--keyword", "budget")
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == before
    assert titles(tmp_path) == ["Budget passed", "Storm hits coast", "Talks in Geneva"]
    assert (tmp_path / "my_notes.txt").read_text() == "mine"


def test_publish_removes_only_what_the_previous_run_wrote(tmp_path):
    exports, staging = tmp_path / "exports", tmp_path / "exports" / cli.STAGING
    (exports / "charts").mkdir(parents=True)
    (exports / "charts" / "old_chart.png").write_text("old")
    (exports / "charts" / "mine.png").write_text("mine")
    (exports / cli.MANIFEST).write_text(json.dumps(["charts/old_chart.png"]))
    (staging / "charts").mkdir(parents=True)
    (staging / "charts" / "new_chart.png").write_text("new")
    cli.publish(staging, exports)
    assert sorted(p.name for p in (exports / "charts").iterdir()) == ["mine.png", "new_chart.png"]
    assert not staging.exists()


def test_a_bad_date_is_an_error_message_not_a_traceback(project, tmp_path, capsys):
    assert run(project, tmp_path, "--since", "not a date") == 2
    assert "since" in capsys.readouterr().err
