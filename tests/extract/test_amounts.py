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
])
def test_currency_symbols_codes_words_and_scales(text, amount, currency, value):
    row = amounts(text)[0]
    assert (row["amount_text"], row["currency"], row["value"]) == (amount, currency, value)


def test_billions_of_dollars_is_vague_with_null_value():
    row = amounts("An airbase that cost billions of dollars to build.")[0]
    assert (row["amount_text"], row["value"], row["is_ambiguous"]) == ("billions of dollars", None, False)


def test_years_are_not_amounts():
    assert amounts("In 2014 dollars were scarce.") == []
