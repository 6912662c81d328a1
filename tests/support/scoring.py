"""Score extracted meeting records against hand-made answer keys, section by section.

This is the matching logic of the evaluation scorer that judges the extractor, ported so that
the tests can call it on two interchange dicts without reading anything outside the
repository. Each section is matched greedily, best pairs first, and counted as true
positives, false positives and false negatives; scores are micro-averaged over every
document added to a `Scoreboard`. Keep the rules in step with the judge's: the thresholds the
golden tests assert mean nothing if the arithmetic drifts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

JsonObject = Mapping[str, Any]
G = TypeVar("G")
P = TypeVar("P")

TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "cllr", "councillor", "supt", "superintendent", "ch",
     "insp", "inspector", "t", "a", "det", "prof", "sir", "dame"}
)  # fmt: skip
SECTIONS = (
    "meeting", "attendees", "apologies", "items", "actions", "action_updates", "decisions",
    "hmicfrs", "figures", "commitments", "next_meeting",
)  # fmt: skip
CORE_SECTIONS = ("meeting", "attendees", "apologies", "actions")
RATES = ("role", "action_owner", "action_due_date")
HEAD_FIELDS = (
    ("meeting", ("title", "date", "start_time", "venue", "chair", "minute_taker")),
    ("next_meeting", ("date", "time")),
)
# Sections matched on the token F1 of one text field: (section, field, threshold); the
# actions are matched the same way on "text", and their owners and due dates checked too.
ACTION_THRESHOLD = 0.5
TEXT_SECTIONS = (
    ("action_updates", "update", 0.4),
    ("decisions", "text", 0.5),
    ("hmicfrs", "text", 0.4),
    ("commitments", "text", 0.4),
)
ITEM_THRESHOLD = 0.6
FIGURE_THRESHOLD = 0.7

_OWNER_SPLIT = re.compile(r"\s*(?:/|,|&|\band\b)\s*")


def norm(text: object) -> str:
    """Return text in the scorer's canonical form: NFKC, lower case, plain punctuation."""
    if text is None:
        return ""
    out = unicodedata.normalize("NFKC", str(text)).lower()
    out = out.replace("\u2019", "'").replace("\u2018", "'")
    out = out.replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", out).strip(" .;:,-")


def tokens(text: object) -> list[str]:
    """Return the alphanumeric tokens of the normalised text."""
    return re.findall(r"[a-z0-9]+", norm(text))


def token_f1(a: object, b: object) -> float:
    """Return the F1 of the two texts' token multisets (1.0 when both are empty)."""
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    if not ta or not tb:
        return 1.0 if not ta and not tb else 0.0
    common = sum((ta & tb).values())
    if common == 0:
        return 0.0
    precision, recall = common / sum(ta.values()), common / sum(tb.values())
    return 2 * precision * recall / (precision + recall)


def name_key(name: object) -> str:
    """Return a person's name without bracketed parts and honorifics, for matching."""
    without_brackets = re.sub(r"\(.*?\)", "", str(name or ""))
    return " ".join(w for w in tokens(without_brackets) if w not in TITLES)


def numbers(text: object) -> set[str]:
    """Return the numbers written in the text, without thousands separators or trailing zeros."""
    found = re.findall(r"\d[\d,]*(?:\.\d+)?", str(text or ""))
    return {n.replace(",", "").rstrip("0").rstrip(".") or "0" for n in found}


def owner_set(owners: Iterable[object] | None) -> set[str]:
    """Return the owners split at '/', ',', '&' and 'and', normalised and without spaces."""
    out: set[str] = set()
    for owner in owners or []:
        for part in _OWNER_SPLIT.split(str(owner)):
            key = norm(part).replace(" ", "")
            if key:
                out.add(key)
    return out


def as_list(value: object) -> list[Any]:
    """Return the value if it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def _blank(value: object) -> bool:
    return value is None or value == ""


@dataclass(slots=True)
class Tally:
    """True positives, false positives and false negatives of one section."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        """Add one document's counts."""
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self) -> tuple[float, float, float]:
        """Return precision, recall and F1; an empty tally scores 1.0 throughout."""
        if self.tp + self.fp:
            precision = self.tp / (self.tp + self.fp)
        else:
            precision = 1.0 if self.fn == 0 else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        total = precision + recall
        return precision, recall, (2 * precision * recall / total if total else 0.0)

    @property
    def counted(self) -> bool:
        """Say whether anything was counted."""
        return bool(self.tp + self.fp + self.fn)


@dataclass(slots=True)
class Rate:
    """How often a property of matched pairs agreed."""

    ok: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        """Count one matched pair."""
        self.n += 1
        self.ok += bool(ok)

    def value(self) -> float | None:
        """Return the share that agreed, or None when nothing was counted."""
        return self.ok / self.n if self.n else None


def greedy_match(
    gold: Sequence[G], pred: Sequence[P], score: Callable[[G, P], float], threshold: float
) -> list[tuple[int, int]]:
    """Pair gold and predicted entries, highest scores first, each entry used at most once."""
    scored = [
        (s, gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if (s := score(g, p)) >= threshold
    ]
    # Ties go to the later indices, as in the judge's reverse sort of (score, gi, pi).
    scored.sort(reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in scored:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return pairs


def field_equal(name: str, gold: object, pred: object) -> bool:
    """Say whether a meeting or next-meeting field matches its key."""
    if name in ("title", "venue", "kind"):
        return token_f1(gold, pred) >= 0.8
    if name in ("chair", "minute_taker"):
        return name_key(gold) == name_key(pred)
    return norm(gold) == norm(pred)


def _item_score(gold: JsonObject, pred: JsonObject) -> float:
    score = token_f1(gold.get("title"), pred.get("title"))
    g_number, p_number = gold.get("number"), pred.get("number")
    if g_number and p_number and norm(g_number) == norm(p_number):
        score += 0.3
    return score


def _figure_score(gold: JsonObject, pred: JsonObject) -> float:
    if not numbers(gold.get("value")) & numbers(pred.get("value")):
        return 0.0
    return 0.5 + token_f1(gold.get("measure"), pred.get("measure"))


def _same_person(gold: JsonObject, pred: JsonObject) -> float:
    return 1.0 if name_key(gold.get("name")) == name_key(pred.get("name")) else 0.0


@dataclass
class Scoreboard:
    """Running totals over documents, and what was missed or extra in each."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {s: Tally() for s in SECTIONS})
    rates: dict[str, Rate] = field(default_factory=lambda: {r: Rate() for r in RATES})
    logs: dict[str, list[str]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def add(self, gold: JsonObject, pred: JsonObject | None, *, name: str) -> list[str]:
        """Score one document's prediction (None when there is none) and return its log."""
        if pred is None:
            self.missing.append(name)
            pred = {}
        log: list[str] = []
        self._head_fields(gold, pred, log)
        self._people(gold, pred, log)
        self._matched(gold, pred, "items", _item_score, ITEM_THRESHOLD, "title", log)
        self._matched(
            gold,
            pred,
            "actions",
            _text_score("text"),
            ACTION_THRESHOLD,
            "text",
            log,
            details=self._action_details,
        )
        for section, key, threshold in TEXT_SECTIONS:
            self._matched(gold, pred, section, _text_score(key), threshold, key, log)
        self._matched(gold, pred, "figures", _figure_score, FIGURE_THRESHOLD, "value", log)
        self.logs[name] = log
        return log

    def _head_fields(self, gold: JsonObject, pred: JsonObject, log: list[str]) -> None:
        for section, names in HEAD_FIELDS:
            if section not in gold:
                continue
            g_head, p_head = gold.get(section) or {}, pred.get(section) or {}
            for name in names:
                g, p = g_head.get(name), p_head.get(name)
                if _blank(g) and _blank(p):
                    continue
                ok = not _blank(g) and not _blank(p) and field_equal(name, g, p)
                self.tallies[section].add(
                    int(ok), int(not _blank(p) and not ok), int(not _blank(g) and not ok)
                )
                if not ok:
                    log.append(f"  {section}.{name}: gold={g!r} pred={p!r}")

    def _people(self, gold: JsonObject, pred: JsonObject, log: list[str]) -> None:
        # Where the key says the page does not separate attendees from apologies, both sides
        # are compared as one list of people present or excused.
        if gold.get("attendance_split_uncertain"):
            gold = _merged_attendance(gold)
            pred = _merged_attendance(pred)
        for section in ("attendees", "apologies"):
            if section not in gold:
                continue
            g_list, p_list = as_list(gold.get(section)), as_list(pred.get(section))
            pairs = greedy_match(g_list, p_list, _same_person, 1.0)
            self._count(section, pairs, g_list, p_list)
            for gi, pi in pairs:
                role = g_list[gi].get("role")
                if role:
                    self.rates["role"].add(token_f1(role, p_list[pi].get("role")) >= 0.8)
            _log_unmatched(section, "name", pairs, g_list, p_list, log, quote_limit=None)

    def _matched(
        self,
        gold: JsonObject,
        pred: JsonObject,
        section: str,
        score: Callable[[JsonObject, JsonObject], float],
        threshold: float,
        key: str,
        log: list[str],
        *,
        details: Callable[[JsonObject, JsonObject], None] | None = None,
    ) -> None:
        if section not in gold:
            return
        g_list, p_list = as_list(gold.get(section)), as_list(pred.get(section))
        pairs = greedy_match(g_list, p_list, score, threshold)
        self._count(section, pairs, g_list, p_list)
        _log_unmatched(section, key, pairs, g_list, p_list, log, quote_limit=100)
        if details is not None:
            for gi, pi in pairs:
                details(g_list[gi], p_list[pi])

    def _action_details(self, gold: JsonObject, pred: JsonObject) -> None:
        self.rates["action_owner"].add(owner_set(gold.get("owner")) == owner_set(pred.get("owner")))
        if gold.get("due_date"):
            self.rates["action_due_date"].add(
                norm(gold.get("due_date")) == norm(pred.get("due_date"))
            )

    def _count(
        self, section: str, pairs: list[tuple[int, int]], g_list: list[Any], p_list: list[Any]
    ) -> None:
        self.tallies[section].add(len(pairs), len(p_list) - len(pairs), len(g_list) - len(pairs))

    def result(self) -> dict[str, Any]:
        """Return the scores in the judge's JSON shape: per section, per rate, and core F1."""
        out: dict[str, Any] = {}
        for section in SECTIONS:
            tally = self.tallies[section]
            if tally.counted:
                precision, recall, f1 = tally.prf()
                out[section] = {
                    "precision": round(precision, 3),
                    "recall": round(recall, 3),
                    "f1": round(f1, 3),
                    "tp": tally.tp,
                    "fp": tally.fp,
                    "fn": tally.fn,
                }
        for name, rate in self.rates.items():
            value = rate.value()
            if value is not None:
                out[f"{name}_accuracy"] = {"value": round(value, 3), "n": rate.n}
        core = [out[s]["f1"] for s in CORE_SECTIONS if s in out]
        out["core_f1"] = round(sum(core) / len(core), 3) if core else 0.0
        out["missing_predictions"] = list(self.missing)
        return out


def _text_score(key: str) -> Callable[[JsonObject, JsonObject], float]:
    def score(gold: JsonObject, pred: JsonObject) -> float:
        return token_f1(gold.get(key), pred.get(key))

    return score


def _merged_attendance(record: JsonObject) -> dict[str, Any]:
    people = as_list(record.get("attendees")) + as_list(record.get("apologies"))
    return {**record, "attendees": people, "apologies": []}


def _log_unmatched(
    section: str,
    key: str,
    pairs: list[tuple[int, int]],
    g_list: list[Any],
    p_list: list[Any],
    log: list[str],
    *,
    quote_limit: int | None,
) -> None:
    def shown(entry: Any) -> str:
        value = entry.get(key) if isinstance(entry, Mapping) else entry
        return repr(value if quote_limit is None else str(value)[:quote_limit])

    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    log.extend(
        f"  {section} missed: {shown(g)}" for gi, g in enumerate(g_list) if gi not in matched_gold
    )
    log.extend(
        f"  {section} extra: {shown(p)}" for pi, p in enumerate(p_list) if pi not in matched_pred
    )
