"""Benchmark harness (issue 8): see bench/run.py and the README's Performance section."""
