"""Readers that turn the bytes of a file, whatever its format, into a `Document`."""

from oversight.documents.detect import Format, detect_format
from oversight.documents.document import Block, BlockKind, Document, DocumentError
from oversight.documents.limits import DEFAULT_LIMITS, Limits
from oversight.documents.pdf import NoTextLayerError
from oversight.documents.reader import read_archive, read_bytes, read_many, read_path

__all__ = [
    "DEFAULT_LIMITS",
    "Block",
    "BlockKind",
    "Document",
    "DocumentError",
    "Format",
    "Limits",
    "NoTextLayerError",
    "detect_format",
    "read_archive",
    "read_bytes",
    "read_many",
    "read_path",
]
