"""The Dask task runner: cleaning and extraction on a cluster give exactly the warehouse of the default runner."""
from __future__ import annotations

import pytest

from sitrep.flow import sitrep_flow
from sitrep.runners import task_runner
from tests.conftest import table_snapshot

pytestmark = pytest.mark.slow


def test_a_local_dask_cluster_with_two_workers_builds_the_same_warehouse(seed_runs, seeds_dir, tmp_path):
    db = tmp_path / "dask.duckdb"
    flow = sitrep_flow.with_options(task_runner=task_runner("dask", dask_workers=2))
    state = flow(input_dir=str(seeds_dir), warehouse_path=str(db), batch_size=2, in_flight=3, return_state=True)
    assert state.is_completed()
    assert table_snapshot(db) == seed_runs["snapshots"][0]


def test_an_address_without_the_dask_runner_is_refused():
    with pytest.raises(ValueError, match="--dask-address needs --task-runner dask"):
        task_runner("default", dask_address="tcp://127.0.0.1:8786")
