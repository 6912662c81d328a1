"""Open a zip container only after checking that it cannot blow up in memory.

A .docx, an .odt and an archive of minutes are zips, and a zip can promise little and
unpack to gigabytes. Before a library reads one, `open_zip` checks the central directory
(member count, total unpacked size, compression ratio, encryption, methods) and then
inflates every member in small chunks to confirm that none unpacks to more than it
declares, since the declared sizes are what later reads trust. A large member found honest
is remembered by a digest of its compressed bytes, which inflate the same way every time:
documents made from one template share parts of hundreds of KB, inflated once.
"""

from __future__ import annotations

import functools
import hashlib
import io
import struct
import zipfile
import zlib
from typing import NamedTuple

from oversight.documents.document import DocumentError
from oversight.documents.limits import Limits, megabytes

# Members below this size may have any ratio: tiny repetitive XML parts compress very well.
_RATIO_FLOOR = 1024 * 1024
_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
# Members that unpack to at least this much are remembered once found honest.
_REMEMBER_FROM = 64 * 1024


@functools.lru_cache(maxsize=256)
def _found_honest(key: tuple[int, bytes]) -> list[bool]:
    """A box per large member, by size and compressed digest: empty until it is found honest."""
    return []


def open_zip(data: bytes, *, limits: Limits, what: str) -> zipfile.ZipFile:
    """Return the checked zip, or raise DocumentError naming `what` ("the Word file")."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DocumentError(
            f"{what} is damaged or truncated (not a complete zip archive)"
        ) from None
    try:
        check_members(infos, limits=limits, what=what)
        for info in infos:
            _check_inflated(data, info, what=what)
    except BaseException:
        archive.close()
        raise
    return archive


def check_members(infos: list[zipfile.ZipInfo], *, limits: Limits, what: str) -> None:
    """Refuse a zip whose directory promises too many members, bytes or too high a ratio."""
    if len(infos) > limits.max_zip_members:
        raise DocumentError(f"{what} has {len(infos)} parts, more than {limits.max_zip_members}")
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked_bytes:
        raise DocumentError(
            f"{what} would unpack to {megabytes(total)}, more than the limit of "
            f"{megabytes(limits.max_unpacked_bytes)} (a zip bomb?)"
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise DocumentError(f"{what} is password-protected")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise DocumentError(f"{what} uses an unsupported compression method")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > limits.max_compression_ratio:
            raise DocumentError(
                f"{what} has a part compressed {ratio:.0f} to 1, more than "
                f"{limits.max_compression_ratio:.0f} to 1 (a zip bomb?)"
            )


class _Stored(NamedTuple):
    name: slice
    compressed: slice


def _locate(data: bytes, info: zipfile.ZipInfo, *, what: str) -> _Stored:
    """Return where a member's local name and its compressed bytes sit in the zip."""
    offset = info.header_offset
    header = data[offset : offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise DocumentError(f"{what} is damaged (a part's header is missing)")
    fields = _LOCAL_HEADER.unpack(header)
    name = offset + _LOCAL_HEADER.size
    start = name + fields[9] + fields[10]
    if len(memoryview(data)[start : start + info.compress_size]) < info.compress_size:
        raise DocumentError(f"{what} is truncated")
    return _Stored(slice(name, name + fields[9]), slice(start, start + info.compress_size))


def stored_member(data: bytes, info: zipfile.ZipInfo, *, what: str) -> tuple[bytes, memoryview]:
    """Return the name a member's local header gives it and its bytes as compressed."""
    stored = _locate(data, info, what=what)
    return data[stored.name], memoryview(data)[stored.compressed]


def _check_inflated(data: bytes, info: zipfile.ZipInfo, *, what: str) -> None:
    """Inflate one member in chunks and refuse it if it yields more than it declares."""
    compressed = memoryview(data)[_locate(data, info, what=what).compressed]
    if info.compress_type == zipfile.ZIP_STORED:
        return
    if info.file_size < _REMEMBER_FROM:
        _inflate_within(compressed, info.file_size, what=what)
        return
    honest = _found_honest((info.file_size, hashlib.sha256(compressed).digest()))
    if not honest:
        _inflate_within(compressed, info.file_size, what=what)
        honest.append(True)


def _inflate_within(compressed: memoryview, declared: int, *, what: str) -> None:
    """Inflate deflated bytes in chunks, refusing them once they pass the declared size."""
    inflater = zlib.decompressobj(-15)
    produced = 0
    position = 0
    pending: bytes | memoryview = b""
    try:
        while not inflater.eof:
            if not pending:
                if position >= len(compressed):
                    break
                pending = compressed[position : position + _CHUNK]
                position += len(pending)
            produced += len(inflater.decompress(pending, _CHUNK))
            pending = inflater.unconsumed_tail
            if produced > declared:
                raise DocumentError(
                    f"{what} has a part that unpacks to more than it declares (a zip bomb?)"
                )
    except zlib.error:
        raise DocumentError(f"{what} is damaged (a part does not decompress)") from None
