"""What updates say happened to their actions, and the references they name."""

from __future__ import annotations

import pytest

from oversight.records.tracking import Effect
from oversight.tracking.effects import classify, is_closure_list, normalise_reference, references


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("The report was circulated on 12 May. Closed.", Effect.CLOSED),
        ("Complete.", Effect.CLOSED),
        ("The training has been delivered to all sergeants.", Effect.CLOSED),
        ("Action discharged.", Effect.CLOSED),
        (
            "The review has not yet concluded; carried forward to the next meeting.",
            Effect.CARRIED_FORWARD,
        ),
        ("Deferred to the March board.", Effect.CARRIED_FORWARD),
        ("Work is not yet complete and a further update will follow.", Effect.UPDATE),
        ("The plan will be complete by June.", Effect.UPDATE),
        ("No longer required: superseded by the new estates strategy.", Effect.DROPPED),
        ("The Board agreed the action should be withdrawn.", Effect.DROPPED),
        ("Figures for the first quarter show a small rise.", Effect.UPDATE),
        ("Options paper circulated to members; decision due in October. Open.", Effect.UPDATE),
    ],
)
def test_classify_reads_the_cue_words(text: str, effect: Effect) -> None:
    assert classify(text) is effect


def test_references_are_found_and_normalised() -> None:
    text = "The following actions were agreed as completed: 07/2025, 09/2025 and JAC/24/05."
    assert references(text) == ["7/2025", "9/2025", "JAC/24/5"]
    assert is_closure_list(text)


def test_a_bare_action_number_is_a_reference() -> None:
    assert references("Action 12 – complete") == ["12"]


def test_dates_are_not_references() -> None:
    assert references("The panel met on 12/05/2025 and on 3 June.") == []


def test_normalise_reference_ignores_zero_padding_and_case() -> None:
    assert normalise_reference("Action 07/2025") == normalise_reference("7/2025")
    assert normalise_reference("jac/24/05") == "JAC/24/5"
