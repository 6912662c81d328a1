"""The layers import only downwards, as STYLE.md draws them; this walks every import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "oversight"

# Which of our layers each layer may import, besides itself.
ALLOWED: dict[str, set[str]] = {
    "__init__": set(),
    "records": set(),
    "settings": set(),
    "documents": {"records"},
    "extract": {"records", "documents"},
    "store": {"records"},
    "tracking": {"records", "store"},
    "services": {"records", "documents", "extract", "store", "tracking"},
    "web": {"services", "records", "settings"},
    "cli": {"services", "records", "settings"},
}


def _layer(module: str) -> str:
    """Return the layer of a dotted module name inside the package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(source: str, path: Path) -> list[tuple[int, str]]:
    """Return (line, module) for every import of ours in a file's source, relative resolved."""
    tree = ast.parse(source, filename=str(path))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            # A name imported from a package may be a module of it; either way the layer is
            # read from the first two parts, so keep the name on.
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "oversight"]


def _violations() -> list[str]:
    out: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = _layer(_module_name(path))
        allowed = ALLOWED.get(layer)
        if allowed is None:
            out.append(f"{path.relative_to(PACKAGE.parent)}: layer {layer!r} has no rule")
            continue
        for line, module in _imports(path.read_text(encoding="utf-8"), path):
            target = _layer(module)
            if target != layer and target not in allowed:
                where = f"{path.relative_to(PACKAGE.parent)}:{line}"
                out.append(f"{where}: {layer} imports {module}")
    return out


def test_no_import_points_the_wrong_way() -> None:
    assert _violations() == []


@pytest.mark.parametrize(
    ("source", "file", "expected"),
    [
        ("from oversight.cli import main", "store/x.py", ["oversight.cli.main"]),
        ("from .. import extract", "store/x.py", ["oversight.extract"]),
        ("from . import facts", "store/x.py", ["oversight.store.facts"]),
        ("from .tables import Base", "store/__init__.py", ["oversight.store.tables.Base"]),
        ("from oversight import web", "cli.py", ["oversight.web"]),
        (
            "import oversight.documents.reader as r",
            "store/search/y.py",
            ["oversight.documents.reader"],
        ),
        ("def f():\n    from oversight.web import app", "records/x.py", ["oversight.web.app"]),
        ("import json\nfrom sqlalchemy import text", "store/x.py", []),
    ],
)
def test_imports_are_found_and_resolved(source: str, file: str, expected: list[str]) -> None:
    assert [name for _, name in _imports(source, PACKAGE / file)] == expected
