"""Query results as text for `sitrep sql`: a table for the terminal, or csv, json, markdown or one line per value
for pipes and documents. Pure functions: columns and rows in, text out."""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json

FORMATS = ("table", "csv", "json", "markdown", "line")


MIN_COLUMN_WIDTH = 8  # a column squeezed to fit the terminal keeps at least this much


def render(columns: list[str], rows: list[tuple], fmt: str = "table", max_rows: int = 100,
           max_width: int = 60, table_width: int | None = None) -> str:
    """`max_rows` < 0 shows every row; `max_width` 0 shows whole cells (tables only: the other formats never cut);
    `table_width` (a terminal's columns) narrows the widest columns until the table fits it."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if not columns:
        return "(no result)" if fmt == "table" else ""
    shown = rows if max_rows < 0 else rows[:max_rows]
    if fmt == "table":
        text = _table(columns, shown, max_width, table_width)
    else:
        text = {"csv": _csv, "json": _json, "markdown": _markdown, "line": _line}[fmt](columns, shown)
    if fmt == "table":
        more = f", showing {len(shown)}" if len(shown) < len(rows) else ""
        text += f"\n({len(rows)} row{'s' if len(rows) != 1 else ''}{more})"
    return text


def _cell(value, max_width: int) -> str:
    text = "NULL" if value is None else " ".join(str(value).split())
    return text if not max_width or len(text) <= max_width else text[: max_width - 1] + "…"


def _table(columns, rows, max_width, table_width=None) -> str:
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    if table_width:
        widths = fit(widths, table_width)
        cells = [[_cell(v, w) for v, w in zip(row, widths)] for row in cells]
    line = lambda values: " | ".join(v.ljust(w)[:w] for v, w in zip(values, widths)).rstrip()
    return "\n".join([line(columns), "-+-".join("-" * w for w in widths)] + [line(r) for r in cells])


def fit(widths: list[int], total: int) -> list[int]:
    """Column widths whose table (with its " | " separators) fits `total` characters: the widest column gives up
    a character at a time, none below MIN_COLUMN_WIDTH (a column already narrower keeps its width). The table may
    still overflow when every column is at its floor."""
    widths = list(widths)
    floors = [min(w, MIN_COLUMN_WIDTH) for w in widths]
    budget = total - 3 * (len(widths) - 1)
    while sum(widths) > budget:
        shrinkable = [i for i, (w, f) in enumerate(zip(widths, floors)) if w > f]
        if not shrinkable:
            break
        widths[max(shrinkable, key=widths.__getitem__)] -= 1
    return widths


def _csv(columns, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return out.getvalue().rstrip("\n")


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def _json(columns, rows) -> str:
    return json.dumps([{c: _plain(v) for c, v in zip(columns, row)} for row in rows], ensure_ascii=False,
                      default=str, indent=1)


def _markdown(columns, rows) -> str:
    esc = lambda v: ("NULL" if v is None else " ".join(str(v).split())).replace("|", "\\|")
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    return "\n".join(lines + ["| " + " | ".join(esc(v) for v in row) + " |" for row in rows])


def _line(columns, rows) -> str:
    width = max(len(c) for c in columns)
    blocks = ["\n".join(f"{c.rjust(width)} = {'NULL' if v is None else v}" for c, v in zip(columns, row))
              for row in rows]
    return "\n\n".join(blocks)
