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
story_id     str             the same story in several outlets (90% of the
                             shorter text's word 3-shingles in the other): the
                             ``article_id`` of its earliest article; an
                             article's own id when it stands alone
===========  ==============  ====================================================

Every character offset anywhere in newsdesk refers to ``text``. Files that
cannot be used are never lost silently: they are listed with their reason in
``articles.attrs["rejected"]`` (``path``, ``reason``).
"""

from __future__ import annotations

import csv
import functools
import glob
import hashlib
import html
import io
import json
import logging
import os
import re
import unicodedata
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
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
#: File names (without suffix) that describe a folder of articles rather than being one.
FOLDER_NOTES = {"README", "ATTRIBUTION", "LICENSE", "LICENCE"}
#: A single document larger than this is rejected rather than read (a news article is < 1 MB).
MAX_DOCUMENT_BYTES = 20_000_000
#: Record files (JSONL, CSV) are read row by row up to this size.
MAX_RECORDS_BYTES = 2_000_000_000
#: Deepest nesting of a JSON document or line (an article is a few levels deep; Python's parser
#: recurses once per level and gives up near 1,000).
MAX_JSON_DEPTH = 100
#: YAML front matter: its size, the aliases it may use and the values it may expand to.
MAX_FRONT_MATTER_CHARS = 65_536
MAX_YAML_ALIASES = 100
MAX_YAML_NODES = 10_000

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET_STEPS = np.zeros(256, dtype=np.int8)  # byte -> change of nesting depth
_BRACKET_STEPS[[ord("["), ord("{")]] = 1
_BRACKET_STEPS[[ord("]"), ord("}")]] = -1

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
            meta = _front_matter(stripped[4:end])
            if isinstance(meta, dict):
                body = stripped[end + 4:].split("\n", 1)
                return {str(k).lower(): v for k, v in meta.items()}, body[1] if len(body) > 1 else ""
    head, sep, body = stripped.partition("\n\n")
    lines = head.split("\n")
    matches = [_HEADER_LINE.match(line) for line in lines]
    if sep and all(matches) and any(m.group(1).strip().lower() in _HEADER_KEYS for m in matches):
        return {m.group(1).strip().lower(): m.group(2).strip() for m in matches}, body
    return {}, text


def _front_matter(text: str):
    """The YAML front matter as Python objects, None when it is not YAML; raises Rejected when it is
    too large or its aliases expand beyond :data:`MAX_YAML_NODES` nodes (an alias bomb)."""
    import yaml

    if len(text) > MAX_FRONT_MATTER_CHARS:
        raise Rejected(f"YAML front matter too large ({len(text):,} characters; the limit is "
                       f"{MAX_FRONT_MATTER_CHARS:,})")
    loader = _bounded_yaml_loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        nodes = _yaml_nodes(node, {})
        if nodes > MAX_YAML_NODES:
            raise Rejected(f"YAML front matter expands to {nodes:,} values through aliases "
                           f"(the limit is {MAX_YAML_NODES:,}); not read")
        return loader.construct_document(node) or {}
    except RecursionError:
        raise Rejected("YAML front matter nested too deeply; not read") from None
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


@functools.cache
def _bounded_yaml_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """A safe loader that refuses documents with more than a few aliases, before composing them."""

        aliases = 0

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_YAML_ALIASES:
                    raise Rejected(f"YAML front matter uses more than {MAX_YAML_ALIASES} aliases; not read")
            return super().compose_node(parent, index)

    return Loader


def _yaml_nodes(node, seen: dict) -> int:
    """Values ``node`` stands for once every alias is expanded (shared nodes counted per use)."""
    key = id(node)
    if key not in seen:
        seen[key] = 1  # a recursive alias counts once instead of forever
        value = node.value
        if isinstance(value, list):
            children = [c for pair in value for c in (pair if isinstance(pair, tuple) else (pair,))]
            seen[key] = 1 + sum(_yaml_nodes(c, seen) for c in children)
    return seen[key]


def _json_depth(text: str) -> int:
    """Deepest nesting of arrays and objects in JSON ``text`` (brackets inside strings ignored),
    counted with numpy so that no parser recurses first."""
    bare = _JSON_STRING.sub('""', text).encode("utf-8")
    steps = _BRACKET_STEPS[np.frombuffer(bare, dtype=np.uint8)]
    return int(np.cumsum(steps, dtype=np.int32).max()) if len(steps) else 0


def _load_json(text: str):
    """``json.loads`` after checking the nesting depth; raises Rejected when too deep."""
    depth = _json_depth(text) if text.count("[") + text.count("{") > MAX_JSON_DEPTH else 0
    if depth > MAX_JSON_DEPTH:
        raise Rejected(f"JSON nested {depth:,} levels deep (the limit is {MAX_JSON_DEPTH}); not read")
    return json.loads(text)


def _read_json_file(path: Path) -> Iterator[Record]:
    text, note = _decode(_read_bytes(path, MAX_DOCUMENT_BYTES))
    try:
        data = _load_json(text)
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
                item = _load_json(line)
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
    text, note = _decode_html(_read_bytes(path, MAX_DOCUMENT_BYTES))
    record = html_to_record(text)
    if not record["text"]:
        raise Rejected("no main text in the page (only navigation, boilerplate or scripts)")
    blocks = record["text"].split("\n\n")
    if len(record["text"].split()) < _NOTICE_WORDS and _NOTICE.search(record["text"]):
        raise Rejected(f"not an article: the page only holds a notice ({_clip(record['text'])})")
    if len(blocks) >= 4 and max(len(b.split()) for b in blocks) < 8:
        raise Rejected(f"not an article: only short items, as on an index page ({_clip(blocks[0])} …)")
    yield {**record, "_note": note}


#: Error pages, cookie and consent walls, paywalls: short texts about the page, not news.
_NOTICE = re.compile(
    r"\b(?:page (?:was |could )?not (?:be )?found|(?:error )?404 (?:error|not found)|error 404|"
    r"(?:this|the) page (?:you|does not|doesn't|is no longer|no longer)|access denied|"
    r"(?:we|partners|site|website) uses? cookies|(?:accept|reject|allow) (?:all )?cookies|"
    r"cookie (?:policy|settings|preferences)|manage (?:your )?(?:consent|preferences|cookies)|"
    r"enable javascript|subscribe (?:to continue|to read|now to)|already a subscriber|"
    r"sign in to (?:continue|read))", re.IGNORECASE)
_NOTICE_WORDS = 60


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> tuple[str, str]:
    """(text, note): the page decoded by its ``<meta charset>`` when the bytes are not UTF-8."""
    import codecs

    text, note = _decode(data)  # checks for empty or binary files; UTF-8 else cp1252
    found = _META_CHARSET.search(data[:8192])
    if not found or data.startswith(codecs.BOM_UTF8):
        return text, note
    label = found.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return text, "; ".join(n for n in (note, f"unknown charset {label!r} in <meta>") if n)
    if codec == "utf-8" or not note:
        # Bytes that are valid UTF-8 are UTF-8 whatever the page says (pure ASCII reads alike).
        return text, note
    if codec in {"latin-1", "iso8859-1", "ascii"}:
        codec = "cp1252"  # browsers read these labels as windows-1252 (WHATWG Encoding)
    try:
        return data.decode(codec), ""
    except UnicodeDecodeError:
        return text, f"{note} (the page declares {label}, which does not decode it)"


def html_to_record(html: str) -> dict:
    """Main text, title, date, author, site name (``source``) and canonical URL of a web page.

    trafilatura finds the main text (navigation, teasers, related links, comments
    and other boilerplate dropped) and htmldate the publication date (the
    article's own date before navigation dates; JSON-LD ``@graph``; day-first
    ``dd.mm.yyyy``). Nothing is fetched. Text blocks become paragraphs; ``text``
    is "" when the page has no main text.
    """
    import trafilatura

    options = {"with_metadata": True, "include_comments": False, "include_tables": True,
               "date_extraction_params": _DATE_OPTIONS}
    doc = trafilatura.bare_extraction(html, config=_trafilatura_config(), **options)
    if doc is None or not (doc.text or "").strip():
        # Text in one bare <div> can escape the main extractor: try its fallbacks, but take
        # what they find only when it holds a paragraph of prose, not just menu entries.
        fallback = trafilatura.bare_extraction(html, **options)
        if fallback is not None and any(len(line.split()) >= _MIN_PROSE_WORDS
                                        for line in (fallback.text or "").split("\n")):
            doc = fallback
    if doc is None:
        return {"title": None, "date": _declared_date(html), "author": None, "url": None, "text": "", "source": None}
    date = doc.date or _date_in_text(html)
    if date and date.endswith("T00:00:00"):
        date = date[:10]  # htmldate gives midnight when the page has only a day
    declared = _declared_date(html)
    if declared and parse_date(declared)[1].startswith("impossible"):
        date = declared  # htmldate would guess around it; say what the page got wrong instead
    blocks = [line.strip() for line in (doc.text or "").split("\n") if line.strip()]
    if blocks and doc.title and " ".join(blocks[0].split()) == " ".join(doc.title.split()):
        blocks = blocks[1:]  # the headline is the title column, not the first paragraph
    return {
        "title": doc.title, "date": date or declared, "author": _as_written(doc.author, html), "url": doc.url,
        "source": doc.sitename, "text": "\n\n".join(blocks),
    }


_DATE_OPTIONS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S"}


def _date_in_text(html: str) -> str | None:
    """A date written in the page's text, when its markup gives none (htmldate's extensive search).

    A bare year (htmldate's last resort, from a copyright line) is not a publication date.
    """
    import lxml.html
    from htmldate import find_date

    try:
        tree = lxml.html.fromstring(html)  # a tree, never a string: htmldate fetches a string that is a URL
        date = find_date(tree, **{**_DATE_OPTIONS, "extensive_search": True})
    except (ValueError, TypeError, lxml.etree.ParserError):
        return None
    return None if not date or date.endswith("-01-01T00:00:00") else date


#: A page's text must have a block this long to be taken from trafilatura's fallback extractors.
_MIN_PROSE_WORDS = 15


@functools.cache
def _trafilatura_config():
    from trafilatura.settings import use_config

    config = use_config()
    # By default a text under 250 characters sends trafilatura to its fallback extractors,
    # which bring the navigation back into a short news brief; they are tried only when
    # the main extractor finds nothing.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "0")
    return config


def _as_written(author: str | None, html: str) -> str | None:
    """The author as the page writes it: trafilatura drops the dots of initials ("A. Writer")."""
    if not author:
        return author
    pattern = r"\.?\s+".join(re.escape(word) for word in author.split()) + r"\.?"
    found = re.search(pattern, html)
    return found.group(0) if found and found.group(0).replace(".", "").split() == author.split() else author


_DECLARED_DATE = re.compile(
    r"""(?:article:published_time|datePublished)["']?\s*(?:content\s*=|:)\s*["']([^"']{4,40})["']""")


def _declared_date(html: str) -> str | None:
    """The date in a page's ``article:published_time`` or JSON-LD ``datePublished``, as written.

    htmldate skips an impossible date ("2026-02-30") and may guess another;
    passed to :func:`parse_date` instead, it gives NaT with a note, as in every
    other format.
    """
    found = _DECLARED_DATE.search(html)
    return found.group(1) if found else None


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


_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#x[0-9A-Fa-f]{2,5});")


def _unescape_title(title: str | None) -> str | None:
    """A headline from a feed or export sometimes keeps HTML entities ("&quot;joint&quot;"):
    shown to a person, they are the characters they stand for."""
    if title and _ENTITY.search(title):
        return html.unescape(title)
    return title


def _unescape_entities(text: str) -> str:
    """Plain text exported from a wiki or CMS sometimes keeps HTML entities ("France &mdash; the
    report"): an analyst reads the characters they stand for, and so must the parse. Only complete
    entities (with their ';') are replaced, before normalising, so offsets point into the clean text."""
    if "&" in text and _ENTITY.search(text):
        return _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return text


def _row(record: Record, path: str) -> dict:
    """One articles-frame row from a raw record; raises Rejected when there is no text."""
    raw_text = _pick(record, "text")
    if isinstance(raw_text, list):
        raw_text = "\n\n".join(str(p) for p in raw_text)
    text = normalise_text(_unescape_entities(str(raw_text))) if raw_text is not None else ""
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
        "title": _unescape_title(_as_text(_pick(record, "title"))),
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


def _expand(source) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files named by ``source`` (a file, a folder (recursive), a glob, or a list of these),
    and the links inside folders that were not followed, with the reason."""
    if isinstance(source, (str, os.PathLike)):
        source = [source]
    kind = type(source).__name__
    try:
        source = list(source)
    except TypeError:
        source = None
    if source is None or not all(isinstance(s, (str, os.PathLike)) for s in source):
        raise TypeError("source must be a path, a glob, a list of these or a DataFrame, "
                        f"not {kind}")
    files: list[Path] = []
    rejected: list[tuple[str, str]] = []
    for item in source:
        text = os.fspath(item)
        path = Path(text)
        if any(ch in text for ch in "*?[") and not path.exists():
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise FileNotFoundError(f"no file matches {text!r}")
            files += [Path(m) for m in matches if Path(m).is_file() and not _hidden(Path(m))]
        elif path.is_dir():
            found, bad = _folder_files(path)
            files += found
            rejected += bad
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {text!r}")
    return files, rejected


def _folder_files(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files under ``folder`` (hidden ones skipped) and the rejected links.

    A link is followed only when it resolves inside ``folder``: one to ``/etc/passwd`` or a
    private folder elsewhere is not read. (``rglob`` itself never descends linked folders.)
    """
    root = folder.resolve()
    files, rejected = [], []
    for path in sorted(folder.rglob("*")):
        if _hidden(path.relative_to(folder)):
            continue
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # dangling, or a loop of links
            rejected.append((str(path), "broken link, not followed"))
            continue
        if not target.is_relative_to(root):  # the path itself or a folder on the way is a link
            rejected.append((str(path), f"link to {target}, outside {folder}; not followed"))
            continue
        if path.is_file():  # a link to a folder inside: its files are read where they are
            files.append(path)
    return files, rejected


def _hidden(path: Path) -> bool:
    """Hidden files, and a folder's own notes (README, ATTRIBUTION, LICENSE), which are not articles."""
    if path.stem.upper() in FOLDER_NOTES:
        return True
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
        record = {k: v for k, v in record.items() if k not in ("path", "article_id", "n_words", "story_id")}
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
    list), ``.jsonl``, ``.csv`` and ``.html`` (main text and metadata by trafilatura
    and htmldate; a page with no main text is rejected). ``story_id`` groups the
    copies of one story (:func:`mark_stories`).

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
        paths, rejected = _expand(source)
        for path in paths:
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
    frame = mark_stories(frame)
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


# --------------------------------------------------------------------------- near-duplicate stories

#: Two articles tell one story when this share of the shorter text's word shingles is in the other ...
STORY_SIMILARITY = 0.9
#: ... and the shorter has at least this share of the longer's shingles (a brief is not its follow-up).
STORY_MIN_LENGTH_RATIO = 0.4
#: Words per shingle: three keep a reworded sentence from outweighing the rest of a wire copy.
SHINGLE_WORDS = 3


#: MinHash permutations: enough to propose every pair above the least Jaccard similarity.
_PERMUTATIONS = 64
#: Odd 64-bit multipliers mixing a shingle's word hashes into one (wrapping arithmetic).
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9][:SHINGLE_WORDS], dtype=np.uint64)


def _shingle_sets(texts) -> list[np.ndarray]:
    """Per text, the sorted distinct 64-bit hashes of its word shingles (casefolded words)."""
    words = [re.findall(r"\w+", str(text).casefold()) for text in texts]
    codes, _ = pd.factorize(pd.Series([w for ws in words for w in ws], dtype=object))
    ids = codes.astype(np.uint64) + np.uint64(1)  # 0 pads a text shorter than a shingle
    sets, at = [], 0
    for ws in words:
        own, at = ids[at:at + len(ws)], at + len(ws)
        if not len(own):
            sets.append(np.empty(0, dtype=np.uint64))
            continue
        own = np.concatenate([own, np.zeros(max(0, SHINGLE_WORDS - len(own)), dtype=np.uint64)])
        n = len(own) - SHINGLE_WORDS + 1
        sets.append(np.unique(sum(own[k:k + n] * _MIX[k] for k in range(SHINGLE_WORDS))))
    return sets


def mark_stories(articles: pd.DataFrame, similarity: float = STORY_SIMILARITY) -> pd.DataFrame:
    """``articles`` with a ``story_id`` column: one id for the same story in several outlets.

    Two articles tell the same story when at least ``similarity`` of the shorter
    text's word 3-shingles are in the other and the shorter has at least 40% of
    the longer's shingles: a new headline, a reworded sentence, an outlet's
    dateline or a cut tail keep a wire copy in its story (this containment is
    never below the cosine similarity of the two shingle sets). Groups are
    joined transitively. ``story_id`` is the ``article_id`` of the group's
    earliest article (by date, then path); an article alone is its own story.
    Candidates come from MinHash LSH (datasketch), so the time grows about
    linearly with the number of articles; every pair is then checked exactly.

    >>> articles = mark_stories(articles)                      # doctest: +SKIP
    >>> articles.groupby("story_id").size()                    # doctest: +SKIP
    """
    from datasketch import MinHash, MinHashLSH

    out = articles.copy()
    if out.empty:
        out["story_id"] = pd.Series(dtype=object)
        return out
    keys = [c for c in ("date", "path") if c in out.columns]
    order = (out[keys].reset_index(drop=True).sort_values(keys, na_position="last", kind="stable").index.tolist()
             if keys else list(range(len(out))))
    rank = {pos: r for r, pos in enumerate(order)}
    sets = _shingle_sets(out["text"])
    # The least Jaccard similarity of a pair that passes: the shorter set r times the longer,
    # `similarity` of it shared. The LSH threshold sits well below it, weighted against misses.
    r = STORY_MIN_LENGTH_RATIO
    least_jaccard = similarity * r / (1 + r - similarity * r)
    lsh = MinHashLSH(threshold=max(0.05, least_jaccard - 0.15), num_perm=_PERMUTATIONS, weights=(0.2, 0.8))
    parent = list(range(len(out)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    template = MinHash(num_perm=_PERMUTATIONS, seed=1)
    for i in order:  # earliest first
        if not len(sets[i]):
            continue
        sketch = MinHash(num_perm=_PERMUTATIONS, hashfunc=int, permutations=template.permutations, scheme=template.scheme)
        sketch.update_batch(((sets[i] ^ (sets[i] >> np.uint64(32))) & np.uint64(0xFFFFFFFF)).tolist())
        for j in lsh.query(sketch):
            shorter, longer = sorted((len(sets[i]), len(sets[j])))
            if shorter < STORY_MIN_LENGTH_RATIO * longer:
                continue
            if np.intersect1d(sets[i], sets[j], assume_unique=True).size >= similarity * shorter:
                a, b = sorted((root(i), root(j)), key=rank.get)
                parent[b] = a  # the earlier root stays the root: a group's id is its earliest article
        lsh.insert(i, sketch)
    ids = out["article_id"].tolist()
    out["story_id"] = [ids[root(i)] for i in range(len(out))]
    return out



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


def article_names(articles: pd.DataFrame) -> pd.Series:
    """A readable name per article, indexed by ``article_id``: its title, else its file name
    (an article without a title, as the seed's inline-date format has none), else "(untitled)".
    Wherever a person reads which article a row comes from, this names it, never the hash id.
    """
    empty = pd.Series("", index=articles.index)
    names = articles["title"].fillna("").astype(str).str.strip() if "title" in articles else empty
    paths = articles["path"].fillna("").astype(str) if "path" in articles else empty
    files = paths.map(lambda p: Path(p.split(":")[0]).name if p else "")
    names = names.where(names != "", files).where(lambda s: s != "", "(untitled)")
    return pd.Series(names.to_numpy(), index=articles["article_id"].to_numpy(), name="title")


def with_titles(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its ``article_id`` column replaced by ``title`` (:func:`article_names`), for reading.

    >>> with_titles(corpus.sentences, corpus.articles).head()      # doctest: +SKIP
    """
    if "article_id" not in frame.columns:
        return frame
    names = article_names(articles)
    out = frame.copy()
    out.insert(out.columns.get_loc("article_id"), "title", out["article_id"].map(names))
    return out.drop(columns=[c for c in ("article_id",) if c in out.columns])
