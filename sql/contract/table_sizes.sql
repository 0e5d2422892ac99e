-- Rows in each counted table of the contract right now; validation copies these into table_counts once per run.
-- The sizes below are one `SELECT 'name' AS table_name, count(*) AS row_count FROM name` per table the contract
-- (sitrep/contract.py) marks counted, joined by UNION ALL.
CREATE OR REPLACE VIEW table_sizes AS
WITH sizes AS (
    {counts}
)
SELECT * FROM sizes;
