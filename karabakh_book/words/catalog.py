"""The German for every English text the book says: the ``.po`` files in ``words/de/``.

One file per part of the book (``blockade.po``, ``furniture.po``, ...), all read as one
catalogue with Babel. An English text with no German, or with German that is marked fuzzy or
left empty, is missing: saying it in German fails, naming it and the file it belongs in.
"""

from __future__ import annotations

import functools
from pathlib import Path

from babel.messages.pofile import read_po

FOLDER = Path(__file__).resolve().parent


class MissingPhrase(LookupError):
    """An English text has no translation: nothing half-translated may be published."""

    def __str__(self) -> str:
        return str(self.args[0])


@functools.lru_cache(maxsize=None)
def catalogue(language: str) -> dict:
    """msgid (or (singular, plural)) -> translation (or its two plural forms), from every file."""
    found: dict = {}
    where: dict = {}
    for path in sorted((FOLDER / language).glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if not message.id or message.fuzzy or not (message.string if isinstance(message.string, str) else all(message.string)):
                    continue
                if message.id in found and found[message.id] != message.string:
                    raise ValueError(f"{message.id!r} is translated differently in {where[message.id]} and {path.name}")
                found[message.id], where[message.id] = message.string, path.name
    return found


def translated(text, language: str):
    """The translation of ``text`` (a msgid, or a (singular, plural) pair)."""
    try:
        return catalogue(language)[text]
    except KeyError:
        shown = text if isinstance(text, str) else " / ".join(text)
        raise MissingPhrase(
            f"no {language} translation for {shown!r}: add it to a file in karabakh_book/words/{language}/"
        ) from None
