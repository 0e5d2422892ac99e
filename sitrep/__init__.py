"""sitrep: raw news text dumps in, a clean, validated DuckDB warehouse of force-posture facts out."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sitrep")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
