"""What a chapter calls in its first cell: the book renderer, and glue for prose numbers.

In the kernel every figure goes through ``BookRenderer``: it emits the native plotly mime type
(JupyterLab draws it as usual) after checking that the figure carries its furniture, so a
chart without a headline or a source fails in the chapter's own cell. At build time the
mime type is turned into the page's HTML by ``karabakh_book.build.chart_html``.
"""

from __future__ import annotations

import plotly.io as pio
from IPython.display import Markdown
from myst_nb import glue
from plotly.io._base_renderers import MimetypeRenderer

from .style import PLOTLY_CONFIG, furniture_of, plain_json

PLOTLY_MIME = "application/vnd.plotly.v1+json"
RENDERER_NAME = "karabakh_book"


class BookRenderer(MimetypeRenderer):
    def to_mimebundle(self, fig_dict: dict) -> dict:
        native = plain_json(fig_dict)
        furniture_of(native)  # fail in the chapter's cell, not later in the build
        native["config"] = PLOTLY_CONFIG
        return {PLOTLY_MIME: native}


def setup() -> None:
    """Route every plotly figure a chapter displays through the book renderer."""
    pio.renderers[RENDERER_NAME] = BookRenderer()
    pio.renderers.default = RENDERER_NAME


def glue_figures(figures: dict) -> None:
    """Glue each value for the prose: numbers for ``{glue:text}`key:,```, text for ``{glue:md}`key```.

    Text is glued as Markdown so that it renders without the quotes of a Python string.
    """
    for key, value in figures.items():
        glue(key, Markdown(value) if isinstance(value, str) else value, display=False)
