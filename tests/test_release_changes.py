"""Before a release is published, every figure it changes in the published one is listed."""

from __future__ import annotations

import json
from pathlib import Path

from karabakh_book.build.publish import publish
from karabakh_book.build.release_changes import CHANGES_FILE, chapter_changes, listing, release_changes
from karabakh_book.build.reproduce import RECORD_DIR, record_json

BLOCKADE = {
    "glue": {"days_closed": "292", "verdict_blockade_from_2022": "consistent",
             "kb_values": json.dumps({"days_closed": 292, "verdict_blockade_from_2022": "consistent", "share": 8})},
    "figures": [{"title": "The corridor was closed for 292 days", "traces": [{"name": "closed", "type": "bar", "x": [1, 2, 3], "y": [10, 20, 30]}]}],
}
CORRECTED = {
    "glue": {"days_closed": "293", "verdict_blockade_from_2022": "needs context",
             "kb_values": json.dumps({"days_closed": 293, "verdict_blockade_from_2022": "needs context", "share": 9})},
    "figures": [{"title": "The corridor was closed for 292 days", "traces": [{"name": "closed", "type": "bar", "x": [1, 2, 3], "y": [10, 20, 31]}]}],
}
EXODUS = {"glue": {"final_arrivals": "100632"}, "figures": []}


def test_each_changed_value_point_and_verdict_is_named_and_an_added_chapter_as_such():
    assert chapter_changes({"blockade": BLOCKADE}, {"blockade": CORRECTED, "exodus": EXODUS}) == {
        "blockade": [
            "glued value 'days_closed': 292 -> 293",
            "glued value 'share': 8 -> 9 (in 'kb_values')",  # only what is not glued on its own
            "verdict 'blockade_from_2022': consistent -> needs context",
            "chart 1 (The corridor was closed for 292 days...), trace 1 'closed', y: point 3: 30 -> 31",
        ],
        "exodus": ["chapter added (1 glued values, 0 charts)"],
    }


def test_a_removed_chapter_is_listed_and_an_unchanged_one_is_not():
    assert chapter_changes({"blockade": BLOCKADE, "exodus": EXODUS}, {"blockade": BLOCKADE}) == {
        "exodus": ["chapter removed (it published 1 glued values, 0 charts)"]
    }


def fake_site(folder: Path, records: dict[str, dict], german: dict[str, dict] | None = None) -> Path:
    """A built site as far as publishing is concerned: an index page and the chapter records."""
    for place, chapters in (("", records), ("de/", german if german is not None else records)):
        (folder / place).mkdir(parents=True, exist_ok=True)
        (folder / place / "index.html").write_text("<html></html>", encoding="utf-8")
        (folder / place / RECORD_DIR).mkdir(exist_ok=True)
        for chapter, record in chapters.items():
            (folder / place / RECORD_DIR / f"{chapter}.json").write_text(record_json(record), encoding="utf-8")
    return folder


def test_publishing_lists_what_changed_since_the_published_release(tmp_path):
    dest, printed = tmp_path / "www" / "html", []
    dest.parent.mkdir()
    first = publish(fake_site(tmp_path / "first", {"blockade": BLOCKADE}), dest, announce=printed.append)
    assert printed == ["first publication: no earlier release to compare with, so no published figure changes"]
    assert json.loads((dest / CHANGES_FILE).read_text(encoding="utf-8"))["first_publication"] is True

    printed.clear()
    second = fake_site(tmp_path / "second", {"blockade": CORRECTED, "exodus": EXODUS}, german={"blockade": BLOCKADE})
    publish(second, dest, announce=printed.append)
    assert printed == [
        f"changes against the published release {first.name}:",
        "  English (the site root)",
        "    blockade: glued value 'days_closed': 292 -> 293",
        "    blockade: glued value 'share': 8 -> 9 (in 'kb_values')",
        "    blockade: verdict 'blockade_from_2022': consistent -> needs context",
        "    blockade: chart 1 (The corridor was closed for 292 days...), trace 1 'closed', y: point 3: 30 -> 31",
        "    exodus: chapter added (1 glued values, 0 charts)",
        "4 published figures change in this release; 1 chapter added",
    ]
    changes = json.loads((dest / CHANGES_FILE).read_text(encoding="utf-8"))
    assert changes["previous_release"] == first.name and changes["first_publication"] is False
    assert changes["changed_figures"] == 4 and changes["chapters_added"] == 1
    assert [(e["edition"], e["site"], sorted(e["chapters"])) for e in changes["editions"]] == [
        ("English", "", ["blockade", "exodus"]), ("Deutsch", "de/", [])]
    assert (dest / CHANGES_FILE).with_suffix(".json.br").is_file() and (dest / CHANGES_FILE).with_suffix(".json.gz").is_file()
    assert not (first.exists()), "the previous release is gone once the new one is published"

    printed.clear()
    publish(second, dest, announce=printed.append)  # the same site again: nothing changes
    assert printed[-1] == "no published figure changes"


def test_the_same_comparison_gives_the_same_bytes(tmp_path):
    published = fake_site(tmp_path / "published", {"blockade": BLOCKADE})
    new = fake_site(tmp_path / "new", {"blockade": CORRECTED})
    from karabakh_book.build.release_changes import changes_json

    assert changes_json(release_changes(published, new, "r1")) == changes_json(release_changes(published, new, "r1"))
    assert listing(release_changes(None, new)) == ["first publication: no earlier release to compare with, so no published figure changes"]
