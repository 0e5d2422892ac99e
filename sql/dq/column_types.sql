-- The contract's columns (shared/CONTRACT.md) beside the warehouse's actual columns: a column that is missing or
-- has another type breaks every user query and outside check. (Validated by expectations/column_types.json.)
CREATE OR REPLACE VIEW dq_column_types AS
WITH contract (table_name, column_name, expected_type) AS (
    VALUES
        ('documents', 'doc_id', 'VARCHAR'), ('documents', 'source_file', 'VARCHAR'),
        ('documents', 'title', 'VARCHAR'), ('documents', 'publisher', 'VARCHAR'),
        ('documents', 'published_on', 'DATE'), ('documents', 'raw_text', 'VARCHAR'),
        ('documents', 'clean_text', 'VARCHAR'), ('documents', 'ingested_at', 'TIMESTAMP'),
        ('removed_blocks', 'doc_id', 'VARCHAR'), ('removed_blocks', 'block_no', 'INTEGER'),
        ('removed_blocks', 'kind', 'VARCHAR'), ('removed_blocks', 'start_offset', 'INTEGER'),
        ('removed_blocks', 'end_offset', 'INTEGER'), ('removed_blocks', 'text', 'VARCHAR'),
        ('comments', 'doc_id', 'VARCHAR'), ('comments', 'comment_no', 'INTEGER'),
        ('comments', 'author', 'VARCHAR'), ('comments', 'text', 'VARCHAR'),
        ('troops', 'doc_id', 'VARCHAR'), ('troops', 'mention_no', 'INTEGER'), ('troops', 'actor', 'VARCHAR'),
        ('troops', 'actor_text', 'VARCHAR'), ('troops', 'unit', 'VARCHAR'), ('troops', 'troop_count', 'INTEGER'),
        ('troops', 'count_text', 'VARCHAR'), ('troops', 'count_kind', 'VARCHAR'), ('troops', 'action', 'VARCHAR'),
        ('troops', 'origin', 'VARCHAR'), ('troops', 'location', 'VARCHAR'), ('troops', 'event_date', 'DATE'),
        ('troops', 'evidence', 'VARCHAR'), ('troops', 'start_offset', 'INTEGER'), ('troops', 'end_offset', 'INTEGER'),
        ('bases', 'doc_id', 'VARCHAR'), ('bases', 'mention_no', 'INTEGER'), ('bases', 'base', 'VARCHAR'),
        ('bases', 'base_text', 'VARCHAR'), ('bases', 'event', 'VARCHAR'), ('bases', 'from_party', 'VARCHAR'),
        ('bases', 'to_party', 'VARCHAR'), ('bases', 'event_date', 'DATE'), ('bases', 'troop_count', 'INTEGER'),
        ('bases', 'evidence', 'VARCHAR'), ('bases', 'start_offset', 'INTEGER'), ('bases', 'end_offset', 'INTEGER'),
        ('statements', 'doc_id', 'VARCHAR'), ('statements', 'mention_no', 'INTEGER'),
        ('statements', 'speaker', 'VARCHAR'), ('statements', 'speaker_title', 'VARCHAR'),
        ('statements', 'speaker_org', 'VARCHAR'), ('statements', 'quote', 'VARCHAR'),
        ('statements', 'quote_kind', 'VARCHAR'), ('statements', 'channel', 'VARCHAR'),
        ('statements', 'statement_date', 'DATE'), ('statements', 'evidence', 'VARCHAR'),
        ('statements', 'start_offset', 'INTEGER'), ('statements', 'end_offset', 'INTEGER'),
        ('amounts', 'doc_id', 'VARCHAR'), ('amounts', 'mention_no', 'INTEGER'),
        ('amounts', 'amount_text', 'VARCHAR'), ('amounts', 'currency', 'VARCHAR'), ('amounts', 'value', 'DOUBLE'),
        ('amounts', 'is_ambiguous', 'BOOLEAN'), ('amounts', 'evidence', 'VARCHAR'),
        ('amounts', 'start_offset', 'INTEGER'), ('amounts', 'end_offset', 'INTEGER'),
        ('dq_results', 'run_id', 'VARCHAR'), ('dq_results', 'checked_at', 'TIMESTAMP'),
        ('dq_results', 'suite', 'VARCHAR'), ('dq_results', 'expectation', 'VARCHAR'),
        ('dq_results', 'table_name', 'VARCHAR'), ('dq_results', 'column_name', 'VARCHAR'),
        ('dq_results', 'severity', 'VARCHAR'), ('dq_results', 'success', 'BOOLEAN'),
        ('dq_results', 'unexpected_count', 'INTEGER'), ('dq_results', 'details', 'VARCHAR'),
        ('pipeline_runs', 'run_id', 'VARCHAR'), ('pipeline_runs', 'started_at', 'TIMESTAMP'),
        ('pipeline_runs', 'finished_at', 'TIMESTAMP'), ('pipeline_runs', 'status', 'VARCHAR'),
        ('pipeline_runs', 'files_seen', 'INTEGER'), ('pipeline_runs', 'documents_new', 'INTEGER'),
        ('pipeline_runs', 'files_rejected', 'INTEGER'),
        ('rejected_files', 'run_id', 'VARCHAR'), ('rejected_files', 'source_file', 'VARCHAR'),
        ('rejected_files', 'reason', 'VARCHAR'), ('rejected_files', 'rejected_at', 'TIMESTAMP')
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
