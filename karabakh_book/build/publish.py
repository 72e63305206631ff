"""Build the book into a staging folder and publish it only when the whole build succeeded.

Readers (and ``make serve``) see ``_build/html``, which is a symbolic link to one complete
release. A new release is copied in full next to the old one and the link is swapped with a
single rename, so nobody ever sees a half-built or half-copied site, and a failed build
leaves the last good site exactly as it was.

    python -m karabakh_book.build.publish build [BOOK]     # build both editions of BOOK (default: .) and publish them
    python -m karabakh_book.build.publish copy SITE DEST   # publish a built SITE to any folder DEST
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from . import vendored
from .editions import EDITIONS, Edition, config_for
from .release_changes import listing, release_changes, write_changes

BUILD_FLAGS = ["--warningiserror", "--nitpick", "--keep-going"]
STAGING = Path("_build") / "next"  # Sphinx's own output and doctrees: kept for fast incremental builds
PUBLISHED = Path("_build") / "html"


def publish(site: Path | dict[str, Path], dest: Path, announce=print) -> Path:
    """Copy ``site`` in full beside ``dest``, then make ``dest`` point at the copy atomically.

    ``site`` is one built site, or the parts of one: {"": english site, "de/": german site}.
    Before the swap, every published figure the new release changes is listed (``announce``d,
    one line at a time) and written into the release (see ``release_changes``).
    """
    parts = {"": site} if not isinstance(site, dict) else site
    parts = {place: Path(path).resolve() for place, path in parts.items()}
    dest = Path(dest).absolute()
    for path in parts.values():
        if not (path / "index.html").is_file():
            raise FileNotFoundError(f"{path} holds no built site (no index.html)")
    releases = dest.parent / f".{dest.name}.releases"
    release = releases / datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    for place, path in sorted(parts.items()):  # the root first, then the editions inside it
        shutil.copytree(path, release / place, symlinks=False, dirs_exist_ok=True)
    previous = Path(os.readlink(dest)).name if dest.is_symlink() else dest.name
    changes = release_changes(dest if dest.exists() else None, release, previous)
    write_changes(changes, release)
    for line in listing(changes):
        announce(line)
    if dest.exists() and not dest.is_symlink():
        # First publication over a plain folder: keep it as the previous release.
        dest.rename(releases / "previous-folder")
    swap = dest.parent / f".{dest.name}.swap"
    swap.unlink(missing_ok=True)
    swap.symlink_to(release.relative_to(dest.parent))
    os.replace(swap, dest)  # rename(2): readers see the old site or the new one, never a mix
    for old in releases.iterdir():
        if old != release:
            shutil.rmtree(old)
    return release


def staging(book: Path, edition: Edition) -> Path:
    """Where an edition is built (Sphinx's output and doctrees, kept for fast incremental builds)."""
    return book / STAGING.parent / (STAGING.name if not edition.site else f"{STAGING.name}-{edition.language}")


def build(book: Path) -> int:
    """Both editions with ``jupyter-book build`` into their staging folders; publish the site to
    ``_build/html`` only when both succeeded."""
    from ..data import VALIDATION_CACHE
    from .compress import compress_site
    from .csp import HEADERS, protect_pages, write_headers
    from .preexecute import preexecute

    book = Path(book).resolve()
    try:
        vendored.verify(book / "karabakh_book" / "build" / "vendor")
    except vendored.TamperedVendorFile as problem:
        print(problem, file=sys.stderr)
        return 1
    # Tables that passed validation are remembered for this build (see karabakh_book.data).
    os.environ.setdefault(VALIDATION_CACHE, str(book / "_build" / ".validated"))
    executed = preexecute(book)  # chapters missing from the cache, in parallel, ahead of Sphinx
    if executed:
        print(f"executed {executed} chapter(s) in parallel ahead of the build")
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    parts = {}
    for edition in EDITIONS:
        output = staging(book, edition)
        result = subprocess.run(
            [str(jupyter_book), "build", str(edition.root(book)), "--config", str(config_for(edition, book, output)),
             "--toc", str(edition.toc(book)), "--path-output", str(output), *BUILD_FLAGS],
            cwd=book,
        )
        if result.returncode != 0:
            print(f"build of the {edition.name} edition failed: nothing published, {book / PUBLISHED} is unchanged", file=sys.stderr)
            return result.returncode
        protect_pages(output / "_build" / "html")  # a Content-Security-Policy on every page
        compress_site(output / "_build" / "html")  # .br and .gz beside every text file, for hosts that serve them
        parts[edition.site] = output / "_build" / "html"
    write_headers(parts, parts[""] / HEADERS)  # the same policies as HTTP headers, for static hosts that read them
    release = publish(parts, book / PUBLISHED)
    print(f"published {release.name} to {book / PUBLISHED}")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["build"] and len(argv) <= 2:
        return build(Path(argv[1]) if len(argv) == 2 else Path("."))
    if argv[:1] == ["copy"] and len(argv) == 3:
        publish(Path(argv[1]), Path(argv[2]))
        print(f"published {argv[1]} to {argv[2]}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
