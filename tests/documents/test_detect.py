"""Format detection looks at content, never at names."""

from __future__ import annotations

import io
import zipfile

import pytest

from oversight.documents.detect import Format, detect_format


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n...", Format.PDF),
        (b"\r\n  %PDF-1.4 leading junk is allowed", Format.PDF),
        (b"<!DOCTYPE html><html><body>x</body></html>", Format.HTML),
        (b"\xef\xbb\xbf\n  <html lang='en'><p>x</p></html>", Format.HTML),
        ("<!doctype html><p>x".encode("utf-16"), Format.HTML),
        (b"Minutes\n\tName\tCapacity\n<p>stray tags stay text</p>", Format.TEXT),
        (b"\n<div class='minutes'><table><tr><td>1.</td></tr></table></div>", Format.HTML),
        (b"<p>2.1</p>\t<p>A converted row keeps its tab</p>", Format.TEXT),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), Format.DOC),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            Format.ENCRYPTED_OFFICE,
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, Format.OTHER_OFFICE),
        (b"{\\rtf1\\ansi minutes}", Format.RTF),
        (b"\x89PNG\r\n\x1a\n....", Format.IMAGE),
        (b"", Format.TEXT),
    ],
)
def test_magic_numbers_and_opening_tags(data: bytes, expected: Format) -> None:
    assert detect_format(data) is expected


def test_zips_are_told_apart_by_what_they_hold() -> None:
    assert detect_format(_zip({"word/document.xml": b"<w/>"})) is Format.DOCX
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""})
    assert detect_format(odt) is Format.ODT
    sheet = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    assert detect_format(sheet) is Format.OTHER_OFFICE
    assert detect_format(_zip({"xl/workbook.xml": b""})) is Format.OTHER_OFFICE
    assert detect_format(_zip({"minutes/jan.pdf": b"%PDF-"})) is Format.ZIP


def test_a_truncated_docx_is_still_recognised_so_its_reader_can_explain() -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>" * 500})
    assert detect_format(data[: len(data) // 2]) is Format.DOCX
