-- Schema version 2: row counts per table per run, written when a run is validated, so a dashboard can show how
-- the warehouse grew (or shrank) from run to run. Idempotent like 001.

CREATE TABLE IF NOT EXISTS table_counts (
    run_id      VARCHAR NOT NULL,
    counted_at  TIMESTAMP NOT NULL,
    table_name  VARCHAR NOT NULL,
    row_count   BIGINT NOT NULL,
    PRIMARY KEY (run_id, table_name)
);
