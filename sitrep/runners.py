"""Task runners: where clean and extract run. Warehouse writes always stay in the flow's own process."""
from __future__ import annotations

RUNNERS = ("default", "dask")


def task_runner(name: str = "default", dask_address: str | None = None, dask_workers: int = 2):
    """The Prefect task runner for `name`: None keeps the flow's default (threads in this process).

    With "dask", a local cluster of `dask_workers` single-threaded worker processes is started for the run
    (cleaning and extraction are pure Python, so processes, not threads, use the cores), unless `dask_address`
    names a running scheduler to use instead.
    """
    if name == "default":
        if dask_address:
            raise ValueError("--dask-address needs --task-runner dask")
        return None
    if name != "dask":
        raise ValueError(f"unknown task runner {name!r}: choose one of {', '.join(RUNNERS)}")
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": dask_workers, "threads_per_worker": 1, "processes": True,
                                          "dashboard_address": None})
