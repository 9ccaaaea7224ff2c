"""Regenerate the demo corpus data/demo/ from the Wikinews JSONL (CC BY 2.5).

Picks the articles of a few running stories of July–December 2008 (the
Russia–Georgia war, the US presidential election, the financial crisis,
Pakistan after Musharraf, Thailand's political crisis, Zimbabwe's power-sharing talks)
by their titles, repairs the wiki-markup leftovers
that can be repaired (''italics'', ==headings==, category words before the
first sentence, "Russia n" split adjectives, empty "()" of lost links), skips
articles with tables, templates or lost link text, and writes one text file per
article with a header block plus ATTRIBUTION.md. The seed article in
data/demo/ is left as it is.

    python benchmarks/build_demo_corpus.py ../shared/corpus/wikinews/wikinews_articles.jsonl
"""

from __future__ import annotations

import argparse
import html
import json
import re
from pathlib import Path

SINCE, UNTIL = "2008-07-01", "2008-12-31"
#: Running stories, each a pattern on the title (case-sensitive, so "Dow" is not "down").
STORIES = {
    "Russia–Georgia war": r"Georgia|Ossetia|Abkhazia|Saakashvili|Russia|[Mm]issile defen[cs]e",
    "US presidential election": r"Obama|McCain|Palin|Biden|Lieberman|presidential race|National Convention"
                                r"|voters go to the polls|[Pp]residential candidates",
    "Financial crisis": r"Lehman|Merrill|[Bb]ail ?out|[Mm]arkets|Dow |[Cc]entral banks|recession|Kaupthing|Iceland"
                        r"|IMF|[Rr]escue plan|stimulus|Parex|economic crisis|deficit|[Ss]hares",
    "Pakistan after Musharraf": r"Pakistan|Musharraf|Zardari",
    "Thailand's political crisis": r"Thai|Thaksin|Bangkok",
    "Zimbabwe's power-sharing talks": r"Zimbabwe|Mugabe|Tsvangirai",
}
#: Interviews, listings and digests, not stories.
EXCLUDE = r"Dow Chemical|talks to Wikinews|CanadaVOTES|Wikinews Shorts|Nazi leader|[Tt]hird party|Nader"
#: Words Wikinews templates left before the first sentence.
PREFIXES = ["publish", "Internet", "USA", "Iran", "infobox", "2008 financial crisis", "Australian news", "2008 US Presidential Election", "Politics and conflicts", "Economy and business",
            "Crime and law", "Disasters and accidents", "Obituaries", "United States", "United Kingdom",
            "Pakistan", "Zimbabwe", "Thailand", "Russia", "Georgia", "Iceland", "Canada", "Japan", "Ukraine", "Hungary", "Latvia",
            "Spain", "Australia", "Poland", "Germany", "Afghanistan", "Iraq", "Syria", "India"]
_ANY_PREFIX = "|".join(re.escape(p) for p in PREFIXES)
_PREFIX = re.compile(rf"\A(?:(?:{_ANY_PREFIX})\s+)+(?=[A-Z0-9\"“])")
# "an" only before a consonant: "Zimbabwe an president" is split, "Iran an ally" is not
_SPLIT_ADJ = re.compile(r"\b([A-Z][a-z]+) (n|i|ns|ese|ian|ians|an(?= [b-df-hj-np-tv-z]))\b")
_HEADING = re.compile(r"\s*={2,}\s*([^=\n]{1,80}?)\s*={2,}\s*")
_ITALIC = re.compile(r"'{2,3}([^'\n]{1,200}?)'{2,3}")
_TRAILER = re.compile(r"\n\n(?:More images|External links|Market data|Gallery|See also|Related news|Sources)\n\n",
                      re.IGNORECASE)
#: What cannot be repaired: tables, templates, links, and lost link text ("the President of, said").
_DAMAGE = [re.compile(p) for p in (
    r"\{|\}|\[\[|\]\]|\|",
    r"\b(?:the|of|into|in|to|and|at|by|from|with|for|The)\s*[,.;:)]",
    r"\bThe (?:has|have|is|was|were|had|said)\b|\bthe's\b",
    r"\b(?:the|a) (?:the|a|of|and)\b",
    r"''|==|<\w+|\[http|Stock Market data",
)]


def clean(text: str) -> str:
    """The article text with repairable markup leftovers fixed; paragraphs at headings."""
    text = html.unescape(text).strip()
    text = _PREFIX.sub("", text)
    text = _ITALIC.sub(r"\1", text)
    text = re.sub(r"Question \w+: [^?]*\?\s*(?:</?br[^>]*>)?\s*", "", text)  # "Have your say" reader prompts
    text = re.sub(r"\s*</?br[^>]*>\s*", " ", text)
    text = _SPLIT_ADJ.sub(r"\1\2", text)
    text = re.sub(r"\s*\(\s*\)", "", text)
    text = _HEADING.sub(lambda m: f"\n\n{m.group(1).strip()}\n\n", text)
    text = _TRAILER.split(text, maxsplit=1)[0]  # galleries, link lists and market tables end an article
    text = re.sub(r"(?<=\w) +([,.;:])(?=\s)", r"\1", text)  # "Der Spiegel , said": a stripped link's space
    return re.sub(r"[ \t]+", " ", text).strip()


def damage(text: str) -> int:
    """How many unrepairable leftovers ``text`` still has."""
    return sum(len(p.findall(text)) for p in _DAMAGE)


def story_of(title: str) -> str | None:
    if re.search(EXCLUDE, title):
        return None
    return next((name for name, pattern in STORIES.items() if re.search(pattern, title)), None)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].rstrip("-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", type=Path, help="wikinews_articles.jsonl")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "demo")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.jsonl.open(encoding="utf-8")]
    picked, skipped = [], 0
    for row in sorted(rows, key=lambda r: (r["date"], r["title"])):
        if not SINCE <= row["date"] <= UNTIL:
            continue
        title = html.unescape(row["title"]).strip()
        story = story_of(title)
        if story is None:
            continue
        text = clean(row["text"])
        if damage(text) or len(text) < 600:
            skipped += 1
            continue
        picked.append((story, row["date"], title, row["url"], text))
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("2008-*.txt"):  # only the files this script writes
        old.unlink()
    for _story, date, title, url, text in picked:
        body = f"title: {title}\ndate: {date}\nsource: Wikinews\nurl: {url}\n\n{text}\n"
        (args.out / f"{date}_{slug(title)}.txt").write_text(body, encoding="utf-8")
    lines = ["# Demo corpus: attribution", "",
             "The articles named `2008-*.txt` in this folder are from English Wikinews "
             "(https://en.wikinews.org), by the Wikinews contributors, under the Creative Commons "
             "Attribution 2.5 licence (https://creativecommons.org/licenses/by/2.5/). They were changed: "
             "wiki-markup leftovers were removed and headings put on lines of their own "
             "(`benchmarks/build_demo_corpus.py` regenerates them). "
             "`000_9954074d4e36f3b7.txt` is newsdesk's seed article.", ""]
    for story in STORIES:
        items = [p for p in picked if p[0] == story]
        lines += [f"## {story} ({len(items)} articles)", ""]
        lines += [f"- {date}: [{title}]({url})" for _s, date, title, url, _t in items]
        lines.append("")
    (args.out / "ATTRIBUTION.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"{'story':<28} {'articles':>8}")
    for story in STORIES:
        print(f"{story:<28} {sum(p[0] == story for p in picked):>8}")
    print(f"{len(picked)} articles written to {args.out}, {skipped} skipped for markup damage or length")


if __name__ == "__main__":
    main()
