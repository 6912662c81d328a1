"""Oversight: the structured, searchable record of police accountability meetings."""

__version__ = "0.1.0"
