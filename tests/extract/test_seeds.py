"""The extractor on the shared seed minutes, scored by the judge's own scorer.

The seeds (real published minutes), their answer keys and the scorer live beside the
repository in `../shared`; the test is skipped where that directory is absent. Predictions are
written under `tmp_path` and the scorer is run as a separate program, exactly as it is run to
judge the project.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support.golden import extract_record, failure_report, load_json
from support.thresholds import EXTRACTION_THRESHOLDS, shortfalls

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
SCORER = SHARED / "eval" / "score.py"


def _run_scorer(predictions: Path, *options: str) -> str:
    completed = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(predictions), *options],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return completed.stdout


def _misses_by_document(verbose: str) -> dict[str, list[str]]:
    """Split the scorer's --verbose listing into the lines under each document name."""
    logs: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in verbose.splitlines():
        if line.endswith(".json:") and not line.startswith(" "):
            current = logs.setdefault(line[:-1], [])
        elif line.startswith("  ") and current is not None:
            current.append(line)
        else:
            current = None
    return logs


def test_seeds_meet_the_extraction_thresholds(tmp_path: Path) -> None:
    if not (SEEDS.is_dir() and GOLD.is_dir() and SCORER.is_file()):
        pytest.skip(f"the shared seeds are not at {SHARED}")
    gold_files = sorted(GOLD.glob("*.json"))
    assert gold_files, f"no answer keys in {GOLD}"
    for gold_file in gold_files:
        record = extract_record(SEEDS / load_json(gold_file)["source"])
        if record is not None:
            text = json.dumps(record, ensure_ascii=False)
            (tmp_path / gold_file.name).write_text(text, encoding="utf-8")
    result = json.loads(_run_scorer(tmp_path, "--json"))
    if shortfalls(result, EXTRACTION_THRESHOLDS):
        logs = _misses_by_document(_run_scorer(tmp_path, "--verbose"))
        report = failure_report(
            result, EXTRACTION_THRESHOLDS, logs, title=f"Extraction on {SEEDS} (judge's scorer)"
        )
        pytest.fail(report, pytrace=False)
