"""Tests of the store: schema, repository functions and search, on every backend."""
