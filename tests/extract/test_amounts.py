"""Money amounts and the ambiguity of decimal commas."""
import pytest

from sitrep.extract import extract_facts
from sitrep.extract.amounts import read_number


def amounts(text):
    return extract_facts(text).amounts


def test_dollar_amount_with_decimal_comma_is_ambiguous_with_null_value():
    row = amounts("The airbase hosted $1,7 million of coalition equipment.")[0]
    assert (row["amount_text"], row["currency"], row["value"], row["is_ambiguous"]) == ("$1,7 million", "USD", None, True)


def test_euro_amount_with_decimal_comma_follows_the_euro_convention():
    row = amounts("Italy spent €1,2 million on bunkers.")[0]
    assert (row["currency"], row["value"], row["is_ambiguous"]) == ("EUR", 1_200_000, False)


def test_dollar_thousands_separator_is_not_ambiguous():
    row = amounts("The contract is worth $1,700 a month.")[0]
    assert (row["value"], row["is_ambiguous"]) == (1700, False)


def test_euro_amount_readable_both_ways_is_ambiguous():
    assert read_number("1.500", "EUR") == (None, True)


@pytest.mark.parametrize("text,amount,currency,value", [
    ("It cost $347 million.", "$347 million", "USD", 347e6),
    ("It cost USD 1.5 billion.", "USD 1.5 billion", "USD", 1.5e9),
    ("It cost 20 million dollars.", "20 million dollars", "USD", 20e6),
    ("It cost C$2.6 billion.", "C$2.6 billion", "CAD", 2.6e9),
    ("It cost £45 million.", "£45 million", "GBP", 45e6),
    ("Seoul agreed to pay 1.2 trillion won for the troops.", "1.2 trillion won", "KRW", 1.2e12),
    ("Manila received 300 million U.S. dollars in aid.", "300 million U.S. dollars", "USD", 3e8),
    ("The base cost USD 45 million to build.", "USD 45 million", "USD", 4.5e7),
    ("Tokyo set aside 80 billion yen for the move.", "80 billion yen", "JPY", 8e10),
    ("Warsaw will spend 2,5 billion zlotys on barracks.", "2,5 billion zlotys", "PLN", 2.5e9),
])
def test_currency_symbols_codes_words_and_scales(text, amount, currency, value):
    rows = amounts(text)
    assert [(r["amount_text"], r["currency"], r["value"], r["is_ambiguous"]) for r in rows] == \
        [(amount, currency, value, False)]


def test_billions_of_dollars_is_vague_with_null_value():
    row = amounts("An airbase that cost billions of dollars to build.")[0]
    assert (row["amount_text"], row["value"], row["is_ambiguous"]) == ("billions of dollars", None, False)


def test_years_are_not_amounts():
    assert amounts("In 2014 dollars were scarce.") == []


def test_a_range_is_one_amount_without_a_single_value():
    rows = extract_facts("The move will cost 1.5-2 billion dollars.").amounts
    assert [(r["amount_text"], r["value"], r["is_ambiguous"]) for r in rows] == [("1.5-2 billion dollars", None, False)]


def test_the_suites_decimal_comma_currencies_are_the_gazetteers():
    import json
    import re

    from sitrep.extract.amounts import decimal_comma_currencies
    from sitrep.resources import EXPECTATIONS_DIR

    suite = json.loads((EXPECTATIONS_DIR / "amounts.json").read_text(encoding="utf-8"))
    condition = next(e["kwargs"]["row_condition"] for e in suite["expectations"] if "row_condition" in e["kwargs"])
    assert set(re.findall(r"'([A-Z]{3})'", condition)) == decimal_comma_currencies()
