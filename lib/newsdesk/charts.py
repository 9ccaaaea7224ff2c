"""Charts: one function per chart, each taking the frame it plots and returning a Figure.

Chart functions never show or save; :func:`export_figure` saves. Every chart
keeps the data it plots in ``fig.newsdesk_data`` (a DataFrame), which
``export_figure`` writes beside the picture as CSV.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

plt.rcParams.update({"svg.hashsalt": "newsdesk", "figure.dpi": 100})


def _figure(data: pd.DataFrame, **kwargs) -> tuple[Figure, plt.Axes]:
    fig, ax = plt.subplots(**kwargs)
    fig.newsdesk_data = data
    return fig, ax


def export_figure(fig: Figure, name: str, export_dir: str | os.PathLike = "exports") -> dict[str, Path]:
    """Save ``fig`` as ``name.png`` (150 dpi), ``name.svg`` and ``name.csv`` (the plotted data).

    File names are stable, so a rerun overwrites the previous export. Returns the paths.
    """
    out = Path(export_dir) / "charts"
    out.mkdir(parents=True, exist_ok=True)
    paths = {"png": out / f"{name}.png", "svg": out / f"{name}.svg", "csv": out / f"{name}.csv"}
    fig.savefig(paths["png"], dpi=150, bbox_inches="tight", metadata={"Software": None})
    fig.savefig(paths["svg"], bbox_inches="tight", metadata={"Date": None, "Creator": None})
    data = getattr(fig, "newsdesk_data", None)
    (data if data is not None else pd.DataFrame()).to_csv(paths["csv"], index=False)
    return paths


# --------------------------------------------------------------------------- articles (01)


def articles_per_day(articles: pd.DataFrame) -> Figure:
    """Bar chart: number of articles per publication day (undated articles counted apart)."""
    days = articles["date"].dt.normalize()
    counts = days.value_counts().sort_index()
    data = pd.DataFrame({"day": counts.index.strftime("%Y-%m-%d"), "n_articles": counts.to_numpy()})
    fig, ax = _figure(data, figsize=(8, 3.5))
    ax.bar(data["day"], data["n_articles"], color="#4C72B0")
    undated = int(days.isna().sum())
    ax.set_title("Articles per day" + (f" ({undated} undated not shown)" if undated else ""))
    ax.set_ylabel("articles")
    ax.yaxis.get_major_locator().set_params(integer=True)
    if len(data) > 12:
        ax.set_xticks(ax.get_xticks()[:: max(1, len(data) // 12)])
    ax.tick_params(axis="x", rotation=45)
    fig.tight_layout()
    return fig


def article_lengths(articles: pd.DataFrame) -> Figure:
    """Histogram of article length in words."""
    data = articles[["article_id", "n_words"]].sort_values("article_id").reset_index(drop=True)
    fig, ax = _figure(data, figsize=(6, 3.5))
    ax.hist(data["n_words"], bins=min(30, max(5, len(data))), color="#55A868", edgecolor="white")
    ax.set_title("Article length")
    ax.set_xlabel("words")
    ax.set_ylabel("articles")
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    return fig
