"""What an update says happened to the item it reports on, and which references it names.

The cue words are those minute-takers use across forces: "complete", "closed", "discharged"
for an item that is done; "no longer required", "superseded", "withdrawn" for one that is
dropped; "carried forward", "deferred", "c/f" for one moved to a later meeting. A negation
or a "not yet" before a completion cue turns it back into an ordinary update.
"""

from __future__ import annotations

import re
from functools import lru_cache

from oversight.records.tracking import Effect

_DROPPED = re.compile(
    r"\b(no longer (?:required|needed|relevant|applicable)|superseded|withdrawn|"
    r"(?:be |been |was |were )?dropped|removed? from the (?:action )?(?:log|tracker|list)|"
    r"(?:be |been )?(?:overtaken|subsumed) by|not (?:to be )?pursued)\b",
    re.IGNORECASE,
)
_CARRIED = re.compile(
    r"\b(carried (?:forward|over)|carry (?:forward|over)|c/f|deferred|rolled (?:forward|over)|"
    r"(?:moved|put back|postponed) to the (?:next|following|\w+ \d{4}|\w+) (?:meeting|board)|"
    r"remains? open|keep (?:it )?open|to remain open|on-?going|in progress)\b",
    re.IGNORECASE,
)
_CLOSED = re.compile(
    r"\b(complete[d]?|completion (?:was )?confirmed|closed|close (?:the|this) action|"
    r"can (?:now )?be closed|discharged|done|delivered|achieved|fulfilled|resolved|"
    r"action (?:is |was )?met|signed off|went live|now live|has been (?:published|circulated|"
    r"presented|shared|provided|sent|issued|submitted|received|implemented)|"
    r"(?:was|were) (?:published|circulated|presented|shared|provided|sent|issued|submitted|"
    r"implemented) (?:on|in|at)\b)",
    re.IGNORECASE,
)
_NOT_DONE = re.compile(
    r"\b(not (?:yet |been |fully |now )?(?:be )?(?:complete[d]?|closed|done|delivered|achieved|"
    r"met|implemented|live|published|presented|circulated|shared|provided)|"
    r"(?:has|have|had|was|were|is|are) (?:still )?not (?:yet |been )?\w+|incomplete|"
    r"yet to be|awaiting|due to be|will be (?:complete|closed|delivered|presented)|"
    r"partially|partly|once .{0,40}complete|when .{0,40}complete|until .{0,40}complete|"
    r"before .{0,40}(?:complete|closed)|(?:missed|slipped|delayed)\b)",
    re.IGNORECASE,
)
_CLOSURE_LIST = re.compile(
    r"(?:agreed|confirmed|marked|signed off|accepted|noted) as (?:complete[d]?|closed|discharged)|"
    r"(?:can be|were|are|be) closed|(?:following|these) actions? (?:were|are|was|is) "
    r"(?:complete[d]?|closed|discharged)|completed actions?",
    re.IGNORECASE,
)
# A number-slash-year reference ("17/2022", "JAC/24/05") or a bare "Action 12".
_REFERENCE = re.compile(
    r"(?<![\w/])((?:[A-Z]{2,5}/)?\d{1,3}/(?:19|20)?\d{2})(?![\w/])"
    r"|\b[Aa]ction (?:no\.? ?)?(\d{1,3})\b"
)


# Minutes repeat the same words meeting after meeting; each wording is read once.
@lru_cache(maxsize=16384)
def classify(text: str) -> Effect:
    """Return what an update's words say happened to its item."""
    if _DROPPED.search(text):
        return Effect.DROPPED
    if _ends_open(text):
        return Effect.UPDATE
    closed = _CLOSED.search(text)
    not_done = _NOT_DONE.search(text)
    if closed and not (not_done and not_done.start() <= closed.end() + 60):
        return Effect.CLOSED
    if _CARRIED.search(text):
        return Effect.CARRIED_FORWARD
    if closed and not_done and not_done.start() > closed.start() and _ends_closed(text):
        return Effect.CLOSED
    return Effect.UPDATE


def _last_sentence(text: str) -> str:
    return re.split(r"(?<=[.;])\s+", text.strip())[-1]


def _ends_open(text: str) -> bool:
    """Return True when the last sentence of an update says the item stays open."""
    return bool(
        re.match(
            r"(?i)^(?:action )?(?:open|ongoing|on-going|in progress)\.?$", _last_sentence(text)
        )
    )


def _ends_closed(text: str) -> bool:
    """Return True when the last sentence of an update declares the item closed."""
    return bool(
        re.match(r"(?i)^(?:action )?(?:complete[d]?|closed|discharged)\.?$", _last_sentence(text))
    )


def references(text: str) -> list[str]:
    """Return the action references a text names, normalised, in order, without repeats."""
    found: list[str] = []
    for match in _REFERENCE.finditer(text):
        ref = normalise_reference(match.group(1) or match.group(2))
        if ref not in found:
            found.append(ref)
    return found


def normalise_reference(reference: str) -> str:
    """Return a reference in a form that compares equal however it was written."""
    ref = reference.strip().upper().removeprefix("ACTION").strip(" .:#")
    parts = ref.split("/")
    return "/".join(p.lstrip("0") or "0" if p.isdigit() else p for p in parts)


def is_closure_list(text: str) -> bool:
    """Return True when a text closes a list of actions by number."""
    return bool(_CLOSURE_LIST.search(text)) and len(references(text)) >= 1
