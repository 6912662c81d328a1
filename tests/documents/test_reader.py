"""Dispatch by content, archives of minutes, legacy formats, and one error type."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest

from oversight.documents import (
    Document,
    DocumentError,
    Limits,
    read_bytes,
    read_many,
    read_path,
)
from oversight.documents.legacy import INSTALL_HINT

from .docxmake import make_docx, paragraph
from .pdfmake import text_pdf

PDF = text_pdf([[(72, 700, "Minutes in a PDF.")]])
DOCX = make_docx(paragraph("Minutes in Word."))
HTML = b"<!DOCTYPE html><html><body><main><p>Minutes on a page.</p></main></body></html>"
TEXT = b"Minutes in text.\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "fmt", "text"),
    [
        (PDF, "pdf", "Minutes in a PDF."),
        (DOCX, "docx", "Minutes in Word."),
        (HTML, "html", "Minutes on a page."),
        (TEXT, "text", "Minutes in text."),
    ],
)
def test_the_reader_is_chosen_by_content_not_by_name(
    tmp_path: Path, data: bytes, fmt: str, text: str
) -> None:
    path = tmp_path / "misnamed.txt"
    path.write_bytes(data)
    document = read_path(path)
    assert (document.format, document.text, document.source) == (fmt, text, "misnamed.txt")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "^the file is empty$"),
        (b"   \n\t\n", "^the file is empty$"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "^a PNG image, not a document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
         "^the Office file is password-protected$"),
        (_zip({"a.txt": b"x"}), "read it with read_many"),
        (bytes(range(256)) * 40, "^binary data, not text$"),
    ],
)  # fmt: skip
def test_unreadable_files_give_one_line_reasons(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        read_bytes(data, source="file")


def test_a_file_that_claims_to_be_pdf_but_is_not(tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(DocumentError, match=r"^binary data, not text$"):
        read_path(path)


def test_size_limit_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Minutes. " * 200_000)
    with pytest.raises(DocumentError, match=r"^the file is 1\.7 MB, more than the limit of 1 MB$"):
        read_path(path, limits=Limits(max_file_bytes=1024 * 1024))
    with pytest.raises(DocumentError, match=r"^no such file$"):
        read_path(tmp_path / "absent.pdf")
    with pytest.raises(DocumentError, match=r"^not a regular file$"):
        read_path(tmp_path)


def _results(path: Path, **limits: int) -> dict[str, Document | DocumentError]:
    return dict(read_many(path, limits=Limits(**limits)))


def test_read_many_reads_each_member_of_a_zip_of_minutes(tmp_path: Path) -> None:
    inner = _zip({"march.txt": TEXT})
    path = tmp_path / "year.zip"
    path.write_bytes(
        _zip(
            {
                "2024/january.pdf": PDF,
                "2024/february.docx": DOCX,
                "2024/notes.html": HTML,
                "2024/broken.pdf": b"%PDF-1.4 cut",
                "2024/more.zip": inner,
                "__MACOSX/2024/._january.pdf": b"junk",
                "2024/.hidden.txt": b"secret",
                "Thumbs.db": b"junk",
            }
        )
    )
    results = _results(path)
    assert sorted(results) == [
        "year.zip/2024/broken.pdf",
        "year.zip/2024/february.docx",
        "year.zip/2024/january.pdf",
        "year.zip/2024/more.zip/march.txt",
        "year.zip/2024/notes.html",
    ]
    january = results["year.zip/2024/january.pdf"]
    assert isinstance(january, Document)
    assert (january.source, january.text) == ("year.zip/2024/january.pdf", "Minutes in a PDF.")
    broken = results["year.zip/2024/broken.pdf"]
    assert isinstance(broken, DocumentError)
    assert str(broken).startswith("the PDF is truncated")


def test_read_many_of_a_plain_file_gives_one_result(tmp_path: Path) -> None:
    path = tmp_path / "minutes.docx"
    path.write_bytes(DOCX)
    [(name, document)] = list(read_many(path))
    assert name == "minutes.docx"
    assert isinstance(document, Document)
    [(name, error)] = list(read_many(tmp_path / "missing.pdf"))
    assert (name, str(error)) == ("missing.pdf", "no such file")


def test_archive_limits_on_members_size_and_nesting(tmp_path: Path) -> None:
    many = tmp_path / "many.zip"
    many.write_bytes(_zip({f"{n}.txt": TEXT for n in range(12)}))
    [(name, error)] = _results(many, max_archive_members=10).items()
    assert name == "many.zip"
    assert str(error) == "the zip archive holds 12 files, more than the limit of 10"

    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(_zip({"huge.txt": bytes(40 << 20)}))
    [error] = _results(bomb, max_unpacked_bytes=10 << 20).values()
    assert isinstance(error, DocumentError)
    assert "zip bomb" in str(error)

    nested = tmp_path / "nested.zip"
    nested.write_bytes(_zip({"a.zip": _zip({"b.zip": _zip({"c.txt": TEXT})})}))
    [(name, error)] = _results(nested, max_archive_depth=2).items()
    assert name == "nested.zip/a.zip/b.zip"
    assert str(error) == "zip archives nested more than 2 deep"


def test_legacy_word_without_libreoffice_names_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")
    with pytest.raises(DocumentError) as raised:
        read_bytes(doc, source="old.doc")
    assert str(raised.value) == f"legacy Word .doc needs LibreOffice: {INSTALL_HINT}"


def test_legacy_formats_are_converted_with_libreoffice_when_present(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A stand-in for soffice that writes the .docx LibreOffice would make into --outdir.
    converted = tmp_path / "converted.docx"
    converted.write_bytes(DOCX)
    program = tmp_path / "bin" / "soffice"
    program.parent.mkdir()
    program.write_text(
        "#!/bin/sh\n"
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        f'mkdir -p "$2" && cp "{converted}" "$2/input.docx"\n'
    )
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{program.parent}{os.pathsep}{os.environ['PATH']}")
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""})
    document = read_bytes(odt, source="minutes.odt")
    assert (document.format, document.text) == ("odt", "Minutes in Word.")


def test_a_conversion_that_overruns_is_stopped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\nsleep 30\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(DocumentError, match=r"^LibreOffice took more than 0 s to convert"):
        read_bytes(b"{\\rtf1 minutes}", source="m.rtf", limits=Limits(convert_seconds=0.2))
