-- This run's rejections, less those already on record: a file refused for the same reason as at its last
-- refusal is not recorded again, so a scheduled run over an unchanged folder adds nothing.
INSERT INTO rejected_files BY NAME
SELECT r.*
FROM rejected AS r
WHERE r.reason IS DISTINCT FROM (
    SELECT last.reason
    FROM rejected_files AS last
    WHERE last.source_file = r.source_file
    ORDER BY last.rejected_at DESC
    LIMIT 1
);
