-- Schema version 1: every table of shared/CONTRACT.md, with keys, NOT NULL and enumerations.
-- Applied idempotently at every start (CREATE ... IF NOT EXISTS); the version is recorded in schema_version.

CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    applied_at  TIMESTAMP NOT NULL,
    script      VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id        VARCHAR PRIMARY KEY,          -- sha256 of the raw bytes, first 16 hex digits
    source_file   VARCHAR NOT NULL,
    title         VARCHAR,
    publisher     VARCHAR,
    published_on  DATE,
    raw_text      VARCHAR NOT NULL,
    clean_text    VARCHAR NOT NULL,
    ingested_at   TIMESTAMP NOT NULL,
    encoding      VARCHAR NOT NULL,             -- how the bytes were decoded (utf-8, utf-8-sig, cp1252, ...)
    byte_size     BIGINT NOT NULL,
    clean_notes   VARCHAR                       -- the cleaner's reasons, e.g. 'no body found'
);

CREATE TABLE IF NOT EXISTS removed_blocks (
    doc_id        VARCHAR NOT NULL,
    block_no      INTEGER NOT NULL,
    kind          VARCHAR NOT NULL CHECK (kind IN ('donation', 'navigation', 'caption', 'comments', 'title', 'other')),
    start_offset  INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset    INTEGER NOT NULL CHECK (end_offset > start_offset),
    text          VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, block_no)
);

CREATE TABLE IF NOT EXISTS comments (
    doc_id      VARCHAR NOT NULL,
    comment_no  INTEGER NOT NULL,
    author      VARCHAR,
    text        VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, comment_no)
);

CREATE TABLE IF NOT EXISTS troops (
    doc_id        VARCHAR NOT NULL,
    mention_no    INTEGER NOT NULL,
    actor         VARCHAR NOT NULL,
    actor_text    VARCHAR,
    unit          VARCHAR,
    troop_count   INTEGER,
    count_text    VARCHAR,
    count_kind    VARCHAR NOT NULL CHECK (count_kind IN ('exact', 'approximate', 'vague', 'none')),
    action        VARCHAR NOT NULL
                  CHECK (action IN ('deploy', 'withdraw', 'relocate', 'remain', 'reduce', 'present', 'evacuate')),
    origin        VARCHAR,
    location      VARCHAR,
    event_date    DATE,
    evidence      VARCHAR NOT NULL,
    start_offset  INTEGER NOT NULL,
    end_offset    INTEGER NOT NULL,
    PRIMARY KEY (doc_id, mention_no)
);

CREATE TABLE IF NOT EXISTS bases (
    doc_id        VARCHAR NOT NULL,
    mention_no    INTEGER NOT NULL,
    base          VARCHAR NOT NULL,
    base_text     VARCHAR NOT NULL,
    event         VARCHAR NOT NULL CHECK (event IN ('handover', 'evacuate', 'retain', 'relocate', 'attack', 'host')),
    from_party    VARCHAR,
    to_party      VARCHAR,
    event_date    DATE,
    troop_count   INTEGER,
    evidence      VARCHAR NOT NULL,
    start_offset  INTEGER NOT NULL,
    end_offset    INTEGER NOT NULL,
    PRIMARY KEY (doc_id, mention_no)
);

CREATE TABLE IF NOT EXISTS statements (
    doc_id          VARCHAR NOT NULL,
    mention_no      INTEGER NOT NULL,
    speaker         VARCHAR,
    speaker_title   VARCHAR,
    speaker_org     VARCHAR,
    quote           VARCHAR NOT NULL,
    quote_kind      VARCHAR NOT NULL CHECK (quote_kind IN ('direct', 'indirect')),
    channel         VARCHAR,
    statement_date  DATE,
    evidence        VARCHAR NOT NULL,
    start_offset    INTEGER NOT NULL,
    end_offset      INTEGER NOT NULL,
    PRIMARY KEY (doc_id, mention_no)
);

CREATE TABLE IF NOT EXISTS amounts (
    doc_id        VARCHAR NOT NULL,
    mention_no    INTEGER NOT NULL,
    amount_text   VARCHAR NOT NULL,
    currency      VARCHAR,
    value         DOUBLE,
    is_ambiguous  BOOLEAN NOT NULL,
    evidence      VARCHAR NOT NULL,
    start_offset  INTEGER NOT NULL,
    end_offset    INTEGER NOT NULL,
    PRIMARY KEY (doc_id, mention_no)
);

CREATE TABLE IF NOT EXISTS dq_results (
    run_id            VARCHAR NOT NULL,
    checked_at        TIMESTAMP NOT NULL,
    suite             VARCHAR NOT NULL,
    expectation       VARCHAR NOT NULL,
    table_name        VARCHAR NOT NULL,
    column_name       VARCHAR,
    severity          VARCHAR NOT NULL CHECK (severity IN ('critical', 'warning')),
    success           BOOLEAN NOT NULL,
    unexpected_count  INTEGER,
    details           VARCHAR                    -- JSON: kwargs, sample values, the offending keys
);

CREATE TABLE IF NOT EXISTS pipeline_runs (
    run_id          VARCHAR PRIMARY KEY,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    status          VARCHAR NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    files_seen      INTEGER,
    documents_new   INTEGER,
    files_rejected  INTEGER,
    input_dir       VARCHAR,
    checks_passed   INTEGER,
    checks_failed   INTEGER,
    message         VARCHAR,
    summary         VARCHAR                  -- JSON: the per-stage summary `sitrep run` prints
);

CREATE TABLE IF NOT EXISTS rejected_files (
    run_id       VARCHAR NOT NULL,
    source_file  VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    rejected_at  TIMESTAMP NOT NULL
);

-- Which file (by path) was last loaded as which document: lets an unchanged file be skipped without
-- re-reading it, and lets a changed file (same name, new bytes) replace its old document.
CREATE TABLE IF NOT EXISTS source_files (
    path         VARCHAR PRIMARY KEY,           -- absolute path of the file
    source_file  VARCHAR NOT NULL,              -- as in documents.source_file
    doc_id       VARCHAR NOT NULL,
    byte_size    BIGINT NOT NULL,
    mtime_ns     BIGINT NOT NULL,
    loaded_at    TIMESTAMP NOT NULL
);

-- One row per offending row of a failed check (what `dq_flags` shows with its evidence).
CREATE TABLE IF NOT EXISTS dq_flag_rows (
    run_id       VARCHAR NOT NULL,
    suite        VARCHAR NOT NULL,
    table_name   VARCHAR NOT NULL,
    row_key      VARCHAR,                 -- JSON of the row's key columns
    doc_id       VARCHAR,
    expectation  VARCHAR NOT NULL,
    severity     VARCHAR NOT NULL CHECK (severity IN ('critical', 'warning')),
    column_name  VARCHAR,
    value        VARCHAR,
    reason       VARCHAR NOT NULL
);
