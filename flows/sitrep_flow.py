"""The Prefect deployment entry point (`prefect.yaml`: flows/sitrep_flow.py:sitrep_flow).

The flow itself and its tasks are in the package (sitrep/flow.py), so that an installed sitrep can run it
(`sitrep run`, `sitrep serve`) without this folder; this file only puts it where Prefect projects keep flows.
"""
from sitrep.flow import sitrep_flow

__all__ = ["sitrep_flow"]

if __name__ == "__main__":
    sitrep_flow()
