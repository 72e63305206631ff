"""Reviewers' re-execution: chapters reproduce the published build, and differences are named."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build, edit_csv

from karabakh_book.build.release_changes import CHANGES_FILE
from karabakh_book.build.reproduce import RECORD_DIR, _plain, differences
from karabakh_book.build.tree import copy_book_tree

pytestmark = pytest.mark.build


def reproduce(book: Path, *chapters: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(book))
    return subprocess.run(
        [sys.executable, "-m", "karabakh_book.build.reproduce", *chapters], cwd=book, env=env, capture_output=True, text=True, timeout=900
    )


def test_plotly_typed_arrays_are_read_as_numbers():
    assert _plain({"dtype": "i2", "bdata": "AQACAA=="}) == [1, 2]
    assert _plain([{"dtype": "f8", "bdata": "AAAAAAAA+D8="}, "x"]) == [[1.5], "x"]


def test_differences_name_the_value_and_both_versions():
    published = {"glue": {"total": "100"}, "figures": [{"title": "T", "traces": [{"name": "a", "y": [1, 2, 3]}]}]}
    fresh = {"glue": {"total": "101"}, "figures": [{"title": "T", "traces": [{"name": "a", "y": [1, 2, 4]}]}]}
    found = differences(published, fresh)
    assert "glued value 'total': 100 -> 101" in found
    assert any("trace 1 'a', y: point 3: 3 -> 4" in line for line in found)
    assert differences(published, published) == []


def test_every_chapter_reproduces_the_published_build(site):
    result = reproduce(ROOT, "all")
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    chapters = sorted(p.stem for p in (site / RECORD_DIR).glob("*.json"))
    assert chapters and sorted(p.stem for p in (site / "de" / RECORD_DIR).glob("*.json")) == chapters
    for chapter in chapters:  # both editions of every chapter
        assert f"{chapter} (English): re-executed from scratch" in result.stdout
        assert f"{chapter} (Deutsch): re-executed from scratch" in result.stdout
    # A reviewer sees the report and nothing else: no kernel warnings (TCP without encryption, orphaned kernel).
    assert "WARNING" not in result.stdout + result.stderr and "encryption" not in result.stdout + result.stderr


def test_a_data_point_changed_after_the_build_is_named(book_copy):
    first = build(book_copy)
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-4000:]
    edit_csv(book_copy / "data" / "displacement_arrivals_2023.csv", "2023-10-04,,100632,", "2023-10-04,,100700,")
    result = reproduce(book_copy, "exodus")
    assert result.returncode == 1
    assert "glued value 'final_arrivals': 100632 -> 100700" in result.stdout
    assert re.search(r"trace \d+ .*y: .*100632 -> 100700", result.stdout)


def test_two_clean_builds_give_identical_figure_data_and_values(tmp_path):
    """No timestamps, random ids or unordered iteration leak into what a chapter produces."""
    sites = []
    for name in ("first", "second"):
        book = copy_book_tree(tmp_path / name)  # sources only: no build, no cache
        result = build(book)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
        sites.append(book / "_build" / "html")
    records = sorted(p.name for p in (sites[0] / RECORD_DIR).glob("*.json"))
    assert records
    for name in records:
        assert (sites[0] / RECORD_DIR / name).read_bytes() == (sites[1] / RECORD_DIR / name).read_bytes(), name
    changes = [(site / CHANGES_FILE).read_bytes() for site in sites]  # a first publication: the same empty listing
    assert changes[0] == changes[1] and json.loads(changes[0])["first_publication"] is True
    for page in sorted(sites[0].rglob("*.html")):
        charts = [re.findall(r'<figure class="kb-chart".*?</figure>', (site / page.relative_to(sites[0])).read_text(encoding="utf-8"), re.S) for site in sites]
        assert charts[0] == charts[1], page.name
