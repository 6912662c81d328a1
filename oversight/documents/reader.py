"""Choose the reader for a file by its content and read it into a `Document`.

`read_bytes` and `read_path` read one document; `read_many` reads a path that may be a zip
of minutes into one result per document, each a `Document` or the `DocumentError` that
says in one line why that file could not be read. No function here lets another kind of
exception out for bad input.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from oversight.documents.archive import Budget, members
from oversight.documents.detect import Format, detect_format, image_kind
from oversight.documents.document import Document, DocumentError
from oversight.documents.limits import DEFAULT_LIMITS, Limits, megabytes
from oversight.documents.text import read_text

# Largest file read into memory by default; larger ones are refused before reading.
MAX_FILE_BYTES = DEFAULT_LIMITS.max_file_bytes

Result = tuple[str, Document | DocumentError]


def _refuse_large(size: int, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise DocumentError(
            f"the file is {megabytes(size)}, more than the limit of "
            f"{megabytes(limits.max_file_bytes)}"
        )


def _dispatch(data: bytes, fmt: Format, *, source: str, limits: Limits) -> Document:
    if fmt is Format.PDF:
        from oversight.documents.pdf import read_pdf

        return read_pdf(data, source=source, limits=limits)
    if fmt is Format.DOCX:
        from oversight.documents.docx import read_docx

        return read_docx(data, source=source, limits=limits)
    if fmt is Format.HTML:
        from oversight.documents.html import read_html

        return read_html(data, source=source, limits=limits)
    if fmt in (Format.DOC, Format.ODT, Format.RTF):
        from oversight.documents.docx import read_docx
        from oversight.documents.legacy import convert_to_docx

        converted = convert_to_docx(data, kind=fmt.value, limits=limits)
        return read_docx(converted, source=source, limits=limits, format=fmt.value)
    if fmt is Format.ZIP:
        raise DocumentError("a zip archive of several files; read it with read_many")
    if fmt is Format.ENCRYPTED_OFFICE:
        raise DocumentError("the Office file is password-protected")
    if fmt is Format.OTHER_OFFICE:
        raise DocumentError("an Office file that is not a Word document (a spreadsheet?)")
    if fmt is Format.IMAGE:
        raise DocumentError(f"a {image_kind(data)} image, not a document (scanned? needs OCR)")
    return read_text(data, source=source)


def read_bytes(data: bytes, *, source: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a document from its bytes; raise DocumentError with a one-line reason."""
    _refuse_large(len(data), limits)
    if not data:
        raise DocumentError("the file is empty")
    fmt = detect_format(data)
    try:
        return _dispatch(data, fmt, source=source, limits=limits)
    except DocumentError:
        raise
    except MemoryError:
        raise DocumentError("the file needs more memory than is available") from None
    except RecursionError:
        raise DocumentError(f"the {fmt.value} file is nested too deeply to read") from None
    except Exception as exc:
        # A library failing on a hostile file in a way no reader foresaw still gets a
        # one-line reason; the cause stays chained for whoever debugs it.
        raise DocumentError(
            f"the {fmt.value} file could not be read ({type(exc).__name__})"
        ) from exc


def _read_file(path: Path, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except OSError as exc:
        raise DocumentError(f"cannot read the file: {exc.strerror}") from None
    if not path.is_file():
        raise DocumentError("not a regular file")
    _refuse_large(size, limits)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read the file: {exc.strerror}") from None


def read_path(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a document from a file on disk."""
    return read_bytes(_read_file(path, limits), source=path.name, limits=limits)


def read_archive(data: bytes, *, source: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Result]:
    """Read each document in a zip of minutes: yield (source, Document or DocumentError).

    Raises DocumentError when the archive as a whole is refused (damaged, a bomb, too many
    files); members it holds that cannot be read are yielded with their error.
    """
    return _archive(data, source=source, limits=limits, budget=Budget.of(limits), depth=0)


def _archive(
    data: bytes, *, source: str, limits: Limits, budget: Budget, depth: int
) -> Iterator[Result]:
    for member, content in members(data, limits=limits, budget=budget):
        name = f"{source}/{member}"
        if isinstance(content, DocumentError):
            yield name, content
        elif content[:4] == b"PK\x03\x04" and detect_format(content) is Format.ZIP:
            if depth + 1 >= limits.max_archive_depth:
                yield (
                    name,
                    DocumentError(f"zip archives nested more than {limits.max_archive_depth} deep"),
                )
                continue
            try:
                yield from _archive(
                    content, source=name, limits=limits, budget=budget, depth=depth + 1
                )
            except DocumentError as error:
                yield name, error
        else:
            try:
                yield name, read_bytes(content, source=name, limits=limits)
            except DocumentError as error:
                yield name, error


def read_many(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> Iterator[Result]:
    """Read a file that may be a zip of minutes: yield (source, Document or DocumentError).

    A plain document gives one result named after the file; a zip gives one result per
    document in it, named "archive.zip/member.pdf", which is also the Document's source.
    A zip refused as a whole (damaged, a bomb, too many files) gives one error result.
    """
    try:
        data = _read_file(path, limits)
    except DocumentError as error:
        yield path.name, error
        return
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06") and detect_format(data) is Format.ZIP:
        try:
            yield from read_archive(data, source=path.name, limits=limits)
        except DocumentError as error:
            yield path.name, error
        return
    try:
        yield path.name, read_bytes(data, source=path.name, limits=limits)
    except DocumentError as error:
        yield path.name, error
