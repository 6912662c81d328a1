"""The extraction quality the golden tests demand, and the table they print when it is missed.

A threshold names a section of a `Scoreboard.result()` (its F1) or a rate (its value, keys
ending in `_accuracy`). Sections whose answer keys are optional extras (figures, commitments,
HMICFRS) are only held to their threshold when the keys hold any entries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from support.scoring import RATES, SECTIONS


@dataclass(frozen=True, slots=True)
class Threshold:
    """The least acceptable score for one section or rate."""

    key: str
    minimum: float
    only_if_expected: bool = False


EXTRACTION_THRESHOLDS: tuple[Threshold, ...] = (
    Threshold("meeting", 0.95),
    Threshold("attendees", 0.95),
    Threshold("apologies", 0.95),
    Threshold("actions", 0.90),
    Threshold("action_owner_accuracy", 0.90),
    Threshold("action_due_date_accuracy", 0.80),
    Threshold("items", 0.80),
    Threshold("action_updates", 0.80),
    Threshold("figures", 0.60, only_if_expected=True),
    Threshold("commitments", 0.60, only_if_expected=True),
    Threshold("hmicfrs", 0.60, only_if_expected=True),
)


def _measured(result: Mapping[str, Any], threshold: Threshold) -> float | None:
    """Return the score a threshold applies to, or None when it is not measured."""
    entry = result.get(threshold.key)
    if not isinstance(entry, Mapping):
        return None
    if threshold.key.endswith("_accuracy"):
        return float(entry["value"])
    return float(entry["f1"])


def shortfalls(result: Mapping[str, Any], thresholds: Sequence[Threshold]) -> list[str]:
    """Return one line per threshold the result misses; an empty list means all are met."""
    out: list[str] = []
    for threshold in thresholds:
        entry = result.get(threshold.key)
        if threshold.only_if_expected:
            expected = entry["tp"] + entry["fn"] if isinstance(entry, Mapping) else 0
            if not expected:
                continue
        score = _measured(result, threshold)
        if score is None:
            if threshold.key.endswith("_accuracy"):
                out.append(f"{threshold.key}: not measured (no matched cases)")
            # A section with nothing expected and nothing predicted scores as perfect.
            continue
        if score < threshold.minimum:
            out.append(f"{threshold.key}: {score:.3f} < {threshold.minimum:.2f}")
    return out


def format_table(result: Mapping[str, Any], thresholds: Sequence[Threshold] = ()) -> str:
    """Return the per-section scores as a plain table, with the threshold beside each."""
    wanted = {t.key: t.minimum for t in thresholds}
    lines = [f"{'section':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}{'need':>7}"]
    for section in SECTIONS:
        entry = result.get(section)
        if not isinstance(entry, Mapping):
            continue
        need = f"{wanted[section]:>7.2f}" if section in wanted else ""
        lines.append(
            f"{section:<16}{entry['precision']:>7.3f}{entry['recall']:>7.3f}{entry['f1']:>7.3f}"
            f"{entry['tp']:>6}{entry['fp']:>6}{entry['fn']:>6}{need}"
        )
    for rate in RATES:
        key = f"{rate}_accuracy"
        entry = result.get(key)
        need = f"  need {wanted[key]:.2f}" if key in wanted else ""
        if isinstance(entry, Mapping):
            lines.append(f"{rate + ' accuracy':<30}{entry['value']:.3f} (n={entry['n']}){need}")
        elif need:
            lines.append(f"{rate + ' accuracy':<30}not measured{need}")
    lines.append(f"core F1 {result.get('core_f1', 0.0):.3f}")
    return "\n".join(lines)
