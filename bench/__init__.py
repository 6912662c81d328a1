"""Throughput and memory benchmark of extraction on a generated corpus of minutes.

Run it with `python -m bench.run` (or `make bench`) from the repository root.
"""
