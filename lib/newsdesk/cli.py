"""``newsdesk report``: analyse a folder of articles and export everything.

Writes under the export folder (default ``exports/`` in the project root):

- ``report.html``: the report, one self-contained page;
- ``frames/<name>.parquet`` for every corpus frame, ``frames/rejected.csv``, ``frames/errors.csv``;
- ``tables/<name>.csv`` for every frame (UTF-8, formula-safe cells);
- ``charts/<name>.png|svg|csv`` from the notebooks;
- ``notebooks/<name>.ipynb``, each notebook executed on these articles.

Everything is written to a staging folder first and moved into place at the
end, so a run that fails or is killed leaves the previous exports whole.
Files newsdesk did not write are never touched.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import shutil
import sys
import warnings
from pathlib import Path

from newsdesk.articles import load_articles, select
from newsdesk.corpus import Corpus, analyze
from newsdesk.paths import project_root, resolve_paths
from newsdesk.tables import write_csv

STAGING = ".newsdesk-staging"
MANIFEST = ".newsdesk-manifest.json"


def write_frames(corpus: Corpus, folder: Path) -> list[Path]:
    """Every frame as Parquet, plus the rejections and errors as CSV; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in corpus.frames().items():
        frame = frame.copy()
        frame.attrs = {}
        frame.to_parquet(folder / f"{name}.parquet", index=False)
        paths.append(folder / f"{name}.parquet")
    paths.append(write_csv(corpus.rejected, folder / "rejected.csv"))
    paths.append(write_csv(corpus.errors, folder / "errors.csv"))
    return paths


def write_tables(corpus: Corpus, folder: Path) -> list[Path]:
    """Every frame as ``<name>.csv`` (UTF-8, formula-safe), for spreadsheets; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write_csv(frame, folder / f"{name}.csv") for name, frame in corpus.frames().items()]


def run_notebooks(notebooks: Path, exports: Path, parameters: dict) -> list[Path]:
    """Execute every numbered notebook with papermill into ``exports/notebooks``.

    The kernels' own stderr (transport warnings, "KeyboardInterrupt caught") goes
    to ``notebooks/kernels.log`` rather than the terminal; a failing
    notebook raises :class:`NotebookFailed` naming the notebook and the error.
    """
    import papermill
    from tqdm.auto import tqdm

    out = exports / "notebooks"
    out.mkdir(parents=True, exist_ok=True)
    done = []
    # papermill logs every cell at INFO and the kernel's shutdown at WARNING: noise for a report run
    logging.getLogger("papermill").setLevel(logging.ERROR)
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    books = sorted(notebooks.glob("[0-9]*.ipynb"))
    log = out / "kernels.log"
    for nb in tqdm(books, desc="notebooks", unit="notebook", file=sys.stdout):
        try:
            with _stderr_to(log):
                papermill.execute_notebook(
                    str(nb), str(out / nb.name), parameters=parameters, cwd=str(notebooks),
                    progress_bar=False, kernel_name="python3", log_output=False,
                )
        except papermill.PapermillExecutionError as exc:
            raise NotebookFailed(f"{nb.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue} "
                                 f"(the executed copy is {out / nb.name})") from None
        done.append(out / nb.name)
    return done


class NotebookFailed(RuntimeError):
    """A notebook raised an error while the report ran."""


@contextlib.contextmanager
def _stderr_to(path: Path):
    """Send file descriptor 2 (inherited by kernel processes) to ``path`` for the duration."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def publish(staging: Path, exports: Path) -> list[Path]:
    """Move every file of ``staging`` into ``exports`` and remove what the previous run wrote
    that this one did not; files newsdesk never wrote stay. Returns the published paths."""
    manifest = exports / MANIFEST
    try:
        previous = set(json.loads(manifest.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        previous = set()
    written = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
    for rel in written:
        target = exports / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, target)
    for rel in sorted(previous - set(written)):
        stale = exports / rel
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()
    tmp = manifest.with_suffix(".tmp")
    tmp.write_text(json.dumps(written, indent=0), encoding="utf-8")
    os.replace(tmp, manifest)
    shutil.rmtree(staging, ignore_errors=True)
    return [exports / rel for rel in written]


def report(args: argparse.Namespace) -> int:
    from newsdesk.report import write_report

    paths = resolve_paths(args.articles, args.exports, args.actors)
    print(paths.message)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the rejections are reported below instead
        loaded = load_articles(paths.articles)
    try:
        articles = select(loaded, args.since, args.until, args.source, args.keyword)
    except ValueError as exc:  # a date that cannot be read: say so, no traceback
        print(f"newsdesk report: {exc}", file=sys.stderr)
        return 2
    filters = describe_filters(args)
    n_rejected = len(loaded.attrs["rejected"])
    print(f"Loaded {len(loaded)} articles"
          + (f" ({n_rejected} inputs rejected: see frames/rejected.csv)" if n_rejected else "")
          + (f"; {len(articles)} match {filters}" if filters else ""))
    if articles.empty:
        print("No article to analyse: nothing written.", file=sys.stderr)
        return 1
    corpus = analyze(articles, actors=paths.actors, n_process=args.n_process)
    print(f"Analysed {len(corpus.articles)} articles ({corpus.stats['analyzed']} new, "
          f"{corpus.stats['cached']} from the cache): {len(corpus.mentions)} mentions of "
          f"{len(corpus.actors)} actors, {len(corpus.quotes)} quotes, {len(corpus.events)} events"
          + (f"; {len(corpus.errors)} articles failed (see frames/errors.csv)" if len(corpus.errors) else ""))

    exports = paths.exports
    exports.mkdir(parents=True, exist_ok=True)
    staging = exports / STAGING
    shutil.rmtree(staging, ignore_errors=True)  # left by a killed run; only newsdesk writes there
    staging.mkdir()
    frames = write_frames(corpus, staging / "frames")
    tables = write_tables(corpus, staging / "tables")
    write_report(corpus, staging / "report.html", message=f"{paths.message.rstrip('.')}"
                 + (f", {filters}." if filters else "."))
    if not args.no_notebooks:
        params = {"ARTICLES": str(paths.articles), "EXPORT_DIR": str(staging),
                  "ACTORS": str(paths.actors) if paths.actors else "", "SINCE": args.since,
                  "UNTIL": args.until, "SOURCES": args.source, "KEYWORDS": args.keyword}
        notebooks = Path(args.notebooks) if args.notebooks else project_root() / "notebooks"
        run_notebooks(notebooks.resolve(), staging, params)
    publish(staging, exports)

    shown = _shown(exports)
    print(f"Wrote {shown}/report.html")
    print(f"      {shown}/tables/    {len(tables)} CSV tables")
    print(f"      {shown}/frames/    {len(frames)} files (Parquet frames, rejected.csv, errors.csv)")
    if not args.no_notebooks:
        n_charts = len(list((exports / "charts").glob("*.png")))
        print(f"      {shown}/charts/    {n_charts} charts (PNG, SVG and the CSV behind each)")
        print(f"      {shown}/notebooks/ the notebooks run on these articles")
    return 0


def describe_filters(args: argparse.Namespace) -> str:
    """The filters of a run in words ("" when none)."""
    parts = []
    if args.since:
        parts.append(f"since {args.since}")
    if args.until:
        parts.append(f"until {args.until}")
    if args.source:
        parts.append("from " + " or ".join(args.source))
    if args.keyword:
        parts.append("naming " + " or ".join(repr(k) for k in args.keyword))
    return " ".join(parts)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsdesk", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="analyse articles and write exports/")
    rep.add_argument("--articles", default="",
                     help="folder of articles (default: data/articles, or the demo data/demo while that is empty)")
    rep.add_argument("--exports", default="", help="export folder (default: exports/ in the project)")
    rep.add_argument("--actors", default="", help="your own actor table (default: data/actors.csv)")
    rep.add_argument("--notebooks", default="", help="notebooks to run (default: notebooks/ in the project)")
    rep.add_argument("--since", help="keep articles published on or after this day (YYYY-MM-DD)")
    rep.add_argument("--until", help="keep articles published on or before this day (YYYY-MM-DD)")
    rep.add_argument("--source", action="append", help="keep articles from this source (repeatable)")
    rep.add_argument("--keyword", action="append",
                     help="keep articles naming this word in title or text (repeatable: any of them)")
    rep.add_argument("--n-process", type=int, default=None, help="spaCy processes (default: chosen by size)")
    rep.add_argument("--no-notebooks", action="store_true", help="write the report, frames and tables only")
    args = parser.parse_args(argv)
    try:
        return report(args)
    except NotebookFailed as exc:
        print(f"newsdesk report: {exc}. The previous exports are unchanged.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrupted: the previous exports are unchanged.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
