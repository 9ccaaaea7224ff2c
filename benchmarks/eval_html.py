"""Score the HTML loader on web pages with text that must and must not be extracted.

Usage::

    python benchmarks/eval_html.py PATH [--pages N] [--seed S] [--write DIR] [--baseline OLD_ARTICLES_PY]

PATH is either

- a folder of pages with an ``eval.json`` beside them, shaped like
  trafilatura's benchmark: ``{key: {"file": "a.html", "with": [...],
  "without": [...], "date": "YYYY-MM-DD" or null}}``; or
- a Wikinews JSON Lines file (``../shared/corpus/wikinews/wikinews_articles.jsonl``,
  CC BY 2.5): pages are then written into a temporary folder (or ``--write
  DIR``) from the articles, in ten site templates: news sites with
  navigation, cookie banners, teaser ``<article>`` lists before the story,
  related links, newsletter forms and footers; blogs with comment sections;
  wire pages built of ``<div>``/``<br>``; non-UTF-8 pages declaring their
  charset; dates in meta tags, JSON-LD (``@graph`` too), ``<time>`` tags,
  day-first ``dd.mm.yyyy`` bylines, and a different ``<time>`` in the
  navigation; standfirsts in the article header, "Read more" boxes and
  ads inside the story, short briefs beside long "Most read" lists. Each page lists text fragments of the story (must be in the
  text) and of the boilerplate (must not).

Scores as trafilatura's ``tests/eval_common.py`` counts them: a "with"
fragment found is a true positive, missed a false negative; a "without"
fragment found is a false positive. A rejected page misses all its "with"
fragments. Date accuracy: the loader's date (day) equals the page's
publication date. ``--baseline`` scores another ``articles.py`` (e.g. the
old loader: ``git show main:lib/newsdesk/articles.py > /tmp/old.py``) in the
same run.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import random
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

import newsdesk.articles as current

NAV = ["Home", "World", "Politics", "Business", "Science", "Sport", "Opinion", "Culture", "Weather", "Video"]
COOKIE = ("We use cookies to personalise content and ads and to analyse our traffic. "
          "By continuing to browse you agree to our use of cookies.")
NEWSLETTER = "Sign up for our morning briefing and get the top stories delivered to your inbox every day."
FOOTER = "All rights reserved. Reproduction without written permission is prohibited."
COMMENTS = [
    "Great article, thanks for sharing this with us!",
    "I completely disagree with the premise here, the numbers tell a different story.",
    "Does anyone know where I can read the full statement from the ministry?",
    "This is exactly what we have been saying for years and nobody listened.",
    "Typical media spin, as usual the real facts are buried somewhere else.",
    "Thanks for the balanced coverage, more of this please.",
    "My brother lives there and says the situation is much worse than reported.",
    "Who is going to pay for all of this in the end? The taxpayers, of course.",
]
SHARE = "Share this article on Facebook Twitter Email Print"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


# --------------------------------------------------------------------------- page set from Wikinews


def paragraphs(text: str, rng: random.Random) -> list[str]:
    sentences = [s for s in SENTENCE.split(text) if s.strip()]
    out, i = [], 0
    while i < len(sentences):
        n = rng.randint(2, 4)
        out.append(" ".join(sentences[i:i + n]))
        i += n
    return out


def fragment(paragraph: str, rng: random.Random) -> str:
    words = paragraph.split()
    n = min(len(words), rng.randint(7, 12))
    start = rng.randint(0, len(words) - n)
    return " ".join(words[start:start + n])


def inline_links(paragraph: str, rng: random.Random) -> str:
    """The paragraph as HTML, a few capitalised words wrapped in links or emphasis."""
    out = []
    for word in paragraph.split(" "):
        m = re.match(r"^([A-Z][a-z]{3,})(.*)$", word)
        if m and rng.random() < 0.15:
            tag = rng.choice(["a", "a", "strong", "em"])
            attr = f' href="/topic/{m.group(1).lower()}"' if tag == "a" else ""
            out.append(f"<{tag}{attr}>{html.escape(m.group(1))}</{tag}>{html.escape(m.group(2))}")
        else:
            out.append(html.escape(word))
    return " ".join(out)


def body_html(paras: list[str], rng: random.Random, style: str = "p") -> str:
    if style == "br":
        return "<br><br>\n".join(inline_links(p, rng) for p in paras)
    if style == "div":
        return "\n".join(f'<div class="para">{inline_links(p, rng)}</div>' for p in paras)
    return "\n".join(f"<p>{inline_links(p, rng)}</p>" for p in paras)


def nav_html(rng: random.Random, nav_date: pd.Timestamp | None = None) -> str:
    items = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in rng.sample(NAV, 7))
    when = (f'<time datetime="{nav_date:%Y-%m-%d}">{nav_date:%A, %d %B %Y}</time>' if nav_date is not None else "")
    return f'<header><div class="top">{when}</div><nav><ul>{items}</ul></nav></header>'


def make_page(article: dict, others: list[dict], kind: int, rng: random.Random) -> tuple[bytes, dict]:
    date = pd.Timestamp(article["date"])
    nav_date = date + pd.Timedelta(days=rng.randint(200, 3000))
    paras = paragraphs(article["text"], rng)
    title = html.escape(article["title"])
    related = [o["title"] for o in others[:4]]
    teasers = [(o["title"], paragraphs(o["text"], rng)[0]) for o in others[4:7]]
    comments = rng.sample(COMMENTS, 3)
    url = "https://example.org/" + re.sub(r"\W+", "-", article["title"].lower()).strip("-")
    related_html = "<aside><h3>Related stories</h3><ul>" + "".join(
        f'<li><a href="/r/{i}">{html.escape(t)}</a></li>' for i, t in enumerate(related)) + "</ul></aside>"
    footer = f'<footer><p>&copy; {date.year} Example Media. {FOOTER}</p><a href="/privacy">Privacy</a></footer>'
    without = [rng.choice(related), FOOTER]
    encoding, charset_tag = "utf-8", '<meta charset="utf-8">'
    head_meta = ""
    if kind == 0:  # news site: meta date, cookie banner, nav <time>, related links
        head_meta = (f'<meta property="og:title" content="{title}"><meta property="og:site_name" content="Example News">'
                     f'<meta property="article:published_time" content="{date:%Y-%m-%d}T08:30:00+00:00">')
        page_body = (f'{nav_html(rng, nav_date)}<div id="cookie-banner" class="cookie-consent"><p>{COOKIE}</p>'
                     f'<button>Accept</button></div><main><article><h1>{title}</h1>'
                     f'<p class="byline">By Staff Reporter</p>{body_html(paras, rng)}'
                     f'<div class="share">{SHARE}</div></article>{related_html}</main>{footer}')
        without += [COOKIE]
    elif kind == 1:  # teaser <article>s before the story, date only in JSON-LD @graph
        graph = {"@context": "https://schema.org", "@graph": [
            {"@type": "WebSite", "name": "Daily Example", "url": "https://example.org/"},
            {"@type": "NewsArticle", "headline": article["title"], "datePublished": f"{date:%Y-%m-%d}T10:00:00+01:00",
             "author": {"@type": "Person", "name": "Jane Doe"}}]}
        head_meta = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
        teaser_html = "".join(
            f'<article class="teaser"><h2><a href="/t/{i}">{html.escape(t)}</a></h2><p>{html.escape(p[:160])}</p></article>'
            for i, (t, p) in enumerate(teasers))
        page_body = (f'{nav_html(rng, nav_date)}<section class="top-stories"><h2>Top stories</h2>{teaser_html}</section>'
                     f'<article class="story"><h1>{title}</h1>{body_html(paras, rng)}</article>{related_html}{footer}')
        without += [fragment(teasers[0][1][:160], rng)]
    elif kind == 2:  # blog, day-first date in the byline, comment section
        comment_html = "".join(
            f'<li class="comment"><div class="comment-author">reader{i}</div><div class="comment-body"><p>{c}</p></div></li>'
            for i, c in enumerate(comments))
        page_body = (f'<div id="site"><div class="blog-title">Notes from the Newsroom</div>{nav_html(rng)}'
                     f'<div class="post"><h1 class="entry-title">{title}</h1>'
                     f'<div class="entry-meta">Posted on {date:%d.%m.%Y} by admin</div>'
                     f'<div class="entry-content">{body_html(paras, rng)}</div></div>'
                     f'<div id="comments"><h3>3 Comments</h3><ol class="comment-list">{comment_html}</ol>'
                     f'<form id="respond"><textarea></textarea><button>Post Comment</button></form></div>'
                     f'<div class="sidebar"><h3>Recent posts</h3><ul>'
                     + "".join(f"<li>{html.escape(t)}</li>" for t in related) + f'</ul></div></div>{footer}')
        without += [comments[0], comments[2]]
    elif kind == 3:  # non-UTF-8 page, charset in a meta tag, <time> in the article
        encoding = rng.choice(["windows-1252", "iso-8859-1", "iso-8859-15"])
        charset_tag = rng.choice([f'<meta charset="{encoding}">',
                                  f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">'])
        paras = [p.replace("'", "\u2019") if encoding == "windows-1252" else p for p in paras]
        page_body = (f'{nav_html(rng, nav_date)}<div class="content"><article><header><h1>{title}</h1>'
                     f'<time datetime="{date:%Y-%m-%d}" pubdate>{date:%d %B %Y}</time></header>'
                     f'{body_html(paras, rng)}</article><div class="newsletter"><p>{NEWSLETTER}</p>'
                     f'<form><input type="email"><button>Subscribe</button></form></div></div>{footer}')
        without += [NEWSLETTER]
    elif kind == 4:  # wire page of <div>s and <br>s, dc.date meta
        head_meta = f'<meta name="dc.date" content="{date:%Y-%m-%d}"><meta name="author" content="Wire Desk">'
        page_body = (f'{nav_html(rng, nav_date)}<div class="wrapper"><div class="headline">{title}</div>'
                     f'<div class="story-body">{body_html(paras, rng, rng.choice(["div", "br"]))}</div>'
                     f'<div class="more"><b>More from the wire:</b> '
                     + " | ".join(f'<a href="/w/{i}">{html.escape(t)}</a>' for i, t in enumerate(related))
                     + f'</div></div>{footer}')
    elif kind == 5:  # comments as <article>s after the story (Disqus-like), written date in the byline
        comment_html = "".join(
            f'<article class="comment"><p class="who">user_{i}</p><p>{c}</p></article>' for i, c in enumerate(comments))
        page_body = (f'{nav_html(rng, nav_date)}<main><article class="post"><h1>{title}</h1>'
                     f'<p class="dateline">Published {date:%B %d, %Y}</p>{body_html(paras, rng)}</article>'
                     f'<section class="comments"><h2>Reader comments</h2>{comment_html}</section>'
                     f'{related_html}</main>{footer}')
        without += [comments[1]]
    elif kind == 6:  # magazine: subheadings, a pull quote figure, date in itemprop
        mid = len(paras) // 2
        sub = f"<h2>{html.escape(' '.join(paras[mid].split()[:5]))}</h2>" if len(paras) > 2 else ""
        page_body = (f'{nav_html(rng, nav_date)}<div class="layout"><div class="article" itemscope '
                     f'itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">{title}</h1>'
                     f'<meta itemprop="datePublished" content="{date:%Y-%m-%d}">'
                     f'<div itemprop="articleBody">{body_html(paras[:mid], rng)}{sub}{body_html(paras[mid:], rng)}</div>'
                     f'</div><div class="promo"><p>{NEWSLETTER}</p></div>{related_html}</div>{footer}')
        without += [NEWSLETTER]
    elif kind == 8:  # standfirst in the article's <header>, "Read more" boxes and ads inside the body
        lead, rest = paras[0], paras[1:] or paras
        boxes = [f'<div class="read-more"><span>Read more:</span> <a href="/rm/{i}">{html.escape(t)}</a></div>'
                 for i, t in enumerate(related[:2])]
        body = [f"<p>{inline_links(p, rng)}</p>" for p in rest]
        for k, box in enumerate(boxes):
            body.insert(min(len(body), 1 + 2 * k), box)
        body.insert(min(len(body), 2), '<div class="ad"><span>Advertisement</span></div>')
        head_meta = f'<meta property="article:published_time" content="{date:%Y-%m-%d}T06:15:00-05:00">'
        page_body = (f'{nav_html(rng, nav_date)}<article><header><h1>{title}</h1><p class="standfirst">'
                     f'{inline_links(lead, rng)}</p><noscript>Please enable JavaScript to view the video.</noscript>'
                     f'</header>{"".join(body)}</article>{footer}')
        paras = [lead, *rest]
        without += ["Please enable JavaScript to view the video."]
    elif kind == 9:  # a short brief under a long "Most read" list
        paras = paras[:2]
        most_read = "".join(f'<li><a href="/m/{i}">{html.escape(o["title"])}</a></li>' for i, o in enumerate(others))
        head_meta = f'<meta name="date" content="{date:%Y-%m-%d}">'
        page_body = (f'{nav_html(rng, nav_date)}<div class="col-main"><h1>{title}</h1>{body_html(paras, rng)}</div>'
                     f'<div class="col-side"><h3>Most read</h3><ol>{most_read}</ol><p>{NEWSLETTER}</p></div>{footer}')
        without += [others[-1]["title"], NEWSLETTER]
    else:  # 7: regional paper: JSON-LD list, day-first date only, cookie banner at the end of body
        ld = [{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []},
              {"@type": "NewsArticle", "headline": article["title"], "datePublished": f"{date:%Y-%m-%dT%H:%M:%S}"}]
        head_meta = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        page_body = (f'{nav_html(rng, nav_date)}<div id="main"><h1>{title}</h1>'
                     f'<span class="date">{date:%d.%m.%Y}</span>{body_html(paras, rng)}'
                     f'{related_html}</div>{footer}<div class="cookie-notice"><p>{COOKIE}</p></div>')
        without += [COOKIE]
    with_ = [fragment(p, rng) for p in ([paras[0], paras[len(paras) // 2], paras[-1]] if len(paras) > 2 else paras)]
    page = (f"<!DOCTYPE html><html><head>{charset_tag}<title>{title} | Example</title>"
            f'<link rel="canonical" href="{url}">{head_meta}<script>window.dataLayer=[];</script>'
            f"<style>body{{font-family:serif}}</style></head><body>{page_body}</body></html>")
    item = {"with": list(dict.fromkeys(with_)), "without": list(dict.fromkeys(without)), "date": f"{date:%Y-%m-%d}",
            "kind": kind}
    return page.encode(encoding, errors="xmlcharrefreplace"), item


def write_pages(jsonl: Path, folder: Path, n: int, seed: int = 17) -> dict:
    rows = [json.loads(line) for line in jsonl.open(encoding="utf-8")]
    rows = [r for r in rows if len(r["text"]) >= 600 and "''" not in r["text"]]
    rng = random.Random(seed)
    picked = rng.sample(range(len(rows)), n)
    evaldata = {}
    for i, idx in enumerate(picked):
        others = [rows[j] for j in rng.sample(range(len(rows)), 8) if j != idx]
        page, item = make_page(rows[idx], others, i % 10, rng)
        name = f"{i:04d}.html"
        (folder / name).write_bytes(page)
        evaldata[rows[idx]["url"]] = {"file": name, **item}
    (folder / "eval.json").write_text(json.dumps(evaldata, indent=1, ensure_ascii=False), encoding="utf-8")
    return evaldata


# --------------------------------------------------------------------------- scoring


def norm(text: str) -> str:
    return " ".join(text.split())


def count(item: dict, text: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page, as trafilatura's eval_common counts them."""
    if not isinstance(text, str):
        return 0, 0, len(item["with"]), len(item["without"])
    text = norm(text)
    tp = sum(norm(f) in text for f in item["with"])
    fp = sum(norm(f) in text for f in item["without"])
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def load_module(path: Path):
    spec = importlib.util.spec_from_file_location("baseline_articles", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(module, folder: Path, evaldata: dict) -> dict:
    tp = fp = fn = tn = dates_right = dated = rejected = 0
    by_kind: dict = {}
    start = time.perf_counter()
    for item in evaldata.values():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = module.load_articles(folder / item["file"], errors="ignore")
        text = frame["text"].iloc[0] if len(frame) else None
        rejected += text is None
        counts = count(item, text)
        tp, fp, fn, tn = tp + counts[0], fp + counts[1], fn + counts[2], tn + counts[3]
        kind = by_kind.setdefault(item.get("kind", "-"), [0, 0, 0, 0])
        for k in range(4):
            kind[k] += counts[k]
        if item.get("date"):
            dated += 1
            got = frame["date"].iloc[0] if len(frame) else pd.NaT
            dates_right += bool(pd.notna(got) and got.normalize() == pd.Timestamp(item["date"]))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    kinds = {k: (2 * v[0] / (2 * v[0] + v[1] + v[2]) if v[0] else 0.0) for k, v in sorted(by_kind.items())}
    return {"precision": precision, "recall": recall, "f1": f1, "date_accuracy": dates_right / dated if dated else 0.0,
            "dated": dated, "rejected": rejected, "seconds": time.perf_counter() - start, "f1_by_kind": kinds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="folder with eval.json, or a Wikinews .jsonl to build pages from")
    parser.add_argument("--pages", type=int, default=400, help="pages to build from a .jsonl (default 400)")
    parser.add_argument("--seed", type=int, default=17, help="random seed of the built page set (default 17)")
    parser.add_argument("--write", type=Path, help="keep the built pages in this folder (created)")
    parser.add_argument("--baseline", type=Path, help="another articles.py to score in the same run")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.path.is_dir():
            folder = args.path
            evaldata = json.loads((folder / "eval.json").read_text(encoding="utf-8"))
        else:
            folder = args.write or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            evaldata = write_pages(args.path, folder, args.pages, args.seed)
        loaders = {"newsdesk (this checkout)": current}
        if args.baseline:
            loaders = {f"baseline ({args.baseline.name})": load_module(args.baseline), **loaders}
        results = {name: score(module, folder, evaldata) for name, module in loaders.items()}
    print(f"{len(evaldata)} pages, {sum(len(i['with']) for i in evaldata.values())} must-include and "
          f"{sum(len(i['without']) for i in evaldata.values())} must-not-include fragments\n")
    print(f"{'loader':32} {'P':>6} {'R':>6} {'F1':>6} {'dates':>7} {'rejected':>9} {'s/page':>7}")
    for name, r in results.items():
        print(f"{name:32} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['date_accuracy']:7.3f} "
              f"{r['rejected']:9d} {r['seconds'] / len(evaldata):7.3f}")
    print("\nF1 by page template: " + "; ".join(
        f"{name.split()[0]}: " + " ".join(f"{k}={v:.2f}" for k, v in r["f1_by_kind"].items())
        for name, r in results.items()))
    last = results["newsdesk (this checkout)"]
    print(f"\nSUMMARY html: F1 {last['f1']:.3f} (P {last['precision']:.3f}, R {last['recall']:.3f}), "
          f"dates {last['date_accuracy']:.3f} of {last['dated']}, {last['rejected']} rejected, {len(evaldata)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
