"""Quotes: quote marks, cues, speakers, continuation, partial and scare quotes."""

import pandas as pd
import pytest

from newsdesk.quotes import QUOTE_COLUMNS, find_quotes, quote_spans


def only(text: str) -> dict:
    """The single quote found in ``text``."""
    frame = find_quotes(text)
    assert len(frame) == 1, frame
    return frame.iloc[0].to_dict()


def speaker_text(text: str, row: dict) -> str:
    return text[int(row["speaker_start"]):int(row["speaker_end"])]


# --------------------------------------------------------------------------- quote marks


@pytest.mark.parametrize(("text", "spans"), [
    ('He said "yes" today.', ["yes"]),
    ("He said \u201cyes\u201d today.", ["yes"]),
    ("He said \u00abyes\u00bb today.", ["yes"]),
    ('He said "yes" and "no" today.', ["yes", "no"]),
    ('"Outer \u201cinner\u201d words," he said.', ["Outer \u201cinner\u201d words,"]),
    ('He said "yes, and no', ["yes, and no"]),  # unbalanced: runs to the paragraph end
    ('He said "yes\n\nThen "no" came.', ["yes", "no"]),  # recovers at the paragraph break
    ('"One.\n\n"Two."', ["One.", "Two."]),  # a quote over two paragraphs
    ('An "" empty pair.', []),
    ("No marks at all.", []),
])
def test_quote_spans(text, spans):
    assert [text[s:e] for s, e in quote_spans(text)] == spans


def test_empty_text_gives_the_columns():
    frame = find_quotes("")
    assert list(frame.columns) == QUOTE_COLUMNS
    assert frame.empty


# --------------------------------------------------------------------------- speakers and cues


@pytest.mark.parametrize(("text", "quote", "speaker", "cue"), [
    ('"We will win this fight," Maria Lopez said.', "We will win this fight,", "Maria Lopez", "said"),
    ('"We will win this fight," said Maria Lopez.', "We will win this fight,", "Maria Lopez", "said"),
    ('Maria Lopez said: "We will win this fight."', "We will win this fight.", "Maria Lopez", "said"),
    ("\u201cWe will win this fight,\u201d Maria Lopez said.", "We will win this fight,", "Maria Lopez", "said"),
    ('The talks were "difficult, but useful," the head of the delegation, Maria Lopez, told reporters.',
     "difficult, but useful,", "Maria Lopez", "told"),
    ('Maria Lopez accused the council of seeking to "drag out" the talks.', "drag out", "Maria Lopez", "accused"),
    ('Maria Lopez pressed the council on Monday, saying they "better act fast."', "better act fast.",
     "Maria Lopez", "saying"),
    ('Norway says the deal would "reward" aggression.', "reward", "Norway", "says"),
    ('The talks were "productive and calm," according to Maria Lopez.', "productive and calm,",
     "Maria Lopez", "according to"),
    ('Maria Lopez, who said the plan was "a disaster", left the room.', "a disaster", "Maria Lopez", "said"),
])
def test_speaker_and_cue(text, quote, speaker, cue):
    row = only(text)
    assert (row["quote"], row["speaker"], row["cue"]) == (quote, speaker, cue)


def test_quote_introduced_by_a_colon_without_cue():
    row = only('Maria Lopez had a simple answer: "We will never give up on the people of this city."')
    assert row["speaker"] == "Maria Lopez"
    assert row["cue"] is None


def test_speaker_after_a_coordinated_verb():
    row = only('Maria Lopez criticised the plan and said it had been "difficult."')
    assert row["speaker"] == "Maria Lopez"


def test_pronoun_speaker_is_resolved_and_points_at_the_pronoun():
    text = 'Maria Lopez spoke on Tuesday.\n\n"We will win this fight," she said.'
    row = only(text)
    assert row["speaker"] == "Maria Lopez"
    assert speaker_text(text, row) == "she"


def test_description_speaker_is_resolved():
    text = 'Mayor Maria Lopez spoke on Tuesday.\n\nThe mayor said the plan was "a mistake".'
    row = only(text)
    assert row["speaker"] == "Maria Lopez"
    assert speaker_text(text, row).lower().endswith("mayor")


def test_surname_gets_the_full_name():
    frame = find_quotes('Maria Lopez arrived late.\n\n"It is over," Lopez said.')
    assert frame["speaker"].tolist() == ["Maria Lopez"]


def test_role_only_speaker_is_the_person_introduced_with_that_role():
    text = ('The spokesman of the city council, Tomas Berg, met reporters on Monday.\n\n'
            '"We have nothing to hide," the spokesman said.')
    row = only(text)
    assert row["speaker"] == "Tomas Berg"
    assert speaker_text(text, row).endswith("spokesman")


def test_two_people_with_one_surname_keep_their_quotes():
    text = ('Oral Roberts founded the school in 1963. His son Richard Roberts led it until Friday.\n\n'
            '"I am sorry for the pain I caused," Roberts said.')
    assert only(text)["speaker"] == "Richard Roberts"


def test_quote_signed_after_a_dash_is_the_signers():
    text = ('Readers sent us their views.\n'
            '\u201cThe plan will not work and everyone knows it.\u201d \u2015 Ana Ruiz\n'
            '\u201cI will vote for the plan because it helps my street.\u201d \u2015\u00a0Tomas Berg.\n')
    assert find_quotes(text)["speaker"].tolist() == ["Ana Ruiz", "Tomas Berg"]


def test_transcript_turn_names_its_speaker():
    text = ('The host Chris Wallace spoke to Mike Pence.\n\n'
            '"WALLACE: Will she be at the debate tomorrow night, Governor?\n\n'
            '"PENCE: I think that is a distraction from the real issues of this race.')
    assert find_quotes(text)["speaker"].tolist() == ["Chris Wallace", "Mike Pence"]


def test_quote_after_a_sentence_where_someone_spoke_is_theirs():
    text = ('The board may wait until the vote, Maria Lopez said. "The other option is to act now and '
            'explain it later to the voters of this city."')
    assert only(text)["speaker"] == "Maria Lopez"


def test_a_thing_under_the_reporting_verb_does_not_speak():
    text = ('City Attorney Brad Holm said in the letter that the advertisement "unmistakably and '
            'wrongfully" suggests that the police support the campaign.')
    assert only(text)["speaker"] == "Brad Holm"


@pytest.mark.parametrize(("text", "speaker"), [
    ('"We can use it only where they allow," a Rio Tinto spokeswoman said.', "Rio Tinto"),
    ('"One person was hurt," said a statement issued by the Interior Ministry.', "Interior Ministry"),
])
def test_unnamed_spokesperson_speaks_for_the_body_named_with_them(text, speaker):
    assert only(text)["speaker"] == speaker


def test_relatives_of_a_named_person_are_not_that_person():
    text = 'Tomas Berg\'s relatives watched the video and said they had "more questions than answers."'
    assert only(text)["speaker"] != "Tomas Berg"


def test_date_after_the_cue_is_not_the_speaker():
    text = '"We will find who did this," police Chief Maria Lopez said Monday.'
    assert only(text)["speaker"] == "Maria Lopez"


# --------------------------------------------------------------------------- continuation


def test_next_quote_in_the_paragraph_continues_the_speaker():
    frame = find_quotes('"We will fight," Maria Lopez said. "We will win."')
    assert frame["speaker"].tolist() == ["Maria Lopez", "Maria Lopez"]


def test_quote_over_several_paragraphs_keeps_its_speaker():
    text = ('Maria Lopez said: "We will fight on the beaches.\n\n'
            '"We will fight in the fields.\n\n"We shall never surrender."')
    frame = find_quotes(text)
    assert frame["quote"].tolist() == [
        "We will fight on the beaches.", "We will fight in the fields.", "We shall never surrender."]
    assert frame["speaker"].tolist() == ["Maria Lopez"] * 3


def test_unbalanced_mark_recovers_at_the_paragraph_end():
    text = 'Maria Lopez said "we will win. Then nothing happened.\n\nLater, officials said it was "calm."'
    frame = find_quotes(text)
    assert frame["quote"].tolist() == ["we will win. Then nothing happened.", "calm."]
    assert frame["speaker"].iloc[0] == "Maria Lopez"


# --------------------------------------------------------------------------- partial, scare, tone


@pytest.mark.parametrize(("text", "partial"), [
    ('"We will win this fight," Maria Lopez said.', False),
    ('Maria Lopez said: "We will win this fight."', False),
    ('Maria Lopez said the day had been "difficult."', True),
    ('Maria Lopez said it was "not fair" to anyone.', True),
])
def test_partial(text, partial):
    assert only(text)["partial"] is partial


def test_so_called_word_is_a_scare_quote_without_speaker():
    row = only('The so-called "peace plan" was published on Monday.')
    assert row["scare"] is True
    assert row["speaker"] is None


def test_speech_is_not_a_scare_quote():
    assert only('"We will win this fight," Maria Lopez said.')["scare"] is False


def test_compound_follows_the_tone_of_the_quote():
    frame = find_quotes('"This is a wonderful, happy day," Maria Lopez said. '
                        '"It was a terrible, cruel attack," Maria Lopez said.')
    assert frame["compound"].iloc[0] > 0 > frame["compound"].iloc[1]


def test_frame_types():
    frame = find_quotes('"We will win this fight," Maria Lopez said.')
    assert list(frame.columns) == QUOTE_COLUMNS
    assert frame["speaker_start"].dtype == pd.Int64Dtype()
    assert frame["partial"].dtype == bool


def test_quoted_as_saying_gives_the_one_quoted():
    text = 'A local radio station quotes Maria Fernandes, a nurse, as saying "We have had no water for a week."'
    assert find_quotes(text)["speaker"].tolist() == ["Maria Fernandes"]


def test_a_named_second_subject_speaks_for_its_description():
    text = ('The watchdog group the Centre for Public Integrity has called it "a clear case of waste '
            'of public money."')
    assert find_quotes(text)["speaker"].tolist() == ["Centre for Public Integrity"]


def test_the_agent_of_a_passive_cue_speaks():
    text = 'The new law was described by Kurmanbek Bakiyev as "the voice of the whole nation".'
    assert find_quotes(text)["speaker"].tolist() == ["Kurmanbek Bakiyev"]


def test_as_someone_phrased_it_names_the_speaker():
    text = 'The bill allows the army to act, or "take firm measures" as the Defence Ministry has phrased it, at once.'
    row = only(text)
    assert row["speaker"] == "Defence Ministry" and not row["scare"]
