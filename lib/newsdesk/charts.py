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


# --------------------------------------------------------------------------- actors (02)


def top_actors(actors: pd.DataFrame, n: int = 15) -> Figure:
    """Two bar panels: the ``n`` most mentioned actors by mentions and by articles."""
    data = actors.sort_values(["n_mentions", "n_articles", "actor"], ascending=[False, False, True]).head(n)
    data = data[["actor", "actor_type", "n_mentions", "n_articles"]].reset_index(drop=True)
    fig, axes = _figure(data, ncols=2, figsize=(10, 0.35 * len(data) + 1.5), sharey=True)
    labels = data["actor"][::-1]
    for ax, col, title, color in ((axes[0], "n_mentions", "Mentions", "#4C72B0"),
                                  (axes[1], "n_articles", "Articles", "#DD8452")):
        ax.barh(labels, data[col][::-1], color=color)
        ax.set_title(title)
        ax.xaxis.get_major_locator().set_params(integer=True)
    fig.suptitle(f"Top {len(data)} actors")
    fig.tight_layout()
    return fig


def actor_mentions_over_time(mentions: pd.DataFrame, articles: pd.DataFrame, n: int = 6,
                             freq: str = "D") -> Figure:
    """Mentions per period (``freq``: "D", "W", "MS") of the ``n`` most mentioned actors."""
    dated = mentions.merge(articles[["article_id", "date"]], on="article_id").dropna(subset=["date"])
    top = dated["actor"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(n).index
    dated = dated[dated["actor"].isin(top)]
    period = dated["date"].dt.to_period(freq).dt.start_time
    data = (dated.assign(period=period).groupby(["period", "actor"]).size().rename("n_mentions")
            .reset_index().sort_values(["period", "actor"]).reset_index(drop=True))
    fig, ax = _figure(data, figsize=(9, 4))
    for actor in top:
        rows = data[data["actor"] == actor]
        ax.plot(rows["period"], rows["n_mentions"], marker="o", label=actor)
    ax.set_title("Actor mentions over time")
    ax.set_ylabel("mentions")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def cooccurrence_network(pairs: pd.DataFrame, actors: pd.DataFrame, n: int = 20) -> Figure:
    """Network of the ``n`` most mentioned actors: edge width = co-occurrence weight, node size = mentions."""
    import networkx as nx

    keep = actors.sort_values(["n_mentions", "actor"], ascending=[False, True]).head(n)
    size = dict(zip(keep["actor"], keep["n_mentions"], strict=True))
    data = pairs[pairs["actor_a"].isin(size) & pairs["actor_b"].isin(size)].reset_index(drop=True)
    graph = nx.Graph()
    graph.add_nodes_from(sorted(size))
    graph.add_weighted_edges_from(data[["actor_a", "actor_b", "weight"]].itertuples(index=False))
    fig, ax = _figure(data, figsize=(9, 7))
    pos = nx.spring_layout(graph, seed=7, k=1.5 / max(1, len(graph)) ** 0.5, weight="weight")
    widths = [0.5 + 4 * d["weight"] / max(1, data["weight"].max()) for _, _, d in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color="#999999", alpha=0.7)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color="#4C72B0", alpha=0.8,
                           node_size=[80 + 600 * size[v] / max(size.values()) for v in graph.nodes])
    nx.draw_networkx_labels(graph, pos, ax=ax, font_size=9,
                            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8})
    ax.set_title("Actors named together")
    ax.margins(0.12)
    ax.axis("off")
    fig.tight_layout()
    return fig
