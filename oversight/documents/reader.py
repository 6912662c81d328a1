"""Choose the reader for a file by its content and read it into a `Document`."""

from __future__ import annotations

from pathlib import Path

from oversight.documents.document import Document, DocumentError
from oversight.documents.text import read_text

# Largest file read into memory; larger ones are refused before reading.
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_bytes(data: bytes, *, source: str) -> Document:
    """Read a document from its bytes; raise DocumentError with a one-line reason."""
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return read_text(data, source=source)


def read_path(path: Path) -> Document:
    """Read a document from a file on disk."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except OSError as exc:
        raise DocumentError(f"cannot read the file: {exc.strerror}") from None
    if not path.is_file():
        raise DocumentError("not a regular file")
    if size > MAX_FILE_BYTES:
        raise DocumentError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read the file: {exc.strerror}") from None
    return read_bytes(data, source=path.name)
