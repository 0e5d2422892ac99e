"""Quotations, their speakers, titles, organisations and channels."""
import pytest

from sitrep.extract import extract_facts
from sitrep.extract.sentences import find_quotes


def stmts(text):
    return [r for r in extract_facts(text).statements if r["quote_kind"] == "direct"]


@pytest.mark.parametrize("text,quote", [
    ('Intro.\n\n“We stay here,” Col. Ana Ruiz said.', "We stay here"),
    ('Intro.\n\n"We stay here," Col. Ana Ruiz said.', "We stay here"),
    ("Intro.\n\n'We stay here,' Col. Ana Ruiz said.", "We stay here"),
    ("Intro.\n\n‘We stay here,’ Col. Ana Ruiz said.", "We stay here"),
])
def test_curly_straight_and_single_quotation_marks(text, quote):
    assert stmts(text)[0]["quote"] == quote


def test_apostrophes_are_not_quotation_marks():
    text = "Slovenia‘s soldiers stay. It’s the Iraqis’ decision, and that's final."
    assert find_quotes(text) == []


def test_quote_split_around_the_attribution_keeps_the_speaker():
    text = 'Intro.\n\n"This is a milestone," Gen. Omar Haddad said. "They will hold it."'
    assert [r["speaker"] for r in stmts(text)] == ["Omar Haddad", "Omar Haddad"]


@pytest.mark.parametrize("text,speaker", [
    ('Intro.\n\n"We are ready," said Lt. Gen. Alfons Mais.', "Alfons Mais"),
    ('Intro.\n\nDefense Secretary Mark Esper told CNN: "We are ready and able."', "Mark Esper"),
    ('Intro.\n\nAccording to Col. Ana Ruiz, the move was "all about keeping people safe."', "Ana Ruiz"),
    ('Intro.\n\nMaj. Dan Reyes tweeted: "Move complete, all safe."', "Dan Reyes"),
])
def test_speaker_from_the_reporting_verb_in_either_order(text, speaker):
    assert stmts(text)[0]["speaker"] == speaker


def test_he_resolves_to_the_person_named_before():
    text = ('President Emmanuel Macron defended the decision.\n\n'
            '"We cannot remain engaged alongside them," he said.')
    assert stmts(text)[0]["speaker"] == "Emmanuel Macron"


def test_the_spokesman_resolves_to_the_named_spokesman():
    text = ('A spokesman for the coalition, Col. Myra Bell, said troops will leave.\n\n'
            '"We are moving people for their safety," the spokesman wrote on Twitter.')
    row = stmts(text)[0]
    assert row["speaker"] == "Myra Bell" and row["channel"] == "Twitter"


def test_a_described_commander_resolves_by_the_shared_description():
    text = ('Aino Tamm, an Estonian army colonel, told ERR that the staff had moved. '
            'Then Prime Minister Kaja Vesi spoke about the budget.\n\n'
            'The Estonian commander said the move was "about keeping people safe."')
    assert stmts(text)[0]["speaker"] == "Aino Tamm"


def test_title_is_split_from_the_name():
    text = 'Intro.\n\n"We will not leave this region," Secretary of State for Defence Ben Wallace said.'
    row = stmts(text)[0]
    assert (row["speaker"], row["speaker_title"]) == ("Ben Wallace", "Secretary of State for Defence")


def test_unnamed_spokesperson_of_an_organisation():
    text = 'Intro.\n\n"We have not moved the headquarters," a CJTF-OIR spokesperson said Tuesday.'
    row = stmts(text)[0]
    assert (row["speaker"], row["speaker_title"], row["speaker_org"]) == (None, "spokesperson", "CJTF-OIR")


def test_the_official_resolves_to_the_unnamed_official_not_an_earlier_name():
    text = ('Intro.\n\n"We are fine," Defence Secretary Ben Wallace told the BBC.\n\n'
            'A ministry official said the move cost money. The official said it was "worth every penny spent."')
    assert stmts(text)[-1]["speaker"] is None and stmts(text)[-1]["speaker_title"] == "official"


def test_organisation_as_speaker():
    text = 'Intro.\n\nThe Iraqi parliament adopted a resolution seeking to "end the presence of foreign troops."'
    assert "parliament" in (stmts(text)[0]["speaker_org"] or "")


def test_channel_letter_and_phone():
    text = ('Intro.\n\n"We respect your decision to order our departure," Gen. Will Seely wrote in a letter.\n\n'
            '"We flew by night and arrived safely," Col. Tonu Mets told ERR over the phone.')
    assert [r["channel"] for r in stmts(text)] == ["letter", "ERR"]


def test_indirect_speech_is_quote_kind_indirect():
    rows = extract_facts("Gen. Frank Mercer said that troop numbers will be cut to 3,000.").statements
    assert rows and rows[0]["quote_kind"] == "indirect" and rows[0]["speaker"] == "Frank Mercer"


def test_headline_lines_are_not_statements():
    text = "Trump threatens Iraq with ‘very big sanctions’ over airbase\n\nBody text follows here."
    assert extract_facts(text).statements == []


def test_speakers_in_the_written_articles(article_facts):
    named = {r["speaker"] for _, _, f in article_facts for r in f.statements if r["quote_kind"] == "direct"}
    assert {"Trine Bramsen", "Linda Reynolds", "Alfons Mais", "Justin Trudeau"} <= named


def test_the_name_before_a_definite_apposition_is_the_speaker():
    facts = extract_facts('Gen. Jane Holm, the commander of the northern brigade, told reporters that "the move is '
                          'planned and the units are ready to go."')
    assert [r["speaker"] for r in facts.statements] == ["Jane Holm"]
