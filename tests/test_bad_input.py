"""Bad input never reaches readers: each case fails the build with a named error, and the last
good site stays exactly as it was. Text that looks like HTML renders as inert text."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
from pathlib import Path

import pytest
from conftest import build, copy_book, edit_csv
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.build

ARRIVALS = "data/displacement_arrivals_2023.csv"
FIRST_ROW = "2023-09-24,18:00,377,false,armenian,tass_1679727,high,"
HOSTILE = "<img src=x onerror=alert(1)>"  # 28 characters: fits a timeline label


def replace(path: str, old: str, new: str, encoding: str = "utf-8"):
    def change(book: Path) -> None:
        edit_csv(book / path, old, new)
        if encoding != "utf-8":
            (book / path).write_bytes((book / path).read_text(encoding="utf-8").encode(encoding))
    return change


def rewrite_columns(path: str, edit):
    """Rewrite every row of a CSV through ``edit(row, header)``."""
    def change(book: Path) -> None:
        rows = list(csv.reader((book / path).open(encoding="utf-8", newline="")))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(edit(row, rows[0]) for row in rows)
        (book / path).write_text(out.getvalue(), encoding="utf-8")
    return change


def drop_column(name: str):
    return lambda row, header: [cell for cell, label in zip(row, header) if label != name]


def add_column(row, header):
    return row + (["unexpected"] if row is header else [""])


def append_cell(chapter: str, code: str):
    def change(book: Path) -> None:
        path = book / "chapters" / f"{chapter}.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n```{{code-cell}} ipython3\n{code}\n```\n", encoding="utf-8")
    return change


# case id -> (how to break the book, what the build output must say)
CASES = {
    "ragged row": (
        replace(ARRIVALS, FIRST_ROW, FIRST_ROW + ",surplus"),
        "displacement_arrivals_2023.csv, line 2, column '#9 (the header has 8 columns)': rule 'extra-cell'",
    ),
    "bad quoting": (
        replace(ARRIVALS, FIRST_ROW, FIRST_ROW[:-1] + ',"unterminated'),
        "displacement_arrivals_2023.csv, line 2, column '#9 (the header has 8 columns)': rule 'extra-cell'",
    ),
    "wrong encoding": (
        replace(ARRIVALS, "First official count; the source gives 17:00 Moscow time.", "Premier décompte officiel.", encoding="latin-1"),
        "displacement_arrivals_2023.csv, line 2, column 'note': rule 'encoding-error' broken: byte 0xe9 is not valid utf-8",
    ),
    "missing required column": (
        rewrite_columns(ARRIVALS, drop_column("confidence")),
        "displacement_arrivals_2023.csv, line 1, column 'note': rule 'missing-label'",
    ),
    "unknown column": (
        rewrite_columns(ARRIVALS, add_column),
        "displacement_arrivals_2023.csv, line 1, column 'unexpected': rule 'extra-label'",
    ),
    "bad date": (
        replace(ARRIVALS, FIRST_ROW, FIRST_ROW.replace("2023-09-24", "2023-09-31")),
        "displacement_arrivals_2023.csv, line 2, column 'date': rule 'type-error' broken: value \"2023-09-31\"",
    ),
    "date outside the period": (
        replace(ARRIVALS, FIRST_ROW, FIRST_ROW.replace("2023-09-24", "2024-09-24")),
        "displacement_arrivals_2023.csv, line 2, column 'date': rule 'constraint-error' broken: value \"2024-09-24\"",
    ),
    "negative count": (
        replace(ARRIVALS, FIRST_ROW, FIRST_ROW.replace(",377,", ",-377,")),
        "displacement_arrivals_2023.csv, line 2, column 'cumulative_arrivals': rule 'constraint-error' broken: value \"-377\"",
    ),
    "decreasing cumulative count": (
        replace(ARRIVALS, FIRST_ROW, FIRST_ROW.replace(",377,", ",999999,")),
        "column 'cumulative_arrivals': rule 'non_decreasing' broken: 1510 is lower than 999999",
    ),
    "source id that does not resolve": (
        replace(ARRIVALS, FIRST_ROW, FIRST_ROW.replace("tass_1679727", "no_such_source")),
        "displacement_arrivals_2023.csv, line 2, column 'source_id': rule 'foreign-key'",
    ),
    "empty URL": (
        replace("data/sources.csv", "https://tass.com/world/1679727", ""),
        "sources.csv, line 2, column 'url': rule 'constraint-error' broken: value \"\"",
    ),
    "malformed URL": (
        replace("data/sources.csv", "https://tass.com/world/1679727", "tass dot com"),
        "sources.csv, line 2, column 'url': rule 'type-error' broken: value \"tass dot com\"",
    ),
    "a cell that raises": (append_cell("exodus", "raise RuntimeError('a chapter cell failed on purpose')"), "a chapter cell failed on purpose"),
    "a dataset that does not exist": (
        append_cell("exodus", "from karabakh_book import load\nload('no_such_dataset')"),
        "no dataset named 'no_such_dataset'",
    ),
}


def site_state(book: Path) -> tuple[str, str]:
    """Where the published link points, and a digest of every file it serves."""
    site = book / "_build" / "html"
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(site)).encode() + path.read_bytes())
    return os.readlink(site), digest.hexdigest()


@pytest.fixture(scope="module")
def good_book(tmp_path_factory) -> Path:
    book = copy_book(tmp_path_factory.mktemp("good") / "book")
    result = build(book)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return book


@pytest.fixture
def book(good_book, tmp_path) -> Path:
    """A copy of the good book with its published site, its staging build and its cache."""
    return Path(shutil.copytree(good_book, tmp_path / "book", symlinks=True))


@pytest.mark.parametrize("case", CASES)
def test_bad_input_fails_the_build_by_name_and_publishes_nothing(book, case):
    breaks, message = CASES[case]
    before = site_state(book)
    breaks(book)
    result = build(book)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build succeeded"
    assert message in output, f"{case}: expected {message!r} in the build output:\n{output[-3000:]}"
    assert "nothing published" in output
    assert site_state(book) == before, f"{case}: the published site changed"


def test_html_in_the_data_renders_as_inert_text(book):
    edit_csv(book / "data" / "timeline_events.csv", "First refugees arrive", HOSTILE)
    edit_csv(book / ARRIVALS, "First official count; the source gives 17:00 Moscow time.", HOSTILE)
    result = build(book)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    site = book / "_build" / "html"
    pages = [site / "chapters" / "exodus.html", site / "chapters" / "index.html"]
    assert all(HOSTILE not in page.read_text(encoding="utf-8") for page in pages), "raw markup reached a page"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for path in pages:
            page = browser.new_page()
            dialogs = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_timeout(500)
            for chart in page.locator("figure.kb-chart .plotly-graph-div").all():  # hover every point
                for point in chart.locator(".scatterlayer .points path").all()[:40]:
                    box = point.bounding_box()
                    if box:
                        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            for details in page.locator("details.kb-chart-table").all():
                details.evaluate("element => element.open = true")
            assert not dialogs, f"{path.name}: script in the data ran: {dialogs}"
            assert page.locator('img[src="x"]').count() == 0, f"{path.name}: markup in the data became an element"
            assert page.get_by_text(HOSTILE).count() > 0, f"{path.name}: the text itself should be shown, escaped"
            page.close()
        browser.close()
