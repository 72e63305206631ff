"""The book's words, checked: every English text said in the code has its German, and no German
is kept for a text the code no longer says.

    python -m karabakh_book.build.phrases check             # what is missing or unused, per language
    python -m karabakh_book.build.phrases add FILE.po MODULE.py [...]
                                                            # append the module's untranslated texts to FILE.po

Texts are found as gettext would find them, with Babel's extractor: the first argument of
``say``, ``say_plotly`` and ``N_``, both arguments of ``say_n``, when written as plain strings.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po

from ..words.catalog import FOLDER, catalogue
from .tree import BOOK_ROOT

PACKAGE = BOOK_ROOT / "karabakh_book"
KEYWORDS = {"say": None, "say_plotly": None, "N_": None, "say_n": (1, 2)}
# The site's own words, written in English in _config.yml and said by the Sphinx extension.
SITE_TEXTS = (("title",), ("author",), ("html", "extra_footer"), ("sphinx", "config", "html_theme_options", "search_bar_text"))


def said_in(path: Path) -> list:
    """Every text ``path`` says: a msgid, or a (singular, plural) pair."""
    return [message for _, message, _, _ in extract_from_file("python", str(path), keywords=KEYWORDS)]


def site_texts() -> list[str]:
    config = yaml.safe_load((BOOK_ROOT / "_config.yml").read_text(encoding="utf-8"))
    texts = []
    for path in SITE_TEXTS:
        value = config
        for key in path:
            value = value.get(key, {}) if isinstance(value, dict) else {}
        if isinstance(value, str):
            texts.append(value)
    return texts


def everything_said() -> dict:
    """Each text the book says, with the first place that says it."""
    found: dict = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for text in said_in(path):
            found.setdefault(text, str(path.relative_to(BOOK_ROOT)))
    for text in site_texts():
        found.setdefault(text, "_config.yml")
    return found


def gaps(language: str) -> tuple[dict, list]:
    """(texts with no translation, and where they are said; translations no text asks for)."""
    said = everything_said()
    known = catalogue(language)
    return {t: where for t, where in said.items() if t not in known}, sorted((t for t in known if t not in said), key=str)


def add(po_file: Path, modules: list[Path], language: str = "de") -> int:
    """Append the untranslated texts of ``modules`` to ``po_file`` (empty translations to fill in)."""
    known = catalogue(language)
    catalog = Catalog(locale=language)
    if po_file.is_file():
        from babel.messages.pofile import read_po

        with po_file.open("rb") as handle:
            catalog = read_po(handle, locale=language)
    added = 0
    for module in modules:
        for text in said_in(module):
            if text not in known and text not in catalog:
                catalog.add(text, string=("", "") if isinstance(text, tuple) else "")
                added += 1
    with po_file.open("wb") as handle:
        write_po(handle, catalog, omit_header=True, no_location=True, width=120)
    catalogue.cache_clear()
    return added


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:
        missing, unused = gaps("de")
        for text, where in missing.items():
            print(f"missing German: {text!r} (said in {where})")
        for text in unused:
            print(f"unused German: {text!r}")
        return 1 if missing or unused else 0
    if argv[:1] == ["add"] and len(argv) >= 3:
        print(f"{add(Path(argv[1]), [Path(m) for m in argv[2:]])} text(s) added to {argv[1]}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
