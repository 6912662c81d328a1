"""The members of a zip of minutes, read within limits shared by the whole archive.

An office publishing a year of minutes as one zip is common; a zip can also be a bomb or
a zip of zips. `members` yields each member's bytes (or the reason it is refused), skipping
folders and the hidden files archivers add (`__MACOSX/`, `.DS_Store`, `Thumbs.db`), and
stops taking members once the archive's budget of members or unpacked bytes is spent.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from oversight.documents.document import DocumentError
from oversight.documents.limits import Limits, megabytes
from oversight.documents.zipguard import check_members

_CHUNK = 1024 * 1024
_JUNK = frozenset(("thumbs.db", "desktop.ini"))


@dataclass(slots=True)
class Budget:
    """What is left to spend on one archive, nested archives included."""

    members: int
    unpacked: int

    @classmethod
    def of(cls, limits: Limits) -> Budget:
        """Start a budget from the limits."""
        return cls(limits.max_archive_members, limits.max_unpacked_bytes)


def is_hidden(name: str) -> bool:
    """Say whether a member is archiver litter or hidden: `__MACOSX/`, dot files, Thumbs.db."""
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    return (
        not parts
        or parts[0] == "__MACOSX"
        or any(p.startswith(".") for p in parts)
        or parts[-1].lower() in _JUNK
    )


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read one member in bounded chunks (a member never inflates past its declared size)."""
    out = bytearray()
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            out += chunk
    return bytes(out)


def members(
    data: bytes, *, limits: Limits, budget: Budget
) -> Iterator[tuple[str, bytes | DocumentError]]:
    """Yield (name, bytes or the reason it is refused) for each document in a zip."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir() and not is_hidden(i.filename)]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DocumentError("the zip archive is damaged or truncated") from None
    with archive:
        if len(infos) > budget.members:
            raise DocumentError(
                f"the zip archive holds {len(infos)} files, more than the limit of "
                f"{limits.max_archive_members}"
            )
        check_members(infos, limits=limits, what="the zip archive")
        total = sum(info.file_size for info in infos)
        if total > budget.unpacked:
            raise DocumentError(
                f"the zip archive would unpack to {megabytes(total)}, more than the limit of "
                f"{megabytes(limits.max_unpacked_bytes)} (a zip bomb?)"
            )
        budget.members -= len(infos)
        budget.unpacked -= total
        for info in infos:
            name = info.filename
            if info.file_size > limits.max_file_bytes:
                yield (
                    name,
                    DocumentError(f"the file is larger than {megabytes(limits.max_file_bytes)}"),
                )
                continue
            try:
                yield name, _read(archive, info)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
                yield name, DocumentError("the file is damaged inside the zip archive")
