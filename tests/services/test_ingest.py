"""Ingesting files and folders: one transaction per document, nothing earlier lost."""

from __future__ import annotations

import codecs
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

import oversight.services.ingest as ingest_module
from oversight.records import DocumentStatus
from oversight.services import Outcome, Progress, ingest_paths, list_documents, list_meetings
from oversight.store import find_document, save_document
from oversight.store.tables import ActionRow, Base, DocumentRow, MeetingRow, PassageRow
from tests.documents.pdfmake import image_only_pdf

pytestmark = pytest.mark.usefixtures("fake_extractor")
WriteMinutes = Callable[..., Path]


def _count(engine: Engine, table: type[Base]) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def _stored(engine: Engine, path: Path) -> Any:
    with Session(engine) as session:
        return find_document(session=session, path=str(path.resolve()))


def test_folder_is_walked_and_hidden_files_skipped(
    engine: Engine, write_minutes: WriteMinutes, tmp_path: Path
) -> None:
    write_minutes("batch/a.txt", "Ambridge Police Board", actions=["Review patrols | CC"])
    write_minutes("batch/sub/b.md", "Ambridge Ethics Panel", actions=["Publish | PCC", "X | CC"])
    write_minutes("batch/.hidden.txt", "Hidden Board")
    write_minutes("batch/.git/c.txt", "Hidden Folder Board")
    seen: list[Progress] = []

    report = ingest_paths(engine=engine, paths=[tmp_path / "batch"], on_progress=seen.append)

    assert (report.new, report.replaced, report.unchanged, report.documents_read) == (2, 0, 0, 2)
    assert (report.meetings_stored, report.actions_stored) == (2, 3)
    assert report.ok and report.failures == [] and report.not_understood == []
    assert [(p.done, p.total, p.outcome) for p in seen] == [
        (1, 2, Outcome.NEW),
        (2, 2, Outcome.NEW),
    ]
    with Session(engine) as session:
        titles = sorted(m.title or "" for m in list_meetings(session=session))
    assert titles == ["Ambridge Ethics Panel", "Ambridge Police Board"]


def test_unchanged_file_is_left_alone(engine: Engine, write_minutes: WriteMinutes) -> None:
    path = write_minutes("a.txt", "Ambridge Police Board", actions=["Review | CC"])
    ingest_paths(engine=engine, paths=[path])
    before = _stored(engine, path)

    report = ingest_paths(engine=engine, paths=[path, path])

    assert (report.new, report.replaced, report.unchanged) == (0, 0, 1)
    assert (report.meetings_stored, report.actions_stored) == (0, 0)
    assert _stored(engine, path) == before
    assert (_count(engine, MeetingRow), _count(engine, ActionRow)) == (1, 1)


def test_changed_file_replaces_only_its_own_records(
    engine: Engine, write_minutes: WriteMinutes
) -> None:
    a = write_minutes("a.txt", "Ambridge Police Board", actions=["Old action | CC"])
    b = write_minutes("b.txt", "Ambridge Ethics Panel", actions=["Other action | PCC"])
    ingest_paths(engine=engine, paths=[a, b])
    b_before = _stored(engine, b)
    with Session(engine) as session:
        b_meeting = next(m for m in list_meetings(session=session) if m.source == "b.txt")

    write_minutes("a.txt", "Ambridge Police Board", actions=["New action | CC", "Two | DCC"])
    report = ingest_paths(engine=engine, paths=[a, b])

    assert (report.new, report.replaced, report.unchanged) == (0, 1, 1)
    assert (report.meetings_stored, report.actions_stored) == (1, 2)
    assert _stored(engine, b) == b_before
    with Session(engine) as session:
        texts = sorted(session.scalars(select(ActionRow.text)))
        meetings = list_meetings(session=session)
    assert texts == ["New action", "Other action", "Two"]
    assert len(meetings) == 2
    assert b_meeting in meetings


def test_failing_extractor_keeps_earlier_documents_and_the_failing_text(
    engine: Engine, write_minutes: WriteMinutes, tmp_path: Path
) -> None:
    write_minutes("batch/1.txt", "Ambridge Police Board")
    write_minutes("batch/2.txt", "Ambridge Police Board", extra=["EXPLODE here"])
    write_minutes("batch/3.txt", "Ambridge Ethics Panel")
    (tmp_path / "batch/4.txt").write_text("NOT MINUTES\nA recipe for scones.\n")

    report = ingest_paths(engine=engine, paths=[tmp_path / "batch"])

    assert report.ok
    assert (report.new, report.meetings_stored) == (4, 2)
    assert [(p.file.endswith("2.txt"), p.reason) for p in report.not_understood[:1]] == [
        (True, "extraction failed: RuntimeError: the extractor broke")
    ]
    assert report.not_understood[1].reason == "not minutes: no meeting header found"
    broken = _stored(engine, tmp_path / "batch/2.txt")
    assert broken.status is DocumentStatus.NOT_UNDERSTOOD
    with Session(engine) as session:
        raw = session.scalar(select(DocumentRow.raw_text).where(DocumentRow.id == broken.id))
        statuses = {d.source: d.status for d in list_documents(session=session)}
    assert raw is not None and "EXPLODE here" in raw
    assert statuses == {
        "1.txt": DocumentStatus.UNDERSTOOD,
        "2.txt": DocumentStatus.NOT_UNDERSTOOD,
        "3.txt": DocumentStatus.UNDERSTOOD,
        "4.txt": DocumentStatus.NOT_UNDERSTOOD,
    }


def _failing_save(fail_on: str) -> Callable[..., Any]:
    """Wrap save_document so that it writes everything, then hits a real database error."""

    def save(*, session: Session, **kwargs: Any) -> Any:
        saved = save_document(session=session, **kwargs)
        if kwargs["document"].source == fail_on:
            session.execute(text("INSERT INTO no_such_table VALUES (1)"))
        return saved

    return save


def test_database_error_rolls_back_only_that_document(
    engine: Engine, write_minutes: WriteMinutes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_minutes("batch/1.txt", "Ambridge Police Board", actions=["One | CC"])
    write_minutes("batch/2.txt", "Ambridge Ethics Panel", actions=["Two | CC"])
    write_minutes("batch/3.txt", "Ambridge Audit Committee", actions=["Three | CC"])
    monkeypatch.setattr(ingest_module, "save_document", _failing_save("2.txt"))

    report = ingest_paths(engine=engine, paths=[tmp_path / "batch"])

    assert not report.ok
    [failure] = report.failures
    assert failure.file.endswith("2.txt")
    assert failure.reason.startswith("database error: ")
    assert "\n" not in failure.line
    assert (report.new, report.meetings_stored, report.actions_stored) == (2, 2, 2)
    assert _stored(engine, tmp_path / "batch/2.txt") is None
    with Session(engine) as session:
        assert sorted(session.scalars(select(ActionRow.text))) == ["One", "Three"]
        sources = set(session.scalars(select(DocumentRow.source)))
    assert sources == {"1.txt", "3.txt"}
    assert _count(engine, MeetingRow) == 2


def test_database_error_on_replace_keeps_the_earlier_version(
    engine: Engine, write_minutes: WriteMinutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_minutes("a.txt", "Ambridge Police Board", actions=["Original | CC"])
    ingest_paths(engine=engine, paths=[path])
    passages = _count(engine, PassageRow)
    write_minutes("a.txt", "Ambridge Police Board", actions=["Changed | CC"])
    monkeypatch.setattr(ingest_module, "save_document", _failing_save("a.txt"))

    report = ingest_paths(engine=engine, paths=[path])

    assert len(report.failures) == 1
    with Session(engine) as session:
        assert list(session.scalars(select(ActionRow.text))) == ["Original"]
    assert _count(engine, PassageRow) == passages


BAD_INPUTS: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\t\n", "empty"),
    "junk.bin": (bytes(range(256)) * 64, "binary"),
    "broken-utf16.txt": (codecs.BOM_UTF16_LE + b"A\x00\x00\xd8", "decode"),
}


def test_bad_inputs_each_give_one_line_naming_the_file(
    engine: Engine, write_minutes: WriteMinutes, tmp_path: Path
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    for name, (data, _) in BAD_INPUTS.items():
        (folder / name).write_bytes(data)
    good = write_minutes("bad/good.txt", "Ambridge Police Board")
    missing = tmp_path / "missing.txt"

    report = ingest_paths(engine=engine, paths=[folder, missing])

    assert report.new == 1 and _stored(engine, good) is not None
    lines = {Path(p.file).name: p.line for p in report.failures}
    assert set(lines) == {*BAD_INPUTS, "missing.txt"}
    for name, (_, problem) in BAD_INPUTS.items():
        assert lines[name].startswith(f"{folder / name}: ")
        assert problem in lines[name]
    assert lines["missing.txt"] == f"{missing}: no such file or directory"
    assert all("\n" not in line for line in lines.values())
    assert _count(engine, DocumentRow) == 1


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("cp1252", b""), ("utf-16-le", codecs.BOM_UTF16_LE)]
)
def test_legacy_encodings_are_decoded(
    engine: Engine, tmp_path: Path, encoding: str, prefix: bytes
) -> None:
    content = (
        "Ambridge Police Board – Café review\nDate: 2024-03-05\n"
        "Action: Fix the café’s £5 sign | CC\n"
    )
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(prefix + content.encode(encoding))

    report = ingest_paths(engine=engine, paths=[path])

    assert report.ok and report.new == 1
    with Session(engine) as session:
        [meeting] = list_meetings(session=session)
        assert meeting.title == "Ambridge Police Board – Café review"
        assert session.scalar(select(ActionRow.text)) == "Fix the café’s £5 sign"


@pytest.mark.slow
def test_very_large_file_is_refused_without_reading_it(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"Ambridge Police Board minutes, line of filler text for size.\n"
    with path.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert path.stat().st_size > 50 * 1024 * 1024

    tracemalloc.start()
    try:
        report = ingest_paths(engine=engine, paths=[path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    [failure] = report.failures
    assert failure.line.startswith(f"{path}: file is too large")
    assert "\n" not in failure.line
    assert peak < 10 * 1024 * 1024
    assert _count(engine, DocumentRow) == 0


def test_size_limit_is_a_parameter(engine: Engine, write_minutes: WriteMinutes) -> None:
    path = write_minutes("a.txt", "Ambridge Police Board")
    report = ingest_paths(engine=engine, paths=[path], max_bytes=10)
    assert [p.reason for p in report.failures] == [
        f"file is too large ({path.stat().st_size} bytes; the limit is 10 bytes)"
    ]


def test_the_stores_own_files_are_not_ingested(
    engine: Engine, write_minutes: WriteMinutes, tmp_path: Path
) -> None:
    write_minutes("a.txt", "Ambridge Police Board")
    report = ingest_paths(engine=engine, paths=[tmp_path])
    assert report.ok and report.new == 1


def _zip(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def test_zip_members_are_documents_of_their_own(
    engine: Engine, write_minutes: WriteMinutes, tmp_path: Path
) -> None:
    board = write_minutes("src/b.txt", "Ambridge Police Board", actions=["Review | CC"]).read_text()
    panel = write_minutes(
        "src/p.txt", "Ambridge Ethics Panel", actions=["Publish | PCC"]
    ).read_text()
    bundle = _zip(
        tmp_path / "bundle.zip",
        {"2024/board.txt": board, "panel.txt": panel, "junk.bin": bytes(range(256)) * 8},
    )

    report = ingest_paths(engine=engine, paths=[bundle])

    assert (report.new, report.meetings_stored, report.actions_stored) == (2, 2, 2)
    assert [p.line.split(": ")[0] for p in report.failures] == [f"{bundle}/junk.bin"]
    with Session(engine) as session:
        sources = sorted(d.source for d in list_documents(session=session))
    assert sources == ["bundle.zip/2024/board.txt", "bundle.zip/panel.txt"]

    again = ingest_paths(engine=engine, paths=[bundle])
    assert (again.unchanged, again.new, again.failures) == (2, 0, [])

    _zip(bundle, {"2024/board.txt": board.replace("Review", "Revise")})
    changed = ingest_paths(engine=engine, paths=[bundle])
    assert (changed.replaced, changed.new) == (1, 0)
    with Session(engine) as session:
        assert list(session.scalars(select(ActionRow.text))) == ["Revise"]
        sources = sorted(d.source for d in list_documents(session=session))
    assert sources == ["bundle.zip/2024/board.txt"]


def test_folder_walk_skips_data_files_but_not_named_ones(
    engine: Engine, write_minutes: WriteMinutes, tmp_path: Path
) -> None:
    write_minutes("in/a.txt", "Ambridge Police Board")
    (tmp_path / "in/expected").mkdir()
    (tmp_path / "in/expected/a.json").write_text('{"meeting": {"title": "Ambridge"}}')
    assert ingest_paths(engine=engine, paths=[tmp_path / "in"]).new == 1
    named = ingest_paths(engine=engine, paths=[tmp_path / "in/expected/a.json"])
    assert named.new == 1


def test_a_pdf_without_text_is_kept_and_reported_as_scanned(engine: Engine, tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only_pdf())
    bundle = _zip(tmp_path / "bundle.zip", {"inner/scan.pdf": image_only_pdf()})

    report = ingest_paths(engine=engine, paths=[scan, bundle])

    assert report.failures == [] and report.new == 2 and report.meetings_stored == 0
    assert sorted(p.line for p in report.not_understood) == [
        f"{bundle}/inner/scan.pdf: no text layer (scanned?)",
        f"{scan}: no text layer (scanned?)",
    ]
    with Session(engine) as session:
        rows = session.execute(
            select(
                DocumentRow.source, DocumentRow.format, DocumentRow.status, DocumentRow.reason
            ).order_by(DocumentRow.source)
        ).all()
    assert [tuple(row) for row in rows] == [
        (
            "bundle.zip/inner/scan.pdf",
            "pdf",
            DocumentStatus.NOT_UNDERSTOOD,
            "no text layer (scanned?)",
        ),
        ("scan.pdf", "pdf", DocumentStatus.NOT_UNDERSTOOD, "no text layer (scanned?)"),
    ]
    assert ingest_paths(engine=engine, paths=[scan]).unchanged == 1
