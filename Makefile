# The two commands a newcomer needs: `make run` and `make test`. Each sets itself up on a fresh machine.
PY      ?= python3
VENV    := .venv
UV      := $(VENV)/bin/uv
UV_VER  := 0.13.9
STAMP   := $(VENV)/.synced
INPUT   ?= seeds
WAREHOUSE ?= warehouse/sitrep.duckdb
N       ?= 10000
BENCH_ARGS ?=

.PHONY: run test bench setup dashboard clean-warehouse

# The virtual environment is rebuilt only when the lock file changes.
$(STAMP): uv.lock pyproject.toml
	@test -x $(VENV)/bin/python || $(PY) -m venv $(VENV)
	@test -x $(UV) || $(VENV)/bin/pip install --quiet "uv==$(UV_VER)"
	$(UV) sync --locked --inexact --extra dev --python $(VENV)/bin/python
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/sitrep run --input $(INPUT) --warehouse $(WAREHOUSE)

test: $(STAMP)
	$(VENV)/bin/python -m pytest

dashboard: $(STAMP)
	$(VENV)/bin/sitrep dashboard --warehouse $(WAREHOUSE)

# `make bench N=50000 BENCH_ARGS="--skip-flow"`: corpus size and extra options of benchmarks/run.py.
bench: $(STAMP)
	$(VENV)/bin/python -m benchmarks.run --docs $(N) $(BENCH_ARGS)

clean-warehouse:
	rm -rf warehouse/*.duckdb warehouse/*.wal warehouse/gx warehouse/prefect warehouse/*.html
