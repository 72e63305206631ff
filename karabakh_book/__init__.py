"""Shared plumbing of the book: sourced data, house chart style, plotly renderer, Sphinx extension."""

from .data import DataValidationError, UnknownDatasetError, load, with_sources

__all__ = ["DataValidationError", "UnknownDatasetError", "load", "with_sources"]
