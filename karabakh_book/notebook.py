"""What a chapter calls in its first cell: the book renderer, and glue for prose numbers."""

from __future__ import annotations

from IPython.display import Markdown
from myst_nb import glue

from .render import activate


def setup() -> None:
    """Route every plotly figure through the book renderer."""
    activate()


def glue_figures(figures: dict) -> None:
    """Glue each value for the prose: numbers for ``{glue:text}`key:,```, text for ``{glue:md}`key```.

    Text is glued as Markdown so that it renders without the quotes of a Python string.
    """
    for key, value in figures.items():
        glue(key, Markdown(value) if isinstance(value, str) else value, display=False)
