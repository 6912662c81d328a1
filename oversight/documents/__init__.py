"""Readers that turn the bytes of a file, whatever its format, into a `Document`."""

from oversight.documents.document import Block, BlockKind, Document, DocumentError
from oversight.documents.reader import read_bytes, read_path

__all__ = ["Block", "BlockKind", "Document", "DocumentError", "read_bytes", "read_path"]
