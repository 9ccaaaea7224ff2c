"""Build the shipped PLOVER verb table ``lib/newsdesk/data/plover_verbs.csv``.

Run ``python benchmarks/build_plover_tables.py ../shared/eval/plover/resources``;
the CSV is committed so people can read and extend it without running this.

Sources: PETRARCH2's CAMEO 2.0 verb dictionary (verb synonym blocks with a
CAMEO code, phrase patterns refining it; MIT, (c) 2015 Open Event Data
Alliance) and the CAMEO->PLOVER table of the PLOVER manual draft 0.8
(CC BY-SA 4.0, Open Event Data Alliance). CAMEO 01 (public statements) has
no PLOVER type and is left out, which is what keeps "said" from being an
event; CAMEO 02 (appeals) is not in the 2021 table and goes to REQUEST as
the manual's definition of REQUEST ("ask, appeal, demand") says.

One row per verb lemma and pattern: ``pattern`` is empty for the verb's
default code, else the words that must follow the verb in its clause, in
order (``&weapon`` names a synonym set of ``plover_synsets.csv``);
prepositions in the pattern are matched as words too.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "lib" / "newsdesk" / "data"
OUT = DATA / "plover_verbs.csv"
NOTICE = [
    "# Derived from PETRARCH2 CAMEO.2.0 verb dictionary (MIT licence, (c) 2015 Open Event Data Alliance,",
    "# openeventdata/petrarch2 @ 676801cd) and CAMEO2PLOVER-2021 (PLOVER manual draft 0.8,",
    "# CC BY-SA 4.0, Open Event Data Alliance, openeventdata/PLOVER @ 5e0c24fb); this table is",
    "# shared under CC BY-SA 4.0. Built by benchmarks/build_plover_tables.py.",
]
#: Patterns longer than this are PETRARCH's noun-phrase leftovers, too specific to help.
MAX_PATTERN = 4
_CODE = re.compile(r"\[([^\]]*)\]")


def cameo_table(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, mode) from CAMEO2PLOVER."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        if ":" not in line or line.startswith("~"):
            continue
        code, rest = line.split(":", 1)
        fields = [f.strip() for f in rest.split(",")]
        if code.strip().isdigit() and fields[0].isupper():
            table[code.strip()] = (fields[0], fields[1] if len(fields) > 2 else "")
    return table


def plover(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The PLOVER type and mode of a CAMEO code (its longest listed prefix), None for statements."""
    if not code.isdigit() or code.startswith("01") or code == "0":
        return None
    if code.startswith("02"):
        return ("REQUEST", "")
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def _code(text: str) -> str | None:
    match = _CODE.search(text)
    if not match:
        return None
    parts = [p for p in match.group(1).split(":") if p.strip() and p.strip() != "---"]
    return parts[0].strip() if parts else None


def _word(token: str) -> str:
    return token.strip("+_").replace("_", " ").lower()


def read_synsets(path: Path) -> dict[str, list[str]]:
    """Synonym sets (``&weapon`` -> words) of the dictionary's first section."""
    synsets: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            current = synsets.setdefault(line.split()[0], [])
        elif line.startswith("+") and current is not None:
            current.append(_word(line.split()[0]))
    return synsets


def read_petrarch(path: Path):
    """Yield (lemma, pattern words, CAMEO code) from the verb pattern section."""
    lines = path.read_text(encoding="latin-1").splitlines()
    synsets = read_synsets(path)
    section = lines.index(next(ln for ln in lines if ln.startswith("####### VERB PATTERNS")))
    block_code, verbs = None, []
    for raw in lines[section:]:
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("######"):
            break
        if line.startswith("---"):
            block_code, verbs = _code(line), []
        elif line.startswith("-"):
            body = line[1:].split("[", 1)[0]
            code = _code(line)
            words = body.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ").split()
            if "*" not in words or words.index("*") != 0 or code is None:
                continue  # subject-side patterns need the source's type; left out
            pattern = []
            for w in words[1:]:
                if w in {"$", "+", "%", "^"} or w.startswith("%"):
                    continue
                if w.startswith("&"):
                    if w in synsets:
                        pattern.append(w.lower().rstrip("_"))
                else:
                    pattern.append(_word(w))
            if pattern and len(pattern) <= MAX_PATTERN:
                for verb in verbs:
                    yield verb, pattern, code
        elif line.strip() and not line.startswith(" "):
            first = line.split()[0]
            if first.startswith("&") or first.startswith("{"):
                continue
            verb = _word(first)
            verbs.append(verb)
            code = _code(line) or block_code
            if code:
                yield verb, [], code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("resources", type=Path, help="folder with petrarch2_CAMEO.2.0_verbs.txt and CAMEO2PLOVER")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    table = cameo_table(args.resources / "CAMEO2PLOVER-2021.txt")
    rows = {}
    for verb, pattern, code in read_petrarch(args.resources / "petrarch2_CAMEO.2.0_verbs.txt"):
        coded = plover(code, table)
        if coded is None or not verb or not verb.replace(" ", "").replace("-", "").isalpha():
            continue
        key = (verb, " ".join(pattern))
        if any("," in part or '"' in part for part in key):
            continue  # events.EventCoder reads the table with a plain split
        rows.setdefault(key, (code, *coded))
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(NOTICE) + "\n")
        writer = csv.writer(fh)
        writer.writerow(["verb", "pattern", "cameo", "event_type", "mode"])
        for (verb, pattern), (code, event_type, mode) in sorted(rows.items()):
            writer.writerow([verb, pattern, code, event_type, mode])
    used = {w for _, pattern in rows for w in pattern.split() if w.startswith("&")}
    synsets = read_synsets(args.resources / "petrarch2_CAMEO.2.0_verbs.txt")
    with (args.out.parent / "plover_synsets.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(NOTICE) + "\n")
        writer = csv.writer(fh)
        writer.writerow(["set", "word"])
        for name in sorted(used):
            for word in sorted(set(synsets[name.upper()] if name.upper() in synsets else synsets[name.upper() + "_"])):
                writer.writerow([name, word])
    print(f"{len(rows)} rows, {len({v for v, _ in rows})} verbs -> {args.out}")


if __name__ == "__main__":
    main()
