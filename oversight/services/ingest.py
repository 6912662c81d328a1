"""Ingest files and folders into the store, one transaction per document.

For each file: read its bytes (refusing what is too large), skip it when the same path
with the same SHA-256 is already stored, read its documents (one, or one per member of a
zip), extract each meeting, and store each document with its meeting in one transaction
that first removes what an earlier version of that document stored. A file that cannot be
read is reported as `<file>: <problem>` and the batch goes on; a document whose meeting
cannot be extracted is stored as not understood, its text kept. A database error rolls back
that one document and leaves everything stored earlier untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from oversight.services.errors import one_line
from oversight.services.files import DEFAULT_MAX_FILE_BYTES, FileProblem, collect_files
from oversight.services.progress import Outcome, Progress
from oversight.services.reading import (
    ReadDocument,
    ReadFile,
    ReadingError,
    documents_in,
    load,
    new_document,
    understand,
)
from oversight.store import (
    DocumentSummary,
    delete_document,
    find_document,
    find_documents_under,
    make_session_factory,
    save_document,
)
from oversight.tracking.refresh import refresh_tracking


@dataclass(slots=True)
class IngestReport:
    """What a batch did: documents taken in, what they stored, and what went wrong."""

    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    meetings_stored: int = 0
    actions_stored: int = 0
    not_understood: list[FileProblem] = field(default_factory=list)
    failures: list[FileProblem] = field(default_factory=list)

    @property
    def documents_read(self) -> int:
        """Return how many documents were taken in, stored or found unchanged."""
        return self.new + self.replaced + self.unchanged

    @property
    def ok(self) -> bool:
        """Say whether every file was taken in."""
        return not self.failures


def _database_problem(exc: Exception) -> str:
    if isinstance(exc, SQLAlchemyError):
        return f"database error: {one_line(getattr(exc, 'orig', None) or exc)}"
    return f"could not be stored: {type(exc).__name__}: {one_line(exc)}"


def _store(
    sessions: sessionmaker[Session], item: ReadDocument, sha256: str, report: IngestReport
) -> Outcome:
    """Store one read document and its meeting in a transaction of its own."""
    if item.document is None:
        report.failures.append(FileProblem(item.file, item.problem or "could not be read"))
        return Outcome.FAILED
    meeting, reason = understand(item.document, without_text=item.problem)
    try:
        with sessions.begin() as session:
            saved = save_document(
                session=session,
                document=new_document(item.document, key=item.key, sha256=sha256),
                meeting=meeting,
                reason=reason,
            )
    except Exception as exc:  # rolled back; one document's failure must not stop the batch
        report.failures.append(FileProblem(item.file, _database_problem(exc)))
        return Outcome.FAILED
    if reason is not None:
        report.not_understood.append(FileProblem(item.file, reason))
    report.meetings_stored += saved.meeting_id is not None
    report.actions_stored += saved.actions
    if saved.replaced:
        report.replaced += 1
        return Outcome.REPLACED
    report.new += 1
    return Outcome.NEW


def _stored_versions(sessions: sessionmaker[Session], file: ReadFile) -> list[DocumentSummary]:
    with sessions() as session:
        if file.is_archive:
            return find_documents_under(session=session, prefix=f"{file.key}/")
        found = find_document(session=session, path=file.key)
        return [] if found is None else [found]


def _drop_missing_members(
    sessions: sessionmaker[Session], stored: list[DocumentSummary], read: set[str]
) -> None:
    """Delete what an archive's members that are no longer in it stored."""
    gone = [d.id for d in stored if d.path not in read]
    if gone:
        with sessions.begin() as session:
            for document_id in gone:
                delete_document(session=session, document_id=document_id)


def _ingest_file(
    sessions: sessionmaker[Session], path: Path, report: IngestReport, max_bytes: int
) -> Outcome:
    try:
        file = load(path, max_bytes=max_bytes)
        stored = _stored_versions(sessions, file)
    except ReadingError as exc:
        report.failures.append(FileProblem(str(path), str(exc)))
        return Outcome.FAILED
    except SQLAlchemyError as exc:
        report.failures.append(FileProblem(str(path), _database_problem(exc)))
        return Outcome.FAILED
    if stored and all(d.sha256 == file.sha256 for d in stored):
        report.unchanged += len(stored)
        return Outcome.UNCHANGED
    outcomes: list[Outcome] = []
    members: set[str] = set()
    for item in documents_in(file, max_bytes=max_bytes):
        outcomes.append(_store(sessions, item, file.sha256, report))
        if item.key.startswith(f"{file.key}/"):
            members.add(item.key)
    if file.is_archive and members:
        try:
            _drop_missing_members(sessions, stored, members)
        except SQLAlchemyError as exc:
            report.failures.append(FileProblem(str(path), _database_problem(exc)))
            outcomes.append(Outcome.FAILED)
    for outcome in (Outcome.FAILED, Outcome.REPLACED, Outcome.NEW):
        if outcome in outcomes:
            return outcome
    return Outcome.UNCHANGED


def _database_files(engine: Engine) -> set[Path]:
    """Return the files of a SQLite store, which a folder being ingested may contain."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return set()
    main = Path(database).resolve()
    return {main, *(main.with_name(main.name + s) for s in ("-wal", "-shm", "-journal"))}


def ingest_paths(
    *,
    engine: Engine,
    paths: Sequence[Path],
    on_progress: Callable[[Progress], None] | None = None,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    track: bool = True,
    taxonomy_path: Path | None = None,
) -> IngestReport:
    """Ingest files and folders (walked recursively) into the store; report what happened.

    When anything was stored or replaced, the record across meetings is rebuilt after the
    batch (`track=False` leaves that to the caller).
    """
    files, missing = collect_files(paths)
    own = _database_files(engine)
    files = [f for f in files if f.resolve() not in own]
    report = IngestReport(failures=list(missing))
    sessions = make_session_factory(engine)
    changed = False
    for done, path in enumerate(files, start=1):
        outcome = _ingest_file(sessions, path, report, max_bytes)
        changed = changed or outcome in (Outcome.NEW, Outcome.REPLACED)
        if on_progress is not None:
            on_progress(Progress(done=done, total=len(files), file=str(path), outcome=outcome))
    if changed and track:
        _refresh(sessions, report, taxonomy_path)
    return report


def _refresh(
    sessions: sessionmaker[Session], report: IngestReport, taxonomy_path: Path | None
) -> None:
    """Rebuild the record across meetings once the batch is stored."""
    try:
        with sessions.begin() as session:
            refresh_tracking(session=session, taxonomy_path=taxonomy_path)
    except SQLAlchemyError as exc:
        report.failures.append(FileProblem("tracking", _database_problem(exc)))
