"""One person record per real person, however the minutes wrote the name.

Names are taken apart into honorifics and ranks, given names and a surname. Full names that
rapidfuzz scores at or above `NAME_THRESHOLD` are one person ("Julia Amberley", "Julia
Ambberley"); an initial and surname ("J. Moss") joins the person with that surname whose
given name starts so; a rank or honorific with a surname ("DCC Moss", "Ms Amberley") joins
the person with that surname, the one holding that role at the time when several share it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from oversight.records import Meeting
from oversight.records.tracking import Attendance, MeetingRef, PersonRecord
from oversight.tracking.roles import Holding, Role, canonical_role

# `name_similarity` of the same person written two ways scores 87.5 and above on the pairs
# in tests/tracking/test_people.py; different people with similar names 84 and below.
NAME_THRESHOLD = 86.0
_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|mx|dr|prof(?:essor)?|sir|dame|lord|lady|cllr|councillor|rev(?:d)?|"
    r"(?:temporary |acting )?(?:deputy |assistant )?chief constable|commissioner|"
    r"supt|ch\.? ?supt|chief superintendent|superintendent|ch\.? ?insp|chief inspector|"
    r"inspector|insp|dci|di|ds|dc|pc|ps|sgt|det\.?|t/|a/)\.?\s+",
    re.IGNORECASE,
)
_RANK = re.compile(r"^(?:[TA]/\s*)?(?:DPCC|PCC|DCC|ACC|CC|ACO|CEX|CFO)\s+", re.IGNORECASE)
_HONOURS = re.compile(r"(?:,?\s+(?:QPM|OBE|MBE|CBE|KPM|DL|JP|KC|QC|BEM))+\.?$")


@dataclass(frozen=True)
class Name:
    """A written name taken apart."""

    written: str
    given: tuple[str, ...]
    surname: str
    rank: str | None = None

    @property
    def is_full(self) -> bool:
        """True when the first given name is written out, not an initial."""
        return bool(self.given) and len(self.given[0].rstrip(".")) > 1

    @property
    def plain(self) -> str:
        """The name without rank or honorific."""
        return " ".join((*self.given, self.surname))


# The same names come back at every meeting; each way of writing one is taken apart once.
@lru_cache(maxsize=8192)
def parse_name(written: str) -> Name | None:
    """Take a written name apart; None when it holds no surname."""
    text = _HONOURS.sub("", " ".join(written.split())).strip(" ,")
    rank = None
    while True:
        ranked = _RANK.match(text)
        if ranked:
            rank = ranked.group(0).strip()
            text = text[ranked.end() :]
            continue
        honorific = _HONORIFIC.match(text)
        if honorific:
            text = text[honorific.end() :]
            continue
        break
    parts = [p for p in re.split(r"\s+", text) if p]
    if not parts or not parts[-1][:1].isalpha() or len(parts[-1]) < 2:
        return None
    given = tuple(p for part in parts[:-1] for p in _split_initials(part))
    return Name(written=written, given=given, surname=parts[-1], rank=rank)


def _split_initials(part: str) -> list[str]:
    if re.fullmatch(r"(?:[A-Z]\.){2,}", part):
        return [f"{c}." for c in part.replace(".", "")]
    return [part]


def person_key(name: str) -> str:
    """Return a URL-safe key for a person's canonical name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unknown"


@dataclass
class _Cluster:
    names: list[Name] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    @property
    def full(self) -> list[Name]:
        return [n for n in self.names if n.is_full]

    def canonical(self) -> str:
        """The full name written most often, its surname spelt as most often written."""
        surnames = Counter(
            name.surname for a in self.attendance if (name := parse_name(a.written)) is not None
        )
        written = Counter(
            name.plain
            for a in self.attendance
            if (name := parse_name(a.written)) is not None and name.is_full
        )
        full = [n.plain for n in self.full or self.names]
        return max(
            full,
            key=lambda plain: (surnames[plain.split()[-1]], written[plain], len(plain), plain),
        )


@dataclass(frozen=True)
class _Seen:
    ref: MeetingRef
    status: str
    written: str
    role_text: str | None
    abbreviation: str | None


def find_people(
    meetings: Sequence[tuple[MeetingRef, Meeting]],
) -> tuple[list[PersonRecord], list[Holding]]:
    """Return one record per person in the attendance of the meetings, and their role holdings."""
    seen: list[_Seen] = []
    for ref, meeting in meetings:
        for status, group in (("present", meeting.attendees), ("apologies", meeting.apologies)):
            seen.extend(_Seen(ref, status, p.name, p.role, p.abbreviation) for p in group)
    parsed = [(s, parse_name(s.written)) for s in seen]
    clusters = _cluster_full_names([n for _, n in parsed if n is not None and n.is_full])
    placer = _Placer(clusters)
    records: dict[int, _Cluster] = {}
    holdings: list[tuple[int, _Seen, Role]] = []
    for entry, name in sorted(parsed, key=lambda pair: pair[1] is None or not pair[1].is_full):
        if name is None:
            continue
        role = canonical_role(entry.role_text, entry.abbreviation, name.rank)
        index = placer.place(name, role)
        cluster = clusters[index]
        if name not in cluster.names:
            cluster.names.append(name)  # short: one person's few ways of writing
        cluster.attendance.append(
            Attendance(
                entry.ref.meeting_id,
                entry.ref.date,
                entry.status,
                entry.written,
                _title(role) if role else entry.role_text,
                entry.abbreviation,
            )
        )
        if role is not None:
            cluster.roles.append(role)
            holdings.append((index, entry, role))
        records[index] = cluster
    people: dict[int, PersonRecord] = {}
    for index, cluster in sorted(records.items()):
        canonical = cluster.canonical()
        people[index] = PersonRecord(
            key=person_key(canonical),
            name=canonical,
            variants=sorted({n.written for n in cluster.names}),
            roles=list(dict.fromkeys(_title(r) for r in cluster.roles)),
            attendance=sorted(cluster.attendance, key=lambda a: (a.date is None, a.date or 0)),
        )
    held = [
        Holding(
            entry.ref.meeting_id, entry.ref.date, role, people[i].key, people[i].name, entry.written
        )
        for i, entry, role in holdings
    ]
    return sorted(people.values(), key=lambda p: p.name), held


def _title(role: Role) -> str:
    return f"{role.qualifier.capitalize()} {role.name}" if role.qualifier else role.name


def _block(name: Name) -> tuple[str, str]:
    # Names compared must share the first letters of given name and surname.
    return name.given[0][:1].lower(), name.surname[:1].lower()


def _cluster_full_names(names: Sequence[Name]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    blocks: defaultdict[tuple[str, str], list[_Cluster]] = defaultdict(list)
    for name in sorted(set(names), key=lambda n: n.plain):
        block = blocks[_block(name)]
        for cluster in block:
            if any(_same_person(name, other) for other in cluster.names):
                cluster.names.append(name)
                break
        else:
            cluster = _Cluster(names=[name])
            clusters.append(cluster)
            block.append(cluster)
    return clusters


def name_similarity(a: str, b: str) -> float:
    """Score (0-100) how likely two full names are one person.

    It is the lower of the given names' and the whole names' similarity, so that "John" and
    "Joan" with the same surname stay apart.
    """
    first, second = parse_name(a), parse_name(b)
    if first is None or second is None or not first.given or not second.given:
        return 0.0
    return _similarity(first, second)


def _similarity(a: Name, b: Name) -> float:
    given = fuzz.ratio(_flat(" ".join(a.given)), _flat(" ".join(b.given)))
    whole = fuzz.ratio(_flat(a.plain), _flat(b.plain))
    return min(given, whole)


def _flat(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace(".", " ").split())


def _same_person(a: Name, b: Name) -> bool:
    if a.given[0][0].lower() != b.given[0][0].lower():
        return False
    return _similarity(a, b) >= NAME_THRESHOLD


def _surname_matches(name: Name, cluster: _Cluster) -> bool:
    surname = name.surname.lower()
    return any(
        other.surname[:1].lower() == surname[:1]
        and fuzz.ratio(surname, other.surname.lower()) >= NAME_THRESHOLD
        for other in cluster.names
    )


class _Placer:
    """Finds the cluster a written name belongs to, looking only where it could be."""

    def __init__(self, clusters: list[_Cluster]) -> None:
        self.clusters = clusters
        self._where = {n: i for i, c in enumerate(clusters) for n in c.names}
        self._by_initial: defaultdict[str, list[int]] = defaultdict(list)
        for i, cluster in enumerate(clusters):
            for initial in {n.surname[:1].lower() for n in cluster.names}:
                self._by_initial[initial].append(i)

    def place(self, name: Name, role: Role | None) -> int:
        """Return the index of the cluster for `name`, adding one when none fits."""
        if name.is_full and name in self._where:
            return self._where[name]
        clusters = self.clusters
        nearby = self._by_initial.get(name.surname[:1].lower(), [])
        candidates = [i for i in nearby if _surname_matches(name, clusters[i])]
        if name.given:
            initial = name.given[0][0].lower()
            candidates = [
                i
                for i in candidates
                if any(n.given and n.given[0][0].lower() == initial for n in clusters[i].names)
            ]
        if len(candidates) > 1 and role is not None:
            by_role = [i for i in candidates if any(r.name == role.name for r in clusters[i].roles)]
            candidates = by_role or candidates
        if len(candidates) >= 1 and (len(candidates) == 1 or role is not None):
            return candidates[0]
        clusters.append(_Cluster(names=[name]))
        index = len(clusters) - 1
        self._where[name] = index
        self._by_initial[name.surname[:1].lower()].append(index)
        return index


def attendance_by_person(people: Sequence[PersonRecord]) -> dict[str, list[Attendance]]:
    """Return each person's attendance, keyed by person key."""
    found: defaultdict[str, list[Attendance]] = defaultdict(list)
    for person in people:
        found[person.key].extend(person.attendance)
    return dict(found)
