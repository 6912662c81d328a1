"""Golden tests: the extractor on the example minutes against their hand-checked records.

Every document in `examples/` has an expected record in `examples/expected/<stem>.json`,
written by reading the document. The extractor is scored on all examples together, with the
judge's matching rules, and must meet `EXTRACTION_THRESHOLDS`.

To start the key of a new example, run the tests with OVERSIGHT_WRITE_DRAFTS=1: each example
without a key gets the extractor's record as a draft, marked `"draft": true`. A draft fails the
shape test until a person has checked it against the document and removed the mark.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from support.golden import extract_record, failure_report, load_json
from support.scoring import Scoreboard
from support.thresholds import EXTRACTION_THRESHOLDS, shortfalls

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXPECTED = EXAMPLES / "expected"
DRAFTS_ENV = "OVERSIGHT_WRITE_DRAFTS"
REQUIRED_KEYS = ("source", "meeting", "attendees", "apologies", "items", "actions")
TIME = re.compile(r"^\d{2}:\d{2}$")


def example_documents() -> list[Path]:
    """Return the example minutes, every file in `examples/` but its README."""
    return sorted(p for p in EXAMPLES.iterdir() if p.is_file() and p.name != "README.md")


def expected_files() -> list[Path]:
    """Return the expected records."""
    return sorted(EXPECTED.glob("*.json"))


def _write_draft(document: Path) -> Path:
    record = extract_record(document) or {"source": document.name}
    draft = {"draft": True, **record}
    target = EXPECTED / f"{document.stem}.json"
    target.write_text(json.dumps(draft, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def test_every_example_has_an_expected_record() -> None:
    documents = {p.stem: p for p in example_documents()}
    keys = {p.stem for p in expected_files()}
    unkeyed = sorted(set(documents) - keys)
    if unkeyed and os.environ.get(DRAFTS_ENV) == "1":
        written = [_write_draft(documents[stem]).name for stem in unkeyed]
        pytest.fail(f"drafts written, check them against their documents: {', '.join(written)}")
    assert not unkeyed, f"examples without an expected record: {unkeyed} (see {DRAFTS_ENV})"
    assert not keys - set(documents), f"records without an example: {sorted(keys - set(documents))}"
    assert len(documents) >= 10


def _check_date(value: Any, where: str) -> None:
    if value is not None:
        assert isinstance(value, str), where
        dt.date.fromisoformat(value)


def _check_time(value: Any, where: str) -> None:
    assert value is None or (isinstance(value, str) and TIME.match(value)), where


@pytest.mark.parametrize("path", expected_files(), ids=lambda p: p.stem)
def test_expected_record_follows_the_interchange_shape(path: Path) -> None:
    record = load_json(path)
    assert not record.get("draft"), f"{path.name} is an unchecked draft"
    for key in REQUIRED_KEYS:
        assert key in record, f"{path.name} lacks {key!r}"
    assert record["source"] == next(p.name for p in example_documents() if p.stem == path.stem)
    head = record["meeting"]
    _check_date(head.get("date"), "meeting.date")
    _check_time(head.get("start_time"), "meeting.start_time")
    for person in record["attendees"] + record["apologies"]:
        assert isinstance(person.get("name"), str) and person["name"].strip()
    item_keys = {i.get("number") for i in record["items"]} | {i["title"] for i in record["items"]}
    for action in record["actions"]:
        assert isinstance(action["text"], str) and action["text"].strip()
        assert isinstance(action["owner"], list)
        assert all(isinstance(o, str) for o in action["owner"])
        assert action.get("item") is None or action["item"] in item_keys, action["text"]
        _check_date(action.get("due_date"), f"due_date of {action['text']!r}")
    for recommendation in record.get("hmicfrs", []):
        assert recommendation["report"] and recommendation["text"]
    for figure in record.get("figures", []):
        assert figure["measure"] and figure["value"]
    next_meeting = record.get("next_meeting")
    if next_meeting is not None:
        _check_date(next_meeting.get("date"), "next_meeting.date")
        _check_time(next_meeting.get("time"), "next_meeting.time")


def test_examples_meet_the_extraction_thresholds() -> None:
    board = Scoreboard()
    for document in example_documents():
        expected = load_json(EXPECTED / f"{document.stem}.json")
        board.add(expected, extract_record(document), name=document.name)
    result = board.result()
    if shortfalls(result, EXTRACTION_THRESHOLDS):
        report = failure_report(
            result, EXTRACTION_THRESHOLDS, board.logs, title="Extraction on examples/"
        )
        pytest.fail(report, pytrace=False)
