"""Troop rows: actors, counts, actions and places read from the sentence."""
import pytest

from sitrep.extract import extract_facts


def troops(text):
    return extract_facts(text).troops


def one(text):
    rows = [r for r in troops(text) if r["troop_count"] is not None]
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("text,actor", [
    ("The Bundeswehr has 90 soldiers in Jordan.", "DEU"),
    ("About 70 German troops are based in Erbil.", "DEU"),
    ("Some 400 British troops are stationed in Estonia.", "GBR"),
    ("Around 95 Kiwi soldiers are serving in Iraq.", "NZL"),
    ("New Zealand has 95 soldiers in Iraq.", "NZL"),
    ("About 300 troops of the U.S.-led coalition are based in Syria.", "COALITION"),
    ("CJTF-OIR has 2,000 personnel in Kuwait.", "COALITION"),
    ("NATO will send 500 more troops to Iraq.", "NATO"),
])
def test_actor_comes_from_names_adjectives_and_institutions(text, actor):
    assert one(text)["actor"] == actor


@pytest.mark.parametrize("text,count,kind", [
    ("Spain has 5,000 soldiers in Lebanon.", 5000, "exact"),
    ("Spain has 5200 soldiers in Lebanon.", 5200, "exact"),
    ("Spain has six soldiers in Lebanon.", 6, "exact"),
    ("Spain has two thousand soldiers in Lebanon.", 2000, "exact"),
    ("Spain has around 600 soldiers in Lebanon.", 600, "approximate"),
    ("Spain will send up to 300 soldiers to Lebanon.", 300, "approximate"),
    ("Spain has more than 650 soldiers in Lebanon.", 650, "approximate"),
    ("Spain has at least 40 soldiers in Lebanon.", 40, "approximate"),
])
def test_counts_in_digits_words_and_approximations(text, count, kind):
    row = one(text)
    assert (row["troop_count"], row["count_kind"]) == (count, kind)


@pytest.mark.parametrize("text", [
    "Hundreds of Spanish soldiers will withdraw from Lebanon.",
    "Dozens of Spanish troops will leave Lebanon.",
    "100s of Spanish troops will leave Lebanon.",
])
def test_vague_amounts_give_a_null_count_of_kind_vague(text):
    rows = troops(text)
    assert rows and all(r["troop_count"] is None and r["count_kind"] == "vague" for r in rows)


@pytest.mark.parametrize("text", [
    "The alliance has 30 members.",
    "The mission has trained 47,000 soldiers since 2015.",
    "Since 2015, 47,000 soldiers were trained by the coalition.",
    "Militias fired 12 rockets at the base, 40 kilometres from Baghdad.",
    "The attack killed three American soldiers.",
    "The program cost $500 million in 2019.",
    "Over 20 years the war changed.",
])
def test_numbers_that_are_not_troops_produce_no_counted_rows(text):
    assert [r for r in troops(text) if r["troop_count"] is not None] == []


@pytest.mark.parametrize("text,action", [
    ("Poland will move 80 soldiers from Baghdad to Kuwait.", "relocate"),
    ("Poland has withdrawn 80 soldiers from Iraq.", "withdraw"),
    ("Poland's 80 soldiers are staying in Erbil.", "remain"),
    ("The number of Polish troops in Iraq will be cut down to 80.", "reduce"),
    ("Poland is sending 80 soldiers to Kuwait.", "deploy"),
    ("About 80 Polish soldiers are deployed in Iraq.", "present"),
    ("Poland evacuated 80 soldiers from the embassy.", "evacuate"),
])
def test_action_comes_from_the_verb_and_its_form(text, action):
    assert one(text)["action"] == action


def test_origin_and_location_from_prepositions():
    row = one("Romania is moving its 14 troops from Baghdad to Taji.")
    assert (row["origin"], row["location"]) == ("Baghdad", "Taji")


def test_a_list_of_destinations_is_kept_whole():
    assert one("Germany will move 35 soldiers into neighboring Kuwait and Jordan.")["location"] == "Kuwait and Jordan"


def test_the_country_resolves_to_the_country_named_before():
    row = one("NATO stopped training in Iraq and will withdraw 500 trainers from the country.")
    assert row["origin"] == "Iraq"


def test_two_contingents_in_one_sentence_do_not_share_a_verb():
    rows = troops("Croatian forces will withdraw to Kuwait, while Slovenia's six soldiers are staying in Erbil.")
    by_actor = {r["actor"]: r for r in rows}
    assert by_actor["HRV"]["action"] == "withdraw" and by_actor["SVN"]["action"] == "remain"
    assert by_actor["SVN"]["troop_count"] == 6


def test_named_unit_is_recorded():
    row = one("Roughly 4,000 soldiers from the 1st Brigade of the 82nd Airborne Division began deploying to Kuwait.")
    assert row["unit"] == "1st Brigade of the 82nd Airborne Division" and row["actor"] == "USA"


def test_a_figure_repeated_in_a_quote_is_one_contingent():
    text = ('The Pentagon said U.S. forces in Afghanistan would be reduced to 2,500.\n\n'
            '"Our force size will be 2,500 troops," the secretary said.')
    assert len([r for r in troops(text) if r["troop_count"] == 2500]) == 1


def test_movement_without_a_number_is_a_row_with_count_kind_none():
    rows = troops("French troops have withdrawn from the country.")
    assert rows[0]["actor"] == "FRA" and rows[0]["count_kind"] == "none" and rows[0]["action"] == "withdraw"


def test_vague_count_of_them_takes_the_actor_of_the_troops_named_just_before():
    text = "About 4,500 Danish troops are deployed in Estonia. Hundreds of them will fly out of Tapa next month."
    rows = [r for r in troops(text) if r["count_text"] == "Hundreds"]
    assert len(rows) == 1 and rows[0]["actor"] == "DNK" and rows[0]["action"] == "withdraw"


def test_of_them_without_troops_in_the_previous_sentence_is_not_a_row():
    text = "Thousands of refugees reached the border. Hundreds of them will fly out of Erbil next week."
    assert troops(text) == []


def test_where_clause_has_its_own_action_and_takes_the_place_just_named():
    text = "The last French units will relocate to neighbouring Niger, where some 1,000 French soldiers are based."
    row = one(text)
    assert (row["troop_count"], row["action"], row["location"]) == (1000, "present", "Niger")


def test_where_troops_were_stationed_is_the_origin_of_their_move():
    row = one("A further 200 Italian soldiers who had been based in Baghdad were moved to Kuwait.")
    assert (row["origin"], row["location"]) == ("Baghdad", "Kuwait")


@pytest.mark.parametrize("text", [
    "Trump threatened sanctions if US troops are forced to withdraw from Iraq.",
    "Finland has not yet made a decision about pulling troops from Iraq.",
    "The official recalled an earlier plan to pull all forces out of Syria.",
    "Coalition personnel generally move freely around the Kurdistan Region.",
])
def test_hypothetical_or_habitual_movement_without_a_number_is_not_a_row(text):
    assert [r for r in troops(text) if r["troop_count"] is None] == []


def test_forces_inside_a_title_are_not_a_row():
    text = "The head of US forces in Iraq said the coalition would be leaving the country."
    assert [r for r in troops(text) if r["actor"] == "USA"] == []


def test_host_nation_forces_merely_mentioned_are_not_a_row():
    text = ("The coalition handed the base in Iraq to Iraqi forces. Iraqi forces moved in. "
            "Iraq's government welcomed the handover in Iraq.")
    assert [r for r in troops(text) if r["actor"] == "IRQ"] == []


def test_uncounted_mention_of_a_counted_contingent_is_not_a_second_row():
    rows = troops("The number of American forces in Afghanistan will be reduced to 2,500.")
    assert [(r["troop_count"], r["action"]) for r in rows] == [(2500, "reduce")]


def test_after_a_verb_of_leaving_for_names_the_destination():
    assert one("About 40 Dutch soldiers have already left for Germany.")["location"] == "Germany"


def test_a_country_name_describing_an_embassy_is_not_a_place():
    row = one("The Pentagon is sending 3,000 troops to Kabul to evacuate the U.S. embassy.")
    assert (row["origin"], row["location"]) == (None, "Kabul")


def test_troops_who_leave_have_no_location_without_a_destination():
    row = one("The United States will pull its 1,000 troops out of Niger, officials in Niamey said.")
    assert (row["origin"], row["location"]) == ("Niger", None)


def test_several_hundred_is_a_vague_count_not_one_hundred():
    facts = extract_facts("Several hundred Danish soldiers will deploy to Estonia in the autumn, the ministry said.")
    assert [(r["actor"], r["troop_count"], r["count_kind"]) for r in facts.troops] == [("DNK", None, "vague")]


def test_capitalised_troop_nouns_are_counted():
    facts = extract_facts("The U.S. Navy said about 310 Sailors of the destroyer's crew moved to Spain with the ship.")
    assert [(r["actor"], r["troop_count"]) for r in facts.troops] == [("USA", 310)]


def test_a_demonym_describing_a_border_does_not_name_the_troops():
    facts = extract_facts("The US keeps troops in Syria. About 200 troops remain at the base near the Iraqi border.")
    assert [(r["actor"], r["troop_count"]) for r in facts.troops if r["troop_count"]] == [("USA", 200)]


def test_a_count_whose_first_number_cannot_open_it_is_read_from_the_next():
    facts = extract_facts("The British Army will withdraw about 300 of the roughly 900 soldiers it keeps in Estonia.")
    assert ("GBR", 900) in [(r["actor"], r["troop_count"]) for r in facts.troops]


def test_an_island_after_on_is_a_place_not_the_troops_owner():
    facts = extract_facts("The U.S. Marine Corps said about 100 Marines relocated this week from Okinawa to a camp on Guam.")
    assert [(r["actor"], r["troop_count"]) for r in facts.troops] == [("USA", 100)]
