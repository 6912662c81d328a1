"""Bounds on the work a reader takes on for one file, so that a hostile file costs little.

A file over a bound is refused with a `DocumentError` naming the bound; the defaults are
generous for minutes (a few pages to a few hundred) and callers may pass their own.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds applied while reading one file (and the members of an archive)."""

    max_file_bytes: int = 64 * MIB
    max_html_bytes: int = 32 * MIB
    # Zip containers (.docx, .odt, archives of minutes): total declared uncompressed size,
    # member count, and compression ratio past which the zip is taken for a bomb.
    max_unpacked_bytes: int = 256 * MIB
    max_zip_members: int = 5000
    max_compression_ratio: float = 200.0
    max_pdf_pages: int = 2000
    max_pdf_chars: int = 5_000_000
    max_seconds: float = 120.0
    max_archive_members: int = 500
    max_archive_depth: int = 2
    convert_seconds: float = 120.0


DEFAULT_LIMITS = Limits()


def megabytes(size: int) -> str:
    """Format a byte count for a message: '64 MB', '1.5 MB'."""
    value = size / MIB
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"
