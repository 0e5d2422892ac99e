-- A run that loaded nothing leaves the warehouse exactly as the last validated run saw it, so that run's check
-- results, flags and row counts are recorded again under the new run id instead of re-running every suite.
-- Parameters: $new_run (this run), $now (its check time), $old_run (the last validated run).
INSERT INTO dq_results
SELECT $new_run, $now, suite, expectation, table_name, column_name, severity, success, unexpected_count,
       json_merge_patch(coalesce(details, '{}'), json_object('carried_over_from', $old_run))
FROM dq_results
WHERE run_id = $old_run;

INSERT INTO dq_flag_rows
SELECT $new_run, suite, table_name, row_key, doc_id, expectation, severity, column_name, value, reason
FROM dq_flag_rows
WHERE run_id = $old_run;

INSERT INTO table_counts
SELECT $new_run, $now, table_name, row_count
FROM table_counts
WHERE run_id = $old_run;
