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

from newsdesk.tables import write_csv

plt.rcParams.update({"svg.hashsalt": "newsdesk", "figure.dpi": 100})


def _figure(data: pd.DataFrame, **kwargs) -> tuple[Figure, plt.Axes]:
    fig, ax = plt.subplots(**kwargs)
    fig.newsdesk_data = data
    return fig, ax


def _unit(articles: pd.DataFrame) -> tuple[str, str]:
    """What to count: stories (near-duplicates counted once) when ``story_id`` exists, else articles."""
    return ("story_id", "stories") if "story_id" in articles.columns else ("article_id", "articles")


def main_period(dates: pd.Series, min_gap_days: int = 365,
                half_span: bool = True) -> tuple[pd.Timestamp, pd.Timestamp, pd.Series]:
    """The period a date axis should show, and the dates left outside it.

    Sorted dates are split at gaps longer than ``min_gap_days`` and (with
    ``half_span``) than half the whole span (one 2026 article beside 2008
    coverage would squeeze the rest into a sliver); the group holding most
    dates is the main period. Event dates reach back years in scattered
    steps: charts of them split at every gap over ``min_gap_days``.
    """
    days = pd.to_datetime(dates).dropna().sort_values()
    if days.empty:
        return pd.NaT, pd.NaT, days
    gaps = days.diff()
    limit = pd.Timedelta(days=min_gap_days)
    if half_span:
        limit = max(limit, (days.iloc[-1] - days.iloc[0]) / 2)
    group = (gaps > limit).cumsum()
    main = group.value_counts().sort_index().idxmax()
    inside = days[group == main]
    return inside.iloc[0], inside.iloc[-1], days[group != main]


def event_period(dates: pd.Series, tail: float = 0.025) -> tuple[pd.Timestamp, pd.Timestamp, pd.Series]:
    """The period a chart of event dates should show, and the dates left outside it.

    Event dates reach back years in scattered steps (the history an article
    recalls) and forward to plans: :func:`main_period` split at every gap over
    a year, then the first and last ``tail`` share of the dates left out, so a
    handful of events per year far from the coverage never set the axis.
    """
    lo, hi, _ = main_period(dates, half_span=False)
    days = pd.to_datetime(dates).dropna().sort_values()
    if days.empty:
        return lo, hi, days
    inside = days[days.between(lo, hi)]
    if len(inside) >= 1 / tail:
        lo, hi = max(lo, inside.quantile(tail)), min(hi, inside.quantile(1 - tail))
    return lo, hi, days[~days.between(lo, hi)]


def _outside_note(outside: pd.Series, what: str) -> str:
    if outside.empty:
        return ""
    days = sorted({f"{d:%Y-%m-%d}" for d in outside})
    shown = ", ".join(days[:3]) + (" …" if len(days) > 3 else "")
    one = {"articles": "article", "stories": "story"}.get(what, what)
    return f"{len(outside)} {one if len(outside) == 1 else what} outside the period shown ({shown})"


def _spread_labels(pos: dict, labels: dict, x_per_char: float, height: float, rounds: int = 200) -> dict:
    """Label positions above each node, nudged apart vertically until no two label boxes overlap."""
    at = {v: [x, y + height * 1.2] for v, (x, y) in pos.items()}
    width = {v: x_per_char * len(labels[v]) for v in at}
    for _ in range(rounds):
        moved = False
        order = sorted(at, key=lambda v: at[v][1])
        for i, a in enumerate(order):
            for b in order[i + 1:]:
                dy = at[b][1] - at[a][1]
                if dy >= height:
                    break
                if abs(at[a][0] - at[b][0]) < (width[a] + width[b]) / 2:
                    push = (height - dy) / 2 + 1e-9
                    at[a][1] -= push
                    at[b][1] += push
                    moved = True
        if not moved:
            break
    return {v: tuple(p) for v, p in at.items()}


def say_too_little(ax: plt.Axes, message: str) -> None:
    """Write ``message`` across an empty chart, so a blank panel is never mistaken for a result."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, fontsize=11, color="#555555",
            wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])


def _date_axis(ax: plt.Axes, lo: pd.Timestamp, hi: pd.Timestamp, pad_days: float = 1) -> None:
    """A real date axis from ``lo`` to ``hi`` with a few concise, non-overlapping labels."""
    import matplotlib.dates as mdates

    if (hi - lo) < pd.Timedelta(days=3):  # a day or two: whole days, never hours
        ax.set_xlim(lo.normalize() - pd.Timedelta(days=3), hi.normalize() + pd.Timedelta(days=3))
        ax.xaxis.set_major_locator(mdates.DayLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y"))
        return
    pad = pd.Timedelta(days=pad_days)
    ax.set_xlim(lo - pad, hi + pad)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _bin_freq(lo: pd.Timestamp, hi: pd.Timestamp) -> tuple[str, str]:
    """Days, weeks or months for a span, so a chart never has more than ~120 bars."""
    span = (hi - lo).days if pd.notna(lo) else 0
    if span <= 120:
        return "D", "day"
    if span <= 3 * 365:
        return "W", "week"
    return "M", "month"


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
    write_csv(data if data is not None else pd.DataFrame(), paths["csv"])
    return paths


# --------------------------------------------------------------------------- articles (01)


def _article_labels(articles: pd.DataFrame, width: int = 70) -> dict[str, str]:
    """A label per ``article_id`` for a chart: its name (:func:`newsdesk.articles.article_names`),
    cut to ``width`` characters, and "(YYYY-MM-DD)"."""
    from newsdesk.articles import article_names

    out = {}
    for (article_id, name), date in zip(article_names(articles).items(), articles["date"], strict=True):
        name = name if len(name) <= width else name[: width - 1].rstrip() + "…"
        out[article_id] = name + (f" ({date:%Y-%m-%d})" if pd.notna(date) else "")
    return out


def articles_per_day(articles: pd.DataFrame) -> Figure:
    """Bars on a date axis: articles (stories, when ``story_id`` exists) per day, week or month.

    Undated articles and articles far outside the main period are counted in the title.
    """
    key, what = _unit(articles)
    dated = articles.dropna(subset=["date"])
    lo, hi, outside = main_period(dated["date"])
    freq, step = _bin_freq(lo, hi)
    shown = dated[dated["date"].between(lo, hi + pd.Timedelta(days=1))] if len(dated) else dated
    periods = shown["date"].dt.to_period(freq)
    counts = shown.groupby(periods)[key].nunique()
    if len(counts):
        counts = counts.reindex(pd.period_range(counts.index.min(), counts.index.max(), freq=freq), fill_value=0)
    data = pd.DataFrame({step: counts.index.start_time if len(counts) else pd.DatetimeIndex([]),
                         f"n_{what}": counts.to_numpy()})
    fig, ax = _figure(data, figsize=(9, 3.5))
    undated = int(articles["date"].isna().sum())
    notes = [n for n in (_outside_note(outside, what), f"{undated} undated" if undated else "") if n]
    if data.empty:
        say_too_little(ax, f"No dated {what} to show.")
    else:
        width = {"D": 0.8, "W": 5.6, "M": 24}[freq]
        ax.bar(data[step], data[f"n_{what}"], width=width, align="edge" if freq != "D" else "center",
               color="#4C72B0")
        _date_axis(ax, data[step].min(), data[step].max() + pd.Timedelta(days={"D": 0, "W": 7, "M": 31}[freq]))
        ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"{what.capitalize()} per {step}" + (f"\n({'; '.join(notes)})" if notes else ""), fontsize=11)
    ax.set_ylabel(what)
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
    if data.empty:
        say_too_little(axes[0], "No actors found.")
    fig.tight_layout()
    return fig


def actor_mentions_over_time(mentions: pd.DataFrame, articles: pd.DataFrame, n: int = 6,
                             freq: str | None = None) -> Figure:
    """Mentions per period of the ``n`` most mentioned actors.

    ``freq`` is a pandas period ("D", "W", "M", "Y"); by default days, weeks or
    months depending on the span of the dates. With a single date, one bar per actor.
    """
    dated = mentions.merge(articles[["article_id", "date"]], on="article_id").dropna(subset=["date"])
    lo, hi, outside = main_period(articles["date"])
    if len(dated):
        dated = dated[dated["date"].between(lo, hi + pd.Timedelta(days=1))]
    if freq is None:
        span = (dated["date"].max() - dated["date"].min()).days if len(dated) else 0
        freq = "D" if span <= 31 else "W" if span <= 366 else "M" if span <= 3 * 366 else "Q"
    top = dated["actor"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(n).index
    dated = dated[dated["actor"].isin(top)]
    periods = dated["date"].dt.to_period(freq)
    counts = dated.assign(period=periods).groupby(["period", "actor"]).size().unstack(fill_value=0)
    if len(counts):  # periods without mentions count as zero, so lines do not bridge gaps
        counts = counts.reindex(pd.period_range(counts.index.min(), counts.index.max(), freq=freq), fill_value=0)
    data = counts.rename_axis(index="period", columns="actor").stack().rename("n_mentions").reset_index()
    data["period"] = data["period"].dt.start_time
    data = data.sort_values(["period", "actor"]).reset_index(drop=True)
    fig, ax = _figure(data, figsize=(9, 4))
    if data.empty:
        say_too_little(ax, "No dated mentions of actors to show.")
        return fig
    if data["period"].nunique() <= 1:  # one date: a bar per actor says more than a lone column of dots
        rows = data.sort_values(["n_mentions", "actor"], ascending=[True, False])
        ax.barh(rows["actor"], rows["n_mentions"], color="#4C72B0")
        day = f" on {data['period'].iloc[0]:%Y-%m-%d}" if len(data) else ""
        ax.set_title(f"Actor mentions{day} (one date only)")
        ax.set_xlabel("mentions")
        ax.xaxis.get_major_locator().set_params(integer=True)
        fig.tight_layout()
        return fig
    for actor in top:
        rows = data[data["actor"] == actor]
        ax.plot(rows["period"], rows["n_mentions"], marker="o", markersize=3, linewidth=1.2, label=actor)
    note = _outside_note(outside, "articles")
    ax.set_title("Actor mentions over time" + (f"\n({note})" if note else ""), fontsize=11)
    ax.set_ylabel("mentions")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    _date_axis(ax, data["period"].min(), data["period"].max())
    fig.tight_layout()
    return fig


def cooccurrence_network(pairs: pd.DataFrame, actors: pd.DataFrame, n: int = 20) -> Figure:
    """Network of the ``n`` most mentioned actors: edge width = co-occurrence weight, node size = mentions.

    Actors named with none of the others are left out.
    """
    import networkx as nx

    keep = actors.sort_values(["n_mentions", "actor"], ascending=[False, True]).head(n)
    size = dict(zip(keep["actor"], keep["n_mentions"], strict=True))
    data = pairs[pairs["actor_a"].isin(size) & pairs["actor_b"].isin(size)].reset_index(drop=True)
    graph = nx.Graph()
    graph.add_nodes_from(sorted(set(data["actor_a"]) | set(data["actor_b"])))  # stable order, stable layout
    graph.add_weighted_edges_from(data[["actor_a", "actor_b", "weight"]].itertuples(index=False))
    fig, ax = _figure(data, figsize=(10, 8))
    if graph.number_of_nodes():
        pos = nx.kamada_kawai_layout(graph, weight=None)
        top = max(size[v] for v in graph.nodes)
        widths = [0.5 + 5 * d["weight"] / data["weight"].max() for _, _, d in graph.edges(data=True)]
        nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color="#999999", alpha=0.6)
        nx.draw_networkx_nodes(graph, pos, ax=ax, node_color="#4C72B0", alpha=0.85,
                               node_size=[60 + 900 * size[v] / top for v in graph.nodes])
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        span_x, span_y = max(max(xs) - min(xs), 1e-6), max(max(ys) - min(ys), 1e-6)
        # 10-point text on a 10 x 8 inch axis: about 1/110 of the width per character, 1/40 of the height
        at = _spread_labels(pos, {v: str(v) for v in graph.nodes}, span_x / 95, span_y / 30)
        for v, (x, y) in at.items():
            ax.text(x, y, str(v), fontsize=10, ha="center", va="center",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    ax.set_title("Actors named together")
    if not graph.number_of_nodes():
        say_too_little(ax, "No two of the top actors are named in the same sentence.")
    ax.margins(0.12)
    ax.axis("off")
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- sentiment (03)

_NEG, _NEU, _POS = "#C44E52", "#BBBBBB", "#55A868"


def sentence_sentiment(sentences: pd.DataFrame) -> Figure:
    """Histogram of sentence VADER compound (-1 to 1), split into negative / neutral / positive."""
    data = sentences[["article_id", "sent_id", "compound"]].reset_index(drop=True)
    fig, ax = _figure(data, figsize=(8, 3.5))
    bins = [-1.05 + 0.1 * k for k in range(22)]  # centred on 0, so the neutral bin is -0.05…0.05
    parts = [(data["compound"] <= -0.05, _NEG, "negative (≤ -0.05)"),
             (data["compound"].abs() < 0.05, _NEU, "neutral"),
             (data["compound"] >= 0.05, _POS, "positive (≥ 0.05)")]
    for mask, color, label in parts:
        ax.hist(data.loc[mask, "compound"], bins=bins, color=color, label=f"{label}: {int(mask.sum())}")
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("sentence compound (VADER)")
    ax.set_ylabel("sentences")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"Sentiment of {len(data)} sentences")
    ax.legend(frameon=False, loc="upper left")
    if data.empty:
        say_too_little(ax, "No sentences to score.")
    fig.tight_layout()
    return fig


def sentiment_arc(sentences: pd.DataFrame, paragraphs: pd.DataFrame, n: int = 6,
                  articles: pd.DataFrame | None = None) -> Figure:
    """The sentiment arc of up to ``n`` articles: sentence position on x, compound on y.

    Bars are sentences; a dashed line marks each heading (labelled with its text),
    the thin line is a three-sentence rolling mean. Panels are titled with the
    articles' titles and dates when ``articles`` is given.
    """
    ids = list(dict.fromkeys(sentences["article_id"]))[:n]
    names = _article_labels(articles) if articles is not None else {}
    data = sentences[sentences["article_id"].isin(ids)][["article_id", "sent_id", "para_id", "compound"]]
    data = data.reset_index(drop=True)
    fig, axes = plt.subplots(len(ids) or 1, 1, figsize=(9, 2.4 * max(len(ids), 1) + 0.6), squeeze=False)
    fig.newsdesk_data = data
    for ax, aid in zip(axes[:, 0], ids, strict=False):
        rows = data[data["article_id"] == aid].reset_index(drop=True)
        x = range(len(rows))
        ax.bar(x, rows["compound"], color=[_NEG if v <= -0.05 else _POS if v >= 0.05 else _NEU
                                           for v in rows["compound"]], width=0.8)
        ax.plot(x, rows["compound"].rolling(3, center=True, min_periods=1).mean(), color="black", lw=1)
        heads = paragraphs[(paragraphs["article_id"] == aid) & paragraphs["is_heading"]]
        for _, h in heads.iterrows():
            pos = int((rows["para_id"] < h["para_id"]).sum()) - 0.5
            ax.axvline(pos, color="#4C72B0", ls="--", lw=0.8)
            ax.text(pos + 0.2, 0.92, str(h["text"])[:40], fontsize=7, color="#4C72B0", va="top")
        ax.axhline(0, color="grey", lw=0.6)
        ax.set_ylim(-1, 1)
        ax.set_xlim(-0.7, max(len(rows), 1) - 0.3)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_ylabel("compound")
        ax.set_title(names.get(aid, "article " + str(aid)[:8]), fontsize=9, loc="left")
    axes[-1, 0].set_xlabel("sentence position in the article")
    fig.suptitle("Sentiment through each article (headings dashed)")
    fig.tight_layout()
    return fig


def tone_over_time(articles: pd.DataFrame) -> Figure:
    """GDELT-style tone on a date axis: each article a dot, the mean per day, week or month a line.

    Articles far outside the main period are counted in the title, not plotted.
    """
    arts = articles.dropna(subset=["date"])
    lo, hi, outside = main_period(arts["date"])
    freq, step = _bin_freq(lo, hi)
    arts = arts[arts["date"].between(lo, hi + pd.Timedelta(days=1))] if len(arts) else arts
    data = (arts.assign(period=pd.to_datetime(arts["date"]).dt.to_period(freq).dt.start_time).groupby("period")
            .agg(n_articles=("article_id", "size"), tone=("tone", "mean"),
                 compound_weighted=("compound_weighted", "mean")).round(4).reset_index())
    fig, ax = _figure(data, figsize=(9, 3.5))
    note = _outside_note(outside, "articles")
    title = f"Article tone over time (line: mean per {step})" + (f"\n({note})" if note else "")
    ax.set_title(title, fontsize=11)
    if len(arts) < 2:
        say_too_little(ax, "Too few dated articles for a tone trend"
                       + (f" (one article: tone {arts['tone'].iloc[0]:.1f})." if len(arts) == 1 else "."))
        return fig
    many = len(arts) > 500  # thousands of dots must not hide the mean
    ax.scatter(arts["date"], arts["tone"], s=4 if many else 10, color="#8FAADC", alpha=0.25 if many else 0.6,
               label="article", linewidths=0)
    ax.plot(data["period"], data["tone"], color="#1F3A68", lw=2, marker="o", ms=3, label=f"mean per {step}")
    ax.axhline(0, color="grey", lw=0.6)
    ax.set_ylabel("tone (positive - negative words, %)")
    ax.legend(frameon=False, fontsize=8, loc="best")
    _date_axis(ax, arts["date"].min(), arts["date"].max())
    fig.tight_layout()
    return fig


def actor_sentiment_bars(table: pd.DataFrame, n: int = 12) -> Figure:
    """Diverging bars: mentions of each of the ``n`` most mentioned actors that are negative
    (left) or positive (right) toward them, neutral ones in grey at the centre; each label
    carries the number of mentions, so actors with few mentions are not over-read.

    ``table`` is :func:`newsdesk.sentiment.actor_sentiment`.
    """
    data = table.head(n)[["actor", "n_mentions", "negative", "neutral", "positive", "mean_score"]]
    data = data.reset_index(drop=True)
    fig, ax = _figure(data, figsize=(8, 0.38 * len(data) + 1.6))
    labels = [f"{a} ({k})" for a, k in zip(data["actor"], data["n_mentions"], strict=True)][::-1]
    neg, neu, pos = (data[c][::-1].to_numpy() for c in ("negative", "neutral", "positive"))
    ax.barh(labels, -neg - neu / 2, color=_NEG, label="negative")
    ax.barh(labels, neu, left=-neu / 2, color=_NEU, label="neutral")
    ax.barh(labels, pos, left=neu / 2, color=_POS, label="positive")
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlabel("mentions (negative left, positive right)")
    ax.set_title("Sentiment toward the most mentioned actors (mentions)")
    ax.legend(frameon=False, loc="lower right", fontsize=8)
    if data.empty:
        say_too_little(ax, "No actor mentions to score.")
    ax.xaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- timeline (04)

_ACTOR_COLORS = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C",
                 "#CCB974", "#64B5CD"]


def _actor_colors(actors: pd.Series) -> dict[str, str]:
    """A stable colour per actor, most frequent first; actors beyond the palette are grey."""
    order = actors.value_counts().sort_index().sort_values(ascending=False, kind="stable").index
    return {a: (_ACTOR_COLORS[i] if i < len(_ACTOR_COLORS) else "#BBBBBB") for i, a in enumerate(order)}


def event_timeline(timeline: pd.DataFrame, cutoff=None, n: int = 25) -> Figure:
    """Events on their dates, one row each, coloured by actor and labelled "actor: action → target".

    ``timeline`` is :func:`newsdesk.timeline`'s frame; the ``n`` events
    reported by most articles (with a named actor; events dated by the text
    before those that only carry the publication date, later before
    earlier; half of them recent when there are enough) are shown. Events before
    ``cutoff`` (default: 14 days before the latest event) go to a
    "background" panel on a year axis, those up to a week after the latest
    publication to a "recent days" panel on a day axis, later ones (plans,
    forecasts) to a "later" panel, so years and days stay readable together. Month and year
    dates are drawn as bars over their whole period.
    """
    import matplotlib.dates as mdates

    data = timeline.dropna(subset=["date_start", "actor"])
    if cutoff is None or pd.isna(cutoff):
        cutoff = data["date_start"].max() - pd.Timedelta(days=14) if len(data) else pd.NaT
    published = data["first_published"].max() if "first_published" in data else pd.NaT
    until = (published if pd.notna(published) else cutoff + pd.Timedelta(days=14)) + pd.Timedelta(days=7)
    panel = ["recent days" if cutoff <= d <= until else "background" if d < cutoff else "later"
             for d in data["date_start"]]
    data = data.assign(_dated=data["date_source"] == "timex",
                       _recent=pd.Series([p == "recent days" for p in panel], index=data.index, dtype=bool),
                       panel=pd.Series(panel, index=data.index, dtype=object))
    data = data.sort_values(["n_articles", "_dated", "date_start", "actor"], ascending=[False, False, False, True],
                            kind="stable")
    n_recent = min(int(data["_recent"].sum()), max(n // 2, n - int((~data["_recent"]).sum())))
    data = pd.concat([data[data["_recent"]].head(n_recent), data[~data["_recent"]].head(n - n_recent)])
    data = data.sort_values(["date_start", "actor", "action"], kind="stable").reset_index(drop=True)
    target = [t if isinstance(t, str) and t else None for t in data["target"]]
    data = data.assign(
        label=[f"{a}: {(typ + ' ') if isinstance(typ, str) else ''}{act}" + (f" → {t}" if t else "")
               + (f"  ({k} articles)" if k > 1 else "")
               for a, typ, act, t, k in zip(data["actor"], data.get("event_type", [None] * len(data)),
                                            data["action"], target, data["n_articles"], strict=True)],
    )
    data = data[["panel", "date_start", "date_end", "granularity", "actor", "action", "target", "n_articles", "label"]]
    panels = [p for p in ("background", "recent days", "later") if (data["panel"] == p).any()] or ["recent days"]
    sizes = [max(1, int((data["panel"] == p).sum())) for p in panels]
    fig, axes = _figure(data, nrows=len(panels), figsize=(10, 0.32 * sum(sizes) + 1.2 * len(panels) + 0.6),
                        gridspec_kw={"height_ratios": [s + 2 for s in sizes]}, squeeze=False)
    colors = _actor_colors(data["actor"])
    for ax, panel in zip(axes[:, 0], panels, strict=True):
        rows = data[data["panel"] == panel].reset_index(drop=True)
        y = range(len(rows))[::-1]
        for yi, row in zip(y, rows.itertuples(), strict=True):
            color = colors[row.actor]
            end = row.date_end if pd.notna(row.date_end) else row.date_start
            if end > row.date_start:
                ax.plot([row.date_start, end + pd.Timedelta(days=1)], [yi, yi], color=color, lw=5, alpha=0.5,
                        solid_capstyle="butt")
            ax.plot([row.date_start], [yi], "o", color=color, ms=6)
        ax.set_yticks(list(y), rows["label"], fontsize=8)
        ax.set_ylim(-0.8, len(rows) - 0.2)
        ax.grid(axis="x", color="#EEEEEE")
        ax.set_axisbelow(True)
        if len(rows):
            # an open interval ("in the coming decades") runs on past the axis rather than stretching it
            lo = rows["date_start"].min()
            hi = min(rows["date_end"].fillna(rows["date_start"]).max(), rows["date_start"].max() + pd.Timedelta(days=366))
            pad = pd.Timedelta(days=1) if panel == "recent days" else max(pd.Timedelta(days=120), (hi - lo) * 0.05)
            ax.set_xlim(lo - pad, hi + pad)
        if panel == "recent days":
            span_days = (rows["date_start"].max() - rows["date_start"].min()).days if len(rows) else 0
            ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, (span_days + 2) // 8)))
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %d %b"))
        else:
            loc = mdates.AutoDateLocator(maxticks=8)
            ax.xaxis.set_major_locator(loc)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
        ax.set_title(f"{panel.capitalize()} ({len(rows)} event{'' if len(rows) == 1 else 's'})", loc="left",
                     fontsize=10)
    fig.suptitle("Timeline of reported events")
    fig.tight_layout()
    return fig


def report_lag(reported: pd.DataFrame) -> Figure:
    """How far back articles reach: each event's distance from its article's publication date.

    ``reported`` is :func:`newsdesk.reported_dates`'s frame. Left: publication
    date against the lag in days (log-like scale, so "same day" and "years
    before" both show); right: events per lag bucket, split by date source.
    """
    import matplotlib.dates as mdates

    data = (reported.groupby(["published", "lag_days", "lag", "date_source"], observed=True).size()
            .rename("n_events").reset_index().sort_values(["published", "lag_days", "date_source"])
            .reset_index(drop=True))
    fig, (ax, bx) = _figure(data, ncols=2, figsize=(11, 4), gridspec_kw={"width_ratios": [3, 2]})
    palette = {"timex": "#4C72B0", "article": "#BBBBBB"}
    for source, rows in data.groupby("date_source", sort=True):
        ax.scatter(rows["published"], rows["lag_days"], s=12 + 30 * rows["n_events"] ** 0.5, alpha=0.6,
                   color=palette.get(source, "#DD8452"), edgecolor="white", linewidth=0.5)
    ax.set_yscale("symlog", linthresh=1)
    ticks = {0: "same day", 1: "1 day", 7: "1 week", 30: "1 month", 365: "1 year", 3650: "10 years",
             36500: "100 years"}
    if len(data) and data["lag_days"].min() < 0:
        ticks = {-365: "1 year later", -30: "1 month later", -1: "1 day later", **ticks}
    ax.set_yticks(list(ticks), list(ticks.values()))
    ax.yaxis.set_minor_locator(plt.NullLocator())
    ax.set_ylabel("event date, before publication")
    ax.set_title("Each article's events (marker area ~ number of events)", fontsize=10)
    ax.set_xlabel("publication date")
    if len(data):
        lo, hi = data["published"].min(), data["published"].max()
        ax.set_xlim(lo - pd.Timedelta(days=2), hi + pd.Timedelta(days=2))
        if (hi - lo).days <= 20:
            ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, ((hi - lo).days + 4) // 6)))
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y"))
        else:
            loc = mdates.AutoDateLocator(maxticks=8)
            ax.xaxis.set_major_locator(loc)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    counts = data.pivot_table(index="lag", columns="date_source", values="n_events", aggfunc="sum",
                              fill_value=0, observed=False)
    left = None
    for source in counts.columns:
        bx.barh(counts.index.astype(str), counts[source], left=left, color=palette.get(source, "#DD8452"),
                label=source)
        left = counts[source] if left is None else left + counts[source]
    bx.invert_yaxis()
    if len(counts.columns):
        bx.legend(title="date from", frameon=False, loc="lower right")
    bx.set_xlabel("events")
    bx.set_title("Events per distance", fontsize=10)
    bx.xaxis.get_major_locator().set_params(integer=True)
    fig.suptitle("Publication dates against the dates they report")
    fig.tight_layout()
    return fig


#: Most period columns of the actor activity heat map; older periods are summed into the first.
MAX_ACTIVITY_PERIODS = 20


def actor_activity(activity: pd.DataFrame) -> Figure:
    """Heat map: events per actor (rows) and period (columns: years, then months, then recent days).

    ``activity`` is :func:`newsdesk.event_activity`'s frame.
    """
    data = activity.sort_values(["period_start", "actor"]).reset_index(drop=True)
    periods = data.drop_duplicates("period").sort_values("period_start")["period"].tolist()
    if len(periods) > MAX_ACTIVITY_PERIODS:  # a large corpus recalls decades: the oldest share one column
        keep = periods[-(MAX_ACTIVITY_PERIODS - 1):]
        earlier = f"before {keep[0]}"
        data = data.assign(period=data["period"].where(data["period"].isin(keep), earlier))
        periods = [earlier, *keep]
    totals = data.groupby("actor")["n_events"].sum().sort_index().sort_values(ascending=False, kind="stable")
    grid = (data.pivot_table(index="actor", columns="period", values="n_events", aggfunc="sum", fill_value=0)
            .reindex(index=totals.index, columns=periods, fill_value=0))
    fig, ax = _figure(data, figsize=(max(5, 0.6 * len(periods) + 3), 0.4 * len(grid) + 1.6))
    if grid.size:
        ax.imshow(grid.to_numpy(), cmap="Blues", aspect="auto", vmin=0)
    top = grid.to_numpy().max() if grid.size else 0
    for i, values in enumerate(grid.itertuples(index=False)):
        for j, v in enumerate(values):
            if v:
                ax.text(j, i, str(int(v)), ha="center", va="center", fontsize=8,
                        color="white" if v > top / 2 else "black")
    ax.set_xticks(range(len(periods)), periods, rotation=45, ha="right")
    ax.set_yticks(range(len(grid)), grid.index)
    ax.set_title("Events per actor and date")
    fig.tight_layout()
    return fig


_QUAD_COLORS = {"verbal cooperation": "#8FBF8F", "material cooperation": "#2E7D32",
                "verbal conflict": "#F0A868", "material conflict": "#C0392B"}
#: Below this many events a chart says there is too little to show a trend.
MIN_EVENTS = 3


def _too_little(ax: plt.Axes, what: str) -> None:
    ax.text(0.5, 0.5, f"Too little data: {what}", ha="center", va="center", transform=ax.transAxes,
            fontsize=10, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


#: Fewest events in a period for the conflict-cooperation balance to be drawn for it.
MIN_BALANCE_EVENTS = 5


def quad_class_over_time(counts: pd.DataFrame, title: str = "Conflict and cooperation over time") -> Figure:
    """Stacked bars of events per period by QuadClass: cooperation up, conflict down, and the balance.

    ``counts`` is :func:`newsdesk.quad_class_counts`'s frame (of all events,
    or of one actor pair's: filter the events first). The line is the share of
    cooperation minus conflict (right axis, -1 to 1).
    """
    import matplotlib.dates as mdates

    data = counts.copy()
    fig, ax = _figure(data, figsize=(10, 4.2))
    if data.empty or int(data["n_events"].sum()) < MIN_EVENTS:
        _too_little(ax, f"{int(data['n_events'].sum()) if len(data) else 0} dated events")
        ax.set_title(title)
        return fig
    starts = pd.to_datetime(data["period_start"])
    lo, hi, _ = event_period(starts.repeat(data["n_events"].astype(int).to_numpy()))
    outside = ~starts.between(lo, hi)
    if outside.any():  # periods far from the coverage are counted in the title, not plotted
        n_out = int(data.loc[outside.to_numpy(), "n_events"].sum())
        data = data[~outside.to_numpy()].reset_index(drop=True)
        title = f"{title} ({n_out} events dated outside the period shown)"
    starts = pd.to_datetime(data["period_start"])
    steps = starts.diff().dropna()
    width_days = max(1.0, 0.8 * (steps.min().days if len(steps) else 1))
    width = pd.Timedelta(days=width_days)
    up = pd.Series(0, index=data.index)
    down = pd.Series(0, index=data.index)
    for quad in ("verbal cooperation", "material cooperation"):
        ax.bar(starts, data[quad], width=width, bottom=up, color=_QUAD_COLORS[quad], label=quad, align="edge")
        up = up + data[quad]
    for quad in ("verbal conflict", "material conflict"):
        ax.bar(starts, -data[quad], width=width, bottom=-down, color=_QUAD_COLORS[quad], label=quad, align="edge")
        down = down + data[quad]
    ax.axhline(0, color="#333333", lw=0.8)
    ax.set_ylabel("events (cooperation up, conflict down)")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{abs(v):g}"))
    if starts.max() - starts.min() <= pd.Timedelta(days=14):  # a few days: whole days, never hours
        ax.xaxis.set_major_locator(mdates.DayLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y"))
    else:
        loc = mdates.AutoDateLocator(maxticks=10)
        ax.xaxis.set_major_locator(loc)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    if len(starts) == 1:
        ax.set_xlim(starts.iloc[0] - pd.Timedelta(days=3), starts.iloc[0] + width + pd.Timedelta(days=3))
    bx = ax.twinx()
    # the balance of a period with a handful of events swings from -1 to 1: drawn only where it means something
    steady = data["n_events"] >= min(MIN_BALANCE_EVENTS, int(data["n_events"].max()))
    bx.plot((starts + width / 2)[steady], data.loc[steady, "balance"], color="#222222", marker="o", ms=3, lw=1,
            label=f"balance (periods with {MIN_BALANCE_EVENTS}+ events)")
    bx.set_ylim(-1.05, 1.05)
    bx.set_ylabel("balance")
    handles = [h for a in (ax, bx) for h in a.get_legend_handles_labels()[0]]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.08, 1), fontsize=8, frameon=False)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def top_dyads(dyads: pd.DataFrame, n: int = 15) -> Figure:
    """Horizontal stacked bars: the source -> target pairs with most events, split by QuadClass.

    ``dyads`` is :func:`newsdesk.dyads`'s frame.
    """
    data = dyads.head(n).copy()
    data["label"] = [f"{s} → {t}" for s, t in zip(data["source"], data["target"], strict=True)]
    fig, ax = _figure(data, figsize=(9, 0.35 * max(len(data), 3) + 1.4))
    if data.empty:
        _too_little(ax, "no event names both a source and a target")
        ax.set_title("Top dyads (source → target)")
        return fig
    y = list(range(len(data)))[::-1]
    left = pd.Series(0, index=data.index)
    for quad, color in _QUAD_COLORS.items():
        ax.barh(y, data[quad], left=left, color=color, label=quad)
        left = left + data[quad]
    ax.set_yticks(y, [lbl if len(lbl) <= 48 else lbl[:47] + "…" for lbl in data["label"]], fontsize=8)
    ax.set_xlabel("events")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_title(f"Top {len(data)} dyads (source → target) by events")
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- quotes (05)


def quotes_by_speaker(summary: pd.DataFrame, n: int = 15) -> Figure:
    """Stacked bars: the ``n`` most quoted speakers, full quotes and partial quotes.

    ``summary`` is :func:`newsdesk.quotes.speaker_summary`.
    """
    data = summary.head(n)[["speaker", "n_full", "n_partial", "n_quotes"]].reset_index(drop=True)
    fig, ax = _figure(data, figsize=(8, 0.35 * len(data) + 1.5))
    labels = data["speaker"][::-1]
    ax.barh(labels, data["n_full"][::-1], color="#4C72B0", label="full quotes")
    ax.barh(labels, data["n_partial"][::-1], left=data["n_full"][::-1], color="#A1C9F4", label="partial quotes")
    ax.set_title(f"Who is quoted most (top {len(data)})")
    if data.empty:
        say_too_little(ax, "No attributed quotes found.")
    ax.set_xlabel("quotes")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower right", frameon=False)
    fig.tight_layout()
    return fig


def speaker_tone(summary: pd.DataFrame, n: int = 15) -> Figure:
    """Bars: mean VADER compound of each of the ``n`` most quoted speakers' quotes (-1 to 1).

    ``summary`` is :func:`newsdesk.quotes.speaker_summary`; each label carries the number of quotes.
    """
    data = summary.head(n)[["speaker", "n_quotes", "mean_compound"]].reset_index(drop=True)
    fig, ax = _figure(data, figsize=(8, 0.35 * len(data) + 1.5))
    labels = [f"{s} ({k})" for s, k in zip(data["speaker"], data["n_quotes"], strict=True)][::-1]
    values = data["mean_compound"][::-1]
    ax.barh(labels, values, color=["#55A868" if v >= 0 else "#C44E52" for v in values])
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_title("Tone of each speaker's quotes (number of quotes)")
    if data.empty:
        say_too_little(ax, "No attributed quotes found.")
    ax.set_xlabel("negative  ←  mean compound  →  positive")
    fig.tight_layout()
    return fig
