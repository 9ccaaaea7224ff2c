"""newsdesk: news articles into linked pandas frames.

>>> import newsdesk as nd
>>> corpus = nd.analyze(nd.load_articles("data/articles"))   # doctest: +SKIP
>>> corpus.quotes[["speaker", "quote"]]                       # doctest: +SKIP

``import newsdesk`` is quick: every notebook's first cell runs it, so the
public names below are imported on first use (module ``__getattr__``, PEP
562). spaCy loads when an analysis needs it, matplotlib's pyplot when a chart
is drawn.

newsdesk logs what it does (articles loaded and rejected, cache hits, articles
that failed) to the ``newsdesk`` logger. Warnings are printed as they happen;
the rest stays silent until the analyst asks, e.g.
``logging.basicConfig(level=logging.INFO)``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# No handler of our own, not even a NullHandler: with none configured, Python's last-resort
# handler prints WARNING lines (a damaged cache set aside, an article that failed) to stderr,
# and INFO lines stay silent until the application configures logging.

#: public name -> the module that defines it
_EXPORTS = {
    "cooccurrence": "newsdesk.actors",
    "find_mentions": "newsdesk.actors",
    "load_articles": "newsdesk.articles",
    "select": "newsdesk.articles",
    "mark_stories": "newsdesk.articles",
    "article_names": "newsdesk.articles",
    "with_titles": "newsdesk.articles",
    "export_figure": "newsdesk.charts",
    "Corpus": "newsdesk.corpus",
    "analyze": "newsdesk.corpus",
    "read_corpus": "newsdesk.corpus",
    "dyads": "newsdesk.events",
    "event_activity": "newsdesk.events",
    "filter_events": "newsdesk.events",
    "quad_class_counts": "newsdesk.events",
    "recent_cutoff": "newsdesk.events",
    "reported_dates": "newsdesk.events",
    "timeline": "newsdesk.events",
    "get_nlp": "newsdesk.nlp",
    "Pipeline": "newsdesk.pipeline",
    "default_articles": "newsdesk.paths",
    "project_root": "newsdesk.paths",
    "resolve_paths": "newsdesk.paths",
    "find_quotes": "newsdesk.quotes",
    "segment_counts": "newsdesk.segment",
    "actor_sentiment": "newsdesk.sentiment",
    "target_sentiment": "newsdesk.sentiment",
    "find_timexes": "newsdesk.timex",
}
#: submodules reachable as attributes (``nd.charts.top_actors``, ``nd.quotes.quote_table``)
_SUBMODULES = {"actors", "articles", "charts", "cli", "corpus", "events", "lexicon", "nlp", "paths", "pipeline", "quotes",
               "report", "segment", "sentiment", "tables", "timex"}

if TYPE_CHECKING:  # what static checkers and editors see; at run time __getattr__ imports these
    from newsdesk import charts
    from newsdesk.actors import cooccurrence, find_mentions
    from newsdesk.articles import article_names, load_articles, mark_stories, select, with_titles
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
    from newsdesk.paths import default_articles, project_root, resolve_paths
    from newsdesk.pipeline import Pipeline
    from newsdesk.quotes import find_quotes
    from newsdesk.segment import segment_counts
    from newsdesk.sentiment import actor_sentiment, target_sentiment
    from newsdesk.timex import find_timexes


def __getattr__(name: str):
    """Import a public name or submodule on first use and keep it on the package."""
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"newsdesk.{name}")
    else:
        raise AttributeError(f"module 'newsdesk' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS) | _SUBMODULES)


__all__ = [
    "Corpus",
    "Pipeline",
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
    "mark_stories",
    "article_names",
    "with_titles",
    "default_articles",
    "project_root",
    "resolve_paths",
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
