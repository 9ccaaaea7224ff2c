"""Web pages: main text without boilerplate, the page's own date, charsets, and rejections."""

import json
from pathlib import Path

import pandas as pd
import pytest

import newsdesk as nd

STORY = [
    "The city council approved the new harbour budget on Monday after a long debate.",
    "Opposition members said the plan leaves the northern districts without a ferry link.",
    "The mayor promised a review of the ferry routes before the summer season begins.",
]
NAV = '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>'
FOOTER = "<footer><p>All rights reserved. Example Media Group.</p></footer>"


def page(body: str, head: str = "", charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Harbour budget | Example</title>{head}'
            f"</head><body>{NAV}{body}{FOOTER}</body></html>")


def story(paragraphs=STORY) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def load(tmp_path: Path, html, name: str = "page.html") -> pd.DataFrame:
    path = tmp_path / name
    if isinstance(html, bytes):
        path.write_bytes(html)
    else:
        path.write_text(html, encoding="utf-8")
    return nd.load_articles(path, errors="ignore")


def test_main_text_is_the_story_in_paragraphs(tmp_path):
    row = load(tmp_path, page(f"<article><h1>Harbour budget passes</h1>{story()}</article>")).iloc[0]
    assert row["text"] == "\n\n".join(STORY)
    assert row["title"] == "Harbour budget passes"


def test_canonical_url_site_name_and_author(tmp_path):
    head = ('<link rel="canonical" href="https://example.org/harbour-budget">'
            '<meta property="og:site_name" content="Example Gazette"><meta name="author" content="J. R. Smith">')
    row = load(tmp_path, page(f"<article>{story()}</article>", head)).iloc[0]
    assert (row["url"], row["source"], row["author"]) == (
        "https://example.org/harbour-budget", "Example Gazette", "J. R. Smith")


def test_meta_charset_is_respected_for_non_utf8_bytes(tmp_path):
    text = ["Le conseil municipal a approuvé le budget du port à Genève lundi soir.",
            "L\u2019opposition a critiqué le projet, jugé trop coûteux pour les quartiers du nord."]
    html = page(f"<article>{story(text)}</article>", charset="windows-1252").encode("cp1252")
    row = load(tmp_path, html).iloc[0]
    assert row["text"] == "\n\n".join(text)
    assert row["notes"] == ""  # the page said how it is encoded: nothing to report


def test_iso_8859_15_declared_in_http_equiv(tmp_path):
    html = page(f"<article>{story(['Tickets now cost 5 €, up from 4 €, the operator said on Monday.'])}</article>")
    html = html.replace('<meta charset="utf-8">',
                        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">')
    assert "5 €, up from 4 €" in load(tmp_path, html.encode("iso-8859-15")).iloc[0]["text"]


def test_json_ld_date(tmp_path):
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour budget passes",
          "datePublished": "2019-03-11T17:45:00+01:00"}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    row = load(tmp_path, page(f"<article>{story()}</article>", head)).iloc[0]
    assert row["date"] == pd.Timestamp("2019-03-11 17:45")  # local wall time, as in other formats


def test_json_ld_graph_date(tmp_path):
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Example Gazette", "url": "https://example.org/"},
        {"@type": "NewsArticle", "headline": "Harbour budget passes", "datePublished": "2019-03-11"}]}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert load(tmp_path, page(f"<article>{story()}</article>", head)).iloc[0]["date"] == pd.Timestamp("2019-03-11")


def test_day_first_date_in_the_byline(tmp_path):
    body = f'<div class="post"><h1>Harbour budget passes</h1><p class="date">Posted on 04.03.2019</p>{story()}</div>'
    assert load(tmp_path, page(body)).iloc[0]["date"] == pd.Timestamp("2019-03-04")  # 4 March, not 3 April


def test_article_date_preferred_to_a_navigation_date(tmp_path):
    nav_time = '<div class="today"><time datetime="2023-10-02">Monday, 2 October 2023</time></div>'
    body = (f'{nav_time}<article><h1>Harbour budget passes</h1><time datetime="2019-03-11" pubdate>'
            f"11 March 2019</time>{story()}</article>")
    assert load(tmp_path, page(body)).iloc[0]["date"] == pd.Timestamp("2019-03-11")


def test_impossible_declared_date_is_nat_with_a_note(tmp_path):
    head = '<meta property="article:published_time" content="2019-02-30">'
    row = load(tmp_path, page(f"<article>{story()}</article>", head)).iloc[0]
    assert pd.isna(row["date"])
    assert "impossible date '2019-02-30'" in row["notes"]


def test_comments_are_not_in_the_text(tmp_path):
    comments = ("<div id=\"comments\"><h3>2 Comments</h3><ol class=\"comment-list\">"
                "<li class=\"comment\"><p>Typical waste of taxpayers' money, as always.</p></li>"
                "<li class=\"comment\"><p>Finally some good news for the harbour!</p></li></ol></div>")
    text = load(tmp_path, page(f"<article>{story()}</article>{comments}")).iloc[0]["text"]
    assert text == "\n\n".join(STORY)


def test_teaser_articles_before_the_story_are_left_out(tmp_path):
    teasers = "".join(
        f'<article class="teaser"><h2><a href="/t/{i}">{t}</a></h2><p>{t} and more in our report.</p></article>'
        for i, t in enumerate(["Storm closes the airport", "Rail strike enters third day"]))
    body = f'<section class="top-stories">{teasers}</section><article class="story"><h1>Harbour</h1>{story()}</article>'
    text = load(tmp_path, page(body)).iloc[0]["text"]
    assert text == "\n\n".join(STORY)


def test_words_are_not_split_at_inline_tags(tmp_path):
    para = "The <a href=\"/topic/council\">council</a>'s decision surprised <em>nobody</em>, officials said."
    row = load(tmp_path, page(f"<article><p>{para}</p>{story()}</article>")).iloc[0]
    assert row["text"].startswith("The council's decision surprised nobody, officials said.")


def test_boilerplate_only_page_is_rejected_with_a_reason(tmp_path):
    html = page('<div class="cookie-banner"><button>Accept all cookies</button></div>')
    articles = load(tmp_path, html)
    assert articles.empty
    assert "no main text" in articles.attrs["rejected"]["reason"][0]


def test_url_only_page_is_never_fetched(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the loader tried to fetch a page")

    monkeypatch.setattr("htmldate.utils.fetch_url", no_network)
    monkeypatch.setattr("trafilatura.downloads.fetch_url", no_network)
    articles = load(tmp_path, "https://example.org/harbour-budget")
    assert articles.empty


def test_story_in_one_bare_div_is_kept(tmp_path):
    body = f'<div class="wrapper"><div class="headline">Harbour budget</div><div class="story">{" ".join(STORY)}</div></div>'
    assert load(tmp_path, page(body)).iloc[0]["text"] == " ".join(STORY)


def test_a_copyright_year_is_not_a_publication_date(tmp_path):
    body = f"<article>{story()}</article><div><p>Copyright 1998-2019 Example Media Group</p></div>"
    assert pd.isna(load(tmp_path, page(body)).iloc[0]["date"])


def test_a_date_written_only_in_the_text_is_found(tmp_path):
    body = f"<article>{story()}<p>Last modified on 12 March 2019 by the editors.</p></article>"
    assert load(tmp_path, page(body)).iloc[0]["date"] == pd.Timestamp("2019-03-12")


@pytest.mark.parametrize("body, reason", [
    ("<main><h1>Page not found</h1><p>Sorry, the page you were looking for does not exist.</p></main>", "notice"),
    ('<div class="consent"><p>We and our partners use cookies to store and access personal data on your '
     "device for ads and analytics.</p><button>Accept all</button></div>", "notice"),
    ("<main>" + "".join(f'<article><h2><a href="/{i}">Headline {i}</a></h2><p>Teaser {i}.</p></article>'
                        for i in range(6)) + "</main>", "index page"),
])
def test_pages_that_are_not_articles_are_rejected(tmp_path, body, reason):
    articles = load(tmp_path, page(body))
    assert articles.empty
    assert reason in articles.attrs["rejected"]["reason"][0]


def test_a_short_brief_about_cookies_is_still_an_article(tmp_path):
    brief = ["Bakers in the city sold a record number of cookies this week, the trade association said."]
    assert len(load(tmp_path, page(f"<article>{story(brief)}</article>"))) == 1
