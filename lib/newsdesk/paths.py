"""Where the project's folders are, whatever the working directory.

The notebooks run from ``notebooks/`` (JupyterLab, nbval) or from the project
root (papermill, ``newsdesk report``); both must find the same
``data/articles``, ``data/actors.csv`` and ``exports/``. The project root is
``$NEWSDESK_ROOT`` if set, else the nearest folder at or above the working
directory that holds ``data/`` and ``notebooks/``, else the working directory.

``data/articles/`` is the analyst's; while it holds no article the demo
corpus ``data/demo/`` is analysed instead, and :func:`default_articles` says so.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from newsdesk.articles import SUFFIXES, _hidden


def project_root(start: str | os.PathLike | None = None) -> Path:
    """The project folder: ``$NEWSDESK_ROOT``, else the nearest folder at or above ``start``
    (default: the working directory) with ``data/`` and ``notebooks/``, else ``start``."""
    if os.environ.get("NEWSDESK_ROOT"):
        return Path(os.environ["NEWSDESK_ROOT"]).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data").is_dir() and (folder / "notebooks").is_dir():
            return folder
    return here


def holds_articles(folder: str | os.PathLike) -> bool:
    """Whether ``folder`` holds at least one file newsdesk would read as articles."""
    folder = Path(folder)
    if not folder.is_dir():
        return False
    return any(p.is_file() and p.suffix.lower() in SUFFIXES and not _hidden(p.relative_to(folder))
               for p in folder.rglob("*"))


def default_articles(root: str | os.PathLike | None = None) -> tuple[Path, str]:
    """The folder to analyse when none is given, and a line saying which and why:
    ``data/articles/`` when it holds any article, otherwise the demo corpus ``data/demo/``.

    >>> folder, message = default_articles()     # doctest: +SKIP
    >>> message                                  # doctest: +SKIP
    'Analysing the demo corpus data/demo/ (data/articles/ holds no article yet).'
    """
    root = Path(root) if root is not None else project_root()
    own, demo = root / "data" / "articles", root / "data" / "demo"
    if holds_articles(own) or not demo.is_dir():
        return own, "Analysing your articles in data/articles/."
    return demo, "Analysing the demo corpus data/demo/ (data/articles/ holds no article yet)."


class ProjectPaths(NamedTuple):
    """The resolved inputs and outputs of a run."""

    articles: Path
    exports: Path
    actors: Path | None
    message: str


def resolve_paths(articles: str | os.PathLike | None = None, exports: str | os.PathLike | None = None,
                  actors: str | os.PathLike | None = None, *, root: str | os.PathLike | None = None,
                  ) -> ProjectPaths:
    """The articles folder, export folder and actor table of a run.

    Empty or ``None`` arguments take the defaults: :func:`default_articles`,
    ``exports/`` and ``data/actors.csv`` (``None`` when absent) in the project
    root. Relative paths are tried from the working directory first, then
    from the project root, so ``../data/demo`` (from ``notebooks/``) and
    ``data/demo`` (from the root) both work.
    """
    root = Path(root).resolve() if root is not None else project_root()

    def given(value, default: Path) -> Path:
        if value is None or str(value) == "":
            return default
        path = Path(value).expanduser()
        if path.is_absolute() or path.exists() or not (root / path).exists():
            return path.resolve()
        return (root / path).resolve()

    if articles is None or str(articles) == "":
        folder, message = default_articles(root)
    else:
        folder = given(articles, root / "data" / "articles")
        demo = folder == (root / "data" / "demo").resolve()
        message = f"Analysing {'the demo corpus ' if demo else ''}{_shown(folder, root)}."
    table = given(actors, root / "data" / "actors.csv")
    return ProjectPaths(folder.resolve(), given(exports, root / "exports"),
                        table if table.exists() else None, message)


def _shown(path: Path, root: Path) -> str:
    """``path`` relative to the project root when inside it (no machine paths in notebooks)."""
    try:
        return f"{path.resolve().relative_to(root)}/"
    except ValueError:
        return str(path)
