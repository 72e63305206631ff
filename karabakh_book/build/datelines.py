"""Every chapter says when it was published and last updated (under its title), carries a dated note
for each correction, and ends with a suggested citation, in its edition's language.

Dates come from the data (``publication`` and ``corrections``), never from the build's clock, so
two builds of one commit are identical. Inserted as docutils nodes when a page is read (before
Sphinx collects its contents, so "How to cite this page" is in the page's table of contents).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from docutils import nodes
from sphinx.application import Sphinx

from .. import data as book_data
from ..words import say
from . import edition_pages
from .citation import page_citation
from .corrections import corrections, notes, updated
from .editions import page_url

CHAPTERS = "chapters/"
CITATION_ID = "how-to-cite-this-page"


def published(page: str, language: str, data_dir: Path = book_data.DATA_DIR) -> pd.Timestamp:
    """When ``page`` was first published in the edition of ``language`` (the publication data)."""
    frame = book_data.load("publication", data_dir)
    found = frame[(frame["page"] == page) & (frame["edition"] == language)]["published"]
    if found.empty:
        raise KeyError(f"data/publication.csv has no date for page {page!r} in the {language!r} edition: "
                       "commit the page, then run 'python -m karabakh_book.build.publication write'")
    return found.iloc[0]


def dateline(first: pd.Timestamp, last: pd.Timestamp | None) -> nodes.paragraph:
    """'Published 29 November 2026 · Updated 2 December 2026'."""
    text = say("Published {published:day}", published=first)
    if last is not None:
        text += " · " + say("Updated {updated:day}", updated=last)
    return nodes.paragraph(text=text, classes=["kb-dateline"])


def citation_section(text: str) -> nodes.section:
    section = nodes.section(ids=[CITATION_ID], classes=["kb-citation"])
    section += nodes.title(text=say("How to cite this page"))
    section += nodes.paragraph(text=text, classes=["kb-citation-text"])
    return section


def add_to_page(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    if not docname.startswith(CHAPTERS):
        return
    for name in ("publication", "corrections", "sources"):
        app.env.note_dependency(str(book_data.DATA_DIR / book_data.resource_descriptor(name)["path"]))
    page = docname[len(CHAPTERS):]
    first = published(page, edition_pages.edition(app).language)
    log = corrections()
    last = updated(log, page)
    section = doctree.next_node(nodes.section)
    title = section.next_node(nodes.title)
    at = section.index(title) + 1
    section[at:at] = [dateline(first, last), *notes(log, page)]
    config = app.config
    section += citation_section(page_citation(config.author, title.astext(), config.html_title, first, last,
                                              page_url(config.html_baseurl, docname)))
