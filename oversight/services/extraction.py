"""Extract meeting records from files without storing them: one interchange JSON per document.

Each output is named after its input (`<stem>.json`; a zip's members after themselves); when
two inputs share a stem, the later ones get `-2`, `-3`, ... so that no output overwrites
another from the same batch.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from oversight.records.interchange import meeting_to_json
from oversight.services.files import DEFAULT_MAX_FILE_BYTES, FileProblem, collect_files
from oversight.services.progress import Outcome, Progress
from oversight.services.reading import (
    ReadDocument,
    ReadingError,
    documents_in,
    load,
    understand,
)


@dataclass(slots=True)
class ExtractReport:
    """What an extraction batch wrote, and the files it could not turn into records."""

    written: list[Path] = field(default_factory=list)
    failures: list[FileProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Say whether every file gave a record."""
        return not self.failures


def _output_path(out_dir: Path, stem: str, used: set[str]) -> Path:
    name, n = stem, 1
    while name.casefold() in used:
        n += 1
        name = f"{stem}-{n}"
    used.add(name.casefold())
    return out_dir / f"{name}.json"


def _write(item: ReadDocument, out_dir: Path, used: set[str], report: ExtractReport) -> bool:
    """Extract one document and write its record; say whether a record was written."""
    if item.document is None:
        report.failures.append(FileProblem(item.file, item.problem or "could not be read"))
        return False
    meeting, reason = understand(item.document, without_text=item.problem)
    if meeting is None:
        report.failures.append(FileProblem(item.file, reason or "no meeting found"))
        return False
    target = _output_path(out_dir, item.stem, used)
    text = json.dumps(meeting_to_json(meeting), indent=2, ensure_ascii=False)
    try:
        target.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        report.failures.append(FileProblem(item.file, f"cannot write {target}: {exc.strerror}"))
        return False
    report.written.append(target)
    return True


def extract_paths(
    *,
    paths: Sequence[Path],
    out_dir: Path,
    on_progress: Callable[[Progress], None] | None = None,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> ExtractReport:
    """Read and extract each file, writing its record as `<out_dir>/<stem>.json`."""
    files, missing = collect_files(paths)
    report = ExtractReport(failures=list(missing))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        report.failures.append(FileProblem(str(out_dir), f"cannot create: {exc.strerror}"))
        return report
    used: set[str] = set()
    for done, path in enumerate(files, start=1):
        try:
            items = list(documents_in(load(path, max_bytes=max_bytes), max_bytes=max_bytes))
        except ReadingError as exc:
            items = [ReadDocument(str(path), str(path), path.stem, None, str(exc))]
        written = [_write(item, out_dir, used, report) for item in items]
        outcome = Outcome.WRITTEN if written and all(written) else Outcome.FAILED
        if on_progress is not None:
            on_progress(Progress(done=done, total=len(files), file=str(path), outcome=outcome))
    return report
