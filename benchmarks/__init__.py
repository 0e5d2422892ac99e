"""Benchmarks: timing and quality harnesses run outside the test suite."""
