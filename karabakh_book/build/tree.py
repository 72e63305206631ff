"""The book's source tree: where it is, and how to copy it for a scratch build."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

BOOK_ROOT = Path(__file__).resolve().parents[2]


def copy_book_tree(target: Path, root: Path = BOOK_ROOT) -> Path:
    """Copy what git would commit (tracked files and new, not ignored ones) from ``root`` to ``target``.

    Benchmarks and tests build such copies, so the working tree and its build are never touched.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root, capture_output=True, check=True
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = root / name
        if source.is_file():  # a deleted but still tracked file is listed too
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target
