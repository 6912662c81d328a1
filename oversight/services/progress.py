"""Progress reports a batch sends after each file, for a progress bar or a log."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    """What became of one file."""

    NEW = "new"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    WRITTEN = "written"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a batch is, and what became of the file just done."""

    done: int
    total: int
    file: str
    outcome: Outcome
