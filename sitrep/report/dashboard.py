"""`sitrep dashboard`: one self-contained HTML page about the warehouse's recent runs and what their checks flagged.

The page is for the analyst who wants to know, before trusting a number, whether the last run passed and which
rows were flagged and why. It must open anywhere, offline and from a file: the charts are Vega-Lite specs built
with Altair, and the Vega / Vega-Lite / vega-embed JavaScript that draws them is inlined from vl-convert's bundle,
so the page references no network resource at all. Tables (runs, flagged rows) are plain HTML so their text is
searchable and readable without JavaScript.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import jinja2
from markupsafe import Markup, escape

from sitrep import warehouse
from sitrep.config import dashboard_path
from sitrep.resources import TEMPLATE_DIR

TEMPLATE = TEMPLATE_DIR / "dashboard.html"
OUTCOME_COLOURS = {"passed": "#2e7d32", "warning failed": "#f9a825", "critical failed": "#c62828"}
SEVERITY_COLOURS = {"critical": "#c62828", "warning": "#f9a825"}


EXAMPLES_PER_CHECK = 3  # shown under each failing check; the rest behind its drill-down
ROWS_PER_CHECK = 2000  # listed in a drill-down; beyond that, the page says how to see them all (`dq_flags`)


@dataclass(frozen=True)
class DashboardData:
    runs: list[dict]
    row_counts: list[dict]
    checks: list[dict]
    failing: list[dict]  # the latest run's failed checks, each with its flagged rows ("rows")


def default_output(db_path: Path | str) -> Path:
    return dashboard_path(Path(db_path))


def build_dashboard(db_path: Path | str, output: Path | str | None = None, runs: int = 30,
                    rows_per_check: int = ROWS_PER_CHECK) -> Path:
    """Read the warehouse (read-only), write the page, return its path."""
    data = read_data(Path(db_path), runs, rows_per_check)
    page = render(data, Path(db_path))
    target = Path(output) if output else default_output(db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target


def read_data(db_path: Path, runs: int, rows_per_check: int = ROWS_PER_CHECK) -> DashboardData:
    def rows(name: str, params: list | None = None) -> list[dict]:
        return warehouse.read_frame(db_path, warehouse.sql_file(f"dashboard/{name}.sql"), params).to_dicts()

    flagged: dict[tuple, list[dict]] = {}
    for row in rows("check_rows", [rows_per_check]):
        flagged.setdefault((row["suite"], row["check_name"], row["column_name"]), []).append(row)
    failing = [{**check, "rows": flagged.get((check["suite"], check["check_name"], check["column_name"]), [])}
               for check in rows("failing_checks")]
    changes = {r["run_id"]: r for r in rows("run_changes")}
    return DashboardData(
        runs=[{**run, **changes.get(run["run_id"], {"rows_added": None, "newly_failing": None})}
              for run in rows("runs", [runs])],
        row_counts=rows("row_counts", [runs]),
        checks=rows("checks", [runs]),
        failing=failing,
    )


def render(data: DashboardData, db_path: Path) -> str:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["marked"] = marked
    template = env.from_string(TEMPLATE.read_text(encoding="utf-8"))
    charts = {
        "checks_chart": checks_chart(data.checks, data.runs),
        "rows_chart": rows_chart(data.row_counts, data.runs),
        "flags_chart": flags_chart(data.failing),
    }
    return template.render(
        generated_at=f"{dt.datetime.now():%Y-%m-%d %H:%M:%S}",
        warehouse=str(db_path),
        latest=data.runs[0] if data.runs else None,
        runs=[_run_row(r) for r in data.runs],
        failing=data.failing,
        flags_total=sum(c["flagged_rows"] for c in data.failing),
        examples=EXAMPLES_PER_CHECK,
        specs={name: _script_json(chart.to_dict()) for name, chart in charts.items() if chart is not None},
        vega_bundle=jinja2.utils.markupsafe.Markup(_vega_bundle()),
    )


def marked(evidence: str | None, value: str | None) -> Markup:
    """The evidence sentence, escaped, with the flagged value inside it in <mark> (first occurrence, any case)."""
    text = evidence or ""
    at = text.lower().find(value.lower()) if value and len(value) > 1 else -1
    if at < 0:
        return escape(text)
    end = at + len(value)
    return escape(text[:at]) + Markup("<mark>") + escape(text[at:end]) + Markup("</mark>") + escape(text[end:])


def checks_chart(checks: list[dict], runs: list[dict]) -> alt.Chart | None:
    """Checks passed and failed per run: a run that goes red is visible at a glance."""
    if not checks:
        return None
    values = [{"run": _run_label(r), "outcome": r["outcome"], "checks": r["checks"]} for r in checks]
    return (
        alt.Chart(alt.Data(values=values), title="Checks per run")
        .mark_bar()
        .encode(
            x=alt.X("run:N", sort=_run_order(runs), title=None, axis=alt.Axis(labelAngle=-30)),
            y=alt.Y("checks:Q", title="checks"),
            color=alt.Color("outcome:N", scale=alt.Scale(domain=list(OUTCOME_COLOURS),
                                                         range=list(OUTCOME_COLOURS.values())),
                            title="outcome"),
            tooltip=["run:N", "outcome:N", "checks:Q"],
        )
        .properties(width=560, height=220)
    )


def rows_chart(row_counts: list[dict], runs: list[dict]) -> alt.Chart | None:
    """Rows per table per run, on a symlog scale so five documents and five hundred removed blocks both show."""
    if not row_counts:
        return None
    values = [{"run": _run_label(r), "table": r["table_name"], "rows": r["row_count"]} for r in row_counts]
    return (
        alt.Chart(alt.Data(values=values), title="Rows per table per run")
        .mark_line(point=True)
        .encode(
            x=alt.X("run:N", sort=_run_order(runs), title=None, axis=alt.Axis(labelAngle=-30)),
            y=alt.Y("rows:Q", scale=alt.Scale(type="symlog"), title="rows"),
            color=alt.Color("table:N", title="table"),
            tooltip=["run:N", "table:N", "rows:Q"],
        )
        .properties(width=560, height=220)
    )


def flags_chart(failing: list[dict]) -> alt.Chart | None:
    """Which checks flagged how many rows in the latest run."""
    values = [{"check": f"{r['suite']}.{r['column_name'] or '(table)'}", "severity": r["severity"],
               "rows": r["flagged_rows"]} for r in failing if r["flagged_rows"]]
    if not values:
        return None
    return (
        alt.Chart(alt.Data(values=values), title="Flagged rows by check (latest run)")
        .mark_bar()
        .encode(
            y=alt.Y("check:N", sort="-x", title=None),
            x=alt.X("rows:Q", title="flagged rows"),
            color=alt.Color("severity:N", scale=alt.Scale(domain=list(SEVERITY_COLOURS),
                                                          range=list(SEVERITY_COLOURS.values()))),
            tooltip=["check:N", "severity:N", "rows:Q"],
        )
        .properties(width=560)
    )


def _when(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if isinstance(value, dt.datetime) else str(value or "")


def _run_label(row: dict) -> str:
    return f"{_when(row['started_at'])} {row['run_id'][:8]}"


def _run_order(runs: list[dict]) -> list[str]:
    return [_run_label(r) for r in reversed(runs)]


def _run_row(run: dict) -> dict:
    finished, started = run.get("finished_at"), run.get("started_at")
    seconds = (finished - started).total_seconds() if finished and started else None
    return {**run, "started": _when(started), "seconds": None if seconds is None else f"{seconds:.1f}"}


def _script_json(spec: dict) -> jinja2.utils.markupsafe.Markup:
    """A spec as JSON that is safe inside <script>: no '</' can close the tag early."""
    text = json.dumps(spec, default=str).replace("</", "<\\/").replace("<!--", "<\\!--")
    return jinja2.utils.markupsafe.Markup(text)


def _vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script, from vl-convert (a Python wheel), matching Altair's version."""
    try:
        import vl_convert
        from altair.utils._importers import vl_version_for_vl_convert
    except ImportError as exc:  # pragma: no cover - a broken install, said plainly
        raise RuntimeError("the dashboard needs vl-convert-python (it ships the charting JavaScript)") from exc
    bundle = vl_convert.javascript_bundle(vl_version=vl_version_for_vl_convert())
    return bundle.replace("</script", "<\\/script")

