"""Extracting to interchange JSON files without a store."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from oversight.records.interchange import meeting_from_json
from oversight.services import Outcome, Progress, extract_paths

pytestmark = pytest.mark.usefixtures("fake_extractor")
WriteMinutes = Callable[..., Path]


def test_each_file_gives_stem_json(write_minutes: WriteMinutes, tmp_path: Path) -> None:
    a = write_minutes("in/2024-03.txt", "Ambridge Police Board", actions=["Review | CC"])
    write_minutes("in/sub/2024-03.md", "Ambridge Ethics Panel")
    (tmp_path / "in/notes.txt").write_text("NOT MINUTES\nScones.\n")
    (tmp_path / "in/empty.txt").write_bytes(b"")
    seen: list[Progress] = []

    report = extract_paths(
        paths=[tmp_path / "in"], out_dir=tmp_path / "out", on_progress=seen.append
    )

    assert [p.name for p in report.written] == ["2024-03.json", "2024-03-2.json"]
    record = meeting_from_json(json.loads(report.written[0].read_text(encoding="utf-8")))
    assert record.source == a.name
    assert record.title == "Ambridge Police Board"
    assert [(x.text, x.owners) for x in record.actions] == [("Review", ["CC"])]
    assert record.actions[0].span is not None
    assert sorted(p.line.split(": ", 1)[1] for p in report.failures) == [
        "not minutes: no meeting header found",
        "the file is empty",
    ]
    assert [p.outcome for p in seen].count(Outcome.WRITTEN) == 2
    assert not report.ok


def test_zip_members_each_give_a_record(write_minutes: WriteMinutes, tmp_path: Path) -> None:
    board = write_minutes("src/board.txt", "Ambridge Police Board").read_text()
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as archive:
        archive.writestr("2024/board.txt", board)
        archive.writestr("empty.txt", "")

    report = extract_paths(paths=[tmp_path / "bundle.zip"], out_dir=tmp_path / "out")

    assert [p.name for p in report.written] == ["board.json"]
    assert [p.file for p in report.failures] == [f"{tmp_path / 'bundle.zip'}/empty.txt"]
