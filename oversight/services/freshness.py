"""Whether the store has changed since last asked, for those who keep what they built from it
(the website keeps the public's pages until then); see `oversight.store.changes`."""

from __future__ import annotations

from oversight.services.database import Database
from oversight.store.changes import ChangeCounter

__all__ = ["ChangeCounter", "change_counter"]


def change_counter(database: Database) -> ChangeCounter:
    """Return a counter of the commits made to an open store, by any process."""
    return ChangeCounter(database.engine)
