"""Benchmark harness (issue 8): see bench/run.py and README "Performance"."""
