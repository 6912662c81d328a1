"""Find the files a batch names, and read each one within a size limit.

Folders are walked recursively in name order. A walk skips hidden files and folders (names
starting with ".") and files whose suffix marks them as data rather than documents (JSON
records beside the minutes they came from, databases, code); a file named directly is
always read. A file larger than the limit is refused before it is read, so one stray file
cannot exhaust memory.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
# Suffixes of files that sit beside minutes but never are minutes; skipped in folder walks.
DATA_SUFFIXES = frozenset(
    {
        ".json",
        ".jsonl",
        ".csv",
        ".tsv",
        ".yaml",
        ".yml",
        ".toml",
        ".ini",
        ".cfg",
        ".py",
        ".pyc",
        ".sh",
        ".db",
        ".sqlite",
        ".sqlite3",
        ".db-wal",
        ".db-shm",
        ".db-journal",
        ".lock",
    }
)


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file that could not be taken in, and why, in one line."""

    file: str
    reason: str

    @property
    def line(self) -> str:
        """Return the problem as `<file>: <reason>`."""
        return f"{self.file}: {self.reason}"


class FileReadError(Exception):
    """A file cannot be read; the message is the one-line reason."""


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _skipped(name: str) -> bool:
    return _hidden(name) or Path(name).suffix.lower() in DATA_SUFFIXES


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[FileProblem]]:
    """Expand files and folders into the files to take in, and the paths that do not exist."""
    files: list[Path] = []
    problems: list[FileProblem] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not _hidden(d))
                for name in sorted(names):
                    if not _skipped(name):
                        add(Path(root, name))
        elif path.exists():
            add(path)
        else:
            problems.append(FileProblem(str(path), "no such file or directory"))
    return files, problems


def read_file(path: Path, *, max_bytes: int) -> bytes:
    """Return a file's bytes, or raise FileReadError when it is unreadable or too large."""
    try:
        if not path.is_file():
            raise FileReadError("not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise FileReadError(
                f"file is too large ({_megabytes(size)}; the limit is {_megabytes(max_bytes)})"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise FileReadError("no such file or directory") from None
    except OSError as exc:
        raise FileReadError(f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise FileReadError(f"file is too large (the limit is {_megabytes(max_bytes)})")
    return data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def sha256_hex(data: bytes) -> str:
    """Return the SHA-256 digest of some bytes in hex."""
    return hashlib.sha256(data).hexdigest()
