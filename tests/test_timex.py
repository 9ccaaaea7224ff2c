"""Temporal expressions: spans, TIMEX3 values, resolution against the article date.

Sentences are written for these tests; the reference date is a Wednesday.
"""

from __future__ import annotations

import pandas as pd
import pytest

from newsdesk.timex import TIMEX_COLUMNS, duration_value, find_timexes, parse_number, value_interval

REF = "2026-02-18"  # a Wednesday


def tag(text: str, ref=REF, doc=None) -> list[tuple[str, str, str]]:
    frame = find_timexes(text, ref, doc=doc)
    return list(zip(frame["text"], frame["type"], frame["value"], strict=True))


def only(text: str, ref=REF) -> tuple[str, str, str]:
    found = tag(text, ref)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("text, expr, value", [
    ("The deal was signed Feb. 16.", "Feb. 16", "2026-02-16"),
    ("It opened on 16 February 2026.", "16 February 2026", "2026-02-16"),
    ("It opened on February 16, 2026, in Kyiv.", "February 16, 2026", "2026-02-16"),
    ("The filing is dated 2/16/2026.", "2/16/2026", "2026-02-16"),
    ("The filing is dated 2026-02-16.", "2026-02-16", "2026-02-16"),
    ("Russia invaded in February 2022.", "February 2022", "2022-02"),
    ("It seized Crimea in 2014.", "2014", "2014"),
    ("It happened on Friday, Feb. 13.", "Friday, Feb. 13", "2026-02-13"),
    ("Prices peaked in the 1990s.", "the 1990s", "199X"),
    ("Steel ruled the 20th century.", "the 20th century", "19"),
    ("Profit fell in the third quarter.", "the third quarter", "2025-Q3"),
    ("Profit will rise in the third quarter.", "the third quarter", "2026-Q3"),
    ("Profit fell in the first quarter of 2025.", "the first quarter of 2025", "2025-Q1"),
    ("Sales rose in Q3 2013.", "Q3 2013", "2013-Q3"),
    ("Output fell in the first half of 2025.", "the first half of 2025", "2025-H1"),
    ("Output fell in the last half of 2024.", "the last half of 2024", "2024-H2"),
    ("Sales rose in the final quarter of 2024.", "the final quarter of 2024", "2024-Q4"),
    ("Turnout was high on Christmas Day 2024.", "Christmas Day 2024", "2024-12-25"),
    ("Shops closed for Christmas week 2024.", "Christmas week 2024", "2024-W52"),
])
def test_calendar_dates(text, expr, value):
    assert only(text) == (expr, "DATE", value)


@pytest.mark.parametrize("text, expr, value", [
    ("Ukraine said Tuesday it was ready.", "Tuesday", "2026-02-17"),
    ("Trump pressed Ukraine on Monday.", "Monday", "2026-02-16"),
    ("The envoys will meet Friday in Geneva.", "Friday", "2026-02-20"),
    ("Talks are scheduled for Monday.", "Monday", "2026-02-23"),
    ("The talks ended Wednesday.", "Wednesday", "2026-02-18"),
    ("The talks will end Wednesday.", "Wednesday", "2026-02-18"),
    ("The leader said late Tuesday he was ready.", "late Tuesday", "2026-02-17"),
    ("They met last Friday.", "last Friday", "2026-02-13"),
    ('"We will sign it Friday," the minister said.', "Friday", "2026-02-20"),
    ("Members had filed reports by Monday.", "Monday", "2026-02-16"),
    ("They meet next Monday.", "next Monday", "2026-02-23"),
    # "was/were" before a plan is the future seen from the past
    ("Unions called a strike on Saturday and were going to march.", "Saturday", "2026-02-21"),
    ("Crowds planned a rally in the square on Saturday and were planning to march.", "Saturday",
     "2026-02-21"),
])
def test_weekdays_follow_the_tense(text, expr, value):
    assert only(text) == (expr, "DATE", value)


@pytest.mark.parametrize("text, expr, value", [
    ("Fighting stalled last summer.", "last summer", "2025-SU"),
    ("Talks resume this spring.", "this spring", "2026-SP"),
    ("Roads close in winter.", "winter", "XXXX-WI"),
    ("The winter of 1994 was cold.", "The winter of 1994", "1994-WI"),
    ("The mayor was elected last fall in a close race.", "last fall", "2025-FA"),
])
def test_seasons(text, expr, value):
    assert only(text) == (expr, "DATE", value)


@pytest.mark.parametrize("text, expr, value", [
    ("Lawyers will appeal Tuesday's court ruling.", "Tuesday", "2026-02-17"),
    ("Voters will go to the polls in Saturday's election.", "Saturday", "2026-02-21"),
])
def test_a_weekday_that_names_a_done_act_lies_behind(text, expr, value):
    assert only(text) == (expr, "DATE", value)


def test_weekday_with_part_of_day_is_a_time():
    assert only("Drones struck Tuesday night.") == ("Tuesday night", "TIME", "2026-02-17TNI")


def test_weekdays_sharing_a_plural_part_of_day_are_sets():
    assert tag("Flights leave on Monday and Tuesday nights.") == [
        ("Monday", "SET", "XXXX-WXX-1TNI"), ("Tuesday nights", "SET", "XXXX-WXX-2TNI")]


@pytest.mark.parametrize("text, expr, kind, value", [
    ("Talks resume today.", "today", "DATE", "2026-02-18"),
    ("Talks ended yesterday.", "yesterday", "DATE", "2026-02-17"),
    ("Talks resume tomorrow.", "tomorrow", "DATE", "2026-02-19"),
    ("He speaks tonight.", "tonight", "TIME", "2026-02-18TNI"),
    ("He spoke this morning.", "this morning", "TIME", "2026-02-18TMO"),
    ("Shelling went on last night.", "last night", "TIME", "2026-02-17TNI"),
])
def test_today_yesterday_tomorrow(text, expr, kind, value):
    assert only(text) == (expr, kind, value)


@pytest.mark.parametrize("text, expr, value", [
    ("Prices rose last week.", "last week", "2026-W07"),
    ("Prices rose this week.", "this week", "2026-W08"),
    ("Prices will rise next month.", "next month", "2026-03"),
    ("Prices rose last year.", "last year", "2025"),
    ("Prices rose this year.", "this year", "2026"),
    ("Prices rose earlier this month.", "earlier this month", "2026-02"),
    ("The strike began two days ago.", "two days ago", "2026-02-16"),
    ("The strike began three months ago.", "three months ago", "2025-11"),
    ("A decade ago it was different.", "A decade ago", "2016"),
    ("The talks will resume in three weeks.", "three weeks", "2026-W11"),
    ("It may come by next year.", "next year", "2027"),
])
def test_relative_periods(text, expr, value):
    assert only(text) == (expr, "DATE", value)


# --------------------------------------------------------------------------- year inference


@pytest.mark.parametrize("text, ref, expr, value", [
    ("Talks collapsed in December.", "2026-01-10", "December", "2025-12"),
    ("The summit will be held in March.", "2026-01-10", "March", "2026-03"),
    ("The summit will be held in January.", "2025-12-20", "January", "2026-01"),
    ("Elections are due Jan. 5.", "2025-12-28", "Jan. 5", "2026-01-05"),
    ("Fighting flared on Dec. 30.", "2026-01-03", "Dec. 30", "2025-12-30"),
    ("Parliament voted in May.", "2026-02-18", "May", "2025-05"),
    ("Parliament will vote in May.", "2026-02-18", "May", "2026-05"),
    ("The strike began last December.", "2026-02-18", "last December", "2025-12"),
    ("Curbs will be lifted on July 1.", "2008-05-29", "July 1", "2008-07-01"),
    ("No deal is likely by the November 24 deadline.", "2006-06-29", "November 24", "2006-11-24"),
    ("He left in July of 2004.", "2005-04-30", "July of 2004", "2004-07"),
    # a day within weeks of the article is the near one, whatever the tense says
    ("The offer was extended to Nov. 16.", "2025-10-30", "Nov. 16", "2025-11-16"),
    ("Shares were payable to holders of record Nov. 17.", "2025-10-26", "Nov. 17", "2025-11-17"),
    ("Monitors will enforce the Feb. 23 accord.", "2026-03-06", "Feb. 23", "2026-02-23"),
    ("Talks broke down on March 30.", "2026-01-20", "March 30", "2025-03-30"),
])
def test_year_inferred_across_new_year(text, ref, expr, value):
    assert only(text, ref) == (expr, "DATE", value)


@pytest.mark.parametrize("text, value", [
    # a fronted phrase takes the tense of its main clause, however far ("vs." ends no sentence)
    ("In April, a week after the 30th anniversary of the Smith vs. Jones ruling by the high court, "
     "a bombing in the capital killed a guard.", "2025-04"),
    ("In August, after a long fight over the budget and the tax plan in the national parliament, "
     "the minister will resign.", "2026-08"),
])
def test_a_fronted_month_takes_the_tense_of_the_main_clause(text, value):
    assert tag(text)[0][2] == value


@pytest.mark.parametrize("text, expr, value", [
    ("The bomb went off in January nineteen ninety-seven.", "January nineteen ninety-seven", "1997-01"),
    ("Women's Day falls on March eighth.", "March eighth", "2026-03-08"),
    ("Oil was cheap in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "1994-WI"),
    ("It opened on May twenty-first, two thousand and one.", "May twenty-first, two thousand and one",
     "2001-05-21"),
])
def test_dates_in_words(text, expr, value):
    assert only(text) == (expr, "DATE", value)


def test_modal_may_is_not_a_month():
    assert tag("Prices may rise.") == []


def test_may_be_looks_ahead():
    assert only("The dispute may finally be settled at a hearing on March 2.") == (
        "March 2", "DATE", "2026-03-02")


# --------------------------------------------------------------------------- days named through another

@pytest.mark.parametrize("text, expr, kind, value", [
    ("The bridge opened on Jan. 5. Earlier that day, crowds gathered.", "Earlier that day", "DATE", "2026-01-05"),
    ("The bridge opened on Jan. 5. Police left the next morning.", "the next morning", "TIME", "2026-01-06TMO"),
    ("The bridge opened on Jan. 5. Two men were held the following day.", "the following day", "DATE", "2026-01-06"),
    ("The bridge opened on Jan. 5. The crowd had gathered the day before.", "the day before", "DATE", "2026-01-04"),
    ("The mayor resigned on Jan. 5. Police came the day after his speech.", "the day after", "DATE", "2026-01-06"),
    ("Nobody slept that night.", "that night", "TIME", "2026-02-18TNI"),
    ("The day before last Tuesday's vote, he left.", "The day before last Tuesday", "DATE", "2026-02-16"),
    # a month names no day: a day in that month
    ("The gunman struck last October. Police sealed the road that same day.", "that same day", "DATE",
     "2025-10-XX"),
    # "the previous/following <weekday>" counts from the day last named
    ("Shares closed lower on Feb. 6, down 4% from the previous Friday.", "the previous Friday", "DATE",
     "2026-01-30"),
    ("The vote was held on Jan. 7. Results came the following Monday.", "the following Monday", "DATE",
     "2026-01-12"),
    # a day with a part of day anchors by its day
    ("Fighting raged on Thursday night. The next morning the town fell.", "The next morning", "TIME",
     "2026-02-13TMO"),
])
def test_days_named_through_another(text, expr, kind, value):
    assert tag(text)[-1] == (expr, kind, value)


@pytest.mark.parametrize("text, ref, expr, value", [
    ("Pilgrims arrived as Easter week began.", "2026-03-30", "Easter week", "2026-W14"),
    ("Shops were busy before Christmas.", "2026-12-20", "Christmas", "2026-12-25"),
    ("Crowds gathered on Christmas.", "2027-01-06", "Christmas", "2026-12-25"),
    ("Crowds gathered on Christmas.", "2026-06-06", "Christmas", "2025-12-25"),
])
def test_holidays_near_the_article_are_the_near_ones(text, ref, expr, value):
    assert only(text, ref) == (expr, "DATE", value)


@pytest.mark.parametrize("text, expected", [
    ('"This is a historic day for Kenya," he said.', [("a historic day", "DATE", "2026-02-18")]),
    ("Talks began on Monday. It was the second day of the strike.",
     [("Monday", "DATE", "2026-02-16"), ("the second day", "DATE", "2026-02-16")]),
    # a day still to come, or a span of a day, is no predicate day
    ("A ban would be a sad day for us.", []),
    ("The report was a day late.", [("a day", "DURATION", "P1D")]),
])
def test_a_day_in_a_predicate_is_the_day_in_play(text, expected):
    assert tag(text) == expected


def test_the_day_before_an_event_clause_is_left_alone():
    assert tag("She spoke later in the day before returning home.") == []


def test_second_day_of_a_pair_is_tagged():
    assert tag("The summit runs on April 24 and 25.") == [
        ("April 24", "DATE", "2026-04-24"), ("25", "DATE", "2026-04-25")]


def test_number_after_a_date_pair_is_not_a_day():
    assert tag("On April 24 and 25 people were hurt.") == [("April 24", "DATE", "2025-04-24")]


# --------------------------------------------------------------------------- durations and sets


@pytest.mark.parametrize("text, expr, value", [
    ("It is the nearly four-year war.", "nearly four-year", "P4Y"),
    ("Oil fell to a five-year low.", "five-year", "P5Y"),
    ("The talks ended after just two hours.", "two hours", "PT2H"),
    ("The six hours of meetings were tense.", "six hours", "PT6H"),
    ("The talks have for months been deadlocked.", "months", "PXM"),
    ("He served two and a half years.", "two and a half years", "P2Y6M"),
    ("The meeting lasted 90 minutes.", "90 minutes", "PT90M"),
    ("Rates fell over the past two months.", "the past two months", "P2M"),
    ("The war lasted more than four years.", "more than four years", "P4Y"),
    ("Peace held for a decade.", "a decade", "P10Y"),
    # decades and centuries count in years, also when uncounted
    ("The feud has run for decades.", "decades", "PXY"),
    ("Monks kept the secret for centuries.", "centuries", "PXY"),
])
def test_durations(text, expr, value):
    assert only(text) == (expr, "DURATION", value)


@pytest.mark.parametrize("text, expected", [
    ("The club grew over the years.", [("the years", "DURATION", "PXY")]),
    ("Prices rose through the decades.", [("the decades", "DURATION", "PXY")]),
    ("In the months that followed, the mill closed.", [("the months", "DURATION", "PXM")]),
    # "the weeks before the vote" is anchored to an event: left alone
    ("The car was seen in the weeks before the vote.", []),
])
def test_the_years_as_an_unsized_stretch(text, expected):
    assert tag(text) == expected


@pytest.mark.parametrize("text, expr, value", [
    ("They meet every Monday.", "every Monday", "XXXX-WXX-1"),
    ("The report is published annually.", "annually", "P1Y"),
    ("The rules change each season.", "each season", "P3M"),
    ("Trains run daily.", "daily", "P1D"),
    ("They meet twice a week.", "a week", "P1W"),
    ("The league meets every year.", "every year", "P1Y"),
    # a time per period is one set, not two durations
    ("Guards watch the house 24 hours a day.", "24 hours a day", "P1D"),
    ("Shops open seven days a week.", "seven days a week", "P1W"),
    ("Staff work 40 hours per week.", "40 hours per week", "P1W"),
])
def test_sets(text, expr, value):
    assert only(text) == (expr, "SET", value)


# --------------------------------------------------------------------------- times and vague references


@pytest.mark.parametrize("text, expr, value", [
    ("The vote is at 3 p.m.", "3 p.m.", "2026-02-18T15:00"),
    ("The vote was at 10:30 a.m. Tuesday.", "10:30 a.m. Tuesday", "2026-02-17T10:30"),
    ("They broke for lunch at noon.", "noon", "2026-02-18T12:00"),
    ("The convoy left at 4 in the morning.", "4 in the morning", "2026-02-18T04:00"),
    ("The rally began at 7 in the evening.", "7 in the evening", "2026-02-18T19:00"),
])
def test_clock_times(text, expr, value):
    assert only(text) == (expr, "TIME", value)


@pytest.mark.parametrize("text, expr, value", [
    ("By mid afternoon, the talks had ended.", "mid afternoon", "2026-02-18TAF"),
    ("At mid-afternoon yesterday, shares rose.", "mid-afternoon yesterday", "2026-02-17TAF"),
    ("The crowd had gone by early evening.", "early evening", "2026-02-18TEV"),
])
def test_a_modified_part_of_day_is_a_time(text, expr, value):
    assert only(text) == (expr, "TIME", value)


def test_a_count_before_in_the_morning_is_no_clock_time():
    assert tag("Shares fell 4 in the morning session.") == []


def test_clock_time_takes_the_day_of_its_sentence():
    text = "The blast came at about 10:35 a.m. (0735 GMT) Tuesday. Talks start at 5 p.m."
    assert [v for _, _, v in tag(text)] == ["2026-02-17T10:35", "2026-02-17", "2026-02-18T17:00"]


def test_clock_time_takes_the_day_of_a_clock_time_beside_it():
    text = "He will leave at 4 in the morning (4 a.m. GMT Thursday), the minister said."
    assert [v for _, _, v in tag(text)] == ["2026-02-19T04:00", "2026-02-19T04:00"]


@pytest.mark.parametrize("text, expr, value", [
    ("Ukraine is now ready.", "now", "PRESENT_REF"),
    ("Kyiv currently holds the town.", "currently", "PRESENT_REF"),
    ("Moscow recently changed course.", "recently", "PAST_REF"),
    ("Such talks failed in the past.", "the past", "PAST_REF"),
    ("Talks may resume in the future.", "the future", "FUTURE_REF"),
    ("The ruling decides the boy's future.", "future", "FUTURE_REF"),
    # "today's youth" is nowadays, not the article's day
    ("The war is a lesson for today's youth.", "today", "PRESENT_REF"),
    ("Tomorrow's computers will be faster.", "Tomorrow", "FUTURE_REF"),
])
def test_vague_references(text, expr, value):
    assert only(text) == (expr, "DATE", value)


# --------------------------------------------------------------------------- spans and anaphora


@pytest.mark.parametrize("text, expected", [
    ("Talks will soon resume.", [("soon", "DATE", "FUTURE_REF")]),
    ("He was soon released.", []),
    ("A trickle of cash soon became a flood.", []),
])
def test_soon_after_a_past_event_is_no_future(text, expected):
    assert tag(text) == expected


def test_future_before_a_noun_after_a_possessive_is_an_adjective():
    assert tag("It hurts the company's future earnings.") == []


@pytest.mark.parametrize("text, expr, value", [
    ("The council decided to hold the vote in early March.", "early March", "2026-03"),
    ("The team planned to leave on Friday.", "Friday", "2026-02-20"),
])
def test_a_decision_to_act_looks_ahead(text, expr, value):
    assert only(text) == (expr, "DATE", value)


@pytest.mark.parametrize("text, expr", [
    ("Crowds marched after Friday's vote.", "Friday"),
    ("The company reported a third-quarter loss.", "third-quarter"),
    ("Its first-half profit rose.", "first-half"),
    ("The firm said its fourth quarter was weak.", "fourth quarter"),
    ("Profit fell in the third quarter.", "the third quarter"),
    ("Troops stay for at least two more weeks.", "at least two more weeks"),
])
def test_spans_follow_timeml(text, expr):
    assert only(text)[0] == expr


def test_spans_leave_out_prepositions_and_keep_offsets():
    text = "Zelenskyy spoke on Monday and in the last week."
    frame = find_timexes(text, REF)
    assert list(frame["text"]) == ["Monday", "the last week"]
    for row in frame.itertuples():
        assert text[row.start:row.end] == row.text


def test_a_year_earlier_follows_the_reporting_period():
    text = "Third-quarter profit rose to $5 million from $4 million a year earlier."
    assert tag(text, "1989-10-30") == [("Third-quarter", "DATE", "1989-Q3"),
                                       ("a year earlier", "DATE", "1988-Q3")]


def test_the_latest_quarter_is_the_last_one_that_ended():
    text = "It cut its fourth-quarter forecast. In the latest quarter, profit fell."
    assert [v for _, _, v in tag(text, "1989-10-30")] == ["1989-Q4", "1989-Q3"]


@pytest.mark.parametrize("text", [
    "They called off a second day of talks.",
    "The plan saves $500 million a year.",
    "Thousands joined the March for Life.",
    "Its quarterly dividend was cut.",
])
def test_not_temporal(text):
    assert tag(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Police found his 1987 Chevrolet Cavalier.", []),
    ("She drove a 1995 Ford pickup.", []),
    ("They set up a venture called Orion 1980, making parts.", []),
    # a year before a company name, or after a mere capital, is still a year
    ("In 1990 Ford Motor Co. cut jobs.", [("1990", "DATE", "1990")]),
    ("The 1989 Jaguar takeover failed.", [("1989", "DATE", "1989")]),
])
def test_a_year_inside_a_name_is_no_date(text, expected):
    assert tag(text) == expected


# --------------------------------------------------------------------------- without a reference date


@pytest.mark.parametrize("text, value", [
    ("The deal was signed Feb. 16.", "XXXX-02-16"),
    ("Trump pressed Ukraine on Monday.", "XXXX-WXX-1"),
    ("Talks ended yesterday.", "XXXX-XX-XX"),
    ("Russia invaded in February 2022.", "2022-02"),
    ("Sales rose in the current quarter.", "XXXX-QX"),
    ("Sales will rise next quarter.", "XXXX-QX"),
])
def test_without_reference_date_values_stay_unresolved(text, value):
    frame = find_timexes(text, None)
    assert list(frame["value"]) == [value]
    if value.startswith("X"):
        assert frame["date_start"].isna().all()


def test_nat_reference_date_is_no_reference():
    assert list(find_timexes("Talks ended yesterday.", pd.NaT)["value"]) == ["XXXX-XX-XX"]


# --------------------------------------------------------------------------- intervals and the frame


@pytest.mark.parametrize("value, start, end, granularity", [
    ("2026-02-17", "2026-02-17", "2026-02-17", "day"),
    ("2026-02-17TEV", "2026-02-17", "2026-02-17", "day"),
    ("2026-02", "2026-02-01", "2026-02-28", "month"),
    ("2026-W08", "2026-02-16", "2026-02-22", "week"),
    ("2026-W08-WE", "2026-02-21", "2026-02-22", "weekend"),
    ("2026-Q1", "2026-01-01", "2026-03-31", "quarter"),
    ("2026-H2", "2026-07-01", "2026-12-31", "half"),
    ("2025-WI", "2025-12-01", "2026-02-28", "season"),
    ("2014", "2014-01-01", "2014-12-31", "year"),
    ("199X", "1990-01-01", "1999-12-31", "decade"),
])
def test_value_interval(value, start, end, granularity):
    assert value_interval(value) == (pd.Timestamp(start), pd.Timestamp(end), granularity)


@pytest.mark.parametrize("value", ["P4Y", "PRESENT_REF", "XXXX-WXX-1", "1000-01-01"])
def test_value_interval_of_unanchored_values_is_empty(value):
    start, end, granularity = value_interval(value)
    assert pd.isna(start) and pd.isna(end) and granularity is None


def test_frame_columns_and_dtypes():
    frame = find_timexes("Talks ended Tuesday after two hours.", REF)
    assert list(frame.columns) == TIMEX_COLUMNS
    assert str(frame["date_start"].dtype) == "datetime64[ns]"
    assert frame.loc[0, "date_start"] == pd.Timestamp("2026-02-17")
    assert pd.isna(frame.loc[1, "date_start"])  # durations have no interval
    empty = find_timexes("", REF)
    assert list(empty.columns) == TIMEX_COLUMNS and empty.empty


@pytest.mark.parametrize("text, n", [("twenty-four", 24), ("2 1/2", 2.5), ("a couple of", 2),
                                     ("several", None), ("1,000", 1000)])
def test_parse_number(text, n):
    assert parse_number(text) == n


@pytest.mark.parametrize("n, unit, value", [(2, "hours", "PT2H"), (None, "months", "PXM"),
                                            (2.5, "year", "P2Y6M"), (2, "decades", "P20Y"),
                                            (None, "decades", "PXY")])
def test_duration_value(n, unit, value):
    assert duration_value(n, unit) == value


def test_parse_sets_the_tense_when_given(monkeypatch):
    from newsdesk.nlp import get_nlp
    from newsdesk.timex import registry

    # without the parse every clause would read as past tense here
    monkeypatch.setattr(registry, "_cheap_tense", lambda *args, **kwargs: "past")
    text = "Zelenskyy, who met Macron in Paris, will sign the deal on Friday."
    assert tag(text)[-1] == ("Friday", "DATE", "2026-02-13")
    assert tag(text, doc=get_nlp()(text))[-1] == ("Friday", "DATE", "2026-02-20")


def test_parse_puts_what_is_scheduled_ahead():
    from newsdesk.nlp import get_nlp

    text = "The mayor has scheduled a news conference Thursday."
    assert tag(text, doc=get_nlp()(text)) == [("Thursday", "DATE", "2026-02-19")]
