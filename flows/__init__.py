"""sitrep: raw news text dumps in, a clean, validated DuckDB warehouse of force-posture facts out."""
