"""Base events read off the parse: the verb or event noun that governs the base's name (base_event_lemmas.csv)."""
from sitrep.extract import extract_facts


def events(text):
    return [(r["base"], r["event"]) for r in extract_facts(text).bases]


def test_the_governing_verb_with_its_particle_names_the_event():
    assert events("Italian troops handed over Camp Arena to Afghan forces.") == [("Camp Arena", "handover")]


def test_an_event_noun_governs_the_base_it_is_of():
    assert events("The closure of Camp Marmal was completed in June.")[0][1] == "evacuate"


def test_a_verb_without_an_event_takes_the_event_noun_it_governs():
    assert events("The base at Camp Bastion came under rocket attack on Tuesday.")[0][1] == "attack"


def test_a_base_described_as_still_under_control_is_retained():
    assert events("US forces consolidated at bases still under its control, such as Camp Victory.") == \
        [("Camp Victory", "retain")]


def test_a_base_named_where_troops_are_hosts_them_when_no_event_word_governs_it():
    assert events("About 500 Dutch soldiers are at Camp Castor.") == [("Camp Castor", "host")]


def test_the_noun_base_is_not_the_verb_based():
    assert events("British troops left the base at Camp Bastion.") == [("Camp Bastion", "evacuate")]


def test_a_base_without_troops_or_an_event_word_is_no_row():
    assert events("Camp Castor is named after a beaver.") == []
