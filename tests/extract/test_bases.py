"""Base rows: one canonical name per base, events, recipients and dates."""
import datetime

import pytest

from sitrep.extract import extract_facts
from sitrep.extract.bases import canonical, find_mentions


def test_qayyarah_spellings_share_one_canonical_name():
    assert canonical("al-Qayyarah Air Base") == canonical("Qayyara air base") == canonical("Qayyarah Airfield West")


def test_k1_and_k2_stay_distinct_whatever_the_spelling():
    assert canonical("K-1") == canonical("K1 military base") == canonical("K 1")
    assert canonical("K-2 Air Base") != canonical("K-1 Air Base")


def test_qayyarah_is_not_confused_with_k1():
    assert canonical("Qayyarah") != canonical("K1")


def test_ain_al_asad_transliterations_match():
    assert canonical("Ain Al-Assad Airbase") == canonical("Ain al-Asad")


@pytest.mark.parametrize("text,name", [
    ("Troops moved to Camp Foxglove on Monday.", "Camp Foxglove"),
    ("Rockets hit Zubair Air Base overnight.", "Zubair Air Base"),
    ("Rockets hit al-Zubair airbase overnight.", "Zubair Air Base"),
    ("Rockets hit the Zubair military base overnight.", "Zubair Base"),
    ("They handed over K-7 to the army.", "K7 Air Base"),
])
def test_unknown_bases_are_recognised_by_pattern(text, name):
    assert [m.value for m in find_mentions(text)] == [name]


def test_generic_phrases_are_not_bases():
    assert find_mentions("A US military base and the Iraqi air base were quiet.") == []


def test_handover_with_recipient_and_full_date():
    rows = extract_facts("The coalition said it had handed over Camp Taji to Iraqi forces on September 23, 2020.").bases
    assert [(r["base"], r["event"], r["to_party"], r["event_date"]) for r in rows] == [
        ("Camp Taji", "handover", "IRQ", datetime.date(2020, 9, 23))]


def test_day_without_year_takes_the_year_from_the_document_date():
    rows = extract_facts("The coalition announced on March 26 that it is handing over Qayyara air base to Iraq.",
                         published_on=datetime.date(2020, 7, 1)).bases
    assert rows[0]["event_date"] == datetime.date(2020, 3, 26)


def test_weekday_is_resolved_only_with_a_reference_date():
    text = "Drones struck al-Tanf on Tuesday."
    assert extract_facts(text).bases[0]["event_date"] is None
    assert extract_facts(text, published_on=datetime.date(2019, 10, 25)).bases[0]["event_date"] == datetime.date(2019, 10, 22)


@pytest.mark.parametrize("text,event", [
    ("The coalition transferred Al Taqaddum Air Base to Iraq.", "handover"),
    ("Troops evacuated Camp Taji after the warning.", "evacuate"),
    ("US forces consolidated at bases still under its control, such as Camp Victory.", "retain"),
    ("Rockets struck Camp Taji on Wednesday.", "attack"),
    ("Camp Arifjan hosts 5,000 soldiers.", "host"),
    ("Staff relocated from Baghdad to Taji.", "relocate"),
])
def test_event_comes_from_the_trigger_nearest_the_base(text, event):
    assert extract_facts(text).bases[0]["event"] == event


def test_the_same_event_restated_is_one_row():
    text = ("The coalition is handing over the al-Qayyarah Air Base to Iraq.\n\n"
            "The handover of Qayyara air base was long planned.")
    assert len(extract_facts(text).bases) == 1


def test_troop_count_at_an_anaphoric_base_is_tied_to_it():
    text = ("The coalition is handing over the al-Qayyarah Air Base to Iraq.\n\n"
            "Approximately 800 troops of the coalition were located in the airbase.")
    assert extract_facts(text).bases[0]["troop_count"] == 800


def test_it_as_subject_of_an_event_verb_refers_to_the_base_named_just_before():
    text = "A new hub, Camp Harrier, opened last month. It will host at least 600 soldiers."
    rows = extract_facts(text).bases
    assert [(r["base"], r["event"]) for r in rows] == [("Camp Harrier", "host")]


def test_the_camp_refers_back_to_the_camp_named_before():
    text = "Camp Foxglove lies north of the city. Yesterday the camp was hit by two rockets."
    rows = extract_facts(text).bases
    assert [(r["base"], r["event"]) for r in rows] == [("Camp Foxglove", "attack")]


def test_it_not_followed_by_an_event_verb_is_no_base_event():
    text = "Camp Foxglove lies north of the city. It is unclear whether troops will leave soon."
    assert extract_facts(text).bases == []


def test_an_anaphoric_event_adds_nothing_to_a_base_that_already_has_an_event():
    text = ("The coalition handed over Camp Foxglove to Iraqi forces on March 3. "
            "Hundreds of troops will evacuate the base this week.")
    assert [r["event"] for r in extract_facts(text).bases] == ["handover"]


def test_a_planned_event_does_not_take_the_date_of_the_speaking():
    text = "Camp Foxglove opened last month. It will host 600 soldiers, a spokesman said on Wednesday."
    rows = extract_facts(text, datetime.date(2023, 5, 17)).bases
    assert rows and rows[0]["event_date"] is None


@pytest.mark.parametrize("text,name", [
    ("The destroyer arrived at Naval Station Westport on Monday.", "Naval Station Westport"),
    ("A drone struck Mission Support Site Redwood overnight.", "Mission Support Site Redwood"),
    ("The army took over the Rudnava camp in March.", "Camp Rudnava"),
    ("Marines will live at Ashcombe Barracks during the rotation.", "Ashcombe Barracks"),
])
def test_bases_named_type_first_or_with_barracks_and_camp_after_the_name(text, name):
    assert [m.value for m in find_mentions(text)] == [name]


def test_a_canonical_name_keeps_the_accents_the_article_writes():
    assert canonical("Camp Ādaži") == "Camp Ādaži"
    assert canonical("Camp Adazi") == "Camp Adazi"
