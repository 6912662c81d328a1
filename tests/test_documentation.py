"""The README documents every command and every setting: an undocumented one fails here."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from typer.main import get_command

from oversight.cli import make_cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_paths(command: Any, prefix: str = "") -> list[str]:
    paths: list[str] = []
    for name, sub in getattr(command, "commands", {}).items():
        paths.append(f"{prefix}{name}")
        paths.extend(_command_paths(sub, f"{prefix}{name} "))
    return paths


def test_every_command_appears_in_the_readme() -> None:
    paths = _command_paths(get_command(make_cli()))
    assert "ingest" in paths
    assert "user add" in paths
    missing = [path for path in paths if f"oversight {path}" not in README]
    assert missing == []


def test_every_setting_appears_in_the_readme() -> None:
    source = (ROOT / "oversight" / "settings.py").read_text(encoding="utf-8")
    names = sorted(set(re.findall(r'"(OVERSIGHT_[A-Z_]+)"', source)))
    assert "OVERSIGHT_DATABASE_URL" in names
    missing = [name for name in names if name not in README]
    assert missing == []
