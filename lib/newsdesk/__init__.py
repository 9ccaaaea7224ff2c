"""newsdesk: news articles into linked pandas frames.

>>> import newsdesk as nd
>>> corpus = nd.analyze(nd.load_articles("data/articles"))   # doctest: +SKIP
>>> corpus.quotes[["speaker", "quote"]]                       # doctest: +SKIP
"""

from newsdesk import charts
from newsdesk.actors import cooccurrence, find_mentions
from newsdesk.articles import load_articles, select
from newsdesk.charts import export_figure
from newsdesk.corpus import Corpus, analyze, read_corpus
from newsdesk.events import (
    dyads,
    event_activity,
    filter_events,
    quad_class_counts,
    recent_cutoff,
    reported_dates,
    timeline,
)
from newsdesk.nlp import get_nlp
from newsdesk.quotes import find_quotes
from newsdesk.segment import segment_counts
from newsdesk.sentiment import actor_sentiment, target_sentiment
from newsdesk.timex import find_timexes

__version__ = "0.1.0"

__all__ = [
    "Corpus",
    "actor_sentiment",
    "analyze",
    "cooccurrence",
    "export_figure",
    "find_mentions",
    "find_quotes",
    "find_timexes",
    "charts",
    "get_nlp",
    "load_articles",
    "read_corpus",
    "segment_counts",
    "select",
    "target_sentiment",
    "timeline",
    "event_activity",
    "recent_cutoff",
    "reported_dates",
    "quad_class_counts",
    "dyads",
    "filter_events",
]
