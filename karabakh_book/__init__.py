"""The book "Leaving Karabakh": its data contract, house style and wording, and one module of
chart builders per story (``stories``); what only the build uses lives in ``build``.

Chapters need only this: ``from karabakh_book import glue_figures, load, setup, with_sources``.
"""

from .data import DataValidationError, UnknownDatasetError, load, with_sources
from .notebook import glue_figures, setup

__all__ = ["DataValidationError", "UnknownDatasetError", "glue_figures", "load", "setup", "with_sources"]
