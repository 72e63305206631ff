"""Execute the chapters the cache does not hold, in parallel, before Sphinx starts.

myst-nb executes notebooks one after another while Sphinx reads them; on a cold build that is
most of the time. This pass reads every chapter exactly as the build will (its source plus the
fingerprint cell ``sphinx_ext`` appends), executes the ones without a cache record side by side
on all cores, and stores the results in the same jupyter-cache. The build then finds them there.
A chapter that fails here is simply not cached: the build executes it again and reports the
error the usual way, so nothing about failure handling changes.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import yaml

from .editions import EDITIONS, documents, of_source
from .sphinx_ext import FINGERPRINT_CELL, _is_notebook, dependency_fingerprint


def _as_the_build_reads_it(path: Path, book: Path):
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    config = yaml.safe_load((book / "_config.yml").read_text(encoding="utf-8"))
    extensions = set(config.get("parse", {}).get("myst_enable_extensions", []))
    text = path.read_text(encoding="utf-8")
    text += FINGERPRINT_CELL.format(fingerprint=dependency_fingerprint(text, language=of_source(path, book).language))
    return read_myst_markdown_notebook(text, config=MdParserConfig(enable_extensions=extensions), add_source_map=True, path=path)


def _execute(path: str, book: str, timeout: int) -> tuple[str, str | None, float]:
    """In a worker process: the executed notebook as JSON, or None when a cell failed."""
    from jupyter_cache.executors.utils import single_nb_execution

    from .kernels import ipc_kernel

    notebook = _as_the_build_reads_it(Path(path), Path(book))
    with ipc_kernel() as kernel:
        result = single_nb_execution(notebook, cwd=str(Path(path).parent), allow_errors=False, timeout=timeout, meta_override=True, km=kernel)
    return path, (None if result.err else nbformat.writes(notebook)), result.time


def chapters(book: Path) -> list[Path]:
    """Every notebook of both editions, in table-of-contents order."""
    paths = [edition.root(book) / f"{name}.md" for edition in EDITIONS for name in documents(edition, book)]
    return [p for p in paths if p.is_file() and _is_notebook(p.read_text(encoding="utf-8"))]


def preexecute(book: Path) -> int:
    """Execute and cache every chapter missing from the cache; return how many were executed."""
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    config = yaml.safe_load((book / "_config.yml").read_text(encoding="utf-8"))["execute"]
    cache = get_cache(book / config["cache"])
    stale = []
    for path in chapters(book):
        try:
            cache.match_cache_notebook(_as_the_build_reads_it(path, book))
        except KeyError:
            stale.append(path)
    if len(stale) < 2:
        return 0  # nothing to gain over the build's own execution
    with ProcessPoolExecutor(max_workers=min(len(stale), os.cpu_count() or 1)) as pool:
        results = list(pool.map(_execute, [str(p) for p in stale], [str(book)] * len(stale), [config.get("timeout", 120)] * len(stale)))
    for path, executed, seconds in results:
        if executed is not None:
            cache.cache_notebook_bundle(
                CacheBundleIn(nbformat.reads(executed, as_version=4), path, data={"execution_seconds": seconds}),
                check_validity=False, overwrite=True,
            )
    return sum(executed is not None for _, executed, _ in results)
