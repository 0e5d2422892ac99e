-- Rows in each table of the contract right now; validation copies these into table_counts once per run.
CREATE OR REPLACE VIEW table_sizes AS
WITH sizes AS (
    SELECT 'documents' AS table_name, count(*) AS row_count FROM documents
    UNION ALL SELECT 'removed_blocks', count(*) FROM removed_blocks
    UNION ALL SELECT 'comments', count(*) FROM comments
    UNION ALL SELECT 'troops', count(*) FROM troops
    UNION ALL SELECT 'bases', count(*) FROM bases
    UNION ALL SELECT 'statements', count(*) FROM statements
    UNION ALL SELECT 'amounts', count(*) FROM amounts
    UNION ALL SELECT 'rejected_files', count(*) FROM rejected_files
)
SELECT * FROM sizes;
