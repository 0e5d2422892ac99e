"""Speakers read off the parse: one phenomenon per test, on sentences written for the test."""
from sitrep.extract import extract_facts


def speakers(text):
    return [(r["speaker"], r["speaker_title"], r["speaker_org"]) for r in extract_facts(text).statements
            if r["quote_kind"] == "direct"]


def test_a_subject_with_a_relative_clause_is_still_the_speaker():
    text = ('"The last convoy has left the valley," Defence Minister Aino Kallas, who is visiting the coast, '
            'said on Monday.')
    assert speakers(text)[0][0] == "Aino Kallas"


def test_a_person_named_inside_the_subject_phrase_is_the_speaker():
    text = '"The first company lands next week," said the Dutch Ambassador to Estonia Jan Visser on Friday.'
    assert "Visser" in (speakers(text)[0][0] or "")


def test_an_abbreviated_rank_does_not_cut_the_speakers_name_off():
    text = '"We packed everything in two days," said Sgt. 1st Class Dana Whitlock, a supply clerk.'
    assert "Whitlock" in (speakers(text)[0][0] or "")


def test_a_name_with_a_joined_particle_is_a_name():
    text = 'Security adviser Karim al-Hadithi remarked on television, "The mission has come to its end."'
    assert speakers(text)[0][0] == "Karim al-Hadithi"


def test_a_statement_by_someone_is_theirs():
    text = '"Two more batteries will arrive," a statement by Navy spokesman Cmdr. Lee Okafor said.'
    assert "Okafor" in (speakers(text)[0][0] or "")


def test_the_statement_added_continues_the_statement_quoted_before():
    text = ('"The convoy arrived safely," the Ruritanian Defence Ministry said in a statement.\n\n'
            '"No one was hurt on the way," the statement added.')
    rows = speakers(text)
    assert rows[1] == rows[0] and rows[0][2]


def test_it_said_stands_for_the_institution_quoted_before():
    text = ('"The patrol came under fire," the peacekeeping mission said.\n\n'
            '"Nobody was injured," it said, adding that it had protested.')
    rows = speakers(text)
    assert rows[1] == rows[0] and rows[0][2]


def test_one_and_two_word_quotations_are_scare_quotes_not_statements():
    text = 'The ministry called the move "temporary" and the talks "very constructive," officials said.'
    assert speakers(text) == []


def test_it_with_nothing_to_stand_for_leaves_the_speaker_empty_not_it():
    text = 'Intro.\n\n"The road is closed," it said.'
    assert speakers(text) == [(None, None, None)]


def test_a_relative_who_is_the_person_the_clause_is_about():
    text = 'Intro.\n\nAino Kallas, 72, who said "we will not give up the fight," lives near the base.'
    assert speakers(text)[0][0] == "Aino Kallas"


def test_a_base_named_after_a_title_word_is_not_a_person_a_later_she_can_be():
    text = ('Defence Minister Aiko Tanaka spoke on Monday. Protesters gathered outside Marine Corps Air Station '
            'Ruritania.\n\n"We will stay here every day," she said.')
    assert speakers(text)[0][0] == "Aiko Tanaka"


def test_an_organisation_named_as_the_subject_speaks_whole():
    text = ('Intro.\n\n"The patrol was hit near the village," the United Nations Truce Supervision Organization '
            'said in a statement.')
    row = speakers(text)[0]
    assert row[0] is None and "United Nations Truce Supervision Organization" in (row[2] or "")
