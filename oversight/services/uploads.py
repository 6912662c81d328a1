"""Take in files uploaded through the website: one or many, or zips of minutes, from bytes.

Each upload is stored under the key `upload:<file name>` (its members under
`upload:<zip name>/<member>`), so uploading a corrected file with the same name replaces the
earlier one and uploading the same bytes again changes nothing. A document uploaded for the
first time starts as a draft, written in the same transaction that stores it, so the
public never sees it before someone publishes it; a re-upload keeps the state it had.
Every stored document is audited. The result says, per file (per member of a zip), whether
it was stored, replaced an earlier version, was unchanged, or failed and why.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from oversight.services.audit import record_change
from oversight.services.errors import one_line
from oversight.services.files import sha256_hex
from oversight.services.publication import PublicationState
from oversight.services.reading import (
    ReadDocument,
    ReadFile,
    documents_in,
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
from oversight.store.publication import publication_state, set_publication_state
from oversight.tracking.refresh import refresh_tracking

UPLOAD_PREFIX = "upload:"
MAX_NAME_CHARS = 200
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


class UploadResult(StrEnum):
    """What became of one uploaded file, or one member of an uploaded zip."""

    STORED = "stored"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """A file as it arrived: the name the browser gave and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class UploadOutcome:
    """The result for one file or zip member; `reason` explains failures and notes."""

    file: str
    result: UploadResult
    reason: str | None = None
    meeting_id: int | None = None
    state: PublicationState | None = None


@dataclass(frozen=True, slots=True)
class _Upload(ReadFile):
    """An uploaded file, known to the store by its upload key rather than a disk path."""

    @property
    def key(self) -> str:
        """Return the key the store knows this upload by."""
        return UPLOAD_PREFIX + self.path.name


def upload_name(raw: str) -> str:
    """Return a safe file name for an upload: its last path part, no control characters."""
    name = _UNSAFE.sub("", raw.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    name = name[-MAX_NAME_CHARS:]
    return name if name not in {"", ".", ".."} else "upload"


def _existing(sessions: sessionmaker[Session], file: _Upload) -> list[DocumentSummary]:
    with sessions() as session:
        if file.is_archive:
            return find_documents_under(session=session, prefix=f"{file.key}/")
        found = find_document(session=session, path=file.key)
        return [] if found is None else [found]


def _shown(item: ReadDocument) -> str:
    return item.key.removeprefix(UPLOAD_PREFIX)


def _store(
    sessions: sessionmaker[Session], item: ReadDocument, sha256: str, actor: str
) -> UploadOutcome:
    """Store one document of an upload, as a draft if it is new, in its own transaction."""
    if item.document is None:
        return UploadOutcome(_shown(item), UploadResult.FAILED, item.problem or "unreadable")
    meeting, reason = understand(item.document, without_text=item.problem)
    now = dt.datetime.now(dt.UTC)
    try:
        with sessions.begin() as session:
            before = find_document(session=session, path=item.key)
            saved = save_document(
                session=session,
                document=new_document(item.document, key=item.key, sha256=sha256),
                meeting=meeting,
                reason=reason,
                now=now,
            )
            state = publication_state(session=session, path=item.key)
            if state is None:
                state = PublicationState.DRAFT.value
                set_publication_state(
                    session=session, path=item.key, state=state, changed_by=actor, now=now
                )
            record_change(
                session=session,
                actor=actor,
                action="document.upload",
                target=f"document {saved.document.id} ({item.key})",
                before=None if before is None else {"sha256": before.sha256},
                after={"sha256": sha256, "meeting_id": saved.meeting_id, "state": state},
                now=now,
            )
    except SQLAlchemyError as exc:
        detail = one_line(getattr(exc, "orig", None) or exc)
        return UploadOutcome(_shown(item), UploadResult.FAILED, f"database error: {detail}")
    note = None if reason is None else f"stored without a meeting: {reason}"
    return UploadOutcome(
        _shown(item),
        UploadResult.REPLACED if saved.replaced else UploadResult.STORED,
        note,
        saved.meeting_id,
        PublicationState(state),
    )


def _take(
    sessions: sessionmaker[Session], upload: UploadedFile, actor: str, max_file_bytes: int
) -> list[UploadOutcome]:
    name = upload_name(upload.name)
    if len(upload.data) > max_file_bytes:
        limit = f"{max_file_bytes / (1024 * 1024):.0f} MB"
        return [UploadOutcome(name, UploadResult.FAILED, f"file is larger than {limit}")]
    if not upload.data:
        return [UploadOutcome(name, UploadResult.FAILED, "the file is empty")]
    file = _Upload(path=Path(name), data=upload.data, sha256=sha256_hex(upload.data))
    stored = _existing(sessions, file)
    if stored and all(d.sha256 == file.sha256 for d in stored):
        return [
            UploadOutcome(d.path.removeprefix(UPLOAD_PREFIX), UploadResult.UNCHANGED)
            for d in stored
        ]
    outcomes = [
        _store(sessions, item, file.sha256, actor)
        for item in documents_in(file, max_bytes=max_file_bytes)
    ]
    members = {o.file for o in outcomes}
    gone = [d.id for d in stored if d.path.removeprefix(UPLOAD_PREFIX) not in members]
    if file.is_archive and members and gone:
        with sessions.begin() as session:
            for document_id in gone:
                delete_document(session=session, document_id=document_id)
    return outcomes


def ingest_uploads(
    *,
    engine: Engine,
    files: Sequence[UploadedFile],
    actor: str,
    max_file_bytes: int,
    taxonomy_path: Path | None = None,
) -> list[UploadOutcome]:
    """Store uploaded files (zips member by member); return one outcome per document."""
    sessions = make_session_factory(engine)
    outcomes: list[UploadOutcome] = []
    for upload in files:
        outcomes += _take(sessions, upload, actor, max_file_bytes)
    if any(o.result in (UploadResult.STORED, UploadResult.REPLACED) for o in outcomes):
        try:
            with sessions.begin() as session:
                refresh_tracking(session=session, taxonomy_path=taxonomy_path)
        except SQLAlchemyError as exc:
            detail = one_line(getattr(exc, "orig", None) or exc)
            outcomes.append(UploadOutcome("tracking", UploadResult.FAILED, detail))
    return outcomes
