"""Events from the dependency parse, their dates, and the timeline.

Mentions and temporal expressions are written by hand here, so these tests
exercise only :mod:`newsdesk.events` (the seed test at the end runs the full pass).
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import newsdesk as nd
from newsdesk import events, segment
from newsdesk.nlp import get_nlp
from newsdesk.timex import TIMEX_COLUMNS

MENTION_COLUMNS = ["start", "end", "text", "label", "actor", "actor_type", "kind"]
REF = pd.Timestamp("2026-02-18")  # a Wednesday
PEOPLE = {"Zelenskyy": "Volodymyr Zelenskyy", "Macron": "Emmanuel Macron", "Trump": "Donald Trump"}
PLACES = {"Russia": "Russia", "Ukraine": "Ukraine", "Poland": "Poland", "Kharkiv": "Kharkiv",
          "Moscow": "Russia", "Ukrainian": "Ukraine", "Russian": "Russia"}


def _mentions(text: str) -> pd.DataFrame:
    rows = []
    for table, label in ((PEOPLE, "PERSON"), (PLACES, "GPE")):
        for word, actor in table.items():
            for m in re.finditer(rf"\b{word}\b", text):
                kind = "person" if label == "PERSON" else "country"
                rows.append((m.start(), m.end(), word, label, actor, kind, "name"))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).sort_values("start", ignore_index=True)


def _timexes(text: str, spans: dict) -> pd.DataFrame:
    """``spans``: expression -> (type, value); DATE values are ISO days, months or years."""
    rows = []
    for expr, (kind, value) in spans.items():
        m = re.search(re.escape(expr), text)
        if kind in {"DATE", "TIME"} and value[:1].isdigit():
            period = pd.Period(value, freq={4: "Y", 7: "M"}.get(len(value), "D"))
            start, end, gran = period.start_time, period.end_time.normalize(), {4: "year", 7: "month"}.get(len(value), "day")
        else:
            start, end, gran = pd.NaT, pd.NaT, None
        rows.append((m.start(), m.end(), expr, kind, value, start, end, gran))
    return pd.DataFrame(rows, columns=TIMEX_COLUMNS)


def extract(text: str, timexes: dict | None = None, reference_date=REF) -> pd.DataFrame:
    doc = get_nlp()(text)
    sents = segment.sentences(doc, segment.paragraphs(text)).assign(compound=0.25)
    return events.events_from_doc(doc, sents, _mentions(text), _timexes(text, timexes or {}), reference_date)


def event(frame: pd.DataFrame, action: str) -> pd.Series:
    rows = frame[frame["action"] == action]
    assert len(rows) == 1, frame[["action", "actor", "target"]]
    return rows.iloc[0]


# --------------------------------------------------------------------------- who did what


@pytest.mark.parametrize(("text", "action", "lemma"), [
    ("Ukrainian and Russian delegations called off the talks.", "called off", "call off"),
    ("Ukraine did not sign the deal.", "did not sign", "not sign"),
    ("Russia will not sign a deal without guarantees.", "will not sign", "not sign"),
    ("Ukraine didn't attend the summit.", "didn't attend", "not attend"),
    ("Poland has failed to broker a compromise.", "failed to broker", "fail to broker"),
    ("Russia fired drones at Ukraine.", "fired", "fire"),
])
def test_action_keeps_particle_negation_and_complement(text, action, lemma):
    row = event(extract(text), action)
    assert row["action_lemma"] == lemma


@pytest.mark.parametrize(("text", "action", "actor", "target"), [
    ("Russia fired drones at Ukraine.", "fired", "Russia", "Ukraine"),
    ("Zelenskyy accused Russia of stalling.", "accused", "Volodymyr Zelenskyy", "Russia"),
    ("Trump put pressure on Ukraine to make a deal.", "put", "Donald Trump", "Ukraine"),
    ("Ukrainian and Russian delegations called off the talks.", "called off", "Ukraine;Russia", None),
    ("The deal was rejected by Ukraine.", "rejected", "Ukraine", None),
    ("Kharkiv was shelled by Russia.", "shelled", "Russia", "Kharkiv"),
    ("Ukraine called off the Russian-backed talks with Poland.", "called off", "Ukraine", "Poland"),
    ("Russia called off talks in Kharkiv.", "called off", "Russia", None),
])
def test_actor_from_subject_target_from_object(text, action, actor, target):
    row = event(extract(text), action)
    assert (row["actor"], row["target"] if pd.notna(row["target"]) else None) == (actor, target)
    assert row["actor_source"] == "subject"


def test_several_events_in_one_sentence():
    frame = extract("Russia fired missiles at Ukraine, and Poland closed its border.")
    assert list(frame["action"]) == ["fired", "closed"]
    assert list(frame["actor"]) == ["Russia", "Poland"]


def test_conjoined_verbs_share_the_subject():
    frame = extract("Zelenskyy accused Russia of stalling and criticized Poland.")
    assert event(frame, "criticized")["actor"] == "Volodymyr Zelenskyy"


def test_reported_clause_is_an_event_of_its_own():
    frame = extract("Ukraine says Russia attacked Kharkiv.")
    assert event(frame, "attacked")[["actor", "target"]].tolist() == ["Russia", "Kharkiv"]


def test_pronoun_subject_takes_the_earlier_actor():
    frame = extract("Russia occupies the peninsula it seized years ago.")
    row = event(frame, "seized")
    assert (row["actor"], row["actor_source"]) == ("Russia", "pronoun")


def test_person_pronoun_skips_countries():
    frame = extract("Zelenskyy met Macron in Paris. Later he criticized Russia.")
    assert event(frame, "criticized")["actor"] == "Volodymyr Zelenskyy"


def test_pronoun_antecedent_must_be_recent():
    frame = extract("Russia fired drones. The weather was cold. Snow fell. It was a long night.\n\nThen it shelled Kharkiv.")
    assert list(frame["action"]) == ["fired"]  # "it" names no source: no event to code


def test_first_person_in_a_quote_is_the_speaker():
    frame = extract('"We will not sign this deal with Russia," Zelenskyy said.')
    assert event(frame, "will not sign")["actor"] == "Volodymyr Zelenskyy"


def test_event_noun_without_actor_keeps_its_date_and_who_reported_it():
    frame = extract("Talks ended, shorter than the meetings on Tuesday, according to Russia's delegation.",
                    {"Tuesday": ("DATE", "2026-02-17")})
    row = event(frame, "meetings")
    assert pd.isna(row["actor"]) and row["reported_by"] == "Russia"
    assert row["date_start"] == pd.Timestamp("2026-02-17")


def test_event_without_a_source_actor_is_not_coded():
    assert extract("The delegation shelled Kharkiv. Kharkiv was shelled.").empty


# --------------------------------------------------------------------------- PLOVER coding


def coded(frame: pd.DataFrame, action: str) -> tuple:
    row = event(frame, action)
    return row["event_type"], row["quad_class"], row["actor"], row["target"] if pd.notna(row["target"]) else None


@pytest.mark.parametrize(("text", "action", "want"), [
    ("Russia agreed to a ceasefire with Ukraine.", "agreed", ("AGREE", "verbal cooperation", "Russia", "Ukraine")),
    ("Macron called for talks with Russia.", "called", ("REQUEST", "verbal conflict", "Emmanuel Macron", "Russia")),
    ("Zelenskyy met with Macron in Paris.", "met", ("CONSULT", "verbal cooperation", "Volodymyr Zelenskyy",
                                                    "Emmanuel Macron")),
    ("Poland imposed sanctions on Russia.", "imposed", ("SANCTION", "material conflict", "Poland", "Russia")),
    ("Ukraine lifted the curfew in Kharkiv.", "lifted", ("CONCEDE", "verbal cooperation", "Ukraine", "Kharkiv")),
    ("Russia suspended talks with Ukraine.", "suspended", ("SANCTION", "material conflict", "Russia", "Ukraine")),
])
def test_verb_with_its_object_or_preposition_gives_the_type(text, action, want):
    assert coded(extract(text), action) == want


@pytest.mark.parametrize(("text", "action", "want"), [
    # passive with an agent: the subject names no one, the prepositional object of the verb or its noun does
    ("A complaint was filed against Russia by Ukraine.", "filed", ("ACCUSE", "verbal conflict", "Ukraine", "Russia")),
    # a place is the target of a curfew, a raid or a blockade in it when no one else is named
    ("Russia declared a curfew in Kharkiv.", "curfew", ("COERCE", "material conflict", "Russia", "Kharkiv")),
    ("Poland threatened to close the border in Kharkiv.", "threatened to close",
     ("THREATEN", "verbal conflict", "Poland", "Kharkiv")),
])
def test_target_from_the_verbs_own_prepositions_and_places(text, action, want):
    assert coded(extract(text), action) == want


def test_unknown_name_in_the_recipient_slot_is_the_target_as_written():
    row = event(extract("Ukraine donated ten tanks to the ZLF on Monday."), "donated")
    assert (row["event_type"], row["actor"], row["target_text"]) == ("AID", "Ukraine", "the ZLF")
    assert pd.isna(row["target"])


def test_target_comes_from_the_events_own_clause():
    # "the proposals and Zelenskyy signed": Zelenskyy is the next clause's subject, misparsed as an object
    frame = extract("Russia did not accept the proposals and Zelenskyy signed the treaty with Poland.")
    assert event(frame, "did not accept")["target"] != "Volodymyr Zelenskyy"


def test_building_modifier_is_no_target():
    row = event(extract("Russia bombed a Ukrainian church."), "bombed")
    assert pd.isna(row["target"])


def test_visiting_a_place_is_no_consultation():
    assert extract("Macron visited the scene of the explosion.").empty
    assert extract("Poland hosted a symposium on energy.").empty  # hosting, too, needs a guest
    assert coded(extract("Macron visited Poland."), "visited") == (
        "CONSULT", "verbal cooperation", "Emmanuel Macron", "Poland")


def test_being_informed_is_no_event():
    assert extract("Zelenskyy was informed by Poland about the shelling.").query("action == 'informed'").empty


def test_anti_actor_modifier_is_not_the_source():
    frame = extract("The anti-Russian opposition staged a protest.")
    assert "Russia" not in set(frame["actor"])


def test_relative_clause_subject_resolves_through_the_apposition():
    frame = extract("Macron, a Ukrainian opposition member who visited Poland, condemned the shelling.")
    assert event(frame, "visited")["actor"] == "Emmanuel Macron"


def test_a_name_of_the_phrase_is_the_target_before_its_demonym():
    text = "Russia did not recognize the Ukrainian delegates of Poland."
    doc = get_nlp()(text)
    sents = segment.sentences(doc, segment.paragraphs(text)).assign(compound=0.0)
    mentions = _mentions(text)
    mentions.loc[mentions["text"] == "Ukrainian", "kind"] = "demonym"
    frame = events.events_from_doc(doc, sents, mentions, _timexes(text, {}), REF)
    assert event(frame, "did not recognize")["target"] == "Poland"


def test_requests_name_who_is_asked_in_a_for_clause():
    row = event(extract("Poland repeated its calls for Russia to leave Kharkiv."), "repeated")
    assert (row["event_type"], row["target"]) == ("REQUEST", "Russia")


@pytest.mark.parametrize("text", [
    "Macron tried to talk about Russia during the campaign.",  # speaking of someone consults no one
    "Zelenskyy will fight for better pensions.",  # a cause, not a battle
    "Zelenskyy was sworn in as president of Ukraine.",  # taking office
])
def test_verbs_that_are_no_event_in_this_frame(text):
    assert extract(text).empty


def test_a_phone_call_is_a_consultation():
    row = event(extract("Macron made a phone call to Zelenskyy."), "made")
    assert (row["event_type"], row["mode"], row["target"]) == ("CONSULT", "phone", "Volodymyr Zelenskyy")


def test_a_requested_event_noun_is_not_an_event_of_its_own():
    frame = extract("Protesters called for a Polish investigation.")
    assert "investigation" not in set(frame["action"])


def test_an_event_noun_a_period_starts_from_is_not_dated_by_the_article():
    row = event(extract("Many died since the start of the Russian invasion of Ukraine."), "invasion")
    assert row["date_source"] == "none"


def test_quoted_speaker_is_the_one_quoted():
    frame = extract('"We warn Russia not to attack," Poland quotes Zelenskyy as saying.')
    assert event(frame, "warn not to attack")["actor"] == "Volodymyr Zelenskyy"


def test_group_takes_its_place_only_from_where_it_is():
    # "rebels on Kharkiv": the attack's target, misattached, is not where the rebels are from
    frame = extract("An attack was launched by rebels on Kharkiv.")
    assert "Kharkiv" not in set(frame["actor"])


@pytest.mark.parametrize(("text", "action", "want"), [
    # the agent of a participle on the object is the target
    ("Zelenskyy praised the help offered by Poland.", "praised", ("SUPPORT", "verbal cooperation",
                                                                  "Volodymyr Zelenskyy", "Poland")),
    # advocating the end of X's measure asks X to end it
    ("Ukraine advocates the end of the Russian blockade.", "advocates", ("REQUEST", "verbal conflict", "Ukraine",
                                                                         "Russia")),
    # withdrawing support ends cooperation
    ("Poland withdrew its support for Ukraine.", "withdrew", ("SANCTION", "material conflict", "Poland", "Ukraine")),
])
def test_more_verb_frames(text, action, want):
    assert coded(extract(text), action) == want


def test_sanctioning_a_thing_is_approving_it():
    assert extract("Russia sanctioned the new rules.").empty


def test_clause_conjoined_under_a_reporting_verb_is_reported():
    frame = extract("Ukraine argued that the deal is void and that Russia invaded Kharkiv.")
    assert event(frame, "invaded")["modality"] == "reported"


def test_what_is_called_for_is_no_event_of_its_own():
    frame = extract("Poland called for Russia to leave Kharkiv and pay.")
    assert list(frame["action"]) == ["called"]
    assert coded(frame, "called") == ("REQUEST", "verbal conflict", "Poland", "Russia")


@pytest.mark.parametrize(("text", "action", "event_type"), [
    ("Ukraine voted against Russia.", "voted", "REJECT"),
    ("Zelenskyy submitted his resignation.", "submitted", "RETREAT"),
])
def test_votes_against_and_resignations(text, action, event_type):
    assert event(extract(text), action)["event_type"] == event_type


def test_expecting_a_thing_to_happen_asks_no_one():
    assert extract("Ukraine expects the new rules will save money.").empty


def test_a_rally_in_a_place_is_not_against_it():
    row = event(extract("Poland held a rally in Kharkiv."), "held")
    assert pd.isna(row["target"])


def test_a_passive_without_subject_or_agent_names_no_source():
    assert extract("In Poland, many tanks have been withdrawn.").empty


def test_a_name_right_before_a_subjectless_verb_is_its_source():
    # misparsed: "Ukraine" hangs on the agent phrase before it, the verb has no subject
    frame = extract("Under the truce brokered by Macron and Trump, Ukraine has released 50 Russian prisoners.")
    assert event(frame, "released")["actor"] == "Ukraine"


def test_returning_somewhere_is_a_journey_and_returning_a_thing_an_event():
    assert extract("Zelenskyy returned to Ukraine.").empty
    assert event(extract("Russia returned the prisoners to Ukraine."), "returned")["event_type"] == "RETREAT"


def test_a_request_to_come_is_planned():
    row = event(extract("Zelenskyy will ask Poland to send tanks."), "ask to send")
    assert (row["event_type"], row["modality"], row["date_source"]) == ("REQUEST", "planned", "none")


def test_a_verb_with_a_determiner_is_a_misparsed_noun():
    assert extract("Macron, who wrote the hit, praised Zelenskyy.")["action"].tolist() == ["praised"]


def test_an_upcoming_event_noun_is_planned_and_undated():
    row = event(extract("The planned Russian invasion of Ukraine worries Poland."), "invasion")
    assert (row["modality"], row["date_source"]) == ("planned", "none")


def test_a_warning_of_what_no_one_does_is_no_threat():
    assert extract("Poland warns that the economy remains weak.").empty
    assert event(extract("Poland warned Russia not to attack Kharkiv."), "warned not to attack")["event_type"] == "THREATEN"


def test_mode_comes_with_the_type_where_the_text_says_it():
    row = event(extract("Russia shelled Kharkiv."), "shelled")
    assert (row["event_type"], row["mode"]) == ("ASSAULT", "heavy-weapons")


@pytest.mark.parametrize(("text", "action", "want"), [
    ("The Russian invasion of Ukraine continued.", "invasion", ("ASSAULT", "material conflict", "Russia", "Ukraine")),
    ("Macron welcomed the talks between Russia and Ukraine.", "talks",
     ("CONSULT", "verbal cooperation", "Russia", "Ukraine")),
    ("Poland's sanctions on Russia hurt.", "sanctions", ("SANCTION", "material conflict", "Poland", "Russia")),
])
def test_nominal_events_name_their_actors(text, action, want):
    row = event(extract(text), action)
    assert row["kind"] == "noun"
    assert coded(extract(text), action) == want


def test_event_noun_inside_another_event_is_part_of_it():
    frame = extract("Russia agreed to a ceasefire with Ukraine.")
    assert list(frame["action"]) == ["agreed"]  # the ceasefire is what was agreed, not an event of its own


def test_clause_that_codes_to_no_type_is_not_an_event():
    assert extract("Ukraine's economy grew and prices fell.").empty


@pytest.mark.parametrize(("text", "action", "event_type", "modality"), [
    ("Russia refused to meet Ukraine.", "refused to meet", "REJECT", "asserted"),
    ("Ukraine did not sign the deal with Russia.", "did not sign", "REJECT", "asserted"),
    ("Russia did not attack Kharkiv.", "did not attack", "ASSAULT", "negated"),
    ("Russia could impose sanctions on Poland.", "impose", "SANCTION", "hypothetical"),
    ("Macron plans to visit Ukraine.", "plans to visit", "AGREE", "planned"),
    ("Macron will visit Ukraine.", "visit", "AGREE", "planned"),
])
def test_negation_and_modality(text, action, event_type, modality):
    row = event(extract(text), action)
    assert (row["event_type"], row["modality"]) == (event_type, modality)


def test_planned_event_takes_no_date_from_the_article():
    row = event(extract("Macron will visit Ukraine."), "visit")
    assert pd.isna(row["date_start"]) and row["date_source"] == "none"


def test_reported_threat_is_coded_for_its_actor_with_who_reported_it():
    frame = extract("Zelenskyy said Russia would strike Kharkiv.")
    assert list(frame["action"]) == ["strike"]  # "said" is not an event
    row = frame.iloc[0]
    assert (row["event_type"], row["actor"], row["target"], row["reported_by"], row["modality"]) == (
        "THREATEN", "Russia", "Kharkiv", "Volodymyr Zelenskyy", "reported")


def test_wanting_another_to_act_is_a_request_of_them():
    frame = extract("Poland wants Russia to withdraw from Kharkiv.")
    assert frame[["event_type", "actor", "target"]].values.tolist() == [["REQUEST", "Poland", "Russia"]]


def test_reported_obligation_is_a_request_by_the_speaker():
    row = extract("Zelenskyy said Russia must withdraw from Kharkiv.").iloc[0]
    assert (row["event_type"], row["actor"], row["target"]) == ("REQUEST", "Volodymyr Zelenskyy", "Russia")


def test_compound_source_names_each_actor_and_keeps_the_text():
    row = event(extract("Russian and Ukrainian officials met in Kharkiv."), "met")
    assert (row["actor"], row["source_text"]) == ("Russia;Ukraine", "Russian and Ukrainian officials")


def test_analyst_event_types_add_phrases(tmp_path):
    table = tmp_path / "event_types.csv"
    table.write_text("pattern,event_type,mode\nslap tariff,SANCTION,\n", encoding="utf-8")
    coder = events.EventCoder(table)
    text = "Poland slapped tariffs on Russia."
    doc = get_nlp()(text)
    sents = segment.sentences(doc, segment.paragraphs(text)).assign(compound=0.0)
    frame = events.events_from_doc(doc, sents, _mentions(text), _timexes(text, {}), REF, coder=coder)
    assert coded(frame, "slapped") == ("SANCTION", "material conflict", "Poland", "Russia")
    assert events.event_types_file(tmp_path / "actors.csv") == table


# --------------------------------------------------------------------------- when


def test_timex_on_the_verb_dates_the_event():
    row = event(extract("Zelenskyy met Macron on Monday.", {"Monday": ("DATE", "2026-02-16")}), "met")
    assert row["date_start"] == pd.Timestamp("2026-02-16")
    assert (row["date_source"], row["timex"], row["granularity"]) == ("timex", "Monday", "day")


def test_without_timex_the_article_date_is_used():
    row = event(extract("Russia fired drones at Ukraine."), "fired")
    assert row["date_start"] == REF and row["date_source"] == "article"
    assert row["date_end"] == row["date_start"]


def test_without_any_date_the_source_is_none():
    row = event(extract("Russia fired drones at Ukraine.", reference_date=pd.NaT), "fired")
    assert pd.isna(row["date_start"]) and row["date_source"] == "none"


@pytest.mark.parametrize(("text", "timexes"), [
    ("Russia shelled Kharkiv for two hours.", {"two hours": ("DURATION", "PT2H")}),
    ("Hours before talks began, Russia fired drones at Ukraine.", {"Hours": ("DURATION", "PTXH")}),
    ("Russia has for months been seizing territory.", {"months": ("DURATION", "PXM")}),
    ("Russia shells Kharkiv every Monday.", {"every Monday": ("SET", "XXXX-WXX-1")}),
    ("Russia is now firing drones at Ukraine.", {"now": ("DATE", "PRESENT_REF")}),
    ("Russia withdrew its troops by May.", {"May": ("DATE", "2026-05")}),
    ("Russia has occupied Crimea since 2014.", {"2014": ("DATE", "2014")}),
    ("Ukraine did not sign the deal until Friday.", {"Friday": ("DATE", "2026-02-20")}),
    ("Russia fired more drones than a year ago.", {"a year ago": ("DATE", "2025-02-18")}),
])
def test_durations_sets_vague_references_and_bounds_do_not_anchor(text, timexes):
    frame = extract(text, timexes)
    assert set(frame["date_source"]) == {"article"}


@pytest.mark.parametrize(("text", "timexes", "day"), [
    ("Yesterday, Russia attacked Kharkiv.", {"Yesterday": ("DATE", "2026-02-17")}, "2026-02-17"),
    ("Russia attacked Kharkiv yesterday.", {"yesterday": ("DATE", "2026-02-17")}, "2026-02-17"),
    ("Russia attacked Kharkiv on Tuesday.", {"Tuesday": ("DATE", "2026-02-17")}, "2026-02-17"),
    ("On Monday, Poland imposed sanctions on Russia.", {"Monday": ("DATE", "2026-02-16")}, "2026-02-16"),
])
def test_dates_from_yesterday_weekdays_and_sentence_initial_expressions(text, timexes, day):
    row = extract(text, timexes).iloc[0]
    assert (row["date_start"], row["date_source"]) == (pd.Timestamp(day), "timex")


def test_relative_expression_anchors_with_its_resolved_date():
    row = event(extract("Russia attacked Kharkiv two days ago.", {"two days ago": ("DATE", "2026-02-16")}), "attacked")
    assert row["date_start"] == pd.Timestamp("2026-02-16") and row["date_source"] == "timex"


def test_each_clause_keeps_its_own_date():
    frame = extract("Zelenskyy accused Russia on Tuesday of shelling Kharkiv, which Russia attacked on Monday.",
                    {"Tuesday": ("DATE", "2026-02-17"), "Monday": ("DATE", "2026-02-16")})
    assert event(frame, "accused")["date_start"] == pd.Timestamp("2026-02-17")
    assert event(frame, "attacked")["date_start"] == pd.Timestamp("2026-02-16")


def test_date_in_a_relative_clause_stays_there():
    frame = extract("Russia occupies the peninsula it seized in 2014.", {"2014": ("DATE", "2014")})
    assert event(frame, "seized")[["date_start", "granularity"]].tolist() == [pd.Timestamp("2014-01-01"), "year"]
    assert event(frame, "occupies")["date_source"] == "article"


def test_conjoined_verb_shares_the_date():
    frame = extract("Zelenskyy accused Russia on Wednesday of stalling and criticized Poland.",
                    {"Wednesday": ("DATE", "2026-02-18")})
    assert event(frame, "criticized")["date_source"] == "timex"


def test_event_noun_dated_directly_is_its_own_event():
    frame = extract("The talks wrapped up after two hours, much shorter than the six hours of meetings Tuesday.",
                    {"Tuesday": ("DATE", "2026-02-17"), "two hours": ("DURATION", "PT2H"),
                     "six hours": ("DURATION", "PT6H")})
    assert event(frame, "meetings")[["kind", "event_type", "date_start"]].tolist() == [
        "noun", "CONSULT", pd.Timestamp("2026-02-17")]
    assert "wrapped up" not in set(frame["action"])  # codes to no type


def test_dated_participle_is_an_event_with_its_agent():
    frame = extract("Ukraine wants back the land seized in 2014 by Russia.", {"2014": ("DATE", "2014")})
    row = event(frame, "seized")
    assert (row["actor"], row["date_start"]) == ("Russia", pd.Timestamp("2014-01-01"))


def test_dated_verb_under_a_copula_becomes_an_event():
    frame = extract("Russia was to release Macron on Thursday.", {"Thursday": ("DATE", "2026-02-19")})
    assert event(frame, "release")["date_start"] == pd.Timestamp("2026-02-19")


@pytest.mark.parametrize(("text", "timexes", "action"), [
    ("Poland accused Russia of violating sanctions 13 years ago.", {"13 years ago": ("DATE", "2013")}, "accused"),
    ("Ukraine blamed the June 2000 spill on Russia.", {"June 2000": ("DATE", "2000-06")}, "blamed"),
])
def test_date_inside_the_object_dates_the_object_not_the_event(text, timexes, action):
    row = event(extract(text, timexes), action)
    assert (row["date_start"], row["date_source"]) == (REF, "article")


@pytest.mark.parametrize(("text", "action"), [
    ("Russia denied that Ukraine attacked Poland.", "attacked"),
    ("There is no evidence to prove that Ukraine received weapons from Poland.", "received"),
    ("None of the officials says that Russia offered aid to Ukraine.", "offered"),
    ("Macron did not say that Russia attacked Ukraine.", "attacked"),
])
def test_clause_under_a_denial_or_negation_is_not_asserted(text, action):
    assert event(extract(text), action)["modality"] == "negated"


def test_negation_does_not_reach_a_conjoined_clause_or_a_plain_report():
    frame = extract("Russia did not attack Kharkiv, and Ukraine attacked Poland.")
    assert event(frame, "attacked")["modality"] == "asserted"
    assert event(extract("Russia said that Ukraine attacked Poland."), "attacked")["modality"] == "reported"
    frame = extract("Russia denies it attacked Kharkiv and Ukraine says it attacked Poland.")
    assert event(frame[frame["target"] == "Poland"], "attacked")["modality"] == "asserted"


def test_event_noun_under_an_intent_is_not_an_event():
    frame = extract("Ukraine is prepared to accept a withdrawal by Russia.")
    assert "withdrawal" not in set(frame["action"])


def test_date_in_front_of_a_thing_dates_nothing():
    frame = extract("Russia cut emissions below 1990 levels.", {"1990": ("DATE", "1990")})
    assert event(frame, "cut")["date_source"] == "article"


def test_verb_whose_object_is_a_dated_event_noun_shares_the_date():
    frame = extract("Russia captured the town in a raid on Tuesday.", {"Tuesday": ("DATE", "2026-02-17")})
    assert event(frame, "captured")["date_start"] == pd.Timestamp("2026-02-17")


def test_event_noun_takes_its_possessor_as_actor():
    frame = extract("Ukraine has resisted since Russia's invasion of 2022.", {"2022": ("DATE", "2022")})
    row = event(frame, "invasion")
    assert (row["actor"], row["actor_source"], row["date_start"]) == ("Russia", "modifier", pd.Timestamp("2022-01-01"))


# --------------------------------------------------------------------------- frame


def test_offsets_point_at_the_clause_and_compound_comes_from_the_sentence():
    text = "Intro line.\n\nZelenskyy accused Russia of stalling and said the talks were difficult."
    frame = extract(text)
    for row in frame.itertuples():
        assert " ".join(text[row.start:row.end].split()) == row.text
    assert event(frame, "accused")["text"].startswith("Zelenskyy accused Russia")
    assert set(frame["compound"]) == {0.25}


def test_columns_and_dtypes_are_stable_when_empty():
    frame = extract("Breakthrough hopes low")
    assert list(frame.columns) == events.EVENT_COLUMNS
    assert str(frame["date_start"].dtype).startswith("datetime64")


# --------------------------------------------------------------------------- timeline


def _corpus(rows: list[dict], published: dict) -> SimpleNamespace:
    base = {"sent_id": 0, "start": 0, "end": 5, "date_end": pd.NaT, "granularity": "day",
            "date_source": "timex", "timex": None, "target": None, "actor_source": "subject",
            "kind": "verb", "text": "x", "compound": 0.0, "event_type": "ASSAULT", "quad_class": "material conflict",
            "modality": "asserted", "reported_by": None}
    ev = pd.DataFrame([{**base, **r} for r in rows])
    ev["quad_class"] = ev["event_type"].map(events.QUAD_CLASS)
    arts = pd.DataFrame({"article_id": list(published), "date": pd.to_datetime(list(published.values())),
                         "title": [f"Title {a}" for a in published]})
    return SimpleNamespace(events=ev, articles=arts)


def test_timeline_merges_reports_of_one_event_across_articles():
    day = pd.Timestamp("2026-02-17")
    corpus = _corpus([
        {"article_id": "a", "date_start": day, "actor": "Russia", "action": "fired", "action_lemma": "fire"},
        {"article_id": "b", "date_start": day, "actor": "Russia", "action": "fires", "action_lemma": "fire"},
        {"article_id": "b", "date_start": day, "actor": "Ukraine", "action": "accused", "action_lemma": "accuse",
         "event_type": "ACCUSE"},
    ], {"a": "2026-02-18", "b": "2026-02-19"})
    tl = events.timeline(corpus)
    fired = tl[tl["event_type"] == "ASSAULT"].iloc[0]
    assert (len(tl), fired["n_articles"], fired["article_ids"]) == (2, 2, "a; b")
    assert fired["first_published"] == pd.Timestamp("2026-02-18")
    assert fired["titles"] == "Title a; Title b"


def test_timeline_merges_only_overlapping_dates_of_the_same_type_and_actors():
    corpus = _corpus([
        {"article_id": "a", "date_start": pd.Timestamp("2026-02-17"), "actor": "Russia", "target": "Ukraine",
         "action": "fired", "action_lemma": "fire"},
        {"article_id": "b", "date_start": pd.Timestamp("2026-02-01"), "date_end": pd.Timestamp("2026-02-28"),
         "granularity": "month", "actor": "Russia", "target": "Ukraine", "action": "shelled", "action_lemma": "shell"},
        {"article_id": "c", "date_start": pd.Timestamp("2026-03-02"), "actor": "Russia", "target": "Ukraine",
         "action": "fired", "action_lemma": "fire"},
        {"article_id": "d", "date_start": pd.Timestamp("2026-02-17"), "actor": "Russia", "target": "Poland",
         "action": "fired", "action_lemma": "fire"},
        {"article_id": "e", "date_start": pd.Timestamp("2026-02-17"), "actor": "Russia", "target": "Ukraine",
         "action": "threatened", "action_lemma": "threaten", "event_type": "THREATEN"},
    ], {k: "2026-03-03" for k in "abcde"})
    tl = events.timeline(corpus)
    assert sorted(tl["n_articles"]) == [1, 1, 1, 2]
    merged = tl[tl["n_articles"] == 2].iloc[0]
    assert (merged["date_start"], merged["date_end"]) == (pd.Timestamp("2026-02-01"), pd.Timestamp("2026-02-28"))


def test_timeline_shows_asserted_events_unless_asked():
    corpus = _corpus([
        {"article_id": "a", "date_start": pd.Timestamp("2026-02-17"), "actor": "Russia", "action": "fired",
         "action_lemma": "fire"},
        {"article_id": "a", "date_start": pd.Timestamp("2026-02-18"), "actor": "Russia", "action": "could strike",
         "action_lemma": "strike", "modality": "hypothetical"},
    ], {"a": "2026-02-18"})
    assert list(events.timeline(corpus)["action"]) == ["fired"]
    assert len(events.timeline(corpus, modality=None)) == 2


def test_timeline_is_in_date_order():
    corpus = _corpus([
        {"article_id": "a", "date_start": pd.Timestamp("2026-02-17"), "actor": "A", "action": "x", "action_lemma": "x"},
        {"article_id": "a", "date_start": pd.Timestamp("2014-01-01"), "actor": "B", "action": "y", "action_lemma": "y"},
    ], {"a": "2026-02-18"})
    assert list(events.timeline(corpus)["actor"]) == ["B", "A"]


def _views_corpus() -> SimpleNamespace:
    return _corpus([
        {"article_id": "a", "date_start": pd.Timestamp("2026-02-17"), "actor": "Russia", "action": "fired",
         "action_lemma": "fire"},
        {"article_id": "a", "date_start": pd.Timestamp("2026-02-18"), "actor": "Ukraine", "action": "accused",
         "action_lemma": "accuse", "date_source": "article", "event_type": "ACCUSE"},
        {"article_id": "a", "date_start": pd.Timestamp("2025-06-01"), "actor": "Russia", "action": "seized",
         "action_lemma": "seize", "granularity": "month"},
        {"article_id": "a", "date_start": pd.Timestamp("2014-01-01"), "actor": "Russia", "action": "seized",
         "action_lemma": "seize", "granularity": "year"},
        {"article_id": "a", "date_start": pd.Timestamp("2026-03-01"), "actor": "Ukraine", "action": "will meet",
         "action_lemma": "meet", "event_type": "AGREE"},
    ], {"a": "2026-02-18"})


def test_reported_dates_measure_the_lag_from_publication():
    rep = events.reported_dates(_views_corpus())
    lags = dict(zip(rep["date_start"].dt.strftime("%Y-%m-%d"), rep["lag"].astype(str), strict=True))
    assert lags == {"2014-01-01": "over a year", "2025-06-01": "1-12 months", "2026-02-17": "1-6 days",
                    "2026-02-18": "same day", "2026-03-01": "later than published"}


def test_event_activity_uses_days_recently_months_then_years():
    act = events.event_activity(_views_corpus())
    assert list(act["period"]) == ["2014", "2025-06", "2026-02-17", "2026-02-18", "2026-03-01"]
    assert events.recent_cutoff(_views_corpus()) == pd.Timestamp("2026-02-04")


def test_timeline_chart_splits_background_recent_and_later():
    from newsdesk import charts

    corpus = _views_corpus()
    fig = charts.event_timeline(events.timeline(corpus), cutoff=events.recent_cutoff(corpus))
    assert [ax.get_title(loc="left") for ax in fig.axes] == [
        "Background (2 events)", "Recent days (2 events)", "Later (1 event)"]
    assert set(fig.newsdesk_data["panel"]) == {"background", "recent days", "later"}


def test_lag_and_activity_charts_keep_their_data():
    from newsdesk import charts

    corpus = _views_corpus()
    assert charts.report_lag(events.reported_dates(corpus)).newsdesk_data["n_events"].sum() == 5
    assert len(charts.actor_activity(events.event_activity(corpus)).newsdesk_data) == 5


def test_charts_draw_an_empty_corpus():
    from newsdesk import charts

    empty = SimpleNamespace(events=pd.DataFrame(columns=[*events.EVENT_COLUMNS, "article_id"]),
                            articles=pd.DataFrame({"article_id": ["a"], "date": [REF]}))
    assert events.timeline(empty).empty
    for fig in (charts.event_timeline(events.timeline(empty)), charts.report_lag(events.reported_dates(empty)),
                charts.actor_activity(events.event_activity(empty))):
        assert fig.newsdesk_data.empty


# --------------------------------------------------------------------------- the seed article

SEED = Path(__file__).resolve().parents[1] / "data" / "demo" / "000_9954074d4e36f3b7.txt"
#: (words of the event's clause, accepted PLOVER types, date or "", actors the event row may name)
SEED_EVENTS = [
    ("abruptly called off a second day", {"CONSULT", "REJECT", "SANCTION"}, "2026-02-18", {"Ukraine", "Russia"}),
    ("six hours of meetings Tuesday", {"CONSULT"}, "2026-02-17", set()),
    ("accused Russia on Wednesday", {"ACCUSE"}, "2026-02-18", {"Volodymyr Zelenskyy", "Russia"}),
    ("has threatened to take it by force", {"THREATEN"}, "", {"Russia"}),
    ("Ukraine has rejected this demand", {"REJECT"}, "", {"Ukraine"}),
    ("full-scale invasion of Ukraine in February 2022", {"ASSAULT"}, "2022-02-01", {"Russia", "Ukraine"}),
    ("Trump put pressure on Ukraine", {"REQUEST", "COERCE"}, "2026-02-16", {"Donald Trump", "Ukraine"}),
    ("Crimean peninsula it seized in 2014", {"ASSAULT", "COERCE"}, "2014-01-01", {"Russia", "Crimea"}),
    ("wounded at least one person", {"ASSAULT"}, "2026-02-17", {"Russia"}),
    ("claiming control of villages", {"ASSAULT", "COERCE"}, "2026-02-18", {"Russia"}),
]


@pytest.fixture(scope="module")
def seed_corpus(tmp_path_factory):
    from newsdesk import analyze, load_articles

    folder = tmp_path_factory.mktemp("seed")
    (folder / SEED.name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return analyze(load_articles(folder), cache=False, progress=False)


@pytest.mark.parametrize(("words", "types", "date", "actors"), SEED_EVENTS, ids=[w for w, *_ in SEED_EVENTS])
def test_seed_event_is_coded_dated_and_names_its_actors(seed_corpus, words, types, date, actors):
    corpus = seed_corpus
    text = corpus.articles["text"].iloc[0]  # the only article
    at = text.index(words)
    ev = corpus.events
    rows = ev[(ev["start"] < at + len(words)) & (ev["end"] > at) & ev["event_type"].isin(types)]
    if date:
        rows = rows[rows["date_start"] == pd.Timestamp(date)]
    assert len(rows), ev[(ev["start"] < at + len(words)) & (ev["end"] > at)]
    named = {p for v in pd.concat([rows["actor"], rows["target"]]).dropna() for p in v.split(";")}
    assert not actors or named & actors, rows[["action", "actor", "target"]]


def test_seed_has_no_reporting_verb_event(seed_corpus):
    lemmas = seed_corpus.events["action_lemma"].str.split().str[0]
    assert not lemmas.isin({"say", "tell", "add", "note", "state", "explain", "write", "report"}).any()


def test_actor_activity_keeps_a_readable_number_of_columns():
    periods = pd.date_range("1990-01-01", periods=40, freq="YS")
    activity = pd.DataFrame({"actor": "Russia", "period": periods.strftime("%Y"), "period_start": periods,
                             "n_events": 1})
    fig = nd.charts.actor_activity(activity)
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert len(labels) == nd.charts.MAX_ACTIVITY_PERIODS and labels[0] == "before 2011"


# --------------------------------------------------------------------------- precision rules (hand reads of news)


def _types(frame: pd.DataFrame) -> set[str]:
    return set(frame["event_type"])


@pytest.mark.parametrize("text", [
    "Ukraine struck down the law.",                 # a court's ruling, no assault
    "Russia fought the bill for months.",           # legislation
    "Poland took over from Russia as chair.",       # a succession, no seizure
    "Poland took over the company.",                # a business
    "Russian shares hit a record.",                 # a market
    "Prices crashed in Russia.",
    "Russia confined itself to Kharkiv.",           # a reflexive object
])
def test_conflict_verbs_on_no_actor_are_no_events(text):
    assert not _types(extract(text)) & {"ASSAULT", "COERCE"}, extract(text)[["action", "event_type"]]


def test_conflict_verb_on_an_actor_stays_an_event():
    assert event(extract("Russia struck Kharkiv."), "struck")["event_type"] == "ASSAULT"


def test_subject_that_is_no_actor_codes_no_event():
    assert extract("The law violated the rights of Ukraine.").empty


def test_workers_striking_is_a_protest_and_a_local_group_takes_its_place():
    row = event(extract("Workers in Poland struck on Monday.", {"Monday": ("DATE", "2026-02-16")}), "struck")
    assert (row["event_type"], row["actor"]) == ("PROTEST", "Poland")


def test_visiting_forces_do_not_take_the_place_as_actor():
    assert extract("A patrol in Kharkiv attacked the village.").empty


@pytest.mark.parametrize(("text", "want"), [
    ("Russia did not sign the deal.", {"REJECT"}),       # refusing what was proposed
    ("Ukraine did not take part in the talks.", set()),  # no refusal: no event
    ("Russia declined to comment.", set()),              # no demand refused
    ("Russia denied the charges.", set()),               # denying is no PLOVER event
])
def test_negation_is_a_rejection_only_when_something_is_refused(text, want):
    assert _types(extract(text)) == want


def test_removing_a_person_from_office_is_no_rejection_but_dismissing_an_appeal_is():
    assert extract("Zelenskyy dismissed Macron.").empty
    row = event(extract("Zelenskyy dismissed an appeal from Macron."), "dismissed")
    assert row["event_type"] == "REJECT"


def test_background_past_is_not_dated_by_the_article():
    row = event(extract("Russia had invaded Ukraine."), "invaded")
    assert row["date_source"] == "none" and pd.isna(row["date_start"])
    assert event(extract("Russia invaded Ukraine."), "invaded")["date_source"] == "article"


def test_headline_participle_is_passive():
    frame = extract("Zelenskyy wounded in Kharkiv")
    assert "Volodymyr Zelenskyy" not in set(frame["actor"].dropna())


def test_event_under_its_own_if_is_hypothetical():
    row = event(extract("If Russia attacks Poland, Macron will respond."), "attacks")
    assert row["modality"] == "hypothetical"


def test_possessor_of_an_arrest_is_its_target():
    row = event(extract("Macron's arrest on Monday angered Poland.", {"Monday": ("DATE", "2026-02-16")}), "arrest")
    assert row["target"] == "Emmanuel Macron" and pd.isna(row["actor"])


def test_event_noun_said_not_to_have_happened_is_no_event():
    assert "ASSAULT" not in _types(extract("Russia did not confirm any invasion of Ukraine."))


def test_accident_killing_is_no_assault():
    assert "ASSAULT" not in _types(extract("A Russian helicopter crashed in Ukraine, killing twelve people."))


def test_pronoun_is_not_the_clause_own_object_and_it_stays_in_its_sentence():
    row = event(extract("Zelenskyy met Macron. He offered Macron a deal."), "offered")
    assert row["actor"] == "Volodymyr Zelenskyy"
    assert extract("Russia met Poland. It attacked Kharkiv.").query("action == 'attacked'").empty


def test_purchase_order_is_no_request_and_charges_are_accusations():
    assert extract("Poland ordered new tanks.").empty
    assert event(extract("Russia charged Zelenskyy with treason."), "charged")["event_type"] == "ACCUSE"


def test_business_news_is_no_political_event():
    # an organisation the mentions know only as an organisation, in a sentence about products and customers
    text = "Acme offered to replace the product for every customer."
    doc = get_nlp()(text)
    sents = segment.sentences(doc, segment.paragraphs(text)).assign(compound=0.0)
    mentions = pd.DataFrame([(0, 4, "Acme", "ORG", "Acme", "organisation", "name")], columns=MENTION_COLUMNS)
    assert events.events_from_doc(doc, sents, mentions, _timexes(text, {}), REF).empty
    assert not extract("Poland offered to replace the product for every customer.").empty  # a state acts


def test_police_marching_is_no_protest():
    assert "PROTEST" not in _types(extract("Police officers in Kharkiv marched on the square."))


def test_what_is_received_comes_from_the_giver():
    row = event(extract("Ukraine received weapons from Poland."), "received")
    assert (row["actor"], row["target"]) == ("Poland", "Ukraine")
    assert "THREATEN" not in _types(extract("Zelenskyy received death threats."))


def test_expecting_others_to_act_and_splitting_up_are_no_events():
    assert extract("Russia expected the findings of the investigation soon.").empty
    assert extract("Russia broke up into two factions.").empty


def test_date_of_the_period_an_event_happened_in_dates_it():
    text = "Zelenskyy met Macron during the 2019 campaign."
    row = event(extract(text, {"2019": ("DATE", "2019")}), "met")
    assert (row["date_source"], row["date_start"]) == ("timex", pd.Timestamp("2019-01-01"))


def test_dismissing_staff_is_no_rejection_and_sending_peacekeepers_is_aid():
    assert extract("Poland dismissed four employees.").empty
    row = event(extract("Poland will send 100 troops for peacekeeping in Ukraine."), "send")
    assert (row["event_type"], row["mode"]) == ("AID", "peacekeeping")


def test_event_noun_in_apposition_is_a_name():
    assert "AGREE" not in _types(extract("Macron discussed NAFTA, the North American trade agreement."))


def test_coming_under_pressure_and_signing_a_bill_are_no_events():
    assert extract("Russia has come under pressure to withdraw.").empty
    assert extract("Zelenskyy signed the bill into law.").empty
    assert event(extract("Russia and Ukraine signed a ceasefire."), "signed")["event_type"] in {"AGREE", "SUPPORT"}


def test_official_protest_is_an_accusation_and_asked_participle_is_passive():
    assert event(extract("Russia protested the sale of missiles to Ukraine."), "protested")["event_type"] == "ACCUSE"
    assert "REQUEST" not in _types(extract("Asked to comment on the talks, Zelenskyy said nothing."))
    assert extract("Macron asked about the cost of the war.").empty


def test_supposed_and_compounded_event_nouns_are_no_events():
    assert "ASSAULT" not in _types(extract("Poland will act in the event of a Russian invasion of Ukraine."))
    assert extract("The Ukrainian Development Aid minister spoke.").empty


def test_pattern_words_of_a_nested_clause_or_a_generic_head_do_not_code():
    assert extract("Russia used the system in 2000.").empty  # "system" stood for "AWACS system"
    assert "COERCE" not in _types(extract("Russia allowed drilling to commence within the area."))


@pytest.mark.parametrize(("text", "kept"), [
    ("The contractor Acme signed a contract with Globex.", False),
    ("Acme, the airline, ceased operations on Monday.", False),
    ("Acme Corp. criticised Globex.", False),
    ("The airline Acme offered aid to Ukraine.", True),
    ("Acme, the carrier, met the Ukrainian government.", True),
])
def test_a_company_acting_toward_no_political_actor_is_no_event(monkeypatch, text, kept):
    def mentions(sentence):
        frame = _mentions(sentence)
        for name in ("Acme", "Globex"):
            for m in re.finditer(name, sentence):
                frame.loc[len(frame)] = (m.start(), m.end(), name, "ORG", name, "organisation", "name")
        return frame.sort_values("start", ignore_index=True)

    doc = get_nlp()(text)
    sents = segment.sentences(doc, segment.paragraphs(text)).assign(compound=0.25)
    frame = events.events_from_doc(doc, sents, mentions(text), _timexes(text, {}), REF)
    assert (frame["actor"] == "Acme").any() == kept, frame[["action", "actor", "target"]]


@pytest.mark.parametrize("text", [
    "Poland said that between 500 and 700 soldiers attacked Kharkiv.",
    "In addition to placing the death toll at 85, the Ukrainian government also said that between 500 and 700 "
    "Russian commandos took part in the raid.",
])
def test_the_reporter_is_not_the_source_of_a_clause_with_its_own_subject(text):
    ev = extract(text)
    assert not (ev["actor_source"] == "sentence").any(), ev[["action", "actor", "target"]]


def _extract_with(text: str, names: dict) -> pd.DataFrame:
    """Like ``extract``, with the mentions ``names`` (text -> (label, actor)) added."""
    doc = get_nlp()(text)
    sents = segment.sentences(doc, segment.paragraphs(text)).assign(compound=0.25)
    rows = [(m.start(), m.end(), word, label, actor, "person" if label == "PERSON" else "other", "name")
            for word, (label, actor) in names.items() for m in re.finditer(rf"\b{re.escape(word)}\b", text)]
    mentions = pd.concat([_mentions(text), pd.DataFrame(rows, columns=MENTION_COLUMNS)]).sort_values(
        "start", ignore_index=True)
    return events.events_from_doc(doc, sents, mentions, _timexes(text, {}), REF)


def test_a_possessor_of_relatives_and_a_lone_first_name_are_not_the_source():
    text = "Zelenskyy's siblings and her parents, Bob and Mary Schindler, challenge the decision of Poland."
    ev = _extract_with(text, {"Bob": ("PERSON", "Bob"), "Mary Schindler": ("PERSON", "Mary Schindler")})
    assert "Volodymyr Zelenskyy" not in " ".join(ev["actor"].dropna()) and "Bob" not in " ".join(ev["actor"].dropna())


def test_a_document_code_is_no_actor():
    ev = _extract_with("EO 12810 placed sanctions on Russia in 1992.", {"EO": ("ORG", "EO")})
    assert "EO" not in set(ev["actor"].dropna())


@pytest.mark.parametrize("text, coded_demand", [
    ("Russian and Ukrainian demand has the potential to raise prices.", False),
    ("Poland rejected Ukrainian demands.", True),
    ("Russian demand that Ukraine withdraw was rejected by Poland.", True),
    ("Poland reiterated its demand today that Russia withdraw from Ukraine.", True),
])
def test_the_noun_demand_asks_only_with_a_complement_or_in_the_plural(text, coded_demand):
    ev = extract(text)
    assert ev["action_lemma"].str.startswith("demand").any() == coded_demand, ev[["action", "event_type"]]


@pytest.mark.parametrize("text", [
    "Ukraine is trying to control the situation in Kharkiv.",  # a vague object: no one is acted on
    "Poland appointed Zelenskyy as minister.",  # filling an office is no act toward an actor
    "Poland appointed Zelenskyy minister of defence.",
    "Poland named Zelenskyy as foreign minister.",
    "Zelenskyy stormed back to the office of Macron.",  # storming is an assault on a place it enters
    "Zelenskyy came to office in Ukraine in 2019.",  # taking office is no visit
    "Macron came to power in 2017.",
])
def test_non_political_acts_are_no_events(text):
    assert extract(text).empty, extract(text)[["action", "event_type"]]


def test_being_met_by_police_is_no_meeting_but_being_met_by_a_leader_is():
    ev = _extract_with("Hundreds of Kifaya protesters were met by thousands of riot police in Cairo.",
                       {"Cairo": ("GPE", "Egypt"), "Kifaya": ("ORG", "Kifaya")})
    assert not (ev["event_type"] == "CONSULT").any(), ev[["action", "event_type"]]
    assert coded(extract("Zelenskyy was met by Macron in Poland."), "met")[0] == "CONSULT"


def test_who_does_not_refer_to_a_place():
    ev = extract("Poland supplies just one soldier to Ukraine who assists in the clearance of landmines.")
    assert "Ukraine" not in set(ev["actor"].dropna()), ev[["action", "actor", "target"]]
    ev = extract("Poland sent a letter to Zelenskyy who rejected the proposal of Russia.")
    assert coded(ev, "rejected")[2] == "Volodymyr Zelenskyy"


def test_storming_a_place_and_sending_an_envoy_stay_events():
    assert coded(extract("Russian troops stormed into the parliament of Ukraine."), "stormed")[0] == "ASSAULT"
    assert coded(extract("Poland appointed an envoy to Ukraine."), "appointed")[0] == "SUPPORT"


def test_joining_protesters_is_a_protest_joining_talks_a_meeting():
    assert coded(extract("Zelenskyy joined the protesters in Kharkiv."), "joined")[:3] == (
        "PROTEST", "material conflict", "Volodymyr Zelenskyy")
    assert coded(extract("Poland joined the talks with Russia."), "joined")[0] == "CONSULT"


@pytest.mark.parametrize(("text", "action", "modality"), [
    ("Ukraine will not resume talks until Russia withdraws its troops from Kharkiv.", "withdraws", "hypothetical"),
    ("The Russian withdrawal from Kharkiv could begin next month.", "withdrawal", "hypothetical"),
    ("Russia withdrew its troops from Kharkiv before Ukraine resumed talks.", "withdrew", "asserted"),
])
def test_pending_clauses_and_nouns_under_a_modal_are_not_asserted(text, action, modality):
    assert event(extract(text), action)["modality"] == modality
