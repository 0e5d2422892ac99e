-- The contract's columns (shared/CONTRACT.md, declared in sitrep/contract.py and written to contract_columns at
-- every start) beside the warehouse's actual columns: a column that is missing or has another type breaks every
-- user query and outside check. (Validated by expectations/column_types.json.)
CREATE OR REPLACE VIEW dq_column_types AS
WITH contract AS (
    SELECT table_name, column_name, expected_type
    FROM contract_columns
    WHERE in_contract
),
actual AS (
    SELECT table_name, column_name, data_type AS actual_type
    FROM information_schema.columns
    WHERE table_schema = current_schema()
),
compared AS (
    SELECT c.table_name, c.column_name, c.expected_type, a.actual_type,
           CASE
               WHEN a.actual_type IS NULL THEN c.table_name || '.' || c.column_name || ' is missing'
               ELSE c.table_name || '.' || c.column_name || ' is ' || a.actual_type || ', the contract says '
                    || c.expected_type
           END AS detail
    FROM contract AS c
    LEFT JOIN actual AS a USING (table_name, column_name)
)
SELECT * FROM compared;
