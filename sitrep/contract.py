"""The warehouse's tables, declared once: every column, type, key and enumeration, and each table's role.

Everything else that needs to know the tables is derived from `TABLES`: the DDL (sitrep.migrate), the column-type
check (`contract_columns`, read by sql/dq/column_types.sql), the basic Great Expectations of each table (column
set, non-null columns, unique key, enumerations; sitrep.quality), the lists of document and fact tables
(loading, deleting a document's rows), and the views over all facts (sql/contract/*.sql). A new fact table is one
entry here, its extractor and, if it needs checks of its own, its suite in expectations/.

Roles:
- document: one row per ingested document;
- part: rows that hang off a document (removed blocks, comments), replaced with it;
- fact: extracted facts, each with its evidence span in the clean text (and `date`: the column that dates it);
- run: what each run recorded (results, rejections, counts);
- state: sitrep's own bookkeeping (which file holds which document, which schema steps were applied).
"""
from __future__ import annotations

from dataclasses import dataclass

ROLES = ("document", "part", "fact", "run", "state")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool = True
    values: tuple[str, ...] = ()     # an enumeration: the only values allowed
    check: str | None = None         # a further SQL condition on this column alone
    contract: bool = True            # in shared/CONTRACT.md: users and outside checks rely on it
    doc: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    role: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()     # SQL conditions across columns
    date: str | None = None          # the column that dates a row (dated documents and facts)
    counted: bool = False            # row counts recorded per run (table_counts)
    doc: str = ""

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def contract_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.contract)


def _c(name: str, type_: str, *, null: bool = True, values: tuple[str, ...] = (), check: str | None = None,
       contract: bool = True, doc: str = "") -> Column:
    return Column(name, type_, null, values, check, contract, doc)


def _id(*names: str) -> tuple[Column, ...]:
    types = {"doc_id": "VARCHAR", "mention_no": "INTEGER", "block_no": "INTEGER", "comment_no": "INTEGER"}
    return tuple(_c(n, types[n], null=False) for n in names)


def _evidence() -> tuple[Column, ...]:
    return (_c("evidence", "VARCHAR", null=False, doc="the sentence the fact was read from"),
            _c("start_offset", "INTEGER", null=False, doc="evidence span in documents.clean_text, 0-based"),
            _c("end_offset", "INTEGER", null=False, doc="end of the evidence span, exclusive"))


BLOCK_KINDS = ("donation", "navigation", "caption", "comments", "title", "other")
TROOP_ACTIONS = ("deploy", "withdraw", "relocate", "remain", "reduce", "present", "evacuate")
COUNT_KINDS = ("exact", "approximate", "vague", "none")
BASE_EVENTS = ("handover", "evacuate", "retain", "relocate", "attack", "host")
QUOTE_KINDS = ("direct", "indirect")
SEVERITIES = ("critical", "warning")
RUN_STATUSES = ("running", "completed", "failed", "cancelled")

TABLES: tuple[Table, ...] = (
    Table("schema_version", "state", (
        _c("version", "INTEGER", null=False, contract=False),
        _c("applied_at", "TIMESTAMP", null=False, contract=False),
        _c("script", "VARCHAR", null=False, contract=False, doc="the migration step's name"),
    ), key=("version",), doc="each schema step applied to this warehouse, once"),
    Table("documents", "document", (
        _c("doc_id", "VARCHAR", null=False, doc="sha256 of the raw bytes, first 16 hex digits"),
        _c("source_file", "VARCHAR", null=False),
        _c("title", "VARCHAR"),
        _c("publisher", "VARCHAR"),
        _c("published_on", "DATE"),
        _c("raw_text", "VARCHAR", null=False),
        _c("clean_text", "VARCHAR", null=False),
        _c("ingested_at", "TIMESTAMP", null=False),
        _c("encoding", "VARCHAR", null=False, contract=False, doc="how the bytes were decoded (utf-8, cp1252, ...)"),
        _c("byte_size", "BIGINT", null=False, contract=False),
        _c("clean_notes", "VARCHAR", contract=False, doc="the cleaner's reasons, e.g. 'no body found'"),
        _c("extraction_cut_short", "BOOLEAN", contract=False,
           doc="extraction hit its time budget: facts from the rest of the article are missing"),
    ), key=("doc_id",), date="published_on", counted=True),
    Table("removed_blocks", "part", _id("doc_id", "block_no") + (
        _c("kind", "VARCHAR", null=False, values=BLOCK_KINDS),
        _c("start_offset", "INTEGER", null=False, check="start_offset >= 0"),
        _c("end_offset", "INTEGER", null=False),
        _c("text", "VARCHAR", null=False),
    ), key=("doc_id", "block_no"), checks=("end_offset > start_offset",), counted=True,
        doc="everything cleaning took out, with offsets into raw_text"),
    Table("comments", "part", _id("doc_id", "comment_no") + (
        _c("author", "VARCHAR"),
        _c("text", "VARCHAR", null=False),
    ), key=("doc_id", "comment_no"), counted=True),
    Table("troops", "fact", _id("doc_id", "mention_no") + (
        _c("actor", "VARCHAR", null=False, doc="ISO 3166-1 alpha-3, NATO or COALITION"),
        _c("actor_text", "VARCHAR"),
        _c("unit", "VARCHAR"),
        _c("troop_count", "INTEGER"),
        _c("count_text", "VARCHAR"),
        _c("count_kind", "VARCHAR", null=False, values=COUNT_KINDS),
        _c("action", "VARCHAR", null=False, values=TROOP_ACTIONS),
        _c("origin", "VARCHAR"),
        _c("location", "VARCHAR"),
        _c("event_date", "DATE"),
    ) + _evidence(), key=("doc_id", "mention_no"), date="event_date", counted=True),
    Table("bases", "fact", _id("doc_id", "mention_no") + (
        _c("base", "VARCHAR", null=False, doc="one canonical name per base across all documents"),
        _c("base_text", "VARCHAR", null=False),
        _c("event", "VARCHAR", null=False, values=BASE_EVENTS),
        _c("from_party", "VARCHAR"),
        _c("to_party", "VARCHAR"),
        _c("event_date", "DATE"),
        _c("troop_count", "INTEGER"),
    ) + _evidence(), key=("doc_id", "mention_no"), date="event_date", counted=True),
    Table("statements", "fact", _id("doc_id", "mention_no") + (
        _c("speaker", "VARCHAR"),
        _c("speaker_title", "VARCHAR"),
        _c("speaker_org", "VARCHAR"),
        _c("quote", "VARCHAR", null=False),
        _c("quote_kind", "VARCHAR", null=False, values=QUOTE_KINDS),
        _c("channel", "VARCHAR"),
        _c("statement_date", "DATE"),
    ) + _evidence(), key=("doc_id", "mention_no"), date="statement_date", counted=True),
    Table("amounts", "fact", _id("doc_id", "mention_no") + (
        _c("amount_text", "VARCHAR", null=False),
        _c("currency", "VARCHAR"),
        _c("value", "DOUBLE"),
        _c("is_ambiguous", "BOOLEAN", null=False),
    ) + _evidence(), key=("doc_id", "mention_no"), counted=True),
    Table("dq_results", "run", (
        _c("run_id", "VARCHAR", null=False),
        _c("checked_at", "TIMESTAMP", null=False),
        _c("suite", "VARCHAR", null=False),
        _c("expectation", "VARCHAR", null=False),
        _c("table_name", "VARCHAR", null=False),
        _c("column_name", "VARCHAR"),
        _c("severity", "VARCHAR", null=False, values=SEVERITIES),
        _c("success", "BOOLEAN", null=False),
        _c("unexpected_count", "INTEGER"),
        _c("details", "VARCHAR", doc="JSON: kwargs, sample values, the offending keys"),
    ), doc="every data-quality check of every run"),
    Table("pipeline_runs", "run", (
        _c("run_id", "VARCHAR", null=False),
        _c("started_at", "TIMESTAMP", null=False),
        _c("finished_at", "TIMESTAMP"),
        _c("status", "VARCHAR", null=False, values=RUN_STATUSES),
        _c("files_seen", "INTEGER"),
        _c("documents_new", "INTEGER"),
        _c("files_rejected", "INTEGER"),
        _c("input_dir", "VARCHAR", contract=False),
        _c("checks_passed", "INTEGER", contract=False),
        _c("checks_failed", "INTEGER", contract=False),
        _c("message", "VARCHAR", contract=False),
        _c("summary", "VARCHAR", contract=False, doc="JSON: the per-stage summary `sitrep run` prints"),
        _c("validated_fingerprint", "VARCHAR", contract=False,
           doc="the warehouse as this run's validation saw it (sql/load/fingerprint.sql)"),
        _c("results_from", "VARCHAR", contract=False,
           doc="the run whose check results stand for this one: itself, or the last validated run when this run "
               "found the warehouse unchanged and recorded nothing new"),
    ), key=("run_id",)),
    Table("rejected_files", "run", (
        _c("run_id", "VARCHAR", null=False),
        _c("source_file", "VARCHAR", null=False),
        _c("reason", "VARCHAR", null=False),
        _c("rejected_at", "TIMESTAMP", null=False),
    ), counted=True),
    Table("source_files", "state", (
        _c("path", "VARCHAR", null=False, contract=False, doc="absolute path of the file"),
        _c("source_file", "VARCHAR", null=False, contract=False, doc="as in documents.source_file"),
        _c("doc_id", "VARCHAR", null=False, contract=False),
        _c("byte_size", "BIGINT", null=False, contract=False),
        _c("mtime_ns", "BIGINT", null=False, contract=False),
        _c("loaded_at", "TIMESTAMP", null=False, contract=False),
        _c("gone_at", "TIMESTAMP", contract=False,
           doc="when a run of its folder found the file deleted or no longer readable (NULL: still there)"),
        _c("gone_reason", "VARCHAR", contract=False, doc="'deleted', or why the file is refused now"),
    ), key=("path",), doc="which file was last loaded as which document: unchanged files are skipped unread"),
    Table("dq_flag_rows", "run", (
        _c("run_id", "VARCHAR", null=False, contract=False),
        _c("suite", "VARCHAR", null=False, contract=False),
        _c("table_name", "VARCHAR", null=False, contract=False),
        _c("row_key", "VARCHAR", contract=False, doc="JSON of the row's key columns"),
        _c("doc_id", "VARCHAR", contract=False),
        _c("expectation", "VARCHAR", null=False, contract=False),
        _c("severity", "VARCHAR", null=False, values=SEVERITIES, contract=False),
        _c("column_name", "VARCHAR", contract=False),
        _c("value", "VARCHAR", contract=False),
        _c("reason", "VARCHAR", null=False, contract=False),
    ), doc="one row per offending row of a failed check (what dq_flags shows with its evidence)"),
    Table("table_counts", "run", (
        _c("run_id", "VARCHAR", null=False, contract=False),
        _c("counted_at", "TIMESTAMP", null=False, contract=False),
        _c("table_name", "VARCHAR", null=False, contract=False),
        _c("row_count", "BIGINT", null=False, contract=False),
    ), key=("run_id", "table_name"), doc="row counts per table per validated run"),
)

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return BY_NAME[name]


def tables(*roles: str) -> tuple[Table, ...]:
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role(s): {', '.join(sorted(unknown))}")
    return tuple(t for t in TABLES if t.role in roles)


# Tables keyed by doc_id, in the order a document's rows are replaced.
DOCUMENT_TABLES: tuple[str, ...] = tuple(t.name for t in tables("document", "part", "fact"))
FACT_TABLES: tuple[str, ...] = tuple(t.name for t in tables("fact"))
COUNTED_TABLES: tuple[str, ...] = tuple(t.name for t in TABLES if t.counted)


# --- derived SQL ------------------------------------------------------------------------------------------------


def create_table_sql(t: Table, name: str | None = None) -> str:
    """CREATE TABLE for `t` (under `name`, for a rebuild), with its NOT NULLs, enumerations, checks and key."""
    lines = []
    for c in t.columns:
        parts = [c.name, c.type] + ([] if c.nullable else ["NOT NULL"])
        if c.values:
            parts.append(f"CHECK ({c.name} IN ({', '.join(_quote(v) for v in c.values)}))")
        if c.check:
            parts.append(f"CHECK ({c.check})")
        lines.append(" ".join(parts))
    lines += [f"CHECK ({check})" for check in t.checks]
    if t.key:
        lines.append(f"PRIMARY KEY ({', '.join(t.key)})")
    body = ",\n    ".join(lines)
    return f"CREATE TABLE IF NOT EXISTS {name or t.name} (\n    {body}\n)"


def fact_selects() -> str:
    """One SELECT per fact table onto the columns every fact has, for sql/contract/fact_spans.sql."""
    selects = []
    for t in tables("fact"):
        date = f"{t.date}" if t.date else "CAST(NULL AS DATE)"
        date_column = _quote(t.date) if t.date else "CAST(NULL AS VARCHAR)"
        selects.append(f"SELECT {_quote(t.name)} AS table_name, doc_id, mention_no, evidence, start_offset, "
                       f"end_offset, {date} AS fact_date, {date_column} AS date_column FROM {t.name}")
    return "\n    UNION ALL ".join(selects)


def count_selects() -> str:
    """One row count per counted table, for sql/contract/table_sizes.sql."""
    return "\n    UNION ALL ".join(f"SELECT {_quote(name)} AS table_name, count(*) AS row_count FROM {name}"
                                  for name in COUNTED_TABLES)


def column_rows() -> list[dict]:
    """The `contract_columns` table: what sql/dq/column_types.sql compares with information_schema."""
    return [{"table_name": t.name, "column_name": c.name, "expected_type": c.type, "nullable": c.nullable,
             "in_contract": c.contract, "role": t.role}
            for t in TABLES for c in t.columns]


# --- derived expectations ---------------------------------------------------------------------------------------


def basic_expectations(t: Table) -> list[dict]:
    """The checks every table gets from its declaration, in the suite format of expectations/*.json."""
    out = [{
        "type": "expect_table_columns_to_match_set",
        "kwargs": {"column_set": list(t.contract_columns), "exact_match": False},
        "severity": "critical",
        "why": "the columns of shared/CONTRACT.md that users and outside checks rely on must exist",
    }]
    for c in t.columns:
        if not c.nullable:
            out.append({"type": "expect_column_values_to_not_be_null", "kwargs": {"column": c.name},
                        "severity": "critical", "why": f"every {t.name} row needs a {c.name}"})
    if len(t.key) == 1:
        out.append({"type": "expect_column_values_to_be_unique", "kwargs": {"column": t.key[0]},
                    "severity": "critical", "why": f"{t.key[0]} identifies one {t.name} row"})
    elif t.key:
        out.append({"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": list(t.key)},
                    "severity": "critical", "why": f"({', '.join(t.key)}) identifies one {t.name} row"})
    for c in t.columns:
        if c.values:
            out.append({"type": "expect_column_values_to_be_in_set",
                        "kwargs": {"column": c.name, "value_set": list(c.values)}, "severity": "critical",
                        "why": f"{c.name} must be one of {', '.join(c.values)}"})
    return out


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


__all__ = ["Column", "Table", "TABLES", "ROLES", "DOCUMENT_TABLES", "FACT_TABLES", "COUNTED_TABLES", "table",
           "tables", "create_table_sql", "fact_selects", "count_selects", "column_rows",
           "basic_expectations"]
