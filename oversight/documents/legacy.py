"""Convert legacy Word (.doc), OpenDocument (.odt) and RTF files to .docx with LibreOffice.

LibreOffice runs headless in a private temporary directory (its own user profile, so
conversions never share state), in its own process group, killed when it overruns its time.
Without LibreOffice on PATH the reader says what to install.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from oversight.documents.document import DocumentError
from oversight.documents.limits import DEFAULT_LIMITS, Limits

_NAMES = {"doc": "legacy Word .doc", "odt": "OpenDocument .odt", "rtf": "RTF"}
INSTALL_HINT = "apt-get install libreoffice-writer"


def office_program() -> str | None:
    """Return the path of LibreOffice's `soffice` (or `libreoffice`), if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, *, kind: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Return the .docx bytes LibreOffice makes of a .doc, .odt or .rtf file."""
    name = _NAMES.get(kind, kind)
    program = office_program()
    if program is None:
        raise DocumentError(f"{name} needs LibreOffice: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="oversight-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"input.{kind}"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                cwd=folder,
            )
        except OSError as exc:
            raise DocumentError(f"LibreOffice could not be started: {exc.strerror}") from None
        try:
            process.wait(timeout=limits.convert_seconds)
        except subprocess.TimeoutExpired:
            # LibreOffice starts helper processes; end the whole group it leads.
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise DocumentError(
                f"LibreOffice took more than {limits.convert_seconds:.0f} s to convert the "
                f"{name} file"
            ) from None
        result = folder / "out" / "input.docx"
        if process.returncode != 0 or not result.is_file():
            raise DocumentError(f"LibreOffice could not convert the {name} file")
        return result.read_bytes()
