"""The corrections log (``data/corrections.csv``): the ``{corrections-log}`` directive of the Corrections
page, the dated note on each corrected page, and each page's last update.

Every text is a docutils text node, so nothing in the data can become markup; links to chapters are
Sphinx document references, resolved (and checked) by the build.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .. import data as book_data
from ..words import day, say

CORRECTIONS_PAGE = "chapters/corrections"


def corrections(data_dir: Path = book_data.DATA_DIR) -> pd.DataFrame:
    """Every correction in the reader's language, newest first, with its source's publisher and URL."""
    sources = book_data.load("sources", data_dir).set_index("source_id")[["publisher", "url"]]
    frame = book_data.load("corrections", data_dir).join(sources, on="source_id")  # its own 'published' is ours
    return frame.sort_values(["date", "correction_id"], ascending=[False, True]).reset_index(drop=True)


def of_page(frame: pd.DataFrame, page: str) -> pd.DataFrame:
    return frame[frame["page"] == page]


def updated(frame: pd.DataFrame, page: str) -> pd.Timestamp | None:
    """The date of the page's latest correction; None when it has none."""
    dates = of_page(frame, page)["date"]
    return None if dates.empty else dates.max()


def doc_link(target: str, text: str | None = None) -> addnodes.pending_xref:
    """A link to a document of the book (with its title unless ``text`` is given), resolved by Sphinx."""
    reference = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=f"/{target}",
                                      refexplicit=text is not None, refwarn=True)
    reference += nodes.inline(text=text or target)
    return reference


def notes(frame: pd.DataFrame, page: str) -> list[nodes.Node]:
    """One dated note per day the page was corrected: 'Corrected on 2 December 2026: <now>. <why>
    See all corrections.'; a day with several corrections lists them."""
    found = []
    for date, rows in of_page(frame, page).groupby("date", sort=False):  # newest first, as the log
        said = [nodes.Text(f"{str(row.now).rstrip('.')}. {row.why}") for row in rows.itertuples()]
        heading = nodes.strong(text=say("Corrected on {date:day}:", date=date))
        link = doc_link(CORRECTIONS_PAGE, say("See all corrections."))
        if len(said) == 1:
            note = nodes.paragraph("", "", heading, nodes.Text(" "), said[0], nodes.Text(" "), link, classes=["kb-correction-note"])
        else:
            items = nodes.bullet_list("", *(nodes.list_item("", nodes.paragraph("", "", text)) for text in said))
            note = nodes.container("", nodes.paragraph("", "", heading), items, nodes.paragraph("", "", link),
                                   classes=["kb-correction-note"])
        found.append(note)
    return found


def _entry(row) -> nodes.container:
    entry = nodes.container(classes=["kb-correction"])
    heading = nodes.paragraph()
    heading += nodes.strong(text=day(row.date))
    heading += nodes.Text(" · ")
    heading += doc_link(f"chapters/{row.page}")
    entry += heading
    fields = nodes.field_list()
    source = nodes.paragraph()
    source += nodes.reference(row.publisher, row.publisher, refuri=row.url)
    for name, body in ((say("What we published"), nodes.paragraph(text=row.published)),
                       (say("What it says now"), nodes.paragraph(text=row.now)),
                       (say("Why"), nodes.paragraph(text=row.why)),
                       (say("Source"), source)):
        field = nodes.field()
        field += nodes.field_name(text=name)
        field += nodes.field_body("", body)
        fields += field
    entry += fields
    return entry


class CorrectionsLog(SphinxDirective):
    """``{corrections-log}``: every correction, newest first, or a line saying there are none yet."""

    data_dir = book_data.DATA_DIR

    def run(self) -> list[nodes.Node]:
        for name in ("corrections", "sources"):
            self.env.note_dependency(str(self.data_dir / book_data.resource_descriptor(name, self.data_dir)["path"]))
        frame = corrections(self.data_dir)
        if frame.empty:
            return [nodes.paragraph(text=say("There are no corrections yet."), classes=["kb-no-corrections"])]
        return [_entry(row) for row in frame.itertuples()]
