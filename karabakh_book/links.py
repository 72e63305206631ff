"""Links written once for every page: the build resolves them to page-relative URLs.

A chart or a table is produced before anyone knows on which page, at which depth, it will
appear; it writes these prefixes and the Sphinx extension replaces them on each page.
"""

from __future__ import annotations

from .words import N_

# "kb-data:sources.csv" -> the published data folder's file, relative to the page.
DATA_URL_PREFIX = "kb-data:"
# "kb-doc:chapters/blockade" -> the page of that document, relative to the page.
DOC_URL_PREFIX = "kb-doc:"

# Stage of the report (the data's ``stage`` values) -> (chapter file, short name), in story order.
# The short names are English, marked for translation: say them where they are shown.
STAGES = {
    "war_and_ceasefire": ("war-and-ceasefire", N_("War and ceasefire")),
    "peacekeepers": ("peacekeepers", N_("Peacekeepers")),
    "blockade": ("blockade", N_("Blockade")),
    "offensive": ("offensive", N_("Offensive")),
    "exodus": ("exodus", N_("Exodus")),
    "withdrawal": ("withdrawal", N_("Withdrawal")),
}


def chapter_link(chapter: str) -> str:
    """A page-independent link to a chapter, by its file name (``blockade``)."""
    return f"{DOC_URL_PREFIX}chapters/{chapter}"


def stage_link(stage: str) -> str:
    """A page-independent link to the chapter that tells a stage of the story."""
    return chapter_link(STAGES[stage][0])
