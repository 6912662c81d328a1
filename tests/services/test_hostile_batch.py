"""A batch of good minutes in every format with hostile files among them stores exactly the
good ones, keeps what was stored before, and names each hostile file in one line."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from oversight.documents import read_path
from oversight.services import ingest_paths
from oversight.store.tables import DocumentRow, MeetingRow
from tests.documents.pdfmake import encrypted_pdf, text_pdf
from tests.documents.render import render_docx, render_html, render_pdf

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _zip_bomb() -> bytes:
    """A .docx whose one large part packs 64 MB of zeros into a few kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/image1.png", bytes(64 << 20))
    return buffer.getvalue()


# Each hostile file, by name, and the words its one-line reason must hold.
HOSTILE: dict[str, tuple[bytes, str]] = {
    "b-bomb.docx": (_zip_bomb(), "zip bomb"),
    "d-secret.pdf": (encrypted_pdf(), "encrypted"),
    "f-cut.pdf": (text_pdf([[(72, 700, "Minutes")] for _ in range(20)])[:900], "truncated"),
    "h-junk.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 64 + b"%%EOF", "not a PDF"),
    "k-empty.docx": (b"", "empty"),
}


@pytest.fixture(scope="module")
def good_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Five shipped examples, each as text, web page, Word document and PDF: 20 files."""
    folder = tmp_path_factory.mktemp("good")
    minutes = (p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".md"} and p.stem != "README")
    sources = sorted(minutes)[:5]
    files: list[Path] = []
    for source in sources:
        document = read_path(source)
        files.append(Path(shutil.copyfile(source, folder / source.name)))
        files.append(render_html(document, folder / f"{source.stem}.html"))
        files.append(render_docx(document, folder / f"{source.stem}.docx"))
        files.append(render_pdf(document, folder / f"{source.stem}.pdf"))
    return files


def _count(engine: Engine, table: type[DocumentRow] | type[MeetingRow]) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


@pytest.mark.slow
def test_twenty_good_files_among_five_hostile_ones_store_exactly_the_twenty(
    engine: Engine, good_files: list[Path], tmp_path: Path
) -> None:
    earlier = tmp_path / "earlier" / "minutes.txt"
    earlier.parent.mkdir()
    shutil.copyfile(good_files[0], earlier)
    assert ingest_paths(engine=engine, paths=[earlier]).new == 1
    batch = tmp_path / "batch"
    batch.mkdir()
    for index, good in enumerate(good_files):
        # Hostile names sort among the good ones, so the batch must carry on past each.
        shutil.copyfile(good, batch / f"{chr(ord('a') + index % 12)}-{index:02d}-{good.name}")
    for name, (data, _) in HOSTILE.items():
        (batch / name).write_bytes(data)

    report = ingest_paths(engine=engine, paths=[batch])

    assert report.new == 20 and report.not_understood == []
    assert sorted(Path(problem.file).name for problem in report.failures) == sorted(HOSTILE)
    for problem in report.failures:
        name = Path(problem.file).name
        assert problem.line.startswith(f"{batch / name}: ")
        assert HOSTILE[name][1] in problem.line, problem.line
        assert "\n" not in problem.line
    # The 20 and the one stored before, each with its meeting; nothing of the hostile five.
    assert _count(engine, DocumentRow) == 21
    assert _count(engine, MeetingRow) == 21
    with Session(engine) as session:
        paths = set(session.scalars(select(DocumentRow.path)))
    assert str(earlier.resolve()) in paths
    assert not any(Path(path).name in HOSTILE for path in paths)
