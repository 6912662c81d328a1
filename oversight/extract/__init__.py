"""Pure, deterministic extraction of a meeting's record from a document's text."""

from oversight.extract.meeting import NotMinutesError, extract_meeting

__all__ = ["NotMinutesError", "extract_meeting"]
