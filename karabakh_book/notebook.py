"""What a chapter calls in its first cell: the book renderer, and glue for prose numbers.

In the kernel every figure goes through ``BookRenderer``: it emits the native plotly mime type
(JupyterLab draws it as usual) after checking that the figure carries its furniture, so a
chart without a headline or a source fails in the chapter's own cell. At build time the
mime type is turned into the page's HTML by ``karabakh_book.build.chart_html``.
"""

from __future__ import annotations

import datetime
import json

import pandas as pd
import plotly.io as pio
from IPython.display import Markdown
from myst_nb import glue
from plotly.io._base_renderers import MimetypeRenderer

from .style import PLOTLY_CONFIG, furniture_of, plain_json
from .words import Term, day, language, number, use

PLOTLY_MIME = "application/vnd.plotly.v1+json"
NEUTRAL_VALUES = "kb_values"  # the glued record of a chapter's numbers, dates and terms
RENDERER_NAME = "karabakh_book"


class BookRenderer(MimetypeRenderer):
    def to_mimebundle(self, fig_dict: dict) -> dict:
        native = plain_json(fig_dict)
        furniture_of(native)  # fail in the chapter's cell, not later in the build
        native["config"] = PLOTLY_CONFIG
        return {PLOTLY_MIME: native}


def setup(language: str = "en") -> None:
    """Route every plotly figure a chapter displays through the book renderer, and say
    everything in the chapter's language (its edition's: 'en' or 'de')."""
    use(language)
    pio.renderers[RENDERER_NAME] = BookRenderer()
    pio.renderers.default = RENDERER_NAME


def glue_figures(figures: dict) -> None:
    """Glue each value for the prose, written for the chapter's language.

    Numbers: in English as numbers, for ``{glue:text}`key:,```; in German as German text
    (100.632, 30,6; a key ending in ``_year`` ungrouped), for ``{glue:md}`key```. Dates (timestamps) as the edition writes them,
    for ``{glue:md}`key```; other text as Markdown, so that it renders without quotes.
    Every number, date and term is also glued in one language-neutral record (``kb_values``):
    the two editions must agree on it, and reviewers' re-runs compare it.
    """
    neutral = {}
    for key, value in figures.items():
        if isinstance(value, (pd.Timestamp, datetime.date)):
            neutral[key] = value.isoformat()[:10]
            shown = Markdown(day(value))
        elif isinstance(value, Term):
            neutral[key] = value.key
            shown = Markdown(str(value))
        elif isinstance(value, str):
            shown = Markdown(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            neutral[key] = value
            # A key named '..._year' holds a year: written as it is, never grouped (1988, not 1.988).
            shown = value if language() == "en" else Markdown(number(value, "" if key.endswith("_year") else ","))
        else:
            shown = value
        glue(key, shown, display=False)
    glue(NEUTRAL_VALUES, Markdown(json.dumps(neutral, sort_keys=True)), display=False)
