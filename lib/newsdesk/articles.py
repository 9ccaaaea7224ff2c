"""STUB (being written): reading article files into the articles frame."""
import pandas as pd

ARTICLE_COLUMNS = ["article_id", "date", "title", "source", "url", "path", "text", "n_words"]


def load_articles(source, *, errors="warn") -> pd.DataFrame:
    raise NotImplementedError
