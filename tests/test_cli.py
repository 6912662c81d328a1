"""The `oversight` command, run in-process on every backend: output, JSON, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from oversight.cli import make_cli

pytestmark = pytest.mark.usefixtures("fake_extractor")
WriteMinutes = Callable[..., Path]


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """Run the command with arguments, on a wide terminal so tables keep whole lines."""
    return CliRunner().invoke(
        make_cli(), [str(a) for a in args], env={"COLUMNS": "200", **(env or {})}
    )


def run_json(url: str, *args: str) -> Any:
    result = run("--db", url, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def minutes(write_minutes: WriteMinutes, tmp_path: Path) -> Path:
    write_minutes(
        "in/board.txt",
        "Ambridge Police Board",
        date="2024-03-05",
        present=[
            "Alex Fenwick | Police and Crime Commissioner | PCC",
            "Morgan Hale | Chief Constable | CC",
        ],
        items=["1 | Rural crime"],
        actions=["Report on rural crime patrols | CC | 2024-04-30", "Publish minutes | PCC |"],
        decisions=["The rural crime plan was approved"],
    )
    write_minutes("in/ethics.txt", "Ambridge Ethics Panel", date="2024-05-01")
    return tmp_path / "in"


@pytest.fixture
def ingested(database_url: str, minutes: Path) -> str:
    result = run("--db", database_url, "ingest", minutes)
    assert result.exit_code == 0, result.output
    return database_url


def test_ingest_summarises_and_exits_0(database_url: str, minutes: Path) -> None:
    result = run("--db", database_url, "ingest", minutes)
    assert result.exit_code == 0, result.output
    assert "Read 2 document(s): 2 new, 0 replaced, 0 unchanged." in result.stdout
    assert "Stored 2 meeting(s) and 2 action(s)." in result.stdout
    again = run("--db", database_url, "ingest", minutes)
    assert "0 new, 0 replaced, 2 unchanged" in again.stdout


def test_ingest_exits_1_when_a_file_failed(database_url: str, minutes: Path) -> None:
    (minutes / "junk.bin").write_bytes(bytes(range(256)) * 16)
    missing = minutes / "missing.txt"
    result = run("--db", database_url, "ingest", minutes, missing)
    assert result.exit_code == 1
    assert "Read 2 document(s)" in result.stdout
    errors = result.stderr.splitlines()
    assert f"{minutes / 'junk.bin'}: binary data, not text" in errors
    assert f"{missing}: no such file or directory" in errors
    assert "Traceback" not in result.output


def test_ingest_json_report(database_url: str, minutes: Path) -> None:
    (minutes / "notes.txt").write_text("NOT MINUTES\nScones.\n")
    report = run_json(database_url, "ingest", str(minutes))
    assert (report["new"], report["documents_read"], report["ok"]) == (3, 3, True)
    assert report["not_understood"][0]["reason"] == "not minutes: no meeting header found"


def test_meetings_table_and_json(ingested: str) -> None:
    table = run("--db", ingested, "meetings")
    assert table.exit_code == 0
    assert "Ambridge Police Board" in table.stdout
    listed = run_json(ingested, "meetings")
    assert [m["title"] for m in listed] == ["Ambridge Ethics Panel", "Ambridge Police Board"]
    assert listed[1]["date"] == "2024-03-05"


def test_show_by_id_and_by_name(ingested: str) -> None:
    board_id = run_json(ingested, "meetings")[1]["id"]
    shown = run_json(ingested, "show", str(board_id))
    assert shown["meeting"]["meeting"]["title"] == "Ambridge Police Board"
    assert run_json(ingested, "show", "board.txt")["id"] == board_id
    human = run("--db", ingested, "show", "board")
    assert human.exit_code == 0
    assert "Report on rural crime patrols" in human.stdout
    assert "Morgan Hale" in human.stdout
    missing = run("--db", ingested, "show", "nothing-like-it")
    assert missing.exit_code == 1
    assert missing.stderr.strip().startswith("error: no meeting 'nothing-like-it'")


def test_actions_filters(ingested: str) -> None:
    assert len(run_json(ingested, "actions")) == 2
    assert [a["action"]["text"] for a in run_json(ingested, "actions", "--owner", "cc")] == [
        "Report on rural crime patrols"
    ]
    overdue = run_json(ingested, "actions", "--open", "--overdue", "--as-of", "2024-05-01")
    assert [a["overdue"] for a in overdue] == [True]
    assert run_json(ingested, "actions", "--overdue", "--as-of", "2024-04-01") == []
    table = run("--db", ingested, "actions", "--overdue", "--as-of", "2024-05-01")
    assert "overdue" in table.stdout
    bad = run("--db", ingested, "actions", "--as-of", "May")
    assert bad.exit_code == 2


def test_people(ingested: str) -> None:
    people = run_json(ingested, "people")
    assert people[0]["name"] == "Alex Fenwick"
    assert people[0]["meetings"] == 2
    assert "Chief Constable" in run("--db", ingested, "people").stdout


def test_search_highlights_and_json(ingested: str) -> None:
    human = run("--db", ingested, "search", "rural crime")
    assert human.exit_code == 0
    assert "Ambridge Police Board" in human.stdout
    hits = run_json(ingested, "search", '"rural crime" patrol*')
    assert hits[0]["source"] == "board.txt"
    marked = [hits[0]["snippet"][start:end].lower() for start, end in hits[0]["highlights"]]
    assert marked and {w for m in marked for w in m.split()} <= {"rural", "crime", "patrols"}
    assert run("--db", ingested, "search", "zebra").stdout.strip() == "No matches."


@pytest.mark.parametrize("query", ['"rural crime', "OR", "", "-- ;", "'"])
def test_malformed_search_exits_2_with_one_line(ingested: str, query: str) -> None:
    result = run("--db", ingested, "search", "--", query)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: invalid search query: ")
    assert "Traceback" not in result.output


def test_sql_in_a_search_is_just_words(ingested: str) -> None:
    result = run("--db", ingested, "search", "'; DROP TABLE meeting; --")
    assert result.exit_code == 0
    assert len(run_json(ingested, "meetings")) == 2


def test_documents_lists_what_was_not_understood(database_url: str, minutes: Path) -> None:
    (minutes / "notes.txt").write_text("NOT MINUTES\nScones.\n")
    run("--db", database_url, "ingest", minutes)
    docs = run_json(database_url, "documents", "--not-understood")
    assert [(d["source"], d["status"]) for d in docs] == [("notes.txt", "not understood")]


def test_database_url_comes_from_the_environment(minutes: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    result = run("ingest", minutes, env={"OVERSIGHT_DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.db").exists()


def test_unusable_database_is_one_line_exit_1(minutes: Path, tmp_path: Path) -> None:
    result = run("--db", f"sqlite:///{tmp_path / 'no/such/dir/x.db'}", "meetings")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot open the database: ")
    assert len(result.stderr.strip().splitlines()) == 1
    bad_url = run("--db", "not a url", "meetings")
    assert bad_url.exit_code == 1 and "not a database URL" in bad_url.stderr


def test_extract_writes_json_and_exits_1_on_failure(minutes: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("extract", minutes / "board.txt", "--out", out)
    assert result.exit_code == 0, result.output
    assert json.loads((out / "board.json").read_text())["meeting"]["title"] == (
        "Ambridge Police Board"
    )
    (minutes / "empty.txt").write_bytes(b"")
    failed = run("extract", minutes, "--out", out)
    assert failed.exit_code == 1
    assert f"{minutes / 'empty.txt'}: the file is empty" in failed.stderr.splitlines()


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("extract", "ingest", "meetings", "show", "actions", "people", "search"):
        assert command in result.stdout
