"""Tell a file's format from its bytes, never from its name.

Magic numbers say PDF, zip, OLE2 (legacy Office), RTF and images; a zip is looked into to
tell a Word document from an OpenDocument text and from a plain archive of minutes; HTML is
recognised by its opening tags near the start; anything else is taken for text.
"""

from __future__ import annotations

import io
import re
import zipfile
from enum import StrEnum


class Format(StrEnum):
    """A file format the readers know, or know to refuse."""

    PDF = "pdf"
    DOCX = "docx"
    ODT = "odt"
    DOC = "doc"
    RTF = "rtf"
    ZIP = "zip"
    HTML = "html"
    TEXT = "text"
    ENCRYPTED_OFFICE = "encrypted-office"
    OTHER_OFFICE = "other-office"
    IMAGE = "image"


_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
# A fragment of a page (no <html>) opening with a block tag; text exports of minutes with
# stray tags keep their tab-separated rows, so a tab near the start says text.
_HTML_FRAGMENT = re.compile(rb"\s*<(?:div|table|p|h[1-6]|section|article|main|ul|ol)[\s>]", re.I)
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"
# How far into a file its magic number or opening tags may sit.
_SNIFF = 1024


def image_kind(data: bytes) -> str | None:
    """Name the image format the bytes start with, if any."""
    for magic, name in _IMAGES:
        if data.startswith(magic):
            return name
    return None


def _zip_format(data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(200)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        # Damaged: guess from the local headers at the start, so the right reader explains.
        head = data[:65536]
        if b"word/" in head:
            return Format.DOCX
        if b"mimetype" in head and _ODF_TEXT in head:
            return Format.ODT
        return Format.ZIP
    if "word/document.xml" in names:
        return Format.DOCX
    if mimetype.strip().startswith(_ODF_TEXT):
        return Format.ODT
    if mimetype.startswith(b"application/vnd.oasis.opendocument") or any(
        n.startswith(("xl/", "ppt/")) for n in names
    ):
        return Format.OTHER_OFFICE
    return Format.ZIP


def _ole2_format(data: bytes) -> Format:
    # Stream names sit in the directory sectors as UTF-16; a Word file has "WordDocument",
    # an encrypted .docx/.xlsx has "EncryptedPackage".
    if "EncryptedPackage".encode("utf-16-le") in data:
        return Format.ENCRYPTED_OFFICE
    if "WordDocument".encode("utf-16-le") in data:
        return Format.DOC
    return Format.OTHER_OFFICE


def _looks_html(data: bytes) -> bool:
    head = data[: _SNIFF * 4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    elif head[:1] == b"\x00" or head[1:2] == b"\x00":
        head = head.replace(b"\x00", b"")
    if _HTML_START.search(head[:_SNIFF]):
        return True
    return bool(_HTML_FRAGMENT.match(head.removeprefix(b"\xef\xbb\xbf"))) and b"\t" not in head


def detect_format(data: bytes) -> Format:
    """Return the format of a file from its content."""
    if data.startswith(_ZIP):
        return _zip_format(data)
    if data.startswith(_OLE2):
        return _ole2_format(data)
    if b"%PDF-" in data[:_SNIFF]:
        return Format.PDF
    if data.startswith(b"{\\rtf"):
        return Format.RTF
    if image_kind(data):
        return Format.IMAGE
    if _looks_html(data):
        return Format.HTML
    return Format.TEXT
