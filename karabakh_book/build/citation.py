"""Suggested citations, in the reader's language: of a page of the book, and of a dataset."""

from __future__ import annotations

from ..words import say


def page_citation(author: str, title: str, book: str, published, updated, url: str) -> str:
    """'The newsroom data team: "The withdrawal". In: Leaving Karabakh. Published 29 November 2026,
    updated 2 December 2026. https://…'"""
    dates = say("Published {published:day}", published=published)
    if updated is not None:
        dates += say(", updated {updated:day}", updated=updated)
    return say('{author}: “{title}”. In: {book}. {dates}. {url}', author=author, title=title, book=book, dates=dates, url=url)


def dataset_citation(author: str, book: str, dataset: str, version: str, url: str) -> str:
    """'The newsroom data team: Leaving Karabakh – Source registry. Data package version 0.1.0. https://…'"""
    return say("{author}: {book} – {dataset}. Data package version {version}. {url}",
               author=author, book=book, dataset=dataset, version=version, url=url)
