"""Run the extractor on a document for the golden tests, and explain a failed comparison.

`extract_record` is the path a user's file takes (read, extract, interchange form), so the
golden tests score exactly what `oversight` would write. `failure_report` puts the score
table, the missed thresholds and the first misses of each document in one message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from oversight.documents import read_path
from oversight.extract import NotMinutesError, extract_meeting
from oversight.records.interchange import meeting_to_json
from support.thresholds import Threshold, format_table, shortfalls

# Misses listed per failure report; the table says how many there are in all.
MAX_LOG_LINES = 120


def extract_record(path: Path) -> dict[str, Any] | None:
    """Return the interchange record extracted from a file, or None if it is not minutes."""
    document = read_path(path)
    try:
        meeting = extract_meeting(document)
    except NotMinutesError:
        return None
    return meeting_to_json(meeting)


def load_json(path: Path) -> dict[str, Any]:
    """Read one JSON object from a file."""
    value = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(value, dict):
        raise ValueError(f"{path.name} does not hold a JSON object")
    return value


def failure_report(
    result: Mapping[str, Any],
    thresholds: Sequence[Threshold],
    logs: Mapping[str, Sequence[str]],
    *,
    title: str,
) -> str:
    """Return the message of a failed threshold check: table, shortfalls, misses by document."""
    lines = [title, "", format_table(result, thresholds), "", "Below threshold:"]
    lines += [f"  {line}" for line in shortfalls(result, thresholds)]
    missing = result.get("missing_predictions") or []
    if missing:
        lines.append(f"Not recognised as minutes: {', '.join(missing)}")
    lines += ["", "Misses and extras by document:"]
    shown = 0
    for name, entries in logs.items():
        if not entries:
            continue
        if shown >= MAX_LOG_LINES:
            lines.append("  ...")
            break
        lines.append(f"{name}:")
        lines += entries[: MAX_LOG_LINES - shown]
        shown += len(entries)
    return "\n".join(lines)
