"""Saving documents: new, replaced in place, not understood, deleted, by path."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from oversight.records import DocumentStatus
from oversight.store import (
    delete_document,
    find_document,
    get_document_text,
    get_meeting,
    list_documents,
    list_meetings,
    save_document,
)
from oversight.store.tables import (
    ActionOwnerRow,
    ActionRow,
    AttendanceRow,
    Base,
    DocumentRow,
    MeetingRow,
    PassageRow,
)

from .factories import full_meeting, new_document, store

TEXT = "Ambridge Police Board\nRural crime patrols were discussed.\nDrones were discussed."


def _count(session: Session, table: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(table)) or 0


def test_save_stores_document_meeting_and_passages(
    session_factory: sessionmaker[Session],
) -> None:
    saved = store(session_factory, "/minutes/a.txt", TEXT, full_meeting("a.txt"))
    assert not saved.replaced
    assert saved.actions == 2
    assert saved.document.status is DocumentStatus.UNDERSTOOD
    with session_factory() as session:
        found = find_document(session=session, path="/minutes/a.txt")
        assert found == saved.document
        assert found is not None and found.ingested_at.tzinfo is not None
        assert _count(session, MeetingRow) == 1
        assert _count(session, ActionOwnerRow) == 3
        assert _count(session, PassageRow) > 3
        assert get_document_text(session=session, document_id=found.id) == (TEXT, TEXT)


def test_changed_document_replaces_only_its_own_records(
    session_factory: sessionmaker[Session],
) -> None:
    first = store(session_factory, "/minutes/a.txt", TEXT, full_meeting("a.txt"))
    other = store(session_factory, "/minutes/b.txt", TEXT, full_meeting("b.txt", "Other board"))
    changed = full_meeting("a.txt", "Ambridge Police Board (revised)")
    changed.actions = changed.actions[:1]
    second = store(session_factory, "/minutes/a.txt", TEXT + "\nRevised.", changed)

    assert second.replaced
    assert second.document.id == first.document.id
    assert second.meeting_id != first.meeting_id
    with session_factory() as session:
        assert get_meeting(session=session, meeting_id=first.meeting_id or 0) is None
        titles = sorted(m.title or "" for m in list_meetings(session=session))
        assert titles == ["Ambridge Police Board (revised)", "Other board"]
        assert _count(session, ActionRow) == 3
        assert _count(session, AttendanceRow) == 6
        untouched = get_meeting(session=session, meeting_id=other.meeting_id or 0)
        assert untouched is not None and untouched.meeting == full_meeting("b.txt", "Other board")


def test_document_without_meeting_is_kept_as_not_understood(
    session_factory: sessionmaker[Session],
) -> None:
    saved = store(session_factory, "/minutes/n.txt", "A shopping list", None, "not minutes: x")
    assert saved.meeting_id is None
    assert saved.document.status is DocumentStatus.NOT_UNDERSTOOD
    assert saved.document.reason == "not minutes: x"
    with session_factory() as session:
        listed = list_documents(session=session, status=DocumentStatus.NOT_UNDERSTOOD)
        assert [d.source for d in listed] == ["n.txt"]
        assert list_documents(session=session, status=DocumentStatus.UNDERSTOOD) == []
        assert get_document_text(session=session, document_id=saved.document.id) == (
            "A shopping list",
            "A shopping list",
        )


def test_understood_again_clears_the_reason(session_factory: sessionmaker[Session]) -> None:
    store(session_factory, "/minutes/a.txt", "draft", None, "not minutes: x")
    saved = store(session_factory, "/minutes/a.txt", TEXT, full_meeting("a.txt"))
    assert saved.document.status is DocumentStatus.UNDERSTOOD
    assert saved.document.reason is None


def test_delete_document_cascades_to_everything_from_it(
    session_factory: sessionmaker[Session], engine: Engine
) -> None:
    saved = store(session_factory, "/minutes/a.txt", TEXT, full_meeting("a.txt"))
    with session_factory.begin() as session:
        assert delete_document(session=session, document_id=saved.document.id)
    with session_factory() as session:
        for table in (DocumentRow, MeetingRow, ActionRow, ActionOwnerRow, PassageRow):
            assert _count(session, table) == 0, table.__tablename__
    with session_factory.begin() as session:
        assert not delete_document(session=session, document_id=saved.document.id)


def test_failed_transaction_leaves_the_earlier_version(
    session_factory: sessionmaker[Session],
) -> None:
    store(session_factory, "/minutes/a.txt", TEXT, full_meeting("a.txt"))
    try:
        with session_factory.begin() as session:
            save_document(
                session=session, document=new_document("/minutes/a.txt", "new"), meeting=None
            )
            raise RuntimeError("stop before commit")
    except RuntimeError:
        pass
    with session_factory() as session:
        [meeting] = list_meetings(session=session)
        assert meeting.title == "Ambridge Police Board"
        assert _count(session, ActionRow) == 2
