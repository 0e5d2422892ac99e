-- Documents every file of which is gone (sql/load/gone_files.sql): what `sitrep run --prune` deletes, with all
-- their rows and their files' records.
CREATE OR REPLACE TEMP TABLE pruned AS
SELECT doc_id
FROM source_files
GROUP BY doc_id
HAVING bool_and(gone_at IS NOT NULL);
