-- Every fact of every fact table, one row each, on the columns all facts share: where it was read (doc_id,
-- mention_no, the evidence and its offsets into documents.clean_text) and when it happened (fact_date, from the
-- table's date column, with that column's name). The evidence, date, flag and summary views select from here.
-- The facts below are one SELECT per fact table of the contract (sitrep/contract.py), joined by UNION ALL.
CREATE OR REPLACE VIEW fact_spans AS
WITH facts AS (
    {facts}
)
SELECT * FROM facts;
