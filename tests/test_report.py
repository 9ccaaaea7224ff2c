"""The report page, the default folder choice and the charts' readability rules."""

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import newsdesk as nd
from newsdesk import charts
from newsdesk.report import build_report

TEXTS = {
    "Geneva talks <collapse>": ("2026-02-10", 'Russia and Ukraine met in Geneva. "We are ready," Zelenskyy said.'),
    "Ceasefire & hope": ("2026-02-12", 'The United Nations praised Ukraine. "This is progress," Guterres said.'),
    "Sanctions widen": ("2026-02-15", "The European Union imposed sanctions on Russia. Moscow condemned it."),
}


@pytest.fixture(scope="module")
def corpus():
    frame = pd.DataFrame([{"title": t, "date": d, "text": x, "source": "Test Wire",
                           "url": f"https://example.org/{i}"} for i, (t, (d, x)) in enumerate(TEXTS.items())])
    return nd.analyze(nd.load_articles(frame), cache=False, progress=False)


@pytest.fixture(scope="module")
def page(corpus):
    return build_report(corpus, message="Analysing a test corpus.")


def test_report_fetches_nothing_from_the_network(page):
    assert not re.search(r"<script|<link|@import|url\(", page, re.I)
    assert not re.search(r"""src=(?!["']?data:)""", page, re.I)
    assert len(re.findall(r'src="data:image/png;base64,', page)) >= 4


def test_report_names_articles_by_title_never_by_id(page, corpus):
    assert "Sanctions widen" in page
    for article_id in corpus.articles["article_id"]:
        assert article_id not in page


def test_report_escapes_titles(page):
    assert "Geneva talks &lt;collapse&gt;" in page and "<collapse>" not in page
    assert "Ceasefire &amp; hope" in page


def test_report_links_each_article_to_its_url(page):
    assert page.count('href="https://example.org/') == len(TEXTS)


def test_default_articles_is_the_demo_while_data_articles_is_empty(tmp_path):
    (tmp_path / "data" / "articles").mkdir(parents=True)
    (tmp_path / "data" / "demo").mkdir()
    (tmp_path / "data" / "articles" / ".gitkeep").write_text("")
    (tmp_path / "data" / "articles" / "README.md").write_text("Put your articles here.")
    folder, message = nd.default_articles(tmp_path)
    assert folder == tmp_path / "data" / "demo" and "demo" in message
    (tmp_path / "data" / "articles" / "mine.txt").write_text("date: 2026-01-01\n\nText.")
    folder, message = nd.default_articles(tmp_path)
    assert folder == tmp_path / "data" / "articles" and "your articles" in message


def test_relative_paths_resolve_from_the_project_root(tmp_path, monkeypatch):
    (tmp_path / "data" / "demo").mkdir(parents=True)
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "data" / "actors.csv").write_text("actor,type\n")
    monkeypatch.delenv("NEWSDESK_ROOT", raising=False)
    monkeypatch.chdir(tmp_path / "notebooks")
    from_notebooks = nd.resolve_paths("data/demo", "", "")
    monkeypatch.chdir(tmp_path)
    from_root = nd.resolve_paths("data/demo", "", "")
    assert from_notebooks == from_root
    assert from_root.articles == tmp_path / "data" / "demo"
    assert from_root.exports == tmp_path / "exports" and from_root.actors == tmp_path / "data" / "actors.csv"


def test_folder_notes_are_not_read_as_articles(tmp_path):
    (tmp_path / "ATTRIBUTION.md").write_text("# Sources\n\nFrom Wikinews.")
    (tmp_path / "a.txt").write_text("title: A\ndate: 2026-01-01\n\nSome text.")
    articles = nd.load_articles(tmp_path)
    assert articles["title"].tolist() == ["A"] and articles.attrs["rejected"].empty


def test_date_chart_leaves_a_far_off_article_out_and_says_so():
    days = pd.to_datetime(["2008-08-01", "2008-08-03", "2008-09-01", "2026-02-18"])
    arts = pd.DataFrame({"article_id": list("abcd"), "date": days})
    fig = charts.articles_per_day(arts)
    title = fig.axes[0].get_title()
    assert "1 article outside the period shown (2026-02-18)" in title
    assert fig.newsdesk_data["day"].max() < pd.Timestamp("2009-01-01")
    plt.close(fig)


def test_charts_count_stories_when_there_are_story_ids():
    arts = pd.DataFrame({"article_id": list("abc"), "story_id": ["s1", "s1", "s2"],
                         "date": pd.to_datetime(["2026-02-01", "2026-02-01", "2026-02-01"])})
    fig = charts.articles_per_day(arts)
    assert fig.newsdesk_data["n_stories"].tolist() == [2]
    plt.close(fig)


def test_tone_chart_with_one_article_says_there_is_too_little_data():
    arts = pd.DataFrame({"article_id": ["a"], "date": pd.to_datetime(["2026-02-01"]), "tone": [-2.0],
                         "compound_weighted": [-0.2]})
    fig = charts.tone_over_time(arts)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("Too few dated articles" in t for t in texts)
    plt.close(fig)


def test_sentiment_arc_titles_panels_with_article_titles(corpus):
    fig = charts.sentiment_arc(corpus.sentences, corpus.paragraphs, articles=corpus.articles)
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert any(t.startswith("Sanctions widen (2026-02-15)") for t in titles)
    assert not any(aid in t for aid in corpus.articles["article_id"] for t in titles)
    plt.close(fig)


def test_report_of_a_single_article_without_quotes_says_what_is_missing():
    frame = pd.DataFrame([{"title": "Budget passed", "date": "2026-03-05", "text": "Parliament passed the budget."}])
    corpus = nd.analyze(nd.load_articles(frame), cache=False, progress=False)
    page = build_report(corpus)
    assert "No attributed quotes were found." in page and "Budget passed" in page


@pytest.mark.parametrize("name", ["01_articles", "02_actors", "03_sentiment", "04_timeline", "05_quotes"])
def test_every_notebook_takes_the_paths_and_filters_as_parameters(name):
    import json
    from pathlib import Path

    nb = json.loads((Path(__file__).parents[1] / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    names = {line.split("=")[0].strip() for line in "".join(cell["source"]).splitlines() if "=" in line}
    assert {"ARTICLES", "EXPORT_DIR", "ACTORS", "SINCE", "UNTIL", "SOURCES", "KEYWORDS"} <= names
    loading = "".join(next(c for c in nb["cells"] if "load_articles" in "".join(c["source"]))["source"])
    assert "nd.resolve_paths(" in loading and "nd.select(" in loading


def test_the_demo_corpus_is_clean_and_attributed():
    from pathlib import Path

    demo = Path(__file__).parents[1] / "data" / "demo"
    articles = nd.load_articles(demo, errors="raise")
    assert len(articles) >= 50 and articles["date"].notna().all()
    wiki = articles[articles["source"] == "Wikinews"]
    assert len(wiki) == len(articles) - 1  # and the seed
    assert not wiki["text"].str.contains(r"==|''|\{\||\[\[|\{\{|\|").any()
    attribution = (demo / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "CC" in attribution or "Creative Commons" in attribution
    assert all(url in attribution for url in wiki["url"])
