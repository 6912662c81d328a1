"""Closed vocabularies used across the record, as string enums."""

from enum import StrEnum


class AttendanceStatus(StrEnum):
    """How a person figures in a meeting's attendance."""

    PRESENT = "present"
    APOLOGIES = "apologies"


class DocumentStatus(StrEnum):
    """What became of an imported document."""

    UNDERSTOOD = "understood"
    NOT_UNDERSTOOD = "not understood"
