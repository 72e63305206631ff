"""When each page of the book was first published, in each edition: ``data/publication.csv``.

The date is that of the commit that first added the page's file (``chapters/<page>.md`` for the
English edition, ``de/chapters/<page>.md`` for the German one), read from git history once and kept
in the data, so a build never asks git or the clock and two builds of one commit are the same.

    python -m karabakh_book.build.publication check   # does the data agree with git history?
    python -m karabakh_book.build.publication write   # rewrite it from git history (after adding a page)
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from .. import data as book_data
from .editions import EDITIONS, Edition, documents
from .tree import BOOK_ROOT

RESOURCE = "publication"
COLUMNS = ("page", "edition", "published", "source_commit")


def first_added(path: Path, book: Path = BOOK_ROOT) -> tuple[str, str] | None:
    """The date (YYYY-MM-DD) and hash of the first commit that added ``path`` (the row's source:
    ``git show <hash>`` shows it); None if git never saw it."""
    result = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%ad %H", "--date=short", "--", str(Path(path).relative_to(book))],
        cwd=book, capture_output=True, text=True, check=True,
    )
    commits = result.stdout.splitlines()
    return tuple(commits[-1].split()) if commits else None  # git lists the newest first


def pages(edition: Edition, book: Path = BOOK_ROOT) -> list[str]:
    """The page names of an edition's table of contents ('index', 'withdrawal', ...)."""
    return [Path(document).name for document in documents(edition, book)]


def from_history(book: Path = BOOK_ROOT) -> str:
    """``publication.csv`` as git history has it: one row per page and edition, in the book's order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for edition in EDITIONS:
        for page in pages(edition, book):
            added = first_added(edition.chapter(book, page), book)
            if added is None:
                raise ValueError(f"{edition.chapter(book, page)} is in no commit yet: commit the page, then write its date")
            writer.writerow((page, edition.language, *added))
    return out.getvalue()


def main(argv: list[str]) -> int:
    path = book_data.DATA_DIR / book_data.resource_descriptor(RESOURCE)["path"]
    if argv[:1] == ["write"]:
        path.write_text(from_history(), encoding="utf-8")
        print(f"wrote {path}")
        return 0
    if argv[:1] == ["check"]:
        if path.read_text(encoding="utf-8") == from_history():
            return 0
        print(f"{path} does not match git history: run 'python -m karabakh_book.build.publication write'", file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
