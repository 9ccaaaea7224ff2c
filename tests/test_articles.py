"""Loading every format, and every bad input ending up as a row or a rejection."""

import json
from pathlib import Path

import pandas as pd
import pytest

import newsdesk as nd
from newsdesk.articles import ArticleLoadError, normalise_text, parse_date

SEED = Path(__file__).parents[1] / "data" / "demo" / "000_9954074d4e36f3b7.txt"
BODY = "Officials met in Geneva on Tuesday.\n\nThey said talks would resume."


def load(tmp_path: Path, name: str, content, **kwargs) -> pd.DataFrame:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return nd.load_articles(path, errors=kwargs.pop("errors", "ignore"), **kwargs)


# --------------------------------------------------------------------------- the seed


def test_seed_header_gives_date_and_body():
    articles = nd.load_articles(SEED)
    row = articles.iloc[0]
    assert row["date"] == pd.Timestamp("2026-02-18")
    assert row["text"].startswith("Ukrainian and Russian delegations abruptly")
    assert "\n\nBreakthrough hopes low\n\n" in row["text"]
    assert articles["date"].dtype == "datetime64[ns]"


def test_article_id_is_stable_and_short():
    a, b = nd.load_articles(SEED), nd.load_articles(SEED)
    assert a["article_id"][0] == b["article_id"][0]
    assert len(a["article_id"][0]) == 12


# --------------------------------------------------------------------------- formats


def test_header_block(tmp_path):
    text = f"title: Talks end\ndate: 2026-02-18\nsource: Wire\nurl: https://example.org/a\nauthor: A. Writer\n\n{BODY}"
    row = load(tmp_path, "a.txt", text).iloc[0]
    assert (row["title"], row["source"], row["url"], row["author"]) == (
        "Talks end", "Wire", "https://example.org/a", "A. Writer")
    assert row["date"] == pd.Timestamp("2026-02-18")
    assert row["text"] == BODY


def test_yaml_front_matter(tmp_path):
    text = f"---\ntitle: Talks end\ndate: 2026-02-18T09:30:00+02:00\n---\n{BODY}"
    row = load(tmp_path, "a.md", text).iloc[0]
    assert row["title"] == "Talks end"
    assert row["date"] == pd.Timestamp("2026-02-18 09:30")  # local wall time kept
    assert row["text"] == BODY


def test_json_object_and_list(tmp_path):
    one = {"headline": "One", "published": "2026-02-18", "body": BODY, "section": "world"}
    row = load(tmp_path, "a.json", json.dumps(one)).iloc[0]
    assert (row["title"], row["date"]) == ("One", pd.Timestamp("2026-02-18"))
    assert json.loads(row["extra"]) == {"section": "world"}  # unknown fields kept aside
    many = [{"title": "A", "text": "First story."}, {"title": "B", "text": "Second story."}]
    assert load(tmp_path, "b.json", json.dumps(many))["title"].tolist() == ["A", "B"]


def test_jsonl_bad_line_rejects_only_that_line(tmp_path):
    lines = [json.dumps({"text": "First story.", "date": "2026-02-17"}), "{not json", json.dumps({"text": "Second story."})]
    articles = load(tmp_path, "a.jsonl", "\n".join(lines))
    assert len(articles) == 2
    rejected = articles.attrs["rejected"]
    assert rejected["path"].tolist() == [f"{tmp_path / 'a.jsonl'}:2"]
    assert "malformed JSON" in rejected["reason"][0]


def test_csv_rows_and_missing_text(tmp_path):
    articles = load(tmp_path, "a.csv", "title,date,content\nA,2026-02-18,First story.\nB,2026-02-18,\n")
    assert articles["title"].tolist() == ["A"]
    assert articles.attrs["rejected"]["reason"].tolist() == ["no text"]


def test_html_main_text_and_metadata(tmp_path):
    html = """<html><head><title>Site | Talks end</title>
    <meta property="article:published_time" content="2026-02-18T10:00:00Z">
    <meta name="author" content="A. Writer"><script>var x = 1;</script></head>
    <body><nav><a href="/">Home</a> Menu</nav><article><h1>Talks end</h1>
    <p>Officials met in Geneva on Tuesday.</p><p>They said talks would resume.</p></article>
    <footer>Copyright</footer></body></html>"""
    row = load(tmp_path, "a.html", html).iloc[0]
    assert row["title"] == "Talks end"
    assert row["author"] == "A. Writer"
    assert row["date"] == pd.Timestamp("2026-02-18 10:00")
    assert row["text"] == BODY


def test_dataframe_source():
    frame = pd.DataFrame({"text": ["First story.", "Second story."], "date": ["2026-02-18", None]})
    articles = nd.load_articles(frame)
    assert articles["n_words"].tolist() == [2, 2]
    assert articles["date"].isna().tolist() == [False, True]


def test_folder_glob_list_and_hidden_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("First story.")
    (tmp_path / "sub" / "b.txt").write_text("Second story.")
    (tmp_path / ".hidden.txt").write_text("Hidden story.")
    assert len(nd.load_articles(tmp_path)) == 2
    assert len(nd.load_articles(str(tmp_path / "**" / "*.txt"))) == 2
    assert len(nd.load_articles([tmp_path / "a.txt", tmp_path / "sub"])) == 2


def test_sorted_by_date_then_path(tmp_path):
    (tmp_path / "b.txt").write_text(" date 2026-02-17 Earlier story.")
    (tmp_path / "a.txt").write_text(" date 2026-02-18 Later story.")
    (tmp_path / "c.txt").write_text("Undated story.")
    assert [Path(p).name for p in nd.load_articles(tmp_path)["path"]] == ["b.txt", "a.txt", "c.txt"]


# --------------------------------------------------------------------------- text normalisation


@pytest.mark.parametrize("raw, expected", [
    ("One.\r\n\r\nTwo.", "One.\n\nTwo."),                         # CRLF
    ("One.\n\n\n\nTwo.", "One.\n\nTwo."),                         # extra blank lines
    ("A wrapped\nline.\n\nNext.", "A wrapped line.\n\nNext."),    # hard wrap joined
    ("One line.\nAnother line.", "One line.\n\nAnother line."),   # one paragraph per line
    ("Cafe\u0301 talks.", "Caf\u00e9 talks."),                     # NFC
])
def test_normalise_text(raw, expected):
    assert normalise_text(raw) == expected


@pytest.mark.parametrize("value, expected", [
    ("2026-02-18", "2026-02-18"),
    ("2026-02-18T23:30:00-05:00", "2026-02-18 23:30"),
    ("2026-02-18 08:00", "2026-02-18 08:00"),
    ("Wed, 18 Feb 2026 10:00:00 GMT", "2026-02-18 10:00"),
    ("February 18, 2026", "2026-02-18"),
])
def test_parse_date(value, expected):
    assert parse_date(value) == (pd.Timestamp(expected), "")


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "last Tuesday", "99999-01-01"])
def test_impossible_dates_give_nat_and_a_reason(value):
    date, note = parse_date(value)
    assert pd.isna(date) and note


# --------------------------------------------------------------------------- bad input


BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\t\n", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("broken.json", b'{"text": "no end', "malformed JSON"),
    ("notext.csv", b"title,date\nA,2026-02-18\n", "no text column"),
    ("notes.docx", b"PK\x03\x04", "unsupported file type"),
    ("latin.bin", b"caf\xe9", "unsupported file type"),
]


@pytest.mark.parametrize("name, content, reason", BAD_FILES)
def test_bad_file_is_rejected_with_reason(tmp_path, name, content, reason):
    articles = load(tmp_path, name, content)
    assert articles.empty
    rejected = articles.attrs["rejected"]
    assert rejected["path"].tolist() == [str(tmp_path / name)]
    assert reason in rejected["reason"][0]


def test_cp1252_is_decoded_and_said_so(tmp_path):
    row = load(tmp_path, "a.txt", "The minister\x92s \x93plan\x94 failed.".encode("latin-1")).iloc[0]
    assert row["text"] == "The minister\u2019s \u201cplan\u201d failed."
    assert "cp1252" in row["notes"]


def test_bom_is_stripped(tmp_path):
    assert load(tmp_path, "a.txt", "\ufeffFirst story.".encode()).iloc[0]["text"] == "First story."


def test_impossible_date_in_file_is_nat_with_note(tmp_path):
    row = load(tmp_path, "a.txt", "date: 2026-02-30\n\nFirst story.").iloc[0]
    assert pd.isna(row["date"])
    assert "impossible date" in row["notes"]


def test_duplicates_kept_once_and_copy_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Same story.")
    (tmp_path / "b.txt").write_text("Same story.\n")
    articles = nd.load_articles(tmp_path, errors="ignore")
    assert len(articles) == 1
    assert articles.attrs["rejected"]["reason"].tolist() == [f"duplicate of {tmp_path / 'a.txt'}"]


def test_too_large_file_is_rejected_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr("newsdesk.articles.MAX_DOCUMENT_BYTES", 100)
    articles = load(tmp_path, "big.txt", "word " * 100)
    assert "too large" in articles.attrs["rejected"]["reason"][0]


def test_folder_of_bad_inputs_accounts_for_every_file(tmp_path):
    for name, content, _ in BAD_FILES:
        (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("A good story.")
    with pytest.warns(UserWarning, match=f"{len(BAD_FILES)} input"):
        articles = nd.load_articles(tmp_path)
    assert len(articles) + len(articles.attrs["rejected"]) == len(BAD_FILES) + 1


def test_errors_raise_lists_every_bad_file(tmp_path):
    for name, content, _ in BAD_FILES[:3]:
        (tmp_path / name).write_bytes(content)
    with pytest.raises(ArticleLoadError) as info:
        nd.load_articles(tmp_path, errors="raise")
    assert all(name in str(info.value) for name, _, _ in BAD_FILES[:3])


def test_missing_path_raises():
    with pytest.raises(FileNotFoundError):
        nd.load_articles("no/such/folder")


# --------------------------------------------------------------------------- near-duplicate stories


WIRE = (
    "The national rail operator announced on Tuesday that it will cut services on three regional lines. "
    "Officials blamed a shortage of drivers and rising energy costs for the decision. "
    "Passenger groups said the cuts would hit commuters in the north hardest. "
    "The transport minister is expected to meet union leaders on Friday to discuss the staffing crisis. "
    "Unions have threatened further strikes if the talks fail to produce an agreement on pay. "
    "The operator said it had hired 200 new drivers this year but that training takes eighteen months. "
    "Regional councils have asked the government to step in with emergency funding for the affected lines. "
    "A spokesperson for the operator said the timetable changes would be reviewed in the spring. "
    "Opposition politicians called the cuts a betrayal of rural communities that depend on the railway. "
    "The last major cut to regional services took place more than a decade ago, when four lines closed."
)


def wire_frame(*stories) -> pd.DataFrame:
    return nd.load_articles(pd.DataFrame(
        [{"title": t, "date": d, "source": s, "text": x} for t, d, s, x in stories]))


def test_wire_copy_with_new_headline_and_changed_sentence_is_one_story():
    copy = WIRE.replace("Passenger groups said the cuts would hit commuters in the north hardest.",
                        "Passenger groups said the cuts would hit commuters in northern towns hardest.")
    articles = wire_frame(("Rail cuts on three lines", "2026-03-04", "Daily Example", copy),
                          ("Operator cuts regional trains", "2026-03-03", "Wire", WIRE))
    earliest = articles.loc[articles["source"] == "Wire", "article_id"].item()
    assert articles["story_id"].tolist() == [earliest, earliest]


def test_follow_up_story_on_the_same_topic_is_a_story_of_its_own():
    follow_up = (
        "Union leaders walked out of Friday's talks with the transport minister after less than an hour. "
        "The rail operator's plan to cut services on three regional lines remains in place. "
        "The union said it would ballot its members on strike action next week. "
        "The minister said the government had no money for emergency funding of the regional lines."
    )
    articles = wire_frame(("Rail cuts", "2026-03-03", "Wire", WIRE), ("Talks fail", "2026-03-06", "Wire", follow_up))
    assert (articles["story_id"] == articles["article_id"]).all()


def test_copy_with_its_tail_cut_is_the_same_story():
    trimmed = WIRE.rsplit(". ", 3)[0] + "."
    articles = wire_frame(("Rail cuts", "2026-03-03", "Wire", WIRE), ("Trains cut", "2026-03-03", "Daily", trimmed))
    assert articles["story_id"].nunique() == 1


def test_a_short_brief_is_not_the_story_it_summarises():
    brief = WIRE.split(". ")[0] + "."
    articles = wire_frame(("Rail cuts", "2026-03-03", "Wire", WIRE), ("In brief", "2026-03-03", "Daily", brief))
    assert articles["story_id"].nunique() == 2


def test_loading_logs_the_rejections(tmp_path, caplog):
    (tmp_path / "good.txt").write_text(f"date: 2026-02-18\n\n{BODY}", encoding="utf-8")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with caplog.at_level("DEBUG", logger="newsdesk"):
        nd.load_articles(tmp_path, errors="ignore")
    messages = [r.getMessage() for r in caplog.records if r.name == "newsdesk.articles"]
    assert messages[0] == "1 articles loaded, 1 input(s) rejected"
    assert messages[1].startswith(f"rejected {tmp_path / 'bad.json'}: ")


def test_rows_name_their_article_by_title_or_file_name(tmp_path):
    (tmp_path / "a.txt").write_text("title: Talks end early\ndate: 2026-02-18\n\nDelegations met.\n")
    (tmp_path / "b.txt").write_text(" date 2026-02-18 Delegations left Geneva.\n")
    articles = nd.load_articles(tmp_path)
    names = nd.article_names(articles)
    assert sorted(names.tolist()) == ["Talks end early", "b.txt"]
    rows = pd.DataFrame({"article_id": articles["article_id"], "n": [1, 2]})
    shown = nd.with_titles(rows, articles)
    assert list(shown.columns) == ["title", "n"] and set(shown["title"]) == {"Talks end early", "b.txt"}


def test_html_entities_in_a_feed_headline_are_unescaped():
    articles = nd.load_articles(pd.DataFrame([{"title": "Statement of &quot;joint&quot; talks &amp; more",
                                               "date": "2026-02-18", "text": "Delegations met."}]))
    assert articles["title"][0] == 'Statement of "joint" talks & more'


def test_html_entities_in_plain_text_are_unescaped_before_offsets():
    articles = nd.load_articles(pd.DataFrame([{"date": "2026-02-18",
                                               "text": "Officials from France &mdash; and Italy met R&D staff &amp co."}]))
    text = articles["text"][0]
    assert text == "Officials from France \u2014 and Italy met R&D staff &amp co."
    assert articles["article_id"][0] == nd.articles.article_id(text)
