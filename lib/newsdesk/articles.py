"""Reading article files of every common format into the articles frame.

``load_articles(source)`` -> one row per article:

===========  ==============  ====================================================
column       dtype           meaning
===========  ==============  ====================================================
article_id   str             stable short hash of the normalised text
date         datetime64[ns]  publication date (local wall time); NaT when none
title        str             headline, when the file gives one
source       str             outlet or feed, when given
url          str             when given
author       str             when given
path         str             the file (``file.jsonl:7`` for a line or row)
text         str             body only: NFC, ``\\n`` line ends, paragraphs
                             separated by one blank line
n_words      int64           whitespace-separated words in ``text``
notes        str             what the loader had to do ("decoded as cp1252",
                             "impossible date '2026-02-30'"), else ""
extra        str             unknown fields of structured inputs, as JSON
===========  ==============  ====================================================

Every character offset anywhere in newsdesk refers to ``text``. Files that
cannot be used are never lost silently: they are listed with their reason in
``articles.attrs["rejected"]`` (``path``, ``reason``).
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
import logging
import os
import re
import unicodedata
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

logger = logging.getLogger(__name__)

ARTICLE_COLUMNS = [
    "article_id", "date", "title", "source", "url", "author", "path", "text", "n_words", "notes", "extra",
]
REJECTED_COLUMNS = ["path", "reason"]

#: Field names accepted for each column in JSON, JSONL, CSV and front matter (first match wins).
FIELDS = {
    "text": ("text", "body", "content", "article", "article_text", "maintext", "story"),
    "date": ("date", "published", "publication_date", "datetime", "published_at", "pubdate",
             "date_published", "timestamp", "time"),
    "title": ("title", "headline", "name"),
    "source": ("source", "outlet", "publisher", "site", "feed"),
    "url": ("url", "link", "permalink", "uri"),
    "author": ("author", "authors", "byline", "by"),
}
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
SUFFIXES = TEXT_SUFFIXES | {".json", ".jsonl", ".ndjson", ".csv", ".html", ".htm"}
#: A single document larger than this is rejected rather than read (a news article is < 1 MB).
MAX_DOCUMENT_BYTES = 20_000_000
#: Record files (JSONL, CSV) are read row by row up to this size.
MAX_RECORDS_BYTES = 2_000_000_000

_SEED_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?:[ \t]+|\s*\n)")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,30}):[ \t]*(.*)$")
_HEADER_KEYS = {"title", "date", "source", "url", "author", "published", "headline", "byline", "link"}
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")


class Rejections(pd.DataFrame):
    """The ``path``/``reason`` table kept in ``articles.attrs["rejected"]``.

    pandas compares ``attrs`` with ``==`` when frames are concatenated or
    merged; a plain DataFrame there makes that comparison ambiguous, so this
    table compares as a whole. Anything derived from it is a plain DataFrame.
    """

    @property
    def _constructor(self):
        return pd.DataFrame

    def __eq__(self, other):  # type: ignore[override]
        return isinstance(other, pd.DataFrame) and self.equals(other)

    __hash__ = None  # type: ignore[assignment]


class ArticleLoadError(ValueError):
    """Raised by ``load_articles(..., errors="raise")``; lists every bad input."""


# --------------------------------------------------------------------------- text normalisation


def normalise_text(text: str) -> str:
    """NFC, ``\\n`` line ends, hard-wrapped lines joined, one blank line between paragraphs.

    A block with no blank lines but several lines is taken as one paragraph per
    line (the usual shape of text exported from a CMS or a JSON feed).
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\ufeff", "").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = re.sub(r"[ \t]+\n", "\n", text)
    if "\n\n" not in text.strip():
        blocks = text.split("\n")
    else:
        blocks = [_unwrap(b) for b in re.split(r"\n[ \t]*\n", text)]
    blocks = [re.sub(r"[ \t]{2,}", " ", b).strip() for b in blocks]
    return "\n\n".join(b for b in blocks if b)


def _unwrap(block: str) -> str:
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    if any(_LIST_ITEM.match(line) for line in lines[1:]):
        return "\n".join(lines)
    return " ".join(lines)


def article_id(text: str) -> str:
    """Stable short id of an article: a hash of its normalised text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- dates


def parse_date(value) -> tuple[pd.Timestamp, str]:
    """(date, note): a publication date as a naive Timestamp in local wall time.

    ISO 8601 with or without time and offset, RFC 2822 and written dates
    ("February 18, 2026") are accepted. An impossible or unreadable date gives
    NaT and a note saying why; a missing one gives NaT and no note.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return pd.NaT, ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1e9 <= value < 1e10 or 1e12 <= value < 1e13:  # epoch seconds or milliseconds
            ts = pd.Timestamp(value, unit="s" if value < 1e10 else "ms")
            return ts, ""
        return pd.NaT, f"unreadable date {value!r}"
    raw = str(value).strip()
    try:
        ts = pd.Timestamp(raw) if re.match(r"^\d{4}-\d{2}(-\d{2})?([T ]|$)", raw) else None
    except (ValueError, OverflowError):
        return pd.NaT, f"impossible date {raw!r}"
    if ts is None:
        ts = _parse_written_date(raw)
        if ts is None:
            return pd.NaT, f"unreadable date {raw!r}"
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)  # keep the local wall time: "Tuesday" means the writer's Tuesday
    if not 1800 <= ts.year <= 2200:
        return pd.NaT, f"implausible date {raw!r}"
    return ts.as_unit("ns"), ""


def _parse_written_date(raw: str) -> pd.Timestamp | None:
    from email.utils import parsedate_to_datetime

    from dateutil import parser as dateutil_parser

    try:
        return pd.Timestamp(parsedate_to_datetime(raw))
    except (TypeError, ValueError, IndexError):
        pass
    if not re.search(r"\d{4}", raw):  # a year is required: never fill one in from today
        return None
    try:
        default = pd.Timestamp("2000-01-01").to_pydatetime()
        return pd.Timestamp(dateutil_parser.parse(raw, default=default, fuzzy=False))
    except (ValueError, OverflowError, TypeError):
        return None


# --------------------------------------------------------------------------- readers

Record = dict  # keys: the columns above (raw), plus "path"


class Rejected(Exception):
    """A file (or one row of it) that cannot be used, with the reason."""


def _read_bytes(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise Rejected(f"file too large ({size:,} bytes; the limit for this format is {limit:,})")
    return path.read_bytes()


#: Control characters other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)


def _decode(data: bytes) -> tuple[str, str]:
    """(text, note). UTF-8 (BOM stripped), else cp1252 when that decodes cleanly."""
    if not data.strip():
        raise Rejected("empty file")
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if b"\x00" in sample or controls > len(sample) * 0.05:
        raise Rejected("binary file, not text")
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("cp1252"), "decoded as cp1252 (not valid UTF-8)"
    except UnicodeDecodeError:
        raise Rejected(f"not valid UTF-8 or cp1252 text ({utf8_error.reason} at byte {utf8_error.start})") from None


def _read_text_file(path: Path) -> Iterator[Record]:
    text, note = _decode(_read_bytes(path, MAX_DOCUMENT_BYTES))
    meta: dict = {}
    seed = _SEED_HEADER.match(text)
    if seed:
        meta["date"], text = seed.group(1), text[seed.end():]
    else:
        meta, text = _split_header(text)
    yield {**meta, "text": text, "_note": note}


def _split_header(text: str) -> tuple[dict, str]:
    """YAML front matter (``---`` … ``---``) or a block of ``key: value`` lines ended by a blank line."""
    stripped = text.lstrip()
    if stripped.startswith("---\n"):
        end = stripped.find("\n---", 4)
        if end != -1:
            import yaml

            try:
                meta = yaml.safe_load(stripped[4:end]) or {}
            except yaml.YAMLError:
                meta = None
            if isinstance(meta, dict):
                body = stripped[end + 4:].split("\n", 1)
                return {str(k).lower(): v for k, v in meta.items()}, body[1] if len(body) > 1 else ""
    head, sep, body = stripped.partition("\n\n")
    lines = head.split("\n")
    matches = [_HEADER_LINE.match(line) for line in lines]
    if sep and all(matches) and any(m.group(1).strip().lower() in _HEADER_KEYS for m in matches):
        return {m.group(1).strip().lower(): m.group(2).strip() for m in matches}, body
    return {}, text


def _read_json_file(path: Path) -> Iterator[Record]:
    text, note = _decode(_read_bytes(path, MAX_DOCUMENT_BYTES))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Rejected(f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    if isinstance(data, dict) and not _pick(data, "text"):
        lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        data = lists[0] if len(lists) == 1 else data  # {"articles": [...]}
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items):
        where = f"{path}:{i}" if isinstance(data, list) else str(path)
        if not isinstance(item, dict):
            yield Rejected(f"{where}: item is a {type(item).__name__}, not an object")
            continue
        yield {**item, "_path": where, "_note": note}


def _read_jsonl_file(path: Path) -> Iterator[Record]:
    if path.stat().st_size > MAX_RECORDS_BYTES:
        raise Rejected(f"file too large ({path.stat().st_size:,} bytes)")
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if not head.strip():
        raise Rejected("empty file")
    if b"\x00" in head:
        raise Rejected("binary file, not text")
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{n}"
            try:
                line, note = _decode(raw)
                item = json.loads(line)
            except Rejected as exc:
                yield Rejected(f"{where}: {exc}")
                continue
            except json.JSONDecodeError as exc:
                yield Rejected(f"{where}: malformed JSON line: {exc.msg}")
                continue
            if not isinstance(item, dict):
                yield Rejected(f"{where}: line is a {type(item).__name__}, not an object")
                continue
            yield {**item, "_path": where, "_note": note}


def _read_csv_file(path: Path) -> Iterator[Record]:
    text, note = _decode(_read_bytes(path, MAX_RECORDS_BYTES))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if not any(h in FIELDS["text"] for h in header):
        raise Rejected(f"no text column (looked for {', '.join(FIELDS['text'])}; found {', '.join(header) or 'none'})")
    for n, row in enumerate(reader, start=2):  # row 1 is the header
        yield {**{(k or "").strip().lower(): v for k, v in row.items() if k is not None},
               "_path": f"{path}:{n}", "_note": note}


def _read_html_file(path: Path) -> Iterator[Record]:
    text, note = _decode(_read_bytes(path, MAX_DOCUMENT_BYTES))
    yield {**html_to_record(text), "_note": note}


def html_to_record(html: str) -> dict:
    """Title, date, author, url and main text of an HTML page; scripts and navigation dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    meta = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        if key and tag.get("content") and key not in meta:
            meta[key] = tag["content"].strip()
    ld = _json_ld(soup)
    title = (meta.get("og:title") or ld.get("headline")
             or (soup.h1.get_text(" ", strip=True) if soup.h1 else None)
             or (soup.title.get_text(" ", strip=True) if soup.title else None))
    date = (meta.get("article:published_time") or ld.get("datePublished") or meta.get("date")
            or meta.get("pubdate") or meta.get("publishdate") or meta.get("dc.date")
            or meta.get("datepublished") or _time_tag(soup))
    author = meta.get("author") or meta.get("article:author") or _ld_author(ld)
    url = meta.get("og:url") or (soup.find("link", rel="canonical") or {}).get("href")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                     "iframe", "svg", "button", "figure", "menu"]):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    blocks = []
    for el in root.find_all(["p", "h2", "h3", "h4", "li", "blockquote", "pre"]):
        if el.find_parent(["li", "blockquote"]) and el.name != "li":
            continue
        line = el.get_text(" ", strip=True)
        if line and not (blocks and blocks[-1] == line):
            blocks.append(line)
    if not blocks:
        blocks = [root.get_text("\n", strip=True)]
    return {"title": title, "date": date, "author": author, "url": url, "text": "\n\n".join(blocks),
            "source": meta.get("og:site_name")}


def _json_ld(soup) -> dict:
    for tag in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(tag.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and ("headline" in item or "datePublished" in item):
                return item
    return {}


def _ld_author(ld: dict):
    author = ld.get("author")
    if isinstance(author, list):
        author = author[0] if author else None
    return author.get("name") if isinstance(author, dict) else author


def _time_tag(soup):
    tag = soup.find("time", attrs={"datetime": True})
    return tag["datetime"] if tag else None


READERS = {
    ".txt": _read_text_file, ".text": _read_text_file, ".md": _read_text_file,
    ".markdown": _read_text_file, ".json": _read_json_file, ".jsonl": _read_jsonl_file,
    ".ndjson": _read_jsonl_file, ".csv": _read_csv_file, ".html": _read_html_file,
    ".htm": _read_html_file,
}


# --------------------------------------------------------------------------- records -> rows


def _pick(record: dict, column: str):
    lower = {str(k).lower(): k for k in record}
    for name in FIELDS[column]:
        if name in lower:
            value = record[lower[name]]
            if value is not None and not (isinstance(value, float) and pd.isna(value)) and value != "":
                return value
    return None


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, dict):
        value = value.get("name") or json.dumps(value, ensure_ascii=False)
    return str(value).strip() or None


def _row(record: Record, path: str) -> dict:
    """One articles-frame row from a raw record; raises Rejected when there is no text."""
    raw_text = _pick(record, "text")
    if isinstance(raw_text, list):
        raw_text = "\n\n".join(str(p) for p in raw_text)
    text = normalise_text(str(raw_text)) if raw_text is not None else ""
    if not text:
        raise Rejected("no text" if raw_text is None else "empty text")
    date, date_note = parse_date(_pick(record, "date"))
    used = {str(k).lower() for k in record if str(k).startswith("_")}
    for column in FIELDS:
        lower = {str(k).lower(): k for k in record}
        used |= {name for name in FIELDS[column] if name in lower}
    extra = {k: v for k, v in record.items() if str(k).lower() not in used}
    notes = "; ".join(n for n in (record.get("_note", ""), date_note) if n)
    return {
        "article_id": article_id(text),
        "date": date,
        "title": _as_text(_pick(record, "title")),
        "source": _as_text(_pick(record, "source")),
        "url": _as_text(_pick(record, "url")),
        "author": _as_text(_pick(record, "author")),
        "path": path,
        "text": text,
        "n_words": len(text.split()),
        "notes": notes,
        "extra": json.dumps(extra, ensure_ascii=False, default=str, sort_keys=True) if extra else "",
    }


# --------------------------------------------------------------------------- sources


def _expand(source) -> list[Path]:
    """Files named by ``source``: a file, a folder (recursive), a glob, or a list of these."""
    if isinstance(source, (str, os.PathLike)):
        source = [source]
    files: list[Path] = []
    for item in source:
        text = os.fspath(item)
        path = Path(text)
        if any(ch in text for ch in "*?[") and not path.exists():
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise FileNotFoundError(f"no file matches {text!r}")
            files += [Path(m) for m in matches if Path(m).is_file() and not _hidden(Path(m))]
        elif path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path)))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {text!r}")
    return files


def _hidden(path: Path) -> bool:
    return any(part.startswith(".") and part not in {".", ".."} for part in path.parts)


def _read_file(path: Path) -> tuple[list[dict], list[tuple[str, str]]]:
    rows, rejected = [], []
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kind = path.suffix or "no extension"
        return [], [(str(path), f"unsupported file type ({kind}); use .txt, .md, .json, .jsonl, .csv or .html")]
    try:
        for record in reader(path):
            if isinstance(record, Rejected):
                where, _, reason = str(record).partition(": ")
                rejected.append((where, reason))
                continue
            where = record.pop("_path", str(path))
            try:
                rows.append(_row(record, where))
            except Rejected as exc:
                rejected.append((where, str(exc)))
    except Rejected as exc:
        rejected.append((str(path), str(exc)))
    except (OSError, csv.Error, UnicodeError, ValueError) as exc:
        rejected.append((str(path), f"unreadable: {type(exc).__name__}: {exc}"))
    return rows, rejected


def _frame_rows(frame: pd.DataFrame) -> tuple[list[dict], list[tuple[str, str]]]:
    rows, rejected = [], []
    for i, record in enumerate(frame.to_dict("records")):
        where = str(record.get("path") or f"<frame>:{i}")
        record = {k: v for k, v in record.items() if k not in ("path", "article_id", "n_words")}
        try:
            rows.append(_row(record, where))
        except Rejected as exc:
            rejected.append((where, str(exc)))
    return rows, rejected


def load_articles(source, *, errors: str = "warn") -> pd.DataFrame:
    """Load articles from files into one frame (columns in the module docstring).

    ``source`` is a file, a folder (read recursively; hidden files skipped), a
    glob pattern, a list of these, or a DataFrame with text and date columns.
    Formats: ``.txt``/``.md`` (seed-style `` date 2026-02-18 …`` header,
    ``key: value`` header block or YAML front matter), ``.json`` (an object or a
    list), ``.jsonl``, ``.csv`` and ``.html``.

    Files (or rows) that cannot be used are listed in ``attrs["rejected"]``;
    ``errors="warn"`` (default) also warns once, ``"raise"`` raises
    :class:`ArticleLoadError` listing them all, ``"ignore"`` only records.
    Exact duplicates are kept once, the copies rejected. A missing path raises
    ``FileNotFoundError``.

    >>> articles = load_articles("data/articles")            # doctest: +SKIP
    >>> articles[["date", "title", "n_words"]]                # doctest: +SKIP
    """
    if errors not in {"warn", "raise", "ignore"}:
        raise ValueError("errors must be 'warn', 'raise' or 'ignore'")
    rows: list[dict] = []
    rejected: list[tuple[str, str]] = []
    if isinstance(source, pd.DataFrame):
        rows, rejected = _frame_rows(source)
    else:
        for path in _expand(source):
            got, bad = _read_file(path)
            rows += got
            rejected += bad
    frame = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame = frame.sort_values(["date", "path"], na_position="last", kind="stable")
    dup = frame["article_id"].duplicated(keep="first")
    first_path = frame.drop_duplicates("article_id").set_index("article_id")["path"]
    rejected += [(p, f"duplicate of {first_path[a]}") for p, a in frame.loc[dup, ["path", "article_id"]].itertuples(index=False)]
    frame = frame[~dup].reset_index(drop=True).astype({"n_words": "int64"})
    report = Rejections(
        pd.DataFrame(rejected, columns=REJECTED_COLUMNS).sort_values("path", kind="stable").reset_index(drop=True)
    )
    frame.attrs["rejected"] = report
    logger.info("%d articles loaded, %d input(s) rejected", len(frame), len(report))
    for path, reason in report.itertuples(index=False):
        logger.debug("rejected %s: %s", path, reason)
    if len(report) and errors == "raise":
        lines = "\n".join(f"  {p}: {r}" for p, r in report.itertuples(index=False))
        raise ArticleLoadError(f"{len(report)} input(s) could not be loaded:\n{lines}")
    if len(report) and errors == "warn":
        warnings.warn(
            f"{len(report)} input(s) not loaded (see articles.attrs['rejected']): "
            + "; ".join(f"{p}: {r}" for p, r in report.head(5).itertuples(index=False))
            + (" …" if len(report) > 5 else ""),
            stacklevel=2,
        )
    return frame



def _as_list(value, name: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    try:
        items = list(value)
    except TypeError:
        raise TypeError(f"{name} must be a string or a list of strings, not {type(value).__name__}") from None
    if not all(isinstance(v, str) for v in items):
        raise TypeError(f"{name} must be a string or a list of strings")
    return items


def _as_day(value, name: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValueError(f"{name} is not a date: {value!r}") from exc
    if day is pd.NaT:
        return None
    return day.tz_localize(None).normalize() if day.tzinfo else day.normalize()


def select(articles: pd.DataFrame, since=None, until=None, sources=None, keywords=None) -> pd.DataFrame:
    """The articles published from ``since`` to ``until`` (both days inclusive), from any of
    ``sources`` (outlet names, case-insensitive), naming any of ``keywords`` (case-insensitive,
    in title or text). Arguments left ``None`` do not filter; undated articles are dropped
    only when a date bound is given. ``attrs`` (the rejections) are kept.

    >>> select(articles, since="2026-02-01", keywords=["Geneva", "talks"])   # doctest: +SKIP
    """
    if not isinstance(articles, pd.DataFrame):
        raise TypeError(f"articles must be a DataFrame from load_articles, not {type(articles).__name__}")
    start, stop = _as_day(since, "since"), _as_day(until, "until")
    keep = pd.Series(True, index=articles.index)
    days = articles["date"].dt.normalize()
    if start is not None:
        keep &= days >= start
    if stop is not None:
        keep &= days <= stop
    names = _as_list(sources, "sources")
    if names is not None:
        wanted = {n.strip().casefold() for n in names}
        keep &= articles["source"].fillna("").str.strip().str.casefold().isin(wanted)
    words = _as_list(keywords, "keywords")
    if words:
        pattern = "|".join(re.escape(w) for w in words if w)
        if pattern:
            hay = articles["title"].fillna("") + "\n" + articles["text"].fillna("")
            keep &= hay.str.contains(pattern, case=False, regex=True)
    out = articles[keep.to_numpy()].reset_index(drop=True)
    out.attrs = dict(articles.attrs)
    return out
