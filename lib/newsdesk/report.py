"""The analyst's report: one self-contained HTML page about an analysed corpus.

:func:`build_report` turns a :class:`~newsdesk.corpus.Corpus` into the page
(charts inline as data-URI PNG, no scripts, styles in the page, no network
fetch), :func:`write_report` writes it. Sections, in order:

==================  ==========================================================
section             shows
==================  ==========================================================
at a glance         articles, stories, dates, sources; articles per day
actors              the most mentioned actors and who is named with whom
sentiment           tone over time and sentiment toward the top actors
events              the event timeline and who acts when (:func:`event_sections`)
quotes              notable quotes with their speakers and articles
articles            every article: title, date, source, link
==================  ==========================================================

Articles are named by their titles (the file name when there is none), never by ids.
"""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path

import jinja2
import pandas as pd
from matplotlib.figure import Figure

from newsdesk import charts
from newsdesk.articles import article_names

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 72rem;
       padding: 1rem 2rem 4rem; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 1px solid #ddd; margin-top: 2.5rem; }
.lead { color: #555; } .note { color: #777; font-size: 0.9rem; }
figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; margin: 0.8rem 0; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #eee; vertical-align: top; }
th { background: #f6f6f6; } td.num { text-align: right; white-space: nowrap; }
blockquote { margin: 0; } nav a { margin-right: 1rem; }
dl.glance { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
dl.glance dt { font-weight: 600; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<p class="lead">{{ message }}</p>
<nav>{% for s in sections %}<a href="#{{ s.id }}">{{ s.heading }}</a>{% endfor %}</nav>
{% for s in sections %}
<section id="{{ s.id }}">
<h2>{{ s.heading }}</h2>
{% if s.text %}<p>{{ s.text }}</p>{% endif %}
{% if s.facts %}<dl class="glance">{% for k, v in s.facts %}<dt>{{ k }}</dt><dd>{{ v }}</dd>{% endfor %}</dl>{% endif %}
{% for fig in s.figures %}
<figure><img src="{{ fig.src }}" alt="{{ fig.caption }}"><figcaption>{{ fig.caption }}</figcaption></figure>
{% endfor %}
{% for table in s.tables %}
{% if table.caption %}<p class="note">{{ table.caption }}</p>{% endif %}
<table><thead><tr>{% for c in table.columns %}<th>{{ c }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in table.rows %}<tr>{% for cell in row %}
{% if cell.href %}<td><a href="{{ cell.href }}">{{ cell.text }}</a></td>
{% elif cell.num %}<td class="num">{{ cell.text }}</td>{% else %}<td>{{ cell.text }}</td>{% endif %}
{% endfor %}</tr>{% endfor %}</tbody></table>
{% endfor %}
</section>
{% endfor %}
<p class="note">Written by newsdesk {{ version }}. Every number traces back to the frames in
<code>frames/</code> and <code>tables/</code> beside this page.</p>
</body>
</html>
"""


def figure_src(fig: Figure, dpi: int = 110) -> str:
    """``fig`` as a ``data:image/png;base64,…`` URI (closes the figure)."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _cell(value, href: str | None = None) -> dict:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return {"text": ""}
    if isinstance(value, pd.Timestamp):
        return {"text": f"{value:%Y-%m-%d}"}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"text": f"{value:g}" if isinstance(value, float) else str(value), "num": True}
    safe = href if isinstance(href, str) and href.lower().startswith(("http://", "https://")) else None
    return {"text": str(value), "href": safe}


def _table(frame: pd.DataFrame, caption: str = "", links: dict[str, str] | None = None) -> dict:
    """A frame as template rows; ``links`` maps a column to the column holding its URL."""
    links = links or {}
    shown = [c for c in frame.columns if c not in set(links.values())]
    rows = [[_cell(rec[c], rec[links[c]] if c in links else None) for c in shown]
            for rec in frame.to_dict("records")]
    return {"columns": [c.replace("_", " ") for c in shown], "rows": rows, "caption": caption}


def _section(id_: str, heading: str, text: str = "", figures=(), tables=(), facts=()) -> dict:
    return {"id": id_, "heading": heading, "text": text, "figures": list(figures), "tables": list(tables),
            "facts": list(facts)}


def _fig(fig: Figure, caption: str) -> dict:
    return {"src": figure_src(fig), "caption": caption}


def glance_section(corpus) -> dict:
    arts = corpus.articles
    dated = arts["date"].dropna()
    n_stories = arts["story_id"].nunique() if "story_id" in arts else len(arts)
    span = f"{dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}" if len(dated) else "no dates"
    facts = [("Articles", f"{len(arts):,}"), ("Stories", f"{n_stories:,}"), ("Published", span),
             ("Undated", f"{int(arts['date'].isna().sum()):,}"), ("Words", f"{int(arts['n_words'].sum()):,}"),
             ("Rejected files", f"{len(corpus.rejected):,}")]
    sources = (arts.assign(source=arts["source"].fillna("(no source)")).groupby("source")
               .agg(articles=("article_id", "size"), first=("date", "min"), last=("date", "max"))
               .sort_values(["articles"], ascending=False).head(20).reset_index())
    return _section("glance", "The corpus at a glance", facts=facts,
                    figures=[_fig(charts.articles_per_day(arts), "Articles (stories, when near-duplicates are marked) per day, week or month, by the span of the dates.")],
                    tables=[_table(sources, "Articles by source.")])


def actors_section(corpus, n: int = 15) -> dict:
    from newsdesk.actors import cooccurrence

    figs = [_fig(charts.top_actors(corpus.actors, n=n), "The most mentioned actors, by mentions and by articles.")]
    pairs = cooccurrence(corpus, level="sentence")
    figs.append(_fig(charts.cooccurrence_network(pairs, corpus.actors, n=20),
                     "Actors named in the same sentence: thick edges are pairs often named together."))
    cols = ["actor", "actor_type", "role", "n_mentions", "n_articles", "first_date", "last_date"]
    top = corpus.actors[[c for c in cols if c in corpus.actors]].head(n)
    return _section("actors", "Who is involved", figures=figs, tables=[_table(top)])


def sentiment_section(corpus, n: int = 12) -> dict:
    from newsdesk.sentiment import actor_sentiment

    figs = [_fig(charts.tone_over_time(corpus.articles),
                 "Article tone (GDELT-style: positive minus negative words, %): each article a dot, the line a mean.")]
    toward = actor_sentiment(corpus)
    figs.append(_fig(charts.actor_sentiment_bars(toward, n=n),
                     "Sentiment toward the most mentioned actors, counted in mentions."))
    return _section("sentiment", "Tone and sentiment", figures=figs)


def event_sections(corpus) -> list[dict]:
    """The events part of the report: conflict and cooperation over time, who acts on whom,
    the timeline of the most reported events and who acts when (asserted events only)."""
    from newsdesk.events import dyads, event_activity, quad_class_counts, recent_cutoff, timeline

    figs = []
    asserted = corpus.events[corpus.events["modality"] == "asserted"] if len(corpus.events) else corpus.events
    if len(asserted):
        figs.append(_fig(charts.quad_class_over_time(quad_class_counts(asserted)),
                         "Conflict and cooperation over time: PLOVER events per period, cooperation up, "
                         "conflict down, and the balance between them."))
        figs.append(_fig(charts.top_dyads(dyads(asserted, n=15)), "Who acts on whom: the top source → target pairs."))
        frame = timeline(corpus, with_actor=True)
        figs.append(_fig(charts.event_timeline(frame, cutoff=recent_cutoff(corpus)),
                         "The most reported events on their dates."))
        figs.append(_fig(charts.actor_activity(event_activity(corpus)), "Events per actor and period."))
    text = "" if figs else "No coded events were found in these articles."
    return [_section("events", "What happened when", text=text, figures=figs)]


def quotes_section(corpus, n: int = 15) -> dict:
    """Notable quotes: whole quotes (full, starting a sentence, six words or more) of the most quoted
    speakers, the most strongly worded first, one per article."""
    from newsdesk.quotes import quote_table

    table = quote_table(corpus)
    if table.empty:
        return _section("quotes", "Notable quotes", text="No attributed quotes were found.")
    names = article_names(corpus.articles)
    # a notable quote reads on its own: a full quote that starts a sentence and says something
    whole = (~table["partial"].astype(bool) & table["quote"].str.match(r"[\"“‘']?[A-Z0-9]")
             & (table["quote"].str.split().str.len() >= 6))
    table = table[whole] if whole.any() else table
    rank = table["speaker"].map(table["speaker"].value_counts())
    table = (table.assign(_rank=rank, _strength=table["compound"].abs())
             .sort_values(["_rank", "_strength", "speaker"], ascending=[False, False, True], kind="stable")
             .drop_duplicates("article_id").head(n).sort_values(["date", "speaker"], kind="stable"))
    shown = pd.DataFrame({"date": table["date"], "speaker": table["speaker"], "quote": table["quote"],
                          "article": table["article_id"].map(names), "tone": table["compound"]})
    return _section("quotes", "Notable quotes", tables=[_table(
        shown, "Full quotes of the most quoted speakers, the most strongly worded first, one per article; "
               "tone is VADER's compound (-1 to 1).")])


def articles_section(corpus) -> dict:
    arts = corpus.articles.sort_values(["date", "title"], kind="stable", na_position="last")
    names = article_names(arts)
    shown = pd.DataFrame({"title": names.to_numpy(), "date": arts["date"].to_numpy(),
                          "source": arts["source"].to_numpy(), "words": arts["n_words"].to_numpy(),
                          "url": arts["url"].to_numpy()})
    shown["date"] = pd.to_datetime(shown["date"])
    return _section("articles", f"The {len(arts):,} articles",
                    tables=[_table(shown, links={"title": "url"})])


def build_report(corpus, message: str = "", title: str = "newsdesk report") -> str:
    """The report page for ``corpus`` as an HTML string (self-contained, properly escaped)."""
    from newsdesk import __version__

    sections = [glance_section(corpus), actors_section(corpus), sentiment_section(corpus),
                *event_sections(corpus), quotes_section(corpus), articles_section(corpus)]
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(TEMPLATE).render(title=title, message=message, sections=sections, version=__version__)


def write_report(corpus, path: str | os.PathLike, message: str = "") -> Path:
    """Write :func:`build_report` to ``path`` (UTF-8); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_report(corpus, message), encoding="utf-8")
    return path
