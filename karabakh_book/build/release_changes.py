"""What a new release changes in the published one, listed before it is published.

Every glued value, drawn chart point and claim verdict of the new release is compared with the
chapter records (``reproducibility/<chapter>.json``) of the release readers see now, in both
editions, with the same comparison reviewers' re-execution uses (``reproduce.differences``).
Nothing is blocked (corrections are legitimate); every change is printed and written into the
new release as ``reproducibility/release/changes.json``, so no published figure changes silently.
The file holds only the comparison and the previous release's name: identical inputs give
identical bytes, and a first publication lists nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from .editions import EDITIONS
from .reproduce import RECORD_DIR, differences

CHANGES_FILE = Path(RECORD_DIR) / "release" / "changes.json"  # a subfolder: not one of the chapter records


def chapter_records(site: Path, edition_site: str) -> dict[str, dict]:
    """An edition's published chapter records, by chapter name ({} where there are none)."""
    folder = Path(site) / edition_site / RECORD_DIR
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))}


def _contents(record: dict) -> str:
    return f"{len(record['glue'])} glued values, {len(record['figures'])} charts"


def chapter_changes(published: dict[str, dict], new: dict[str, dict]) -> dict[str, list[str]]:
    """What differs per chapter, for the chapters where something does; added and removed chapters as such."""
    changes = {}
    for chapter in sorted(set(published) | set(new)):
        if chapter not in published:
            lines = [f"chapter added ({_contents(new[chapter])})"]
        elif chapter not in new:
            lines = [f"chapter removed (it published {_contents(published[chapter])})"]
        else:
            lines = differences(published[chapter], new[chapter])
        if lines:
            changes[chapter] = lines
    return changes


def release_changes(published_site: Path | None, new_site: Path, previous_release: str | None = None) -> dict:
    """The listing of a new release against the published one (None: a first publication)."""
    first = published_site is None or not Path(published_site).is_dir()
    editions = [
        {"edition": edition.name, "site": edition.site,
         "chapters": {} if first else chapter_changes(chapter_records(published_site, edition.site), chapter_records(new_site, edition.site))}
        for edition in EDITIONS
    ]
    listed = [line for edition in editions for lines in edition["chapters"].values() for line in lines]
    added = sum(line.startswith("chapter added") for line in listed)
    return {
        "first_publication": first,
        "previous_release": None if first else previous_release,
        "changed_figures": len(listed) - added,
        "chapters_added": added,
        "editions": editions,
    }


def summary(changes: dict) -> str:
    if changes["first_publication"]:
        return "first publication: no earlier release to compare with, so no published figure changes"
    changed, added = changes["changed_figures"], changes["chapters_added"]
    line = f"{changed} published figure{'s' if changed != 1 else ''} change in this release" if changed else "no published figure changes"
    return line + (f"; {added} chapter{'s' if added != 1 else ''} added" if added else "")


def listing(changes: dict) -> list[str]:
    """The printed listing: a heading, each edition's changes by chapter, the summary."""
    if changes["first_publication"]:
        return [summary(changes)]
    lines = [f"changes against the published release {changes['previous_release'] or '(unnamed)'}:"]
    for edition in changes["editions"]:
        if edition["chapters"]:
            lines.append(f"  {edition['edition']} ({edition['site'] or 'the site root'})")
            lines += [f"    {chapter}: {line}" for chapter, found in edition["chapters"].items() for line in found]
    return lines + [summary(changes)]


def changes_json(changes: dict) -> str:
    return json.dumps(changes, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def write_changes(changes: dict, release: Path) -> Path:
    """Write the listing into the new release, with its precompressed siblings."""
    from .compress import compress_site

    path = Path(release) / CHANGES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(changes_json(changes), encoding="utf-8")
    compress_site(path.parent)
    return path
