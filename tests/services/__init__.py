"""Tests of the service layer: ingest, extract to files, queries, JSON forms."""
