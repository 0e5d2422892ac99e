"""Troop counts, actions, places and owners bound by the dependency parse: one phenomenon per test, on sentences
written for the test."""
import pytest

from sitrep.extract import extract_facts
from sitrep.extract.parse import PipelineError, pipeline


def counted(text, title=None):
    return [(r["actor"], r["troop_count"], r["action"]) for r in extract_facts(text, title=title).troops
            if r["troop_count"] is not None]


def test_a_size_word_binds_its_number_to_the_force():
    assert counted("Norway leads a 320-strong battle group in Lapland.") == [("NOR", 320, "present")]


def test_a_partitive_counts_the_part_that_moves():
    rows = counted("About 150 of the 700 Dutch soldiers deployed there will fly home in May.")
    assert ("NLD", 150, "withdraw") in rows


def test_of_which_counts_the_part_in_its_own_clause():
    rows = counted("Chile has 900 soldiers in the mission, of which 300 are in the capital.")
    assert rows == [("CHL", 900, "present"), ("CHL", 300, "present")]


def test_a_number_coordinated_with_a_count_stands_for_the_same_troops():
    rows = counted("Peru has 400 soldiers in the south and 250 in the capital.")
    assert rows == [("PER", 400, "present"), ("PER", 250, "present")]


def test_a_cut_to_a_number_several_words_after_the_verb_is_a_reduction():
    rows = counted("The Danish government is cutting its troop levels there by a third, to 1,400.")
    assert rows == [("DNK", 1400, "reduce")]


def test_the_level_a_cut_starts_from_is_what_stands_now():
    rows = counted("The plan will cut Swedish personnel in Mali to 180 from the current level of 260.")
    assert sorted(rows) == [("SWE", 180, "reduce"), ("SWE", 260, "present")]


def test_a_range_gives_both_ends():
    rows = counted("The Irish contingent will grow from 330 troops to around 450.")
    assert {r[1] for r in rows} == {330, 450}


def test_a_pronoun_subject_takes_the_owner_from_the_clause_it_sits_in():
    rows = counted("Belgium said on Monday that it would withdraw 60 of its soldiers from Niamey.")
    assert rows == [("BEL", 60, "withdraw")]


def test_the_subject_of_a_host_verb_is_the_place_not_the_owner():
    row = extract_facts("Lithuania hosts about 1,200 German soldiers.").troops[0]
    assert (row["actor"], row["troop_count"], row["location"]) == ("DEU", 1200, "Lithuania")


def test_a_country_official_saying_gives_no_owner_but_an_institution_does():
    assert counted("Malian officials said 500 soldiers would leave Gao.") == []
    assert counted("The Bundeswehr said 500 soldiers would leave Gao.") == [("DEU", 500, "withdraw")]


def test_a_count_without_an_owner_takes_the_force_the_headline_names():
    rows = counted("About 90 soldiers will stay in the capital.", title="Portuguese troops to stay on in Bangui")
    assert rows == [("PRT", 90, "remain")]


def test_a_place_named_in_the_headline_is_not_the_owner():
    assert counted("About 90 soldiers will stay in the capital.", title="Troops to stay on in Portugal") == []


def test_a_plain_passive_of_deploy_without_a_destination_is_where_troops_are():
    assert counted("Some 250 Estonian soldiers are deployed in Mali.") == [("EST", 250, "present")]
    assert counted("Some 250 Estonian soldiers are being deployed in Mali.") == [("EST", 250, "deploy")]


def test_an_action_noun_governs_its_troops():
    assert counted("The repatriation of 75 Czech soldiers ends this week.") == [("CZE", 75, "withdraw")]


def test_casualties_are_not_posture_even_when_the_noun_is_a_troop_noun():
    assert counted("Twelve Kenyan soldiers were killed near the border.") == []


def test_a_pipeline_that_is_not_installed_is_one_clear_error():
    with pytest.raises(PipelineError, match="not installed"):
        pipeline("xx_no_such_pipeline")


def test_a_numberless_force_a_verb_stations_somewhere_is_a_row():
    rows = extract_facts("Slovak troops are stationed in Latvia.").troops
    assert [(r["actor"], r["troop_count"], r["action"], r["location"]) for r in rows] == \
        [("SVK", None, "present", "Latvia")]


def test_a_numberless_force_merely_mentioned_is_not_a_row():
    assert extract_facts("Slovak troops have a long history.").troops == []


def test_a_decimal_count_with_a_scale_word_is_read_whole():
    assert counted("Canada will withdraw 1.5 thousand soldiers from Latvia.") == [("CAN", 1500, "withdraw")]


def test_a_count_the_entity_tagger_calls_money_is_a_count_when_no_currency_is_written():
    rows = counted("Oslo will reduce the number of Norwegian personnel in Mali from 3.5 thousand to 2 thousand.")
    assert ("NOR", 2000, "reduce") in rows
    assert counted("Norway will pay 300 million dollars for 40 soldiers' barracks.") == [("NOR", 40, "present")]


def test_a_contingent_that_stands_where_no_place_is_named_stands_in_the_country_the_article_is_set_in():
    text = ("Spain has sent engineers to Latvia. In Latvia the mood is calm.\n\n"
            "About 300 Spanish soldiers will remain.")
    row = [r for r in extract_facts(text).troops if r["troop_count"] == 300][0]
    assert (row["action"], row["location"]) == ("remain", "Latvia")


def test_a_moving_contingent_gets_no_place_by_default():
    text = "Spain has sent engineers to Latvia. In Latvia the mood is calm.\n\nAbout 300 Spanish soldiers will leave."
    row = [r for r in extract_facts(text).troops if r["troop_count"] == 300][0]
    assert row["location"] is None


def test_the_province_of_a_place_is_that_place():
    row = extract_facts("About 400 Dutch troops pulled out of the province of Uruzgan.").troops[0]
    assert row["origin"] == "Uruzgan"


def test_a_base_which_hosts_troops_is_their_location():
    text = "The jets landed at Al Udeid Air Base, which hosts some 8,000 American troops."
    row = [r for r in extract_facts(text).troops if r["troop_count"] == 8000][0]
    assert "Udeid" in (row["location"] or "")


def test_what_the_predicate_leaves_them_can_make_a_casualty_count():
    assert counted("The attack left four Danish soldiers dead.") == []


def test_a_country_named_mostly_as_a_destination_is_not_the_owner_of_unowned_troops():
    text = ("Iraqi troops fought on. Iraqi troops held the line.\n\n"
            "Thousands of paratroopers are heading to Iraq. More than 900 soldiers will be deployed to Iraq "
            "and Kuwait. The convoy reached Kuwait, and a second one left for Kuwait.")
    assert [r for r in counted(text) if r[1] == 900] == []


def test_a_sentence_too_long_to_be_prose_is_not_parsed_and_costs_its_document_nothing_else():
    endless = " ".join(["2,000 troops stayed"] * 100_000)          # 2 MB without a full stop
    facts = extract_facts("Estonia hosts 300 Danish troops.\n\n" + endless)
    assert [(r["actor"], r["troop_count"]) for r in facts.troops] == [("DNK", 300)]


def test_a_unit_counted_by_its_size_is_a_contingent():
    assert counted("Romania will send a 600-strong battalion to Moldova.") == [("ROU", 600, "deploy")]


def test_the_first_number_of_a_range_is_what_stands_now():
    rows = counted("NATO will expand its battle group in Slovakia from about 1,500 troops to roughly 3,500.")
    assert sorted(rows) == [("NATO", 1500, "present"), ("NATO", 3500, "deploy")]


def test_the_owner_of_a_contingent_of_soldiers_owns_the_soldiers():
    rows = counted("The 90 Croatian troops will stay, while the US contingent of about 150 soldiers will move to Tapa.")
    assert ("USA", 150, "relocate") in rows


def test_a_forces_institution_named_in_the_text_makes_it_the_salient_force():
    text = ("The Ground Self-Defense Force opened the camp in 2016.\n\n"
            "About 160 soldiers will move to the island next year.")
    assert counted(text) == [("JPN", 160, "relocate")]


def test_the_whole_a_part_left_from_is_what_stood_there():
    rows = counted("A total of 300 Belgian soldiers have left Niamey, out of some 420 Belgian troops there.")
    assert sorted(rows) == [("BEL", 300, "withdraw"), ("BEL", 420, "present")]


def test_a_verb_that_says_nothing_of_troops_takes_the_action_noun_it_governs():
    rows = extract_facts("Polish troops have completed their withdrawal from Chad.").troops
    assert [(r["actor"], r["action"], r["origin"]) for r in rows] == [("POL", "withdraw", "Chad")]


def test_peacekeepers_are_troops():
    rows = extract_facts("About 200 Fijian peacekeepers will withdraw from the Golan Heights.").troops
    assert [(r["actor"], r["troop_count"], r["action"]) for r in rows] == [("FJI", 200, "withdraw")]


def test_a_numberless_force_several_owners_share_is_a_row_for_each():
    rows = extract_facts("Dutch, Belgian and Czech troops will withdraw from Mali.").troops
    assert sorted(r["actor"] for r in rows) == ["BEL", "CZE", "NLD"]


def test_a_shared_number_is_not_split_between_owners():
    rows = extract_facts("About 900 Dutch and Belgian troops will withdraw from Mali.").troops
    assert len([r for r in rows if r["troop_count"] == 900]) == 1


def test_a_place_noun_after_a_name_is_that_place():
    row = extract_facts("Turkey has withdrawn about 300 soldiers from the Idlib region.").troops[0]
    assert row["origin"] == "Idlib region"


def test_an_adjective_carries_where_troops_stand():
    text = "Talks began on the exit of 700 Belgian soldiers, out of some 900 Belgian forces present in Mali."
    row = [r for r in extract_facts(text).troops if r["troop_count"] == 900][0]
    assert (row["action"], row["location"]) == ("present", "Mali")
