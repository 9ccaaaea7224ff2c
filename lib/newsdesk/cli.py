"""``newsdesk report``: analyse a folder of articles and export everything.

Writes under the export folder:

- ``frames/<name>.parquet`` for every corpus frame, ``frames/rejected.csv``;
- ``charts/<name>.png|svg|csv`` from the notebooks;
- ``notebooks/<name>.ipynb``, each notebook executed on these articles.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsdesk.articles import load_articles
from newsdesk.corpus import Corpus, analyze
from newsdesk.tables import write_csv


def write_frames(corpus: Corpus, folder: Path) -> list[Path]:
    """Every frame as Parquet, plus the rejections as CSV; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in corpus.frames().items():
        frame = frame.copy()
        frame.attrs = {}
        frame.to_parquet(folder / f"{name}.parquet", index=False)
        paths.append(folder / f"{name}.parquet")
    write_csv(corpus.rejected, folder / "rejected.csv")
    write_csv(corpus.errors, folder / "errors.csv")
    return paths + [folder / "rejected.csv", folder / "errors.csv"]


def run_notebooks(notebooks: Path, exports: Path, parameters: dict) -> list[Path]:
    """Execute every numbered notebook with papermill into ``exports/notebooks``."""
    import papermill

    out = exports / "notebooks"
    out.mkdir(parents=True, exist_ok=True)
    done = []
    for nb in sorted(notebooks.glob("[0-9]*.ipynb")):
        print(f"  running {nb.name}", flush=True)
        papermill.execute_notebook(
            str(nb), str(out / nb.name), parameters=parameters, cwd=str(notebooks),
            progress_bar=False, kernel_name="python3",
        )
        done.append(out / nb.name)
    return done


def report(args: argparse.Namespace) -> int:
    articles_dir = Path(args.articles).resolve()
    exports = Path(args.exports).resolve()
    actors = Path(args.actors).resolve() if args.actors and Path(args.actors).exists() else None
    articles = load_articles(articles_dir)
    print(f"Loaded {len(articles)} articles from {args.articles} "
          f"({len(articles.attrs['rejected'])} rejected)")
    corpus = analyze(articles, actors=actors, n_process=args.n_process)
    print(f"Analysed: {corpus.stats['analyzed']} new, {corpus.stats['cached']} from cache; {corpus!r}")
    frames = write_frames(corpus, exports / "frames")
    print(f"Frames:    {exports / 'frames'}/ ({len(frames)} files)")
    if not args.no_notebooks:
        params = {"ARTICLES": str(articles_dir), "EXPORT_DIR": str(exports),
                  "ACTORS": str(actors) if actors else ""}
        run_notebooks(Path(args.notebooks).resolve(), exports, params)
        print(f"Notebooks: {exports / 'notebooks'}/")
        charts = sorted((exports / "charts").glob("*.png"))
        print(f"Charts:    {exports / 'charts'}/ ({len(charts)} charts, each as PNG, SVG and CSV)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsdesk", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="analyse articles and write exports/")
    rep.add_argument("--articles", default="data/articles", help="folder of articles (default: %(default)s)")
    rep.add_argument("--exports", default="exports", help="export folder (default: %(default)s)")
    rep.add_argument("--actors", default="data/actors.csv", help="your own actor table (default: %(default)s)")
    rep.add_argument("--notebooks", default="notebooks", help="notebooks to run (default: %(default)s)")
    rep.add_argument("--n-process", type=int, default=None, help="spaCy processes (default: chosen by size)")
    rep.add_argument("--no-notebooks", action="store_true", help="write frames only")
    args = parser.parse_args(argv)
    return report(args)


if __name__ == "__main__":
    sys.exit(main())
