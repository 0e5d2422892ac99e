# The two commands a newcomer needs: `make run` and `make test`. Each sets itself up on a fresh machine.
# `make check` is the fast loop while working (under 30 s).
PY      ?= python3
VENV    := .venv
UV      := $(VENV)/bin/uv
UV_VER  := 0.13.9
STAMP   := $(VENV)/.synced
INPUT   ?= seeds
WAREHOUSE ?= warehouse/sitrep.duckdb
N       ?= 10000
BENCH_ARGS ?=

.PHONY: run test check bench eval setup dashboard clean-warehouse

# The virtual environment is rebuilt only when the lock file changes.
$(STAMP): uv.lock pyproject.toml
	@test -x $(VENV)/bin/python || $(PY) -m venv $(VENV)
	@test -x $(UV) || $(VENV)/bin/pip install --quiet "uv==$(UV_VER)"
	$(UV) sync --locked --inexact --extra dev --compile-bytecode --python $(VENV)/bin/python
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/sitrep run --input $(INPUT) --warehouse $(WAREHOUSE)

test: $(STAMP)
	$(VENV)/bin/python -m pytest

# The fast loop: every spec that needs no Prefect server, Dask cluster, subprocess or full GX validation.
check: $(STAMP)
	$(VENV)/bin/python -m pytest -q -m "not slow and not browser and not gx"

dashboard: $(STAMP)
	$(VENV)/bin/sitrep dashboard --warehouse $(WAREHOUSE)

# Every local quality set in one table (benchmarks/out/quality.json); `make eval` before and after a change,
# then `python -m benchmarks.quality --compare BEFORE AFTER`.
eval: $(STAMP)
	$(VENV)/bin/python -m benchmarks.quality

# `make bench N=50000 BENCH_ARGS="--skip-flow"`: corpus size and extra options of benchmarks/run.py.
bench: $(STAMP)
	$(VENV)/bin/python -m benchmarks.run --docs $(N) $(BENCH_ARGS)

clean-warehouse:
	rm -rf warehouse/*.duckdb warehouse/*.wal warehouse/gx warehouse/prefect warehouse/*.html
