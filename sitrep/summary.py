"""The run summary a person reads: printed by `sitrep run`, logged by every flow run (scheduled ones too)."""
from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

STAGES = ("ingest", "clean", "extract", "load", "validate", "report")


def format_summary(s: dict) -> str:
    rows = s.get("rows", {})
    lines = [
        f"sitrep run {s['run_id']}",
        f"  input      {s['input_dir']}",
        f"  warehouse  {s['warehouse']}",
        f"  files      {s['files_seen']} seen, {s['files_unchanged']} unchanged, {s['documents_new']} new documents, "
        f"{s['documents_known']} already loaded, {s['files_rejected']} rejected"
        + (f", {s['hidden_skipped']} hidden skipped" if s.get("hidden_skipped") else ""),
    ]
    for r in s.get("rejected", []):
        lines.append(f"    rejected {r['source_file']}: {r['reason']}")
    gone, pruned = s.get("gone", []), s.get("documents_pruned", 0)
    if gone or pruned:
        kept = f"{pruned} documents no file holds any more deleted" if pruned else \
            "their documents are kept (--prune deletes a document once all its files are gone)"
        lines.append(f"  gone       {len(gone)} files loaded before are deleted or refused now; {kept}")
    for g in gone:
        lines.append(f"    gone     {g['source_file']}: {g['reason']}")
    lines.append(f"  cleaning   {s['blocks_removed']} blocks removed, {rows.get('comments', 0)} comments kept apart")
    lines.append("  new rows   " + ", ".join(f"{t} {n}" for t, n in rows.items()))
    if s.get("totals"):
        lines.append("  totals     " + ", ".join(f"{t} {n}" for t, n in s["totals"].items()) + " (whole warehouse)")
    lines.append(f"  checks     {s['checks_passed']} passed, {s['checks_failed']} failed "
                 f"({len(s['critical_failures'])} critical, {len(s['warnings'])} warnings)")
    for w in s.get("critical_failures", []):
        lines.append(f"    CRITICAL {w}")
    for w in s.get("warnings", []):
        lines.append(f"    warning  {w}")
    lines.append("  seconds    " + ", ".join(f"{k} {s['seconds'].get(k, 0):.2f}" for k in STAGES))
    if s.get("validation", "ran") != "ran":
        lines.append(f"  validation {s['validation']}")
    lines.append(f"  DQ report  {s.get('dq_report') or '(not built)'}")
    lines.append(f"  flags      {self_command()} sql --warehouse {shlex.quote(s['warehouse'])} "
                 "\"SELECT * FROM dq_flags\"")
    return "\n".join(lines)


def self_command() -> str:
    """How to call this sitrep again from any shell: the name when it is on PATH, else the full path."""
    me = Path(sys.argv[0])
    if me.name == "sitrep" and shutil.which("sitrep") == str(me.resolve()):
        return "sitrep"
    return shlex.quote(str(me.resolve())) if me.name == "sitrep" else f"{shlex.quote(sys.executable)} -m sitrep.cli"
