"""The tracking commands, run in-process on every backend over the board minutes of
`tests/tracking/minutes`: tables, JSON, corrections and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from oversight.cli import make_cli
from oversight.services import open_database
from oversight.services.audit import audit_log

MINUTES = Path(__file__).parents[1] / "tracking" / "minutes"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(make_cli(), [str(a) for a in args], env={"COLUMNS": "200"})


def run_json(url: str, *args: str) -> Any:
    result = run("--db", url, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def url(database_url: str, tmp_path: Path) -> str:
    shutil.copytree(MINUTES, tmp_path / "minutes")
    result = run("--db", database_url, "ingest", tmp_path / "minutes")
    assert result.exit_code == 0, result.output
    return database_url


def test_tracker_lists_actions_with_their_status(url: str) -> None:
    rows = run_json(url, "tracker", "--as-of", "2025-12-01")
    assert {r["item"]["reference"]: r["status"] for r in rows} == {
        "05/2025": "closed",
        "06/2025": "closed",
        "07/2025": "dropped",
        "08/2025": "overdue",
    }
    overdue = run_json(url, "tracker", "--status", "overdue", "--as-of", "2025-12-01")
    assert [r["item"]["reference"] for r in overdue] == ["08/2025"]
    table = run("--db", url, "tracker", "--owner", "IJ", "--as-of", "2025-12-01")
    assert table.exit_code == 0
    assert "08/2025" in table.stdout and "05/2025" not in table.stdout


def test_item_shows_the_history(url: str) -> None:
    key = next(
        r["item"]["key"] for r in run_json(url, "tracker") if r["item"]["reference"] == "07/2025"
    )
    found = run_json(url, "item", key)
    assert [e["effect"] for e in found["item"]["events"]] == [
        "raised",
        "carried_forward",
        "dropped",
    ]
    assert run("--db", url, "item", "no-such-key").exit_code == 1


def test_roles_who_and_person(url: str) -> None:
    chiefs = run_json(url, "roles", "Chief Constable")
    assert [(t["title"], t["name"]) for t in chiefs] == [
        ("Chief Constable", "Colin Drake"),
        ("Temporary Chief Constable", "Erin Faulkner"),
        ("Chief Constable", "Nadia Okoro"),
    ]
    who = run("--db", url, "who", "the DCC", "--on", "2025-06-10")
    assert who.exit_code == 0 and who.stdout.startswith("Imran Jalal")
    person = run_json(url, "person", "erin-faulkner")
    assert [t["title"] for t in person["tenures"]] == [
        "Deputy Chief Constable",
        "Temporary Chief Constable",
        "Deputy Chief Constable",
    ]
    assert [a["status"] for a in person["person"]["attendance"]] == ["present"] * 3


def test_correct_then_corrections(url: str) -> None:
    key = next(
        r["item"]["key"] for r in run_json(url, "tracker") if r["item"]["reference"] == "08/2025"
    )
    done = run("--db", url, "correct", "item", key, "close", "2025-10-20", "--author", "editor")
    assert done.exit_code == 0, done.output
    rows = run_json(url, "tracker", "--as-of", "2025-12-01", "--status", "closed")
    assert "08/2025" in [r["item"]["reference"] for r in rows]
    listed = run_json(url, "corrections")
    assert [(c["target_key"], c["operation"], c["author"]) for c in listed] == [
        (key, "close", "editor")
    ]
    with open_database(url) as database, database.session() as session:
        entries = audit_log(session=session).entries
    assert [(e.actor, e.action, e.target) for e in entries] == [
        ("editor", "correction.item.close", f"item {key}")
    ]
    refused = run("--db", url, "correct", "item", key, "explode")
    assert refused.exit_code == 2
    assert "item corrections are" in refused.output


def test_agenda_writes_markdown_and_html(url: str, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    result = run("--db", url, "agenda", "--next", "--as-of", "2025-11-01", "--out", out)
    assert result.exit_code == 0, result.output
    markdown = (out / "outstanding-matters.md").read_text()
    assert markdown.startswith("# Outstanding matters for the meeting on 9 December 2025")
    assert "08/2025: overdue" in markdown
    assert "<h3>08/2025: overdue</h3>" in (out / "outstanding-matters.html").read_text()


def test_topics_and_bad_options(url: str) -> None:
    topics = run_json(url, "topics")
    by_key = {t["key"]: t for t in topics}
    assert by_key["contact"]["meetings"] >= 1
    assert run("--db", url, "tracker", "--status", "lost").exit_code == 2
    assert run("--db", url, "tracker", "--kind", "wish").exit_code == 2


def test_before_lists_earlier_items_on_the_same_matter(url: str) -> None:
    meetings = run_json(url, "meetings")
    latest = max(meetings, key=lambda m: m["date"])
    found = run_json(url, "before", str(latest["id"]))
    # What is found is checked on the fictional year (tests/tracking/test_year.py); here,
    # that the command answers in JSON and never looks forward.
    assert isinstance(found, dict)
    for hits in found.values():
        assert hits and all(hit["date"] < latest["date"] for hit in hits)


def test_own_taxonomy_from_the_topics_file_setting(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "topics.toml"
    own.write_text(
        '[topics.custody]\nlabel = "Custody"\nwords = ["custody"]\n\n'
        '[topics.fleet]\nlabel = "Fleet"\nwords = ["vehicle*"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("OVERSIGHT_TOPICS_FILE", str(own))
    assert run("--db", url, "refresh").exit_code == 0
    by_key = {t["key"]: t for t in run_json(url, "topics")}
    assert set(by_key) == {"custody", "fleet"}
    assert by_key["custody"]["meetings"] >= 1
    assert by_key["fleet"]["meetings"] == 0
    tagged = run_json(url, "tracker", "--topic", "custody", "--as-of", "2025-12-01")
    assert [r["item"]["reference"] for r in tagged] == ["07/2025"]
    monkeypatch.setenv("OVERSIGHT_TOPICS_FILE", str(tmp_path / "missing.toml"))
    refused = run("--db", url, "refresh")
    assert refused.exit_code == 2
    assert "OVERSIGHT_TOPICS_FILE" in refused.output
