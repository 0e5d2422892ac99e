-- Files loaded before from this run's input folder that the run did not find readable: deleted, or refused now
-- (emptied, unreadable, turned into a pipe, ...). Each is marked once, with the reason; its document stays (a run
-- with --prune deletes the documents all of whose files are gone, sql/load/prune_gone.sql).
-- Parameters: $root (the input folder, absolute, with a trailing '/'), $now.
-- Relations: present(path): files the scan accepted; refused(source_file, reason): this run's refusals.
UPDATE source_files AS sf
SET gone_at = $now,
    gone_reason = coalesce((SELECT any_value(r.reason) FROM refused AS r WHERE r.source_file = sf.source_file),
                           'deleted')
WHERE sf.gone_at IS NULL
  AND starts_with(sf.path, $root)
  AND (sf.path NOT IN (SELECT path FROM present) OR sf.source_file IN (SELECT source_file FROM refused))
RETURNING sf.source_file, sf.gone_reason;
