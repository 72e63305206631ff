"""Shared fixtures: a scratch copy of the data, a scratch copy of the whole book, the built site."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from karabakh_book.build.tree import copy_book_tree

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SITE = ROOT / "_build" / "html"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


GERMAN_STAND_IN = "[de] "


def write_fixture(directory: Path, files: dict[str, str]) -> Path:
    """A hand-made data folder: the real descriptor (so the real schema and rules apply) and
    small CSVs written by a test, named ``<dataset>.csv``.

    A CSV written without the German twins its schema declares gets them as marked stand-ins
    ("[de] " and the English), so a test about English output need not spell out German; a test
    of the German edition writes its twins itself."""
    shutil.copy(DATA / "datapackage.json", directory / "datapackage.json")
    fields = {r["path"]: [f["name"] for f in r["schema"]["fields"]]
              for r in json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    for name, text in files.items():
        (directory / name).write_text(_with_twins(text, fields.get(name, [])), encoding="utf-8")
    return directory


def _with_twins(text: str, fields: list[str]) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return text
    missing = [f for f in fields if f.endswith("_de") and f[:-3] in rows[0] and f not in rows[0]]
    if not missing:
        return text
    for twin in missing:
        english = rows[0].index(twin[:-3])
        rows[0].insert(english + 1, twin)
        for row in rows[1:]:
            row.insert(english + 1, GERMAN_STAND_IN + row[english] if row[english] else "")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def edit_csv(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of text in a CSV; fail loudly if it is not there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture edit: {old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def book_copy(tmp_path: Path) -> Path:
    """A copy of the book's sources (what git tracks) plus the execution cache, so builds are quick.

    Tests build it with PYTHONPATH pointing at the copy, so the kernel and Sphinx import the
    copy's package and read the copy's data.
    """
    return copy_book(tmp_path / "book")


def copy_book(target: Path) -> Path:
    copy_book_tree(target)
    cache = ROOT / "_build" / ".jupyter_cache"
    if cache.is_dir():
        shutil.copytree(cache, target / "_build" / ".jupyter_cache")
    return target


def build(book: Path) -> subprocess.CompletedProcess:
    """Build ``book`` the way ``make book`` does (staging, then publish); return the finished process."""
    # Chart images are keyed by their content: the book's own cache serves scratch copies too.
    env = dict(os.environ, PYTHONPATH=str(book), KARABAKH_IMAGE_CACHE=str(ROOT / "_build" / ".chart-images"))
    return subprocess.run(
        [sys.executable, "-m", "karabakh_book.build.publish", "build", str(book)],
        cwd=book, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail("no built site in _build/html: run 'make book' (make test does it first)")
    return SITE
