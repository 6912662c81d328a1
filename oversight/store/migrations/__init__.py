"""Alembic migrations of the store's schema; `oversight.store.schema.migrate` runs them."""
