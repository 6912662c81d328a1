"""Read a file into its documents and extract their meetings, never letting one stop a batch.

A plain file holds one document; a zip of minutes holds one per member, named
`archive.zip/member` in messages and stored under the archive's path plus `/member`.
Reading failures become one-line reasons; an extractor that refuses or breaks on a document
leaves the document readable but not understood, with the reason kept beside its text. A
PDF without a text layer is kept too, as a document with no text and that reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import oversight.extract as extract
from oversight.documents import (
    DEFAULT_LIMITS,
    BlockKind,
    Document,
    DocumentError,
    Format,
    NoTextLayerError,
    detect_format,
    read_archive,
    read_bytes,
)
from oversight.records import Meeting
from oversight.services.errors import one_line
from oversight.services.files import FileReadError, read_file, sha256_hex
from oversight.store import NewDocument, Passage

# Longest heading kept as the label of the passages under it.
MAX_LABEL_CHARS = 120
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True, slots=True)
class ReadFile:
    """A file's bytes as read from disk, with their digest."""

    path: Path
    data: bytes
    sha256: str

    @property
    def key(self) -> str:
        """Return the path the store knows this file by: absolute, symlinks resolved."""
        return str(self.path.resolve())

    @property
    def is_archive(self) -> bool:
        """Say whether the file is a zip of documents (not a Word or OpenDocument file)."""
        return self.data[:4] in _ZIP_MAGIC and detect_format(self.data) is Format.ZIP


@dataclass(frozen=True, slots=True)
class ReadDocument:
    """One document read from a file, or the one-line reason it could not be read; a
    document with a reason beside it is kept without a meeting (a scanned PDF)."""

    file: str
    key: str
    stem: str
    document: Document | None
    problem: str | None = None


class ReadingError(Exception):
    """A file could not be read; the message is the one-line reason."""


def load(path: Path, *, max_bytes: int) -> ReadFile:
    """Read a file's bytes within the size limit; raise ReadingError otherwise."""
    try:
        data = read_file(path, max_bytes=max_bytes)
    except FileReadError as exc:
        raise ReadingError(str(exc)) from None
    return ReadFile(path=path, data=data, sha256=sha256_hex(data))


def _scanned(error: NoTextLayerError, source: str) -> Document:
    """An empty document standing for a PDF without text, so that the file is on record."""
    return Document(source=source, format="pdf", text="", blocks=(), raw_text="", pages=error.pages)


def _failure(exc: Exception) -> str:
    if isinstance(exc, DocumentError):
        return one_line(exc)
    return f"the reader failed: {type(exc).__name__}: {one_line(exc)}"


def documents_in(file: ReadFile, *, max_bytes: int) -> Iterator[ReadDocument]:
    """Read the documents in a file: itself, or each member of a zip of minutes."""
    limits = dataclasses.replace(DEFAULT_LIMITS, max_file_bytes=max_bytes)
    shown, key, name = str(file.path), file.key, file.path.name
    if not file.is_archive:
        try:
            document = read_bytes(file.data, source=name, limits=limits)
        except NoTextLayerError as exc:
            yield ReadDocument(shown, key, file.path.stem, _scanned(exc, name), one_line(exc))
        except Exception as exc:  # a reader's bug must not stop the batch
            yield ReadDocument(shown, key, file.path.stem, None, _failure(exc))
        else:
            yield ReadDocument(shown, key, file.path.stem, document)
        return
    try:
        for source, content in read_archive(file.data, source=name, limits=limits):
            member = source[len(name) + 1 :] if source.startswith(f"{name}/") else source
            stem = PurePosixPath(member).stem
            if isinstance(content, Document):
                yield ReadDocument(f"{shown}/{member}", f"{key}/{member}", stem, content)
            elif isinstance(content, NoTextLayerError):
                scanned = _scanned(content, source)
                yield ReadDocument(
                    f"{shown}/{member}", f"{key}/{member}", stem, scanned, one_line(content)
                )
            else:
                problem = one_line(content)
                yield ReadDocument(f"{shown}/{member}", f"{key}/{member}", stem, None, problem)
    except Exception as exc:  # the archive as a whole was refused
        yield ReadDocument(shown, key, file.path.stem, None, _failure(exc))


def understand(
    document: Document, *, without_text: str | None = None
) -> tuple[Meeting | None, str | None]:
    """Extract the meeting from a document; on failure return None and the reason. A
    document kept for a file without text (`without_text` says why) has no meeting."""
    if without_text is not None:
        return None, without_text
    try:
        meeting = extract.extract_meeting(document)
    except extract.NotMinutesError as exc:
        return None, f"not minutes: {one_line(exc)}"
    except Exception as exc:  # the text is kept whatever goes wrong in extraction
        return None, f"extraction failed: {type(exc).__name__}: {one_line(exc)}"
    return meeting, None


def passages(document: Document) -> tuple[Passage, ...]:
    """Return the document's blocks as search passages, labelled with the heading above."""
    out: list[Passage] = []
    heading: str | None = None
    for block in document.blocks:
        if block.kind is BlockKind.HEADING:
            heading = " ".join(block.text.split())[:MAX_LABEL_CHARS] or None
            out.append(Passage(block.start, block.end, None))
        else:
            out.append(Passage(block.start, block.end, heading))
    return tuple(out)


def new_document(document: Document, *, key: str, sha256: str) -> NewDocument:
    """Describe a read document for the store, under the path it is known by."""
    return NewDocument(
        source=document.source,
        path=key,
        sha256=sha256,
        format=document.format,
        raw_text=document.raw_text,
        text=document.text,
        encoding=document.encoding,
        passages=passages(document),
    )
