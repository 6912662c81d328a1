"""The scoring port on small hand-checked cases, and against the judge's scorer where present."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from support.scoring import (
    Rate,
    Scoreboard,
    Tally,
    greedy_match,
    name_key,
    norm,
    numbers,
    owner_set,
    token_f1,
)
from support.thresholds import EXTRACTION_THRESHOLDS, Threshold, format_table, shortfalls

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"


def test_norm_lowers_and_trims_punctuation() -> None:
    assert norm("  Holding to Account \u2013 Performance.  ") == "holding to account - performance"
    assert norm("The PCC\u2019s  office;") == "the pcc's office"
    assert norm(None) == ""


def test_token_f1_counts_shared_tokens() -> None:
    assert token_f1("the cat sat", "the cat") == pytest.approx(0.8)
    assert token_f1("", None) == 1.0
    assert token_f1("abc", "") == 0.0
    assert token_f1("Grade 1", "grade 2") == pytest.approx(0.5)


def test_name_key_drops_honorifics_and_bracketed_letters() -> None:
    assert name_key("Cllr Agnes Whitfield (AW)") == "agnes whitfield"
    assert name_key("Dr Ian Petrie") == name_key("Ian Petrie")
    assert name_key("Ch Supt Nadia Whitlock") == "nadia whitlock"


def test_numbers_ignore_separators_and_trailing_zeros() -> None:
    assert numbers("1,324 victims, 98.70% and 7") == {"1324", "98.7", "7"}
    assert numbers("0.0") == {"0"}
    assert numbers(None) == set()


def test_owner_set_splits_joint_owners() -> None:
    assert owner_set(["PCC / CC"]) == owner_set(["PCC", "CC"]) == {"pcc", "cc"}
    assert owner_set(["CFO and DoF"]) == {"cfo", "dof"}
    assert owner_set(["Vulnerability Ch Insp"]) == {"vulnerabilitychinsp"}
    assert owner_set(None) == set()


def test_tally_of_nothing_is_perfect() -> None:
    assert Tally().prf() == (1.0, 1.0, 1.0)
    assert Tally(fp=1).prf() == (0.0, 1.0, 0.0)
    assert Tally(fn=2).prf() == (0.0, 0.0, 0.0)
    p, r, f = Tally(tp=3, fp=1, fn=2).prf()
    assert (p, r) == (0.75, 0.6)
    assert f == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_rate_is_none_until_counted() -> None:
    rate = Rate()
    assert rate.value() is None
    rate.add(True)
    rate.add(False)
    assert rate.value() == 0.5


def test_greedy_match_takes_best_pairs_once() -> None:
    gold = ["a b c", "d e"]
    pred = ["d e", "a b", "a b c"]
    pairs = greedy_match(gold, pred, token_f1, 0.5)
    assert sorted(pairs) == [(0, 2), (1, 0)]
    # Equal scores go to the later indices first, as in the judge's sort.
    assert greedy_match(["x"], ["x", "x"], token_f1, 0.5) == [(0, 1)]


def test_meeting_fields_count_each_mismatch_both_ways() -> None:
    gold = {
        "meeting": {
            "title": "Strategic Board June 2024",
            "date": "2024-06-05",
            "start_time": "10:00",
            "chair": "Jo Bloggs",
            "minute_taker": None,
        },
    }
    pred = {
        "meeting": {
            "title": "strategic board june 2024",
            "date": "2024-06-06",
            "chair": "Cllr Jo Bloggs",
            "venue": "Room 1",
        },
    }
    board = Scoreboard()
    log = board.add(gold, pred, name="doc")
    tally = board.tallies["meeting"]
    # title and chair agree; the date is wrong (fp and fn); the time is missed; the venue is
    # not in the key (fp).
    assert (tally.tp, tally.fp, tally.fn) == (2, 2, 2)
    assert board.result()["meeting"]["f1"] == 0.5
    assert "  meeting.date: gold='2024-06-05' pred='2024-06-06'" in log


def test_actions_owners_and_due_dates() -> None:
    gold = {
        "actions": [
            {
                "text": "CC to share the audit findings with the PCC",
                "owner": ["CC"],
                "due_date": "2024-05-01",
            },
            {
                "text": "DCC to report on stalking orders in six months",
                "owner": ["DCC"],
                "due_date": None,
            },
            {"text": "Publish the annual report on the website", "owner": []},
        ],
    }
    pred = {
        "actions": [
            {
                "text": "CC to share the audit findings with the PCC.",
                "owner": ["CC / PCC"],
                "due_date": "2024-05-01",
            },
            {"text": "DCC to report on stalking orders in six months", "owner": ["DCC"]},
            {"text": "Something else entirely", "owner": []},
        ],
    }
    board = Scoreboard()
    board.add(gold, pred, name="doc")
    result = board.result()
    assert (result["actions"]["tp"], result["actions"]["fp"], result["actions"]["fn"]) == (2, 1, 1)
    assert result["action_owner_accuracy"] == {"value": 0.5, "n": 2}
    assert result["action_due_date_accuracy"] == {"value": 1.0, "n": 1}


def test_people_match_on_name_and_check_roles() -> None:
    gold = {
        "attendees": [
            {"name": "Helena Marchbank", "role": "Police and Crime Commissioner"},
            {"name": "Owen Halloran", "role": "Deputy Police and Crime Commissioner"},
        ],
        "apologies": [{"name": "Fiona Cassidy", "role": "Deputy Chief Constable"}],
    }
    pred = {
        "attendees": [
            {"name": "Helena Marchbank (HM)", "role": "Police and Crime Commissioner"},
            {"name": "Owen Halloran", "role": "Chief Executive"},
            {"name": "Fiona Cassidy", "role": "Deputy Chief Constable"},
        ],
    }
    board = Scoreboard()
    log = board.add(gold, pred, name="doc")
    result = board.result()
    assert (result["attendees"]["tp"], result["attendees"]["fp"]) == (2, 1)
    assert result["apologies"]["fn"] == 1
    assert result["role_accuracy"] == {"value": 0.5, "n": 2}
    assert "  apologies missed: 'Fiona Cassidy'" in log


def test_uncertain_split_compares_everyone_together() -> None:
    gold = {
        "attendance_split_uncertain": True,
        "attendees": [{"name": "Helena Marchbank"}],
        "apologies": [{"name": "Fiona Cassidy"}],
    }
    pred = {"attendees": [{"name": "Fiona Cassidy"}, {"name": "Helena Marchbank"}]}
    board = Scoreboard()
    board.add(gold, pred, name="doc")
    assert board.result()["attendees"]["f1"] == 1.0
    assert "apologies" not in board.result()


def test_items_figures_and_missing_prediction() -> None:
    gold = {
        "items": [{"number": "2.1", "title": "Custody"}, {"number": "2.2", "title": "Fraud"}],
        "figures": [{"measure": "Average time in custody", "value": "16.2"}],
        "next_meeting": None,
    }
    pred = {
        # A matching number lifts a weak title match over the threshold.
        "items": [{"number": "2.1", "title": "Custody suites and detention"}, {"title": "Fraud"}],
        "figures": [{"measure": "time in custody (hours)", "value": "16.20 hours"}],
        "next_meeting": {"date": "2024-07-10"},
    }
    board = Scoreboard()
    board.add(gold, pred, name="a")
    board.add(gold, None, name="b")
    result = board.result()
    assert (result["items"]["tp"], result["items"]["fn"]) == (2, 2)
    # Without the number the same title is too weak to match.
    unnumbered = Scoreboard()
    unnumbered.add(gold, {"items": [{"title": "Custody suites and detention"}]}, name="c")
    assert unnumbered.tallies["items"].tp == 0
    assert (result["figures"]["tp"], result["figures"]["fn"]) == (1, 1)
    assert (result["next_meeting"]["tp"], result["next_meeting"]["fp"]) == (0, 1)
    assert result["missing_predictions"] == ["b"]


def test_shortfalls_and_table() -> None:
    result: dict[str, Any] = {
        "meeting": {"precision": 1.0, "recall": 0.9, "f1": 0.947, "tp": 9, "fp": 0, "fn": 1},
        "figures": {"precision": 0.0, "recall": 1.0, "f1": 0.0, "tp": 0, "fp": 3, "fn": 0},
        "actions": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 2, "fp": 0, "fn": 0},
        "action_owner_accuracy": {"value": 1.0, "n": 2},
        "core_f1": 0.97,
    }
    found = shortfalls(result, EXTRACTION_THRESHOLDS)
    # figures has no expected entries, so its extras do not count against it.
    assert found == [
        "meeting: 0.947 < 0.95",
        "action_due_date_accuracy: not measured (no matched cases)",
    ]
    assert shortfalls(result, (Threshold("figures", 0.6),)) == ["figures: 0.000 < 0.60"]
    table = format_table(result, EXTRACTION_THRESHOLDS)
    assert table.splitlines()[1].split() == [
        "meeting",
        "1.000",
        "0.900",
        "0.947",
        "9",
        "0",
        "1",
        "0.95",
    ]
    assert "action_due_date accuracy" in table


def _perturbed(record: dict[str, Any], seed: int) -> dict[str, Any]:
    """Return a prediction that gets some of a record right and some wrong, deterministically."""
    out = copy.deepcopy(record)
    head = out.get("meeting") or {}
    if seed % 2 and head.get("date"):
        head["date"] = "1999-01-01"
    head["venue"] = None
    out["attendees"] = list(reversed(out.get("attendees") or []))[
        : max(0, len(out["attendees"]) - 1)
    ]
    if out["attendees"]:
        out["attendees"][0]["role"] = "Observer"
    out["apologies"] = (out.get("apologies") or []) + [{"name": "Someone Extra", "role": "Guest"}]
    for index, action in enumerate(out.get("actions") or []):
        if index % 3 == 1:
            action["owner"] = ["CC"]
        if index % 2:
            action["due_date"] = None
        if index % 4 == 3:
            action["text"] = " ".join(str(action["text"]).split()[:2])
    for item in (out.get("items") or [])[::2]:
        item["number"] = None
    for figure in (out.get("figures") or [])[1::2]:
        figure["value"] = "12345"
    out["commitments"] = (out.get("commitments") or [])[1:]
    if isinstance(out.get("next_meeting"), dict):
        out["next_meeting"]["time"] = "23:59"
    return out


def _gold_sets() -> list[Path]:
    sets = [ROOT / "examples" / "expected"]
    if (SHARED / "gold").is_dir():
        sets.append(SHARED / "gold")
    return sets


@pytest.mark.parametrize("gold_dir", _gold_sets(), ids=lambda p: p.parent.name)
def test_port_agrees_with_the_judge(gold_dir: Path, tmp_path: Path) -> None:
    if not SCORER.is_file():
        pytest.skip(f"the judge's scorer is not at {SCORER}")
    board = Scoreboard()
    for number, gold_file in enumerate(sorted(gold_dir.glob("*.json"))):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if number == 2:
            board.add(gold, None, name=gold_file.name)
            continue
        pred = _perturbed(gold, number)
        (tmp_path / gold_file.name).write_text(json.dumps(pred), encoding="utf-8")
        board.add(gold, pred, name=gold_file.name)
    completed = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold_dir), "--pred", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert board.result() == json.loads(completed.stdout)
