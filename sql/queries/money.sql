-- Money amounts, ambiguous ones first: a NULL value means the text admits two readings.
SELECT amount_text, currency, value, is_ambiguous, evidence
FROM amounts
ORDER BY is_ambiguous DESC, value DESC NULLS LAST;
