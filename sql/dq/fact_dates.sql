-- Every date in the warehouse (a document's publication date, a fact's event or statement date) beside its
-- document's date: inside 1900-01-01 .. ten years from today (critical: anything else is a misread year), since
-- 2000-01-01 (warning: a historical quote or event, or a misread), and not after the document that reports it
-- (warning: a plan or a misread year). (Validated by expectations/fact_dates.json.)
CREATE OR REPLACE VIEW dq_fact_dates AS
WITH dated AS (
    SELECT 'documents' AS table_name, doc_id, CAST(NULL AS INTEGER) AS mention_no, 'published_on' AS date_column,
           published_on AS fact_date
    FROM documents WHERE published_on IS NOT NULL
    UNION ALL
    SELECT table_name, doc_id, mention_no, date_column, fact_date FROM fact_spans WHERE fact_date IS NOT NULL
),
with_document AS (
    SELECT f.*, d.published_on
    FROM dated AS f
    LEFT JOIN documents AS d USING (doc_id)
),
checked AS (
    SELECT *,
           fact_date BETWEEN DATE '1900-01-01' AND current_date + INTERVAL 10 YEAR AS in_range,
           fact_date >= DATE '2000-01-01' AS since_2000,
           coalesce(datediff('day', published_on, fact_date), 0) AS days_after_document
    FROM with_document
)
SELECT *,
       CASE
           WHEN NOT in_range THEN format('{} {} is outside 1900-01-01 .. ten years from today', date_column, fact_date)
           WHEN NOT since_2000 THEN format('{} {} is before 2000', date_column, fact_date)
           WHEN days_after_document > 0 THEN format('{} {} is {} days after the document''s date {}', date_column,
                                                    fact_date, days_after_document, published_on)
           ELSE format('{} {}', date_column, fact_date)
       END AS detail
FROM checked;
