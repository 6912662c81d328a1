"""Helpers for the golden extraction tests: the judge's scoring rules and the thresholds."""
