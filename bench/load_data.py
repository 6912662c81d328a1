"""Generate the load benchmark's database: thousands of meetings and their tracking record.

The meetings are the fictional minutes of `examples/` and `examples/year/` with people,
places, years, days and percentages varied (see `bench.generate`). Each varied document is
read, extracted and stored exactly as `oversight ingest` does it (`read_bytes`,
`understand`, `save_document`), many documents to a transaction for speed; then the record
across meetings is rebuilt once with `refresh_tracking`, and the time it took is reported.

    python -m bench.load_data [--db URL] [--count 5000] [--seed 11]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.generate import Template, _template, load_templates, variant

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DEFAULT_DB = ROOT / "bench-out" / "load.db"
DEFAULT_COUNT = 5000
DEFAULT_SEED = 11
# Documents stored per transaction: large enough to amortise the commit, small enough that
# a failure loses little.
BATCH = 200


@dataclass(frozen=True, slots=True)
class LoadData:
    """What generating the database did, and how long each step took."""

    url: str
    documents: int
    meetings: int
    not_understood: int
    store_seconds: float
    refresh_seconds: float
    tracked_items: int


def default_url() -> str:
    """Return the URL of the benchmark's SQLite file under bench-out/."""
    return f"sqlite:///{DEFAULT_DB}"


def year_templates() -> list[Template]:
    """Return the fictional year's minutes as templates, naming the people they extract."""
    from oversight.documents import read_path
    from oversight.extract import extract_meeting
    from oversight.records.interchange import meeting_to_json

    folder = EXAMPLES / "year"
    found: list[Template] = []
    for path in sorted(folder.iterdir()):
        if path.suffix in {".txt", ".md"} and path.name != "README.md":
            record = meeting_to_json(extract_meeting(read_path(path)))
            found.append(_template(path, record))
    return found


def documents(count: int, seed: int) -> Iterator[tuple[str, str]]:
    """Yield (file name, text) for `count` varied documents; the same seed, the same ones."""
    templates = load_templates(EXAMPLES) + year_templates()
    rng = random.Random(seed)
    for index in range(count):
        template = templates[index % len(templates)]
        yield f"{index:05d}-{template.name}{template.suffix}", variant(template, rng)


def build(*, url: str, count: int, seed: int, track: bool = True) -> LoadData:
    """Store `count` varied meetings in the database at `url`, then rebuild the tracking."""
    from oversight.documents import read_bytes
    from oversight.services import open_database
    from oversight.services.reading import new_document, understand
    from oversight.store import save_document
    from oversight.tracking.refresh import refresh_tracking

    database = open_database(url)
    stored = meetings = not_understood = 0
    started = time.perf_counter()
    try:
        pending = list(documents(count, seed))
        for first in range(0, len(pending), BATCH):
            with database.sessions.begin() as session:
                for name, text in pending[first : first + BATCH]:
                    data = text.encode("utf-8")
                    document = read_bytes(data, source=name)
                    meeting, reason = understand(document)
                    saved = save_document(
                        session=session,
                        document=new_document(
                            document,
                            key=f"/bench/load/{name}",
                            sha256=hashlib.sha256(data).hexdigest(),
                        ),
                        meeting=meeting,
                        reason=reason,
                    )
                    stored += 1
                    meetings += saved.meeting_id is not None
                    not_understood += saved.meeting_id is None
            print(f"  stored {stored}/{count}", end="\r", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        store_seconds = time.perf_counter() - started
        refresh_seconds = 0.0
        items = 0
        if track:
            started = time.perf_counter()
            with database.sessions.begin() as session:
                items = len(refresh_tracking(session=session).items)
            refresh_seconds = time.perf_counter() - started
    finally:
        database.close()
    return LoadData(url, stored, meetings, not_understood, store_seconds, refresh_seconds, items)


def prepare_sqlite(url: str) -> None:
    """Remove an earlier SQLite benchmark database at `url`, so the new one starts empty."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return
    path = Path(parsed.database)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def refresh_only(url: str) -> float:
    """Rebuild the tracking record of an existing database; return the seconds it took."""
    from oversight.services import open_database
    from oversight.tracking.refresh import refresh_tracking

    database = open_database(url)
    try:
        started = time.perf_counter()
        with database.sessions.begin() as session:
            refresh_tracking(session=session)
        return time.perf_counter() - started
    finally:
        database.close()


def main(argv: list[str] | None = None) -> int:
    """Parse the options, generate the database and report what it took."""
    parser = argparse.ArgumentParser(prog="python -m bench.load_data", description=__doc__)
    parser.add_argument("--db", default=default_url(), help="database URL (SQLite file default)")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="meetings to generate")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the variations")
    parser.add_argument(
        "--refresh-only", action="store_true", help="only time the tracking rebuild"
    )
    parser.add_argument(
        "--no-track", action="store_true", help="store the meetings without rebuilding tracking"
    )
    args = parser.parse_args(argv)
    if args.refresh_only:
        print(f"tracking rebuild: {refresh_only(args.db):.1f} s")
        return 0
    prepare_sqlite(args.db)
    made = build(url=args.db, count=args.count, seed=args.seed, track=not args.no_track)
    print(
        f"{made.documents} documents ({made.meetings} meetings, {made.not_understood} not "
        f"understood) stored in {made.store_seconds:.1f} s; tracking rebuilt in "
        f"{made.refresh_seconds:.1f} s ({made.tracked_items} tracked items)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
